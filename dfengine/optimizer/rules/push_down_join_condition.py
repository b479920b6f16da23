"""push_down_join_condition: filter a join's input by the parts of its condition that use
only that input.

    Join: inner, ((a = x) AND (b > 1))       =>   Join: inner, (a = x)
      T1 [a, b]                                      Filter: (b > 1)
      T2 [x]                                           T1 [a, b]
                                                     T2 [x]

Which side may be filtered depends on the join type: any side of an inner or cross join; for a
left join only the right side (a left row that fails the condition is still output, padded
with NULLs); for a right join only the left side; for left semi both; for left anti only the
right side; never for a full join. A part that can raise under ANSI (`can_raise`: a division,
a cast of a string...) stays in the condition, where it sees only the rows the join pairs.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import can_raise, deterministic, output_ids, ref_ids
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_TO_LEFT = ("inner", "cross", "right", "left_semi")
_TO_RIGHT = ("inner", "cross", "left", "left_semi", "left_anti")


def push_down_join_condition(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(j: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(j, L.Join) or j.condition is None:
            return None
        lids, rids = output_ids(j.left), output_ids(j.right)
        left, right, keep = [], [], []
        for c in E.split_conjuncts(j.condition):
            refs = ref_ids(c)
            if not deterministic(c) or not refs or can_raise(c):
                keep.append(c)
            elif refs <= lids and j.how in _TO_LEFT:
                left.append(c)
            elif refs <= rids and j.how in _TO_RIGHT:
                right.append(c)
            else:
                keep.append(c)
        if not left and not right:
            return None
        new_left = L.Filter(E.conjoin(left), j.left) if left else j.left
        new_right = L.Filter(E.conjoin(right), j.right) if right else j.right
        return L.Join(new_left, new_right, j.how, E.conjoin(keep), j.hint)

    return plan.transform_down(fn)
