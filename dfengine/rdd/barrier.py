"""`rdd.barrier()`: PySpark's barrier execution mode, on Dask.

Spark launches every task of a barrier stage together (or none) so the tasks can coordinate,
as distributed training does. Dask gives one job's tasks no gang-scheduling guarantee; the
partition functions therefore run as ordinary tasks, which gives the same results for the
functions that do not wait for each other (`BarrierTaskContext.barrier()` is not offered).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class RDDBarrier:
    """Wraps an RDD for barrier execution; its map functions return plain RDDs."""

    def __init__(self, rdd: Any):
        self.rdd = rdd

    def mapPartitions(self, f: Callable, preservesPartitioning: bool = False) -> Any:
        """Apply `f(iterator)` to each partition, as one barrier stage."""
        return self.rdd.mapPartitions(f, preservesPartitioning)

    def mapPartitionsWithIndex(self, f: Callable, preservesPartitioning: bool = False) -> Any:
        """Apply `f(index, iterator)` to each partition, as one barrier stage."""
        return self.rdd.mapPartitionsWithIndex(f, preservesPartitioning)
