"""Key-value RDD operations: combiners, shuffles, joins, sorting, pair actions.

Every by-key aggregation is `combineByKey`: a map-side combine fused into the parent's pipeline,
a shuffle (`partitionBy`), and a reduce-side merge of combiners. Joins tag both sides, shuffle
them together (no shuffle at all when both are already partitioned alike, as in PageRank's
cached links) and pair the values of each key within a partition.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterable
from functools import reduce as _reduce
from typing import Any

from dfengine.rdd.hashing import portable_hash
from dfengine.rdd.resultiterable import ResultIterable


class PairRDDMixin:
    """Operations on RDDs of `(key, value)` pairs (see `rdd.py`)."""

    def _defaultReducePartitions(self) -> int:
        if self.ctx._conf.contains("spark.default.parallelism"):
            return self.ctx.defaultParallelism
        return self.getNumPartitions()

    # -- per-record ----------------------------------------------------------------------------

    def keys(self) -> Any:
        return self._pipe("keys", "map", _key)

    def values(self) -> Any:
        return self._pipe("values", "map", _value)

    def mapValues(self, f: Callable) -> Any:
        return self._pipe("mapValues", "map", _MapValues(f), True, f)

    def flatMapValues(self, f: Callable) -> Any:
        return self._pipe("flatMapValues", "flatMap", _FlatMapValues(f), True, f)

    # -- shuffles ------------------------------------------------------------------------------

    def partitionBy(self, numPartitions: int | None,
                    partitionFunc: Callable = portable_hash, _op: str = "partitionBy") -> Any:
        from dfengine.rdd.nodes import Partitioner, ShuffledRDD

        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        if self.partitioner == Partitioner(numPartitions, partitionFunc):
            return self
        return ShuffledRDD(self, numPartitions, partitionFunc, _op)

    def combineByKey(self, createCombiner: Callable | None, mergeValue: Callable,
                     mergeCombiners: Callable, numPartitions: int | None = None,
                     partitionFunc: Callable = portable_hash, _op: str = "combineByKey") -> Any:
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        local = self._pipe(_op, "combine", (createCombiner, mergeValue), True, mergeValue)
        shuffled = local.partitionBy(numPartitions, partitionFunc, _op)
        return shuffled._pipe(_op, "combine", (None, mergeCombiners), True, mergeCombiners)

    def reduceByKey(self, func: Callable, numPartitions: int | None = None,
                    partitionFunc: Callable = portable_hash) -> Any:
        return self.combineByKey(None, func, func, numPartitions, partitionFunc, "reduceByKey")

    def reduceByKeyLocally(self, func: Callable) -> dict:
        return dict(self.reduceByKey(func).collect())

    def foldByKey(self, zeroValue: Any, func: Callable, numPartitions: int | None = None,
                  partitionFunc: Callable = portable_hash) -> Any:
        return self.combineByKey(
            _StartFrom(zeroValue, func), func, func, numPartitions, partitionFunc, "foldByKey"
        )

    def aggregateByKey(self, zeroValue: Any, seqFunc: Callable, combFunc: Callable,
                       numPartitions: int | None = None,
                       partitionFunc: Callable = portable_hash) -> Any:
        return self.combineByKey(
            _StartFrom(zeroValue, seqFunc), seqFunc, combFunc, numPartitions, partitionFunc,
            "aggregateByKey",
        )

    def groupByKey(self, numPartitions: int | None = None,
                   partitionFunc: Callable = portable_hash) -> Any:
        grouped = self.combineByKey(
            _new_list, _append, _extend, numPartitions, partitionFunc, "groupByKey"
        )
        return grouped._pipe("groupByKey", "map", _as_result_iterable, True)

    def sortByKey(self, ascending: bool = True, numPartitions: int | None = None,
                  keyfunc: Callable = lambda x: x) -> Any:
        """Range-partition by sampled bounds, then sort each partition (a global order)."""
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        sorter = _SortPartition(keyfunc, ascending)
        if numPartitions == 1:
            if self.getNumPartitions() > 1:
                return self.coalesce(1)._pipe("sortByKey", "partitions", sorter, True)
            return self._pipe("sortByKey", "partitions", sorter, True)
        size = self.count()
        if not size:
            return self
        fraction = min(numPartitions * 20.0 / max(size, 1), 1.0)
        samples = sorted(self.sample(False, fraction, 1).map(_key).collect(), key=keyfunc)
        bounds = [
            samples[int(len(samples) * (i + 1) / numPartitions)]
            for i in range(numPartitions - 1)
        ] if samples else []
        ranged = self.partitionBy(numPartitions, _RangePartition(bounds, keyfunc, ascending,
                                                                 numPartitions), "sortByKey")
        return ranged._pipe("sortByKey", "partitions", sorter, True)

    def repartitionAndSortWithinPartitions(
            self, numPartitions: int | None = None, partitionFunc: Callable = portable_hash,
            ascending: bool = True, keyfunc: Callable = lambda x: x) -> Any:
        """Shuffle by `partitionFunc` and sort each partition by key (no global order)."""
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        shuffled = self.partitionBy(numPartitions, partitionFunc,
                                    "repartitionAndSortWithinPartitions")
        return shuffled._pipe("repartitionAndSortWithinPartitions", "partitions",
                              _SortPartition(keyfunc, ascending), True)

    def sampleByKey(self, withReplacement: bool, fractions: dict,
                    seed: int | None = None) -> Any:
        """A sample per key, each key sampled at its own fraction (`fractions[key]`)."""
        import random
        import sys

        from dfengine.errors import PySparkValueError
        from dfengine.rdd.sampling import StratifiedSampler

        for fraction in fractions.values():
            if fraction < 0.0:
                raise PySparkValueError(f"Negative fraction value: {fraction}")
        if seed is None:
            seed = random.randint(0, sys.maxsize)
        return self.mapPartitionsWithIndex(
            StratifiedSampler(withReplacement, dict(fractions), seed), True)

    # -- joins ---------------------------------------------------------------------------------

    def _tagged_union(self, others: list, numPartitions: int | None) -> Any:
        """This RDD and `others` with each value tagged by its RDD's position, shuffled by key."""
        tagged = [r._pipe("join", "map", _Tag(i), True) for i, r in enumerate([self, *others])]
        both = _reduce(lambda a, b: a.union(b), tagged)
        if numPartitions is None:
            numPartitions = both._defaultReducePartitions()
        return both.partitionBy(numPartitions, portable_hash, "join")

    def _join(self, other: Any, numPartitions: int | None, how: str, *more: Any) -> Any:
        joiner = _Joiner(how, 2 + len(more))
        return self._tagged_union([other, *more], numPartitions)._pipe(how, "partitions", joiner,
                                                                       True)

    def join(self, other: Any, numPartitions: int | None = None) -> Any:
        return self._join(other, numPartitions, "join")

    def leftOuterJoin(self, other: Any, numPartitions: int | None = None) -> Any:
        return self._join(other, numPartitions, "leftOuterJoin")

    def rightOuterJoin(self, other: Any, numPartitions: int | None = None) -> Any:
        return self._join(other, numPartitions, "rightOuterJoin")

    def fullOuterJoin(self, other: Any, numPartitions: int | None = None) -> Any:
        return self._join(other, numPartitions, "fullOuterJoin")

    def cogroup(self, other: Any, numPartitions: int | None = None) -> Any:
        return self._join(other, numPartitions, "cogroup")

    def groupWith(self, other: Any, *others: Any) -> Any:
        """`cogroup` with any number of other RDDs: key -> one ResultIterable per RDD."""
        return self._join(other, None, "cogroup", *others)

    def subtractByKey(self, other: Any, numPartitions: int | None = None) -> Any:
        return self._join(other, numPartitions, "subtractByKey")

    # -- pair actions --------------------------------------------------------------------------

    def countByKey(self) -> dict:
        return self.keys().countByValue()

    def collectAsMap(self) -> dict:
        return dict(self.collect())

    def lookup(self, key: Any) -> list:
        values = self.filter(_KeyIs(key)).values()
        if self.partitioner is not None:
            return values._run("lookup", None, [self.partitioner(key)])[0]
        return values.collect()


