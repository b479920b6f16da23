"""Execution layer: shuffles, broadcast vs shuffled joins, sorting across partitions, decimals,
the worker-process cluster (graphs must pickle), and the errors users can cause."""

from __future__ import annotations

import decimal
import os
import subprocess
import sys

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.sql import functions as F


def _random_tables(seed: int = 7, n: int = 3000) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    left = pd.DataFrame({
        "k": pd.array(rng.integers(0, 50, n), dtype="Int64"),
        "s": rng.choice(["a", "b", "c", None], n),
        "v": rng.normal(size=n),
    })
    left.loc[rng.random(n) < 0.1, "k"] = pd.NA
    right = pd.DataFrame({
        "k": pd.array(rng.integers(0, 60, n // 3), dtype="Int64"),
        "w": rng.integers(0, 100, n // 3),
    })
    right.loc[rng.random(n // 3) < 0.1, "k"] = pd.NA
    return left, right


def _rows(df: pd.DataFrame) -> list[tuple]:
    out = []
    for r in df.itertuples(index=False):
        out.append(tuple(None if (x is None or (isinstance(x, float) and np.isnan(x))
                                  or x is pd.NA) else (round(x, 9) if isinstance(x, float) else x)
                         for x in r))
    return sorted(out, key=lambda t: tuple((x is None, str(x)) for x in t))


@pytest.mark.parametrize("threshold", ["10485760", "-1"], ids=["broadcast", "shuffle"])
@pytest.mark.parametrize("how", ["inner", "left", "right", "full", "left_semi", "left_anti"])
def test_join_strategies_match_duckdb(spark, conf, how, threshold):
    conf("spark.sql.autoBroadcastJoinThreshold", threshold)
    ltab, rtab = _random_tables()
    a = spark.createDataFrame(ltab)
    b = spark.createDataFrame(rtab).withColumnRenamed("k", "k2")
    got = a.join(b, a.k == b.k2, how).toPandas()
    sql_how = {"left_semi": "semi", "left_anti": "anti", "full": "full outer"}.get(how, how)
    cols = "l.*" if how in ("left_semi", "left_anti") else "l.*, r.k as k2, r.w"
    want = duckdb.sql(f"select {cols} from ltab l {sql_how} join rtab r on l.k = r.k").df()
    assert list(got.columns) == list(want.columns)
    assert _rows(got) == _rows(want)
    kind = "BroadcastHashJoin" if threshold != "-1" and how != "full" else "ShuffledHashJoin"
    assert kind in a.join(b, a.k == b.k2, how)._qe().physical.tree_string()


def test_grouped_aggregates_with_null_keys_match_duckdb(spark):
    ltab, _ = _random_tables()
    df = spark.createDataFrame(ltab).repartition(5)
    got = df.groupBy("k", "s").agg(F.count("*").alias("n"), F.sum("v").alias("sv"),
                                   F.avg("v").alias("av"), F.stddev("v").alias("sd"),
                                   F.countDistinct("s").alias("ds")).toPandas()
    want = duckdb.sql("select k, s, count(*) n, sum(v) sv, avg(v) av, stddev_samp(v) sd, "
                      "count(distinct s) ds from ltab group by k, s").df()
    assert _rows(got) == _rows(want)


def test_global_sort_across_partitions(spark):
    ltab, _ = _random_tables()
    df = spark.createDataFrame(ltab).repartition(4)
    got = df.orderBy(F.col("k").desc_nulls_last(), "v").select("k", "v").toPandas()
    want = duckdb.sql("select k, v from ltab order by k desc nulls last, v").df()
    assert got["k"].astype("Int64").tolist() == want["k"].astype("Int64").tolist()
    assert np.allclose(got["v"], want["v"])


def test_decimal_arithmetic_is_exact_and_typed_as_spark(spark):
    df = spark.createDataFrame(
        [(decimal.Decimal("12345.67"), decimal.Decimal("0.05"), decimal.Decimal("0.08"))],
        "p decimal(15,2), d decimal(15,2), t decimal(15,2)")
    q = df.select((F.col("p") * (1 - F.col("d")) * (1 + F.col("t"))).alias("charge"),
                  (F.col("p") / F.col("d")).alias("ratio"))
    assert q.dtypes == [("charge", "decimal(38,6)"), ("ratio", "decimal(33,18)")]
    row = q.first()
    assert row.charge == decimal.Decimal("12666.657420")
    assert row.ratio == decimal.Decimal("246913.400000000000000000")


def test_hash_partitioning_is_the_same_in_every_process():
    code = ("import pyarrow as pa; from dfengine.kernels.hashing import partition_ids; "
            "print(list(partition_ids([pa.array(['a','b',None,'dfengine']), "
            "pa.array([1,2,3,None])], 7)))")
    outs = set()
    for seed in ("0", "1", "random"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, check=True).stdout)
    assert len(outs) == 1


# --------------------------------------------------------------------------- cluster


@pytest.fixture(scope="module")
def cluster_session():
    from distributed import Client, LocalCluster

    from dfengine.sql.session import SparkSession

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    client = Client(cluster, set_as_default=False)
    session = SparkSession._create({"spark.master": cluster.scheduler_address,
                                    "dfengine.dask.client": client,
                                    "dfengine.ui.showProgress": "false"})
    yield session
    session.stop()
    client.close()
    cluster.close()


@pytest.mark.cluster
def test_queries_run_on_worker_processes(cluster_session, tmp_path):
    spark = cluster_session
    ltab, rtab = _random_tables()
    pq.write_table(pa.Table.from_pandas(ltab, preserve_index=False), tmp_path / "l.parquet",
                   row_group_size=500)
    a = spark.read.parquet(str(tmp_path / "l.parquet"))
    b = spark.createDataFrame(rtab).withColumnRenamed("k", "k2")
    spark.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")
    got = (a.join(b, a.k == b.k2).groupBy("s").agg(F.sum("w").alias("sw"))
           .orderBy("s").toPandas())
    want = duckdb.sql("select s, sum(w) sw from ltab l join rtab r on l.k = r.k "
                      "group by s order by s nulls first").df()
    assert got["sw"].tolist() == want["sw"].tolist()
    # toPandas gives pandas' `str` dtype as PySpark does on pandas 3: NULL is NaN there
    assert [x if isinstance(x, str) else None for x in got["s"]] == \
        [x if isinstance(x, str) else None for x in want["s"]]


# ---------------------------------------------------------------------------- errors


def test_missing_file_is_an_analysis_exception(spark, tmp_path):
    with pytest.raises(AnalysisException, match="Path does not exist"):
        spark.read.parquet(str(tmp_path / "nope.parquet"))


def test_corrupt_parquet_file_names_the_file(spark, tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"this is not parquet")
    # PySpark 4: SparkException [FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER] naming the file
    with pytest.raises(SparkRuntimeException, match=r"CANNOT_READ_FILE_FOOTER.*bad\.parquet"):
        spark.read.parquet(str(bad)).collect()


def test_unknown_column_suggests_the_closest(spark):
    df = spark.createDataFrame([(1, 2.0)], "salary INT, bonus DOUBLE")
    with pytest.raises(AnalysisException, match=r"`slary`.*`salary`"):
        df.select("slary")
    with pytest.raises(AnalysisException, match="slary"):
        df.filter("slary > 1")


def test_type_mismatch_is_reported_at_the_call(spark):
    df = spark.createDataFrame([(1, "x")], "a INT, s STRING")
    with pytest.raises(AnalysisException, match="DATATYPE_MISMATCH"):
        df.select(F.col("a").cast("date"))
    with pytest.raises(AnalysisException, match="numeric"):
        df.agg(F.sum(F.col("s").cast("date")))


def test_write_modes(spark, tmp_path):
    df = spark.createDataFrame([(1,), (2,)], "a INT")
    path = str(tmp_path / "out")
    df.write.parquet(path)
    with pytest.raises(AnalysisException, match="already exists"):
        df.write.parquet(path)
    df.write.mode("append").parquet(path)
    assert spark.read.parquet(path).count() == 4
    df.write.mode("overwrite").parquet(path)
    assert spark.read.parquet(path).count() == 2
    df.write.mode("ignore").parquet(path)
    assert spark.read.parquet(path).count() == 2
    with pytest.raises(AnalysisException, match="INVALID_SAVE_MODE"):  # as PySpark 4
        df.write.mode("sometimes")


def test_failed_write_leaves_no_output(spark, tmp_path):
    def boom(table: pa.Table) -> pa.Table:
        raise ValueError("corrupt record")

    df = spark.createDataFrame([(1,)], "a INT")
    bad = df._map_partitions(boom, df.schema)
    path = tmp_path / "never"
    with pytest.raises(SparkRuntimeException, match="corrupt record"):
        bad.write.parquet(str(path))
    assert not path.exists()
    assert not [p for p in os.listdir(tmp_path) if "staging" in p]


@pytest.mark.parametrize("how", ["left_semi", "left_anti"])
def test_semi_join_builds_on_the_small_kept_side(spark, conf, how):
    rng = np.random.default_rng(3)
    small = pd.DataFrame({"k": np.arange(60), "tag": [f"t{i}" for i in range(60)]})
    big = pd.DataFrame({"k2": rng.integers(0, 40, 40000), "x": rng.normal(size=40000)})
    conf("spark.sql.autoBroadcastJoinThreshold", str(50_000))
    a, b = spark.createDataFrame(small), spark.createDataFrame(big)
    q = a.join(b, (a.k == b.k2) & (b.x > 1.0), how)
    assert "build=left" in q._qe().physical.tree_string()
    sql_how = "semi" if how == "left_semi" else "anti"
    want = duckdb.sql(f"select s.* from small s {sql_how} join big g on s.k = g.k2 and g.x > 1.0"
                      ).df()
    assert _rows(q.toPandas()) == _rows(want)


def test_a_table_scanned_twice_is_read_once(spark, tmp_path):
    """A view used twice (TPC-H Q15's shape): each parquet piece is read once for both scans,
    each scan still gets its own columns and filters, and the answer matches DuckDB."""
    rng = np.random.default_rng(3)
    t = pa.table({"k": rng.integers(0, 50, 5000), "v": rng.integers(-100, 100, 5000),
                  "w": rng.random(5000)})
    pq.write_table(t, tmp_path / "t.parquet", row_group_size=1000)
    spark.read.parquet(str(tmp_path / "t.parquet")).createOrReplaceTempView("twice")
    q = ("select a.k, a.s, b.m from (select k, sum(v) s from twice where v > 0 group by k) a "
         "join (select k, max(w) m from twice where w < 0.5 group by k) b on a.k = b.k")
    df = spark.sql(q)
    graph, _ = df._qe().graph()
    shared = [k for k in graph if isinstance(k, tuple) and str(k[0]).startswith("shared-read")]
    assert len(shared) == 1  # the file is one piece, read once rather than twice
    con = duckdb.connect()
    con.register("twice", t)
    want = con.execute(q).fetchall()
    got = [tuple(r) for r in df.collect()]
    assert sorted(got) == sorted(want)


def test_filters_on_dictionary_encoded_strings(spark, tmp_path):
    """Low-cardinality string columns are read as dictionaries and filtered per distinct
    value: every predicate shape, NULLs included, must match DuckDB on the same file."""
    rng = np.random.default_rng(5)
    modes = np.array(["AIR", "RAIL", "SHIP", "TRUCK", "MAIL", None], dtype=object)
    t = pa.table({"m": pa.array(modes[rng.integers(0, 6, 4000)], pa.string()),
                  "n": pa.array(modes[rng.integers(0, 6, 4000)], pa.string()),
                  "v": rng.integers(0, 100, 4000)})
    pq.write_table(t, tmp_path / "d.parquet", row_group_size=700)
    spark.read.parquet(str(tmp_path / "d.parquet")).createOrReplaceTempView("coded")
    con = duckdb.connect()
    con.register("coded", t)
    for where in ("m = 'AIR'", "m in ('AIR', 'SHIP')", "m is null", "m is not null",
                  "m like '%AI%'", "m = n", "m <> 'AIR' or v < 10", "coalesce(m, 'X') = 'X'",
                  "not (m in ('AIR', 'RAIL'))"):
        q = f"select m, n, v from coded where {where}"
        got = sorted((tuple(r) for r in spark.sql(q).collect()), key=repr)
        want = sorted(con.execute(q).fetchall(), key=repr)
        assert got == want, where


def test_queries_run_on_threads_unless_cached_data_or_asked(spark, conf, monkeypatch):
    """Local SQL/DataFrame actions use Dask's threaded scheduler; a plan reading a cached
    DataFrame (futures held by the cluster), or localScheduler=distributed, uses the cluster.
    All three give the same rows."""
    runtime = spark._runtime
    used = []
    original_get = runtime.get

    def spy_get(graph, keys, name=None):
        used.append("distributed")
        return original_get(graph, keys, name)

    monkeypatch.setattr(runtime, "get", spy_get)
    df = spark.range(0, 1000, 1, 4).selectExpr("id % 7 as k", "id").groupBy("k").count()
    want = sorted(tuple(r) for r in df.collect())
    assert used == [] and len(want) == 7
    conf("dfengine.execution.localScheduler", "distributed")
    assert sorted(tuple(r) for r in df.collect()) == want and used == ["distributed"]
    conf("dfengine.execution.localScheduler", "threads")
    cached = spark.range(0, 1000, 1, 4).selectExpr("id % 7 as k", "id").cache()
    try:
        used.clear()
        assert sorted(tuple(r) for r in cached.groupBy("k").count().collect()) == want
        assert used == ["distributed"]
    finally:
        cached.unpersist()


def test_large_local_data_on_the_embedded_cluster_gives_no_dask_warning(spark, conf):
    """A 16 MB pandas frame run on the embedded cluster rides in the graph: Dask's "Sending
    large graph" advice is for remote clusters and must not reach a local user."""
    import warnings

    pdf = pd.DataFrame({"x": np.arange(2_000_000, dtype=np.int64)})
    conf("dfengine.execution.localScheduler", "distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        total = spark.createDataFrame(pdf).agg(F.sum("x")).collect()[0][0]
    assert total == int(pdf["x"].sum())


def test_unaligned_arrow_buffers_print_no_acero_warning():
    """Tables that crossed a worker boundary can hold unaligned buffers; Acero's stderr warning
    about them is engine noise a user must not see (SF10 on a LocalCluster printed 15)."""
    code = (
        "import dfengine, numpy as np, pyarrow as pa\n"
        "buf = pa.py_buffer(b'x' + np.arange(101, dtype=np.int64).tobytes())[1:]\n"
        "a = pa.Array.from_buffers(pa.int64(), 100, [None, buf])\n"
        "t = pa.table({'k': a, 'v': a})\n"
        "print(t.group_by('k').aggregate([('v', 'sum')]).num_rows)\n")
    env = {k: v for k, v in os.environ.items() if k != "ACERO_ALIGNMENT_HANDLING"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True)
    assert out.stdout.strip() == "100"
    assert "poorly aligned" not in out.stderr


def test_threaded_queries_show_a_named_progress_bar_when_slow(spark, conf, capsys,
                                                             monkeypatch):
    from dfengine.ui import progress

    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    conf("dfengine.ui.showProgress", "true")

    def slow(batches):
        import time

        for b in batches:
            time.sleep(0.2)
            yield b

    df = spark.range(0, 10, 1, 2).mapInPandas(slow, "id long")
    assert df.count() == 10
    assert "count at test_execution.py" in capsys.readouterr().err  # the bar goes to stderr
    conf("dfengine.ui.showProgress", "false")
    assert df.count() == 10
    assert capsys.readouterr().err == ""
    conf("dfengine.ui.showProgress", "true")
    conf("spark.ui.showConsoleProgress", "false")  # Spark's own key, as PySpark programs set it
    assert df.count() == 10
    assert spark.sparkContext.parallelize(range(4), 2).map(lambda x: x).count() == 4
    assert capsys.readouterr().err == ""
