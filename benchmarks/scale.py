"""Scale-out benchmark: large shuffles on a memory-capped Dask cluster, answers vs DuckDB.

    python -m benchmarks.scale [--rows 6000000] [--workers 2] [--memory-limit 1GiB]
                               [--queries agg,join,distinct,sort_write,window]

Generates `facts` (`rows` rows: id, k with rows*8/60 distinct values, g, v, amount
decimal(12,2), name) and `dims` (one row per k) as parquet under --data-dir, starts a
`distributed.LocalCluster` of --workers single-thread worker processes with --memory-limit each,
and runs each query through dfengine on it. Per query it prints: wall time, the bytes the
exchanges produced (the sum of the shuffle buckets' sizes, read from the scheduler), the bytes
the workers sent each other (`Worker.transfer_outgoing_bytes_total`), their ratio, the peak
worker memory (the scheduler's view of each worker process, polled every 0.2 s), worker
restarts, and whether the answer equals DuckDB's on the same files. The acceptance size is
--rows 60000000 (about 3 GiB in Arrow); the default is a quick run.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import format_table, write_results

# Each query returns a small digest of a large computation, the same SQL in both engines.
QUERIES = {
    "agg": "select count(*), sum(c), sum(sv) from "
           "(select k, count(*) c, sum(v) sv from facts group by k) t",
    "join": "select count(*), sum(f.v * d.w), sum(f.amount) from facts f join dims d "
            "on f.k = d.k",
    "distinct": "select count(distinct k) from facts",
    "window": "select count(*), sum(rn), sum(v) from (select v, row_number() over "
              "(partition by k order by id) rn from facts) t where rn <= 2",
    "sort_write": None,  # facts.orderBy(v).write.parquet, checked by reading it back
}


def generate(rows: int, path: str, row_group: int = 500_000) -> None:
    """facts and dims as parquet files of `row_group`-row groups (deterministic)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    groups = max(1, rows * 8 // 60)
    os.makedirs(os.path.join(path, "facts"), exist_ok=True)
    os.makedirs(os.path.join(path, "dims"), exist_ok=True)
    per_file = 10 * row_group
    for f, start in enumerate(range(0, rows, per_file)):
        rng = np.random.default_rng(f)
        n = min(per_file, rows - start)
        k = rng.integers(0, groups, n)
        t = pa.table({
            "id": pa.array(np.arange(start, start + n, dtype=np.int64)),
            "k": pa.array(k),
            "g": pa.array(rng.integers(0, 100, n).astype(np.int32)),
            "v": pa.array(rng.random(n)),
            "amount": pa.array(rng.integers(0, 10**6, n).astype(np.int32)).cast(
                pa.decimal128(12, 2)),
            "name": pc.binary_join_element_wise("n", pc.cast(pa.array(k % 100_000),
                                                             pa.string()), ""),
        })
        pq.write_table(t, os.path.join(path, "facts", f"part-{f:05d}.parquet"),
                       row_group_size=row_group)
    rng = np.random.default_rng(12345)
    dims = pa.table({"k": pa.array(np.arange(groups, dtype=np.int64)),
                     "w": pa.array(rng.random(groups))})
    pq.write_table(dims, os.path.join(path, "dims", "part-00000.parquet"),
                   row_group_size=row_group)
    Path(path, "_GENERATED").touch()


@dataclass
class Watch:
    """Scheduler-side counters for one query: bucket bytes, peak memory, restarts."""

    scheduler: Any
    shuffled: int = 0
    tasks: int = 0
    peak: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def transition(self, key: Any, start: str, finish: str, *args: Any, **kw: Any) -> None:
        name = key[0] if isinstance(key, tuple) else str(key)
        self.tasks += finish == "memory"
        if finish == "memory" and "-bucket-" in name:
            ts = self.scheduler.tasks.get(key)
            if ts is not None:
                self.shuffled += max(ts.nbytes, 0)

    def poll(self) -> None:
        while not self.stop.wait(0.2):
            for addr, ws in list(self.scheduler.workers.items()):
                self.peak[addr] = max(self.peak.get(addr, 0), ws.memory.process)


def _plugin() -> Any:
    """A scheduler plugin forwarding task transitions to the current Watch."""
    from distributed.diagnostics.plugin import SchedulerPlugin

    class WatchPlugin(SchedulerPlugin):
        name = "dfengine-scale-watch"
        watch: Watch | None = None

        def transition(self, *args: Any, **kw: Any) -> None:
            if self.watch is not None:
                self.watch.transition(*args, **kw)

    return WatchPlugin()


def _sent(client: Any) -> int:
    counts = client.run(lambda dask_worker: dask_worker.transfer_outgoing_bytes_total)
    return sum(counts.values())


def _duckdb_answer(data: str, query: str) -> tuple:
    import duckdb

    con = duckdb.connect()
    for t in ("facts", "dims"):
        con.execute(f"create view {t} as select * from read_parquet('{data}/{t}/*.parquet')")
    return tuple(con.execute(query).fetchone())


def _same(a: tuple, b: tuple) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is None or y is None:
            if x is not y:
                return False
        elif not math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-6):
            return False
    return True


