"""DataFrame methods of issue 14 against PySpark on the same rows (values, names, NULLs)."""

from __future__ import annotations

import itertools

import pytest

from dfengine.sql import functions as F

from .conftest import assert_same_df, assert_same_value, rows_of


def _pf():
    from pyspark.sql import functions as PF

    return PF


def test_approx_quantile_forms(both):
    ours, theirs = both()
    probs = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]
    assert_same_value(ours.approxQuantile("x", probs, 0.0), theirs.approxQuantile("x", probs, 0.0))
    assert_same_value(ours.approxQuantile(["x", "y", "k"], [0.5, 0.3], 0.0),
                      theirs.approxQuantile(["x", "y", "k"], [0.5, 0.3], 0.0))
    assert_same_value(ours.stat.approxQuantile("y", [0.2], 0.01),
                      theirs.stat.approxQuantile("y", [0.2], 0.01))
    empty = ours.where("k > 100")
    assert empty.approxQuantile("x", [0.5], 0.0) == theirs.where("k > 100").approxQuantile(
        "x", [0.5], 0.0)
    with pytest.raises(TypeError) as theirs_error:  # PySpark: PySparkTypeError
        theirs.approxQuantile("x", [1.5], 0.0)
    with pytest.raises(TypeError) as ours_error:
        ours.approxQuantile("x", [1.5], 0.0)
    assert type(ours_error.value).__name__ == type(theirs_error.value).__name__


def test_corr_and_cov_count_null_as_zero_like_spark(both):
    ours, theirs = both()
    for a, b in [("x", "y"), ("k", "y"), ("k", "x")]:
        assert_same_value(ours.corr(a, b), theirs.corr(a, b))
        assert_same_value(ours.stat.cov(a, b), theirs.stat.cov(a, b))
    with pytest.raises(Exception, match="correlation calculation for columns with dataType string"):
        ours.corr("s", "x")  # Spark's requirement text


def test_crosstab_names_and_counts(both):
    ours, theirs = both()
    assert_same_df(ours.crosstab("k", "s"), theirs.crosstab("k", "s"))
    assert_same_df(ours.stat.crosstab("s", "y"), theirs.stat.crosstab("s", "y"))


def test_freq_items_as_sets(both):
    rows = [(i % 3, "a" if i % 4 else None) for i in range(40)] + [(7, "z")]
    ours, theirs = both(rows, "n int, t string")
    a, b = ours.freqItems(["n", "t"], 0.3), theirs.freqItems(["n", "t"], 0.3)
    assert a.columns == b.columns == ["n_freqItems", "t_freqItems"]
    assert a.dtypes == b.dtypes
    ra, rb = a.collect()[0], b.collect()[0]
    for i in range(2):
        assert set(ra[i]) == set(rb[i])


def test_unpivot_and_melt_keep_row_order(both):
    ours, theirs = both()
    assert_same_df(ours.unpivot("k", ["x", "y"], "var", "val"),
                   theirs.unpivot("k", ["x", "y"], "var", "val"), ordered=True)
    assert_same_df(ours.melt(["k", "s"], None, "variable", "value"),
                   theirs.melt(["k", "s"], None, "variable", "value"), ordered=True)
    assert_same_df(ours.unpivot([], ["k", "y"], "v", "n"),
                   theirs.unpivot([], ["k", "y"], "v", "n"), ordered=True)
    with pytest.raises(Exception, match="UNPIVOT"):
        ours.unpivot(["k", "s", "x", "y"], None, "a", "b")
    with pytest.raises(Exception, match="UNPIVOT"):
        ours.unpivot("k", ["s", "x"], "a", "b")


def test_transpose_default_and_index(both):
    rows = [("b", 1.0, None), ("a", None, 2), ("c", 3.5, 4), (None, 9.0, 9)]
    ours_u, theirs_u = both(rows, "s string, x double, y int")
    assert_same_df(ours_u.transpose(), theirs_u.transpose(), ordered=True)
    assert_same_df(ours_u.select("x", "y").transpose(F.col("y")),
                   theirs_u.select("x", "y").transpose(_pf().col("y")),
                   ordered=True)


def test_grouping_sets_against_pyspark(both):
    ours, theirs = both()
    assert_same_df(ours.groupingSets([["k"], ["s"], []], "k", "s").agg(F.sum("x")),
                   theirs.groupingSets([["k"], ["s"], []], "k", "s").agg(_pf().sum("x")))
    assert_same_df(ours.groupingSets([["k", "s"], ["k"]], "k", "s").count(),
                   theirs.groupingSets([["k", "s"], ["k"]], "k", "s").count())


