"""Fixtures for dfengine.ml tests: a small Dask client for the numeric core and helpers."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="session")
def dask_client(spark):
    """The session's own client: the numeric core runs on the same embedded cluster."""
    return spark._runtime.client


def rel_err(a, b) -> float:
    """Largest relative difference, relative to the largest magnitude of the reference."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-12))


@pytest.fixture(scope="session")
def binary_data():
    rng = np.random.default_rng(42)
    n, d = 3000, 6
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, d) + rng.normal(size=d)
    beta = rng.normal(size=d) * 0.7
    p = 1.0 / (1.0 + np.exp(-(X @ beta - 0.4)))
    y = (rng.uniform(size=n) < p).astype(float)
    return X, y


@pytest.fixture(scope="session")
def regression_data():
    rng = np.random.default_rng(7)
    n, d = 2000, 5
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, d) + 1.0
    y = X @ rng.normal(size=d) + 3.0 + rng.normal(size=n)
    return X, y


@pytest.fixture(scope="session")
def multiclass_data():
    rng = np.random.default_rng(3)
    n, d, k = 3000, 5, 3
    X = rng.normal(size=(n, d))
    W = rng.normal(size=(k, d))
    logits = X @ W.T + rng.gumbel(size=(n, k))
    return X, np.argmax(logits, axis=1).astype(float)
