"""`ParamGridBuilder`: the cartesian product of param values, as a list of param maps."""

from __future__ import annotations

import itertools
from typing import Any

from dfengine.ml.param import Param


class ParamGridBuilder:
    """Builder for a param grid used in grid search-based model selection."""

    def __init__(self) -> None:
        self._param_grid: dict[Param, list] = {}

    def addGrid(self, param: Param, values: list) -> ParamGridBuilder:
        if not isinstance(param, Param):
            raise TypeError(f"addGrid needs a Param (such as lr.regParam), got {param!r}")
        self._param_grid[param] = list(values)
        return self

    def baseOn(self, *args: Any) -> ParamGridBuilder:
        """Fix params to single values: `baseOn({lr.maxIter: 10})` or `baseOn((p, v), ...)`."""
        if len(args) == 1 and isinstance(args[0], dict):
            pairs = list(args[0].items())
        else:
            pairs = list(args)
        for param, value in pairs:
            self.addGrid(param, [value])
        return self

    def build(self) -> list[dict[Param, Any]]:
        keys = list(self._param_grid)
        grid = [self._param_grid[k] for k in keys]
        return [dict(zip(keys, (k.typeConverter(v) for k, v in zip(keys, prod))))
                for prod in itertools.product(*grid)]
