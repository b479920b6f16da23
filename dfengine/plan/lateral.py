"""`FROM t, LATERAL (SELECT ... t.a ...)`: a subquery evaluated for each row of the tables on
its left, turned into a join as the other correlated subqueries are (plan/subqueries.py).

The correlated predicates of the subquery's WHERE become the join condition; a select list
that names the outer row is computed after the join; a subquery that is one aggregate (one
row per outer row, even over no rows) joins LEFT, each outer row with no match getting the
aggregate's value over no rows."""

from __future__ import annotations

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan import subqueries as S


def lateral_join(left: L.LogicalPlan, sub: L.LogicalPlan, how: str,
                 on: E.Expression | None) -> L.LogicalPlan:
    outer_ids = {a.expr_id for a in left.output}
    alias = None
    node = sub
    if isinstance(node, L.SubqueryAlias):
        alias, node = node.alias, node.child
    select = None  # a select list naming the outer row, computed after the join
    if isinstance(node, L.Project) and any(S.is_correlated(e, outer_ids) for e in node.exprs):
        select, node = node.exprs, node.child
    # one row per outer row even over no rows: an aggregate (a LIMIT 1 gives none then)
    one_row = S.single_row(node) and not isinstance(_below_projections(node), L.Limit)
    body, preds = S.pull_up_correlated(S.domain_joins(node, left), outer_ids)
    if S.outer_references(body, outer_ids):
        raise AnalysisException(
            "A LATERAL subquery names the outer row where it cannot become a join condition; "
            "use the outer columns in its WHERE clause or its SELECT list.",
            "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
    if alias is not None and select is None:
        body = L.SubqueryAlias(alias, body)
    fills: dict[int, E.Expression] = {}
    if one_row and preds:
        how = "left" if how == "inner" else how
        if select is None:
            fills = {a.expr_id: e for a in body.output
                     if (e := S.value_on_no_rows(body, a)) is not None}
    matched = E.Alias(E.Literal(True, T.BooleanType()), "__matched")
    if fills:
        body = L.Project(tuple(body.output) + (matched,), body)
    cond = E.conjoin([*preds, *([on] if on is not None else [])])
    joined = L.Join(left, body, "cross" if cond is None and how == "inner" else how, cond)
    if select is not None:
        return _qualified(L.Project(tuple(left.output) + tuple(select), joined),
                          len(left.output), alias)
    return _filled(left, joined, fills, matched, alias) if fills else joined


def _below_projections(plan: L.LogicalPlan) -> L.LogicalPlan:
    while isinstance(plan, (L.SubqueryAlias, L.Project)):
        plan = plan.child
    return plan


def _qualified(plan: L.LogicalPlan, n: int, alias: str | None) -> L.LogicalPlan:
    """The subquery's columns (those after the first `n`) named `alias.col` too."""
    if not alias:
        return plan
    return L.Project(tuple(plan.output[:n]) + tuple(
        a.with_qualifier((alias,)) for a in plan.output[n:]), plan)


def _filled(left: L.LogicalPlan, joined: L.LogicalPlan, fills: dict[int, E.Expression],
            matched: E.Alias, alias: str | None) -> L.LogicalPlan:
    """An outer row that matched nothing gets each aggregate's value over no rows."""
    n = len(left.output)
    out: list[E.Expression] = list(left.output)
    for a in joined.output[n:]:
        if a.expr_id == matched.expr_id:
            continue
        out.append(E.Alias(E.CaseWhen((E.IsNull(matched.to_attribute()),),
                                      (fills[a.expr_id],), a), a.name)
                   if a.expr_id in fills else a)
    return _qualified(L.Project(tuple(out), joined), n, alias)
