"""Per-partition statistics of a vector column, combined on the driver (scalers)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.linalg.arrow import vector_column_to_matrix


def _partition_stats(table: pa.Table, col: str) -> tuple:
    mat, nulls = vector_column_to_matrix(table.column(col), col)
    mat = mat[~nulls]
    if mat.shape[0] == 0:
        return 0, None, None, None, None
    return (mat.shape[0], mat.sum(axis=0), (mat * mat).sum(axis=0), mat.min(axis=0),
            mat.max(axis=0))


def vector_column_stats(df: Any, col: str) -> dict[str, np.ndarray]:
    """count, mean, unbiased std, min and max of every coordinate of a vector column."""
    _frame.require_columns(df, [col])
    parts = [p for p in _frame.partition_results(df, _partition_stats, col) if p[0]]
    if not parts:
        from dfengine.ml._checks import summarizer_empty

        raise summarizer_empty()     # Spark's scalers and selectors start from its Summarizer
    n = sum(p[0] for p in parts)
    s = np.sum([p[1] for p in parts], axis=0)
    ss = np.sum([p[2] for p in parts], axis=0)
    mean = s / n
    var = np.maximum(ss - n * mean * mean, 0.0) / (n - 1) if n > 1 else np.zeros_like(mean)
    return {"count": n, "mean": mean, "std": np.sqrt(var),
            "min": np.min([p[3] for p in parts], axis=0),
            "max": np.max([p[4] for p in parts], axis=0)}
