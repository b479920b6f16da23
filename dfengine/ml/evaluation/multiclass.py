"""`MulticlassClassificationEvaluator`: accuracy, f1 and weighted precision/recall.

Each partition builds a weighted confusion table {(label, prediction): weight}; the driver
merges them and derives the metrics exactly as Spark's `MulticlassMetrics` does (weighted by
the true-label frequency).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.evaluation.base import Evaluator, numeric_column, weights_of
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasLabelCol, HasPredictionCol, HasWeightCol
from dfengine.ml.param.type_converters import TypeConverters

_METRICS = ("f1", "accuracy", "weightedPrecision", "weightedRecall", "weightedFMeasure",
            "precisionByLabel", "recallByLabel", "fMeasureByLabel")


def _confusion(table: pa.Table, label_col: str, pred_col: str,
               weight_col: str | None) -> dict:
    y = numeric_column(table, label_col)
    p = numeric_column(table, pred_col)
    w = weights_of(table, weight_col)
    pairs = np.column_stack([y, p])
    uniq, inv = np.unique(pairs, axis=0, return_inverse=True)
    sums = np.bincount(inv.reshape(-1), weights=w, minlength=len(uniq))
    return {(float(a), float(b)): float(s) for (a, b), s in zip(uniq, sums)}


def multiclass_metrics(conf: dict, metric: str, label: float = 0.0, beta: float = 1.0) -> float:
    total = sum(conf.values())
    labels = sorted({k[0] for k in conf} | {k[1] for k in conf})
    tp = {c: conf.get((c, c), 0.0) for c in labels}
    actual = Counter()
    predicted = Counter()
    for (a, b), v in conf.items():
        actual[a] += v
        predicted[b] += v

    def prec(c: float) -> float:
        return tp[c] / predicted[c] if predicted[c] else 0.0

    def rec(c: float) -> float:
        return tp[c] / actual[c] if actual[c] else 0.0

    def f(c: float) -> float:
        p, r = prec(c), rec(c)
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if (p + r) else 0.0

    if metric == "accuracy":
        return sum(tp.values()) / total
    if metric == "precisionByLabel":
        return prec(label)
    if metric == "recallByLabel":
        return rec(label)
    if metric == "fMeasureByLabel":
        return f(label)
    fn = {"weightedPrecision": prec, "weightedRecall": rec, "f1": f, "weightedFMeasure": f}[metric]
    return sum(actual[c] / total * fn(c) for c in labels if actual[c])


class MulticlassClassificationEvaluator(Evaluator, HasLabelCol, HasPredictionCol,
                                        HasWeightCol):
    """Evaluator for multiclass classification (f1 by default)."""

    metricName = Param(_dummy(), "metricName", "metric name in evaluation "
                       "(f1|accuracy|weightedPrecision|weightedRecall|weightedFMeasure|"
                       "precisionByLabel|recallByLabel|fMeasureByLabel)",
                       typeConverter=TypeConverters.toString)
    metricLabel = Param(_dummy(), "metricLabel", "The class whose metric will be computed in "
                        "precisionByLabel|recallByLabel|fMeasureByLabel. Must be >= 0.",
                        typeConverter=TypeConverters.toFloat)
    beta = Param(_dummy(), "beta", "The beta value used in weightedFMeasure|fMeasureByLabel.",
                 typeConverter=TypeConverters.toFloat)

    @keyword_only
    def __init__(self, *, predictionCol: str = "prediction", labelCol: str = "label",
                 metricName: str = "f1", weightCol: str | None = None,
                 metricLabel: float = 0.0, beta: float = 1.0):
        super().__init__()
        self._setDefault(metricName="f1", metricLabel=0.0, beta=1.0)
        self._set(**self._input_kwargs)

    def _evaluate(self, dataset: Any) -> float:
        metric = check_choice("metricName", self.getMetricName(), _METRICS)
        weight = (self.getWeightCol() if self.isDefined(self.weightCol) else None) or None
        cols = [self.getLabelCol(), self.getPredictionCol()] + ([weight] if weight else [])
        _frame.require_columns(dataset, cols)
        conf: Counter = Counter()
        for part in _frame.partition_results(dataset, _confusion, self.getLabelCol(),
                                             self.getPredictionCol(), weight):
            conf.update(part)
        if not conf:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException("Cannot evaluate an empty predictions DataFrame.")
        return float(multiclass_metrics(dict(conf), metric, self.getMetricLabel(),
                                        self.getBeta()))
