"""RDD actions: each runs one Dask computation (a "job") and returns values to the driver.

Per-partition work (partial sums, local top-k, per-partition folds) runs in the tasks, fused
into the RDD's last pipeline; only the small per-partition results travel to the driver, where
they are combined in partition order as PySpark does.
"""

from __future__ import annotations

import copy
import heapq
import math
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import reduce as _reduce
from itertools import chain
from typing import Any

from dfengine.errors import PySparkValueError


class ActionsMixin:
    """Actions of `RDD` (see `rdd.py`)."""

    def _run(self, action: str, func: Callable | None = None,
             partitions: Iterable[int] | None = None) -> list[list]:
        return self.ctx._run_job(self, func, partitions, action)

    def collect(self) -> list:
        return list(chain.from_iterable(self._run("collect")))

    def toLocalIterator(self, prefetchPartitions: bool = False) -> Iterable:
        for i in range(self.getNumPartitions()):
            yield from self._run("toLocalIterator", None, [i])[0]

    def count(self) -> int:
        return sum(chain.from_iterable(self._run("count", _count_partition)))

    def first(self) -> Any:
        rs = self._take(1, "first")
        if rs:
            return rs[0]
        raise ValueError("RDD is empty")  # PySpark's class and message

    def isEmpty(self) -> bool:
        return self.getNumPartitions() == 0 or len(self._take(1, "isEmpty")) == 0

    def take(self, num: int) -> list:
        return self._take(num, "take")

    def _take(self, num: int, action: str) -> list:
        """Scan partitions incrementally (1, then more) until `num` records are found."""
        items: list = []
        total = self.getNumPartitions()
        scanned = 0
        while len(items) < num and scanned < total:
            n_try = 1
            if scanned > 0:
                if not items:
                    n_try = scanned * 4
                else:
                    n_try = int(1.5 * num * scanned / len(items)) - scanned
                    n_try = min(max(n_try, 1), scanned * 4)
            left = num - len(items)
            parts = range(scanned, min(scanned + n_try, total))
            for res in self._run(action, _TakeUpTo(left), parts):
                items.extend(res)
            scanned += n_try
        return items[:num]

    def takeOrdered(self, num: int, key: Callable | None = None) -> list:
        if num < 0:
            raise PySparkValueError(f"num must be non-negative, got {num}")
        parts = self._run("takeOrdered", _Smallest(num, key))
        return heapq.nsmallest(num, chain.from_iterable(parts), key=key)

    def top(self, num: int, key: Callable | None = None) -> list:
        parts = self._run("top", _Largest(num, key))
        return heapq.nlargest(num, chain.from_iterable(parts), key=key)

    def takeSample(self, withReplacement: bool, num: int, seed: int | None = None) -> list:
        """A fixed-size sample: Bernoulli/Poisson sampling with a fraction sized so one pass
        almost always suffices (same generator and seeds as PySpark), then a shuffle."""
        import random
        import sys

        max_size = sys.maxsize - int(10.0 * math.sqrt(sys.maxsize))
        if num < 0:
            raise ValueError("Sample size cannot be negative.")
        if num > max_size:
            raise ValueError(f"Sample size cannot be greater than {max_size}.")
        if num == 0 or self.getNumPartitions() == 0:
            return []
        total = self.count()
        if total == 0:
            return []
        rand = random.Random(seed)
        if not withReplacement and num >= total:
            samples = self.collect()
            rand.shuffle(samples)
            return samples
        fraction = _sample_fraction(num, total, withReplacement)
        samples = self.sample(withReplacement, fraction, seed).collect()
        while len(samples) < num:
            seed = rand.randint(0, sys.maxsize)
            samples = self.sample(withReplacement, fraction, seed).collect()
        rand.shuffle(samples)
        return samples[0:num]

    def reduce(self, f: Callable) -> Any:
        vals = list(chain.from_iterable(self._run("reduce", _PartitionReduce(f))))
        if vals:
            return _reduce(f, vals)
        raise ValueError("Can not reduce() empty RDD")  # PySpark's class and message

    def treeReduce(self, f: Callable, depth: int = 2) -> Any:
        return self.reduce(f)

    def fold(self, zeroValue: Any, op: Callable) -> Any:
        vals = chain.from_iterable(self._run("fold", _PartitionFold(zeroValue, op)))
        return _reduce(op, vals, copy.deepcopy(zeroValue))

    def aggregate(self, zeroValue: Any, seqOp: Callable, combOp: Callable) -> Any:
        vals = chain.from_iterable(self._run("aggregate", _PartitionFold(zeroValue, seqOp)))
        return _reduce(combOp, vals, copy.deepcopy(zeroValue))

    def treeAggregate(self, zeroValue: Any, seqOp: Callable, combOp: Callable,
                      depth: int = 2) -> Any:
        return self.aggregate(zeroValue, seqOp, combOp)

    def sum(self) -> Any:
        return sum(chain.from_iterable(self._run("sum", _partition_sum)), 0)

    def max(self, key: Callable | None = None) -> Any:
        if key is None:
            return self.reduce(max)
        return self.reduce(lambda a, b: max(a, b, key=key))

    def min(self, key: Callable | None = None) -> Any:
        if key is None:
            return self.reduce(min)
        return self.reduce(lambda a, b: min(a, b, key=key))

    def stats(self) -> Any:
        from dfengine.rdd.statcounter import StatCounter

        parts = chain.from_iterable(self._run("stats", _partition_stats))
        return _reduce(lambda a, b: a.mergeStats(b), parts, StatCounter())

    def mean(self) -> float:
        return self.stats().mean()

    def variance(self) -> float:
        return self.stats().variance()

    def stdev(self) -> float:
        return self.stats().stdev()

    def sampleStdev(self) -> float:
        return self.stats().sampleStdev()

    def sampleVariance(self) -> float:
        return self.stats().sampleVariance()

    def histogram(self, buckets: Any) -> tuple[list, list[int]]:
        """Bucket boundaries and counts (`buckets`: a count of even buckets or boundaries),
        as PySpark's (see `histogram.py`)."""
        from dfengine.errors import PySparkTypeError
        from dfengine.rdd import histogram as h

        data = self
        if isinstance(buckets, int):
            bounds, step, data = h.even_bounds(self, buckets)
            if step is None:
                return bounds, [data.count()]
        elif isinstance(buckets, (list, tuple)):
            bounds, step = buckets, h.given_bounds(buckets)
        else:
            raise PySparkTypeError("buckets should be a list or tuple or number(int or long)")
        counts = [0] * (len(bounds) - 1)
        for part in data._run("histogram", h.BucketCounts(list(bounds), step)):
            for c in part:
                counts = [a + b for a, b in zip(counts, c)]
        return bounds, counts

    def countByValue(self) -> dict:
        out: dict = defaultdict(int)
        for part in self._run("countByValue", _count_values):
            for d in part:
                for k, v in d.items():
                    out[k] += v
        return out

    def foreach(self, f: Callable) -> None:
        self._run("foreach", _Foreach(f))

    def foreachPartition(self, f: Callable) -> None:
        self._run("foreachPartition", _ForeachPartition(f))

    def saveAsPickleFile(self, path: str, batchSize: int = 10) -> None:
        """Write the elements as pickled batches, one `part-NNNNN` per partition
        (`SparkContext.pickleFile` reads them back; see `picklefile.py`)."""
        from dfengine.rdd import picklefile

        picklefile.save(self, path, batchSize)

    def saveAsTextFile(self, path: str, compressionCodecClass: str | None = None) -> None:
        """Write `part-NNNNN` files and `_SUCCESS`; on failure nothing is left behind."""
        from dfengine.rdd import textio

        codec = textio.codec_of(compressionCodecClass)
        target, tmp = textio.prepare_output(path)
        try:
            self._run("saveAsTextFile", _WritePart(tmp, codec))
            textio.commit_output(tmp, target)
        except BaseException:
            textio.abort_output(tmp)
            raise


