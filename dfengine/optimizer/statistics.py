"""Size estimates (rows, bytes, per-column min/max/distinct) for logical plans, from source
metadata up through operators (Spark's basic + column statistics, much simplified).

Sources: parquet footers give exact row counts, per-column uncompressed sizes, min/max and null
counts for free (`pyarrow.parquet.ParquetFile(path).metadata`, cached per file and mtime);
in-memory tables give their size and cheap min/max. Distinct counts are guessed from integer
and date ranges (`min(rows, max - min + 1)`), which is right for the keys joins use.
Operators then apply simple selectivities: `col = lit` keeps 1/ndv, a range on a column with
known min/max keeps the covered fraction, other predicates fixed guesses; an equi-join yields
`|L| * |R| / max(ndv(lk), ndv(rk))`. They drive broadcast-vs-shuffle join choice (the physical
planner compares `bytes` with spark.sql.autoBroadcastJoinThreshold) and join reordering.
"""

from __future__ import annotations

import datetime
import decimal
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from dfengine import types as T
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

UNKNOWN_EQ = 0.1
UNKNOWN_RANGE = 1 / 3
UNKNOWN = 0.5


@dataclass(frozen=True)
class ColStats:
    min: Any = None
    max: Any = None
    ndv: float | None = None
    null_frac: float = 0.0
    width: float | None = None


@dataclass(frozen=True)
class Stats:
    rows: float
    bytes: float
    columns: dict[int, ColStats] = field(default_factory=dict, compare=False)


def type_width(t: T.DataType) -> float:
    """Estimated bytes of one value of type `t` in Arrow (strings: 20)."""
    if isinstance(t, (T.StringType, T.BinaryType)):
        return 20.0
    if isinstance(t, T.DecimalType):
        return 16.0
    if isinstance(t, (T.BooleanType, T.ByteType)):
        return 1.0
    if isinstance(t, (T.IntegerType, T.DateType, T.FloatType, T.ShortType)):
        return 4.0
    return 8.0


def _bytes(rows: float, attrs: list[E.AttributeReference], cols: dict[int, ColStats]) -> float:
    width = 0.0
    for a in attrs:
        c = cols.get(a.expr_id)
        width += c.width if c is not None and c.width is not None else type_width(a.data_type)
    return rows * max(width, 1.0)


def _ordinal(v: Any) -> float | None:
    """A number preserving order, for range fractions; None for strings and the like."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, datetime.datetime):
        return v.timestamp()
    if isinstance(v, datetime.date):
        return float(v.toordinal())
    return None


def _ndv_from_range(mn: Any, mx: Any, rows: float, dtype: T.DataType) -> float | None:
    if isinstance(dtype, (T.IntegralType, T.DateType)):
        a, b = _ordinal(mn), _ordinal(mx)
        if a is not None and b is not None:
            return max(1.0, min(rows, b - a + 1))
    return None


# --------------------------------------------------------------------------- sources


@lru_cache(maxsize=512)
def _parquet_meta(path: str, mtime: float) -> dict[str, Any]:
    import pyarrow.parquet as pq

    md = pq.ParquetFile(path).metadata
    out: dict[str, Any] = {"rows": md.num_rows, "cols": {}, "exact_nulls": {}}
    names = [md.schema.column(i).name for i in range(md.num_columns)]
    for i, name in enumerate(names):
        size = 0
        mn = mx = None
        nulls = 0
        exact = True
        exact_nulls = True
        for rg in range(md.num_row_groups):
            c = md.row_group(rg).column(i)
            size += c.total_uncompressed_size
            s = c.statistics
            if s is None or not s.has_null_count:
                exact_nulls = False
            if s is None or not s.has_min_max:
                exact = False
                nulls += (s.null_count or 0) if s is not None and s.has_null_count else 0
                continue
            try:
                lo, hi = s.min, s.max
                mn = lo if mn is None or lo < mn else mn
                mx = hi if mx is None or hi > mx else mx
            except TypeError:
                exact = False
            nulls += s.null_count or 0
        out["cols"][name] = (size, mn if exact else None, mx if exact else None, nulls)
        out["exact_nulls"][name] = exact_nulls
    return out


@lru_cache(maxsize=1024)
def _distinct_ratio(path: str, mtime: float, column: str) -> float | None:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    if pf.metadata.num_row_groups == 0:
        return None
    col = pf.read_row_group(0, columns=[column]).column(0)
    n = len(col) - col.null_count
    return pc.count_distinct(col).as_py() / n if n else None


def distinct_ratio(path: str, column: str) -> float | None:
    """Distinct values per row in the file's first row group: a cheap sample that tells a
    sorted foreign key (lineitem.l_orderkey: 4 rows per key) from a unique one, which the
    min/max range alone can't."""
    try:
        return _distinct_ratio(path, os.path.getmtime(path), column)
    except Exception:  # noqa: BLE001 - estimates must never fail a query
        return None


