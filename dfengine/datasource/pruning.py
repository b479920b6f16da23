"""Row-group pruning: skip parquet row groups whose min/max statistics prove that no row can
pass the scan's pushed filters.

`prune_pieces(pieces, filters, attrs)` keeps, in each piece (consecutive row groups of one
file), only the row groups that may hold a passing row, and drops pieces left empty; it
returns the new pieces and how many row groups were skipped. `piece_filter` is the older
whole-piece form of the same test. A conjunct is used when it compares a column (or a
widening numeric cast of one) with a literal (`=, <, <=, >, >=, !=, IN`), or is `IS [NOT]
NULL`; AND/OR combine. Anything else, missing statistics, or values that don't compare,
count as "may match", so pruning can only ever skip row groups that have no passing rows.
"""

from __future__ import annotations

import dataclasses
import decimal
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from dfengine import types as T
from dfengine.plan import expressions as E

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


@dataclasses.dataclass(frozen=True)
class ColRange:
    min: Any
    max: Any
    null_count: int | None
    num_rows: int


@lru_cache(maxsize=256)
def _file_stats(path: str, mtime: float) -> tuple[dict[str, ColRange], ...]:
    import pyarrow.parquet as pq

    md = pq.ParquetFile(path).metadata
    names = [md.schema.column(i).name for i in range(md.num_columns)]
    out = []
    for rg in range(md.num_row_groups):
        g = md.row_group(rg)
        cols: dict[str, ColRange] = {}
        for i, name in enumerate(names):
            s = g.column(i).statistics
            if s is None:
                continue
            mn = mx = None
            if s.has_min_max:
                mn, mx = s.min, s.max
                if isinstance(mn, bytes) or isinstance(mx, bytes):
                    mn = mx = None
            nulls = s.null_count if s.has_null_count else None
            cols[name] = ColRange(mn, mx, nulls, g.num_rows)
        out.append(cols)
    return tuple(out)


def row_group_stats(path: str) -> tuple[dict[str, ColRange], ...] | None:
    try:
        return _file_stats(path, os.path.getmtime(path))
    except Exception:  # noqa: BLE001 - estimates and folding must never fail a query
        return None


@lru_cache(maxsize=256)
def _file_rows(path: str, mtime: float) -> tuple[int, ...]:
    import pyarrow.parquet as pq

    md = pq.ParquetFile(path).metadata
    return tuple(md.row_group(i).num_rows for i in range(md.num_row_groups))


def row_group_rows(path: str) -> tuple[int, ...] | None:
    try:
        return _file_rows(path, os.path.getmtime(path))
    except Exception:  # noqa: BLE001 - estimates and folding must never fail a query
        return None


def _convert(v: Any, to: T.DataType) -> Any:
    if v is None:
        return None
    if isinstance(to, (T.DoubleType, T.FloatType)):
        return float(v)
    if isinstance(to, T.IntegralType) and isinstance(v, int):
        return v
    if isinstance(to, T.DecimalType) and isinstance(v, (int, decimal.Decimal)):
        return decimal.Decimal(v)
    raise TypeError("not a widening cast")


def _column(e: E.Expression, names: dict[int, str], stats: dict[str, ColRange]) -> ColRange | None:
    """Stats of `e` when it is a column or an order-preserving numeric cast of one."""
    if isinstance(e, E.AttributeReference):
        return stats.get(names.get(e.expr_id, ""))
    if isinstance(e, E.Cast) and isinstance(e.child, E.AttributeReference) and isinstance(
            e.child.data_type, T.NumericType) and isinstance(e.to, T.NumericType):
        r = stats.get(names.get(e.child.expr_id, ""))
        if r is None or r.min is None:
            return None
        try:
            return ColRange(_convert(r.min, e.to), _convert(r.max, e.to), r.null_count,
                            r.num_rows)
        except (TypeError, ValueError, decimal.InvalidOperation):
            return None
    return None


