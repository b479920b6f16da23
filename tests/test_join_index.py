"""The Numba join index (dense, packed, hashed + verified keys) against a nested-loop oracle
in plain Python: every join type must give exactly the pairs SQL's equality gives, with NULL
keys never matching, NaN matching NaN and -0.0 matching 0.0 (Spark's join semantics)."""

from __future__ import annotations

import math

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dfengine.execution.operators.join import JoinIndex, hash_join, matching_pairs


def _norm(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if v == 0.0:
            return 0.0
    return v


def _oracle_pairs(left: list[tuple], right: list[tuple]) -> list[tuple[int, int]]:
    out = []
    for i, lk in enumerate(left):
        for j, rk in enumerate(right):
            if None not in lk and None not in rk and tuple(map(_norm, lk)) == tuple(
                    map(_norm, rk)):
                out.append((i, j))
    return out


def _table(rows: list[tuple], types: list[pa.DataType], prefix: str) -> pa.Table:
    cols = list(zip(*rows)) if rows else [[] for _ in types]
    arrays = [pa.array(list(c), t) for c, t in zip(cols, types)]
    arrays.append(pa.array(range(len(rows)), pa.int64()))
    names = [f"{prefix}{i}" for i in range(len(types))] + [f"{prefix}_row"]
    return pa.Table.from_arrays(arrays, names=names)


def _check(lrows, rrows, ltypes, rtypes):
    left, right = _table(lrows, ltypes, "l"), _table(rrows, rtypes, "r")
    lkeys = [f"l{i}" for i in range(len(ltypes))]
    rkeys = [f"r{i}" for i in range(len(rtypes))]
    want = sorted(_oracle_pairs(lrows, rrows))
    for index in (None, JoinIndex(left, lkeys), JoinIndex(right, rkeys)):
        li, ri = matching_pairs(left, right, lkeys, rkeys, index)
        assert sorted(zip(li.tolist(), ri.tolist())) == want
    matched_l = {i for i, _ in want}
    for how, expect in (("left_semi", sorted(matched_l)),
                        ("left_anti", [i for i in range(len(lrows)) if i not in matched_l])):
        for index in (None, JoinIndex(left, lkeys), JoinIndex(right, rkeys)):
            out = hash_join(left, right, lkeys, rkeys, how, None, index)
            assert sorted(out.column("l_row").to_pylist()) == expect
    full = hash_join(left, right, lkeys, rkeys, "full")
    got = sorted(zip(full.column("l_row").to_pylist(), full.column("r_row").to_pylist()),
                 key=repr)
    matched_r = {j for _, j in want}
    expect = want + [(i, None) for i in range(len(lrows)) if i not in matched_l] + [
        (None, j) for j in range(len(rrows)) if j not in matched_r]
    assert got == sorted(expect, key=repr)


_ints = st.one_of(st.none(), st.integers(-5, 40))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_ints), max_size=30), st.lists(st.tuples(_ints), max_size=30))
def test_single_integer_key_dense(lrows, rrows):
    _check(lrows, rrows, [pa.int32()], [pa.int64()])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-2**62, 2**62))), max_size=25),
       st.lists(st.tuples(st.one_of(st.none(), st.integers(-2**62, 2**62))), max_size=25))
def test_single_integer_key_sparse_range_is_hashed(lrows, rrows):
    lrows = lrows + rrows[:3]
    _check(lrows, rrows, [pa.int64()], [pa.int64()])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_ints, _ints), max_size=30),
       st.lists(st.tuples(_ints, _ints), max_size=30))
def test_two_integer_keys_packed(lrows, rrows):
    _check(lrows, rrows, [pa.int64(), pa.int32()], [pa.int64(), pa.int32()])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-2**40, 2**40)), _ints), max_size=20),
       st.lists(st.tuples(st.one_of(st.none(), st.integers(-2**40, 2**40)), _ints), max_size=20))
