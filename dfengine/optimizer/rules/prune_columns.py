"""prune_columns: compute and read only the columns something above uses.

    Project: [a]                       =>   Project: [a]
      Filter: (b > 1)                         Filter: (b > 1)
        Scan parquet t columns=[a, b, c, d]     Scan parquet t columns=[a, b]

A top-down pass carries the set of attribute ids needed from each node (Polars' projection
pushdown): a Project keeps only the needed expressions, an Aggregate only the needed
aggregates, a scan reads only the needed columns (plus those its pushed filters use). Where an
operator would otherwise carry unneeded columns through a join, sort, union or repartition, a
Project is inserted below it. Sources the optimizer can't narrow (in-memory tables, Python
functions over partitions, set operations) get everything they had. The root keeps its output.
"""

from __future__ import annotations

import dataclasses

from dfengine.optimizer.expr_utils import ref_ids
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def _refs(exprs: tuple[E.Expression, ...] | list[E.Expression]) -> set[int]:
    out: set[int] = set()
    for e in exprs:
        out |= ref_ids(e)
    return out


def _narrowed(child: L.LogicalPlan, need: set[int]) -> L.LogicalPlan:
    """`child` pruned to `need`, with a Project on top if it would still output more."""
    new = _prune(child, need)
    keep = [a for a in new.output if a.expr_id in need]
    if len(keep) < len(new.output):
        return L.Project(tuple(keep), new)
    return new


def _prune_project(node: L.Project, need: set[int]) -> L.LogicalPlan:
    exprs = tuple(e for e, a in zip(node.exprs, node.output) if a.expr_id in need)
    return L.Project(exprs, _prune(node.child, _refs(exprs)))


def _prune_filter(node: L.Filter, need: set[int]) -> L.LogicalPlan:
    return L.Filter(node.condition, _prune(node.child, need | ref_ids(node.condition)))


def _prune_aggregate(node: L.Aggregate, need: set[int]) -> L.LogicalPlan:
    aggs = tuple(e for e, a in zip(node.aggregates, node.output) if a.expr_id in need)
    aggs = aggs or node.aggregates[:1]
    return L.Aggregate(node.grouping, aggs, _prune(node.child, _refs(node.grouping) | _refs(aggs)))


def _prune_join(node: L.Join, need: set[int]) -> L.LogicalPlan:
    cond = ref_ids(node.condition) if node.condition is not None else set()
    lneed = (need | cond) & {a.expr_id for a in node.left.output}
    rneed = (need | cond) & {a.expr_id for a in node.right.output}
    if node.how in ("left_semi", "left_anti"):
        rneed = cond & {a.expr_id for a in node.right.output}
    return L.Join(_narrowed(node.left, lneed), _narrowed(node.right, rneed), node.how,
                  node.condition, node.hint)


def _prune_sort(node: L.Sort, need: set[int]) -> L.LogicalPlan:
    return L.Sort(node.orders, _narrowed(node.child, need | _refs(node.orders)), node.is_global)


def _prune_repartition(node: L.Repartition, need: set[int]) -> L.LogicalPlan:
    return dataclasses.replace(node, child=_narrowed(node.child, need | _refs(node.keys)))


def _prune_passthrough(node: L.LogicalPlan, need: set[int]) -> L.LogicalPlan:
    return node.with_children(_prune(node.children[0], need))


def _prune_deduplicate(node: L.Deduplicate, need: set[int]) -> L.LogicalPlan:
    return L.Deduplicate(node.keys, _prune(node.child, need | _refs(node.keys)))


def _prune_generate(node: L.Generate, need: set[int]) -> L.LogicalPlan:
    gen = {a.expr_id for a in node.generator_output}
    return dataclasses.replace(node, child=_prune(node.child, (need - gen)
                                                  | ref_ids(node.generator)))


def _prune_window(node: L.Window, need: set[int]) -> L.LogicalPlan:
    outs = {a.expr_id for a in node.output[len(node.child.output):]}
    return L.Window(node.window_exprs, _prune(node.child, (need - outs)
                                              | _refs(node.window_exprs)))


def _prune_union(node: L.Union, need: set[int]) -> L.LogicalPlan:
    first = node.output
    positions = [i for i, a in enumerate(first) if a.expr_id in need]
    if len(positions) == len(first):
        return L.Union(tuple(_prune(c, {a.expr_id for a in c.output}) for c in node.inputs))
    inputs = []
    for c in node.inputs:
        keep = [c.output[i] for i in positions]
        inputs.append(L.Project(tuple(keep), _prune(c, {a.expr_id for a in keep})))
    return L.Union(tuple(inputs))


def _prune_scan(node: L.FileScan, need: set[int]) -> L.LogicalPlan:
    needed = need | _refs(node.pushed_filters)
    cols = tuple(a.name for a in node.attrs if a.expr_id in needed)
    if node.columns is not None:
        cols = tuple(c for c in cols if c in set(node.columns))
    return dataclasses.replace(node, columns=cols)


_PRUNERS = {
    L.Project: _prune_project, L.Filter: _prune_filter, L.Aggregate: _prune_aggregate,
    L.Join: _prune_join, L.Sort: _prune_sort, L.Repartition: _prune_repartition,
    L.Limit: _prune_passthrough, L.Sample: _prune_passthrough,
    L.SubqueryAlias: _prune_passthrough, L.Deduplicate: _prune_deduplicate,
    L.Generate: _prune_generate, L.Window: _prune_window, L.Union: _prune_union,
    L.FileScan: _prune_scan,
}


def _prune(node: L.LogicalPlan, need: set[int]) -> L.LogicalPlan:
    """`node` computing only the columns in `need` (expression ids) that it must."""
    pruner = _PRUNERS.get(type(node))
    if pruner is not None:
        return pruner(node, need)
    # Anything else needs all of its children's columns.
    return node.map_children(lambda c: _prune(c, {a.expr_id for a in c.output}))


def prune_columns(plan: L.LogicalPlan) -> L.LogicalPlan:
    return _prune(plan, {a.expr_id for a in plan.output})
