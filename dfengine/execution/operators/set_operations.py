"""INTERSECT / EXCEPT [ALL] with SQL's row equality for set operations (NULL equals NULL).

Both sides are hash-partitioned on all their columns (so equal rows meet in one partition),
then each partition is grouped on all columns with a count per side; Arrow's group_by puts
NULLs in one group, which is exactly the null-safe equality set operations need:

    intersect      rows with l > 0 and r > 0          intersect all   min(l, r) copies
    except         rows with l > 0 and r = 0          except all      max(l - r, 0) copies
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.execution import physical as P
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_L, _R = "__set_l", "__set_r"

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.execution.planner import Planner


def set_operation_step(kind: str, is_all: bool, keys: list[str], left: pa.Table,
                       right: pa.Table) -> pa.Table:
    right = right.rename_columns(keys)
    if right.schema != left.schema:
        right = right.cast(left.schema)
    n_l, n_r = left.num_rows, right.num_rows
    both = pa.concat_tables([
        left.append_column(_L, pa.array(np.ones(n_l, np.int64))).append_column(
            _R, pa.array(np.zeros(n_l, np.int64))),
        right.append_column(_L, pa.array(np.zeros(n_r, np.int64))).append_column(
            _R, pa.array(np.ones(n_r, np.int64)))])
    if not keys:
        counts = {_L: np.array([n_l]), _R: np.array([n_r])}
        grouped = pa.table({_L + "_sum": counts[_L], _R + "_sum": counts[_R]})
    else:
        grouped = _group_counts(both, keys)
    lc = grouped.column(_L + "_sum").to_numpy()
    rc = grouped.column(_R + "_sum").to_numpy()
    if kind == "intersect":
        copies = np.minimum(lc, rc) if is_all else ((lc > 0) & (rc > 0)).astype(np.int64)
    else:
        copies = np.maximum(lc - rc, 0) if is_all else ((lc > 0) & (rc == 0)).astype(np.int64)
    idx = np.repeat(np.arange(len(copies)), copies)
    if not keys:
        return left.slice(0, 0) if not len(idx) else P.make_table([], [], len(idx))
    return grouped.select(keys).take(pa.array(idx, pa.int64()))


def _group_counts(both: pa.Table, keys: list[str]) -> pa.Table:
    cols, names = [], []
    for k in keys:
        c = both.column(k)
        if pa.types.is_dictionary(c.type):
            c = c.dictionary_decode()
        cols.append(c)
        names.append(k)
    table = pa.Table.from_arrays(cols + [both.column(_L), both.column(_R)],
                                 names=names + [_L, _R])
    from dfengine.execution.operators.aggregate import _group  # struct and array keys too

    grouped = _group(table, keys, [(_L, "sum"), (_R, "sum")])
    sums = [n for n in grouped.column_names if n not in keys]  # Arrow's or _group's names
    return grouped.select(keys + sums).rename_columns(
        keys + [_L + "_sum", _R + "_sum"]).cast(pa.schema(
        [both.schema.field(k) for k in keys] + [pa.field(_L + "_sum", pa.int64()),
                                                 pa.field(_R + "_sum", pa.int64())]))


def _normalize_floats(child: P.PhysicalPlan) -> P.PhysicalPlan:
    """-0.0 as 0.0 in float columns before rows are hashed and grouped (Spark's
    NormalizeFloatingNumbers): they are one value for INTERSECT / EXCEPT, but neither the
    exchange's hash nor Arrow's group_by see them as equal."""
    out = child.output
    if not any(isinstance(a.data_type, (T.DoubleType, T.FloatType)) for a in out):
        return child
    exprs = tuple(E.ScalarFunction("normalize_float", (a, E.make_literal(False)))
                  if isinstance(a.data_type, (T.DoubleType, T.FloatType)) else a for a in out)
    step = partial(P.project_step, exprs, tuple(a.key for a in out))
    return P.narrow(child, step, "NormalizeFloats", out)


def plan_set_operation(planner: Planner, node: L.SetOperation) -> P.PhysicalPlan:
    left, right = planner.plan(node.left), planner.plan(node.right)
    left, right = _normalize_floats(left), _normalize_floats(right)
    out = node.output
    keys = [a.key for a in left.output]
    rkeys = [a.key for a in right.output]
    n = planner.partitions_for(node.left, node.right)
    step = partial(set_operation_step, node.kind, node.is_all, keys)

    def lower(b: P.Builder, inputs: list[list[Any]]) -> list[Any]:
        lt, rt = inputs
        if not keys:
            return [(step, P.gather(b, lt, "setop-gather"), P.gather(b, rt, "setop-gather"))]
        lparts = P.shuffle(b, lt, tuple(P._col_ref(k) for k in keys), n, "setop-shuffle")
        rparts = P.shuffle(b, rt, tuple(P._col_ref(k) for k in rkeys), n, "setop-shuffle")
        return [(step, lp, rp) for lp, rp in zip(lparts, rparts)]

    label = (f"{node.kind.capitalize()}{' All' if node.is_all else ''} [{P._names(out)}]"
             + (f" hash-exchange n={n}" if keys else " gathered"))
    return P.GenericExec(label, [left, right], out, lower)


