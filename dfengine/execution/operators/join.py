"""Hash join of two Arrow partitions, every join type, with an optional residual condition.

The build side is hashed once into a `JoinIndex` (a Numba hash table over its key words);
a broadcast join builds it in its own task, so every probe partition reuses it. Probing gives
the matching row pairs; the output is then assembled with `take`, so payload columns of any
type (lists, vectors, duplicated names) pass through untouched. Outer, semi and anti joins are
derived from the matched pairs after the residual condition has filtered them, which keeps
`LEFT JOIN ... ON a.k = b.k AND b.x > 1` correct (unmatched rows keep their NULLs).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine.compute.evaluate import evaluate_predicate
from dfengine.execution.operators.semi_unequal import unequal_columns, unequal_matches
from dfengine.kernels import hash_table
from dfengine.kernels.hashing import _as_array, _fixed_values, _valid_mask, hash_columns
from dfengine.plan.expressions import Expression


def _is_exact_word(t: pa.DataType) -> bool:
    """Whether one int64 word holds the whole value (else the word is a hash to verify)."""
    if pa.types.is_decimal(t):
        return pa.types.is_decimal128(t) and t.precision <= 18
    return (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t)
            or pa.types.is_temporal(t))


def _is_integral(t: pa.DataType) -> bool:
    """Key types whose words are their values in order (dense tables index by them)."""
    return pa.types.is_integer(t) or pa.types.is_date(t) or (
        pa.types.is_decimal128(t) and t.precision <= 18)


def _word_kind(t: pa.DataType) -> Any:
    """Types whose words compare across sides: all integers share one kind."""
    return "int" if pa.types.is_integer(t) else t


# A dense table is one int64 per key value: up to 16 per row (a hash partition of orders
# spans all order keys), and at most 256 MB.
_DENSE_MAX = 1 << 25
# Keys too sparse for a dense table but within this range get a bitmap of the build side's
# keys (up to 16 MB): a probe key without its bit is skipped before the hash table's random
# reads (TPC-H Q3: nine in ten lineitem rows have no order in the build side).
_BITS_MAX = 1 << 27


class JoinIndex:
    """One side of a join with its key columns hashed, ready to be probed many times."""

    def __init__(self, table: pa.Table, keys: list[str]):
        self.table = table
        self.keys = keys
        cols = [_as_array(table.column(k)) for k in keys]
        self.types = [c.type for c in cols]
        self.packing = _packing(cols, self.types)
        self.hashed = self.packing is None and not (
            len(cols) == 1 and _is_exact_word(self.types[0]))
        self.words, self.valid = self.key_words(cols)
        n = table.num_rows
        self.dense, self.lo, size = False, 0, 16
        self.bits: tuple | None = None  # (bitmap, low, span) of a sparse integral key
        while size < 2 * n:
            size *= 2
        if not self.hashed and (self.packing is not None or _is_integral(self.types[0])):
            lo, hi = hash_table.key_range(self.words, self.valid)
            if hi - lo < min(16 * n + 1024, _DENSE_MAX):
                self.dense, self.lo, size = True, lo, max(hi - lo + 1, 1)
            elif hi - lo < _BITS_MAX:
                span = int(hi - lo + 1)
                self.bits = (hash_table.key_bits(self.words, self.valid, lo, span), lo, span)
        self.heads, self.links = hash_table.build(self.words, self.valid, self.dense, self.lo,
                                                  size)

    def key_words(self, cols: list[pa.Array]) -> tuple[np.ndarray, np.ndarray]:
        """(one int64 word per row, validity): rows with a NULL key never match."""
        n = len(cols[0])
        valid = np.ones(n, dtype=np.bool_)
        for c in cols:
            if c.null_count:
                valid &= _valid_mask(c)
        if self.packing is not None:
            lows, highs, shifts = self.packing
            values = np.stack([_fixed_values(c) for c in cols])
            return hash_table.pack(values, valid, lows, highs, shifts), valid
        if not self.hashed:
            return _fixed_values(cols[0]), valid
        return hash_columns(cols).view(np.int64), valid

    def compatible(self, other: pa.Table, keys: list[str]) -> list[pa.Array] | None:
        cols = [_as_array(other.column(k)) for k in keys]
        for i, (c, t) in enumerate(zip(cols, self.types)):
            if _word_kind(c.type) != _word_kind(t):
                try:
                    cols[i] = c.cast(t)
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    return None
        return cols

    def probe_words(self, other: pa.Table,
                    keys: list[str]) -> tuple[list, np.ndarray, np.ndarray]:
        cols = self.compatible(other, keys)
        if cols is None:
            raise pa.ArrowInvalid("join keys of incompatible types")
        words, valid = self.key_words(cols)
        if self.bits is not None:
            valid = hash_table.in_bits(words, valid, *self.bits)
        return cols, words, valid

    def may_match(self, other: pa.Table, keys: list[str]) -> np.ndarray | None:
        """Which rows of `other` have keys the build side holds, when the index answers that
        exactly without probing (a bitmap of its integral keys); else None."""
        if self.bits is None or other.num_rows == 0:
            return None
        try:  # keys of types that don't compare with the build side's: no answer
            return self.probe_words(other, keys)[2]
        except (KeyError, pa.ArrowException):
            return None

    def pairs(self, other: pa.Table, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(other rows, own rows) of every pair with equal, non-null keys, in other's order."""
        cols, words, valid = self.probe_words(other, keys)
        pi, bi = hash_table.probe(self.words, self.heads, self.links, words, valid, self.dense,
                                  self.lo)
        if self.hashed and len(pi):
            keep = np.ones(len(pi), dtype=bool)
            for c, k in zip(cols, self.keys):
                own = _as_array(self.table.column(k))
                same = pc.equal(c.take(pa.array(pi)), own.take(pa.array(bi)))
                keep &= np.asarray(same.fill_null(False).to_numpy(zero_copy_only=False))
            pi, bi = pi[keep], bi[keep]
        return pi, bi


