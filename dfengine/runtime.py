"""The Dask runtime a session (and its SparkContext) computes on.

One `Runtime` per session owns a `distributed.Client`. `local[N]` starts an in-process
`LocalCluster` (one worker, N threads, no pickling, dashboard on) because it is cheap to start
and keeps futures, `persist` and the dashboard; a `tcp://` address or an existing Client runs
the very same graphs on a real cluster. Every layer above (DataFrame execution, RDDs, ML
training) submits work through `Runtime.client` so nothing needs to know which one it is.
"""

from __future__ import annotations

import gc
import os
import re
import threading
from collections.abc import Callable
from typing import Any

_LOCAL = re.compile(r"^local(?:\[(\*|\d+)(?:\s*,\s*\d+)?\])?$")


def parse_local_master(master: str) -> int | None:
    """Thread count for a `local`, `local[N]`, `local[*]` or `local[N, F]` master, else None."""
    m = _LOCAL.match(master.strip())
    if not m:
        return None
    n = m.group(1)
    if n is None:
        return 1
    if n == "*":
        return os.cpu_count() or 1
    return max(1, int(n))


DEFAULT_CONNECT_TIMEOUT = 30.0  # seconds; conf dfengine.dask.connectTimeout
NO_WORKER_WARNING_AFTER = 10.0  # seconds a job waits with no worker before a warning


# share of the machine's RAM the embedded local[N] worker may hold before it spills to disk
DEFAULT_MEMORY_SHARE = 0.5


def local_memory_limit(value: Any = None) -> int:
    """Bytes for the embedded worker: conf dfengine.local.memoryLimit (or the environment's
    DFENGINE_MEMORY_LIMIT) as bytes ('8GiB', '512MB') or as a share of RAM ('0.25');
    default half the RAM."""
    from dask.utils import parse_bytes
    from distributed.system import MEMORY_LIMIT

    if value is None or value == "":
        value = os.environ.get("DFENGINE_MEMORY_LIMIT", DEFAULT_MEMORY_SHARE)
    text = str(value).strip()
    try:
        share = float(text)
    except ValueError:
        return int(parse_bytes(text))
    return int(MEMORY_LIMIT * share) if share <= 1 else int(share)


def parse_seconds(value: Any, default: float) -> float:
    """'10s', '500ms', '2m' or a number of seconds."""
    if value is None or value == "":
        return default
    text = str(value).strip().lower()
    for suffix, scale in (("ms", 0.001), ("s", 1.0), ("m", 60.0)):
        if text.endswith(suffix) and text[: -len(suffix)].replace(".", "", 1).isdigit():
            return float(text[: -len(suffix)]) * scale
    return float(text)


def connect(master: str, timeout: Any = None) -> Any:
    """A Client for the scheduler at `master`, or a clear error within `timeout` seconds
    (dfengine.dask.connectTimeout, default 30 s): a closed port, a host that doesn't answer
    and a port where something other than a Dask scheduler listens all end the same way."""
    from distributed import Client

    seconds = parse_seconds(timeout if timeout is not None else os.environ.get(
        "DFENGINE_CONNECT_TIMEOUT"), DEFAULT_CONNECT_TIMEOUT)
    try:
        return Client(master, timeout=seconds, set_as_default=False)
    except (OSError, TimeoutError, MemoryError, ValueError) as e:
        # a non-Dask server answers with bytes Dask reads as a huge frame length
        reason = f"{type(e).__name__}: {e}"
    # The Client that failed in __init__ sits in a reference cycle with its traceback, so only
    # the cycle collector frees it. Left to chance, its __del__ can run while this thread holds
    # distributed's shared loop-runner lock (starting the next Client) and deadlock there;
    # collected here, no lock is held.
    gc.collect()
    from dfengine.errors import PySparkRuntimeError

    raise PySparkRuntimeError(
        f"Could not connect to a Dask scheduler at {master} within {seconds:g} s ({reason}). "
        "Check that `dask scheduler` runs there and the address and port are right, use "
        "master('local[*]') to run in this process, or raise dfengine.dask.connectTimeout.",
        "CONNECT_TIMEOUT")


