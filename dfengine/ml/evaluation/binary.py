"""`BinaryClassificationEvaluator`: area under the ROC and precision-recall curves.

Each partition reduces its rows to weighted positive/negative counts per distinct score; the
driver merges them, sorts scores descending and integrates the curves with the trapezoidal
rule. This is exact (Spark's default `numBins=1000` down-samples the curve on large data;
dfengine does not), and matches scikit-learn's `roc_auc_score`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.evaluation.base import Evaluator, numeric_column, weights_of
from dfengine.ml.linalg.arrow import vector_column_to_matrix
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasLabelCol, HasRawPredictionCol, HasWeightCol
from dfengine.ml.param.type_converters import TypeConverters


def _scores(table: pa.Table, raw_col: str) -> np.ndarray:
    col = table.column(raw_col)
    t = col.type
    if pa.types.is_list(t) or pa.types.is_fixed_size_list(t) or pa.types.is_large_list(t) \
            or pa.types.is_struct(t):
        mat, _ = vector_column_to_matrix(col, raw_col)
        if not len(mat):   # an empty partition: no columns to pick from
            return np.zeros(0)
        return mat[:, 1] if mat.shape[1] > 1 else mat[:, 0]
    return numeric_column(table, raw_col)


def _score_counts(table: pa.Table, raw_col: str, label_col: str,
                  weight_col: str | None) -> tuple:
    s = _scores(table, raw_col)
    y = numeric_column(table, label_col)
    w = weights_of(table, weight_col)
    uniq, inv = np.unique(s, return_inverse=True)
    pos = np.bincount(inv, weights=w * (y > 0.5), minlength=len(uniq))
    neg = np.bincount(inv, weights=w * (y <= 0.5), minlength=len(uniq))
    return uniq, pos, neg


def curve_areas(scores: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> tuple[float, float]:
    """(area under ROC, area under PR) from weighted counts per distinct score."""
    uniq, inv = np.unique(scores, return_inverse=True)
    p = np.bincount(inv, weights=pos, minlength=len(uniq))[::-1]
    n = np.bincount(inv, weights=neg, minlength=len(uniq))[::-1]
    tp = np.cumsum(p)
    fp = np.cumsum(n)
    P, N = tp[-1], fp[-1]
    # Spark's ROC curve: (0, 0), one point per threshold (a rate is 0 when its class is
    # absent), then (1, 1); so one class only gives 1.0 (all positive) or 0.0 (all negative)
    tpr = np.concatenate([[0.0], tp / P if P > 0 else np.zeros(len(tp)), [1.0]])
    fpr = np.concatenate([[0.0], fp / N if N > 0 else np.zeros(len(fp)), [1.0]])
    roc = float(np.trapezoid(tpr, fpr))
    recall = tp / P if P > 0 else np.zeros(len(tp))
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1e-300), 1.0)
    # Spark starts the PR curve at (recall 0, precision of the first threshold)
    r = np.concatenate([[0.0], recall])
    pr = np.concatenate([[precision[0]], precision])
    return roc, float(np.trapezoid(pr, r))


def _empty_area(metric: str) -> float:
    """Spark on an empty predictions DataFrame: the ROC curve is the diagonal (0,0)-(1,1),
    area 0.5; the PR curve has no first point and Spark's job fails."""
    if metric == "areaUnderROC":
        return 0.5
    from dfengine.errors import IllegalArgumentException

    raise IllegalArgumentException(
        "areaUnderPR of an empty predictions DataFrame is undefined (Spark fails with "
        "'empty collection'); evaluate a DataFrame with at least one row.")


class BinaryClassificationEvaluator(Evaluator, HasLabelCol, HasRawPredictionCol,
                                    HasWeightCol):
    """Evaluator for binary classification: areaUnderROC (default) or areaUnderPR."""

    metricName = Param(_dummy(), "metricName",
                       "metric name in evaluation (areaUnderROC|areaUnderPR)",
                       typeConverter=TypeConverters.toString)
    numBins = Param(_dummy(), "numBins", "Number of bins to down-sample the curves (ROC curve, "
                    "PR curve) in area computation. dfengine computes exact areas.",
                    typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, rawPredictionCol: str = "rawPrediction",
                 labelCol: str = "label", metricName: str = "areaUnderROC",
                 weightCol: str | None = None, numBins: int = 1000):
        super().__init__()
        self._setDefault(metricName="areaUnderROC", numBins=1000)
        self._set(**self._input_kwargs)

    def _evaluate(self, dataset: Any) -> float:
        metric = check_choice("metricName", self.getMetricName(),
                              ("areaUnderROC", "areaUnderPR"))
        weight = (self.getWeightCol() if self.isDefined(self.weightCol) else None) or None
        cols = [self.getRawPredictionCol(), self.getLabelCol()] + ([weight] if weight else [])
        _frame.require_columns(dataset, cols)
        parts = _frame.partition_results(dataset, _score_counts, self.getRawPredictionCol(),
                                         self.getLabelCol(), weight)
        scores = np.concatenate([p[0] for p in parts])
        pos = np.concatenate([p[1] for p in parts])
        neg = np.concatenate([p[2] for p in parts])
        if scores.size == 0:
            return _empty_area(metric)
        roc, pr = curve_areas(scores, pos, neg)
        return roc if metric == "areaUnderROC" else pr