def _sort_write(spark: Any, data: str) -> tuple:
    """facts.orderBy(v).write.parquet, then (rows, sum(v), whether files are in order)."""
    import pyarrow.parquet as pq

    out = os.path.join(data, "sorted")
    shutil.rmtree(out, ignore_errors=True)
    spark.read.parquet(f"{data}/facts").orderBy("v").write.parquet(out)
    rows, total, last, ordered = 0, 0.0, -1.0, True
    for name in sorted(f for f in os.listdir(out) if f.endswith(".parquet")):
        v = pq.read_table(os.path.join(out, name), columns=["v"]).column("v").to_numpy()
        if len(v):
            ordered &= bool((v[1:] >= v[:-1]).all()) and v[0] >= last
            last = float(v[-1])
        rows += len(v)
        total += float(v.sum())
    return rows, total, ordered


def run_query(spark: Any, client: Any, watch: Watch, data: str, name: str) -> dict:
    sent0 = _sent(client)
    poller = threading.Thread(target=watch.poll, daemon=True)
    poller.start()
    start = time.perf_counter()
    error = ""
    try:
        if name == "sort_write":
            got: tuple = _sort_write(spark, data)
        else:
            got = tuple(spark.sql(QUERIES[name]).collect()[0])
    except Exception as e:  # noqa: BLE001 - a failed query is a row of the table
        got, error = (), f"{type(e).__name__}: {str(e)[:200]}"
    seconds = time.perf_counter() - start
    watch.stop.set()
    poller.join()
    sent = _sent(client) - sent0
    if name == "sort_write":
        want = _duckdb_answer(data, "select count(*), sum(v) from facts") + (True,)
    else:
        want = _duckdb_answer(data, QUERIES[name])
    return {"query": name, "seconds": seconds, "tasks": watch.tasks, "shuffled_MB": watch.shuffled / 1e6,
            "moved_MB": sent / 1e6,
            "moved/shuffled": sent / watch.shuffled if watch.shuffled else math.nan,
            "peak_worker_MB": max(watch.peak.values(), default=0) / 1e6,
            "answer": "same" if got and _same(got, want) else f"DIFFERENT {got} vs {want}",
            "error": error}


def _tpch_query(spark: Any, client: Any, watch: Watch, expected: Any, q: int) -> dict:
    """One TPC-H query on the cluster: time, tasks, bucket bytes, bytes moved, peak worker
    memory, answer vs DuckDB's."""
    from benchmarks.tpch.compare import mismatch
    from benchmarks.tpch.queries import query_text

    sent0 = _sent(client)
    poller = threading.Thread(target=watch.poll, daemon=True)
    poller.start()
    start = time.perf_counter()
    try:
        problem = mismatch(spark.sql(query_text(q)).toPandas(), expected, q)
        answer = "same" if problem is None else f"DIFFERENT: {problem[:120]}"
    except Exception as e:  # noqa: BLE001 - a failed query is a row of the table
        answer = f"error: {type(e).__name__}: {str(e)[:160]}"
    seconds = time.perf_counter() - start
    watch.stop.set()
    poller.join()
    sent = _sent(client) - sent0
    return {"query": f"Q{q}", "seconds": seconds, "tasks": watch.tasks,
            "shuffled_MB": watch.shuffled / 1e6, "moved_MB": sent / 1e6,
            "moved/shuffled": sent / watch.shuffled if watch.shuffled else math.nan,
            "peak_worker_MB": max(watch.peak.values(), default=0) / 1e6,
            "answer": answer}