class Runtime:
    """Owns (or borrows) the distributed Client that runs every graph of a session."""

    def __init__(self, master: str = "local[*]", client: Any = None, dashboard: bool = True,
                 connect_timeout: Any = None, memory_limit: Any = None):
        self.master = master
        self._owns_client = client is None
        self._cluster = None
        self._client = client
        self._local_threads: int | None = None
        self._dashboard = dashboard
        self._memory_limit = memory_limit
        self._start_lock = threading.Lock()
        if client is None:
            threads = parse_local_master(master)
            if threads is not None:
                keep_freed_memory()
                # The embedded cluster starts on first use (`client`): queries run on threads,
                # so a session that only queries never imports distributed nor starts it.
                self._local_threads = threads
            elif master.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
                self._client = connect(master, connect_timeout)
            else:
                from dfengine.errors import IllegalArgumentException

                raise IllegalArgumentException(
                    f"Could not parse master URL: '{master}'. Use 'local', 'local[N]', "
                    "'local[*]' or a Dask scheduler address such as 'tcp://host:8786'."
                )
        self._lock = threading.Lock()
        self.conf: dict[str, str] = {}

    @property
    def client(self) -> Any:
        """The distributed Client; for `local[N]` the in-process cluster starts on first use."""
        if self._client is None:
            with self._start_lock:
                if self._client is None:
                    self._start_local_cluster()
        return self._client

    @property
    def cluster(self) -> Any:
        """The embedded LocalCluster (started by asking), or None on a remote cluster."""
        if self._local_threads is None:
            return None
        self.client  # noqa: B018 - starts it
        return self._cluster

    def _start_local_cluster(self) -> None:
        import dask
        from distributed import Client, LocalCluster

        # The worker shares this process: it spills its data (cached DataFrames, RDD
        # and ML blocks) to disk past the limit, but never pauses, which would stall
        # the driver's own jobs until memory fell.
        with dask.config.set({"distributed.worker.memory.pause": False,
                              "distributed.worker.memory.terminate": False}):
            self._cluster = LocalCluster(
                n_workers=1,
                threads_per_worker=self._local_threads,
                processes=False,
                dashboard_address=":0" if self._dashboard else None,
                silence_logs=50,
                memory_limit=local_memory_limit(self._memory_limit),
            )
        self._client = Client(self._cluster, set_as_default=False)
        self._announce_dashboard()

    def _announce_dashboard(self) -> None:
        """Print the dashboard URL once, when the embedded cluster starts (Spark logs its Web
        UI URL at start; the cluster starts with the first job that needs it)."""
        link = self.dashboard_link if self._cluster is not None else None
        if link and os.environ.get("DFENGINE_QUIET") != "1":
            import sys

            print(f"dfengine: Dask dashboard available at {link}", file=sys.stderr)

    def show_progress(self) -> bool:
        return progress_wanted(self.conf.get)

    @property
    def is_local(self) -> bool:
        return self._local_threads is not None

    @property
    def default_parallelism(self) -> int:
        """Total worker threads, Spark's `defaultParallelism`."""
        if self._local_threads is not None:
            return self._local_threads  # one in-process worker with that many threads
        info = self.client.scheduler_info(n_workers=-1) if _takes_n_workers(self.client) else (
            self.client.scheduler_info()
        )
        total = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        return max(total, 1)

    @property
    def dashboard_link(self) -> str | None:
        try:
            return self.client.dashboard_link
        except Exception:  # noqa: BLE001 (no dashboard is not an error: show no link)
            return None

    def get(self, graph: dict, keys: list, name: str | None = None) -> list:
        """Compute `keys` of a low-level task graph and return their values in order."""
        futures = self.submit(graph, keys, name)
        try:
            return self.gather(futures, name)
        finally:
            for f in futures:
                f.release()

    def runs_on_threads(self, graph: dict) -> bool:
        """Whether `get_in_process` would run `graph` here (else it goes to the cluster)."""
        choice = str(self.conf.get("dfengine.execution.localScheduler", "threads")).lower()
        return self.is_local and choice == "threads" and not _holds_futures(graph)

    def get_in_process(self, graph: dict, keys: list, name: str | None = None,
                       trim: bool = True, inline: bool = False) -> list | None:
        """Compute a graph with Dask's threaded scheduler on this process's threads, or None
        when it must go to the cluster (not local, futures in the graph, or the user asked
        for `dfengine.execution.localScheduler=distributed`).

        The embedded cluster shares one process with its client, and every task hand-off goes
        through its event loop, which waits for the GIL the tasks hold: on the 2-core machine
        the SQL benchmark ran 20-30% longer through it than through the threaded scheduler.
        Queries therefore run on threads; the cluster keeps cached data, RDDs, ML and the
        dashboard. `trim=False` (a stage within a job) keeps the freed memory for reuse.

        `inline` (a small query over local data, see `QueryExecution.runs_inline`) runs the
        tasks one after another in this thread instead (`run_inline`), as Spark runs a query
        over a LocalRelation without its scheduler: no Dask import, no thread hand-offs."""
        if not self.runs_on_threads(graph):
            return None
        if inline:
            get: Callable = run_inline
        else:
            from dask.threaded import get
        threads = parse_local_master(self.master) or 1
        try:
            if self.show_progress():
                from dfengine.ui.progress import threaded_progress

                with threaded_progress(name) as callbacks:
                    return list(get(graph, keys, num_workers=threads, callbacks=callbacks))
            return list(get(graph, keys, num_workers=threads))
        finally:
            if trim:
                _TRIMMER.request()

    def submit(self, graph: dict, keys: list, name: str | None = None) -> list:
        """Start computing `keys` of a graph; futures in key order (they keep results alive).

        `name` (e.g. `collect at app.py:12`) becomes the Dask span of the computation, so the
        dashboard lists jobs under their action and call site as Spark's jobs page does.
        """
        import contextlib
        import warnings

        from distributed import span

        with warnings.catch_warnings(), (span(name) if name else contextlib.nullcontext()):
            if self.is_local:
                # Local data (createDataFrame of a large pandas frame) rides in the graph; the
                # embedded cluster shares this process, so Dask's "Sending large graph" advice
                # (load data on the workers) does not apply and would only be noise.
                warnings.filterwarnings("ignore", message="Sending large graph")
            return self.client.get(graph, keys, sync=False)

    def gather(self, futures: list, name: str | None = None, progress: bool | None = None):
        """Wait for futures (with a progress bar when slow and enabled) and return values."""
        if progress is None:
            progress = self.show_progress()
        if progress:
            from dfengine.ui.progress import show_progress

            show_progress(futures, self.client, name)
        if not self.is_local:
            self._wait_for_workers(futures, name)
        return self.client.gather(futures)

    def _wait_for_workers(self, futures: list, name: str | None) -> None:
        """On a remote cluster, warn (once a while) when a job waits with no worker
        connected instead of waiting silently; give up after dfengine.dask.noWorkerTimeout
        (unset: wait, as Spark waits for executors)."""
        import time
        import warnings

        limit = self.conf.get("dfengine.dask.noWorkerTimeout", None)
        limit_s = parse_seconds(limit, 0.0) if limit else None
        idle_since = None
        for f in futures:
            while True:
                try:
                    f.result(timeout=NO_WORKER_WARNING_AFTER)
                    break
                except TimeoutError:
                    pass
                except Exception:  # noqa: BLE001 - a failed task: gather raises it
                    return
                if _has_workers(self.client):
                    idle_since = None
                    continue
                idle_since = idle_since or time.monotonic()
                waited = time.monotonic() - idle_since + NO_WORKER_WARNING_AFTER
                warnings.warn(
                    f"dfengine: job {name or ''} has waited {waited:.0f} s and no Dask worker "
                    f"is connected to {self.master}; start workers (`dask worker "
                    f"{self.master}`) or set dfengine.dask.noWorkerTimeout to fail instead of "
                    "waiting.", RuntimeWarning, stacklevel=3)
                if limit_s is not None and waited >= limit_s:
                    from dfengine.errors import PySparkRuntimeError

                    raise PySparkRuntimeError(
                        f"No Dask worker connected to {self.master} for {waited:.0f} s "
                        "(dfengine.dask.noWorkerTimeout); the job was abandoned.",
                        "NO_WORKER_AVAILABLE")

    def stop(self) -> None:
        if self._owns_client:
            try:
                if self._client is not None:
                    self._client.close()
            finally:
                if self._cluster is not None:
                    self._cluster.close()


