"""Compare query plans: each query optimized, unoptimized, and with each optimizer rule family
excluded in turn; check that every variant gives the same answer; show what the optimizer buys.

    python -m benchmarks.plans [--sf 1] [--queries 1,3,5,6,9,10,12,18,H1,H2,H3,H4]
                               [--repeat 2] [--no-families]

Queries: TPC-H Q1, Q3, Q5, Q6, Q9, Q10, Q12, Q18 written with the DataFrame API
(`benchmarks.tpch.dataframe_queries`), plus held-out selective queries written the way a new
user would, not tuned for the optimizer:

- H1 filters above a three-way join (a week of orders, one market segment);
- H2 filters on derived columns (`withColumn` then `where` on them);
- H3 a key-range filter above a join (row groups of both tables can be skipped);
- H4 a three-way comma join in SQL with its join conditions in WHERE.

Columns: best wall time of `--repeat` runs; rows and bytes read, computed from the physical
plan's scans and the parquet footers (rows of the row groups each scan reads; compressed bytes
of the column chunks it reads, i.e. what comes off disk); speed-up = unoptimized time /
optimized time. Answers are compared with `benchmarks.tpch.compare.mismatch` against the
optimized answer; H4 is also checked against DuckDB. Each query first runs once untimed
(optimized) so that no variant pays for a cold file cache. An unoptimized plan holding a cross
product of more than `MAX_CROSS_ROWS` estimated rows is not run (H4 written as a comma join is
such a plan: customer x orders at SF1 is 2e11 rows); its cell says so.

Results: `benchmarks/results/plans.json` and `plans.png` (time per query and variant).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pandas as pd

from benchmarks.common import bar_chart, geomean, print_table, timeit, write_results
from benchmarks.tpch.compare import mismatch
from benchmarks.tpch.data import sf_label, table_paths

TPCH = (1, 3, 5, 6, 9, 10, 12, 18)
HELD_OUT = ("H1", "H2", "H3", "H4")
MAX_CROSS_ROWS = 5e7


# ------------------------------------------------------------------------ held-out queries


def h1(t: dict, F: Any, spark: Any) -> Any:
    """Filters above a join: one week of orders of one market segment."""
    j = (t["lineitem"].join(t["orders"], F.col("l_orderkey") == F.col("o_orderkey"))
         .join(t["customer"], F.col("o_custkey") == F.col("c_custkey")))
    return (j.where((F.col("o_orderdate") >= F.lit("1995-03-01").cast("date"))
                    & (F.col("o_orderdate") < F.lit("1995-03-08").cast("date"))
                    & (F.col("c_mktsegment") == "AUTOMOBILE"))
            .groupBy("o_orderpriority")
            .agg(F.sum("l_quantity").alias("qty"), F.count("*").alias("n"))
            .orderBy("o_orderpriority"))


def h2(t: dict, F: Any, spark: Any) -> Any:
    """Filters on derived columns."""
    li = (t["lineitem"]
          .withColumn("disc_price", F.col("l_extendedprice") * (1 - F.col("l_discount")))
          .withColumn("ship_year", F.year("l_shipdate")))
    return (li.where((F.col("ship_year") == 1996) & (F.col("disc_price") > 90000)
                     & (F.col("l_quantity") > 45))
            .groupBy("l_shipmode")
            .agg(F.count("*").alias("n"), F.sum("disc_price").alias("revenue"))
            .orderBy("l_shipmode"))


def h3(t: dict, F: Any, spark: Any) -> Any:
    """A key-range filter above a join."""
    j = t["orders"].join(t["lineitem"], F.col("o_orderkey") == F.col("l_orderkey"))
    return (j.where(F.col("o_orderkey") < 200_000)
            .groupBy("o_orderstatus")
            .agg(F.sum("l_extendedprice").alias("total"), F.count("*").alias("n"))
            .orderBy("o_orderstatus"))


H4_SQL = """
select c_mktsegment, count(*) as n, sum(l_extendedprice) as total
from customer, orders, lineitem
where c_custkey = o_custkey and l_orderkey = o_orderkey
  and o_orderdate >= date '1995-01-01' and o_orderdate < date '1995-01-15'
  and c_nationkey = 7
