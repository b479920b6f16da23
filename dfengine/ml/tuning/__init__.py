"""`dfengine.ml.tuning` (mirrors `pyspark.ml.tuning`)."""

from dfengine.ml.tuning.cross_validator import CrossValidator, CrossValidatorModel
from dfengine.ml.tuning.param_grid import ParamGridBuilder
from dfengine.ml.tuning.train_validation_split import (
    TrainValidationSplit,
    TrainValidationSplitModel,
)

__all__ = ["CrossValidator", "CrossValidatorModel", "ParamGridBuilder", "TrainValidationSplit",
           "TrainValidationSplitModel"]
