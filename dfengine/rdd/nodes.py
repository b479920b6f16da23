"""The RDD node kinds and how each lowers to tasks.

Sources (`ParallelCollectionRDD`, `TextFileRDD`, ...) produce inline tasks that run inside their
consumer's task; `PipelinedRDD` is a fused chain of narrow ops (one keyed task per partition);
`ShuffledRDD` is a shuffle boundary (split every input partition into buckets by
`partitionFunc(key) % n`, then concatenate bucket j of every input); the rest rearrange whole
partitions (union, coalesce, cartesian, zip) without running user code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dfengine.rdd import tasks, textio
from dfengine.rdd.hashing import portable_hash
from dfengine.rdd.pipeline import Op, Pipeline
from dfengine.rdd.rdd import RDD


class Partitioner:
    """How a shuffled RDD's keys map to partitions (compared to skip redundant shuffles)."""

    def __init__(self, numPartitions: int, partitionFunc: Callable):
        self.numPartitions = numPartitions
        self.partitionFunc = partitionFunc

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Partitioner)
            and self.numPartitions == other.numPartitions
            and self.partitionFunc == other.partitionFunc
        )

    def __hash__(self) -> int:
        return hash(self.numPartitions)

    def __call__(self, k: Any) -> int:
        return self.partitionFunc(k) % self.numPartitions


class PipelinedRDD(RDD):
    """A chain of narrow operations over one parent, run as one task per partition."""

    _kind = "PythonRDD"

    def __init__(self, prev: RDD, op: Op, preservesPartitioning: bool = False):
        if isinstance(prev, PipelinedRDD) and not prev._keeps_partitions:
            self._source = prev._source
            self._ops = prev._ops + (op,)
        else:
            self._source = prev
            self._ops = (op,)
        super().__init__(
            prev.ctx, op.name, prev.partitioner if preservesPartitioning else None
        )
        self._pipeline = Pipeline(self._ops)

    def getNumPartitions(self) -> int:
        return self._source.getNumPartitions()

    def _dependencies(self) -> list:
        return [(self._source, False)]

    def _lower(self, b: Any) -> list:
        src = self._source
        if (
            isinstance(src, TextFileRDD)
            and src._use_unicode
            and not src._keeps_partitions
            and self._pipeline.splits_words_first
        ):
            inputs = src._lower_text(b)
        else:
            inputs = b.exprs(src)
        return b.add_pipeline(self, (self._pipeline, self._where()), inputs)


class ParallelCollectionRDD(RDD):
    """`sc.parallelize(data, numSlices)`: slices cut as Spark cuts them."""

    _kind = "ParallelCollectionRDD"

    def __init__(self, ctx: Any, slices: list):
        super().__init__(ctx, "parallelize")
        self._slices = slices

    def getNumPartitions(self) -> int:
        return len(self._slices)

    def _lower(self, b: Any) -> list:
        return [(tasks.data, tasks.Opaque(s)) for s in self._slices]


class TextFileRDD(RDD):
    """`sc.textFile`: one partition per block of a file, blocks aligned on line ends."""

    _kind = "MapPartitionsRDD"

    def __init__(self, ctx: Any, path: str, min_partitions: int, use_unicode: bool = True):
        super().__init__(ctx, "textFile")
        self._path = path
        self._min_partitions = min_partitions
        self._use_unicode = use_unicode
        self._splits: list | None = None

    def _get_splits(self) -> list:
        if self._splits is None:
            self._splits = textio.plan_splits(self._path, self._min_partitions)
        return self._splits

    def getNumPartitions(self) -> int:
        return len(self._get_splits())

    def _lower(self, b: Any) -> list:
        return [
            (textio.read_split, tasks.Opaque(s), self._use_unicode) for s in self._get_splits()
        ]

    def _lower_text(self, b: Any) -> list:
        """Each block as one string (for a pipeline that starts by splitting words)."""
        return [(textio.read_split_text, tasks.Opaque(s)) for s in self._get_splits()]