@lru_cache(maxsize=1024)
def _categorical_ndv(path: str, mtime: float, column: str) -> float | None:
    from dfengine.datasource.scan import dictionary_columns, open_parquet

    pf = open_parquet(path)
    if pf.metadata.num_row_groups == 0 or not dictionary_columns(pf.metadata, (0,), [column]):
        return None
    col = open_parquet(path, [column]).read_row_group(0, columns=[column]).column(0)
    return float(max(1, len(col.unify_dictionaries().chunk(0).dictionary))) if (
        col.num_chunks) else None


def categorical_ndv(path: str, column: str) -> float | None:
    """Distinct values of a low-cardinality string column (flags, modes, segments: the ones
    the scan reads as dictionaries), counted in the first row group's dictionary. Without it
    a group-by on such keys is estimated at millions of groups and planned as a shuffle; for
    free text (names, comments) there is no small dictionary and this gives None."""
    try:
        return _categorical_ndv(path, os.path.getmtime(path), column)
    except Exception:  # noqa: BLE001 - estimates must never fail a query
        return None


def parquet_meta(path: str) -> dict[str, Any] | None:
    try:
        return _parquet_meta(path, os.path.getmtime(path))
    except Exception:  # noqa: BLE001 - estimates and folding must never fail a query
        return None


def _merge_parquet_meta(files: list) -> tuple[float, dict[str, list[Any]]] | None:
    """Rows and, per column, [bytes, min, max, nulls, min/max known] over every file."""
    rows = 0.0
    agg: dict[str, list[Any]] = {}
    for f in files:
        meta = parquet_meta(f.path)
        if meta is None:
            return None
        rows += meta["rows"]
        for name, (size, mn, mx, nulls) in meta["cols"].items():
            cur = agg.setdefault(name, [0, None, None, 0, True])
            cur[0] += size
            cur[3] += nulls
            if mn is None or mx is None:
                cur[4] = False
                continue
            try:
                cur[1] = mn if cur[1] is None or mn < cur[1] else cur[1]
                cur[2] = mx if cur[2] is None or mx > cur[2] else cur[2]
            except TypeError:
                cur[4] = False
    return rows, agg


def _parquet_column(a: E.AttributeReference, info: list[Any], rows: float,
                    path: str) -> ColStats:
    size, mn, mx, nulls, ok = info
    mn, mx = (mn, mx) if ok else (None, None)
    if isinstance(mn, bytes) or isinstance(mx, bytes):
        mn = mx = None
    ndv = _ndv_from_range(mn, mx, rows, a.data_type)
    if ndv is not None and isinstance(a.data_type, T.IntegralType) and ndv > 1000:
        ratio = distinct_ratio(path, a.name)
        if ratio is not None:
            ndv = max(1.0, min(ndv, rows * ratio))
    if ndv is None and isinstance(a.data_type, T.StringType):
        ndv = categorical_ndv(path, a.name)
    return ColStats(mn, mx, ndv, nulls / rows if rows else 0.0, size / rows if rows else None)


def _file_scan(plan: L.FileScan) -> Stats | None:
    files = plan.files or []
    if not files:
        return None
    if plan.format != "parquet":
        total = sum(os.path.getsize(f.path) for f in files if os.path.exists(f.path))
        rows = total / 100.0
        return Stats(rows, total * len(plan.output) / max(len(plan.attrs), 1))
    merged = _merge_parquet_meta(files)
    if merged is None:
        return None
    rows, agg = merged
    out = [a for a in plan.output]
    # Statistics of the columns read or filtered on only: nothing above the scan can refer to
    # the others, and a column's distinct-value sample reads a row group of it (80 ms for the
    # three key columns of lineitem, which a first TPC-H Q1 does not read).
    used = {a.expr_id for a in out}
    used.update(r.expr_id for c in plan.pushed_filters for r in c.references())
    cols = {a.expr_id: _parquet_column(a, agg[a.name], rows, files[0].path)
            for a in plan.attrs if a.name in agg and a.expr_id in used}
    s = Stats(rows, _bytes(rows, out, cols), cols)
    for c in plan.pushed_filters:
        s = _filter(s, c, out)
    return s


