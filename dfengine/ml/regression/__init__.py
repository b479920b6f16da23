"""`dfengine.ml.regression` (mirrors `pyspark.ml.regression`)."""

from dfengine.ml.regression.linear_regression import (
    LinearRegression,
    LinearRegressionModel,
    LinearRegressionSummary,
    LinearRegressionTrainingSummary,
)

__all__ = ["LinearRegression", "LinearRegressionModel", "LinearRegressionSummary",
           "LinearRegressionTrainingSummary"]
