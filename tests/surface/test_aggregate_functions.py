"""Statistical and other aggregates (corr, covar_*, regr_*, skewness, kurtosis, percentile,
percentile_approx, max_by/min_by, bit_*, listagg, histogram_numeric) and the aggregate
aliases Spark shows under the name written (`mean(x)`, `std(x)`, `every(...)`), from F. and
SQL, against PySpark on the same rows: names, types and values, grouped (a group of NULLs,
a group of one row, a group whose y is constant) and global, and over no rows at all."""

from __future__ import annotations

import pytest

from dfengine.errors import AnalysisException
from dfengine.sql import functions as F

from .conftest import _same_value, assert_same_df

ROWS = [
    (1, 1.0, 2.0, "a", 5), (1, 2.0, 3.5, "b", 3), (1, 4.0, 1.0, None, None),
    (1, None, 7.0, "c", 6), (2, None, 1.0, "d", 1), (2, 4.0, None, None, 2),
    (3, 5.0, 5.0, "e", 12), (4, None, None, None, None), (5, 1.0, 2.0, "f", 7),
    (5, 3.0, 2.0, "g", 7), (5, 3.0, 2.0, "f", 4),
]
SCHEMA = "g int, x double, y double, s string, i int"

CALLS = [
    lambda f: f.corr("x", "y"),
    lambda f: f.covar_pop("x", "y"),
    lambda f: f.covar_samp("x", "y"),
    *[lambda f, n=n: getattr(f, f"regr_{n}")("y", "x") for n in (
        "count", "avgx", "avgy", "slope", "intercept", "r2", "sxx", "syy", "sxy")],
    lambda f: f.regr_r2("x", "y"),
    lambda f: f.skewness("x"),
    lambda f: f.kurtosis("x"),
    lambda f: f.percentile("x", 0.5),
    lambda f: f.percentile("x", [0.25, 0.75]),
    lambda f: f.percentile_approx("x", 0.5),
    lambda f: f.approx_percentile("i", [0.1, 0.9], 100),
    lambda f: f.max_by("s", "x"),
    lambda f: f.min_by("s", "x"),
    lambda f: f.bit_and("i"),
    lambda f: f.bit_or("i"),
    lambda f: f.bit_xor("i"),
    lambda f: f.mean("x"),
    lambda f: f.std("x"),
    lambda f: f.every(f.col("x") > 1),
    lambda f: f.some(f.col("x") > 1),
    lambda f: f.first_value("s", True),
    lambda f: f.sort_array(f.array_agg("s")),
    lambda f: f.listagg("s", "-"),
    lambda f: f.string_agg("s"),
    lambda f: f.histogram_numeric("i", f.lit(3)),
    lambda f: f.count_if(f.col("x") > 1),
]


def _same(ours, theirs) -> None:
    """assert_same_df, naming the columns that differ first."""
    a, b = ours.collect(), theirs.collect()
    diff = [(ours.columns[i], x[i], y[i]) for x, y in zip(a, b) for i in range(len(x))
            if not _same_value(x[i], y[i])]
    assert diff == []
    assert_same_df(ours, theirs, ordered=True)


def _pf():
    from pyspark.sql import functions as PF

    return PF


@pytest.fixture
def frames(spark, pyspark_session):
    # one partition: listagg and first_value read rows in order on both engines
    return (spark.createDataFrame(ROWS, SCHEMA).coalesce(1),
            pyspark_session.createDataFrame(ROWS, SCHEMA).coalesce(1))


def test_grouped_aggregates_from_F_match_pyspark(frames):
    ours, theirs = frames
    a, b = [c(F) for c in CALLS], [c(_pf()) for c in CALLS]
    _same(ours.groupBy("g").agg(*a).orderBy("g"), theirs.groupBy("g").agg(*b).orderBy("g"))


