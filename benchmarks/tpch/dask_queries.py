"""The 22 TPC-H queries in plain `dask.dataframe`, as a competent Dask user would write them.

This is the Dask baseline dfengine is measured against, so it is written the way the Dask
documentation teaches rather than tuned beyond recognition: each table is read with
`dd.read_parquet` selecting only the columns the query needs, filters come before merges,
small dimension tables (nation, region, filtered parts/suppliers) are merged in as-is (Dask
broadcasts single-partition frames), semi-joins are merges against de-duplicated keys, and
results small enough to sort are computed first and sorted/limited in pandas.

Each function takes `tables`, a mapping table name -> parquet path (see
`benchmarks.tpch.data.table_paths`), and returns a pandas DataFrame with the columns, column
names and row order of the SQL query in `benchmarks/tpch/queries/`.

Types. tpchgen-cli writes `decimal128(15,2)` money, `date32` dates and `string_view` strings.
Dask reads strings as pandas' Arrow-backed `str` dtype, which works as is, but keeps decimals
and dates as `ArrowDtype(decimal128)` / `ArrowDtype(date32)`, on which pandas arithmetic and
Timestamp comparisons fail. So right after reading, decimals become float64 (TPC-H's answer
tolerance is 0.01 on money, far above float64's error at SF1..100) and dates
`datetime64[ms]`, cast with pyarrow (pandas' own `astype` from ArrowDtype goes through Python
objects, ~200x slower). The conversion runs in `map_partitions`, not `DataFrame.astype`:
dask-expr (2026.8) treats `astype` as element-wise and pushes a later filter below it, so
`df.astype(...)[df.l_shipdate <= ts]` compares the unconverted date32 column with a Timestamp
and fails. `map_partitions` is opaque to the optimizer, which is what we want here.

Partitioning. dask's default (`split_row_groups="infer"`, 256 MiB) reads each TPC-H file as a
single partition, which leaves one of the two cores idle at SF1; `BLOCKSIZE` splits files by
row groups into pieces of about that uncompressed size.
"""

from __future__ import annotations

from collections.abc import Mapping

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

BLOCKSIZE = "32MiB"

Tables = Mapping[str, str]


def _ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def _to_numpy_types(part: pd.DataFrame, conversions: dict[str, pa.DataType]) -> pd.DataFrame:
    # Cast in Arrow: pandas' astype on ArrowDtype(decimal128/date32) goes through Python
    # objects and is ~200x slower (0.7 s vs 3 ms for 600k decimals).
    if not conversions:
        return part
    part = part.copy()
    for column, target in conversions.items():
        part[column] = pd.Series(
            pa.array(part[column]).cast(target).to_numpy(zero_copy_only=False),
            index=part.index,
            name=column,
        )
    return part


def read(tables: Tables, name: str, columns: list[str]) -> dd.DataFrame:
    """Read `columns` of table `name`, decimals as float64 and dates as datetime64[ms]."""
    path = str(tables[name])
    schema = pq.read_schema(path)
    conversions = {}
    for column in columns:
        arrow_type = schema.field(column).type
        if pa.types.is_decimal(arrow_type):
            conversions[column] = pa.float64()
        elif pa.types.is_date(arrow_type):
            conversions[column] = pa.timestamp("ms")
    df = dd.read_parquet(path, columns=columns, split_row_groups="infer", blocksize=BLOCKSIZE)
    if not conversions:
        return df
    meta = _to_numpy_types(df._meta, conversions)
    return df.map_partitions(_to_numpy_types, conversions, meta=meta)


def _sort(df: pd.DataFrame, by: list[str], ascending: list[bool] | bool = True) -> pd.DataFrame:
    return df.sort_values(by, ascending=ascending, kind="stable").reset_index(drop=True)


