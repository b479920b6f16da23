"""`Transformer`, `Estimator`, `Model`: the stage contracts of `pyspark.ml.base`.

A Transformer maps a DataFrame to a DataFrame; an Estimator fits a Model (a Transformer) from a
DataFrame. Passing a param map to `fit`/`transform` applies it to a copy, never to `self`, so a
tuner can fit one estimator under many param maps at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dfengine.ml.param import Params


class Transformer(Params):
    """Abstract class for transformers that transform one dataset into another."""

    def transform(self, dataset: Any, params: dict | None = None) -> Any:
        if params is None:
            return self._transform(dataset)
        if isinstance(params, dict):
            return self.copy(params)._transform(dataset) if params else self._transform(dataset)
        raise TypeError(f"Params must be a param map but got {type(params)}.")

    def _transform(self, dataset: Any) -> Any:
        raise NotImplementedError


class Estimator(Params):
    """Abstract class for estimators that fit models to data."""

    def fit(self, dataset: Any, params: dict | Sequence[dict] | None = None) -> Any:
        if params is None:
            return _same_uid(self._fit(dataset), self)
        if isinstance(params, (list, tuple)):
            return [self.fit(dataset, p) for p in params]
        if isinstance(params, dict):
            est = self.copy(params) if params else self
            return _same_uid(est._fit(dataset), self)
        raise TypeError(f"Params must be either a param map or a list/tuple of param maps, "
                        f"but got {type(params)}.")

    def fitMultiple(self, dataset: Any, paramMaps: Sequence[dict]):
        """An iterator of `(index, model)` fitting one model per param map."""
        for i, pm in enumerate(paramMaps):
            yield i, self.fit(dataset, pm)

    def _fit(self, dataset: Any) -> Any:
        raise NotImplementedError


def _same_uid(model: Any, estimator: Estimator) -> Any:
    """A model carries its estimator's uid, as in Spark, so `model.getOrDefault(lr.regParam)`
    and `model.extractParamMap()[lr.regParam]` work with the estimator's Param objects."""
    if isinstance(model, Params) and model.uid != estimator.uid:
        model._resetUid(estimator.uid)
    return model


class Model(Transformer):
    """A fitted model; `parent` is not kept (as in PySpark after load)."""
