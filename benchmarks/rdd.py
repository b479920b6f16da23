"""RDD benchmark: word count over ~70 MB of Zipf text (8 files) and reduceByKey on 5M pairs.

    python -m benchmarks.rdd [--repeat 2] [--skip pyspark,dask-processes,...]

Engines: dfengine embedded (local[2]) and on a 2-worker LocalCluster, PySpark local[2],
dask.bag (threads and processes), single-threaded Python; and the DataFrame word count
(`explode(split(...))` + `groupBy().count()`) in dfengine and DuckDB. Every answer is checked
against single-threaded Python before its time is recorded. Prints a table and writes
`benchmarks/results/rdd.json` and `rdd.png`.
"""

from __future__ import annotations

import argparse
import glob
import operator
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import bar_chart, print_table, timeit, write_results

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "rdd_bench"
N_FILES = 8
TARGET_BYTES = 70 * 1024 * 1024
VOCABULARY = 50_000
N_PAIRS = 5_000_000
N_KEYS = 100_000
PARTITIONS = 8


# -- data ---------------------------------------------------------------------------------------


def text_files() -> list[str]:
    """Generate (once) 8 files of Zipf(1.1)-distributed words, 10 words a line."""
    files = sorted(glob.glob(str(DATA_DIR / "part-*.txt")))
    if len(files) == N_FILES:
        return files
    import numpy as np

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(42)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 11, VOCABULARY)
    vocab = np.array(["".join(rng.choice(letters, n)) for n in lengths], dtype=object)
    p = 1.0 / np.arange(1, VOCABULARY + 1) ** 1.1
    p /= p.sum()
    mean_word = float((p * (lengths + 1)).sum())
    words_per_file = int(TARGET_BYTES / N_FILES / mean_word) // 10 * 10
    for i in range(N_FILES):
        idx = rng.choice(VOCABULARY, size=words_per_file, p=p)
        words = vocab[idx].reshape(-1, 10)
        text = "\n".join(" ".join(row) for row in words) + "\n"
        (DATA_DIR / f"part-{i:02d}.txt").write_text(text)
    return sorted(glob.glob(str(DATA_DIR / "part-*.txt")))


def pair_key(i: int) -> int:
    return (i * 7919) % N_KEYS


# -- word count ---------------------------------------------------------------------------------


def wc_python(files: list[str]) -> dict:
    counts: Counter = Counter()
    for f in files:
        with open(f) as fh:
            counts.update(fh.read().split())
    return dict(counts)


def wc_rdd(sc: Any, files: list[str]) -> dict:
    lines = sc.textFile(os.path.dirname(files[0]))
    counts = lines.flatMap(lambda line: line.split()).map(lambda w: (w, 1))
    return dict(counts.reduceByKey(lambda a, b: a + b).collect())


def wc_bag(files: list[str], scheduler: str) -> dict:
    import dask.bag as db

    bag = db.read_text(files).str.split().flatten()
    return dict(bag.frequencies().compute(scheduler=scheduler))


def wc_dataframe(spark: Any, files: list[str]) -> dict:
    from dfengine.sql import functions as F

    df = spark.read.text(os.path.dirname(files[0]))
    words = df.select(F.explode(F.split(F.col("value"), " ")).alias("word"))
    return {r[0]: r[1] for r in words.groupBy("word").count().collect()}


def wc_duckdb(files: list[str]) -> dict:
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO 2")
    pattern = os.path.join(os.path.dirname(files[0]), "part-*.txt")
    rows = con.execute(
        f"""SELECT word, count(*) FROM (
              SELECT unnest(string_split(line, ' ')) AS word
              FROM read_csv('{pattern}', columns={{'line': 'VARCHAR'}}, header=false,
                            delim='\x01', quote='', escape='')) GROUP BY word"""
    ).fetchall()
    con.close()
    return dict(rows)


# -- reduceByKey --------------------------------------------------------------------------------


def rbk_python() -> dict:
    out: dict = {}
    for i in range(N_PAIRS):
        k = (i * 7919) % N_KEYS
        if k in out:
            out[k] = out[k] + i
        else:
            out[k] = i
    return out


def rbk_rdd(sc: Any) -> dict:
    pairs = sc.range(0, N_PAIRS, numSlices=PARTITIONS).map(lambda i: ((i * 7919) % N_KEYS, i))
    return dict(pairs.reduceByKey(lambda a, b: a + b).collect())


