"""NaiveBayes (multinomial, bernoulli, gaussian, complement) from one distributed pass of
per-class sums (CSR on the workers, so hashed text features are never densified)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml._frame import require_columns
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseMatrix, DenseVector
from dfengine.ml.models._common import (
    SingleRowPredictions,
    append_classification,
    partition_stats,
    softmax,
    weight_col,
    xyw,
)
from dfengine.ml.param.shared import (
    HasFeaturesCol,
    HasLabelCol,
    HasPredictionCol,
    HasProbabilityCol,
    HasRawPredictionCol,
    HasWeightCol,
)


class _NBParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasProbabilityCol,
                HasRawPredictionCol, HasWeightCol):
    smoothing = P("smoothing", "The smoothing parameter, should be >= 0, default is 1.0",
                  TC.toFloat)
    modelType = P("modelType", "The model type which is a string (case-sensitive). Supported "
                  "options: multinomial (default), bernoulli and gaussian.", TC.toString)
    thresholds = P("thresholds", "Thresholds in multi-class classification to adjust the "
                   "probability of predicting each class.", TC.toListFloat)
    _defaults = {"smoothing": 1.0, "modelType": "multinomial"}


def _class_sums(table: pa.Table, features: str, label: str, weight: str | None,
                kind: str) -> dict | None:
    X, y, w = xyw(table, features, label, weight, sparse=True)
    if X.shape[0] == 0:
        return None
    if kind in ("multinomial", "complement") and X.nnz and X.data.min() < 0:
        raise IllegalArgumentException(
            f"requirement failed: Naive Bayes requires nonnegative feature values but found "
            f"{X.toarray()[np.flatnonzero((X < 0).toarray().any(axis=1))[0]].tolist()}.")
    if kind == "bernoulli" and X.nnz and not np.isin(X.data, (0.0, 1.0)).all():
        raise IllegalArgumentException(
            "requirement failed: Bernoulli naive Bayes requires 0 or 1 feature values.")
    out = {}
    for c in np.unique(y):
        m = y == c
        Xc, wc = X[m], w[m]
        s = np.asarray(Xc.T @ wc).ravel()
        sq = np.asarray(Xc.multiply(Xc).T @ wc).ravel() if kind == "gaussian" else None
        out[float(c)] = (float(wc.sum()), int(m.sum()), s, sq)
    return out


def _merge(parts: list[dict]) -> dict:
    total: dict = {}
    for p in parts:
        for c, (ws, n, s, sq) in p.items():
            if c in total:
                t = total[c]
                total[c] = (t[0] + ws, t[1] + n, t[2] + s, None if sq is None else t[3] + sq)
            else:
                total[c] = (ws, n, s.copy(), None if sq is None else sq.copy())
    return dict(sorted(total.items()))


class NaiveBayes(KwargsInit, Estimator, _NBParams):
    """Naive Bayes classifiers (Spark's formulas, weights supported)."""

    def _fit(self, dataset: Any) -> NaiveBayesModel:
        kind = self.getModelType()
        if kind not in ("multinomial", "bernoulli", "gaussian", "complement"):
            raise IllegalArgumentException(f"Invalid modelType: {kind}.")
        w = weight_col(self)
        require_columns(dataset, [self.getFeaturesCol(), self.getLabelCol()] + ([w] if w else []))
        stats = _merge(partition_stats(dataset, _class_sums, self.getFeaturesCol(),
                                       self.getLabelCol(), w, kind))
        if not stats:
            from dfengine.errors import NoSuchElementException

            raise NoSuchElementException("head of empty array")  # Spark's error on no rows
        labels = np.array(list(stats))
        if labels.min() < 0 or (labels != np.floor(labels)).any():
            raise IllegalArgumentException(
                "Classification labels should be in [0 to numClasses); use StringIndexer.")
        k = int(labels.max()) + 1
        pi, theta, sigma = _estimate(stats, k, kind, self.getSmoothing())
        return self._copyValues(NaiveBayesModel(pi=pi, theta=theta, sigma=sigma))


def _estimate(stats: dict, k: int, kind: str, lam: float) -> tuple:
    d = next(iter(stats.values()))[2].size
    ws = np.zeros(k)
    sums = np.zeros((k, d))
    sqs = np.zeros((k, d))
    for c, (wsum, _, s, sq) in stats.items():
        ws[int(c)], sums[int(c)] = wsum, s
        if sq is not None:
            sqs[int(c)] = sq
    present = ws > 0
    if kind == "gaussian":
        with np.errstate(divide="ignore"):
            pi = np.log(ws / ws.sum())
        mean = sums / np.where(present, ws, 1.0)[:, None]
        var = sqs / np.where(present, ws, 1.0)[:, None] - mean ** 2
        eps = 1e-9 * np.max(np.maximum(var, 0))
        return pi, mean, np.maximum(var, 0) + eps
    pi = np.log(ws + lam) - np.log(ws.sum() + k * lam)
    if kind == "multinomial":
        theta = np.log(sums + lam) - np.log(sums.sum(axis=1, keepdims=True) + d * lam)
    elif kind == "bernoulli":
        theta = np.log(sums + lam) - np.log(ws[:, None] + 2.0 * lam)
    else:  # complement
        comp = sums.sum(axis=0) - sums
        theta = np.log(comp + lam) - np.log(comp.sum(axis=1, keepdims=True) + d * lam)
        theta = theta / theta.sum(axis=1, keepdims=True)
        pi = np.zeros(k)
    return pi, theta, np.zeros((0, 0))


class _NBPredict:
    def __init__(self, pi: np.ndarray, theta: np.ndarray, sigma: np.ndarray, kind: str,
                 thresholds: list | None):
        self.pi, self.theta, self.sigma, self.kind = pi, theta, sigma, kind
        self.thresholds = thresholds

    def raw(self, X: np.ndarray) -> np.ndarray:
        if self.kind == "bernoulli":
            neg = np.log1p(-np.exp(self.theta))
            return np.asarray(X @ (self.theta - neg).T) + self.pi + neg.sum(axis=1)
        if self.kind == "gaussian":
            X = X.toarray() if hasattr(X, "toarray") else X
            var = self.sigma
            ll = -0.5 * (((X[:, None, :] - self.theta[None]) ** 2) / var[None]
                         + np.log(2 * np.pi * var)[None]).sum(axis=2)
            return ll + self.pi
        return np.asarray(X @ self.theta.T) + self.pi

    def __call__(self, X: np.ndarray) -> tuple:
        raw = self.raw(X)
        prob = softmax(raw)
        if self.thresholds:
            t = np.asarray(self.thresholds)
            pred = np.argmax(prob / np.where(t == 0, 1e-300, t), axis=1)
        else:
            pred = np.argmax(raw if self.kind == "complement" else prob, axis=1)
        return raw, prob, pred.astype(np.float64)


class NaiveBayesModel(SingleRowPredictions, StateModel, _NBParams):
    _arrays = ("pi", "theta", "sigma")

    @property
    def pi(self) -> DenseVector:
        return DenseVector(self._pi)

    @property
    def theta(self) -> DenseMatrix:
        return DenseMatrix._from_array(np.asarray(self._theta))

    @property
    def sigma(self) -> DenseMatrix:
        s = np.asarray(self._sigma)
        return DenseMatrix._from_array(s.reshape(s.shape if s.ndim == 2 else (0, 0)))

    @property
    def numClasses(self) -> int:
        return int(np.asarray(self._pi).size)

    @property
    def numFeatures(self) -> int:
        return int(np.asarray(self._theta).shape[1])

    def _predictor(self) -> _NBPredict:
        th = self.getThresholds() if self.isSet("thresholds") else None
        return _NBPredict(np.asarray(self._pi), np.asarray(self._theta),
                          np.asarray(self._sigma), self.getModelType(), th)

    def _transform(self, dataset: Any) -> Any:
        return append_classification(self, dataset, self._predictor())
