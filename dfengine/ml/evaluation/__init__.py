"""`dfengine.ml.evaluation` (mirrors `pyspark.ml.evaluation`)."""

from dfengine.ml.evaluation.base import Evaluator
from dfengine.ml.evaluation.binary import BinaryClassificationEvaluator
from dfengine.ml.evaluation.clustering import ClusteringEvaluator
from dfengine.ml.evaluation.multiclass import MulticlassClassificationEvaluator
from dfengine.ml.evaluation.multilabel import MultilabelClassificationEvaluator
from dfengine.ml.evaluation.ranking import RankingEvaluator
from dfengine.ml.evaluation.regression import RegressionEvaluator

__all__ = ["BinaryClassificationEvaluator", "ClusteringEvaluator", "Evaluator",
           "MulticlassClassificationEvaluator", "MultilabelClassificationEvaluator",
           "RankingEvaluator", "RegressionEvaluator"]
