"""Behaviour shared by the fitted tree models: prediction columns, debug strings, importances,
`trees`/`treeWeights` and save/load (`pyspark.ml.tree.DecisionTreeModel`/`TreeEnsembleModel`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml._predict import append_predictions, check_features
from dfengine.ml.base import Model
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import matrix_to_vector_array
from dfengine.ml.tree.structure import TreeArrays, concat, flat_leaves, split_concat
from dfengine.ml.util import MLReadable, MLWritable


def to_vector(values: np.ndarray) -> Any:
    """Spark returns featureImportances as a SparseVector; use one when dfengine has it."""
    try:
        from dfengine.ml.linalg import SparseVector
    except ImportError:
        return DenseVector(values)
    nz = np.flatnonzero(values)
    return SparseVector(len(values), nz.tolist(), values[nz].tolist())


def normalize(v: np.ndarray) -> np.ndarray:
    s = v.sum()
    return v / s if s != 0 else v


class _TreesModel(Model, MLReadable, MLWritable):
    """A model holding one or more trees as preorder arrays."""

    _kind_default = "variance"

    def __init__(self, trees: list[TreeArrays] | None = None, weights: list[float] | None = None,
                 numFeatures: int = 0, numClasses: int = 0, kind: str | None = None):
        super().__init__()
        self._trees = list(trees or [])
        self._weights = np.asarray(weights if weights is not None else [1.0] * len(self._trees),
                                   dtype=np.float64)
        self._num_features = int(numFeatures)
        self._num_classes = int(numClasses)
        self._kind = kind or self._kind_default
        self._flat_cache = None

    # -- shape
    @property
    def numFeatures(self) -> int:
        return self._num_features

    def _flat(self) -> tuple[dict, np.ndarray]:
        if self._flat_cache is None:
            self._flat_cache = concat(self._trees)
        return self._flat_cache

    def _leaves(self, X: np.ndarray) -> np.ndarray:
        check_features(self._num_features, X, type(self).__name__)
        flat, roots = self._flat()
        return flat_leaves(X, flat, roots)

    # -- persistence
    def _get_state(self, path: str) -> tuple[dict, dict]:
        flat, roots = concat(self._trees)
        arrays = {f"tree_{k}": v for k, v in flat.items()}
        arrays["roots"] = roots
        arrays["treeWeights"] = self._weights
        return ({"numFeatures": self._num_features, "numClasses": self._num_classes,
                 "kind": self._kind}, arrays)

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        flat = {k[5:]: v for k, v in arrays.items() if k.startswith("tree_")}
        self._trees = split_concat(flat, arrays["roots"]) if arrays["roots"].size else []
        self._weights = arrays["treeWeights"]
        self._num_features = int(extra["numFeatures"])
        self._num_classes = int(extra["numClasses"])
        self._kind = extra["kind"]
        self._flat_cache = None

    def _feature_importances(self, per_tree_normalization: bool) -> Any:
        total = np.zeros(self._num_features)
        for t in self._trees:
            imp = t.importances(self._num_features, self._kind)
            total += normalize(imp) if per_tree_normalization else imp
        return to_vector(normalize(total))

    def _as_matrix(self, value: Any) -> np.ndarray:
        arr = value.toArray() if hasattr(value, "toArray") else np.asarray(value, dtype=float)
        return np.asarray(arr, dtype=np.float64).reshape(1, -1)

    def _leaf_ranks(self) -> np.ndarray:
        """Spark's leaf index: the leaf's position among its tree's leaves, left to right."""
        flat, roots = self._flat()
        is_leaf = (flat["feature"] < 0).astype(np.int64)
        before = np.concatenate([[0], np.cumsum(is_leaf)])
        tree_of = np.searchsorted(roots, np.arange(is_leaf.size), side="right") - 1
        return (before[1:] - 1 - before[roots[tree_of]]).astype(np.float64)

    def predictLeaf(self, value: Any) -> Any:
        local = self._leaf_ranks()[self._leaves(self._as_matrix(value))[0]]
        return float(local[0]) if len(self._trees) == 1 else DenseVector(local)


class _SingleTreeModel(_TreesModel):
    """DecisionTreeModel: `depth`, `numNodes`, `toDebugString`, `featureImportances`."""

    @property
    def _tree(self) -> TreeArrays:
        return self._trees[0]

    @property
    def depth(self) -> int:
        return self._tree.depth

    @property
    def numNodes(self) -> int:
        return self._tree.num_nodes

    @property
    def featureImportances(self) -> Any:
        return self._feature_importances(True)

    @property
    def toDebugString(self) -> str:
        return f"{self}\n" + self._tree.debug_lines(2)