group by c_mktsegment
order by c_mktsegment
"""


def h4(t: dict, F: Any, spark: Any) -> Any:
    """A three-way comma join in SQL, join conditions in WHERE."""
    return spark.sql(H4_SQL)


HELD_OUT_QUERIES: dict[str, Callable[[dict, Any, Any], Any]] = {
    "H1": h1, "H2": h2, "H3": h3, "H4": h4}


# ------------------------------------------------------------------------------ reading


@lru_cache(maxsize=64)
def _footer(path: str) -> Any:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata


def _walk(node: Any) -> list[Any]:
    out = [node]
    for c in node.children:
        out += _walk(c)
    return out


def scan_volume(physical: Any) -> tuple[int, int]:
    """(rows, compressed bytes) the plan's parquet scans read, from their row groups."""
    rows = size = 0
    for node in _walk(physical):
        if type(node).__name__ != "ScanExec" or node.fmt != "parquet":
            continue
        columns = {a.name for a in node.attrs}
        for piece in node.pieces:
            md = _footer(piece.file.path)
            names = [md.schema.column(i).name for i in range(md.num_columns)]
            groups = piece.row_groups if piece.row_groups is not None else range(
                md.num_row_groups)
            for g in groups:
                rg = md.row_group(g)
                rows += rg.num_rows
                size += sum(rg.column(i).total_compressed_size
                            for i, n in enumerate(names) if n in columns)
    return rows, size


def largest_cross_product(qe: Any) -> float:
    """Estimated rows of the largest join without equi-keys in the plan qe will run."""
    from dfengine.optimizer.expr_utils import equi_pairs
    from dfengine.optimizer.statistics import estimate
    from dfengine.plan import logical as L

    worst = 0.0
    for node in qe.optimized.walk():
        if isinstance(node, L.Join) and not equi_pairs(node.condition, node.left, node.right):
            ls, rs = estimate(node.left), estimate(node.right)
            if ls is not None and rs is not None:
                worst = max(worst, ls.rows * rs.rows)
    return worst


# -------------------------------------------------------------------------------- runner


def variants(with_families: bool) -> list[tuple[str, dict[str, str]]]:
    from dfengine.optimizer.batches import RULE_FAMILIES

    out = [("optimized", {}), ("unoptimized", {"dfengine.optimizer.enabled": "false"})]
    if with_families:
        for family, rules in RULE_FAMILIES.items():
            out.append((f"no {family}", {"dfengine.optimizer.excludedRules": ",".join(rules)}))
    return out


def _apply(spark: Any, conf: dict[str, str]) -> None:
    spark.conf.set("dfengine.optimizer.enabled", conf.get("dfengine.optimizer.enabled", "true"))
    spark.conf.set("dfengine.optimizer.excludedRules",
                   conf.get("dfengine.optimizer.excludedRules", ""))


def duckdb_answer(paths: dict[str, Any], sql: str) -> pd.DataFrame:
    import duckdb

    con = duckdb.connect()
    for name, p in paths.items():
        con.execute(f"create view {name} as select * from read_parquet('{p}')")
    return con.execute(sql).df()


