"""Window functions: `L.Window` lowered to a hash exchange on the PARTITION BY keys (a gather
when there are none), then, per partition, one sort by (partition keys, order keys) and
vectorised numpy over the sorted rows:

- segment starts (`part_start`) and peer-group starts (`peer_start`, rows equal on the ORDER
  BY keys) give row_number, rank and dense_rank as index arithmetic;
- lag / lead are a shifted `take` that stays inside the segment;
- sum / count / avg over any frame are differences of prefix sums at the frame's ends;
  min / max use a running accumulate when the frame starts at the segment start, else a small
  Numba loop over each row's frame.

Frames follow Spark: with ORDER BY the default is RANGE BETWEEN UNBOUNDED PRECEDING AND
CURRENT ROW (peers included), without it the whole partition.
"""

from __future__ import annotations

import decimal as _decimal
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.compute.evaluate import EvalContext
from dfengine.errors import AnalysisException
from dfengine.execution import physical as P
from dfengine.execution.operators import window_generic
from dfengine.execution.operators.sort import sort_indices
from dfengine.kernels._jit import njit
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.python_udf import PythonAggregate

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.execution.planner import Planner


def _boundaries(cols: list[Any], n: int) -> np.ndarray:
    """starts[i] is True where row i differs from row i-1 on any column (null == null)."""
    starts = np.zeros(n, dtype=bool)
    if n == 0:
        return starts
    starts[0] = True
    for c in cols:
        if isinstance(c, pa.ChunkedArray):
            c = c.combine_chunks()
        if pa.types.is_dictionary(c.type):
            c = c.dictionary_decode()
        a, b = c.slice(1), c.slice(0, n - 1)
        eq = pc.fill_null(pc.equal(a, b), False)
        both_null = pc.and_(pc.is_null(a), pc.is_null(b))
        same = pc.or_(eq, both_null).to_numpy(zero_copy_only=False)
        starts[1:] |= ~np.asarray(same, dtype=bool)
    return starts


def _start_index(starts: np.ndarray) -> np.ndarray:
    """For each row, the index of the first row of its group."""
    idx = np.where(starts, np.arange(len(starts)), 0)
    return np.maximum.accumulate(idx) if len(idx) else idx


def _end_index(starts: np.ndarray) -> np.ndarray:
    """For each row, the index of the last row of its group."""
    n = len(starts)
    if n == 0:
        return np.zeros(0, np.int64)
    ends_flag = np.zeros(n, dtype=bool)
    ends_flag[:-1] = starts[1:]
    ends_flag[-1] = True
    idx = np.where(ends_flag, np.arange(n), n)
    return np.minimum.accumulate(idx[::-1])[::-1]


class Segments:
    def __init__(self, part_starts: np.ndarray, peer_starts: np.ndarray):
        self.n = len(part_starts)
        self.pstart = _start_index(part_starts)
        self.pend = _end_index(part_starts)
        self.peer_start = _start_index(peer_starts | part_starts)
        self.peer_end = _end_index(peer_starts | part_starts)
        self.part_starts = part_starts
        self.peer_starts = peer_starts | part_starts


