"""Logistic regression training (binary and multinomial) on distributed blocks.

Spark's objective: mean weighted log-loss + regParam * (alpha * L1 + (1 - alpha) / 2 * L2).
The optimizer works on standardized coefficients `beta_std = beta * std` and a centered
intercept (features are neither copied nor rescaled: each step converts the current point to
original-scale coefficients before shipping it, and maps the gradient back). With
`standardization=True` the penalty applies to `beta_std`; with `False` to `beta` itself, i.e.
`beta_std / std`, exactly as Spark does. The intercept is never penalized. Features with zero
variance get coefficient 0, as in Spark.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dfengine.ml.optim.blocks import Blocks, Moments
from dfengine.ml.optim.kernels import binary_logistic_loss_grad, multinomial_loss_grad
from dfengine.ml.optim.lbfgs import minimize_lbfgs
from dfengine.ml.optim.owlqn import minimize_owlqn
from dfengine.ml.optim.sparse_kernels import block_kernel


def _binary_task(block: tuple, coef: np.ndarray, intercept: float) -> np.ndarray:
    return block_kernel(binary_logistic_loss_grad, *block, coef, intercept)


def _multinomial_task(block: tuple, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    return block_kernel(multinomial_loss_grad, *block, coef, intercept)


@dataclass
class LogisticFit:
    coefficients: np.ndarray      # (K, d) for multinomial, (1, d) for binary
    intercepts: np.ndarray        # (K,) or (1,)
    objective_history: list[float]
    iterations: int


def _penalties(moments: Moments, reg: float, alpha: float, standardization: bool
               ) -> tuple[np.ndarray, np.ndarray]:
    """Per-coordinate L2 and L1 weights on the standardized coefficients."""
    std = moments.std
    inv = np.where(std > 0, 1.0 / np.where(std > 0, std, 1.0), 0.0)
    if standardization:
        l2 = np.full(std.size, reg * (1 - alpha))
        l1 = np.full(std.size, reg * alpha)
    else:
        l2 = reg * (1 - alpha) * inv * inv
        l1 = reg * alpha * inv
    return l2, l1


def train_logistic(blocks: Blocks, moments: Moments, num_classes: int, multinomial: bool,
                   reg: float, alpha: float, standardization: bool, fit_intercept: bool,
                   max_iter: int, tol: float) -> LogisticFit:
    d = blocks.n_features
    std, mean = moments.std, moments.mean
    inv = np.where(std > 0, 1.0 / np.where(std > 0, std, 1.0), 0.0)
    center = mean if fit_intercept else np.zeros(d)
    wsum = moments.weight_sum
    l2, l1 = _penalties(moments, reg, alpha, standardization)
    k = num_classes if multinomial else 1
    task = _multinomial_task if multinomial else _binary_task

    def to_original(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        bs = x[:k * d].reshape(k, d)
        beta = bs * inv
        b = x[k * d:] - beta @ center if fit_intercept else np.zeros(k)
        return beta, b

    def fun_grad(x: np.ndarray) -> tuple[float, np.ndarray]:
        beta, b = to_original(x)
        if multinomial:
            tot = blocks.reduce_sum(task, coef=beta, intercept=b)
            gb = tot[1:1 + k * d].reshape(k, d)
            gi = tot[1 + k * d:]
        else:
            tot = blocks.reduce_sum(task, coef=beta[0], intercept=float(b[0]))
            gb = tot[1:1 + d].reshape(1, d)
            gi = tot[1 + d:]
        loss = tot[0] / wsum
        gb = gb / wsum
        gi = gi / wsum
        # chain rule through beta = bs * inv and b = b' - beta @ center
        g_bs = (gb - np.outer(gi, center)) * inv
        bs = x[:k * d].reshape(k, d)
        loss += 0.5 * float(np.sum(l2 * bs * bs))
        g_bs = g_bs + l2 * bs
        grad = np.concatenate([g_bs.ravel(), gi if fit_intercept else np.zeros(k)])
        return loss, grad

    x0 = np.zeros(k * d + k)
    if fit_intercept:
        # Spark's start: the class priors (multinomial: log(1 + count), centered)
        counts = _class_weights(blocks, num_classes)
        if np.count_nonzero(counts) == 1:
            return constant_label_fit(counts, d, multinomial)
        if multinomial:
            raw = np.log1p(counts)
            x0[k * d:] = raw - raw.sum() / raw.size
        else:
            p = np.clip(counts / counts.sum(), 1e-12, None)
            x0[k * d] = np.log(p[1] / p[0]) if p.size > 1 else 0.0
    l1_full = np.concatenate([np.tile(l1, k), np.zeros(k)])
    if reg > 0.0 and alpha > 0.0:    # Spark's OWL-QN, step for step
        res = minimize_owlqn(fun_grad, x0, l1_full, max_iter, tol)
    else:
        res = minimize_lbfgs(fun_grad, x0, None, max_iter, tol)
    beta, b = to_original(res.x)
    if multinomial:
        # With no penalty the class coefficients are identified only up to a common vector:
        # Spark centers them (glmnet's choice).
        if reg == 0.0:
            beta = beta - beta.mean(axis=0)
        if fit_intercept:
            b = b - b.mean()   # intercepts are identified only up to a constant
    return LogisticFit(beta, b, res.objective_history, res.iterations)


def constant_label_fit(counts: np.ndarray, d: int, multinomial: bool) -> LogisticFit:
    """Spark's answer when every label is the same class c (with an intercept): zero
    coefficients and an infinite intercept, without training (history [0.0]). Binomial: +inf for c = 1, -inf
    for c = 0; multinomial: +inf for class c, 0 for the others."""
    c = int(np.flatnonzero(counts)[0])
    if multinomial:
        intercepts = np.zeros(counts.size)
        intercepts[c] = np.inf
        return LogisticFit(np.zeros((counts.size, d)), intercepts, [0.0], 0)
    return LogisticFit(np.zeros((1, d)), np.array([np.inf if c == 1 else -np.inf]), [0.0], 0)


def _class_weight_task(block: tuple, num_classes: int) -> np.ndarray:
    y, w = block[1], block[2]
    return np.bincount(y.astype(np.int64), weights=w, minlength=num_classes)[:num_classes]


def _class_weights(blocks: Blocks, num_classes: int) -> np.ndarray:
    return blocks.reduce_sum(_class_weight_task, num_classes=num_classes)
