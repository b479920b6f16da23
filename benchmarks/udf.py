"""Python UDF throughput: dfengine vs PySpark on the same rows (rows per second).

    python -m benchmarks.udf [--rows 10000000] [--repeat 2] [--skip pyspark]

Each workload applies a UDF to every row of `range(rows)` (column `x`, long, and `y = x / 2`,
double) and sums the results, so the time is the UDF's (plus the scan and one aggregate),
not the time to collect 10M rows. Both engines run local[2] with their defaults (PySpark 4:
plain UDFs Arrow-optimized, 10,000-row Arrow batches). Each answer is checked against the
closed-form sum before its time is recorded. Prints a table and writes
`benchmarks/results/udf.json`.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from benchmarks.common import print_table, run_on_engine, timeit, write_results


def workloads(F: Any) -> dict[str, Callable[[Any], Any]]:
    """name -> (DataFrame of x, y) -> Column to sum. Written once for both engines."""

    def plus(v: pd.Series) -> pd.Series:
        return v * 2 + 1

    def two_args(a: pd.Series, b: pd.Series) -> pd.Series:
        return a + b

    return {
        "udf x*2+1 (Arrow-optimized, default)": lambda df: F.udf(lambda x: x * 2 + 1,
                                                                 "long")("x"),
        "udf x*2+1 (useArrow=False, pickled)": lambda df: F.udf(lambda x: x * 2 + 1, "long",
                                                                useArrow=False)("x"),
        "udf x + y (two args, double)": lambda df: F.udf(lambda a, b: a + b, "double")("x", "y"),
        "pandas_udf Series->Series x*2+1": lambda df: F.pandas_udf(plus, "long")("x"),
        "pandas_udf x + y (two Series)": lambda df: F.pandas_udf(two_args, "double")("x", "y"),
    }


def expected(name: str, n: int) -> float:
    s = n * (n - 1) / 2
    if "x + y" in name:
        return s * 1.5
    return 2 * s + n


def run_engine(spark: Any, F: Any, rows: int, repeat: int) -> dict[str, float]:
    out = {}
    base = spark.range(rows).select(F.col("id").alias("x"), (F.col("id") / 2).alias("y"))
    for name, make in workloads(F).items():
        def job(make: Callable = make) -> float:
            return base.select(F.sum(make(base)).alias("s")).collect()[0][0]

        t = timeit(job, repeat)
        want = expected(name, rows)
        if abs(float(t.value) - want) > 1e-9 * abs(want):
            raise AssertionError(f"{name}: got {t.value}, expected {want}")
        out[name] = t.best
        print(f"  {name}: {t.best:.2f} s", flush=True)
    return out


def engine_times(engine: str, rows: int, repeat: int) -> dict[str, float]:
    return run_on_engine(engine, "udf-bench", lambda spark, F: run_engine(spark, F, rows, repeat))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=10_000_000)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--skip", default="", help="comma-separated engines to skip: pyspark")
    args = p.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    print(f"UDF throughput on {args.rows:,} rows, local[2], best of {args.repeat}", flush=True)
    print("dfengine:", flush=True)
    ours = engine_times("dfengine", args.rows, args.repeat)
    theirs: dict[str, float] = {}
    if "pyspark" not in skip:
        print("pyspark:", flush=True)
        theirs = engine_times("pyspark", args.rows, args.repeat)
    rows = []
    for name, t in ours.items():
        ps = theirs.get(name)
        rows.append([name, t, args.rows / t / 1e6, ps, args.rows / ps / 1e6 if ps else None,
                     ps / t if ps else None])
    print(f"\nrows = {args.rows:,}")
    print_table(rows, ["workload", "dfengine s", "dfengine Mrows/s", "pyspark s",
                       "pyspark Mrows/s", "speed-up vs pyspark"])
    write_results("udf", {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rows": args.rows, "repeat": args.repeat, "master": "local[2]",
        "dfengine_s": ours, "pyspark_s": theirs,
    })


if __name__ == "__main__":
    main()
