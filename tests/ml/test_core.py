"""The numeric training core on numpy blocks against scikit-learn on the same objective.

Mapping used throughout (standardization off): logistic `regParam = 1 / (C * n)`; ridge
`regParam = alpha * std(y) / n` (Spark divides its L2 term by the label's standard deviation,
population std for the normal solver, sample std for L-BFGS, as Spark does); lasso
`regParam = alpha`.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge

from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.kmeans import init_kmeans_parallel, lloyd
from dfengine.ml.optim.least_squares import solve_lbfgs, solve_normal
from dfengine.ml.optim.logistic import train_logistic
from tests.ml.conftest import rel_err


def _blocks(client, X, y, splits=(0.3, 0.7)):
    n = len(y)
    cuts = [0] + [int(s * n) for s in splits] + [n]
    return Blocks.from_numpy(client, [(X[a:b], y[a:b], np.ones(b - a))
                                      for a, b in itertools.pairwise(cuts)])


def test_binary_logistic_l2_matches_sklearn(dask_client, binary_data):
    X, y = binary_data
    C = 0.05
    bl = _blocks(dask_client, X, y)
    fit = train_logistic(bl, bl.moments(), 2, False, 1.0 / (C * len(y)), 0.0, False, True,
                         200, 1e-10)
    sk = LogisticRegression(C=C, tol=1e-12, max_iter=10000).fit(X, y)
    assert rel_err(fit.coefficients[0], sk.coef_[0]) < 1e-4
    assert abs(fit.intercepts[0] - sk.intercept_[0]) < 1e-4
    hist = fit.objective_history
    assert len(hist) == fit.iterations + 1 and all(np.diff(hist) <= 1e-12)


def test_binary_logistic_standardized_penalty(dask_client, binary_data):
    """standardization=True penalizes beta*std: sklearn on X/std gives coef*std."""
    X, y = binary_data
    C = 0.05
    bl = _blocks(dask_client, X, y)
    fit = train_logistic(bl, bl.moments(), 2, False, 1.0 / (C * len(y)), 0.0, True, True,
                         200, 1e-10)
    std = X.std(axis=0, ddof=1)
    sk = LogisticRegression(C=C, tol=1e-12, max_iter=10000).fit(X / std, y)
    assert rel_err(fit.coefficients[0], sk.coef_[0] / std) < 1e-4


def test_multinomial_logistic_matches_sklearn(dask_client, multiclass_data):
    X, y = multiclass_data
    C = 0.1
    bl = _blocks(dask_client, X, y)
    fit = train_logistic(bl, bl.moments(), 3, True, 1.0 / (C * len(y)), 0.0, False, True,
                         300, 1e-10)
    sk = LogisticRegression(C=C, tol=1e-12, max_iter=10000).fit(X, y)
    assert rel_err(fit.coefficients, sk.coef_) < 1e-4
    assert rel_err(fit.intercepts, sk.intercept_ - sk.intercept_.mean()) < 1e-4


def test_l1_logistic_gives_sparse_kkt_solution(dask_client, binary_data):
    """L1 via OWL-QN (Spark's optimizer): check the optimality (KKT) conditions directly."""
    X, y = binary_data
    Xn = np.hstack([X, np.random.default_rng(0).normal(size=(len(y), 3))])  # noise features
    bl = _blocks(dask_client, Xn, y)
    reg = 0.02
    fit = train_logistic(bl, bl.moments(), 2, False, reg, 1.0, False, True, 500, 1e-12)
    beta, b = fit.coefficients[0], fit.intercepts[0]
    p = 1 / (1 + np.exp(-(Xn @ beta + b)))
    grad = Xn.T @ (p - y) / len(y)
    nz = np.abs(beta) > 1e-8
    assert np.any(~nz), "an L1 penalty this strong must zero some coefficients"
    assert np.max(np.abs(grad[nz] + reg * np.sign(beta[nz]))) < 1e-5
    assert np.all(np.abs(grad[~nz]) <= reg + 1e-5)


@pytest.mark.parametrize("solver", ["normal", "lbfgs"])
def test_ols_and_ridge_match_sklearn(dask_client, regression_data, solver):
    X, y = regression_data
    n = len(y)
    bl = _blocks(dask_client, X, y)
    m = bl.moments()

    def run(reg):
        if solver == "normal":
            return solve_normal(bl, m, reg, 0.0, False, True)
        return solve_lbfgs(bl, m, reg, 0.0, False, True, 500, 1e-14)

    std_y = y.std(ddof=0)   # both solvers scale by the population std, as Spark's

    ols = run(0.0)
    sk = LinearRegression().fit(X, y)
    assert rel_err(ols.coefficients, sk.coef_) < 1e-4
    assert abs(ols.intercept - sk.intercept_) < 1e-4 * abs(sk.intercept_)
    alpha = 500.0
    ridge = run(alpha * std_y / n)
    sk = Ridge(alpha=alpha).fit(X, y)
    assert rel_err(ridge.coefficients, sk.coef_) < 1e-4
    assert abs(ridge.intercept - sk.intercept_) < 1e-4 * abs(sk.intercept_)


def test_lasso_normal_matches_sklearn(dask_client, regression_data):
    X, y = regression_data
    bl = _blocks(dask_client, X, y)
    reg = 0.2
    fit = solve_normal(bl, bl.moments(), reg, 1.0, False, True)
    sk = Lasso(alpha=reg, tol=1e-14, max_iter=100000).fit(X, y)
    assert rel_err(fit.coefficients, sk.coef_) < 1e-4


def test_kmeans_lloyd_matches_sklearn_from_same_centers(dask_client):
    rng = np.random.default_rng(5)
    X = np.vstack([rng.normal(size=(400, 3)) + 4 * i for i in range(4)])
    X = rng.permutation(X)
    init = X[:4].copy()
    bl = _blocks(dask_client, X, np.zeros(len(X)))
    fit = lloyd(bl, init, 300, 0.0)
    sk = SkKMeans(4, init=init, n_init=1, tol=0.0, max_iter=300, algorithm="lloyd").fit(X)
    assert abs(fit.cost - sk.inertia_) <= 1e-3 * sk.inertia_
    centers = init_kmeans_parallel(bl, 4, seed=3, steps=2)
    assert centers.shape == (4, 3)
    fit2 = lloyd(bl, centers, 50, 1e-6)
    # k-means|| on well separated blobs finds the true clustering
    assert abs(fit2.cost - sk.inertia_) <= 1e-3 * sk.inertia_


def test_results_do_not_depend_on_run(dask_client, binary_data):
    """Fixed-order reduction: two runs on the same blocks give identical bits."""
    X, y = binary_data
    bl = _blocks(dask_client, X, y)
    m = bl.moments()
    a = train_logistic(bl, m, 2, False, 0.01, 0.0, True, True, 50, 1e-8)
    b = train_logistic(bl, m, 2, False, 0.01, 0.0, True, True, 50, 1e-8)
    assert np.array_equal(a.coefficients, b.coefficients)
