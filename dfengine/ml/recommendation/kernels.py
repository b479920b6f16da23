"""Numba kernels of ALS: one call solves every user (or item) of a block.

For each row `u` of a CSR block (its ratings of the other side's ids), build the normal
equations from the other side's factors `Y` exactly as Spark's `NormalEquation` does and solve
them with a k x k Cholesky (or, with `nonnegative`, projected coordinate descent):

* explicit: `(sum y y^T + lambda n_u I) x = sum r y`;
* implicit (Hu, Koren, Volinsky): `(YtY + sum c1 y y^T + lambda n_u I) x = sum (1 + c1) y`
  over the positive ratings, `c1 = alpha |r|`; `n_u` counts the positive ratings.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(nogil=True, cache=True)
def _cholesky_solve(A, b):
    k = b.shape[0]
    L = np.zeros((k, k))
    for j in range(k):
        s = A[j, j]
        for p in range(j):
            s -= L[j, p] * L[j, p]
        if s <= 0.0:
            return np.full(k, np.nan)
        L[j, j] = np.sqrt(s)
        for i in range(j + 1, k):
            t = A[i, j]
            for p in range(j):
                t -= L[i, p] * L[j, p]
            L[i, j] = t / L[j, j]
    z = np.empty(k)
    for i in range(k):
        t = b[i]
        for p in range(i):
            t -= L[i, p] * z[p]
        z[i] = t / L[i, i]
    x = np.empty(k)
    for i in range(k - 1, -1, -1):
        t = z[i]
        for p in range(i + 1, k):
            t -= L[p, i] * x[p]
        x[i] = t / L[i, i]
    return x


@njit(nogil=True, cache=True)
def _nnls(A, b):
    """min 1/2 x'Ax - b'x subject to x >= 0, by cyclic projected coordinate descent."""
    k = b.shape[0]
    x = np.zeros(k)
    for _ in range(500):
        change = 0.0
        for j in range(k):
            if A[j, j] <= 0.0:
                continue
            g = -b[j]
            for p in range(k):
                g += A[j, p] * x[p]
            new = max(0.0, x[j] - g / A[j, j])
            change = max(change, abs(new - x[j]))
            x[j] = new
        if change < 1e-12:
            break
    return x


@njit(nogil=True, cache=True)
def _accumulate(A, b, cols, vals, lo, hi, Y, implicit, alpha):
    """Fill the lower triangle of A and b with one row's ratings; returns Spark's n_u."""
    k = Y.shape[1]
    n = 0
    for p in range(lo, hi):
        y = Y[cols[p]]
        r = vals[p]
        c1 = alpha * abs(r) if implicit else 1.0
        coef = (1.0 + c1 if r > 0.0 else 0.0) if implicit else r
        if not implicit or r > 0.0:
            n += 1
        for i in range(k):
            b[i] += coef * y[i]
            yi = c1 * y[i]
            for j in range(i + 1):
                A[i, j] += yi * y[j]
    return n


@njit(nogil=True, cache=True)
def solve_block(indptr, cols, vals, Y, reg, implicit, alpha, YtY, nonnegative):
    m = indptr.shape[0] - 1
    k = Y.shape[1]
    out = np.zeros((m, k), dtype=np.float32)
    A = np.empty((k, k))
    b = np.empty(k)
    for u in range(m):
        A[:, :] = 0.0
        b[:] = 0.0
        n = _accumulate(A, b, cols, vals, indptr[u], indptr[u + 1], Y, implicit, alpha)
        for i in range(k):
            for j in range(i):
                A[j, i] = A[i, j]
        if implicit:
            A += YtY
        for i in range(k):
            A[i, i] += reg * n
        x = _nnls(A, b) if nonnegative else _cholesky_solve(A, b)
        for i in range(k):
            out[u, i] = x[i]
    return out
