"""`RegressionEvaluator`: rmse, mse, mae, r2 and var from per-partition weighted sums."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.evaluation.base import Evaluator, numeric_column, weights_of
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasLabelCol, HasPredictionCol, HasWeightCol
from dfengine.ml.param.type_converters import TypeConverters


def _sums(table: pa.Table, label_col: str, pred_col: str, weight_col: str | None) -> np.ndarray:
    y = numeric_column(table, label_col)
    p = numeric_column(table, pred_col)
    w = weights_of(table, weight_col)
    e = y - p
    return np.array([w.sum(), w @ (e * e), w @ np.abs(e), w @ y, w @ (y * y), w @ p,
                     w @ (p * p), table.num_rows])


class RegressionEvaluator(Evaluator, HasLabelCol, HasPredictionCol, HasWeightCol):
    """Evaluator for regression: rmse (default), mse, r2, mae or var."""

    metricName = Param(_dummy(), "metricName", "metric name in evaluation - one of: "
                       "rmse - root mean squared error (default); mse - mean squared error; "
                       "r2 - r^2 metric; mae - mean absolute error; var - explained variance.",
                       typeConverter=TypeConverters.toString)
    throughOrigin = Param(_dummy(), "throughOrigin", "whether the regression is through the "
                          "origin.", typeConverter=TypeConverters.toBoolean)

    @keyword_only
    def __init__(self, *, predictionCol: str = "prediction", labelCol: str = "label",
                 metricName: str = "rmse", weightCol: str | None = None,
                 throughOrigin: bool = False):
        super().__init__()
        self._setDefault(metricName="rmse", throughOrigin=False)
        self._set(**self._input_kwargs)

    def isLargerBetter(self) -> bool:
        return self.getMetricName() in ("r2", "var")

    def _evaluate(self, dataset: Any) -> float:
        metric = check_choice("metricName", self.getMetricName(),
                              ("rmse", "mse", "r2", "mae", "var"))
        weight = (self.getWeightCol() if self.isDefined(self.weightCol) else None) or None
        cols = [self.getLabelCol(), self.getPredictionCol()] + ([weight] if weight else [])
        _frame.require_columns(dataset, cols)
        parts = _frame.partition_results(dataset, _sums, self.getLabelCol(),
                                         self.getPredictionCol(), weight)
        w, sse, sae, sy, syy, sp, spp, rows = np.sum(parts, axis=0)
        if rows == 0:
            # Spark's summarizer refuses an empty input rather than answer NaN
            raise IllegalArgumentException(
                "requirement failed: Nothing has been added to this summarizer. "
                "RegressionEvaluator needs at least one prediction row; check the filter or "
                "join that produced an empty predictions DataFrame.")
        mse = sse / w
        if metric == "rmse":
            return float(np.sqrt(mse))
        if metric == "mse":
            return float(mse)
        if metric == "mae":
            return float(sae / w)
        if metric == "var":
            # Spark's explained variance: sum(w * (prediction - mean(label))^2) / sum(w)
            ym = sy / w
            return float(spp / w - 2.0 * ym * sp / w + ym * ym)
        sst = syy if self.getThroughOrigin() else syy - sy * sy / w
        return float(1.0 - sse / sst)