def run_inline(graph: dict, keys: list, num_workers: int = 1,
               callbacks: list | tuple = ()) -> list:
    """The values of `keys` of a task graph, computed in the calling thread, each task once.

    The task semantics are Dask's (`dask._task_spec.convert_legacy_task`): a tuple whose head
    is callable is a call of it on its computed arguments; a hashable argument (int, float,
    str, tuple) that is a key of the graph stands for that key's value; lists, tuples and
    sets are computed item by item; anything else is passed as it is. As Dask's local
    scheduler (`start_state_from_dask(keys=...)`), only the tasks `keys` need run,
    dependencies first, without recursion over the graph's depth. `callbacks` are Dask's local scheduler
    callbacks (start, start_state, pretask, posttask, finish), of which the progress bar uses
    start_state and posttask. `num_workers` is accepted and ignored."""
    done: dict = {}
    for start_state in _callbacks(callbacks, 1):
        start_state(graph, {})
    posttasks = _callbacks(callbacks, 3)
    for key in _task_order(graph, keys):
        done[key] = _compute(graph[key], graph, done)
        for post in posttasks:
            post(key, done[key], graph, {}, 0)
    return [done[k] for k in keys]


def _refs(x: Any, graph: dict) -> list:
    """The keys of `graph` that task or argument `x` uses."""
    out: list = []
    stack = [x]
    while stack:
        x = stack.pop()
        if _is_key(x, graph):
            out.append(x)
        elif type(x) in (list, tuple, set, frozenset):
            stack.extend(x)
    return out


