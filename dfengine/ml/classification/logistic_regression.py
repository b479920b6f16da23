"""`LogisticRegression` (binary and multinomial) and its model, as in `pyspark.ml`.

Training: the features are materialized once as blocks on the workers
(`optim.blocks.Blocks`), then scipy's L-BFGS-B on the driver calls one fused Numba
loss/gradient kernel per block per step (`optim.logistic`). See `optim/logistic.py` for
the exact objective (Spark's) and how standardization and L1 are handled.

Relation to scikit-learn: with `standardization=False` and `elasticNetParam=0`,
`regParam = 1 / (C * n)` gives the same objective as `sklearn.linear_model.LogisticRegression(C)`
on n rows (sklearn sums the losses and adds `1/2 |w|^2`; Spark averages them).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml._checks import summarizer_empty
from dfengine.ml._predict import ModelSummary, append_predictions, check_features
from dfengine.ml.base import Estimator, Model
from dfengine.ml.linalg import DenseMatrix, DenseVector, SparseVector
from dfengine.ml.linalg.arrow import matrix_to_vector_array
from dfengine.ml.linalg.matrices import SparseMatrix, compressed_matrix, compressed_vector
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.logistic import train_logistic
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
    HasProbabilityCol,
    HasRawPredictionCol,
    HasRegParam,
    HasStandardization,
    HasThreshold,
    HasTol,
    HasWeightCol,
)
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.util import HasTrainingSummary, MLReadable, MLWritable

_BOUNDS_DOC = ("The {} bounds on coefficients if fitting under bound constrained optimization. "
               "The bound matrix must be compatible with the shape (1, number of features) for "
               "binomial regression, or (number of classes, number of features) for "
               "multinomial regression.")


class _LogisticRegressionParams(
        HasFeaturesCol, HasLabelCol, HasPredictionCol, HasProbabilityCol, HasRawPredictionCol,
        HasMaxIter, HasRegParam, HasElasticNetParam, HasTol, HasFitIntercept,
        HasStandardization, HasWeightCol, HasThreshold, HasAggregationDepth,
        HasMaxBlockSizeInMB):
    threshold = Param(_dummy(), "threshold",
                      "Threshold in binary classification prediction, in range [0, 1]. If "
                      "threshold and thresholds are both set, they must match.e.g. if threshold "
                      "is p, then thresholds must be equal to [1-p, p].",
                      typeConverter=TypeConverters.toFloat)
    thresholds = Param(_dummy(), "thresholds",
                       "Thresholds in multi-class classification to adjust the probability of "
                       "predicting each class. Array must have length equal to the number of "
                       "classes, with values > 0, excepting that at most one value may be 0. "
                       "The class with largest value p/t is predicted, where p is the original "
                       "probability of that class and t is the class's threshold.",
                       typeConverter=TypeConverters.toListFloat)
    family = Param(_dummy(), "family",
                   "The name of family which is a description of the label distribution to be "
                   "used in the model. Supported options: auto, binomial, multinomial",
                   typeConverter=TypeConverters.toString)
    # PySpark's docs, word for word (typos included)
    lowerBoundsOnCoefficients = Param(_dummy(), "lowerBoundsOnCoefficients", _BOUNDS_DOC.format(
        "lower"), typeConverter=TypeConverters.identity)
    upperBoundsOnCoefficients = Param(_dummy(), "upperBoundsOnCoefficients", _BOUNDS_DOC.format(
        "upper"), typeConverter=TypeConverters.identity)
    lowerBoundsOnIntercepts = Param(
        _dummy(), "lowerBoundsOnIntercepts", "The lower bounds on intercepts if fitting under "
        "bound constrained optimization. The bounds vector size must beequal with 1 for binomial "
        "regression, or the number oflasses for multinomial regression.",
        typeConverter=TypeConverters.toVector)
    upperBoundsOnIntercepts = Param(
        _dummy(), "upperBoundsOnIntercepts", "The upper bounds on intercepts if fitting under "
        "bound constrained optimization. The bound vector size must be equal with 1 for "
        "binomial regression, or the number of classes for multinomial regression.",
        typeConverter=TypeConverters.toVector)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(maxIter=100, regParam=0.0, tol=1e-6, threshold=0.5, family="auto",
                         maxBlockSizeInMB=0.0)

    def _class_thresholds(self) -> list[float] | None:
        return self.getOrDefault("thresholds") if self.isDefined("thresholds") else None


class LogisticRegression(Estimator, _LogisticRegressionParams, MLReadable, MLWritable):
    """Logistic regression; supports binomial and multinomial, L2, L1 and elastic net."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", maxIter: int = 100,
                 regParam: float = 0.0, elasticNetParam: float = 0.0,
                 tol: float = 1e-6, fitIntercept: bool = True,
                 threshold: float = 0.5, probabilityCol: str = "probability",
                 rawPredictionCol: str = "rawPrediction",
                 standardization: bool = True, weightCol: str | None = None,
                 aggregationDepth: int = 2, family: str = "auto",
                 thresholds: list[float] | None = None,
                 lowerBoundsOnCoefficients: Any = None, upperBoundsOnCoefficients: Any = None,
                 lowerBoundsOnIntercepts: Any = None, upperBoundsOnIntercepts: Any = None,
                 maxBlockSizeInMB: float = 0.0):
        super().__init__()
        self._set(**{k: v for k, v in self._input_kwargs.items() if v is not None})

    @keyword_only
    def setParams(self, **kwargs: Any) -> LogisticRegression:
        return self._set(**self._input_kwargs)

    def _validate(self) -> None:
        if self.getRegParam() < 0:
            raise IllegalArgumentException(f"regParam must be >= 0 but was {self.getRegParam()}")
        if not 0.0 <= self.getElasticNetParam() <= 1.0:
            raise IllegalArgumentException(
                f"elasticNetParam must be in [0, 1] but was {self.getElasticNetParam()}")
        if self.getMaxIter() < 0:
            raise IllegalArgumentException(f"maxIter must be >= 0 but was {self.getMaxIter()}")
        check_choice("family", self.getFamily(), ("auto", "binomial", "multinomial"))
        bounds = [p for p in ("lowerBoundsOnCoefficients", "upperBoundsOnCoefficients",
                              "lowerBoundsOnIntercepts", "upperBoundsOnIntercepts")
                  if self.isSet(p)]
        if bounds:
            raise IllegalArgumentException(
                f"{', '.join(bounds)}: bound-constrained LogisticRegression is not supported "
                f"by dfengine; unset the bounds (or clip the fitted coefficients).")

    def _fit(self, dataset: Any) -> LogisticRegressionModel:
        from dfengine.ml import _frame

        self._validate()
        weight = self.getWeightCol() if self.isDefined(self.weightCol) else None
        weight = weight or None
        cols = [self.getFeaturesCol(), self.getLabelCol()] + ([weight] if weight else [])
        _frame.require_columns(dataset, cols)
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), self.getLabelCol(),
                                       weight, sparse=True, empty=summarizer_empty())
        try:
            lo, hi, non_integer = blocks.label_range()
            if lo < 0 or non_integer:
                raise IllegalArgumentException(
                    f"Classification labels should be in [0 to numClasses), but found "
                    f"{non_integer} non-integer label(s) and smallest label {lo} in column "
                    f"{self.getLabelCol()}. Use StringIndexer to turn labels into indices.")
            num_classes = max(int(hi) + 1, 2)
            family = self.getFamily()
            if family == "binomial" and num_classes > 2:
                raise IllegalArgumentException(
                    f"Binomial family only supports 1 or 2 outcome classes but found "
                    f"{num_classes}. Use family='multinomial'.")
            multinomial = family == "multinomial" or (family == "auto" and num_classes > 2)
            moments = blocks.moments()
            if not np.all(np.isfinite(moments.mean)):
                from dfengine.errors import SparkRuntimeException

                raise SparkRuntimeException(
                    "Vector values MUST NOT be NaN or Infinity, but the features column "
                    f"{self.getFeaturesCol()} holds some. Drop or impute them first (Imputer).",
                    "NAN_OR_INFINITE_FEATURES")
            fit = train_logistic(
                blocks, moments, num_classes, multinomial, self.getRegParam(),
                self.getElasticNetParam(), self.getStandardization(), self.getFitIntercept(),
                self.getMaxIter(), self.getTol())
        finally:
            blocks.release()
        model = LogisticRegressionModel(fit.coefficients, fit.intercepts, num_classes,
                                        multinomial)
        self._copyValues(model)
        return model._set_summary(LogisticRegressionTrainingSummary(
            model, dataset, fit.objective_history, fit.iterations))


