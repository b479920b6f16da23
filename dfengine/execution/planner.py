"""Physical planning: choose an operator for each logical node and lower expressions that
operators need as columns (grouping keys, aggregate inputs, join keys, sort keys) into
pre-projections. Narrow operators are fused with their child here (`physical.narrow`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.compute.evaluate import EvalContext, evaluate_column
from dfengine.datasource.pruning import prune_pieces
from dfengine.datasource.scan import make_table, plan_pieces
from dfengine.datasource.sizing import balance_pieces, split_pieces
from dfengine.execution import physical as P
from dfengine.execution.operators.aggregate import AggSpec
from dfengine.execution.operators.scan_aggregate import plan_fused
from dfengine.execution.operators.set_operations import plan_set_operation
from dfengine.execution.operators.window import plan_window
from dfengine.functions.aggregates import MULTI_INPUT
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.builder import ROW_GENERATORS
from dfengine.plan.expressions import AttributeReference
from dfengine.plan.python_udf import PythonAggregate, PythonUDTFCall

# Planners for node types defined by other packages (window, set operations, ...):
# fn(planner, node) -> PhysicalPlan.


def _drop_unread_columns(child: P.PhysicalPlan, exprs: Any) -> P.PhysicalPlan:
    """The child outputs only the columns `exprs` read, when it can skip the others:
    a filtered scan drops the columns its pushed filters alone need (Q6's l_shipdate,
    l_quantity) before filtering copies the rows; a join never gathers its key columns or
    what only its residual reads for the joined rows (Q5's first join: 1.2M rows, a third of
    them keys)."""
    scan = isinstance(child, P.ScanExec) and child.filters and child.keep is None
    if not (scan or isinstance(child, P.HashJoinExec)):
        return child
    ids = {a.expr_id for e in exprs for a in e.references()}
    keep = [a for a in child.attrs if a.expr_id in ids]
    if not keep or len(keep) == len(child.attrs):
        return child
    return dataclasses.replace(child, keep=keep) if scan else dataclasses.replace(
        child, attrs=keep)


def _encoded_group_keys(child: P.PhysicalPlan, group_attrs: list[AttributeReference],
                        pre: list[E.Expression], specs: list[AggSpec]) -> P.PhysicalPlan:
    """A scan feeding an aggregation keeps the string columns that are only grouping keys
    (Q1's l_returnflag, l_linestatus) dictionary-encoded: partial aggregation groups by the
    codes and decodes just one value per group. Any other use of the column (an expression,
    an aggregate input) needs the strings, so such columns are decoded as usual."""
    if not isinstance(child, P.ScanExec) or child.fmt != "parquet":
        return child
    scanned = {a.key for a in child.output}
    used = {a.key for e in pre if not isinstance(e, AttributeReference) for a in e.references()}
    used |= {k for s in specs for k in s.inputs}
    encoded = frozenset(a.key for a in group_attrs
                        if a.key in scanned and a.key not in used
                        and isinstance(a.data_type, T.StringType))
    return dataclasses.replace(child, encoded=encoded) if encoded else child


def _fused_partial(child: P.PhysicalPlan, pre: list[E.Expression],
                   pre_attrs: list[AttributeReference], group_attrs: list[AttributeReference],
                   specs: list[AggSpec], pre_step: Any,
                   enabled: bool) -> P.PhysicalPlan | None:
    """The child of an aggregation computing its partial states itself, when they are
    counts and sums of decimal arithmetic (`operators.scan_aggregate`): a parquet scan
    fuses its filter in too; any other child gets one fused step."""
    if not enabled:
        return None
    keys = [a.key for a in group_attrs]
    steps = (pre_step, partial(P.partial_agg_step, keys, specs))
    if isinstance(child, P.ScanExec) and child.fmt == "parquet" and child.partial_agg is None:
        fused = plan_fused(child.attrs, pre, pre_attrs, group_attrs, specs)
        if fused is not None:
            return dataclasses.replace(child, partial_agg=fused, partial_steps=steps)
    fused = plan_fused(child.output, pre, pre_attrs, group_attrs, specs)
    if fused is None:
        return None
    return P.narrow(child, P.PartialStep(fused, steps), f"PartialAggregate [{fused.label()}]",
                    pre_attrs)


def _adaptive(node: L.Join, how: str, has_keys: bool) -> Any:
    """The run-time plan of a shuffled join (`execution.adaptive`)."""
    from dfengine.execution.adaptive import plan_adaptive
    from dfengine.optimizer.statistics import estimate

    ls, rs = estimate(node.left), estimate(node.right)
    return plan_adaptive(how, has_keys, node.hint, ls.bytes if ls else None,
                         rs.bytes if rs else None)


# Above this many estimated groups, partial states are merged in hash partitions in
# parallel (one per shuffle partition) rather than in one tree whose root merges them all.
MANY_GROUPS = 100_000


def _many_groups(node: L.Aggregate) -> bool:
    from dfengine.optimizer.statistics import estimate

    est = estimate(node)
    return est is not None and est.rows > MANY_GROUPS


def _aggregate_functions(aggregates: Any) -> list[E.AggregateFunction]:
    """The distinct aggregate calls of the output expressions, in first-seen order."""
    funcs: list[E.AggregateFunction] = []
    for a in aggregates:
        for f in a.walk():
            if isinstance(f, E.AggregateFunction) and f not in funcs:
                funcs.append(f)
    return funcs


def _aggregate_inputs(f: E.AggregateFunction, udf: Any, column_for: Callable) -> tuple:
    """The pre-projected columns an aggregate reads: none for count(<literal>), one flag
    column for count(a, b) (1 where all are non-null), else its (first) arguments."""
    if f.name == "count" and len(f.args) > 1 and not f.distinct:
        both = E.conjoin([E.IsNotNull(x) for x in f.args])
        return (column_for(E.CaseWhen((both,), (E.Literal(1, _int()),))).key,)
    if not f.args or (f.name == "count" and isinstance(f.args[0], E.Literal)
                      and f.args[0].value is not None):
        return ()
    first_args = f.args if f.distinct or udf is not None or f.name in MULTI_INPUT else (
        f.args[:1])
    return tuple(column_for(x).key for x in first_args)


@dataclass
class PlannerConfig:
    shuffle_partitions: int = 4
    broadcast_threshold: int = 10 * 1024 * 1024
    default_parallelism: int = 2
    ansi: bool = True  # spark.sql.ansi.enabled
    # spark.sql.shuffle.partitions was set by the user: every exchange uses it as it is.
    explicit_partitions: bool = False
    # spark.sql.adaptive.advisoryPartitionSizeInBytes: the bytes one shuffle partition aims at
    advisory_bytes: int = 64 * 1024 * 1024
    max_partitions: int = 4096
    # dfengine.execution.partitionBudget: past it a reducer works in hash sub-partitions
    partition_budget: int = P.PARTITION_BUDGET
    # dfengine.execution.scanAggregate: parquet scans compute partial aggregates themselves
    scan_aggregate: bool = True
    # spark.sql.files.maxPartitionBytes, applied to the estimated Arrow bytes of the columns
    # a scan piece reads (datasource/sizing.py)
    max_partition_bytes: int = 64 * 1024 * 1024


def _estimated_bytes(nodes: tuple[L.LogicalPlan, ...]) -> float | None:
    from dfengine.optimizer.statistics import estimate

    total = 0.0
    for n in nodes:
        s = estimate(n)
        if s is None:
            return None
        total += max(s.bytes, 0.0)
    return total


def partitions_for(config: PlannerConfig, *inputs: L.LogicalPlan) -> int:
    """Shuffle partitions for an exchange of `inputs`: `spark.sql.shuffle.partitions` when
    the user set it; else the estimated bytes over the advisory partition size, at least the
    default (twice the cores, at most 16) so that small inputs keep every core busy, at most
    `max_partitions`. Unknown sizes get the default."""
    if config.explicit_partitions:
        return config.shuffle_partitions
    size = _estimated_bytes(inputs)
    if size is None:
        return config.shuffle_partitions
    wanted = -(-int(size) // max(config.advisory_bytes, 1))
    return max(config.shuffle_partitions, min(wanted, config.max_partitions))


def coalesced_partitions_for(config: PlannerConfig, child: L.LogicalPlan) -> int:
    """Partitions of a hash exchange whose count nobody chose (`repartition(col)`, a window's,
    a partitioned table argument's): one while the input is known to be under the advisory
    partition size -- as Spark's adaptive execution coalesces such a shuffle -- else as
    `partitions_for`. `spark.sql.shuffle.partitions`, when set, is kept."""
    size = _estimated_bytes((child,))
    if not config.explicit_partitions and size is not None and size <= config.advisory_bytes:
        return 1
    return partitions_for(config, child)


def sort_partitions_for(config: PlannerConfig, child: L.LogicalPlan) -> int:
    """Range partitions of a global sort: one (a single sorting task) while the input is
    estimated under the advisory partition size, else as many as a shuffle of it gets."""
    size = _estimated_bytes((child,))
    if size is None or size <= config.advisory_bytes:
        return 1
    return partitions_for(config, child)


class Planner:
    def __init__(self, config: PlannerConfig):
        self.config = config
        # id of each physical node -> (node, the logical node it was planned for): EXPLAIN
        # ANALYZE prints the logical node's estimates beside the operator's actual metrics
        self.origins: dict[int, tuple[P.PhysicalPlan, L.LogicalPlan]] = {}

    def partitions_for(self, *inputs: L.LogicalPlan) -> int:
        """Shuffle partitions for an exchange of `inputs` (see `partitions_for`)."""
        return partitions_for(self.config, *inputs)

    def plan(self, node: L.LogicalPlan) -> P.PhysicalPlan:
        """One dispatch for every logical node: the `plan_<NodeClass>` method."""
        fn = getattr(self, f"plan_{type(node).__name__}", None)
        if fn is None:
            raise NotImplementedError(f"No physical plan for {type(node).__name__}")
        physical = fn(node)
        self.origins.setdefault(id(physical), (physical, node))
        return physical

    # Operators whose planning lives beside their execution code.
    plan_Window = plan_window
    plan_SetOperation = plan_set_operation

    # --------------------------------------------------------------------- leaves

    def plan_FileScan(self, node: L.FileScan) -> P.PhysicalPlan:
        from dfengine.types import StructField, StructType

        schema = StructType([StructField(a.name, a.dtype) for a in node.attrs])
        pieces = node.files.pieces() if hasattr(node.files, "pieces") else plan_pieces(
            node.format, node.files)
        pruned = 0
        if node.pushed_filters and node.format == "parquet":
            # Keeps only the row groups whose statistics may match; `pruned` counts the row
            # groups skipped.
            pieces, pruned = prune_pieces(pieces, node.pushed_filters, node.attrs)
        if node.format == "parquet":
            pieces = balance_pieces(split_pieces(pieces, [a.name for a in node.output],
                                                 self.config.max_partition_bytes),
                                    self.config.default_parallelism)
            if len(pieces) < self.config.default_parallelism:  # cores to spare: decode on them
                pieces = [dataclasses.replace(p, decode_threads=True) for p in pieces]
        return P.ScanExec(node.format, pieces, schema, node.output, node.option_dict,
                          node.pushed_filters, label=_short_path(node.paths), pruned=pruned)

    def plan_LocalRelation(self, node: L.LocalRelation) -> P.PhysicalPlan:
        return P.LocalScanExec(node.data, node.output, node.num_partitions)

    def plan_RangeRelation(self, node: L.RangeRelation) -> P.PhysicalPlan:
        return P.RangeExec(node.start, node.end, node.step, node.num_partitions, node.attr)

    def plan_DelayedRelation(self, node: L.DelayedRelation) -> P.PhysicalPlan:
        return P.DelayedScanExec(list(node.parts), node.output, node.label)

    def plan_CachedRelation(self, node: L.CachedRelation) -> P.PhysicalPlan:
        return P.CachedExec(node.entry, node.output)

    def plan_SubqueryAlias(self, node: L.SubqueryAlias) -> P.PhysicalPlan:
        return self.plan(node.child)

    # ---------------------------------------------------------------------- narrow

    def plan_Project(self, node: L.Project) -> P.PhysicalPlan:
        child = self.plan(node.child)
        out = node.output
        if [a.expr_id for a in child.output] == [a.expr_id for a in out] and all(
                isinstance(e, AttributeReference) for e in node.exprs):
            return child
        child = _drop_unread_columns(child, node.exprs)
        if [a.expr_id for a in child.output] == [a.expr_id for a in out] and all(
                isinstance(e, AttributeReference) for e in node.exprs):
            return child
        step = partial(P.project_step, node.exprs, tuple(a.key for a in out))
        return P.narrow(child, step, f"Project [{', '.join(a.name for a in out)}]", out)

    def plan_Filter(self, node: L.Filter) -> P.PhysicalPlan:
        child = self.plan(node.child)
        return P.narrow(child, partial(P.filter_step, node.condition),
                        f"Filter {node.condition.sql()}", child.output)

    def plan_MapPartitions(self, node: L.MapPartitions) -> P.PhysicalPlan:
        child = self.plan(node.child)
        step = partial(map_partitions_step, node.fn, [a.name for a in node.child.output],
                       [a.key for a in child.output], [a.name for a in node.output],
                       [a.key for a in node.output])
        return P.narrow(child, step, node.label, node.output)

    def plan_Generate(self, node: L.Generate) -> P.PhysicalPlan:
        child = self.plan(node.child)
        step = partial(generate_step, node.generator, node.outer,
                       tuple(a.key for a in node.generator_output))
        return P.narrow(child, step, f"Generate {node.generator.sql()}", node.output)

    def plan_Sample(self, node: L.Sample) -> P.PhysicalPlan:
        child = self.plan(node.child)
        step = partial(sample_step, node.fraction, node.with_replacement, node.seed)
        return P.narrow(child, step, f"Sample {node.fraction}", child.output)

    # ------------------------------------------------------------------ aggregate

    def plan_Aggregate(self, node: L.Aggregate) -> P.PhysicalPlan:
        child = self.plan(node.child)
        pre: list[E.Expression] = []
        pre_attrs: list[AttributeReference] = []

        def column_for(e: E.Expression) -> AttributeReference:
            if isinstance(e, AttributeReference) and e in child.output:
                if e not in pre_attrs:
                    pre.append(e)
                    pre_attrs.append(e)
                return e
            for x, a in zip(pre, pre_attrs):
                if x == e:
                    return a
            a = AttributeReference(f"_pre{len(pre)}", e.data_type, True)
            pre.append(E.Alias(e, a.name, a.expr_id))
            pre_attrs.append(a)
            return a

        group_attrs = [column_for(_normalized_float(g)) if _float_type(g) else column_for(g)
                       for g in node.grouping]
        funcs = _aggregate_functions(node.aggregates)
        specs, fn_attrs = [], []
        for i, f in enumerate(funcs):
            udf = f if isinstance(f, PythonAggregate) else None
            inputs = _aggregate_inputs(f, udf, column_for)
            out = AttributeReference(f"_agg{i}", f.data_type, True)
            fn_attrs.append(out)
            specs.append(AggSpec(f.name, inputs, out.key, f.data_type,
                                 f.args[0].data_type if f.args else None, f.distinct,
                                 f.ignore_nulls, self.config.ansi and getattr(
                                     f, "called", "") not in ("try_sum", "try_avg"), udf))
        if not pre:
            pre = [E.Literal(None, _null())]
            pre_attrs = [AttributeReference("_dummy", _null(), True)]
            pre[0] = E.Alias(pre[0], "_dummy", pre_attrs[0].expr_id)
        pre_step = partial(P.project_step, tuple(pre), tuple(a.key for a in pre_attrs))
        child = _drop_unread_columns(child, pre)
        if all(s.decomposable for s in specs):
            child = _encoded_group_keys(child, group_attrs, pre, specs)
        fused = _fused_partial(child, pre, pre_attrs, group_attrs, specs, pre_step,
                               self.config.scan_aggregate)
        child = fused or P.narrow(child, pre_step, "PreAggregate", pre_attrs)

        replacements = list(zip(node.grouping, group_attrs)) + list(zip(funcs, fn_attrs))

        def swap(e: E.Expression) -> E.Expression | None:
            for src, dst in replacements:
                if e == src:
                    return dst
            return None

        post = tuple(a.transform_down(swap) if not isinstance(a, AttributeReference)
                     else swap(a) or a for a in node.aggregates)
        n = partitions_for(self.config, node.child) if not all(
            s.decomposable for s in specs) or (node.grouping and _many_groups(node)) else 1
        return P.HashAggregateExec([a.key for a in group_attrs], specs, post, node.output,
                                   child, num_partitions=n, budget=self.config.partition_budget,
                                   partial_in_child=fused is not None)

    def plan_Distinct(self, node: L.Distinct) -> P.PhysicalPlan:
        out = node.output
        return self.plan(L.Aggregate(tuple(out), tuple(out), node.child))

    def plan_Deduplicate(self, node: L.Deduplicate) -> P.PhysicalPlan:
        keys = list(node.keys)
        aggs = []
        for a in node.child.output:
            if a in keys:
                aggs.append(a)
            else:
                aggs.append(E.Alias(E.AggregateFunction("first", (a,)), a.name, a.expr_id))
        return self.plan(L.Aggregate(tuple(keys), tuple(aggs), node.child))

    # ------------------------------------------------------------------------ join

    def plan_Join(self, node: L.Join) -> P.PhysicalPlan:
        left, right = self.plan(node.left), self.plan(node.right)
        left_ids = {a.expr_id for a in node.left.output}
        right_ids = {a.expr_id for a in node.right.output}
        lkeys: list[E.Expression] = []
        rkeys: list[E.Expression] = []
        residual: list[E.Expression] = []
        for c in E.split_conjuncts(node.condition) if node.condition is not None else []:
            if isinstance(c, E.Comparison) and c.op == "=":
                lr = _side(c.left, left_ids, right_ids)
                rr = _side(c.right, left_ids, right_ids)
                if lr == "L" and rr == "R":
                    lkeys.append(c.left)
                    rkeys.append(c.right)
                    continue
                if lr == "R" and rr == "L":
                    lkeys.append(c.right)
                    rkeys.append(c.left)
                    continue
            residual.append(c)
        left, lcols = _key_columns(left, lkeys, "_lk")
        right, rcols = _key_columns(right, rkeys, "_rk")
        how = "inner" if node.how == "cross" else node.how
        res = E.conjoin(residual)
        broadcast = self.choose_broadcast(node, how, bool(lkeys))
        n = partitions_for(self.config, node.left, node.right) if broadcast is None else 1
        return P.HashJoinExec(left, right, how, lcols, rcols, res, node.output, broadcast, n,
                              self.config.partition_budget,
                              None if broadcast else _adaptive(node, how, bool(lkeys)))

    def choose_broadcast(self, node: L.Join, how: str, has_keys: bool) -> str | None:
        from dfengine.optimizer.statistics import estimate

        threshold = self.config.broadcast_threshold
        ls, rs = estimate(node.left), estimate(node.right)
        can_right = how in ("inner", "left", "left_semi", "left_anti")
        # A semi/anti join builds on its left side only through the keyed index it probes
        # (HashJoinExec._lower_semi_build_left); without keys each right partition would
        # emit the left rows it matched, once per partition.
        can_left = how in ("inner", "right") or (how in ("left_semi", "left_anti")
                                                 and has_keys)
        hint = (node.hint or "").lower()
        if hint == "shuffle" and has_keys:  # MERGE / SHUFFLE_HASH hints: never broadcast
            return None
        if hint in ("broadcast_right", "broadcast") and can_right:
            return "right"
        if hint == "broadcast_left" and can_left:
            return "left"
        small_r = rs is not None and 0 <= rs.bytes <= threshold and threshold >= 0
        small_l = ls is not None and 0 <= ls.bytes <= threshold and threshold >= 0
        if can_right and can_left and small_r and small_l:
            return "right" if rs.bytes <= ls.bytes else "left"
        if can_right and small_r:
            return "right"
        if can_left and small_l:
            return "left"
        if not has_keys:
            # A join without equi-keys runs as a nested loop on one side gathered.
            if can_right:
                return "right"
            if can_left:
                return "left"
        return None

    # --------------------------------------------------------------- sort / limit

    def plan_Sort(self, node: L.Sort, limit: int | None = None, offset: int = 0,
                  num_partitions: int | None = None) -> P.PhysicalPlan:
        """A global sort range-partitions its input into `num_partitions` (by default from
        its estimated size) and sorts each; with a limit it is a top-k."""
        child = self.plan(node.child)
        out = child.output
        child, keys = _sort_columns(child, node.orders)
        if not node.is_global and limit is None:
            from dfengine.execution.operators.sort import sort_partition

            sort = P.narrow(child, partial(sort_partition, keys), "SortWithinPartitions",
                            child.output)
        else:
            n = num_partitions or (sort_partitions_for(self.config, node.child)
                                   if limit is None else 1)
            sort = P.SortExec(keys, child, limit, offset, n)
        if child.output != out:
            step = partial(P.project_step, tuple(out), tuple(a.key for a in out))
            return P.narrow(sort, step, "DropSortKeys", out)
        return sort

    def plan_Limit(self, node: L.Limit) -> P.PhysicalPlan:
        if isinstance(node.child, L.Sort) and node.child.is_global:
            return self.plan_Sort(node.child, node.n, node.offset)
        if isinstance(node.child, L.Project) and isinstance(node.child.child, L.Sort):
            inner = self.plan_Sort(node.child.child, node.n, node.offset)
            proj = node.child
            step = partial(P.project_step, proj.exprs, tuple(a.key for a in proj.output))
            return P.narrow(inner, step, "Project", proj.output)
        return P.LimitExec(node.n, node.offset, self.plan(node.child))

    def plan_Union(self, node: L.Union) -> P.PhysicalPlan:
        return P.UnionExec([self.plan(c) for c in node.inputs], node.output)

    def plan_Repartition(self, node: L.Repartition) -> P.PhysicalPlan:
        n = node.num_partitions or (coalesced_partitions_for(self.config, node.child)
                                    if node.keys and not node.by_id
                                    else partitions_for(self.config, node.child))
        if node.shuffle and not node.keys and isinstance(node.child, L.Sort) and (
                node.child.is_global):
            # repartitionByRange (orderBy + repartition): the distributed sort's ranges
            return self.plan_Sort(node.child, num_partitions=n)
        child = self.plan(node.child)
        if not node.shuffle:
            return P.CoalesceExec(n, child)
        return P.ExchangeExec(node.keys, n, child, by_id=node.by_id)


# ----------------------------------------------------------------------------- helpers


def _int() -> Any:
    from dfengine.types import IntegerType

    return IntegerType()


def _null() -> Any:
    from dfengine.types import NullType

    return NullType()


def _short_path(paths: tuple[str, ...]) -> str:
    import os

    p = paths[0]
    return os.path.basename(p.rstrip("/")) + (f" (+{len(paths) - 1})" if len(paths) > 1 else "")


def _float_type(e: E.Expression) -> bool:
    from dfengine.types import DoubleType, FloatType

    return isinstance(e.data_type, (DoubleType, FloatType))


def _normalized_float(e: E.Expression, nan_to_zero: bool = False) -> E.Expression:
    """-0.0 as 0.0 (Spark's NormalizeFloatingNumbers); optionally NaN as 0.0 too."""
    return E.ScalarFunction("normalize_float", (e, E.make_literal(nan_to_zero)))


def _side(e: E.Expression, left_ids: set[int], right_ids: set[int]) -> str | None:
    refs = {a.expr_id for a in e.references()}
    if not refs:
        return None
    if refs <= left_ids:
        return "L"
    if refs <= right_ids:
        return "R"
    return None


def _nested_key(e: E.Expression) -> E.Expression:
    """A struct or array join key as its JSON text (Arrow hashes no nested type); NULL stays
    NULL, so it joins nothing."""
    text = E.ScalarFunction("to_json", (E.ScalarFunction(
        "named_struct", (E.Literal("k", T.StringType()), e)),))
    return E.CaseWhen((E.IsNotNull(e),), (text,))


def _key_columns(child: P.PhysicalPlan, exprs: list[E.Expression],
                 prefix: str) -> tuple[P.PhysicalPlan, list[str]]:
    """Make each key expression a column of `child` (plain attributes already are)."""
    keys: list[str] = []
    extra: list[E.Expression] = []
    extra_attrs: list[AttributeReference] = []
    expanded: list[E.Expression] = []
    for e in exprs:
        if _float_type(e):
            # NaN joins NaN and -0.0 joins 0.0 in Spark: key on (normalized value, is NaN).
            expanded += [_normalized_float(e, nan_to_zero=True),
                         E.ScalarFunction("isnan", (e,))]
        elif isinstance(e.data_type, (T.StructType, T.ArrayType)):
            expanded.append(_nested_key(e))
        else:
            expanded.append(e)
    for i, e in enumerate(expanded):
        if isinstance(e, AttributeReference):
            keys.append(e.key)
            continue
        a = AttributeReference(f"{prefix}{i}", e.data_type, True)
        extra.append(E.Alias(e, a.name, a.expr_id))
        extra_attrs.append(a)
        keys.append(a.key)
    if not extra:
        return child, keys
    out = child.output + extra_attrs
    step = partial(P.project_step, tuple(child.output) + tuple(extra), tuple(a.key for a in out))
    return P.narrow(child, step, "JoinKeys", out), keys


def _sort_columns(child: P.PhysicalPlan, orders: tuple[E.SortOrder, ...]) -> tuple[
        P.PhysicalPlan, list[tuple[str, bool, bool]]]:
    keys = []
    extra: list[E.Expression] = []
    extra_attrs: list[AttributeReference] = []
    for i, o in enumerate(orders):
        e = o.child
        if isinstance(e, AttributeReference) and e in child.output:
            keys.append((e.key, o.ascending, o.null_first))
            continue
        a = AttributeReference(f"_sk{i}", e.data_type, True)
        extra.append(E.Alias(e, a.name, a.expr_id))
        extra_attrs.append(a)
        keys.append((a.key, o.ascending, o.null_first))
    if not extra:
        return child, keys
    out = child.output + extra_attrs
    step = partial(P.project_step, tuple(child.output) + tuple(extra), tuple(a.key for a in out))
    return P.narrow(child, step, "SortKeys", out), keys


def map_partitions_step(fn: Any, in_names: list[str], in_keys: list[str],
                        out_names: list[str], out_keys: list[str], table: pa.Table,
                        ctx: EvalContext) -> pa.Table:
    from dfengine.datasource.scan import ROW_PLACEHOLDER

    if ROW_PLACEHOLDER in table.column_names and not in_keys:
        user = pa.table({})
    else:
        user = table.select(in_keys).rename_columns(in_names)
    result = fn(user)
    if isinstance(result, pa.RecordBatch):
        result = pa.Table.from_batches([result])
    missing = [n for n in out_names if n not in result.column_names]
    if missing:
        from dfengine.errors import PySparkRuntimeError

        raise PySparkRuntimeError(
            f"The function returned columns {result.column_names}, but the declared schema "
            f"needs {out_names}; missing {missing}.", "RESULT_COLUMNS_MISMATCH")
    cols = [result.column(result.column_names.index(n)) for n in out_names]
    return make_table(cols, out_keys, result.num_rows)


def generate_step(generator: E.Expression, outer: bool, out_keys: tuple[str, ...],
                  table: pa.Table, ctx: EvalContext) -> pa.Table:
    """explode / posexplode of an array (or map) column."""
    import pyarrow.compute as pc

    from dfengine.functions.arrays import list_lengths

    name = generator.name if isinstance(generator, E.ScalarFunction) else ""
    arg = generator.args[0]
    whole = name in ROW_GENERATORS  # the call itself yields each row's array of structs
    values = evaluate_column(generator if whole else arg, table, ctx)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    is_map = pa.types.is_map(values.type)
    lengths = pc.fill_null(list_lengths(values), 0).to_numpy(zero_copy_only=False)
    lengths_out = np.maximum(lengths, 1) if outer else lengths
    parent = np.repeat(np.arange(table.num_rows), lengths_out)
    base = table.take(pa.array(parent, pa.int64()))
    take = _outer_take(lengths) if outer and (lengths == 0).any() else None
    new_cols: list[Any] = []
    if name.startswith("posexplode"):
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)  # empty input: no rows
        new_cols.append(pa.array((np.arange(int(lengths.sum())) - starts).astype(np.int32)))
    if is_map:
        offs = values.offsets.to_numpy(zero_copy_only=False)
        start, size = int(offs[0]), int(offs[-1] - offs[0])  # keys/items are not sliced
        new_cols += [values.keys.slice(start, size), values.items.slice(start, size)]
    else:
        new_cols.append(pc.list_flatten(values))
    if take is not None:  # a row of nulls (pos too) for each empty or null array
        new_cols = [c.take(take) for c in new_cols]
    if whole or isinstance(arg, PythonUDTFCall) or name.startswith("inline"):
        new_cols = new_cols[0].flatten()  # rows as structs (inline's too): a column a field
    cols = list(base.columns) + new_cols
    return pa.Table.from_arrays(cols, names=base.column_names + list(out_keys))


def _outer_take(lengths: np.ndarray) -> pa.Array:
    """Indices into the flattened elements, a null for each empty or null array."""
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    idx: list[int | None] = []
    for i, ln in enumerate(lengths):
        idx.extend(range(offsets[i], offsets[i] + ln) if ln else [None])
    return pa.array(idx, pa.int64())


def sample_step(fraction: float, with_replacement: bool, seed: int, table: pa.Table,
                ctx: EvalContext) -> pa.Table:
    rng = np.random.default_rng((seed, ctx.partition_index))
    if with_replacement:
        counts = rng.poisson(fraction, table.num_rows)
        return table.take(pa.array(np.repeat(np.arange(table.num_rows), counts)))
    return table.filter(pa.array(rng.random(table.num_rows) < fraction))

