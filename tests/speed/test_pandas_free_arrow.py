"""The pandas-free Arrow builders used on a fresh process's first query give what pyarrow's own
constructors give (the oracle): literals (`types.arrow.scalar`), int64 arrays, and aggregates
over a whole table (`_aggregate_whole` against Arrow's `group_by([]).aggregate`)."""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dfengine.execution.operators.aggregate import _aggregate_whole
from dfengine.types.arrow import int64_array, scalar

LITERALS = [
    (None, pa.int32()), (None, pa.string()), (None, pa.bool_()), (1, pa.int32()),
    (-128, pa.int8()), (2**63 - 1, pa.int64()), (-(2**63), pa.int64()), (7, pa.int16()),
    (1, pa.float64()), (0.1, pa.float32()), (-2.5, pa.float64()), (float("inf"), pa.float64()),
    (True, pa.bool_()), (False, pa.bool_()), ("héllo", pa.string()), ("", pa.string()),
    (3, pa.decimal128(5, 2)), ("x", pa.large_string()),
]


@pytest.mark.parametrize(("value", "at"), LITERALS)
def test_scalar_equals_pyarrow_scalar(value, at):
    ours, theirs = scalar(value, at), pa.scalar(value, at)
    assert ours.type == theirs.type
    assert ours.is_valid == theirs.is_valid
    assert ours.as_py() == theirs.as_py()


def test_scalar_keeps_nan_and_pyarrow_errors():
    assert math.isnan(scalar(float("nan"), pa.float64()).as_py())
    with pytest.raises(pa.ArrowInvalid):
        scalar(300, pa.int8())


def test_int64_array():
    assert int64_array([3, -1, 2**62]).equals(pa.array([3, -1, 2**62], pa.int64()))
    assert int64_array(np.arange(0, 10, 3)).equals(pa.array([0, 3, 6, 9], pa.int64()))
    assert int64_array([]).equals(pa.array([], pa.int64()))


TABLE = pa.table({"i": pa.array([3, None, -7, 5], pa.int32()),
                  "d": pa.array([1.5, None, float("nan"), -2.0]),
                  "s": pa.array(["b", None, "a", "c"])})
AGGS = [[([], "count_all"), ("i", "count"), ("i", "sum"), ("i", "min"), ("i", "max")],
        [("d", "sum"), ("d", "min"), ("d", "max"), ("s", "min"), ("s", "max")],
        [("i", "count", pc.CountOptions(mode="all")), ("i", "count", pc.CountOptions("only_null")),
         ("i", "sum", pc.ScalarAggregateOptions(skip_nulls=False))]]


@pytest.mark.parametrize("aggs", AGGS)
@pytest.mark.parametrize("rows", [4, 1, 0])
def test_whole_table_aggregates_equal_arrows_group_by(aggs, rows):
    table = TABLE.slice(0, rows)
    ours = _aggregate_whole(table, aggs)
    theirs = table.group_by([], use_threads=False).aggregate(aggs)
    assert ours.schema == theirs.schema
    assert ours.to_pylist() == theirs.to_pylist() or (
        str(ours.to_pylist()) == str(theirs.to_pylist()))  # NaN != NaN


def test_other_aggregates_are_left_to_arrow():
    assert _aggregate_whole(TABLE, [("i", "mean")]) is None