def test_integer_keys_too_wide_to_pack_are_hashed(lrows, rrows):
    rrows = rrows + lrows[:3]
    _check(lrows, rrows, [pa.int64(), pa.int64()], [pa.int64(), pa.int64()])


_strs = st.one_of(st.none(), st.sampled_from(["", "a", "b", "ab", "ba", "é", "a" * 30]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_strs, _ints), max_size=25), st.lists(st.tuples(_strs, _ints),
                                                                  max_size=25))
def test_string_and_integer_keys_hashed_and_verified(lrows, rrows):
    _check(lrows, rrows, [pa.string(), pa.int64()], [pa.large_string(), pa.int64()])


_floats = st.one_of(st.none(), st.sampled_from([0.0, -0.0, 1.5, float("nan"), -2.25,
                                                 float("inf")]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_floats), max_size=20), st.lists(st.tuples(_floats), max_size=20))
def test_float_keys_nan_and_signed_zero(lrows, rrows):
    _check(lrows, rrows, [pa.float64()], [pa.float64()])


def test_date_and_decimal_keys():
    import datetime
    import decimal

    d = datetime.date
    _check([(d(2020, 1, 1),), (d(1995, 3, 15),), (None,)], [(d(1995, 3, 15),), (d(2020, 1, 1),)],
           [pa.date32()], [pa.date32()])
    D = decimal.Decimal
    _check([(D("1.50"),), (D("-2.00"),), (None,)], [(D("1.50"),), (D("1.50"),), (D("3.00"),)],
           [pa.decimal128(15, 2)], [pa.decimal128(15, 2)])
    _check([(D("1.50"),), (D("12345678901234567890.50"),)],
           [(D("12345678901234567890.50"),), (D("1.50"),)],
           [pa.decimal128(30, 2)], [pa.decimal128(30, 2)])


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_single_row_sides(n):
    _check([(1,)] * n, [(1,), (2,)], [pa.int64()], [pa.int64()])
    _check([(1,), (2,)], [(1,)] * n, [pa.int64()], [pa.int64()])


def test_many_to_many_output_larger_than_the_probe_side():
    _check([(1,)] * 3 + [(2,)], [(1,)] * 40 + [(2,)] * 7, [pa.int64()], [pa.int64()])


def test_sparse_integer_keys_take_the_bitmap_path():
    """Build keys spread over a range too wide for a dense table (TPC-H orders filtered from
    all order keys) get a bitmap; probe keys outside it, below, above and NULL never match,
    and every pair SQL's equality gives is found (packed two-column keys too)."""
    left = [(k,) for k in (5, 1000, 1000, 77_777, None, 400_000)]
    right = [(k,) for k in (-3, 5, 6, 999, 1000, 77_777, 77_778, 400_000, 400_001, None)]
    assert JoinIndex(_table(left, [pa.int64()], "l"), ["l0"]).bits is not None
    _check(left, right, [pa.int64()], [pa.int64()])
    _check(right, left, [pa.int32()], [pa.int64()])
    pairs_l = [(k, k % 3) for k in (7, 90_000, 123_456)]
    pairs_r = [(k, m) for k in (7, 8, 90_000, 123_456) for m in range(3)]
    _check(pairs_l, pairs_r, [pa.int64(), pa.int64()], [pa.int64(), pa.int64()])


_k = st.one_of(st.none(), st.integers(0, 5))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_k, _k, st.integers(-2**63, 2**63 - 1)), max_size=40),
       st.lists(st.tuples(_k, st.text(max_size=3)), max_size=12),
       st.lists(st.tuples(_k, st.floats(allow_nan=False, width=32)), max_size=12))