def _is_key(x: Any, graph: dict) -> bool:
    if not isinstance(x, (int, float, str, tuple)):
        return False
    try:
        return x in graph
    except TypeError:  # a tuple holding something unhashable
        return False


def _task_order(graph: dict, roots: list) -> list:
    """Keys reachable from `roots`, each after the keys it uses (an iterative DFS)."""
    order: list = []
    seen: set = set()
    for root in roots:
        if root in seen:
            continue
        stack = [(root, False)]
        while stack:
            key, expanded = stack.pop()
            if expanded:
                order.append(key)
                continue
            if key in seen:
                continue
            seen.add(key)
            stack.append((key, True))
            task = graph[key]
            args = task[1:] if type(task) is tuple and task and callable(task[0]) else task
            stack.extend((k, False) for k in _refs(args, graph) if k not in seen)
    return order


def _compute(x: Any, graph: dict, done: dict) -> Any:
    """The value of a task or argument whose keys are all in `done`."""
    kind = type(x)
    if kind is tuple and x and callable(x[0]):
        return x[0](*[_compute(a, graph, done) for a in x[1:]])
    if _is_key(x, graph):
        return done[x]
    if kind in (list, tuple, set, frozenset):
        return kind(_compute(a, graph, done) for a in x)
    return x  # dicts too: Dask passes them as they are


def _callbacks(callbacks: list | tuple, i: int) -> list[Callable]:
    """The i-th hooks of Dask callback tuples (1 start_state, 3 posttask) that are set."""
    return [cb[i] for cb in callbacks if len(cb) > i and cb[i] is not None]


