"""TargetEncoder (Spark 4): replace a category index by the label's mean in that category,
smoothed towards the global mean: `w * class_stat + (1 - w) * global_stat` with
`w = count / (count + smoothing)`. One pass: per-partition (count, label sum) per category
value, added on the driver."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    StateModel,
    append,
    numeric_values,
)
from dfengine.ml.feature.buckets import _BucketParams
from dfengine.ml.param.shared import HasLabelCol


class _TEParams(_BucketParams, HasLabelCol):
    targetType = P("targetType", "whether the label is 'binary' or 'continuous'", TC.toString)
    smoothing = P("smoothing", "value to smooth in-category averages with overall averages.",
                  TC.toFloat)
    _defaults = {"handleInvalid": "error", "targetType": "binary", "smoothing": 0.0,
                 "labelCol": "label"}


def _indices(table: pa.Table, col: str) -> np.ndarray:
    v = numeric_values(table, col)
    bad = ~np.isnan(v) & ((v < 0) | (v != np.floor(v)))
    if bad.any():
        raise IllegalArgumentException(
            f"Values from column {col} must be indices, but got {v[bad][0]}.")
    return v


def _partition_stats(table: pa.Table, cols: list[str], label: str, binary: bool) -> list:
    y = numeric_values(table, label)
    keep = ~np.isnan(y)
    if binary and np.any((y[keep] != 0) & (y[keep] != 1)):
        raise IllegalArgumentException(
            f"Values from column {label} must be binary (0,1) but got "
            f"{y[keep][(y[keep] != 0) & (y[keep] != 1)][0]}.")
    out = []
    for c in cols:
        v = _indices(table, c)[keep]
        v = np.where(np.isnan(v), -1.0, v)
        uniq, inv = np.unique(v, return_inverse=True)
        out.append((uniq, np.bincount(inv, minlength=uniq.size).astype(float),
                    np.bincount(inv, weights=y[keep], minlength=uniq.size)))
    return out


def _encodings(parts: list, smoothing: float) -> tuple[np.ndarray, np.ndarray, float]:
    cats = np.concatenate([p[0] for p in parts])
    uniq, inv = np.unique(cats, return_inverse=True)
    count = np.bincount(inv, weights=np.concatenate([p[1] for p in parts]), minlength=uniq.size)
    total = np.bincount(inv, weights=np.concatenate([p[2] for p in parts]), minlength=uniq.size)
    global_stat = total.sum() / count.sum()
    w = count / (count + smoothing)
    enc = w * (total / count) + (1.0 - w) * global_stat
    return uniq, enc, float(global_stat)


class TargetEncoder(KwargsInit, Estimator, _TEParams):
    """Target encoding of categorical (index) columns by the label's per-category mean."""

    def _fit(self, dataset: Any) -> TargetEncoderModel:
        from dfengine.ml.param.ml_params import check_choice

        kind = check_choice("targetType", self.getTargetType(), ("binary", "continuous"))
        cols, outs = self._columns()
        _frame.require_columns(dataset, cols + [self.getLabelCol()])
        parts = _frame.partition_results(dataset, _partition_stats, cols, self.getLabelCol(),
                                         kind == "binary")
        cats, encs, unseen = [], [], []
        for i in range(len(cols)):
            u, e, g = _encodings([p[i] for p in parts if p[i][0].size], self.getSmoothing())
            cats.append(u.tolist())
            encs.append(e.tolist())
            unseen.append(g)
        model = TargetEncoderModel(categories=cats, encodings=encs, unseen=unseen)
        return self._copyValues(model)


class _Encode:
    def __init__(self, cols: list, outs: list, cats: list, encs: list, unseen: list,
                 keep: bool):
        self.cols, self.outs, self.cats, self.encs = cols, outs, cats, encs
        self.unseen, self.keep = unseen, keep

    def __call__(self, table: pa.Table) -> dict:
        out = {}
        for c, o, cats, encs, g in zip(self.cols, self.outs, self.cats, self.encs,
                                       self.unseen):
            v = _indices(table, c)
            v = np.where(np.isnan(v), -1.0, v)
            cats = np.asarray(cats, dtype=float)
            pos = np.clip(np.searchsorted(cats, v), 0, max(cats.size - 1, 0))
            found = (cats[pos] == v) if cats.size else np.zeros(v.size, bool)
            if not found.all() and not self.keep:
                raise IllegalArgumentException(
                    f"Unseen value {v[~found][0]} in feature {c}. To handle unseen values, "
                    f"set Param handleInvalid to keep.")
            out[o] = pa.array(np.where(found, np.asarray(encs, float)[pos] if cats.size
                                       else g, g), pa.float64())
        return out


class TargetEncoderModel(StateModel, _TEParams):
    _extra = ("categories", "encodings", "unseen")

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import DoubleType

        cols, outs = self._columns()
        fn = _Encode(cols, outs, self._categories, self._encodings, self._unseen,
                     self.getHandleInvalid() == "keep")
        return append(dataset, cols, fn, [(o, DoubleType()) for o in outs])
