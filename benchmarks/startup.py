"""What a user waits for in a fresh process: import, session, first tiny query, first TPC-H Q1.

    python -m benchmarks.startup [--sf 1] [--runs 3]

Each measurement runs in a new Python process (`python -c ...`), `--runs` times; the table
shows the best and the median. Measured, with the defaults a user gets (progress bar on):

- `import dfengine.sql`, `SparkSession.builder.master("local[2]").getOrCreate()`, the first
  `spark.range(10).count()`, and their sum (goal: 0.4 s);
- the first TPC-H Q1 (`spark.sql`, SF1 parquet) in a fresh process against the best of two
  more runs in that process (goal: first <= 1.5x warm), ending in `collect()` (the engine's
  own cost) and, as before, in `toPandas()` (which also imports pandas, 0.2-0.3 s);
- DuckDB beside it: `import duckdb` + connect, and its first Q1.

One untimed process runs first, as an install or a first run would: it writes Python's bytecode
caches (and Numba's cache of any kernel signature not compiled ahead of time by `make`, see
`dfengine/kernels/aot.py`), which later processes load. The children run without
PYTHONDONTWRITEBYTECODE (a developer setting some shells export) so that bytecode is cached
as for a user. The header prints both, and whether the compiled kernels were loaded. JSON goes to
`benchmarks/results/startup.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import print_table, write_results

ROOT = Path(__file__).resolve().parent.parent

TINY = """
import json, time
t0 = time.perf_counter()
import dfengine.sql
t1 = time.perf_counter()
spark = dfengine.sql.SparkSession.builder.master("local[2]").getOrCreate()
t2 = time.perf_counter()
spark.range(10).count()
t3 = time.perf_counter()
print("RESULT", json.dumps({"import": t1 - t0, "session": t2 - t1, "first count": t3 - t2,
                  "total": t3 - t0}))
"""

Q1 = """
import json, time
from benchmarks.tpch.data import table_paths
from benchmarks.tpch.queries import query_text
paths = table_paths({sf})
t0 = time.perf_counter()
from dfengine.sql import SparkSession
spark = SparkSession.builder.master("local[2]").getOrCreate()
spark.read.parquet(str(paths["lineitem"])).createOrReplaceTempView("lineitem")
t1 = time.perf_counter()
text = query_text(1)
times = []
for _ in range(3):
    s = time.perf_counter()
    getattr(spark.sql(text), "{action}")()
    times.append(time.perf_counter() - s)
print("RESULT", json.dumps({{"setup": t1 - t0, "first": times[0], "warm": min(times[1:])}}))
"""

DUCKDB = """
import json, time
from benchmarks.tpch.data import table_paths
from benchmarks.tpch.queries import query_text
paths = table_paths({sf})
t0 = time.perf_counter()
from benchmarks.tpch import duckdb_runner
con = duckdb_runner.connect({{"lineitem": paths["lineitem"]}})
t1 = time.perf_counter()
times = []
for _ in range(3):
    s = time.perf_counter()
    duckdb_runner.run_query(con, query_text(1))
    times.append(time.perf_counter() - s)
print("RESULT", json.dumps({{"setup": t1 - t0, "first": times[0], "warm": min(times[1:])}}))
"""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_child(code: str) -> dict[str, float]:
    """Run `code` in a fresh interpreter; it prints "RESULT {json dict of seconds}"."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=child_env(), cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child process failed:\n{done.stderr[-2000:]}")
    # DuckDB draws its own progress bar on stdout without a final newline: find the marker
    found = re.findall(r"RESULT (\{.*?\})", done.stdout)
    if not found:
        raise RuntimeError(f"child process printed no result:\n{done.stdout[-2000:]}")
    return json.loads(found[-1])


def measure(code: str, runs: int) -> dict[str, dict[str, float]]:
    """Best and median of each timed field over `runs` fresh processes."""
    samples = [run_child(code) for _ in range(runs)]
    return {k: {"best": min(s[k] for s in samples),
                "median": statistics.median(s[k] for s in samples)} for k in samples[0]}


def header(sf: float, runs: int) -> list[str]:
    load = os.getloadavg()
    return [
        f"Fresh-process latency, {runs} processes per row (best / median), TPC-H SF{sf:g}",
        "dfengine settings: the user defaults (progress bar on, local[2]); children run without"
        " PYTHONDONTWRITEBYTECODE after one untimed priming process",
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cpus",
        "kernels compiled ahead of time: " + ("loaded" if _aot_loaded() else
                                              "not built (run `make`): Numba JIT and cache"),
    ]


def _aot_loaded() -> bool:
    from dfengine.kernels import aot

    return bool(aot.compiled("dfengine.kernels.grouping.group_ids"))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sf", type=float, default=1.0, help="TPC-H scale factor for Q1")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per measurement")
    args = parser.parse_args(argv)

    run_child(Q1.format(sf=args.sf, action="collect"))  # priming: bytecode, Numba cache, data
    tiny = measure(TINY, args.runs)
    q1 = measure(Q1.format(sf=args.sf, action="collect"), args.runs)
    q1_pandas = measure(Q1.format(sf=args.sf, action="toPandas"), args.runs)
    duck = measure(DUCKDB.format(sf=args.sf), args.runs)
    rows = [[f"dfengine {k}", v["best"], v["median"]] for k, v in tiny.items()]
    rows += [[f"dfengine Q1 collect {k}", v["best"], v["median"]] for k, v in q1.items()]
    rows += [[f"dfengine Q1 toPandas {k}", v["best"], v["median"]] for k, v in q1_pandas.items()]
    rows += [[f"duckdb Q1 {k}", v["best"], v["median"]] for k, v in duck.items()]
    first_over_warm = q1["first"]["median"] / q1["warm"]["median"]
    pandas_ratio = q1_pandas["first"]["median"] / q1_pandas["warm"]["median"]
    for line in header(args.sf, args.runs):
        print(line)
    print_table(rows, ["measure", "best s", "median s"])
    print(f"import + session + first count: {tiny['total']['median']:.3f} s (goal 0.4 s); "
          f"first Q1 / warm Q1: {first_over_warm:.2f}x with collect, {pandas_ratio:.2f}x with "
          f"toPandas (goal 1.5x); "
          f"DuckDB first Q1 / warm: {duck['first']['median'] / duck['warm']['median']:.2f}x")
    payload = {"suite": "startup", "sf": args.sf, "runs": args.runs, "tiny": tiny, "q1": q1,
               "q1_topandas": q1_pandas, "duckdb_q1": duck, "first_over_warm": first_over_warm,
               "first_over_warm_topandas": pandas_ratio, "loadavg": os.getloadavg()}
    path = write_results("startup", payload)
    print(f"wrote {path}")
    return payload


if __name__ == "__main__":
    main()
