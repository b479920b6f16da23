"""Adaptive execution of shuffled joins (Spark's AQE), decided on real sizes at run time.

A join the planner made a `ShuffledHashJoin` (its estimates put both sides over the
broadcast threshold) is lowered in stages when the query runs:

1. The map side of one input is *materialized*: its partitions are computed and hash-split
   into the planned n buckets (`sized_split`, which also counts each bucket's rows and
   bytes). The side materialized first is the one the join could build on whose estimate is
   smaller (`AdaptiveJoin.first`).
2. If that side's real bytes are under `spark.sql.adaptive.autoBroadcastJoinThreshold`
   (default: `spark.sql.autoBroadcastJoinThreshold`, 10 MB), the join becomes a broadcast
   hash join on it; the other input is never shuffled, it streams through the index.
3. Else the other side is materialized too; if *it* is under the threshold and can be built
   on, it is broadcast (the first side's buckets, put back together per map task, probe it).
4. Else the join stays shuffled, and the buckets' real sizes shape the reducers:
   consecutive small buckets are coalesced (`spark.sql.adaptive.coalescePartitions.*`,
   Spark's CoalesceShufflePartitions) and a bucket far above the median is split by groups
   of map tasks with the other side's bucket replicated to each part
   (`spark.sql.adaptive.skewJoin.*`, Spark's OptimizeSkewedJoin).

The stage runs on the session's runtime as its own small job: in process (threads), the
split outputs stay in this process and each bucket is dropped once its last reader took it
(`Held`); on a cluster they stay on the workers as futures and only the sizes come back.
`explain("formatted")` after an action and `explain("analyze")` print the decisions
(Spark's `AdaptiveSparkPlan isFinalPlan=true`); `spark.sql.adaptive.enabled=false` keeps the
planned joins. Lowering without a runner (`explain`, `to_delayed`, task counting) never
executes anything: the join lowers as planned.
"""

from __future__ import annotations

import operator
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pyarrow as pa

from dfengine.execution import physical as P
from dfengine.ui.units import human_bytes

MiB = 1024 * 1024


@dataclass
class AdaptiveConfig:
    """The `spark.sql.adaptive.*` settings (Spark's defaults)."""

    enabled: bool = True
    broadcast_threshold: int = 10 * MiB
    coalesce: bool = True
    advisory_bytes: int = 64 * MiB
    min_partition_bytes: int = 1 * MiB
    parallelism_first: bool = True
    parallelism: int = 2
    skew: bool = True
    skew_factor: float = 5.0
    skew_threshold: int = 256 * MiB


def _flag(conf: Any, key: str, default: bool = True) -> bool:
    return str(conf.get(key, str(default))).strip().lower() != "false"


# The run-time broadcast threshold of the embedded runtime when neither broadcast threshold
# is set: its tasks share one process, so a broadcast is one table in memory that nothing
# copies, and a real size (unlike an estimate) can be trusted; one advisory partition's worth
# of build side is what a shuffled reducer would hold anyway. A cluster keeps Spark's 10 MB.
LOCAL_BROADCAST_THRESHOLD = 64 * MiB


def adaptive_config(conf: Any, parallelism: int, local: bool = False) -> AdaptiveConfig:
    """The settings, with Spark's defaults. spark.sql.adaptive.autoBroadcastJoinThreshold
    defaults to spark.sql.autoBroadcastJoinThreshold when that is set (so -1 turns both
    off), else to 10 MB on a cluster and `LOCAL_BROADCAST_THRESHOLD` embedded."""
    from dfengine.execution.query_execution import parse_bytes

    def size(key: str, default: Any) -> int:
        value = conf.get(key, None)
        return parse_bytes(value) if value not in (None, "") else parse_bytes(default)

    plain = conf.get("spark.sql.autoBroadcastJoinThreshold", None) or str(
        LOCAL_BROADCAST_THRESHOLD if local else 10 * MiB)
    pre = "spark.sql.adaptive."
    return AdaptiveConfig(
        enabled=_flag(conf, pre + "enabled"),
        broadcast_threshold=size(pre + "autoBroadcastJoinThreshold", plain),
        coalesce=_flag(conf, pre + "coalescePartitions.enabled"),
        advisory_bytes=size(pre + "advisoryPartitionSizeInBytes", 64 * MiB),
        min_partition_bytes=size(pre + "coalescePartitions.minPartitionSize", MiB),
        parallelism_first=_flag(conf, pre + "coalescePartitions.parallelismFirst"),
        parallelism=max(1, parallelism),
        skew=_flag(conf, pre + "skewJoin.enabled"),
        skew_factor=float(conf.get(pre + "skewJoin.skewedPartitionFactor", None) or 5.0),
        skew_threshold=size(pre + "skewJoin.skewedPartitionThresholdInBytes", 256 * MiB),
    )


