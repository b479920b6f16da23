"""`dfengine.ml.classification` (mirrors `pyspark.ml.classification`)."""

from dfengine.ml.classification.logistic_regression import (
    LogisticRegression,
    LogisticRegressionModel,
    LogisticRegressionSummary,
    LogisticRegressionTrainingSummary,
)

__all__ = ["LogisticRegression", "LogisticRegressionModel", "LogisticRegressionSummary",
           "LogisticRegressionTrainingSummary"]
from dfengine.ml.classification.tree_classifiers import (  # noqa: E402
    DecisionTreeClassificationModel,
    DecisionTreeClassifier,
    GBTClassificationModel,
    GBTClassifier,
    RandomForestClassificationModel,
    RandomForestClassifier,
)

__all__ += ["DecisionTreeClassificationModel", "DecisionTreeClassifier",
            "GBTClassificationModel", "GBTClassifier", "RandomForestClassificationModel",
            "RandomForestClassifier"]
from dfengine.ml.classification.multilayer_perceptron import (  # noqa: E402
    MultilayerPerceptronClassificationModel,
    MultilayerPerceptronClassifier,
)

__all__ += ["MultilayerPerceptronClassificationModel", "MultilayerPerceptronClassifier"]
