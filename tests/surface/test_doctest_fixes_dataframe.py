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


def test_attribute_of_a_map_column_is_its_item(spark, pyspark_session):
    d, p = _both(spark, pyspark_session, [({"key": "value"}, (1, "x"))],
                 "d map<string,string>, s struct<a:int,b:string>")
    got, want = d.select(d.d.key, d.d.nokey, d.s.b), p.select(p.d.key, p.d.nokey, p.s.b)
    assert got.columns == want.columns
    assert [tuple(r) for r in got.collect()] == [tuple(r) for r in want.collect()]


def test_raise_error_and_assert_true_take_the_message_as_text(spark, pyspark_session):
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    d, p = _both(spark, pyspark_session, ROWS, ["age", "name"])
    got = d.select(F.when(F.lit(True), 1).otherwise(F.raise_error("unreachable")).alias("w"),
                   F.assert_true(d.age > 0, "positive"))
    want = p.select(PF.when(PF.lit(True), 1).otherwise(PF.raise_error("unreachable")).alias("w"),
                    PF.assert_true(p.age > 0, "positive"))
    assert got.columns == want.columns
    assert [tuple(r) for r in got.collect()] == [tuple(r) for r in want.collect()]


@pytest.mark.parametrize("how", ["left_outer", "right_outer"])
def test_outer_join_keeps_the_preserved_side_in_order(spark, pyspark_session, how):
    """The docstring's data: Spark broadcasts the small side and streams the preserved one."""
    d, p = _both(spark, pyspark_session, [(7, "Zed"), (2, "Alice"), (5, "Bob")], ["age", "name"])
    d2, p2 = _both(spark, pyspark_session, [(80, "Tom"), (85, "Bob")], ["height", "name"])
    got = d.join(d2, "name", how).collect()
    want = p.join(p2, "name", how).collect()
    assert [tuple(r) for r in got] == [tuple(r) for r in want]


def test_map_in_pandas_and_arrow_accept_barrier_and_complete_keys(spark, pyspark_session):
    d, p = _both(spark, pyspark_session, ROWS, ["age", "name"])
    assert d._ipython_key_completions_() == p._ipython_key_completions_()

    def keep(frames):
        for f in frames:
            yield f[f.age > 3]

    assert d.mapInPandas(keep, d.schema, barrier=True).collect() == p.mapInPandas(
        keep, p.schema, barrier=True).collect()


def test_with_column_needs_a_string_name(spark, pyspark_session):
    """PySpark classic fails too (inside Py4J); dfengine says why, as PySpark Connect does."""
    from dfengine.errors import PySparkTypeError

    d, p = _both(spark, pyspark_session, ROWS, ["age", "name"])
    from py4j.protocol import Py4JError

    with pytest.raises(Py4JError):
        p.withColumn(1, p.age)
    with pytest.raises(PySparkTypeError) as info:
        d.withColumn(1, d.age)
    assert info.value.getCondition() == "NOT_STR"
