"""LDA: latent Dirichlet allocation with Spark's online variational Bayes optimizer.

Hoffman, Blei & Bach's online LDA as Spark's `OnlineLDAOptimizer` runs it (and scikit-learn's
`LatentDirichletAllocation(learning_method="online")`): topics `lambda` (k x V) start as
Gamma(100, 1/100) draws; each iteration samples `subsamplingRate` of the documents of every
block on its worker, runs the per-document E-step there (Numba, `_lda_kernels`), and returns
the block's sufficient statistics; the driver sums them in block order and updates
`lambda = (1 - rho) lambda + rho (eta + D / |batch| * stats * expElogbeta)` with
`rho = (learningOffset + t) ^ -learningDecay`, then (if `optimizeDocConcentration`) alpha by
Spark's Newton step. `logLikelihood` is Spark's variational bound (scikit-learn's
`_approx_bound`), `logPerplexity = -bound / tokens`.

`optimizer="em"` (Spark's EMLDAOptimizer, DistributedLDAModel) is in `lda_em.py`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import scipy.sparse as sp
from scipy.special import gammaln, logsumexp, polygamma, psi

from dfengine.errors import IllegalArgumentException, UnsupportedOperationException
from dfengine.ml import _frame
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import matrix_to_vector_array, vector_column_to_csr
from dfengine.ml.linalg.dense_vector import DenseMatrix
from dfengine.ml.models._common import map_per_block
from dfengine.ml.models._lda_kernels import variational_estep
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.param.shared import HasFeaturesCol, HasMaxIter, HasSeed

MAX_INNER = 100


class _LDAParams(HasFeaturesCol, HasMaxIter, HasSeed):
    k = P("k", "The number of topics (clusters) to infer. Must be > 1.", TC.toInt)
    optimizer = P("optimizer", "Optimizer or inference algorithm used to estimate the LDA "
                  "model.  Supported: online, em", TC.toString)
    learningOffset = P("learningOffset", "A (positive) learning parameter that downweights "
                       "early iterations. Larger values make early iterations count less",
                       TC.toFloat)
    learningDecay = P("learningDecay", "Learning rate, set as anexponential decay rate. This "
                      "should be between (0.5, 1.0] to guarantee asymptotic convergence.",
                      TC.toFloat)
    subsamplingRate = P("subsamplingRate", "Fraction of the corpus to be sampled and used in "
                        "each iteration of mini-batch gradient descent, in range (0, 1].",
                        TC.toFloat)
    optimizeDocConcentration = P("optimizeDocConcentration", "Indicates whether the "
                                 "docConcentration (Dirichlet parameter for document-topic "
                                 "distribution) will be optimized during training.",
                                 TC.toBoolean)
    docConcentration = P("docConcentration", "Concentration parameter (commonly named "
                         "\"alpha\") for the prior placed on documents' distributions over "
                         "topics (\"theta\").", TC.toListFloat)
    topicConcentration = P("topicConcentration", "Concentration parameter (commonly named "
                           "\"beta\" or \"eta\") for the prior placed on topic' distributions "
                           "over terms.", TC.toFloat)
    topicDistributionCol = P("topicDistributionCol", "Output column with estimates of the "
                             "topic mixture distribution for each document (often called "
                             "\"theta\" in the literature). Returns a vector of zeros for an "
                             "empty document.", TC.toString)
    keepLastCheckpoint = P("keepLastCheckpoint", "(For EM optimizer) If using checkpointing, "
                           "this indicates whether to keep the last checkpoint.", TC.toBoolean)
    checkpointInterval = P("checkpointInterval", "set checkpoint interval (>= 1) or disable "
                           "checkpoint (-1).", TC.toInt)
    _defaults = {"maxIter": 20, "checkpointInterval": 10, "k": 10, "optimizer": "online",
                 "learningOffset": 1024.0, "learningDecay": 0.51, "subsamplingRate": 0.05,
                 "optimizeDocConcentration": True, "topicDistributionCol": "topicDistribution",
                 "keepLastCheckpoint": True}


def _csr(X: Any) -> sp.csr_matrix:
    X = sp.csr_matrix(X) if not sp.issparse(X) else X.tocsr()
    return X


def _elog(a: np.ndarray) -> np.ndarray:
    """Dirichlet expectation E[log x] of each row of `a`."""
    return psi(a) - psi(a.sum(axis=-1, keepdims=True))


def _estep_task(block: tuple, seed: int, expElogbeta: np.ndarray, alpha: np.ndarray,
                fraction: float) -> tuple:
    """A block's sufficient statistics, sum of E[log theta] and non-empty documents."""
    X = _csr(block[0])
    if fraction < 1.0:
        X = X[np.random.default_rng(seed).random(X.shape[0]) < fraction]
    nonempty = np.diff(X.indptr) > 0
    gamma, sstats = variational_estep(X.indptr.astype(np.int64), X.indices.astype(np.int64),
                                      X.data.astype(np.float64), expElogbeta, alpha,
                                      seed % (2 ** 31), MAX_INNER, True)
    g = gamma[nonempty]
    return sstats, _elog(g).sum(axis=0) if len(g) else np.zeros(alpha.size), int(nonempty.sum())