def _packing(cols: list[pa.Array], types: list) -> tuple | None:
    """(lows, highs, shifts) that pack several integer key columns into one word, if their
    value ranges fit in 62 bits together."""
    if len(cols) < 2 or not all(_is_integral(t) for t in types):
        return None
    lows, highs, shifts, bits = [], [], [], 0
    for c in cols:
        valid = _valid_mask(c) if c.null_count else np.ones(len(c), dtype=np.bool_)
        lo, hi = hash_table.key_range(_fixed_values(c), valid)
        shifts.append(bits)
        bits += max(int(hi - lo), 1).bit_length()
        lows.append(lo)
        highs.append(hi)
    if bits > 62:
        return None
    return (np.array(lows, np.int64), np.array(highs, np.int64), np.array(shifts, np.int64))


def matching_pairs(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str],
                   index: JoinIndex | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers (left, right) of every pair with equal, non-null keys. `index` is a
    prebuilt index of either side; without one the right side is indexed."""
    if not lkeys:
        li = np.repeat(np.arange(left.num_rows), right.num_rows)
        ri = np.tile(np.arange(right.num_rows), left.num_rows)
        return li, ri
    if left.num_rows == 0 or right.num_rows == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if index is None:
        index = JoinIndex(left, lkeys) if left.num_rows < right.num_rows else (
            JoinIndex(right, rkeys))
    if index.table is left:
        ri, li = index.pairs(right, rkeys)
        return li, ri
    return index.pairs(left, lkeys)


def _assemble(left: pa.Table, right: pa.Table, li: Any, ri: Any,
              keep: Any = None) -> pa.Table:
    """The pairs' rows side by side; with `keep`, only those columns are gathered (a join's
    keys and the columns only a residual reads are usually not needed above it)."""
    if keep:
        lcols = [c for c in left.column_names if c in keep]
        rcols = [c for c in right.column_names if c in keep]
        if lcols or rcols:
            left, right = left.select(lcols), right.select(rcols)
    lt = left.take(li)
    rt = right.take(ri)
    return pa.Table.from_arrays(list(lt.columns) + list(rt.columns),
                                names=lt.column_names + rt.column_names)


def _nullable_index(idx: np.ndarray, missing: np.ndarray) -> pa.Array:
    return pa.array(idx, pa.int64(), mask=missing)


def residual_pairs(left: pa.Table, right: pa.Table, li: np.ndarray, ri: np.ndarray,
                   residual: Expression | None) -> tuple[np.ndarray, np.ndarray]:
    """The pairs that also satisfy the non-equi part of the join condition."""
    if residual is None or not len(li):
        return li, ri
    pairs = _assemble(left, right, pa.array(li), pa.array(ri),
                      {a.key for a in residual.references()})
    keep = np.asarray(evaluate_predicate(residual, pairs).to_numpy(zero_copy_only=False),
                      dtype=bool)
    return li[keep], ri[keep]


def hash_join(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str], how: str,
              residual: Expression | None = None, index: JoinIndex | None = None,
              out_keys: list[str] | None = None) -> pa.Table:
    """The join of two tables; `out_keys`: the output columns wanted (all when None)."""
    keep = set(out_keys) if out_keys is not None else None
    if how in ("left_semi", "left_anti") and residual is None and lkeys:
        return _semi_without_pairs(left, right, lkeys, rkeys, how, index)
    if how in ("left_semi", "left_anti") and lkeys and (index is None or index.table is left):
        cols = unequal_columns(residual, left, right)
        if cols is not None:
            return _semi_from_rows(left, how, unequal_matches(left, right, lkeys, rkeys,
                                                              index, cols))
    li, ri = matching_pairs(left, right, lkeys, rkeys, index)
    li, ri = residual_pairs(left, right, li, ri, residual)
    if how in ("inner", "cross"):
        return _assemble(left, right, pa.array(li), pa.array(ri), keep)
    if how in ("left_semi", "left_anti"):
        return _semi_from_rows(left, how, li)
    parts_l = [li]
    parts_r = [ri]
    miss_l = [np.zeros(len(li), bool)]
    miss_r = [np.zeros(len(ri), bool)]
    if how in ("left", "full"):
        unmatched = np.ones(left.num_rows, dtype=bool)
        unmatched[li] = False
        ul = np.nonzero(unmatched)[0]
        parts_l.append(ul)
        parts_r.append(np.zeros(len(ul), np.int64))
        miss_l.append(np.zeros(len(ul), bool))
        miss_r.append(np.ones(len(ul), bool))
    if how in ("right", "full"):
        unmatched = np.ones(right.num_rows, dtype=bool)
        unmatched[ri] = False
        ur = np.nonzero(unmatched)[0]
        parts_l.append(np.zeros(len(ur), np.int64))
        parts_r.append(ur)
        miss_l.append(np.ones(len(ur), bool))
        miss_r.append(np.zeros(len(ur), bool))
    pl, pr, ml, mr = (np.concatenate(p) for p in (parts_l, parts_r, miss_l, miss_r))
    if how in ("left", "right"):  # Spark streams the preserved side: its rows keep their order
        order = np.argsort(pl if how == "left" else pr, kind="stable")  # merges two runs
        pl, pr, ml, mr = pl[order], pr[order], ml[order], mr[order]
    return _assemble(left, right, _nullable_index(pl, ml), _nullable_index(pr, mr), keep)


def _semi_from_rows(left: pa.Table, how: str, li: np.ndarray) -> pa.Table:
    """The semi (kept) or anti (dropped) join output from the matched left row numbers."""
    if how == "left_semi":
        return left.take(pa.array(np.unique(li)))
    mask = np.ones(left.num_rows, dtype=bool)
    mask[li] = False
    return left.filter(pa.array(mask))


def left_rows_matched(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str],
                      index: JoinIndex | None = None) -> np.ndarray:
    """A bool per left row: does it have a right row with equal, non-null keys?"""
    if left.num_rows == 0 or right.num_rows == 0:
        return np.zeros(left.num_rows, dtype=bool)
    if index is None:
        index = JoinIndex(right, rkeys)
    own_is_left = index.table is left
    other, okeys = (right, rkeys) if own_is_left else (left, lkeys)
    if index.hashed:
        li, _ = matching_pairs(left, right, lkeys, rkeys, index)
        mask = np.zeros(left.num_rows, dtype=bool)
        mask[li] = True
        return mask
    _, words, valid = index.probe_words(other, okeys)
    seen = np.zeros(index.table.num_rows, dtype=np.bool_)
    found = hash_table.probe_exists(index.words, index.heads, index.links, words, valid,
                                    index.dense, index.lo, seen)
    return seen if own_is_left else found


def _semi_without_pairs(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str],
                        how: str, index: JoinIndex | None) -> pa.Table:
    mask = left_rows_matched(left, right, lkeys, rkeys, index)
    return left.filter(pa.array(~mask if how == "left_anti" else mask))
