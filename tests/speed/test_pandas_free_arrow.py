"""The pandas-free Arrow builders used on a fresh process's first query give what pyarrow's own
constructors give (the oracle): literals (`types.arrow.scalar`), int64, NumPy and decimal
arrays, NumPy values and validity read from buffers (against `to_numpy`), and aggregates over
a whole table (`_aggregate_whole` against Arrow's `group_by([]).aggregate`)."""

from __future__ import annotations

import datetime as dt
import decimal as D
import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dfengine.execution.operators.aggregate import _aggregate_whole
from dfengine.types.arrow import (
    decimal_array,
    from_numpy,
    int64_array,
    numpy_values,
    scalar,
    valid_mask,
)

LITERALS = [
    (None, pa.int32()), (None, pa.string()), (None, pa.bool_()), (1, pa.int32()),
    (-128, pa.int8()), (2**63 - 1, pa.int64()), (-(2**63), pa.int64()), (7, pa.int16()),
    (1, pa.float64()), (0.1, pa.float32()), (-2.5, pa.float64()), (float("inf"), pa.float64()),
    (True, pa.bool_()), (False, pa.bool_()), ("héllo", pa.string()), ("", pa.string()),
    (3, pa.decimal128(5, 2)), ("x", pa.large_string()),
    (dt.date(1998, 12, 1), pa.date32()), (dt.date(1, 1, 1), pa.date32()),
    (dt.date(1969, 12, 31), pa.date32()), (dt.datetime(1900, 1, 1, 0, 0, 0, 1), pa.timestamp("us")),
    (dt.datetime(2020, 1, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30))),
     pa.timestamp("us")),
    (D.Decimal("-1.5"), pa.decimal128(5, 2)), (D.Decimal("1E+2"), pa.decimal128(5, 2)),
    (D.Decimal("-0.00"), pa.decimal128(3, 2)), (D.Decimal("9" * 38), pa.decimal128(38, 0)),
    (D.Decimal("-12345678901234567890.123456"), pa.decimal256(40, 6)),
    (D.Decimal("1.25"), pa.decimal128(5, 1)),  # inexact: pyarrow's own answer (an error)
]


@pytest.mark.parametrize(("value", "at"), LITERALS)
def test_scalar_equals_pyarrow_scalar(value, at):
    try:
        theirs = pa.scalar(value, at)
    except pa.ArrowInvalid:
        with pytest.raises(pa.ArrowInvalid):
            scalar(value, at)
        return
    ours = scalar(value, at)
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


ARRAYS = [
    pa.array([1, None, 3, 4, 5], pa.int32()), pa.array([True, False, None, True] * 5),
    pa.array([1.5, None, -0.0]), pa.array([dt.date(2020, 1, 1), None]),
    pa.array([3, 4, 5], pa.uint16()), pa.array(list(range(10)), pa.int8()),
    pa.array([], pa.int64()), pa.array([None, None], pa.int64()),
    pa.array([dt.datetime(2020, 1, 1)], pa.timestamp("us")),
]


@pytest.mark.parametrize("arr", ARRAYS, ids=lambda a: str(a.type))
def test_numpy_values_and_valid_mask_equal_to_numpy(arr):
    for part in (arr, arr.slice(1), arr.slice(len(arr) // 2, 2)):
        valid = valid_mask(part)
        assert valid.tolist() == pc.is_valid(part).to_pylist()
        values = numpy_values(part)
        want = (part.view(pa.int32() if part.type.bit_width == 32 else pa.int64())
                if pa.types.is_temporal(part.type) else part)
        assert [v.item() if ok else None for v, ok in zip(values, valid)] == want.to_pylist()
    assert numpy_values(pa.array(["a"])) is None


@pytest.mark.parametrize("values", [np.arange(5), np.arange(5, dtype=np.int32),
                                    np.array([1.5, 2.0]), np.array([True, False, True]),
                                    np.arange(10, dtype=np.uint8)[::2], np.zeros(0)])
def test_from_numpy_equals_pa_array(values):
    for valid in (None, np.arange(len(values)) % 2 == 0):
        ours = from_numpy(values, valid)
        theirs = pa.array(values, mask=None if valid is None else ~valid)
        assert ours.equals(theirs) and ours.type == theirs.type


def test_decimal_array_equals_pa_array():
    for values, at in [([D.Decimal("1.25"), None, D.Decimal("-3")], pa.decimal128(10, 2)),
                       ([D.Decimal(1)], pa.decimal256(40, 5)), ([None], pa.decimal128(5, 1)),
                       ([], pa.decimal128(5, 1))]:
        ours, theirs = decimal_array(values, at), pa.array(values, at)
        assert ours.equals(theirs) and ours.null_count == theirs.null_count
