"""Bucketizer and QuantileDiscretizer (single or multiple columns), as in pyspark.ml.feature."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import (
    ArrayIndexOutOfBoundsException,
    IllegalArgumentException,
    SparkRuntimeException,
)
from dfengine.ml import _frame
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    Transformer,
    append,
    numeric_values,
)
from dfengine.ml.feature._quantiles import ScalarColumns, quantiles
from dfengine.ml.param.shared import (
    HasHandleInvalid,
    HasInputCol,
    HasInputCols,
    HasOutputCol,
    HasOutputCols,
)


def _check_splits(splits: list[float]) -> None:
    if len(splits) < 3:
        raise IllegalArgumentException(
            f"requirement failed: Bucketizer splits should have at least 3 split points, but "
            f"got {len(splits)}")
    if any(b <= a for a, b in zip(splits, splits[1:])):
        raise IllegalArgumentException(
            "requirement failed: Bucketizer splits should be strictly increasing.")


def bucketize(x: np.ndarray, splits: np.ndarray, keep_nan: bool) -> np.ndarray:
    """Bucket index of each value: [s_i, s_{i+1}), the last bucket closed; NaN -> len-1."""
    idx = np.searchsorted(splits, x, side="right") - 1
    idx = np.where(x == splits[-1], len(splits) - 2, idx)
    nan = np.isnan(x)
    bad = ~nan & ((idx < 0) | (idx > len(splits) - 2))
    if bad.any():
        v = float(x[np.flatnonzero(bad)[0]])
        raise SparkRuntimeException(
            f"Feature value {v} out of Bucketizer bounds [{splits[0]}, {splits[-1]}]. Check "
            f"your features, or loosen the lower/upper bound constraints.",
            "BUCKETIZER_OUT_OF_BOUNDS")
    if nan.any() and not keep_nan:
        raise SparkRuntimeException(
            "Bucketizer encountered NaN value. To handle or skip NaNs, try setting "
            "Bucketizer.handleInvalid.", "BUCKETIZER_NAN")
    return np.where(nan, len(splits) - 1, idx).astype(np.float64)


class _Buckets:
    def __init__(self, cols: list[str], outs: list[str], splits: list[np.ndarray], keep: bool):
        self.cols, self.outs, self.splits, self.keep = cols, outs, splits, keep

    def __call__(self, table: pa.Table) -> dict:
        return {o: _bucket_column(table, c, s, self.keep)
                for c, o, s in zip(self.cols, self.outs, self.splits)}


def _bucket_column(table: pa.Table, col: str, splits: np.ndarray, keep: bool) -> pa.Array:
    """Bucket indices of one column; a null input stays null whatever `handleInvalid` says
    (Spark's UDF on a primitive double skips nulls; only NaN is "invalid")."""
    x = numeric_values(table, col)
    null = ~_valid_mask(table.column(col))
    out = np.zeros(len(x))
    out[~null] = bucketize(x[~null], splits, keep)
    return pa.array(out, mask=null)


def _valid_mask(col: pa.ChunkedArray) -> np.ndarray:
    return col.is_valid().to_numpy(zero_copy_only=False)


class _NoNaN:
    def __init__(self, cols: list[str]):
        self.cols = cols

    def __call__(self, table: pa.Table) -> np.ndarray:
        ok = np.ones(table.num_rows, dtype=bool)
        for c in self.cols:
            ok &= ~np.isnan(numeric_values(table, c))
        return ok


class _BucketParams(HasInputCol, HasOutputCol, HasInputCols, HasOutputCols, HasHandleInvalid):
    def _columns(self) -> tuple[list[str], list[str]]:
        if self.isSet("inputCols"):
            cols, outs = self.getInputCols(), self.getOutputCols()
            if len(cols) != len(outs):
                raise IllegalArgumentException(
                    f"requirement failed: inputCols ({len(cols)}) and outputCols "
                    f"({len(outs)}) should have equal length")
            return cols, outs
        return [self.getInputCol()], [self.getOutputCol()]


class Bucketizer(KwargsInit, Transformer, _BucketParams):
    """Map a column of continuous features to a column of bucket indices."""

    splits = P("splits", "Split points for mapping continuous features into buckets.",
               TC.toListFloat)
    splitsArray = P("splitsArray", "The array of split points for mapping continuous "
                    "features into buckets for multiple columns.", TC.toListListFloat)
    _defaults = {"handleInvalid": "error"}

    def _split_list(self, n: int) -> list[np.ndarray]:
        arrs = self.getSplitsArray() if self.isSet("splitsArray") else [self.getSplits()] * n
        for s in arrs:
            _check_splits(s)
        return [np.asarray(s, dtype=float) for s in arrs]

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import DoubleType

        cols, outs = self._columns()
        splits = self._split_list(len(cols))
        how = self.getHandleInvalid()
        if how == "skip":
            _frame.require_columns(dataset, cols)
            dataset = _frame.filter_rows(dataset, _NoNaN(cols))
        return append(dataset, cols, _Buckets(cols, outs, splits, how == "keep"),
                      [(o, DoubleType()) for o in outs])


class QuantileDiscretizer(KwargsInit, Estimator, _BucketParams):
    """Bin a continuous column into `numBuckets` buckets from approximate quantiles."""

    numBuckets = P("numBuckets", "Maximum number of buckets (quantiles, or categories) into "
                   "which data points are grouped. Must be >= 2.", TC.toInt)
    numBucketsArray = P("numBucketsArray", "Array of number of buckets (quantiles, or "
                        "categories) into which data points are grouped.", TC.toListInt)
    relativeError = P("relativeError", "The relative target precision for the approximate "
                      "quantile algorithm. Must be in the range [0, 1]", TC.toFloat)
    _defaults = {"numBuckets": 2, "relativeError": 0.001, "handleInvalid": "error"}

    def _fit(self, dataset: Any) -> Bucketizer:
        cols, outs = self._columns()
        _frame.require_columns(dataset, cols)
        nb = self.getNumBucketsArray() if self.isSet("numBucketsArray") else \
            [self.getNumBuckets()] * len(cols)
        splits = []
        for c, k in zip(cols, nb):
            if k < 2:
                raise IllegalArgumentException("numBuckets must be >= 2")
            probs = [i / k for i in range(k + 1)]
            # Spark reads the first of no quantiles: ArrayIndexOutOfBoundsException
            q = quantiles(dataset, ScalarColumns([c]), probs, self.getRelativeError(),
                          f"column {c}", ArrayIndexOutOfBoundsException(
                              "Index 0 out of bounds for length 0"))[:, 0]
            s = np.unique(np.concatenate([[-np.inf], q[1:-1], [np.inf]]))
            splits.append(s.tolist())
        model = Bucketizer(handleInvalid=self.getHandleInvalid())
        if self.isSet("inputCols"):
            model._set(inputCols=cols, outputCols=outs, splitsArray=splits)
        else:
            model._set(inputCol=cols[0], outputCol=outs[0], splits=splits[0])
        return model