def q1(tables: Tables) -> pd.DataFrame:
    li = read(
        tables,
        "lineitem",
        [
            "l_quantity",
            "l_extendedprice",
            "l_discount",
            "l_tax",
            "l_returnflag",
            "l_linestatus",
            "l_shipdate",
        ],
    )
    li = li[li.l_shipdate <= _ts("1998-12-01") - pd.Timedelta(days=90)]
    li = li.assign(disc_price=li.l_extendedprice * (1 - li.l_discount))
    li = li.assign(charge=li.disc_price * (1 + li.l_tax))
    result = (
        li.groupby(["l_returnflag", "l_linestatus"])
        .agg(
            sum_qty=("l_quantity", "sum"),
            sum_base_price=("l_extendedprice", "sum"),
            sum_disc_price=("disc_price", "sum"),
            sum_charge=("charge", "sum"),
            avg_qty=("l_quantity", "mean"),
            avg_price=("l_extendedprice", "mean"),
            avg_disc=("l_discount", "mean"),
            count_order=("l_quantity", "size"),
        )
        .compute()
        .reset_index()
    )
    return _sort(result, ["l_returnflag", "l_linestatus"])


def _nations_in_region(tables: Tables, region: str) -> dd.DataFrame:
    reg = read(tables, "region", ["r_regionkey", "r_name"])
    reg = reg[reg.r_name == region]
    nat = read(tables, "nation", ["n_nationkey", "n_name", "n_regionkey"])
    return nat.merge(reg, left_on="n_regionkey", right_on="r_regionkey")[["n_nationkey", "n_name"]]


def q2(tables: Tables) -> pd.DataFrame:
    part = read(tables, "part", ["p_partkey", "p_mfgr", "p_size", "p_type"])
    part = part[(part.p_size == 15) & part.p_type.str.endswith("BRASS")]
    supp = read(
        tables,
        "supplier",
        ["s_suppkey", "s_name", "s_address", "s_nationkey", "s_phone", "s_acctbal", "s_comment"],
    )
    supp = supp.merge(
        _nations_in_region(tables, "EUROPE"), left_on="s_nationkey", right_on="n_nationkey"
    )
    ps = read(tables, "partsupp", ["ps_partkey", "ps_suppkey", "ps_supplycost"])
    ps = ps.merge(supp, left_on="ps_suppkey", right_on="s_suppkey")
    ps = ps.merge(part, left_on="ps_partkey", right_on="p_partkey")
    min_cost = ps.groupby("ps_partkey").ps_supplycost.min().rename("min_cost").reset_index()
    best = ps.merge(min_cost, on="ps_partkey")
    best = best[best.ps_supplycost == best.min_cost]
    columns = [
        "s_acctbal",
        "s_name",
        "n_name",
        "p_partkey",
        "p_mfgr",
        "s_address",
        "s_phone",
        "s_comment",
    ]
    result = best[columns].compute()
    return _sort(
        result, ["s_acctbal", "n_name", "s_name", "p_partkey"], [False, True, True, True]
    ).head(100)


def q3(tables: Tables) -> pd.DataFrame:
    date = _ts("1995-03-15")
    cust = read(tables, "customer", ["c_custkey", "c_mktsegment"])
    cust = cust[cust.c_mktsegment == "BUILDING"][["c_custkey"]]
    orders = read(tables, "orders", ["o_orderkey", "o_custkey", "o_orderdate", "o_shippriority"])
    orders = orders[orders.o_orderdate < date]
    li = read(tables, "lineitem", ["l_orderkey", "l_extendedprice", "l_discount", "l_shipdate"])
    li = li[li.l_shipdate > date]
    li = li.assign(revenue=li.l_extendedprice * (1 - li.l_discount))
    joined = orders.merge(cust, left_on="o_custkey", right_on="c_custkey")
    joined = li.merge(joined, left_on="l_orderkey", right_on="o_orderkey")
    result = (
        joined.groupby(["l_orderkey", "o_orderdate", "o_shippriority"])
        .revenue.sum()
        .reset_index()
        .compute()
    )
    result = _sort(result, ["revenue", "o_orderdate"], [False, True]).head(10)
    return result[["l_orderkey", "revenue", "o_orderdate", "o_shippriority"]]


