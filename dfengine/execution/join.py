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

from dfengine.execution.evaluate import evaluate_predicate
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


class JoinIndex:
    """One side of a join with its key columns hashed, ready to be probed many times."""

    def __init__(self, table: pa.Table, keys: list[str]):
        self.table = table
        self.keys = keys
        cols = [_as_array(table.column(k)) for k in keys]
        self.types = [c.type for c in cols]
        self.words, self.valid, self.verify = _key_words(cols, table.num_rows)
        n = table.num_rows
        self.dense, self.lo, size = False, 0, 16
        while size < 2 * n:
            size *= 2
        if len(cols) == 1 and not self.verify and _is_integral(self.types[0]):
            lo, hi = hash_table.dense_range(self.words, self.valid)
            if hi - lo < 4 * n + 1024:
                self.dense, self.lo, size = True, lo, max(hi - lo + 1, 1)
        self.heads, self.links = hash_table.build(self.words, self.valid, self.dense, self.lo,
                                                  size)

    def compatible(self, other: pa.Table, keys: list[str]) -> list[pa.Array] | None:
        cols = [_as_array(other.column(k)) for k in keys]
        for i, (c, t) in enumerate(zip(cols, self.types)):
            if _word_kind(c.type) != _word_kind(t):
                try:
                    cols[i] = c.cast(t)
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    return None
        return cols

    def pairs(self, other: pa.Table, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(other rows, own rows) of every pair with equal, non-null keys, in other's order."""
        cols = self.compatible(other, keys)
        if cols is None:
            raise pa.ArrowInvalid("join keys of incompatible types")
        words, valid, _ = _key_words(cols, other.num_rows)
        pi, bi = hash_table.probe(self.words, self.heads, self.links, words, valid, self.dense,
                                  self.lo)
        for c in self.verify:
            if len(pi):
                same = pc.equal(cols[c].take(pa.array(pi)),
                                _as_array(self.table.column(self.keys[c])).take(pa.array(bi)))
                keep = np.asarray(same.fill_null(False).to_numpy(zero_copy_only=False))
                pi, bi = pi[keep], bi[keep]
        return pi, bi


def _key_words(cols: list[pa.Array], n: int) -> tuple[np.ndarray, np.ndarray, list[int]]:
    words = np.empty((len(cols), n), dtype=np.int64)
    valid = np.ones(n, dtype=np.bool_)
    verify = []
    for i, c in enumerate(cols):
        if c.null_count:
            valid &= _valid_mask(c)
        if _is_exact_word(c.type):
            words[i] = _fixed_values(c)
        else:
            words[i] = hash_columns([c]).view(np.int64)
            verify.append(i)
    return words, valid, verify


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


def _assemble(left: pa.Table, right: pa.Table, li: Any, ri: Any) -> pa.Table:
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
    pairs = _assemble(left, right, pa.array(li), pa.array(ri))
    keep = np.asarray(evaluate_predicate(residual, pairs).to_numpy(zero_copy_only=False),
                      dtype=bool)
    return li[keep], ri[keep]


def hash_join(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str], how: str,
              residual: Expression | None = None, index: JoinIndex | None = None) -> pa.Table:
    if how in ("left_semi", "left_anti") and residual is None and lkeys:
        return _semi_without_pairs(left, right, lkeys, rkeys, how, index)
    li, ri = matching_pairs(left, right, lkeys, rkeys, index)
    li, ri = residual_pairs(left, right, li, ri, residual)
    if how in ("inner", "cross"):
        return _assemble(left, right, pa.array(li), pa.array(ri))
    if how == "left_semi":
        return left.take(pa.array(np.unique(li)))
    if how == "left_anti":
        mask = np.ones(left.num_rows, dtype=bool)
        mask[li] = False
        return left.filter(pa.array(mask))
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
    lidx = _nullable_index(np.concatenate(parts_l), np.concatenate(miss_l))
    ridx = _nullable_index(np.concatenate(parts_r), np.concatenate(miss_r))
    return _assemble(left, right, lidx, ridx)


def left_rows_matched(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str],
                      index: JoinIndex | None = None) -> np.ndarray:
    """A bool per left row: does it have a right row with equal, non-null keys?"""
    if left.num_rows == 0 or right.num_rows == 0:
        return np.zeros(left.num_rows, dtype=bool)
    if index is None:
        index = JoinIndex(right, rkeys)
    own_is_left = index.table is left
    other, okeys = (right, rkeys) if own_is_left else (left, lkeys)
    cols = index.compatible(other, okeys)
    if cols is None or index.verify:
        li, _ = matching_pairs(left, right, lkeys, rkeys, index)
        mask = np.zeros(left.num_rows, dtype=bool)
        mask[li] = True
        return mask
    words, valid, _ = _key_words(cols, other.num_rows)
    seen = np.zeros(index.table.num_rows, dtype=np.bool_)
    found = hash_table.probe_exists(index.words, index.heads, index.links, words, valid,
                                    index.dense, index.lo, seen)
    return seen if own_is_left else found


def _semi_without_pairs(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str],
                        how: str, index: JoinIndex | None) -> pa.Table:
    mask = left_rows_matched(left, right, lkeys, rkeys, index)
    return left.filter(pa.array(~mask if how == "left_anti" else mask))
