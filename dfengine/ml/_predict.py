"""Shared pieces of model `transform`: reading features and appending prediction columns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.linalg.arrow import vector_column_to_matrix


class PredictColumns:
    """Per-partition function: features matrix -> dict of output arrays (via `compute`)."""

    def __init__(self, features_col: str, compute: Callable[[np.ndarray], dict]):
        self.features_col = features_col
        self.compute = compute

    def __call__(self, table: pa.Table) -> dict:
        X, _ = vector_column_to_matrix(table.column(self.features_col), self.features_col)
        return self.compute(X)


def append_predictions(dataset: Any, features_col: str, compute: Callable,
                       fields: list) -> Any:
    """Check the features column exists and append the non-empty output columns."""
    _frame.require_columns(dataset, [features_col], "features")
    return _frame.with_new_columns(dataset, PredictColumns(features_col, compute), fields)


def check_features(model_d: int, X: np.ndarray, name: str) -> None:
    if X.shape[1] != model_d and X.shape[0] > 0:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"{name} was trained on {model_d} features but the features column holds "
            f"vectors of size {X.shape[1]}.")