def q4(tables: Tables) -> pd.DataFrame:
    start = _ts("1993-07-01")
    orders = read(tables, "orders", ["o_orderkey", "o_orderdate", "o_orderpriority"])
    orders = orders[
        (orders.o_orderdate >= start) & (orders.o_orderdate < start + pd.DateOffset(months=3))
    ]
    li = read(tables, "lineitem", ["l_orderkey", "l_commitdate", "l_receiptdate"])
    late = li[li.l_commitdate < li.l_receiptdate][["l_orderkey"]].drop_duplicates()
    joined = orders.merge(late, left_on="o_orderkey", right_on="l_orderkey")
    result = joined.groupby("o_orderpriority").size().rename("order_count").reset_index().compute()
    return _sort(result, ["o_orderpriority"])


def q5(tables: Tables) -> pd.DataFrame:
    start = _ts("1994-01-01")
    nations = _nations_in_region(tables, "ASIA")
    supp = read(tables, "supplier", ["s_suppkey", "s_nationkey"])
    supp = supp.merge(nations, left_on="s_nationkey", right_on="n_nationkey")
    cust = read(tables, "customer", ["c_custkey", "c_nationkey"])
    orders = read(tables, "orders", ["o_orderkey", "o_custkey", "o_orderdate"])
    orders = orders[
        (orders.o_orderdate >= start) & (orders.o_orderdate < start + pd.DateOffset(years=1))
    ]
    li = read(tables, "lineitem", ["l_orderkey", "l_suppkey", "l_extendedprice", "l_discount"])
    joined = li.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    joined = joined.merge(cust, left_on="o_custkey", right_on="c_custkey")
    joined = joined.merge(
        supp, left_on=["l_suppkey", "c_nationkey"], right_on=["s_suppkey", "s_nationkey"]
    )
    joined = joined.assign(revenue=joined.l_extendedprice * (1 - joined.l_discount))
    result = joined.groupby("n_name").revenue.sum().reset_index().compute()
    return _sort(result, ["revenue"], False)


def q6(tables: Tables) -> pd.DataFrame:
    start = _ts("1994-01-01")
    li = read(tables, "lineitem", ["l_quantity", "l_extendedprice", "l_discount", "l_shipdate"])
    li = li[
        (li.l_shipdate >= start)
        & (li.l_shipdate < start + pd.DateOffset(years=1))
        & (li.l_discount >= 0.05)
        & (li.l_discount <= 0.07)
        & (li.l_quantity < 24)
    ]
    revenue = (li.l_extendedprice * li.l_discount).sum().compute()
    return pd.DataFrame({"revenue": [revenue]})


def q7(tables: Tables) -> pd.DataFrame:
    pair = ("FRANCE", "GERMANY")
    nat = read(tables, "nation", ["n_nationkey", "n_name"])
    nat = nat[nat.n_name.isin(pair)]
    supp = read(tables, "supplier", ["s_suppkey", "s_nationkey"])
    supp = supp.merge(nat, left_on="s_nationkey", right_on="n_nationkey")
    supp = supp[["s_suppkey", "n_name"]].rename(columns={"n_name": "supp_nation"})
    cust = read(tables, "customer", ["c_custkey", "c_nationkey"])
    cust = cust.merge(nat, left_on="c_nationkey", right_on="n_nationkey")
    cust = cust[["c_custkey", "n_name"]].rename(columns={"n_name": "cust_nation"})
    orders = read(tables, "orders", ["o_orderkey", "o_custkey"])
    li = read(
        tables,
        "lineitem",
        ["l_orderkey", "l_suppkey", "l_extendedprice", "l_discount", "l_shipdate"],
    )
    li = li[(li.l_shipdate >= _ts("1995-01-01")) & (li.l_shipdate <= _ts("1996-12-31"))]
    joined = li.merge(supp, left_on="l_suppkey", right_on="s_suppkey")
    joined = joined.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    joined = joined.merge(cust, left_on="o_custkey", right_on="c_custkey")
    joined = joined[joined.supp_nation != joined.cust_nation]
    joined = joined.assign(
        l_year=joined.l_shipdate.dt.year,
        volume=joined.l_extendedprice * (1 - joined.l_discount),
    )
    result = (
        joined.groupby(["supp_nation", "cust_nation", "l_year"])
        .volume.sum()
        .rename("revenue")
        .reset_index()
        .compute()
    )
    return _sort(result, ["supp_nation", "cust_nation", "l_year"])


