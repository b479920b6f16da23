"""MaxAbsScaler and RobustScaler: per-coordinate statistics gathered per partition and
combined on the driver, then a row-wise rescale that keeps sparse rows sparse."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _checks, _frame
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    StateModel,
    VectorMap,
    append,
    vector_type,
)
from dfengine.ml.feature._quantiles import VectorRows, quantiles
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import vector_column_to_csr
from dfengine.ml.param.shared import HasInputCol, HasOutputCol


def _max_abs(table: pa.Table, col: str) -> np.ndarray | None:
    csr, nulls = vector_column_to_csr(table.column(col), col)
    if csr.shape[0] == 0:
        return None
    return np.asarray(abs(csr).max(axis=0).todense()).ravel()


class _Mul:
    def __init__(self, factor: np.ndarray, shift: np.ndarray | None = None):
        self.factor, self.shift = factor, shift

    def __call__(self, X: Any) -> Any:
        import scipy.sparse as sp

        if sp.issparse(X):
            return sp.csr_matrix(X.multiply(self.factor))
        return (X - self.shift if self.shift is not None else X) * self.factor


class MaxAbsScaler(KwargsInit, Estimator, HasInputCol, HasOutputCol):
    """Rescale each feature to [-1, 1] by dividing by its largest absolute value."""

    def _fit(self, dataset: Any) -> MaxAbsScalerModel:
        col = self.getInputCol()
        _frame.require_columns(dataset, [col])
        parts = [p for p in _frame.partition_results(dataset, _max_abs, col) if p is not None]
        if not parts:
            raise _checks.summarizer_empty()
        return self._copyValues(MaxAbsScalerModel(maxAbs=np.max(parts, axis=0)))


class MaxAbsScalerModel(StateModel, HasInputCol, HasOutputCol):
    _arrays = ("maxAbs",)

    @property
    def maxAbs(self) -> DenseVector:
        return DenseVector(self._maxAbs)

    def _transform(self, dataset: Any) -> Any:
        m = np.asarray(self._maxAbs, dtype=float)
        factor = np.where(m == 0, 0.0, 1.0 / np.where(m == 0, 1.0, m))
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], VectorMap(col, out, _Mul(factor), True),
                      [(out, vector_type())])


class _RobustParams(HasInputCol, HasOutputCol):
    lower = P("lower", "Lower quantile to calculate quantile range", TC.toFloat)
    upper = P("upper", "Upper quantile to calculate quantile range", TC.toFloat)
    withCentering = P("withCentering", "Whether to center data with median", TC.toBoolean)
    withScaling = P("withScaling", "Whether to scale the data to quantile range", TC.toBoolean)
    relativeError = P("relativeError", "The target precision for the approximate quantile "
                      "algorithm. Must be in the range [0, 1]", TC.toFloat)
    _defaults = {"lower": 0.25, "upper": 0.75, "withCentering": False, "withScaling": True,
                 "relativeError": 0.001}


class RobustScaler(KwargsInit, Estimator, _RobustParams):
    """Remove the median and scale by the quantile range [lower, upper] (IQR by default)."""

    def _fit(self, dataset: Any) -> RobustScalerModel:
        col = self.getInputCol()
        _frame.require_columns(dataset, [col])
        lo, med, hi = quantiles(dataset, VectorRows(col), [self.getLower(), 0.5,
                                                           self.getUpper()],
                                self.getRelativeError(), f"column {col}", _checks.empty_head())
        return self._copyValues(RobustScalerModel(median=med, range=hi - lo))


class RobustScalerModel(StateModel, _RobustParams):
    _arrays = ("median", "range")

    @property
    def median(self) -> DenseVector:
        return DenseVector(self._median)

    @property
    def range(self) -> DenseVector:
        return DenseVector(self._range)

    def _transform(self, dataset: Any) -> Any:
        r = np.asarray(self._range, dtype=float)
        factor = np.where(r == 0, 0.0, 1.0 / np.where(r == 0, 1.0, r)) \
            if self.getWithScaling() else np.ones_like(r)
        shift = np.asarray(self._median, dtype=float) if self.getWithCentering() else None
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], VectorMap(col, out, _Mul(factor, shift),
                                                shift is None), [(out, vector_type())])
