"""GaussianMixture by EM: each iteration maps one task per block returning the weighted
responsibility sums (Σr, Σr·x, Σr·xxᵀ, log-likelihood); the driver updates the components and
stops when the log-likelihood improves by less than `tol` (Spark's rule)."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import logsumexp

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _checks
from dfengine.ml._frame import require_columns
from dfengine.ml._predict import ClusteringSummary
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseMatrix, DenseVector
from dfengine.ml.models._common import append_classification
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.param.shared import (
    HasFeaturesCol,
    HasMaxIter,
    HasPredictionCol,
    HasProbabilityCol,
    HasSeed,
    HasTol,
    HasWeightCol,
)
from dfengine.ml.util import HasTrainingSummary


def _log_resp(X: np.ndarray, w: np.ndarray, means: np.ndarray, covs: np.ndarray) -> np.ndarray:
    k, d = means.shape
    out = np.empty((X.shape[0], k))
    for j in range(k):
        L = np.linalg.cholesky(covs[j])
        z = np.linalg.solve(L, (X - means[j]).T)
        out[:, j] = (np.log(w[j]) - 0.5 * (z * z).sum(axis=0)
                     - np.log(np.diag(L)).sum() - 0.5 * d * np.log(2 * np.pi))
    return out


def _em_block(block: tuple, w: np.ndarray, means: np.ndarray, covs: np.ndarray) -> np.ndarray:
    X, _, sw = block
    lr = _log_resp(X, w, means, covs)
    ll = logsumexp(lr, axis=1)
    r = np.exp(lr - ll[:, None]) * sw[:, None]
    k, d = means.shape
    out = np.empty(k + k * d + k * d * d + 1)
    out[:k] = r.sum(axis=0)
    out[k:k + k * d] = (r.T @ X).ravel()
    out[k + k * d:-1] = np.einsum("nk,ni,nj->kij", r, X, X).ravel()
    out[-1] = float(sw @ ll)
    return out


class _GMMParams(HasFeaturesCol, HasPredictionCol, HasProbabilityCol, HasMaxIter, HasSeed,
                 HasTol, HasWeightCol):
    k = P("k", "Number of independent Gaussians in the mixture model. Must be > 1.", TC.toInt)
    aggregationDepth = P("aggregationDepth", "suggested depth for treeAggregate (>= 2).",
                         TC.toInt)
    _defaults = {"k": 2, "maxIter": 100, "tol": 0.01, "aggregationDepth": 2, "seed": 42}


class GaussianMixture(KwargsInit, Estimator, _GMMParams):
    """A mixture of k multivariate Gaussians fitted by expectation-maximization."""

    def _fit(self, dataset: Any) -> GaussianMixtureModel:
        k = self.getK()
        if k < 2:
            raise IllegalArgumentException("requirement failed: k must be > 1")
        require_columns(dataset, [self.getFeaturesCol()])
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), None,
                                       self.getWeightCol() if self.isSet("weightCol") else None,
                                       check_vectors=True, empty=_checks.empty_head())
        try:
            w, means, covs = self._init(blocks, k)
            d = means.shape[1]
            prev = -np.inf
            iterations = 0
            for _ in range(self.getMaxIter()):
                iterations += 1
                r = blocks.reduce_sum(_em_block, w, means, covs)
                nk = r[:k]
                means = r[k:k + k * d].reshape(k, d) / nk[:, None]
                sxx = r[k + k * d:-1].reshape(k, d, d) / nk[:, None, None]
                covs = sxx - np.einsum("ki,kj->kij", means, means) + 1e-12 * np.eye(d)
                w = nk / nk.sum()
                ll = r[-1]
                if ll - prev <= self.getTol():
                    break
                prev = ll
        finally:
            blocks.release()
        model = GaussianMixtureModel(weights=w, means=means, covs=covs)
        self._copyValues(model)
        return model._set_summary(GaussianMixtureSummary(
            model, dataset, iterations, float(ll)))

    def _init(self, blocks: Blocks, k: int) -> tuple:
        """Means: k sampled points spread by farthest-point traversal from a seeded start;
        every covariance starts as the diagonal of the sample's variance."""
        c = blocks.client
        sample = np.concatenate(c.gather([c.submit(_head, f, 20 * k) for f in blocks.futures]))
        if sample.shape[0] < k:
            raise IllegalArgumentException("GaussianMixture: fewer rows than components.")
        rng = np.random.default_rng(self.getSeed())
        chosen = [int(rng.integers(sample.shape[0]))]
        dist = ((sample - sample[chosen[0]]) ** 2).sum(axis=1)
        for _ in range(1, k):
            chosen.append(int(np.argmax(dist)))
            dist = np.minimum(dist, ((sample - sample[chosen[-1]]) ** 2).sum(axis=1))
        means = sample[chosen].astype(float)
        var = np.maximum(sample.var(axis=0), 1e-6)
        covs = np.array([np.diag(var) for _ in range(k)])
        return np.full(k, 1.0 / k), means, covs


