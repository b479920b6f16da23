"""Physical operators and their lowering to a Dask task graph.

`lower(builder)` returns one *task* per output partition: a Dask task tuple
`(callable, *deps)` that is not yet in the graph. A narrow operator wraps its child's tasks in
another tuple, so a chain scan -> filter -> project -> partial aggregate is nested tuples that
Dask runs as ONE task per partition (fusion for free). A wide operator `emit`s its input
tasks as graph keys first, so they run in parallel, and then adds tasks that depend on those
keys (`(f"{op}-{token}", i)`). Static arguments travel inside `functools.partial` so Dask
never walks them looking for keys.
"""

from __future__ import annotations

import dataclasses
import operator
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine.compute.evaluate import EvalContext, evaluate_column, evaluate_predicate
from dfengine.datasource.scan import (
    PIECE_ROWS,
    Piece,
    decode_dictionaries,
    make_table,
    read_piece,
)
from dfengine.execution.operators import aggregate as agg
from dfengine.execution.operators.join import (
    JoinIndex,
    hash_join,
    left_rows_matched,
    matching_pairs,
    residual_pairs,
)
from dfengine.execution.operators.join_chain import chained
from dfengine.execution.operators.semi_unequal import unequal_columns, unequal_matches
from dfengine.execution.operators.sort import (
    SortKey,
    range_bounds,
    range_order,
    sample_keys,
    sort_table,
    top_k,
)
from dfengine.kernels.hashing import partition_ids, partition_order
from dfengine.plan.expressions import AttributeReference, Expression
from dfengine.types.arrow import to_arrow_type

Task = Any
Step = Callable[[pa.Table, EvalContext], pa.Table]


class Builder:
    """Accumulates the graph of one action.

    `shuffle_method` says how a hash exchange hands bucket j to reducer j (docs/SCALING.md):
    "tasks" (a getitem task per (split, bucket), so only bucket j travels to reducer j's
    worker; right on a cluster) or "inline" (the reducer indexes every split output itself:
    fewer tasks, right when all tasks share one process, as the embedded runtime's do)."""

    def __init__(self, shuffle_method: str = "tasks",
                 shared_scan_budget: int | None = None) -> None:
        self.shuffle_method = shuffle_method
        self.shared_scan_budget = (SHARED_SCAN_BUDGET if shared_scan_budget is None
                                   else shared_scan_budget)
        self.graph: dict[Any, Any] = {}
        # materializes map stages while lowering (`adaptive.StageRunner`): set only when the
        # graph is built to run, so that explain and task counts never execute anything
        self.stages: Any = None
        self.meter: tuple[str, int] | None = None  # (run, operator) being measured, if any
        self._shared: dict[tuple, list[str]] = {}  # piece read by several scans -> columns
        self._reads: dict[tuple, tuple[str, int]] = {}

    def share_scans(self, plan: PhysicalPlan) -> None:
        """Find parquet pieces that more than one scan of the plan reads (a view used twice,
        as in TPC-H Q15, or a table joined with an aggregate of itself, Q17/Q21): each is then
        read once, for the union of the columns, and every scan takes its part.

        A shared read lives until its last reader ran, and when one reader sits behind a
        blocking operator (Q17's lineitem joined with an aggregate of lineitem) that is after
        every piece was read: the whole shared table is in memory at once. So scans share
        only while all their shared reads together are estimated under
        `shared_scan_budget` bytes (`dfengine.execution.sharedScanBudget`); past it each
        scan reads its own pieces, which streams (TPC-H SF10: Q17/Q18/Q21 peak RSS).

        A piece whose readers all aggregate in the scan (`partial_agg`) does not count: each
        reader turns it into small partial states with no other input to wait for, so the
        read is freed as soon as it is taken (TPC-H Q15's revenue view, used twice)."""
        readers: dict[tuple, list[ScanExec]] = {}
        stack = [plan]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if isinstance(node, ScanExec) and node.fmt == "parquet":
                for p in node.pieces:
                    readers.setdefault(node.read_key(p), []).append(node)
        shared: dict[tuple, list[str]] = {}
        total = 0.0
        for key, scans in readers.items():
            if len({id(s) for s in scans}) > 1:
                cols: list[str] = []
                for scan in scans:
                    cols += [a.name for a in scan.attrs if a.name not in cols]
                shared[key] = cols
                if any(s.partial_agg is None for s in scans):
                    total += _read_bytes(scans[0], key[1], cols)
        if total <= self.shared_scan_budget:
            self._shared = shared

    def shared_read(self, scan: ScanExec, piece: Any) -> tuple[str, int] | None:
        """The graph key of the one read of `piece` that `scan` shares, or None."""
        key = scan.read_key(piece)
        cols = self._shared.get(key)
        if cols is None:
            return None
        if key not in self._reads:
            task = (partial(read_piece, scan.fmt, piece, scan.schema, cols, cols, scan.options),)
            self._reads[key] = self.emit("shared-read", [task])[0]
        return self._reads[key]

    def emit(self, prefix: str, tasks: list[Task]) -> list[tuple[str, int]]:
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        keys = []
        for i, t in enumerate(tasks):
            key = (name, i)
            self.graph[key] = t
            keys.append(key)
        return keys


# Bytes of shared scan reads a plan may hold at once (see `Builder.share_scans`);
# conf dfengine.execution.sharedScanBudget.
SHARED_SCAN_BUDGET = 512 * 1024 * 1024


def _read_bytes(scan: ScanExec, piece: Piece, cols: list[str]) -> float:
    """Estimated Arrow bytes of `cols` of one piece (unknown row counts count as large)."""
    from dfengine.optimizer.statistics import type_width

    rows = piece.num_rows if piece.num_rows is not None else PIECE_ROWS
    types = {f.name: f.dataType for f in scan.schema.fields}
    return rows * sum(type_width(types[c]) if c in types else 8.0 for c in cols)


class PhysicalPlan:
    children: tuple[PhysicalPlan, ...] = ()

    @property
    def output(self) -> list[AttributeReference]:  # pragma: no cover
        raise NotImplementedError

    def lower(self, b: Builder) -> list[Task]:  # pragma: no cover
        raise NotImplementedError

    def node_string(self) -> str:
        return type(self).__name__

    def tree_string(self) -> str:
        lines: list[str] = []

        def go(node: PhysicalPlan, depth: int) -> None:
            lines.append("  " * depth + node.node_string())
            for c in node.children:
                go(c, depth + 1)

        go(self, 0)
        return "\n".join(lines)


