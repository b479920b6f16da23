"""infer_filters_from_disjunctions: a join condition that ORs conjunctions over both sides
still restricts each side on its own (Catalyst's PushExtraPredicateThroughJoin).

    Join: inner, ((n1.name = 'FRANCE' AND n2.name = 'GERMANY')
                  OR (n1.name = 'GERMANY' AND n2.name = 'FRANCE'))
  =>  the left input also gets  Filter: ((n1.name = 'FRANCE') OR (n1.name = 'GERMANY'))
      and the right input       Filter: ((n2.name = 'GERMANY') OR (n2.name = 'FRANCE'))

Each disjunct must say something about the side (else the side is unconstrained); the
original condition stays on the join, so the answer is unchanged while the inputs shrink
(TPC-H Q7 joins 2 of 25 nations instead of all). A side receives filters only where the join
type allows it, as in push_down_join_condition. Runs once (the filters are not re-derived).
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import deterministic, filter_join_inputs, output_ids, ref_ids
from dfengine.optimizer.rules.constraints import constraints
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_TO_LEFT = ("inner", "cross", "right", "left_semi")
_TO_RIGHT = ("inner", "cross", "left", "left_semi", "left_anti")


def _disjuncts(e: E.Expression) -> list[E.Expression]:
    if isinstance(e, E.Or):
        return _disjuncts(e.left) + _disjuncts(e.right)
    return [e]


def _side_filter(c: E.Expression, ids: set[int]) -> E.Expression | None:
    """OR over the disjuncts of `c` of each disjunct's conjuncts on `ids` only, or None when
    some disjunct has none."""
    parts: list[E.Expression] = []
    for d in _disjuncts(c):
        mine = [x for x in E.split_conjuncts(d)
                if ref_ids(x) and ref_ids(x) <= ids and deterministic(x)]
        if not mine:
            return None
        parts.append(E.conjoin(mine))
    out = parts[0]
    for p in parts[1:]:
        out = E.Or(out, p)
    return out


def infer_filters_from_disjunctions(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(j: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(j, L.Join) or j.condition is None:
            return None
        lids, rids = output_ids(j.left), output_ids(j.right)
        to_left: list[E.Expression] = []
        to_right: list[E.Expression] = []
        for c in E.split_conjuncts(j.condition):
            if not isinstance(c, E.Or) or not deterministic(c):
                continue
            refs = ref_ids(c)
            if refs <= lids or refs <= rids:
                continue
            if j.how in _TO_LEFT and (f := _side_filter(c, lids)) is not None:
                to_left.append(f)
            if j.how in _TO_RIGHT and (f := _side_filter(c, rids)) is not None:
                to_right.append(f)
        to_left = [f for f in to_left if f not in constraints(j.left)]
        to_right = [f for f in to_right if f not in constraints(j.right)]
        return filter_join_inputs(j, to_left, to_right)

    return plan.transform_up(fn)
