"""`Vectors`: the factory users call (`Vectors.dense(1.0, 2.0)`), as in `pyspark.ml.linalg`."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.ml.linalg.dense_vector import DenseVector


class Vectors:
    """Factory methods for vectors. Only dense vectors are supported."""

    @staticmethod
    def dense(*elements: Any) -> DenseVector:
        if len(elements) == 1 and not isinstance(elements[0], (float, int, np.number)):
            elements = elements[0]
        return DenseVector(elements)

    @staticmethod
    def zeros(size: int) -> DenseVector:
        return DenseVector(np.zeros(size))

    @staticmethod
    def squared_distance(v1: Any, v2: Any) -> float:
        return DenseVector(v1).squared_distance(DenseVector(v2))

    @staticmethod
    def norm(vector: Any, p: float) -> float:
        return DenseVector(vector).norm(p)

    @staticmethod
    def sparse(size: int, *args: Any) -> DenseVector:
        """Not supported: dfengine stores dense vectors only; say so clearly."""
        from dfengine.errors import PySparkNotImplementedError

        raise PySparkNotImplementedError(
            "Sparse vectors are not supported by dfengine.ml; use Vectors.dense(...).",
            "NOT_IMPLEMENTED")