def run_tpch(spark: Any, client: Any, plugin: Any, sf: float, queries: list[int]) -> list[dict]:
    from benchmarks.tpch.data import table_paths
    from benchmarks.tpch_memory import expected_answers

    expected = expected_answers(sf, queries)  # DuckDB in a child process, cached on disk
    for name, path in table_paths(sf).items():
        spark.read.parquet(str(path)).createOrReplaceTempView(name)
    workers0 = set(plugin.watch.scheduler.workers)
    rows = []
    for q in queries:
        plugin.watch = Watch(plugin.watch.scheduler)
        rows.append(_tpch_query(spark, client, plugin.watch, expected[q], q))
        rows[-1]["restarts"] = len(set(plugin.watch.scheduler.workers) - workers0)
        print(format_table([rows[-1]], list(rows[-1])), flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=6_000_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--memory-limit", default="1GiB")
    p.add_argument("--data-dir", default="/tmp/dfengine-scale")
    p.add_argument("--queries", default=None,
                   help=f"default {','.join(QUERIES)}; with --tpch e.g. 1-8 (default 1-22)")
    p.add_argument("--tpch", type=float, default=None,
                   help="instead: the 22 TPC-H queries at this scale factor (data/tpch-sf<SF>)")
    p.add_argument("--conf", action="append", default=[],
                   help="extra session setting key=value (repeatable)")
    args = p.parse_args(argv)
    data = os.path.join(args.data_dir, f"rows{args.rows}")
    if args.tpch is None and not os.path.exists(os.path.join(data, "_GENERATED")):
        t0 = time.perf_counter()
        generate(args.rows, data)
        print(f"generated {args.rows} rows in {time.perf_counter() - t0:.1f} s under {data}")
    from distributed import Client, LocalCluster

    os.environ.setdefault("DFENGINE_QUIET", "1")
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                           memory_limit=args.memory_limit, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    plugin = _plugin()
    cluster.scheduler.add_plugin(plugin)
    from dfengine.sql import SparkSession

    builder = SparkSession.builder.config("dfengine.dask.client", client).config(
        "dfengine.ui.showProgress", "false")
    for kv in args.conf:
        key, value = kv.split("=", 1)
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    if args.tpch is not None:
        from benchmarks.tpch.__main__ import _parse_queries

        print(f"# scale: TPC-H SF{args.tpch:g} LocalCluster({args.workers} workers x 1 thread, "
              f"memory_limit={args.memory_limit}) {' '.join(args.conf)}", flush=True)
        plugin.watch = Watch(cluster.scheduler)
        try:
            rows = run_tpch(spark, client, plugin, args.tpch, _parse_queries(args.queries))
        finally:
            spark.stop()
            client.close()
            cluster.close()
        cols = ["query", "seconds", "tasks", "shuffled_MB", "moved_MB", "moved/shuffled",
                "peak_worker_MB", "restarts", "answer"]
        print(format_table(rows, cols))
        write_results(f"scale-tpch-sf{args.tpch:g}", {"sf": args.tpch, "queries": rows,
                                                     "workers": args.workers,
                                                     "memory_limit": args.memory_limit,
                                                     "conf": args.conf})
        return
    spark.read.parquet(f"{data}/facts").createOrReplaceTempView("facts")
    spark.read.parquet(f"{data}/dims").createOrReplaceTempView("dims")
    print(f"# scale: rows={args.rows} LocalCluster({args.workers} workers x 1 thread, "
          f"memory_limit={args.memory_limit}) {' '.join(args.conf)}")
    workers0 = set(cluster.scheduler.workers)
    rows = []
    try:
        for name in (args.queries or ",".join(QUERIES)).split(","):
            plugin.watch = Watch(cluster.scheduler)
            rows.append(run_query(spark, client, plugin.watch, data, name))
            restarted = len(set(cluster.scheduler.workers) - workers0)
            rows[-1]["restarts"] = restarted
            print(format_table([rows[-1]], list(rows[-1])), flush=True)
    finally:
        spark.stop()
        client.close()
        cluster.close()
    cols = ["query", "seconds", "tasks", "shuffled_MB", "moved_MB", "moved/shuffled", "peak_worker_MB",
            "restarts", "answer", "error"]
    print(format_table(rows, cols))
    write_results(f"scale-rows{args.rows}", {"rows": args.rows, "workers": args.workers,
                                             "memory_limit": args.memory_limit,
                                             "conf": args.conf, "queries": rows})


if __name__ == "__main__":
    main()