def test_join_chain_equals_the_joins_one_by_one(probe_rows, first_rows, second_rows):
    """A chain of broadcast inner joins gathered once (`join_chain.chain_join`) gives the
    rows, in order, of the joins run one after another (NULL keys, duplicates, no match)."""
    from dfengine.execution.operators.join_chain import Stage, chain_join

    a, b, v = zip(*probe_rows) if probe_rows else ((), (), ())
    probe = pa.table({"a": pa.array(a, pa.int64()), "b": pa.array(b, pa.int64()),
                      "v": pa.array(v, pa.int64())})
    k1, s1 = zip(*first_rows) if first_rows else ((), ())
    first = pa.table({"k1": pa.array(k1, pa.int64()), "s": pa.array(s1, pa.string())})
    k2, f2 = zip(*second_rows) if second_rows else ((), ())
    second = pa.table({"k2": pa.array(k2, pa.int32()), "f": pa.array(f2, pa.float32())})
    i1, i2 = JoinIndex(first, ["k1"]), JoinIndex(second, ["k2"])
    # probe.a = first.k1, then b = second.k2; keep v, s, f (not the keys)
    step = hash_join(probe, first, ["a"], ["k1"], "inner", None, i1, ["b", "v", "s"])
    want = hash_join(step.select(["b", "v", "s"]), second, ["b"], ["k2"], "inner", None, i2,
                     ["v", "s", "f"]).select(["v", "s", "f"])
    got = chain_join((Stage(("a",), ("b", "v", "s")), Stage(("b",), ("v", "s", "f"))),
                     probe, i1, i2)
    assert got.column_names == ["v", "s", "f"]
    assert got.to_pylist() == want.to_pylist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 3000)), max_size=40),
       st.lists(st.one_of(st.none(), st.integers(0, 3000)), max_size=40))
def test_may_match_is_exactly_the_rows_with_a_partner(probe, build):
    """A scan feeding a broadcast join drops the rows `may_match` rejects before copying
    them: it must keep every row that has a partner (and may drop only the others)."""
    index = JoinIndex(pa.table({"k": pa.array(build, pa.int64())}), ["k"])
    other = pa.table({"k": pa.array(probe, pa.int32())})
    got = index.may_match(other, ["k"])
    if got is None:  # only a bitmap of sparse integral keys answers without probing
        return
    partners = {b for b in build if b is not None}
    assert [bool(x) for x in got] == [p is not None and p in partners for p in probe]


def test_scan_drops_rows_without_partner_before_the_join(spark, tmp_path):
    """Q3's shape: a filtered scan probing a broadcast of a sparse key subset; answers equal
    DuckDB's for inner and semi joins, NULL keys included."""
    import duckdb
    import numpy as np
    import pyarrow.parquet as pq

    n = 20_000
    keys = np.arange(n) * 7 % 50_000
    big = pa.table({"k": pa.array([None if i % 101 == 0 else int(k) for i, k in enumerate(keys)],
                                  pa.int64()),
                    "v": pa.array(np.arange(n) % 13, pa.int64())})
    small = pa.table({"k": pa.array(np.arange(0, 50_000, 97), pa.int64()),
                      "w": pa.array(np.arange(0, 50_000, 97) % 5, pa.int64())})
    pq.write_table(big, tmp_path / "big.parquet", row_group_size=4000)
    pq.write_table(small, tmp_path / "small.parquet")
    spark.read.parquet(str(tmp_path / "big.parquet")).createOrReplaceTempView("kf_big")
    spark.read.parquet(str(tmp_path / "small.parquet")).createOrReplaceTempView("kf_small")
    con = duckdb.connect()
    con.register("kf_big", big)
    con.register("kf_small", small)
    for sql in ["select b.k, v, w from kf_big b join kf_small s on b.k = s.k where v < 9",
                "select k, v from kf_big b where v < 9 and k in (select k from kf_small)",
                "select b.k, v, w from kf_big b join kf_small s on b.k = s.k and v > w"]:
        got = sorted(tuple(r) for r in spark.sql(sql).collect())
        want = sorted(con.execute(sql).fetchall())
        assert got == want, sql
        analyzed = spark.sql("EXPLAIN ANALYZE " + sql).collect()[0][0]
        assert "key_filter=[k]" in analyzed, analyzed  # the scan dropped rows without partner
