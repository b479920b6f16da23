"""One query's journey: analyzed plan -> cached data swapped in -> optimized -> physical ->
Dask graph -> results. Every stage is a lazily computed property, so `explain()` can stop at
any of them and an action computes each once. The optimizer switches are read when the
QueryExecution is made, i.e. at each action, so they apply to existing DataFrames too."""

from __future__ import annotations

from functools import cached_property, partial
from typing import Any

import pyarrow as pa

from dfengine.errors import PySparkException, QueryCancelledException, SparkRuntimeException
from dfengine.execution.cancellation import guard_graph
from dfengine.execution.physical import (
    PARTITION_BUDGET,
    Builder,
    LocalScanExec,
    PhysicalPlan,
    RangeExec,
    concat,
)
from dfengine.execution.planner import Planner, PlannerConfig
from dfengine.plan import logical as L
from dfengine.plan.eval_mode import ansi_enabled
from dfengine.ui.callsite import user_callsite


class QueryExecution:
    def __init__(self, session: Any, analyzed: L.LogicalPlan):
        self.session = session
        self.analyzed = analyzed

    @cached_property
    def with_cached_data(self) -> L.LogicalPlan:
        from dfengine.plan.eval_mode import with_eval_mode
        from dfengine.plan.map_key_dedup import with_map_key_dedup
        from dfengine.plan.time_zone import with_time_zone

        plan = self.session._cache_manager.use_cached_data(
            current_table_files(self.session, self.analyzed), getattr(self, "_skip_cache", None))
        conf = self.session.conf
        return with_map_key_dedup(with_time_zone(with_eval_mode(plan, conf), conf), conf)

    @cached_property
    def optimizer_trace(self) -> list:
        self.optimized  # noqa: B018 - fills the trace
        return self._trace

    @cached_property
    def optimized(self) -> L.LogicalPlan:
        self._trace: list = []
        conf = self.session.conf
        if str(conf.get("dfengine.optimizer.enabled", "true")).lower() == "false":
            return self.with_cached_data
        from dfengine.optimizer import optimize

        return optimize(self.with_cached_data, conf, self._trace)

    @cached_property
    def physical(self) -> PhysicalPlan:
        from dfengine.optimizer.statistics import forget_estimates

        planner = Planner(self.planner_config())
        try:
            plan = planner.plan(self.optimized)
            self.origins = planner.origins  # physical node id -> (node, logical node)
            return plan
        finally:
            forget_estimates()

    @cached_property
    def runs_inline(self) -> bool:
        """Whether the plan reads only data held in this process (`range`, a local
        `createDataFrame`, VALUES) and at most `dfengine.execution.inlineMaxRows` rows of it
        (default 100000; 0 turns it off): such a query runs its tasks in the calling thread,
        without Dask's scheduler (and without importing Dask), as Spark executes a query
        over a LocalRelation locally. Larger or file-backed plans keep the Dask graph."""
        limit = int(self.session.conf.get("dfengine.execution.inlineMaxRows", None)
                    or INLINE_MAX_ROWS)
        rows = local_rows(self.physical)
        return rows is not None and limit > 0 and rows <= limit

    def planner_config(self) -> PlannerConfig:
        conf = self.session.conf
        parallelism = self.session._runtime.default_parallelism
        default_shuffle = max(2, min(16, 2 * parallelism))
        shuffle = conf.get("spark.sql.shuffle.partitions", None)
        threshold = conf.get("spark.sql.autoBroadcastJoinThreshold", str(10 * 1024 * 1024))
        advisory = conf.get("spark.sql.adaptive.advisoryPartitionSizeInBytes", None)
        budget = conf.get("dfengine.execution.partitionBudget", None)
        max_bytes = conf.get("spark.sql.files.maxPartitionBytes", None)
        return PlannerConfig(
            shuffle_partitions=int(shuffle) if shuffle else default_shuffle,
            broadcast_threshold=parse_bytes(threshold),
            default_parallelism=parallelism,
            ansi=ansi_enabled(conf),
            explicit_partitions=bool(shuffle),
            advisory_bytes=parse_bytes(advisory) if advisory else 64 * 1024 * 1024,
            partition_budget=parse_bytes(budget) if budget else PARTITION_BUDGET,
            scan_aggregate=str(conf.get("dfengine.execution.scanAggregate", "true")).lower()
            != "false",
            max_partition_bytes=parse_bytes(max_bytes) if max_bytes else 64 * 1024 * 1024,
        )

    # ------------------------------------------------------------------- running

    def new_builder(self) -> Builder:
        """A graph builder with the exchange method of `dfengine.shuffle.method`: "tasks"
        (bucket j alone travels to reducer j; the default on a cluster), "inline" (the
        default for the embedded local[N] runtime, whose tasks share one process)."""
        method = str(self.session.conf.get("dfengine.shuffle.method", "auto")).lower()
        if method not in ("tasks", "inline"):
            method = "inline" if self.session._runtime.is_local else "tasks"
        budget = self.session.conf.get("dfengine.execution.sharedScanBudget", None)
        return Builder(method, parse_bytes(budget) if budget else None)

    def graph(self, plan: PhysicalPlan | None = None,
              adaptive: bool = False) -> tuple[dict, list]:
        """The Dask graph of the physical plan (or of `plan`, an instrumented copy).
        `adaptive` (an action about to run it): shuffled joins run their map stages now
        and decide on the real sizes (`execution.adaptive`); else nothing executes."""
        plan = plan or self.physical
        b = self.new_builder()
        b.stages = self.stage_runner() if adaptive else None
        b.share_scans(plan)
        tasks = plan.lower(b)
        keys = b.emit("result", tasks)
        if b.stages is None or not b.stages.ran:
            return b.graph, keys
        from dfengine.execution.adaptive import cull, remember

        remember(self.analyzed, self.physical)
        return cull(b.graph, keys), keys

    def stage_runner(self) -> Any:
        """Adaptive execution's stage runner (`execution.adaptive`), unless
        spark.sql.adaptive.enabled=false."""
        from dfengine.execution.adaptive import StageRunner, adaptive_config, in_process

        runtime = self.session._runtime
        config = adaptive_config(self.session.conf, runtime.default_parallelism,
                                 runtime.is_local)
        if not config.enabled:
            return None
        return StageRunner(self.session, config, in_process(self.physical))

    def partitions(self, action: str = "collect") -> list[pa.Table]:
        from dfengine.execution.metrics import run_observed

        return run_observed(self, action)

    def collect_arrow(self, action: str = "collect") -> pa.Table:
        """The whole result as one Arrow table with user column names."""
        parts = self.partitions(action)
        table = concat(parts) if parts else None
        names = [a.name for a in self.analyzed.output]
        if table is None:
            from dfengine.types import to_arrow_schema

            return to_arrow_schema(self.analyzed.schema).empty_table()
        if not names:  # select() keeps the row count (its rows are empty Rows)
            from dfengine.datasource.scan import make_table

            return make_table([], [], table.num_rows)
        cols = [table.column(a.key) for a in self.physical.output]
        return pa.Table.from_arrays(cols, names=names)

    def to_delayed(self) -> list:
        """One dask Delayed per partition, each a pyarrow.Table with user column names."""
        from dask.delayed import Delayed
        from dask.highlevelgraph import HighLevelGraph

        b = self.new_builder()
        tasks = self.physical.lower(b)
        names = [a.name for a in self.analyzed.output]
        keys = [a.key for a in self.physical.output]
        out_keys = b.emit("partition", [(partial(_user_names, keys, names), t) for t in tasks])
        graph = dict(b.graph)
        result = []
        for k in out_keys:
            hlg = HighLevelGraph.from_collections(k[0], graph, dependencies=())
            result.append(Delayed(k, hlg, layer=k[0]))
        return result


