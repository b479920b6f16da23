"""Spark core on Dask: SparkContext, RDDs, broadcast variables and accumulators.

How it works (one module per concept):
- `rdd.py`, `actions.py`, `pairs.py`: the PySpark RDD API. An RDD is an immutable lineage node
  (`nodes.py`); chains of narrow ops fuse into one `Pipeline` (`pipeline.py`), i.e. one task
  per partition; `reduceByKey` and friends combine map-side before the shuffle.
- `graph.py`: each action lowers the lineage to one low-level Dask graph (`tasks.py` holds the
  task functions), culled to the partitions it needs, and runs it on the session's `Runtime`
  under the name `<action> at <file>:<line>`.
- Shuffles split each partition into buckets by `hashing.portable_hash` (seed independent),
  then concatenate bucket j of every input; Dask schedules, retries and recomputes lost data.
- `accumulators.py`/`taskstate.py`: tasks return their accumulator updates with their results;
  the driver merges them once per successful task. `broadcast.py`: values scattered once.
- `histogram.py`: `RDD.histogram` as PySpark's; `approx.py`: the approximate actions;
  `picklefile.py`: `saveAsPickleFile` / `sc.pickleFile`.
- `jobcontrol.py`: job tags and cancelling RDD/DataFrame jobs by group or tag; `threads.py`:
  `InheritableThread`; `files.py`: `addFile`/`addArchive` and `SparkFiles`; `barrier.py`:
  `rdd.barrier()`; `hadoop.py`, `seqfile.py`, `writables.py`: SequenceFiles and Hadoop's Text
  formats without a JVM.
- `textio.py`: Hadoop-style input splits and atomic `part-NNNNN` output. RDD <-> DataFrame
  (`toDF`, `createDataFrame(rdd)`, `df.rdd`) lives in `dfengine/sql/rdd_interop.py`, installed
  by the SQL layer: this package never imports dfengine.sql.
"""

import dfengine as _dfengine  # noqa: E402 - after the API: its hooks use it
from dfengine.rdd.accumulators import Accumulator, AccumulatorParam
from dfengine.rdd.approx import BoundedFloat
from dfengine.rdd.barrier import RDDBarrier
from dfengine.rdd.broadcast import Broadcast
from dfengine.rdd.conf import SparkConf
from dfengine.rdd.context import SparkContext
from dfengine.rdd.files import SparkFiles
from dfengine.rdd.hashing import portable_hash
from dfengine.rdd.rdd import RDD
from dfengine.rdd.resultiterable import ResultIterable
from dfengine.rdd.statcounter import StatCounter
from dfengine.rdd.threads import InheritableThread, inheritable_thread_target
from dfengine.storagelevel import StorageLevel

_dfengine._rdd_imported()  # dfengine.sql's RDD side (toDF), when the SQL layer is loaded

__all__ = [
    "RDD",
    "RDDBarrier",
    "Accumulator",
    "AccumulatorParam",
    "BoundedFloat",
    "Broadcast",
    "InheritableThread",
    "ResultIterable",
    "SparkConf",
    "SparkContext",
    "SparkFiles",
    "StatCounter",
    "StorageLevel",
    "inheritable_thread_target",
    "portable_hash",
]
