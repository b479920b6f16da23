"""Run TPC-H on dfengine, Dask and DuckDB; check the answers; print and save the timings.

    python -m benchmarks.tpch --sf 1 [--queries 1,3,6] [--engines dfengine,dask,duckdb]
                              [--cluster] [--repeat 3] [--api sql|dataframe]

Every engine runs in a process of its own (`benchmarks.tpch.isolated`), one query at a time
(all engines for Q1, then Q2, ...), `--repeat` times each; the table shows the best wall time,
the ratios to DuckDB, the geometric means, and each engine's peak RSS per query (`<engine> MiB`)
and over the whole run, setup included (the `peak RSS` line). Each answer is checked against DuckDB's (`benchmarks.tpch.compare`);
a query that fails or answers wrongly is marked `error` or `wrong` in its engine's column, with
`<engine> error: <message>` in the notes column, and the run goes on. JSON and a PNG chart go to `benchmarks/results/`.

`--cluster` starts a `distributed.LocalCluster(n_workers=2, threads_per_worker=1)` and runs both
dfengine (through `dfengine.dask.client`) and Dask on it, in this process (no RSS figures: the
workers hold the data); without it dfengine runs on `local[2]` and Dask on its default threaded
scheduler. DuckDB uses its own 2 threads.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import math
import os
import platform
import sys
import time
from typing import Any

from benchmarks.common import bar_chart, geomean, print_table, timeit, write_results
from benchmarks.tpch.chart import ratio_chart
from benchmarks.tpch.compare import mismatch
from benchmarks.tpch.data import sf_label, table_paths
from benchmarks.tpch.engines import ENGINES, Engine, make_engine
from benchmarks.tpch.isolated import MIB, EngineProcess
from benchmarks.tpch.queries import QUERY_NUMBERS

MAX_CELL = 100


def _parse_queries(text: str | None) -> list[int]:
    if not text:
        return list(QUERY_NUMBERS)
    numbers = []
    for part in text.split(","):
        part = part.strip().lower().lstrip("q")
        if "-" in part:
            lo, hi = part.split("-", 1)
            numbers.extend(range(int(lo), int(hi) + 1))
        elif part:
            numbers.append(int(part))
    bad = [n for n in numbers if n not in QUERY_NUMBERS]
    if bad:
        raise SystemExit(f"--queries: TPC-H has queries 1..22, got {bad}")
    return numbers


def _parse_engines(text: str) -> list[str]:
    engines = [e.strip() for e in text.split(",") if e.strip()]
    bad = [e for e in engines if e not in ENGINES]
    if bad or not engines:
        raise SystemExit(f"--engines: choose from {', '.join(ENGINES)}; got {text!r}")
    return engines


def _one_line(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip().splitlines()
    return text[0] if text else type(exc).__name__


def _short(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for module in ("dask", "distributed", "pandas", "pyarrow", "duckdb", "dfengine"):
        with contextlib.suppress(Exception):
            versions[module] = __import__(module).__version__
    return versions


def _start_cluster() -> tuple[Any, Any]:
    """A 2-worker local dask cluster and its client (which becomes dask's default scheduler)."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,  # p2p shuffle logs a WARNING per shuffle
    )
    return Client(cluster), cluster


def _check_answers(entries: dict[str, dict[str, Any]], expected: Any, n: int) -> None:
    """Mark each engine whose answer to query `n` differs from the reference as wrong."""
    for entry in entries.values():
        answer = entry.pop("answer", None)
        if answer is None or expected is None:
            continue
        problem = mismatch(answer, expected, n)
        if problem is not None:
            entry.update(status="wrong", error=problem)


def _time_overhead(engine: Engine, n: int, repeat: int, entry: dict[str, Any]) -> None:
    """The best of `repeat` timings of what an engine does before reading data (dfengine:
    parse/analyze, optimize, plan, lower), per stage, in entry["overhead"]."""
    measure = getattr(engine, "overhead", None)
    if measure is None:
        return
    runs = [measure(n) for _ in range(repeat)]
    entry["overhead"] = min(runs, key=lambda r: r["total"])


def _time_query(engine: Any, n: int, repeat: int) -> tuple[Any, int | None]:
    """The timings of query `n` and the peak RSS while it ran (None for an in-process engine)."""
    if isinstance(engine, EngineProcess):
        return engine.timed(n, repeat)
    return timeit(functools.partial(engine.run, n), repeat), None


