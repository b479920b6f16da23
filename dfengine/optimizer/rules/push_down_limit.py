"""push_down_limit: read fewer rows when only the first n are wanted.

    Limit: 10                 =>   Project: [a, (b + 1) AS c]
      Project: [a, (b+1) AS c]       Limit: 10
        Scan ...                       Scan ...

    Limit: 10                 =>   Limit: 10
      Union                          Union
        A                              Limit: 10
        B                                A
                                       Limit: 10
                                         B

Also: two limits combine to the smaller; a limit above a left (right) outer join copies to the
preserved side (each of its rows yields at least one output row). A limit never moves below a
filter, an aggregate, a sort (the planner turns Limit over Sort into a top-k) or a
non-deterministic project. Limits with an offset are left alone.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import deterministic
from dfengine.plan import logical as L


def _limited(child: L.LogicalPlan, n: int) -> L.LogicalPlan | None:
    """`child` under a limit of n, or None if it already returns at most n rows that way."""
    if isinstance(child, L.Limit) and child.offset == 0 and child.n <= n:
        return None
    return L.Limit(n, child)


def push_down_limit(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(node, L.Limit) or node.offset:
            return None
        child, n = node.child, node.n
        if isinstance(child, L.Limit) and child.offset == 0:
            return L.Limit(min(n, child.n), child.child)
        if isinstance(child, L.Project) and all(deterministic(e) for e in child.exprs) and not (
                isinstance(child.child, L.Sort)):
            return L.Project(child.exprs, L.Limit(n, child.child))
        if isinstance(child, L.Union):
            kids = [_limited(c, n) for c in child.inputs]
            if all(k is None for k in kids):
                return None
            return L.Limit(n, L.Union(tuple(k or c for k, c in zip(kids, child.inputs))))
        if isinstance(child, L.Join) and child.how in ("left", "right"):
            side = child.left if child.how == "left" else child.right
            new = _limited(side, n)
            if new is None:
                return None
            j = (L.Join(new, child.right, child.how, child.condition, child.hint)
                 if child.how == "left" else
                 L.Join(child.left, new, child.how, child.condition, child.hint))
            return L.Limit(n, j)
        return None

    return plan.transform_down(fn)