def _local(plan: L.LocalRelation) -> Stats:
    import pyarrow as pa
    import pyarrow.compute as pc

    data = plan.data
    rows = float(data.num_rows)
    cols: dict[int, ColStats] = {}
    if 0 < rows <= 1_000_000:
        for a, col in zip(plan.attrs, data.columns):
            mn = mx = None
            if isinstance(a.data_type, (T.NumericType, T.DateType)):
                try:
                    mm = pc.min_max(col)
                    mn, mx = mm["min"].as_py(), mm["max"].as_py()
                except (pa.ArrowException, TypeError, ValueError):
                    mn = mx = None
            cols[a.expr_id] = ColStats(mn, mx, _ndv_from_range(mn, mx, rows, a.data_type),
                                       col.null_count / rows, col.nbytes / rows)
    return Stats(rows, float(data.nbytes), cols)


def never_null(plan: L.LogicalPlan, attr: E.AttributeReference) -> bool:
    """True when the parquet footers prove `attr` has no NULLs in `plan`'s output: it comes
    from a scanned column with a zero null count in every row group, through operators that
    can't introduce NULLs (filters, projections passing it on, the preserved side of joins)."""
    if isinstance(plan, L.FileScan):
        if plan.format != "parquet" or not plan.files or attr not in plan.output:
            return False
        for f in plan.files:
            meta = parquet_meta(f.path)
            info = meta["cols"].get(attr.name) if meta else None
            if info is None or not meta["exact_nulls"].get(attr.name, False) or info[3] != 0:
                return False
        return True
    if isinstance(plan, L.Project):
        if not any(isinstance(e, E.AttributeReference) and e.expr_id == attr.expr_id
                   for e in plan.exprs):
            return False
        return never_null(plan.child, attr)
    if isinstance(plan, (L.Filter, L.Sort, L.Limit, L.SubqueryAlias, L.Repartition,
                         L.Distinct, L.Sample)):
        return never_null(plan.children[0], attr)
    if isinstance(plan, L.Join):
        in_left = any(a.expr_id == attr.expr_id for a in plan.left.output)
        side = plan.left if in_left else plan.right
        if (in_left and plan.how in ("right", "full")) or (
                not in_left and plan.how in ("left", "full")):
            return False
        return never_null(side, attr)
    return False


# --------------------------------------------------------------------------- filters


def _lit_value(e: E.Expression) -> tuple[bool, Any]:
    """(True, value) when `e` is a constant (folding it if needed, e.g. a cast literal)."""
    if isinstance(e, E.Literal):
        return True, e.value
    if isinstance(e, E.AttributeReference):
        return False, None
    from dfengine.optimizer.rules.constant_folding import fold

    folded = fold(e)
    return (True, folded.value) if isinstance(folded, E.Literal) else (False, None)


def _column_stats(e: E.Expression, s: Stats) -> ColStats | None:
    return s.columns.get(e.expr_id) if isinstance(e, E.AttributeReference) else None


def _comparison_selectivity(c: E.Comparison, s: Stats) -> float:
    attr, lit, op = c.left, c.right, c.op
    if isinstance(lit, E.AttributeReference) and not isinstance(attr, E.AttributeReference):
        attr, lit = lit, attr
        op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
    is_lit, value = _lit_value(lit)
    st = _column_stats(attr, s)
    if op in ("=", "<=>"):
        return 1.0 / st.ndv if st and st.ndv else UNKNOWN_EQ
    if op == "!=":
        return 1.0 - (1.0 / st.ndv if st and st.ndv else UNKNOWN_EQ)
    if is_lit and st is not None:
        lo, hi, v = _ordinal(st.min), _ordinal(st.max), _ordinal(value)
        if lo is not None and hi is not None and v is not None and hi > lo:
            frac = (v - lo) / (hi - lo)
            frac = frac if op in ("<", "<=") else 1.0 - frac
            return min(1.0, max(0.0, frac))
    return UNKNOWN_RANGE


def _in_selectivity(c: E.In, s: Stats) -> float:
    st = _column_stats(c.value, s)
    if st and st.ndv:
        return min(1.0, len(c.items) / st.ndv)
    return min(1.0, UNKNOWN_EQ * len(c.items))


def _like_selectivity(c: E.Like, s: Stats) -> float:
    """A LIKE with a fixed prefix ('forest%') selects a key range, about as narrow as an
    equality guess; a pattern that may match anywhere ('%BRASS') keeps more."""
    p = c.pattern.value if isinstance(c.pattern, E.Literal) else None
    if c.kind == "like" and isinstance(p, str) and p and p[0] not in "%_":
        return UNKNOWN_EQ
    return 0.25


