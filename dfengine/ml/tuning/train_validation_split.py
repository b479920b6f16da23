"""`TrainValidationSplit`: one random train/validation split (`trainRatio` for training);
every param map is fitted once and scored on the validation rows."""

from __future__ import annotations

from typing import Any

from dfengine.errors import IllegalArgumentException
from dfengine.ml.base import Estimator, Model
from dfengine.ml.param import Param, keyword_only
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.type_converters import TypeConverters
from dfengine.ml.tuning.splits import split_range
from dfengine.ml.tuning.validator import ValidatorParams, best_index, copy_tuner, fit_and_score
from dfengine.ml.util import MLReadable, MLWritable, load_stage, save_stage


class _TrainValidationSplitParams(ValidatorParams):
    trainRatio = Param(_dummy(), "trainRatio", "Param for ratio between train and validation "
                       "data. Must be between 0 and 1.", typeConverter=TypeConverters.toFloat)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(trainRatio=0.75)


class TrainValidationSplit(Estimator, _TrainValidationSplitParams, MLReadable, MLWritable):
    """Validation for hyper-parameter tuning with a single random split."""

    @keyword_only
    def __init__(self, *, estimator: Any = None, estimatorParamMaps: list | None = None,
                 evaluator: Any = None, trainRatio: float = 0.75,
                 parallelism: int = 1, collectSubModels: bool = False,
                 seed: int | None = None):
        super().__init__()
        self._set(**self._input_kwargs)

    def _fit(self, dataset: Any) -> TrainValidationSplitModel:
        est, maps, evaluator = self._check()
        ratio = self.getTrainRatio()
        if not 0.0 < ratio < 1.0:
            raise IllegalArgumentException(f"trainRatio must be in (0, 1) but was {ratio}")
        train, valid = split_range(dataset, self.getSeed(), ratio, 1.0)
        metrics, models = fit_and_score(est, maps, evaluator, train, valid,
                                        self.getParallelism())
        best = best_index(metrics, evaluator.isLargerBetter())
        best_model = est.fit(dataset, maps[best])
        model = TrainValidationSplitModel(best_model, metrics,
                                          models if self.getCollectSubModels() else None)
        return self._copyValues(model)

    def copy(self, extra: dict | None = None) -> TrainValidationSplit:
        return copy_tuner(self, extra)


class TrainValidationSplitModel(Model, _TrainValidationSplitParams, MLReadable, MLWritable):
    """The best model found by TrainValidationSplit plus each param map's metric."""

    def __init__(self, bestModel: Any = None, validationMetrics: list | None = None,
                 subModels: list | None = None):
        super().__init__()
        self.bestModel = bestModel
        self.validationMetrics = list(validationMetrics or [])
        self.subModels = subModels

    def _transform(self, dataset: Any) -> Any:
        return self.bestModel.transform(dataset)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        import os

        save_stage(self.bestModel, os.path.join(path, "bestModel"))
        return {"validationMetrics": self.validationMetrics}, {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        import os

        self.bestModel = load_stage(os.path.join(path, "bestModel"))
        self.validationMetrics = extra.get("validationMetrics", [])
