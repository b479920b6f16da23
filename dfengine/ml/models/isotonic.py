"""IsotonicRegression: each partition pools its points by feature value (weighted mean label),
the driver merges those pools and runs pool-adjacent-violators once: the exact solution, with
one point per distinct feature value on the driver (Spark pools equal features too)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _checks, _frame
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import is_vector_column, vector_column_to_matrix
from dfengine.ml.models._common import append_regression, weight_col
from dfengine.ml.param.shared import HasFeaturesCol, HasLabelCol, HasPredictionCol, HasWeightCol


def pava(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple:
    """Blocks (first x, last x, mean y, weight) of the isotonic fit of points sorted by x;
    points with equal x are pooled first, as Spark does."""
    blocks: list[list[float]] = []
    for xi, yi, wi in zip(x, y, w):
        if wi <= 0:
            continue
        if blocks and blocks[-1][1] == xi:
            b = blocks[-1]
            b[2], b[3] = (b[2] * b[3] + yi * wi) / (b[3] + wi), b[3] + wi
        else:
            blocks.append([xi, xi, yi, wi])
        while len(blocks) > 1 and blocks[-2][2] >= blocks[-1][2]:
            b2 = blocks.pop()
            b1 = blocks[-1]
            b1[1] = b2[1]
            b1[2], b1[3] = (b1[2] * b1[3] + b2[2] * b2[3]) / (b1[3] + b2[3]), b1[3] + b2[3]
    return blocks


def _partition_pava(table: pa.Table, features: str, label: str, weight: str | None,
                    index: int, iso: bool) -> list | None:
    from dfengine.ml.feature._common import numeric_values

    if not table.num_rows:
        return None
    col = table.column(features)
    x = vector_column_to_matrix(col, features)[0][:, index] if is_vector_column(col) else \
        numeric_values(table, features)
    y = numeric_values(table, label)
    w = numeric_values(table, weight) if weight else np.ones_like(y)
    _checks.check_labels(y)
    if weight:
        _checks.check_weights(w)
    if not iso:
        y = -y
    keep = w > 0
    x, y, w = x[keep], y[keep], w[keep]
    if x.size == 0:
        return None
    ux, inv = np.unique(x, return_inverse=True)
    ws = np.bincount(inv, weights=w)
    return ux, np.bincount(inv, weights=w * y) / ws, ws


class _IsoParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasWeightCol):
    isotonic = P("isotonic", "whether the output sequence should be isotonic/increasing "
                 "(true) or antitonic/decreasing (false).", TC.toBoolean)
    featureIndex = P("featureIndex", "The index of the feature if featuresCol is a vector "
                     "column, no effect otherwise.", TC.toInt)
    _defaults = {"isotonic": True, "featureIndex": 0}


class IsotonicRegression(KwargsInit, Estimator, _IsoParams):
    """Isotonic (or antitonic) regression of the label on one feature."""

    def _fit(self, dataset: Any) -> IsotonicRegressionModel:
        w = weight_col(self)
        cols = [self.getFeaturesCol(), self.getLabelCol()] + ([w] if w else [])
        _frame.require_columns(dataset, cols)
        iso = self.getIsotonic()
        parts = [p for p in _frame.partition_results(
            dataset, _partition_pava, cols[0], cols[1], w, self.getFeatureIndex(), iso) if p]
        if not parts:   # Spark fits a model with no boundaries
            return self._copyValues(IsotonicRegressionModel(boundaries=np.zeros(0),
                                                            predictions=np.zeros(0)))
        ux, inv = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
        wsum = np.bincount(inv, weights=np.concatenate([p[2] for p in parts]))
        ymean = np.bincount(inv, weights=np.concatenate([p[1] * p[2] for p in parts])) / wsum
        blocks = pava(ux, ymean, wsum)
        bounds, preds = [], []
        for b in blocks:
            bounds.append(b[0])
            preds.append(b[2])
            if b[1] != b[0]:
                bounds.append(b[1])
                preds.append(b[2])
        preds = np.asarray(preds) if iso else -np.asarray(preds)
        return self._copyValues(IsotonicRegressionModel(boundaries=np.asarray(bounds),
                                                        predictions=preds))


class _IsoPredict:
    def __init__(self, bounds: np.ndarray, preds: np.ndarray, index: int):
        self.bounds, self.preds, self.index = bounds, preds, index

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return np.interp(X[:, self.index], self.bounds, self.preds)


class IsotonicRegressionModel(StateModel, _IsoParams):
    _arrays = ("boundaries", "predictions")

    @property
    def boundaries(self) -> DenseVector:
        return DenseVector(self._boundaries)

    @property
    def predictions(self) -> DenseVector:
        return DenseVector(self._predictions)

    @property
    def numFeatures(self) -> int:
        return 1

    def predict(self, value: float) -> float:
        return float(np.interp(value, self._boundaries, self._predictions))

    def _transform(self, dataset: Any) -> Any:
        return append_regression(self, dataset, _IsoPredict(
            np.asarray(self._boundaries), np.asarray(self._predictions),
            self.getFeatureIndex()))
