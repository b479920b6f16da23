"""`SparkContext`: the entry point of the RDD API, running jobs on the shared Dask runtime.

A standalone `SparkContext(master, appName)` creates its own `dfengine.runtime.Runtime`; a
SparkSession builds its `sparkContext` over the session's runtime with `_from_runtime`, and a
SparkContext created first is found by the session through `_active_spark_context`.

Running a job (`_run_job`): lower the RDD's lineage to one low-level Dask graph, cull it to the
requested partitions, submit it under the name `<action> at <file>:<line>`, gather the results
and the accumulator updates of every task that ran user code, merge those updates once, and keep
futures for the partitions of persisted RDDs so later jobs reuse them.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from typing import Any, Self

from dfengine.errors import PySparkRuntimeError, PySparkValueError, PythonException
from dfengine.rdd import tasks
from dfengine.rdd.accumulators import Accumulator, AccumulatorParam, new_accumulator
from dfengine.rdd.broadcast import Broadcast
from dfengine.rdd.conf import SparkConf
from dfengine.rdd.files import FilesMixin
from dfengine.rdd.hadoop import HadoopInputMixin
from dfengine.rdd.jobcontrol import JobControlMixin, cancelled_error
from dfengine.rdd.taskstate import in_task
from dfengine.ui.callsite import user_callsite

_FAILED = ("error", "cancelled", "lost")


def _driver_only() -> PySparkRuntimeError:
    return PySparkRuntimeError(
        "It appears that you are attempting to reference SparkContext from a broadcast "
        "variable, action, or transformation. SparkContext can only be used on the driver, not "
        "in code that it run on workers. For more information, see SPARK-5063.",
        error_class="CONTEXT_ONLY_VALID_ON_DRIVER",
    )


def _find_cause(exc: BaseException, cls: type) -> BaseException | None:
    """The first exception of class `cls` in the cause/context chain of `exc`."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, cls):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def _check_partition_indexes(wanted: list[int], n: int) -> None:
    for i in wanted:
        if not 0 <= i < n:
            raise PySparkValueError(f"Partition index {i} out of range: the RDD has {n}.")

