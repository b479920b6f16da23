"""dfengine: a Spark-SQL-style engine on Dask.

`from dfengine import SparkContext, SparkConf, StorageLevel, AccumulatorParam` mirrors
`from pyspark import ...`; the names are resolved on first use so `import dfengine` stays light.
"""

from __future__ import annotations

from typing import Any

_RDD_EXPORTS = {
    "SparkContext",
    "SparkConf",
    "StorageLevel",
    "AccumulatorParam",
    "Accumulator",
    "Broadcast",
    "RDD",
    "StatCounter",
}

__all__ = [  # noqa: RUF022 - grouped as pyspark lists them
    "SparkContext",
    "SparkConf",
    "StorageLevel",
    "AccumulatorParam",
    "Accumulator",
    "Broadcast",
    "RDD",
    "StatCounter",
]


def __getattr__(name: str) -> Any:
    if name in _RDD_EXPORTS:
        from dfengine import rdd

        return getattr(rdd, name)
    raise AttributeError(f"module 'dfengine' has no attribute {name!r}")