# Picklable helpers.


def _key(kv: Any) -> Any:
    return kv[0]


def _value(kv: Any) -> Any:
    return kv[1]


class _MapValues:
    __slots__ = ("f",)

    def __init__(self, f: Callable):
        self.f = f

    def __call__(self, kv: Any) -> tuple:
        return (kv[0], self.f(kv[1]))


class _FlatMapValues:
    __slots__ = ("f",)

    def __init__(self, f: Callable):
        self.f = f

    def __call__(self, kv: Any) -> Iterable:
        k = kv[0]
        return [(k, x) for x in self.f(kv[1])]


class _StartFrom:
    """createCombiner of foldByKey/aggregateByKey: fold the first value into a fresh zero."""

    def __init__(self, zero: Any, func: Callable):
        self.zero, self.func = zero, func

    def __call__(self, v: Any) -> Any:
        return self.func(copy.deepcopy(self.zero), v)


def _new_list(v: Any) -> list:
    return [v]


def _append(xs: list, x: Any) -> list:
    xs.append(x)
    return xs


def _extend(a: list, b: list) -> list:
    a.extend(b)
    return a


def _as_result_iterable(kv: Any) -> tuple:
    return (kv[0], ResultIterable(kv[1]))


class _KeyIs:
    def __init__(self, key: Any):
        self.key = key

    def __call__(self, kv: Any) -> bool:
        return kv[0] == self.key


