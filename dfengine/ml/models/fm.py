"""FMClassifier / FMRegressor: factorization machines, trained as Spark trains them.

Model: `y = w0 + <w, x> + sum_{i<j} <v_i, v_j> x_i x_j`, the pairwise term computed as
`0.5 * sum_f ((sum_i v_if x_i)^2 - sum_i v_if^2 x_i^2)`. Coefficients are laid out as Spark's
`[factors (numFeatures x factorSize, row-major), linear (if fitLinear), intercept (if
fitIntercept)]`; factors start as `N(0, initStd)` draws, the rest at zero.

Training is Spark's mini-batch gradient descent (`mllib.optimization.GradientDescent`): each
iteration samples `miniBatchFraction` of the rows of every block on its worker, one task per
block returns the summed gradient and loss (logistic loss for the classifier, squared error
`(y - p)^2` for the regressor), the driver averages them and applies the updater: `adamW`
(Spark's AdamWUpdater: Adam moments, decoupled weight decay `regParam * w`) or `gd` (Spark's
SquaredL2Updater: step `stepSize / sqrt(iter)`, L2 shrink). Convergence as Spark's: the change
of the coefficient vector below `tol * max(||w||, 1)`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _checks
from dfengine.ml._frame import require_columns
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.dense_vector import DenseMatrix
from dfengine.ml.models._common import (
    SingleRowPredictions,
    append_classification,
    append_regression,
    map_per_block,
)
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.param.shared import (
    HasFeaturesCol,
    HasFitIntercept,
    HasLabelCol,
    HasMaxIter,
    HasPredictionCol,
    HasProbabilityCol,
    HasRawPredictionCol,
    HasRegParam,
    HasSeed,
    HasTol,
)
from dfengine.ml.util import HasTrainingSummary


class _FMParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasMaxIter, HasRegParam, HasTol,
                HasFitIntercept, HasSeed):
    factorSize = P("factorSize", "Dimensionality of the factor vectors, which are used to get "
                   "pairwise interactions between variables", TC.toInt)
    fitLinear = P("fitLinear", "whether to fit linear term (aka 1-way term)", TC.toBoolean)
    miniBatchFraction = P("miniBatchFraction", "fraction of the input data set that should be "
                          "used for one iteration of gradient descent", TC.toFloat)
    initStd = P("initStd", "standard deviation of initial coefficients", TC.toFloat)
    stepSize = P("stepSize", "Step size to be used for each iteration of optimization (>= 0).",
                 TC.toFloat)
    solver = P("solver", "The solver algorithm for optimization. Supported options: gd, adamW. "
               "(Default adamW)", TC.toString)
    _defaults = {"factorSize": 8, "fitIntercept": True, "fitLinear": True, "regParam": 0.0,
                 "miniBatchFraction": 1.0, "initStd": 0.01, "maxIter": 100, "stepSize": 1.0,
                 "tol": 1e-6, "solver": "adamW"}


class _Layout:
    """Where factors, linear and intercept sit in Spark's flat coefficient vector."""

    def __init__(self, d: int, k: int, linear: bool, intercept: bool):
        self.d, self.k, self.linear, self.intercept = d, k, linear, intercept
        self.size = d * k + (d if linear else 0) + (1 if intercept else 0)

    def split(self, coef: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
        d, k = self.d, self.k
        V = coef[:d * k].reshape(d, k)
        w = coef[d * k:d * k + d] if self.linear else np.zeros(d)
        return V, w, float(coef[-1]) if self.intercept else 0.0


def _raw(X: Any, V: np.ndarray, w: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray, Any]:
    """Raw FM predictions of the rows of X (dense or CSR), plus X @ V and X^2."""
    XV = np.asarray(X @ V)
    X2 = X.multiply(X) if hasattr(X, "multiply") else X * X
    pair = 0.5 * (np.sum(XV * XV, axis=1) - np.asarray(X2 @ (V * V)).sum(axis=1))
    return b + np.asarray(X @ w).ravel() + pair, XV, X2


def _fm_task(block: tuple, seed: int, coef: np.ndarray, layout: _Layout, fraction: float,
             logistic: bool) -> np.ndarray:
    """Summed gradient, loss and row count of one block (a `fraction` sample of its rows)."""
    X, y, _ = block
    if fraction < 1.0:
        keep = np.random.default_rng(seed).random(y.size) < fraction
        X, y = X[keep], y[keep]
    out = np.zeros(layout.size + 2)
    if y.size == 0:
        return out
    V, w, b = layout.split(coef)
    raw, XV, X2 = _raw(X, V, w, b)
    if logistic:
        m = 1.0 / (1.0 + np.exp(-raw)) - y
        loss = np.where(y > 0, np.logaddexp(0.0, -raw), np.logaddexp(0.0, raw))
    else:
        m = 2.0 * (raw - y)
        loss = (raw - y) ** 2
    d, k = layout.d, layout.k
    gV = np.asarray(X.T @ (XV * m[:, None])) - V * np.asarray(X2.T @ m).reshape(d, 1)
    out[:d * k] = gV.ravel()
    if layout.linear:
        out[d * k:d * k + d] = np.asarray(X.T @ m).ravel()
    if layout.intercept:
        out[layout.size - 1] = m.sum()
    out[-2] = loss.sum()
    out[-1] = y.size
    return out


class _AdamW:
    """Spark's AdamWUpdater (beta1 0.9, beta2 0.999, eps 1e-8, decoupled decay)."""

    def __init__(self, size: int):
        self.m, self.v = np.zeros(size), np.zeros(size)
        self.b1t = self.b2t = 1.0

    def __call__(self, w: np.ndarray, g: np.ndarray, step: float, it: int,
                 reg: float) -> np.ndarray:
        self.m = 0.9 * self.m + 0.1 * g
        self.v = 0.999 * self.v + 0.001 * g * g
        self.b1t *= 0.9
        self.b2t *= 0.999
        mhat, vhat = self.m / (1 - self.b1t), self.v / (1 - self.b2t)
        return w - (step * mhat / (np.sqrt(vhat) + 1e-8) + reg * w)


def _gd(w: np.ndarray, g: np.ndarray, step: float, it: int, reg: float) -> np.ndarray:
    """Spark's SquaredL2Updater."""
    s = step / np.sqrt(it)
    return w * (1.0 - s * reg) - s * g


def train_fm(est: Any, dataset: Any, logistic: bool) -> tuple[np.ndarray, _Layout, list]:
    """Spark's GradientDescent over the blocks: (coefficients, layout, objective history)."""
    cols = [est.getFeaturesCol(), est.getLabelCol()]
    require_columns(dataset, cols)
    solver = est.getSolver()
    if solver.lower() not in ("adamw", "gd"):
        raise IllegalArgumentException(
            f"FM solver must be one of 'gd', 'adamW' (case-insensitive) but got '{solver}'.")
    blocks = Blocks.from_dataframe(dataset, *cols, sparse=True, empty=_checks.empty_head())
    try:
        if logistic:
            lo, hi, nonint = blocks.label_range()
            if lo < 0 or hi > 1 or nonint:
                raise IllegalArgumentException(
                    "FMClassifier only supports binary classification; labels must be 0.0 or "
                    f"1.0, found labels in [{lo}, {hi}].")
        return _descend(est, blocks, logistic)
    finally:
        blocks.release()


def _descend(est: Any, blocks: Blocks, logistic: bool) -> tuple[np.ndarray, _Layout, list]:
    layout = _Layout(blocks.n_features, est.getFactorSize(), est.getFitLinear(),
                     est.getFitIntercept())
    seed = est.getSeed() if est.isDefined("seed") and est.getSeed() is not None else 0
    rng = np.random.default_rng(seed)
    coef = np.zeros(layout.size)
    coef[:layout.d * layout.k] = rng.standard_normal(layout.d * layout.k) * est.getInitStd()
    update = _AdamW(layout.size) if est.getSolver().lower() == "adamw" else _gd
    step, reg, tol = est.getStepSize(), est.getRegParam(), est.getTol()
    fraction = est.getMiniBatchFraction()
    reg_val = 0.5 * reg * float(coef @ coef)
    history: list[float] = []
    n = len(blocks.futures)
    for it in range(1, est.getMaxIter() + 1):
        seeds = [(seed + 42 + it) * 1_000_003 + j for j in range(n)]
        parts = map_per_block(blocks, _fm_task, seeds, coef, layout, fraction, logistic)
        total = np.sum(parts, axis=0)
        rows = total[-1]
        if rows == 0:
            continue
        history.append(float(total[-2] / rows + reg_val))
        new = update(coef, total[:-2] / rows, step, it, reg)
        reg_val = 0.5 * reg * float(new @ new)
        diff = float(np.linalg.norm(new - coef))
        coef = new
        if it > 1 and diff < tol * max(float(np.linalg.norm(coef)), 1.0):
            break
    return coef, layout, history


class _FMModelState:
    """`intercept`, `linear`, `factors` (numFeatures x factorSize) of a fitted FM model."""

    _arrays = ("linear", "factors")
    _extra = ("intercept",)

    @property
    def intercept(self) -> float:
        return float(self._intercept)

    @property
    def linear(self) -> DenseVector:
        return DenseVector(np.asarray(self._linear, dtype=np.float64))

    @property
    def factors(self) -> DenseMatrix:
        return DenseMatrix._from_array(np.asarray(self._factors, dtype=np.float64))

    @property
    def numFeatures(self) -> int:
        return int(np.asarray(self._linear).size)

    def _raw(self, X: Any) -> np.ndarray:
        return _raw(X, np.asarray(self._factors), np.asarray(self._linear),
                    float(self._intercept))[0]


def _model_state(coef: np.ndarray, layout: _Layout) -> dict:
    V, w, b = layout.split(coef)
    return {"factors": V.copy(), "linear": w.copy(), "intercept": b}


class _FMClassifierParams(_FMParams, HasProbabilityCol, HasRawPredictionCol):
    thresholds = P("thresholds", "Thresholds in multi-class classification to adjust the "
                   "probability of predicting each class. Array must have length equal to the "
                   "number of classes, with values > 0, excepting that at most one value may "
                   "be 0. The class with largest value p/t is predicted, where p is the "
                   "original probability of that class and t is the class's threshold.",
                   TC.toListFloat)


class FMClassifier(KwargsInit, Estimator, _FMClassifierParams):
    """Factorization machines for binary classification (logistic loss)."""

    def _fit(self, dataset: Any) -> FMClassificationModel:
        coef, layout, history = train_fm(self, dataset, logistic=True)
        from dfengine.ml.classification.fm_summary import FMClassificationTrainingSummary

        model = self._copyValues(FMClassificationModel(**_model_state(coef, layout)))
        return model._set_summary(
            FMClassificationTrainingSummary(model, dataset, history, len(history)))


class _FMClassify:
    def __init__(self, model: Any, thresholds: list | None):
        self.V, self.w = np.asarray(model._factors), np.asarray(model._linear)
        self.b, self.thresholds = float(model._intercept), thresholds

    def __call__(self, X: Any) -> tuple:
        raw = _raw(X, self.V, self.w, self.b)[0]
        p1 = 1.0 / (1.0 + np.exp(-raw))
        prob = np.column_stack([1.0 - p1, p1])
        if self.thresholds:
            t = np.asarray(self.thresholds)
            pred = np.argmax(prob / np.where(t == 0, 1e-300, t), axis=1).astype(np.float64)
        else:
            pred = (p1 > 0.5).astype(np.float64)
        return np.column_stack([-raw, raw]), prob, pred


class FMClassificationModel(HasTrainingSummary, SingleRowPredictions, _FMModelState, StateModel,
                            _FMClassifierParams):
    _summary_survives_copy = False      # as Spark's copy()
    _multinomial = False          # read by the shared binary summary

    @property
    def numClasses(self) -> int:
        return 2

    def evaluate(self, dataset: Any) -> Any:
        """FMClassificationSummary of the model on `dataset`."""
        from dfengine.ml.classification.fm_summary import FMClassificationSummary

        return FMClassificationSummary(self, dataset)

    def _predictor(self) -> _FMClassify:
        return _FMClassify(self, self.getThresholds() if self.isSet("thresholds") else None)

    def _transform(self, dataset: Any) -> Any:
        return append_classification(self, dataset, self._predictor())


class FMRegressor(KwargsInit, Estimator, _FMParams):
    """Factorization machines for regression (squared error)."""

    def _fit(self, dataset: Any) -> FMRegressionModel:
        coef, layout, _ = train_fm(self, dataset, logistic=False)
        return self._copyValues(FMRegressionModel(**_model_state(coef, layout)))


class FMRegressionModel(_FMModelState, StateModel, _FMParams):
    def predict(self, value: Any) -> float:
        return float(self._raw(np.asarray(value.toArray())[None])[0])

    def _transform(self, dataset: Any) -> Any:
        return append_regression(self, dataset, _FMRegress(self), sparse=True)


class _FMRegress:
    def __init__(self, model: Any):
        self.V, self.w = np.asarray(model._factors), np.asarray(model._linear)
        self.b = float(model._intercept)

    def __call__(self, X: Any) -> np.ndarray:
        return _raw(X, self.V, self.w, self.b)[0]
