"""dfengine: a Spark-SQL-style engine on Dask.

`from dfengine import SparkContext, SparkConf, StorageLevel, AccumulatorParam` mirrors
`from pyspark import ...`; the names are resolved on first use so `import dfengine` stays light.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

# Arrow tables that crossed a worker boundary can arrive with unaligned buffers; Acero
# (pyarrow's joins and group_by) then prints "An input buffer was poorly aligned" once per
# process on stderr. Copying such buffers is cheap and always safe, and keeps a user's
# console free of an engine-internal warning. Read by Arrow at first use, hence here.
os.environ.setdefault("ACERO_ALIGNMENT_HANDLING", "reallocate")

_RDD_EXPORTS = {
    "SparkContext",
    "SparkConf",
    "StorageLevel",
    "AccumulatorParam",
    "Accumulator",
    "Broadcast",
    "RDD",
    "StatCounter",
    "SparkFiles",
    "InheritableThread",
    "inheritable_thread_target",
    "RDDBarrier",
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
    "SparkFiles",
    "InheritableThread",
    "inheritable_thread_target",
    "RDDBarrier",
]


# Run once dfengine.rdd is imported: how dfengine.sql gives RDDs their DataFrame side
# (`rdd.toDF`) without importing the RDD layer into programs that never use it.
_rdd_hooks: list[Callable[[], None]] = []


def _on_rdd_import(fn: Callable[[], None]) -> None:
    """Call `fn` now if dfengine.rdd is loaded, else when its import completes."""
    import sys

    if hasattr(sys.modules.get("dfengine.rdd"), "RDD"):
        fn()
    else:
        _rdd_hooks.append(fn)


def _rdd_imported() -> None:
    """Called by dfengine.rdd at the end of its import."""
    while _rdd_hooks:
        _rdd_hooks.pop(0)()


def __getattr__(name: str) -> Any:
    if name in _RDD_EXPORTS:
        from dfengine import rdd

        return getattr(rdd, name)
    raise AttributeError(f"module 'dfengine' has no attribute {name!r}")
