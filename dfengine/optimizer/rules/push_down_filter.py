"""push_down_filter: move filter conjuncts as close to the data as each operator allows.

    Filter: ((o_orderdate < DATE '1995-03-15') AND (c_mktsegment = 'BUILDING'))
      Join: inner, (c_custkey = o_custkey)
        Scan parquet customer ...
        Scan parquet orders ...
  =>
    Join: inner, (c_custkey = o_custkey)
      Filter: (c_mktsegment = 'BUILDING')
        Scan parquet customer ...
      Filter: (o_orderdate < DATE '1995-03-15')
        Scan parquet orders ...

Per operator (Catalyst's PushDownPredicates / DataFusion's push_down_filter):
- Project: push a conjunct below with the project's aliases substituted, so a filter on a
  derived column (`where(disc_price > 100)` after `withColumn`) filters before the project.
  Only when the aliased expressions are deterministic.
- Join: a conjunct on one side goes to that side when the join keeps that side's rows as they
  are filtered (left: inner/cross/left/semi/anti; right: inner/cross/right); a conjunct on both
  sides of an inner or cross join joins the join condition. Other conjuncts stay above.
- Aggregate: conjuncts on grouping keys only go below (with the keys substituted).
- Union: the filter is copied into every input, rewritten to its columns by position.
- Sort, Repartition, Distinct, SubqueryAlias: swapped below; Generate and Deduplicate: when the
  conjunct doesn't use the generated columns / non-key columns.
A non-deterministic filter never moves; nor does any filter cross a Limit or a Sample.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import alias_map, deterministic, output_ids, ref_ids, substitute
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_LEFT_KEEPS = ("inner", "cross", "left", "left_semi", "left_anti")
_RIGHT_KEEPS = ("inner", "cross", "right")


def _wrap(conds: list[E.Expression], child: L.LogicalPlan) -> L.LogicalPlan:
    c = E.conjoin(conds)
    return child if c is None else L.Filter(c, child)


def _through_project(conds: list[E.Expression], p: L.Project) -> L.LogicalPlan | None:
    aliases = alias_map(p.exprs)
    push, stay = [], []
    for c in conds:
        used = [aliases[i] for i in ref_ids(c) if i in aliases]
        if all(deterministic(u) for u in used):
            push.append(substitute(c, aliases))
        else:
            stay.append(c)
    if not push:
        return None
    return _wrap(stay, L.Project(p.exprs, L.Filter(E.conjoin(push), p.child)))


def _through_join(conds: list[E.Expression], j: L.Join) -> L.LogicalPlan | None:
    lids, rids = output_ids(j.left), output_ids(j.right)
    to_left, to_right, to_join, stay = [], [], [], []
    for c in conds:
        refs = ref_ids(c)
        if refs and refs <= lids and j.how in _LEFT_KEEPS:
            to_left.append(c)
        elif refs and refs <= rids and j.how in _RIGHT_KEEPS:
            to_right.append(c)
        elif refs and refs <= lids | rids and j.how in ("inner", "cross"):
            to_join.append(c)
        else:
            stay.append(c)
    if not (to_left or to_right or to_join):
        return None
    cond = j.condition
    how = j.how
    if to_join:
        cond = E.conjoin(([cond] if cond is not None else []) + to_join)
        how = "inner"
    new = L.Join(_wrap(to_left, j.left), _wrap(to_right, j.right), how, cond, j.hint)
    return _wrap(stay, new)


def _through_aggregate(conds: list[E.Expression], a: L.Aggregate) -> L.LogicalPlan | None:
    if not a.grouping:
        return None
    keys: dict[int, E.Expression] = {}
    for out in a.aggregates:
        if isinstance(out, E.AttributeReference) and out in a.grouping:
            keys[out.expr_id] = out
        elif isinstance(out, E.Alias) and out.child in a.grouping and deterministic(out.child):
            keys[out.expr_id] = out.child
    push, stay = [], []
    for c in conds:
        refs = ref_ids(c)
        (push if refs and refs <= set(keys) else stay).append(c)
    if not push:
        return None
    below = L.Filter(substitute(E.conjoin(push), keys), a.child)
    return _wrap(stay, L.Aggregate(a.grouping, a.aggregates, below))


def _through_union(conds: list[E.Expression], u: L.Union) -> L.LogicalPlan:
    cond = E.conjoin(conds)
    first = u.output
    inputs = []
    for child in u.inputs:
        mapping = {a.expr_id: b for a, b in zip(first, child.output)}
        inputs.append(L.Filter(substitute(cond, mapping), child))
    return L.Union(tuple(inputs))


def _below_if(conds: list[E.Expression], node: L.LogicalPlan,
              allowed: set[int]) -> L.LogicalPlan | None:
    """Swap the conjuncts that only use `allowed` below a unary `node`."""
    push = [c for c in conds if ref_ids(c) <= allowed]
    if not push:
        return None
    stay = [c for c in conds if c not in push]
    child = node.children[0]
    return _wrap(stay, node.with_children(L.Filter(E.conjoin(push), child)))


def push_once(f: L.Filter) -> L.LogicalPlan | None:
    conds = E.split_conjuncts(f.condition)
    if not all(deterministic(c) for c in conds):
        return None
    child = f.child
    if isinstance(child, L.Project):
        return _through_project(conds, child)
    if isinstance(child, L.Join):
        return _through_join(conds, child)
    if isinstance(child, L.Aggregate):
        return _through_aggregate(conds, child)
    if isinstance(child, L.Union):
        return _through_union(conds, child)
    if isinstance(child, (L.Sort, L.Repartition, L.Distinct, L.SubqueryAlias)):
        return child.with_children(L.Filter(f.condition, child.children[0]))
    if isinstance(child, L.Generate):
        return _below_if(conds, child, output_ids(child.child))
    if isinstance(child, L.Deduplicate):
        return _below_if(conds, child, {k.expr_id for k in child.keys})
    return None


def push_down_filter(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        return push_once(node) if isinstance(node, L.Filter) else None

    return plan.transform_down(fn)
