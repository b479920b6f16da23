"""`KMeans` and `KMeansModel`, as in `pyspark.ml.clustering`.

Initialization is Spark's k-means|| (`initMode="k-means||"`, `initSteps` rounds) or `random`;
the dfengine extension param `initialCenters` starts from given centers (used to compare with
scikit-learn from the same start). Lloyd iterations stop when no center moves more than `tol`
or after `maxIter` iterations; each is one kernel call per block (`optim/kmeans.py`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml._predict import ClusteringSummary, append_predictions, check_features
from dfengine.ml.base import Estimator, Model
from dfengine.ml.linalg import DenseVector
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.cosine import unit_blocks, unit_centers, unit_rows
from dfengine.ml.optim.kernels import nearest_center
from dfengine.ml.optim.kmeans import init_kmeans_parallel, init_random, lloyd
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import (
    HasDistanceMeasure,
    HasFeaturesCol,
    HasMaxIter,
    HasPredictionCol,
    HasSeed,
    HasTol,
    HasWeightCol,
)
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import HasTrainingSummary, MLReadable, MLWritable


class _KMeansParams(HasFeaturesCol, HasPredictionCol, HasMaxIter, HasTol, HasSeed,
                    HasDistanceMeasure, HasWeightCol):
    k = Param(_dummy(), "k", "The number of clusters to create. Must be > 1.",
              typeConverter=TypeConverters.toInt)
    initMode = Param(_dummy(), "initMode", 'The initialization algorithm. This can be either '
                     '"random" to choose random points as initial cluster centers, or '
                     '"k-means||" to use a parallel variant of k-means++',
                     typeConverter=TypeConverters.toString)
    initSteps = Param(_dummy(), "initSteps", "The number of steps for k-means|| "
                      "initialization mode. Must be > 0.", typeConverter=TypeConverters.toInt)
    initialCenters = Param(_dummy(), "initialCenters", "dfengine extension: explicit initial "
                           "cluster centers (a list of k vectors); overrides initMode.",
                           typeConverter=TypeConverters.toListListFloat)
    solver = Param(_dummy(), "solver", "The solver algorithm for optimization. Supported "
                   "options: auto, row.", typeConverter=TypeConverters.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(k=2, initMode="k-means||", initSteps=2, tol=1e-4, maxIter=20,
                         seed=1, solver="auto")


class KMeans(Estimator, _KMeansParams, MLReadable, MLWritable):
    """K-means clustering with a k-means++ like initialization mode (k-means||)."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features",
                 predictionCol: str = "prediction", k: int = 2,
                 initMode: str = "k-means||", initSteps: int = 2, tol: float = 1e-4,
                 maxIter: int = 20, seed: int | None = None,
                 distanceMeasure: str = "euclidean", weightCol: str | None = None,
                 solver: str = "auto",
                 initialCenters: list | None = None):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> KMeansModel:
        from dfengine.ml import _checks, _frame

        k = self.getK()
        if k < 2:
            raise IllegalArgumentException(f"k must be > 1 but was {k}")
        mode = check_choice("initMode", self.getInitMode(), ("random", "k-means||"))
        cosine = check_choice("distanceMeasure", self.getDistanceMeasure(),
                              ("euclidean", "cosine")) == "cosine"
        weight = (self.getWeightCol() if self.isDefined(self.weightCol) else None) or None
        _frame.require_columns(dataset, [self.getFeaturesCol()] + ([weight] if weight else []))
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), None, weight,
                                       check_vectors=True, empty=_checks.summarizer_empty())
        if cosine:
            blocks = unit_blocks(blocks)
        try:
            if self.isSet(self.initialCenters):
                centers = np.asarray(self.getInitialCenters(), dtype=np.float64)
                if centers.shape != (k, blocks.n_features):
                    raise IllegalArgumentException(
                        f"initialCenters must be {k} vectors of size {blocks.n_features}, got "
                        f"shape {centers.shape}.")
            elif mode == "random":
                centers = init_random(blocks, k, self.getSeed())
            else:
                centers = init_kmeans_parallel(blocks, k, self.getSeed(), self.getInitSteps())
            if cosine:
                centers = unit_centers(centers)
            fit = lloyd(blocks, centers, self.getMaxIter(), self.getTol(), cosine)
        finally:
            blocks.release()
        centers, sizes = _distinct_centers(fit.centers, fit.cluster_sizes)
        model = self._copyValues(KMeansModel(centers))
        return model._set_summary(KMeansSummary(model, dataset, fit.iterations,
                                                [round(s) for s in sizes], fit.cost))


def _distinct_centers(centers: np.ndarray, sizes: Any) -> tuple[np.ndarray, list]:
    """Spark returns fewer than k centers when the data has fewer distinct points: equal
    centers are merged (their cluster sizes added)."""
    keep: list[int] = []
    merged: list[float] = []
    for i, c in enumerate(centers):
        j = next((n for n, k in enumerate(keep) if np.array_equal(centers[k], c)), None)
        if j is None:
            keep.append(i)
            merged.append(float(sizes[i]))
        else:
            merged[j] += float(sizes[i])
    return centers[keep], merged


class _Assign:
    def __init__(self, centers: np.ndarray, name: str, cosine: bool = False):
        self.centers, self.name, self.cosine = centers, name, cosine

    def __call__(self, X: np.ndarray) -> dict:
        check_features(self.centers.shape[1], X, "KMeansModel")
        X = unit_rows(X) if self.cosine else X
        idx, _ = nearest_center(np.ascontiguousarray(X), self.centers)
        return {self.name: pa.array(idx.astype(np.int32), type=pa.int32())}


class KMeansModel(HasTrainingSummary, Model, _KMeansParams, MLReadable, MLWritable):
    """Model fitted by KMeans."""

    def __init__(self, centers: np.ndarray | None = None):
        super().__init__()
        self._centers = None if centers is None else np.asarray(centers, np.float64)

    def clusterCenters(self) -> list[np.ndarray]:
        return [c.copy() for c in self._centers]

    def predict(self, value: Any) -> int:
        x = DenseVector(value).toArray().reshape(1, -1)
        x = unit_rows(x) if self.getDistanceMeasure() == "cosine" else x
        return int(nearest_center(x, self._centers)[0][0])

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import IntegerType, StructField

        name = self.getPredictionCol()
        return append_predictions(dataset, self.getFeaturesCol(), _Assign(self._centers, name,
                                                           self.getDistanceMeasure() == "cosine"),
                                  [StructField(name, IntegerType(), True)])

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {}, {"clusterCenters": self._centers}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._centers = arrays["clusterCenters"]


class KMeansSummary(ClusteringSummary):
    """Training summary: clusters, sizes, iterations and the training cost."""

    def __init__(self, model: KMeansModel, dataset: Any, iterations: int, sizes: list[int],
                 cost: float):
        super().__init__(model, dataset, len(sizes), iterations, sizes)
        self.trainingCost = float(cost)