def _compare(op: str, r: ColRange, v: Any) -> bool:
    if r.null_count is not None and r.null_count >= r.num_rows:
        return False
    if r.min is None or r.max is None or v is None:
        return True
    if op == "=":
        return r.min <= v <= r.max
    if op == "<":
        return r.min < v
    if op == "<=":
        return r.min <= v
    if op == ">":
        return r.max > v
    if op == ">=":
        return r.max >= v
    if op == "!=":
        return not (r.min == v == r.max)
    return True


def may_match(c: E.Expression, names: dict[int, str], stats: dict[str, ColRange]) -> bool:
    """False only when no row of a row group with `stats` can satisfy `c`."""
    try:
        if isinstance(c, E.And):
            return may_match(c.left, names, stats) and may_match(c.right, names, stats)
        if isinstance(c, E.Or):
            return may_match(c.left, names, stats) or may_match(c.right, names, stats)
        if isinstance(c, E.Comparison) and c.op in _FLIP:
            col, lit, op = c.left, c.right, c.op
            if isinstance(col, E.Literal):
                col, lit, op = lit, col, _FLIP[op]
            if not isinstance(lit, E.Literal):
                return True
            r = _column(col, names, stats)
            return True if r is None else _compare(op, r, lit.value)
        if isinstance(c, E.In) and all(isinstance(i, E.Literal) for i in c.items):
            r = _column(c.value, names, stats)
            if r is None:
                return True
            return any(_compare("=", r, i.value) for i in c.items if i.value is not None)
        if isinstance(c, (E.IsNull, E.IsNotNull)) and isinstance(c.child, E.AttributeReference):
            r = stats.get(names.get(c.child.expr_id, ""))
            if r is None or r.null_count is None:
                return True
            return r.null_count > 0 if isinstance(c, E.IsNull) else r.null_count < r.num_rows
    except (TypeError, ValueError, ArithmeticError):
        return True
    return True


def _tester(filters: Sequence[E.Expression], attrs: Sequence[E.AttributeReference]) -> Callable[
        [dict[str, ColRange]], bool] | None:
    names = {a.expr_id: a.name for a in attrs}
    conds = [c for f in filters for c in E.split_conjuncts(f)]
    if not conds:
        return None
    return lambda stats: all(may_match(c, names, stats) for c in conds)


def prune_pieces(pieces: list[Any], filters: Sequence[E.Expression],
                 attrs: Sequence[E.AttributeReference]) -> tuple[list[Any], int]:
    """The pieces restricted to row groups that may match, and the number of groups skipped."""
    test = _tester(filters, attrs)
    if test is None:
        return pieces, 0
    kept: list[Any] = []
    skipped = 0
    for p in pieces:
        groups = p.row_groups
        stats = row_group_stats(p.file.path) if groups else None
        if not groups or stats is None:
            kept.append(p)
            continue
        keep = tuple(g for g in groups if g >= len(stats) or test(stats[g]))
        skipped += len(groups) - len(keep)
        if len(keep) == len(groups):
            kept.append(p)
        elif keep:
            rows = row_group_rows(p.file.path)
            n = sum(rows[g] for g in keep) if rows is not None else None
            kept.append(dataclasses.replace(p, row_groups=keep, num_rows=n))
    if not kept and pieces:
        # Every row group was skipped: keep one empty piece so the scan still has a partition
        # (with the right schema) for operators above it.
        kept.append(dataclasses.replace(pieces[0], row_groups=(), num_rows=0))
    return kept, skipped


def piece_filter(filters: Sequence[E.Expression],
                 attrs: Sequence[E.AttributeReference]) -> Callable[[Any], bool] | None:
    """fn(piece) -> True when every row group of the piece can be skipped."""
    test = _tester(filters, attrs)
    if test is None:
        return None

    def skip(piece: Any) -> bool:
        stats = row_group_stats(piece.file.path)
        if stats is None or not piece.row_groups:
            return False
        return not any(g >= len(stats) or test(stats[g]) for g in piece.row_groups)

    return skip
