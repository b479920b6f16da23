"""The 22 TPC-H queries written with the PySpark DataFrame API.

Each `qN(t, F)` takes `t`, a mapping table name -> DataFrame, and `F`, a functions module, and
returns an unevaluated DataFrame with the columns and row order of the SQL query in
`benchmarks/tpch/queries/`. Passing the module makes one body serve both engines:

    from dfengine.sql import functions as F        # or: from pyspark.sql import functions as F
    q1(tables, F).toPandas()

so the same code is checked on real PySpark (tests/test_tpch_queries_pyspark.py) and then
measured on dfengine (`python -m benchmarks.tpch --api dataframe`).

Only mainstream API is used: select/where/filter with Column expressions, join on expressions
or column lists (inner, left, left_semi, left_anti, cross), groupBy/agg, orderBy with
`Column.desc()`, limit, withColumn, alias, cast, and F.col/lit/sum/avg/min/max/count/
countDistinct/when/year/substring. Dates are literals cast to date; correlated subqueries are
rewritten as joins against aggregates, or as left_semi/left_anti joins for EXISTS/NOT EXISTS
(Q21), the way a DataFrame user writes them. TPC-H column names
carry a table prefix, so joins never produce duplicate names except nation joined twice (Q7,
Q8), where one copy is renamed with `alias`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

DataFrame = Any  # pyspark.sql.DataFrame or dfengine.sql.DataFrame
Tables = Mapping[str, DataFrame]


def _date(F: ModuleType, text: str):
    return F.lit(text).cast("date")


def _revenue(F: ModuleType):
    return F.col("l_extendedprice") * (1 - F.col("l_discount"))


def q1(t: Tables, F: ModuleType) -> DataFrame:
    disc_price = F.col("l_extendedprice") * (1 - F.col("l_discount"))
    return (
        t["lineitem"]
        .where(F.col("l_shipdate") <= _date(F, "1998-09-02"))
        .groupBy("l_returnflag", "l_linestatus")
        .agg(
            F.sum("l_quantity").alias("sum_qty"),
            F.sum("l_extendedprice").alias("sum_base_price"),
            F.sum(disc_price).alias("sum_disc_price"),
            F.sum(disc_price * (1 + F.col("l_tax"))).alias("sum_charge"),
            F.avg("l_quantity").alias("avg_qty"),
            F.avg("l_extendedprice").alias("avg_price"),
            F.avg("l_discount").alias("avg_disc"),
            F.count("*").alias("count_order"),
        )
        .orderBy("l_returnflag", "l_linestatus")
    )


def _nations_in(t: Tables, F: ModuleType, region: str) -> DataFrame:
    regions = t["region"].where(F.col("r_name") == region)
    return t["nation"].join(regions, F.col("n_regionkey") == F.col("r_regionkey"))


def q2(t: Tables, F: ModuleType) -> DataFrame:
    europe = _nations_in(t, F, "EUROPE").select("n_nationkey", "n_name")
    suppliers = t["supplier"].join(europe, F.col("s_nationkey") == F.col("n_nationkey"))
    offers = t["partsupp"].join(suppliers, F.col("ps_suppkey") == F.col("s_suppkey"))
    cheapest = offers.groupBy("ps_partkey").agg(F.min("ps_supplycost").alias("min_cost"))
    parts = t["part"].where((F.col("p_size") == 15) & F.col("p_type").like("%BRASS"))
    return (
        offers.join(parts, F.col("ps_partkey") == F.col("p_partkey"))
        .join(
            cheapest.select(F.col("ps_partkey").alias("min_partkey"), "min_cost"),
            (F.col("p_partkey") == F.col("min_partkey"))
            & (F.col("ps_supplycost") == F.col("min_cost")),
        )
        .select(
            "s_acctbal",
            "s_name",
            "n_name",
            "p_partkey",
            "p_mfgr",
            "s_address",
            "s_phone",
            "s_comment",
        )
        .orderBy(F.col("s_acctbal").desc(), "n_name", "s_name", "p_partkey")
        .limit(100)
    )


def q3(t: Tables, F: ModuleType) -> DataFrame:
    date = _date(F, "1995-03-15")
    customers = t["customer"].where(F.col("c_mktsegment") == "BUILDING")
    orders = t["orders"].where(F.col("o_orderdate") < date)
    lines = t["lineitem"].where(F.col("l_shipdate") > date)
    return (
        customers.join(orders, F.col("c_custkey") == F.col("o_custkey"))
        .join(lines, F.col("l_orderkey") == F.col("o_orderkey"))
        .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
        .agg(F.sum(_revenue(F)).alias("revenue"))
        .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
        .orderBy(F.col("revenue").desc(), "o_orderdate")
        .limit(10)
    )


def q4(t: Tables, F: ModuleType) -> DataFrame:
    orders = t["orders"].where(
        (F.col("o_orderdate") >= _date(F, "1993-07-01"))
        & (F.col("o_orderdate") < _date(F, "1993-10-01"))
    )
    late = t["lineitem"].where(F.col("l_commitdate") < F.col("l_receiptdate"))
    return (
        orders.join(late, F.col("o_orderkey") == F.col("l_orderkey"), "left_semi")
        .groupBy("o_orderpriority")
        .agg(F.count("*").alias("order_count"))
        .orderBy("o_orderpriority")
    )


def q5(t: Tables, F: ModuleType) -> DataFrame:
    asia = _nations_in(t, F, "ASIA")
    orders = t["orders"].where(
        (F.col("o_orderdate") >= _date(F, "1994-01-01"))
        & (F.col("o_orderdate") < _date(F, "1995-01-01"))
    )
    return (
        t["customer"]
        .join(orders, F.col("c_custkey") == F.col("o_custkey"))
        .join(t["lineitem"], F.col("l_orderkey") == F.col("o_orderkey"))
        .join(
            t["supplier"],
            (F.col("l_suppkey") == F.col("s_suppkey"))
            & (F.col("c_nationkey") == F.col("s_nationkey")),
        )
        .join(asia, F.col("s_nationkey") == F.col("n_nationkey"))
        .groupBy("n_name")
        .agg(F.sum(_revenue(F)).alias("revenue"))
        .orderBy(F.col("revenue").desc())
    )


def q6(t: Tables, F: ModuleType) -> DataFrame:
    return (
        t["lineitem"]
        .where(
            (F.col("l_shipdate") >= _date(F, "1994-01-01"))
            & (F.col("l_shipdate") < _date(F, "1995-01-01"))
            & (F.col("l_discount") >= 0.05)
            & (F.col("l_discount") <= 0.07)
            & (F.col("l_quantity") < 24)
        )
        .agg(F.sum(F.col("l_extendedprice") * F.col("l_discount")).alias("revenue"))
    )


def q7(t: Tables, F: ModuleType) -> DataFrame:
    pair = ["FRANCE", "GERMANY"]
    supp_nation = t["nation"].select(
        F.col("n_nationkey").alias("supp_nationkey"), F.col("n_name").alias("supp_nation")
    )
    cust_nation = t["nation"].select(
        F.col("n_nationkey").alias("cust_nationkey"), F.col("n_name").alias("cust_nation")
    )
    lines = t["lineitem"].where(
        (F.col("l_shipdate") >= _date(F, "1995-01-01"))
        & (F.col("l_shipdate") <= _date(F, "1996-12-31"))
    )
    return (
        t["supplier"]
        .join(
            supp_nation.where(F.col("supp_nation").isin(pair)),
            F.col("s_nationkey") == F.col("supp_nationkey"),
        )
        .join(lines, F.col("s_suppkey") == F.col("l_suppkey"))
        .join(t["orders"], F.col("o_orderkey") == F.col("l_orderkey"))
        .join(t["customer"], F.col("c_custkey") == F.col("o_custkey"))
        .join(
            cust_nation.where(F.col("cust_nation").isin(pair)),
            F.col("c_nationkey") == F.col("cust_nationkey"),
        )
        .where(F.col("supp_nation") != F.col("cust_nation"))
        .select(
            "supp_nation",
            "cust_nation",
            F.year("l_shipdate").alias("l_year"),
            _revenue(F).alias("volume"),
        )
        .groupBy("supp_nation", "cust_nation", "l_year")
        .agg(F.sum("volume").alias("revenue"))
        .orderBy("supp_nation", "cust_nation", "l_year")
    )


def q8(t: Tables, F: ModuleType) -> DataFrame:
    america = _nations_in(t, F, "AMERICA").select(F.col("n_nationkey").alias("cust_nationkey"))
    supp_nation = t["nation"].select(
        F.col("n_nationkey").alias("supp_nationkey"), F.col("n_name").alias("nation")
    )
    parts = t["part"].where(F.col("p_type") == "ECONOMY ANODIZED STEEL")
    orders = t["orders"].where(
        (F.col("o_orderdate") >= _date(F, "1995-01-01"))
        & (F.col("o_orderdate") <= _date(F, "1996-12-31"))
    )
    volumes = (
        parts.join(t["lineitem"], F.col("p_partkey") == F.col("l_partkey"))
        .join(orders, F.col("l_orderkey") == F.col("o_orderkey"))
        .join(t["customer"], F.col("o_custkey") == F.col("c_custkey"))
        .join(america, F.col("c_nationkey") == F.col("cust_nationkey"))
        .join(t["supplier"], F.col("s_suppkey") == F.col("l_suppkey"))
        .join(supp_nation, F.col("s_nationkey") == F.col("supp_nationkey"))
        .select(
            F.year("o_orderdate").alias("o_year"),
            _revenue(F).alias("volume"),
            "nation",
        )
    )
    brazil = F.when(F.col("nation") == "BRAZIL", F.col("volume")).otherwise(0)
    return (
        volumes.groupBy("o_year")
        .agg((F.sum(brazil) / F.sum("volume")).alias("mkt_share"))
        .orderBy("o_year")
    )


def q9(t: Tables, F: ModuleType) -> DataFrame:
    parts = t["part"].where(F.col("p_name").like("%green%"))
    amount = _revenue(F) - F.col("ps_supplycost") * F.col("l_quantity")
    return (
        parts.join(t["lineitem"], F.col("p_partkey") == F.col("l_partkey"))
        .join(
            t["partsupp"],
            (F.col("ps_suppkey") == F.col("l_suppkey"))
            & (F.col("ps_partkey") == F.col("l_partkey")),
        )
        .join(t["supplier"], F.col("s_suppkey") == F.col("l_suppkey"))
        .join(t["orders"], F.col("o_orderkey") == F.col("l_orderkey"))
        .join(t["nation"], F.col("s_nationkey") == F.col("n_nationkey"))
        .select(
            F.col("n_name").alias("nation"),
            F.year("o_orderdate").alias("o_year"),
            amount.alias("amount"),
        )
        .groupBy("nation", "o_year")
        .agg(F.sum("amount").alias("sum_profit"))
        .orderBy("nation", F.col("o_year").desc())
    )


def q10(t: Tables, F: ModuleType) -> DataFrame:
    orders = t["orders"].where(
        (F.col("o_orderdate") >= _date(F, "1993-10-01"))
        & (F.col("o_orderdate") < _date(F, "1994-01-01"))
    )
    returned = t["lineitem"].where(F.col("l_returnflag") == "R")
    return (
        t["customer"]
        .join(orders, F.col("c_custkey") == F.col("o_custkey"))
        .join(returned, F.col("l_orderkey") == F.col("o_orderkey"))
        .join(t["nation"], F.col("c_nationkey") == F.col("n_nationkey"))
        .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
        .agg(F.sum(_revenue(F)).alias("revenue"))
        .select(
            "c_custkey",
            "c_name",
            "revenue",
            "c_acctbal",
            "n_name",
            "c_address",
            "c_phone",
            "c_comment",
        )
        .orderBy(F.col("revenue").desc())
        .limit(20)
    )


def q11(t: Tables, F: ModuleType) -> DataFrame:
    germany = t["nation"].where(F.col("n_name") == "GERMANY")
    stock = (
        t["partsupp"]
        .join(t["supplier"], F.col("ps_suppkey") == F.col("s_suppkey"))
        .join(germany, F.col("s_nationkey") == F.col("n_nationkey"))
        .select("ps_partkey", (F.col("ps_supplycost") * F.col("ps_availqty")).alias("value"))
    )
    threshold = stock.agg((F.sum("value") * 0.0001).alias("threshold"))
    return (
        stock.groupBy("ps_partkey")
        .agg(F.sum("value").alias("value"))
        .crossJoin(threshold)
        .where(F.col("value") > F.col("threshold"))
        .select("ps_partkey", "value")
        .orderBy(F.col("value").desc())
    )


def q12(t: Tables, F: ModuleType) -> DataFrame:
    lines = t["lineitem"].where(
        F.col("l_shipmode").isin("MAIL", "SHIP")
        & (F.col("l_commitdate") < F.col("l_receiptdate"))
        & (F.col("l_shipdate") < F.col("l_commitdate"))
        & (F.col("l_receiptdate") >= _date(F, "1994-01-01"))
        & (F.col("l_receiptdate") < _date(F, "1995-01-01"))
    )
    high = F.col("o_orderpriority").isin("1-URGENT", "2-HIGH")
    return (
        t["orders"]
        .join(lines, F.col("o_orderkey") == F.col("l_orderkey"))
        .groupBy("l_shipmode")
        .agg(
            F.sum(F.when(high, 1).otherwise(0)).alias("high_line_count"),
            F.sum(F.when(~high, 1).otherwise(0)).alias("low_line_count"),
        )
        .orderBy("l_shipmode")
    )


def q13(t: Tables, F: ModuleType) -> DataFrame:
    orders = t["orders"].where(~F.col("o_comment").like("%special%requests%"))
    return (
        t["customer"]
        .join(orders, F.col("c_custkey") == F.col("o_custkey"), "left")
        .groupBy("c_custkey")
        .agg(F.count("o_orderkey").alias("c_count"))
        .groupBy("c_count")
        .agg(F.count("*").alias("custdist"))
        .orderBy(F.col("custdist").desc(), F.col("c_count").desc())
    )


def q14(t: Tables, F: ModuleType) -> DataFrame:
    lines = t["lineitem"].where(
        (F.col("l_shipdate") >= _date(F, "1995-09-01"))
        & (F.col("l_shipdate") < _date(F, "1995-10-01"))
    )
    promo = F.when(F.col("p_type").like("PROMO%"), _revenue(F)).otherwise(0)
    return lines.join(t["part"], F.col("l_partkey") == F.col("p_partkey")).agg(
        (F.lit(100.0) * F.sum(promo) / F.sum(_revenue(F))).alias("promo_revenue")
    )


def q15(t: Tables, F: ModuleType) -> DataFrame:
    revenue = (
        t["lineitem"]
        .where(
            (F.col("l_shipdate") >= _date(F, "1996-01-01"))
            & (F.col("l_shipdate") < _date(F, "1996-04-01"))
        )
        .groupBy("l_suppkey")
        .agg(F.sum(_revenue(F)).alias("total_revenue"))
        .select(F.col("l_suppkey").alias("supplier_no"), "total_revenue")
    )
    top = revenue.agg(F.max("total_revenue").alias("max_revenue"))
    return (
        t["supplier"]
        .join(revenue, F.col("s_suppkey") == F.col("supplier_no"))
        .join(top, F.col("total_revenue") == F.col("max_revenue"))
        .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
        .orderBy("s_suppkey")
    )


def q16(t: Tables, F: ModuleType) -> DataFrame:
    parts = t["part"].where(
        (F.col("p_brand") != "Brand#45")
        & ~F.col("p_type").like("MEDIUM POLISHED%")
        & F.col("p_size").isin(49, 14, 23, 45, 19, 3, 36, 9)
    )
    complaints = t["supplier"].where(F.col("s_comment").like("%Customer%Complaints%"))
    return (
        t["partsupp"]
        .join(complaints, F.col("ps_suppkey") == F.col("s_suppkey"), "left_anti")
        .join(parts, F.col("ps_partkey") == F.col("p_partkey"))
        .groupBy("p_brand", "p_type", "p_size")
        .agg(F.countDistinct("ps_suppkey").alias("supplier_cnt"))
        .orderBy(F.col("supplier_cnt").desc(), "p_brand", "p_type", "p_size")
    )


def q17(t: Tables, F: ModuleType) -> DataFrame:
    parts = t["part"].where((F.col("p_brand") == "Brand#23") & (F.col("p_container") == "MED BOX"))
    lines = t["lineitem"].join(parts, F.col("l_partkey") == F.col("p_partkey"))
    average = (
        lines.groupBy("l_partkey")
        .agg((F.lit(0.2) * F.avg("l_quantity")).alias("small_qty"))
        .select(F.col("l_partkey").alias("avg_partkey"), "small_qty")
    )
    return (
        lines.join(average, F.col("l_partkey") == F.col("avg_partkey"))
        .where(F.col("l_quantity") < F.col("small_qty"))
        .agg((F.sum("l_extendedprice") / 7.0).alias("avg_yearly"))
    )


def q18(t: Tables, F: ModuleType) -> DataFrame:
    big = (
        t["lineitem"]
        .groupBy("l_orderkey")
        .agg(F.sum("l_quantity").alias("big_qty"))
        .where(F.col("big_qty") > 300)
        .select(F.col("l_orderkey").alias("big_orderkey"))
    )
    return (
        t["orders"]
        .join(big, F.col("o_orderkey") == F.col("big_orderkey"), "left_semi")
        .join(t["customer"], F.col("c_custkey") == F.col("o_custkey"))
        .join(t["lineitem"], F.col("o_orderkey") == F.col("l_orderkey"))
        .groupBy("c_name", "c_custkey", "o_orderkey", "o_orderdate", "o_totalprice")
        .agg(F.sum("l_quantity").alias("sum_qty"))
        .orderBy(F.col("o_totalprice").desc(), "o_orderdate")
        .limit(100)
    )


def q19(t: Tables, F: ModuleType) -> DataFrame:
    def bucket(brand: str, containers: list[str], qty: int, max_size: int):
        return (
            (F.col("p_brand") == brand)
            & F.col("p_container").isin(*containers)
            & (F.col("l_quantity") >= qty)
            & (F.col("l_quantity") <= qty + 10)
            & (F.col("p_size") >= 1)
            & (F.col("p_size") <= max_size)
        )

    lines = t["lineitem"].where(
        F.col("l_shipmode").isin("AIR", "AIR REG")
        & (F.col("l_shipinstruct") == "DELIVER IN PERSON")
    )
    return (
        lines.join(t["part"], F.col("l_partkey") == F.col("p_partkey"))
        .where(
            bucket("Brand#12", ["SM CASE", "SM BOX", "SM PACK", "SM PKG"], 1, 5)
            | bucket("Brand#23", ["MED BAG", "MED BOX", "MED PKG", "MED PACK"], 10, 10)
            | bucket("Brand#34", ["LG CASE", "LG BOX", "LG PACK", "LG PKG"], 20, 15)
        )
        .agg(F.sum(_revenue(F)).alias("revenue"))
    )


def q20(t: Tables, F: ModuleType) -> DataFrame:
    forest = t["part"].where(F.col("p_name").like("forest%"))
    shipped = (
        t["lineitem"]
        .where(
            (F.col("l_shipdate") >= _date(F, "1994-01-01"))
            & (F.col("l_shipdate") < _date(F, "1995-01-01"))
        )
        .groupBy("l_partkey", "l_suppkey")
        .agg((F.lit(0.5) * F.sum("l_quantity")).alias("half_qty"))
    )
    candidates = (
        t["partsupp"]
        .join(forest, F.col("ps_partkey") == F.col("p_partkey"), "left_semi")
        .join(
            shipped,
            (F.col("ps_partkey") == F.col("l_partkey"))
            & (F.col("ps_suppkey") == F.col("l_suppkey")),
        )
        .where(F.col("ps_availqty") > F.col("half_qty"))
    )
    canada = t["nation"].where(F.col("n_name") == "CANADA")
    return (
        t["supplier"]
        .join(candidates, F.col("s_suppkey") == F.col("ps_suppkey"), "left_semi")
        .join(canada, F.col("s_nationkey") == F.col("n_nationkey"))
        .select("s_name", "s_address")
        .orderBy("s_name")
    )


def q21(t: Tables, F: ModuleType) -> DataFrame:
    lineitem = t["lineitem"]
    late = lineitem.where(F.col("l_receiptdate") > F.col("l_commitdate"))
    # EXISTS another supplier's line in the order, NOT EXISTS another supplier's late line:
    # a left_semi and a left_anti join on the order with a `suppkey !=` condition.
    others = lineitem.select(F.col("l_orderkey").alias("l2_orderkey"),
                             F.col("l_suppkey").alias("l2_suppkey"))
    late_others = late.select(F.col("l_orderkey").alias("l3_orderkey"),
                              F.col("l_suppkey").alias("l3_suppkey"))
    saudi = t["nation"].where(F.col("n_name") == "SAUDI ARABIA")
    failed = t["orders"].where(F.col("o_orderstatus") == "F")
    return (
        t["supplier"]
        .join(saudi, F.col("s_nationkey") == F.col("n_nationkey"))
        .join(late, F.col("s_suppkey") == F.col("l_suppkey"))
        .join(failed, F.col("o_orderkey") == F.col("l_orderkey"))
        .join(others, (F.col("l_orderkey") == F.col("l2_orderkey"))
              & (F.col("l_suppkey") != F.col("l2_suppkey")), "left_semi")
        .join(late_others, (F.col("l_orderkey") == F.col("l3_orderkey"))
              & (F.col("l_suppkey") != F.col("l3_suppkey")), "left_anti")
        .groupBy("s_name")
        .agg(F.count("*").alias("numwait"))
        .orderBy(F.col("numwait").desc(), "s_name")
        .limit(100)
    )


def q22(t: Tables, F: ModuleType) -> DataFrame:
    codes = ["13", "31", "23", "29", "30", "18", "17"]
    customers = (
        t["customer"]
        .select("c_custkey", "c_acctbal", F.substring("c_phone", 1, 2).alias("cntrycode"))
        .where(F.col("cntrycode").isin(*codes))
    )
    average = customers.where(F.col("c_acctbal") > 0.0).agg(F.avg("c_acctbal").alias("avg_acctbal"))
    return (
        customers.crossJoin(average)
        .where(F.col("c_acctbal") > F.col("avg_acctbal"))
        .join(t["orders"], F.col("c_custkey") == F.col("o_custkey"), "left_anti")
        .groupBy("cntrycode")
        .agg(F.count("*").alias("numcust"), F.sum("c_acctbal").alias("totacctbal"))
        .orderBy("cntrycode")
    )


QUERIES: dict[int, Callable[[Tables, ModuleType], DataFrame]] = {
    n: globals()[f"q{n}"] for n in range(1, 23)
}


def build(n: int, t: Tables, F: ModuleType) -> DataFrame:
    """The DataFrame for TPC-H query `n` over tables `t`, built with functions module `F`."""
    return QUERIES[n](t, F)
