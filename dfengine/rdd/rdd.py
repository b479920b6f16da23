"""`RDD`: an immutable node of lineage, with PySpark's transformations.

Transformations only build nodes (`dfengine.rdd.nodes`); narrow ones fuse into the parent's
pipeline unless the parent is persisted. Actions (`actions.ActionsMixin`) and key-value
operations (`pairs.PairRDDMixin`) live in their own modules; the SparkContext lowers a node's
lineage to a Dask graph when an action runs.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from dfengine.errors import PySparkRuntimeError, PySparkValueError
from dfengine.rdd.actions import ActionsMixin
from dfengine.rdd.approx import ApproxMixin
from dfengine.rdd.hadoop import HadoopOutputMixin
from dfengine.rdd.hashing import portable_hash
from dfengine.rdd.pairs import PairRDDMixin
from dfengine.rdd.pipeline import Op
from dfengine.storagelevel import StorageLevel
from dfengine.ui.callsite import user_callsite

if TYPE_CHECKING:
    from dfengine.rdd.context import SparkContext


T_co = TypeVar("T_co", covariant=True)


class RDD(ActionsMixin, ApproxMixin, PairRDDMixin, HadoopOutputMixin, Generic[T_co]):
    """A Resilient Distributed Dataset: partitions computed from lineage on demand. Generic as
    PySpark's, so annotations like `RDD[Tuple[int, int]]` (Spark's examples/sort.py) run."""

    _kind = "RDD"

    def __init__(self, ctx: SparkContext, op: str, partitioner: Any = None):
        ctx._check_alive()
        self.ctx = ctx
        self._id = ctx._next_rdd_id()
        self._op = op
        self._callsite = user_callsite()
        self.partitioner = partitioner
        self._storage = StorageLevel.NONE
        self._checkpoint_kind: str | None = None  # "reliable" or "local" once marked
        self._name: str | None = None

    # -- identity and lineage ------------------------------------------------------------------

    @property
    def context(self) -> SparkContext:
        return self.ctx

    def id(self) -> int:
        return self._id

    def name(self) -> str | None:
        return self._name

    def setName(self, name: str) -> RDD:
        self._name = name
        return self

    def getNumPartitions(self) -> int:
        raise NotImplementedError

    def _dependencies(self) -> list[tuple[RDD, bool]]:
        """Parents and whether each is a shuffle dependency."""
        return []

    def _lower(self, b: Any) -> list:
        raise NotImplementedError

    def _where(self) -> str:
        return f"{self._kind}[{self._id}] at {self._op} at {self._callsite}"

    def __repr__(self) -> str:
        return self._name or self._where()

    def __reduce__(self):
        raise PySparkRuntimeError(
            "It appears that you are attempting to broadcast an RDD or reference an RDD from an "
            "action or transformation. RDD transformations and actions can only be invoked by "
            "the driver, not inside of other transformations; for example, "
            "rdd1.map(lambda x: rdd2.values.count() * x) is invalid because the values "
            "transformation and count action cannot be performed inside of the rdd1.map "
            "transformation. For more information, see SPARK-5063.",
            error_class="RDD_TRANSFORM_ONLY_VALID_ON_DRIVER",
        )

    def toDebugString(self) -> bytes:
        """The lineage with shuffle boundaries and partition counts, as Spark prints it."""
        from dfengine.rdd.lineage import debug_string

        return debug_string(self).encode("utf-8")

    # -- persistence ---------------------------------------------------------------------------

    @property
    def is_cached(self) -> bool:
        return self._storage != StorageLevel.NONE

    @property
    def _keeps_partitions(self) -> bool:
        """Whether jobs keep this RDD's computed partitions (persisted or checkpointed)."""
        return self.is_cached or self._checkpoint_kind is not None

    @property
    def is_checkpointed(self) -> bool:
        """True once `checkpoint()` was called (PySpark's attribute); `isCheckpointed()`
        says whether the checkpoint has been written."""
        return self._checkpoint_kind == "reliable"

    def cache(self) -> RDD:
        return self.persist(StorageLevel.MEMORY_ONLY)

    def persist(self, storageLevel: StorageLevel = StorageLevel.MEMORY_ONLY) -> RDD:
        """Keep computed partitions in cluster memory for later actions (lazily, as Spark).
        As Spark, an RDD's level cannot change once assigned: `unpersist()` first."""
        level = _as_storage_level(storageLevel)
        if self._storage != StorageLevel.NONE and level != self._storage:
            from dfengine.errors import UnsupportedOperationException

            raise UnsupportedOperationException(
                f"Cannot change storage level of an RDD after it was already assigned a level "
                f"({self._storage} to {level}); call rdd.unpersist() first.",
                "CANNOT_CHANGE_STORAGE_LEVEL")
        self._storage = level
        return self

    def unpersist(self, blocking: bool = False) -> RDD:
        self._storage = StorageLevel.NONE
        if self._checkpoint_kind is None:
            self.ctx._drop_cache(self._id)
        return self

    def getStorageLevel(self) -> StorageLevel:
        return self._storage

    def checkpoint(self) -> None:
        """Mark for checkpointing: the next action keeps the partitions in cluster memory
        (and on disk when memory is short) and `isCheckpointed()` is then True, with a
        checkpoint file name under the checkpoint directory. Lineage is kept (recovery
        recomputes it). As Spark, needs `sc.setCheckpointDir` first."""
        directory = getattr(self.ctx, "_checkpoint_dir", None)
        if not directory:
            raise PySparkRuntimeError(
                "Checkpoint directory has not been set in the SparkContext: call "
                "sc.setCheckpointDir(path) before rdd.checkpoint(), or use "
                "rdd.localCheckpoint().", "CHECKPOINT_DIR_NOT_SET")
        if self._checkpoint_kind is None:
            self._checkpoint_kind = "reliable"

    def localCheckpoint(self) -> None:
        """Mark for checkpointing in the executors' storage only (no checkpoint directory)."""
        if self._checkpoint_kind is None:
            self._checkpoint_kind = "local"

    def isCheckpointed(self) -> bool:
        """True once an action after `checkpoint()` has materialized every partition."""
        if self._checkpoint_kind is None:
            return False
        return len(self.ctx._cached_partitions(self._id)) == self.getNumPartitions()

    def isLocallyCheckpointed(self) -> bool:
        return self._checkpoint_kind == "local"

    def getCheckpointFile(self) -> str | None:
        """Where a reliable checkpoint of this RDD was written (Spark's
        `<checkpointDir>/<uuid>/rdd-<id>`), None until it is written."""
        if self._checkpoint_kind != "reliable" or not self.isCheckpointed():
            return None
        return f"{self.ctx._checkpoint_path()}/rdd-{self._id}"

    def barrier(self) -> Any:
        """This RDD for barrier execution: every partition's task runs at once, as a stage."""
        from dfengine.rdd.barrier import RDDBarrier

        return RDDBarrier(self)

    # -- narrow transformations ----------------------------------------------------------------

    def _pipe(self, name: str, kind: str, func: Any, preserves: bool = False,
              user_func: Any = None) -> RDD:
        from dfengine.rdd.nodes import PipelinedRDD

        return PipelinedRDD(self, Op(name, kind, func, user_func), preserves)

    def map(self, f: Callable, preservesPartitioning: bool = False) -> RDD:
        return self._pipe("map", "map", f, preservesPartitioning)

    def flatMap(self, f: Callable, preservesPartitioning: bool = False) -> RDD:
        return self._pipe("flatMap", "flatMap", f, preservesPartitioning)

    def filter(self, f: Callable) -> RDD:
        return self._pipe("filter", "filter", f, True)

    def mapPartitions(self, f: Callable, preservesPartitioning: bool = False) -> RDD:
        return self._pipe("mapPartitions", "partitions", _drop_split(f), preservesPartitioning, f)

    def mapPartitionsWithIndex(self, f: Callable, preservesPartitioning: bool = False) -> RDD:
        return self._pipe("mapPartitionsWithIndex", "partitions", f, preservesPartitioning)

    mapPartitionsWithSplit = mapPartitionsWithIndex

    def glom(self) -> RDD:
        return self._pipe("glom", "partitions", _glom)

    def keyBy(self, f: Callable) -> RDD:
        return self._pipe("keyBy", "map", _KeyBy(f), False, f)

    def pipe(self, command: str, env: dict | None = None, checkCode: bool = False) -> RDD:
        from dfengine.rdd.pipe import PipeCommand

        return self._pipe("pipe", "partitions", PipeCommand(command, env or {}, checkCode))

    # -- structural ----------------------------------------------------------------------------

    def union(self, other: RDD) -> RDD:
        from dfengine.rdd.nodes import UnionRDD

        return UnionRDD(self.ctx, [self, other])

    def __add__(self, other: RDD) -> RDD:
        if not isinstance(other, RDD):
            raise TypeError(f"Cannot add an RDD and a {type(other).__name__}")
        return self.union(other)

    def cartesian(self, other: RDD) -> RDD:
        from dfengine.rdd.nodes import CartesianRDD

        return CartesianRDD(self, other)

    def zip(self, other: RDD) -> RDD:
        from dfengine.rdd.nodes import ZippedRDD

        if self.getNumPartitions() != other.getNumPartitions():
            raise PySparkValueError(
                "Can only zip with RDD which has the same number of partitions "
                f"({self.getNumPartitions()} vs {other.getNumPartitions()}).",
                error_class="DIFFERENT_PARTITIONS",
            )
        return ZippedRDD(self, other)

    def zipWithIndex(self) -> RDD:
        starts = [0]
        if self.getNumPartitions() > 1:
            counts = self.mapPartitions(_count_iter).collect()
            for c in counts[:-1]:
                starts.append(starts[-1] + c)
        return self.mapPartitionsWithIndex(_ZipIndex(starts))

    def zipWithUniqueId(self) -> RDD:
        return self.mapPartitionsWithIndex(_UniqueId(self.getNumPartitions()))

    def coalesce(self, numPartitions: int, shuffle: bool = False) -> RDD:
        from dfengine.rdd.nodes import CoalescedRDD

        if numPartitions <= 0:
            raise PySparkValueError(f"Number of partitions ({numPartitions}) must be positive.")
        if shuffle:
            return self.repartition(numPartitions)
        return CoalescedRDD(self, numPartitions)

    def repartition(self, numPartitions: int) -> RDD:
        """Shuffle records round robin into `numPartitions` partitions."""
        from dfengine.rdd.nodes import shuffle

        if numPartitions <= 0:
            raise PySparkValueError(f"Number of partitions ({numPartitions}) must be positive.")
        keyed = self.mapPartitionsWithIndex(_RoundRobin(numPartitions))
        return shuffle(keyed, numPartitions, _identity_int, "repartition").values()

    # -- set-like ------------------------------------------------------------------------------

    def distinct(self, numPartitions: int | None = None) -> RDD:
        return (
            self.map(_with_none)
            .reduceByKey(_first_arg, numPartitions)
            .map(_key)
        )

    def intersection(self, other: RDD) -> RDD:
        return (
            self.map(_with_none)
            .cogroup(other.map(_with_none))
            .filter(_both_sides)
            .keys()
        )

    def subtract(self, other: RDD, numPartitions: int | None = None) -> RDD:
        return self.map(_with_true).subtractByKey(other.map(_with_true), numPartitions).keys()

    def groupBy(self, f: Callable, numPartitions: int | None = None,
                partitionFunc: Callable = portable_hash) -> RDD:
        return self.keyBy(f).groupByKey(numPartitions, partitionFunc)

    def sortBy(self, keyfunc: Callable, ascending: bool = True,
               numPartitions: int | None = None) -> RDD:
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()

    # -- sampling ------------------------------------------------------------------------------

    def sample(self, withReplacement: bool, fraction: float, seed: int | None = None) -> RDD:
        from dfengine.rdd.sampling import Sampler

        if fraction < 0.0:
            raise PySparkValueError(f"Negative fraction value: {fraction}")
        if seed is None:
            seed = random.randint(0, sys.maxsize)
        return self.mapPartitionsWithIndex(Sampler(withReplacement, fraction, seed), True)

    def randomSplit(self, weights: list[float], seed: int | None = None) -> list[RDD]:
        from dfengine.rdd.sampling import RangeSampler

        if any(w < 0 for w in weights):
            raise PySparkValueError(f"Weights must be nonnegative, got {weights}")
        total = float(sum(weights))
        if total <= 0:
            raise PySparkValueError(f"Sum of weights must be positive, got {weights}")
        bounds = [0.0]
        for w in weights:
            bounds.append(bounds[-1] + w / total)
        if seed is None:
            seed = random.randint(0, 2**32 - 1)
        return [
            self.mapPartitionsWithIndex(RangeSampler(lo, hi, seed), True)
            for lo, hi in itertools.pairwise(bounds)
        ]

    # -- DataFrames ----------------------------------------------------------------------------

    def toDF(self, schema: Any = None, sampleRatio: float | None = None) -> Any:
        """A DataFrame of this RDD's records (Rows, tuples or dicts) on the active session.

        `dfengine.sql` replaces this method when it is imported (as PySpark patches RDD.toDF
        when a SparkSession is created); without it there are no DataFrames to make."""
        from dfengine.errors import PySparkRuntimeError

        raise PySparkRuntimeError(
            "RDD.toDF needs the SQL layer: import dfengine.sql and create a SparkSession "
            "(SparkSession.builder.getOrCreate()) first.", "SESSION_NOT_INITIALIZED")