def _or_selectivity(c: E.Or, s: Stats) -> float:
    a, b = selectivity(c.left, s), selectivity(c.right, s)
    return min(1.0, a + b - a * b)


def _null_selectivity(c: E.IsNull, s: Stats) -> float:
    st = _column_stats(c.child, s)
    return st.null_frac if st else UNKNOWN_EQ


def _not_null_selectivity(c: E.IsNotNull, s: Stats) -> float:
    st = _column_stats(c.child, s)
    return 1.0 - (st.null_frac if st else 0.0)


_SELECTIVITY = {
    E.And: lambda c, s: selectivity(c.left, s) * selectivity(c.right, s),
    E.Or: _or_selectivity,
    E.Not: lambda c, s: max(0.0, 1.0 - selectivity(c.child, s)),
    E.IsNotNull: _not_null_selectivity,
    E.IsNull: _null_selectivity,
    E.Comparison: _comparison_selectivity,
    E.Like: _like_selectivity,
    E.Literal: lambda c, s: 1.0 if c.value is True else 0.0,
}


def selectivity(c: E.Expression, s: Stats) -> float:
    """The fraction of rows a predicate keeps, from column statistics where known."""
    if isinstance(c, E.In):
        return _in_selectivity(c, s) if isinstance(c.value, E.AttributeReference) else UNKNOWN
    rule = _SELECTIVITY.get(E.Literal if isinstance(c, E.Literal) else type(c))
    return rule(c, s) if rule is not None else UNKNOWN


def _narrow_column(st: ColStats, c: E.Expression) -> ColStats:
    """Column stats after a comparison of the column with a literal."""
    if not isinstance(c, E.Comparison) or not isinstance(c.right, E.Literal):
        return st
    v = c.right.value
    try:
        if c.op == "=":
            return replace(st, min=v, max=v, ndv=1.0, null_frac=0.0)
        if c.op in ("<", "<=") and (st.max is None or v < st.max):
            return replace(st, max=v)
        if c.op in (">", ">=") and (st.min is None or v > st.min):
            return replace(st, min=v)
    except TypeError:
        return st
    return st


def _filter(s: Stats, cond: E.Expression, output: list[E.AttributeReference]) -> Stats:
    sel = selectivity(cond, s)
    rows = max(1.0, s.rows * sel) if s.rows >= 1 else s.rows
    cols = dict(s.columns)
    for c in E.split_conjuncts(cond):
        if isinstance(c, E.Comparison) and isinstance(c.left, E.AttributeReference) and \
                c.left.expr_id in cols:
            cols[c.left.expr_id] = _narrow_column(cols[c.left.expr_id], c)
    cols = {k: replace(v, ndv=None if v.ndv is None else min(v.ndv, rows)) for k, v in
            cols.items()}
    return Stats(rows, _bytes(rows, output, cols), cols)


# --------------------------------------------------------------------------- operators


def _ndv(s: Stats, e: E.Expression) -> float | None:
    if isinstance(e, E.AttributeReference):
        st = s.columns.get(e.expr_id)
        if st is not None and st.ndv is not None:
            return st.ndv
    return None


def join_rows(plan: L.Join, ls: Stats, rs: Stats) -> float:
    from dfengine.optimizer.expr_utils import equi_pairs

    pairs = equi_pairs(plan.condition, plan.left, plan.right)
    if pairs:
        divisor = 0.0
        for a, b in pairs:
            na, nb = _ndv(ls, a), _ndv(rs, b)
            d = max(na or 0.0, nb or 0.0)
            if na is None and nb is None:
                d = min(ls.rows, rs.rows)
            divisor = max(divisor, d)
        inner = ls.rows * rs.rows / max(divisor, 1.0)
    elif plan.condition is not None:
        inner = ls.rows * rs.rows * UNKNOWN_RANGE
    else:
        inner = ls.rows * rs.rows
    how = plan.how
    if how == "left_semi":
        return min(ls.rows, inner)
    if how == "left_anti":
        return max(0.0, ls.rows - min(ls.rows, inner)) if pairs else ls.rows * UNKNOWN
    if how == "left":
        return max(inner, ls.rows)
    if how == "right":
        return max(inner, rs.rows)
    if how == "full":
        return max(inner, ls.rows + rs.rows)
    return inner


