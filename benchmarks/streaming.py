"""Streaming benchmark: a windowed aggregation over a rate source and over a file source,
dfengine vs PySpark Structured Streaming on the same machine.

    python -m benchmarks.streaming [--seconds 15] [--rate 200000] [--files 20]
                                   [--rows-per-file 100000] [--skip pyspark]

Query (both engines, update mode, noop sink, default trigger = as fast as possible):
    withWatermark("ts", "10 seconds").groupBy(window("ts", "5 seconds"), value % 100).count()

* rate: `rate` source at --rate rows/s for --seconds after a warm-up; sustained rows/s is the
  rows processed per wall second over the measured window (the source's backlog grows when an
  engine cannot keep up, so this is its capacity), batch latency is triggerExecution.
* file: --files parquet files of --rows-per-file rows, maxFilesPerTrigger=1,
  Trigger.AvailableNow; rows/s over the whole run and per-batch latency.

Prints a table and writes `benchmarks/results/streaming.json`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import print_table, write_results

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "streaming_bench"
WARMUP_S = 5.0  # then wait for the first completed batch, at most 120 s


def _get(p: Any, key: str) -> Any:
    return p[key] if isinstance(p, dict) else getattr(p, key)


def _query(df: Any, F: Any, ts: str) -> Any:
    return (df.withWatermark(ts, "10 seconds")
            .groupBy(F.window(ts, "5 seconds"), (F.col("value") % 100).alias("k")).count())


def _latencies(progress: list) -> dict:
    lat = sorted(_get(p, "durationMs")["triggerExecution"] for p in progress
                 if _get(p, "numInputRows") > 0)
    if not lat:
        return {"batches": 0, "latency_p50_ms": None, "latency_p95_ms": None}
    return {"batches": len(lat), "latency_p50_ms": statistics.median(lat),
            "latency_p95_ms": lat[min(len(lat) - 1, int(0.95 * len(lat)))]}


def rate_run(spark: Any, F: Any, rate: int, seconds: float) -> dict:
    df = spark.readStream.format("rate").option("rowsPerSecond", rate).load()
    df = df.withColumnRenamed("timestamp", "ts")
    q = _query(df, F, "ts").writeStream.outputMode("update").format("noop").start()
    time.sleep(WARMUP_S)
    deadline = time.time() + 120  # the first batch (JIT, planning) may take long
    while not q.recentProgress and q.isActive and time.time() < deadline:
        time.sleep(0.2)
    if not q.isActive:
        raise RuntimeError(f"the rate query stopped: {q.exception()}")
    first = len(q.recentProgress)
    t0 = time.perf_counter()
    time.sleep(seconds)
    progress = list(q.recentProgress)[first:]
    wall = time.perf_counter() - t0
    failed = None if q.isActive else str(q.exception())
    q.stop()
    if failed:
        raise RuntimeError(f"the rate query failed: {failed[:500]}")
    rows = sum(_get(p, "numInputRows") for p in progress)
    return {"rows": rows, "rows_per_s": rows / wall, **_latencies(progress)}


def file_data(files: int, rows_per_file: int) -> str:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    d = DATA_DIR / f"{files}x{rows_per_file}"
    if len(list(d.glob("*.parquet"))) == files:
        return str(d)
    d.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    start = 1_704_067_200_000_000  # 2024-01-01, microseconds
    for i in range(files):
        ts = start + (i * rows_per_file + np.arange(rows_per_file)) * 1000 + rng.integers(
            -3_000_000, 0, rows_per_file)
        table = pa.table({"ts": pa.array(ts, pa.timestamp("us")),
                          "value": pa.array(rng.integers(0, 1_000_000, rows_per_file))})
        pq.write_table(table, d / f"part-{i:03d}.parquet")
    return str(d)


def file_run(spark: Any, F: Any, path: str, files: int, rows_per_file: int) -> dict:
    df = (spark.readStream.schema("ts timestamp, value bigint")
          .option("maxFilesPerTrigger", 1).parquet(path))
    with tempfile.TemporaryDirectory() as ck:
        t0 = time.perf_counter()
        q = (_query(df, F, "ts").writeStream.outputMode("update").format("noop")
             .option("checkpointLocation", ck).trigger(availableNow=True).start())
        q.awaitTermination()
        wall = time.perf_counter() - t0
        progress = list(q.recentProgress)
    rows = sum(_get(p, "numInputRows") for p in progress)
    assert rows == files * rows_per_file, (rows, files * rows_per_file)
    return {"rows": rows, "rows_per_s": rows / wall, "wall_s": wall, **_latencies(progress)}


def _sessions(skip: set[str]) -> dict:
    from dfengine.sql import SparkSession
    from dfengine.sql import functions as F

    out = {"dfengine": (SparkSession.builder.master("local[2]").getOrCreate(), F)}
    if "pyspark" not in skip:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession as PS
        from pyspark.sql import functions as PF

        ps = (PS.builder.master("local[2]").config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC").getOrCreate())
        ps.sparkContext.setLogLevel("ERROR")
        out["pyspark"] = (ps, PF)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--rate", type=int, default=200_000)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--rows-per-file", type=int, default=100_000)
    ap.add_argument("--skip", default="")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    load = os.getloadavg()[0]
    print(f"# streaming benchmark: local[2] on {os.cpu_count()} cores (load average {load:.1f}"
          f" at start); rate {args.rate} rows/s "
          f"for {args.seconds}s after {WARMUP_S}s warm-up; files {args.files} x "
          f"{args.rows_per_file} rows; PySpark with spark.sql.shuffle.partitions=2 (its "
          "default 200 would run 200 state stores a batch); dfengine with defaults", flush=True)
    path = file_data(args.files, args.rows_per_file)
    results = []
    for engine, (spark, F) in _sessions(skip).items():
        try:
            r = rate_run(spark, F, args.rate, args.seconds)
        except RuntimeError as e:
            print(f"{engine} rate: {e}", flush=True)
            r = {"rows": 0, "rows_per_s": 0.0, "batches": 0, "error": str(e)[:300]}
        results.append({"engine": engine, "source": "rate", **r})
        print_table([results[-1]], list(results[-1]))
        f = file_run(spark, F, path, args.files, args.rows_per_file)
        results.append({"engine": engine, "source": "file", **f})
        print_table([results[-1]], list(results[-1]))
    cols = ["engine", "source", "rows", "rows_per_s", "batches", "latency_p50_ms",
            "latency_p95_ms"]
    print()
    print_table(results, cols)
    by = {(r["engine"], r["source"]): r for r in results}
    for source in ("rate", "file"):
        a, b = by.get(("dfengine", source)), by.get(("pyspark", source))
        if a and b and b["rows_per_s"]:
            print(f"{source}: dfengine/pyspark throughput {a['rows_per_s'] / b['rows_per_s']:.2f}x,"
                  f" p50 latency {a['latency_p50_ms']} ms vs {b['latency_p50_ms']} ms")
    write_results("streaming", {"args": vars(args), "load_average_at_start": load,
                                "results": results})


if __name__ == "__main__":
    main()