def test_pivot_variants(both):
    ours, theirs = both()
    PF = _pf()
    assert_same_df(ours.groupBy("s").pivot("k").agg(F.sum("x"), F.count("y")),
                   theirs.groupBy("s").pivot("k").agg(PF.sum("x"), PF.count("y")))
    assert_same_df(ours.groupBy("s").pivot("k", [1, 2]).sum("x", "y"),
                   theirs.groupBy("s").pivot("k", [1, 2]).sum("x", "y"))
    assert_same_df(ours.groupBy("s").pivot("k").avg(), theirs.groupBy("s").pivot("k").avg())
    assert_same_df(ours.groupBy("k").pivot("s").count(), theirs.groupBy("k").pivot("s").count())
    assert_same_df(ours.groupBy("k").pivot("s", ["a", "c"]).max("y"),
                   theirs.groupBy("k").pivot("s", ["a", "c"]).max("y"))


def test_grouped_shortcuts_and_agg_forms(both):
    ours, theirs = both()
    PF = _pf()
    for fn in ("mean", "avg", "max", "min", "sum"):
        assert_same_df(getattr(ours.groupBy("s"), fn)("x", "y"),
                       getattr(theirs.groupBy("s"), fn)("x", "y"))
        assert_same_df(getattr(ours.groupBy("s"), fn)(), getattr(theirs.groupBy("s"), fn)())
    assert_same_df(ours.groupBy("s").count(), theirs.groupBy("s").count())
    assert_same_df(ours.groupBy("s").agg({"x": "max", "y": "avg", "*": "count"}),
                   theirs.groupBy("s").agg({"x": "max", "y": "avg", "*": "count"}))
    assert_same_df(ours.groupBy("k").agg(F.min("x"), F.max("s")),
                   theirs.groupBy("k").agg(PF.min("x"), PF.max("s")))


def test_zip_with_index_and_zip(both):
    ours, theirs = both()
    assert_same_df(ours.zipWithIndex(), theirs.zipWithIndex(), ordered=True)
    assert_same_df(ours.zipWithIndex("row_id"), theirs.zipWithIndex("row_id"), ordered=True)
    assert_same_df(ours.zip(ours.select("x")), theirs.zip(theirs.select("x")), ordered=True)


def test_sort_within_partitions_sorts_each_partition(spark):
    df = spark.createDataFrame([(i * 7 % 11, i) for i in range(40)], "a int, b int")
    df = df.repartition(3)
    parts = df.sortWithinPartitions("a", F.col("b").desc()).rdd.glom().collect()
    assert len(parts) == 3
    assert sorted(r for p in parts for r in p) == sorted(df.collect())
    for p in parts:
        keys = [(r.a, -r.b) for r in p]
        assert keys == sorted(keys)
    plan = df.sortWithinPartitions("a")._explain_string()
    assert "SortWithinPartitions" in plan


def test_repartition_by_range_makes_ordered_ranges(spark):
    df = spark.createDataFrame([(i * 37 % 101,) for i in range(100)], "a int")
    parts = df.repartitionByRange(4, "a").rdd.glom().collect()
    assert len(parts) == 4
    assert sorted(r.a for p in parts for r in p) == sorted(r.a for r in df.collect())
    bounds = [(min(r.a for r in p), max(r.a for r in p)) for p in parts if p]
    assert all(hi <= lo for (_, hi), (lo, _) in itertools.pairwise(bounds))


def test_observe_metrics_like_pyspark(both):
    from pyspark.sql import Observation as PObservation

    from dfengine.sql import Observation

    ours, theirs = both()
    PF = _pf()
    o, po = Observation("m"), PObservation("m")
    a = ours.observe(o, F.count(F.lit(1)).alias("n"), F.max("x").alias("mx"),
                     F.sum("y").alias("sy"))
    b = theirs.observe(po, PF.count(PF.lit(1)).alias("n"), PF.max("x").alias("mx"),
                       PF.sum("y").alias("sy"))
    with pytest.raises(AssertionError):
        _ = o.get  # no action yet (Spark would wait)
    assert a.filter("k > 1").count() == b.filter("k > 1").count()
    assert o.get == po.get
    with pytest.raises(Exception, match="INVALID_OBSERVED_METRICS"):  # PySpark 4.3 names
        ours.observe("x", F.col("x"))  # unnamed aggregates; a bare column is still refused