def rbk_bag(scheduler: str) -> dict:
    import dask.bag as db

    pairs = db.range(N_PAIRS, npartitions=PARTITIONS).map(lambda i: ((i * 7919) % N_KEYS, i))
    out = pairs.foldby(operator.itemgetter(0), lambda acc, kv: acc + kv[1], 0, operator.add, 0)
    return dict(out.compute(scheduler=scheduler))


# -- engines ------------------------------------------------------------------------------------


def _pyspark_context() -> Any:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("rdd-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--skip", default="", help="comma-separated engine names to skip")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    os.environ.setdefault("DFENGINE_QUIET", "1")

    load_before = os.getloadavg()[0]
    files = text_files()
    size_mb = sum(os.path.getsize(f) for f in files) / 2**20
    print(f"word count input: {len(files)} files, {size_mb:.1f} MB; reduceByKey: {N_PAIRS:,} pairs")
    expected_wc = wc_python(files)
    expected_rbk = rbk_python()
    results: dict[str, dict[str, float]] = {}

    def record(engine: str, workload: str, fn: Callable[[], dict], expected: dict) -> None:
        if engine in skip:
            return
        try:
            timing = timeit(fn, repeat=args.repeat)
        except Exception as exc:  # noqa: BLE001 - an engine that cannot run is reported
            print(f"{engine} {workload}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return
        if timing.value != expected:
            print(f"{engine} {workload}: WRONG ANSWER", file=sys.stderr)
            return
        results.setdefault(engine, {})[workload] = timing.best
        print(f"  {engine:24s} {workload:18s} {timing.best:7.2f} s", flush=True)

    record("python (1 thread)", "rdd word count", lambda: wc_python(files), expected_wc)
    record("python (1 thread)", "reduceByKey 5M", rbk_python, expected_rbk)

    from dfengine.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("rdd-bench")
        .config("dfengine.ui.showProgress", "false")
        .getOrCreate()
    )
    sc = spark.sparkContext
    record("dfengine local[2]", "rdd word count", lambda: wc_rdd(sc, files), expected_wc)
    record("dfengine local[2]", "reduceByKey 5M", lambda: rbk_rdd(sc), expected_rbk)
    record("dfengine local[2]", "df word count", lambda: wc_dataframe(spark, files), expected_wc)
    spark.stop()

    if "dfengine 2-proc cluster" not in skip:
        from distributed import Client, LocalCluster

        from dfengine import SparkConf, SparkContext

        with (
            LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            ) as cluster,
            Client(cluster, set_as_default=False) as client,
        ):
            conf = (
                SparkConf()
                .setMaster(cluster.scheduler_address)
                .setAppName("rdd-bench")
                .set("dfengine.dask.client", client)
                .set("dfengine.ui.showProgress", "false")
            )
            csc = SparkContext(conf=conf)
            record(
                "dfengine 2-proc cluster", "rdd word count", lambda: wc_rdd(csc, files), expected_wc
            )
            record("dfengine 2-proc cluster", "reduceByKey 5M", lambda: rbk_rdd(csc), expected_rbk)
            csc.stop()

    for scheduler in ("threads", "processes"):
        name = f"dask.bag {scheduler}"
        record(name, "rdd word count", lambda s=scheduler: wc_bag(files, s), expected_wc)
        record(name, "reduceByKey 5M", lambda s=scheduler: rbk_bag(s), expected_rbk)

    record("duckdb", "df word count", lambda: wc_duckdb(files), expected_wc)

    if "pyspark" not in skip:
        pyspark = _pyspark_context()
        psc = pyspark.sparkContext
        record("pyspark local[2]", "rdd word count", lambda: wc_rdd(psc, files), expected_wc)
        record("pyspark local[2]", "reduceByKey 5M", lambda: rbk_rdd(psc), expected_rbk)
        pyspark.stop()

    workloads = ["rdd word count", "reduceByKey 5M", "df word count"]
    rows = [
        [engine] + [times.get(w, float("nan")) for w in workloads]
        for engine, times in results.items()
    ]
    load = (round(load_before, 1), round(os.getloadavg()[0], 1))
    print(f"\nmachine load average (1 min) before/after: {load[0]} / {load[1]} "
          f"on {os.cpu_count()} cores: times are only comparable within one run")
    print_table(rows, [f"engine (best of {args.repeat}, s)", *workloads])
    write_results(
        "rdd",
        {
            "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "input": {"files": len(files), "megabytes": round(size_mb, 1), "pairs": N_PAIRS},
            "repeat": args.repeat,
        "load_average_before_after": load,
            "seconds": results,
        },
    )
    bar_chart("rdd", results, title="RDD benchmark (2 cores)")


if __name__ == "__main__":
    main()