def _sample_fraction(lower_bound: int, total: int, with_replacement: bool) -> float:
    """Sampling rate that yields at least `lower_bound` of `total` records w.h.p."""
    fraction = float(lower_bound) / total
    if with_replacement:
        stdevs = 9 if lower_bound < 12 else 5
        return fraction + stdevs * math.sqrt(fraction / total)
    gamma = -math.log(0.00005) / total
    return min(1.0, fraction + gamma + math.sqrt(gamma * gamma + 2 * gamma * fraction))


# Per-partition functions (module level so they pickle without capturing an RDD).


def _count_partition(split: int, it: Iterable) -> list:
    if isinstance(it, list):
        return [len(it)]
    n = 0
    for _ in it:
        n += 1
    return [n]


def _partition_sum(split: int, it: Iterable) -> list:
    return [sum(it, 0)]


def _partition_stats(split: int, it: Iterable) -> list:
    from dfengine.rdd.statcounter import StatCounter

    return [StatCounter(it)]


def _count_values(split: int, it: Iterable) -> list:
    d: dict = defaultdict(int)
    for x in it:
        d[x] += 1
    return [dict(d)]


class _TakeUpTo:
    def __init__(self, n: int):
        self.n = n

    def __call__(self, split: int, it: Iterable) -> list:
        out = []
        if self.n <= 0:
            return out
        for x in it:
            out.append(x)
            if len(out) >= self.n:
                break
        return out


class _Smallest:
    def __init__(self, n: int, key: Callable | None):
        self.n, self.key = n, key

    def __call__(self, split: int, it: Iterable) -> list:
        return heapq.nsmallest(self.n, it, key=self.key)


class _Largest:
    def __init__(self, n: int, key: Callable | None):
        self.n, self.key = n, key

    def __call__(self, split: int, it: Iterable) -> list:
        return heapq.nlargest(self.n, it, key=self.key)


class _PartitionReduce:
    def __init__(self, f: Callable):
        self.f = f

    def __call__(self, split: int, it: Iterable) -> list:
        it = iter(it)
        try:
            acc = next(it)
        except StopIteration:
            return []
        f = self.f
        for x in it:
            acc = f(acc, x)
        return [acc]


class _PartitionFold:
    def __init__(self, zero: Any, op: Callable):
        self.zero, self.op = zero, op

    def __call__(self, split: int, it: Iterable) -> list:
        acc = copy.deepcopy(self.zero)
        op = self.op
        for x in it:
            acc = op(acc, x)
        return [acc]


class _Foreach:
    def __init__(self, f: Callable):
        self.f = f

    def __call__(self, split: int, it: Iterable) -> list:
        f = self.f
        for x in it:
            f(x)
        return []


class _ForeachPartition:
    def __init__(self, f: Callable):
        self.f = f

    def __call__(self, split: int, it: Iterable) -> list:
        self.f(iter(it))
        return []


class _WritePart:
    def __init__(self, tmp: str, codec: str | None):
        self.tmp, self.codec = tmp, codec

    def __call__(self, split: int, it: Iterable) -> list:
        from dfengine.rdd.textio import write_part

        return write_part(self.tmp, self.codec, split, it)


__all__ = ["ActionsMixin", "operator"]