@dataclass
class AdaptiveJoin:
    """What the planner leaves a shuffled join for run time, and what run time decided
    (shared by the plan's instrumented copies, so explain shows it)."""

    builds: tuple[str, ...]  # the sides a broadcast join may build on
    estimates: dict[str, float | None] = field(default_factory=dict)  # side -> bytes
    notes: list[str] = field(default_factory=list)
    final: str | None = None  # the operator as it ran, e.g. "BroadcastHashJoin(build=right)"


def plan_adaptive(how: str, has_keys: bool, hint: str | None, lbytes: float | None,
                  rbytes: float | None) -> AdaptiveJoin | None:
    """The run-time plan of a join planned as shuffled: its estimates and the sides a
    broadcast join may build on."""
    if not has_keys:
        return None
    builds: list[str] = []
    if (hint or "").lower() != "shuffle":  # a SHUFFLE_HASH / MERGE hint keeps the shuffle
        if how in ("inner", "left", "left_semi", "left_anti"):
            builds.append("right")
        if how in ("inner", "right", "left_semi", "left_anti"):
            builds.append("left")
    return AdaptiveJoin(tuple(builds), {"left": lbytes, "right": rbytes})


def _unwrap(node: Any) -> Any:
    while hasattr(node, "inner"):  # metrics.MeteredExec
        node = node.inner
    return node


def known_bytes(node: Any) -> float | None:
    """The bytes of a side that is a plain scan (no filter, no join, no aggregate below a
    projection): from the footers' row counts and the column types, not a guess."""
    node = _unwrap(node)
    while isinstance(node, P.NarrowExec) and all(
            label.startswith(("Project", "JoinKeys")) for label in node.labels):
        node = _unwrap(node.child)
    if not isinstance(node, P.ScanExec) or node.filters or node.partial_agg is not None or (
            node.fmt != "parquet"):
        return None
    cols = [a.name for a in node.attrs]
    return sum(P._read_bytes(node, p, cols) for p in node.pieces)


def reduces(node: Any) -> bool:
    """Whether a side ends in a semi/anti join or an aggregate below projections and
    filters: its output is at most its input, so its estimate is an upper bound that is
    often far off (Q18's semi-joined orders: 5.0M rows estimated, 624 real)."""
    node = _unwrap(node)
    while isinstance(node, P.NarrowExec):
        node = _unwrap(node.child)
    return isinstance(node, P.HashAggregateExec) or (
        isinstance(node, P.HashJoinExec) and node.how in ("left_semi", "left_anti"))


def first_side(join: Any, threshold: int) -> str:
    """The side to materialize first: of the sides the join could be broadcast on, the
    smaller; a plain scan known to be over the threshold is never a candidate (its
    estimate is exact: Q18's 60M lineitem rows beside a semi join estimated 8,000x too
    high). A reducing side (`reduces`) goes before a known scan of over a quarter of the
    threshold: if it turns out small it is broadcast and the scan only streams (Q18 built
    a 1.5M-row customer index for 624 probes). Without candidates, the smaller side (it
    is held while the other runs)."""
    state: AdaptiveJoin = join.adaptive
    size: dict[str, float] = {}
    too_big, known_big = set(), set()
    for side, child in (("left", join.left), ("right", join.right)):
        known = known_bytes(child)
        est = state.estimates.get(side)
        size[side] = known if known is not None else (est if est is not None else 1e30)
        if known is not None and known > threshold:
            too_big.add(side)
        if known is not None and known > threshold / 4:
            known_big.add(side)
    pool = [s for s in state.builds if s not in too_big and threshold >= 0]
    children = {"left": join.left, "right": join.right}
    reducing = [s for s in pool if reduces(children[s])]
    if len(pool) == 2 and len(reducing) == 1 and set(pool) - set(reducing) <= known_big:
        return reducing[0]
    return min(pool or ["left", "right"], key=lambda s: (size[s], s != "right"))