def _has_workers(client: Any) -> bool:
    """Whether a worker is connected; the scheduler's count too, as the per-worker part of
    the answer can come back empty from a busy scheduler (seen on a loaded 2-worker
    cluster, where it raised a false "no worker connected" warning)."""
    info = client.scheduler_info()
    return bool(info.get("workers") or info.get("n_workers"))


def _holds_futures(graph: dict) -> bool:
    """Whether a task refers to data held by the cluster (a cached DataFrame's futures)."""
    import sys

    if "distributed" not in sys.modules:  # no cluster was ever used: no futures exist
        return False
    from distributed import Future

    def walk(x: Any) -> bool:
        if isinstance(x, Future):
            return True
        if isinstance(x, (tuple, list)):
            return any(walk(y) for y in x)
        return False

    return any(walk(t) for t in graph.values())


def keep_freed_memory() -> None:
    """Let glibc reuse freed column buffers instead of returning them to the OS.

    Every operator allocates fresh multi-megabyte NumPy arrays; by default glibc maps each
    with mmap and unmaps it on free, so the next one page-faults all its memory in again
    (measured: 20-30% of TPC-H Q1 at SF1 on a 2-core VM). Raising the mmap and trim
    thresholds keeps them in the heap, like the retained pools of Arrow's allocator. The
    embedded runtime owns its process, so this is set there only; DFENGINE_KEEP_FREED_MEMORY=0
    turns it off."""
    if os.environ.get("DFENGINE_KEEP_FREED_MEMORY", "1") == "0":
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (macOS, musl): nothing to tune
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    libc.mallopt(m_mmap_threshold, 1 << 30)
    libc.mallopt(m_trim_threshold, 1 << 31)


def release_freed_memory() -> None:
    """After an in-process job: return what the allocators kept of its freed temporaries.

    `keep_freed_memory` lets glibc keep up to 2 GiB of freed heap for reuse within a job,
    and Arrow's mimalloc pool keeps freed pages too; between jobs that memory only raises the
    process's RSS (TPC-H SF10: 2-2.8 GiB resident after Q3/Q17/Q18 had finished, the next
    query's peak on top of it). Trimming costs milliseconds per job."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    if os.environ.get("DFENGINE_KEEP_FREED_MEMORY", "1") == "0":
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


class _Trimmer:
    """Runs `release_freed_memory` on a thread of its own after a job, so the job's caller
    has its result without waiting for the allocators (a few ms a job, 94 ms over the 22
    TPC-H queries); requests made while it trims are served by one more trim."""

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def request(self) -> None:
        with self._lock:  # set under the lock: an idle thread can't end after missing it
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="dfengine-trim",
                                                daemon=True)
                self._thread.start()
            self._wake.set()

    def _run(self) -> None:
        while True:
            if not self._wake.wait(timeout=30.0):
                with self._lock:  # idle: end, unless a request came in meanwhile
                    if not self._wake.is_set():
                        self._thread = None
                        return
            self._wake.clear()
            release_freed_memory()


_TRIMMER = _Trimmer()


def _takes_n_workers(client: Any) -> bool:
    import inspect

    try:
        return "n_workers" in inspect.signature(client.scheduler_info).parameters
    except (TypeError, ValueError):
        return False


PROGRESS_KEYS = ("dfengine.ui.showProgress", "spark.ui.showConsoleProgress")


def progress_setting(get: Any) -> bool | None:
    """The console bar's switch in one conf: dfengine's key or Spark's own
    (`spark.ui.showConsoleProgress=false`, which PySpark programs set); None when neither is set."""
    values = [get(k, None) for k in PROGRESS_KEYS]
    if all(v is None for v in values):
        return None
    return all(str(v).lower() != "false" for v in values if v is not None)


def progress_wanted(get: Any) -> bool:
    return progress_setting(get) is not False
