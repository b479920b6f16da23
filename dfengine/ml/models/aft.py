"""AFTSurvivalRegression: the Weibull accelerated failure time model, as Spark fits it.

Parameters `[log(sigma), intercept, beta_std...]` on features divided by their standard
deviation (no centering), objective = mean negative log-likelihood over the blocks:
`delta * log(sigma) - delta * eps + exp(eps)` with `eps = (log(t) - margin) / sigma` and
`delta` the censor indicator (1 = event, 0 = censored). L-BFGS on the driver, one loss/gradient
task per block (the blocks carry the censor column where other models carry weights).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _checks
from dfengine.ml._frame import require_columns
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseVector
from dfengine.ml.models._common import LinearModelState
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.lbfgs import minimize_lbfgs
from dfengine.ml.param.shared import (
    HasAggregationDepth,
    HasFeaturesCol,
    HasFitIntercept,
    HasLabelCol,
    HasMaxIter,
    HasPredictionCol,
    HasTol,
)

QUANTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]


class _AFTParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasMaxIter, HasTol,
                 HasFitIntercept, HasAggregationDepth):
    censorCol = P("censorCol", "censor column name. The value of this column could be 0 or 1. "
                  "If the value is 1, it means the event has occurred i.e. uncensored; "
                  "otherwise censored.", TC.toString)
    quantileProbabilities = P("quantileProbabilities", "quantile probabilities array. Values "
                              "of the quantile probabilities array should be in the range "
                              "(0, 1) and the array should be non-empty.", TC.toListFloat)
    quantilesCol = P("quantilesCol", "quantiles column name. This column will output "
                     "quantiles of corresponding quantileProbabilities if it is set.",
                     TC.toString)
    maxBlockSizeInMB = P("maxBlockSizeInMB", "maximum memory in MB for stacking input data "
                         "into blocks.", TC.toFloat)
    _defaults = {"censorCol": "censor", "quantileProbabilities": QUANTILES, "maxIter": 100,
                 "tol": 1e-6, "fitIntercept": True, "aggregationDepth": 2,
                 "maxBlockSizeInMB": 0.0}


def _aft_task(block: tuple, params: np.ndarray, inv_std: np.ndarray) -> np.ndarray:
    X, t, delta = block
    log_sigma, b, beta = params[0], params[1], params[2:]
    sigma = np.exp(log_sigma)
    margin = X @ (beta * inv_std) + b
    eps = (np.log(t) - margin) / sigma
    ee = np.exp(eps)
    loss = float(np.sum(delta * log_sigma - delta * eps + ee))
    mult = (delta - ee) / sigma
    out = np.empty(params.size + 2)
    out[0] = loss
    out[1] = float(np.sum(delta + mult * sigma * eps))      # d/d log(sigma)
    out[2] = float(np.sum(mult))                             # d/d intercept
    out[3:-1] = np.asarray(X.T @ mult).ravel() * inv_std
    out[-1] = t.size
    return out


def _check_task(block: tuple) -> np.ndarray:
    X, t, delta = block
    sq = X.multiply(X).sum(axis=0) if hasattr(X, "multiply") else (X * X).sum(axis=0)
    return np.concatenate([[float(np.min(t, initial=np.inf)),
                            float(np.sum((delta != 0) & (delta != 1)))],
                           np.asarray(X.sum(axis=0)).ravel(), np.asarray(sq).ravel()])


class AFTSurvivalRegression(KwargsInit, Estimator, _AFTParams):
    """Accelerated failure time (Weibull) survival regression."""

    def _fit(self, dataset: Any) -> AFTSurvivalRegressionModel:
        cols = [self.getFeaturesCol(), self.getLabelCol(), self.getCensorCol()]
        require_columns(dataset, cols)
        blocks = Blocks.from_dataframe(dataset, *cols, sparse=True,
                                       empty=_checks.summarizer_empty())
        try:
            d = blocks.n_features
            parts = blocks.map(_check_task)
            stats = np.sum(parts, axis=0)
            n = float(sum(blocks.rows))
            if min(p[0] for p in parts) <= 0:
                raise IllegalArgumentException(
                    "The lifetime or label should be greater than 0 (AFTSurvivalRegression "
                    "takes log(label)).")
            if stats[1]:
                raise IllegalArgumentException(
                    f"Censor column '{self.getCensorCol()}' must hold 0.0 or 1.0 only.")
            mean = stats[2:2 + d] / n
            var = np.maximum(stats[2 + d:] - n * mean * mean, 0.0) / max(n - 1.0, 1.0)
            std = np.sqrt(var)
            inv = np.where(std > 0, 1.0 / np.where(std > 0, std, 1.0), 0.0)
            icpt = self.getFitIntercept()

            def fun_grad(x: np.ndarray) -> tuple[float, np.ndarray]:
                r = blocks.reduce_sum(_aft_task, x, inv)
                g = r[1:-1] / n
                if not icpt:
                    g[1] = 0.0
                return r[0] / n, g

            res = minimize_lbfgs(fun_grad, np.zeros(d + 2), None, self.getMaxIter(),
                                 self.getTol())
        finally:
            blocks.release()
        x = res.x
        model = AFTSurvivalRegressionModel(coefficients=x[2:] * inv, intercept=float(x[1]),
                                           scale=float(np.exp(x[0])))
        return self._copyValues(model)


class AFTSurvivalRegressionModel(LinearModelState, StateModel, _AFTParams):
    _extra = ("intercept", "scale")

    @property
    def scale(self) -> float:
        return float(self._scale)

    def predict(self, features: Any) -> float:
        x = np.asarray(features.toArray())
        return float(np.exp(x @ np.asarray(self._coefficients) + self.intercept))

    def predictQuantiles(self, features: Any) -> DenseVector:
        probs = np.asarray(self.getQuantileProbabilities())
        return DenseVector(self.predict(features) * (-np.log1p(-probs)) ** self.scale)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.ml._predict import append_predictions
        from dfengine.sql.types import DoubleType, StructField, VectorUDT

        fields = []
        if self.getPredictionCol():
            fields.append(StructField(self.getPredictionCol(), DoubleType(), True))
        qcol = self.getQuantilesCol() if self.isSet("quantilesCol") else None
        if qcol:
            fields.append(StructField(qcol, VectorUDT(), True))
        fn = _AFTPredict(np.asarray(self._coefficients), self.intercept, self.scale,
                         np.asarray(self.getQuantileProbabilities()), self.getPredictionCol(),
                         qcol)
        return append_predictions(dataset, self.getFeaturesCol(), fn, fields, sparse=True)


class _AFTPredict:
    def __init__(self, coef: np.ndarray, b: float, scale: float, probs: np.ndarray,
                 pred: str, qcol: str | None):
        self.coef, self.b, self.scale, self.probs = coef, b, scale, probs
        self.pred, self.qcol = pred, qcol

    def __call__(self, X: Any) -> dict:
        from dfengine.ml.linalg.arrow import matrix_to_vector_array

        mu = np.exp(np.asarray(X @ self.coef).ravel() + self.b)
        out = {}
        if self.pred:
            out[self.pred] = pa.array(mu, pa.float64())
        if self.qcol:
            q = mu[:, None] * (-np.log1p(-self.probs))[None, :] ** self.scale
            out[self.qcol] = matrix_to_vector_array(q)
        return out