# ---------------------------------------------------------------------- the map stage


class SplitOutput(list):
    """A hash split's buckets, with each bucket's rows and estimated bytes (the table's
    bytes per row times its rows: one pass over the columns per split, not per bucket)."""

    rows: list[int]
    bytes: list[int]


def sized_split(key_exprs: tuple, n: int, compact: bool, table: pa.Table) -> SplitOutput:
    out = SplitOutput(P.hash_split(key_exprs, n, table, compact=compact))
    per_row = table.nbytes / table.num_rows if table.num_rows else 0.0
    out.rows = [t.num_rows for t in out]
    out.bytes = [int(r * per_row) for r in out.rows]
    return out


def split_sizes(split: SplitOutput) -> tuple[list[int], list[int]]:
    return split.rows, split.bytes


class Sized:
    """A map task's output kept whole (in process), with its rows and estimated bytes: it is
    hash-split only if the join stays shuffled; a broadcast or a probe takes it as it is."""

    def __init__(self, table: pa.Table):
        self.table = table
        self.rows = table.num_rows
        self.bytes = table.nbytes


def sized_whole(table: pa.Table) -> Sized:
    return Sized(table)


class Held:
    """Map outputs materialized in this process: whole tables, or once `split` ran, their
    buckets. Every reader is registered while the graph is built; the last one to take a
    table or bucket drops it, so it lives as long as it would have in the planned exchange."""

    def __init__(self, whole: list[Sized]):
        self.whole: list[Any] = [w.table for w in whole]
        self.splits: list[Any] | None = None
        self.readers: dict[Any, int] = {}
        self.lock = threading.Lock()

    def register(self, key: Any) -> None:
        self.readers[key] = self.readers.get(key, 0) + 1

    def take(self, k: int, j: int | None = None) -> pa.Table:
        """Map task k's bucket j, or its whole output (j None)."""
        with self.lock:
            parts, at = (self.whole, k) if j is None else (self.splits[k], j)
            table = parts[at]
            left = self.readers.get((k, j), 0) - 1
            self.readers[(k, j)] = left
            if left <= 0:
                parts[at] = None
        if table is None:
            raise RuntimeError(f"adaptive stage: output ({k}, {j}) read more often than the "
                               "plan registered")
        return table


@dataclass
class Stage:
    """One side's materialized map stage: per map task its rows and bytes and, once split,
    per map task k and bucket j; how a task reads it: from `held` in process, or from
    `futures` on a cluster (split where they ran)."""

    whole_rows: list[int]
    whole_bytes: list[int]
    rows: list[list[int]] | None = None
    bytes: list[list[int]] | None = None
    held: Held | None = None
    futures: list[Any] | None = None
    prefix: str = "join-shuffle"
    splitter: Any = None  # table -> SplitOutput, for a held stage that stays shuffled
    _keys: dict = field(default_factory=dict)

    @property
    def m(self) -> int:
        return len(self.whole_rows)

    def total(self) -> int:
        return sum(self.whole_bytes)

    def total_rows(self) -> int:
        return sum(self.whole_rows)

    def bucket_bytes(self, n: int) -> list[int]:
        return [sum(b[j] for b in self.bytes) for j in range(n)]

    def bucket(self, b: P.Builder, k: int, j: int) -> P.Task:
        """A task (or graph key) giving bucket j of map task k."""
        if self.held is not None:
            self.held.register((k, j))
            return (partial(self.held.take, k, j),)
        key = self._keys.get((k, j))
        if key is None:  # runs where split k is: only the bucket travels (the task shuffle)
            key = self._keys[(k, j)] = b.emit(f"{self.prefix}-bucket",
                                               [(operator.getitem, self.futures[k], j)])[0]
        return key

    def buckets(self, b: P.Builder, pairs: list[tuple[int, int]]) -> P.Task:
        tasks = [self.bucket(b, k, j) for k, j in pairs]
        return (P.concat_released if self.held is None else P.concat, tasks)

    def whole(self, b: P.Builder, n: int) -> list[P.Task]:
        """Each map task's rows again: probe partitions."""
        if self.held is not None and self.held.splits is None:
            out = []
            for k in range(self.m):
                self.held.register((k, None))
                out.append((partial(self.held.take, k),))
            return out
        return [self.buckets(b, [(k, j) for j in range(n)]) for k in range(self.m)]

    def everything(self, b: P.Builder, n: int) -> P.Task:
        """All map tasks' rows in one table: a broadcast join's build side."""
        if self.held is not None and self.held.splits is None:
            return (P.concat, self.whole(b, n))
        return self.buckets(b, [(k, j) for k in range(self.m) for j in range(n)])