def run_graph(session: Any, graph: dict, keys: list, name: str, tracked: bool = False,
              inline: bool = False) -> list:
    """Compute a graph on the session's runtime; a failed task becomes one clear error that
    names the exception, not a dump of Dask internals. The run is recorded as a job in the
    history unless the caller records it (`tracked`). `inline`: a small local query, run in
    this thread when the runtime is local (`Runtime.get_in_process`)."""
    if not tracked:
        from dfengine.ui.jobs import tracker_for

        with tracker_for(session._runtime).recording(name, graph):
            return run_graph(session, graph, keys, name, tracked=True, inline=inline)
    ops = getattr(session, "_operations", None)
    if ops is None:
        return _run(session, graph, keys, name, None, inline)
    from dfengine.ui.jobs import group_tags, tracker_for

    tags = session._current_tags() | group_tags(tracker_for(session._runtime))
    with ops.running(tags) as op:
        return _run(session, graph, keys, name, op, inline)


def _run(session: Any, graph: dict, keys: list, name: str, op: Any,
         inline: bool = False) -> list:
    """In process (the default for local[N]) each task checks the operation's flag first;
    on a cluster the graph goes as it is (the flag does not travel to workers)."""
    try:
        local = session._runtime.get_in_process(
            guard_graph(graph, op) if op is not None else graph, keys, name=name,
            inline=inline)
        if local is not None:
            return local
        return session._runtime.get(graph, keys, name=name)
    except PySparkException:
        raise
    except Exception as e:
        if op is not None and op.cancelled.is_set():
            raise QueryCancelledException(f"The operation {op.id} ({name}) was interrupted.",
                                          "OPERATION_CANCELED") from None
        raise SparkRuntimeException(f"Job aborted ({name}): {type(e).__name__}: {e}",
                                    "TASK_FAILED") from e