def _numeric(col: Any) -> tuple[np.ndarray, np.ndarray]:
    """(values as float64 or int64, validity) of a numeric column."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    t = col.type
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    if pa.types.is_decimal(t) or pa.types.is_floating(t):
        vals = pc.fill_null(col.cast(pa.float64()), 0.0).to_numpy(zero_copy_only=False)
    elif pa.types.is_date32(t):  # days; Arrow has no date32 -> int64 cast
        vals = pc.fill_null(col.cast(pa.int32()).cast(pa.int64()), 0).to_numpy(
            zero_copy_only=False)
    elif pa.types.is_boolean(t) or pa.types.is_date(t) or pa.types.is_timestamp(t):
        vals = pc.fill_null(col.cast(pa.int64()), 0).to_numpy(zero_copy_only=False)
    else:
        vals = pc.fill_null(col.cast(pa.int64()), 0).to_numpy(zero_copy_only=False)
    return np.asarray(vals), valid


def frame_bounds(frame: E.WindowFrame | None, has_order: bool, seg: Segments,
                 order_col: Any) -> tuple[np.ndarray, np.ndarray]:
    """Inclusive [lo, hi] row indices of each row's frame (lo > hi means empty)."""
    i = np.arange(seg.n)
    if frame is None:
        if has_order:
            return seg.pstart, seg.peer_end
        return seg.pstart, seg.pend
    if frame.kind == "rows":
        lo = seg.pstart if frame.lower is None else np.maximum(seg.pstart, i + frame.lower)
        hi = seg.pend if frame.upper is None else np.minimum(seg.pend, i + frame.upper)
        return lo, hi
    # RANGE
    if frame.lower is None:
        lo = seg.pstart
    elif frame.lower == 0:
        lo = seg.peer_start
    else:
        lo = _range_offset(order_col, seg, frame.lower, True)
    if frame.upper is None:
        hi = seg.pend
    elif frame.upper == 0:
        hi = seg.peer_end
    else:
        hi = _range_offset(order_col, seg, frame.upper, False)
    return lo, hi


def _range_offset(order: tuple[Any, bool] | None, seg: Segments, offset: int,
                  lower: bool) -> np.ndarray:
    if order is None:
        raise AnalysisException("A RANGE frame with an offset needs exactly one numeric ORDER "
                                "BY expression.", "DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE")
    col, asc, nulls_first = order
    vals, valid = _numeric(col)
    vals = vals.astype(np.float64)
    if pa.types.is_timestamp(col.type):
        offset *= 86_400_000_000  # frame offsets of dates and timestamps count days
    key = vals if asc else -vals
    # NULL order keys sit together at one end of each partition: they frame their peers
    # only, and the search for the others runs over the partition's non-null rows.
    c = _prefix((~valid).astype(np.int64))
    nulls = c[seg.pend + 1] - c[seg.pstart]
    lo_b = seg.pstart + nulls if nulls_first else seg.pstart
    hi_b = seg.pend if nulls_first else seg.pend - nulls
    out = np.empty(seg.n, dtype=np.int64)
    _range_search(key, lo_b, hi_b, float(offset), lower, out)
    return np.where(valid, out, seg.peer_start if lower else seg.peer_end)


@njit(cache=True, nogil=True)
def _range_search(key, pstart, pend, offset, lower, out):  # pragma: no cover - numba
    n = len(key)
    for i in range(n):
        target = key[i] + offset
        lo, hi = pstart[i], pend[i] + 1
        if lower:
            # first index with key >= target
            while lo < hi:
                mid = (lo + hi) // 2
                if key[mid] < target:
                    lo = mid + 1
                else:
                    hi = mid
            out[i] = lo
        else:
            # last index with key <= target
            while lo < hi:
                mid = (lo + hi) // 2
                if key[mid] <= target:
                    lo = mid + 1
                else:
                    hi = mid
            out[i] = lo - 1


@njit(cache=True, nogil=True)
def _framed_minmax(vals, valid, lo, hi, is_min, out, out_valid):  # pragma: no cover
    for i in range(len(lo)):
        found = False
        best = vals[0] if len(vals) else 0
        for j in range(lo[i], hi[i] + 1):
            if valid[j]:
                v = vals[j]
                if not found or (v < best if is_min else v > best):
                    best = v
                    found = True
        out[i] = best
        out_valid[i] = found


def _prefix(vals: np.ndarray) -> np.ndarray:
    out = np.zeros(len(vals) + 1, dtype=vals.dtype)
    np.cumsum(vals, out=out[1:])
    return out


