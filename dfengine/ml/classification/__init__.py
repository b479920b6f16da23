"""`dfengine.ml.classification` (mirrors `pyspark.ml.classification`)."""

from dfengine.ml.classification.logistic_regression import (
    LogisticRegression,
    LogisticRegressionModel,
    LogisticRegressionSummary,
    LogisticRegressionTrainingSummary,
)

__all__ = ["LogisticRegression", "LogisticRegressionModel", "LogisticRegressionSummary",
           "LogisticRegressionTrainingSummary"]