def q8(tables: Tables) -> pd.DataFrame:
    part = read(tables, "part", ["p_partkey", "p_type"])
    part = part[part.p_type == "ECONOMY ANODIZED STEEL"][["p_partkey"]]
    america = _nations_in_region(tables, "AMERICA")[["n_nationkey"]]
    cust = read(tables, "customer", ["c_custkey", "c_nationkey"])
    cust = cust.merge(america, left_on="c_nationkey", right_on="n_nationkey")[["c_custkey"]]
    nat = read(tables, "nation", ["n_nationkey", "n_name"])
    supp = read(tables, "supplier", ["s_suppkey", "s_nationkey"])
    supp = supp.merge(nat, left_on="s_nationkey", right_on="n_nationkey")[["s_suppkey", "n_name"]]
    orders = read(tables, "orders", ["o_orderkey", "o_custkey", "o_orderdate"])
    orders = orders[
        (orders.o_orderdate >= _ts("1995-01-01")) & (orders.o_orderdate <= _ts("1996-12-31"))
    ]
    li = read(
        tables,
        "lineitem",
        ["l_orderkey", "l_partkey", "l_suppkey", "l_extendedprice", "l_discount"],
    )
    joined = li.merge(part, left_on="l_partkey", right_on="p_partkey")
    joined = joined.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    joined = joined.merge(cust, left_on="o_custkey", right_on="c_custkey")
    joined = joined.merge(supp, left_on="l_suppkey", right_on="s_suppkey")
    volume = joined.l_extendedprice * (1 - joined.l_discount)
    joined = joined.assign(
        o_year=joined.o_orderdate.dt.year,
        volume=volume,
        brazil=volume.where(joined.n_name == "BRAZIL", 0.0),
    )
    sums = joined.groupby("o_year")[["brazil", "volume"]].sum().compute()
    result = (sums.brazil / sums.volume).rename("mkt_share").reset_index()
    return _sort(result, ["o_year"])


def q9(tables: Tables) -> pd.DataFrame:
    part = read(tables, "part", ["p_partkey", "p_name"])
    part = part[part.p_name.str.contains("green", regex=False)][["p_partkey"]]
    nat = read(tables, "nation", ["n_nationkey", "n_name"])
    supp = read(tables, "supplier", ["s_suppkey", "s_nationkey"])
    supp = supp.merge(nat, left_on="s_nationkey", right_on="n_nationkey")[["s_suppkey", "n_name"]]
    ps = read(tables, "partsupp", ["ps_partkey", "ps_suppkey", "ps_supplycost"])
    orders = read(tables, "orders", ["o_orderkey", "o_orderdate"])
    li = read(
        tables,
        "lineitem",
        ["l_orderkey", "l_partkey", "l_suppkey", "l_quantity", "l_extendedprice", "l_discount"],
    )
    joined = li.merge(part, left_on="l_partkey", right_on="p_partkey")
    joined = joined.merge(
        ps, left_on=["l_partkey", "l_suppkey"], right_on=["ps_partkey", "ps_suppkey"]
    )
    joined = joined.merge(supp, left_on="l_suppkey", right_on="s_suppkey")
    joined = joined.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    joined = joined.assign(
        o_year=joined.o_orderdate.dt.year,
        amount=joined.l_extendedprice * (1 - joined.l_discount)
        - joined.ps_supplycost * joined.l_quantity,
    )
    result = (
        joined.groupby(["n_name", "o_year"])
        .amount.sum()
        .rename("sum_profit")
        .reset_index()
        .rename(columns={"n_name": "nation"})
        .compute()
    )
    return _sort(result, ["nation", "o_year"], [True, False])


