"""Partial aggregation fused into parquet scans (execution/operators/scan_aggregate.py):
exact decimal answers, the same as with the fusion turned off and as Python's decimal module,
including NULLs, negative values, HALF_UP rounding and values too large for int64 (those
pieces take the unfused path)."""

import decimal
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import dfengine.execution.operators.scan_aggregate as sa

D = Decimal
CONF = "dfengine.execution.scanAggregate"


@pytest.fixture(scope="module")
def money(tmp_path_factory):
    """Two files (pieces) of decimals: flag is a small dictionary string, k a bigint."""
    root = tmp_path_factory.mktemp("fused")
    rows = []
    for i in range(400):
        rows.append({"flag": "AB"[i % 2], "status": "XYZ"[i % 3], "k": i % 7,
                     "p": D(f"{(i * 37) % 1000 - 500}.{i % 100:02d}"),
                     "d": D(f"0.{i % 11:02d}"), "x": D(f"{'-' if i % 3 else ''}0.{(i * 7919) % 10**6:06d}"),
                     "day": i % 50})
    t = pa.Table.from_pylist(rows, schema=pa.schema([
        ("flag", pa.string()), ("status", pa.string()), ("k", pa.int64()),
        ("p", pa.decimal128(15, 2)), ("d", pa.decimal128(15, 2)), ("x", pa.decimal128(18, 6)),
        ("day", pa.int32())]))
    pq.write_table(t.slice(0, 200), root / "a.parquet", row_group_size=64)
    pq.write_table(t.slice(200), root / "b.parquet", row_group_size=64)
    return str(root), rows


@pytest.fixture
def calls(monkeypatch):
    """How many pieces the fused path answered (a dict: fused, declined)."""
    seen = {"fused": 0, "declined": 0}
    real = sa.FusedPartial.__call__

    def counting(self, table, mask):
        out = real(self, table, mask)
        seen["fused" if out is not None else "declined"] += 1
        return out

    monkeypatch.setattr(sa.FusedPartial, "__call__", counting)
    return seen


def _both(spark, sql):
    spark.conf.set(CONF, "false")
    try:
        plain = spark.sql(sql).collect()
    finally:
        spark.conf.unset(CONF)
    df = spark.sql(sql)
    return df, df.collect(), plain


def test_grouped_decimal_arithmetic_exact(spark, money, calls):
    path, rows = money
    spark.read.parquet(path).createOrReplaceTempView("money")
    sql = ("select flag, status, sum(p * (1 - d)) as s, sum(p * (1 - d) * (1 + d)) as c, "
           "avg(p) as a, count(*) as n, count(d) as nd from money where day <= 40 "
           "group by flag, status order by flag, status")
    df, got, plain = _both(spark, sql)
    assert "partial_aggregate=" in df._qe().physical.tree_string()
    assert calls["fused"] > 0 and calls["declined"] == 0
    assert got == plain
    expected = {}
    for r in rows:
        if r["day"] <= 40:
            e = expected.setdefault((r["flag"], r["status"]), [D(0), D(0), D(0), 0])
            e[0] += r["p"] * (1 - r["d"])
            e[1] += r["p"] * (1 - r["d"]) * (1 + r["d"])
            e[2] += r["p"]
            e[3] += 1
    assert [(r.flag, r.status) for r in got] == sorted(expected)
    for r in got:
        s, c, total, n = expected[(r.flag, r.status)]
        assert (r.s, r.c, r.n, r.nd) == (s, c, n, n)
        assert r.a == (total / n).quantize(D("0.000001"), rounding=decimal.ROUND_HALF_UP)


def test_rounding_bigint_key_and_global(spark, money, calls):
    path, rows = money
    spark.read.parquet(path).createOrReplaceTempView("money")
    # x * x * x is decimal(38, 6): the scale-18 product is rounded HALF_UP (Spark's rule)
    _, got, plain = _both(spark, "select k, sum(x * x * x) as s from money where day > 3 "
                                 "group by k order by k")
    assert calls["fused"] > 0 and got == plain
    q = D("0.000001")
    for r in got:
        want = sum((v["x"] * v["x"] * v["x"]).quantize(q, rounding=decimal.ROUND_HALF_UP)
                   for v in rows if v["k"] == r.k and v["day"] > 3)
        assert r.s == want
    _, got, plain = _both(spark, "select sum(p * d) as s, count(*) as n from money "
                                 "where d >= 0.05 and day < 0")
    assert got == plain and got[0].s is None and got[0].n == 0


