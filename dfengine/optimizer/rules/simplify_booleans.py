"""simplify_booleans: remove trivially true/false parts of boolean expressions.

    Filter: ((a > 1) AND true)          =>   Filter: (a > 1)
    Filter: ((a > 1) OR true)           =>   Filter: true
    Filter: (NOT (NOT (a > 1)))         =>   Filter: (a > 1)
    Filter: (NOT (a < 1))               =>   Filter: (a >= 1)

All rewrites hold in SQL's three-valued logic (NULL AND false is false, NULL OR true is true,
NOT of a comparison is the inverse comparison, also when an operand is NULL).
"""

from __future__ import annotations

from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_INVERSE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}


def _is(e: E.Expression, value: bool) -> bool:
    return isinstance(e, E.Literal) and e.value is value


def _junction(e: E.And | E.Or, unit: bool) -> E.Expression | None:
    """AND (unit TRUE) and OR (unit FALSE): drop the unit, collapse on the absorbing value,
    fold `x AND x` to `x`."""
    if _is(e.left, unit):
        return e.right
    if _is(e.right, unit):
        return e.left
    if _is(e.left, not unit) or _is(e.right, not unit):
        return E.Literal(not unit, e.data_type)
    if e.left == e.right and e.left.deterministic:
        return e.left
    return None


def _negation(e: E.Not) -> E.Expression | None:
    c = e.child
    if isinstance(c, E.Not):
        return c.child
    if isinstance(c, E.Comparison) and c.op in _INVERSE:
        return E.Comparison(_INVERSE[c.op], c.left, c.right)
    if isinstance(c, E.IsNull):
        return E.IsNotNull(c.child)
    if isinstance(c, E.IsNotNull):
        return E.IsNull(c.child)
    return None


def simplify(e: E.Expression) -> E.Expression | None:
    if isinstance(e, E.And):
        return _junction(e, True)
    if isinstance(e, E.Or):
        return _junction(e, False)
    if isinstance(e, E.Not):
        return _negation(e)
    return None


def simplify_booleans(plan: L.LogicalPlan) -> L.LogicalPlan:
    def node_fn(node: L.LogicalPlan) -> L.LogicalPlan | None:
        if not node.expressions():
            return None
        new = node.map_expressions(lambda e: e.transform_up(simplify))
        return None if new == node else new

    return plan.transform_up(node_fn)
