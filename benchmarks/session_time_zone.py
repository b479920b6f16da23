"""What a non-UTC spark.sql.session.timeZone costs: the same timestamp workload in UTC, Los
Angeles and Kolkata, dfengine vs PySpark.

    python -m benchmarks.session_time_zone [--rows 1000000] [--repeat 2] [--skip pyspark]

Each row holds a timestamp (`timestamp_seconds(id * 1801)`, cached before timing: 1970 to
2027 at 1M rows, half-hourly through every DST change). `--step 3607` reaches 2084: rows past
2037 take zoneinfo's offsets per quarter hour in Python (Arrow's tz database ends in 2037), so
such a sparse far-future column costs ~60x UTC. The workload takes it apart in the session zone (hour, dayofweek,
to_date, date_trunc to the hour, a cast from a wall-clock string) and aggregates, so the time
is the zone conversion (Arrow's tz kernels: instant -> wall clock and back, with java.time's
gap/overlap rule) plus the scan. In UTC dfengine stamps nothing and converts nothing. The two
engines' answers must be equal before a time is recorded. Prints a table and writes
`benchmarks/results/session_time_zone.json`.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from benchmarks.common import print_table, run_on_engine, timeit, write_results

ZONES = ("UTC", "America/Los_Angeles", "Asia/Kolkata")
KEY = "spark.sql.session.timeZone"


def run_engine(spark: Any, F: Any, rows: int, repeat: int,
               step: int = 1801) -> dict[str, tuple[float, Any]]:
    base = spark.range(rows).select(
        F.timestamp_seconds(F.col("id") * step).alias("t"),
        F.concat(F.lit("2001-"), F.lpad((F.col("id") % 12 + 1).cast("string"), 2, "0"),
                 F.lit("-15 02:30:00")).alias("s")).cache()
    base.count()
    out = {}
    for zone in ZONES:
        spark.conf.set(KEY, zone)

        def job() -> Any:
            t = F.col("t")
            row = base.agg(F.sum(F.hour(t)), F.sum(F.dayofweek(t)), F.max(F.to_date(t)),
                           F.sum(F.unix_timestamp(F.date_trunc("hour", t))),
                           F.sum(F.unix_timestamp(F.col("s").cast("timestamp")))).collect()[0]
            return tuple(row)

        timing = timeit(job, repeat)
        out[zone] = (timing.best, timing.value)
        print(f"  {zone}: {timing.best:.2f} s", flush=True)
    spark.conf.set(KEY, "UTC")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--step", type=int, default=1801, help="seconds between rows")
    p.add_argument("--skip", default="", help="comma-separated engines to skip: pyspark")
    args = p.parse_args()
    print(f"Session time zone workload on {args.rows:,} timestamps {args.step} s apart, "
          f"local[2], best of {args.repeat}", flush=True)
    print("dfengine:", flush=True)
    ours = run_on_engine("dfengine", "tz-bench",
                         lambda s, F: run_engine(s, F, args.rows, args.repeat, args.step))
    theirs: dict[str, tuple[float, Any]] = {}
    if "pyspark" not in args.skip:
        print("pyspark:", flush=True)
        theirs = run_on_engine("pyspark", "tz-bench",
                               lambda s, F: run_engine(s, F, args.rows, args.repeat,
                                                       args.step))
    table = []
    for zone, (t, value) in ours.items():
        ps, their_value = theirs.get(zone, (None, value))
        if their_value != value:
            raise AssertionError(f"{zone}: dfengine {value} != PySpark {their_value}")
        table.append([zone, t, t / ours["UTC"][0], ps, ps / t if ps else None])
    print_table(table, ["session zone", "dfengine s", "vs UTC", "pyspark s",
                        "speed-up vs pyspark"])
    write_results("session_time_zone", {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rows": args.rows, "step_s": args.step, "repeat": args.repeat, "master": "local[2]",
        "dfengine_s": {k: v[0] for k, v in ours.items()},
        "pyspark_s": {k: v[0] for k, v in theirs.items()},
    })


if __name__ == "__main__":
    main()