def _run_query(engine: Any, n: int, repeat: int, entry: dict[str, Any]) -> Any:
    """Time query `n` on `engine` into `entry` (status, times, peak RSS, plan overhead);
    return its answer, or None when it failed."""
    try:
        timing, peak = _time_query(engine, n, repeat)
    except Exception as exc:  # noqa: BLE001 - a failing query is a result, not a crash
        entry.update(status="error", error=_one_line(exc))
        return None
    entry.update(status="ok", best=timing.best, median=timing.median,
                 times=list(timing.times), rows=len(timing.value))
    if peak is not None:
        entry["peak_rss"] = peak
    _time_overhead(engine, n, repeat, entry)
    return timing.value


def _start_engine(name: str, paths: dict[str, str], args: argparse.Namespace,
                  client: Any) -> Any:
    """Engine `name` in its own process, or in this one on a cluster (`--cluster`)."""
    if client is None:
        return EngineProcess(name, paths, api=args.api, conf=dict(args.conf))
    return make_engine(name, paths, api=args.api, client=client, conf=dict(args.conf))


def _parse_conf(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"--conf wants key=value, got {text!r}")
    return key.strip(), value.strip()


def settings_line(conf: list[tuple[str, str]]) -> str:
    """The header line naming every setting the run changed from a user's defaults."""
    if not conf:
        return "dfengine settings: the user defaults (progress bar on, local[2])"
    return "dfengine settings changed from the defaults: " + ", ".join(
        f"{k}={v}" for k, v in conf)


