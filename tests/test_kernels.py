"""Numba kernels against plain Python arithmetic (the oracle): scaled-int64 decimals must give
exactly what decimal.Decimal gives, HALF_UP rounding included, or decline (None)."""

from __future__ import annotations

import decimal

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from dfengine.kernels import decimal as dec

_values = st.lists(st.one_of(st.none(), st.integers(-10**12, 10**12)), min_size=1, max_size=40)


def _arr(units: list, scale: int) -> pa.Array:
    return pa.array([None if u is None else decimal.Decimal(u).scaleb(-scale) for u in units],
                    pa.decimal128(15, scale))


@settings(max_examples=150, deadline=None)
@given(_values, _values, st.sampled_from(["+", "-", "*"]), st.integers(0, 4),
       st.integers(0, 4), st.integers(0, 8))
def test_scaled_arithmetic_matches_decimal(xs, ys, op, sa, sb, out_scale):
    n = min(len(xs), len(ys))
    a, b = _arr(xs[:n], sa), _arr(ys[:n], sb)
    got = dec.arith(op, a, b, 38, out_scale)
    if got is None:
        return
    q = decimal.Decimal(1).scaleb(-out_scale)
    fn = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y}[op]
    want = [None if x is None or y is None else
            fn(x, y).quantize(q, rounding=decimal.ROUND_HALF_UP)
            for x, y in zip(a.to_pylist(), b.to_pylist())]
    assert got.to_pylist() == want


def test_overflow_declines_instead_of_wrapping():
    big = pa.array([decimal.Decimal("999999999999999.99")], pa.decimal128(17, 2))
    assert dec.arith("*", big, big, 38, 4) is None


def test_round_trip_through_int64_keeps_nulls():
    a = _arr([1, None, -5], 2)
    values, valid = dec.to_int64(a)
    assert dec.from_int64(values, valid, 15, 2).to_pylist() == a.to_pylist()


@settings(max_examples=100, deadline=None)
@given(_values, st.integers(-10**6, 10**6), st.sampled_from(["+", "-", "*"]),
       st.integers(0, 4), st.integers(0, 4), st.integers(0, 8), st.booleans(), st.booleans())
def test_scalar_operands_and_wide_types_match_decimal(xs, k, op, sa, sb, out_scale, swap,
                                                       wide):
    """A literal operand (one value for every row), and decimal(38, s) inputs whose values
    are small (what our own arithmetic produces) take the same exact path."""
    a = _arr(xs, sa)
    if wide:
        a = a.cast(pa.decimal128(38, sa))
    s = pa.scalar(decimal.Decimal(k).scaleb(-sb), pa.decimal128(18, sb))
    left, right = (s, a) if swap else (a, s)
    got = dec.arith(op, left, right, 38, out_scale)
    if got is None:
        return
    q = decimal.Decimal(1).scaleb(-out_scale)
    fn = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y}[op]
    sv = s.as_py()
    want = [None if x is None else (fn(sv, x) if swap else fn(x, sv)).quantize(
        q, rounding=decimal.ROUND_HALF_UP) for x in a.to_pylist()]
    assert got.to_pylist() == want


def test_wide_decimal_with_large_values_declines():
    big = pa.array([decimal.Decimal("12345678901234567890123.45")], pa.decimal128(38, 2))
    assert dec.as_int64(big) is None
    assert dec.arith("+", big, big, 38, 2) is None


@settings(max_examples=100, deadline=None)
@given(_values, st.integers(-10**6, 10**6), st.sampled_from(["=", "!=", "<", "<=", ">", ">="]),
       st.integers(2, 4), st.integers(0, 2), st.booleans())
def test_decimal_comparison_with_a_literal_matches_arrow(xs, k, op, sa, sb, swap):
    from dfengine.compute.evaluate import _CMP, _decimal_compare

    a = _arr(xs, sa)
    lit = pa.scalar(decimal.Decimal(k).scaleb(-sb), pa.decimal128(10, sb))
    left, right = (lit, a) if swap else (a, lit)
    got = _decimal_compare(op, left, right)
    assert got is not None
    assert got.to_pylist() == _CMP[op](left, right).to_pylist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.one_of(st.none(), st.text(max_size=6))),
                min_size=1, max_size=40))
def test_same_bytes_says_whether_each_group_has_one_string(rows):
    """The check behind grouping by an id and the keys it determines: true exactly when every
    row's string (NULL included) equals its group's first row's."""
    import numpy as np

    from dfengine.kernels import grouping

    keys = [k for k, _ in rows]
    col = pa.array([v for _, v in rows], pa.string())
    _, first, gid = np.unique(keys, return_index=True, return_inverse=True)
    offsets = np.frombuffer(col.buffers()[1], dtype=np.int32)[: len(col) + 1].astype(np.int64)
    data = col.buffers()[2]
    data = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    valid = np.array([v is not None for _, v in rows])
    got = grouping.same_bytes(offsets, data, valid, bool(col.null_count),
                              gid.astype(np.int64), first.astype(np.int64))
    want = all(len({v for k2, v in rows if k2 == k}) == 1 for k in set(keys))
    assert got == want
