"""Aggregates over window frames that have no prefix-sum form: the variance family (with
Spark's row-by-row moment updates, so the digits match), corr / covariances, bool_and /
bool_or / count_if, min_by / max_by. Each distinct frame [lo, hi] is computed once (a whole-
partition frame, the common case, is one computation per partition)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.kernels.moments import update

_MOMENTS = {"stddev", "stddev_samp", "std", "stddev_pop", "variance", "var_samp", "var_pop"}
_PAIRED = {"corr", "covar_pop", "covar_samp"}
_BOOLEAN = {"bool_and", "every", "bool_or", "some", "any", "count_if"}
_BY = {"min_by", "max_by"}
NAMES = _MOMENTS | _PAIRED | _BOOLEAN | _BY


def _floats(col: Any) -> tuple[np.ndarray, np.ndarray]:
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    if pa.types.is_boolean(col.type):
        col = pc.cast(col, pa.int8())
    values = np.asarray(pc.fill_null(pc.cast(col, pa.float64()), 0.0).to_numpy(
        zero_copy_only=False), dtype=np.float64)
    return values, valid


def _moment(name: str, x: np.ndarray, ok: np.ndarray) -> Any:
    n, _avg, m2 = update(x, ok)
    pop = name in ("stddev_pop", "var_pop")
    if n == 0 or (not pop and n < 2):
        return None
    var = m2 / n if pop else m2 / (n - 1)
    return math.sqrt(var) if name.startswith("std") else var


def _paired(name: str, x: np.ndarray, y: np.ndarray, ok: np.ndarray) -> Any:
    x, y = x[ok], y[ok]
    n = len(x)
    if n == 0 or (name == "covar_samp" and n < 2):
        return None
    dx, dy = x - x.mean(), y - y.mean()
    if name == "corr":
        den = math.sqrt(float(np.sum(dx * dx)) * float(np.sum(dy * dy)))
        return float(np.sum(dx * dy)) / den if den else None
    return float(np.sum(dx * dy)) / (n if name == "covar_pop" else n - 1)


def framed(name: str, cols: list, lo: np.ndarray, hi: np.ndarray, empty: np.ndarray,
           dtype: T.DataType) -> pa.Array:
    """One value per row: the aggregate `name` of `cols` over rows lo..hi."""
    arrays = [_floats(c) for c in cols] if name not in _BY else None
    memo: dict[tuple[int, int], Any] = {}
    out = []
    for a, b, none in zip(lo.tolist(), hi.tolist(), empty.tolist()):
        if none:
            out.append(0 if name == "count_if" else None)
            continue
        key = (a, b)
        if key not in memo:
            memo[key] = _one(name, cols, arrays, a, b + 1)
        out.append(memo[key])
    return pa.array(out, T.to_arrow_type(dtype))


def _one(name: str, cols: list, arrays: Any, a: int, b: int) -> Any:
    if name in _BY:
        values, order = cols[0].slice(a, b - a), cols[1].slice(a, b - a)
        keep = pc.is_valid(order)
        if not pc.any(keep).as_py():
            return None
        if len(cols) > 2:  # max_by(x, y, k): the k values of the largest y, in that order
            k = int(float(cols[2][0].as_py()))
            pairs = [(o, i) for i, o in enumerate(order.to_pylist()) if o is not None]
            pairs.sort(key=lambda p: p[0], reverse=name == "max_by")
            return [values[i].as_py() for _, i in pairs[:k]]
        best = (pc.max if name == "max_by" else pc.min)(order).as_py()
        hits = [i for i, v in enumerate(order.to_pylist()) if v == best]
        return values[hits[-1]].as_py()  # a tie takes the later row, as Spark's update
    x, ok = arrays[0][0][a:b], arrays[0][1][a:b]
    if name in _MOMENTS:
        return _moment(name, x, ok)
    if name in _PAIRED:
        y, ok2 = arrays[1][0][a:b], arrays[1][1][a:b]
        return _paired(name, x, y, ok & ok2)
    if name == "count_if":
        return int(np.sum((x != 0) & ok))
    if not ok.any():
        return None
    truth = x[ok] != 0
    return bool(truth.all()) if name in ("bool_and", "every") else bool(truth.any())