def _to_arrow(values: np.ndarray, valid: np.ndarray | None, dtype: T.DataType) -> pa.Array:
    target = T.to_arrow_type(dtype)
    mask = None if valid is None else ~valid
    if pa.types.is_decimal(target):
        arr = pa.array(values.astype(np.float64), pa.float64(), mask=mask)
        return pc.round(arr, target.scale).cast(target, safe=False)
    if pa.types.is_date(target) or pa.types.is_timestamp(target):
        return pa.array(values.astype(np.int64), pa.int64(), mask=mask).cast(target)
    return pa.array(values, mask=mask).cast(target)


def _ordinal_codes(col: Any) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """(codes, validity, sorted distinct values) of any orderable column: codes[i] is the
    position of row i's value among the distinct values in Spark's order (NaN above every
    number), so min/max of the codes picks min/max of strings, dates, timestamps and decimals
    exactly, and of doubles with NaN as Spark does."""
    col = _arrow(col)
    if pa.types.is_dictionary(col.type):
        col = col.dictionary_decode()
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    uniq = pc.unique(col.drop_null())
    uniq = uniq.take(pc.sort_indices(uniq))
    codes = pc.fill_null(pc.index_in(col, value_set=uniq), 0).to_numpy(zero_copy_only=False)
    return np.asarray(codes, dtype=np.int64), valid, uniq


def _collected(fn: E.AggregateFunction, col: Any, lo: np.ndarray, hi: np.ndarray,
               empty: np.ndarray, dtype: T.DataType) -> pa.Array:
    """The frame's values as a list (collect_list / collect_set), or how many distinct ones
    (approx_count_distinct, exact: within any error bound asked for)."""
    if fn.name != "approx_count_distinct":
        return _collect(fn.name == "collect_set", col, lo, hi, empty, dtype)
    sets = _collect(True, col, lo, hi, empty, T.ArrayType(fn.args[0].data_type))
    return pc.cast(pc.fill_null(pc.list_value_length(sets), 0), pa.int64())


def compute_aggregate(fn: E.AggregateFunction, col: Any, lo: np.ndarray, hi: np.ndarray,
                      dtype: T.DataType) -> pa.Array:
    n = len(lo)
    empty = lo > hi
    lo_c = np.where(empty, 0, lo)
    hi_c = np.where(empty, -1, hi)
    name = fn.name
    if fn.distinct:
        raise AnalysisException("DISTINCT aggregates are not supported in a window.",
                                "DISTINCT_WINDOW_FUNCTION_UNSUPPORTED")
    if name == "count":
        if col is None:
            cnt = np.where(empty, 0, hi_c - lo_c + 1)
        else:
            _, valid = _numeric_or_valid(col)
            c = _prefix(valid.astype(np.int64))
            cnt = np.where(empty, 0, c[hi_c + 1] - c[lo_c])
        return pa.array(cnt.astype(np.int64), pa.int64())
    if name in ("first", "last", "nth_value"):
        return _positional(fn, col, lo_c, hi_c, empty)
    if name in ("collect_list", "collect_set", "array_agg", "approx_count_distinct"):
        return _collected(fn, col, lo_c, hi_c, empty, dtype)
    if name in ("min", "max") and not pa.types.is_integer(_arrow_type(col)):
        codes, valid, uniq = _ordinal_codes(col)
        out = np.empty(n, dtype=np.int64)
        ok = np.empty(n, dtype=bool)
        _framed_minmax(codes, valid, lo_c.astype(np.int64), hi_c.astype(np.int64),
                       name == "min", out, ok)
        if len(uniq) == 0:
            return pa.nulls(n, T.to_arrow_type(dtype))
        return uniq.take(pa.array(np.where(ok, out, 0), pa.int64(), mask=~ok))
    if name in ("sum", "avg") and pa.types.is_decimal(_arrow_type(col)):
        return _decimal_sum_avg(name, col, lo_c, hi_c, empty, dtype)
    vals, valid = _numeric(col)
    if name in ("sum", "avg"):
        c = _prefix(valid.astype(np.int64))
        cnt = np.where(empty, 0, c[hi_c + 1] - c[lo_c])
        s = _prefix(vals)
        total = np.where(empty, 0, s[hi_c + 1] - s[lo_c])
        ok = cnt > 0
        if name == "sum":
            return _to_arrow(total, ok, dtype)
        avg = total.astype(np.float64) / np.where(ok, cnt, 1)
        return _to_arrow(avg, ok, dtype)
    if name in ("min", "max"):
        out = np.empty(n, dtype=vals.dtype)
        ok = np.empty(n, dtype=bool)
        _framed_minmax(vals, valid, lo_c.astype(np.int64), hi_c.astype(np.int64),
                       name == "min", out, ok)
        return _to_arrow(out, ok, dtype)
    raise AnalysisException(f"{name} is not supported as a window function.",
                            "UNSUPPORTED_FEATURE")


