"""`StandardScaler`: scale a vector column to unit (sample) standard deviation, optionally
centering it. Coordinates with zero variance become 0.0, as in Spark."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.base import Estimator, Model
from dfengine.ml.feature._vector_stats import vector_column_stats
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import (
    matrix_to_vector_array,
    mixed_vector_array,
    sparse_rows_of,
    vector_column_to_matrix,
)
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasInputCol, HasOutputCol
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import MLReadable, MLWritable


class _StandardScalerParams(HasInputCol, HasOutputCol):
    withMean = Param(_dummy(), "withMean", "Center data with mean",
                     typeConverter=TypeConverters.toBoolean)
    withStd = Param(_dummy(), "withStd", "Scale to unit standard deviation",
                    typeConverter=TypeConverters.toBoolean)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(withMean=False, withStd=True)


class _Scale:
    def __init__(self, col: str, out: str, shift: np.ndarray, factor: np.ndarray):
        self.col, self.out, self.shift, self.factor = col, out, shift, factor

    def __call__(self, table: pa.Table) -> dict:
        col = table.column(self.col)
        mat, nulls = vector_column_to_matrix(col, self.col)
        res = (mat - self.shift) * self.factor
        if self.shift.any():    # withMean: dense vectors, as Spark
            return {self.out: matrix_to_vector_array(res, nulls)}
        # scaling only: a sparse vector stays sparse and a dense one dense, as Spark
        return {self.out: mixed_vector_array(res, sparse_rows_of(col), nulls)}


class StandardScaler(Estimator, _StandardScalerParams, MLReadable, MLWritable):
    """Standardizes features by removing the mean and scaling to unit variance."""

    @keyword_only
    def __init__(self, *, withMean: bool = False, withStd: bool = True,
                 inputCol: str | None = None, outputCol: str | None = None):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> StandardScalerModel:
        stats = vector_column_stats(dataset, self.getInputCol())
        model = StandardScalerModel(stats["mean"], stats["std"])
        return self._copyValues(model)


class StandardScalerModel(Model, _StandardScalerParams, MLReadable, MLWritable):
    def __init__(self, mean: np.ndarray | None = None, std: np.ndarray | None = None):
        super().__init__()
        self._mean = None if mean is None else np.asarray(mean, dtype=np.float64)
        self._std = None if std is None else np.asarray(std, dtype=np.float64)

    @property
    def mean(self) -> DenseVector:
        return DenseVector(self._mean)

    @property
    def std(self) -> DenseVector:
        return DenseVector(self._std)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import StructField, VectorUDT

        col = self.getInputCol()
        _frame.require_columns(dataset, [col])
        shift = self._mean if self.getWithMean() else np.zeros_like(self._mean)
        if self.getWithStd():
            factor = np.where(self._std > 0, 1.0 / np.where(self._std > 0, self._std, 1),
                              np.where(np.isnan(self._std), np.nan, 0.0))  # NaN stays NaN
        else:
            factor = np.ones_like(self._std)
        out = self.getOutputCol()
        return _frame.with_new_columns(dataset, _Scale(col, out, shift, factor),
                                       [StructField(out, VectorUDT(), True)])

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {}, {"mean": self._mean, "std": self._std}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._mean, self._std = arrays["mean"], arrays["std"]