def q10(tables: Tables) -> pd.DataFrame:
    start = _ts("1993-10-01")
    orders = read(tables, "orders", ["o_orderkey", "o_custkey", "o_orderdate"])
    orders = orders[
        (orders.o_orderdate >= start) & (orders.o_orderdate < start + pd.DateOffset(months=3))
    ]
    li = read(tables, "lineitem", ["l_orderkey", "l_extendedprice", "l_discount", "l_returnflag"])
    li = li[li.l_returnflag == "R"]
    li = li.assign(revenue=li.l_extendedprice * (1 - li.l_discount))
    joined = li.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    revenue = joined.groupby("o_custkey").revenue.sum().reset_index()
    cust = read(
        tables,
        "customer",
        ["c_custkey", "c_name", "c_acctbal", "c_phone", "c_nationkey", "c_address", "c_comment"],
    )
    nat = read(tables, "nation", ["n_nationkey", "n_name"])
    result = revenue.merge(cust, left_on="o_custkey", right_on="c_custkey")
    result = result.merge(nat, left_on="c_nationkey", right_on="n_nationkey").compute()
    result = _sort(result, ["revenue"], False).head(20)
    return result[
        [
            "c_custkey",
            "c_name",
            "revenue",
            "c_acctbal",
            "n_name",
            "c_address",
            "c_phone",
            "c_comment",
        ]
    ].reset_index(drop=True)


def q11(tables: Tables) -> pd.DataFrame:
    nat = read(tables, "nation", ["n_nationkey", "n_name"])
    nat = nat[nat.n_name == "GERMANY"]
    supp = read(tables, "supplier", ["s_suppkey", "s_nationkey"])
    supp = supp.merge(nat, left_on="s_nationkey", right_on="n_nationkey")[["s_suppkey"]]
    ps = read(tables, "partsupp", ["ps_partkey", "ps_suppkey", "ps_supplycost", "ps_availqty"])
    ps = ps.merge(supp, left_on="ps_suppkey", right_on="s_suppkey")
    ps = ps.assign(value=ps.ps_supplycost * ps.ps_availqty)
    per_part = ps.groupby("ps_partkey").value.sum().reset_index()
    threshold = ps.value.sum() * 0.0001
    per_part, threshold = dd.compute(per_part, threshold)
    result = per_part[per_part.value > threshold]
    return _sort(result, ["value"], False)


def q12(tables: Tables) -> pd.DataFrame:
    start = _ts("1994-01-01")
    li = read(
        tables,
        "lineitem",
        ["l_orderkey", "l_shipmode", "l_shipdate", "l_commitdate", "l_receiptdate"],
    )
    li = li[
        li.l_shipmode.isin(["MAIL", "SHIP"])
        & (li.l_commitdate < li.l_receiptdate)
        & (li.l_shipdate < li.l_commitdate)
        & (li.l_receiptdate >= start)
        & (li.l_receiptdate < start + pd.DateOffset(years=1))
    ]
    orders = read(tables, "orders", ["o_orderkey", "o_orderpriority"])
    joined = li.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    high = joined.o_orderpriority.isin(["1-URGENT", "2-HIGH"])
    joined = joined.assign(
        high_line_count=high.astype("int64"), low_line_count=(~high).astype("int64")
    )
    result = (
        joined.groupby("l_shipmode")[["high_line_count", "low_line_count"]]
        .sum()
        .reset_index()
        .compute()
    )
    return _sort(result, ["l_shipmode"])


