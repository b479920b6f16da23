"""`TypeConverters`: the functions a `Param` runs on every value it is given.

They mirror `pyspark.ml.param.TypeConverters` so a wrong value fails at `set` time with a
message naming the expected type, not deep inside training.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _is_numeric(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    return _is_numeric(value) and float(value).is_integer()


class TypeConverters:
    """Factory methods for common type conversion functions for `Param.typeConverter`."""

    @staticmethod
    def identity(value: Any) -> Any:
        return value

    @staticmethod
    def toList(value: Any) -> list:
        if isinstance(value, (list, tuple)):
            return list(value)
        if isinstance(value, np.ndarray):
            return value.tolist()
        if hasattr(value, "toArray"):
            return value.toArray().tolist()
        raise TypeError(f"Could not convert {value!r} to list")

    @staticmethod
    def toListFloat(value: Any) -> list[float]:
        seq = TypeConverters.toList(value)
        if all(_is_numeric(v) for v in seq):
            return [float(v) for v in seq]
        raise TypeError(f"Could not convert {value!r} to list of floats")

    @staticmethod
    def toListListFloat(value: Any) -> list[list[float]]:
        seq = TypeConverters.toList(value)
        return [TypeConverters.toListFloat(v) for v in seq]

    @staticmethod
    def toListInt(value: Any) -> list[int]:
        seq = TypeConverters.toList(value)
        if all(_is_integer(v) for v in seq):
            return [int(v) for v in seq]
        raise TypeError(f"Could not convert {value!r} to list of ints")

    @staticmethod
    def toListString(value: Any) -> list[str]:
        seq = TypeConverters.toList(value)
        if all(isinstance(v, str) for v in seq):
            return list(seq)
        raise TypeError(f"Could not convert {value!r} to list of strings")

    @staticmethod
    def toVector(value: Any) -> Any:
        from dfengine.ml.linalg import DenseVector, SparseVector

        if isinstance(value, (DenseVector, SparseVector)):
            return value
        return DenseVector(TypeConverters.toListFloat(value))

    @staticmethod
    def toFloat(value: Any) -> float:
        if _is_numeric(value):
            return float(value)
        raise TypeError(f"Could not convert {value!r} to float")

    @staticmethod
    def toInt(value: Any) -> int:
        if _is_integer(value):
            return int(value)
        raise TypeError(f"Could not convert {value!r} to int")

    @staticmethod
    def toString(value: Any) -> str:
        if isinstance(value, str):
            return value
        raise TypeError(f"Could not convert {value!r} to string")

    @staticmethod
    def toBoolean(value: Any) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        raise TypeError(f"Boolean Param requires value of type bool. Found {type(value)}.")
