"""Aggregates computed over every row of a group at once (the `complete` step of
operators/aggregate.py, after the rows are hash-partitioned by the grouping keys): the paired
statistics (corr, covar_*, regr_*), central moments (skewness, kurtosis), exact percentiles,
percentile_approx, max_by/min_by, bit_and/or/xor, listagg, collect_union and
histogram_numeric.

Each function takes the argument columns, a group id per row and the number of groups, and
returns one value per group, vectorized with numpy/Arrow over all groups at once. Spark's
rules: NULL inputs are skipped (for the paired ones, rows where either side is NULL), a group
with no input is NULL (regr_count: 0), a division by zero is NULL
(`spark.sql.legacy.statisticalAggregate=false`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine.errors import AnalysisException
from dfengine.types import to_arrow_type


def group_ids(table: pa.Table, keys: list[str]) -> tuple[pa.Table, np.ndarray, int]:
    """(one row of keys per group, each row's group id, number of groups); NULL keys form a
    group, as in Spark."""
    n = table.num_rows
    if not keys:
        return pa.table({}), np.zeros(n, dtype=np.int64), 1
    from dfengine.datasource.scan import decode_dictionaries

    t = decode_dictionaries(table.select(keys)).append_column(
        "__row", pa.array(np.arange(n, dtype=np.int64)))
    grouped = t.group_by(keys, use_threads=False).aggregate([("__row", "list")])
    rows = grouped.column("__row_list").combine_chunks()
    gid = np.zeros(n, dtype=np.int64)
    gid[np.asarray(rows.flatten().to_numpy(zero_copy_only=False))] = np.asarray(
        pc.list_parent_indices(rows).to_numpy(zero_copy_only=False))
    return grouped.select(keys), gid, grouped.num_rows


def compute(table: pa.Table, keys: list[str], spec: Any) -> pa.Table:
    """keys + `spec.out`: the aggregate's value per group."""
    key_table, gid, groups = group_ids(table, keys)
    target = to_arrow_type(spec.result_type)
    if not table.num_rows:  # no rows, no constant arguments to read: NULL (a count: 0)
        empty = pa.array([0] * groups, target) if spec.func == "regr_count" else (
            pa.nulls(groups, target))
        return _with_keys(key_table, keys, spec.out, empty)
    cols = [_array(table.column(c)) for c in spec.inputs]
    values = FUNCTIONS[spec.func](cols, gid, groups, spec)
    if values.type != target:
        values = values.cast(target, safe=False)
    return _with_keys(key_table, keys, spec.out, values)


def _with_keys(key_table: pa.Table, keys: list[str], out: str, values: pa.Array) -> pa.Table:
    return key_table.append_column(out, values) if keys else pa.table({out: values})


def _array(col: Any) -> pa.Array:
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    return col.cast(col.type.value_type) if pa.types.is_dictionary(col.type) else col


def _floats(col: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(values as float64 with NULLs as 0, validity)."""
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
    values = pc.fill_null(col.cast(pa.float64(), safe=False), 0.0) if len(col) else (
        pa.array([], pa.float64()))
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.float64), valid


def _param(col: pa.Array | None, default: Any = None) -> Any:
    """A constant argument (percentage, accuracy, delimiter), projected as a column."""
    if col is None or not len(col):
        return default
    return col[0].as_py()


def _masked(values: np.ndarray, null: np.ndarray) -> pa.Array:
    return pa.array(values, mask=null)


# ------------------------------------------------------------------ paired statistics


def _pair_moments(cols: list, gid: np.ndarray, groups: int) -> tuple[np.ndarray, ...]:
    """Per group over the rows where both arguments are non-NULL: n, the means of the first
    (a) and second (b) argument, their sums of squared deviations and co-deviation. Two
    passes (means, then deviations) keep it exact where sums of squares would cancel."""
    a, va = _floats(cols[0])
    b, vb = _floats(cols[1])
    ok = va & vb
    g, a, b = gid[ok], a[ok], b[ok]
    n = np.bincount(g, minlength=groups).astype(np.float64)
    safe = np.where(n == 0, 1.0, n)
    ma = np.bincount(g, a, groups) / safe
    mb = np.bincount(g, b, groups) / safe
    da, db = a - ma[g], b - mb[g]
    with np.errstate(over="ignore", invalid="ignore"):
        return (n, ma, mb, np.bincount(g, da * da, groups), np.bincount(g, db * db, groups),
                np.bincount(g, da * db, groups))


def _paired(formula: Callable[..., tuple[np.ndarray, np.ndarray]]) -> Callable:
    """An aggregate from (n, mean_a, mean_b, s_aa, s_bb, s_ab) -> (values, is NULL)."""
    def run(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            values, null = formula(*_pair_moments(cols, gid, groups))
        return _masked(np.asarray(values, dtype=np.float64), null)
    return run


_PAIRED = {
    "corr": lambda n, ma, mb, saa, sbb, sab: (sab / np.sqrt(saa * sbb),
                                              (n < 2) | (saa * sbb == 0)),
    "covar_pop": lambda n, ma, mb, saa, sbb, sab: (sab / n, n == 0),
    "covar_samp": lambda n, ma, mb, saa, sbb, sab: (sab / (n - 1), n < 2),
    # regr_*(y, x): a is y (the dependent variable), b is x
    "regr_avgx": lambda n, ma, mb, saa, sbb, sab: (mb, n == 0),
    "regr_avgy": lambda n, ma, mb, saa, sbb, sab: (ma, n == 0),
    "regr_sxx": lambda n, ma, mb, saa, sbb, sab: (sbb, n == 0),
    "regr_syy": lambda n, ma, mb, saa, sbb, sab: (saa, n == 0),
    "regr_sxy": lambda n, ma, mb, saa, sbb, sab: (sab, n == 0),
    "regr_slope": lambda n, ma, mb, saa, sbb, sab: (sab / sbb, (n < 2) | (sbb == 0)),
    "regr_intercept": lambda n, ma, mb, saa, sbb, sab: (ma - sab / sbb * mb,
                                                       (n == 0) | (sbb == 0)),
    "regr_r2": lambda n, ma, mb, saa, sbb, sab: (
        np.where(saa == 0, 1.0, sab * sab / saa / sbb), (n == 0) | (sbb == 0)),
}


def _regr_count(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    return pa.array(_pair_moments(cols, gid, groups)[0].astype(np.int64))


# ------------------------------------------------------------------ central moments


def _central(cols: list, gid: np.ndarray, groups: int) -> tuple[np.ndarray, ...]:
    """Sums of powers of deviations in extended precision (np.longdouble), so the ratios
    round to the exact value where Spark's does (kurtosis of 1, 1, 2 is -1.5, not
    -1.4999999999999996 as float64 sums give)."""
    x, valid = _floats(cols[0])
    g, x = gid[valid], x[valid].astype(np.longdouble)
    n = np.bincount(g, minlength=groups).astype(np.longdouble)
    sums = np.zeros(groups, dtype=np.longdouble)
    np.add.at(sums, g, x)
    mean = sums / np.where(n == 0, 1.0, n)
    d = x - mean[g]
    out = [n]
    for power in (2, 3, 4):
        acc = np.zeros(groups, dtype=np.longdouble)
        np.add.at(acc, g, d ** power)
        out.append(acc)
    return tuple(out)


def _skewness(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    """Spark's sqrt(n) * m3 / m2^1.5 over sums of deviations (not pandas' sample skew)."""
    n, m2, m3, _ = _central(cols, gid, groups)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        value = np.sqrt(n) * m3 / np.sqrt(m2 * m2 * m2)
        return _masked(value.astype(np.float64), (n == 0) | (m2 == 0))


def _kurtosis(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    """Spark's excess kurtosis n * m4 / m2^2 - 3."""
    n, m2, _, m4 = _central(cols, gid, groups)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _masked((n * m4 / (m2 * m2) - 3.0).astype(np.float64), (n == 0) | (m2 == 0))


