"""`dfengine.ml.classification` (mirrors `pyspark.ml.classification`)."""

from dfengine.ml.classification.logistic_regression import (
    BinaryLogisticRegressionSummary,
    BinaryLogisticRegressionTrainingSummary,
    LogisticRegression,
    LogisticRegressionModel,
    LogisticRegressionSummary,
    LogisticRegressionTrainingSummary,
)

__all__ = ["BinaryLogisticRegressionSummary", "BinaryLogisticRegressionTrainingSummary",
           "LogisticRegression", "LogisticRegressionModel", "LogisticRegressionSummary",
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
from dfengine.ml.models.linear_svc import LinearSVC, LinearSVCModel  # noqa: E402
from dfengine.ml.models.naive_bayes import NaiveBayes, NaiveBayesModel  # noqa: E402
from dfengine.ml.models.one_vs_rest import OneVsRest, OneVsRestModel  # noqa: E402

__all__ += ["LinearSVC", "LinearSVCModel", "NaiveBayes", "NaiveBayesModel", "OneVsRest",
            "OneVsRestModel"]
from dfengine.ml.models.fm import FMClassificationModel, FMClassifier  # noqa: E402

__all__ += ["FMClassificationModel", "FMClassifier"]
from dfengine.ml.classification.fm_summary import (  # noqa: E402
    FMClassificationSummary,
    FMClassificationTrainingSummary,
)

__all__ += ["FMClassificationSummary", "FMClassificationTrainingSummary"]
