"""Fused Numba kernels run once per data block per optimizer step.

Each kernel reads its block in a single pass and returns a small float64 array (loss followed
by the gradient, or partial sums), so a step ships only coefficients to the workers and a few
hundred bytes back. All kernels release the GIL (`nogil=True`): the threads of one worker run
blocks truly in parallel. Loops run in row order, so a block's result is deterministic.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(nogil=True, cache=True)
def binary_logistic_loss_grad(X, y, w, coef, intercept):
    """Weighted sum of log-losses and its gradient: returns [loss, d/dcoef..., d/dintercept]."""
    n, d = X.shape
    out = np.zeros(d + 2)
    loss = 0.0
    for i in range(n):
        m = intercept
        for j in range(d):
            m += X[i, j] * coef[j]
        if m > 0.0:
            e = math.exp(-m)
            log1pexp = m + math.log1p(e)
            p = 1.0 / (1.0 + e)
        else:
            e = math.exp(m)
            log1pexp = math.log1p(e)
            p = e / (1.0 + e)
        wi = w[i]
        loss += wi * (log1pexp - y[i] * m)
        g = wi * (p - y[i])
        for j in range(d):
            out[1 + j] += g * X[i, j]
        out[1 + d] += g
    out[0] = loss
    return out


@njit(nogil=True, cache=True)
def multinomial_loss_grad(X, y, w, coef, intercept):
    """Weighted softmax cross-entropy; returns [loss, d/dcoef (K*d, row-major), d/dintercept]."""
    n, d = X.shape
    k = coef.shape[0]
    out = np.zeros(1 + k * d + k)
    margins = np.empty(k)
    loss = 0.0
    for i in range(n):
        mx = -np.inf
        for c in range(k):
            m = intercept[c]
            for j in range(d):
                m += X[i, j] * coef[c, j]
            margins[c] = m
            mx = max(mx, m)
        s = 0.0
        for c in range(k):
            margins[c] = math.exp(margins[c] - mx)
            s += margins[c]
        label = int(y[i])
        wi = w[i]
        loss += wi * (math.log(s) + mx - (math.log(margins[label]) + mx))
        for c in range(k):
            g = margins[c] / s
            if c == label:
                g -= 1.0
            g *= wi
            base = 1 + c * d
            for j in range(d):
                out[base + j] += g * X[i, j]
            out[1 + k * d + c] += g
    out[0] = loss
    return out


@njit(nogil=True, cache=True)
def least_squares_loss_grad(X, y, w, coef, intercept):
    """Weighted half sum of squared residuals and its gradient: [loss, d/dcoef, d/dintercept]."""
    n, d = X.shape
    out = np.zeros(d + 2)
    loss = 0.0
    for i in range(n):
        r = intercept - y[i]
        for j in range(d):
            r += X[i, j] * coef[j]
        wi = w[i]
        loss += 0.5 * wi * r * r
        g = wi * r
        for j in range(d):
            out[1 + j] += g * X[i, j]
        out[1 + d] += g
    out[0] = loss
    return out


@njit(nogil=True, cache=True)
def feature_moments(X, y, w):
    """[sum w, sum w*x (d), sum w*x^2 (d), sum w*y, sum w*y^2, rows] of one block."""
    n, d = X.shape
    out = np.zeros(2 * d + 4)
    for i in range(n):
        wi = w[i]
        out[0] += wi
        for j in range(d):
            v = X[i, j]
            out[1 + j] += wi * v
            out[1 + d + j] += wi * v * v
        out[1 + 2 * d] += wi * y[i]
        out[2 + 2 * d] += wi * y[i] * y[i]
    out[3 + 2 * d] = n
    return out


@njit(nogil=True, cache=True)
def nearest_center(X, centers):
    """Index of the closest center and the squared distance to it, for every row."""
    n, d = X.shape
    k = centers.shape[0]
    idx = np.zeros(n, dtype=np.int64)
    dist = np.zeros(n)
    for i in range(n):
        best = np.inf
        bi = 0
        for c in range(k):
            s = 0.0
            for j in range(d):
                t = X[i, j] - centers[c, j]
                s += t * t
                if s >= best:
                    break
            if s < best:
                best = s
                bi = c
        idx[i] = bi
        dist[i] = best
    return idx, dist


@njit(nogil=True, cache=True)
def lloyd_partial_sums(X, w, centers):
    """[weighted sums per center (k*d), weights per center (k), weighted cost] of one block."""
    n, d = X.shape
    k = centers.shape[0]
    out = np.zeros(k * d + k + 1)
    idx, dist = nearest_center(X, centers)
    for i in range(n):
        c = idx[i]
        wi = w[i]
        for j in range(d):
            out[c * d + j] += wi * X[i, j]
        out[k * d + c] += wi
        out[k * d + k] += wi * dist[i]
    return out


@njit(nogil=True, cache=True)
def weighted_gram(X, y, w):
    """[XᵀWX (d*d, row-major), XᵀWy (d)] of one block in one pass.

    For narrow data a single-threaded Numba loop beats calling BLAS from several worker
    threads at once (BLAS thread pools oversubscribe the cores and spin).
    """
    n, d = X.shape
    gram = np.zeros((d, d))
    xty = np.zeros(d)
    for i in range(n):
        wi = w[i]
        for j in range(d):
            xj = X[i, j] * wi
            xty[j] += xj * y[i]
            for k in range(j, d):
                gram[j, k] += xj * X[i, k]
    for j in range(d):
        for k in range(j):
            gram[j, k] = gram[k, j]
    out = np.empty(d * d + d)
    out[:d * d] = gram.ravel()
    out[d * d:] = xty
    return out