class WholeTextFilesRDD(RDD):
    """`sc.wholeTextFiles`: `(path, content)` records, files grouped into partitions."""

    _kind = "WholeTextFileRDD"

    def __init__(self, ctx: Any, path: str, min_partitions: int, use_unicode: bool = True):
        super().__init__(ctx, "wholeTextFiles")
        self._path = path
        self._min_partitions = min_partitions
        self._use_unicode = use_unicode
        self._groups: list | None = None

    def _get_groups(self) -> list:
        if self._groups is None:
            files = textio.list_files(self._path)
            n = max(1, min(len(files), self._min_partitions))
            self._groups = [files[i * len(files) // n : (i + 1) * len(files) // n] for i in range(n)]
        return self._groups

    def getNumPartitions(self) -> int:
        return len(self._get_groups())

    def _lower(self, b: Any) -> list:
        return [
            (textio.read_whole_files, tasks.Opaque(g), self._use_unicode)
            for g in self._get_groups()
        ]


class BinaryFilesRDD(WholeTextFilesRDD):
    """`sc.binaryFiles`: `(path, bytes)` records, read as stored (no decompression)."""

    _kind = "BinaryFileRDD"

    def __init__(self, ctx: Any, path: str, min_partitions: int):
        super().__init__(ctx, path, min_partitions, False)
        self._op = "binaryFiles"

    def _lower(self, b: Any) -> list:
        return [(textio.read_binary_files, tasks.Opaque(g)) for g in self._get_groups()]


class EmptyRDD(RDD):
    _kind = "EmptyRDD"

    def __init__(self, ctx: Any):
        super().__init__(ctx, "emptyRDD")

    def getNumPartitions(self) -> int:
        return 0

    def _lower(self, b: Any) -> list:
        return []


class UnionRDD(RDD):
    """Partitions of several RDDs, one after another."""

    _kind = "UnionRDD"

    def __init__(self, ctx: Any, rdds: list[RDD]):
        parts = {r.partitioner for r in rdds if r.partitioner is not None}
        same = (
            len(parts) == 1
            and all(r.partitioner is not None for r in rdds)
            and all(r.partitioner == rdds[0].partitioner for r in rdds)
        )
        super().__init__(ctx, "union", None)
        self._rdds = rdds
        self._copartitioned = same
        if same:
            self.partitioner = rdds[0].partitioner

    def getNumPartitions(self) -> int:
        if self._copartitioned:
            return self._rdds[0].getNumPartitions()
        return sum(r.getNumPartitions() for r in self._rdds)

    def _dependencies(self) -> list:
        return [(r, False) for r in self._rdds]

    def _lower(self, b: Any) -> list:
        all_exprs = [b.exprs(r) for r in self._rdds]
        if self._copartitioned:
            return [(tasks.concat, *col) for col in zip(*all_exprs)]
        return [e for exprs in all_exprs for e in exprs]


class ShuffledRDD(RDD):
    """A shuffle boundary: records move to partition `partitionFunc(key) % numPartitions`."""

    _kind = "ShuffledRDD"

    def __init__(self, prev: RDD, num_partitions: int, partition_func: Callable, op: str):
        super().__init__(prev.ctx, op, Partitioner(num_partitions, partition_func))
        self._prev = prev
        self._n = num_partitions
        self._partition_func = partition_func

    def getNumPartitions(self) -> int:
        return self._n

    def _dependencies(self) -> list:
        return [(self._prev, True)]

    def _lower(self, b: Any) -> list:
        inputs = b.exprs(self._prev)
        n = self._n
        name = b.name(self, f"{self._op}-split")
        spec = tasks.Opaque((self._partition_func, self._where()))
        split_keys = []
        for i, inp in enumerate(inputs):
            key = (name, i)
            b.graph[key] = (tasks.split_buckets, spec, inp, n)
            split_keys.append(key)
        if b.in_process:
            return [(tasks.gather_bucket, j, *split_keys) for j in range(n)]
        bname = b.name(self, f"{self._op}-bucket")
        out = []
        for j in range(n):
            cols = []
            for i, sk in enumerate(split_keys):
                key = (bname, i, j)
                b.graph[key] = (tasks.bucket, sk, j)
                cols.append(key)
            out.append((tasks.concat, *cols))
        return out


class CoalescedRDD(RDD):
    """Fewer partitions without a shuffle: contiguous runs of parent partitions."""

    _kind = "CoalescedRDD"

    def __init__(self, prev: RDD, num_partitions: int):
        super().__init__(prev.ctx, "coalesce")
        self._prev = prev
        self._n = num_partitions

    def _groups(self) -> list[range]:
        total = self._prev.getNumPartitions()
        n = max(1, min(self._n, total)) if total else 0
        return [range(i * total // n, (i + 1) * total // n) for i in range(n)]

    def getNumPartitions(self) -> int:
        return len(self._groups())

    def _dependencies(self) -> list:
        return [(self._prev, False)]

    def _lower(self, b: Any) -> list:
        inputs = b.exprs(self._prev)
        return [(tasks.concat, *[inputs[i] for i in g]) for g in self._groups()]


class CartesianRDD(RDD):
    _kind = "CartesianRDD"

    def __init__(self, a: RDD, b: RDD):
        super().__init__(a.ctx, "cartesian")
        self._a = a
        self._b = b

    def getNumPartitions(self) -> int:
        return self._a.getNumPartitions() * self._b.getNumPartitions()

    def _dependencies(self) -> list:
        return [(self._a, False), (self._b, False)]

    def _lower(self, b: Any) -> list:
        ea, eb = b.exprs(self._a), b.exprs(self._b)
        return [(tasks.cartesian_part, x, y) for x in ea for y in eb]


class ZippedRDD(RDD):
    _kind = "ZippedPartitionsRDD2"

    def __init__(self, a: RDD, b: RDD):
        super().__init__(a.ctx, "zip")
        self._a = a
        self._b = b

    def getNumPartitions(self) -> int:
        return self._a.getNumPartitions()

    def _dependencies(self) -> list:
        return [(self._a, False), (self._b, False)]

    def _lower(self, b: Any) -> list:
        ea, eb = b.exprs(self._a), b.exprs(self._b)
        return [(tasks.zip_parts, x, y) for x, y in zip(ea, eb)]


def shuffle(prev: RDD, num_partitions: int, partition_func: Callable = portable_hash,
            op: str = "partitionBy") -> ShuffledRDD:
    return ShuffledRDD(prev, num_partitions, partition_func, op)
