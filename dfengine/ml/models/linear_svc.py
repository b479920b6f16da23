"""LinearSVC: hinge loss + L2 on standardized features, minimized by the driver's L-BFGS
over block-wise loss/gradient tasks (the blocks stay on the workers)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml._frame import require_columns
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseVector
from dfengine.ml.models._common import LinearModelState, append_classification, weight_col
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.lbfgs import minimize_lbfgs
from dfengine.ml.param.shared import (
    HasAggregationDepth,
    HasFeaturesCol,
    HasFitIntercept,
    HasLabelCol,
    HasMaxIter,
    HasPredictionCol,
    HasRawPredictionCol,
    HasRegParam,
    HasStandardization,
    HasTol,
    HasWeightCol,
)
from dfengine.ml.util import HasTrainingSummary


class _SVCParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasRawPredictionCol,
                 HasMaxIter, HasRegParam, HasTol, HasFitIntercept, HasStandardization,
                 HasWeightCol, HasAggregationDepth):
    threshold = P("threshold", "The threshold in binary classification applied to the linear "
                  "model prediction.  This threshold can be any real number, where Inf will "
                  "make all predictions 0.0 and -Inf will make all predictions 1.0.",
                  TC.toFloat)
    _defaults = {"maxIter": 100, "regParam": 0.0, "tol": 1e-6, "fitIntercept": True,
                 "standardization": True, "threshold": 0.0, "aggregationDepth": 2}


def _hinge(block: tuple, beta: np.ndarray, scale: np.ndarray, intercept: bool) -> np.ndarray:
    X, y, w = block
    d = X.shape[1]
    coef = beta[:d] * scale
    m = X @ coef + (beta[d] if intercept else 0.0)
    ys = 2.0 * y - 1.0
    active = (1.0 - ys * m) > 0
    loss = float(np.sum(w[active] * (1.0 - ys[active] * m[active])))
    g = -(ys * w * active)
    grad = np.empty(beta.size + 1)
    grad[:d] = (X.T @ g) * scale
    grad[d:d + 1] = g.sum() if intercept else 0.0
    grad[-1] = loss
    return grad[: beta.size + 1]


class LinearSVC(KwargsInit, Estimator, _SVCParams):
    """Linear support vector machine (binary), Spark's objective: mean weighted hinge loss plus
    `regParam / 2 * ||beta||^2` on standardized coefficients."""

    def _fit(self, dataset: Any) -> LinearSVCModel:
        w = weight_col(self)
        require_columns(dataset, [self.getFeaturesCol(), self.getLabelCol()] + ([w] if w else []))
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), self.getLabelCol(), w,
                                       sparse=True)
        try:
            lo, hi, nonint = blocks.label_range()
            if lo < 0 or hi > 1 or nonint:
                raise IllegalArgumentException(
                    f"LinearSVC only supports binary classification; labels must be 0 or 1, "
                    f"found labels in [{lo}, {hi}].")
            mom = blocks.moments()
            d, icpt = blocks.n_features, self.getFitIntercept()
            std = mom.std
            scale = np.where(std > 0, 1.0 / np.where(std > 0, std, 1.0), 0.0)
            reg = self.getRegParam() * (np.ones(d) if self.getStandardization() else scale ** 2)
            wsum = mom.weight_sum

            def fun_grad(beta: np.ndarray) -> tuple[float, np.ndarray]:
                full = np.concatenate([beta, [0.0]]) if not icpt else beta
                r = blocks.reduce_sum(_hinge, full, scale, icpt)
                grad = r[:-1] / wsum
                loss = r[-1] / wsum + 0.5 * float(np.sum(reg * full[:d] ** 2))
                grad[:d] += reg * full[:d]
                return loss, (grad if icpt else grad[:d])

            x0 = np.zeros(d + (1 if icpt else 0))
            res = minimize_lbfgs(fun_grad, x0, None, self.getMaxIter(), self.getTol())
        finally:
            blocks.release()
        coef = res.x[:d] * scale
        b = float(res.x[d]) if icpt else 0.0
        from dfengine.ml.classification.svc_summary import LinearSVCTrainingSummary

        model = self._copyValues(LinearSVCModel(coefficients=coef, intercept=b))
        return model._set_summary(
            LinearSVCTrainingSummary(model, dataset, res.objective_history, res.iterations))


class _SVCPredict:
    def __init__(self, coef: np.ndarray, b: float, threshold: float):
        self.coef, self.b, self.threshold = coef, b, threshold

    def __call__(self, X: Any) -> tuple:
        m = np.asarray(X @ self.coef).ravel() + self.b
        return np.column_stack([-m, m]), None, (m > self.threshold).astype(np.float64)


class LinearSVCModel(HasTrainingSummary, LinearModelState, StateModel, _SVCParams):
    _summary_survives_copy = False      # as Spark's copy()
    _multinomial = False          # read by the shared binary summary

    @property
    def numClasses(self) -> int:
        return 2

    def evaluate(self, dataset: Any) -> Any:
        """The model's binary classification metrics on `dataset` (LinearSVCSummary)."""
        from dfengine.ml.classification.svc_summary import LinearSVCSummary

        return LinearSVCSummary(self, dataset)

    def _predictor(self) -> _SVCPredict:
        return _SVCPredict(np.asarray(self._coefficients), float(self._intercept),
                           self.getThreshold())

    def predict(self, value: Any) -> float:
        return float(self._predictor()(np.asarray(value.toArray())[None])[2][0])

    def predictRaw(self, value: Any) -> DenseVector:
        return DenseVector(self._predictor()(np.asarray(value.toArray())[None])[0][0])

    def _transform(self, dataset: Any) -> Any:
        return append_classification(self, dataset, self._predictor(), with_prob=False)