def test_sample_by_strata(both):
    ours, theirs = both()
    fr = {"a": 1.0, "b": 0.0}
    assert_same_df(ours.sampleBy("s", fr, 3), theirs.sampleBy("s", fr, 3))
    rows = [(i % 2, i) for i in range(2000)]
    big = ours.sparkSession.createDataFrame(rows, "g int, v int")
    n = big.sampleBy("g", {0: 0.5, 1: 0.1}, seed=5).groupBy("g").count().collect()
    got = {r.g: r["count"] for r in n}
    assert 400 < got[0] < 600 and 50 < got[1] < 150
    assert rows_of(big.sampleBy("g", {0: 0.5}, 11)) == rows_of(big.sampleBy("g", {0: 0.5}, 11))


def test_scalar_and_exists_subqueries(both):
    ours, theirs = both()
    PF = _pf()
    assert_same_df(ours.where(F.col("k") == ours.select(F.max("k")).scalar()),
                   theirs.where(PF.col("k") == theirs.select(PF.max("k")).scalar()))
    assert_same_df(ours.select("k", ours.select(F.min("x")).scalar().alias("m")),
                   theirs.select("k", theirs.select(PF.min("x")).scalar().alias("m")))
    assert_same_df(ours.where(ours.where("k > 2").exists()),
                   theirs.where(theirs.where("k > 2").exists()))
    assert_same_df(ours.where(~ours.where("k > 5").exists()),
                   theirs.where(~theirs.where("k > 5").exists()))


def test_to_schema_and_metadata(both):
    from pyspark.sql import types as PT

    from dfengine.sql import types as T

    ours, theirs = both()
    a = ours.to(T.StructType([T.StructField("y", T.LongType()), T.StructField("s",
                                                                             T.StringType())]))
    b = theirs.to(PT.StructType([PT.StructField("y", PT.LongType()),
                                 PT.StructField("s", PT.StringType())]))
    assert_same_df(a, b)
    m = ours.withMetadata("x", {"unit": "m"})
    assert m.schema["x"].metadata == theirs.withMetadata("x", {"unit": "m"}).schema[
        "x"].metadata
    assert rows_of(m) == rows_of(ours)


def test_hints_steer_the_join(spark):
    big = spark.range(5000).withColumnRenamed("id", "k")
    small = spark.range(10).withColumnRenamed("id", "k")
    plain = big.join(small, "k")._explain_string().lower()
    merge = big.join(small.hint("merge"), "k")._explain_string().lower()
    shuffle_hash = big.join(small.hint("shuffle_hash"), "k")._explain_string().lower()
    bcast = big.hint("broadcast").join(small, "k")._explain_string().lower()
    assert "broadcast" in plain and "broadcast" not in merge
    assert "broadcast" not in shuffle_hash and "broadcast" in bcast
    assert sorted(rows_of(big.join(small.hint("merge"), "k"))) == sorted(rows_of(
        big.join(small, "k")))
    with pytest.warns(UserWarning, match="Unrecognized hint"):
        assert big.hint("nonsense").count() == 5000
    assert big.hint("repartition", 3).rdd.getNumPartitions() == 3


def test_plan_identity_and_locality(spark, pyspark_session, tmp_path):
    df = spark.createDataFrame([(1, "a")], "k int, v string")
    assert df.sameSemantics(df.select("*"))
    assert not df.sameSemantics(df.select("k"))
    assert df.semanticHash() == df.select("*").semanticHash()
    assert df.filter("k > 0").semanticHash() == df.filter("k > 0").semanticHash()
    assert not spark.range(3).isLocal()
    path = str(tmp_path / "p")
    spark.createDataFrame([(i,) for i in range(6)], "a int").repartition(2).write.parquet(path)
    ours = spark.read.parquet(path).inputFiles()
    theirs = pyspark_session.read.parquet(path).inputFiles()
    assert sorted(ours) == sorted(theirs)


def test_pandas_api_and_plot_raise_clearly(spark):
    df = spark.range(1)
    with pytest.raises(NotImplementedError, match="toPandas"):
        df.pandas_api()
    with pytest.raises(NotImplementedError, match="toPandas"):
        _ = df.plot