# ------------------------------------------------------------------ percentiles


def _percentages(value: Any, name: str) -> tuple[list[float], bool]:
    many = isinstance(value, (list, tuple))
    ps = list(value) if many else [value]
    if any(p is None or not 0.0 <= float(p) <= 1.0 for p in ps):
        raise AnalysisException(
            f"[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] Cannot resolve \"{name}\": the percentage "
            f"must be between 0.0 and 1.0, got {value!r}.", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")
    return [float(p) for p in ps], many


def _sorted_groups(x: np.ndarray, gid: np.ndarray, groups: int) -> tuple[np.ndarray, ...]:
    order = np.lexsort((x, gid))  # NaN sorts last, above every number, as in Spark
    counts = np.bincount(gid, minlength=groups)
    return x[order], counts, np.cumsum(counts) - counts


def _per_percentage(results: list[np.ndarray], null: np.ndarray, many: bool,
                    value_type: pa.DataType) -> pa.Array:
    if not many:
        return pa.array(results[0], value_type, mask=null) if len(results[0]) else (
            pa.array([], value_type))
    stacked = np.stack(results, axis=1) if results else np.zeros((len(null), 0))
    flat = pa.array(stacked.reshape(-1), value_type) if stacked.size else pa.array([],
                                                                                    value_type)
    offsets = pa.array(np.arange(len(null) + 1, dtype=np.int32) * len(results))
    return pa.ListArray.from_arrays(offsets, flat, mask=pa.array(null))


def _percentile(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    """Spark's exact percentile: position p * (n - 1) among the sorted values (each repeated
    `frequency` times), linear interpolation between its neighbours."""
    ps, many = _percentages(_param(cols[1]), "percentile")
    x, valid = _floats(cols[0])
    if len(cols) > 2:
        freq, fvalid = _floats(cols[2])
        if (freq[fvalid] < 0).any():
            raise AnalysisException("Negative values found in the frequency of percentile.",
                                    "NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION")
        reps = np.where(valid & fvalid, freq, 0).astype(np.int64)
        x, gid = np.repeat(x, reps), np.repeat(gid, reps)
    else:
        x, gid = x[valid], gid[valid]
    values, counts, starts = _sorted_groups(x, gid, groups)
    null = counts == 0
    results = []
    for p in ps:
        pos = p * np.maximum(counts - 1, 0)
        lo, hi = np.floor(pos).astype(np.int64), np.ceil(pos).astype(np.int64)
        safe = np.where(null, 0, starts)
        vlo = values[np.minimum(safe + lo, max(len(values) - 1, 0))] if len(values) else (
            np.zeros(groups))
        vhi = values[np.minimum(safe + hi, max(len(values) - 1, 0))] if len(values) else vlo
        with np.errstate(invalid="ignore"):
            mixed = (hi - pos) * vlo + (pos - lo) * vhi
        results.append(np.where((lo == hi) | (vlo == vhi), vlo, mixed))
    return _per_percentage(results, null, many, pa.float64())


def _percentile_approx(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    """The value of rank ceil(p * n) among the group's sorted values: the answer Spark's
    quantile summary gives while it holds every value, and within its error bound always."""
    ps, many = _percentages(_param(cols[1]), "percentile_approx")
    accuracy = _param(cols[2], 10000) if len(cols) > 2 else 10000
    if accuracy is None or accuracy <= 0:
        raise AnalysisException(f"The accuracy of percentile_approx must be positive, got "
                                f"{accuracy}.", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")
    x = cols[0]
    valid = np.asarray(x.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
    rows = np.flatnonzero(valid)
    t = pa.table({"g": pa.array(gid[rows]), "x": x.take(pa.array(rows))})
    order = pc.sort_indices(t, [("g", "ascending"), ("x", "ascending")])
    values = t.column("x").take(order)
    counts = np.bincount(gid[rows], minlength=groups)
    starts = np.cumsum(counts) - counts
    null = counts == 0
    picks = []
    for p in ps:
        rank = np.clip(np.ceil(p * counts).astype(np.int64), 1, None) - 1
        picks.append(np.where(null, 0, starts + np.minimum(rank, np.maximum(counts - 1, 0))))
    if not many:
        out = values.take(pa.array(picks[0])) if len(values) else pa.nulls(groups, x.type)
        return pc.if_else(pa.array(null), pa.scalar(None, x.type), out)
    idx = np.stack(picks, axis=1).reshape(-1)
    flat = values.take(pa.array(idx)) if len(values) else pa.nulls(len(idx), x.type)
    flat = flat.combine_chunks() if isinstance(flat, pa.ChunkedArray) else flat
    offsets = pa.array(np.arange(groups + 1, dtype=np.int32) * len(ps))
    return pa.ListArray.from_arrays(offsets, flat, mask=pa.array(null))


# ------------------------------------------------------------------ by order, bits, text


def _by(descending: bool) -> Callable:
    """max_by / min_by: the value of the row whose `ord` is largest (smallest); the last
    such row on ties (Spark replaces its pick on `>=`); rows with a NULL `ord` are skipped."""
    def run(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
        x, order_col = cols[:2]
        valid = np.asarray(order_col.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
        rows = np.flatnonzero(valid)
        order = "descending" if descending else "ascending"
        o = _sortable(order_col.take(pa.array(rows)))
        t = pa.table({"g": pa.array(gid[rows]), "n": _nan_flag(o), "o": o, "r": pa.array(rows)})
        idx = pc.sort_indices(t, [("g", "ascending"), ("n", order), ("o", order),
                                  ("r", "descending")])
        g_sorted = np.asarray(t.column("g").take(idx).to_numpy(zero_copy_only=False))
        if len(cols) > 2:  # max_by(x, y, k)
            return _top_k(x, cols[2], t.column("r").take(idx), g_sorted, groups)
        first = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1]]) if len(
            g_sorted) else np.zeros(0, dtype=np.int64)
        picked_rows = np.asarray(t.column("r").take(idx).to_numpy(zero_copy_only=False))[first]
        out = np.full(groups, -1, dtype=np.int64)
        out[g_sorted[first]] = picked_rows
        return x.take(pa.array(out, mask=out < 0))
    return run


def _top_k(x: Any, k_col: Any, rows: Any, g_sorted: np.ndarray, groups: int) -> pa.Array:
    """max_by(x, y, k) / min_by: each group's first k values of x in the order of y (the
    rows come sorted by group, then y), NULL for a group without a non-NULL y."""
    k = int(float(pc.max(k_col).as_py()))
    starts = np.searchsorted(g_sorted, np.arange(groups), side="left")
    ends = np.minimum(np.searchsorted(g_sorted, np.arange(groups), side="right"), starts + k)
    picked = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends)]) if groups else (
        np.zeros(0, dtype=np.int64))
    rows_np = np.asarray(rows.to_numpy(zero_copy_only=False), dtype=np.int64)
    values = x.take(pa.array(rows_np[picked], pa.int64()))
    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    lengths = ends - starts
    offsets = pa.array(np.r_[0, np.cumsum(lengths)].astype(np.int32))
    return pa.ListArray.from_arrays(offsets, values, mask=pa.array(lengths == 0))


def _sortable(o: Any) -> Any:
    """Arrays and structs (Arrow cannot sort them) as their rank in Spark's ordering."""
    if not pa.types.is_nested(o.type):
        return o
    from dfengine.execution.operators.aggregate import _order_key

    keys = [_order_key(v) for v in o.to_pylist()]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ranks = np.zeros(len(keys), dtype=np.int64)
    for pos in range(1, len(order)):
        same = keys[order[pos]] == keys[order[pos - 1]]
        ranks[order[pos]] = ranks[order[pos - 1]] + (0 if same else 1)
    return pa.array(ranks)


def _nan_flag(o: pa.Array) -> pa.Array:
    """1 where a floating `ord` is NaN: Spark orders NaN above every number, Arrow sorts it
    last in both directions, so NaN is ordered by this flag first."""
    if pa.types.is_floating(o.type):
        return pc.cast(pc.fill_null(pc.is_nan(o), False), pa.int8())
    return pa.nulls(len(o), pa.int8()).fill_null(0)


def _bits(ufunc: np.ufunc) -> Callable:
    def run(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
        x = cols[0]
        valid = np.asarray(x.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
        values = np.asarray(pc.fill_null(x.cast(pa.int64()), 0).to_numpy(
            zero_copy_only=False), dtype=np.int64)[valid] if len(x) else np.zeros(0, np.int64)
        g = gid[valid]
        order = np.argsort(g, kind="stable")
        values, g = values[order], g[order]
        counts = np.bincount(g, minlength=groups)
        out = np.zeros(groups, dtype=np.int64)
        present = np.flatnonzero(counts)
        if len(present):
            starts = (np.cumsum(counts) - counts)[present]
            out[present] = ufunc.reduceat(values, starts)
        return pa.array(out, mask=counts == 0)
    return run


def _lists(col: pa.Array, gid: np.ndarray, groups: int) -> list[list]:
    out: list[list] = [[] for _ in range(groups)]
    for g, v in zip(gid.tolist(), col.to_pylist()):
        if v is not None:
            out[g].append(v)
    return out


def _listagg(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    """Non-NULL values joined by the delimiter (none when NULL), in row order; NULL for a
    group without values. DISTINCT keeps each value's first occurrence."""
    delim = _param(cols[1], "") if len(cols) > 1 else ""
    x = cols[0]
    binary = pa.types.is_binary(x.type) or pa.types.is_large_binary(x.type)
    delim = (delim or (b"" if binary else ""))
    if not binary and not pa.types.is_string(x.type):
        x = x.cast(pa.string())
    values = []
    for vals in _lists(x, gid, groups):
        vals = list(dict.fromkeys(vals)) if spec.distinct else vals
        values.append(delim.join(vals) if vals else None)
    return pa.array(values, pa.binary() if binary else pa.string())


def _collect_union(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    """The distinct elements of a group's arrays, in order of first appearance."""
    values = []
    for arrays in _lists(cols[0], gid, groups):
        seen = dict.fromkeys(v for a in arrays for v in a)
        values.append(list(seen) if arrays else None)
    return pa.array(values, cols[0].type)


def _histogram_numeric(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
    """Spark's (Hive's NumericHistogram) streaming histogram: each value joins its own bin or
    a new one; past nBins bins the two closest adjacent bins merge into their weighted mean."""
    nbins = _param(cols[1])
    if nbins is None or nbins < 2:
        raise AnalysisException(f"histogram_numeric needs nBins >= 2, got {nbins}.",
                                "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")
    from dfengine.execution.operators.numeric_histogram import NumericHistogram

    out = []
    for vals in _lists(cols[0], gid, groups):
        hist = NumericHistogram(nbins)
        for v in vals:
            hist.add(float(v))
        out.append([{"x": x, "y": y} for x, y in hist.bins] if hist.bins else None)
    x_type = cols[0].type
    rows = pa.array(out, pa.list_(pa.struct([("x", pa.float64()), ("y", pa.float64())])))
    target = pa.list_(pa.struct([("x", x_type), ("y", pa.float64())]))
    return rows.cast(target, safe=False) if rows.type != target else rows


def _vectors(mean: bool) -> Callable:
    """vector_sum / vector_avg: the element-wise sum (mean) of a group's float vectors,
    NULL vectors (and vectors holding a NULL) skipped; vectors of different lengths are an
    error."""
    def run(cols: list, gid: np.ndarray, groups: int, spec: Any) -> pa.Array:
        out: list = []
        for vectors in _lists(cols[0], gid, groups):
            vectors = [v for v in vectors if None not in v]
            if not vectors:
                out.append(None)
                continue
            if len({len(v) for v in vectors}) > 1:
                raise AnalysisException(
                    f"[VECTOR_DIMENSION_MISMATCH] {spec.func} needs vectors of one dimension, "
                    f"got dimensions {sorted({len(v) for v in vectors})}.",
                    "VECTOR_DIMENSION_MISMATCH")
            out.append(_running_mean(vectors) if mean else np.asarray(
                vectors, dtype=np.float64).sum(axis=0).tolist())
        return pa.array(out, pa.list_(pa.float32()))
    return run


def _running_mean(vectors: list) -> list:
    """Spark's float running mean: m = m * ((n - 1) / n) + x / n, in float32."""
    m = np.zeros(len(vectors[0]), dtype=np.float32)
    for n, v in enumerate(vectors, start=1):
        m = m * (np.float32(n - 1) / np.float32(n)) + np.asarray(v, np.float32) / np.float32(n)
    return m.tolist()


FUNCTIONS: dict[str, Callable[[list, np.ndarray, int, Any], pa.Array]] = {
    **{name: _paired(f) for name, f in _PAIRED.items()},
    "regr_count": _regr_count,
    "skewness": _skewness,
    "kurtosis": _kurtosis,
    "percentile": _percentile,
    "percentile_approx": _percentile_approx,
    "max_by": _by(descending=True),
    "min_by": _by(descending=False),
    "bit_and": _bits(np.bitwise_and),
    "bit_or": _bits(np.bitwise_or),
    "bit_xor": _bits(np.bitwise_xor),
    "listagg": _listagg,
    "collect_union": _collect_union,
    "histogram_numeric": _histogram_numeric,
    "vector_sum": _vectors(mean=False),
    "vector_avg": _vectors(mean=True),
}
