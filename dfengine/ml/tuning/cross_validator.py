"""`CrossValidator`: k-fold model selection (`pyspark.ml.tuning.CrossValidator`).

Rows are assigned to folds at random (seeded); for each fold every param map is fitted on the
other folds and scored on this one. `avgMetrics[i]` is the mean metric of param map i over the
folds; the best map is refitted on the whole dataset as `bestModel`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.base import Estimator, Model
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.tuning.splits import split_range
from dfengine.ml.tuning.validator import ValidatorParams, best_index, copy_tuner, fit_and_score
from dfengine.ml.util import MLReadable, MLWritable, load_stage, save_stage


class _CrossValidatorParams(ValidatorParams):
    numFolds = Param(_dummy(), "numFolds", "number of folds for cross validation",
                     typeConverter=TypeConverters.toInt)
    foldCol = Param(_dummy(), "foldCol", "Param for the column name of user specified fold "
                    "number. Not supported by dfengine yet (must be empty).",
                    typeConverter=TypeConverters.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(numFolds=3, foldCol="")


class CrossValidator(Estimator, _CrossValidatorParams, MLReadable, MLWritable):
    """K-fold cross validation over a grid of param maps."""

    @keyword_only
    def __init__(self, *, estimator: Any = None, estimatorParamMaps: list | None = None,
                 evaluator: Any = None, numFolds: int = 3, seed: int | None = None,
                 parallelism: int = 1, collectSubModels: bool = False,
                 foldCol: str = ""):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> CrossValidatorModel:
        est, maps, evaluator = self._check()
        k = self.getNumFolds()
        if k < 2:
            raise IllegalArgumentException(f"numFolds must be >= 2 but was {k}")
        if self.getFoldCol():
            from dfengine.errors import PySparkNotImplementedError

            raise PySparkNotImplementedError("CrossValidator.foldCol is not supported yet.")
        metrics = np.zeros((k, len(maps)))
        sub_models = []
        for fold in range(k):
            train, valid = split_range(dataset, self.getSeed(), fold / k, (fold + 1) / k)
            metrics[fold], models = fit_and_score(est, maps, evaluator, train, valid,
                                                  self.getParallelism())
            sub_models.append(models)
        avg = metrics.mean(axis=0)
        best = best_index(list(avg), evaluator.isLargerBetter())
        best_model = est.fit(dataset, maps[best])
        model = CrossValidatorModel(best_model, list(avg), list(metrics.std(axis=0, ddof=0)),
                                    sub_models if self.getCollectSubModels() else None)
        return self._copyValues(model)

    def copy(self, extra: dict | None = None) -> CrossValidator:
        return copy_tuner(self, extra)


class CrossValidatorModel(Model, _CrossValidatorParams, MLReadable, MLWritable):
    """The best model found by CrossValidator plus the metrics of every param map."""

    def __init__(self, bestModel: Any = None, avgMetrics: list | None = None,
                 stdMetrics: list | None = None, subModels: list | None = None):
        super().__init__()
        self.bestModel = bestModel
        self.avgMetrics = list(avgMetrics or [])
        self.stdMetrics = list(stdMetrics or [])
        self.subModels = subModels

    def _transform(self, dataset: Any) -> Any:
        return self.bestModel.transform(dataset)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        import os

        save_stage(self.bestModel, os.path.join(path, "bestModel"))
        return {"avgMetrics": self.avgMetrics, "stdMetrics": self.stdMetrics}, {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        import os

        self.bestModel = load_stage(os.path.join(path, "bestModel"))
        self.avgMetrics = extra.get("avgMetrics", [])
        self.stdMetrics = extra.get("stdMetrics", [])