# ------------------------------------------------------------------------- the runner


class StageRunner:
    """Materializes map stages for `HashJoinExec.lower` on the session's runtime."""

    def __init__(self, session: Any, config: AdaptiveConfig, in_process: bool = True):
        self.session = session
        self.config = config
        # stages run on this process's threads and stay here (`Held`); False when the plan
        # reads data a cluster holds (cached DataFrames): every stage then runs there
        self.in_process = in_process
        self.ran = 0  # stages run (the final graph is then culled)

    def materialize(self, b: P.Builder, tasks: list[P.Task], key_exprs: tuple, n: int,
                    prefix: str = "join-shuffle") -> Stage:
        """Runs one side's map tasks. In process their outputs stay whole (`Sized`): a
        broadcast never pays for a split; `split` cuts them if the join stays shuffled."""
        compact = b.shuffle_method == "tasks"
        split: Any = partial(sized_split, key_exprs, n, compact)
        if b.meter is not None:  # explain analyze: the splits are the join's work
            from dfengine.execution.metrics import OpCall

            split = OpCall(split, b.meter[0], b.meter[1], "work")
        runtime = self.session._runtime
        held = self.in_process and runtime.runs_on_threads(b.graph)
        keys = b.emit(f"{prefix}-split", [(sized_whole if held else split, t) for t in tasks])
        graph = cull(b.graph, keys)
        self.ran += 1
        name = "adaptive stage"
        try:
            if held:
                values = runtime.get_in_process(graph, keys, name=name, trim=False)
                return Stage([v.rows for v in values], [v.bytes for v in values],
                             held=Held(values), prefix=prefix, splitter=split)
            return self._remote(graph, keys, name, prefix)
        except Exception as e:  # noqa: BLE001 - one clear error, as a job's
            raise _job_error(e, name) from e

    def split(self, stage: Stage) -> None:
        """Hash-splits a held stage's whole outputs into buckets (one task per map output,
        on the runtime's threads) when the join stays shuffled."""
        held = stage.held
        if held is None or held.splits is not None:
            return
        graph = {(f"{stage.prefix}-bucketing", k): (stage.splitter, t)
                 for k, t in enumerate(held.whole)}
        keys = list(graph)
        try:
            parts = self.session._runtime.get_in_process(graph, keys, name="adaptive stage",
                                                         trim=False)
        except Exception as e:  # noqa: BLE001 - one clear error, as a job's
            raise _job_error(e, "adaptive stage") from e
        held.whole = [None] * len(parts)
        held.splits = parts
        stage.rows = [p.rows for p in parts]
        stage.bytes = [p.bytes for p in parts]

    def _remote(self, graph: dict, keys: list, name: str, prefix: str) -> Stage:
        runtime = self.session._runtime
        size_keys = [(f"stage-sizes-{k[0]}", k[1]) for k in keys]
        graph = dict(graph)
        for k, s in zip(keys, size_keys):
            graph[s] = (split_sizes, k)
        futures = runtime.submit(graph, keys + size_keys, name)
        sizes = runtime.client.gather(futures[len(keys):])
        rows, sizes_ = [r for r, _ in sizes], [s for _, s in sizes]
        return Stage([sum(r) for r in rows], [sum(s) for s in sizes_], rows, sizes_,
                     futures=futures[:len(keys)], prefix=prefix)


