"""`Evaluator`: computes a metric from a predictions DataFrame (`pyspark.ml.evaluation`).

Evaluators aggregate per partition (small sufficient statistics, computed on the workers)
and combine them on the driver, so evaluating 1M predictions ships kilobytes, not rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml.param import Params


class Evaluator(Params):
    """Base class for evaluators that compute metrics from predictions."""

    def evaluate(self, dataset: Any, params: dict | None = None) -> float:
        if params:
            return self.copy(params)._evaluate(dataset)
        return self._evaluate(dataset)

    def _evaluate(self, dataset: Any) -> float:
        raise NotImplementedError

    def isLargerBetter(self) -> bool:
        return True


def numeric_column(table: pa.Table, name: str) -> np.ndarray:
    col = table.column(name)
    if col.null_count:
        col = col.cast(pa.float64()).fill_null(np.nan)
    return np.asarray(col.to_numpy(), dtype=np.float64)


def weights_of(table: pa.Table, weight_col: str | None) -> np.ndarray:
    if not weight_col:
        return np.ones(table.num_rows)
    return numeric_column(table, weight_col)
