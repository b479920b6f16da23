"""Hash join of two Arrow partitions, every join type, with an optional residual condition.

Arrow's hash join finds the matching row pairs on the key columns alone (keys plus a row
number per side); the output is then assembled with `take`, so payload columns of any type
(lists, vectors, duplicated names) pass through untouched. Outer, semi and anti joins are
derived from the matched pairs after the residual condition has filtered them, which keeps
`LEFT JOIN ... ON a.k = b.k AND b.x > 1` correct (unmatched rows keep their NULLs).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.execution.evaluate import evaluate_predicate
from dfengine.plan.expressions import Expression

_L, _R = "__lidx", "__ridx"


def _key_table(t: pa.Table, keys: list[str], idx_name: str) -> pa.Table:
    cols = []
    for k in keys:
        c = t.column(k)
        if pa.types.is_boolean(c.type):
            c = c.cast(pa.int8())
        elif pa.types.is_dictionary(c.type):
            c = c.dictionary_decode()
        cols.append(c)
    cols.append(pa.array(np.arange(t.num_rows, dtype=np.int64)))
    return pa.Table.from_arrays(cols, names=[f"__k{i}" for i in range(len(keys))] + [idx_name])


def matching_pairs(left: pa.Table, right: pa.Table, lkeys: list[str],
                   rkeys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers (left, right) of every pair with equal, non-null keys."""
    if not lkeys:
        li = np.repeat(np.arange(left.num_rows), right.num_rows)
        ri = np.tile(np.arange(right.num_rows), left.num_rows)
        return li, ri
    if left.num_rows == 0 or right.num_rows == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lk = _key_table(left, lkeys, _L)
    rk = _key_table(right, rkeys, _R)
    names = [f"__k{i}" for i in range(len(lkeys))]
    joined = lk.join(rk, keys=names, join_type="inner", use_threads=False)
    li = joined.column(_L).to_numpy()
    ri = joined.column(_R).to_numpy()
    order = np.lexsort((ri, li))
    return li[order], ri[order]


def _assemble(left: pa.Table, right: pa.Table, li: Any, ri: Any) -> pa.Table:
    lt = left.take(li)
    rt = right.take(ri)
    return pa.Table.from_arrays(list(lt.columns) + list(rt.columns),
                                names=lt.column_names + rt.column_names)


def _nullable_index(idx: np.ndarray, missing: np.ndarray) -> pa.Array:
    return pa.array(idx, pa.int64(), mask=missing)


def hash_join(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str], how: str,
              residual: Expression | None = None) -> pa.Table:
    li, ri = matching_pairs(left, right, lkeys, rkeys)
    if residual is not None and len(li):
        pairs = _assemble(left, right, pa.array(li), pa.array(ri))
        keep = np.asarray(evaluate_predicate(residual, pairs).to_numpy(zero_copy_only=False),
                          dtype=bool)
        li, ri = li[keep], ri[keep]
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
