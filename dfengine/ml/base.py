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
            return self._fit(dataset)
        if isinstance(params, (list, tuple)):
            return [self.fit(dataset, p) for p in params]
        if isinstance(params, dict):
            return self.copy(params)._fit(dataset) if params else self._fit(dataset)
        raise TypeError(f"Params must be either a param map or a list/tuple of param maps, "
                        f"but got {type(params)}.")

    def fitMultiple(self, dataset: Any, paramMaps: Sequence[dict]):
        """An iterator of `(index, model)` fitting one model per param map."""
        for i, pm in enumerate(paramMaps):
            yield i, self.fit(dataset, pm)

    def _fit(self, dataset: Any) -> Any:
        raise NotImplementedError


class Model(Transformer):
    """A fitted model; `parent` is not kept (as in PySpark after load)."""