# Module-level helpers (picklable, no reference to any RDD or context).


def _as_storage_level(level: Any) -> StorageLevel:
    """dfengine's StorageLevel of `level` (PySpark's StorageLevel objects are accepted)."""
    if isinstance(level, StorageLevel):
        return level
    try:
        return StorageLevel(level.useDisk, level.useMemory, level.useOffHeap,
                            level.deserialized, level.replication)
    except AttributeError:
        raise PySparkValueError(
            f"persist() takes a StorageLevel (such as StorageLevel.MEMORY_ONLY), got "
            f"{type(level).__name__}.", "NOT_STORAGE_LEVEL") from None


class _KeyBy:
    __slots__ = ("f",)

    def __init__(self, f: Callable):
        self.f = f

    def __call__(self, x: Any) -> tuple:
        return (self.f(x), x)


def _drop_split(f: Callable) -> Callable:
    def run(split: int, it: Iterable) -> Iterable:
        return f(it)

    run.__wrapped__ = f
    return run


def _glom(split: int, it: Iterable) -> list:
    return [list(it)]


def _count_iter(it: Iterable) -> list:
    return [sum(1 for _ in it)]


class _ZipIndex:
    def __init__(self, starts: list[int]):
        self.starts = starts

    def __call__(self, split: int, it: Iterable) -> Iterable:
        return ((v, i) for i, v in enumerate(it, self.starts[split]))


class _UniqueId:
    def __init__(self, n: int):
        self.n = n

    def __call__(self, split: int, it: Iterable) -> Iterable:
        n = self.n
        return ((v, i * n + split) for i, v in enumerate(it))


class _RoundRobin:
    def __init__(self, n: int):
        self.n = n

    def __call__(self, split: int, it: Iterable) -> Iterable:
        n = self.n
        start = random.Random(split).randint(0, n - 1)
        return (((start + i) % n, x) for i, x in enumerate(it))


def _identity_int(k: int) -> int:
    return k


def _with_none(x: Any) -> tuple:
    return (x, None)


def _with_true(x: Any) -> tuple:
    return (x, True)


def _first_arg(a: Any, b: Any) -> Any:
    return a


def _key(kv: Any) -> Any:
    return kv[0]


def _both_sides(kv: Any) -> bool:
    return bool(kv[1][0]) and bool(kv[1][1])