def test_global_and_empty_aggregates_match_pyspark(frames):
    ours, theirs = frames
    a, b = [c(F) for c in CALLS], [c(_pf()) for c in CALLS]
    _same(ours.agg(*a), theirs.agg(*b))
    _same(ours.where("g < 0").agg(*a), theirs.where("g < 0").agg(*b))


def test_sql_names_and_values_match_pyspark(spark, pyspark_session, frames):
    ours, theirs = frames
    ours.createOrReplaceTempView("names_aggs")
    theirs.createOrReplaceTempView("names_aggs")
    q = ("SELECT g, percentile(x, 0.5, i), percentile_approx(x, array(0.5, 0.9)), "
         "mean(x), std(x), any(x > 1), "
         "first_value(x), last_value(x, true), array_agg(i) IS NOT NULL, max_by(s, i), "
         "regr_slope(y, x), corr(x, y) FROM names_aggs GROUP BY g ORDER BY g")
    _same(spark.sql(q), pyspark_session.sql(q))


def test_grouped_collect_list_keeps_lists(spark):
    """A non-decomposable aggregate's list values ride back to their groups (Arrow's join
    cannot carry list columns, so the groups are matched by row number)."""
    df = spark.createDataFrame([(1, "a"), (2, "b"), (1, "c"), (None, "d")], "k int, v string")
    got = {r.k: sorted(r.vs) for r in df.groupBy("k").agg(F.collect_list("v").alias("vs"))
           .collect()}
    assert got == {1: ["a", "c"], 2: ["b"], None: ["d"]}


def test_wrong_arguments_are_refused(spark):
    df = spark.createDataFrame([(1, "a")], "i int, s string")
    with pytest.raises(AnalysisException, match="WRONG_NUM_ARGS"):
        spark.sql("SELECT corr(1.0)").collect()
    with pytest.raises(AnalysisException, match="numeric"):
        df.agg(F.corr("s", "i")).collect()
    with pytest.raises(AnalysisException, match="between 0.0 and 1.0"):
        df.agg(F.percentile("i", 1.5)).collect()


def test_distinct_listagg_keeps_first_appearances(spark):
    """DISTINCT reorders rows in Spark's plan, so this is checked against plain Python."""
    df = spark.createDataFrame([(1, "b"), (1, "a"), (1, "b"), (1, None), (2, None)],
                               "k int, s string").coalesce(1)
    df.createOrReplaceTempView("names_listagg")
    got = spark.sql("SELECT k, listagg(DISTINCT s, '-') AS l FROM names_listagg GROUP BY k "
                    "ORDER BY k").collect()
    assert [tuple(r) for r in got] == [(1, "b-a"), (2, None)]
    assert df.agg(F.listagg_distinct("s").alias("l")).first().l == "ba"


def test_nth_value_and_vector_aggregates_match_pyspark(spark, pyspark_session):
    from pyspark.sql import Window as PW

    from dfengine.sql import Window

    rows = [(1, 1, None, [1.0, 2.0]), (1, 2, 5, [3.0, 4.5]), (1, 3, 6, None),
            (1, 4, None, [0.5, 0.5]), (2, 1, 7, None)]
    schema = "g int, o int, x int, v array<float>"
    ours, theirs = (spark.createDataFrame(rows, schema),
                    pyspark_session.createDataFrame(rows, schema))

    def windowed(f, window):
        w = window.partitionBy("g").orderBy("o")
        return [f.nth_value("x", 2).over(w), f.nth_value("x", 2, True).over(w),
                f.nth_value("x", 2).over(w.rowsBetween(0, 1))]

    _same(ours.select("g", "o", *windowed(F, Window)).orderBy("g", "o"),
          theirs.select("g", "o", *windowed(_pf(), PW)).orderBy("g", "o"))
    _same(ours.groupBy("g").agg(F.vector_sum("v"), F.vector_avg("v")).orderBy("g"),
          theirs.groupBy("g").agg(_pf().vector_sum("v"), _pf().vector_avg("v")).orderBy("g"))
