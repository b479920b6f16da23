"""Per-partition sufficient statistics of (features, label), combined on the driver in
partition order: Gram matrices for correlation and F tests, per-class moments for ANOVA,
(value, label) contingency counts for chi-squared tests."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.linalg.arrow import vector_column_to_matrix


def _features(table: pa.Table, col: str) -> np.ndarray:
    X, nulls = vector_column_to_matrix(table.column(col), col)
    return X[~nulls]


def _label(table: pa.Table, col: str) -> np.ndarray:
    from dfengine.ml.feature._common import numeric_values

    return numeric_values(table, col)


def _gram(table: pa.Table, col: str, label: str | None) -> tuple:
    X = _features(table, col)
    if label is not None:
        X = np.column_stack([X, _label(table, label)])
    return X.shape[0], X.sum(axis=0), X.T @ X


def gram(df: Any, col: str, label: str | None = None, empty: Exception | None = None
         ) -> tuple[int, np.ndarray, np.ndarray]:
    """(n, column sums, XᵀX) of the features (with the label as the last column if given);
    no rows raise `empty` (by default an IllegalArgumentException)."""
    _frame.require_columns(df, [col] + ([label] if label else []))
    parts = [p for p in _frame.partition_results(df, _gram, col, label) if p[0]]
    if not parts:
        raise empty or IllegalArgumentException("The input dataset is empty.")
    n = sum(p[0] for p in parts)
    s = parts[0][1].copy()
    g = parts[0][2].copy()
    for p in parts[1:]:
        s += p[1]
        g += p[2]
    return n, s, g


def covariance(n: int, s: np.ndarray, g: np.ndarray) -> np.ndarray:
    mean = s / n
    return (g - n * np.outer(mean, mean)) / max(n - 1, 1)


def _class_moments(table: pa.Table, col: str, label: str) -> dict:
    X, y = _features(table, col), _label(table, label)
    out = {}
    for c in np.unique(y):
        m = X[y == c]
        out[float(c)] = (m.shape[0], m.sum(axis=0), (m * m).sum(axis=0))
    return out


def class_moments(df: Any, col: str, label: str) -> dict[float, tuple]:
    """label -> (count, per-feature sums, per-feature sums of squares)."""
    _frame.require_columns(df, [col, label])
    total: dict[float, list] = {}
    for part in _frame.partition_results(df, _class_moments, col, label):
        for c, (n, s, ss) in part.items():
            if c in total:
                total[c][0] += n
                total[c][1] = total[c][1] + s
                total[c][2] = total[c][2] + ss
            else:
                total[c] = [n, s, ss]
    if not total:
        raise IllegalArgumentException("The input dataset is empty.")
    return {c: tuple(v) for c, v in sorted(total.items())}


def _contingency(table: pa.Table, col: str, label: str) -> list[dict]:
    X, y = _features(table, col), _label(table, label)
    out = []
    for j in range(X.shape[1]):
        pairs, counts = np.unique(np.column_stack([X[:, j], y]), axis=0, return_counts=True)
        out.append({(float(a), float(b)): int(c) for (a, b), c in zip(pairs, counts)})
    return out


def contingency(df: Any, col: str, label: str, empty: Exception | None = None
                ) -> list[dict[tuple[float, float], int]]:
    """For each feature: {(feature value, label): count}; no rows raise `empty` (by default an
    IllegalArgumentException), as in `gram`."""
    _frame.require_columns(df, [col, label])
    parts = [p for p in _frame.partition_results(df, _contingency, col, label) if p]
    if not parts:
        raise empty or IllegalArgumentException("The input dataset is empty.")
    total = [dict() for _ in parts[0]]
    for p in parts:
        for j, d in enumerate(p):
            t = total[j]
            for k, c in d.items():
                t[k] = t.get(k, 0) + c
    return total
