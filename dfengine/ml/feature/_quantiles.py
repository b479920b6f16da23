"""Distributed quantiles of numeric columns: a sketch per partition, merged on the driver.

A partition with at most `2 / relativeError` rows sends its sorted values (exact); a larger one
sends its quantiles on a grid of step `relativeError`, each weighted by `rows / grid size`, so
the merged rank error stays within about `relativeError` as Spark's QuantileSummaries. A query
for probability p returns the smallest value whose cumulative weight reaches `p * n` (the
element of rank `ceil(p * n)`, as Spark's summaries on small data).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame


def _sketch(X: np.ndarray, rel_err: float) -> tuple[np.ndarray, np.ndarray] | None:
    if X.shape[0] == 0:
        return None
    step = max(rel_err, 1e-4)
    if X.shape[0] <= 2.0 / step:
        return np.sort(X, axis=0), np.ones(X.shape[0])
    grid = np.linspace(0.0, 1.0, int(round(1.0 / step)) + 1)
    return (np.quantile(X, grid, axis=0, method="inverted_cdf"),
            np.full(grid.size, X.shape[0] / grid.size))


class _PartitionSketch:
    def __init__(self, extract: Callable[[pa.Table], np.ndarray], rel_err: float):
        self.extract, self.rel_err = extract, rel_err

    def __call__(self, table: pa.Table) -> Any:
        X = self.extract(table)
        return _sketch(X, self.rel_err)


def quantiles(df: Any, extract: Callable[[pa.Table], np.ndarray], probs: list[float],
              rel_err: float, what: str, empty: Exception | None = None) -> np.ndarray:
    """`(len(probs), d)` quantiles of the `(rows, d)` matrices `extract(table)` gives (NaN
    rows must be removed by `extract`); no rows raise `empty` (the caller's Spark error)."""
    parts = [p for p in _frame.partition_results(df, _PartitionSketch(extract, rel_err)) if p]
    if not parts:
        raise empty or IllegalArgumentException(f"Cannot compute quantiles of {what}: no rows.")
    values = np.concatenate([v for v, _ in parts], axis=0)
    weights = np.concatenate([w for _, w in parts])
    total = weights.sum()
    out = np.empty((len(probs), values.shape[1]))
    for j in range(values.shape[1]):
        order = np.argsort(values[:, j], kind="stable")
        v, cum = values[order, j], np.cumsum(weights[order])
        for i, p in enumerate(probs):
            k = np.searchsorted(cum, max(np.ceil(p * total - 1e-9), 1.0) - 1e-9)
            out[i, j] = v[min(k, v.size - 1)]
    return out


class VectorRows:
    """Non-null rows of a vector column, densified."""

    def __init__(self, col: str):
        self.col = col

    def __call__(self, table: pa.Table) -> np.ndarray:
        from dfengine.ml.linalg.arrow import vector_column_to_matrix

        X, nulls = vector_column_to_matrix(table.column(self.col), self.col)
        return X[~nulls]


class ScalarColumns:
    """Numeric columns side by side; each column's NaN/null entries are dropped (a column is
    handled alone when NaNs differ between columns)."""

    def __init__(self, cols: list[str]):
        self.cols = cols

    def __call__(self, table: pa.Table) -> np.ndarray:
        from dfengine.ml.feature._common import numeric_values

        X = np.column_stack([numeric_values(table, c) for c in self.cols]) if self.cols \
            else np.zeros((table.num_rows, 0))
        return X[~np.isnan(X).any(axis=1)]