INLINE_MAX_ROWS = 100_000


def current_table_files(session: Any, plan: L.LogicalPlan) -> L.LogicalPlan:
    """A catalog table's scan lists the table's files at its first action, not when the
    DataFrame was made (an INSERT in between is seen), and keeps that listing after, as
    Spark's lazily listed file index does. DataFrames made from one relation share it."""
    for node in plan.walk():
        if isinstance(node, L.FileScan) and node.table and not getattr(
                node.files, "listed", True):
            fresh = session._tables.current_files(node)
            if fresh is not None and [f.path for f in fresh] != [f.path for f in node.files]:
                node.files.replace(fresh)
            node.files.listed = True
    return plan


def local_rows(plan: PhysicalPlan) -> int | None:
    """The rows a plan reads when every leaf is a `RangeExec` or a `LocalScanExec` (data in
    this process), else None (files, cached data, Dask collections, other sources)."""
    if isinstance(plan, RangeExec):
        return max(0, -(-(plan.end - plan.start) // plan.step)) if plan.step else 0
    if isinstance(plan, LocalScanExec):
        return plan.table.num_rows
    if not plan.children:
        return None
    total = 0
    for child in plan.children:
        rows = local_rows(child)
        if rows is None:
            return None
        total += rows
    return total


def _user_names(keys: list[str], names: list[str], table: pa.Table) -> pa.Table:
    cols = [table.column(k) for k in keys]
    return pa.Table.from_arrays(cols, names=names) if cols else pa.table({})


def parse_bytes(value: Any) -> int:
    s = str(value).strip().lower()
    units = {"b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3,
             "gb": 1024**3}
    for u in sorted(units, key=len, reverse=True):
        if s.endswith(u) and s[: -len(u)].strip().lstrip("-").replace(".", "").isdigit():
            return int(float(s[: -len(u)]) * units[u])
    return int(float(s))


def job_name(action: str) -> str:
    """`collect at app.py:12`: the action and the first caller outside dfengine."""
    site = user_callsite()
    return action if site.startswith("<unknown>") else f"{action} at {site}"
