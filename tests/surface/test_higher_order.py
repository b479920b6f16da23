"""Higher-order functions with lambdas, from SQL and from F. with Python lambdas, against
PySpark on the same rows: values, result column names (`lambdafunction(...)`), types, NULL
arrays, empty arrays, NULL elements, nested lambdas and lambdas reading outer columns."""

from __future__ import annotations

import pytest

from dfengine.errors import AnalysisException, PySparkValueError
from dfengine.sql import functions as F

from .conftest import assert_same_df

ROWS = [
    (1, [3, 1, None, 2], [1, 2], {"a": 1, "b": None}, [[1, 2], [3]]),
    (2, [], [5], {}, []),
    (3, None, None, None, None),
    (4, [7, 8], [1, 2, 3], {"x": 10}, [[], None, [4]]),
]
SCHEMA = "id int, xs array<int>, ys array<int>, m map<string,int>, xss array<array<int>>"


def _both(spark, pyspark_session, rows=ROWS, schema=SCHEMA):
    return (spark.createDataFrame(rows, schema), pyspark_session.createDataFrame(rows, schema))


def _pf():
    from pyspark.sql import functions as PF

    return PF


def _columns(fns):
    """The same Column-building lambdas applied to dfengine's and PySpark's F."""
    return [f(F) for f in fns], [f(_pf()) for f in fns]


ARRAY_CALLS = [
    lambda f: f.transform("xs", lambda x: x + 1),
    lambda f: f.transform("xs", lambda x, i: x * i + f.col("id")),
    lambda f: f.filter("xs", lambda x: x.isNotNull()),
    lambda f: f.filter("xs", lambda x, i: i > 0),
    lambda f: f.exists("xs", lambda x: x > 2),
    lambda f: f.exists("xs", lambda x: x > 100),
    lambda f: f.forall("xs", lambda x: x > 0),
    lambda f: f.forall("ys", lambda x: x > 0),
    lambda f: f.aggregate("ys", f.lit(0), lambda acc, x: acc + x),
    lambda f: f.aggregate("xs", f.lit(0), lambda acc, x: acc + f.coalesce(x, f.lit(0)),
                          lambda acc: acc * 10),
    lambda f: f.reduce("ys", f.lit(1.5), lambda acc, x: acc * x),
    lambda f: f.zip_with("xs", "ys", lambda a, b: a + b),
    lambda f: f.array_sort("xs"),
    lambda f: f.array_sort("ys", lambda a, b: b - a),
]


def test_array_lambdas_from_F_match_pyspark(spark, pyspark_session):
    ours, theirs = _both(spark, pyspark_session)
    a, b = _columns(ARRAY_CALLS)
    assert_same_df(ours.select("id", *a), theirs.select("id", *b))


MAP_CALLS = [
    lambda f: f.map_filter("m", lambda k, v: v.isNotNull()),
    lambda f: f.transform_values("m", lambda k, v: f.concat(k, v.cast("string"))),
    lambda f: f.transform_keys("m", lambda k, v: f.upper(k)),
    lambda f: f.map_zip_with("m", f.map_from_arrays(f.array(f.lit("b"), f.lit("z")),
                                                    f.array(f.lit(5), f.lit(6))),
                             lambda k, a, b: f.coalesce(a, f.lit(0)) + b),
]


def test_map_lambdas_from_F_match_pyspark(spark, pyspark_session):
    ours, theirs = _both(spark, pyspark_session)
    a, b = _columns(MAP_CALLS)
    assert_same_df(ours.select("id", *a), theirs.select("id", *b))


SQL = """SELECT id,
  transform(xs, x -> x * 2) AS doubled,
  transform(xs, (x, i) -> x + i + id) AS with_index_and_outer,
  transform(xss, arr -> transform(arr, y -> y + size(arr) + id)) AS nested,
  transform(xss, arr -> aggregate(arr, 0, (acc, y) -> acc + y)) AS nested_sums,
  filter(xs, x -> x % 2 = 1) AS odd,
  exists(xs, x -> x IS NULL) AS has_null,
  forall(ys, x -> x < id) AS all_below,
  aggregate(xs, 0, (acc, x) -> acc + coalesce(x, 0), acc -> acc * 10) AS folded,
  reduce(ys, CAST(0 AS BIGINT), (acc, x) -> acc + x) AS reduced,
  zip_with(xs, ys, (a, b) -> concat(a, '-', b)) AS zipped,
  array_sort(ys, (a, b) -> CASE WHEN a < b THEN 1 WHEN a > b THEN -1 ELSE 0 END) AS desc_sorted,
  map_filter(m, (k, v) -> k > 'a') AS later_keys,
  transform_values(m, (k, v) -> coalesce(v, 0) + id) AS values_plus_id,
  transform_keys(m, (k, v) -> concat(k, k)) AS doubled_keys,
  transform(xs, x -> x) AS id_shadow
FROM t"""


