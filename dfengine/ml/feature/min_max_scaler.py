"""`MinMaxScaler`: rescale each coordinate of a vector column to [min, max]; a constant
coordinate maps to the middle of the range, as in Spark."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.base import Estimator, Model
from dfengine.ml.feature._vector_stats import vector_column_stats
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import compressed_vector_array, vector_column_to_matrix
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasInputCol, HasOutputCol
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import MLReadable, MLWritable


class _MinMaxScalerParams(HasInputCol, HasOutputCol):
    min = Param(_dummy(), "min", "Lower bound of the output feature range",
                typeConverter=TypeConverters.toFloat)
    max = Param(_dummy(), "max", "Upper bound of the output feature range",
                typeConverter=TypeConverters.toFloat)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(min=0.0, max=1.0)


class _Rescale:
    def __init__(self, col: str, out: str, emin: np.ndarray, emax: np.ndarray, lo: float,
                 hi: float):
        self.col, self.out, self.emin, self.emax, self.lo, self.hi = col, out, emin, emax, lo, hi

    def __call__(self, table: pa.Table) -> dict:
        mat, nulls = vector_column_to_matrix(table.column(self.col), self.col)
        rng = self.emax - self.emin
        safe = np.where(rng != 0, rng, 1.0)
        scaled = np.where(rng != 0, (mat - self.emin) / safe, 0.5)
        # Spark: Vectors.dense(values).compressed
        return {self.out: compressed_vector_array(scaled * (self.hi - self.lo) + self.lo, nulls)}


class MinMaxScaler(Estimator, _MinMaxScalerParams, MLReadable, MLWritable):
    """Rescale each feature individually to a common range [min, max] linearly."""

    @keyword_only
    def __init__(self, *, min: float = 0.0, max: float = 1.0,
                 inputCol: str | None = None, outputCol: str | None = None):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> MinMaxScalerModel:
        if self.getMin() >= self.getMax():
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                f"min {self.getMin()} must be smaller than max {self.getMax()}.")
        stats = vector_column_stats(dataset, self.getInputCol())
        return self._copyValues(MinMaxScalerModel(stats["min"], stats["max"]))


class MinMaxScalerModel(Model, _MinMaxScalerParams, MLReadable, MLWritable):
    def __init__(self, originalMin: np.ndarray | None = None,
                 originalMax: np.ndarray | None = None):
        super().__init__()
        self._min = originalMin
        self._max = originalMax

    @property
    def originalMin(self) -> DenseVector:
        return DenseVector(self._min)

    @property
    def originalMax(self) -> DenseVector:
        return DenseVector(self._max)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import StructField, VectorUDT

        col = self.getInputCol()
        _frame.require_columns(dataset, [col])
        out = self.getOutputCol()
        fn = _Rescale(col, out, np.asarray(self._min), np.asarray(self._max), self.getMin(),
                      self.getMax())
        return _frame.with_new_columns(dataset, fn, [StructField(out, VectorUDT(), True)])

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {}, {"originalMin": self._min, "originalMax": self._max}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._min, self._max = arrays["originalMin"], arrays["originalMax"]