def q13(tables: Tables) -> pd.DataFrame:
    cust = read(tables, "customer", ["c_custkey"])
    orders = read(tables, "orders", ["o_orderkey", "o_custkey", "o_comment"])
    orders = orders[~orders.o_comment.str.contains("special.*requests", regex=True)]
    joined = cust.merge(orders, left_on="c_custkey", right_on="o_custkey", how="left")
    counts = joined.groupby("c_custkey").o_orderkey.count().rename("c_count")
    result = counts.value_counts().rename("custdist").reset_index().compute()
    result.columns = ["c_count", "custdist"]
    return _sort(result, ["custdist", "c_count"], [False, False])


def q14(tables: Tables) -> pd.DataFrame:
    start = _ts("1995-09-01")
    li = read(tables, "lineitem", ["l_partkey", "l_extendedprice", "l_discount", "l_shipdate"])
    li = li[(li.l_shipdate >= start) & (li.l_shipdate < start + pd.DateOffset(months=1))]
    part = read(tables, "part", ["p_partkey", "p_type"])
    joined = li.merge(part, left_on="l_partkey", right_on="p_partkey")
    revenue = joined.l_extendedprice * (1 - joined.l_discount)
    promo = revenue.where(joined.p_type.str.startswith("PROMO"), 0.0)
    promo_sum, total = dd.compute(promo.sum(), revenue.sum())
    return pd.DataFrame({"promo_revenue": [100.0 * promo_sum / total]})


def q15(tables: Tables) -> pd.DataFrame:
    start = _ts("1996-01-01")
    li = read(tables, "lineitem", ["l_suppkey", "l_extendedprice", "l_discount", "l_shipdate"])
    li = li[(li.l_shipdate >= start) & (li.l_shipdate < start + pd.DateOffset(months=3))]
    li = li.assign(total_revenue=li.l_extendedprice * (1 - li.l_discount))
    revenue = li.groupby("l_suppkey").total_revenue.sum().reset_index().compute()
    top = revenue[revenue.total_revenue == revenue.total_revenue.max()]
    supp = read(tables, "supplier", ["s_suppkey", "s_name", "s_address", "s_phone"]).compute()
    result = supp.merge(top, left_on="s_suppkey", right_on="l_suppkey")
    result = result[["s_suppkey", "s_name", "s_address", "s_phone", "total_revenue"]]
    return _sort(result, ["s_suppkey"])


def q16(tables: Tables) -> pd.DataFrame:
    part = read(tables, "part", ["p_partkey", "p_brand", "p_type", "p_size"])
    part = part[
        (part.p_brand != "Brand#45")
        & ~part.p_type.str.startswith("MEDIUM POLISHED")
        & part.p_size.isin([49, 14, 23, 45, 19, 3, 36, 9])
    ]
    supp = read(tables, "supplier", ["s_suppkey", "s_comment"])
    complaints = supp[supp.s_comment.str.contains("Customer.*Complaints", regex=True)]
    bad = complaints.s_suppkey.compute()
    ps = read(tables, "partsupp", ["ps_partkey", "ps_suppkey"])
    ps = ps[~ps.ps_suppkey.isin(bad.tolist())]
    joined = ps.merge(part, left_on="ps_partkey", right_on="p_partkey")
    result = (
        joined.groupby(["p_brand", "p_type", "p_size"])
        .ps_suppkey.nunique()
        .rename("supplier_cnt")
        .reset_index()
        .compute()
    )
    return _sort(result, ["supplier_cnt", "p_brand", "p_type", "p_size"], [False, True, True, True])


