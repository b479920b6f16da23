"""Higher-order functions with lambdas: dfengine vs PySpark on the same arrays.

    python -m benchmarks.higher_order [--rows 1000000] [--repeat 2] [--skip pyspark]

Each row holds a 10-element array (`sequence(id % 7, id % 7 + 9)`, cached before timing); each workload applies one
higher-order function with a lambda (several read the outer column `id`), reduces each array
with `aggregate` (itself a lambda: the first row times it alone) and sums the rows, so the time is the lambda's evaluation over rows x 10
elements plus the scan, not the time to collect arrays. dfengine evaluates a lambda's body
once per partition over all the elements (Arrow kernels), PySpark per element in generated
code. The two engines' answers must be equal before a time is recorded. Prints a table and
writes `benchmarks/results/higher_order.json`.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import print_table, run_on_engine, timeit, write_results


def workloads(F: Any) -> dict[str, Callable[[], Any]]:
    """name -> Column to sum, written once for both engines. Arrays are reduced with
    `aggregate` (a lambda too) because array_max/element_at run per row in Python."""

    def total(c: Any) -> Any:
        return F.aggregate(c, F.lit(0).cast("bigint"), lambda acc, x: acc + x)

    return {
        "baseline size(xs), no lambda": lambda: F.size("xs"),
        "aggregate sum": lambda: total(F.col("xs")),
        "transform x * 2 + id": lambda: total(F.transform("xs", lambda x: x * 2 + F.col("id"))),
        "transform (x, i) -> x * i": lambda: total(F.transform("xs", lambda x, i: x * i)),
        "filter x % 2 = 0": lambda: F.size(F.filter("xs", lambda x: x % 2 == 0)),
        "exists x > id % 13 + 9": lambda: F.exists(
            "xs", lambda x: x > F.col("id") % 13 + 9).cast("int"),
        "zip_with x * y": lambda: total(F.zip_with("xs", "xs", lambda a, b: a * b)),
        "array_sort comparator desc": lambda: F.aggregate(
            F.array_sort("xs", lambda a, b: (b - a).cast("int")), F.lit(0).cast("bigint"),
            lambda acc, x: acc * 3 + x),
    }


def run_engine(spark: Any, F: Any, rows: int, repeat: int) -> dict[str, tuple[float, Any]]:
    out = {}
    base = spark.range(rows).select(
        "id", F.sequence(F.col("id") % 7, F.col("id") % 7 + 9).alias("xs")).cache()
    base.count()  # the arrays are built once, outside the timings
    for name, make in workloads(F).items():
        def job(make: Callable = make) -> Any:
            return base.select(F.sum(make()).alias("s")).collect()[0][0]

        t = timeit(job, repeat)
        out[name] = (t.best, t.value)
        print(f"  {name}: {t.best:.2f} s", flush=True)
    return out


def engine_times(engine: str, rows: int, repeat: int) -> dict[str, tuple[float, Any]]:
    return run_on_engine(engine, "hof-bench",
                         lambda spark, F: run_engine(spark, F, rows, repeat))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--skip", default="", help="comma-separated engines to skip: pyspark")
    args = p.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    print(f"Higher-order functions on {args.rows:,} rows x 10 elements, local[2], "
          f"best of {args.repeat}", flush=True)
    print("dfengine:", flush=True)
    ours = engine_times("dfengine", args.rows, args.repeat)
    theirs: dict[str, tuple[float, Any]] = {}
    if "pyspark" not in skip:
        print("pyspark:", flush=True)
        theirs = engine_times("pyspark", args.rows, args.repeat)
    table = []
    for name, (t, value) in ours.items():
        ps, their_value = theirs.get(name, (None, value))
        if their_value != value:
            raise AssertionError(f"{name}: dfengine {value} != PySpark {their_value}")
        elements = args.rows * 10
        table.append([name, t, elements / t / 1e6, ps, elements / ps / 1e6 if ps else None,
                      ps / t if ps else None])
    print(f"\nrows = {args.rows:,}, elements = {args.rows * 10:,}")
    print_table(table, ["workload", "dfengine s", "dfengine Melem/s", "pyspark s",
                        "pyspark Melem/s", "speed-up vs pyspark"])
    write_results("higher_order", {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rows": args.rows, "elements_per_row": 10, "repeat": args.repeat,
        "master": "local[2]",
        "dfengine_s": {k: v[0] for k, v in ours.items()},
        "pyspark_s": {k: v[0] for k, v in theirs.items()},
    })


if __name__ == "__main__":
    main()
