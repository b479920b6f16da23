"""Wrong answers and missing pieces found by running PySpark's DataFrame and GroupedData
docstring examples (benchmarks/pyspark_doctests.py dataframe group), compared with PySpark."""

from __future__ import annotations

import contextlib
import io

import pytest

pytestmark = pytest.mark.pyspark

ROWS = [(2, "Alice"), (5, "Bob")]


def _both(spark, pyspark_session, rows, schema):
    return spark.createDataFrame(rows, schema), pyspark_session.createDataFrame(rows, schema)


def _printed(fn, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args)
    return out.getvalue()


def test_dir_lists_identifier_columns(spark, pyspark_session):
    d, p = _both(spark, pyspark_session, [(1, 2, 3, 4)], ["id", "i_x", "1", "name 1"])
    assert [a for a in dir(d) if a[0] == "i"][:4] == [a for a in dir(p) if a[0] == "i"][:4]
    assert "name 1" not in dir(d) and "1" not in dir(d)


def test_nested_tuple_is_a_struct_and_print_schema_stops_at_level(spark, pyspark_session):
    d, p = _both(spark, pyspark_session, [(1, (2, "x"), [3])], ["a", "b", "c"])
    assert d.schema.simpleString() == p.schema.simpleString()
    assert [tuple(r) for r in d.collect()] == [tuple(r) for r in p.collect()]
    for level in (1, 2, None):
        assert _printed(d.printSchema, level) == _printed(p.printSchema, level)


def test_grouped_data_repr(spark, pyspark_session):
    d, p = _both(spark, pyspark_session, ROWS, ["age", "name"])
    assert repr(d.groupBy(d.name)) == repr(p.groupBy(p.name))
    assert repr(d.groupBy("age", "name")) == repr(p.groupBy("age", "name"))


@pytest.mark.parametrize("kind", ["cube", "rollup"])
def test_cube_and_rollup_take_column_ordinals(spark, pyspark_session, kind):
    d, p = _both(spark, pyspark_session, ROWS, ["name", "age"])
    got = getattr(d, kind)(1, 2).count().orderBy(1, 2).collect()
    want = getattr(p, kind)(1, 2).count().orderBy(1, 2).collect()
    assert [tuple(r) for r in got] == [tuple(r) for r in want]


def test_to_arrow_of_one_partition_is_one_chunk(spark, pyspark_session):
    d, p = _both(spark, pyspark_session, ROWS, ["age", "name"])
    got, want = d.coalesce(1).toArrow(), p.coalesce(1).toArrow()
    assert got.equals(want)
    assert [c.num_chunks for c in got.columns] == [c.num_chunks for c in want.columns]
