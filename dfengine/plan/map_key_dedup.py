"""Stamp `spark.sql.mapKeyDedupPolicy=LAST_WIN` onto the calls that build maps (see
dfengine/functions/map_keys.py), before the optimizer runs, so constant folding and the
tasks (wherever they run) apply the same policy:

    Project: [map(1, a, 1, b)]   --LAST_WIN-->   Project: [map(1, a, 1, b) last_win]

Under EXCEPTION, the default, nothing is stamped.
"""

from __future__ import annotations

import dataclasses

from dfengine.functions.map_keys import BUILDERS
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def last_win(conf) -> bool:
    return str(conf.get("spark.sql.mapKeyDedupPolicy", "EXCEPTION")).strip().upper() == (
        "LAST_WIN")


def _stamp_expr(e: E.Expression) -> E.Expression | None:
    if isinstance(e, E.ScalarFunction) and not e.last_win and e.spec.name in BUILDERS:
        return dataclasses.replace(e, last_win=True)
    sub = getattr(e, "plan", None)
    if isinstance(sub, L.LogicalPlan):
        new = stamp_last_win(sub)
        return None if new is sub else dataclasses.replace(e, plan=new)
    return None


def stamp_expression(e: E.Expression) -> E.Expression:
    """`e` with its map-building calls under LAST_WIN (VALUES cells, folded at parse time)."""
    return e.transform_up(_stamp_expr)


def _stamp(node: L.LogicalPlan) -> L.LogicalPlan | None:
    if not node.expressions():
        return None
    new = node.map_expressions(lambda e: e.transform_up(_stamp_expr))
    return None if new == node else new


def stamp_last_win(plan: L.LogicalPlan) -> L.LogicalPlan:
    return plan.transform_up(_stamp)


def with_map_key_dedup(plan: L.LogicalPlan, conf) -> L.LogicalPlan:
    return stamp_last_win(plan) if last_win(conf) else plan
