"""LinearSVC: hinge loss + L2 on standardized features, minimized by the driver's L-BFGS
over block-wise loss/gradient tasks (the blocks stay on the workers)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml._checks import summarizer_empty
from dfengine.ml._frame import require_columns
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.matrices import compressed_vector
from dfengine.ml.models._common import LinearModelState, append_classification, weight_col
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.owlqn import minimize_owlqn
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


def _hinge(block: tuple, coef: np.ndarray, intercept: float) -> np.ndarray:
    """[X'g (d), sum g, loss] of the weighted hinge loss at original-scale coefficients."""
    X, y, w = block
    m = np.asarray(X @ coef).ravel() + intercept
    ys = 2.0 * y - 1.0
    active = (1.0 - ys * m) > 0
    loss = float(np.sum(w[active] * (1.0 - ys[active] * m[active])))
    g = -(ys * w * active)
    return np.concatenate([np.asarray(X.T @ g).ravel(), [g.sum(), loss]])


class LinearSVC(KwargsInit, Estimator, _SVCParams):
    """Linear support vector machine (binary), Spark's objective: mean weighted hinge loss plus
    `regParam / 2 * ||beta||^2` on standardized coefficients."""

    def _fit(self, dataset: Any) -> LinearSVCModel:
        w = weight_col(self)
        require_columns(dataset, [self.getFeaturesCol(), self.getLabelCol()] + ([w] if w else []))
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), self.getLabelCol(), w,
                                       sparse=True, empty=summarizer_empty())
        try:
            lo, hi, nonint = blocks.label_range()
            if lo < 0 or hi > 1 or nonint:
                raise IllegalArgumentException(
                    f"LinearSVC only supports binary classification; labels must be 0 or 1, "
                    f"found labels in [{lo}, {hi}].")
            mom = blocks.moments()
            coef, b, res = _train(blocks, mom, self.getRegParam(), self.getStandardization(),
                                  self.getFitIntercept(), self.getMaxIter(), self.getTol())
        finally:
            blocks.release()
        from dfengine.ml.classification.svc_summary import LinearSVCTrainingSummary

        model = self._copyValues(LinearSVCModel(coefficients=coef, intercept=b))
        return model._set_summary(
            LinearSVCTrainingSummary(model, dataset, res.objective_history, res.iterations))


def _train(blocks: Blocks, mom: Any, reg_param: float, standardization: bool, icpt: bool,
           max_iter: int, tol: float) -> tuple[np.ndarray, float, Any]:
    """Spark's LinearSVC: OWL-QN (no L1) on standardized coefficients and the intercept of
    the centered problem, from zero; the coefficients map back as `beta_std / std` and the
    intercept as `b_centered - beta . mean`."""
    d, wsum = blocks.n_features, mom.weight_sum
    inv = np.where(mom.std > 0, 1.0 / np.where(mom.std > 0, mom.std, 1.0), 0.0)
    center = mom.mean if icpt else np.zeros(d)
    reg = reg_param * (np.ones(d) if standardization else inv ** 2)

    def fun_grad(x: np.ndarray) -> tuple[float, np.ndarray]:
        coef = x[:d] * inv
        b = float(x[d] - coef @ center) if icpt else 0.0
        r = blocks.reduce_sum(_hinge, coef, b)
        gi = r[d] / wsum
        grad = np.empty(x.size)
        grad[:d] = (r[:d] / wsum - gi * center) * inv + reg * x[:d]
        if icpt:
            grad[d] = gi
        return r[d + 1] / wsum + 0.5 * float(np.sum(reg * x[:d] ** 2)), grad

    res = minimize_owlqn(fun_grad, np.zeros(d + (1 if icpt else 0)), None, max_iter, tol)
    coef = res.x[:d] * inv
    b = float(res.x[d] - coef @ center) if icpt else 0.0
    return coef, b, res


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
    def coefficients(self) -> Any:
        return compressed_vector(self._coefficients)   # Spark: Vectors.dense(...).compressed

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

