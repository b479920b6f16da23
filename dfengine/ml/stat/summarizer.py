"""`Summarizer`: vector column statistics as aggregate Columns (`pyspark.ml.stat.Summarizer`).

    Summarizer.metrics("mean", "count").summary(df.features, df.weight)  # struct column
    Summarizer.mean(df.features)                                         # one vector column

The metrics are Spark's `SummarizerBuffer` ones: weighted mean/sum, unbiased weighted variance
(`Σw(x-μ)² / (W - Σw²/W)`), std, count of rows, per-coefficient non-zero counts, max/min (the
implicit zeros of sparse vectors included), weighted L1 norm and `sqrt(Σw x²)`. Rows of weight
0 are skipped; a negative weight or a vector of another size is Spark's error. The columns
are Arrow grouped-aggregate UDFs (`_frame.aggregate_column`), so they compose with `select`
and `groupBy().agg`; the vectors are read as CSR, never densified.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.linalg.arrow import vector_column_to_csr

METRICS = ("mean", "sum", "variance", "std", "count", "numNonZeros", "max", "min", "normL2",
           "normL1")


def _require(cond: bool, msg: str) -> None:
    if not cond:
        raise IllegalArgumentException(f"requirement failed: {msg}")


def _weights(w: pa.Array, n: int) -> np.ndarray:
    w = np.asarray(pa.array(w).cast(pa.float64()).to_numpy(zero_copy_only=False), float)
    w = np.broadcast_to(w, (n,)) if w.size == 1 else w
    bad = np.flatnonzero(~(w >= 0))
    _require(bad.size == 0, f"sample weight, {w[bad[0]] if bad.size else 0} has to be >= 0.0")
    return w


def _csr(features: pa.Array) -> Any:
    try:
        return vector_column_to_csr(features, "features")
    except IllegalArgumentException as e:
        raise IllegalArgumentException(
            "requirement failed: Dimensions mismatch when adding new sample. " + str(e)) from e


def summarize(features: pa.Array, weight: pa.Array, metrics: tuple[str, ...]) -> dict:
    """The requested metrics of one group's rows, as Arrow-ready values."""
    X, nulls = _csr(features)
    w = _weights(weight, X.shape[0])
    keep = (w > 0) & ~nulls
    X, w = X[keep], w[keep]
    W, n = float(w.sum()), int(keep.sum())
    _require(W > 0 or metrics == ("count",), "Nothing has been added to this summarizer.")
    mean = np.asarray(X.T @ w).ravel() / W if W > 0 else None
    out: dict[str, Any] = {}
    for m in metrics:
        out[m] = n if m == "count" else _dense(_metric(m, X, w, W, mean))
    return out


def _metric(m: str, X: Any, w: np.ndarray, W: float, mean: np.ndarray) -> np.ndarray:
    if m == "mean":
        return mean
    if m == "sum":
        return mean * W
    if m in ("variance", "std"):
        sq = np.asarray(X.multiply(X).T @ w).ravel()
        denom = W - float(w @ w) / W
        var = np.maximum((sq - W * mean * mean) / denom, 0.0) if denom > 0 else \
            np.zeros_like(mean)
        return np.sqrt(var) if m == "std" else var
    if m == "numNonZeros":
        return np.asarray((X != 0).sum(axis=0), float).ravel()
    if m in ("max", "min"):
        ext = X.max(axis=0) if m == "max" else X.min(axis=0)
        return np.asarray(ext.toarray(), float).ravel()
    if m == "normL1":
        return np.asarray(abs(X).T @ w).ravel()
    return np.sqrt(np.asarray(X.multiply(X).T @ w).ravel())   # normL2


def _dense(v: np.ndarray) -> dict:
    """A dense vector as its VectorUDT struct value."""
    return {"type": 1, "size": None, "indices": None, "values": [float(x) for x in v]}


def _struct_type(metrics: tuple[str, ...]) -> Any:
    from dfengine.ml.linalg import VectorUDT
    from dfengine.sql.types import LongType, StructField, StructType

    return StructType([StructField(m, LongType() if m == "count" else VectorUDT(), False)
                       for m in metrics])


class _Aggregate:
    """Picklable aggregate: the metrics struct (or one metric) of a group's rows."""

    def __init__(self, metrics: tuple[str, ...], single: bool):
        self.metrics = metrics
        self.single = single

    def __call__(self, features: pa.Array, weight: pa.Array) -> Any:
        out = summarize(features, weight, self.metrics)
        return out[self.metrics[0]] if self.single else out


def _columns(col: Any, weightCol: Any) -> tuple[Any, Any]:
    from dfengine.sql import functions as F

    col = F.col(col) if isinstance(col, str) else col
    weightCol = F.lit(1.0) if weightCol is None else (
        F.col(weightCol) if isinstance(weightCol, str) else weightCol)
    return col, weightCol


class SummaryBuilder:
    """Computes the chosen metrics of a vector column (`Summarizer.metrics(...)`)."""

    def __init__(self, metrics: tuple[str, ...]):
        for m in metrics:
            if m not in METRICS:
                raise IllegalArgumentException(
                    f"Metric {m} cannot be found. Valid metrics are {', '.join(METRICS)}")
        self._metrics = tuple(metrics)

    def summary(self, featuresCol: Any, weightCol: Any = None) -> Any:
        """A struct Column with one field per metric, in the order they were requested."""
        col, w = _columns(featuresCol, weightCol)
        return _frame.aggregate_column(_Aggregate(self._metrics, False),
                                       _struct_type(self._metrics), "aggregate_metrics", col, w)


def _single(metric: str, col: Any, weightCol: Any) -> Any:
    from dfengine.ml.linalg import VectorUDT
    from dfengine.sql.types import LongType

    text = str(col)   # Spark names the column f"{metric}({col})": Column<'features'> -> features
    name = text[8:-2] if text.startswith("Column<'") else text
    c, w = _columns(col, weightCol)
    rt = LongType() if metric == "count" else VectorUDT()
    return _frame.aggregate_column(_Aggregate((metric,), True), rt, f"summarizer_{metric}", c, w).alias(
        f"{metric}({name})")


class Summarizer:
    """Vectorized statistics of a vector column (mean, variance, ... as in Spark)."""

    @staticmethod
    def metrics(*metrics: str) -> SummaryBuilder:
        return SummaryBuilder(metrics)

    @staticmethod
    def mean(col: Any, weightCol: Any = None) -> Any:
        return _single("mean", col, weightCol)

    @staticmethod
    def sum(col: Any, weightCol: Any = None) -> Any:
        return _single("sum", col, weightCol)

    @staticmethod
    def variance(col: Any, weightCol: Any = None) -> Any:
        return _single("variance", col, weightCol)

    @staticmethod
    def std(col: Any, weightCol: Any = None) -> Any:
        return _single("std", col, weightCol)

    @staticmethod
    def count(col: Any, weightCol: Any = None) -> Any:
        return _single("count", col, weightCol)

    @staticmethod
    def numNonZeros(col: Any, weightCol: Any = None) -> Any:
        return _single("numNonZeros", col, weightCol)

    @staticmethod
    def max(col: Any, weightCol: Any = None) -> Any:
        return _single("max", col, weightCol)

    @staticmethod
    def min(col: Any, weightCol: Any = None) -> Any:
        return _single("min", col, weightCol)

    @staticmethod
    def normL1(col: Any, weightCol: Any = None) -> Any:
        return _single("normL1", col, weightCol)

    @staticmethod
    def normL2(col: Any, weightCol: Any = None) -> Any:
        return _single("normL2", col, weightCol)