def in_process(plan: Any) -> bool:
    """Whether no operator of `plan` reads data held by a cluster (futures)."""
    stack = [plan]
    while stack:
        node = stack.pop()
        if isinstance(node, (P.CachedExec, P.DelayedScanExec)):
            return False
        stack.extend(node.children)
    return True


def _job_error(e: Exception, name: str) -> Exception:
    from dfengine.errors import PySparkException, SparkRuntimeException

    if isinstance(e, PySparkException):
        return e
    return SparkRuntimeException(f"Job aborted ({name}): {type(e).__name__}: {e}",
                                 "TASK_FAILED")


def _is_key(x: Any, graph: dict) -> bool:
    return (type(x) is tuple and len(x) == 2 and type(x[0]) is str
            and isinstance(x[1], int) and x in graph)


def _deps(task: Any, graph: dict, out: list) -> None:
    if _is_key(task, graph):
        out.append(task)
    elif isinstance(task, (tuple, list)):
        for a in task:
            _deps(a, graph, out)


def cull(graph: dict, keys: list) -> dict:
    """The part of `graph` that `keys` need."""
    seen: dict = {}
    stack = list(keys)
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        task = seen[key] = graph[key]
        found: list = []
        _deps(task, graph, found)
        stack.extend(k for k in found if k not in seen)
    return seen


# ------------------------------------------------------------- reducers from real sizes


