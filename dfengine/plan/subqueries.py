"""Subquery expressions and their decorrelation into joins.

A subquery inside WHERE / HAVING / SELECT is first held as an expression (`ScalarSubquery`,
`Exists`, `InSubquery`) whose `plan` is already analyzed; columns of the enclosing query that
it names are plain `AttributeReference`s of the outer plan ("outer references").
`rewrite_subqueries(plan, condition)` then turns them into joins, never a per-row loop:

    WHERE EXISTS (SELECT * FROM o WHERE o.k = c.k)      -> LEFT SEMI JOIN o ON o.k = c.k
    WHERE NOT EXISTS (...)                              -> LEFT ANTI JOIN
    WHERE x IN (SELECT y ...)                           -> LEFT SEMI JOIN ON x = y
    WHERE x NOT IN (SELECT y ...)                       -> LEFT ANTI JOIN ON x = y, plus SQL's
        null rule (a NULL y, or a NULL x with a non-empty subquery, rejects every row)
    WHERE v > (SELECT min(w) FROM t WHERE t.k = c.k)    -> LEFT JOIN (SELECT k, min(w) FROM t
        GROUP BY k) ON t.k = c.k, and `v > min(w)` as a filter

The correlated predicates are pulled out of the subquery's filters up to its root (adding the
columns they need to projections and, below an aggregate, to its grouping) and become the join
condition. This runs at analysis time, so it also happens with the optimizer switched off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

# ------------------------------------------------------------------------- expressions


@dataclass(frozen=True, eq=False)
class SubqueryExpression(E.Expression):
    plan: Any = field(default=None)

    @property
    def resolved(self) -> bool:
        return True

    @property
    def foldable(self) -> bool:
        return False

    @property
    def deterministic(self) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@dataclass(frozen=True, eq=False)
class ScalarSubquery(SubqueryExpression):
    @property
    def data_type(self) -> T.DataType:
        return self.plan.output[0].data_type

    @property
    def nullable(self) -> bool:
        return True

    def sql(self) -> str:
        """Spark's name lists the outer columns it names: `scalarsubquery(a)`."""
        return f"scalarsubquery({', '.join(_outer_names(self.plan))})"


def _outer_names(plan: L.LogicalPlan) -> list[str]:
    """The names of the columns a subquery's plan reads that it does not produce (its outer
    references), in the order it first reads them."""
    made = {a.expr_id for node in plan.walk() for a in node.output}
    outer: dict[int, str] = {}
    for node in plan.walk():
        for e in node.expressions():
            for a in e.references():
                if a.expr_id not in made:
                    outer.setdefault(a.expr_id, a.name)
    return list(outer.values())


@dataclass(frozen=True, eq=False)
class Exists(SubqueryExpression):
    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    @property
    def nullable(self) -> bool:
        return False

    def sql(self) -> str:
        return f"exists({', '.join(_outer_names(self.plan))})"


@dataclass(frozen=True, eq=False)
class InSubquery(SubqueryExpression):
    values: tuple[E.Expression, ...] = ()
    _child_fields = ("values",)

    @property
    def data_type(self) -> T.DataType:
        return T.BooleanType()

    def sql(self) -> str:
        vals = ", ".join(v.sql() for v in self.values)
        return f"({vals} IN (listquery({', '.join(_outer_names(self.plan))})))"


@dataclass(frozen=True, eq=False)
class OuterReference(E.Expression):
    """`col("c.k").outer()` (DataFrame API): a column of the query that will enclose this
    subquery. `ref` stays unresolved (it is no child, so the subquery's own analysis leaves
    it alone) until `bind_outer_references` resolves it against the enclosing query's
    columns; until then it types as NULL, which coercion accepts against any type."""

    ref: E.Expression = field(default=None)

    @property
    def resolved(self) -> bool:
        return True

    @property
    def data_type(self) -> T.DataType:
        return T.NullType()

    @property
    def nullable(self) -> bool:
        return True

    @property
    def foldable(self) -> bool:
        return False

    @property
    def deterministic(self) -> bool:
        return True

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other

    def sql(self) -> str:
        return f"outer({self.ref.sql()})"