def _keys(attrs: list[AttributeReference]) -> list[str]:
    return [a.key for a in attrs]


def _names(attrs: list[AttributeReference]) -> str:
    return ", ".join(a.name for a in attrs)


# ------------------------------------------------------------------------------- sources


def _read(fmt: str, piece: Piece, schema: Any, columns: list[str], keys: list[str],
          options: dict[str, str], filters: tuple, keep: list[str] | None = None,
          encoded: frozenset[str] = frozenset()) -> pa.Table:
    table = read_piece(fmt, piece, schema, columns, keys, options, keep_dictionary=True)
    return decode_dictionaries(_apply_filters(table, filters, keep), encoded)


def _read_matching(fmt: str, piece: Piece, schema: Any, columns: list[str], keys: list[str],
                   options: dict[str, str], filters: tuple, keep: list[str] | None,
                   encoded: frozenset[str], probe_keys: list[str], index: JoinIndex) -> pa.Table:
    """`_read` of a broadcast inner (or semi) join's probe piece, also dropping the rows whose
    keys the build side lacks before the one copy filtering makes: TPC-H Q3 kept 3.2M of 6M
    lineitem rows by date, copied them, and the join then matched 30k."""
    from dfengine.functions.arrays import bool_array

    table = read_piece(fmt, piece, schema, columns, keys, options, keep_dictionary=True)
    mask = _filter_mask(table, filters)
    if mask is None or _kept_share(mask) > _KEY_FILTER_SHARE:  # else few rows to copy anyway
        member = index.may_match(table, probe_keys)
        if member is not None:
            member = bool_array(member)
            mask = member if mask is None else pc.and_(mask, member)
    rows = table.select(keep) if keep is not None else table
    return decode_dictionaries(rows if mask is None else keep_rows(rows, mask), encoded)


# The key test costs a pass over every row's key; when the scan's own filters keep fewer
# rows than this share (Q19 keeps 2% of lineitem), the copy it would save is small.
_KEY_FILTER_SHARE = 0.2


def _kept_share(mask: Any) -> float:
    return (pc.sum(mask).as_py() or 0) / max(len(mask), 1)  # NULL rows are not kept


def _with_key_filter(task: Task, probe_keys: tuple[str, ...], index: Any) -> Task:
    """A plain scan task (measured or not) read with `_read_matching` against the join's
    index task."""
    if not (isinstance(task, tuple) and len(task) == 1):
        return task
    head = task[0]
    inner = getattr(head, "fn", head)  # a measured call (metrics.OpCall) keeps it in `fn`
    if not (isinstance(inner, partial) and inner.func is _read and not inner.keywords):
        return task
    call = partial(_read_matching, *inner.args, list(probe_keys))
    return (call if inner is head else dataclasses.replace(head, fn=call), index)


def _apply_filters(table: pa.Table, filters: tuple, keep: list[str] | None = None,
                   mask: Any = None) -> pa.Table:
    """Rows passing every filter, of the `keep` columns (columns only the filters read are
    dropped before the one copy that filtering makes); `mask` if already computed."""
    if not filters:
        return table.select(keep) if keep is not None else table
    # One mask, one copy: filtering after each predicate would copy every column each time.
    if mask is None:
        mask = _filter_mask(table, filters)
    return keep_rows(table.select(keep) if keep is not None else table, mask)


def keep_rows(table: pa.Table, mask: Any) -> pa.Table:
    """`table.filter(mask)`, without the copy of every column when every row passes (an
    inferred `IS NOT NULL` on a column with no NULLs, a row group inside a date range)."""
    if (isinstance(mask, (pa.Array, pa.ChunkedArray)) and len(mask) == table.num_rows
            and not mask.null_count and pc.all(mask).as_py() is not False):
        return table
    return table.filter(mask)


def _filter_mask(table: pa.Table, filters: tuple) -> Any:
    """The rows passing every pushed filter (NULL: not passing); None without filters."""
    if not filters:
        return None
    mask = _scan_predicate(filters[0], table)
    for f in filters[1:]:
        mask = pc.and_(mask, _scan_predicate(f, table))
    return mask


def _scan_predicate(f: Expression, table: pa.Table) -> Any:
    """A pushed filter's mask; on a dictionary column (`l_shipmode IN ('AIR', 'REG AIR')`)
    it is evaluated once per distinct value and spread to the rows by their indices."""
    refs = {a.key for a in f.references()}
    coded = [k for k in refs if pa.types.is_dictionary(table.schema.field(k).type)]
    if not coded:
        return evaluate_predicate(f, table)
    if len(refs) == 1 and f.deterministic:
        col = table.column(coded[0])
        if col.num_chunks == 0:
            return pa.array([], pa.bool_())
        dictionary = col.chunk(0).dictionary
        # the values, then NULL (what `x IS NULL` is true for) at index len(dictionary)
        values = pa.table({coded[0]: pa.concat_arrays([dictionary,
                                                       pa.nulls(1, dictionary.type)])})
        per_value = evaluate_predicate(f, values)
        per_value = per_value.combine_chunks() if isinstance(per_value, pa.ChunkedArray) else (
            per_value)
        return pa.chunked_array([_spread(per_value, c) for c in col.chunks], pa.bool_())
    decoded = decode_dictionaries(table.select(list(refs)))
    return evaluate_predicate(f, decoded)


def _spread(per_value: pa.Array, chunk: pa.DictionaryArray) -> pa.Array:
    """Each row's value of a predicate evaluated once per dictionary entry (NULL rows take
    the last entry), looked up in NumPy: Arrow's `take` of booleans was 3x slower."""
    import numpy as np

    from dfengine.functions.arrays import bool_array

    lut = np.asarray(pc.fill_null(per_value, False).to_numpy(zero_copy_only=False), np.bool_)
    idx = chunk.indices
    if idx.null_count:
        idx = pc.fill_null(idx.cast(pa.int32()), pa.scalar(len(per_value) - 1, pa.int32()))
    codes = np.asarray(idx.to_numpy(zero_copy_only=False))

    def look_up(table: np.ndarray) -> np.ndarray:  # np.take of bytes: 2x bool fancy indexing
        return np.take(table.view(np.uint8), codes).view(np.bool_)

    if not per_value.null_count:
        return bool_array(look_up(lut))
    valid = np.asarray(per_value.is_valid().to_numpy(zero_copy_only=False), np.bool_)
    return bool_array(look_up(lut), look_up(valid))


