"""What per-operator metrics cost: TPC-H through `spark.sql` with `dfengine.sql.metrics.enabled`
on (the default) and off, in one session, the two settings interleaved query by query so that
load from other processes hits both alike. Each query's time is the best of `--repeat` runs.

    python -m benchmarks.metrics_overhead --sf 1 --repeat 3

Wall times on a shared machine vary by more than the effect measured, so besides the wall and
process-CPU ratios (best of `--repeat`, the settings alternated ABAB) it reports a cost model
that load does not disturb: the extra time to build the instrumented graph (least of 15) plus
the number of measured calls the query makes times the cost of one measured call (timed on a
lineitem row group), as a percentage of the query's time without metrics. Writes
benchmarks/results/metrics_overhead.json.
"""

from __future__ import annotations

import argparse
import time

import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.common import geomean, print_table, write_results
from benchmarks.tpch.data import sf_label, table_paths
from benchmarks.tpch.queries import QUERY_NUMBERS, query_text
from dfengine.execution import metrics as M

KEY = "dfengine.sql.metrics.enabled"


def _timed(spark, n: int, setting: str) -> tuple[float, float]:
    """Wall and process CPU seconds of one run of query n with metrics `setting`."""
    spark.conf.set(KEY, setting)
    w0, c0 = time.perf_counter(), time.process_time()
    spark.sql(query_text(n)).toPandas()
    return time.perf_counter() - w0, time.process_time() - c0


def _build_seconds(qe, on: bool, repeat: int = 15) -> float:
    """Least time to make the query's Dask graph, instrumented or not (planning excluded):
    the minimum, as a median of 5 still caught 26 ms scheduling hiccups at load 30."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        if on:
            run = M.new_run()
            graph, _ = qe.graph(M.instrument(qe.physical, run))
            M.stamp_tasks(graph)
            M.records(run, remove=True)
        else:
            qe.graph()
        times.append(time.perf_counter() - t0)
    return min(times)


def _calls(spark, n: int) -> int:
    """How many measured calls (records) one run of query n makes."""
    from dask.threaded import get

    qe = spark.sql(query_text(n))._qe()
    run = M.new_run()
    graph, keys = qe.graph(M.instrument(qe.physical, run))
    M.stamp_tasks(graph)
    get(graph, keys, num_workers=2)
    return len(M.records(run, remove=True))


def per_call_seconds(table: pa.Table, iterations: int = 20000) -> float:
    """What one measured call adds to the call itself: two clocks, rows and Arrow bytes of a
    lineitem-sized result, one list append."""
    call = M.OpCall(_same, "bench", 0, "out")
    run = M.new_run()
    t0 = time.perf_counter()
    for _ in range(iterations):
        _same(table)
    plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(iterations):
        call(table)
    measured = time.perf_counter() - t0
    M.records(run, remove=True)
    M.records("bench", remove=True)
    return max(measured - plain, 0.0) / iterations


def _same(t: pa.Table) -> pa.Table:
    return t


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sf", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", default=",".join(str(q) for q in QUERY_NUMBERS))
    args = parser.parse_args(argv)
    from dfengine.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").appName("metrics-overhead").getOrCreate()
    for name, path in table_paths(args.sf).items():
        spark.read.parquet(str(path)).createOrReplaceTempView(name)
    queries = [int(q) for q in args.queries.split(",")]
    print(f"# TPC-H SF{sf_label(args.sf)}, local[2], best of {args.repeat}; "
          f"changed setting: {KEY} on vs off")
    for n in queries:  # warm-up: JIT compilation and file metadata, not timed
        spark.sql(query_text(n)).toPandas()
    paths = table_paths(args.sf)
    per_call = per_call_seconds(pq.ParquetFile(paths["lineitem"]).read_row_group(0))
    rows = []
    for n in queries:
        wall = {"true": [], "false": []}
        cpu = {"true": [], "false": []}
        for i in range(args.repeat):  # ABAB...: load from other processes hits both alike
            for s in (("true", "false") if (n + i) % 2 else ("false", "true")):
                w, c = _timed(spark, n, s)
                wall[s].append(w)
                cpu[s].append(c)
        spark.conf.unset(KEY)
        qe = spark.sql(query_text(n))._qe()
        build = _build_seconds(qe, True) - _build_seconds(qe, False)
        calls = _calls(spark, n)
        off = min(wall["false"])
        cost = max(build, 0.0) + calls * per_call
        rows.append({"query": f"q{n:02d}", "off_s": off, "on_s": min(wall["true"]),
                     "wall_ratio": min(wall["true"]) / off,
                     "cpu_ratio": min(cpu["true"]) / min(cpu["false"]),
                     "calls": calls, "build_ms": build * 1000,
                     "cost_ms": cost * 1000, "cost_pct": 100 * cost / off})
    total_off = sum(r["off_s"] for r in rows)
    total_on = sum(r["on_s"] for r in rows)
    total_cost = sum(r["cost_ms"] for r in rows) / 1000
    summary = {"per_call_us": per_call * 1e6, "total_off_s": total_off,
               "total_on_s": total_on, "total_wall_ratio": total_on / total_off,
               "geomean_wall_ratio": geomean(r["wall_ratio"] for r in rows),
               "geomean_cpu_ratio": geomean(r["cpu_ratio"] for r in rows),
               "total_cost_s": total_cost, "total_cost_pct": 100 * total_cost / total_off,
               "max_cost_pct": max(r["cost_pct"] for r in rows)}
    print_table(rows, ["query", "off_s", "on_s", "wall_ratio", "cpu_ratio", "calls",
                       "build_ms", "cost_ms", "cost_pct"])
    print(f"measured: total off {total_off:.2f} s, on {total_on:.2f} s (ratio "
          f"{summary['total_wall_ratio']:.3f}); geomean wall ratio "
          f"{summary['geomean_wall_ratio']:.3f}, cpu ratio {summary['geomean_cpu_ratio']:.3f}")
    print(f"cost model: {per_call * 1e6:.2f} us per measured call + graph instrumentation = "
          f"{total_cost * 1000:.1f} ms in total, {summary['total_cost_pct']:.2f}% of the "
          f"queries' time (worst query {summary['max_cost_pct']:.2f}%)")
    write_results("metrics_overhead", {"sf": args.sf, "repeat": args.repeat, "queries": rows,
                                       **summary})
    spark.stop()


if __name__ == "__main__":
    main()