class SparkContext(JobControlMixin, FilesMixin, HadoopInputMixin):
    """Main entry point for RDDs, broadcast variables and accumulators."""

    _active_spark_context: SparkContext | None = None
    _lock = threading.RLock()

    def __init__(
        self,
        master: str | None = None,
        appName: str | None = None,
        sparkHome: str | None = None,
        pyFiles: list[str] | None = None,
        environment: dict | None = None,
        batchSize: int = 0,
        serializer: Any = None,
        conf: SparkConf | None = None,
        gateway: Any = None,
        jsc: Any = None,
        profiler_cls: Any = None,
        udf_profiler_cls: Any = None,
        memory_profiler_cls: Any = None,
        _runtime: Any = None,
    ):
        conf = conf.copy() if conf is not None else SparkConf()
        if master:
            conf.setMaster(master)
        if appName:
            conf.setAppName(appName)
        conf.setIfMissing("spark.master", "local[*]")
        conf.setIfMissing("spark.app.name", "dfengine")
        with SparkContext._lock:
            active = SparkContext._active_spark_context
            if active is not None and _runtime is None:
                raise PySparkValueError(
                    "Cannot run multiple SparkContexts at once; existing "
                    f"SparkContext(app={active.appName}, master={active.master}) created at "
                    f"{active._created_at}. Use SparkContext.getOrCreate() or stop it first.",
                    error_class="CANNOT_RUN_MULTIPLE_SPARK_CONTEXTS",
                )
            self._init(conf, _runtime)
            SparkContext._active_spark_context = self
        for f in pyFiles or ():
            self.addPyFile(f)

    def _init(self, conf: SparkConf, runtime: Any) -> None:
        from dfengine.runtime import Runtime

        self._conf = conf
        self._owns_runtime = runtime is None
        if runtime is None:
            client = conf.get("dfengine.dask.client")
            runtime = Runtime(conf.get("spark.master"), client=client)
        from dfengine.execution.cancellation import OperationRegistry

        self._runtime = runtime
        self._operations = OperationRegistry()  # running RDD jobs, for cancellation
        self._stopped = False
        self._rdd_ids = itertools.count()
        self._broadcast_ids = itertools.count()
        self._cache: dict[int, dict[int, Any]] = {}
        self._accumulators: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
        self._local_properties: dict[str, str] = {}
        self._created_at = user_callsite()
        self.startTime = int(time.time() * 1000)
        # Spark's formats: `local-<start millis>` for a local master, else the cluster's.
        self.applicationId = (
            f"local-{self.startTime}" if runtime.is_local
            else f"app-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}")
        self._sync_conf()

    def _sync_conf(self) -> None:
        runtime_conf = getattr(self._runtime, "conf", None)
        if isinstance(runtime_conf, dict):
            for k, v in self._conf.getAll():
                if k.startswith("dfengine.ui."):
                    runtime_conf[k] = str(v)

    @classmethod
    def _from_runtime(cls, runtime: Any, conf_dict: dict | None = None,
                      app_name: str | None = None) -> SparkContext:
        """The SparkContext of a SparkSession, over the session's runtime."""
        conf = SparkConf()
        for k, v in (conf_dict or {}).items():
            if not hasattr(v, "scheduler"):
                conf.set(k, v)
        conf.setIfMissing("spark.master", getattr(runtime, "master", "local[*]"))
        if app_name:
            conf.setAppName(app_name)
        return cls(conf=conf, _runtime=runtime)

    # The SQL layer installs a function returning its active SparkSession (or None): this layer
    # never imports dfengine.sql, yet a live session owns the context and its conf.
    _session_lookup: Any = None

    @classmethod
    def _active_session(cls) -> Any:
        return cls._session_lookup() if cls._session_lookup is not None else None

    @classmethod
    def getOrCreate(cls, conf: SparkConf | None = None) -> SparkContext:
        with cls._lock:
            if cls._active_spark_context is None:
                session = cls._active_session()
                if session is not None:  # as in PySpark, a live session owns the context
                    return session.sparkContext
                cls(conf=conf)
            return cls._active_spark_context

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __reduce__(self):
        raise _driver_only()

    def __repr__(self) -> str:
        return f"<SparkContext master={self.master} appName={self.appName}>"

    # -- properties ----------------------------------------------------------------------------

    @property
    def master(self) -> str:
        return self._conf.get("spark.master")

    @property
    def appName(self) -> str:
        return self._conf.get("spark.app.name")

    @property
    def version(self) -> str:
        return "4.0.0"

    @property
    def defaultParallelism(self) -> int:
        value = self._conf.get("spark.default.parallelism")
        if value is not None:
            return int(value)
        return self._runtime.default_parallelism

    @property
    def defaultMinPartitions(self) -> int:
        return min(self.defaultParallelism, 2)

    @property
    def uiWebUrl(self) -> str | None:
        return self._runtime.dashboard_link

    @property
    def startTimeMs(self) -> int:
        return self.startTime

    def getConf(self) -> SparkConf:
        return self._conf.copy()

    def sparkUser(self) -> str:
        import getpass

        return getpass.getuser()

    def setLogLevel(self, logLevel: str) -> None:
        level = getattr(logging, str(logLevel).upper().replace("ALL", "NOTSET"), None)
        if level is None:
            if str(logLevel).upper() in ("OFF", "FATAL"):
                level = logging.CRITICAL
            elif str(logLevel).upper() == "TRACE":
                level = logging.DEBUG
            else:
                raise PySparkValueError(
                    f"Unknown log level {logLevel!r}; use one of ALL, DEBUG, ERROR, FATAL, INFO, "
                    "OFF, TRACE, WARN."
                )
        for name in ("distributed", "dask", "dfengine"):
            logging.getLogger(name).setLevel(level)

    # Local properties are per thread, kept by the runtime's job tracker (dfengine.ui.jobs)
    # so DataFrame and RDD jobs started from this thread carry the group and description.

    def _jobs(self) -> Any:
        from dfengine.ui.jobs import tracker_for

        return tracker_for(self._runtime)

    def setLocalProperty(self, key: str, value: str | None) -> None:
        self._jobs().set_local_property(key, value)

    def getLocalProperty(self, key: str) -> str | None:
        return self._jobs().get_local_property(key)

    def setJobDescription(self, value: str | None) -> None:
        self._jobs().set_local_property("spark.job.description", value)

    def setJobGroup(self, groupId: str, description: str, interruptOnCancel: bool = False) -> None:
        self._jobs().set_local_property("spark.jobGroup.id", groupId)
        self._jobs().set_local_property("spark.job.description", description)
        self._jobs().set_local_property("spark.job.interruptOnCancel",
                                        str(interruptOnCancel).lower())

    @property
    def jobsUiUrl(self) -> str:
        """The URL of the jobs UI (jobs, stages, SQL plans with metrics), started on first
        use on 127.0.0.1 (port: conf dfengine.ui.jobs.port, default any free one)."""
        from dfengine.ui.web import serve

        return serve(self._jobs(), port=int(self._conf.get("dfengine.ui.jobs.port", "0")))

    def statusTracker(self) -> Any:
        """PySpark's StatusTracker over this context's job history."""
        from dfengine.ui.jobs import StatusTracker

        return StatusTracker(self._jobs())

    def setCheckpointDir(self, dirName: str) -> None:
        """Where `rdd.checkpoint()` names its checkpoints: as Spark, a fresh `<uuid>`
        directory is made under `dirName` for this context."""
        import uuid

        self._checkpoint_dir = os.path.join(dirName, str(uuid.uuid4()))
        local = self._checkpoint_dir.removeprefix("file:")
        if "://" not in local:
            os.makedirs(local, exist_ok=True)

    def getCheckpointDir(self) -> str | None:
        """The checkpoint directory of this context (under the one given to
        `setCheckpointDir`), or None when none is set."""
        return getattr(self, "_checkpoint_dir", None)

    def _checkpoint_path(self) -> str:
        path = self._checkpoint_dir
        return path if "://" in path or path.startswith("file:") else "file:" + path

    def addPyFile(self, path: str) -> None:
        """Make a module (.py, .zip, .egg) importable on every worker."""
        if not self._runtime.is_local:
            self._runtime.client.upload_file(path)
        import sys

        folder = os.path.dirname(os.path.abspath(path))
        if path.endswith((".zip", ".egg")):
            folder = os.path.abspath(path)
        if folder not in sys.path:
            sys.path.insert(0, folder)

    def getSystemProperty(self, key: str) -> str | None:
        """A Java system property of the driver, as PySpark's driver JVM reports it.

        dfengine has no JVM: the JVM's standard properties are taken from this process
        (`java.home` from JAVA_HOME, `user.name`, `user.dir`, `os.name`, ...) and
        `SPARK_SUBMIT` is "true" as for every PySpark driver (launched by spark-submit)."""
        return system_property(key)

    def stop(self) -> None:
        with SparkContext._lock:
            if self._stopped:
                return
            self._stopped = True
            for parts in self._cache.values():
                for f in parts.values():
                    f.release()
            self._cache.clear()
            web = sys.modules.get("dfengine.ui.web")  # the jobs UI, if it was started
            if web is not None:
                web.stop(self._jobs())
            if self._owns_runtime:
                self._runtime.stop()
            if SparkContext._active_spark_context is self:
                SparkContext._active_spark_context = None

    def _check_alive(self) -> None:
        if in_task():
            raise _driver_only()
        if self._stopped:
            raise PySparkRuntimeError(
                "This SparkContext has been stopped, so its RDDs cannot be computed any more; "
                "create a new one (SparkContext.getOrCreate()) and rebuild the RDD from it.",
                error_class="SPARK_CONTEXT_STOPPED",
            )

    def _next_rdd_id(self) -> int:
        return next(self._rdd_ids)

    # -- creating RDDs -------------------------------------------------------------------------

    def parallelize(self, c: Iterable, numSlices: int | None = None) -> Any:
        """An RDD of a local collection, cut into `numSlices` contiguous slices."""
        from dfengine.rdd.nodes import ParallelCollectionRDD

        self._check_alive()
        n = numSlices if numSlices is not None else self.defaultParallelism
        if n <= 0:
            raise PySparkValueError(f"numSlices must be positive, got {n}")
        if isinstance(c, range):
            # As PySpark: empty slices and a Python step making each slice's range on the
            # workers (lineage `PythonRDD <- ParallelCollectionRDD`, nothing held in the graph).
            empty = ParallelCollectionRDD(self, [[] for _ in range(n)])
            return empty._pipe("parallelize", "partitions", tasks.RangeSlice(c, n), False)
        data = list(c)
        size = len(data)
        slices = [data[i * size // n : (i + 1) * size // n] for i in range(n)]
        return ParallelCollectionRDD(self, slices)

    def range(self, start: int, end: int | None = None, step: int = 1,
              numSlices: int | None = None) -> Any:
        if end is None:
            start, end = 0, start
        return self.parallelize(range(start, end, step), numSlices)

    def textFile(self, name: str, minPartitions: int | None = None,
                 use_unicode: bool = True) -> Any:
        """Lines of text files (a path, a directory, a glob, or several separated by commas)."""
        from dfengine.rdd.nodes import TextFileRDD

        self._check_alive()
        if minPartitions is None:
            minPartitions = self.defaultMinPartitions
        return TextFileRDD(self, name, minPartitions, use_unicode)

    def pickleFile(self, name: str, minPartitions: int | None = None) -> Any:
        """The elements an `RDD.saveAsPickleFile` wrote under `name` (one partition per part
        file)."""
        from dfengine.rdd import picklefile

        self._check_alive()
        return picklefile.load(self, name)

    def wholeTextFiles(self, path: str, minPartitions: int | None = None,
                       use_unicode: bool = True) -> Any:
        from dfengine.rdd.nodes import WholeTextFilesRDD

        self._check_alive()
        if minPartitions is None:
            minPartitions = self.defaultMinPartitions
        return WholeTextFilesRDD(self, path, minPartitions, use_unicode)

    def binaryFiles(self, path: str, minPartitions: int | None = None) -> Any:
        """`(path, content)` of each file (a path, a directory, a glob or several separated
        by commas), the content as bytes; as `wholeTextFiles` without decoding."""
        from dfengine.rdd.nodes import BinaryFilesRDD

        self._check_alive()
        if minPartitions is None:
            minPartitions = self.defaultMinPartitions
        return BinaryFilesRDD(self, path, minPartitions)

    def binaryRecords(self, path: str, recordLength: int) -> Any:
        """The records of flat binary files, each `recordLength` bytes (no delimiters)."""
        from dfengine.rdd.textio import FixedLengthRecords

        if not isinstance(recordLength, int) or recordLength <= 0:
            raise PySparkValueError(
                f"recordLength must be a positive number of bytes, got {recordLength!r}.")
        return self.binaryFiles(path).flatMap(FixedLengthRecords(recordLength))

    def emptyRDD(self) -> Any:
        from dfengine.rdd.nodes import EmptyRDD

        return EmptyRDD(self)

    def union(self, rdds: list) -> Any:
        from dfengine.rdd.nodes import UnionRDD

        if not rdds:
            raise PySparkValueError("sc.union needs at least one RDD", error_class="EMPTY_LIST")
        if len(rdds) == 1:
            return rdds[0]
        return UnionRDD(self, list(rdds))

    def broadcast(self, value: Any) -> Broadcast:
        """A read-only value shipped once to each worker (kept in memory on the embedded one)."""
        self._check_alive()
        bid = next(self._broadcast_ids)
        client = None if self._runtime.is_local else self._runtime.client
        return Broadcast(bid, value, client=client)

    def accumulator(self, value: Any, accum_param: AccumulatorParam | None = None) -> Accumulator:
        self._check_alive()
        acc = new_accumulator(value, accum_param)
        self._accumulators[acc.aid] = acc
        return acc

    def runJob(self, rdd: Any, partitionFunc: Callable,
               partitions: list[int] | None = None, allowLocal: bool = False) -> list:
        """Apply `partitionFunc(iterator)` to the given partitions; concatenated results."""
        parts = self._run_job(rdd, lambda s, it: partitionFunc(it), partitions, "runJob")
        return [x for p in parts for x in p]

    # -- jobs ----------------------------------------------------------------------------------

    def _cached_partitions(self, rdd_id: int) -> dict[int, Any]:
        held = self._cache.get(rdd_id)
        if not held:
            return {}
        for i, fut in list(held.items()):
            if fut.status in _FAILED:
                fut.release()
                del held[i]
        return held

    def _drop_cache(self, rdd_id: int) -> None:
        for fut in self._cache.pop(rdd_id, {}).values():
            fut.release()

    def _run_job(self, rdd: Any, func: Callable | None, partitions: Iterable[int] | None,
                 action: str) -> list[list]:
        """Compute `func(split, iterator)` (or the records) of the given partitions."""
        from dfengine.rdd.graph import GraphBuilder
        from dfengine.rdd.nodes import PipelinedRDD
        from dfengine.rdd.pipeline import Op

        self._check_alive()
        name = f"{action} at {user_callsite()}"
        target = rdd
        if func is not None:
            target = PipelinedRDD(rdd, Op(action, "partitions", func))
        b = GraphBuilder(self)
        exprs = b.exprs(target)
        n = len(exprs)
        wanted = list(range(n)) if partitions is None else list(partitions)
        _check_partition_indexes(wanted, n)
        out_keys = []
        out_name = f"{name}-{b.token}"
        for i in wanted:
            key = (out_name, i)
            b.graph[key] = (tasks.as_chunk, exprs[i])
            out_keys.append(key)
        needed = b.needed(out_keys)
        graph = {k: v for k, v in b.graph.items() if k in needed}
        acc_keys = self._accumulator_tasks(b, graph, needed)
        cache_keys = [
            (rdd_id, i, key)
            for rdd_id, keys in b.cache_keys.items()
            for i, key in keys.items()
            if key in needed
        ]
        all_keys = out_keys + acc_keys + [k for _, _, k in cache_keys]
        with self._jobs().recording(name, graph), \
                self._operations.running(self._current_operation_tags()) as op:
            values = self._compute(graph, all_keys, len(out_keys) + len(acc_keys),
                                   cache_keys, name, op)
        self._merge_accumulator_updates(values[len(out_keys):])
        return values[: len(out_keys)]

    def _compute(self, graph: dict, all_keys: list, m: int, cache_keys: list,
                 name: str, op: Any) -> list:
        """Run the job's graph; keep the futures of cached partitions, return the values of
        the first `m` keys (results and accumulator updates). Cancelling `op` (a job group or
        tag) cancels the futures."""
        try:
            futures = self._runtime.submit(graph, all_keys, name)
            op.client, op.futures = self._runtime.client, futures
            if op.cancelled.is_set():
                op.cancel()
        except Exception as exc:
            driver_only = _find_cause(exc, PySparkRuntimeError)
            if driver_only is not None:
                raise driver_only.with_traceback(None) from None
            raise
        try:
            values = self._runtime.gather(futures[:m], name, self._show_progress())
        except PythonException as exc:
            for f in futures:
                f.release()
            raise exc.with_traceback(None) from None
        except BaseException:
            for f in futures:
                f.release()
            if op.cancelled.is_set():
                raise cancelled_error(name, op) from None
            raise
        for f in futures[:m]:
            f.release()
        for (rdd_id, i, _), fut in zip(cache_keys, futures[m:]):
            self._cache.setdefault(rdd_id, {})[i] = fut
        return values

    def _accumulator_tasks(self, b: Any, graph: dict, needed: set) -> list:
        """Add to `graph` one task per needed pipeline collecting its accumulator updates."""
        acc_keys: list = []
        if not len(self._accumulators):
            return acc_keys
        for j, pk in enumerate(k for k in b.pipeline_keys if k in needed):
            key = (f"accumulators-{b.token}", j)
            graph[key] = (tasks.updates_of, pk)
            acc_keys.append(key)
        return acc_keys

    def _merge_accumulator_updates(self, per_task: list) -> None:
        """Fold the tasks' accumulator updates into the driver's accumulators."""
        for updates in per_task:
            for aid, value in (updates or {}).items():
                acc = self._accumulators.get(aid)
                if acc is not None:
                    acc._merge(value)

    def _show_progress(self) -> bool:
        """The session's live conf, then this context's conf (dfengine's key or Spark's)."""
        from dfengine.runtime import progress_setting

        session = self._active_session()
        value = None
        if session is not None and getattr(session, "_runtime", None) is self._runtime:
            value = progress_setting(session.conf.get)
        if value is None:
            value = progress_setting(self._conf.get)
        return self._runtime.show_progress() if value is None else value


_SYSTEM_PROPERTIES: dict[str, Callable[[], str | None]] = {
    "SPARK_SUBMIT": lambda: "true",
    "java.home": lambda: os.environ.get("JAVA_HOME"),
    "user.name": lambda: __import__("getpass").getuser(),
    "user.home": lambda: os.path.expanduser("~"),
    "user.dir": os.getcwd,
    "os.name": lambda: {"linux": "Linux", "darwin": "Mac OS X", "win32": "Windows"}.get(
        sys.platform, sys.platform),
    "file.separator": lambda: os.sep,
    "path.separator": lambda: os.pathsep,
    "line.separator": lambda: os.linesep,
    "java.io.tmpdir": lambda: __import__("tempfile").gettempdir(),
}


def system_property(key: str) -> str | None:
    """`SparkContext.getSystemProperty`: a standard JVM property, emulated from this
    process; None for any other key (as the JVM returns null for an unset property)."""
    getter = _SYSTEM_PROPERTIES.get(key)
    return getter() if getter is not None else None
