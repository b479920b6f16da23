"""`Evaluator`: computes a metric from a predictions DataFrame (`pyspark.ml.evaluation`).

Evaluators aggregate per partition (small sufficient statistics, computed on the workers)
and combine them on the driver, so evaluating 1M predictions ships kilobytes, not rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.param import Params
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.shared import HasLabelCol, HasPredictionCol
from dfengine.ml.util import MLReadable, MLWritable


class Evaluator(Params, MLReadable, MLWritable):
    """Base class for evaluators that compute metrics from predictions (saved and loaded as
    their params, like PySpark's `DefaultParamsWritable` evaluators)."""

    def evaluate(self, dataset: Any, params: dict | None = None) -> float:
        if params:
            return self.copy(params)._evaluate(dataset)
        return self._evaluate(dataset)

    def _evaluate(self, dataset: Any) -> float:
        raise NotImplementedError

    def isLargerBetter(self) -> bool:
        return True


class ArrayColumnsEvaluator(Evaluator, HasLabelCol, HasPredictionCol):
    """Shared shape of the evaluators over `array<double>` prediction/label columns
    (multilabel, ranking): keyword construction over `_defaults`, `setParams`, and the
    metric-name and column checks."""

    _metrics: tuple = ()
    _defaults: dict = {}

    def __init__(self, **kwargs: Any):
        super().__init__()
        self._setDefault(**self._defaults)
        self._set(**{k: v for k, v in kwargs.items() if v is not None})

    def setParams(self, **kwargs: Any) -> ArrayColumnsEvaluator:
        return self._set(**{k: v for k, v in kwargs.items() if v is not None})

    def _checked_metric(self, dataset: Any) -> str:
        metric = check_choice("metricName", self.getOrDefault("metricName"), self._metrics)
        _frame.require_columns(dataset, [self.getPredictionCol(), self.getLabelCol()])
        return metric


def numeric_column(table: pa.Table, name: str) -> np.ndarray:
    col = table.column(name)
    if col.null_count:
        col = col.cast(pa.float64()).fill_null(np.nan)
    return np.asarray(col.to_numpy(), dtype=np.float64)


def weights_of(table: pa.Table, weight_col: str | None) -> np.ndarray:
    if not weight_col:
        return np.ones(table.num_rows)
    return numeric_column(table, weight_col)
