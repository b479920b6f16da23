"""`MultilabelClassificationEvaluator`: Spark's `MultilabelMetrics` over array columns.

Prediction and label are `array<double>` per row. Each partition adds Spark's
`MultilabelSummarizer` counters (per-document ratios and per-label true/false
positive/negative counts, with Scala's multiset `intersect`/`diff`); the driver merges them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.evaluation.base import ArrayColumnsEvaluator
from dfengine.ml.param import Param
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.type_converters import TypeConverters

_METRICS = ("subsetAccuracy", "accuracy", "hammingLoss", "precision", "recall", "f1Measure",
            "precisionByLabel", "recallByLabel", "f1MeasureByLabel", "microPrecision",
            "microRecall", "microF1Measure")
_SUMS = ("docs", "subset", "accuracy", "hamming", "precision", "recall", "f1")


def array_rows(table: pa.Table, name: str) -> list[list[float]]:
    """An `array<number>` column as Python lists of floats (a null array is an error)."""
    rows = table.column(name).to_pylist()
    if any(r is None for r in rows):
        raise IllegalArgumentException(f"Column {name} must not contain null arrays.")
    return [[float(x) for x in r] for r in rows]


def _div(a: float, b: float) -> float:
    """Scala's double division: x/0 is +-Infinity, 0/0 is NaN."""
    if b:
        return a / b
    return float("nan") if a == 0 else float("inf") * (1 if a > 0 else -1)


def _summarize(table: pa.Table, pred_col: str, label_col: str) -> dict:
    sums = dict.fromkeys(_SUMS, 0.0)
    labels: set = set()
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for p, lab in zip(array_rows(table, pred_col), array_rows(table, label_col)):
        cp, cl = Counter(p), Counter(lab)
        inter = sum((cp & cl).values())
        sums["docs"] += 1
        labels.update(lab)
        sums["subset"] += p == lab
        sums["accuracy"] += _div(inter, len(lab) + len(p) - inter)
        sums["hamming"] += len(lab) + len(p) - 2 * inter
        if p:
            sums["precision"] += inter / len(p)
        sums["recall"] += _div(inter, len(lab))
        sums["f1"] += _div(2.0 * inter, len(p) + len(lab))
        tp.update(cp & cl)
        fp.update(cp - cl)
        fn.update(cl - cp)
    return {"sums": sums, "labels": labels, "tp": tp, "fp": fp, "fn": fn}


def _merge(parts: list[dict]) -> dict:
    out = {"sums": dict.fromkeys(_SUMS, 0.0), "labels": set(), "tp": Counter(),
           "fp": Counter(), "fn": Counter()}
    for part in parts:
        for k, v in part["sums"].items():
            out["sums"][k] += v
        out["labels"] |= part["labels"]
        for k in ("tp", "fp", "fn"):
            out[k].update(part[k])
    return out


def multilabel_metric(s: dict, metric: str, label: float) -> float:
    """One of Spark's `MultilabelMetrics` from the merged counters `s`."""
    sums, n = s["sums"], s["sums"]["docs"]
    doc_means = {"subsetAccuracy": "subset", "accuracy": "accuracy", "precision": "precision",
                 "recall": "recall", "f1Measure": "f1"}
    if metric in doc_means:
        return _div(sums[doc_means[metric]], n)
    if metric == "hammingLoss":
        return _div(_div(sums["hamming"], n), len(s["labels"]))
    tp, fp, fn = s["tp"], s["fp"], s["fn"]
    if metric.startswith("micro"):
        t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        return {"microPrecision": _div(t, t + f_p), "microRecall": _div(t, t + f_n),
                "microF1Measure": _div(2.0 * t, 2 * t + f_p + f_n)}[metric]
    if label not in tp:   # Spark reads tpPerClass(label) without a default
        from dfengine.errors import SparkNoSuchElementException

        raise SparkNoSuchElementException(f"key not found: {label}")
    prec = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
    rec = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
    if metric == "precisionByLabel":
        return prec
    if metric == "recallByLabel":
        return rec
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


class MultilabelClassificationEvaluator(ArrayColumnsEvaluator):
    """Evaluator for multi-label classification (`f1Measure` by default)."""

    metricName = Param(_dummy(), "metricName", "metric name in evaluation "
                       "(subsetAccuracy|accuracy|hammingLoss|precision|recall|f1Measure|"
                       "precisionByLabel|recallByLabel|f1MeasureByLabel|microPrecision|"
                       "microRecall|microF1Measure)", typeConverter=TypeConverters.toString)
    metricLabel = Param(_dummy(), "metricLabel", "The class whose metric will be computed in "
                        "precisionByLabel|recallByLabel|f1MeasureByLabel. Must be >= 0.",
                        typeConverter=TypeConverters.toFloat)
    _metrics = _METRICS
    _defaults = {"metricName": "f1Measure", "metricLabel": 0.0}

    def isLargerBetter(self) -> bool:
        return self.getMetricName() != "hammingLoss"

    def _evaluate(self, dataset: Any) -> float:
        metric = self._checked_metric(dataset)
        if self.getMetricLabel() < 0:
            raise IllegalArgumentException(
                f"metricLabel given invalid value {self.getMetricLabel()}; must be >= 0.")
        s = _merge(_frame.partition_results(dataset, _summarize, self.getPredictionCol(),
                                            self.getLabelCol()))
        return float(multilabel_metric(s, metric, self.getMetricLabel()))
