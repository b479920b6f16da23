"""`MulticlassClassificationEvaluator`: every metric of Spark's `MulticlassMetrics`.

Each partition builds a weighted confusion table {(label, prediction): weight} (and, for
logLoss, the weighted sum of clipped log-probabilities of the true class); the driver merges
them and derives the metrics with Spark's formulas: per-label maps built from the confusion
table, weighted metrics averaged over the true labels by their weight, and a label that is
not a true label raising Spark's `key not found` where Spark reads the map without a default.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException, SparkNoSuchElementException
from dfengine.ml import _frame
from dfengine.ml.evaluation.base import Evaluator, numeric_column, weights_of
from dfengine.ml.linalg.arrow import vector_column_to_matrix
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import (
    HasLabelCol,
    HasPredictionCol,
    HasProbabilityCol,
    HasWeightCol,
)
from dfengine.ml.param.type_converters import TypeConverters

_METRICS = ("f1", "accuracy", "weightedPrecision", "weightedRecall",
            "weightedTruePositiveRate", "weightedFalsePositiveRate", "weightedFMeasure",
            "truePositiveRateByLabel", "falsePositiveRateByLabel", "precisionByLabel",
            "recallByLabel", "fMeasureByLabel", "logLoss", "hammingLoss")
_SMALLER_BETTER = ("weightedFalsePositiveRate", "falsePositiveRateByLabel", "logLoss",
                   "hammingLoss")


def _confusion(table: pa.Table, label_col: str, pred_col: str,
               weight_col: str | None) -> dict:
    y = numeric_column(table, label_col)
    p = numeric_column(table, pred_col)
    w = weights_of(table, weight_col)
    if not len(y):
        return {}
    uniq, inv = np.unique(np.column_stack([y, p]), axis=0, return_inverse=True)
    sums = np.bincount(inv.reshape(-1), weights=w, minlength=len(uniq))
    return {(float(a), float(b)): float(s) for (a, b), s in zip(uniq, sums)}


def _log_loss_sums(table: pa.Table, label_col: str, prob_col: str, weight_col: str | None,
                   eps: float) -> tuple[float, float]:
    y = numeric_column(table, label_col)
    w = weights_of(table, weight_col)
    if not len(y):
        return 0.0, 0.0
    probs, _ = vector_column_to_matrix(table.column(prob_col), prob_col)
    bad = (y != np.floor(y)) | (y < 0) | (y >= probs.shape[1])
    if bad.any():
        raise IllegalArgumentException(f"requirement failed: Invalid label {y[bad][0]}")
    p = probs[np.arange(len(y)), y.astype(np.int64)]
    loss = np.where(p < eps, -np.log(eps), np.where(p > 1 - eps, -np.log1p(-eps), 0.0))
    mid = (p >= eps) & (p <= 1 - eps)
    loss[mid] = -np.log(p[mid])
    return float(w @ loss), float(w.sum())


class MulticlassMetrics:
    """Spark's `MulticlassMetrics` over a merged weighted confusion table."""

    def __init__(self, conf: dict):
        self.label_count: Counter = Counter()
        self.tp: dict[float, float] = {}
        self.fp: dict[float, float] = {}
        for (label, pred), w in conf.items():
            self.label_count[label] += w
            self.tp[label] = self.tp.get(label, 0.0) + (w if label == pred else 0.0)
            self.fp[pred] = self.fp.get(pred, 0.0) + (w if label != pred else 0.0)
        self.total = sum(self.label_count.values())
        self.wrong = sum(w for (label, pred), w in conf.items() if label != pred)

    def _key(self, table: dict, label: float) -> float:
        if label not in table:   # Scala's Map.apply
            raise SparkNoSuchElementException(f"key not found: {label}")
        return table[label]

    def precision(self, label: float) -> float:
        tp, fp = self._key(self.tp, label), self.fp.get(label, 0.0)
        return 0.0 if tp + fp == 0 else tp / (tp + fp)

    def recall(self, label: float) -> float:
        return self._key(self.tp, label) / self._key(self.label_count, label)

    def false_positive_rate(self, label: float) -> float:
        return self.fp.get(label, 0.0) / (self.total - self._key(self.label_count, label))

    def f_measure(self, label: float, beta: float) -> float:
        p, r = self.precision(label), self.recall(label)
        b2 = beta * beta
        return 0.0 if p + r == 0 else (1 + b2) * p * r / (b2 * p + r)

    def weighted(self, fn: Any) -> float:
        return sum(fn(c) * n / self.total for c, n in self.label_count.items())

    def metric(self, name: str, label: float, beta: float) -> float:
        by_label = {"truePositiveRateByLabel": self.recall, "recallByLabel": self.recall,
                    "falsePositiveRateByLabel": self.false_positive_rate,
                    "precisionByLabel": self.precision,
                    "fMeasureByLabel": lambda c: self.f_measure(c, beta)}
        if name in by_label:
            return by_label[name](label)
        if name in ("accuracy", "hammingLoss"):
            if not self.total:   # an empty DataFrame: Spark's 0.0 / 0.0
                return float("nan")
            return (sum(self.tp.values()) if name == "accuracy" else self.wrong) / self.total
        weighted = {"weightedPrecision": self.precision, "weightedRecall": self.recall,
                    "weightedTruePositiveRate": self.recall,
                    "weightedFalsePositiveRate": self.false_positive_rate,
                    "f1": lambda c: self.f_measure(c, 1.0),
                    "weightedFMeasure": lambda c: self.f_measure(c, beta)}
        return self.weighted(weighted[name])


