"""rewrite_distinct_aggregates: aggregate the distinct values first, then plainly (Catalyst's
RewriteDistinctAggregates, for the common case of one distinct argument).

    Aggregate: groupBy=[k], aggr=[k, count(DISTINCT x) AS n]
  =>
    Aggregate: groupBy=[k], aggr=[k, count(x) AS n]
      Aggregate: groupBy=[k, x], aggr=[k, x]
        ...

A DISTINCT aggregate can't be merged from per-partition states, so it runs after shuffling
every input row by the group key; grouping by (k, x) first is an ordinary two-phase
aggregation that shrinks the rows before anything moves, and the outer count/sum/avg/min/max
over one row per distinct value gives the same answer (NULL values are skipped by both). Only
when every aggregate function is DISTINCT over the same single argument, and statistics say
(k, x) repeats (at most half as many pairs as rows): distinct pairs that don't shrink the
input would just be aggregated twice (the DataFrame form of TPC-H Q21, distinct suppliers per
order, ran 20% slower rewritten).
"""

from __future__ import annotations

from dataclasses import replace

from dfengine.optimizer.expr_utils import deterministic
from dfengine.optimizer.statistics import estimate
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_REWRITABLE = ("count", "sum", "avg", "min", "max")


def _named(e: E.Expression, name: str) -> tuple[E.Expression, E.AttributeReference]:
    """(what the inner aggregate outputs for `e`, the attribute the outer one reads)."""
    if isinstance(e, E.AttributeReference):
        return e, e
    alias = E.Alias(e, name)
    return alias, alias.to_attribute()


def _distinct_argument(node: L.Aggregate) -> E.Expression | None:
    """The one deterministic argument of every (DISTINCT) aggregate, if the node is of the
    rewritable shape."""
    funcs = [f for a in node.aggregates for f in a.walk() if isinstance(f, E.AggregateFunction)]
    if not funcs or not all(f.distinct and f.name in _REWRITABLE and len(f.args) == 1
                            for f in funcs):
        return None
    args = {f.args[0] for f in funcs}
    if len(args) != 1:
        return None
    x = args.pop()
    if not deterministic(x) or not all(deterministic(g) for g in node.grouping):
        return None
    return x


def rewrite_distinct_aggregates(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(node, L.Aggregate):
            return None
        x = _distinct_argument(node)
        if x is None:
            return None
        inner_out: list[E.Expression] = []
        swaps: list[tuple[E.Expression, E.Expression]] = []
        for i, g in enumerate(node.grouping):
            out, attr = _named(g, f"_group{i}")
            inner_out.append(out)
            swaps.append((g, attr))
        x_out, x_attr = _named(x, "_distinct")
        if x not in node.grouping:
            inner_out.append(x_out)
        else:
            x_attr = dict(swaps)[x]
        inner = L.Aggregate(tuple(node.grouping) + ((x,) if x not in node.grouping else ()),
                            tuple(inner_out), node.child)
        pairs, rows = estimate(inner), estimate(node.child)
        if pairs is None or rows is None or pairs.rows > 0.5 * rows.rows:
            return None

        def swap(e: E.Expression) -> E.Expression | None:
            if isinstance(e, E.AggregateFunction):
                return replace(e, args=(x_attr,), distinct=False)
            for src, dst in swaps:
                if e == src:
                    return dst
            return None

        aggregates = tuple(a.transform_down(swap) for a in node.aggregates)
        return L.Aggregate(tuple(attr for _, attr in swaps), aggregates, inner)

    return plan.transform_up(fn)
