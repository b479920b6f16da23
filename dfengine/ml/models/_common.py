"""Pieces shared by the issue-17 models: reading (X, y, w) per partition, per-partition
sufficient statistics, prediction columns."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _checks, _frame
from dfengine.ml._predict import append_predictions
from dfengine.ml.linalg.arrow import matrix_to_vector_array, vector_column_to_csr


def weight_col(stage: Any) -> str | None:
    if stage.hasParam("weightCol") and stage.isDefined("weightCol"):
        return stage.getWeightCol() or None
    return None


def xyw(table: pa.Table, features: str, label: str | None, weight: str | None,
        sparse: bool = False) -> tuple[Any, np.ndarray, np.ndarray]:
    """One partition as (X dense or CSR, y, w); rows with a null features vector dropped."""
    from dfengine.ml.feature._common import numeric_values

    X, nulls = vector_column_to_csr(table.column(features), features)
    n = table.num_rows
    y = numeric_values(table, label) if label else np.zeros(n)
    w = numeric_values(table, weight) if weight else np.ones(n)
    keep = ~nulls
    if label:
        _checks.check_labels(y[keep])
    if weight:
        _checks.check_weights(w[keep])
    if not keep.all():
        X, y, w = X[keep], y[keep], w[keep]
    return (X if sparse else X.toarray()), y, w


def classification_columns(stage: Any, compute: Any, with_prob: bool = True) -> Any:
    from dfengine.sql.types import DoubleType, VectorUDT

    fields, names = [], {}
    for key, getter, kind in (("raw", "getRawPredictionCol", VectorUDT()),
                              ("prob", "getProbabilityCol", VectorUDT()),
                              ("pred", "getPredictionCol", DoubleType())):
        if key == "prob" and not with_prob:
            continue
        name = getattr(stage, getter)()
        if name:
            names[key] = name
            fields.append((name, kind))
    from dfengine.sql.types import StructField

    return names, [StructField(n, t, True) for n, t in fields]


class ClassifierColumns:
    """Per-partition: `compute(X) -> (raw, prob, pred)` into the requested columns."""

    def __init__(self, compute: Any, names: dict):
        self.compute, self.names = compute, names

    def __call__(self, X: np.ndarray) -> dict:
        raw, prob, pred = self.compute(X)
        out = {}
        if "raw" in self.names:
            out[self.names["raw"]] = matrix_to_vector_array(raw)
        if "prob" in self.names and prob is not None:
            out[self.names["prob"]] = matrix_to_vector_array(prob)
        if "pred" in self.names:
            out[self.names["pred"]] = pa.array(pred, pa.float64())
        return out


def append_classification(stage: Any, dataset: Any, compute: Any, with_prob: bool = True) -> Any:
    """Prediction columns of a classifier whose `compute` accepts CSR for wide features."""
    names, fields = classification_columns(stage, compute, with_prob)
    return append_predictions(dataset, stage.getFeaturesCol(),
                              ClassifierColumns(compute, names), fields, sparse=True)


class RegressionColumn:
    def __init__(self, compute: Any, name: str):
        self.compute, self.name = compute, name

    def __call__(self, X: np.ndarray) -> dict:
        return {self.name: pa.array(self.compute(X), pa.float64())}


def append_regression(stage: Any, dataset: Any, compute: Any, sparse: bool = False) -> Any:
    from dfengine.sql.types import DoubleType, StructField

    name = stage.getPredictionCol()
    return append_predictions(dataset, stage.getFeaturesCol(), RegressionColumn(compute, name),
                              [StructField(name, DoubleType(), True)], sparse=sparse)


def partition_stats(df: Any, fn: Any, *args: Any) -> list:
    return [p for p in _frame.partition_results(df, fn, *args) if p is not None]


def softmax(raw: np.ndarray) -> np.ndarray:
    z = raw - raw.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class LinearModelState:
    """`coefficients`, `intercept`, `numFeatures` of a model whose state is the arrays
    `_coefficients` and `_intercept` (saved by StateModel)."""

    _arrays = ("coefficients",)
    _extra = ("intercept",)

    @property
    def coefficients(self) -> Any:
        from dfengine.ml.linalg import DenseVector

        return DenseVector(self._coefficients)

    @property
    def intercept(self) -> float:
        return float(self._intercept)

    @property
    def numFeatures(self) -> int:
        return int(np.asarray(self._coefficients).size)


def map_per_block(blocks: Any, fn: Any, per_block: list, *args: Any) -> list:
    """`fn(block, per_block[i], *args)` on every block (e.g. a per-block sampling seed); large
    arrays among `args` are scattered once. Results in block order."""
    n = len(blocks.futures)
    shipped = [blocks._ship(a) for a in args]
    futs = blocks.client.map(fn, blocks.futures, per_block, *[[a] * n for a in shipped],
                             pure=False)
    return blocks.client.gather(futs)


class SingleRowPredictions:
    """`predict`, `predictRaw`, `predictProbability` of one vector through the model's
    `_predictor()` (a function of a feature matrix returning (raw, prob, pred))."""

    def _one(self, value: Any, which: int) -> Any:
        return self._predictor()(np.asarray(value.toArray())[None])[which][0]

    def predict(self, value: Any) -> float:
        return float(self._one(value, 2))

    def predictRaw(self, value: Any) -> Any:
        from dfengine.ml.linalg import DenseVector

        return DenseVector(self._one(value, 0))

    def predictProbability(self, value: Any) -> Any:
        from dfengine.ml.linalg import DenseVector

        return DenseVector(self._one(value, 1))
