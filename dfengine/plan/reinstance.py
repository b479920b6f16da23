"""Fresh column ids for a copy of a plan."""

from __future__ import annotations

import dataclasses
from typing import Any

from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def reinstance(plan: L.LogicalPlan) -> L.LogicalPlan:
    """A copy of `plan` in which every column has a new id (Spark's newInstance): a second
    reference to a view or CTE then shares no ids with the first, inside or out."""
    mapping: dict[int, E.AttributeReference] = {}

    def fix(x: E.Expression) -> E.Expression | None:
        if isinstance(x, E.AttributeReference) and x.expr_id in mapping:
            m = mapping[x.expr_id]
            return E.AttributeReference(x.name, x.dtype, x.is_nullable, m.expr_id, x.qualifier)
        if isinstance(x, E.Alias):
            new = E.Alias(x.child, x.name)
            mapping[x.expr_id] = new.to_attribute()
            return new
        return None

    def node_fn(n: L.LogicalPlan) -> L.LogicalPlan:
        updates: dict[str, Any] = {}
        for name in ("attrs", "generator_output"):
            old = getattr(n, name, None)
            if isinstance(old, tuple):
                new = tuple(a.new_instance() for a in old)
                mapping.update({a.expr_id: b for a, b in zip(old, new)})
                updates[name] = new
        if isinstance(n, L.RangeRelation):
            updates["attr"] = n.attr.new_instance()
            mapping[n.attr.expr_id] = updates["attr"]
        if updates:
            n = dataclasses.replace(n, **updates)
        return n.map_expressions(lambda e: e.transform_up(fix))

    return plan.transform_up(node_fn)