class _Tag:
    __slots__ = ("side",)

    def __init__(self, side: int):
        self.side = side

    def __call__(self, kv: Any) -> tuple:
        return (kv[0], (self.side, kv[1]))


class _Joiner:
    """Pairs the tagged values of each key within one shuffled partition."""

    def __init__(self, how: str, sides: int = 2):
        self.how, self.sides = how, sides

    def __call__(self, split: int, it: Iterable) -> Iterable:
        groups: dict = {}
        for k, (side, v) in it:
            g = groups.get(k)
            if g is None:
                g = groups[k] = tuple([] for _ in range(self.sides))
            g[side].append(v)
        how = self.how
        if how == "cogroup":
            return ((k, tuple(ResultIterable(vs) for vs in g)) for k, g in groups.items())
        if how == "subtractByKey":
            return ((k, v) for k, (a, b) in groups.items() if not b for v in a)
        return _pairs(groups, how)


def _pairs(groups: dict, how: str) -> Iterable:
    left_outer = how in ("leftOuterJoin", "fullOuterJoin")
    right_outer = how in ("rightOuterJoin", "fullOuterJoin")
    for k, (a, b) in groups.items():
        if not b:
            if left_outer:
                for v in a:
                    yield (k, (v, None))
            continue
        if not a:
            if right_outer:
                for w in b:
                    yield (k, (None, w))
            continue
        for v in a:
            for w in b:
                yield (k, (v, w))


class _SortPartition:
    def __init__(self, keyfunc: Callable, ascending: bool):
        self.keyfunc, self.ascending = keyfunc, ascending

    def __call__(self, split: int, it: Iterable) -> list:
        kf = self.keyfunc
        return sorted(it, key=lambda kv: kf(kv[0]), reverse=not self.ascending)


class _RangePartition:
    """Partition of a key among sampled bounds (reversed for descending sorts)."""

    def __init__(self, bounds: list, keyfunc: Callable, ascending: bool, n: int):
        self.bounds = [keyfunc(b) for b in bounds]
        self.keyfunc, self.ascending, self.n = keyfunc, ascending, n

    def __call__(self, k: Any) -> int:
        p = bisect.bisect_left(self.bounds, self.keyfunc(k))
        return p if self.ascending else self.n - 1 - p

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)