def _priors(est: Any) -> tuple[np.ndarray, float]:
    k = est.getK()
    alpha = np.full(k, 1.0 / k)
    if est.isDefined("docConcentration") and est.getDocConcentration():
        given = np.asarray(est.getDocConcentration(), dtype=np.float64)
        if given.size not in (1, k):
            raise IllegalArgumentException(
                f"LDA docConcentration must have length 1 or k={k}, but got {given.size}.")
        alpha = np.full(k, given[0]) if given.size == 1 else given
        if np.all(alpha == -1.0):
            alpha = np.full(k, 1.0 / k)
    eta = 1.0 / k
    if est.isDefined("topicConcentration") and est.getTopicConcentration() not in (None, -1.0):
        eta = float(est.getTopicConcentration())
    return alpha, eta


def _update_alpha(alpha: np.ndarray, logphat: np.ndarray, n: float, rho: float) -> np.ndarray:
    """Spark's `OnlineLDAOptimizer.updateAlpha` (a damped Newton step on alpha)."""
    gradf = n * (-_elog(alpha) + logphat)
    c = n * polygamma(1, alpha.sum())
    q = -n * polygamma(1, alpha)
    b = np.sum(gradf / q) / (1.0 / c + np.sum(1.0 / q))
    dalpha = -(gradf - b) / q
    new = alpha + rho * dalpha
    return new if np.all(new > 0) else alpha


class LDA(KwargsInit, Estimator, _LDAParams):
    """Latent Dirichlet allocation (topic model) on term-count vectors."""

    def _fit(self, dataset: Any) -> LDAModel:
        optimizer = self.getOptimizer().lower()
        if optimizer not in ("online", "em"):
            raise IllegalArgumentException(
                f"LDA optimizer must be 'online' or 'em' (case-insensitive), but got "
                f"'{self.getOptimizer()}'.")
        if self.getK() < 2:
            raise IllegalArgumentException(f"LDA k must be > 1, but got {self.getK()}.")
        _frame.require_columns(dataset, [self.getFeaturesCol()])
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), sparse=True,
                                       check_vectors=True,
                                       empty=UnsupportedOperationException("empty collection"))
        try:
            if optimizer == "em":
                from dfengine.ml.models.lda_em import fit_em

                seed = self.getSeed() if self.isDefined("seed") else 0
                return self._copyValues(fit_em(self, blocks, int(seed or 0)))
            lam, alpha, eta = self._online(blocks)
        finally:
            blocks.release()
        model = LocalLDAModel(topics=lam, alpha=alpha, eta=float(eta),
                              vocab=int(lam.shape[1]))
        return self._copyValues(model)

    def _online(self, blocks: Blocks) -> tuple[np.ndarray, np.ndarray, float]:
        k, V = self.getK(), blocks.n_features
        seed = self.getSeed() if self.isDefined("seed") and self.getSeed() is not None else 0
        rng = np.random.default_rng(seed)
        lam = rng.gamma(100.0, 0.01, size=(k, V))
        alpha, eta = _priors(self)
        corpus = float(sum(blocks.rows))
        tau0, kappa = self.getLearningOffset(), self.getLearningDecay()
        fraction, optimize_alpha = self.getSubsamplingRate(), self.getOptimizeDocConcentration()
        t = 0
        for _ in range(self.getMaxIter()):
            expElogbeta = np.ascontiguousarray(np.exp(_elog(lam)).T)
            seeds = [int(rng.integers(2 ** 31)) + j for j in range(len(blocks.futures))]
            parts = map_per_block(blocks, _estep_task, seeds, expElogbeta, alpha, fraction)
            n = sum(p[2] for p in parts)
            if n == 0:
                continue
            t += 1
            stats = parts[0][0].copy()
            for p in parts[1:]:
                stats += p[0]
            rho = (tau0 + t) ** -kappa
            lam = (1 - rho) * lam + rho * (eta + corpus / n * stats * expElogbeta.T)
            if optimize_alpha:
                alpha = _update_alpha(alpha, sum(p[1] for p in parts) / n, n, rho)
        return lam, alpha, eta


def _gamma_of(table: pa.Table, col: str, topics: np.ndarray, alpha: np.ndarray,
              seed: int) -> tuple[Any, np.ndarray, np.ndarray]:
    X, nulls = vector_column_to_csr(table.column(col), col)
    if X.shape[0] and X.shape[1] != topics.shape[1]:
        raise IllegalArgumentException(
            f"LDA model was trained on a vocabulary of {topics.shape[1]} terms but column "
            f"'{col}' holds vectors of size {X.shape[1]}.")
    X = _csr(X)
    expElogbeta = np.ascontiguousarray(np.exp(_elog(topics)).T)
    gamma, _ = variational_estep(X.indptr.astype(np.int64), X.indices.astype(np.int64),
                                 X.data.astype(np.float64), expElogbeta, alpha, seed,
                                 MAX_INNER, False)
    return X, gamma, nulls


