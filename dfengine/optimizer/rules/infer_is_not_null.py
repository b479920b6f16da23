"""infer_is_not_null: equi-join keys of an inner join can't be NULL in the result (NULL = x is
never true), so filter NULL keys out of both inputs before the join.

    Join: inner, (a = x)          =>   Join: inner, (a = x)
      T1                                 Filter: (a IS NOT NULL)
      T2                                   T1
                                         Filter: (x IS NOT NULL)
                                           T2

Also on the right side of a left join (and the left of a right join) and both sides of a left
semi join: in each case a row with a NULL key can't match. The filter is cheap, lets parquet
skip all-NULL row groups, and shrinks what is shuffled. Keys that can't be NULL get nothing:
non-nullable ones, and parquet columns whose footers count zero NULLs in every row group
(`statistics.never_null`), where the filter would only cost time.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import equi_pairs, filter_join_inputs
from dfengine.optimizer.rules.constraints import constraints
from dfengine.optimizer.statistics import never_null
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def _not_null(keys: list[E.AttributeReference], side: L.LogicalPlan) -> list[E.Expression]:
    have = constraints(side)
    out: list[E.Expression] = []
    for k in keys:
        c = E.IsNotNull(k)
        if k.nullable and c not in have and c not in out and not never_null(side, k):
            out.append(c)
    return out


def infer_is_not_null(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(j: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(j, L.Join) or j.how not in ("inner", "left_semi", "left", "right"):
            return None
        pairs = equi_pairs(j.condition, j.left, j.right)
        if not pairs:
            return None
        to_left = _not_null([a for a, _ in pairs], j.left) if j.how != "left" else []
        to_right = _not_null([b for _, b in pairs], j.right) if j.how != "right" else []
        return filter_join_inputs(j, to_left, to_right)

    return plan.transform_up(fn)
