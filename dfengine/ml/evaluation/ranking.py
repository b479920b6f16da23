"""`RankingEvaluator`: Spark's `RankingMetrics` (MAP, MAP@k, precision@k, recall@k, NDCG@k).

Prediction is the ranked `array<double>` of recommended items, label the `array<double>` of
relevant items. Every metric is a mean over rows of a per-row score, so each partition
returns (sum of scores, rows) and the driver divides; the per-row formulas are Spark's
(binary relevance, natural-log discount for NDCG, 0 for an empty ground-truth set).
"""

from __future__ import annotations

import math
from typing import Any

import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.evaluation.base import ArrayColumnsEvaluator
from dfengine.ml.evaluation.multilabel import array_rows
from dfengine.ml.param import Param
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.type_converters import TypeConverters

_METRICS = ("meanAveragePrecision", "meanAveragePrecisionAtK", "precisionAtK", "ndcgAtK",
            "recallAtK")


def _hits(pred: list, labels: set, k: int) -> int:
    return sum(1 for x in pred[:k] if x in labels)


def average_precision(pred: list, labels: set, k: int) -> float:
    hits, total = 0, 0.0
    for i, x in enumerate(pred[:k]):
        if x in labels:
            hits += 1
            total += hits / (i + 1)
    return total / min(len(labels), k)


def ndcg(pred: list, labels: set, k: int) -> float:
    n = min(max(len(pred), len(labels)), k)
    dcg = sum(1.0 / math.log(i + 2) for i in range(min(n, len(pred))) if pred[i] in labels)
    ideal = sum(1.0 / math.log(i + 2) for i in range(min(n, len(labels))))
    return dcg / ideal if ideal else 0.0


def row_score(metric: str, pred: list, labels: set, k: int) -> float:
    if not labels:
        return 0.0   # Spark logs "Empty ground truth set" and scores the row 0
    if metric == "meanAveragePrecision":
        return average_precision(pred, labels, max(len(pred), len(labels)))
    if metric == "meanAveragePrecisionAtK":
        return average_precision(pred, labels, k)
    if metric == "precisionAtK":
        return _hits(pred, labels, k) / k
    if metric == "recallAtK":
        return _hits(pred, labels, k) / len(labels)
    return ndcg(pred, labels, k)


def _partition_sum(table: pa.Table, pred_col: str, label_col: str, metric: str,
                   k: int) -> tuple[float, int]:
    preds, labels = array_rows(table, pred_col), array_rows(table, label_col)
    return sum(row_score(metric, p, set(lab), k) for p, lab in zip(preds, labels)), len(preds)


class RankingEvaluator(ArrayColumnsEvaluator):
    """Evaluator for ranking (`meanAveragePrecision` by default; `k` for the @k metrics)."""

    metricName = Param(_dummy(), "metricName", "metric name in evaluation "
                       "(meanAveragePrecision|meanAveragePrecisionAtK|precisionAtK|ndcgAtK|"
                       "recallAtK)", typeConverter=TypeConverters.toString)
    k = Param(_dummy(), "k", "The ranking position value used in meanAveragePrecisionAtK|"
              "precisionAtK|ndcgAtK|recallAtK. Must be > 0. The default value is 10.",
              typeConverter=TypeConverters.toInt)
    _metrics = _METRICS
    _defaults = {"metricName": "meanAveragePrecision", "k": 10}

    def _evaluate(self, dataset: Any) -> float:
        metric = self._checked_metric(dataset)
        if self.getK() <= 0:
            raise IllegalArgumentException(f"k given invalid value {self.getK()}; must be > 0.")
        parts = _frame.partition_results(dataset, _partition_sum, self.getPredictionCol(),
                                         self.getLabelCol(), metric, self.getK())
        total, rows = sum(p[0] for p in parts), sum(p[1] for p in parts)
        return total / rows if rows else float("nan")
