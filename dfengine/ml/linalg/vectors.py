"""`Vectors`: the factory users call (`Vectors.dense(1.0, 2.0)`, `Vectors.sparse(3, {1: 2.0})`),
as in `pyspark.ml.linalg`."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.ml.linalg.dense_vector import DenseVector
from dfengine.ml.linalg.sparse_vector import SparseVector


def _as_array(v: Any) -> np.ndarray:
    return v.toArray() if hasattr(v, "toArray") else np.asarray(v, dtype=float)


class Vectors:
    """Factory methods for dense and sparse vectors."""

    @staticmethod
    def dense(*elements: Any) -> DenseVector:
        if len(elements) == 1 and not isinstance(elements[0], (float, int, np.number)):
            elements = elements[0]
        return DenseVector(elements)

    @staticmethod
    def sparse(size: int, *args: Any) -> SparseVector:
        return SparseVector(size, *args)

    @staticmethod
    def zeros(size: int) -> DenseVector:
        return DenseVector(np.zeros(size))

    @staticmethod
    def squared_distance(v1: Any, v2: Any) -> float:
        d = _as_array(v1) - _as_array(v2)
        return float(d @ d)

    @staticmethod
    def norm(vector: Any, p: float) -> float:
        if isinstance(vector, SparseVector):
            return vector.norm(p)
        return float(np.linalg.norm(_as_array(vector), p))

    @staticmethod
    def stringify(vector: Any) -> str:
        return str(vector)


def vector_from_struct(datum: Any) -> Any:
    """A collected VectorUDT value (`{type, size, indices, values}` or a plain list of
    doubles) as a `DenseVector` or `SparseVector`."""
    if datum is None:
        return None
    if isinstance(datum, dict):
        if datum.get("type") == 0:
            return SparseVector._raw(datum["size"], np.asarray(datum["indices"], np.int32),
                                     np.asarray(datum["values"], np.float64))
        return DenseVector(datum["values"])
    return DenseVector(datum)
