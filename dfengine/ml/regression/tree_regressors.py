"""DecisionTreeRegressor, RandomForestRegressor, GBTRegressor and their models
(`pyspark.ml.regression`); training in `dfengine/ml/tree/`."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.base import Estimator
from dfengine.ml.param import keyword_only
from dfengine.ml.tree._params import (
    _GBTParams,
    _RandomForestParams,
    _TreeRegressorParams,
    tree_kwargs,
)
from dfengine.ml.tree.models import _EnsembleModel, _SingleTreeModel, regressor_transform
from dfengine.ml.tree.train import fit_gbt, fit_tree_model
from dfengine.ml.util import MLReadable, MLWritable


def _cols(est: Any) -> tuple:
    return est.getFeaturesCol(), est.getLabelCol(), est._weight_col()


class _RegressorModelMixin:
    def predict(self, value: Any) -> float:
        return float(self._predict_matrix(self._as_matrix(value))[0])

    def _transform(self, dataset: Any) -> Any:
        return regressor_transform(self, dataset, self._variance_col())

    def _variance_col(self) -> str | None:
        return None


class DecisionTreeRegressor(Estimator, _TreeRegressorParams, MLReadable, MLWritable):
    """A decision tree for regression (variance impurity), Spark's algorithm."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", maxDepth: int = 5, maxBins: int = 32,
                 minInstancesPerNode: int = 1, minInfoGain: float = 0.0,
                 maxMemoryInMB: int = 256, cacheNodeIds: bool = False,
                 checkpointInterval: int = 10, impurity: str = "variance",
                 seed: int | None = None, varianceCol: str | None = None,
                 weightCol: str | None = None, leafCol: str = "",
                 minWeightFractionPerNode: float = 0.0):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> DecisionTreeRegressor:
        return self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> DecisionTreeRegressionModel:
        return fit_tree_model(self, dataset, False, DecisionTreeRegressionModel, False)


class DecisionTreeRegressionModel(_RegressorModelMixin, _SingleTreeModel, _TreeRegressorParams):
    """Model fitted by DecisionTreeRegressor."""

    def _predict_matrix(self, X: np.ndarray) -> np.ndarray:
        return self._flat()[0]["prediction"][self._leaves(X)[:, 0]]

    def _variance_matrix(self, X: np.ndarray) -> np.ndarray:
        return self._flat()[0]["impurity"][self._leaves(X)[:, 0]]

    def _variance_col(self) -> str | None:
        v = self.getOrDefault(self.varianceCol) if self.isDefined(self.varianceCol) else None
        return v or None

    def __repr__(self) -> str:
        return (f"DecisionTreeRegressionModel: uid={self.uid}, depth={self.depth}, "
                f"numNodes={self.numNodes}, numFeatures={self.numFeatures}")


class RandomForestRegressor(Estimator, _TreeRegressorParams, _RandomForestParams, MLReadable,
                            MLWritable):
    """A random forest for regression."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", maxDepth: int = 5, maxBins: int = 32,
                 minInstancesPerNode: int = 1, minInfoGain: float = 0.0,
                 maxMemoryInMB: int = 256, cacheNodeIds: bool = False,
                 checkpointInterval: int = 10, impurity: str = "variance",
                 subsamplingRate: float = 1.0, seed: int | None = None, numTrees: int = 20,
                 featureSubsetStrategy: str = "auto", leafCol: str = "",
                 minWeightFractionPerNode: float = 0.0, weightCol: str | None = None,
                 bootstrap: bool = True):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> RandomForestRegressor:
        return self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> RandomForestRegressionModel:
        return fit_tree_model(self, dataset, False, RandomForestRegressionModel, True)


class RandomForestRegressionModel(_RegressorModelMixin, _EnsembleModel, _TreeRegressorParams,
                                  _RandomForestParams):
    """Model fitted by RandomForestRegressor: the mean of the trees' predictions."""

    _tree_class = DecisionTreeRegressionModel

    def _predict_matrix(self, X: np.ndarray) -> np.ndarray:
        pred = self._flat()[0]["prediction"][self._leaves(X)]
        return pred @ self._weights / len(self._trees)

    def __repr__(self) -> str:
        return (f"RandomForestRegressionModel: uid={self.uid}, numTrees={self.getNumTrees}, "
                f"numFeatures={self.numFeatures}")


class GBTRegressor(Estimator, _TreeRegressorParams, _GBTParams, MLReadable, MLWritable):
    """Gradient-boosted trees for regression (squared or absolute loss), as Spark's."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", maxDepth: int = 5, maxBins: int = 32,
                 minInstancesPerNode: int = 1, minInfoGain: float = 0.0,
                 maxMemoryInMB: int = 256, cacheNodeIds: bool = False,
                 subsamplingRate: float = 1.0, checkpointInterval: int = 10,
                 lossType: str = "squared", maxIter: int = 20, stepSize: float = 0.1,
                 seed: int | None = None, impurity: str = "variance",
                 featureSubsetStrategy: str = "all", validationTol: float = 0.01,
                 validationIndicatorCol: str | None = None, leafCol: str = "",
                 minWeightFractionPerNode: float = 0.0, weightCol: str | None = None):
        super().__init__()
        self._setDefault(lossType="squared")
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> GBTRegressor:
        return self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> GBTRegressionModel:
        from dfengine.ml.classification.tree_classifiers import boost_settings, split_validation

        self._check_tree_params()
        loss = self.getLossType().lower()
        if loss not in ("squared", "absolute"):
            raise IllegalArgumentException(
                f"lossType given invalid value {self.getLossType()!r}; supported options: "
                f"'squared', 'absolute'.")
        train, valid = split_validation(self, dataset)
        fit = fit_gbt(train, valid, _cols(self), False, boost_settings(self, loss),
                      tree_kwargs(self), self.getSeed(), self.getMaxBins(),
                      self.getMaxMemoryInMB())
        model = GBTRegressionModel(fit.trees, fit.weights, fit.num_features, 0, "variance")
        self._copyValues(model)
        return model


class GBTRegressionModel(_RegressorModelMixin, _EnsembleModel, _TreeRegressorParams,
                         _GBTParams):
    """Model fitted by GBTRegressor: sum of tree weights x tree predictions."""

    _tree_class = DecisionTreeRegressionModel
    _per_tree_normalization = False

    def _predict_matrix(self, X: np.ndarray) -> np.ndarray:
        pred = self._flat()[0]["prediction"][self._leaves(X)]
        return pred @ self._weights if pred.size else np.zeros(X.shape[0])

    def evaluateEachIteration(self, dataset: Any, loss: str | None = None) -> list[float]:
        from dfengine.ml.classification.tree_classifiers import evaluate_each_iteration

        return evaluate_each_iteration(self, dataset, (loss or self.getLossType()).lower(),
                                       False)

    def __repr__(self) -> str:
        return (f"GBTRegressionModel: uid={self.uid}, numTrees={self.getNumTrees}, "
                f"numFeatures={self.numFeatures}")
