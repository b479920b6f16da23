"""Params shared by many stages (`pyspark.ml.param.shared`): one small mixin per param.

Each mixin declares the Param and its default; `Params.__init_subclass__` gives it `getX` and
`setX`. Defaults are set in `__init__` as PySpark does, so `explainParams` shows them.
"""

from __future__ import annotations

from typing import Any

from dfengine.ml.param.params import Param, Params, _dummy
from dfengine.ml.param.type_converters import TypeConverters as TC


def _shared(name: str, doc: str, converter: Any, default: Any = None) -> type:
    """Build a `HasX` mixin class holding one Param (and its default, if any)."""

    def __init__(self: Params) -> None:
        super(cls, self).__init__()
        if default is not None:
            self._setDefault(**{name: default})

    cap = name[0].upper() + name[1:]
    cls = type(f"Has{cap}", (Params,), {
        name: Param(_dummy(), name, doc, typeConverter=converter),
        "__init__": __init__,
        "__doc__": f"Mixin for param {name}: {doc}",
        "__module__": __name__,
    })
    return cls


HasFeaturesCol = _shared("featuresCol", "features column name.", TC.toString, "features")
HasLabelCol = _shared("labelCol", "label column name.", TC.toString, "label")
HasPredictionCol = _shared("predictionCol", "prediction column name.", TC.toString, "prediction")
HasProbabilityCol = _shared(
    "probabilityCol", "Column name for predicted class conditional probabilities. Note: Not "
    "all models output well-calibrated probability estimates! These probabilities should be "
    "treated as confidences, not precise probabilities.", TC.toString, "probability")
HasRawPredictionCol = _shared(
    "rawPredictionCol", "raw prediction (a.k.a. confidence) column name.", TC.toString,
    "rawPrediction")
HasInputCol = _shared("inputCol", "input column name.", TC.toString)
HasInputCols = _shared("inputCols", "input column names.", TC.toListString)
HasOutputCol = _shared("outputCol", "output column name.", TC.toString)
HasOutputCols = _shared("outputCols", "output column names.", TC.toListString)
HasMaxIter = _shared("maxIter", "max number of iterations (>= 0).", TC.toInt)
HasRegParam = _shared("regParam", "regularization parameter (>= 0).", TC.toFloat)
HasElasticNetParam = _shared(
    "elasticNetParam", "the ElasticNet mixing parameter, in range [0, 1]. For alpha = 0, the "
    "penalty is an L2 penalty. For alpha = 1, it is an L1 penalty.", TC.toFloat, 0.0)
HasTol = _shared("tol", "the convergence tolerance for iterative algorithms (>= 0).", TC.toFloat)
HasFitIntercept = _shared("fitIntercept", "whether to fit an intercept term.", TC.toBoolean,
                          True)
HasStandardization = _shared(
    "standardization", "whether to standardize the training features before fitting the "
    "model.", TC.toBoolean, True)
HasWeightCol = _shared(
    "weightCol", "weight column name. If this is not set or empty, we treat all instance "
    "weights as 1.0.", TC.toString)
HasThreshold = _shared(
    "threshold", "threshold in binary classification prediction, in range [0, 1].", TC.toFloat,
    0.5)
HasHandleInvalid = _shared(
    "handleInvalid", "how to handle invalid entries. Options are 'error', 'skip' or 'keep'.",
    TC.toString)
HasSeed = _shared("seed", "random seed.", TC.toInt)
HasParallelism = _shared(
    "parallelism", "the number of threads to use when running parallel algorithms (>= 1).",
    TC.toInt, 1)
HasDistanceMeasure = _shared(
    "distanceMeasure", "the distance measure. Supported options: 'euclidean' and 'cosine'.",
    TC.toString, "euclidean")
HasAggregationDepth = _shared(
    "aggregationDepth", "suggested depth for treeAggregate (>= 2).", TC.toInt, 2)
HasMaxBlockSizeInMB = _shared(
    "maxBlockSizeInMB", "maximum memory in MB for stacking input data into blocks. Data is "
    "stacked within partitions. If more than remaining data size in a partition then it is "
    "adjusted to the data size. Default 0.0 represents choosing optimal value, depends on "
    "specific algorithm. Must be >= 0.", TC.toFloat, 0.0)
