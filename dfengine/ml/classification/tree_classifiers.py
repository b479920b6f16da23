"""DecisionTreeClassifier, RandomForestClassifier, GBTClassifier and their models.

Same params, defaults and outputs as `pyspark.ml.classification`; training in
`dfengine/ml/tree/` (binned blocks on the workers, Numba histograms, splits on the driver).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.base import Estimator
from dfengine.ml.linalg import DenseVector
from dfengine.ml.param import keyword_only
from dfengine.ml.tree._params import (
    _GBTParams,
    _HasPruneTree,
    _RandomForestParams,
    _TreeClassifierParams,
    tree_kwargs,
)
from dfengine.ml.tree.models import (
    _EnsembleModel,
    _SingleTreeModel,
    classifier_transform,
    predict_from_probability,
)
from dfengine.ml.tree.summary import HasClassificationSummary
from dfengine.ml.tree.train import BoostSettings, fit_gbt, fit_tree_model
from dfengine.ml.util import MLReadable, MLWritable


def _cols(est: Any) -> tuple:
    return est.getFeaturesCol(), est.getLabelCol(), est._weight_col()


class _ClassifierModelMixin:
    """predict / predictRaw / predictProbability on one vector, transform on a DataFrame."""

    @property
    def numClasses(self) -> int:
        return self._num_classes

    def _raw_and_probability(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def predictRaw(self, value: Any) -> DenseVector:
        return DenseVector(self._raw_and_probability(self._as_matrix(value))[0][0])

    def predictProbability(self, value: Any) -> DenseVector:
        return DenseVector(self._raw_and_probability(self._as_matrix(value))[1][0])

    def predict(self, value: Any) -> float:
        from dfengine.ml.tree.models import class_thresholds

        raw, prob = self._raw_and_probability(self._as_matrix(value))
        return float(predict_from_probability(raw, prob, class_thresholds(self))[0])

    def _transform(self, dataset: Any) -> Any:
        return classifier_transform(self, dataset)


def _normalized(counts: np.ndarray) -> np.ndarray:
    s = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(s > 0, counts / np.where(s == 0, 1, s), 0.0)


# -- decision tree

class DecisionTreeClassifier(Estimator, _TreeClassifierParams, _HasPruneTree, MLReadable,
                             MLWritable):
    """A decision tree for binary and multiclass classification (Spark's algorithm)."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", probabilityCol: str = "probability",
                 rawPredictionCol: str = "rawPrediction", maxDepth: int = 5, maxBins: int = 32,
                 minInstancesPerNode: int = 1, minInfoGain: float = 0.0,
                 maxMemoryInMB: int = 256, cacheNodeIds: bool = False,
                 checkpointInterval: int = 10, impurity: str = "gini", seed: int | None = None,
                 weightCol: str | None = None, leafCol: str = "",
                 minWeightFractionPerNode: float = 0.0, thresholds: list | None = None,
                 pruneTree: bool = True):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> DecisionTreeClassifier:
        return self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> DecisionTreeClassificationModel:
        return fit_tree_model(self, dataset, True, DecisionTreeClassificationModel, False)