def _project(plan: L.Project, s: Stats) -> Stats:
    cols: dict[int, ColStats] = {}
    for e in plan.exprs:
        if isinstance(e, E.AttributeReference) and e.expr_id in s.columns:
            cols[e.expr_id] = s.columns[e.expr_id]
        elif isinstance(e, E.Alias) and isinstance(e.child, E.AttributeReference) and \
                e.child.expr_id in s.columns:
            cols[e.expr_id] = s.columns[e.child.expr_id]
    return Stats(s.rows, _bytes(s.rows, plan.output, cols), cols)


def _group_rows(keys: list[E.Expression], s: Stats) -> float:
    if not keys:
        return 1.0
    est = 1.0
    for k in keys:
        n = _ndv(s, k)
        est *= n if n is not None else max(1.0, s.rows * UNKNOWN_EQ)
        if est >= s.rows:
            return max(1.0, s.rows)
    return max(1.0, min(est, s.rows))


def _keep(plan: L.LogicalPlan, s: Stats, rows: float) -> Stats:
    ids = {a.expr_id for a in plan.output}
    cap = max(rows, 1.0)
    cols = {k: v if v.ndv is None or v.ndv <= cap else replace(v, ndv=cap)
            for k, v in s.columns.items() if k in ids}
    return Stats(rows, _bytes(rows, plan.output, cols), cols)


def estimate(plan: L.LogicalPlan) -> Stats | None:
    """Estimated size of the plan's result, or None when unknown."""
    try:
        return _estimate(plan)
    except Exception:  # noqa: BLE001 - estimates and folding must never fail a query
        return None


# Join reordering asks for the estimate of every candidate pair, each a walk down to the
# scans: remembered per plan node (by identity, holding the node so its id can't be reused)
# until `forget_estimates()`, which each optimization and physical planning ends with.
_MEMO: dict[int, tuple[L.LogicalPlan, Stats | None]] = {}


def forget_estimates() -> None:
    _MEMO.clear()


def _estimate(plan: L.LogicalPlan) -> Stats | None:
    hit = _MEMO.get(id(plan))
    if hit is not None and hit[0] is plan:
        return hit[1]
    out = _estimate_node(plan)
    if len(_MEMO) > 100_000:
        _MEMO.clear()
    _MEMO[id(plan)] = (plan, out)
    return out


def _range(plan: L.RangeRelation) -> Stats:
    n = float(max(0, -(-(plan.end - plan.start) // (plan.step or 1))))
    lo, hi = plan.start, plan.end - 1
    return Stats(n, n * 8, {plan.attr.expr_id: ColStats(lo, hi, max(n, 1.0), 0.0, 8.0)})


def _join(plan: L.Join, kids: list[Stats]) -> Stats:
    ls, rs = kids
    rows = join_rows(plan, ls, rs)
    merged = {**ls.columns, **(rs.columns if plan.how not in ("left_semi", "left_anti") else {})}
    return _keep(plan, Stats(rows, 0.0, merged), rows)


_LEAVES = {L.LocalRelation: _local, L.RangeRelation: _range, L.FileScan: _file_scan,
           L.CachedRelation: lambda p: None, L.DelayedRelation: lambda p: None}

# node type -> (node, estimates of its children) -> estimate
_OPERATORS = {
    L.Filter: lambda p, k: _filter(k[0], p.condition, p.output),
    L.Project: lambda p, k: _project(p, k[0]),
    L.Aggregate: lambda p, k: _keep(p, k[0], _group_rows(list(p.grouping), k[0])),
    L.Distinct: lambda p, k: _keep(p, k[0], _group_rows(list(p.output), k[0])),
    L.Deduplicate: lambda p, k: _keep(p, k[0], _group_rows(list(p.keys), k[0])),
    L.Limit: lambda p, k: _keep(p, k[0], min(k[0].rows, float(p.n))),
    L.Sample: lambda p, k: _keep(p, k[0], k[0].rows * p.fraction),
    L.Join: _join,
    L.Union: lambda p, k: Stats(sum(x.rows for x in k), sum(x.bytes for x in k)),
    L.SetOperation: lambda p, k: _keep(p, k[0], k[0].rows),
}


def _estimate_node(plan: L.LogicalPlan) -> Stats | None:
    leaf = _LEAVES.get(type(plan))
    if leaf is not None:
        return leaf(plan)
    kids = [_estimate(c) for c in plan.children]
    if any(k is None for k in kids):
        return None
    op = _OPERATORS.get(type(plan))
    if op is not None:
        return op(plan, kids)
    if len(kids) == 1:
        return _keep(plan, kids[0], kids[0].rows)
    return None
