"""LDA's "em" optimizer and DistributedLDAModel, as Spark's `EMLDAOptimizer`.

Spark runs EM on a GraphX graph of (document, term) edges; here each block keeps its
documents' rows (CSR) and their topic counts N_dk on its worker, and every iteration ships the
term-topic counts N_wk (V x k) and the totals N_k to the blocks. For each (d, w, count) entry a
task computes `gamma_k ~ (N_wk + eta - 1)(N_dk + alpha - 1) / (N_k + V (eta - 1))`,
normalized, times count; the sums over w give the new N_dk (kept on the worker), the sums
over d the block's share of the new N_wk (added on the driver in block order). Counts start
from random soft assignments per entry, as Spark's. Priors default as Spark's for EM:
alpha = 50 / k + 1, eta = 1.1 (both must be > 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from dfengine.errors import IllegalArgumentException
from dfengine.ml.models.lda import LDAModel, LocalLDAModel


def _edges(X: Any) -> tuple[sp.csr_matrix, np.ndarray, sp.csr_matrix, sp.csr_matrix]:
    X = X.tocsr() if sp.issparse(X) else sp.csr_matrix(X)
    X.eliminate_zeros()
    nnz = X.nnz
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    to_doc = sp.csr_matrix((np.ones(nnz), (rows, np.arange(nnz))), shape=(X.shape[0], nnz))
    to_term = sp.csr_matrix((np.ones(nnz), (X.indices, np.arange(nnz))),
                            shape=(X.shape[1], nnz))
    return X, rows, to_doc, to_term


def _em_init(block: tuple, seed: int, k: int) -> tuple:
    """(edges, N_dk, block's N_wk) from random soft assignments."""
    X, rows, to_doc, to_term = _edges(block[0])
    g = np.random.default_rng(seed).random((X.nnz, k))
    g *= (X.data / g.sum(axis=1))[:, None]
    return (X, rows, to_doc, to_term), to_doc @ g, to_term @ g


def _em_step(state: tuple, Nw: np.ndarray, Nk: np.ndarray, alpha1: float,
             eta1: float) -> tuple:
    (X, rows, to_doc, to_term), Nd, _ = state
    V = Nw.shape[0]
    g = (Nw[X.indices] + eta1) * (Nd[rows] + alpha1) / (Nk + V * eta1)
    g *= (X.data / g.sum(axis=1))[:, None]
    return (X, rows, to_doc, to_term), to_doc @ g, to_term @ g


def _term_counts(state: tuple) -> np.ndarray:
    return state[2]


def _doc_stats(state: tuple, Nw: np.ndarray, Nk: np.ndarray, alpha: float,
               eta: float) -> np.ndarray:
    """(training log likelihood part, log prior part of the documents) of a block."""
    (X, rows, _, _), Nd, _ = state
    k, V = Nd.shape[1], Nw.shape[0]
    phi = (Nw + eta - 1.0) / (Nk + V * (eta - 1.0))
    theta = Nd + alpha - 1.0
    theta /= theta.sum(axis=1, keepdims=True)
    ll = float(np.sum(X.data * np.log(np.sum(phi[X.indices] * theta[rows], axis=1))))
    nonempty = np.diff(X.indptr) > 0
    prior = float((alpha - 1.0) * np.sum(np.log(theta[nonempty]))) if k else 0.0
    return np.array([ll, prior])


def em_priors(est: Any) -> tuple[float, float]:
    k = est.getK()
    alpha = 50.0 / k + 1.0
    if est.isDefined("docConcentration") and est.getDocConcentration():
        given = [float(a) for a in est.getDocConcentration()]
        if len(set(given)) > 1:
            raise IllegalArgumentException(
                "EMLDAOptimizer currently only supports symmetric document-topic priors; "
                f"docConcentration must hold one value, got {given}.")
        alpha = given[0] if given[0] != -1.0 else alpha
    eta = 1.1
    if est.isDefined("topicConcentration") and est.getTopicConcentration() not in (None, -1.0):
        eta = float(est.getTopicConcentration())
    if alpha <= 1.0 or eta <= 1.0:
        raise IllegalArgumentException(
            f"LDA EM optimizer requires docConcentration > 1.0 and topicConcentration > 1.0, "
            f"but got alpha={alpha}, eta={eta}.")
    return alpha, eta


def _sum_terms(client: Any, states: list) -> np.ndarray:
    """N_wk: the blocks' term-topic counts added in block order."""
    parts = client.gather([client.submit(_term_counts, s, pure=False) for s in states])
    total = parts[0].copy()
    for p in parts[1:]:
        total += p
    return total


def fit_em(est: Any, blocks: Any, seed: int) -> DistributedLDAModel:
    k = est.getK()
    alpha, eta = em_priors(est)
    client = blocks.client
    states = [client.submit(_em_init, f, seed + j, k, pure=False)
              for j, f in enumerate(blocks.futures)]
    Nw = _sum_terms(client, states)
    for _ in range(est.getMaxIter()):
        Nk = Nw.sum(axis=0)
        states = [client.submit(_em_step, s, Nw, Nk, alpha - 1.0, eta - 1.0, pure=False)
                  for s in states]
        Nw = _sum_terms(client, states)
    Nk = Nw.sum(axis=0)
    stats = np.sum(client.gather([client.submit(_doc_stats, s, Nw, Nk, alpha, eta, pure=False)
                                  for s in states]), axis=0)
    phi = (Nw + eta - 1.0) / (Nk + Nw.shape[0] * (eta - 1.0))
    log_prior = float(stats[1] + (eta - 1.0) * np.sum(np.log(phi)))
    return DistributedLDAModel(topics=np.ascontiguousarray(Nw.T), alpha=np.full(k, alpha),
                               eta=eta, vocab=int(Nw.shape[0]),
                               trainingLogLikelihood=float(stats[0]), logPrior=log_prior)


class DistributedLDAModel(LDAModel):
    """The model of the EM optimizer: topicsMatrix holds the term-topic counts N_wk."""

    _extra = ("eta", "vocab", "trainingLogLikelihood", "logPrior")

    def isDistributed(self) -> bool:
        return True

    def trainingLogLikelihood(self) -> float:
        """log P(docs | topics, topic distributions for docs, alpha, eta) on the training
        corpus."""
        return float(self._trainingLogLikelihood)

    def logPrior(self) -> float:
        """log P(topics, topic distributions for docs | alpha, eta)."""
        return float(self._logPrior)

    def toLocal(self) -> LocalLDAModel:
        local = LocalLDAModel(topics=np.asarray(self._topics), alpha=np.asarray(self._alpha),
                              eta=float(self._eta), vocab=int(self._vocab))
        return self._copyValues(local)

    def getCheckpointFiles(self) -> list[str]:
        return []