class _EnsembleModel(_TreesModel):
    """TreeEnsembleModel: `trees`, `treeWeights`, `getNumTrees`, `totalNumNodes`."""

    _tree_class: type = None          # set by subclasses
    _per_tree_normalization = True

    @property
    def trees(self) -> list:
        out = []
        for t in self._trees:
            m = self._tree_class([t], [1.0], self._num_features, self._num_classes, self._kind)
            out.append(m)
        return out

    @property
    def treeWeights(self) -> list[float]:
        return [float(w) for w in self._weights]

    @property
    def getNumTrees(self) -> int:
        return len(self._trees)

    @property
    def totalNumNodes(self) -> int:
        return int(sum(t.num_nodes for t in self._trees))

    @property
    def featureImportances(self) -> Any:
        return self._feature_importances(self._per_tree_normalization)

    @property
    def toDebugString(self) -> str:
        parts = [f"{self}\n"]
        for i, (t, w) in enumerate(zip(self._trees, self._weights, strict=True)):
            parts.append(f"  Tree {i} (weight {float(w)!r}):\n" + t.debug_lines(4))
        return "".join(parts)


# -- prediction columns

def class_thresholds(model: Any) -> np.ndarray | None:
    if model.isDefined(model.thresholds) and model.getOrDefault(model.thresholds):
        t = np.asarray(model.getOrDefault(model.thresholds), dtype=np.float64)
        if t.size != model.numClasses:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                f"thresholds has length {t.size} but the model has {model.numClasses} "
                f"classes.")
        return t
    return None


def predict_from_probability(raw: np.ndarray, prob: np.ndarray,
                             thresholds: np.ndarray | None) -> np.ndarray:
    """argmax of rawPrediction, or of probability / thresholds when thresholds are set."""
    if thresholds is None:
        return np.argmax(raw, axis=1).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = np.where(thresholds == 0, np.inf, prob / thresholds)
    return np.argmax(scaled, axis=1).astype(np.float64)


class ClassifierColumns:
    """Per-partition: features -> rawPrediction / probability / prediction arrays."""

    def __init__(self, model: Any, names: dict):
        self.model, self.names = model, names

    def __call__(self, X: np.ndarray) -> dict:
        raw, prob = self.model._raw_and_probability(X)
        pred = predict_from_probability(raw, prob, class_thresholds(self.model))
        out = {}
        if self.names["raw"]:
            out[self.names["raw"]] = matrix_to_vector_array(raw)
        if self.names["prob"]:
            out[self.names["prob"]] = matrix_to_vector_array(prob)
        if self.names["pred"]:
            out[self.names["pred"]] = pa.array(pred, type=pa.float64())
        if self.names.get("leaf"):
            out[self.names["leaf"]] = leaf_column(self.model, X)
        return out


def leaf_column(model: Any, X: np.ndarray) -> pa.Array:
    return matrix_to_vector_array(model._leaf_ranks()[model._leaves(X)])


def classifier_transform(model: Any, dataset: Any) -> Any:
    from dfengine.sql.types import DoubleType, StructField, VectorUDT

    names = {"raw": model.getRawPredictionCol(), "prob": model.getProbabilityCol(),
             "pred": model.getPredictionCol(),
             "leaf": model.getLeafCol() if model.hasParam("leafCol") else ""}
    fields = []
    for key, typ in (("raw", VectorUDT()), ("prob", VectorUDT()), ("pred", DoubleType()),
                     ("leaf", VectorUDT())):
        if names[key]:
            fields.append(StructField(names[key], typ, True))
    return append_predictions(dataset, model.getFeaturesCol(), ClassifierColumns(model, names),
                              fields)


class RegressorColumns:
    def __init__(self, model: Any, names: dict):
        self.model, self.names = model, names

    def __call__(self, X: np.ndarray) -> dict:
        out = {}
        if self.names["pred"]:
            out[self.names["pred"]] = pa.array(self.model._predict_matrix(X), type=pa.float64())
        if self.names.get("var"):
            out[self.names["var"]] = pa.array(self.model._variance_matrix(X),
                                              type=pa.float64())
        if self.names.get("leaf"):
            out[self.names["leaf"]] = leaf_column(self.model, X)
        return out


def regressor_transform(model: Any, dataset: Any, variance_col: str | None = None) -> Any:
    from dfengine.sql.types import DoubleType, StructField, VectorUDT

    names = {"pred": model.getPredictionCol(), "var": variance_col,
             "leaf": model.getLeafCol()}
    fields = []
    for key, typ in (("pred", DoubleType()), ("var", DoubleType()), ("leaf", VectorUDT())):
        if names[key]:
            fields.append(StructField(names[key], typ, True))
    return append_predictions(dataset, model.getFeaturesCol(), RegressorColumns(model, names),
                              fields)
