"""Linear regression training: normal equations from a distributed XᵀWX, or L-BFGS.

Spark's objective: it standardizes the label by its standard deviation `std_y` and uses the
effective regularization `regParam / std_y` on the scaled problem (glmnet's convention). Mapped
back to the original scale that is

    1/(2 W) sum w (y - x.beta - b)^2 + regParam * ((1 - alpha)/(2 std_y) * sum c_j beta_j^2
                                                  + alpha * sum l_j |beta_j|)

with `c_j = std_j^2, l_j = std_j` when `standardization=True` and `c_j = l_j = 1` otherwise.
So with `standardization=False`: ridge is sklearn's `Ridge(alpha)` for
`regParam = alpha * std_y / n`, the lasso is sklearn's `Lasso(alpha)` for `regParam = alpha`,
and `regParam=0` is OLS.

The normal solver aggregates `[XᵀWX | XᵀWy]` once (one task per block, summed in block
order) and solves on the driver: a linear solve for L2/OLS, OWL-QN (Spark's WLS QuasiNewton) on the Gram
matrix when there is an L1 term. Like Spark's WeightedLeastSquares it uses population
(biased) standard deviations; the L-BFGS path uses sample ones, like Spark's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from dfengine.ml.optim.blocks import Blocks, Moments
from dfengine.ml.optim.kernels import least_squares_loss_grad
from dfengine.ml.optim.lbfgs import minimize_lbfgs
from dfengine.ml.optim.owlqn import minimize_owlqn
from dfengine.ml.optim.sparse_kernels import block_kernel, weighted_gram_any


@dataclass
class LinearFit:
    coefficients: np.ndarray
    intercept: float
    objective_history: list[float]
    iterations: int


NUMBA_GRAM_MAX_FEATURES = 64


def _gram_task(block: tuple) -> np.ndarray:
    X, y, w = block
    if sp.issparse(X) or X.shape[1] <= NUMBA_GRAM_MAX_FEATURES:
        return weighted_gram_any(X, y, w)
    if np.all(w == 1.0):
        gram = X.T @ X
        xty = X.T @ y
    else:
        xw = X * w[:, None]
        gram = X.T @ xw
        xty = xw.T @ y
    return np.concatenate([gram.ravel(), xty])


def solve_normal(blocks: Blocks, moments: Moments, reg: float, alpha: float,
                 standardization: bool, fit_intercept: bool, max_iter: int = 1000,
                 tol: float = 1e-12) -> LinearFit:
    d = blocks.n_features
    tot = blocks.reduce_sum(_gram_task)
    wsum = moments.weight_sum
    gram = tot[:d * d].reshape(d, d) / wsum
    xty = tot[d * d:] / wsum
    mean, ymean = moments.mean, moments.label_mean
    if fit_intercept:
        C = gram - np.outer(mean, mean)
        r = xty - mean * ymean
        yvar = max(moments.label_std ** 2 * _unbias(moments), 0.0)
        ysq = yvar
    else:
        C, r = gram, xty
        ysq = (moments.label_std ** 2 * _unbias(moments) + ymean ** 2)
    pop_std = np.sqrt(np.maximum(np.diag(C) if fit_intercept
                                 else np.diag(gram) - mean * mean, 0.0))
    std_y = np.sqrt(max(moments.label_std ** 2 * _unbias(moments), 0.0))
    if fit_intercept and std_y == 0.0:
        return LinearFit(np.zeros(d), float(ymean), [0.0], 0)
    if standardization:
        c, lw = pop_std ** 2, pop_std
    else:
        c, lw = np.ones(d), np.ones(d)
    l2 = reg * (1 - alpha) * c / std_y if std_y > 0 else reg * (1 - alpha) * c
    l1 = reg * alpha * lw
    active = np.flatnonzero(np.diag(C) > 0) if fit_intercept else np.arange(d)
    beta = np.zeros(d)
    iters, history = 0, None
    if active.size:
        Ca = C[np.ix_(active, active)]
        if np.any(l1 > 0):
            beta[active], iters, history = _wls_owlqn(Ca, r[active], l2[active], l1[active],
                                                      pop_std[active], std_y, ysq, max_iter,
                                                      tol)
        else:
            A = Ca + np.diag(l2[active])
            try:
                beta[active] = np.linalg.solve(A, r[active])
            except np.linalg.LinAlgError:
                beta[active] = np.linalg.lstsq(A, r[active], rcond=None)[0]
    intercept = float(ymean - mean @ beta) if fit_intercept else 0.0
    if history is None:
        obj = 0.5 * (beta @ C @ beta) - r @ beta + 0.5 * ysq
        history = [float(obj + 0.5 * float(l2 @ (beta * beta)) + float(l1 @ np.abs(beta)))]
    return LinearFit(beta, intercept, history, iters)


def _wls_owlqn(C: np.ndarray, r: np.ndarray, l2: np.ndarray, l1: np.ndarray, std: np.ndarray,
               std_y: float, ysq: float, max_iter: int, tol: float
               ) -> tuple[np.ndarray, int, list[float]]:
    """Spark's WeightedLeastSquares with an L1 part (its QuasiNewton solver): OWL-QN on the
    quadratic of the standardized problem (population stds, label scaled by `std_y`), from 0.
    Returns original-scale coefficients, iterations and Spark's objective history."""
    inv = np.where(std > 0, 1.0 / np.where(std > 0, std, 1.0), 0.0)
    # the original-scale objective divided by std_y^2, in w = beta * std / std_y
    A = C * np.outer(inv, inv)
    b = r * inv / std_y
    l2s, l1s = l2 * inv * inv, l1 * inv / std_y
    yy = 0.5 * ysq / (std_y * std_y)

    def fun_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
        aw = A @ w
        return (0.5 * float(w @ aw) - float(b @ w) + yy + 0.5 * float(l2s @ (w * w)),
                aw - b + l2s * w)

    res = minimize_owlqn(fun_grad, np.zeros(r.size), l1s, max_iter, tol)
    return res.x * inv * std_y, res.iterations, res.objective_history