def _from_shared(columns: list[str], keys: list[str], filters: tuple, keep: list[str] | None,
                 shared: pa.Table) -> pa.Table:
    """This scan's columns of a piece read once for several scans, named and filtered."""
    cols = [shared.column(c) for c in columns]
    return _apply_filters(make_table(cols, keys, shared.num_rows), filters, keep)


@dataclass(frozen=True)
class ScanPartial:
    """A scan that returns partial aggregation states instead of rows (see
    `operators.scan_aggregate`): `fused` computes them from the unfiltered piece, and a
    piece it declines runs the usual filter, then `steps` (pre-aggregate projection and
    partial aggregation) on the filtered rows."""

    fused: Any
    steps: tuple[Step, ...]
    filters: tuple[Expression, ...]
    keep: list[str] | None
    encoded: frozenset[str]

    def __call__(self, index: int, table: pa.Table) -> pa.Table:
        mask = _filter_mask(table, self.filters)
        out = self.fused(table, mask)
        if out is not None:
            return out
        rows = decode_dictionaries(_apply_filters(table, self.filters, self.keep, mask),
                                   self.encoded)
        return run_steps(self.steps, index, rows)


@dataclass(frozen=True)
class PartialStep:
    """A fused chain's last step computing partial aggregation states from its input
    rows with `fused` (`operators.scan_aggregate`), or, for a table it declines, with
    `steps` (pre-aggregate projection, then partial aggregation)."""

    fused: Any
    steps: tuple[Step, ...]

    def __call__(self, table: pa.Table, ctx: EvalContext) -> pa.Table:
        out = self.fused(table, None)
        if out is not None:
            return out
        for s in self.steps:
            table = s(table, ctx)
        return table


def _read_partial(fmt: str, piece: Piece, schema: Any, columns: list[str], keys: list[str],
                  options: dict[str, str], reduce: ScanPartial, index: int) -> pa.Table:
    table = read_piece(fmt, piece, schema, columns, keys, options, keep_dictionary=True)
    return reduce(index, table)


def _no_rows(types: list[pa.DataType], keys: list[str], keep: list[str] | None,
             reduce: ScanPartial | None) -> pa.Table:
    """The one partition of a scan that found no data files (an empty directory, only empty
    files): no rows but every column, so that a global aggregate still gives its one row."""
    table = make_table([pa.array([], t) for t in types], keys, 0)
    if reduce is not None:
        return reduce(0, table)
    return table.select(keep) if keep is not None else table


def _shared_partial(columns: list[str], keys: list[str], reduce: ScanPartial, index: int,
                    shared: pa.Table) -> pa.Table:
    cols = [shared.column(c) for c in columns]
    return reduce(index, make_table(cols, keys, shared.num_rows))




@dataclass
class ScanExec(PhysicalPlan):
    fmt: str
    pieces: list[Piece]
    schema: Any
    attrs: list[AttributeReference]
    options: dict[str, str]
    filters: tuple[Expression, ...] = ()
    label: str = ""
    pruned: int = 0
    keep: list[AttributeReference] | None = None  # output, when filters read more columns
    # columns left dictionary-encoded for a consumer that reads the codes (grouping keys)
    encoded: frozenset[str] = frozenset()
    # partial aggregation states computed in the scan's tasks (`aggregate_partial`)
    partial_agg: Any = None
    partial_steps: tuple = ()
    # set when a broadcast join above reads this scan with `_read_matching`: rows whose keys
    # the build side lacks are dropped here (a run-time filter, shown by explain analyze)
    key_filter: tuple[str, ...] = ()

    @property
    def output(self) -> list[AttributeReference]:
        return self.keep if self.keep is not None else self.attrs

    def read_key(self, piece: Piece) -> tuple:
        """What identifies one read of a piece, whatever columns are taken from it."""
        return (self.fmt, piece, tuple(sorted(self.options.items())), repr(self.schema))

    def lower(self, b: Builder) -> list[Task]:
        cols = [a.name for a in self.attrs]
        keys = _keys(self.attrs)
        keep = _keys(self.keep) if self.keep is not None else None
        if not self.pieces:
            reduce = ScanPartial(self.partial_agg, self.partial_steps, self.filters, keep,
                                 self.encoded) if self.partial_agg is not None else None
            return [(partial(_no_rows, [to_arrow_type(a.data_type) for a in self.attrs], keys,
                             keep, reduce),)]
        if self.partial_agg is not None:
            return self._lower_partial(b, cols, keys, keep)
        tasks = []
        for p in self.pieces:
            shared = b.shared_read(self, p)
            if shared is not None:
                tasks.append((partial(_from_shared, cols, keys, self.filters, keep), shared))
            else:
                tasks.append((partial(_read, self.fmt, p, self.schema, cols, keys,
                                      self.options, self.filters, keep,
                                      self.encoded),))
        return tasks

    def _lower_partial(self, b: Builder, cols: list[str], keys: list[str],
                       keep: list[str] | None) -> list[Task]:
        reduce = ScanPartial(self.partial_agg, self.partial_steps, self.filters, keep,
                             self.encoded)
        tasks = []
        for i, p in enumerate(self.pieces):
            shared = b.shared_read(self, p)
            if shared is not None:
                tasks.append((partial(_shared_partial, cols, keys, reduce, i), shared))
            else:
                tasks.append((partial(_read_partial, self.fmt, p, self.schema, cols, keys,
                                      self.options, reduce, i),))
        return tasks

    def node_string(self) -> str:
        s = f"ScanExec {self.fmt} {self.label} [{_names(self.output)}] pieces={len(self.pieces)}"
        if self.keep is not None:
            s += f" read=[{_names(self.attrs)}]"
        if self.pruned:
            s += f" pruned_row_groups={self.pruned}"
        if self.filters:
            s += f" filters=[{', '.join(f.sql() for f in self.filters)}]"
        if self.encoded:
            s += f" encoded=[{_names([a for a in self.output if a.key in self.encoded])}]"
        if self.partial_agg is not None:
            s += f" partial_aggregate=[{self.partial_agg.label()}]"
        if self.key_filter:
            s += f" key_filter=[{', '.join(k.rsplit('#', 1)[0] for k in self.key_filter)}]"
        return s


def _const(table: pa.Table) -> pa.Table:
    return table


