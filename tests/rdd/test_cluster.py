"""Lineage recovery on a real cluster: 2 worker processes, one killed in the middle of a job.

The answers must equal those computed without failures, for an RDD shuffle job, a cached
dataset whose partitions are lost with the worker, and a DataFrame aggregation; accumulators
must still count each record exactly once.
"""

from __future__ import annotations

import operator
import os
import signal
import threading
import time

import pytest

from tests.rdd.conftest import _register_by_value

_register_by_value(__name__)

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster_sc():
    from distributed import Client, LocalCluster

    from dfengine.rdd import SparkContext
    from dfengine.runtime import Runtime

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    client = Client(cluster, set_as_default=False)
    saved = SparkContext._active_spark_context
    ctx = SparkContext._from_runtime(Runtime("cluster", client=client), {
        "dfengine.ui.showProgress": "false"}, "fault-tests")
    SparkContext._active_spark_context = saved  # keep the test session's context the active one
    yield ctx
    ctx.stop()
    client.close()
    cluster.close()


def slow_square(x):
    time.sleep(0.02)
    return (x % 13, x * x)


def _kill_one_worker_during(ctx, action, delay=0.5):
    """Run `action()` while one worker process is killed `delay` seconds in; its result."""
    client = ctx._runtime.client
    pids = client.run(os.getpid)
    victim = min(pids.values())
    result = {}

    def run():
        try:
            result["value"] = action()
        except BaseException as exc:  # noqa: BLE001 - surfaced below
            result["error"] = exc

    t = threading.Thread(target=run)
    t.start()
    time.sleep(delay)
    os.kill(victim, signal.SIGKILL)
    t.join(120)
    assert not t.is_alive()
    if "error" in result:
        raise result["error"]
    _wait_for_workers(client, 2)
    return result["value"]


def _wait_for_workers(client, n, timeout=30):
    deadline = time.time() + timeout
    while len(client.scheduler_info()["workers"]) < n and time.time() < deadline:
        time.sleep(0.1)


def expected_sums():
    out = {}
    for x in range(240):
        k, v = (x % 13, x * x)
        out[k] = out.get(k, 0) + v
    return sorted(out.items())


def test_rdd_shuffle_job_survives_worker_loss(cluster_sc):
    seen = cluster_sc.accumulator(0)

    def tracked(x):
        seen.add(1)
        return slow_square(x)

    rdd = cluster_sc.parallelize(range(240), 8).map(tracked).reduceByKey(operator.add, 4)
    got = _kill_one_worker_during(cluster_sc, lambda: sorted(rdd.collect()))
    assert got == expected_sums()
    assert seen.value == 240  # recomputed tasks are not double counted


def test_cached_dataset_recomputed_after_worker_loss(cluster_sc):
    cached = cluster_sc.parallelize(range(240), 8).map(slow_square).cache()
    assert cached.count() == 240
    held = cluster_sc._cached_partitions(cached.id())
    assert len(held) == 8
    client = cluster_sc._runtime.client
    where = client.who_has(list(held.values()))
    assert len({w for ws in where.values() for w in ws}) == 2  # spread over both workers
    got = _kill_one_worker_during(
        cluster_sc, lambda: sorted(cached.reduceByKey(operator.add).collect()), delay=0.05)
    assert got == expected_sums()
    assert cached.count() == 240
    cached.unpersist()


def test_broadcast_on_cluster(cluster_sc):
    table = {i: str(i) * 2 for i in range(100)}
    b = cluster_sc.broadcast(table)
    assert b._key is not None  # scattered once, referenced by key in tasks
    got = cluster_sc.parallelize(range(100), 4).map(lambda i: b.value[i]).collect()
    assert got == [table[i] for i in range(100)]


def test_dataframe_aggregation_survives_worker_loss(cluster_sc):
    pytest.importorskip("dfengine.sql")
    from dfengine.sql import functions as F
    from dfengine.sql.session import SparkSession

    session = SparkSession._create({
        "spark.master": "cluster", "dfengine.dask.client": cluster_sc._runtime.client,
        "dfengine.ui.showProgress": "false"})
    try:
        rows = cluster_sc.parallelize(range(240), 8).map(slow_square)
        df = session.createDataFrame(rows, "k long, v long")
        agg = df.groupBy("k").agg(F.sum("v").alias("s"), F.count("*").alias("n")).orderBy("k")
        got = _kill_one_worker_during(cluster_sc, lambda: [tuple(r) for r in agg.collect()])
    finally:
        session.stop()
    counts = {}
    for x in range(240):
        counts[x % 13] = counts.get(x % 13, 0) + 1
    assert got == [(k, s, counts[k]) for k, s in expected_sums()]


def test_submit_to_cluster_ships_py_files(cluster_sc, tmp_path):
    from tests.rdd.test_submit import run_submit, write_app

    address = cluster_sc._runtime.client.scheduler.address
    out = run_submit(write_app(tmp_path), address)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["cat=1", "dog=1", "the=3", f"master={address}"]
