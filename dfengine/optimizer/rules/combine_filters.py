"""combine_filters: merge adjacent filters into one conjunction.

    Filter: (b = 2)                  =>   Filter: ((a > 1) AND (b = 2))
      Filter: (a > 1)                       Scan ...
        Scan ...

The inner condition runs first (it is the left conjunct), so a cheap inner filter still guards
the outer one. Not done when the outer condition is non-deterministic (rand() would then see
rows the inner filter dropped).
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import deterministic
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def combine_filters(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        if isinstance(node, L.Filter) and isinstance(node.child, L.Filter) and deterministic(
                node.condition) and deterministic(node.child.condition):
            inner = node.child
            parts = E.split_conjuncts(inner.condition)
            extra = [c for c in E.split_conjuncts(node.condition) if c not in parts]
            return L.Filter(E.conjoin(parts + extra), inner.child)
        return None

    return plan.transform_up(fn)
