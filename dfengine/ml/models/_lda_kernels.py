"""Numba kernels of online LDA: the per-document variational E-step over a CSR block.

`variational_estep` is Spark's `OnlineLDAOptimizer.variationalTopicInference` (the same as
scikit-learn's `_update_doc_distribution`) run for every row of a block: gamma starts as
Gamma(100, 1/100) draws, then alternates `gamma = alpha + expElogtheta * (expElogbeta_d^T
(cts / phinorm))` until the mean absolute change is below 1e-3 (at most `max_iter` times).
It returns the per-document gamma and, if asked, the block's sufficient statistics
`sum_d outer(expElogtheta_d, cts_d / phinorm_d)` (k x V, before the `* expElogbeta` factor).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(nogil=True, cache=True)
def digamma(x: float) -> float:
    """psi(x) for x > 0: recurrence up to 6, then the asymptotic series (error < 1e-12)."""
    r = 0.0
    while x < 6.0:
        r -= 1.0 / x
        x += 1.0
    f = 1.0 / (x * x)
    t = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))))
    return r + math.log(x) - 0.5 / x - t


@njit(nogil=True, cache=True)
def _exp_elog(gamma: np.ndarray, out: np.ndarray) -> None:
    s = 0.0
    for t in range(gamma.size):
        s += gamma[t]
    ds = digamma(s)
    for t in range(gamma.size):
        out[t] = math.exp(digamma(gamma[t]) - ds)


@njit(nogil=True, cache=True)
def _phinorm(ids, expElogbeta, etheta, phinorm):
    k = etheta.size
    for j in range(ids.size):
        s = 0.0
        for t in range(k):
            s += etheta[t] * expElogbeta[ids[j], t]
        phinorm[j] = s + 1e-100


@njit(nogil=True, cache=True)
def variational_estep(indptr, indices, data, expElogbeta, alpha, seed, max_iter, with_stats):
    """(gamma n x k, sstats k x V or 1 x 1) of a CSR block; empty rows keep gamma = 0."""
    n = indptr.size - 1
    V, k = expElogbeta.shape
    np.random.seed(seed)
    gamma = np.zeros((n, k))
    sstats = np.zeros((k, V)) if with_stats else np.zeros((1, 1))
    etheta = np.empty(k)
    last = np.empty(k)
    for r in range(n):
        a, b = indptr[r], indptr[r + 1]
        if b == a:
            continue
        ids, cts = indices[a:b], data[a:b]
        g = gamma[r]
        for t in range(k):
            g[t] = np.random.gamma(100.0, 0.01)
        _exp_elog(g, etheta)
        phinorm = np.empty(b - a)
        _phinorm(ids, expElogbeta, etheta, phinorm)
        for _ in range(max_iter):
            for t in range(k):
                last[t] = g[t]
                s = 0.0
                for j in range(ids.size):
                    s += cts[j] / phinorm[j] * expElogbeta[ids[j], t]
                g[t] = alpha[t] + etheta[t] * s
            _exp_elog(g, etheta)
            _phinorm(ids, expElogbeta, etheta, phinorm)
            change = 0.0
            for t in range(k):
                change += abs(g[t] - last[t])
            if change / k < 1e-3:
                break
        if with_stats:
            for j in range(ids.size):
                c = cts[j] / phinorm[j]
                for t in range(k):
                    sstats[t, ids[j]] += etheta[t] * c
    return gamma, sstats