def _head(block: tuple, n: int) -> np.ndarray:
    return block[0][:n].copy()


class MultivariateGaussian:
    def __init__(self, mean: DenseVector, cov: DenseMatrix):
        self.mean, self.cov = mean, cov

    def __repr__(self) -> str:
        return f"MultivariateGaussian(mean={self.mean!r}, cov={self.cov!r})"


class _GMMPredict:
    def __init__(self, w: np.ndarray, means: np.ndarray, covs: np.ndarray):
        self.w, self.means, self.covs = w, means, covs

    def __call__(self, X: Any) -> tuple:
        X = X.toarray() if hasattr(X, "toarray") else X
        lr = _log_resp(X, self.w, self.means, self.covs)
        prob = np.exp(lr - logsumexp(lr, axis=1)[:, None])
        return prob, prob, np.argmax(prob, axis=1).astype(np.float64)


class GaussianMixtureModel(HasTrainingSummary, StateModel, _GMMParams):
    _arrays = ("weights", "means", "covs")

    @property
    def weights(self) -> list[float]:
        return [float(x) for x in self._weights]

    @property
    def gaussians(self) -> list[MultivariateGaussian]:
        return [MultivariateGaussian(DenseVector(m), DenseMatrix._from_array(c))
                for m, c in zip(self._means, self._covs)]

    @property
    def gaussiansDF(self) -> Any:
        from dfengine.sql import SparkSession
        from dfengine.sql.types import ArrayType, DoubleType, StructField, StructType, VectorUDT

        rows = [(DenseVector(m), [list(map(float, r)) for r in c])
                for m, c in zip(self._means, self._covs)]
        schema = StructType([StructField("mean", VectorUDT()),
                             StructField("cov", ArrayType(ArrayType(DoubleType())))])
        return SparkSession.getActiveSession().createDataFrame(rows, schema)

    def predict(self, value: Any) -> int:
        return int(self._predictor()(np.asarray(value.toArray())[None])[2][0])

    def predictProbability(self, value: Any) -> DenseVector:
        return DenseVector(self._predictor()(np.asarray(value.toArray())[None])[1][0])

    def _predictor(self) -> _GMMPredict:
        return _GMMPredict(np.asarray(self._weights), np.asarray(self._means),
                           np.asarray(self._covs))

    def getRawPredictionCol(self) -> str:
        return ""

    def _transform(self, dataset: Any) -> Any:
        return append_classification(self, dataset, self._predictor())


class GaussianMixtureSummary(ClusteringSummary):
    """Training summary: clusters, sizes, iterations, the probability column and the final
    log-likelihood."""

    def __init__(self, model: GaussianMixtureModel, dataset: Any, iterations: int,
                 log_likelihood: float):
        super().__init__(model, dataset, model.getK(), iterations)
        self.logLikelihood = float(log_likelihood)

    @property
    def probabilityCol(self) -> str:
        return self._model.getProbabilityCol()

    @property
    def probability(self) -> Any:
        """The probability column of `predictions`, as a one-column DataFrame."""
        return self.predictions.select(self.probabilityCol)