def _unbias(m: Moments) -> float:
    """Factor turning the summarizer's unbiased variance into the population one."""
    return (m.weight_sum - 1.0) / m.weight_sum if m.weight_sum > 1.0 else 1.0


def _ls_task(block: tuple, coef: np.ndarray, intercept: float) -> np.ndarray:
    return block_kernel(least_squares_loss_grad, *block, coef, intercept)


def solve_lbfgs(blocks: Blocks, moments: Moments, reg: float, alpha: float,
                standardization: bool, fit_intercept: bool, max_iter: int,
                tol: float) -> LinearFit:
    """Spark's L-BFGS path: features scaled by their (sample) std, the label by its std
    `s_y` and centered, no intercept variable (it is `mean y - beta . mean x` at the end); the
    objective is `1/(2W) sum w (x~.b + offset - y/s_y)^2 + L2(regParam/s_y)` and, with an L1
    part, OWL-QN runs it step for step as Spark does (so `objectiveHistory` is Spark's)."""
    d = blocks.n_features
    std, y_std = moments.std, moments.label_std      # Spark's Summarizer: unbiased
    if y_std == 0.0:
        y_std = abs(moments.label_mean)
    if y_std == 0.0 or (fit_intercept and moments.label_std == 0.0):
        b = float(moments.label_mean) if fit_intercept else 0.0
        return LinearFit(np.zeros(d), b, [0.0], 0)
    inv = np.where(std > 0, 1.0 / np.where(std > 0, std, 1.0), 0.0)
    center = moments.mean if fit_intercept else np.zeros(d)
    wsum, eff = moments.weight_sum, reg / y_std
    l2 = eff * (1 - alpha) * (np.ones(d) if standardization else inv * inv)
    l1 = eff * alpha * (np.ones(d) if standardization else inv)

    def to_original(w: np.ndarray) -> tuple[np.ndarray, float]:
        coef = w * inv * y_std
        return coef, float(moments.label_mean - coef @ center) if fit_intercept else 0.0

    def fun_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
        coef, b = to_original(w)
        tot = blocks.reduce_sum(_ls_task, coef=coef, intercept=b)
        scale = 1.0 / (y_std * wsum)
        loss = tot[0] * scale / y_std + 0.5 * float(l2 @ (w * w))
        g = (tot[1:1 + d] - tot[1 + d] * center) * inv * scale + l2 * w
        return loss, g

    if alpha > 0.0 and reg > 0.0:
        res = minimize_owlqn(fun_grad, np.zeros(d), l1, max_iter, tol)
    else:
        res = minimize_lbfgs(fun_grad, np.zeros(d), None, max_iter, tol)
    coef, b = to_original(res.x)
    return LinearFit(coef, b, res.objective_history, res.iterations)
