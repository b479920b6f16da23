"""Per-operator metrics measured by the tasks that compute the partitions (no second pass).

`instrument(plan, run)` returns a copy of a physical plan in which every operator is wrapped in
a `MeteredExec`. When lowered, the wrapper replaces the head callable of each task its
operator adds to the graph with an `OpCall`, which times the call and measures what it
returns (rows and Arrow bytes of a table, of a list of tables for a shuffle split). A fused
chain (`NarrowExec`) also has each of its steps measured (`StepCall`), so a Filter inside
`Fused[Scan -> Filter -> Project]` reports its own rows.

The measurements are small tuples appended to a per-run list in this module (one list append
per call, no lock: appends are atomic). In process (threads, or the embedded in-process
cluster) the driver reads them directly; on a remote cluster they are collected from the
workers with one `client.run` after the job. Conf `dfengine.sql.metrics.enabled=false` turns
them off (the benchmark compares both: `benchmarks/metrics_overhead.py`).

Kinds of record: "out" (a call producing one of the operator's output partitions: rows out),
"work" (any other call of the operator: partial aggregates, shuffle splits, merges), an int
(step j of a fused chain), "chained" (a chained join's stage: rows out, never a table), and
"credit" (seconds a fused call measured for this operator that belong to others: a chained
join's inner stages). Time is exclusive: Dask computes a task's arguments (the child
operators' calls) before calling its head.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pyarrow as pa

from dfengine.execution import physical as P
from dfengine.ui.jobs import Stage, layer

# run id -> records (op, kind, task key, top, rows, bytes, seconds) appended by the tasks
_RECORDS: dict[str, list] = {}


def _size(out: Any) -> tuple[int | None, int | None]:
    """Rows and Arrow bytes of a task's result (a table, or a list of tables)."""
    if isinstance(out, (pa.Table, pa.RecordBatch)):
        return out.num_rows, table_bytes(out)
    if isinstance(out, list) and out and isinstance(out[0], pa.Table):
        # a shuffle split: slices of one table, whose buffers each slice references
        return sum(t.num_rows for t in out), max(table_bytes(t) for t in out)
    return None, None


def table_bytes(table: pa.Table | pa.RecordBatch) -> int:
    """The bytes of the Arrow buffers a table references.

    `Table.nbytes` (the bytes of just the rows of a slice) walks every column in Python and
    costs about 10 us a column, 180 us for a lineitem row group: more than metrics may add.
    The buffer total is one C++ call (about 1 us); a slice counts the whole buffers it
    shares, which is what it keeps alive."""
    return table.get_total_buffer_size()


def _identity(x: Any) -> Any:
    return x


def _measured(fn: Callable, args: tuple, run: str, op: int, kind: Any, task: Any,
              top: bool) -> Any:
    """Call fn(*args) and record its time and the rows and bytes it returned."""
    t0 = time.perf_counter()
    out = fn(*args)
    seconds = time.perf_counter() - t0
    rows, nbytes = _size(out)
    _RECORDS.setdefault(run, []).append((op, kind, task, top, rows, nbytes, seconds))
    return out


def record(meter: tuple[str, int], kind: str, rows: int | None, seconds: float) -> None:
    """A measurement taken inside a task for an operator whose work it fused: a chained
    join's stage ("chained": rows out, no table), or time moved back to the operator that
    measured the whole call ("credit", seconds only)."""
    run, op = meter
    _RECORDS.setdefault(run, []).append((op, kind, None, False, rows, None, seconds))


@dataclass(frozen=True, slots=True)
class OpCall:
    """A task's callable, measured: time, and rows/bytes of what it returns."""

    fn: Callable
    run: str
    op: int
    kind: str
    task: Any = None  # the graph key of the task this call belongs to
    top: bool = False  # the task's outermost call (its result is the task's result)

    def __call__(self, *args: Any) -> Any:
        return _measured(self.fn, args, self.run, self.op, self.kind, self.task, self.top)


@dataclass(frozen=True, slots=True)
class StepCall:
    """One step of a fused chain, measured (kind = the step's index)."""

    fn: Callable
    run: str
    op: int
    index: int

    def __call__(self, table: pa.Table, ctx: Any) -> pa.Table:
        return _measured(self.fn, (table, ctx), self.run, self.op, self.index, None, False)


def _wrap(task: Any, run: str, op: int, kind: str) -> Any:
    if isinstance(task, tuple) and task and callable(task[0]) and not isinstance(
            task[0], OpCall):
        return (OpCall(task[0], run, op, kind),) + task[1:]
    if kind == "out":  # a task or key of another operator passed through (coalesce, gather)
        return (OpCall(_identity, run, op, kind), task)
    return task


