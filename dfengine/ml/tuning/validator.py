"""Shared logic of CrossValidator and TrainValidationSplit: fit every param map on the
training side, score it on the validation side, with up to `parallelism` fits at once.

Fits run in driver threads; each thread submits its own tasks to the Dask cluster, so
concurrent fits share the cluster's workers (Spark's `parallelism` semantics).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.param import Param, Params
from dfengine.ml.param.params import _dummy
from dfengine.ml.param.shared import HasParallelism, HasSeed
from dfengine.ml.param.type_converters import TypeConverters


class ValidatorParams(HasSeed, HasParallelism):
    estimator = Param(_dummy(), "estimator", "estimator to be cross-validated")
    estimatorParamMaps = Param(_dummy(), "estimatorParamMaps", "estimator param maps")
    evaluator = Param(_dummy(), "evaluator", "evaluator used to select hyper-parameters that "
                      "maximize the validator metric")
    collectSubModels = Param(_dummy(), "collectSubModels", "whether to collect a list of "
                             "sub-models trained during tuning.",
                             typeConverter=TypeConverters.toBoolean)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(seed=7, parallelism=1, collectSubModels=False)

    def _check(self) -> tuple[Any, list[dict], Any]:
        for p in (self.estimator, self.estimatorParamMaps, self.evaluator):
            if not self.isDefined(p):
                raise IllegalArgumentException(
                    f"{type(self).__name__} needs param '{p.name}'; set it with "
                    f"set{p.name[0].upper()}{p.name[1:]}(...).")
        maps = self.getEstimatorParamMaps()
        if not maps:
            raise IllegalArgumentException("estimatorParamMaps is empty; build it with "
                                           "ParamGridBuilder().addGrid(...).build().")
        if self.getParallelism() < 1:
            raise IllegalArgumentException("parallelism must be >= 1")
        return self.getEstimator(), maps, self.getEvaluator()


def fit_and_score(est: Any, maps: list[dict], evaluator: Any, train: Any, valid: Any,
                  parallelism: int) -> tuple[list[float], list[Any]]:
    """Metric and model of every param map, fitted on `train`, scored on `valid`."""

    def one(pm: dict) -> tuple[float, Any]:
        model = est.fit(train, pm)
        return float(evaluator.evaluate(model.transform(valid))), model

    if parallelism <= 1:
        results = [one(pm) for pm in maps]
    else:
        with ThreadPoolExecutor(max_workers=parallelism) as pool:
            results = list(pool.map(one, maps))
    return [r[0] for r in results], [r[1] for r in results]


def best_index(metrics: list[float], larger_better: bool) -> int:
    arr = np.asarray(metrics)
    return int(np.argmax(arr) if larger_better else np.argmin(arr))


def param_maps_json(maps: list[dict]) -> list[list[dict]]:
    from dfengine.ml.util import _jsonable

    return [[{"parent": p.parent, "name": p.name, "value": _jsonable(v)} for p, v in m.items()]
            for m in maps]


def copy_tuner(tuner: Params, extra: dict | None) -> Params:
    that = Params.copy(tuner, extra)
    if tuner.isDefined(tuner.estimator):
        that._paramMap[that.estimator] = tuner.getEstimator().copy(extra)
    if tuner.isDefined(tuner.evaluator):
        that._paramMap[that.evaluator] = tuner.getEvaluator().copy(extra)
    return that