def _collect(distinct: bool, col: Any, lo: np.ndarray, hi: np.ndarray, empty: np.ndarray,
             dtype: T.DataType) -> pa.Array:
    """collect_list / collect_set over each row's frame: its non-NULL values in row order
    (collect_set keeps the first of equal values)."""
    values = _arrow(col)
    valid = _numeric_or_valid(values)[1]
    sizes = np.where(empty, 0, hi - lo + 1).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    flat = np.repeat(lo, sizes) + (np.arange(int(sizes.sum())) - np.repeat(starts, sizes))
    keep = valid[flat] if len(flat) else np.zeros(0, dtype=bool)
    counts = np.bincount(np.repeat(np.arange(len(lo)), sizes)[keep], minlength=len(lo))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    out = pa.ListArray.from_arrays(pa.array(offsets), values.take(pa.array(flat[keep],
                                                                           pa.int64())))
    if distinct:
        out = pa.array([list(dict.fromkeys(v)) for v in out.to_pylist()], out.type)
    return out.cast(T.to_arrow_type(dtype))


def _positional(fn: E.AggregateFunction, col: Any, lo_c: np.ndarray, hi_c: np.ndarray,
                empty: np.ndarray) -> pa.Array:
    """first / last / nth_value: the value at one row of each frame."""
    name = fn.name
    if name == "nth_value":
        return _nth_value(fn, col, lo_c, hi_c, empty)
    idx = lo_c if name == "first" else hi_c
    if fn.ignore_nulls:
        idx = _first_last_valid(_numeric_or_valid(col)[1], lo_c, hi_c, name == "first")
        empty = empty | (idx < 0)
    taken = _arrow(col).take(pa.array(np.where(empty, 0, idx), pa.int64()))
    return pc.if_else(pa.array(~empty), taken, pa.nulls(len(lo_c), taken.type))


def _nth_value(fn: E.AggregateFunction, col: Any, lo: np.ndarray, hi: np.ndarray,
               empty: np.ndarray) -> pa.Array:
    """The value of the frame's `offset`-th row (of its `offset`-th non-NULL value with
    IGNORE NULLS); NULL when the frame is shorter."""
    offset = getattr(fn.args[1], "value", None) if len(fn.args) > 1 else None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset <= 0:
        raise AnalysisException(
            f"The offset of nth_value must be a positive integer literal, got "
            f"{fn.args[1].sql() if len(fn.args) > 1 else 'nothing'}.",
            "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")
    if fn.ignore_nulls:
        seen = _prefix(_numeric_or_valid(col)[1].astype(np.int64))
        idx = np.searchsorted(seen, seen[lo] + offset, side="left") - 1
    else:
        idx = lo + offset - 1
    ok = ~empty & (idx <= hi)
    taken = _arrow(col).take(pa.array(np.where(ok, idx, 0), pa.int64()))
    return pc.if_else(pa.array(ok), taken, pa.nulls(len(lo), taken.type))


