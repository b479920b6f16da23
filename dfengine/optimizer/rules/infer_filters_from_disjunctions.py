"""infer_filters_from_disjunctions: a join condition that ORs conjunctions over both sides
still restricts each side on its own (Catalyst's PushExtraPredicateThroughJoin).

    Join: inner, ((n1.name = 'FRANCE' AND n2.name = 'GERMANY')
                  OR (n1.name = 'GERMANY' AND n2.name = 'FRANCE'))
  =>  the left input also gets  Filter: ((n1.name = 'FRANCE') OR (n1.name = 'GERMANY'))
      and the right input       Filter: ((n2.name = 'GERMANY') OR (n2.name = 'FRANCE'))

Each disjunct must say something about the side (else the side is unconstrained); the
original condition stays on the join, so the answer is unchanged while the inputs shrink
(TPC-H Q7 joins 2 of 25 nations instead of all). When every disjunct of a side's filter is
a range of one column and the ranges overlap, the filter is their union, one range: TPC-H
Q19's lineitem gets `l_quantity >= 1 AND l_quantity <= 30`, not an OR of three ranges. A side receives filters only where the join
type allows it, as in push_down_join_condition. Runs once (the filters are not re-derived).
"""

from __future__ import annotations

from typing import Any

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
    merged = _merged_range(parts)
    if merged is not None:
        return merged
    out = parts[0]
    for p in parts[1:]:
        out = E.Or(out, p)
    return out


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _bound(c: E.Expression) -> tuple[E.Expression, str, E.Literal] | None:
    """(column, op, literal) of `column op literal` (either way round), else None."""
    if not isinstance(c, E.Comparison) or c.op not in _FLIP:
        return None
    if isinstance(c.right, E.Literal) and isinstance(c.left, E.AttributeReference):
        return c.left, c.op, c.right
    if isinstance(c.left, E.Literal) and isinstance(c.right, E.AttributeReference):
        return c.right, _FLIP[c.op], c.left
    return None


def _range(d: E.Expression) -> tuple[E.Expression, Any, Any] | None:
    """(column, lower, upper) of a conjunction of at most one lower and one upper bound on
    one column by non-NULL literals; a bound is (comparison, value) or None (unbounded)."""
    col, lower, upper = None, None, None
    for c in E.split_conjuncts(d):
        got = _bound(c)
        if got is None or got[2].value is None or (col is not None and got[0] != col):
            return None
        col = got[0]
        if got[1] in (">", ">="):
            if lower is not None:
                return None
            lower = (c, got[2].value, got[1] == ">=")
        else:
            if upper is not None:
                return None
            upper = (c, got[2].value, got[1] == "<=")
    return (col, lower, upper) if col is not None else None


def _merged_range(parts: list[E.Expression]) -> E.Expression | None:
    """One range for an OR of ranges of one column that overlap or touch, else None."""
    ranges = [_range(p) for p in parts]
    if len(parts) < 2 or any(r is None for r in ranges) or len({
            r[0] for r in ranges}) != 1:
        return None
    try:
        ranges.sort(key=lambda r: (r[1] is not None, r[1][1] if r[1] else 0,
                                   not r[1][2] if r[1] else False))
        lower, upper = ranges[0][1], ranges[0][2]
        for _, lo, hi in ranges[1:]:
            if upper is None:
                continue
            if lo is not None and (lo[1] > upper[1] or (
                    lo[1] == upper[1] and not (lo[2] or upper[2]))):
                return None  # a gap between the ranges
            if hi is None or hi[1] > upper[1] or (hi[1] == upper[1] and hi[2]):
                upper = hi
    except TypeError:  # bounds of types that don't compare
        return None
    bounds = [b[0] for b in (lower, upper) if b is not None]
    return E.conjoin(bounds) if bounds else None


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