class DecisionTreeClassificationModel(_ClassifierModelMixin, _SingleTreeModel,
                                      _TreeClassifierParams, _HasPruneTree):
    """Model fitted by DecisionTreeClassifier."""

    _kind_default = "gini"

    def _raw_and_probability(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        leaves = self._leaves(X)[:, 0]
        raw = self._flat()[0]["stats"][leaves]
        return raw, _normalized(raw)

    def __repr__(self) -> str:
        return (f"DecisionTreeClassificationModel: uid={self.uid}, depth={self.depth}, "
                f"numNodes={self.numNodes}, numClasses={self.numClasses}, "
                f"numFeatures={self.numFeatures}")


# -- random forest

class RandomForestClassifier(Estimator, _TreeClassifierParams, _RandomForestParams,
                             _HasPruneTree, MLReadable, MLWritable):
    """A random forest: bagged trees with a random feature subset at each node."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", probabilityCol: str = "probability",
                 rawPredictionCol: str = "rawPrediction", maxDepth: int = 5, maxBins: int = 32,
                 minInstancesPerNode: int = 1, minInfoGain: float = 0.0,
                 maxMemoryInMB: int = 256, cacheNodeIds: bool = False,
                 checkpointInterval: int = 10, impurity: str = "gini", numTrees: int = 20,
                 featureSubsetStrategy: str = "auto", seed: int | None = None,
                 subsamplingRate: float = 1.0, leafCol: str = "",
                 minWeightFractionPerNode: float = 0.0, weightCol: str | None = None,
                 bootstrap: bool = True, thresholds: list | None = None,
                 pruneTree: bool = True):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> RandomForestClassifier:
        return self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> RandomForestClassificationModel:
        model = fit_tree_model(self, dataset, True, RandomForestClassificationModel, True)
        model._attach_summary(dataset, [0.0])      # Spark's: no objective, one entry
        return model


class RandomForestClassificationModel(HasClassificationSummary, _ClassifierModelMixin,
                                      _EnsembleModel, _TreeClassifierParams,
                                      _RandomForestParams, _HasPruneTree):
    """Model fitted by RandomForestClassifier: votes are the trees' leaf class frequencies."""

    _kind_default = "gini"
    _tree_class = DecisionTreeClassificationModel

    def _raw_and_probability(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        leaves = self._leaves(X)
        stats = self._flat()[0]["stats"]
        raw = np.zeros((X.shape[0], self._num_classes))
        for t in range(leaves.shape[1]):
            raw += _normalized(stats[leaves[:, t]]) * self._weights[t]
        return raw, _normalized(raw)

    def __repr__(self) -> str:
        return (f"RandomForestClassificationModel: uid={self.uid}, numTrees={self.getNumTrees}, "
                f"numClasses={self.numClasses}, numFeatures={self.numFeatures}")


# -- gradient-boosted trees

class GBTClassifier(Estimator, _TreeClassifierParams, _GBTParams, MLReadable, MLWritable):
    """Gradient-boosted trees for binary classification (logistic loss), as Spark's."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", maxDepth: int = 5, maxBins: int = 32,
                 minInstancesPerNode: int = 1, minInfoGain: float = 0.0,
                 maxMemoryInMB: int = 256, cacheNodeIds: bool = False,
                 checkpointInterval: int = 10, lossType: str = "logistic", maxIter: int = 20,
                 stepSize: float = 0.1, seed: int | None = None, subsamplingRate: float = 1.0,
                 impurity: str = "variance", featureSubsetStrategy: str = "all",
                 validationTol: float = 0.01, validationIndicatorCol: str | None = None,
                 leafCol: str = "", minWeightFractionPerNode: float = 0.0,
                 weightCol: str | None = None, probabilityCol: str = "probability",
                 rawPredictionCol: str = "rawPrediction", thresholds: list | None = None):
        super().__init__()
        self._setDefault(lossType="logistic", impurity="variance")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> GBTClassifier:
        return self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> GBTClassificationModel:
        self._check_tree_params()
        loss = self.getLossType().lower()
        if loss != "logistic":
            raise IllegalArgumentException(
                f"lossType given invalid value {self.getLossType()!r}; GBTClassifier supports "
                f"'logistic'.")
        train, valid = split_validation(self, dataset)
        boost = boost_settings(self, loss)
        fit = fit_gbt(train, valid, _cols(self), True, boost, tree_kwargs(self), self.getSeed(),
                      self.getMaxBins(), self.getMaxMemoryInMB())
        model = GBTClassificationModel(fit.trees, fit.weights, fit.num_features, 2, "variance")
        self._copyValues(model)
        return model


def boost_settings(est: Any, loss: str) -> BoostSettings:
    if est.getMaxIter() < 0:
        raise IllegalArgumentException(f"maxIter must be >= 0 but was {est.getMaxIter()}")
    if not 0 < est.getStepSize() <= 1:
        raise IllegalArgumentException(
            f"stepSize given invalid value {est.getStepSize()}; it must be in (0, 1].")
    if not 0 < est.getSubsamplingRate() <= 1:
        raise IllegalArgumentException(
            f"subsamplingRate given invalid value {est.getSubsamplingRate()}; it must be in "
            f"(0, 1].")
    return BoostSettings(est.getMaxIter(), est.getStepSize(), loss, est.getSubsamplingRate(),
                         est.getFeatureSubsetStrategy(), est.getValidationTol())


def split_validation(est: Any, dataset: Any) -> tuple[Any, Any]:
    """(training rows, validation rows or None) from validationIndicatorCol."""
    col = est.getOrDefault(est.validationIndicatorCol) \
        if est.isDefined(est.validationIndicatorCol) else None
    if not col:
        return dataset, None
    from dfengine.ml import _frame
    from dfengine.sql import functions as F

    _frame.require_columns(dataset, [col], "validationIndicator")
    flag = F.col(col).cast("boolean")
    return dataset.where(~flag), dataset.where(flag)   # `where` keeps column metadata


class GBTClassificationModel(_ClassifierModelMixin, _EnsembleModel, _TreeClassifierParams,
                             _GBTParams):
    """Model fitted by GBTClassifier: margin = sum of tree weights x tree predictions."""

    _kind_default = "variance"
    _per_tree_normalization = False

    @property
    def _tree_class(self) -> type:
        from dfengine.ml.regression.tree_regressors import DecisionTreeRegressionModel

        return DecisionTreeRegressionModel

    def _margin(self, X: np.ndarray) -> np.ndarray:
        leaves = self._leaves(X)
        pred = self._flat()[0]["prediction"][leaves]
        return pred @ self._weights if pred.size else np.zeros(X.shape[0])

    def _raw_and_probability(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = self._margin(X)
        p = 1.0 / (1.0 + np.exp(-2.0 * m))
        return np.column_stack([-m, m]), np.column_stack([1.0 - p, p])

    def evaluateEachIteration(self, dataset: Any) -> list[float]:
        return evaluate_each_iteration(self, dataset, "logistic", True)

    def __repr__(self) -> str:
        return (f"GBTClassificationModel: uid = {self.uid}, numTrees={self.getNumTrees}, "
                f"numClasses={self.numClasses}, numFeatures={self.numFeatures}")


def evaluate_each_iteration(model: Any, dataset: Any, loss: str, classification: bool) -> list:
    """The weighted mean loss after each boosting iteration (Spark's evaluateEachIteration)."""
    from dfengine.ml import _frame
    from dfengine.ml.optim.blocks import Blocks

    weight = model._weight_col() if hasattr(model, "_weight_col") else None
    _frame.require_columns(dataset, [model.getFeaturesCol(), model.getLabelCol()])
    blocks = Blocks.from_dataframe(dataset, model.getFeaturesCol(), model.getLabelCol(), weight)
    try:
        parts = blocks.map(_iteration_errors, model._flat(), model._weights, loss,
                           classification)
    finally:
        blocks.release()
    tot = np.sum(parts, axis=0)
    return list(tot[:-1] / tot[-1])


def _iteration_errors(block: tuple, flat_roots: tuple, weights: np.ndarray, loss: str,
                      classification: bool) -> np.ndarray:
    from dfengine.ml.tree.structure import flat_leaves
    from dfengine.ml.tree.train import loss_error

    X, y, w = block
    flat, roots = flat_roots
    leaves = flat_leaves(X, flat, roots)
    F = np.cumsum(flat["prediction"][leaves] * weights[None, :], axis=1)
    yy = y * 2.0 - 1.0 if classification else y
    errs = [float(w @ loss_error(loss, yy, F[:, m])) for m in range(F.shape[1])]
    return np.array(errs + [float(w.sum())])