def q17(tables: Tables) -> pd.DataFrame:
    part = read(tables, "part", ["p_partkey", "p_brand", "p_container"])
    part = part[(part.p_brand == "Brand#23") & (part.p_container == "MED BOX")][["p_partkey"]]
    li = read(tables, "lineitem", ["l_partkey", "l_quantity", "l_extendedprice"])
    li = li.merge(part, left_on="l_partkey", right_on="p_partkey")
    avg_qty = li.groupby("l_partkey").l_quantity.mean().rename("avg_qty").reset_index()
    joined = li.merge(avg_qty, on="l_partkey")
    small = joined[joined.l_quantity < 0.2 * joined.avg_qty]
    total = small.l_extendedprice.sum(min_count=1).compute()  # SQL: sum of no rows is NULL
    return pd.DataFrame({"avg_yearly": [total / 7.0]})


def q18(tables: Tables) -> pd.DataFrame:
    li = read(tables, "lineitem", ["l_orderkey", "l_quantity"])
    qty = li.groupby("l_orderkey").l_quantity.sum().rename("sum_qty").reset_index()
    big = qty[qty.sum_qty > 300]
    orders = read(tables, "orders", ["o_orderkey", "o_custkey", "o_orderdate", "o_totalprice"])
    cust = read(tables, "customer", ["c_custkey", "c_name"])
    joined = big.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    joined = joined.merge(cust, left_on="o_custkey", right_on="c_custkey").compute()
    result = _sort(joined, ["o_totalprice", "o_orderdate"], [False, True]).head(100)
    return result[["c_name", "c_custkey", "o_orderkey", "o_orderdate", "o_totalprice", "sum_qty"]]


def q19(tables: Tables) -> pd.DataFrame:
    li = read(
        tables,
        "lineitem",
        [
            "l_partkey",
            "l_quantity",
            "l_extendedprice",
            "l_discount",
            "l_shipinstruct",
            "l_shipmode",
        ],
    )
    li = li[li.l_shipmode.isin(["AIR", "AIR REG"]) & (li.l_shipinstruct == "DELIVER IN PERSON")]
    part = read(tables, "part", ["p_partkey", "p_brand", "p_size", "p_container"])
    part = part[part.p_brand.isin(["Brand#12", "Brand#23", "Brand#34"])]
    j = li.merge(part, left_on="l_partkey", right_on="p_partkey")

    def bucket(brand: str, containers: list[str], qty: int, max_size: int):
        return (
            (j.p_brand == brand)
            & j.p_container.isin(containers)
            & (j.l_quantity >= qty)
            & (j.l_quantity <= qty + 10)
            & (j.p_size >= 1)
            & (j.p_size <= max_size)
        )

    j = j[
        bucket("Brand#12", ["SM CASE", "SM BOX", "SM PACK", "SM PKG"], 1, 5)
        | bucket("Brand#23", ["MED BAG", "MED BOX", "MED PKG", "MED PACK"], 10, 10)
        | bucket("Brand#34", ["LG CASE", "LG BOX", "LG PACK", "LG PKG"], 20, 15)
    ]
    revenue = (j.l_extendedprice * (1 - j.l_discount)).sum().compute()
    return pd.DataFrame({"revenue": [revenue]})


def q20(tables: Tables) -> pd.DataFrame:
    start = _ts("1994-01-01")
    part = read(tables, "part", ["p_partkey", "p_name"])
    part = part[part.p_name.str.startswith("forest")][["p_partkey"]]
    li = read(tables, "lineitem", ["l_partkey", "l_suppkey", "l_quantity", "l_shipdate"])
    li = li[(li.l_shipdate >= start) & (li.l_shipdate < start + pd.DateOffset(years=1))]
    li = li.merge(part, left_on="l_partkey", right_on="p_partkey")
    shipped = li.groupby(["l_partkey", "l_suppkey"]).l_quantity.sum().rename("qty").reset_index()
    ps = read(tables, "partsupp", ["ps_partkey", "ps_suppkey", "ps_availqty"])
    ps = ps.merge(part, left_on="ps_partkey", right_on="p_partkey")
    ps = ps.merge(
        shipped, left_on=["ps_partkey", "ps_suppkey"], right_on=["l_partkey", "l_suppkey"]
    )
    keys = ps[ps.ps_availqty > 0.5 * ps.qty][["ps_suppkey"]].drop_duplicates()
    nat = read(tables, "nation", ["n_nationkey", "n_name"])
    nat = nat[nat.n_name == "CANADA"]
    supp = read(tables, "supplier", ["s_suppkey", "s_name", "s_address", "s_nationkey"])
    supp = supp.merge(nat, left_on="s_nationkey", right_on="n_nationkey")
    result = supp.merge(keys, left_on="s_suppkey", right_on="ps_suppkey").compute()
    return _sort(result, ["s_name"])[["s_name", "s_address"]]


