"""The approximate actions of PySpark's RDD (`countApprox`, `sumApprox`, `meanApprox`,
`countApproxDistinct`).

Spark returns the exact answer when the job finishes within `timeout` (a `BoundedFloat` with
confidence 1.0 and equal bounds); dfengine always runs the job to completion, so it returns
that exact answer. `countApproxDistinct` counts the distinct 32-bit hashes of the elements
(Spark hashes them the same way before its HyperLogLog), so it is within `relativeSD`.
"""

from __future__ import annotations

from typing import Any

from dfengine.errors import PySparkValueError
from dfengine.rdd.hashing import portable_hash


class BoundedFloat(float):
    """PySpark's `BoundedFloat`: a float with the `confidence`, `low` and `high` of an
    approximate result."""

    confidence: float
    low: float
    high: float

    def __new__(cls, mean: float, confidence: float, low: float, high: float) -> BoundedFloat:
        obj = super().__new__(cls, mean)
        obj.confidence, obj.low, obj.high = confidence, low, high
        return obj


def exact(value: float) -> BoundedFloat:
    """An approximate result that finished in time: confidence 1, both bounds the value."""
    return BoundedFloat(value, 1.0, value, value)


def _hash32(x: Any) -> int:
    return portable_hash(x) & 0xFFFFFFFF


def count_distinct(rdd: Any, relative_sd: float) -> int:
    if relative_sd < 0.000017:
        raise PySparkValueError("relativeSD should be greater than 0.000017")
    return rdd.map(_hash32).distinct().count()


class ApproxMixin:
    """Approximate actions of `RDD` (see `rdd.py`)."""

    def countApprox(self, timeout: int, confidence: float = 0.95) -> int:
        return int(self.count())

    def sumApprox(self, timeout: int, confidence: float = 0.95) -> BoundedFloat:
        return exact(float(self.map(float).sum()))

    def meanApprox(self, timeout: int, confidence: float = 0.95) -> BoundedFloat:
        return exact(float(self.map(float).mean()))

    def countApproxDistinct(self, relativeSD: float = 0.05) -> int:
        return count_distinct(self, relativeSD)
