"""Constraints a plan's rows are known to satisfy: the filter conjuncts (and pushed scan
filters) below it that use only its output columns. Shared by the filter-inference rules to
avoid adding a filter that is already there."""

from __future__ import annotations

from dfengine.optimizer.expr_utils import deterministic, output_ids, ref_ids
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def constraints(plan: L.LogicalPlan) -> set[E.Expression]:
    out: set[E.Expression] = set()
    if isinstance(plan, L.Filter):
        out |= {c for c in E.split_conjuncts(plan.condition) if deterministic(c)}
        out |= constraints(plan.child)
    elif isinstance(plan, L.FileScan):
        out |= set(plan.pushed_filters)
    elif isinstance(plan, (L.Project, L.SubqueryAlias, L.Sort, L.Limit, L.Repartition,
                           L.Distinct)):
        out |= constraints(plan.children[0])
    elif isinstance(plan, L.Join) and plan.how in ("inner", "cross", "left_semi"):
        out |= constraints(plan.left)
        if plan.how != "left_semi":
            out |= constraints(plan.right)
    elif isinstance(plan, L.Join) and plan.how in ("left", "left_anti"):
        out |= constraints(plan.left)
    elif isinstance(plan, L.Join) and plan.how == "right":
        out |= constraints(plan.right)
    ids = output_ids(plan)
    return {c for c in out if ref_ids(c) <= ids}