def _decimal_sum_avg(name: str, col: Any, lo: np.ndarray, hi: np.ndarray, empty: np.ndarray,
                     dtype: T.DataType) -> pa.Array:
    """sum/avg of a decimal column over frames, exactly: prefix sums of the unscaled values as
    Python integers (summing through float64 lost digits past the 16th), avg rounded HALF_UP
    to its scale, NULL where the result overflows its precision (Spark's non-ANSI sum)."""
    from dfengine.kernels import decimal as dec

    col = _arrow(col)
    scale = col.type.scale
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    got = dec.as_int64(col) if pa.types.is_decimal128(col.type) else None
    if got is not None:
        ints = got[0].astype(object)
    else:
        ints = np.array([0 if v is None else int(v.scaleb(scale)) for v in col.to_pylist()],
                        dtype=object)
    prefix = np.zeros(len(ints) + 1, dtype=object)
    prefix[1:] = np.cumsum(ints) if len(ints) else ints
    c = _prefix(valid.astype(np.int64))
    cnt = np.where(empty, 0, c[hi + 1] - c[lo])
    total = prefix[hi + 1] - prefix[lo]
    target = T.to_arrow_type(dtype)
    out = []
    for t, k in zip(total, cnt.tolist()):
        if k == 0:
            out.append(None)
            continue
        v = int(t)
        if name == "avg":
            num = v * 10 ** (target.scale - scale)
            v = (2 * num + k) // (2 * k) if num >= 0 else -((-2 * num + k) // (2 * k))
            shift = 0
        else:
            shift = target.scale - scale
        v *= 10 ** shift
        out.append(None if abs(v) >= 10 ** target.precision else
                   _decimal.Decimal(v).scaleb(-target.scale))
    return pa.array(out, target)


def _first_last_valid(valid: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                      first: bool) -> np.ndarray:
    """Per row, the index of the first (last) non-NULL row in [lo, hi], -1 if none."""
    n = len(valid)
    idx = np.arange(n)
    if first:
        # next valid index at or after i
        nxt = np.where(valid, idx, n)
        nxt = np.minimum.accumulate(nxt[::-1])[::-1] if n else nxt
        cand = nxt[np.minimum(lo, max(n - 1, 0))] if n else lo
        return np.where((cand <= hi) & (cand < n), cand, -1)
    prev = np.where(valid, idx, -1)
    prev = np.maximum.accumulate(prev) if n else prev
    cand = prev[np.clip(hi, 0, max(n - 1, 0))] if n else hi
    return np.where((cand >= lo) & (cand >= 0), cand, -1)


def _arrow(col: Any) -> pa.Array:
    return col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col


def _arrow_type(col: Any) -> pa.DataType:
    return col.type


def _numeric_or_valid(col: Any) -> tuple[None, np.ndarray]:
    col = _arrow(col)
    return None, np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)


