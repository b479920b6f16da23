"""Params of the tree learners (`pyspark.ml.tree`): names, docs and defaults as in PySpark."""

from __future__ import annotations

import zlib

from dfengine.errors import IllegalArgumentException
from dfengine.ml.param import Param
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import (
    HasFeaturesCol,
    HasLabelCol,
    HasMaxIter,
    HasPredictionCol,
    HasProbabilityCol,
    HasRawPredictionCol,
    HasSeed,
    HasWeightCol,
)
from dfengine.ml.param.type_converters import TypeConverters as TC


def _p(name: str, doc: str, conv) -> Param:
    return Param(_dummy(), name, doc, typeConverter=conv)


def default_seed(cls_name: str) -> int:
    """A stable per-class default seed (PySpark hashes the class name)."""
    return zlib.crc32(cls_name.encode()) & 0x7FFFFFFF


class _DecisionTreeParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasSeed, HasWeightCol):
    maxDepth = _p("maxDepth", "Maximum depth of the tree. (>= 0) E.g., depth 0 means 1 leaf "
                  "node; depth 1 means 1 internal node + 2 leaf nodes. Must be in range "
                  "[0, 30].", TC.toInt)
    maxBins = _p("maxBins", "Max number of bins for discretizing continuous features.  Must be "
                 ">=2 and >= number of categories for any categorical feature.", TC.toInt)
    minInstancesPerNode = _p(
        "minInstancesPerNode", "Minimum number of instances each child must have after split. "
        "If a split causes the left or right child to have fewer than minInstancesPerNode, the "
        "split will be discarded as invalid. Should be >= 1.", TC.toInt)
    minWeightFractionPerNode = _p(
        "minWeightFractionPerNode", "Minimum fraction of the weighted sample count that each "
        "child must have after split. Should be in interval [0.0, 0.5).", TC.toFloat)
    minInfoGain = _p("minInfoGain", "Minimum information gain for a split to be considered at "
                     "a tree node.", TC.toFloat)
    maxMemoryInMB = _p("maxMemoryInMB", "Maximum memory in MB allocated to histogram "
                       "aggregation.", TC.toInt)
    cacheNodeIds = _p("cacheNodeIds", "If false, the algorithm will pass trees to executors to "
                      "match instances with nodes.", TC.toBoolean)
    checkpointInterval = _p("checkpointInterval", "set checkpoint interval (>= 1) or disable "
                            "checkpoint (-1).", TC.toInt)
    leafCol = _p("leafCol", "Leaf indices column name. Predicted leaf index of each instance "
                 "in each tree by preorder.", TC.toString)
    impurity = _p("impurity", "Criterion used for information gain calculation "
                  "(case-insensitive).", TC.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(maxDepth=5, maxBins=32, minInstancesPerNode=1, minInfoGain=0.0,
                         maxMemoryInMB=256, cacheNodeIds=False, checkpointInterval=10,
                         leafCol="", minWeightFractionPerNode=0.0,
                         seed=default_seed(type(self).__name__))

    def _check_tree_params(self) -> None:
        if not 0 <= self.getMaxDepth() <= 30:
            raise IllegalArgumentException(
                f"maxDepth given invalid value {self.getMaxDepth()}; it must be in [0, 30].")
        if self.getMaxBins() < 2:
            raise IllegalArgumentException(
                f"maxBins given invalid value {self.getMaxBins()}; it must be >= 2.")
        if self.getMinInstancesPerNode() < 1:
            raise IllegalArgumentException(
                f"minInstancesPerNode given invalid value {self.getMinInstancesPerNode()}; "
                f"it must be >= 1.")
        if not 0.0 <= self.getMinWeightFractionPerNode() < 0.5:
            raise IllegalArgumentException(
                f"minWeightFractionPerNode given invalid value "
                f"{self.getMinWeightFractionPerNode()}; it must be in [0.0, 0.5).")

    def _weight_col(self) -> str | None:
        w = self.getWeightCol() if self.isDefined(self.weightCol) else None
        return w or None


class _TreeClassifierParams(_DecisionTreeParams, HasProbabilityCol, HasRawPredictionCol):
    thresholds = _p("thresholds", "Thresholds in multi-class classification to adjust the "
                    "probability of predicting each class. Array must have length equal to the "
                    "number of classes, with values > 0, excepting that at most one value may "
                    "be 0. The class with largest value p/t is predicted, where p is the "
                    "original probability of that class and t is the class's threshold.",
                    TC.toListFloat)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(impurity="gini")


class _HasPruneTree(_DecisionTreeParams):
    pruneTree = _p("pruneTree", "If true, the trained tree will undergo a pruning process after "
                   "training, in which sibling leaf nodes with the same prediction are merged "
                   "into their parent. The resulting tree will be smaller and have faster "
                   "predictions. Class probabilities remain available after pruning. If false, "
                   "no pruning is applied after training.", TC.toBoolean)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(pruneTree=True)


class _TreeRegressorParams(_DecisionTreeParams):
    varianceCol = _p("varianceCol", "column name for the biased sample variance of "
                     "prediction.", TC.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(impurity="variance")


class _TreeEnsembleParams(_DecisionTreeParams):
    subsamplingRate = _p("subsamplingRate", "Fraction of the training data used for learning "
                         "each decision tree, in range (0, 1].", TC.toFloat)
    featureSubsetStrategy = _p(
        "featureSubsetStrategy", "The number of features to consider for splits at each tree "
        "node. Supported options: 'auto' (choose automatically for task: If numTrees == 1, set "
        "to 'all'. If numTrees > 1 (forest), set to 'sqrt' for classification and to "
        "'onethird' for regression), 'all' (use all features), 'onethird' (use 1/3 of the "
        "features), 'sqrt' (use sqrt(number of features)), 'log2' (use log2(number of "
        "features)), 'n' (when n is in the range (0, 1.0], use n * number of features. When n "
        "is in the range (1, number of features), use n features). default = 'auto'",
        TC.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(subsamplingRate=1.0, featureSubsetStrategy="auto")


class _RandomForestParams(_TreeEnsembleParams):
    numTrees = _p("numTrees", "Number of trees to train (>= 1).", TC.toInt)
    bootstrap = _p("bootstrap", "Whether bootstrap samples are used when building trees.",
                   TC.toBoolean)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(numTrees=20, bootstrap=True)


class _GBTParams(_TreeEnsembleParams, HasMaxIter):
    stepSize = _p("stepSize", "Step size (a.k.a. learning rate) in interval (0, 1] for "
                  "shrinking the contribution of each estimator.", TC.toFloat)
    validationTol = _p("validationTol", "Threshold for stopping early when fit with validation "
                       "is used. If the error rate on the validation input changes by less "
                       "than the validationTol, then learning will stop early (before "
                       "`maxIter`). This parameter is ignored when fit without validation is "
                       "used.", TC.toFloat)
    validationIndicatorCol = _p("validationIndicatorCol", "name of the column that indicates "
                                "whether each row is for training or for validation. False "
                                "indicates training; true indicates validation.", TC.toString)
    lossType = _p("lossType", "Loss function which GBT tries to minimize (case-insensitive).",
                  TC.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(maxIter=20, stepSize=0.1, validationTol=0.01,
                         featureSubsetStrategy="all", impurity="variance")


def tree_kwargs(est: _DecisionTreeParams) -> dict:
    """The growth settings every learner passes to the core."""
    return {"max_depth": est.getMaxDepth(), "min_instances": est.getMinInstancesPerNode(),
            "min_info_gain": est.getMinInfoGain(),
            "min_weight_fraction": est.getMinWeightFractionPerNode()}