class _Predict:
    """Per-partition prediction: raw margins, probabilities, class."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, multinomial: bool,
                 threshold: float, names: dict, thresholds: list[float] | None = None):
        self.coef, self.intercept = coef, intercept
        self.multinomial, self.threshold, self.names = multinomial, threshold, names
        self.thresholds = thresholds

    def __call__(self, X: np.ndarray) -> dict:
        check_features(self.coef.shape[1], X, "LogisticRegressionModel")
        raw, prob, pred = predict_arrays(X, self.coef, self.intercept, self.multinomial,
                                         self.threshold, self.thresholds)
        out = {}
        if self.names.get("raw"):
            out[self.names["raw"]] = matrix_to_vector_array(raw)
        if self.names.get("prob"):
            out[self.names["prob"]] = matrix_to_vector_array(prob)
        if self.names.get("pred"):
            out[self.names["pred"]] = pa.array(pred, type=pa.float64())
        return out


def softmax(margins: np.ndarray) -> np.ndarray:
    """Row-wise softmax; a row with +inf margins (a model fitted on one class) puts all the
    probability on the infinite classes, as Spark's raw2probability."""
    top = margins.max(axis=1, keepdims=True)
    inf = np.isposinf(top)
    with np.errstate(invalid="ignore"):
        e = np.exp(np.where(inf, 0.0, margins - top))
    e = np.where(inf, np.isposinf(margins).astype(np.float64), e)
    return e / e.sum(axis=1, keepdims=True)