def _corpus_bound(table: pa.Table, col: str, topics: np.ndarray, alpha: np.ndarray,
                  seed: int) -> np.ndarray:
    """Spark's per-document part of the bound, summed over the partition, and its tokens."""
    X, gamma, _ = _gamma_of(table, col, topics, alpha, seed)
    keep = np.diff(X.indptr) > 0
    if not keep.any():
        return np.zeros(2)
    X, gamma = X[keep], gamma[keep]
    Elogbeta = _elog(topics).T                       # V x k
    Elogtheta = _elog(gamma)                         # n x k
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    words = float(np.sum(X.data * logsumexp(Elogtheta[rows] + Elogbeta[X.indices], axis=1)))
    prior = (np.sum((alpha - gamma) * Elogtheta) + np.sum(gammaln(gamma) - gammaln(alpha))
             + np.sum(gammaln(alpha.sum()) - gammaln(gamma.sum(axis=1))))
    return np.array([words + prior, X.data.sum()])


class _TopicDistribution:
    def __init__(self, col: str, out: str, topics: np.ndarray, alpha: np.ndarray, seed: int):
        self.col, self.out, self.topics, self.alpha, self.seed = col, out, topics, alpha, seed

    def __call__(self, table: pa.Table) -> dict:
        _, gamma, nulls = _gamma_of(table, self.col, self.topics, self.alpha, self.seed)
        s = gamma.sum(axis=1, keepdims=True)
        theta = np.divide(gamma, s, out=np.zeros_like(gamma), where=s > 0)
        return {self.out: matrix_to_vector_array(theta, nulls if nulls.any() else None)}


class LDAModel(StateModel, _LDAParams):
    """What Spark's local and distributed LDA models share."""

    _arrays = ("topics", "alpha")
    _extra = ("eta", "vocab")

    def _seed(self) -> int:
        return int(self.getSeed()) % (2 ** 31) if self.isDefined("seed") else 0

    def isDistributed(self) -> bool:
        return False

    def vocabSize(self) -> int:
        return int(self._vocab)

    def topicsMatrix(self) -> DenseMatrix:
        """The inferred topics, vocabSize x k (the variational parameters lambda, as Spark's
        online optimizer returns them: columns are not normalized)."""
        return DenseMatrix._from_array(np.asarray(self._topics).T)

    def estimatedDocConcentration(self) -> DenseVector:
        return DenseVector(np.asarray(self._alpha, dtype=np.float64))

    def describeTopics(self, maxTermsPerTopic: int = 10) -> Any:
        from dfengine.sql.types import (
            ArrayType,
            DoubleType,
            IntegerType,
            StructField,
            StructType,
        )

        lam = np.asarray(self._topics)
        beta = lam / lam.sum(axis=1, keepdims=True)
        rows = []
        for t, row in enumerate(beta):
            top = np.argsort(-row, kind="stable")[:maxTermsPerTopic]
            rows.append((t, [int(i) for i in top], [float(row[i]) for i in top]))
        schema = StructType([StructField("topic", IntegerType(), False),
                             StructField("termIndices", ArrayType(IntegerType(), False), True),
                             StructField("termWeights", ArrayType(DoubleType(), False), True)])
        return _frame.active_session().createDataFrame(rows, schema)

    def logLikelihood(self, dataset: Any) -> float:
        """Spark's lower bound on the log likelihood of the corpus (variational bound)."""
        return self._bound(dataset)[0]

    def logPerplexity(self, dataset: Any) -> float:
        """Spark's upper bound on perplexity: -logLikelihood / number of tokens."""
        bound, tokens = self._bound(dataset)
        return -bound / tokens if tokens else float("nan")

    def _bound(self, dataset: Any) -> tuple[float, float]:
        col = self.getFeaturesCol()
        _frame.require_columns(dataset, [col])
        lam, alpha, eta = np.asarray(self._topics), np.asarray(self._alpha), float(self._eta)
        parts = _frame.partition_results(dataset, _corpus_bound, col, lam, alpha, self._seed())
        corpus, tokens = np.sum(parts, axis=0) if parts else np.zeros(2)
        Elogbeta = _elog(lam)
        V = lam.shape[1]
        topics_part = (np.sum((eta - lam) * Elogbeta) + np.sum(gammaln(lam) - gammaln(eta))
                       + np.sum(gammaln(eta * V) - gammaln(lam.sum(axis=1))))
        return float(corpus + topics_part), float(tokens)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.ml.feature._common import append, vector_type

        col, out = self.getFeaturesCol(), self.getTopicDistributionCol()
        fn = _TopicDistribution(col, out, np.asarray(self._topics), np.asarray(self._alpha),
                                self._seed())
        return append(dataset, [col], fn, [(out, vector_type())])


class LocalLDAModel(LDAModel):
    """The model of the online optimizer (topics held locally)."""