def q21(tables: Tables) -> pd.DataFrame:
    li = read(tables, "lineitem", ["l_orderkey", "l_suppkey", "l_commitdate", "l_receiptdate"])
    # exists l2 (same order, other supplier) <=> the order's suppliers are not all the same;
    # not exists late l3 from another supplier <=> the order's late lines share one supplier.
    # min != max says "more than one distinct" without nunique's costly shuffle.
    spread = li.groupby("l_orderkey").l_suppkey.agg(["min", "max"]).reset_index()
    multi = spread[spread["min"] != spread["max"]][["l_orderkey"]]
    late = li[li.l_receiptdate > li.l_commitdate][["l_orderkey", "l_suppkey"]]
    late_spread = late.groupby("l_orderkey").l_suppkey.agg(["min", "max"]).reset_index()
    alone = late_spread[late_spread["min"] == late_spread["max"]][["l_orderkey"]]
    nat = read(tables, "nation", ["n_nationkey", "n_name"])
    nat = nat[nat.n_name == "SAUDI ARABIA"]
    supp = read(tables, "supplier", ["s_suppkey", "s_name", "s_nationkey"])
    supp = supp.merge(nat, left_on="s_nationkey", right_on="n_nationkey")[["s_suppkey", "s_name"]]
    orders = read(tables, "orders", ["o_orderkey", "o_orderstatus"])
    orders = orders[orders.o_orderstatus == "F"][["o_orderkey"]]
    l1 = late.merge(supp, left_on="l_suppkey", right_on="s_suppkey")
    l1 = l1.merge(orders, left_on="l_orderkey", right_on="o_orderkey")
    l1 = l1.merge(multi, on="l_orderkey").merge(alone, on="l_orderkey")
    result = l1.groupby("s_name").size().rename("numwait").reset_index().compute()
    return _sort(result, ["numwait", "s_name"], [False, True]).head(100)


def q22(tables: Tables) -> pd.DataFrame:
    codes = ["13", "31", "23", "29", "30", "18", "17"]
    cust = read(tables, "customer", ["c_custkey", "c_phone", "c_acctbal"])
    cust = cust.assign(cntrycode=cust.c_phone.str.slice(0, 2))
    cust = cust[cust.cntrycode.isin(codes)]
    avg_balance = cust[cust.c_acctbal > 0.0].c_acctbal.mean()
    rich = cust[cust.c_acctbal > avg_balance]
    orders = read(tables, "orders", ["o_custkey"]).drop_duplicates()
    joined = rich.merge(orders, left_on="c_custkey", right_on="o_custkey", how="left")
    no_orders = joined[joined.o_custkey.isna()]
    result = (
        no_orders.groupby("cntrycode")
        .agg(numcust=("c_custkey", "size"), totacctbal=("c_acctbal", "sum"))
        .reset_index()
        .compute()
    )
    return _sort(result, ["cntrycode"])


QUERIES = {n: globals()[f"q{n}"] for n in range(1, 23)}


def run(n: int, tables: Tables) -> pd.DataFrame:
    """Run TPC-H query `n` on Dask."""
    return QUERIES[n](tables)
