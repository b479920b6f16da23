"""The comparison the doctest-fix tests share: the same rows in both engines, then the same
column names, types (and, when asked, nullability) and values as PySpark."""

from __future__ import annotations

from typing import Any


def both(spark: Any, pyspark_session: Any, rows: list, schema: Any) -> tuple[Any, Any]:
    return spark.createDataFrame(rows, schema), pyspark_session.createDataFrame(rows, schema)


def same(d: Any, p: Any, ordered: bool = True, nullable: bool = False) -> None:
    """`ordered=False` for results whose row order neither engine promises (an unordered
    groupBy)."""
    assert d.columns == p.columns
    assert [d.schema[c].dataType.simpleString() for c in d.columns] == [
        p.schema[c].dataType.simpleString() for c in p.columns]
    if nullable:
        assert [f.nullable for f in d.schema.fields] == [f.nullable for f in p.schema.fields]
    got, want = [tuple(r) for r in d.collect()], [tuple(r) for r in p.collect()]
    if not ordered:
        got, want = sorted(got, key=repr), sorted(want, key=repr)
    assert got == want


def fns() -> tuple[Any, Any]:
    """dfengine's and PySpark's functions modules, imported when a test runs."""
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    return F, PF