def compute_window_function(fn: E.WindowFunction, args: list[Any], seg: Segments,
                            dtype: T.DataType) -> pa.Array:
    n = seg.n
    i = np.arange(n)
    name = fn.name
    if name == "row_number":
        return pa.array((i - seg.pstart + 1).astype(np.int32), pa.int32())
    if name == "rank":
        return pa.array((seg.peer_start - seg.pstart + 1).astype(np.int32), pa.int32())
    if name == "dense_rank":
        c = np.cumsum(seg.peer_starts.astype(np.int64))
        return pa.array((c - c[seg.pstart] + 1).astype(np.int32), pa.int32())
    if name == "percent_rank":
        size = seg.pend - seg.pstart
        rank = seg.peer_start - seg.pstart
        return pa.array(np.where(size > 0, rank / np.maximum(size, 1), 0.0), pa.float64())
    if name == "cume_dist":
        size = seg.pend - seg.pstart + 1
        return pa.array((seg.peer_end - seg.pstart + 1) / size, pa.float64())
    if name == "ntile":
        k = int(fn.args[0].value)
        size = seg.pend - seg.pstart + 1
        pos = i - seg.pstart
        base, extra = size // k, size % k
        big = extra * (base + 1)
        tile = np.where(pos < big, pos // np.maximum(base + 1, 1),
                        extra + (pos - big) // np.maximum(base, 1))
        return pa.array((tile + 1).astype(np.int32), pa.int32())
    if name == "counter_diff":
        from dfengine.execution.operators.counter_diff import counter_diff

        return counter_diff([_arrow(a) for a in args], seg, T.to_arrow_type(dtype))
    if name in ("lag", "lead"):
        col = _arrow(args[0])
        src, inside = _offset_rows(fn, col, i, seg)
        taken = col.take(pa.array(np.where(inside, src, 0), pa.int64()))
        target = T.to_arrow_type(dtype)
        if len(args) > 1:
            # the default takes the column's type with Spark's cast (0 -> 0.00, 0.5 -> 0)
            from dfengine.functions.cast import cast_array

            default = cast_array(_arrow(args[1]), fn.args[1].data_type, fn.args[0].data_type)
            default = default.cast(taken.type)
        else:
            default = pa.nulls(n, taken.type)
        out = pc.if_else(pa.array(inside), taken, default)
        return out.cast(target) if out.type != target else out
    raise AnalysisException(f"Window function {name} is not supported.", "UNSUPPORTED_FEATURE")


def _offset_rows(fn: Any, col: Any, i: np.ndarray, seg: Any) -> tuple[np.ndarray, np.ndarray]:
    """(the row lag/lead reads for each row, whether it is inside the partition). IGNORE
    NULLS counts only the rows where the value is not NULL (the k-th such row away)."""
    k = fn.offset
    if not fn.ignore_nulls:
        src = i + (k if fn.name == "lead" else -k)
        return src, (src >= seg.pstart) & (src <= seg.pend)
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    present = np.flatnonzero(valid)
    if fn.name == "lead":
        at = np.searchsorted(present, i, side="right") + k - 1
    else:
        at = np.searchsorted(present, i, side="left") - k
    ok = (at >= 0) & (at < len(present))
    src = np.where(ok, present[np.clip(at, 0, max(len(present) - 1, 0))] if len(present)
                   else 0, 0)
    return src, ok & (src >= seg.pstart) & (src <= seg.pend)


def window_step(part_keys: list[str], order_keys: list[tuple[str, bool, bool]],
                specs: list[tuple[E.Expression, list[str], Any, T.DataType, str]],
                drop: list[str], table: pa.Table, ctx: EvalContext | None = None) -> pa.Table:
    sort_keys = [(k, True, True) for k in part_keys] + list(order_keys)
    if sort_keys and table.num_rows > 1:
        table = table.take(sort_indices(table, sort_keys))
    n = table.num_rows
    pstarts = _boundaries([table.column(k) for k in part_keys], n)
    if not part_keys and n:
        pstarts[0] = True
    peers = _boundaries([table.column(k) for k, _, _ in order_keys], n) if order_keys else (
        np.zeros(n, dtype=bool))
    seg = Segments(pstarts, peers)
    order_col = None
    if len(order_keys) == 1:
        order_col = (table.column(order_keys[0][0]), order_keys[0][1], order_keys[0][2])
    new_cols, new_names = [], []
    for fn, arg_keys, frame, dtype, out_key in specs:
        args = [table.column(k) for k in arg_keys]
        if isinstance(fn, E.WindowFunction):
            arr = compute_window_function(fn, args, seg, dtype) if n else pa.array(
                [], T.to_arrow_type(dtype))
        else:
            lo, hi = frame_bounds(frame, bool(order_keys), seg, order_col)
            col = None if not args else args[0]
            if not isinstance(fn, PythonAggregate) and fn.name in window_generic.NAMES:
                arr = window_generic.framed(fn.name, args, lo, hi, lo > hi, dtype) if n else (
                    pa.array([], T.to_arrow_type(dtype)))
            elif isinstance(fn, PythonAggregate):  # grouped aggregate pandas UDF over frames
                from dfengine.compute.python_udf import aggregate_frames

                arr = aggregate_frames(fn, args, lo, hi)
            else:
                arr = compute_aggregate(fn, col, lo, hi, dtype) if n else pa.array(
                    [], T.to_arrow_type(dtype))
        target = T.to_arrow_type(dtype)
        if arr.type != target:
            arr = arr.cast(target)
        new_cols.append(arr)
        new_names.append(out_key)
    keep = [c for c in table.column_names if c not in drop]
    base = table.select(keep)
    return pa.Table.from_arrays(list(base.columns) + new_cols, names=keep + new_names)


def plan_window(planner: Planner, node: L.Window) -> P.PhysicalPlan:
    child = planner.plan(node.child)
    first = _window_expr(node.window_exprs[0])
    pre: list[E.Expression] = list(child.output)
    pre_keys: list[str] = [a.key for a in child.output]
    extra: list[str] = []

    def column(e: E.Expression) -> str:
        if isinstance(e, E.AttributeReference) and e.key in pre_keys:
            return e.key
        for x, k in zip(pre, pre_keys):
            if x == e or (isinstance(x, E.Alias) and x.child == e):
                return k
        key = f"_w{len(pre)}#pre"
        pre.append(E.Alias(e, key))
        pre_keys.append(key)
        extra.append(key)
        return key

    part_keys = [column(p) for p in first.partition_by]
    order_keys = [(column(o.child), o.ascending, o.null_first) for o in first.order_by]
    specs = []
    for item in node.window_exprs:
        w = _window_expr(item)
        if (w.partition_by, w.order_by) != (first.partition_by, first.order_by):
            raise AnalysisException("One Window node holds expressions of one window spec.",
                                    "INTERNAL_ERROR")
        fn = w.function
        args = list(fn.args)
        if isinstance(fn, E.AggregateFunction) and fn.name == "count" and args and isinstance(
                args[0], E.Literal) and args[0].value is not None:
            args = []
        arg_keys = [column(a) for a in args]
        specs.append((fn, arg_keys, w.frame, item.data_type, E.to_attribute(item).key))
    if extra:
        out = child.output
        step = partial(P.project_step, tuple(pre), tuple(pre_keys))
        child = P.narrow(child, step, "WindowKeys", out + [
            E.AttributeReference(k, T.NullType()) for k in extra])
    from dfengine.execution.planner import coalesced_partitions_for

    # an input known to be under one partition's size is windowed in one task: no shuffle,
    # and its rows come out ordered by the partition keys
    n = coalesced_partitions_for(planner.config, node.child)
    tasks_label = (f"Window [{', '.join(E.to_attribute(i).name for i in node.window_exprs)}] "
                   f"partition=[{', '.join(p.sql() for p in first.partition_by)}]"
                   + (f" hash-exchange n={n}" if part_keys and n > 1 else " gathered"))
    step = partial(window_step, part_keys, order_keys, specs, extra)
    out_attrs = node.output

    def lower(b: P.Builder, inputs: list[list[Any]]) -> list[Any]:
        tasks = inputs[0]
        if part_keys and n > 1:
            parts = P.shuffle(b, tasks, tuple(P._col_ref(k) for k in part_keys), n,
                              "window-shuffle")
        else:
            parts = [P.gather(b, tasks, "window-gather")]
        return [(step, p) for p in parts]

    return P.GenericExec(tasks_label, [child], out_attrs, lower)


def _window_expr(item: E.Expression) -> E.WindowExpression:
    e = item.child if isinstance(item, E.Alias) else item
    if not isinstance(e, E.WindowExpression):
        raise AnalysisException(f"Expected a window expression, got {e.sql()}",
                                "INTERNAL_ERROR")
    return e