def test_sql_lambdas_match_pyspark(spark, pyspark_session):
    ours, theirs = _both(spark, pyspark_session)
    ours.createOrReplaceTempView("t")
    theirs.createOrReplaceTempView("t")
    assert_same_df(spark.sql(SQL), pyspark_session.sql(SQL))
    unnamed = "SELECT transform(xs, x -> x + 1), aggregate(ys, 0, (a, x) -> a + x) FROM t"
    assert_same_df(spark.sql(unnamed), pyspark_session.sql(unnamed))


def test_lambda_variable_shadows_a_column_and_reads_struct_fields(spark, pyspark_session):
    rows = [(1, [(1, "a"), (2, None)]), (2, None)]
    schema = "x int, s array<struct<x:int, n:string>>"
    ours, theirs = _both(spark, pyspark_session, rows, schema)
    q = lambda f: [f.transform("s", lambda e: e["x"] + f.col("x")),  # noqa: E731
                   f.expr("transform(s, x -> x.n)"), f.expr("filter(s, x -> x.x > 1)")]
    assert_same_df(ours.select(*q(F)), theirs.select(*q(_pf())))


def test_lambda_errors(spark):
    df = spark.createDataFrame([(1, [1])], "id int, xs array<int>")
    with pytest.raises(PySparkValueError, match="HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN"):
        F.transform("xs", lambda x: 1)
    with pytest.raises(PySparkValueError, match="WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION"):
        F.transform("xs", lambda: F.lit(1))
    with pytest.raises(AnalysisException, match="DATATYPE_MISMATCH"):
        df.select(F.transform("id", lambda x: x)).collect()
    with pytest.raises(AnalysisException, match="DATATYPE_MISMATCH"):
        spark.sql("SELECT aggregate(array(1.5D), 0, (a, x) -> a + x)").collect()
    with pytest.raises(AnalysisException, match="NUM_ARGS_MISMATCH"):
        spark.sql("SELECT transform(array(1), (x, y, z) -> x)").collect()
    with pytest.raises(AnalysisException, match="UNEXPECTED_RETURN_TYPE"):
        spark.sql("SELECT array_sort(array(1L, 2L), (a, b) -> b - a)").collect()
    with pytest.raises(Exception, match="DUPLICATED_MAP_KEY"):
        spark.sql("SELECT transform_keys(map(1, 'a', 2, 'b'), (k, v) -> 0)").collect()


def test_array_sort_comparator_on_many_rows_of_unequal_length(spark):
    """The comparator path ranks all pairs of each array in blocks: longer arrays and many
    rows must still come out sorted, stably (equal keys keep their order)."""
    rows = [(i, [(i * 7 + j * 13) % 11 for j in range(i % 9)]) for i in range(60)]
    df = spark.createDataFrame(rows, "id int, xs array<int>")
    got = df.select("id", F.array_sort("xs", lambda a, b: a % 3 - b % 3).alias("s")).collect()
    for r in got:
        xs = rows[r.id][1]
        assert r.s == sorted(xs, key=lambda v: v % 3)


def test_lambdas_over_aggregates_in_filters_and_over_struct_results(spark, pyspark_session):
    rows = [(1, "a", [1, 2]), (2, "a", [3]), (3, "b", None)]
    schema = "id int, g string, xs array<int>"
    ours, theirs = _both(spark, pyspark_session, rows, schema)

    def agg(f):
        return [f.transform(f.collect_list("id"), lambda v: v * 10).alias("t"),
                f.aggregate(f.collect_list("id"), f.lit(0), lambda a, x: a + x).alias("s")]

    assert_same_df(ours.groupBy("g").agg(*agg(F)), theirs.groupBy("g").agg(*agg(_pf())))
    assert_same_df(ours.where(F.exists("xs", lambda x: x > 2)),
                   theirs.where(_pf().exists("xs", lambda x: x > 2)))

    def chained(f, df):
        pairs = f.transform("xs", lambda x: f.struct(x.alias("v"), (x * 2).alias("w")))
        return df.withColumn("y", f.col("id") + 1).select(
            f.filter(pairs, lambda s: s["w"] > 2).alias("big"),
            f.transform("xs", lambda x: x + f.col("y")).alias("plus_y"),
            f.transform("xs", lambda x: f.when(x > 5, x / 0).otherwise(0)).alias("guarded"))

    assert_same_df(chained(F, ours), chained(_pf(), theirs))


def test_lambda_column_repr_has_pyspark_form():
    import re

    assert re.fullmatch(r"Column<'transform\(xs, x_\d+ -> \+\(x_\d+, 1\)\)'>",
                        repr(F.transform("xs", lambda x: x + 1)))
    assert re.fullmatch(r"Column<'aggregate\(xs, 0, \(x_\d+, y_\d+\) -> \+\(x_\d+, y_\d+\)\)'>",
                        repr(F.aggregate("xs", F.lit(0), lambda a, x: a + x)))
