"""Partial aggregation fused into a parquet scan: filter, decimal arithmetic and grouped
sums over scaled 64-bit integers, in the scan's task.

    select l_returnflag, sum(l_extendedprice * (1 - l_discount)), avg(l_quantity), count(*)
    from lineitem where l_shipdate <= date '1998-09-02' group by l_returnflag

The unfused chain filters the piece (a copy of every decimal128 column), evaluates each
product with Arrow-typed decimal128 results, reads them back as integers, and sums. Fused, the
pushed filters give a mask, only the rows it keeps of each decimal column are taken as int64
unscaled values (TPC-H money is decimal(15,2): the low word of each decimal128), the
arithmetic runs on those with NumPy, and the grouped sums are the Numba kernels of
`kernels.grouping`. The result is the partial state table `aggregate.partial` gives.

Exactness comes from bounds, not from per-row checks: each column's largest magnitude is
measured, each operation's bound follows from its operands' (a + b: |a| + |b|, a * b:
|a| * |b|), and only when every intermediate bound stays under 2**62 and the result under
the result type's precision does the piece take the fused path. Otherwise (or with NULLs in
an input, or no rows left) the piece runs the ordinary filter -> project -> partial steps,
so the answer never depends on the path. The rescaling follows `kernels.decimal.arith`
(Spark's result types, HALF_UP rounding).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.execution.operators import aggregate as agg
from dfengine.plan import expressions as E
from dfengine.plan.expressions import AttributeReference
from dfengine.types.arrow import from_numpy, numpy_values, valid_mask

_MAX = 2**62
_FUNCS = ("sum", "avg", "count")


@dataclass(frozen=True)
class Lane:
    """Scaled integers of one expression over the kept rows (or one integer for all)."""

    values: Any  # np.ndarray of int64, or a Python int shared by every row
    scale: int
    bound: int  # the largest |value|


@dataclass(frozen=True)
class FusedPartial:
    """What a scan computes instead of its rows: the partial states of an aggregation
    grouped by scan columns `keys`, whose inputs (`inputs`: column -> expression over the
    scan's columns) are decimal arithmetic; `specs` as `aggregate.partial` takes them."""

    keys: tuple[str, ...]
    inputs: tuple[tuple[str, E.Expression], ...]
    specs: tuple[agg.AggSpec, ...]

    def label(self) -> str:
        return ", ".join(s.func for s in self.specs)

    def __call__(self, table: pa.Table, mask: Any) -> pa.Table | None:
        """The partial states of the rows of `table` that `mask` keeps (None: all rows),
        or None when this piece must take the unfused path."""
        keep = None
        if mask is not None:
            if isinstance(mask, pa.ChunkedArray):
                mask = mask.combine_chunks()
            keep = numpy_values(mask)  # from the buffers: to_numpy would import pandas
            if mask.null_count:  # NULL keeps no row
                keep = keep & valid_mask(mask)
            if keep.all():
                keep = None
        n = table.num_rows if keep is None else int(np.count_nonzero(keep))
        if n == 0:
            return None
        from dfengine.kernels.decimal import sparse_rows

        rows = sparse_rows(keep, n)
        lanes = _Lanes(table, keep, n, rows)
        values: dict[str, Lane] = {}
        for key, expr in self.inputs:
            lane = lanes.of(expr)
            if lane is None or lane.bound * n >= _MAX:  # a sum of n values stays in int64
                return None
            values[key] = lane
        grouped = _group(table, self.keys, keep, mask, n, rows)
        if grouped is None:
            return None
        key_cols, gid, groups = grouped
        return _states(self.keys, key_cols, self.specs, values, gid, groups, n)


class _Lanes:
    """Lanes of expressions over one piece, each column and subexpression computed once."""

    def __init__(self, table: pa.Table, keep: np.ndarray | None, n: int,
                 rows: np.ndarray | None = None):
        self.table, self.keep, self.n, self.rows = table, keep, n, rows
        self.memo: dict[E.Expression, Lane | None] = {}

    def of(self, e: E.Expression) -> Lane | None:
        if isinstance(e, E.Alias):
            return self.of(e.child)
        if e not in self.memo:
            self.memo[e] = self._compute(e)
        return self.memo[e]

    def _compute(self, e: E.Expression) -> Lane | None:
        from dfengine.kernels import decimal as dec

        if isinstance(e, AttributeReference):
            col = self.table.column(e.key)
            got = dec.kept_values(col, self.keep, self.n, self.rows) if pa.types.is_decimal(
                col.type) else None
            return None if got is None else Lane(got[0], e.data_type.scale, got[1])
        if isinstance(e, E.Literal):
            v = Decimal(e.value).scaleb(e.dtype.scale)
            return Lane(int(v), e.dtype.scale, abs(int(v))) if v == v.to_integral() else None
        a, b = self.of(e.left), self.of(e.right)
        if a is None or b is None:
            return None
        return combine(e.op, a, b, e.data_type)


def combine(op: str, a: Lane, b: Lane, rt: T.DecimalType) -> Lane | None:
    """a op b as decimal(rt.precision, rt.scale), as `kernels.decimal.arith` computes it
    (operands brought to a common scale, product scale sa + sb, then rescaled to the result
    scale rounding HALF_UP), or None when a bound leaves int64 or the result's precision."""
    from dfengine.kernels import decimal as dec

    if op == "*":
        s, fa, fb = a.scale + b.scale, 1, 1
    else:
        s = max(a.scale, b.scale)
        fa, fb = 10 ** (s - a.scale), 10 ** (s - b.scale)
    down = 1
    if rt.scale > s:
        up = 10 ** (rt.scale - s)
        fa, fb = (fa * up, fb) if op == "*" else (fa * up, fb * up)
    else:
        down = 10 ** (s - rt.scale)
    bx, by = a.bound * fa, b.bound * fb
    bound = bx * by if op == "*" else bx + by
    if max(bx, by, bound, down) >= _MAX:
        return None
    bound = (bound + down // 2) // down
    if bound >= 10 ** min(rt.precision, 18):
        return None
    x = a.values * fa if fa != 1 else a.values
    y = b.values * fb if fb != 1 else b.values
    r = x * y if op == "*" else (x + y if op == "+" else x - y)
    if down != 1:
        r = dec._rescale_down(np.asarray(r, dtype=np.int64), np.int64(down)) if isinstance(
            r, np.ndarray) else _round_half_up(int(r), down)
    return Lane(r, rt.scale, bound)


def _round_half_up(v: int, down: int) -> int:
    return (v + down // 2) // down if v >= 0 else -((-v + down // 2) // down)


def _group(table: pa.Table, keys: tuple[str, ...], keep: np.ndarray | None, mask: Any,
           n: int, rows: np.ndarray | None = None) -> tuple[list, np.ndarray | None, int] | None:
    """(key column per group, group id per kept row, number of groups); None when the
    keys can't be grouped by the kernels."""
    if not keys:
        return [], None, 1
    coded = _dictionary_group(table, keys, keep)
    if coded is None and len(keys) == 1:
        coded = _long_group(table.column(keys[0]), keep, n, rows)
    if coded is not None:
        return coded
    return _general_group(table, keys, mask, n)


def _codes(col: Any) -> tuple[np.ndarray, pa.Array] | None:
    """(indices, the dictionary) of a NULL-free dictionary column whose chunks share one
    dictionary (a scan unifies them), else None."""
    if not (pa.types.is_dictionary(col.type) and col.type.value_type == pa.string()) or (
            col.null_count or col.num_chunks == 0):
        return None
    dictionary = col.chunk(0).dictionary
    parts = []
    for c in col.chunks:
        if not c.dictionary.equals(dictionary):
            return None
        idx = c.indices
        parts.append(np.frombuffer(idx.buffers()[1], dtype=idx.type.to_pandas_dtype())[
            idx.offset: idx.offset + len(idx)])
    return (parts[0] if len(parts) == 1 else np.concatenate(parts)), dictionary


def _dictionary_group(table: pa.Table, keys: tuple[str, ...],
                      keep: np.ndarray | None) -> tuple[list, np.ndarray, int] | None:
    """Keys that are all dictionary codes (Q1's l_returnflag, l_linestatus): the group of a
    row is its tuple of codes as one mixed-radix number, no hashing."""
    from dfengine.kernels import grouping

    got = [_codes(table.column(k)) for k in keys]
    if any(g is None for g in got):
        return None
    sizes = [len(d) for _, d in got]  # type: ignore[misc]
    if float(np.prod(sizes, dtype=np.float64)) > 1 << 40:
        return None
    word = np.zeros(len(got[0][0]) if keep is None else int(keep.sum()), dtype=np.int64)
    for (codes, _), size in zip(got, sizes):  # type: ignore[misc]
        word *= size
        word += codes if keep is None else codes[keep]
    gid, first = grouping.group_ids(word)
    ids = word[first]
    out = []
    for i, (_, dictionary) in enumerate(got):  # type: ignore[misc]
        stride = int(np.prod(sizes[i + 1:], dtype=np.int64))
        out.append(dictionary.take(from_numpy((ids // stride) % sizes[i])))
    return out, gid, len(first)


def _long_group(col: Any, keep: np.ndarray | None, n: int,
                rows: np.ndarray | None = None) -> tuple[list, np.ndarray, int] | None:
    """One NULL-free bigint key (Q15's l_suppkey): its kept values are the words."""
    from dfengine.kernels import decimal as dec
    from dfengine.kernels import grouping
    from dfengine.types.arrow import int64_array

    got = dec.kept_values(col, keep, n, rows) if pa.types.is_int64(col.type) else None
    if got is None:
        return None
    gid, first = grouping.group_ids(got[0])
    return [int64_array(got[0][first])], gid, len(first)


def _general_group(table: pa.Table, keys: tuple[str, ...], mask: Any,
                   n: int) -> tuple[list, np.ndarray, int] | None:
    from dfengine.kernels.hashing import _as_array

    cols, raw = [], []
    for k in keys:
        col = table.column(k)
        if mask is not None and n != len(col):
            col = col.filter(mask)
        codes = agg._dictionary_codes(col)
        raw.append(col)
        cols.append(codes if codes is not None else _as_array(col))
    grouped = agg.column_groups(cols, n)  # Q10: an id and what it determines
    if grouped is None:
        return None
    gid, first = grouped
    take = from_numpy(first)  # pa.array of NumPy imports pandas
    return [agg._decoded(c.take(take)) for c in raw], gid, len(first)


def _states(keys: tuple[str, ...], key_cols: list, specs: tuple[agg.AggSpec, ...],
            values: dict[str, Lane], gid: np.ndarray | None, groups: int,
            n: int) -> pa.Table:
    """The state table `aggregate.partial` returns: keys, then each spec's states."""
    from dfengine.kernels import decimal as dec
    from dfengine.kernels import grouping
    from dfengine.types.arrow import int64_array

    none = np.ones(0, dtype=np.bool_)
    counts = grouping.row_counts(gid, groups) if gid is not None else np.array([n], np.int64)
    sums: dict[str, np.ndarray] = {}
    arrays, names = list(key_cols), list(keys)
    for spec in specs:
        names += [f"{spec.out}::{i}" for i in range(2 if spec.func == "avg" else 1)]
        if spec.func == "count":
            arrays.append(int64_array(counts))
            continue
        col = spec.inputs[0]
        lane = values[col]
        if col not in sums:
            v = lane.values if isinstance(lane.values, np.ndarray) else np.full(
                n, lane.values, dtype=np.int64)
            sums[col] = grouping.sum_count(gid, v, none, False, groups)[0] if (
                gid is not None) else np.array([int(v.sum())], dtype=np.int64)
        arrays.append(dec.from_int64(sums[col], None, 38, lane.scale))
        if spec.func == "avg":
            arrays.append(int64_array(counts))
    return pa.Table.from_arrays(arrays, names=names)


# ----------------------------------------------------------------------------- planning


def _supported(e: E.Expression, columns: dict[str, T.DataType]) -> bool:
    """Decimal arithmetic (+ - *) over the scan's decimal(p <= 18) columns and literals."""
    if isinstance(e, E.Alias):
        return _supported(e.child, columns)
    t = e.data_type
    if not isinstance(t, T.DecimalType):
        return False
    if isinstance(e, AttributeReference):
        return e.key in columns and t.precision <= 18
    if isinstance(e, E.Literal):
        return e.value is not None
    return (isinstance(e, E.BinaryArithmetic) and e.op in ("+", "-", "*")
            and _supported(e.left, columns) and _supported(e.right, columns))


def plan_fused(scan_attrs: list[AttributeReference], pre: list[E.Expression],
               pre_attrs: list[AttributeReference], group_attrs: list[AttributeReference],
               specs: list[agg.AggSpec]) -> FusedPartial | None:
    """The fused partial aggregation of a scan feeding an aggregation, or None when the
    grouping keys are not scan columns or an aggregate is not a count or a sum/avg of
    decimal arithmetic."""
    columns = {a.key: a.data_type for a in scan_attrs}
    if not all(a.key in columns for a in group_attrs):
        return None
    by_key = {a.key: e for e, a in zip(pre, pre_attrs)}
    inputs: dict[str, E.Expression] = {}
    for s in specs:
        if s.func not in _FUNCS or s.distinct or s.udf is not None or len(s.inputs) > 1:
            return None
        if s.func == "count" and not s.inputs:
            continue
        e = by_key.get(s.inputs[0]) if s.inputs else None
        if e is None or not _supported(e, columns):  # (NULLs in an input: unfused piece)
            return None
        inputs[s.inputs[0]] = e
    return FusedPartial(tuple(a.key for a in group_attrs), tuple(inputs.items()),
                        tuple(specs))
