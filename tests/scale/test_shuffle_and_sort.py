"""Scale-out execution (issue 16): exchanges where reducer j receives only bucket j, compact
buckets that Dask sizes right, partition counts from estimated bytes, the distributed range
sort and repartitionByRange; answers against DuckDB, in process and on a 2-worker cluster."""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dask.core import get_dependencies
from dask.sizeof import sizeof

from dfengine.execution import physical as P
from dfengine.execution.operators.sort import range_bounds, sort_table
from dfengine.sql import functions as F


def _table(n: int = 4000, seed: int = 0) -> pa.Table:
    rng = np.random.default_rng(seed)
    k = rng.integers(0, n // 4, n)
    return pa.table({
        "k": pa.array(k),
        "v": pa.array(rng.random(n)),
        "s": pa.array([None if i % 9 == 0 else f"s{i % 37}" for i in range(n)]),
        "d": pa.array(rng.integers(0, 10**6, n).astype(np.int32)).cast(
            pa.decimal128(12, 2)),
    })


def test_hash_buckets_are_compact_tables():
    """A bucket that were a slice of the split would weigh (for Dask) as much as the whole
    split: the scheduler then saw a reducer's inputs as the whole dataset."""
    t = _table()
    buckets = P.hash_split((P._col_ref("k"),), 8, t)
    assert sum(b.num_rows for b in buckets) == t.num_rows
    assert sum(sizeof(b) for b in buckets) < 1.5 * sizeof(t)
    assert pa.concat_tables(buckets).sort_by("k").equals(
        t.take(pa.array(np.argsort(t.column("k").to_numpy(), kind="stable"))))


def test_reducer_depends_on_its_buckets_only():
    b = P.Builder("tasks")
    inputs = [(P._const, _table(100, i)) for i in range(3)]
    reducers = P.shuffle(b, inputs, (P._col_ref("k"),), 4)
    splits = {k for k in b.graph if k[0].startswith("shuffle-split")}
    for r in reducers:
        deps = get_dependencies(b.graph, task=r)
        assert len(deps) == 3 and not deps & splits
        for d in deps:  # each bucket task reads one split
            assert len(get_dependencies(b.graph, d) & splits) == 1
    inline = P.shuffle(P.Builder("inline"), inputs, (P._col_ref("k"),), 4)
    assert all(len(get_dependencies({}, task=r)) == 0 for r in inline)  # all inlined


def test_range_split_gives_ordered_ranges():
    keys = [("s", False, True), ("k", True, False)]
    parts = [_table(500, i) for i in range(4)]
    bounds = range_bounds(keys, 5, [p.select(["s", "k"]) for p in parts])
    pieces = [P.range_split(keys, 5, p, bounds) for p in parts]
    ranges = [sort_table(pa.concat_tables([p[j] for p in pieces]), keys) for j in range(5)]
    got = pa.concat_tables(ranges)
    want = sort_table(pa.concat_tables(parts), keys)
    assert got.select(["s", "k"]).equals(want.select(["s", "k"]))
    assert sum(r.num_rows > 0 for r in ranges) >= 4


@pytest.fixture
def small_partitions(conf):
    """Partitions of 16 KB, so that small test data takes the multi-partition paths."""
    conf("spark.sql.adaptive.advisoryPartitionSizeInBytes", "16k")
    conf("spark.sql.autoBroadcastJoinThreshold", "-1")


def _frames(spark, tmp_path, rows: int = 20_000):
    t = _table(rows)
    pq.write_table(t, tmp_path / "t.parquet", row_group_size=rows // 8)
    dims = pa.table({"k": pa.array(np.arange(rows // 4)),
                     "w": pa.array(np.arange(rows // 4) % 7, pa.int64())})
    pq.write_table(dims, tmp_path / "dims.parquet", row_group_size=rows // 16)
    return (spark.read.parquet(str(tmp_path / "t.parquet")),
            spark.read.parquet(str(tmp_path / "dims.parquet")), t, dims)


def _duckdb(**tables) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in tables.items():
        con.register(name, table)
    return con


def _check_queries(spark, tmp_path) -> None:
    df, dims, t, d = _frames(spark, tmp_path)
    con = _duckdb(t=t, dims=d)
    join = df.join(dims, "k").agg(F.count("*"), F.sum("w"), F.sum("d")).collect()[0]
    assert tuple(join) == con.execute(
        "select count(*), sum(w), sum(d) from t join dims using (k)").fetchone()
    groups = df.groupBy("k").agg(F.sum("v").alias("sv"), F.count("*").alias("c"))
    got = groups.orderBy("k").toPandas()
    want = con.execute("select k, sum(v) sv, count(*) c from t group by k order by k").df()
    assert got["k"].tolist() == want["k"].tolist() and got["c"].tolist() == want["c"].tolist()
    assert np.allclose(got["sv"], want["sv"])
    distinct = df.agg(F.countDistinct("s"), F.countDistinct("k")).collect()[0]
    assert tuple(distinct) == con.execute("select count(distinct s), count(distinct k) from t"
                                      ).fetchone()
    ordered = df.orderBy(F.col("s").desc_nulls_first(), "k", F.col("v").desc()).toPandas()
    want = con.execute("select * from t order by s desc nulls first, k, v desc").df()
    assert ordered["s"].fillna("-").tolist() == want["s"].fillna("-").tolist()
    assert ordered["k"].tolist() == want["k"].tolist()
    assert ordered["v"].tolist() == want["v"].tolist()


@pytest.mark.usefixtures("small_partitions")
def test_answers_with_many_partitions_in_process(spark, tmp_path, conf):
    _check_queries(spark, tmp_path)
    conf("dfengine.shuffle.method", "tasks")
    _check_queries(spark, tmp_path)


@pytest.mark.usefixtures("small_partitions")
def test_second_level_partitions_past_the_budget(spark, conf, monkeypatch):
    """Reducers over 2 KB work in hash sub-partitions: outer joins keep NULL keys and
    unmatched rows, aggregations merge every group once."""
    conf("dfengine.execution.partitionBudget", "2k")
    rng = np.random.default_rng(3)
    lk = [None if i % 13 == 0 else int(x) for i, x in enumerate(rng.integers(0, 300, 3000))]
    rk = [None if i % 17 == 0 else int(x) for i, x in enumerate(rng.integers(100, 400, 2000))]
    lt = pa.table({"k": pa.array(lk, pa.int64()), "a": pa.array(np.arange(3000))})
    rt = pa.table({"k2": pa.array(rk, pa.int64()), "b": pa.array(np.arange(2000))})
    left, right = spark.createDataFrame(lt.to_pandas()), spark.createDataFrame(rt.to_pandas())
    con = _duckdb(l=lt, r=rt)
    for how in ("left", "full", "inner", "left_anti"):
        got = left.join(right, left.k == right.k2, how).agg(
            F.count("*"), F.count("k"), *([F.sum("b")] if how != "left_anti" else [])).collect()
        sql_how = {"left_anti": "anti"}.get(how, how)
        want = con.execute(
            f"select count(*), count(k){', sum(b)' if how != 'left_anti' else ''} from l "
            f"{sql_how} join r on l.k = r.k2").fetchone()
        assert tuple(got[0]) == want, how
    monkeypatch.setattr("dfengine.execution.planner.MANY_GROUPS", 10)  # hash-exchanged
    grouped = left.groupBy("k").agg(F.sum("a").alias("s"))
    assert "hash-exchange" in grouped._qe().physical.tree_string()
    got = grouped.orderBy("k").toPandas()
    want = con.execute("select k, sum(a) s from l group by k order by k nulls first").df()
    assert got["s"].tolist() == want["s"].tolist()


@pytest.mark.usefixtures("small_partitions")
def test_partition_counts_follow_estimated_bytes(spark, tmp_path, conf):
    df, dims, _, _ = _frames(spark, tmp_path)
    plan = df.join(dims, "k")._qe().physical.tree_string()
    n = int(plan.split("ShuffledHashJoin(n=")[1].split(")")[0])
    assert n > 16  # ~500 KB of inputs at 16 KB a partition
    assert "range-partitioned" in df.orderBy("v")._qe().physical.tree_string()
    assert "range-partitioned" not in df.orderBy("v").limit(3)._qe().physical.tree_string()
    conf("spark.sql.shuffle.partitions", "3")  # set by the user: used as it is
    assert "ShuffledHashJoin(n=3)" in df.join(dims, "k")._qe().physical.tree_string()


@pytest.mark.usefixtures("small_partitions")
def test_repartition_by_range_gives_key_ranges(spark, tmp_path):
    df, _, t, _ = _frames(spark, tmp_path)
    parts = df.repartitionByRange(4, "k").rdd.glom().collect()
    assert len(parts) == 4 and sum(len(p) for p in parts) == t.num_rows
    spans = [(min(r.k for r in p), max(r.k for r in p)) for p in parts if p]
    assert len(spans) >= 3
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))
    top = df.orderBy(F.col("v").desc()).limit(5).toPandas()["v"].tolist()
    assert top == sorted(t.column("v").to_pylist(), reverse=True)[:5]


# ---------------------------------------------------------------------------- cluster


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    from dfengine.sql.session import SparkSession

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    client = Client(cluster, set_as_default=False)
    session = SparkSession._create({"spark.master": cluster.scheduler_address,
                                    "dfengine.dask.client": client,
                                    "dfengine.ui.showProgress": "false",
                                    "spark.sql.autoBroadcastJoinThreshold": "-1",
                                    "spark.sql.adaptive.advisoryPartitionSizeInBytes": "64k"})
    yield session, cluster, client
    session.stop()
    client.close()
    cluster.close()


def _bucket_bytes_plugin(scheduler):
    from distributed.diagnostics.plugin import SchedulerPlugin

    class BucketBytes(SchedulerPlugin):
        total = 0

        def transition(self, key, start, finish, *args, **kwargs):
            if finish == "memory" and isinstance(key, tuple) and "-bucket-" in key[0]:
                self.total += scheduler.tasks[key].nbytes

    plugin = BucketBytes()
    scheduler.add_plugin(plugin, name="bucket-bytes")
    return plugin


@pytest.mark.cluster
def test_shuffle_on_two_workers_moves_each_bucket_once(cluster, tmp_path):
    spark, lc, client = cluster
    _check_queries(spark, tmp_path)
    df, dims, t, d = _frames(spark, tmp_path, rows=40_000)
    plugin = _bucket_bytes_plugin(lc.scheduler)

    def sent() -> int:
        return sum(client.run(lambda dask_worker: dask_worker.transfer_outgoing_bytes_total)
                   .values())

    before = sent()
    got = df.join(dims, "k").agg(F.sum("w"), F.sum("v")).collect()[0]
    moved = sent() - before
    con = _duckdb(t=t, d=d)
    want = con.execute("select sum(w), sum(v) from t join d using (k)").fetchone()
    assert got[0] == want[0] and got[1] == pytest.approx(want[1])
    assert plugin.total > 0
    # every bucket crosses to another worker at most once (about half stay where they are)
    assert moved <= 1.5 * plugin.total, (moved, plugin.total)
    window = df.selectExpr("v", "row_number() over (partition by k order by v) rn")
    got = window.where("rn <= 2").agg(F.count("*"), F.sum("rn")).collect()[0]
    want = con.execute("select count(*), sum(rn) from (select row_number() over "
                      "(partition by k order by v) rn from t) where rn <= 2").fetchone()
    assert tuple(got) == want
    sorted_v = df.orderBy("v").select("v").toPandas()["v"]
    assert sorted_v.is_monotonic_increasing and len(sorted_v) == t.num_rows


def test_shared_scans_only_within_the_budget(spark, tmp_path, conf):
    """A table joined with an aggregate of itself (TPC-H Q17's shape) reads each piece once
    for both scans while the shared reads fit `dfengine.execution.sharedScanBudget`; past it
    (the shared reads would all be alive at once) each scan reads its own, same answer."""
    df, _, t, _ = _frames(spark, tmp_path)
    avg = df.groupBy("k").agg(F.avg("v").alias("av"))
    q = df.join(avg, "k").where(F.col("v") > F.col("av")).agg(F.count("*"), F.sum("d"))
    want = _duckdb(t=t).execute(
        "select count(*), sum(d) from t join (select k, avg(v) av from t group by k) a "
        "using (k) where v > av").fetchone()

    def shared_reads() -> int:
        graph, _ = q._qe().graph()
        return sum(1 for key in graph if isinstance(key, tuple) and
                   str(key[0]).startswith("shared-read"))

    assert shared_reads() == 1  # 20,000 rows: one piece, read once for both scans
    assert tuple(q.collect()[0]) == want
    conf("dfengine.execution.sharedScanBudget", "1k")
    assert shared_reads() == 0
    assert tuple(q.collect()[0]) == want


def test_scan_pieces_follow_the_bytes_of_the_columns_read(spark, tmp_path, conf):
    """Pieces are cut at row groups under spark.sql.files.maxPartitionBytes of estimated
    Arrow bytes of the columns read: a wide string column makes more pieces than a narrow
    scan of the same file, and the answers do not change."""
    df, _, t, _ = _frames(spark, tmp_path)  # 8 row groups of 2,500 rows

    def pieces(frame) -> int:
        plan = frame._qe().physical.tree_string()
        return int(plan.split("pieces=")[1].split()[0])

    assert pieces(df) == 1
    conf("spark.sql.files.maxPartitionBytes", "40k")
    # k alone: 20 KB a row group, two a piece; all four columns: ~100 KB, one a piece
    assert pieces(df.select("k")) == 4
    assert pieces(df) == 8
    got = df.groupBy("s").agg(F.count("*").alias("c"), F.sum("d").alias("sd")).orderBy(
        "s").toPandas()
    want = _duckdb(t=t).execute(
        "select s, count(*) c, sum(d) sd from t group by s order by s nulls first").df()
    assert got["c"].tolist() == want["c"].tolist()
    assert got["sd"].tolist() == want["sd"].tolist()


@pytest.mark.cluster
def test_adaptive_join_on_two_workers(cluster, tmp_path):
    """On a cluster the map stages stay on the workers as futures, only their sizes come
    back: a join planned as shuffled on a wrong estimate is broadcast at run time."""
    spark, _lc, _client = cluster
    df, dims, t, d = _frames(spark, tmp_path)
    rare = "(k * 7) % 1000 = 3"
    q = df.join(dims.where(rare), "k").agg(F.count("*"), F.sum("w"), F.sum("d"))
    want = _duckdb(t=t, d=d).execute(f"select count(*), sum(w), sum(d) from t join "
                                     f"(select * from d where {rare}) using (k)").fetchone()
    assert tuple(q.collect()[0]) == want  # threshold -1: stays shuffled (coalesced)
    assert "AdaptiveSparkPlan isFinalPlan=true" in q._explain_string("formatted")
    spark.conf.set("spark.sql.adaptive.autoBroadcastJoinThreshold", "4k")
    try:
        assert tuple(q.collect()[0]) == want
        text = q._explain_string("formatted")
    finally:
        spark.conf.unset("spark.sql.adaptive.autoBroadcastJoinThreshold")
    assert "BroadcastHashJoin(build=right) (adaptive; planned ShuffledHashJoin" in text, text