def run(sf: float, queries: list[str], repeat: int, with_families: bool) -> dict[str, Any]:
    from benchmarks.tpch.dataframe_queries import build
    from dfengine.sql import SparkSession
    from dfengine.sql import functions as F

    paths = table_paths(sf)
    spark = (SparkSession.builder.master("local[2]").appName("plans benchmark")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    tables = {name: spark.read.parquet(str(p)) for name, p in paths.items()}
    for name, df in tables.items():
        df.createOrReplaceTempView(name)

    results: list[dict[str, Any]] = []
    for q in queries:
        label = f"Q{q}" if q.isdigit() else q
        reference: pd.DataFrame | None = None
        # One untimed optimized run first, so no variant pays for a cold file cache.
        _apply(spark, {})
        (build(int(q), tables, F) if q.isdigit() else HELD_OUT_QUERIES[q](
            tables, F, spark)).toPandas()
        for vname, conf in variants(with_families):
            _apply(spark, conf)
            df = build(int(q), tables, F) if q.isdigit() else HELD_OUT_QUERIES[q](
                tables, F, spark)
            qe = df._qe()
            row: dict[str, Any] = {"query": label, "variant": vname}
            cross = largest_cross_product(qe)
            if cross > MAX_CROSS_ROWS:
                row.update(time=math.nan, status=f"not run: cross product of {cross:.1e} rows")
                results.append(row)
                print(f"{label:4} {vname:28} {row['status']}", flush=True)
                continue
            rows_read, bytes_read = scan_volume(qe.physical)
            reps = repeat if vname in ("optimized", "unoptimized") else 1
            try:
                timing = timeit(lambda df=df: df.toPandas(), repeat=reps)
            except Exception as e:  # noqa: BLE001 - one failing variant must not end the run
                row.update(time=math.nan, status=f"error: {type(e).__name__}: {e}"[:200])
                results.append(row)
                print(f"{label:4} {vname:28} {row['status']}", flush=True)
                continue
            answer = timing.value
            if reference is None:
                reference = answer
                status = "ok"
                if q == "H4":
                    bad = mismatch(answer, duckdb_answer(paths, H4_SQL))
                    status = "ok (= DuckDB)" if bad is None else f"differs from DuckDB: {bad}"
            else:
                bad = mismatch(answer, reference)
                status = "ok" if bad is None else f"wrong: {bad}"
            row.update(time=timing.best, rows_read=rows_read, bytes_read=bytes_read,
                       status=status, result_rows=len(answer))
            results.append(row)
            print(f"{label:4} {vname:28} {timing.best:8.3f}s rows={rows_read:>10} "
                  f"bytes={bytes_read:>11} {status}", flush=True)
    _apply(spark, {})
    return {"sf": sf, "repeat": repeat, "results": results,
            "machine": {"python": sys.version.split()[0], "platform": platform.platform(),
                        "cpus": os.cpu_count()},
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}


def summarize(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """One table row per query and variant, with the speed-up over unoptimized."""
    by: dict[tuple[str, str], dict[str, Any]] = {
        (r["query"], r["variant"]): r for r in payload["results"]}
    rows = []
    for r in payload["results"]:
        base = by.get((r["query"], "unoptimized"), {}).get("time", math.nan)
        t = r.get("time", math.nan)
        speed = base / t if t and math.isfinite(t) and math.isfinite(base) else math.nan
        rows.append({"query": r["query"], "variant": r["variant"], "time_s": t,
                     "rows_read": r.get("rows_read"),
                     "MB_read": (r["bytes_read"] / 1e6) if r.get("bytes_read") else None,
                     "speedup_vs_unopt": speed, "answer": r["status"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sf", type=float, default=1.0)
    p.add_argument("--queries", default=",".join([*map(str, TPCH), *HELD_OUT]))
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--no-families", action="store_true",
                   help="only optimized and unoptimized (skip the per-family exclusions)")
    args = p.parse_args(argv)
    queries = [q.strip().upper().lstrip("Q") if q.strip().upper().startswith("Q")
               else q.strip().upper() for q in args.queries.split(",") if q.strip()]
    payload = run(args.sf, queries, args.repeat, not args.no_families)
    table = summarize(payload)
    payload["table"] = table
    opt = {r["query"]: r for r in table if r["variant"] == "optimized"}
    speedups = [r["speedup_vs_unopt"] for r in opt.values()]
    payload["geomean_speedup"] = geomean(speedups)
    print()
    print(f"TPC-H SF{sf_label(args.sf)} plans, best of {args.repeat} (families: 1 run)")
    print_table(table, ["query", "variant", "time_s", "rows_read", "MB_read",
                        "speedup_vs_unopt", "answer"])
    print(f"\ngeomean speed-up optimized vs unoptimized: {payload['geomean_speedup']:.2f}x")
    name = "plans" if args.sf == 1 else f"plans-sf{sf_label(args.sf)}"
    path = write_results(name, payload)
    chart: dict[str, dict[str, float]] = {}
    for r in table:
        chart.setdefault(r["variant"], {})[r["query"]] = r["time_s"]
    png = bar_chart(name, chart, title=f"TPC-H SF{sf_label(args.sf)}: time per plan variant",
                    log=True)
    print(f"wrote {path} and {png}")
    wrong = [r for r in table if r["answer"].startswith(("wrong", "error", "differs"))]
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
