"""`ClusteringEvaluator`: the silhouette with squared Euclidean distance, as Spark computes it.

Two distributed passes: the first sums, per cluster, the count N_c, the vector sum Y_c and
the sum of squared norms Psi_c; the second computes every point's silhouette from those
(the mean squared distance from x to cluster c is `||x||^2 - 2 x.Y_c / N_c + Psi_c / N_c`),
so no pairwise distances are needed. The result equals scikit-learn's
`silhouette_score(X, labels, metric="sqeuclidean")`.
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
from dfengine.ml.param.shared import (
    HasDistanceMeasure,
    HasFeaturesCol,
    HasPredictionCol,
    HasWeightCol,
)
from dfengine.ml.param.type_converters import TypeConverters


def _cluster_sums(table: pa.Table, feat: str, pred: str, weight: str | None) -> dict:
    X, _ = vector_column_to_matrix(table.column(feat), feat)
    c = numeric_column(table, pred)
    w = weights_of(table, weight)
    out = {}
    for k in np.unique(c):
        m = c == k
        xk, wk = X[m], w[m]
        out[float(k)] = (float(wk.sum()), wk @ xk, float(wk @ np.einsum("ij,ij->i", xk, xk)))
    return out


def _silhouette_part(table: pa.Table, feat: str, pred: str, weight: str | None,
                     keys: np.ndarray, n: np.ndarray, y: np.ndarray, psi: np.ndarray
                     ) -> tuple[float, float]:
    X, _ = vector_column_to_matrix(table.column(feat), feat)
    c = numeric_column(table, pred)
    w = weights_of(table, weight)
    if len(c) == 0:
        return 0.0, 0.0
    norms = np.einsum("ij,ij->i", X, X)
    # mean squared distance of every point to every cluster: (rows, k)
    dist = norms[:, None] - 2.0 * (X @ y.T) / n + psi / n
    own = np.searchsorted(keys, c)
    rows = np.arange(len(c))
    n_own = n[own]
    a = dist[rows, own] * n_own / np.maximum(n_own - 1.0, 1e-300)
    other = dist.copy()
    other[rows, own] = np.inf
    b = other.min(axis=1)
    s = np.where(n_own > 1, (b - a) / np.maximum(a, b), 0.0)
    return float(w @ s), float(w.sum())


class ClusteringEvaluator(Evaluator, HasFeaturesCol, HasPredictionCol, HasWeightCol,
                          HasDistanceMeasure):
    """Evaluator for clustering results: the silhouette (squaredEuclidean)."""

    metricName = Param(_dummy(), "metricName", "metric name in evaluation (silhouette)",
                       typeConverter=TypeConverters.toString)

    @keyword_only
    def __init__(self, *, predictionCol: str = "prediction",
                 featuresCol: str = "features", metricName: str = "silhouette",
                 distanceMeasure: str = "squaredEuclidean",
                 weightCol: str | None = None):
        super().__init__()
        self._setDefault(metricName="silhouette", distanceMeasure="squaredEuclidean")
        self._set(**self._input_kwargs)

    def _evaluate(self, dataset: Any) -> float:
        check_choice("metricName", self.getMetricName(), ("silhouette",))
        if check_choice("distanceMeasure", self.getDistanceMeasure(),
                        ("squaredEuclidean", "cosine")) == "cosine":
            from dfengine.errors import PySparkNotImplementedError

            raise PySparkNotImplementedError(
                "ClusteringEvaluator with distanceMeasure='cosine' is not supported yet; use "
                "'squaredEuclidean'.")
        feat, pred = self.getFeaturesCol(), self.getPredictionCol()
        weight = (self.getWeightCol() if self.isDefined(self.weightCol) else None) or None
        _frame.require_columns(dataset, [feat, pred] + ([weight] if weight else []))
        stats: dict = {}
        for part in _frame.partition_results(dataset, _cluster_sums, feat, pred, weight):
            for k, (n, y, psi) in part.items():
                if k in stats:
                    n0, y0, p0 = stats[k]
                    stats[k] = (n0 + n, y0 + y, p0 + psi)
                else:
                    stats[k] = (n, y, psi)
        if len(stats) < 2:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                f"Number of clusters must be greater than one, found {len(stats)}.")
        keys = np.array(sorted(stats))
        n = np.array([stats[k][0] for k in keys])
        y = np.vstack([stats[k][1] for k in keys])
        psi = np.array([stats[k][2] for k in keys])
        parts = _frame.partition_results(dataset, _silhouette_part, feat, pred, weight, keys,
                                         n, y, psi)
        return float(sum(p[0] for p in parts) / sum(p[1] for p in parts))
