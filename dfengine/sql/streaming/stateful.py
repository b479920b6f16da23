"""Stateful operators: streaming aggregation and deduplication with watermarks.

Each micro-batch rewrites the query plan bottom-up: streaming leaves become the batch's rows,
and each stateful node is replaced by a leaf holding what it emits for this batch.

Aggregation keeps, per group, *partial buffers* (count -> count, avg -> sum and count, ...):
the batch's rows are aggregated to buffers by the engine (one Dask job over the new input),
merged with the stored state (Arrow group-by), and the operator emits, by output mode,
all groups (complete), the groups this batch changed (update), or the groups the watermark
closed (append). Struct keys such as `window` are stored as their fields.

Watermarks follow Spark: the batch's watermark is max(event time seen before) - delay; rows
whose key (window end, or event time) is <= the previous batch's watermark are late and
dropped; state at or below this batch's watermark is evicted (and emitted in append mode).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine.sql.streaming import _adapter as A
from dfengine.sql.streaming.window import WATERMARKS, WITHIN_WATERMARK

E, T = A.E, A.T

_MERGE = {"count": "sum", "count_if": "sum", "sum": "sum", "min": "min", "max": "max",
          "first": "first", "last": "last", "any_value": "first", "bool_and": "all",
          "bool_or": "any"}


@dataclass
class BatchContext:
    batch_id: int
    mode: str
    wm_late_ms: int | None  # previous batch's watermark (None: no watermark in the query)
    wm_evict_ms: int | None  # this batch's watermark
    observed: dict[int, int] = field(default_factory=dict)  # expr_id -> max event time (us)
    metrics: list[dict] = field(default_factory=list)

    def observe(self, expr_id: int, column: pa.ChunkedArray) -> None:
        if len(column) == 0:
            return
        m = pc.max(column.cast(pa.timestamp("us")).cast(pa.int64())).as_py()
        if m is not None:
            self.observed[expr_id] = max(m, self.observed.get(expr_id, m))


def _micros(col: Any) -> Any:
    return pc.cast(pc.cast(col, pa.timestamp("us")), pa.int64())


def _older(col: Any, wm_ms: int) -> Any:
    """rows whose event-time column is at or below the watermark"""
    return pc.fill_null(pc.less_equal(_micros(col), wm_ms * 1000), False)


def _watermarked(attrs: list) -> list:
    return [a for a in attrs if a.expr_id in WATERMARKS]


class StatefulOperator:
    name = "stateful"

    def __init__(self, op_id: int, node: Any, session: Any, store: Any):
        self.op_id, self.node, self.session, self.store = op_id, node, session, store

    def execute(self, node: Any, ctx: BatchContext) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def _metric(self, ctx: BatchContext, total: int, updated: int, removed: int,
                dropped: int) -> None:
        ctx.metrics.append({
            "operatorName": self.name, "numRowsTotal": total, "numRowsUpdated": updated,
            "numRowsRemoved": removed, "numRowsDroppedByWatermark": dropped,
            "allUpdatesTimeMs": 0, "allRemovalsTimeMs": 0, "commitTimeMs": 0,
            "memoryUsedBytes": 0, "numShufflePartitions": 1, "numStateStoreInstances": 1,
            "customMetrics": {}})


# --------------------------------------------------------------------------- aggregation

def _buffers(f: Any) -> tuple[list[tuple[Any, str, Any]], Any]:
    """(partial aggregate, Arrow merge, merge options) per buffer, and the final expression
    as a function of the buffer attributes."""
    name = f.name
    if f.distinct:
        raise A.AnalysisException(
            f"{f.sql()}: DISTINCT aggregates are not supported in a streaming aggregation by "
            "dfengine yet; deduplicate first with dropDuplicates.", "UNSUPPORTED_FEATURE")
    if name == "avg":
        x = f.args[0]
        parts = [(E.AggregateFunction("sum", (x,)), "sum", None),
                 (E.AggregateFunction("count", (x,)), "sum", None)]

        def final(b: list) -> Any:
            ratio = E.BinaryArithmetic("/", E.Cast(b[0], T.DoubleType()),
                                       E.Cast(b[1], T.DoubleType()))
            return E.Cast(ratio, f.data_type)
        return parts, final
    if name not in _MERGE:
        raise A.AnalysisException(
            f"{name}() is not supported in a streaming aggregation by dfengine yet; use "
            f"count, sum, avg, min, max, first, last, any_value, count_if, bool_and or "
            "bool_or.", "UNSUPPORTED_FEATURE")
    opts = pc.ScalarAggregateOptions(skip_nulls=bool(f.ignore_nulls)) if name in (
        "first", "last") else None

    def final1(b: list) -> Any:
        return b[0] if b[0].data_type == f.data_type else E.Cast(b[0], f.data_type)
    return [(f, _MERGE[name], opts)], final1


def _session_ids(t: pa.Table, others: list, start: str, end: str) -> list[int]:
    groups = list(zip(*[t.column(k).to_pylist() for k in others], strict=True)) if others \
        else [()] * t.num_rows
    starts, ends = _micros(t.column(start)).to_pylist(), _micros(t.column(end)).to_pylist()
    out, sid, prev, run_end = [], -1, object(), 0
    for g, lo, hi in zip(groups, starts, ends, strict=True):
        if g != prev or lo > run_end:
            sid, prev, run_end = sid + 1, g, hi
        else:
            run_end = max(run_end, hi)
        out.append(sid)
    return out


def _collect_aggregates(exprs: tuple) -> list:
    found: list = []
    for e in exprs:
        for x in e.walk():
            if isinstance(x, E.AggregateFunction) and x not in found:
                found.append(x)
    return found


def _struct_parts(e: Any) -> list[tuple[str, Any]]:
    """(field name, expression) of a struct(...) grouping key such as window()."""
    if isinstance(e, E.ScalarFunction) and e.name == "named_struct" and all(
            isinstance(n, E.Literal) for n in e.args[::2]):
        return [(n.value, v) for n, v in zip(e.args[::2], e.args[1::2], strict=True)]
    if isinstance(e, E.ScalarFunction) and e.name == "struct" and all(
            isinstance(a, E.Alias) for a in e.args):
        return [(a.name, a.child) for a in e.args]
    raise A.AnalysisException(
        f"Grouping a streaming aggregation by the struct {e.sql()} is not supported by "
        "dfengine yet; group by its fields, or by window().", "UNSUPPORTED_FEATURE")


class AggregateOperator(StatefulOperator):
    name = "stateStoreSave"

    def __init__(self, op_id: int, node: Any, session: Any, store: Any):
        super().__init__(op_id, node, session, store)
        self._plan_keys(node)
        self._plan_buffers(node)
        self.state_schema = A.arrow_schema(A.attrs_schema(self.state_attrs))
        self.et_attrs = _watermarked(node.child.output)

    def _plan_keys(self, node: Any) -> None:
        self.sliding: tuple | None = None  # (marker args, start attr, end attr)
        self.session_win: tuple | None = None  # likewise for session_window
        self.key_exprs: list = []  # grouping expressions of the partial aggregation
        self.key_attrs: list = []
        self.rebuild: list = []  # per original grouping expression, over key_attrs
        self.evict_key: int | None = None  # index of the key compared with the watermark
        for g in node.grouping:
            core = g.child if isinstance(g, E.Alias) else g
            wm = any(isinstance(r, E.AttributeReference) and r.expr_id in WATERMARKS
                     for r in core.walk())
            sliding = A.sliding_args(core)
            session = A.session_args(core)
            if sliding is not None or session is not None:
                self._add_window_keys(core, sliding, session, wm)
            elif isinstance(core.data_type, T.StructType):
                fields = []
                for name, part in _struct_parts(core):
                    self._add_key(part)
                    fields.append(E.Alias(self.key_attrs[-1], name))
                    if wm and name == "end":
                        self.evict_key = len(self.key_attrs) - 1
                self.rebuild.append((core, E.ScalarFunction("struct", tuple(fields))))
            else:
                self._add_key(core)
                if wm and isinstance(core, E.AttributeReference):
                    self.evict_key = len(self.key_attrs) - 1
                self.rebuild.append((core, self.key_attrs[-1]))

    def _add_window_keys(self, core: Any, sliding: Any, session: Any, wm: bool) -> None:
        if self.sliding is not None or self.session_win is not None:
            raise A.AnalysisException(
                "Only one sliding window() or session_window() per streaming aggregation.",
                "UNSUPPORTED_FEATURE")
        start = E.AttributeReference("start", T.TimestampType())
        end = E.AttributeReference("end", T.TimestampType())
        if sliding is not None:
            self.sliding = (sliding, start, end)
        else:
            self.session_win = (session, start, end)
        self._add_key(start)
        self._add_key(end)
        self.session_keys = (len(self.key_attrs) - 2, len(self.key_attrs) - 1)
        if wm:
            self.evict_key = len(self.key_attrs) - 1
        fields = (E.make_literal("start"), self.key_attrs[-2], E.make_literal("end"),
                  self.key_attrs[-1])
        self.rebuild.append((core, E.ScalarFunction("named_struct", fields)))

    def _add_key(self, e: Any) -> None:
        self.key_exprs.append(e)
        self.key_attrs.append(E.AttributeReference(f"k{len(self.key_attrs)}", e.data_type))

    def _plan_buffers(self, node: Any) -> None:
        self.partials: list = []
        self.merges: list = []
        self.buffer_attrs: list = []
        finals = {}
        for f in _collect_aggregates(node.aggregates):
            parts, final = _buffers(f)
            attrs = []
            for partial, merge, opts in parts:
                attr = E.AttributeReference(f"b{len(self.partials)}", partial.data_type)
                self.partials.append(partial)
                self.merges.append((merge, opts))
                self.buffer_attrs.append(attr)
                attrs.append(attr)
            finals[f] = final(attrs)
        self.state_attrs = self.key_attrs + self.buffer_attrs
        self.final_exprs = tuple(self._final(e, finals) for e in node.aggregates)

    def _final(self, e: Any, finals: dict) -> Any:
        def swap(x: Any) -> Any:
            if isinstance(x, E.AggregateFunction):
                return finals[x]
            for core, rebuilt in self.rebuild:
                if x == core:
                    return rebuilt
            return None

        out = e.transform_down(swap)
        if isinstance(e, E.Alias):
            return out
        attr = E.to_attribute(e)
        return E.Alias(out, attr.name, expr_id=attr.expr_id)

    # ---------------------------------------------------------------- one batch

    def _partial(self, child: Any, ctx: BatchContext) -> pa.Table:
        outs = [E.Alias(k, a.name) for k, a in zip(self.key_exprs, self.key_attrs, strict=True)]
        outs += [E.Alias(p, f"b{i}") for i, p in enumerate(self.partials)]
        outs += [E.Alias(E.AggregateFunction("max", (a,)), f"__et{i}")
                 for i, a in enumerate(self.et_attrs)]
        if self.sliding is not None:
            child = A.expand_sliding(self.session, child, *self.sliding)
        elif self.session_win is not None:
            child = A.expand_session(child, *self.session_win)
        table = A.run(self.session, A.aggregate_node(tuple(self.key_exprs), tuple(outs), child))
        for i, a in enumerate(self.et_attrs):
            ctx.observe(a.expr_id, table.column(f"__et{i}"))
        n = len(self.state_attrs)
        return A.conform(table.select(list(range(n))), self.state_schema)

    def _merge(self, state: pa.Table, part: pa.Table) -> pa.Table:
        names = [a.name for a in self.state_attrs]
        both = pa.concat_tables([
            state.append_column("__upd", pa.array([0] * state.num_rows, pa.int8())),
            part.append_column("__upd", pa.array([1] * part.num_rows, pa.int8()))])
        keys = names[: len(self.key_attrs)]
        aggs = [(a.name, m, o) if o is not None else (a.name, m)
                for a, (m, o) in zip(self.buffer_attrs, self.merges, strict=True)]
        if self.session_win is not None:
            merged = self._merge_sessions(both, keys, aggs)
        else:
            merged = both.group_by(keys, use_threads=False).aggregate(aggs + [("__upd", "max")])
        cols = [merged.column(k) for k in keys]
        cols += [merged.column(f"{a.name}_{m}") for a, (m, _) in zip(self.buffer_attrs,
                                                                      self.merges, strict=True)]
        out = A.conform(pa.Table.from_arrays(cols, names=names), self.state_schema)
        return out.append_column("__upd", merged.column("__upd_max"))

    def _merge_sessions(self, both: pa.Table, keys: list, aggs: list) -> pa.Table:
        """Sessions of one group that overlap (next start <= running end) become one:
        start = min, end = max, buffers merged."""
        s, e = self.session_keys
        others = [k for i, k in enumerate(keys) if i not in (s, e)]
        order = pc.sort_indices(both, sort_keys=[(k, "ascending") for k in others]
                                + [(keys[s], "ascending")])
        t = both.take(order)
        t = t.append_column("__sid", pa.array(_session_ids(t, others, keys[s], keys[e]),
                                              pa.int64()))
        g = t.group_by(others + ["__sid"], use_threads=False).aggregate(
            [(keys[s], "min"), (keys[e], "max")] + aggs + [("__upd", "max")])
        return g.rename_columns([f"{keys[s]}" if c == f"{keys[s]}_min" else
                                 f"{keys[e]}" if c == f"{keys[e]}_max" else c
                                 for c in g.column_names])

    def execute(self, node: Any, ctx: BatchContext) -> Any:
        part = self._partial(node.child, ctx)
        dropped = 0
        use_wm = self.evict_key is not None and ctx.wm_late_ms is not None
        if use_wm and ctx.mode != "complete":
            late = _older(part.column(self.evict_key), ctx.wm_late_ms)
            dropped = pc.sum(late).as_py() or 0
            part = part.filter(pc.invert(late))
        version = ctx.batch_id
        merged = self._merge(self.store.load(version, self.state_schema), part)
        updated = merged.filter(pc.equal(merged.column("__upd"), 1))
        if use_wm and ctx.mode != "complete":
            old = _older(merged.column(self.evict_key), ctx.wm_evict_ms)
            keep, closed = merged.filter(pc.invert(old)), merged.filter(old)
        else:
            keep, closed = merged, merged.slice(0, 0)
        emit = {"complete": merged, "update": updated, "append": closed}[ctx.mode]
        self.store.save(version + 1, keep.drop_columns(["__upd"]))
        self._metric(ctx, keep.num_rows, updated.num_rows, closed.num_rows, dropped)
        rel = A.table_relation(self.session, self.state_attrs, emit.drop_columns(["__upd"]))
        return A.project_node(self.final_exprs, rel)


# ------------------------------------------------------------------------- deduplication

class DedupOperator(StatefulOperator):
    name = "dedupe"

    def __init__(self, op_id: int, node: Any, session: Any, store: Any):
        super().__init__(op_id, node, session, store)
        child_out = node.child.output
        ids = [a.expr_id for a in child_out]
        keys = A.dedup_keys(node)
        self.key_pos = [ids.index(k.expr_id) for k in keys]
        self.within = frozenset(k.expr_id for k in keys) in WITHIN_WATERMARK
        self.et_pos = [ids.index(a.expr_id) for a in _watermarked(child_out)]
        et_in_key = [p for p in self.et_pos if p in self.key_pos]
        self.evict_pos = self.et_pos[0] if self.within and self.et_pos else (
            et_in_key[0] if et_in_key else None)
        self.delay_ms = WATERMARKS[child_out[self.evict_pos].expr_id] if (
            self.evict_pos is not None) else 0
        fields = [pa.field(f"k{i}", A.arrow_schema(A.attrs_schema([child_out[p]]))[0].type)
                  for i, p in enumerate(self.key_pos)]
        self.state_schema = pa.schema(fields + [pa.field("__et", pa.int64())])
        self.child_attrs = child_out

    def execute(self, node: Any, ctx: BatchContext) -> Any:
        table = A.run(self.session, node.child)
        for p in self.et_pos:
            ctx.observe(self.child_attrs[p].expr_id, table.column(p))
        dropped = 0
        if self.et_pos and ctx.wm_late_ms is not None:
            late = _older(table.column(self.et_pos[0]), ctx.wm_late_ms)
            dropped = pc.sum(late).as_py() or 0
            table = table.filter(pc.invert(late))
        keys = pa.Table.from_arrays([table.column(p) for p in self.key_pos],
                                    names=[f"k{i}" for i in range(len(self.key_pos))])
        et = (pc.add(_micros(table.column(self.evict_pos)), self.delay_ms * 1000 if self.within
                     else 0) if self.evict_pos is not None
              else pa.array([0] * table.num_rows, pa.int64()))
        keys = A.conform(keys.append_column("__et", et), self.state_schema)
        keys = keys.append_column("__row", pa.array(range(table.num_rows), pa.int64()))
        names = [f"k{i}" for i in range(len(self.key_pos))]
        first = keys.group_by(names, use_threads=False).aggregate([("__row", "min")])
        state = self.store.load(ctx.batch_id, self.state_schema)
        fresh = first.join(state.select(names), names, join_type="left anti") if names else (
            first if state.num_rows == 0 else first.slice(0, 0))
        rows = pc.sort_indices(fresh.column("__row_min"))
        take = pc.take(fresh.column("__row_min"), rows)
        added = keys.take(take).drop_columns(["__row"])
        merged = pa.concat_tables([state, added])
        keep = merged
        if self.evict_pos is not None and ctx.wm_evict_ms is not None:
            keep = merged.filter(pc.invert(pc.fill_null(pc.less_equal(
                merged.column("__et"), ctx.wm_evict_ms * 1000), False)))
        self.store.save(ctx.batch_id + 1, keep)
        self._metric(ctx, keep.num_rows, added.num_rows, merged.num_rows - keep.num_rows,
                     dropped)
        return A.table_relation(self.session, node.output, table.take(take))


# ------------------------------------------------------------------- stream-stream joins

class JoinOperator(StatefulOperator):
    """Stream-stream inner join: both sides' rows stay in state; each batch joins the new
    rows of each side with everything the other side has seen. No state is evicted yet
    (Spark evicts by watermark and time-range conditions), so state grows with the input."""

    name = "symmetricHashJoin"
    evict_key = 0

    def __init__(self, op_id: int, node: Any, session: Any, store: Any):
        super().__init__(op_id, node, session, store)
        self.sides = [(c.output, A.arrow_schema(A.attrs_schema(c.output)),
                       store.sibling(f"{op_id}-{side}"))
                      for c, side in zip(node.children, ("left", "right"), strict=True)]

    def execute(self, node: Any, ctx: BatchContext) -> Any:
        rels, total = [], 0
        for child, (attrs, schema, st) in zip(node.children, self.sides, strict=True):
            new = A.conform(A.run(self.session, child), schema)
            for i, a in enumerate(attrs):
                if a.expr_id in WATERMARKS:
                    ctx.observe(a.expr_id, new.column(i))
            old = st.load(ctx.batch_id, schema)
            st.save(ctx.batch_id + 1, pa.concat_tables([old, new]))
            total += old.num_rows + new.num_rows
            rels.append((A.table_relation(self.session, attrs, new),
                         A.table_relation(self.session, attrs, old)))
        self._metric(ctx, total, 0, 0, 0)
        (ln, lo), (rn, ro) = rels
        return A.incremental_join(node, ln, lo, rn, ro)


# ---------------------------------------------------------------------------- the plan

class IncrementalPlan:
    """The query plan plus its stateful operators, run once per micro-batch."""

    def __init__(self, plan: Any, session: Any, mode: str, checkpoint: Any, retain: int):
        self.plan, self.session, self.mode = plan, session, mode
        self.ops: dict[int, StatefulOperator] = {}
        self._find_ops(plan, checkpoint, retain)
        self.has_watermark = bool(_watermarked(_all_attrs(plan)))
        validate(plan, mode, list(self.ops.values()))

    def _find_ops(self, node: Any, checkpoint: Any, retain: int) -> bool:
        """Post-order: operator ids count up from the leaves, as Spark numbers them."""
        streaming = A.is_streaming_leaf(node)
        for c in node.children:
            streaming = self._find_ops(c, checkpoint, retain) or streaming
        cls = _operator_class(node)
        if streaming and cls is not None:
            op_id = len(self.ops)
            self.ops[id(node)] = cls(op_id, node, self.session,
                                     checkpoint.state_store(op_id, retain))
        return streaming

    @property
    def stateful(self) -> bool:
        return bool(self.ops)

    def batch_plan(self, leaves: dict[int, Any], ctx: BatchContext) -> Any:
        def go(node: Any) -> Any:
            if A.is_streaming_leaf(node):
                return leaves[A.leaf_id(node)]
            kids = node.children
            new = tuple(go(c) for c in kids)
            same = all(a is b for a, b in zip(new, kids, strict=True))
            node2 = node if same else node.with_children(*new)
            op = self.ops.get(id(node))
            return op.execute(node2, ctx) if op is not None else node2

        return go(self.plan)


def _operator_class(node: Any) -> type | None:
    if A.is_aggregate(node):
        return AggregateOperator
    if A.is_dedup(node):
        return DedupOperator
    if A.is_stream_stream_join(node):
        return JoinOperator
    if A.map_groups_fn(node) is not None:
        from dfengine.sql.streaming.group_state import MapGroupsOperator

        return MapGroupsOperator
    return None


def _all_attrs(plan: Any) -> list:
    return [a for n in plan.walk() for a in n.output]


def validate(plan: Any, mode: str, ops: list) -> None:
    """Spark's UnsupportedOperationChecker, for what dfengine supports."""
    aggs = [o for o in ops if not isinstance(o, DedupOperator)]
    if mode == "complete" and not aggs:
        raise A.AnalysisException(
            "Complete output mode not supported when there are no streaming aggregations on "
            "streaming DataFrames/Datasets", "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION")
    if mode == "append" and any(o.evict_key is None for o in aggs):
        raise A.AnalysisException(
            "Append output mode not supported when there are streaming aggregations on "
            "streaming DataFrames/DataSets without watermark; add withWatermark on the "
            "event-time column you group by (or its window).",
            "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION")
    for node in plan.walk():
        if A.is_stream_stream_join(node) and (A.join_how(node) != "inner" or mode != "append"):
            raise A.AnalysisException(
                "dfengine supports stream-stream inner joins in append mode only (outer "
                "joins need watermark-driven state eviction, not built yet).",
                "UNSUPPORTED_FEATURE")
        if A.is_sort(node) and A.is_streaming_plan(node) and not (mode == "complete" and aggs):
            raise A.AnalysisException(
                "Sorting is not supported on streaming DataFrames/Datasets, unless it is on "
                "aggregated DataFrame/Dataset in Complete output mode",
                "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION")
