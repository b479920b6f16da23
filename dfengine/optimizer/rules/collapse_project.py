"""collapse_project: merge a project into the project below it.

    Project: [a, (c * 2) AS d]      =>   Project: [a, ((b + 1) * 2) AS d]
      Project: [a, (b + 1) AS c]           Scan ...
        Scan ...

Output attributes keep their ids: an outer `c` that merely passes an inner alias on becomes
that alias. Not done when an inner expression is non-deterministic or when a non-trivial inner
expression would be computed more than once.
"""

from __future__ import annotations

from collections import Counter

from dfengine.optimizer.expr_utils import alias_map, deterministic, substitute
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def _merge(outer: E.Expression, aliases: dict[int, E.Expression]) -> E.Expression:
    if isinstance(outer, E.AttributeReference) and outer.expr_id in aliases:
        return E.Alias(aliases[outer.expr_id], outer.name, outer.expr_id)
    if isinstance(outer, E.Alias):
        return E.Alias(substitute(outer.child, aliases), outer.name, outer.expr_id)
    return substitute(outer, aliases)


def collapse_project(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        if not (isinstance(node, L.Project) and isinstance(node.child, L.Project)):
            return None
        inner = node.child
        if not all(deterministic(e) for e in inner.exprs):
            return None
        aliases = alias_map(inner.exprs)
        uses = Counter(a.expr_id for e in node.exprs for a in e.walk()
                       if isinstance(a, E.AttributeReference) and a.expr_id in aliases)
        for i, n in uses.items():
            if n > 1 and not isinstance(aliases[i], (E.AttributeReference, E.Literal)):
                return None
        return L.Project(tuple(_merge(e, aliases) for e in node.exprs), inner.child)

    return plan.transform_up(fn)