def run_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    queries = _parse_queries(args.queries)
    engines = _parse_engines(args.engines)
    paths = {name: str(path) for name, path in table_paths(args.sf).items()}

    client, cluster = _start_cluster() if args.cluster else (None, None)

    setup_errors: dict[str, str] = {}
    running: dict[str, Engine] = {}
    for name in engines:
        try:
            running[name] = _start_engine(name, paths, args, client)
        except Exception as exc:  # noqa: BLE001 - an engine that cannot start fails its queries
            setup_errors[name] = _one_line(exc)
            print(f"{name}: setup failed: {setup_errors[name]}", file=sys.stderr, flush=True)
    reference = running.get("duckdb") or make_engine("duckdb", paths)

    results: dict[int, dict[str, dict[str, Any]]] = {}
    try:
        for n in queries:
            results[n] = {}
            expected = None
            if "duckdb" not in running:
                expected = reference.run(n)
            for name in engines:
                entry: dict[str, Any] = {}
                results[n][name] = entry
                if name in setup_errors:
                    entry.update(status="error", error=setup_errors[name])
                    continue
                answer = _run_query(running[name], n, args.repeat, entry)
                if name == "duckdb":
                    expected = answer
                elif answer is not None:
                    entry["answer"] = answer
            _check_answers(results[n], expected, n)
            summary = ", ".join(
                f"{name} {e['best']:.3f}s" if "best" in e else f"{name} {e['status']}"
                for name, e in results[n].items()
            )
            print(f"Q{n}: {summary}", file=sys.stderr, flush=True)
    finally:
        for engine in running.values():
            with contextlib.suppress(Exception):
                engine.close()
        peaks = {name: engine.peak_rss for name, engine in running.items()
                 if getattr(engine, "peak_rss", None)}
        if reference is not running.get("duckdb"):
            reference.close()
        if client is not None:
            client.close()
            cluster.close()

    return {
        "suite": "tpch",
        "sf": args.sf,
        "api": args.api,
        "cluster": bool(args.cluster),
        "repeat": args.repeat,
        "conf": dict(args.conf),
        "engines": engines,
        "queries": {f"q{n}": results[n] for n in queries},
        "peak_rss": peaks,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "versions": _versions(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def _ratio(a: dict[str, Any], b: dict[str, Any]) -> float:
    if a.get("status") == "ok" and b.get("status") == "ok" and b["best"] > 0:
        return a["best"] / b["best"]
    return math.nan


def summarize(payload: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str], dict]:
    """Table rows, their columns, and the geomeans (of times and of ratios to DuckDB)."""
    engines = payload["engines"]
    others = [e for e in engines if e != "duckdb"] if "duckdb" in engines else []
    ratio_columns = [f"{e}/duckdb" for e in others]
    planned = [e for e in engines
               if any("overhead" in r.get(e, {}) for r in payload["queries"].values())]
    plan_columns = [f"{e} plan s" for e in planned]
    measured = [e for e in engines
                if any("peak_rss" in r.get(e, {}) for r in payload["queries"].values())]
    rss_columns = [f"{e} MiB" for e in measured]
    columns = (["query"] + [f"{e} s" for e in engines] + ratio_columns + plan_columns
               + rss_columns + ["notes"])
    rows = []
    times: dict[str, list[float]] = {e: [] for e in engines}
    ratios: dict[str, list[float]] = {c: [] for c in ratio_columns}
    for key, result in payload["queries"].items():
        row: dict[str, Any] = {"query": key.upper()}
        notes = []
        for e in engines:
            entry = result[e]
            if entry["status"] == "ok":
                row[f"{e} s"] = entry["best"]
                times[e].append(entry["best"])
            else:
                row[f"{e} s"] = entry["status"]
                notes.append(_short(f"{e} {entry['status']}: {entry['error']}"))
        for e, column in zip(others, ratio_columns):
            r = _ratio(result[e], result["duckdb"])
            row[column] = r
            if math.isfinite(r):
                ratios[column].append(r)
        for e in planned:
            row[f"{e} plan s"] = result[e].get("overhead", {}).get("total")
        for e in measured:
            peak = result[e].get("peak_rss")
            row[f"{e} MiB"] = None if peak is None else round(peak / MIB)
        row["notes"] = "; ".join(notes)
        rows.append(row)
    means = {f"{e} s": geomean(v) for e, v in times.items()}
    means.update({c: geomean(v) for c, v in ratios.items()})
    rows.append({"query": "geomean", **means})
    return rows, columns, means


def peak_line(payload: dict[str, Any]) -> str | None:
    """Each engine's peak RSS over the whole run (its own process, setup included) and the
    ratio to DuckDB's; None when the engines ran in this process."""
    peaks = payload.get("peak_rss") or {}
    if not peaks:
        return None
    parts = [f"{e} {peaks[e] / MIB:,.0f} MiB" for e in payload["engines"] if e in peaks]
    duck = peaks.get("duckdb")
    ratios = [f"{e}/duckdb {peaks[e] / duck:.2f}x" for e in payload["engines"]
              if e in peaks and e != "duckdb" and duck]
    return "peak RSS per engine process (setup included): " + ", ".join(parts + ratios)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.tpch",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sf", type=float, default=1.0, help="scale factor (default 1)")
    parser.add_argument("--queries", help="e.g. 1,3,6 or 1-5 (default: all 22)")
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="comma list of dfengine,dask,duckdb (default: all)",
    )
    parser.add_argument(
        "--cluster",
        action="store_true",
        help="run dfengine and dask on a 2-worker distributed LocalCluster",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (default 3)")
    parser.add_argument(
        "--conf",
        type=_parse_conf,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a dfengine session setting (repeatable); printed in the header. Default: none, "
        "the benchmark runs with what a user gets",
    )
    parser.add_argument(
        "--api",
        choices=("sql", "dataframe"),
        default="sql",
        help="dfengine front end: spark.sql text or the DataFrame API",
    )
    parser.add_argument(
        "--name", help="results file name (default tpch-sf<SF>[-<api> if dfengine runs][-cluster])"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    payload = run_benchmark(args)
    rows, columns, means = summarize(payload)
    payload["geomean"] = means
    engines = payload["engines"]
    api = f"-{args.api}" if "dfengine" in engines else ""
    mode = "-cluster" if args.cluster else ""
    title = (
        f"TPC-H SF{sf_label(args.sf)}, best of {args.repeat}"
        f"{f', dfengine api={args.api}' if api else ''}"
        f"{', LocalCluster(2x1)' if args.cluster else ''}"
    )
    print(title)
    print(settings_line(args.conf))
    print_table(rows, columns)
    print("plan s = parse/analyze + optimize + physical plan + Dask graph, before any data is read"
          " (best of --repeat, not part of the query time)")
    peaks = peak_line(payload)
    if peaks:
        print("<engine> MiB = the engine process's peak RSS while the query's runs ran")
        print(peaks)

    name = args.name or f"tpch-sf{sf_label(args.sf)}{api}{mode}"
    json_path = write_results(name, payload)
    chart = {
        e: {
            key.upper(): r[e]["best"]
            for key, r in payload["queries"].items()
            if r[e]["status"] == "ok"
        }
        for e in engines
    }
    if "duckdb" in engines and len(engines) > 1:
        png_path = ratio_chart(name, payload, engine=next(e for e in engines if e != "duckdb"))
    else:
        png_path = bar_chart(name, chart, title=title, ylabel="best wall time (s)", log=True)
    print(f"wrote {json_path} and {png_path}")


if __name__ == "__main__":
    main()
