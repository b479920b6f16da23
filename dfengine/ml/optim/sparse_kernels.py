"""The block kernels of `kernels.py` for CSR blocks (`indptr, indices, data` of scipy's CSR).

Wide sparse data (hashed text, libsvm files with 100k+ features) stays CSR on the workers: a
step costs O(nnz) per block instead of O(rows * d), and nothing is densified. Same outputs as
the dense kernels (loss followed by the gradient, or partial sums), same row order, GIL
released. `block_kernel` picks the dense or the CSR kernel for a block's `X`.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from numba import njit

from dfengine.ml.optim import kernels


@njit(nogil=True, cache=True)
def _log1pexp_and_p(m):
    if m > 0.0:
        e = math.exp(-m)
        return m + math.log1p(e), 1.0 / (1.0 + e)
    e = math.exp(m)
    return math.log1p(e), e / (1.0 + e)


@njit(nogil=True, cache=True)
def binary_logistic_loss_grad_csr(indptr, indices, data, d, y, w, coef, intercept):
    out = np.zeros(d + 2)
    loss = 0.0
    for i in range(indptr.size - 1):
        m = intercept
        for p in range(indptr[i], indptr[i + 1]):
            m += data[p] * coef[indices[p]]
        lpe, prob = _log1pexp_and_p(m)
        wi = w[i]
        loss += wi * (lpe - y[i] * m)
        g = wi * (prob - y[i])
        for p in range(indptr[i], indptr[i + 1]):
            out[1 + indices[p]] += g * data[p]
        out[1 + d] += g
    out[0] = loss
    return out


@njit(nogil=True, cache=True)
def multinomial_loss_grad_csr(indptr, indices, data, d, y, w, coef, intercept):
    k = coef.shape[0]
    out = np.zeros(1 + k * d + k)
    margins = np.empty(k)
    loss = 0.0
    for i in range(indptr.size - 1):
        mx = -np.inf
        for c in range(k):
            m = intercept[c]
            for p in range(indptr[i], indptr[i + 1]):
                m += data[p] * coef[c, indices[p]]
            margins[c] = m
            mx = max(mx, m)
        s = 0.0
        for c in range(k):
            margins[c] = math.exp(margins[c] - mx)
            s += margins[c]
        label = int(y[i])
        wi = w[i]
        loss += wi * (math.log(s) - math.log(margins[label]))
        for c in range(k):
            g = margins[c] / s
            if c == label:
                g -= 1.0
            g *= wi
            base = 1 + c * d
            for p in range(indptr[i], indptr[i + 1]):
                out[base + indices[p]] += g * data[p]
            out[1 + k * d + c] += g
    out[0] = loss
    return out


@njit(nogil=True, cache=True)
def least_squares_loss_grad_csr(indptr, indices, data, d, y, w, coef, intercept):
    out = np.zeros(d + 2)
    loss = 0.0
    for i in range(indptr.size - 1):
        r = intercept - y[i]
        for p in range(indptr[i], indptr[i + 1]):
            r += data[p] * coef[indices[p]]
        wi = w[i]
        loss += 0.5 * wi * r * r
        g = wi * r
        for p in range(indptr[i], indptr[i + 1]):
            out[1 + indices[p]] += g * data[p]
        out[1 + d] += g
    out[0] = loss
    return out


@njit(nogil=True, cache=True)
def feature_moments_csr(indptr, indices, data, d, y, w):
    out = np.zeros(2 * d + 4)
    n = indptr.size - 1
    for i in range(n):
        wi = w[i]
        out[0] += wi
        for p in range(indptr[i], indptr[i + 1]):
            v = data[p]
            out[1 + indices[p]] += wi * v
            out[1 + d + indices[p]] += wi * v * v
        out[1 + 2 * d] += wi * y[i]
        out[2 + 2 * d] += wi * y[i] * y[i]
    out[3 + 2 * d] = n
    return out


_CSR = {
    kernels.binary_logistic_loss_grad: binary_logistic_loss_grad_csr,
    kernels.multinomial_loss_grad: multinomial_loss_grad_csr,
    kernels.least_squares_loss_grad: least_squares_loss_grad_csr,
    kernels.feature_moments: feature_moments_csr,
}


def block_kernel(dense_kernel, X, *args):
    """`dense_kernel(X, *args)`, or its CSR twin when `X` is a scipy sparse matrix."""
    if sp.issparse(X):
        return _CSR[dense_kernel](X.indptr, X.indices, X.data, X.shape[1], *args)
    return dense_kernel(X, *args)


def weighted_gram_any(X, y, w) -> np.ndarray:
    """`[XᵀWX (d*d), XᵀWy (d)]` of a dense or CSR block (CSR: sparse products, dense result)."""
    if not sp.issparse(X):
        return kernels.weighted_gram(X, y, w)
    xw = X.multiply(w[:, None]).tocsr() if not np.all(w == 1.0) else X
    gram = (X.T @ xw).toarray()
    xty = np.asarray(xw.T @ y).ravel()
    return np.concatenate([gram.ravel(), xty])
