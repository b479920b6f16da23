"""`LinearRegression` and its model, as in `pyspark.ml.regression`.

`solver="auto"` (default) uses the normal equations when there are at most 4096 features: one
distributed pass sums `[XᵀWX | XᵀWy]` over the blocks and the driver solves (coordinate
descent when there is an L1 term). Wider data (or `solver="l-bfgs"`) runs L-BFGS with one
fused Numba kernel per block per step. The objective is Spark's; see `optim/least_squares.py`.

Relation to scikit-learn: with `standardization=False` and `elasticNetParam=0`,
`regParam = alpha / n` matches `sklearn.linear_model.Ridge(alpha)`, and `regParam=0` is OLS.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _checks
from dfengine.ml._predict import ModelSummary, append_predictions, check_features
from dfengine.ml.base import Estimator, Model
from dfengine.ml.linalg import DenseVector
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.least_squares import solve_lbfgs, solve_normal
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import (
    HasAggregationDepth,
    HasElasticNetParam,
    HasFeaturesCol,
    HasFitIntercept,
    HasLabelCol,
    HasMaxBlockSizeInMB,
    HasMaxIter,
    HasPredictionCol,
    HasRegParam,
    HasStandardization,
    HasTol,
    HasWeightCol,
)
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import HasTrainingSummary, MLReadable, MLWritable

MAX_NORMAL_FEATURES = 4096


class _LinearRegressionParams(
        HasFeaturesCol, HasLabelCol, HasPredictionCol, HasMaxIter, HasRegParam,
        HasElasticNetParam, HasTol, HasFitIntercept, HasStandardization, HasWeightCol,
        HasAggregationDepth, HasMaxBlockSizeInMB):
    solver = Param(_dummy(), "solver", "The solver algorithm for optimization. Supported "
                   "options: auto, normal, l-bfgs.", typeConverter=TypeConverters.toString)
    loss = Param(_dummy(), "loss", "The loss function to be optimized. Supported options: "
                 "squaredError.", typeConverter=TypeConverters.toString)

    epsilon = Param(_dummy(), "epsilon", "The shape parameter to control the amount of "
                    "robustness. Must be > 1.0. Only valid when loss is huber",
                    typeConverter=TypeConverters.toFloat)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(maxIter=100, regParam=0.0, tol=1e-6, solver="auto",
                         loss="squaredError", epsilon=1.35, maxBlockSizeInMB=0.0)


class LinearRegression(Estimator, _LinearRegressionParams, MLReadable, MLWritable):
    """Linear regression with L2, L1 or elastic-net regularization."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", maxIter: int = 100,
                 regParam: float = 0.0, elasticNetParam: float = 0.0,
                 tol: float = 1e-6, fitIntercept: bool = True,
                 standardization: bool = True, solver: str = "auto",
                 weightCol: str | None = None, aggregationDepth: int = 2,
                 loss: str = "squaredError", epsilon: float = 1.35,
                 maxBlockSizeInMB: float = 0.0):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> LinearRegression:
        return self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> LinearRegressionModel:
        from dfengine.ml import _frame

        if self.getRegParam() < 0:
            raise IllegalArgumentException(f"regParam must be >= 0 but was {self.getRegParam()}")
        if not 0.0 <= self.getElasticNetParam() <= 1.0:
            raise IllegalArgumentException(
                f"elasticNetParam must be in [0, 1] but was {self.getElasticNetParam()}")
        solver = check_choice("solver", self.getSolver(), ("auto", "normal", "l-bfgs"))
        check_choice("loss", self.getLoss(), ("squaredError",))
        if self.getEpsilon() <= 1.0:
            raise IllegalArgumentException(
                f"epsilon given invalid value {self.getEpsilon()}; it must be > 1.0.")
        weight = (self.getWeightCol() if self.isDefined(self.weightCol) else None) or None
        cols = [self.getFeaturesCol(), self.getLabelCol()] + ([weight] if weight else [])
        _frame.require_columns(dataset, cols)
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), self.getLabelCol(),
                                       weight, sparse=True, empty=_checks.empty_head())
        try:
            moments = blocks.moments()   # labels checked as Spark's while reading blocks
            d = blocks.n_features
            args = (self.getRegParam(), self.getElasticNetParam(), self.getStandardization(),
                    self.getFitIntercept())
            if solver == "normal" or (solver == "auto" and d <= MAX_NORMAL_FEATURES):
                fit = solve_normal(blocks, moments, *args, self.getMaxIter(), self.getTol())
            else:
                fit = solve_lbfgs(blocks, moments, *args, self.getMaxIter(), self.getTol())
        finally:
            blocks.release()
        model = self._copyValues(LinearRegressionModel(fit.coefficients, fit.intercept))
        return model._set_summary(LinearRegressionTrainingSummary(
            model, dataset, fit.objective_history, fit.iterations))