def bind_outer_references(e: E.Expression, resolve: Any) -> E.Expression:
    """`e` with the `OuterReference`s inside its subqueries resolved by `resolve` (the
    enclosing query's name resolution), so the subqueries become correlated ones that
    `rewrite_subqueries` decorrelates. A cast coercion put around an outer reference while it
    typed as NULL is redone for its real type."""

    def in_subquery(x: E.Expression) -> E.Expression | None:
        if isinstance(x, SubqueryExpression) and _has_outer(x.plan):
            import dataclasses

            return dataclasses.replace(x, plan=bind_outer_in_plan(x.plan, resolve))
        return None

    return e.transform_up(in_subquery)


def bind_outer_in_plan(plan: L.LogicalPlan, resolve: Any) -> L.LogicalPlan:
    """`plan` (a subquery, or the right side of a lateral join) with its `OuterReference`s
    resolved by `resolve`; see `bind_outer_references`."""
    import dataclasses

    def in_expr(x: E.Expression) -> E.Expression | None:
        if isinstance(x, E.Cast) and isinstance(x.child, OuterReference):
            bound = resolve(x.child.ref)
            return bound if bound.data_type == x.data_type else dataclasses.replace(
                x, child=bound)
        if isinstance(x, OuterReference):
            return resolve(x.ref)
        return None

    return plan.transform_up(lambda node: node.map_expressions(
        lambda x: x.transform_up(in_expr)))


def _has_outer(plan: L.LogicalPlan) -> bool:
    return any(isinstance(x, OuterReference) for node in plan.walk()
               for e in node.expressions() for x in e.walk())


def unbound_outer(e: E.Expression) -> str | None:
    """The name of an outer reference of `e` itself (outside any subquery): `.outer()` used
    in a query that is no subquery."""
    for x in e.walk():
        if isinstance(x, OuterReference):
            return x.ref.sql()
    return None


def has_subquery(e: E.Expression) -> bool:
    return any(isinstance(x, SubqueryExpression) for x in e.walk())


# ---------------------------------------------------------------------- decorrelation


def outer_references(plan: L.LogicalPlan, outer_ids: set[int]) -> bool:
    for node in plan.walk():
        for e in node.expressions():
            if any(a.expr_id in outer_ids for a in e.references()):
                return True
    return False


def is_correlated(e: E.Expression, outer_ids: set[int]) -> bool:
    return any(a.expr_id in outer_ids for a in e.references())


