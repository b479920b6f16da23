"""remove_noop_operators: drop operators that don't change their input.

    Project: [a, b, c]        =>   Scan [a, b, c]
      Scan [a, b, c]

    Filter: true              =>   Scan ...
      Scan ...

Also: a SubqueryAlias (names are resolved by now), a Sort directly below another global Sort
(the outer one decides the order), a Distinct directly below another Distinct, and a
Repartition directly below another shuffle-based Repartition.
"""

from __future__ import annotations

import dataclasses

from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def _same_output(a: list[E.AttributeReference], b: list[E.AttributeReference]) -> bool:
    return [(x.expr_id, x.name) for x in a] == [(y.expr_id, y.name) for y in b]


def remove_noop_operators(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        if isinstance(node, L.Project) and all(
                isinstance(e, E.AttributeReference) for e in node.exprs) and _same_output(
                list(node.exprs), node.child.output):
            return node.child
        if isinstance(node, L.Filter) and isinstance(node.condition, E.Literal) and (
                node.condition.value is True):
            return node.child
        if isinstance(node, L.SubqueryAlias):
            return node.child
        if isinstance(node, L.Sort) and node.is_global and isinstance(
                node.child, L.Sort) and node.child.is_global:
            return L.Sort(node.orders, node.child.child, True)
        if isinstance(node, L.Distinct) and isinstance(node.child, L.Distinct):
            return node.child
        if isinstance(node, L.Repartition) and node.shuffle and isinstance(
                node.child, L.Repartition) and node.child.shuffle:
            return dataclasses.replace(node, child=node.child.child)
        return None

    return plan.transform_up(fn)