def coalesce_target(config: AdaptiveConfig, total: int) -> int:
    """Spark's CoalesceShufflePartitions target: the advisory size, but (parallelismFirst)
    no more than an equal share of the cores, and at least the minimum partition size."""
    target = config.advisory_bytes
    if config.parallelism_first:
        target = min(target, -(-total // config.parallelism))
    return max(target, config.min_partition_bytes, 1)


def skewed(sizes: list[int], config: AdaptiveConfig) -> set[int]:
    """Buckets over skewedPartitionFactor x the median and over the threshold."""
    if not sizes:
        return set()
    ordered = sorted(sizes)
    median = ordered[len(ordered) // 2]
    return {j for j, s in enumerate(sizes)
            if s > config.skew_factor * median and s > config.skew_threshold}


def coalesce_groups(lsizes: list[int], rsizes: list[int], target: int,
                    alone: set[int]) -> list[list[int]]:
    """Consecutive buckets grouped while their bytes (both sides) stay within `target`;
    the buckets in `alone` (skewed) each stay a group of their own."""
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for j, (ls, rs) in enumerate(zip(lsizes, rsizes)):
        if j in alone:
            groups += [current] if current else []
            groups.append([j])
            current, size = [], 0
            continue
        if current and size + ls + rs > target:
            groups.append(current)
            current, size = [], 0
        current.append(j)
        size += ls + rs
    return groups + ([current] if current else [])


def map_groups(stage: Stage, j: int, target: int) -> list[list[int]]:
    """Map tasks of a skewed bucket j in consecutive groups of about `target` bytes."""
    groups: list[list[int]] = [[]]
    size = 0
    for k in range(stage.m):
        s = stage.bytes[k][j]
        if groups[-1] and size + s > target:
            groups.append([])
            size = 0
        groups[-1].append(k)
        size += s
    return groups


def median_of(sizes: list[int]) -> int:
    return sorted(sizes)[len(sizes) // 2] if sizes else 0


# ------------------------------------------------------------------------ the join


def lower_adaptive_join(join: Any, b: P.Builder, runner: StageRunner) -> list[P.Task]:
    """`HashJoinExec.lower` with run-time decisions (see the module's docstring). The side
    materialized first is lowered first, so the other side's own stages run after the
    decision (and hold nothing meanwhile)."""
    state: AdaptiveJoin = join.adaptive
    state.notes.clear()
    state.final = None
    cfg, n = runner.config, join.num_partitions
    first = first_side(join, cfg.broadcast_threshold)
    second = "left" if first == "right" else "right"
    children = {"left": join.left, "right": join.right}
    exprs = {"left": tuple(P._col_ref(k) for k in join.lkeys),
             "right": tuple(P._col_ref(k) for k in join.rkeys)}
    tasks = {first: children[first].lower(b)}
    if not tasks[first]:
        tasks[second] = children[second].lower(b)
        return join.lower_planned(b, tasks["left"], tasks["right"])
    stages = {first: runner.materialize(b, tasks[first], exprs[first], n)}
    if _broadcastable(state, first, stages[first], cfg):
        return _switch(join, b, first, stages[first],
                       at_least(b, children[second].lower(b), cfg.parallelism), n)
    tasks[second] = children[second].lower(b)
    if not tasks[second]:  # as planned (the first side's rows put back together)
        tasks[first] = stages[first].whole(b, n)
        return _keyed(b, join.lower_planned(b, tasks["left"], tasks["right"]))
    stages[second] = runner.materialize(b, tasks[second], exprs[second], n)
    if _broadcastable(state, second, stages[second], cfg):
        return _keyed(b, _switch(join, b, second, stages[second],
                                 at_least(b, stages[first].whole(b, n), cfg.parallelism), n))
    runner.split(stages["left"])
    runner.split(stages["right"])
    return _keyed(b, _shuffled(join, b, stages["left"], stages["right"], cfg))


def _keyed(b: P.Builder, tasks: list[P.Task]) -> list[P.Task]:
    """Tasks that read held buckets, as graph keys: a parent that used a task twice would
    otherwise take a bucket twice."""
    return list(b.emit("adaptive-join", tasks))


def _broadcastable(state: AdaptiveJoin, side: str, stage: Stage,
                   cfg: AdaptiveConfig) -> bool:
    size = stage.total()
    small = side in state.builds and 0 <= size <= cfg.broadcast_threshold
    state.notes.append(
        f"{side} side materialized: {stage.total_rows()} rows, {human_bytes(size)} in "
        f"{stage.m} map tasks" + (
            f" <= {human_bytes(cfg.broadcast_threshold)} broadcast threshold" if small else ""))
    return small


def at_least(b: P.Builder, tasks: list[P.Task], n: int) -> list[P.Task]:
    """Probe partitions when there are fewer than `n` (the cores): two slices per core of
    the few there are (two, as the slices' matches are not equal). A join that turned out
    broadcastable has a probe side of its map tasks or of the other side's scan pieces, one
    when that is a small file (TPC-H Q13: customer's 1.5M matches and their aggregation ran
    as one task of 126 ms while the other thread waited; now four of ~25 ms)."""
    if not tasks or len(tasks) >= n:
        return tasks
    per = -(-2 * n // len(tasks))
    keys = b.emit("probe-input", tasks)
    return [(partial(P.table_slice, i, per), key) for key in keys for i in range(per)]


def _switch(join: Any, b: P.Builder, side: str, stage: Stage, probe: list[P.Task],
            n: int) -> list[P.Task]:
    state: AdaptiveJoin = join.adaptive
    state.final = f"BroadcastHashJoin(build={side})"
    state.notes.append(f"ShuffledHashJoin(n={n}) -> {state.final}: the other side is not "
                       "shuffled")
    return join.lower_broadcast(b, side, stage.everything(b, n), probe)


def _split_sides(how: str) -> tuple[bool, bool]:
    """Which side of a skewed bucket may be split (Spark's OptimizeSkewedJoin)."""
    left = how in ("inner", "left", "left_semi", "left_anti", "cross")
    right = how in ("inner", "right")
    return left, right


def _shuffled(join: Any, b: P.Builder, left: Stage, right: Stage,
              cfg: AdaptiveConfig) -> list[P.Task]:
    state: AdaptiveJoin = join.adaptive
    n = join.num_partitions
    lsizes, rsizes = left.bucket_bytes(n), right.bucket_bytes(n)
    can_l, can_r = _split_sides(join.how)
    lskew = skewed(lsizes, cfg) if cfg.skew and can_l else set()
    rskew = skewed(rsizes, cfg) if cfg.skew and can_r else set()
    total = sum(lsizes) + sum(rsizes)
    if cfg.coalesce:
        target = coalesce_target(cfg, total)
        groups = coalesce_groups(lsizes, rsizes, target, lskew | rskew)
    else:
        groups = [[j] for j in range(n)]
    fn = partial(P.join_bounded, join.lkeys, join.rkeys, join.how, join.residual,
                 P._keys(join.attrs), join.budget)
    out: list[P.Task] = []
    for g in groups:
        lparts = _parts(left, g, lskew, lsizes, cfg)
        rparts = _parts(right, g, rskew, rsizes, cfg)
        for lp in lparts:
            for rp in rparts:
                out.append((fn, left.buckets(b, lp), right.buckets(b, rp)))
    state.final = f"ShuffledHashJoin(n={len(out)})"
    if cfg.coalesce and len(groups) < n:
        state.notes.append(f"coalesced {n} shuffle partitions into {len(groups)} "
                           f"(target {human_bytes(coalesce_target(cfg, total))}, "
                           f"{human_bytes(total)} in all)")
    _skew_notes(state, "left", lskew, lsizes, left, cfg)
    _skew_notes(state, "right", rskew, rsizes, right, cfg)
    return out


def _skew_target(sizes: list[int], skew: set[int], cfg: AdaptiveConfig) -> int:
    rest = [s for j, s in enumerate(sizes) if j not in skew]
    avg = sum(rest) // len(rest) if rest else 0
    return max(cfg.advisory_bytes, avg, 1)


def _parts(stage: Stage, group: list[int], skew: set[int], sizes: list[int],
           cfg: AdaptiveConfig) -> list[list[tuple[int, int]]]:
    """(map task, bucket) pairs of each part of a reducer: one part, or for a skewed bucket
    one part per group of map tasks."""
    if len(group) == 1 and group[0] in skew:
        j = group[0]
        return [[(k, j) for k in ks] for ks in map_groups(stage, j, _skew_target(sizes, skew,
                                                                                  cfg))]
    return [[(k, j) for j in group for k in range(stage.m)]]


def _skew_notes(state: AdaptiveJoin, side: str, skew: set[int], sizes: list[int],
                stage: Stage, cfg: AdaptiveConfig) -> None:
    other = "right" if side == "left" else "left"
    for j in sorted(skew):
        parts = len(map_groups(stage, j, _skew_target(sizes, skew, cfg)))
        state.notes.append(
            f"skewed {side} partition {j}: {human_bytes(sizes[j])} (median "
            f"{human_bytes(median_of(sizes))}) split into {parts}, the {other} side's "
            "partition replicated to each")


# ------------------------------------------------------------------ final plans shown


_FINAL: OrderedDict = OrderedDict()  # id(analyzed plan) -> (plan, physical plan as it ran)


def remember(analyzed: Any, physical: Any) -> None:
    """Keep the last run's physical plan of a DataFrame's plan for explain (the last 32)."""
    _FINAL[id(analyzed)] = (analyzed, physical)
    _FINAL.move_to_end(id(analyzed))
    while len(_FINAL) > 32:
        _FINAL.popitem(last=False)


def final_plan(analyzed: Any) -> Any:
    entry = _FINAL.get(id(analyzed))
    return entry[1] if entry is not None and entry[0] is analyzed else None


def adaptive_joins(plan: Any) -> list[Any]:
    """The joins of a physical plan that decide at run time, in pre-order."""
    out, stack = [], [plan]
    while stack:
        node = stack.pop()
        if getattr(node, "adaptive", None) is not None:
            out.append(node)
        stack.extend(reversed(node.children))
    return out


def decisions(plan: Any) -> list[str]:
    """The run-time decisions of a plan's joins, one line each."""
    lines = []
    for i, node in enumerate(adaptive_joins(plan), 1):
        for note in node.adaptive.notes:
            lines.append(f"join {i} ({node.how}): {note}")
    return lines
