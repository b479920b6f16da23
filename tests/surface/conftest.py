"""Differential helpers: the same Python rows become a dfengine and a PySpark DataFrame, and
results are compared by column names and values (floats to 1e-9 relative)."""

from __future__ import annotations

import math
from typing import Any

import pytest

ROWS = [(1, "a", 2.0, None), (2, "b", None, 5), (3, "a", 4.0, 6), (None, "c", 1.0, 1),
        (1, None, 3.0, 7), (2, "a", 8.5, 2)]
SCHEMA = "k int, s string, x double, y int"


@pytest.fixture
def both(spark, pyspark_session):
    """`both(rows, schema)` -> (dfengine DataFrame, PySpark DataFrame)."""

    def make(rows: list = ROWS, schema: str = SCHEMA) -> tuple[Any, Any]:
        return (spark.createDataFrame(rows, schema),
                pyspark_session.createDataFrame(rows, schema))

    return make


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b))
    if hasattr(a, "asDict") and hasattr(b, "asDict"):
        return list(a.__fields__) == list(b.__fields__) and _same_value(tuple(a), tuple(b))
    return a == b


def rows_of(df: Any) -> list[tuple]:
    return [tuple(r) for r in df.collect()]


def _key(row: tuple) -> tuple:
    return tuple((v is None, str(v)) for v in row)


def assert_same_df(ours: Any, theirs: Any, ordered: bool = False) -> None:
    """Same column names, types as simple strings, and rows (sorted unless `ordered`)."""
    assert ours.columns == theirs.columns
    assert [t for _, t in ours.dtypes] == [t for _, t in theirs.dtypes]
    a, b = rows_of(ours), rows_of(theirs)
    if not ordered:
        a, b = sorted(a, key=_key), sorted(b, key=_key)
    assert len(a) == len(b), (a, b)
    for x, y in zip(a, b):
        assert _same_value(x, y), (x, y)


def assert_same_value(ours: Any, theirs: Any) -> None:
    assert _same_value(ours, theirs), (ours, theirs)