def _pull_up_filter(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    child, preds = pull_up_correlated(plan.child, outer_ids)
    keep, corr = [], []
    for c in E.split_conjuncts(plan.condition):
        (corr if is_correlated(c, outer_ids) else keep).append(c)
    cond = E.conjoin(keep)
    return (L.Filter(cond, child) if cond is not None else child), preds + corr


def _pull_up_project(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    child, preds = pull_up_correlated(plan.child, outer_ids)
    if any(is_correlated(e, outer_ids) for e in plan.exprs):
        raise AnalysisException(
            "Correlated column references are only supported in WHERE predicates of a "
            "subquery, not in its SELECT list.", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
    return L.Project(plan.exprs + tuple(_needed(preds, plan.output, outer_ids)), child), preds


def _pull_up_aggregate(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    child, preds = pull_up_correlated(plan.child, outer_ids)
    if not preds:
        return L.Aggregate(plan.grouping, plan.aggregates, child), []
    for p in preds:
        if not (isinstance(p, E.Comparison) and p.op == "="):
            raise AnalysisException(
                f"Correlated column is not allowed in a non-equality predicate below an "
                f"aggregate: {p.sql()}. Rewrite the subquery as a join.",
                "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY."
                "CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE")
    extra = _needed(preds, plan.output, outer_ids)
    return L.Aggregate(plan.grouping + tuple(extra), plan.aggregates + tuple(extra),
                       child), preds


def _pull_up_alias(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    child, preds = pull_up_correlated(plan.child, outer_ids)
    return L.SubqueryAlias(plan.alias, child), preds


def _pull_up_sort(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    return pull_up_correlated(plan.child, outer_ids)


def _pull_up_distinct(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    child, preds = pull_up_correlated(plan.child, outer_ids)
    return L.Distinct(child), preds


def _pull_up_join(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    left, lp = pull_up_correlated(plan.left, outer_ids)
    if plan.how in ("inner", "cross"):
        right, rp = pull_up_correlated(plan.right, outer_ids)
    else:
        right, rp = plan.right, []
        if outer_references(right, outer_ids):
            raise AnalysisException(
                "Correlated references inside the right side of an outer/semi join of a "
                "subquery are not supported.", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
    cond = plan.condition
    corr = []
    if cond is not None and is_correlated(cond, outer_ids):
        if plan.how not in ("inner", "cross"):
            raise AnalysisException(
                "Correlated references in an outer join condition of a subquery are not "
                "supported.", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
        keep = []
        for c in E.split_conjuncts(cond):
            (corr if is_correlated(c, outer_ids) else keep).append(c)
        cond = E.conjoin(keep)
    return L.Join(left, right, plan.how, cond, plan.hint), lp + rp + corr


def _pull_up_limit(plan: Any, outer_ids: set[int]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    """`... WHERE o.k = c.k ORDER BY x LIMIT n` (a LATERAL subquery's first rows per outer
    row): the limit becomes `row_number() OVER (PARTITION BY o.k ORDER BY x) <= n`, as
    Spark's DecorrelateInnerQuery rewrites it; the correlation must be equalities."""
    inner, orders = plan.child, ()
    if isinstance(inner, L.Sort):
        inner, orders = inner.child, inner.orders
    child, preds = pull_up_correlated(inner, outer_ids)
    if not preds:
        return plan, []
    keys = []
    for p in preds:
        sides = [x for x in (getattr(p, "left", None), getattr(p, "right", None))
                 if x is not None and not is_correlated(x, outer_ids)]
        if not (isinstance(p, E.Comparison) and p.op == "=" and len(sides) == 1):
            raise AnalysisException(
                f"A correlated LIMIT needs equality correlation predicates, not {p.sql()}.",
                "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY."
                "CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE")
        keys.append(sides[0])
    rn = E.Alias(E.WindowExpression(E.WindowFunction("row_number"), tuple(keys), tuple(orders)),
                 "__rn")
    n = E.to_attribute(rn)
    lo, hi = E.make_literal(plan.offset), E.make_literal(plan.offset + plan.n)
    kept = L.Filter(E.And(E.Comparison(">", n, lo), E.Comparison("<=", n, hi)),
                    L.Window((rn,), child))
    return L.Project(tuple(child.output), kept), preds


# plan node -> how correlated predicates are pulled up through it
_PULL_UP: tuple[tuple[type, Any], ...] = (
    (L.Filter, _pull_up_filter),
    (L.Project, _pull_up_project),
    (L.Aggregate, _pull_up_aggregate),
    (L.SubqueryAlias, _pull_up_alias),
    (L.Sort, _pull_up_sort),
    (L.Distinct, _pull_up_distinct),
    (L.Join, _pull_up_join),
    (L.Limit, _pull_up_limit),
)


def pull_up_correlated(plan: L.LogicalPlan, outer_ids: set[int]) -> tuple[
        L.LogicalPlan, list[E.Expression]]:
    """Remove the predicates naming outer columns from `plan`'s filters and return them; the
    returned plan outputs every inner column those predicates need."""
    if not outer_ids:
        return plan, []
    for node_type, pull_up in _PULL_UP:
        if isinstance(plan, node_type):
            return pull_up(plan, outer_ids)
    if outer_references(plan, outer_ids):
        raise AnalysisException(
            f"Correlated subquery through {type(plan).__name__} is not supported; move the "
            "correlated predicate into the subquery's WHERE clause.",
            "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
    return plan, []


def _needed(preds: list[E.Expression], output: list[E.AttributeReference],
            outer_ids: set[int]) -> list[E.AttributeReference]:
    have = {a.expr_id for a in output}
    out: list[E.AttributeReference] = []
    for p in preds:
        for a in sorted(p.references(), key=lambda a: a.expr_id):
            if a.expr_id not in outer_ids and a.expr_id not in have:
                have.add(a.expr_id)
                out.append(a)
    return out


def _fresh(plan: L.LogicalPlan, outer: L.LogicalPlan) -> L.LogicalPlan:
    """The subquery with fresh output ids when it shares columns with the outer plan (a
    subquery over the same table as its parent)."""
    from dfengine.plan.analyzer import dedup_plan

    outer_ids = {a.expr_id for a in outer.output}
    if any(a.expr_id in outer_ids for a in plan.output):
        return dedup_plan(plan)
    return plan


def _remap(preds: list[E.Expression], before: L.LogicalPlan,
           after: L.LogicalPlan) -> list[E.Expression]:
    mapping = {a.expr_id: b for a, b in zip(before.output, after.output)}

    def swap(x: E.Expression) -> E.Expression | None:
        if isinstance(x, E.AttributeReference) and x.expr_id in mapping:
            return mapping[x.expr_id]
        return None

    return [p.transform_up(swap) for p in preds]


def _decorrelate(sub: SubqueryExpression, outer: L.LogicalPlan) -> tuple[
        L.LogicalPlan, list[E.Expression]]:
    outer_ids = {a.expr_id for a in outer.output}
    plan, preds = pull_up_correlated(domain_joins(sub.plan, outer), outer_ids)
    if outer_references(plan, outer_ids):
        raise AnalysisException(
            "A correlated subquery references outer columns where they cannot be turned into "
            "a join condition; use them in the subquery's WHERE clause.",
            "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
    fresh = _fresh(plan, outer)
    if fresh is not plan:
        preds = _remap(preds, plan, fresh)
    return fresh, preds


def domain_joins(plan: L.LogicalPlan, outer: L.LogicalPlan) -> L.LogicalPlan:
    """An aggregate whose input is correlated by more than equalities (`SELECT count(*) FROM
    t2 WHERE t2.a > t.a`) cannot group on the correlation columns. As Spark's
    DecorrelateInnerQuery does, its input is joined with the domain -- the distinct values of
    the outer columns it names -- and grouped by them, which leaves a plain equality
    (null-safe: a NULL outer value is a domain value too) to correlate on."""
    outer_ids = {a.expr_id for a in outer.output}

    def rewrite(node: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(node, L.Aggregate):
            return None
        child, preds = pull_up_correlated(node.child, outer_ids)
        if not preds or all(isinstance(p, E.Comparison) and p.op == "=" for p in preds):
            return None
        from dfengine.plan.reinstance import reinstance

        named = {a.expr_id: a for p in preds for a in p.references() if a.expr_id in outer_ids}
        columns = tuple(named[i] for i in sorted(named))
        copy = reinstance(outer)  # its own ids: the domain is not an outer reference
        at = {a.expr_id: b for a, b in zip(outer.output, copy.output)}
        keys = tuple(at[a.expr_id] for a in columns)
        domain = L.Aggregate(keys, tuple(E.Alias(k, f"__domain_{k.name}") for k in keys), copy)
        swap = dict(zip((a.expr_id for a in columns), domain.output))
        inner = [p.transform_up(lambda x: swap.get(x.expr_id) if isinstance(
            x, E.AttributeReference) else None) for p in preds]
        joined = L.Join(child, domain, "inner", E.conjoin(inner))
        grouped = L.Aggregate(node.grouping + tuple(domain.output),
                              node.aggregates + tuple(domain.output), joined)
        return L.Filter(E.conjoin([E.Comparison("<=>", a, d)
                                   for a, d in zip(columns, domain.output)]), grouped)

    return plan.transform_up(rewrite)


def rewrite_subqueries(plan: L.LogicalPlan, condition: E.Expression) -> tuple[
        L.LogicalPlan, E.Expression | None]:
    """Joins for the subqueries of a WHERE/HAVING `condition` over `plan`; returns the new
    plan (with extra columns on the right, to be projected away by the caller) and what
    remains of the condition (None when nothing)."""
    rest: list[E.Expression] = []
    for c in E.split_conjuncts(condition):
        negated = isinstance(c, E.Not) and isinstance(c.child, (Exists, InSubquery))
        inner = c.child if negated else c
        if isinstance(inner, Exists):
            sub, preds = _decorrelate(inner, plan)
            plan = L.Join(plan, sub, "left_anti" if negated else "left_semi", E.conjoin(preds))
            continue
        if isinstance(inner, InSubquery):
            plan = _in_join(plan, inner, negated)
            continue
        if has_subquery(c):
            plan, c = _rewrite_nested(plan, c)
        rest.append(c)
    return plan, E.conjoin(rest)


def _in_join(plan: L.LogicalPlan, inner: InSubquery, negated: bool) -> L.LogicalPlan:
    sub, preds = _decorrelate(inner, plan)
    n_value = len(inner.values)
    # The subquery's value columns are its first outputs; correlation columns follow.
    value_sub = sub
    pairs = [coerce_eq(v, a) for v, a in zip(inner.values, sub.output[:n_value])]
    if len(sub.output) - len(_needed_out(sub, preds)) != n_value:
        raise AnalysisException(
            f"The number of columns in the IN subquery does not match the number of values on "
            f"its left ({n_value}).",
            "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.IN_SUBQUERY_LENGTH_MISMATCH")
    if not negated:
        return L.Join(plan, value_sub, "left_semi", E.conjoin(pairs + preds))
    nullable = any(v.nullable for v in inner.values) or any(
        a.nullable for a in sub.output[:n_value])
    if not nullable:
        return L.Join(plan, value_sub, "left_anti", E.conjoin(pairs + preds))
    if preds or n_value > 1:
        # Null-aware anti join: a pair whose comparison is unknown also rejects the row. With
        # several columns a NULL in one of them rejects only the rows it could match: (1, 10)
        # NOT IN ((NULL, 30)) is true, since 10 <> 30 whatever the NULL is.
        aware = [E.Or(p, E.IsNull(p)) for p in pairs]
        return L.Join(plan, value_sub, "left_anti", E.conjoin(preds + aware))
    # Uncorrelated: anti join on the values, then SQL's rule with one row of statistics:
    # keep a row iff the subquery is empty, or its values are non-null and no y is null.
    anti = L.Join(plan, value_sub, "left_anti", E.conjoin(pairs))
    any_null = E.conjoin([E.IsNull(a) for a in sub.output[:n_value]]) if n_value == 1 else (
        _disjoin([E.IsNull(a) for a in sub.output[:n_value]]))
    cnt = E.Alias(E.AggregateFunction("count", (E.Literal(1, T.IntegerType()),)), "__n")
    nulls = E.Alias(E.AggregateFunction("count_if", (any_null,)), "__nn")
    stats = L.Aggregate((), (cnt, nulls), sub)
    n_attr, nn_attr = cnt.to_attribute(), nulls.to_attribute()
    joined = L.Join(anti, stats, "left", None)
    values_ok = E.conjoin([E.IsNotNull(v) for v in inner.values])
    keep = E.Or(E.Comparison("=", n_attr, E.Literal(0, T.LongType())),
                E.And(values_ok, E.Comparison("=", nn_attr, E.Literal(0, T.LongType()))))
    return L.Project(tuple(plan.output), L.Filter(keep, joined))


def coerce_eq(v: E.Expression, a: E.Expression) -> E.Expression:
    from dfengine.plan.type_coercion import coerce

    return coerce(E.Comparison("=", v, a))


def _needed_out(sub: L.LogicalPlan, preds: list[E.Expression]) -> list[E.AttributeReference]:
    ids = {a.expr_id for p in preds for a in p.references()}
    return [a for a in sub.output if a.expr_id in ids]


def _disjoin(parts: list[E.Expression]) -> E.Expression:
    out = parts[0]
    for p in parts[1:]:
        out = E.Or(out, p)
    return out


def _rewrite_nested(plan: L.LogicalPlan, cond: E.Expression) -> tuple[
        L.LogicalPlan, E.Expression]:
    """Scalar subqueries anywhere in `cond`, and EXISTS / IN nested under OR / NOT / CASE:
    each becomes a left join and the expression reads the joined column."""
    subs = [x for x in cond.walk() if isinstance(x, SubqueryExpression)]
    negated = {id(x.child) for x in cond.walk()
               if isinstance(x, E.Not) and isinstance(x.child, InSubquery)}
    replace: dict[int, E.Expression] = {}
    for s in subs:
        if id(s) in replace:
            continue
        if isinstance(s, ScalarSubquery):
            plan, value = _scalar_join(plan, s)
        else:
            plan, value = _mark_join(plan, s, null_aware=id(s) in negated)
        replace[id(s)] = value

    def swap(x: E.Expression) -> E.Expression | None:
        return replace.get(id(x))

    return plan, cond.transform_down(swap)


def _scalar_join(plan: L.LogicalPlan, s: ScalarSubquery) -> tuple[L.LogicalPlan, E.Expression]:
    sub, preds = _decorrelate(s, plan)
    if len(sub.output) - len(_needed_out(sub, preds)) != 1:
        raise AnalysisException(
            "Scalar subquery must return only one column, but got "
            f"{len(sub.output) - len(_needed_out(sub, preds))}.",
            "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN")
    value = sub.output[0]
    result: E.Expression = value
    if not preds and not single_row(sub):
        return _checked_scalar_join(plan, sub, value)
    if preds and not single_row(s.plan) and all(
            _is_equi(p, {a.expr_id for a in sub.output}) for p in preds):
        return _checked_correlated_join(plan, sub, value, preds)
    empty = value_on_no_rows(sub, value) if preds else None
    if empty is not None and not value.nullable:  # NULL only where nothing matched
        return L.Join(plan, sub, "left", E.conjoin(preds)), E.ScalarFunction(
            "coalesce", (value, empty))
    if empty is not None:
        # An outer row with no matching rows gets the aggregate's value over no rows (COUNT
        # is 0, so `count(*) + 1` is 1), not the NULL an outer join gives.
        matched = E.Alias(E.Literal(True, T.BooleanType()), "__matched")
        sub = L.Project(tuple(sub.output) + (matched,), sub)
        result = E.CaseWhen((E.IsNull(matched.to_attribute()),), (empty,), value)
    return L.Join(plan, sub, "left", E.conjoin(preds)), result


def single_row(sub: L.LogicalPlan) -> bool:
    node = sub
    while isinstance(node, (L.SubqueryAlias, L.Project)):
        node = node.child
    return (isinstance(node, L.Aggregate) and not node.grouping) or (
        isinstance(node, L.Limit) and node.n <= 1)


@dataclass(frozen=True)
class SingleRowCheck(E.Expression):
    """The value of an uncorrelated scalar subquery, checked to come from at most one row:
    `count` is the subquery's row count (Spark: SCALAR_SUBQUERY_TOO_MANY_ROWS)."""

    count: E.AttributeReference
    value: E.AttributeReference
    _child_fields = ("count", "value")

    @property
    def data_type(self) -> T.DataType:
        return self.value.data_type

    @property
    def nullable(self) -> bool:
        return True

    def sql(self) -> str:
        return self.value.sql()

    def evaluate_arrow(self, table: Any, ctx: Any) -> Any:
        import pyarrow.compute as pc

        if pc.any(pc.greater(table.column(self.count.key), 1)).as_py():
            from dfengine.errors import SparkRuntimeException

            raise SparkRuntimeException(
                "More than one row returned by a subquery used as an expression. Make the "
                "subquery return one row (an aggregate, a WHERE on a key, or LIMIT 1).",
                "SCALAR_SUBQUERY_TOO_MANY_ROWS")
        return table.column(self.value.key)


def _checked_scalar_join(plan: L.LogicalPlan, sub: L.LogicalPlan,
                         value: E.AttributeReference) -> tuple[L.LogicalPlan, E.Expression]:
    first = E.Alias(E.AggregateFunction("first", (value,)), value.name)
    count = E.Alias(E.AggregateFunction("count", (E.Literal(1, T.IntegerType()),)), "__rows")
    one = L.Aggregate((), (first, count), sub)
    return L.Join(plan, one, "left", None), SingleRowCheck(count.to_attribute(),
                                                           first.to_attribute())


def _checked_correlated_join(plan: L.LogicalPlan, sub: L.LogicalPlan, value: E.AttributeReference,
                             preds: list[E.Expression]) -> tuple[L.LogicalPlan, E.Expression]:
    """A correlated scalar subquery that is not an aggregate: one row per correlation key,
    with its row count checked (Spark: SCALAR_SUBQUERY_TOO_MANY_ROWS), instead of a join
    that repeats the outer row once per matching row."""
    keys = tuple(_needed_out(sub, preds))
    first = E.Alias(E.AggregateFunction("first", (value,)), value.name)
    count = E.Alias(E.AggregateFunction("count", (E.Literal(1, T.IntegerType()),)), "__rows")
    grouped = L.Aggregate(keys, keys + (first, count), sub)
    return L.Join(plan, grouped, "left", E.conjoin(preds)), SingleRowCheck(
        count.to_attribute(), first.to_attribute())


def value_on_no_rows(sub: L.LogicalPlan, value: E.AttributeReference) -> E.Expression | None:
    """The subquery's value when its aggregate sees no rows, if not NULL (Spark's
    evalAggregateOnZeroTups): counts are 0, other aggregates NULL, and the expressions above
    them computed on that. None when it is NULL or depends on a column."""
    expr: E.Expression = value
    node = sub
    while isinstance(node, (L.SubqueryAlias, L.Project)):
        if isinstance(node, L.Project):
            expr = _inline(expr, node.exprs)
        node = node.child
    if not isinstance(node, L.Aggregate):
        return None

    def on_empty(x: E.Expression) -> E.Expression | None:
        if isinstance(x, E.AggregateFunction):
            return E.Literal(None if x.nullable else 0, x.data_type)
        return None

    expr = _inline(expr, node.aggregates).transform_up(on_empty)
    if expr.references() or _certainly_null(expr) or any(
            isinstance(x, E.AggregateFunction) or not x.deterministic for x in expr.walk()):
        return None
    return expr


def _certainly_null(e: E.Expression) -> bool:
    """NULL whatever the rest: a NULL literal, or arithmetic, a cast or a comparison on one
    (`0.2 * avg(x)` over no rows); such a value needs no filling in."""
    if isinstance(e, E.Literal):
        return e.value is None
    if isinstance(e, E.Comparison) and e.op == "<=>":
        return False
    if isinstance(e, (E.BinaryArithmetic, E.UnaryMinus, E.Cast, E.Comparison, E.Alias)):
        return any(_certainly_null(c) for c in e.children)
    return False


def _inline(e: E.Expression, exprs: tuple[E.Expression, ...]) -> E.Expression:
    defs = {x.expr_id: x.child for x in exprs if isinstance(x, E.Alias)}

    def swap(x: E.Expression) -> E.Expression | None:
        return defs.get(x.expr_id) if isinstance(x, E.AttributeReference) else None

    return e.transform_up(swap)


def _mark_join(plan: L.LogicalPlan, s: SubqueryExpression,
               null_aware: bool = False) -> tuple[L.LogicalPlan, E.Expression]:
    """EXISTS / IN used inside a larger expression: a left join with the distinct matching
    keys and a marker column; the expression becomes `marker IS NOT NULL`.

    Spark's values (its ExistenceJoin): `v IN (subquery)` is TRUE or FALSE, never NULL; under
    NOT (`null_aware`) the marker is the null-aware existence -- a row whose comparison is
    unknown counts as a match -- so `NOT (v IN ...)` is FALSE where SQL's NOT IN is unknown.
    With a non-equality correlation the distinct keys can match an outer row several times
    (which duplicated rows), so those split the outer rows into a semi and an anti join."""
    sub, preds = _decorrelate(s, plan)
    eqs: list[E.Expression] = []
    if isinstance(s, InSubquery):
        eqs = [coerce_eq(v, a) for v, a in zip(s.values, sub.output[:len(s.values)])]
    sub_ids = {a.expr_id for a in sub.output}
    if not all(_is_equi(p, sub_ids) for p in preds) or (null_aware and len(eqs) > 1):
        return _split_mark(plan, sub, preds, eqs, null_aware)
    conds = list(preds) + eqs
    keys = _needed_out(sub, preds)
    if isinstance(s, InSubquery):
        keys = list(dict.fromkeys(list(sub.output[:len(s.values)]) + keys))
    marker = E.Alias(E.Literal(True, T.BooleanType()), "__exists")
    distinct = L.Aggregate(tuple(keys), tuple(keys) + (marker,), sub)
    joined = L.Join(plan, distinct, "left", E.conjoin(conds))
    found = E.IsNotNull(marker.to_attribute())
    if isinstance(s, InSubquery) and null_aware:
        return _null_aware_in(joined, found, s, sub, preds)
    return joined, found


def _is_equi(p: E.Expression, sub_ids: set[int]) -> bool:
    """`outer_expr = sub_expr`: a correlation that matches each outer row to one key."""
    if not (isinstance(p, E.Comparison) and p.op == "="):
        return False
    sides = [{a.expr_id in sub_ids for a in x.references()} for x in (p.left, p.right)]
    return sorted(map(tuple, sides)) == [(False,), (True,)]


def _split_mark(plan: L.LogicalPlan, sub: L.LogicalPlan, preds: list[E.Expression],
                eqs: list[E.Expression], null_aware: bool) -> tuple[L.LogicalPlan, E.Expression]:
    """The outer rows with a match (left semi join, marker TRUE) and those without (left anti
    join, marker FALSE): each outer row exactly once, whatever the join condition."""
    if null_aware:
        eqs = [E.Or(e, E.IsNull(e)) for e in eqs]
    cond = E.conjoin(list(preds) + eqs)
    yes = E.Alias(E.Literal(True, T.BooleanType()), "__exists")
    no = E.Alias(E.Literal(False, T.BooleanType()), "__exists")
    semi = L.Project(tuple(plan.output) + (yes,), L.Join(plan, sub, "left_semi", cond))
    anti = L.Project(tuple(plan.output) + (no,), L.Join(plan, sub, "left_anti", cond))
    return L.Union((semi, anti)), yes.to_attribute()


def _null_aware_in(joined: L.LogicalPlan, found: E.Expression, s: InSubquery,
                   sub: L.LogicalPlan, preds: list[E.Expression]) -> tuple[
        L.LogicalPlan, E.Expression]:
    """The null-aware existence of `v IN (subquery)` (what NOT negates): a match, or a row of
    the subquery (for this row's correlation) whose comparison with v is unknown -- v is NULL
    or the row's value is. The row counts come from a second, freshly-numbered copy of the
    subquery grouped on its correlation columns. (A plain match marker made
    `NOT (v IN ...) OR ...` keep rows that Spark and SQL drop.)"""
    from dfengine.plan.analyzer import dedup_plan

    n_value = len(s.values)
    if not (any(v.nullable for v in s.values) or any(a.nullable
                                                     for a in sub.output[:n_value])):
        return joined, found
    stats_sub = dedup_plan(sub)
    stats_preds = _remap(preds, sub, stats_sub)
    corr = _needed_out(stats_sub, stats_preds)
    any_null = _disjoin([E.IsNull(a) for a in stats_sub.output[:n_value]])
    cnt = E.Alias(E.AggregateFunction("count", (E.Literal(1, T.IntegerType()),)), "__in_n")
    nulls = E.Alias(E.AggregateFunction("count_if", (any_null,)), "__in_nn")
    stats = L.Aggregate(tuple(corr), tuple(corr) + (cnt, nulls), stats_sub)
    joined = L.Join(joined, stats, "left", E.conjoin(stats_preds) if stats_preds else None)
    zero = E.Literal(0, T.LongType())
    has_rows = E.Comparison(">", E.ScalarFunction("coalesce", (cnt.to_attribute(), zero)), zero)
    value_null = _disjoin([E.IsNull(v) for v in s.values])
    unknown = E.And(has_rows, E.Or(value_null, E.Comparison(">", nulls.to_attribute(), zero)))
    return joined, E.Or(found, unknown)
