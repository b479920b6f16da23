"""BisectingKMeans as Spark builds it: a binary tree of clusters indexed 1 (root), 2i, 2i+1.

Level by level, the largest divisible leaves (size >= minDivisibleClusterSize, positive
cost) are split in two by `maxIter` 2-means iterations started from the leaf's center moved by
± 1e-4 * |center| * uniform noise; a point reaches its leaf by walking down the tree, choosing
the closer child at each node (Spark's assignment and prediction rule). Every pass over the data
is one task per block returning per-node sums; the tree lives on the driver. Leaves, ordered by
index, are the clusters. The noise comes from numpy's generator (Spark's XORShiftRandom is
not reproduced), so ties between equally good splits can resolve differently.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException, UnsupportedOperationException
from dfengine.ml._frame import require_columns
from dfengine.ml._predict import ClusteringSummary, append_predictions
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.models._common import weight_col
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.cosine import unit_blocks, unit_centers, unit_rows
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.shared import (
    HasDistanceMeasure,
    HasFeaturesCol,
    HasMaxIter,
    HasPredictionCol,
    HasSeed,
    HasWeightCol,
)
from dfengine.ml.util import HasTrainingSummary


class _BKMParams(HasFeaturesCol, HasPredictionCol, HasMaxIter, HasSeed, HasDistanceMeasure,
                 HasWeightCol):
    k = P("k", "The desired number of leaf clusters. Must be > 1.", TC.toInt)
    minDivisibleClusterSize = P("minDivisibleClusterSize", "The minimum number of points (if "
                                ">= 1.0) or the minimum proportion of points (if < 1.0) of a "
                                "divisible cluster.", TC.toFloat)
    _defaults = {"k": 4, "maxIter": 20, "minDivisibleClusterSize": 1.0,
                 "distanceMeasure": "euclidean", "seed": 1}


def walk(X: np.ndarray, tree: dict[int, np.ndarray]) -> np.ndarray:
    """The leaf index each row of X reaches from the root (closer child at every node)."""
    node = np.ones(X.shape[0], dtype=np.int64)
    inner = np.array([i for i in tree if 2 * i in tree], dtype=np.int64)
    while True:
        moving = np.isin(node, inner)
        if not moving.any():
            return node
        for u in np.unique(node[moving]):
            rows = np.flatnonzero(node == u)
            dl = ((X[rows] - tree[2 * u]) ** 2).sum(axis=1)
            dr = ((X[rows] - tree[2 * u + 1]) ** 2).sum(axis=1)
            node[rows] = 2 * u + (dr < dl)


def _node_sums(block: tuple, tree: dict, nodes: list[int]) -> np.ndarray:
    """[weight, weighted sum (d), cost] per node in `nodes`, for rows whose leaf is a node."""
    X, _, w = block
    leaf = walk(X, tree)
    d = X.shape[1]
    out = np.zeros((len(nodes), d + 2))
    for j, i in enumerate(nodes):
        m = leaf == i
        if m.any():
            out[j, 0] = w[m].sum()
            out[j, 1:1 + d] = w[m] @ X[m]
            out[j, -1] = float(w[m] @ ((X[m] - tree[i]) ** 2).sum(axis=1))
    return out


class BisectingKMeans(KwargsInit, Estimator, _BKMParams):
    """Hierarchical (divisive) k-means."""

    def _fit(self, dataset: Any) -> BisectingKMeansModel:
        k = self.getK()
        if k < 2:
            raise IllegalArgumentException(f"k must be > 1 but was {k}")
        w = weight_col(self)
        require_columns(dataset, [self.getFeaturesCol()] + ([w] if w else []))
        self._cosine = check_choice("distanceMeasure", self.getDistanceMeasure(),
                                    ("euclidean", "cosine")) == "cosine"
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), None, w, check_vectors=True,
                                       empty=UnsupportedOperationException("empty collection"))
        try:
            if self._cosine:
                blocks = unit_blocks(blocks)
            tree, stats = self._grow(blocks, k)
        finally:
            blocks.release()
        leaves = sorted(i for i in tree if 2 * i not in tree)
        model = BisectingKMeansModel(
            tree={str(i): tree[i].tolist() for i in tree}, leaves=leaves,
            sizes=[float(stats[i][0]) for i in leaves],
            cost=float(sum(stats[i][1] for i in leaves)))
        self._copyValues(model)
        return model._set_summary(BisectingKMeansSummary(
            model, dataset, model.getMaxIter(), [round(s) for s in model._sizes], model._cost))

    def _grow(self, blocks: Blocks, k: int) -> tuple[dict, dict]:
        d = blocks.n_features
        tree = {1: np.zeros(d)}
        root = blocks.reduce_sum(_node_sums, tree, [1])[0]
        tree[1] = self._center(root[1:1 + d] / root[0])
        stats = {1: (root[0], self._cost(blocks.reduce_sum(_node_sums, tree, [1])[0][-1]))}
        total = root[0]
        mds = self.getMinDivisibleClusterSize()
        min_size = mds if mds >= 1.0 else np.ceil(mds * total)
        rng = np.random.default_rng(self.getSeed())
        while True:
            leaves = [i for i in tree if 2 * i not in tree]
            need = k - len(leaves)
            divisible = [i for i in leaves
                         if stats[i][0] >= min_size and stats[i][1] > 1e-12 * stats[i][0]]
            if need <= 0 or not divisible:
                return tree, stats
            divisible = sorted(divisible, key=lambda i: -stats[i][0])[:need]
            self._split(blocks, tree, stats, divisible, rng)

    def _split(self, blocks: Blocks, tree: dict, stats: dict, nodes: list[int],
               rng: np.random.Generator) -> None:
        d = blocks.n_features
        children = []
        for i in nodes:
            c = tree[i]
            noise = rng.random(d) * 1e-4 * float(np.linalg.norm(c))
            tree[2 * i], tree[2 * i + 1] = self._center(c - noise), self._center(c + noise)
            children += [2 * i, 2 * i + 1]
        for _ in range(self.getMaxIter()):
            sums = blocks.reduce_sum(_node_sums, tree, children)
            for j, c in enumerate(children):
                if sums[j, 0] > 0:
                    tree[c] = self._center(sums[j, 1:1 + d] / sums[j, 0])
        sums = blocks.reduce_sum(_node_sums, tree, children)
        for j, c in enumerate(children):
            stats[c] = (sums[j, 0], self._cost(sums[j, -1]))

    def _center(self, c: np.ndarray) -> np.ndarray:
        """A cluster's center: the mean, normalized for cosine distance (Spark's centroid)."""
        return unit_centers(c[None])[0] if self._cosine else c

    def _cost(self, squared: float) -> float:
        """Cost from squared distances (on unit rows, cosine distance is half of it)."""
        return squared / 2.0 if self._cosine else squared


class _Predict:
    def __init__(self, tree: dict, leaves: list[int], name: str, cosine: bool = False):
        self.tree, self.name, self.cosine = tree, name, cosine
        self.lookup = {leaf: n for n, leaf in enumerate(leaves)}

    def __call__(self, X: np.ndarray) -> dict:
        leaf = walk(unit_rows(X) if self.cosine else X, self.tree)
        return {self.name: pa.array([self.lookup[i] for i in leaf], pa.int32())}


class BisectingKMeansModel(HasTrainingSummary, StateModel, _BKMParams):
    _extra = ("tree", "leaves", "sizes", "cost")

    def _centers(self) -> dict[int, np.ndarray]:
        return {int(i): np.asarray(c) for i, c in self._tree.items()}

    def clusterCenters(self) -> list[np.ndarray]:
        t = self._centers()
        return [t[i].copy() for i in self._leaves]

    def predict(self, value: Any) -> int:
        x = np.asarray(value.toArray(), dtype=np.float64)[None]
        x = unit_rows(x) if self.getDistanceMeasure() == "cosine" else x
        return [self._leaves.index(i) for i in walk(x, self._centers())][0]

    def computeCost(self, dataset: Any) -> float:
        """Sum of the distances of the rows to their cluster's center (one pass): squared
        Euclidean, or cosine distance."""
        t = self._centers()
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol())
        cosine = self.getDistanceMeasure() == "cosine"
        try:
            blocks = unit_blocks(blocks) if cosine else blocks
            sq = float(blocks.reduce_sum(_node_sums, t, list(self._leaves))[:, -1].sum())
            return sq / 2.0 if cosine else sq
        finally:
            blocks.release()

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import IntegerType, StructField

        name = self.getPredictionCol()
        return append_predictions(dataset, self.getFeaturesCol(),
                                  _Predict(self._centers(), list(self._leaves), name,
                                           self.getDistanceMeasure() == "cosine"),
                                  [StructField(name, IntegerType(), True)])


class BisectingKMeansSummary(ClusteringSummary):
    """Training summary: clusters, sizes, `numIter` (Spark reports maxIter) and the cost."""

    def __init__(self, model: BisectingKMeansModel, dataset: Any, iterations: int,
                 sizes: list[int], cost: float):
        super().__init__(model, dataset, len(sizes), iterations, sizes)
        self.trainingCost = float(cost)
