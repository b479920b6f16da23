"""What per-operator metrics cost: TPC-H through `spark.sql` with `dfengine.sql.metrics.enabled`
on (the default) and off, in one session, the two settings interleaved query by query so that
load from other processes hits both alike. Each query's time is the best of `--repeat` runs.

    python -m benchmarks.metrics_overhead --sf 1 --repeat 3

Prints a table per query and the ratio of the total and geometric-mean times (on / off); writes
benchmarks/results/metrics_overhead.json.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import geomean, print_table, write_results
from benchmarks.tpch.data import sf_label, table_paths
from benchmarks.tpch.queries import QUERY_NUMBERS, query_text

KEY = "dfengine.sql.metrics.enabled"


def _best(spark, n: int, setting: str, repeat: int) -> float:
    spark.conf.set(KEY, setting)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        spark.sql(query_text(n)).toPandas()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sf", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", default=",".join(str(q) for q in QUERY_NUMBERS))
    args = parser.parse_args(argv)
    from dfengine.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("metrics-overhead")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    for name, path in table_paths(args.sf).items():
        spark.read.parquet(str(path)).createOrReplaceTempView(name)
    queries = [int(q) for q in args.queries.split(",")]
    print(f"# TPC-H SF{sf_label(args.sf)}, local[2], best of {args.repeat}; "
          f"changed setting: {KEY} on vs off")
    for n in queries:  # warm-up: JIT compilation and file metadata, not timed
        spark.sql(query_text(n)).toPandas()
    rows = []
    for n in queries:
        # alternate which setting goes first so neither always runs on a warmer cache
        order = ("true", "false") if n % 2 else ("false", "true")
        t = {s: _best(spark, n, s, args.repeat) for s in order}
        rows.append({"query": f"q{n:02d}", "off_s": t["false"], "on_s": t["true"],
                     "ratio": t["true"] / t["false"]})
    spark.conf.unset(KEY)
    total_on, total_off = sum(r["on_s"] for r in rows), sum(r["off_s"] for r in rows)
    summary = {"total_off_s": total_off, "total_on_s": total_on,
               "total_ratio": total_on / total_off,
               "geomean_ratio": geomean(r["ratio"] for r in rows)}
    print_table(rows, ["query", "off_s", "on_s", "ratio"])
    print(f"total: off {total_off:.2f} s, on {total_on:.2f} s, ratio {summary['total_ratio']:.3f}; "
          f"geomean ratio {summary['geomean_ratio']:.3f}")
    write_results("metrics_overhead", {"sf": args.sf, "repeat": args.repeat, "queries": rows,
                                       **summary})
    spark.stop()


if __name__ == "__main__":
    main()
