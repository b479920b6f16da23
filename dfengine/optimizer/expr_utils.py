"""Expression helpers the rules share: references by id, alias substitution, null rejection."""

from __future__ import annotations

from collections.abc import Iterable

from dfengine import types as T
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.types.coercion import wider_numeric


def ref_ids(e: E.Expression) -> frozenset[int]:
    return e.reference_ids


def output_ids(plan: L.LogicalPlan) -> set[int]:
    return {a.expr_id for a in plan.output}


def deterministic(e: E.Expression) -> bool:
    try:
        return bool(e.deterministic) and not any(
            isinstance(n, (E.AggregateFunction, E.WindowExpression, E.WindowFunction))
            for n in e.walk())
    except Exception:  # noqa: BLE001 - an expression whose spec can't say: treat as unsafe to move
        return False


# functions whose ANSI checks raise on some inputs (compute/ansi_functions.py)
_RAISING_FUNCTIONS = frozenset(("element_at", "subscript", "to_date", "to_timestamp",
                                "make_date", "pmod", "raise_error", "assert_true"))


def _cast_can_raise(c: E.Cast) -> bool:
    src, dst = c.child.data_type, c.to
    if c.mode != "ansi" or src == dst or isinstance(dst, T.StringType) or isinstance(
            src, (T.NullType, T.BooleanType)):
        return False
    if isinstance(src, T.NumericType) and isinstance(dst, T.NumericType):
        return wider_numeric(src, dst) != dst  # a narrowing cast can overflow
    return not (isinstance(src, T.DateType) and isinstance(dst, T.TimestampType))


def _node_can_raise(x: E.Expression) -> bool:
    if isinstance(x, E.BinaryArithmetic):
        divisor = x.right
        nonzero = isinstance(divisor, E.Literal) and divisor.value not in (None, 0)
        return x.mode == "ansi" and x.op in ("/", "div", "%") and not nonzero
    if isinstance(x, E.Cast):
        return _cast_can_raise(x)
    if isinstance(x, E.ScalarFunction):
        return x.ansi and x.name.lower() in _RAISING_FUNCTIONS
    return False


def can_raise(e: E.Expression) -> bool:
    """True when evaluating `e` may raise under ANSI for some row (division by zero, a
    failing cast, an index out of range). Such a predicate must not move to rows the plan
    does not evaluate it on: below a join or an explode that drops rows (push_down_filter).
    Overflow of +, -, * is not counted (it would pin nearly every arithmetic filter)."""
    try:
        return any(_node_can_raise(x) for x in e.walk())
    except Exception:  # noqa: BLE001 - a type that can't be derived: assume it can
        return True


def alias_map(exprs: Iterable[E.Expression]) -> dict[int, E.Expression]:
    """expr_id -> the expression a Project/Aggregate computes under that id (aliases only)."""
    return {a.expr_id: a.child for a in exprs if isinstance(a, E.Alias)}


def substitute(e: E.Expression, mapping: dict[int, E.Expression]) -> E.Expression:
    """Replace attribute references whose id is in `mapping` by the mapped expression."""
    if not mapping:
        return e

    def fn(x: E.Expression) -> E.Expression | None:
        if isinstance(x, E.AttributeReference) and x.expr_id in mapping:
            return mapping[x.expr_id]
        return None

    return e.transform_up(fn)


def null_when(e: E.Expression, ids: set[int]) -> bool:
    """True when `e` is certainly NULL once every attribute in `ids` is NULL."""
    if isinstance(e, E.AttributeReference):
        return e.expr_id in ids
    if isinstance(e, E.Literal):
        return e.value is None
    if isinstance(e, E.Comparison) and e.op == "<=>":
        return False
    if isinstance(e, (E.BinaryArithmetic, E.Comparison, E.UnaryMinus, E.Cast, E.Not, E.Like)):
        return any(null_when(c, ids) for c in e.children)
    if isinstance(e, E.In):
        return null_when(e.value, ids)
    if isinstance(e, E.And):  # NULL AND x is NULL or false; treat as rejecting via rejects_nulls
        return null_when(e.left, ids) and null_when(e.right, ids)
    if isinstance(e, E.Or):
        return null_when(e.left, ids) and null_when(e.right, ids)
    return False


def rejects_nulls(cond: E.Expression, ids: set[int]) -> bool:
    """True when a filter on `cond` drops every row whose attributes in `ids` are all NULL
    (the condition is then NULL or false): the test for turning an outer join into inner."""
    if isinstance(cond, E.And):
        return rejects_nulls(cond.left, ids) or rejects_nulls(cond.right, ids)
    if isinstance(cond, E.Or):
        return rejects_nulls(cond.left, ids) and rejects_nulls(cond.right, ids)
    if isinstance(cond, E.IsNotNull):
        return null_when(cond.child, ids)
    if isinstance(cond, E.Not) and isinstance(cond.child, E.IsNull):
        return null_when(cond.child.child, ids)
    return null_when(cond, ids)


def equi_pairs(cond: E.Expression | None, left: L.LogicalPlan,
               right: L.LogicalPlan) -> list[tuple[E.AttributeReference, E.AttributeReference]]:
    """(left attribute, right attribute) for each `l = r` conjunct between the two sides."""
    if cond is None:
        return []
    lids, rids = output_ids(left), output_ids(right)
    out = []
    for c in E.split_conjuncts(cond):
        if isinstance(c, E.Comparison) and c.op == "=" and isinstance(
                c.left, E.AttributeReference) and isinstance(c.right, E.AttributeReference):
            a, b = c.left, c.right
            if a.expr_id in lids and b.expr_id in rids:
                out.append((a, b))
            elif b.expr_id in lids and a.expr_id in rids:
                out.append((b, a))
    return out


def filter_join_inputs(j: L.Join, to_left: list[E.Expression],
                       to_right: list[E.Expression]) -> L.Join | None:
    """`j` with each input filtered by its new conjuncts, or None when there are none (what
    the filter-inference rules return to say nothing changed)."""
    if not to_left and not to_right:
        return None
    left = L.Filter(E.conjoin(to_left), j.left) if to_left else j.left
    right = L.Filter(E.conjoin(to_right), j.right) if to_right else j.right
    return L.Join(left, right, j.how, j.condition, j.hint)