@dataclass
class LocalScanExec(PhysicalPlan):
    table: pa.Table
    attrs: list[AttributeReference]
    num_partitions: int = 1

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    def lower(self, b: Builder) -> list[Task]:
        t = self.table.rename_columns(_keys(self.attrs)) if self.attrs else make_table(
            [], [], self.table.num_rows)
        n = max(1, min(self.num_partitions, t.num_rows or 1))
        # Spark's ParallelCollectionRDD slices: rows [i*len/n, (i+1)*len/n)
        cuts = [i * t.num_rows // n for i in range(n + 1)]
        return [(partial(_const, t.slice(cuts[i], cuts[i + 1] - cuts[i])),) for i in range(n)]

    def node_string(self) -> str:
        return f"LocalTableScan [{_names(self.attrs)}] rows={self.table.num_rows}"


def _range_part(start: int, end: int, step: int, key: str) -> pa.Table:
    """Built from the NumPy buffer: `pa.array(ndarray)` would import pandas (pyarrow's pandas
    shim checks every input for a Series), 0.2 s of a fresh process's first `range().count()`."""
    import numpy as np

    from dfengine.types.arrow import int64_array

    return pa.Table.from_arrays([int64_array(np.arange(start, end, step))], names=[key])


@dataclass
class RangeExec(PhysicalPlan):
    start: int
    end: int
    step: int
    num_partitions: int
    attr: AttributeReference

    @property
    def output(self) -> list[AttributeReference]:
        return [self.attr]

    def lower(self, b: Builder) -> list[Task]:
        total = max(0, -(-(self.end - self.start) // self.step)) if self.step else 0
        n = max(1, self.num_partitions)
        tasks = []
        for i in range(n):
            lo = self.start + (total * i // n) * self.step
            hi = self.start + (total * (i + 1) // n) * self.step
            tasks.append((partial(_range_part, lo, hi, self.step, self.attr.key),))
        return tasks

    def node_string(self) -> str:
        return f"RangeExec ({self.start}, {self.end}, step={self.step}) splits={self.num_partitions}"


def _rename_to(keys: list[str], table: pa.Table) -> pa.Table:
    if not keys:
        return make_table([], [], table.num_rows)
    return table.rename_columns(keys)


@dataclass
class DelayedScanExec(PhysicalPlan):
    parts: list[Any]
    attrs: list[AttributeReference]
    label: str = "Delayed"

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    def lower(self, b: Builder) -> list[Task]:
        from dask.delayed import Delayed

        tasks = []
        for p in self.parts:
            if isinstance(p, Delayed):
                b.graph.update(dict(p.__dask_graph__()))
                tasks.append((partial(_rename_to, _keys(self.attrs)), p.key))
            else:
                tasks.append((partial(_rename_to, _keys(self.attrs)), p))
        return tasks

    def node_string(self) -> str:
        return f"{self.label}Scan [{_names(self.attrs)}] partitions={len(self.parts)}"


# -------------------------------------------------------------------------------- narrow


def run_steps(steps: tuple[Step, ...], index: int, table: pa.Table) -> pa.Table:
    ctx = EvalContext(index)
    for s in steps:
        table = s(table, ctx)
    return table


def project_step(exprs: tuple[Expression, ...], keys: tuple[str, ...], table: pa.Table,
                 ctx: EvalContext) -> pa.Table:
    shared = EvalContext(ctx.partition_index, {})  # common subexpressions, this table only
    arrays = []
    for e in exprs:
        encoded = _encoded_column(e, table)
        arrays.append(encoded if encoded is not None else evaluate_column(e, table, shared))
    return make_table(arrays, list(keys), table.num_rows)


def _encoded_column(e: Expression, table: pa.Table) -> pa.ChunkedArray | None:
    """A column a scan left dictionary-encoded (`ScanExec.encoded`) passes through as it is:
    evaluating it would decode the strings its consumer groups by their codes."""
    if isinstance(e, AttributeReference) and e.key in table.column_names and (
            pa.types.is_dictionary(table.schema.field(e.key).type)):
        return table.column(e.key)
    return None


def filter_step(cond: Expression, table: pa.Table, ctx: EvalContext) -> pa.Table:
    return keep_rows(table, evaluate_predicate(cond, table, ctx))


def limit_step(n: int, table: pa.Table, ctx: EvalContext) -> pa.Table:
    return table.slice(0, n)


@dataclass
class NarrowExec(PhysicalPlan):
    """A fused chain of per-partition steps (project, filter, map, partial aggregate...)."""

    steps: tuple[Step, ...]
    labels: tuple[str, ...]
    child: PhysicalPlan
    attrs: list[AttributeReference]

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return (self.child,)

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    def lower(self, b: Builder) -> list[Task]:
        return [(partial(run_steps, self.steps, i), t)
                for i, t in enumerate(self.child.lower(b))]

    def node_string(self) -> str:
        return "Fused[" + " -> ".join(reversed(self.labels)) + "]"


def narrow(child: PhysicalPlan, step: Step, label: str,
           attrs: list[AttributeReference]) -> NarrowExec:
    """Append a step, fusing with the child's chain when it is one."""
    if isinstance(child, NarrowExec):
        return NarrowExec(child.steps + (step,), child.labels + (label,), child.child, attrs)
    return NarrowExec((step,), (label,), child, attrs)


# ------------------------------------------------------------------------------ exchange


def concat(tables: list[pa.Table]) -> pa.Table:
    tables = [t for t in tables if t is not None]
    if len(tables) == 1:
        return tables[0]
    return pa.concat_tables(tables, promote_options="permissive")


def hash_split(key_exprs: tuple[Expression, ...], n: int, table: pa.Table,
               compact: bool = True) -> list[pa.Table]:
    if n == 1:
        return [table]
    from dfengine.compute.evaluate import evaluate
    from dfengine.functions.arrays import broadcast

    if compact:
        release_unused()
    cols = [broadcast(evaluate(e, table, EvalContext()), table.num_rows) for e in key_exprs]
    order, counts = partition_order(partition_ids(cols, n), n)
    return take_buckets(table, order, counts, compact)


def release_unused() -> None:
    """Give the memory Arrow's allocator keeps after frees back to the system. mimalloc (the
    wheels' default pool) kept ~500 MB of a 1 GiB worker after a task's temporaries were
    freed, and Dask then counts it as unmanaged memory, pauses the worker at 80% and restarts
    it at 95%. Called as a cluster task starts; the embedded runtime keeps freed memory
    on purpose (`runtime.keep_freed_memory`)."""
    pa.default_memory_pool().release_unused()


def concat_released(tables: list[pa.Table]) -> pa.Table:
    release_unused()
    return concat(tables)


def take_buckets(table: pa.Table, order: Any, counts: Any,
                 compact: bool = True) -> list[pa.Table]:
    """Bucket j = the rows `order[start_j : start_j + counts[j]]`.

    `compact`: each bucket its own table. Slices of one reordered table would each keep the
    whole table's buffers alive, and Dask sizes a slice by those buffers: every bucket would
    weigh as much as the whole split, so a cluster's scheduler would believe a reducer's
    inputs are the whole dataset (the "Task has 83 GiB worth of input dependencies" refusal)
    and spill nothing useful. Within one process (the "inline" exchange) slices of one
    `take` are cheaper for many buckets and nobody sizes them."""
    if not compact:
        reordered = table.take(pa.array(order))
        starts = [0]
        for c in counts:
            starts.append(starts[-1] + int(c))
        return [reordered.slice(a, b - a) for a, b in zip(starts, starts[1:])]
    out, start = [], 0
    for c in counts:
        c = int(c)
        out.append(table.take(pa.array(order[start:start + c])) if c else table.slice(0, 0))
        start += c
    return out


# A reducer whose inputs exceed this many bytes works through them in sub-partitions (a
# second level of hash partitioning, as Spark's and DuckDB's spilling hash operators do), so
# its hash table holds one sub-partition at a time. conf dfengine.execution.partitionBudget.
PARTITION_BUDGET = 256 * 1024 * 1024


def sub_count(nbytes: int, budget: int) -> int:
    """Sub-partitions that bring `nbytes` under `budget` each."""
    return max(1, -(-int(nbytes) // max(budget, 1)))


def sub_partitions(tables: list[pa.Table], keys: list[str], k: int) -> list[list[pa.Table]]:
    """The rows of `tables` in exactly k groups by a second hash of `keys` (its high bits:
    the exchange placed rows by the hash modulo n), so that group i of any table holds the
    same keys as group i of another."""
    import numpy as np

    from dfengine.kernels.hashing import hash_columns

    if k <= 1 or not keys:
        return [tables] + [[] for _ in range(k - 1)]
    out: list[list[pa.Table]] = [[] for _ in range(k)]
    for t in tables:
        if t.num_rows == 0:
            continue
        sub = ((hash_columns([t.column(c) for c in keys]) >> np.uint64(32))
               % np.uint64(k)).astype(np.int64)
        order, counts = partition_order(sub, k)
        for i, piece in enumerate(take_buckets(t, order, counts)):
            out[i].append(piece)
    return out


def shuffle(b: Builder, tasks: list[Task], key_exprs: tuple[Expression, ...], n: int,
            prefix: str = "shuffle") -> list[Task]:
    """Hash-partition the partitions `tasks` into `n`: split each, then gather bucket j."""
    compact = b.shuffle_method == "tasks"
    split_keys = b.emit(f"{prefix}-split", [(partial(hash_split, key_exprs, n, compact=compact),
                                             t) for t in tasks])
    return exchange(b, split_keys, n, prefix)


def exchange(b: Builder, split_keys: list, n: int, prefix: str) -> list[Task]:
    """Reducer j's task over the split outputs (each a list of `n` buckets).

    With `b.shuffle_method == "tasks"` (Dask's task shuffle: split / getitem / concat) bucket
    (k, j) is a task of its own that runs where split k ran, so reducer j depends on its `m`
    buckets only and only those move to its worker. "inline" puts the getitems inside the
    reducer, which then depends on every whole split output (fine in one process)."""
    m = len(split_keys)
    if b.shuffle_method == "inline":
        return [(concat, [(operator.getitem, k, j) for k in split_keys]) for j in range(n)]
    buckets = b.emit(f"{prefix}-bucket", [(operator.getitem, k, j) for j in range(n)
                                          for k in split_keys])
    return [(concat_released, buckets[j * m:(j + 1) * m]) for j in range(n)]


def gather(b: Builder, tasks: list[Task], prefix: str = "gather") -> Task:
    if len(tasks) == 1:
        return tasks[0]
    keys = b.emit(prefix, tasks)
    return (concat, list(keys))


@dataclass
class ExchangeExec(PhysicalPlan):
    keys: tuple[Expression, ...]
    num_partitions: int
    child: PhysicalPlan
    by_id: bool = False  # keys[0] is each row's partition (repartitionById)

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return (self.child,)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def lower(self, b: Builder) -> list[Task]:
        tasks = self.child.lower(b)
        if self.by_id:
            keys = b.emit("repartition-split", [(partial(_split_by_id, self.keys[0],
                                                         self.num_partitions), t)
                                                for t in tasks])
            return exchange(b, keys, self.num_partitions, "repartition")
        if not self.keys:
            return _round_robin(b, tasks, self.num_partitions)
        return shuffle(b, tasks, self.keys, self.num_partitions)

    def node_string(self) -> str:
        how = "by id [" + self.keys[0].sql() + "]" if self.by_id else "hash [" + ", ".join(
            k.sql() for k in self.keys) + "]" if self.keys else "round robin"
        return f"Exchange {how} n={self.num_partitions}"


def _split_round_robin(n: int, start: int, table: pa.Table) -> list[pa.Table]:
    """Spark's round robin: row i of this input partition goes to partition (start + i) % n,
    so even a small input reaches every output partition. Spark starts each input partition
    at a random position; `start` spreads the input partitions evenly instead."""
    import numpy as np

    buckets = (np.arange(table.num_rows, dtype=np.int64) + start) % n
    order, counts = partition_order(buckets, n)
    return take_buckets(table, order, counts)


def _split_by_id(key: Expression, n: int, table: pa.Table) -> list[pa.Table]:
    """repartitionById: each row to partition pmod(key, n), a NULL key to partition 0."""
    import numpy as np

    from dfengine.compute.evaluate import evaluate
    from dfengine.functions.arrays import broadcast

    ids = broadcast(evaluate(key, table, EvalContext()), table.num_rows)
    ids = pc.fill_null(pc.cast(ids, pa.int64()), 0)
    buckets = np.mod(np.asarray(ids, dtype=np.int64), n)
    order, counts = partition_order(buckets, n)
    return take_buckets(table, order, counts)


def _round_robin(b: Builder, tasks: list[Task], n: int) -> list[Task]:
    m = len(tasks)
    keys = b.emit("repartition-split", [(partial(_split_round_robin, n, k * n // m), t)
                                        for k, t in enumerate(tasks)])
    return exchange(b, keys, n, "repartition")


@dataclass
class CoalesceExec(PhysicalPlan):
    num_partitions: int
    child: PhysicalPlan

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return (self.child,)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def lower(self, b: Builder) -> list[Task]:
        tasks = self.child.lower(b)
        if len(tasks) <= self.num_partitions:
            return tasks
        keys = b.emit("coalesce-in", tasks)
        n = self.num_partitions
        groups = [keys[len(keys) * i // n: len(keys) * (i + 1) // n] for i in range(n)]
        return [(concat, list(g)) for g in groups]

    def node_string(self) -> str:
        return f"Coalesce n={self.num_partitions}"


# ----------------------------------------------------------------------------- aggregate


def partial_agg_step(keys: list[str], specs: list[agg.AggSpec], table: pa.Table,
                     ctx: EvalContext) -> pa.Table:
    return agg.partial(table, keys, specs)


def merge_states(keys: list[str], specs: list[agg.AggSpec], tables: list[pa.Table]) -> pa.Table:
    return agg.merge(tables, keys, specs)


def merge_bounded(keys: list[str], specs: list[agg.AggSpec], budget: int, release: bool,
                  tables: list[pa.Table]) -> pa.Table:
    """`merge_states` of a shuffle partition, one key sub-partition at a time when the
    states exceed `budget` bytes (`release`: on a cluster, see `release_unused`)."""
    if release:
        release_unused()
    k = sub_count(sum(t.nbytes for t in tables), budget)
    if k == 1:
        return agg.merge(tables, keys, specs)
    merged = [agg.merge(g, keys, specs) for g in sub_partitions(tables, keys, k) if g]
    return concat(merged) if merged else agg.merge(tables, keys, specs)


def finalize_step(keys: list[str], specs: list[agg.AggSpec], post: tuple[Expression, ...],
                  out_keys: tuple[str, ...], table: pa.Table) -> pa.Table:
    result = agg.finalize(table, keys, specs)
    return project_step(post, out_keys, result, EvalContext())


def complete_step(keys: list[str], specs: list[agg.AggSpec], post: tuple[Expression, ...],
                  out_keys: tuple[str, ...], table: pa.Table) -> pa.Table:
    result = agg.complete(table, keys, specs)
    return project_step(post, out_keys, result, EvalContext())


@dataclass
class HashAggregateExec(PhysicalPlan):
    """Two-phase aggregation. The child produces the grouping keys and aggregate inputs as
    columns (`group_keys`, each spec's `inputs`); `post` computes the output columns from the
    finalized keys and aggregate values."""

    group_keys: list[str]
    specs: list[agg.AggSpec]
    post: tuple[Expression, ...]
    attrs: list[AttributeReference]
    child: PhysicalPlan
    num_partitions: int = 1
    fan_in: int = 8
    budget: int = PARTITION_BUDGET
    partial_in_child: bool = False  # the child's tasks return partial states already

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return (self.child,)

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    @property
    def two_phase(self) -> bool:
        return all(s.decomposable for s in self.specs)

    def lower(self, b: Builder) -> list[Task]:
        keys, specs = self.group_keys, self.specs
        out_keys = tuple(_keys(self.attrs))
        child_tasks = self.child.lower(b)
        if not self.two_phase:
            if keys and self.num_partitions > 1:
                exprs = tuple(_col_ref(k) for k in keys)
                parts = shuffle(b, child_tasks, exprs, self.num_partitions, "agg-shuffle")
            else:
                parts = [gather(b, child_tasks, "agg-gather")]
            return [(partial(complete_step, keys, specs, self.post, out_keys), p) for p in parts]
        partials = child_tasks if self.partial_in_child else [
            (partial(run_steps, (partial(partial_agg_step, keys, specs),), i), t)
            for i, t in enumerate(child_tasks)]
        if keys and self.num_partitions > 1:
            exprs = tuple(_col_ref(k) for k in keys)
            parts = shuffle(b, partials, exprs, self.num_partitions, "agg-shuffle")
            fin = partial(finalize_step, keys, specs, self.post, out_keys)
            return [(fin, (partial(merge_bounded, keys, specs, self.budget,
                                   p[0] is concat_released), p[1])) for p in parts]
        level = b.emit("agg-partial", partials)
        while len(level) > self.fan_in:
            groups = [level[i:i + self.fan_in] for i in range(0, len(level), self.fan_in)]
            level = b.emit("agg-combine", [(partial(merge_states, keys, specs), list(g))
                                           for g in groups])
        final = (partial(merge_states, keys, specs), list(level))
        return [(partial(finalize_step, keys, specs, self.post, out_keys), final)]

    def node_string(self) -> str:
        fns = ", ".join(f"{s.func}{'(distinct)' if s.distinct else ''}" for s in self.specs)
        mode = "partial->merge->final" if self.two_phase else "complete"
        if self.partial_in_child:
            mode = "partial(fused)->merge->final"
        if self.group_keys and self.num_partitions > 1:
            where = f" hash-exchange n={self.num_partitions}"
        else:
            where = f" tree fan_in={self.fan_in}" if self.two_phase else " gathered"
        return (f"HashAggregate keys={len(self.group_keys)} [{fns}] {mode}{where} "
                f"-> [{_names(self.attrs)}]")


def _col_ref(key: str, dtype: Any = None) -> Expression:
    """An expression reading the physical column `key` (exchange keys, synthetic columns)."""
    return KeyColumn(key, dtype)


@dataclass(frozen=True)
class KeyColumn(Expression):
    col: str
    dtype: Any = None

    @property
    def resolved(self) -> bool:
        return True

    @property
    def data_type(self) -> Any:
        return self.dtype

    @property
    def nullable(self) -> bool:
        return True

    def sql(self) -> str:
        return self.col.split("#")[0]

    def evaluate_arrow(self, table: pa.Table, ctx: EvalContext) -> Any:
        return table.column(self.col)


# ---------------------------------------------------------------------------------- joins


def join_step(lkeys: list[str], rkeys: list[str], how: str, residual: Expression | None,
              out_keys: list[str], build_left: bool, probe: pa.Table, build: Any) -> pa.Table:
    """Join one probe partition; `build` is a table or a prebuilt `JoinIndex` of one."""
    index = build if isinstance(build, JoinIndex) else None
    build_table = index.table if index is not None else build
    left, right = (build_table, probe) if build_left else (probe, build_table)
    out = hash_join(left, right, lkeys, rkeys, how, residual, index, out_keys)
    return out.select(out_keys) if out_keys != out.column_names else out


def join_bounded(lkeys: list[str], rkeys: list[str], how: str, residual: Expression | None,
                 out_keys: list[str], budget: int, left: pa.Table, right: pa.Table) -> pa.Table:
    """A shuffled join partition; past `budget` bytes, joined one key sub-partition at a
    time (the same second hash splits both sides, so matching keys meet)."""
    k = sub_count(left.nbytes + right.nbytes, budget)
    if k == 1:
        return join_step(lkeys, rkeys, how, residual, out_keys, False, left, right)
    pairs = zip(sub_partitions([left], lkeys, k), sub_partitions([right], rkeys, k))
    return concat([join_step(lkeys, rkeys, how, residual, out_keys, False,
                             concat(lg) if lg else left.slice(0, 0),
                             concat(rg) if rg else right.slice(0, 0)) for lg, rg in pairs])


def table_slice(i: int, k: int, table: pa.Table) -> pa.Table:
    """Slice i of k nearly equal row ranges (zero-copy)."""
    n = table.num_rows
    start, end = i * n // k, (i + 1) * n // k
    return table.slice(start, end - start)


def build_index(keys: list[str], table: pa.Table) -> JoinIndex:
    return JoinIndex(table, keys)


def semi_matches(lkeys: list[str], rkeys: list[str], residual: Expression | None,
                 index: JoinIndex, right: pa.Table) -> Any:
    """Row numbers of the (indexed) left side that some row of `right` matches."""
    import numpy as np

    left = index.table
    if residual is None:
        return np.nonzero(left_rows_matched(left, right, lkeys, rkeys, index))[0]
    cols = unequal_columns(residual, left, right)
    if cols is not None:
        return unequal_matches(left, right, lkeys, rkeys, index, cols)
    li, ri = matching_pairs(left, right, lkeys, rkeys, index)
    li, _ = residual_pairs(left, right, li, ri, residual)
    return np.unique(li)


def semi_finish(how: str, out_keys: list[str], index: JoinIndex, matches: list) -> pa.Table:
    import numpy as np

    left = index.table
    mask = np.zeros(left.num_rows, dtype=bool)
    for m in matches:
        mask[m] = True
    if how == "left_anti":
        mask = ~mask
    out = left.filter(pa.array(mask))
    return out.select(out_keys) if out_keys != out.column_names else out


@dataclass
class HashJoinExec(PhysicalPlan):
    """Equi-join on pre-computed key columns. `broadcast` collects the build side once and
    joins every probe partition against it; otherwise both sides are hash-partitioned."""

    left: PhysicalPlan
    right: PhysicalPlan
    how: str
    lkeys: list[str]
    rkeys: list[str]
    residual: Expression | None
    attrs: list[AttributeReference]
    broadcast: str | None = None  # "left", "right" or None (shuffle)
    num_partitions: int = 1
    budget: int = PARTITION_BUDGET
    # a shuffled join's run-time plan (`adaptive.AdaptiveJoin`): broadcast, coalesce or
    # split skewed partitions once the real sizes are known
    adaptive: Any = None

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return (self.left, self.right)

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    def lower(self, b: Builder) -> list[Task]:
        if self.adaptive is not None and b.stages is not None and self.broadcast is None:
            from dfengine.execution.adaptive import lower_adaptive_join

            return lower_adaptive_join(self, b, b.stages)  # lowers the children itself
        return self.lower_planned(b, self.left.lower(b), self.right.lower(b))

    def lower_planned(self, b: Builder, lt: list[Task], rt: list[Task]) -> list[Task]:
        """The join as planned, over its children's tasks."""
        if self.broadcast is not None:
            build_left = self.broadcast == "left"
            build_tasks, probe_tasks = (lt, rt) if build_left else (rt, lt)
            return self.lower_broadcast(b, self.broadcast, gather(b, build_tasks,
                                                                  "broadcast-in"), probe_tasks)
        n = self.num_partitions
        if not self.lkeys:
            lparts, rparts = [gather(b, lt, "join-gather")], [gather(b, rt, "join-gather")]
        else:
            lparts = shuffle(b, lt, tuple(_col_ref(k) for k in self.lkeys), n, "join-shuffle")
            rparts = shuffle(b, rt, tuple(_col_ref(k) for k in self.rkeys), n, "join-shuffle")
        fn = partial(join_bounded, self.lkeys, self.rkeys, self.how, self.residual,
                     _keys(self.attrs), self.budget)
        return [(fn, lp, rp) for lp, rp in zip(lparts, rparts)]

    def lower_broadcast(self, b: Builder, side: str, build_task: Task,
                        probe_tasks: list[Task]) -> list[Task]:
        """Join every probe partition with the whole `side` (the task `build_task`)."""
        out_keys = _keys(self.attrs)
        build = b.emit("broadcast", [build_task])[0]
        if side == "left" and self.how in ("left_semi", "left_anti") and self.lkeys:
            return self._lower_semi_build_left(b, build, probe_tasks, out_keys)
        build_left = side == "left"
        build_keys = self.lkeys if build_left else self.rkeys
        if build_keys:
            build = b.emit("join-index", [(partial(build_index, build_keys), build)])[0]
        fn = partial(join_step, self.lkeys, self.rkeys, self.how, self.residual, out_keys,
                     build_left)
        probe_keys = tuple(self.rkeys if build_left else self.lkeys)
        if build_keys and (self.how == "inner" or (self.how == "left_semi" and not build_left)):
            # a probe row whose key the build side lacks has no output: drop it in the scan
            filtered = [_with_key_filter(t, probe_keys, build) for t in probe_tasks]
            probe_node = self.right if build_left else self.left
            scan = getattr(probe_node, "inner", probe_node)  # measured: metrics.MeteredExec
            if filtered != probe_tasks and isinstance(scan, ScanExec):
                scan.key_filter = probe_keys
            probe_tasks = filtered
        if self.how == "inner" and self.residual is None and build_keys and out_keys:
            tasks = [chained(t, probe_keys, tuple(out_keys), build, b.meter)
                     for t in probe_tasks]
            return [c if c is not None else (fn, t, build) for c, t in zip(tasks, probe_tasks)]
        return [(fn, t, build) for t in probe_tasks]

    def _lower_semi_build_left(self, b: Builder, build: Any, rt: list[Task],
                               out_keys: list[str]) -> list[Task]:
        """A semi/anti join whose kept side is the small one: broadcast the left side, find
        which of its rows each right partition matches, and union those row numbers."""
        build = b.emit("join-index", [(partial(build_index, self.lkeys), build)])[0]
        fn = partial(semi_matches, self.lkeys, self.rkeys, self.residual)
        matches = b.emit("semi-probe", [(fn, build, t) for t in rt])
        return [(partial(semi_finish, self.how, out_keys), build, list(matches))]

    def node_string(self) -> str:
        kind = f"BroadcastHashJoin(build={self.broadcast})" if self.broadcast else (
            f"ShuffledHashJoin(n={self.num_partitions})")
        if self.adaptive is not None and self.adaptive.final is not None:
            kind = f"{self.adaptive.final} (adaptive; planned {kind})"
        cond = ", ".join(f"{a.split('#')[0]} = {c.split('#')[0]}" for a, c in zip(self.lkeys,
                                                                                   self.rkeys))
        res = f" residual={self.residual.sql()}" if self.residual is not None else ""
        return f"{kind} {self.how} [{cond}]{res}"


# ------------------------------------------------------------------------- sort and limit


def sort_step(keys: list[SortKey], table: pa.Table) -> pa.Table:
    return sort_table(table, keys)


def topk_step(keys: list[SortKey], k: int, offset: int, table: pa.Table) -> pa.Table:
    return top_k(table, keys, k + offset).slice(offset, k)


def partial_topk(keys: list[SortKey], k: int, table: pa.Table, ctx: EvalContext) -> pa.Table:
    return top_k(table, keys, k)


def range_split(keys: list[SortKey], n: int, table: pa.Table, bounds: pa.Table) -> list[
        pa.Table]:
    """Split a partition into the n key ranges cut by `bounds` (each piece already sorted)."""
    if n == 1 or table.num_rows == 0:
        return [table] + [table.slice(0, 0)] * (n - 1)
    release_unused()
    rows, counts = range_order(keys, n, table, bounds)
    return take_buckets(table, rows, counts)


# sampled key rows per input partition and output range (Spark's RangePartitioner takes 20)
SAMPLE_PER_RANGE = 20


def range_sort(b: Builder, tasks: list[Task], keys: list[SortKey], n: int) -> list[Task]:
    """A distributed sort into n ranges (sample -> bounds -> split -> exchange -> sort)."""
    inputs = b.emit("sort-in", tasks)
    size = max(100, SAMPLE_PER_RANGE * n * 3 // max(len(inputs), 1))
    samples = b.emit("sort-sample", [(partial(sample_keys, keys, size, i), k)
                                     for i, k in enumerate(inputs)])
    bounds = b.emit("sort-bounds", [(partial(range_bounds, keys, n), list(samples))])[0]
    splits = b.emit("sort-split", [(partial(range_split, keys, n), k, bounds) for k in inputs])
    return [(partial(sort_step, keys), p) for p in exchange(b, splits, n, "sort")]


@dataclass
class SortExec(PhysicalPlan):
    """Global sort. With `limit`, each partition keeps only its top rows, then one task
    takes the top of those (TopK). Else, with `num_partitions` > 1, a distributed sort into
    that many key ranges (`range_sort`); with 1, every partition is gathered and sorted in
    one task."""

    keys: list[SortKey]
    child: PhysicalPlan
    limit: int | None = None
    offset: int = 0
    num_partitions: int = 1

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return (self.child,)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def lower(self, b: Builder) -> list[Task]:
        tasks = self.child.lower(b)
        if self.limit is not None:
            k = self.limit + self.offset
            tasks = [(partial(run_steps, (partial(partial_topk, self.keys, k),), i), t)
                     for i, t in enumerate(tasks)]
            return [(partial(topk_step, self.keys, self.limit, self.offset),
                     gather(b, tasks, "topk"))]
        if self.num_partitions > 1:
            return range_sort(b, tasks, self.keys, self.num_partitions)
        return [(partial(sort_step, self.keys), gather(b, tasks, "sort"))]

    def node_string(self) -> str:
        ks = ", ".join(f"{k.split('#')[0]} {'ASC' if a else 'DESC'}" for k, a, _ in self.keys)
        lim = f" limit={self.limit}" if self.limit is not None else ""
        ranges = f" range-partitioned n={self.num_partitions}" if (
            self.limit is None and self.num_partitions > 1) else ""
        return f"Sort [{ks}]{lim}{ranges}"


def global_limit(n: int, offset: int, tables: list[pa.Table]) -> pa.Table:
    out = []
    need = n + offset
    for t in tables:
        if need <= 0:
            break
        t = t.slice(0, need)
        out.append(t)
        need -= t.num_rows
    if not out:
        return tables[0].slice(0, 0)
    return concat(out).slice(offset, n)


@dataclass
class LimitExec(PhysicalPlan):
    n: int
    offset: int
    child: PhysicalPlan

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return (self.child,)

    @property
    def output(self) -> list[AttributeReference]:
        return self.child.output

    def lower(self, b: Builder) -> list[Task]:
        k = self.n + self.offset
        tasks = [(partial(run_steps, (partial(limit_step, k),), i), t)
                 for i, t in enumerate(self.child.lower(b))]
        keys = b.emit("limit", tasks) if len(tasks) > 1 else tasks
        return [(partial(global_limit, self.n, self.offset), list(keys))]

    def node_string(self) -> str:
        return f"Limit {self.n}" + (f" offset={self.offset}" if self.offset else "")


@dataclass
class UnionExec(PhysicalPlan):
    inputs: list[PhysicalPlan]
    attrs: list[AttributeReference]

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return tuple(self.inputs)

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    def lower(self, b: Builder) -> list[Task]:
        out: list[Task] = []
        keys = _keys(self.attrs)
        for child in self.inputs:
            out.extend((partial(_rename_to, keys), t) for t in child.lower(b))
        return out

    def node_string(self) -> str:
        return f"Union [{_names(self.attrs)}]"


@dataclass
class CachedExec(PhysicalPlan):
    """Partitions of a cached DataFrame, held on the workers as futures."""

    entry: Any
    attrs: list[AttributeReference]

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    def lower(self, b: Builder) -> list[Task]:
        futures = self.entry.futures()
        keys = _keys(self.attrs)
        return [(partial(_rename_to, keys), f) for f in futures]

    def node_string(self) -> str:
        return f"InMemoryTableScan [{_names(self.attrs)}]"


@dataclass
class GenericExec(PhysicalPlan):
    """An operator defined by a lowering function (window, set operations, ...)."""

    label: str
    inputs: list[PhysicalPlan]
    attrs: list[AttributeReference]
    lower_fn: Callable[[Builder, list[list[Task]]], list[Task]] = field(repr=False,
                                                                       default=None)

    @property
    def children(self) -> tuple[PhysicalPlan, ...]:  # type: ignore[override]
        return tuple(self.inputs)

    @property
    def output(self) -> list[AttributeReference]:
        return self.attrs

    def lower(self, b: Builder) -> list[Task]:
        return self.lower_fn(b, [c.lower(b) for c in self.inputs])

    def node_string(self) -> str:
        return self.label
