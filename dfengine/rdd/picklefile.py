"""`RDD.saveAsPickleFile` and `SparkContext.pickleFile`: an RDD's elements as pickled batches.

The output is laid out as `saveAsTextFile`'s (a `part-NNNNN` file per partition and
`_SUCCESS`, written into a temporary directory and moved into place when every task
succeeded). Each part file holds consecutive `pickle` frames, one list of up to `batchSize`
elements each. PySpark wraps the same frames in a Hadoop SequenceFile; dfengine's files are
read back by dfengine's `pickleFile` (one partition per part file), not by the JVM.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator
from typing import Any


class WritePickled:
    """Per-partition task: the partition's elements into `tmp/part-NNNNN`."""

    def __init__(self, tmp: str, batch_size: int):
        self.tmp, self.batch_size = tmp, max(1, int(batch_size))

    def __call__(self, split: int, it: Iterable) -> list:
        path = os.path.join(self.tmp, f"part-{split:05d}")
        batch: list = []
        with open(path, "wb") as f:
            for x in it:
                batch.append(x)
                if len(batch) >= self.batch_size:
                    pickle.dump(batch, f, protocol=pickle.HIGHEST_PROTOCOL)
                    batch = []
            if batch:
                pickle.dump(batch, f, protocol=pickle.HIGHEST_PROTOCOL)
        return []


def read_pickled(path: str) -> Iterator[Any]:
    """The elements of one part file, in order."""
    with open(path, "rb") as f:
        while True:
            try:
                batch = pickle.load(f)
            except EOFError:
                return
            yield from batch


def save(rdd: Any, path: str, batch_size: int) -> None:
    from dfengine.rdd import textio

    target, tmp = textio.prepare_output(path)
    try:
        rdd._run("saveAsPickleFile", WritePickled(tmp, batch_size))
        textio.commit_output(tmp, target)
    except BaseException:
        textio.abort_output(tmp)
        raise


def load(ctx: Any, path: str) -> Any:
    """An RDD reading the part files under `path` (a directory, file or glob)."""
    from dfengine.rdd import textio

    files = textio.list_files(path)
    return ctx.parallelize(files, max(1, len(files))).flatMap(read_pickled)
