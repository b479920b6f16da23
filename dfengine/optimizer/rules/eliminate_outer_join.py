"""eliminate_outer_join: an outer join under a filter that rejects its NULL-padded rows is an
inner (or narrower outer) join.

    Filter: (o_totalprice > 100)                  =>   Filter: (o_totalprice > 100)
      Join: left, (c_custkey = o_custkey)                Join: inner, (c_custkey = o_custkey)

A left join pads unmatched left rows with NULL right columns; if the filter is NULL or false
for such rows, they never reach the output, so the join may be inner (and then filters can be
pushed to both sides). For a full join, rejecting NULLs of one side narrows it to a left or
right join.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import output_ids, rejects_nulls
from dfengine.plan import logical as L


def _new_type(how: str, rejects_left: bool, rejects_right: bool) -> str:
    if how == "left" and rejects_right:
        return "inner"
    if how == "right" and rejects_left:
        return "inner"
    if how == "full":
        if rejects_left and rejects_right:
            return "inner"
        if rejects_left:
            return "left"
        if rejects_right:
            return "right"
    return how


def eliminate_outer_join(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(f: L.LogicalPlan) -> L.LogicalPlan | None:
        if not (isinstance(f, L.Filter) and isinstance(f.child, L.Join)
                and f.child.how in ("left", "right", "full")):
            return None
        j = f.child
        how = _new_type(j.how, rejects_nulls(f.condition, output_ids(j.left)),
                        rejects_nulls(f.condition, output_ids(j.right)))
        if how == j.how:
            return None
        return L.Filter(f.condition, L.Join(j.left, j.right, how, j.condition, j.hint))

    return plan.transform_down(fn)
