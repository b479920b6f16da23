"""`Pipeline` and `PipelineModel` (`pyspark.ml.pipeline`).

`Pipeline.fit` runs the stages in order: a Transformer transforms the data for the stages
after it; an Estimator is fitted and its Model does the same. Data after the last Estimator
is never transformed during fit (it is not needed), as in Spark.
"""

from __future__ import annotations

import os
from typing import Any

from dfengine.ml.base import Estimator, Model, Transformer
from dfengine.ml.param import Param, Params, keyword_only
from dfengine.ml.param.params import _dummy
from dfengine.ml.util import MLReadable, MLWritable, load_stage, save_stage


def _save_stages(stages: list, path: str) -> dict:
    names = []
    for i, stage in enumerate(stages):
        name = f"{i}_{stage.uid}"
        save_stage(stage, os.path.join(path, "stages", name))
        names.append(name)
    return {"stageDirs": names}


def _load_stages(path: str, extra: dict) -> list:
    return [load_stage(os.path.join(path, "stages", n)) for n in extra.get("stageDirs", [])]


class Pipeline(Estimator, MLReadable, MLWritable):
    """A simple pipeline, which acts as an estimator."""

    stages = Param(_dummy(), "stages", "a list of pipeline stages")

    @keyword_only
    def __init__(self, *, stages: list | None = None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, stages: list | None = None) -> Pipeline:
        return self._set(**self._input_kwargs)

    def setStages(self, value: list) -> Pipeline:
        return self._set(stages=value)

    def getStages(self) -> list:
        return self.getOrDefault(self.stages) if self.isDefined(self.stages) else []

    def _fit(self, dataset: Any) -> PipelineModel:
        stages = self.getStages()
        for stage in stages:
            if not isinstance(stage, (Estimator, Transformer)):
                raise TypeError(f"Cannot recognize a pipeline stage of type {type(stage)}.")
        last_est = max((i for i, s in enumerate(stages) if isinstance(s, Estimator)), default=-1)
        fitted = []
        for i, stage in enumerate(stages):
            if i > last_est:
                fitted.append(stage)
                continue
            model = stage.fit(dataset) if isinstance(stage, Estimator) else stage
            fitted.append(model)
            if i < last_est:
                dataset = model.transform(dataset)
        return PipelineModel(fitted)

    def copy(self, extra: dict | None = None) -> Pipeline:
        that = Params.copy(self, extra)
        that._paramMap[that.stages] = [s.copy(extra) for s in self.getStages()]
        return that

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return _save_stages(self.getStages(), path), {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._set(stages=_load_stages(path, extra))


class PipelineModel(Model, MLReadable, MLWritable):
    """A fitted pipeline: its stages are Transformers applied in order."""

    def __init__(self, stages: list | None = None):
        super().__init__()
        self.stages = list(stages or [])

    def _transform(self, dataset: Any) -> Any:
        for stage in self.stages:
            dataset = stage.transform(dataset)
        return dataset

    def copy(self, extra: dict | None = None) -> PipelineModel:
        return PipelineModel([s.copy(extra) for s in self.stages])

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return _save_stages(self.stages, path), {}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self.stages = _load_stages(path, extra)
