"""infer_filters_from_joins: a filter on one side's equi-join key also holds for the other
side's key, so copy it across (Catalyst's InferFiltersFromConstraints).

    Join: inner, (o_orderkey = l_orderkey)          Join: inner, (o_orderkey = l_orderkey)
      Filter: (o_orderkey < 100)              =>      Filter: (o_orderkey < 100)
        Scan orders                                     Scan orders
      Scan lineitem                                   Filter: (l_orderkey < 100)
                                                        Scan lineitem

Only constraints that use the key column alone are copied, and only in the directions the join
allows: both ways for inner and left semi joins; from the preserved side to the other for left
and right joins (rows of the other side can only appear matched).
"""

from __future__ import annotations

from dfengine import types as T
from dfengine.optimizer.expr_utils import equi_pairs, filter_join_inputs, ref_ids, substitute
from dfengine.optimizer.rules.constraints import constraints
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def _copy(src: set[E.Expression], dst: set[E.Expression],
          pairs: list[tuple[E.AttributeReference, E.AttributeReference]]) -> list[E.Expression]:
    new: list[E.Expression] = []
    for a, b in pairs:
        # Equal keys must be interchangeable in any expression: same type, and not floating
        # point (0.0 = -0.0 and NaN = NaN hold, yet 1/x or sign tells them apart).
        if a.data_type != b.data_type or isinstance(a.data_type, (T.FloatType, T.DoubleType)):
            continue
        for c in sorted(src, key=lambda e: e.sql()):
            if ref_ids(c) == {a.expr_id} and not isinstance(c, E.IsNotNull):
                moved = substitute(c, {a.expr_id: b})
                if moved not in dst and moved not in new:
                    new.append(moved)
    return new


def infer_filters_from_joins(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(j: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(j, L.Join) or j.how not in ("inner", "left_semi", "left", "right"):
            return None
        pairs = equi_pairs(j.condition, j.left, j.right)
        if not pairs:
            return None
        lc, rc = constraints(j.left), constraints(j.right)
        to_right = _copy(lc, rc, pairs) if j.how in ("inner", "left_semi", "left") else []
        to_left = _copy(rc, lc, [(b, a) for a, b in pairs]) if j.how in (
            "inner", "left_semi", "right") else []
        return filter_join_inputs(j, to_left, to_right)

    return plan.transform_up(fn)