def test_nulls_and_huge_values_take_the_unfused_path(spark, tmp_path, calls):
    t = pa.table({"g": pa.array([1, 1, 2, 2], pa.int64()),
                  "v": pa.array([D("1.00"), None, D("2.50"), D("-3.25")], pa.decimal128(15, 2)),
                  "w": pa.array([D("9" * 16 + ".00")] * 4, pa.decimal128(18, 2))})
    pq.write_table(t, tmp_path / "n.parquet")
    spark.read.parquet(str(tmp_path / "n.parquet")).createOrReplaceTempView("nulls")
    _, got, plain = _both(spark, "select g, sum(v) as s, count(v) as c, sum(w * w) as ww "
                                 "from nulls group by g order by g")
    assert got == plain
    assert calls["declined"] > 0 and calls["fused"] == 0
    assert [(r.g, r.s, r.c) for r in got] == [(1, D("1.00"), 1), (2, D("-0.75"), 2)]
    assert got[0].ww == D((10**16 - 1) ** 2 * 2)  # (int: Decimal rounds at 28 digits)


def test_dictionary_column_filters_with_nulls(spark, tmp_path):
    """Pushed filters on a low-cardinality string column are decided per dictionary entry
    and spread to the rows; NULL rows get the predicate's value for NULL."""
    flags = (["a", "b", None, "c"] * 300)[:1000]
    t = pa.table({"i": pa.array(range(1000), pa.int64()), "s": pa.array(flags, pa.string())})
    pq.write_table(t, tmp_path / "d.parquet", row_group_size=250)
    spark.read.parquet(str(tmp_path / "d.parquet")).createOrReplaceTempView("flags")
    cases = {"s = 'a'": lambda v: v == "a", "s is null": lambda v: v is None,
             "not (s = 'a')": lambda v: v is not None and v != "a",
             "s in ('a', 'b') or s is null": lambda v: v in ("a", "b", None),
             "coalesce(s, 'z') > 'b'": lambda v: (v or "z") > "b"}
    for cond, fn in cases.items():
        got = [r.i for r in spark.sql(f"select i from flags where {cond} order by i").collect()]
        assert got == [i for i, v in enumerate(flags) if fn(v)], cond


def test_a_view_aggregated_twice_reads_each_piece_once(spark, money, conf):
    """TPC-H Q15's shape: the revenue view is used twice, and both scans aggregate in the
    scan, so their pieces are read once even past dfengine.execution.sharedScanBudget (a
    reader that turns a piece into partial states holds nothing); the answer is the
    unshared one."""
    path, rows = money
    spark.read.parquet(path).createOrReplaceTempView("money")
    sql = ("with rev as (select k, sum(p * (1 - d)) as r from money where day < 6 group by k) "
           "select k, r from rev where r = (select max(r) from rev)")
    conf("dfengine.execution.sharedScanBudget", "1k")
    df = spark.sql(sql)
    graph, _ = df._qe().graph()
    reads = [k for k in graph if isinstance(k, tuple) and str(k[0]).startswith("shared-read")]
    assert len(reads) == 2  # two files, one piece each, each read once for both scans
    revenue = {}
    for r in rows:
        if r["day"] < 6:  # 12% of the rows: the sparse path (kernels.decimal.sparse_rows)
            revenue[r["k"]] = revenue.get(r["k"], D(0)) + r["p"] * (1 - r["d"])
    best = max(revenue.values())
    assert [(r.k, r.r) for r in df.collect()] == [(k, v) for k, v in revenue.items() if v == best]
    # a reader that keeps rows (the join's other side) counts against the budget again
    plain = spark.sql("select m.k, m.p from money m join (select k, sum(p) s from money "
                      "group by k) g on m.k = g.k")
    graph, _ = plain._qe().graph()
    assert not any(isinstance(k, tuple) and str(k[0]).startswith("shared-read") for k in graph)


def test_kept_values_sparse_and_dense_agree():
    """The kept rows' values and largest magnitude are the same whether the kernel passes
    over every row or visits only the kept ones, across chunks and for int64's minimum."""
    import numpy as np

    from dfengine.kernels import decimal as dec

    rng = np.random.default_rng(3)
    ints = rng.integers(-10**12, 10**12, 3000)
    ints[1234] = np.iinfo(np.int64).min
    cols = [pa.chunked_array([ints[:1000], ints[1000:]]),
            pa.chunked_array([pa.array([D(int(v)).scaleb(-2) for v in ints[1500:] // 1000],
                                       pa.decimal128(15, 2))])]
    for col in cols:
        keep = rng.random(len(col)) < 0.1
        keep[1234 % len(col)] = True
        n = int(keep.sum())
        rows = dec.sparse_rows(keep, n)
        assert rows is not None
        dense_values, dense_max = dec.kept_values(col, keep, n)
        sparse_values, sparse_max = dec.kept_values(col, keep, n, rows)
        assert np.array_equal(dense_values, sparse_values) and dense_max == sparse_max
    assert dec.sparse_rows(np.ones(10, np.bool_), 10) is None
