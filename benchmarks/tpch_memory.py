"""Peak memory of TPC-H on embedded dfengine: per query wall time and peak RSS, answers vs DuckDB.

    python -m benchmarks.tpch_memory --sf 10 [--queries 1-22] [--conf key=value ...]

Runs each query once through `spark.sql(text).toPandas()` on the user's default session
(`local[2]`, in process) and samples the resident set size of this process and its children
every 20 ms while it runs. The table shows per query: seconds, the peak RSS during the query,
and the RSS left when it finished (what the next query starts from). DuckDB's answers (and its
own peak RSS over all 22 queries) come from a child process, cached as pickles under
/tmp/dfengine-tpch-answers, so DuckDB's memory is never counted in dfengine's figures.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pickle
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.common import format_table, write_results

ANSWERS = Path("/tmp/dfengine-tpch-answers")
GIB = 1 << 30


def _tree_rss(proc: Any) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(Exception):  # a child that just exited holds no memory
            total += p.memory_info().rss
    return total


class PeakRss:
    """Samples the process tree's RSS on a thread; `peak` since the last `reset`."""

    def __init__(self, interval: float = 0.02):
        import psutil

        self._proc = psutil.Process()
        self._interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.peak = max(self.peak, _tree_rss(self._proc))

    def reset(self) -> int:
        now = _tree_rss(self._proc)
        self.peak = now
        return now

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def _answers_dir(sf: float) -> Path:
    from benchmarks.tpch.data import sf_label

    return ANSWERS / f"sf{sf_label(sf)}"


def reference(sf: float, queries: list[int]) -> None:
    """(child process) DuckDB's answers as pickles, and its peak RSS in duckdb_peak.txt."""
    from benchmarks.tpch import duckdb_runner
    from benchmarks.tpch.data import table_paths
    from benchmarks.tpch.queries import query_text

    out = _answers_dir(sf)
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb_runner.connect(table_paths(sf), threads=2)
    for q in queries:
        answer = duckdb_runner.run_query(con, query_text(q))
        with open(out / f"q{q}.pkl.tmp", "wb") as f:
            pickle.dump(answer, f)
        os.replace(out / f"q{q}.pkl.tmp", out / f"q{q}.pkl")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    (out / "duckdb_peak.txt").write_text(str(peak))


def expected_answers(sf: float, queries: list[int]) -> dict[int, Any]:
    """DuckDB's answers, computed once in a child process and kept on disk."""
    out = _answers_dir(sf)
    missing = [q for q in queries if not (out / f"q{q}.pkl").exists()]
    if missing:
        subprocess.run([sys.executable, "-m", "benchmarks.tpch_memory", "--sf", str(sf),
                        "--reference", "--queries", ",".join(map(str, missing))], check=True)
    answers = {}
    for q in queries:
        with open(out / f"q{q}.pkl", "rb") as f:
            answers[q] = pickle.load(f)
    return answers


def run(sf: float, queries: list[int], conf: list[tuple[str, str]]) -> list[dict]:
    from benchmarks.tpch.compare import mismatch
    from benchmarks.tpch.data import table_paths
    from benchmarks.tpch.queries import query_text

    expected = expected_answers(sf, queries)
    rss = PeakRss()
    start_rss = rss.reset()
    from dfengine.sql import SparkSession

    builder = SparkSession.builder.master("local[2]").appName("tpch-memory")
    for key, value in conf:
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    for name, path in table_paths(sf).items():
        spark.read.parquet(str(path)).createOrReplaceTempView(name)
    rows = []
    for q in queries:
        rss.reset()
        t0 = time.perf_counter()
        try:
            got = spark.sql(query_text(q)).toPandas()
            problem = mismatch(got, expected[q], q)
            answer = "same" if problem is None else f"DIFFERENT: {problem[:100]}"
        except Exception as e:  # noqa: BLE001 - a failed query is a row of the table
            answer = f"error: {type(e).__name__}: {str(e)[:100]}"
        seconds = time.perf_counter() - t0
        got = None
        rows.append({"query": f"Q{q}", "seconds": seconds, "peak_GiB": rss.peak / GIB,
                     "after_GiB": rss.reset() / GIB, "answer": answer})
        print(format_table([rows[-1]], list(rows[-1])), flush=True)
    spark.stop()
    rss.close()
    rows.append({"query": "start", "after_GiB": start_rss / GIB})
    return rows


def main(argv: list[str] | None = None) -> None:
    from benchmarks.tpch.__main__ import _parse_conf, _parse_queries, settings_line
    from benchmarks.tpch.data import sf_label

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sf", type=float, default=1.0)
    p.add_argument("--queries", help="e.g. 1,3,6 or 1-5 (default: all 22)")
    p.add_argument("--conf", type=_parse_conf, action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--reference", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    queries = _parse_queries(args.queries)
    if args.reference:
        reference(args.sf, queries)
        return
    print(f"# TPC-H SF{sf_label(args.sf)} embedded local[2], one run per query; "
          + settings_line(args.conf), flush=True)
    rows = run(args.sf, queries, args.conf)
    timed = [r for r in rows if "seconds" in r]
    total = sum(r["seconds"] for r in timed)
    peak = max(r["peak_GiB"] for r in timed)
    duck = _answers_dir(args.sf) / "duckdb_peak.txt"
    duck_peak = int(duck.read_text()) / GIB if duck.exists() else float("nan")
    print(format_table(rows, ["query", "seconds", "peak_GiB", "after_GiB", "answer"]))
    same = sum(r["answer"] == "same" for r in timed)
    print(f"total {total:.1f} s, peak RSS {peak:.2f} GiB, {same}/{len(timed)} answers equal; "
          f"DuckDB's peak RSS over its reference run: {duck_peak:.2f} GiB")
    write_results(f"tpch-memory-sf{sf_label(args.sf)}",
                  {"sf": args.sf, "conf": dict(args.conf), "queries": rows,
                   "total_seconds": total, "peak_GiB": peak, "duckdb_peak_GiB": duck_peak})


if __name__ == "__main__":
    main()
