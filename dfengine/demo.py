"""`make demo`: TPC-H Q1, Q3 and Q6 with the DataFrame API on an embedded local Dask.

Generates TPC-H SF0.1 parquet into data/ once (tpchgen-cli), then for each query prints the
plan, the result and the time it took.
"""

from __future__ import annotations

import argparse
import os
import time

from dfengine.sql import SparkSession
from dfengine.sql import functions as F


def _date(text: str):
    return F.lit(text).cast("date")


def q1(t: dict):
    disc_price = F.col("l_extendedprice") * (1 - F.col("l_discount"))
    return (
        t["lineitem"].where(F.col("l_shipdate") <= _date("1998-09-02"))
        .groupBy("l_returnflag", "l_linestatus")
        .agg(F.sum("l_quantity").alias("sum_qty"),
             F.sum("l_extendedprice").alias("sum_base_price"),
             F.sum(disc_price).alias("sum_disc_price"),
             F.sum(disc_price * (1 + F.col("l_tax"))).alias("sum_charge"),
             F.avg("l_quantity").alias("avg_qty"),
             F.avg("l_extendedprice").alias("avg_price"),
             F.avg("l_discount").alias("avg_disc"),
             F.count("*").alias("count_order"))
        .orderBy("l_returnflag", "l_linestatus")
    )


def q3(t: dict):
    customer = t["customer"].where(F.col("c_mktsegment") == "BUILDING")
    orders = t["orders"].where(F.col("o_orderdate") < _date("1995-03-15"))
    lineitem = t["lineitem"].where(F.col("l_shipdate") > _date("1995-03-15"))
    return (
        customer.join(orders, F.col("c_custkey") == F.col("o_custkey"))
        .join(lineitem, F.col("l_orderkey") == F.col("o_orderkey"))
        .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
        .agg(F.sum(F.col("l_extendedprice") * (1 - F.col("l_discount"))).alias("revenue"))
        .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
        .orderBy(F.col("revenue").desc(), "o_orderdate")
        .limit(10)
    )


def q6(t: dict):
    return (
        t["lineitem"]
        .where((F.col("l_shipdate") >= _date("1994-01-01"))
               & (F.col("l_shipdate") < _date("1995-01-01"))
               & F.col("l_discount").between(0.05, 0.07)
               & (F.col("l_quantity") < 24))
        .agg(F.sum(F.col("l_extendedprice") * F.col("l_discount")).alias("revenue"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sf", type=float, default=0.1, help="TPC-H scale factor")
    parser.add_argument("--master", default="local[*]", help="local[N] or tcp://host:port")
    args = parser.parse_args()

    from benchmarks.tpch.data import table_paths

    paths = table_paths(args.sf)
    spark = (SparkSession.builder.master(args.master).appName("dfengine-demo")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    tables = {name: spark.read.parquet(str(p)) for name, p in paths.items()}
    print(f"TPC-H SF{args.sf:g} from {os.path.dirname(str(paths['lineitem']))}\n")
    for name, query in (("Q1", q1), ("Q3", q3), ("Q6", q6)):
        df = query(tables)
        print(f"===== TPC-H {name} " + "=" * 60)
        df.explain(True)
        start = time.perf_counter()
        df.show(truncate=False)
        print(f"{name} took {time.perf_counter() - start:.2f} s\n")
    spark.stop()


if __name__ == "__main__":
    main()
