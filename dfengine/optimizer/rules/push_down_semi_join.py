"""push_down_semi_join: move a left semi/anti join below the joins and projects under it,
to the input whose columns its condition uses (Catalyst's PushLeftSemiLeftAntiThroughJoin and
PushDownLeftSemiAntiJoin).

    Join: left_semi, (o_orderkey = l_orderkey)            Join: inner, (o_orderkey = l_orderkey)
      Join: inner, (o_orderkey = l_orderkey)      =>        Join: left_semi, (o_orderkey = ...)
        orders                                                orders
        lineitem                                              <subquery>
      <subquery>                                            lineitem

A semi or anti join only filters the rows of its left input by the columns its condition
reads, so it commutes with any operator that passes those columns through unchanged and keeps
each of that input's rows as they are filtered: a project (plain column references only), an
inner join (either side), the preserved side of a left or right outer join.

Below a join is only better when that join does not itself shrink the side: TPC-H Q18's
orders-lineitem join multiplies orders by four, so the semi join filters orders to 57 rows
before it rather than after; Q21's supplier-nation join keeps 1/25 of lineitem, so its
semi/anti joins stay above it. Statistics decide (estimated join rows >= side rows); without
them nothing moves.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import deterministic, output_ids, ref_ids
from dfengine.optimizer.statistics import estimate
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_SEMI = ("left_semi", "left_anti")
_TO_LEFT = ("inner", "left")
_TO_RIGHT = ("inner", "right")


def _does_not_shrink(join: L.Join, side: L.LogicalPlan) -> bool:
    js, ss = estimate(join), estimate(side)
    return js is not None and ss is not None and js.rows >= ss.rows


def push_down_semi_join(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(j: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(j, L.Join) or j.how not in _SEMI or j.condition is None:
            return None
        if not deterministic(j.condition):
            return None
        used = ref_ids(j.condition) - output_ids(j.right)
        child = j.left

        def semi(new_left: L.LogicalPlan) -> L.Join:
            return L.Join(new_left, j.right, j.how, j.condition, j.hint)

        if isinstance(child, L.Project):
            passed = {e.expr_id for e in child.exprs if isinstance(e, E.AttributeReference)}
            if used <= passed and all(deterministic(e) for e in child.exprs):
                return L.Project(child.exprs, semi(child.child))
        if isinstance(child, L.Join) and child.how not in _SEMI:
            if (used <= output_ids(child.left) and child.how in _TO_LEFT
                    and _does_not_shrink(child, child.left)):
                return L.Join(semi(child.left), child.right, child.how, child.condition,
                              child.hint)
            if (used <= output_ids(child.right) and child.how in _TO_RIGHT
                    and _does_not_shrink(child, child.right)):
                return L.Join(child.left, semi(child.right), child.how, child.condition,
                              child.hint)
        return None

    return plan.transform_down(fn)
