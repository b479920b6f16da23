"""Shared pieces of model `transform`: reading features and appending prediction columns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.linalg.arrow import vector_column_to_csr, vector_column_to_matrix

WIDE_FEATURES = 4096


def features_matrix(table: pa.Table, name: str, sparse: bool = False) -> Any:
    """A partition's features as a dense matrix; with `sparse`, wide ones (> 4096 columns,
    e.g. hashed text) as a scipy CSR matrix instead, never densified."""
    if not sparse:
        return vector_column_to_matrix(table.column(name), name)[0]
    X, _ = vector_column_to_csr(table.column(name), name)
    return X if X.shape[1] > WIDE_FEATURES else X.toarray()


class PredictColumns:
    """Per-partition function: features matrix -> dict of output arrays (via `compute`).

    `sparse=True` for computes that accept a CSR matrix (`X @ coef`): wide features then stay
    sparse."""

    def __init__(self, features_col: str, compute: Callable[[Any], dict], sparse: bool = False):
        self.features_col = features_col
        self.compute = compute
        self.sparse = sparse

    def __call__(self, table: pa.Table) -> dict:
        return self.compute(features_matrix(table, self.features_col, self.sparse))


def append_predictions(dataset: Any, features_col: str, compute: Callable,
                       fields: list, sparse: bool = False) -> Any:
    """Check the features column exists and append the non-empty output columns."""
    _frame.require_columns(dataset, [features_col], "features")
    return _frame.with_new_columns(dataset, PredictColumns(features_col, compute, sparse),
                                   fields)


def check_features(model_d: int, X: np.ndarray, name: str) -> None:
    if X.shape[1] != model_d and X.shape[0] > 0:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"{name} was trained on {model_d} features but the features column holds "
            f"vectors of size {X.shape[1]}.")


class Predictions:
    """A model's predictions on a dataset (computed once, on first use) and the name of
    the prediction column: what every summary starts from."""

    def __init__(self, model: Any, dataset: Any):
        self._model = model
        self._dataset = dataset

    @property
    def predictions(self) -> Any:
        if "_predictions" not in self.__dict__:
            self.__dict__["_predictions"] = self._model.transform(self._dataset)
        return self.__dict__["_predictions"]

    @property
    def predictionCol(self) -> str:
        return self._model.getPredictionCol()


class ModelSummary(Predictions):
    """What every supervised model summary shares: predictions and the column names."""

    @property
    def labelCol(self) -> str:
        return self._model.getLabelCol()

    @property
    def featuresCol(self) -> str:
        return self._model.getFeaturesCol()


class ClusteringSummary(Predictions):
    """PySpark's `ClusteringSummary`: the model's predictions on its training data, the
    cluster column, `k`, the iteration count and the cluster sizes (given by the fit, or, as
    Spark's, counted from the predictions on first use)."""

    def __init__(self, model: Any, dataset: Any, k: int, iterations: int,
                 sizes: list[int] | None = None):
        super().__init__(model, dataset)
        self.k = int(k)
        self.numIter = int(iterations)
        if sizes is not None:
            self.__dict__["_sizes"] = [int(s) for s in sizes]

    @property
    def featuresCol(self) -> str:
        return self._model.getFeaturesCol()

    @property
    def cluster(self) -> Any:
        """The prediction column of `predictions`, as a one-column DataFrame."""
        return self.predictions.select(self.predictionCol)

    @property
    def clusterSizes(self) -> list[int]:
        if "_sizes" not in self.__dict__:
            counts = self.cluster.groupBy(self.predictionCol).count().collect()
            sizes = [0] * self.k
            for row in counts:
                sizes[int(row[0])] = int(row[1])
            self.__dict__["_sizes"] = sizes
        return list(self.__dict__["_sizes"])
