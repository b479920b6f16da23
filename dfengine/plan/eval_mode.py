"""Stamp `spark.sql.ansi.enabled` onto a plan's expressions (Spark's EvalMode).

Expressions are built in ANSI mode, Spark 4's default. When the session turns ANSI off, the
query's casts, arithmetic and array accesses are rewritten to their legacy forms before the
optimizer runs (so constant folding sees the same semantics as execution), and because the
mode lives in the plan, tasks on remote workers evaluate it without reading any conf:

    Project: [CAST(s AS INT)]   --ansi=false-->   Project: [CAST(s AS INT) mode=legacy]

`try_cast` and the `try_*` functions carry mode "try" and keep it whatever the setting.
"""

from __future__ import annotations

import dataclasses

from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def ansi_enabled(conf) -> bool:
    return str(conf.get("spark.sql.ansi.enabled", "true")).strip().lower() != "false"


def _legacy(e: E.Expression) -> E.Expression | None:
    if isinstance(e, (E.Cast, E.BinaryArithmetic, E.UnaryMinus)) and e.mode == "ansi":
        return dataclasses.replace(e, mode="legacy")
    if isinstance(e, E.ScalarFunction) and e.ansi:
        return dataclasses.replace(e, ansi=False)
    sub = getattr(e, "plan", None)
    if isinstance(sub, L.LogicalPlan):
        new = legacy_mode(sub)
        return None if new is sub else dataclasses.replace(e, plan=new)
    return None


def legacy_mode(plan: L.LogicalPlan) -> L.LogicalPlan:
    """`plan` with every ANSI-mode expression switched to legacy evaluation."""
    return plan.transform_up(lambda node: _stamp(node))


def _stamp(node: L.LogicalPlan) -> L.LogicalPlan | None:
    if not node.expressions():
        return None
    new = node.map_expressions(lambda e: e.transform_up(_legacy))
    return None if new == node else new


def with_eval_mode(plan: L.LogicalPlan, conf) -> L.LogicalPlan:
    return plan if ansi_enabled(conf) else legacy_mode(plan)
