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

Under ANSI a conjunct that can raise (`x / y`, a cast of a string, `arr[i]`: `can_raise`) is
only evaluated on the rows the written plan evaluates it on: it does not go below an inner or
semi join to one input (the rows the join drops would be evaluated too), nor below an explode
that drops rows. Spark 4.3 pushes it and can raise DIVIDE_BY_ZERO for a row the join drops
(`Filter(msg IS NOT NULL)` over `rank / outDegree` over an inner join); dfengine answers.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import (
    alias_map,
    can_raise,
    deterministic,
    output_ids,
    ref_ids,
    substitute,
)
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_LEFT_KEEPS = ("inner", "cross", "left", "left_semi", "left_anti")
_RIGHT_KEEPS = ("inner", "cross", "right")
# joins that output every row of that side (a conjunct that can raise may go there)
_LEFT_ALL, _RIGHT_ALL = ("left",), ("right",)


def _wrap(conds: list[E.Expression], child: L.LogicalPlan) -> L.LogicalPlan:
    c = E.conjoin(conds)
    return child if c is None else L.Filter(c, child)


def _keep_guards(conds: list[E.Expression], dests: list[str]) -> list[str]:
    """A conjunct that can raise keeps its guards: it moves only with every conjunct before
    it (AND evaluates left to right, so `y <> 0 AND x / y > 1` never divides by zero), else
    it stays above."""
    out: list[str] = []
    for c, d in zip(conds, dests):
        if d != "stay" and any(o != d for o in out) and can_raise(c):
            d = "stay"
        out.append(d)
    return out


def _through_project(conds: list[E.Expression], p: L.Project) -> L.LogicalPlan | None:
    aliases = alias_map(p.exprs)
    dests = ["push" if all(deterministic(aliases[i]) for i in ref_ids(c) if i in aliases)
             else "stay" for c in conds]
    dests = _keep_guards(conds, dests)
    push = [substitute(c, aliases) for c, d in zip(conds, dests) if d == "push"]
    stay = [c for c, d in zip(conds, dests) if d == "stay"]
    if not push:
        return None
    return _wrap(stay, L.Project(p.exprs, L.Filter(E.conjoin(push), p.child)))


def _join_dest(c: E.Expression, j: L.Join, lids: set[int], rids: set[int]) -> str:
    refs = ref_ids(c)
    raises = can_raise(c)
    if refs and refs <= lids and j.how in (_LEFT_ALL if raises else _LEFT_KEEPS):
        return "left"
    if refs and refs <= rids and j.how in (_RIGHT_ALL if raises else _RIGHT_KEEPS):
        return "right"
    one_side = refs <= lids or refs <= rids
    if refs and refs <= lids | rids and j.how in ("inner", "cross") and not (
            raises and one_side):  # push_down_join_condition would move it to that side
        return "join"
    return "stay"


def _through_join(conds: list[E.Expression], j: L.Join) -> L.LogicalPlan | None:
    lids, rids = output_ids(j.left), output_ids(j.right)
    dests = _keep_guards(conds, [_join_dest(c, j, lids, rids) for c in conds])
    to = {d: [c for c, dd in zip(conds, dests) if dd == d]
          for d in ("left", "right", "join", "stay")}
    if not (to["left"] or to["right"] or to["join"]):
        return None
    cond = j.condition
    how = j.how
    if to["join"]:
        cond = E.conjoin(([cond] if cond is not None else []) + to["join"])
        how = "inner"
    new = L.Join(_wrap(to["left"], j.left), _wrap(to["right"], j.right), how, cond, j.hint)
    return _wrap(to["stay"], new)


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


def _below_if(conds: list[E.Expression], node: L.LogicalPlan, allowed: set[int],
              raising_ok: bool = True) -> L.LogicalPlan | None:
    """Swap the conjuncts that only use `allowed` below a unary `node` (those that can raise
    only when `raising_ok`: the node keeps every input row)."""
    dests = ["push" if ref_ids(c) <= allowed and (raising_ok or not can_raise(c)) else "stay"
             for c in conds]
    dests = _keep_guards(conds, dests)
    push = [c for c, d in zip(conds, dests) if d == "push"]
    if not push:
        return None
    stay = [c for c, d in zip(conds, dests) if d == "stay"]
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
        return _below_if(conds, child, output_ids(child.child), raising_ok=child.outer)
    if isinstance(child, L.Deduplicate):
        return _below_if(conds, child, {k.expr_id for k in child.keys})
    return None


def push_down_filter(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        return push_once(node) if isinstance(node, L.Filter) else None

    return plan.transform_down(fn)