class _Predict:
    def __init__(self, coef: np.ndarray, intercept: float, name: str):
        self.coef, self.intercept, self.name = coef, intercept, name

    def __call__(self, X: np.ndarray) -> dict:
        check_features(self.coef.size, X, "LinearRegressionModel")
        return {self.name: pa.array(X @ self.coef + self.intercept, type=pa.float64())}


class LinearRegressionModel(HasTrainingSummary, Model, _LinearRegressionParams, MLReadable,
                            MLWritable):
    """Model fitted by LinearRegression."""

    def __init__(self, coefficients: np.ndarray | None = None, intercept: float = 0.0):
        super().__init__()
        self._coef = None if coefficients is None else np.asarray(coefficients, np.float64)
        self._intercept = float(intercept)

    @property
    def coefficients(self) -> DenseVector:
        return DenseVector(self._coef)

    @property
    def intercept(self) -> float:
        return self._intercept

    @property
    def numFeatures(self) -> int:
        return int(self._coef.size)

    @property
    def scale(self) -> float:
        return 1.0

    def predict(self, value: Any) -> float:
        return float(DenseVector(value).toArray() @ self._coef + self._intercept)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import DoubleType, StructField

        name = self.getPredictionCol()
        return append_predictions(dataset, self.getFeaturesCol(),
                                  _Predict(self._coef, self._intercept, name),
                                  [StructField(name, DoubleType(), True)], sparse=True)

    def evaluate(self, dataset: Any) -> LinearRegressionSummary:
        return LinearRegressionSummary(self, dataset)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {"intercept": self._intercept}, {"coefficients": self._coef}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._coef = arrays["coefficients"]
        self._intercept = float(extra["intercept"])

    def __repr__(self) -> str:
        return f"LinearRegressionModel: uid={self.uid}, numFeatures={self.numFeatures}"


class LinearRegressionSummary(ModelSummary):
    """Regression metrics of a model on a dataset, computed lazily by RegressionEvaluator."""

    def _metric(self, name: str) -> float:
        from dfengine.ml.evaluation import RegressionEvaluator

        return RegressionEvaluator(labelCol=self._model.getLabelCol(),
                                   predictionCol=self._model.getPredictionCol(),
                                   metricName=name).evaluate(self.predictions)

    @property
    def rootMeanSquaredError(self) -> float:
        return self._metric("rmse")

    @property
    def meanSquaredError(self) -> float:
        return self._metric("mse")

    @property
    def meanAbsoluteError(self) -> float:
        return self._metric("mae")

    @property
    def r2(self) -> float:
        return self._metric("r2")

    @property
    def explainedVariance(self) -> float:
        return self._metric("var")

    @property
    def r2adj(self) -> float:
        n, p = self.numInstances, self._model.numFeatures
        icpt = 1 if self._model.getFitIntercept() else 0
        return 1.0 - (1.0 - self.r2) * (n - icpt) / (n - p - icpt)

    @cached_property
    def numInstances(self) -> int:
        return int(self._dataset.count())

    @property
    def degreesOfFreedom(self) -> int:
        icpt = 1 if self._model.getFitIntercept() else 0
        return self.numInstances - self._model.numFeatures - icpt

    @property
    def residuals(self) -> Any:
        """label - prediction, one column named `residuals` (as Spark's summary)."""
        from dfengine.sql import functions as F

        return self.predictions.select(
            (F.col(self.labelCol) - F.col(self.predictionCol)).alias("residuals"))


class LinearRegressionTrainingSummary(LinearRegressionSummary):
    def __init__(self, model: LinearRegressionModel, dataset: Any,
                 objective_history: list[float], iterations: int):
        super().__init__(model, dataset)
        self.objectiveHistory = list(objective_history)
        self.totalIterations = int(iterations)
