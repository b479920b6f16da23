"""The curve and per-label metrics of `LogisticRegressionSummary`, as Spark computes them.

Binary curves follow `BinaryClassificationMetrics(scoreAndLabels, numBins=1000)` over the
probability of class 1: each partition reduces its rows to weighted positive/negative counts
per distinct score, the driver merges them, sorts the scores descending and (when there are at
least 2000 distinct scores) merges runs of `distinct // 1000` consecutive scores into one point
keeping the run's last (smallest) score, as Spark does. Spark bins each sorted partition on its
own, so on large data the binned curves can differ slightly; the areas of dfengine's summary
use the same binned points.

Per-label metrics follow `MulticlassMetrics`: one weighted confusion matrix per partition,
added on the driver.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from dfengine.ml import _frame
from dfengine.ml.evaluation.base import numeric_column, weights_of
from dfengine.ml.evaluation.binary import _score_counts

NUM_BINS = 1000


def _merge_counts(parts: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts per distinct score, highest score first."""
    scores = np.concatenate([p[0] for p in parts])
    uniq, inv = np.unique(scores, return_inverse=True)
    pos = np.bincount(inv, weights=np.concatenate([p[1] for p in parts]), minlength=uniq.size)
    neg = np.bincount(inv, weights=np.concatenate([p[2] for p in parts]), minlength=uniq.size)
    return uniq[::-1], pos[::-1], neg[::-1]


def _bin(scores: np.ndarray, pos: np.ndarray, neg: np.ndarray) -> tuple:
    grouping = scores.size // NUM_BINS
    if grouping < 2:
        return scores, pos, neg
    ends = np.arange(grouping - 1, scores.size, grouping)
    if ends[-1] != scores.size - 1:
        ends = np.append(ends, scores.size - 1)
    starts = np.concatenate([[0], ends[:-1] + 1])
    return scores[ends], np.add.reduceat(pos, starts), np.add.reduceat(neg, starts)


class BinaryCurves:
    """Thresholds and the cumulative true/false positives of Spark's binned curve."""

    def __init__(self, predictions: Any, label_col: str, prob_col: str, weight_col: str | None):
        parts = _frame.partition_results(predictions, _score_counts, prob_col, label_col,
                                         weight_col)
        self.thresholds, pos, neg = _bin(*_merge_counts(parts))
        self.tp, self.fp = np.cumsum(pos), np.cumsum(neg)
        self.P = float(self.tp[-1]) if self.tp.size else 0.0
        self.N = float(self.fp[-1]) if self.fp.size else 0.0

    def recall(self) -> np.ndarray:
        return self.tp / self.P if self.P > 0 else np.zeros_like(self.tp)

    def fpr(self) -> np.ndarray:
        return self.fp / self.N if self.N > 0 else np.zeros_like(self.fp)

    def precision(self) -> np.ndarray:
        tot = self.tp + self.fp
        return np.where(tot > 0, self.tp / np.where(tot > 0, tot, 1.0), 1.0)

    def f_measure(self, beta: float = 1.0) -> np.ndarray:
        p, r = self.precision(), self.recall()
        b2 = beta * beta
        den = b2 * p + r
        return np.where(den > 0, (1 + b2) * p * r / np.where(den > 0, den, 1.0), 0.0)

    def roc_points(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.concatenate([[0.0], self.fpr(), [1.0]]),
                np.concatenate([[0.0], self.recall(), [1.0]]))

    def pr_points(self) -> tuple[np.ndarray, np.ndarray]:
        p = self.precision()
        return np.concatenate([[0.0], self.recall()]), np.concatenate([p[:1], p])

    def area_under_roc(self) -> float:
        x, y = self.roc_points()
        return float(np.trapezoid(y, x))

    def area_under_pr(self) -> float:
        x, y = self.pr_points()
        return float(np.trapezoid(y, x))


def curve_frame(session: Any, columns: dict) -> Any:
    """A small DataFrame of float columns (the curves), built on the driver."""
    pdf = pd.DataFrame({k: np.asarray(v, dtype=np.float64) for k, v in columns.items()})
    return _frame.from_arrow(session, pa.Table.from_pandas(pdf, preserve_index=False))


def _confusion(table: pa.Table, label_col: str, pred_col: str, weight_col: str | None,
               k: int) -> np.ndarray:
    y = numeric_column(table, label_col).astype(np.int64)
    p = numeric_column(table, pred_col).astype(np.int64)
    w = weights_of(table, weight_col)
    size = max(k, int(y.max(initial=-1)) + 1, int(p.max(initial=-1)) + 1)
    out = np.zeros((size, size))
    np.add.at(out, (y, p), w)
    return out


class LabelMetrics:
    """Spark's MulticlassMetrics per label from a weighted confusion matrix (rows: truth)."""

    def __init__(self, predictions: Any, label_col: str, pred_col: str,
                 weight_col: str | None, num_classes: int):
        parts = _frame.partition_results(predictions, _confusion, label_col, pred_col,
                                         weight_col, num_classes)
        size = max(p.shape[0] for p in parts)
        cm = np.zeros((size, size))
        for p in parts:
            cm[:p.shape[0], :p.shape[1]] += p
        present = np.flatnonzero(cm.sum(axis=1) > 0)   # Spark's labels: those in the data
        self.labels = present.astype(np.float64)
        self.cm = cm
        self.total = cm.sum()
        self.actual = cm.sum(axis=1)[present]
        self.tp = np.diag(cm)[present]
        self.fp = cm.sum(axis=0)[present] - self.tp

    def tpr(self) -> np.ndarray:
        return self.tp / self.actual

    def fpr(self) -> np.ndarray:
        neg = self.total - self.actual
        return np.where(neg > 0, self.fp / np.where(neg > 0, neg, 1.0), 0.0)

    def precision(self) -> np.ndarray:
        den = self.tp + self.fp
        return np.where(den > 0, self.tp / np.where(den > 0, den, 1.0), 0.0)

    def f_measure(self, beta: float = 1.0) -> np.ndarray:
        p, r = self.precision(), self.tpr()
        b2 = beta * beta
        den = b2 * p + r
        return np.where(den > 0, (1 + b2) * p * r / np.where(den > 0, den, 1.0), 0.0)

    def weighted(self, values: np.ndarray) -> float:
        return float(np.sum(values * self.actual) / self.total)