def predict_arrays(X: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                   multinomial: bool, threshold: float,
                   thresholds: list[float] | None = None) -> tuple:
    margins = X @ coef.T + intercept
    if multinomial:
        raw = margins
        prob = softmax(margins)
        pred = np.argmax(raw, axis=1).astype(np.float64)
    else:
        m = margins[:, 0]
        raw = np.column_stack([-m, m])
        p1 = 1.0 / (1.0 + np.exp(-m))
        prob = np.column_stack([1.0 - p1, p1])
        pred = (p1 > threshold).astype(np.float64)
    if thresholds is not None:    # Spark: the class with the largest p / t (t = 0: infinite)
        t = np.asarray(thresholds, dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            scaled = np.where(t > 0, prob / np.where(t > 0, t, 1.0), np.inf)
        pred = np.argmax(scaled, axis=1).astype(np.float64)
    return raw, prob, pred


class LogisticRegressionModel(HasTrainingSummary, Model, _LogisticRegressionParams, MLReadable,
                              MLWritable):
    """Model fitted by LogisticRegression."""

    def __init__(self, coefficientMatrix: np.ndarray | None = None,
                 interceptVector: np.ndarray | None = None, numClasses: int = 2,
                 isMultinomial: bool = False):
        super().__init__()
        self._coef = None if coefficientMatrix is None else np.asarray(coefficientMatrix,
                                                                       dtype=np.float64)
        self._intercept = None if interceptVector is None else \
            np.asarray(interceptVector, dtype=np.float64)
        self._num_classes = int(numClasses)
        self._multinomial = bool(isMultinomial)

    @property
    def numClasses(self) -> int:
        return self._num_classes

    @property
    def numFeatures(self) -> int:
        return int(self._coef.shape[1])

    @property
    def coefficients(self) -> DenseVector:
        if self._multinomial:
            raise IllegalArgumentException(
                "Multinomial models contain a matrix of coefficients, use coefficientMatrix "
                "instead.")
        # Spark: the row of the compressed coefficient matrix (sparse when that is smaller)
        m = compressed_matrix(self._coef)
        if isinstance(m, SparseMatrix):
            return SparseVector(m.numCols, m.rowIndices.tolist(), m.values.tolist())
        return DenseVector(self._coef[0])

    @property
    def intercept(self) -> float:
        if self._multinomial:
            raise IllegalArgumentException(
                "Multinomial models contain a vector of intercepts, use interceptVector "
                "instead.")
        return float(self._intercept[0])

    @property
    def coefficientMatrix(self) -> DenseMatrix | SparseMatrix:
        return compressed_matrix(self._coef)      # Spark's coefficientMatrix.compressed

    @property
    def interceptVector(self) -> Any:
        return compressed_vector(self._intercept)

    def predict(self, value: Any) -> float:
        X = np.asarray(DenseVector(value).toArray()).reshape(1, -1)
        return float(predict_arrays(X, self._coef, self._intercept, self._multinomial,
                                    self.getThreshold(), self._class_thresholds())[2][0])

    def predictProbability(self, value: Any) -> DenseVector:
        X = np.asarray(DenseVector(value).toArray()).reshape(1, -1)
        return DenseVector(predict_arrays(X, self._coef, self._intercept, self._multinomial,
                                          self.getThreshold())[1][0])

    def predictRaw(self, value: Any) -> DenseVector:
        X = np.asarray(DenseVector(value).toArray()).reshape(1, -1)
        return DenseVector(predict_arrays(X, self._coef, self._intercept, self._multinomial,
                                          self.getThreshold())[0][0])

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import DoubleType, StructField, VectorUDT

        names = {"raw": self.getRawPredictionCol(), "prob": self.getProbabilityCol(),
                 "pred": self.getPredictionCol()}
        fields = []
        if names["raw"]:
            fields.append(StructField(names["raw"], VectorUDT(), True))
        if names["prob"]:
            fields.append(StructField(names["prob"], VectorUDT(), True))
        if names["pred"]:
            fields.append(StructField(names["pred"], DoubleType(), True))
        fn = _Predict(self._coef, self._intercept, self._multinomial, self.getThreshold(), names,
                      self._class_thresholds())
        return append_predictions(dataset, self.getFeaturesCol(), fn, fields, sparse=True)

    def evaluate(self, dataset: Any) -> LogisticRegressionSummary:
        return LogisticRegressionSummary(self, dataset)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return ({"numClasses": self._num_classes, "isMultinomial": self._multinomial},
                {"coefficientMatrix": self._coef, "interceptVector": self._intercept})

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._coef = arrays["coefficientMatrix"]
        self._intercept = arrays["interceptVector"]
        self._num_classes = int(extra["numClasses"])
        self._multinomial = bool(extra["isMultinomial"])

    def __repr__(self) -> str:
        return (f"LogisticRegressionModel: uid={self.uid}, numClasses={self._num_classes}, "
                f"numFeatures={self.numFeatures}")


class LogisticRegressionSummary(ModelSummary):
    """Metrics of a model on a dataset, as Spark's (MulticlassMetrics per label; for binary
    models also BinaryClassificationMetrics curves over the probability of class 1)."""

    @property
    def probabilityCol(self) -> str:
        return self._model.getProbabilityCol()

    @property
    def scoreCol(self) -> str:
        """The column the binary curves rank rows by (element 1 of the vector)."""
        return self.probabilityCol

    @property
    def weightCol(self) -> str | None:
        m = self._model
        return (m.getWeightCol() if m.isDefined(m.weightCol) else None) or None

    @cached_property
    def _labels(self) -> Any:
        from dfengine.ml.classification.lr_summary import LabelMetrics

        return LabelMetrics(self.predictions, self.labelCol, self.predictionCol,
                            self.weightCol, self._model.numClasses)

    @property
    def labels(self) -> list[float]:
        return self._labels.labels.tolist()

    @property
    def truePositiveRateByLabel(self) -> list[float]:
        return self._labels.tpr().tolist()

    @property
    def falsePositiveRateByLabel(self) -> list[float]:
        return self._labels.fpr().tolist()

    @property
    def precisionByLabel(self) -> list[float]:
        return self._labels.precision().tolist()

    @property
    def recallByLabel(self) -> list[float]:
        return self._labels.tpr().tolist()

    def fMeasureByLabel(self, beta: float = 1.0) -> list[float]:
        return self._labels.f_measure(beta).tolist()

    @property
    def accuracy(self) -> float:
        return float(self._labels.tp.sum() / self._labels.total)

    @property
    def weightedTruePositiveRate(self) -> float:
        return self._labels.weighted(self._labels.tpr())

    @property
    def weightedFalsePositiveRate(self) -> float:
        return self._labels.weighted(self._labels.fpr())

    @property
    def weightedRecall(self) -> float:
        return self._labels.weighted(self._labels.tpr())

    @property
    def weightedPrecision(self) -> float:
        return self._labels.weighted(self._labels.precision())

    def weightedFMeasure(self, beta: float = 1.0) -> float:
        return self._labels.weighted(self._labels.f_measure(beta))

    # -- binary models only (BinaryLogisticRegressionSummary)
    @cached_property
    def _curves(self) -> Any:
        from dfengine.ml.classification.lr_summary import BinaryCurves

        if self._model._multinomial:
            raise IllegalArgumentException(
                "Curves and areas (roc, pr, areaUnderROC, ...) are only available for binary "
                "logistic regression models (family='binomial' or 2 classes).")
        return BinaryCurves(self.predictions, self.labelCol, self.scoreCol, self.weightCol)

    def _curve(self, columns: dict) -> Any:
        from dfengine.ml.classification.lr_summary import curve_frame

        return curve_frame(self._dataset.sparkSession, columns)

    @property
    def roc(self) -> Any:
        fpr, tpr = self._curves.roc_points()
        return self._curve({"FPR": fpr, "TPR": tpr})

    @property
    def pr(self) -> Any:
        recall, precision = self._curves.pr_points()
        return self._curve({"recall": recall, "precision": precision})

    @property
    def areaUnderROC(self) -> float:
        return self._curves.area_under_roc()

    @property
    def fMeasureByThreshold(self) -> Any:
        c = self._curves
        return self._curve({"threshold": c.thresholds, "F-Measure": c.f_measure()})

    @property
    def precisionByThreshold(self) -> Any:
        c = self._curves
        return self._curve({"threshold": c.thresholds, "precision": c.precision()})

    @property
    def recallByThreshold(self) -> Any:
        c = self._curves
        return self._curve({"threshold": c.thresholds, "recall": c.recall()})


class LogisticRegressionTrainingSummary(LogisticRegressionSummary):
    """Training summary: the objective at each iteration and the iteration count."""

    def __init__(self, model: LogisticRegressionModel, dataset: Any,
                 objective_history: list[float], iterations: int):
        super().__init__(model, dataset)
        self.objectiveHistory = list(objective_history)
        self.totalIterations = int(iterations)


BinaryLogisticRegressionSummary = LogisticRegressionSummary
BinaryLogisticRegressionTrainingSummary = LogisticRegressionTrainingSummary