@dataclass
class MeteredExec(P.PhysicalPlan):
    """An operator whose tasks are measured; its children are MeteredExecs too."""

    inner: P.PhysicalPlan
    op: int
    run: str
    claimed: set = field(repr=False, default_factory=set)

    @property
    def children(self) -> tuple[P.PhysicalPlan, ...]:  # type: ignore[override]
        return (self.inner,)

    @property
    def output(self) -> list:
        return self.inner.output

    def node_string(self) -> str:
        return self.inner.node_string()

    def lower(self, b: P.Builder) -> list[P.Task]:
        start = len(b.graph)
        outer, b.meter = b.meter, (self.run, self.op)  # adaptive stages meter their splits
        try:
            tasks = self.inner.lower(b)
        finally:
            b.meter = outer
        for key in list(itertools.islice(b.graph, start, None)):
            if key not in self.claimed:
                self.claimed.add(key)
                b.graph[key] = _wrap(b.graph[key], self.run, self.op, "work")
        return [_wrap(t, self.run, self.op, "out") for t in tasks]


def _children_fields(node: P.PhysicalPlan) -> list[tuple[str, Any]]:
    if not dataclasses.is_dataclass(node):
        return []
    out = []
    for f in dataclasses.fields(node):
        v = getattr(node, f.name)
        if isinstance(v, P.PhysicalPlan) or (
                isinstance(v, list) and v and all(isinstance(x, P.PhysicalPlan) for x in v)):
            out.append((f.name, v))
    return out


def operators(plan: P.PhysicalPlan) -> list[tuple[int, int, P.PhysicalPlan]]:
    """(op number, depth, node) of every operator, in the pre-order explain prints."""
    out: list[tuple[int, int, P.PhysicalPlan]] = []

    def go(node: P.PhysicalPlan, depth: int) -> None:
        out.append((len(out), depth, node))
        for c in node.children:
            go(c, depth + 1)

    go(plan, 0)
    return out


def instrument(plan: P.PhysicalPlan, run: str) -> P.PhysicalPlan:
    """A copy of `plan` with every operator measured, numbered as `operators(plan)`."""
    claimed: set = set()
    counter = itertools.count()

    def wrap(node: P.PhysicalPlan) -> P.PhysicalPlan:
        op = next(counter)
        changes: dict[str, Any] = {}
        for name, v in _children_fields(node):
            changes[name] = wrap(v) if isinstance(v, P.PhysicalPlan) else [wrap(x) for x in v]
        if isinstance(node, P.NarrowExec):
            changes["steps"] = tuple(StepCall(s, run, op, j) for j, s in enumerate(node.steps))
        inner = dataclasses.replace(node, **changes) if changes else node
        return MeteredExec(inner, op, run, claimed)

    return wrap(plan)


def stamp_tasks(graph: dict) -> None:
    """Mark every measured call with the graph key of the task it runs in (for stage task
    times), and the outermost one as the task's result."""
    for key, task in graph.items():
        graph[key] = _stamp(task, key, True)


def _stamp(task: Any, key: Any, top: bool) -> Any:
    if isinstance(task, tuple) and task and callable(task[0]):
        head = task[0]
        if isinstance(head, OpCall):  # (direct construction: replace() is 5x slower)
            head = OpCall(head.fn, head.run, head.op, head.kind, key, top)
        return (head,) + tuple(_stamp(a, key, False) for a in task[1:])
    if isinstance(task, list):
        return [_stamp(a, key, False) for a in task]
    return task


# ------------------------------------------------------------------------------ results


@dataclass
class OperatorMetrics:
    op: int
    depth: int
    name: str
    rows: int = 0  # rows out (sum over output partitions)
    partitions: int = 0  # output partitions (batches)
    bytes: int = 0  # Arrow bytes out
    seconds: float = 0.0  # exclusive time, summed over tasks
    tasks: int = 0  # calls measured (output and intermediate)
    shuffle_bytes: int = 0  # bytes written by its shuffle splits (read by the next stage)
    chained: int = 0  # output partitions never materialized: a stage of a chained join
    steps: list[dict] = field(default_factory=list)  # per step of a fused chain
    estimated_rows: float | None = None
    estimated_bytes: float | None = None

    @property
    def materialized(self) -> bool:
        """False for a chained join's stage, whose output is row numbers, never a table."""
        return not self.chained == self.partitions > 0

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def new_run() -> str:
    run = uuid.uuid4().hex[:16]
    _RECORDS[run] = []
    return run


def records(run: str, remove: bool = False) -> list:
    return (_RECORDS.pop(run, None) if remove else _RECORDS.get(run)) or []


def live_counts(run: str) -> dict[str, int]:
    """Finished tasks per stage (layer) of a running job, from its records so far."""
    done: dict[str, int] = {}
    for rec in list(_RECORDS.get(run, ())):
        if rec[3]:
            name = layer(rec[2])
            done[name] = done.get(name, 0) + 1
    return done


def _is_split(name: str) -> bool:
    """A shuffle's map side (`join-shuffle-split-<token>`, `repartition-split-<token>`)."""
    return name.rsplit("-", 1)[0].endswith("split")


def _reads(task: Any, names: set[str], found: set[str]) -> None:
    """Layers of `names` whose keys a task reads."""
    if isinstance(task, tuple):
        if len(task) == 2 and isinstance(task[0], str) and task[0] in names:
            found.add(task[0])
            return
        for a in task:
            _reads(a, names, found)
    elif isinstance(task, list):
        for a in task:
            _reads(a, names, found)