def multiclass_metrics(conf: dict, metric: str, label: float = 0.0, beta: float = 1.0) -> float:
    return MulticlassMetrics(conf).metric(metric, label, beta)


class MulticlassClassificationEvaluator(Evaluator, HasLabelCol, HasPredictionCol,
                                        HasWeightCol, HasProbabilityCol):
    """Evaluator for multiclass classification (f1 by default)."""

    metricName = Param(_dummy(), "metricName", "metric name in evaluation (" +
                       "|".join(_METRICS) + ")", typeConverter=TypeConverters.toString)
    metricLabel = Param(_dummy(), "metricLabel", "The class whose metric will be computed in "
                        "truePositiveRateByLabel|falsePositiveRateByLabel|precisionByLabel|"
                        "recallByLabel|fMeasureByLabel. Must be >= 0. The default value is 0.",
                        typeConverter=TypeConverters.toFloat)
    beta = Param(_dummy(), "beta", "The beta value used in weightedFMeasure|fMeasureByLabel. "
                 "Must be > 0. The default value is 1.", typeConverter=TypeConverters.toFloat)
    eps = Param(_dummy(), "eps", "log-loss is undefined for p=0 or p=1, so probabilities are "
                "clipped to max(eps, min(1 - eps, p)). Must be in range (0, 0.5). The default "
                "value is 1e-15.", typeConverter=TypeConverters.toFloat)

    @keyword_only
    def __init__(self, *, predictionCol: str = "prediction", labelCol: str = "label",
                 metricName: str = "f1", weightCol: str | None = None,
                 metricLabel: float = 0.0, beta: float = 1.0,
                 probabilityCol: str = "probability", eps: float = 1e-15):
        super().__init__()
        self._setDefault(metricName="f1", metricLabel=0.0, beta=1.0, eps=1e-15)
        self._set(**self._input_kwargs)

    def isLargerBetter(self) -> bool:
        return self.getMetricName() not in _SMALLER_BETTER

    def _check_params(self) -> str:
        metric = check_choice("metricName", self.getMetricName(), _METRICS)
        checks = (("metricLabel", self.getMetricLabel() >= 0, ">= 0"),
                  ("beta", self.getBeta() > 0, "> 0"),
                  ("eps", 0 < self.getEps() < 0.5, "in range (0, 0.5)"))
        for name, ok, rule in checks:
            if not ok:
                raise IllegalArgumentException(
                    f"{name} given invalid value {self.getOrDefault(name)}; must be {rule}.")
        return metric

    def _evaluate(self, dataset: Any) -> float:
        metric = self._check_params()
        weight = (self.getWeightCol() if self.isDefined(self.weightCol) else None) or None
        second = self.getProbabilityCol() if metric == "logLoss" else self.getPredictionCol()
        _frame.require_columns(dataset, [self.getLabelCol(), second] +
                               ([weight] if weight else []))
        if metric == "logLoss":
            parts = _frame.partition_results(dataset, _log_loss_sums, self.getLabelCol(),
                                             second, weight, self.getEps())
            loss, total = np.sum(parts, axis=0) if parts else (0.0, 0.0)
            return float(loss / total) if total else float("nan")
        conf: Counter = Counter()
        for part in _frame.partition_results(dataset, _confusion, self.getLabelCol(), second,
                                             weight):
            conf.update(part)
        # an empty DataFrame answers as Spark's: accuracy NaN, weighted metrics 0.0, a
        # by-label metric "key not found"
        return float(multiclass_metrics(dict(conf), metric, self.getMetricLabel(),
                                        self.getBeta()))