def finish_stages(stages: dict[str, Stage], graph: dict, recs: list) -> None:
    """Task times, output sizes and shuffle bytes of each stage from the records."""
    per_task: dict[Any, float] = {}
    for op, _kind, task, top, rows, nbytes, secs in recs:
        if task is None:
            continue
        per_task[task] = per_task.get(task, 0.0) + secs
        st = stages.get(layer(task))
        if st is None:
            continue
        if op not in st.operators and op >= 0:
            st.operators.append(op)
        if top:
            st.rows += rows or 0
            st.bytes += nbytes or 0
    for task, secs in per_task.items():
        st = stages.get(layer(task))
        if st is not None:
            st.task_seconds.append(secs)
    _shuffle_bytes(stages, graph)


def _shuffle_bytes(stages: dict[str, Stage], graph: dict) -> None:
    """A split stage's output is shuffle write; the stages reading it count it as read."""
    splits = {n for n in stages if _is_split(n)}
    for st in stages.values():
        if _is_split(st.layer):
            st.shuffle_write_bytes = st.bytes
    if not splits:
        return
    reads: dict[str, set[str]] = {}
    for key, task in graph.items():
        found: set[str] = set()
        _reads(task, splits, found)
        reads.setdefault(layer(key), set()).update(found - {layer(key)})
    for name, sources in reads.items():
        stages[name].shuffle_read_bytes = sum(stages[s].bytes for s in sources)


def operator_metrics(plan: P.PhysicalPlan, recs: list,
                     origins: dict | None = None) -> list[OperatorMetrics]:
    """Per operator of `plan` (pre-order), the sums of its records."""
    ops = [OperatorMetrics(i, d, n.node_string()) for i, d, n in operators(plan)]
    steps: dict[tuple[int, int], list] = {}
    for op, kind, task, top, rows, nbytes, secs in recs:
        if op < 0 or op >= len(ops):
            continue
        m = ops[op]
        if isinstance(kind, int):
            s = steps.setdefault((op, kind), [0, 0, 0.0])
            s[0] += rows
            s[1] += nbytes
            s[2] += secs
            continue
        m.seconds += secs
        if kind == "credit":
            continue
        m.tasks += 1
        if kind == "chained":
            m.rows += rows or 0
            m.partitions += 1
            m.chained += 1
        elif kind == "out":
            m.rows += rows or 0
            m.bytes += nbytes or 0
            m.partitions += 1
        elif top and _is_split(layer(task)):
            m.shuffle_bytes += nbytes or 0
    nodes = [n for _i, _d, n in operators(plan)]
    for (op, j), (rows, nbytes, secs) in sorted(steps.items()):
        node = nodes[op]
        label = node.labels[j] if isinstance(node, P.NarrowExec) else str(j)
        ops[op].steps.append({"label": label, "rows": rows, "bytes": nbytes, "seconds": secs})
    _estimates(plan, ops, origins or {})
    return ops


def _estimates(plan: P.PhysicalPlan, ops: list[OperatorMetrics], origins: dict) -> None:
    from dfengine.optimizer.statistics import estimate

    for i, _d, node in operators(plan):
        logical = origins.get(id(node))
        if logical is None:
            continue
        s = estimate(logical[1])
        if s is not None:
            ops[i].estimated_rows, ops[i].estimated_bytes = s.rows, s.bytes


# ---------------------------------------------------------------------------- the action


def enabled(conf: Any) -> bool:
    return str(conf.get("dfengine.sql.metrics.enabled", "true")).lower() != "false"


def run_observed(qe: Any, action: str) -> list[pa.Table]:
    """Run a query's action as a recorded job, measuring each operator when enabled; the
    operators' metrics end up on `qe.metrics` and on the job (the SQL view)."""
    from dfengine.execution.query_execution import job_name, run_graph
    from dfengine.ui.jobs import tracker_for

    name = job_name(action)
    run = new_run() if enabled(qe.session.conf) else None
    graph, keys = qe.graph(instrument(qe.physical, run) if run else None, adaptive=True)
    if run is not None:
        stamp_tasks(graph)
    tracker = tracker_for(qe.session._runtime)
    live = partial(live_counts, run) if run is not None else None
    try:
        with tracker.recording(name, graph, getattr(qe, "sql_text", None), live) as job:
            out = run_graph(qe.session, graph, keys, name, tracked=True,
                            inline=qe.runs_inline)
            if run is not None:
                recs = records(run, remove=True) + _remote_records(qe.session._runtime, run)
                finish_stages(job.stages, graph, recs)
                qe.metrics = job.operators = operator_metrics(
                    qe.physical, recs, getattr(qe, "origins", None))
    finally:
        if run is not None:
            records(run, remove=True)
    return out


def _pop_records(run: str) -> list:
    return records(run, remove=True)


def _remote_records(runtime: Any, run: str) -> list:
    """Records left on the workers of a remote cluster (none in process)."""
    if getattr(runtime, "is_local", True):
        return []
    try:
        per_worker = runtime.client.run(_pop_records, run)
    except Exception:  # noqa: BLE001 - metrics never fail a job
        return []
    return [r for recs in per_worker.values() for r in recs]
