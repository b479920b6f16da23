"""Translate a sqlglot query (SELECT blocks, set operations, CTEs) into an analyzed plan.

Each clause is translated and resolved in SQL's logical order (FROM, WHERE, GROUP BY, HAVING,
SELECT, DISTINCT, ORDER BY, LIMIT), so every step knows the columns below it: that is what a
correlated subquery needs to bind its outer references, and what lets subqueries be turned
into joins right here (`dfengine.plan.subqueries`), before any optimizer runs.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from sqlglot import exp

from dfengine import types as T
from dfengine.errors import AnalysisException, ParseException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan import subqueries as S
from dfengine.plan.analyzer import Analyzer
from dfengine.plan.builder import PlanBuilder, generator_of
from dfengine.plan.expressions import is_aggregate
from dfengine.plan.reinstance import reinstance
from dfengine.sqlparse import table_functions as TF
from dfengine.sqlparse.expressions import ExpressionTranslator
from dfengine.sqlparse.join_tree import build_join_tree, factor_disjunction


def _set_members(x: exp.Expression) -> list[exp.Expression]:
    """The columns of one set of GROUPING SETS: `(a, b)`, `(a)` or `a`."""
    if isinstance(x, exp.Tuple):
        return x.expressions
    return [x.this if isinstance(x, exp.Paren) else x]


def _order_by_all(order: exp.Order, output: list) -> bool:
    """`ORDER BY ALL` (not a column named `all`)."""
    keys = order.expressions
    return len(keys) == 1 and isinstance(keys[0], exp.Ordered) and isinstance(
        keys[0].this, (exp.Var, exp.Column)) and keys[0].this.name.upper() == "ALL" and not any(
        a.name.lower() == "all" for a in output)


@dataclass
class Scope:
    """What names mean inside one query: its CTEs and the columns of enclosing queries."""

    ctes: dict[str, L.LogicalPlan] = field(default_factory=dict)
    outer: list[E.AttributeReference] = field(default_factory=list)


class ScopedAnalyzer(Analyzer):
    """The analyzer, plus: a name not found in the input may be a column of an enclosing
    query (an outer reference of a correlated subquery)."""

    def __init__(self, catalog: Any, case_sensitive: bool, outer: list[E.AttributeReference],
                 ansi: bool | None = None):
        super().__init__(catalog, case_sensitive, ansi)
        self.outer = outer

    def find_name(self, u: E.UnresolvedAttribute, inputs: list[E.AttributeReference],
                  extra: list[E.AttributeReference] | None = None) -> E.Expression | None:
        found = super().find_name(u, inputs, extra)
        if found is None and self.outer:
            found = self.lookup(u.parts, self.outer)
        return found


_JOIN_KINDS = {("LEFT", "SEMI"): "left_semi", ("LEFT", "ANTI"): "left_anti",
               ("", "SEMI"): "left_semi", ("", "ANTI"): "left_anti", ("LEFT", ""): "left",
               ("LEFT", "OUTER"): "left", ("RIGHT", ""): "right", ("RIGHT", "OUTER"): "right",
               ("FULL", ""): "full", ("FULL", "OUTER"): "full", ("", "CROSS"): "cross",
               ("", "INNER"): "inner", ("", ""): "inner", ("", "OUTER"): "full"}


class QueryTranslator(ExpressionTranslator):
    def __init__(self, session: Any, scope: Scope | None = None, params: Any = None):
        self.session = session
        self.scope = scope or Scope()
        self.params = params
        self._positional = 0
        self.inputs: list[E.AttributeReference] = []  # columns visible to subqueries
        self._used_sources: set[int] = set()
        self.named_windows: dict[str, exp.Window] = {}  # WINDOW w AS (...) of this SELECT

    # ------------------------------------------------------------------ helpers

    def analyzer(self) -> ScopedAnalyzer:
        return ScopedAnalyzer(None, self.session._case_sensitive, self.scope.outer,
                              getattr(self.session, "_ansi", None))

    def analyze(self, node: L.LogicalPlan) -> L.LogicalPlan:
        return self.analyzer().run(node)

    def builder(self) -> PlanBuilder:
        return PlanBuilder(self.analyzer())

    def resolve(self, e: E.Expression, inputs: list[E.AttributeReference],
                extra: list[E.AttributeReference] | None = None) -> E.Expression:
        return self.analyzer().resolve_expression(e, inputs, extra)

    def child(self) -> QueryTranslator:
        scope = Scope(dict(self.scope.ctes), list(self.inputs) + list(self.scope.outer))
        t = QueryTranslator(self.session, scope, self.params)
        t._used_sources = self._used_sources
        return t

    # ---------------------------------------------------------------- queries

    def query(self, node: exp.Expression) -> L.LogicalPlan:
        self.ctes(node)
        if isinstance(node, exp.Subquery):
            plan = self.query(node.this)
            return self.order_limit(node, plan)
        if isinstance(node, exp.Select):
            return self.select(node)
        if isinstance(node, (exp.Union, exp.Intersect, exp.Except)):
            return self.order_limit(node, self.set_operation(node))
        if isinstance(node, exp.Values):
            return self.values(node)
        raise ParseException(f"Unsupported query: {node.sql(dialect='spark')[:80]}",
                             "UNSUPPORTED_FEATURE")

    def ctes(self, node: exp.Expression) -> None:
        with_ = node.args.get("with_") or node.args.get("with")
        if with_ is None:
            return
        for cte in with_.expressions:
            name = cte.alias
            plan = self.child_for_cte().query(cte.this)
            plan = _rename_columns(plan, [c.name for c in cte.args["alias"].columns or []])
            self.scope.ctes[name.lower()] = plan

    def child_for_cte(self) -> QueryTranslator:
        t = QueryTranslator(self.session, Scope(self.scope.ctes, list(self.scope.outer)),
                            self.params)
        t._used_sources = self._used_sources
        return t

    def set_operation(self, node: exp.Expression) -> L.LogicalPlan:
        left = self.child_for_cte().query(node.this)
        right = self.child_for_cte().query(node.expression)
        if len(left.output) != len(right.output):
            op = type(node).__name__.upper()
            raise AnalysisException(
                f"{op} can only be performed on inputs with the same number of columns, but "
                f"the first input has {len(left.output)} columns and the second input has "
                f"{len(right.output)} columns.", "NUM_COLUMNS_MISMATCH")
        distinct = node.args.get("distinct", True) is not False
        if isinstance(node, exp.Union):
            out = self.builder().union(left, right)
            return self.builder().distinct(out) if distinct else out
        left, right = _coerce_to(right, left, self.analyze)
        kind = "intersect" if isinstance(node, exp.Intersect) else "except"
        return self.analyze(L.SetOperation(kind, left, right, not distinct))

    def values(self, node: exp.Values, alias: exp.TableAlias | None = None) -> L.LogicalPlan:
        """An inline table typed as Spark types it: each column takes the common type of its
        literals (`VALUES (1), (2.5)` is decimal(11,1), `(1)` is int, not Python's bigint),
        and the cells may be any constant expression (`CAST(... AS DECIMAL(38,0))`)."""
        from dfengine.compute.evaluate import evaluate_column
        from dfengine.plan.map_key_dedup import last_win, stamp_expression
        from dfengine.plan.type_coercion import coerce
        from dfengine.types.coercion import common_type

        rows = []
        for tup in node.expressions:
            items = tup.expressions if isinstance(tup, exp.Tuple) else [tup]
            rows.append([self.constant(x) for x in items])
        alias = alias or node.args.get("alias")
        ncols = len(rows[0]) if rows else 0
        if any(len(r) != ncols for r in rows):
            raise ParseException("VALUES rows must all have the same number of values.",
                                    "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH")
        names = [c.name for c in (alias.columns if alias is not None else []) or []]
        names = names or [f"col{i + 1}" for i in range(ncols)]
        one = pa.table({"__one": [0]})
        if last_win(self.session.conf):  # the cells are evaluated here, not by a query
            rows = [[stamp_expression(c) for c in r] for r in rows]
        columns = []
        types = []
        for i in range(ncols):
            t = common_type([r[i].data_type for r in rows], strings=False)
            if t is None:
                raise ParseException(
                    f"VALUES column {i + 1} mixes incompatible types: "
                    + ", ".join(r[i].data_type.simpleString() for r in rows),
                    "INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE")
            types.append(t)
            cells = [evaluate_column(coerce(E.Cast(r[i], t) if r[i].data_type != t else r[i]),
                                     one) for r in rows]
            columns.append(pa.concat_arrays([c.combine_chunks() if isinstance(
                c, pa.ChunkedArray) else c for c in cells]))
        table = pa.Table.from_arrays(columns, names=names) if ncols else pa.table({})
        # a column is nullable when one of its cells is (`VALUES (1), (NULL)`), as Spark's
        # LocalRelation of an inline table
        nullable = [any(r[i].nullable for r in rows) for i in range(ncols)]
        schema = T.StructType([T.StructField(n, t, nl)
                               for n, t, nl in zip(names, types, nullable, strict=True)])
        plan: L.LogicalPlan = self.session._from_arrow(table, schema=schema)._plan
        if alias is not None and alias.name:
            plan = L.SubqueryAlias(alias.name, plan)
        return plan

    def constant(self, node: exp.Expression) -> E.Expression:
        """A VALUES cell: a literal, or an expression without columns (folded when run)."""
        e = self.translate(node)
        if isinstance(e, E.UnaryMinus) and isinstance(e.child, E.Literal):
            e = E.make_literal(-e.child.value)
        if not e.resolved or e.references():
            raise AnalysisException(f"VALUES needs constant values, got {node.sql()}",
                                    "INVALID_INLINE_TABLE")
        from dfengine.plan.type_coercion import coerce

        return coerce(e)

    def order_limit(self, node: exp.Expression, plan: L.LogicalPlan) -> L.LogicalPlan:
        order = node.args.get("order")
        if order is not None:
            if _order_by_all(order, plan.output):  # ORDER BY ALL [DESC]: every output column
                how = self.sort_order(exp.Ordered(this=exp.Literal.number(1), **{
                    k: v for k, v in order.expressions[0].args.items() if k != "this"}))
                orders = tuple(E.SortOrder(a, how.ascending, how.nulls_first)
                               for a in plan.output)
            else:
                orders = tuple(self.sort_order(o) for o in order.expressions)
            orders = tuple(self.ordinal(o, plan.output) for o in orders)
            plan = self.analyze(L.Sort(orders, plan))
        return self.limit(node, plan)

    def limit(self, node: exp.Expression, plan: L.LogicalPlan) -> L.LogicalPlan:
        lim = node.args.get("limit")
        off = node.args.get("offset")
        n = self.int_arg(lim.expression if lim is not None else None)
        k = self.int_arg(off.expression if off is not None else None)
        if n is not None or k:
            from dfengine.plan.analyzer import check_node

            plan = L.Limit(n if n is not None else 2**62, plan, k or 0)
            check_node(plan)  # LIMIT -1 is an error, as in Spark
        return plan

    def int_arg(self, node: exp.Expression | None) -> int | None:
        if node is None:
            return None
        e = self.translate(node)
        if isinstance(e, E.Literal) and isinstance(e.value, int) and not isinstance(
                e.value, bool) and isinstance(e.data_type, T.IntegerType):
            return e.value
        if e.foldable and e.resolved and isinstance(e.data_type, (T.IntegerType, T.ShortType,
                                                                   T.ByteType)):
            from dfengine.compute.evaluate import evaluate_column
            from dfengine.plan.type_coercion import coerce

            value = evaluate_column(coerce(e), pa.table({"__one": [0]}))[0].as_py()
            if value is not None:
                return value
        if not e.foldable or e.references():
            raise AnalysisException(
                f"The limit like expression \"{node.sql()}\" is invalid. The limit expression "
                "must evaluate to a constant value.", "INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE")
        raise AnalysisException(
            f"The limit like expression \"{node.sql()}\" is invalid. The limit expression must "
            f"be integer type, but got \"{e.data_type.simpleString().upper()}\".",
            "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE")

    def ordinal(self, o: E.SortOrder, output: list[E.AttributeReference]) -> E.SortOrder:
        c = o.child
        if isinstance(c, E.Literal) and isinstance(c.value, int) and not isinstance(
                c.value, bool):
            if not 1 <= c.value <= len(output):
                raise AnalysisException(
                    f"ORDER BY position {c.value} is not in select list (valid range is "
                    f"[1, {len(output)}]).", "ORDER_BY_POS_OUT_OF_RANGE")
            return E.SortOrder(output[c.value - 1], o.ascending, o.nulls_first)
        return o

    # ------------------------------------------------------------------ SELECT

    def select(self, node: exp.Select) -> L.LogicalPlan:
        plan, relations = self.from_clause(node)
        self.inputs = plan.output if plan is not None else []
        where = node.args.get("where")
        laterals = node.args.get("laterals") or []
        if laterals:
            if relations is not None and len(relations) > 1:
                plan, relations = self.comma_join(relations, None), None
            plan = self.lateral_views(plan, laterals)
        if relations is not None and len(relations) > 1:
            plan = self.comma_join(relations, where.this if where is not None else None)
        elif where is not None:
            plan = self.where(plan, where.this)
        self.inputs = plan.output
        self.named_windows = {w.this.name.lower(): w for w in node.args.get("windows") or []}
        items = [self.translate(x) for x in node.expressions]
        items = [E.named(x) for x in items]
        group = node.args.get("group")
        having = node.args.get("having")
        qualify = node.args.get("qualify")
        if group is not None or having is not None or any(is_aggregate(i) for i in items):
            plan = self.aggregate(plan, items, group, having)
            if qualify is not None:
                plan = self.qualify(plan, plan, [], qualify.this)
        elif qualify is not None:
            plan = self.qualify(plan, None, items, qualify.this)
        else:
            plan = self.project(plan, items)
        distinct = node.args.get("distinct")
        if distinct is not None:
            plan = L.Distinct(plan)
        return self.order_limit(node, plan)

    def from_clause(self, node: exp.Select) -> tuple[L.LogicalPlan, list[L.LogicalPlan] | None]:
        frm = node.args.get("from_") or node.args.get("from")
        if frm is None:
            one = pa.table({"x": [1]}).select([])
            return L.LocalRelation((), L.new_source_id(), 1, one), None
        group = [self.relation(frm.this)]
        for j in node.args.get("joins") or []:
            if TF.is_udtf_lateral(self, j.this):  # `t, LATERAL f(t.x)`: a Python UDTF
                group = [TF.lateral(self, _cross_all(group) if len(group) > 1 else group[0],
                                    j.this)]
            elif isinstance(j.this, exp.Lateral) and isinstance(j.this.this, exp.Subquery):
                group = [self.lateral_subquery(
                    _cross_all(group) if len(group) > 1 else group[0], j)]
            elif _is_comma(j):
                group.append(self.relation(j.this))
            else:
                group[-1] = self.join(group[-1], j)
        if len(group) == 1:
            return group[0], None
        return _cross_all(group), group

    def lateral_subquery(self, left: L.LogicalPlan, j: exp.Join) -> L.LogicalPlan:
        """`left [LEFT] JOIN LATERAL (subquery) [ON c]` or `left, LATERAL (subquery)`."""
        from dfengine.plan.lateral import lateral_join

        lat = j.this
        saved = self.inputs
        self.inputs = left.output
        sub = self.child().query(lat.this.this)
        alias = lat.args.get("alias")
        if alias is not None and alias.name:
            sub = L.SubqueryAlias(alias.name, sub)
        cond = None
        if j.args.get("on") is not None:
            self.inputs = left.output + sub.output
            cond = self.translate(j.args["on"])
        self.inputs = saved
        how = "left" if (j.args.get("side") or "").upper() == "LEFT" else "inner"
        return self.analyze(lateral_join(left, sub, how, cond))

    def relation(self, node: exp.Expression) -> L.LogicalPlan:
        alias = node.args.get("alias")
        if isinstance(node, exp.Table) and isinstance(node.this, exp.Func):
            plan, alias = TF.function_relation(self, node.this, alias)  # FROM f(...)
        elif isinstance(node, exp.Table):
            if not isinstance(node.this, exp.Identifier):
                raise ParseException(f"Unsupported table expression {node.sql()}",
                                     "UNSUPPORTED_FEATURE")
            name = node.name
            plan = self.table(name, [p.name for p in node.parts])
            plan = L.SubqueryAlias(alias.name if alias is not None and alias.name else name,
                                   plan)
        elif isinstance(node, exp.Subquery):
            plan = self.child_for_cte().query(node.this)
            plan = self.order_limit(node, plan) if node.args.get("order") else plan
            if alias is not None and alias.name:
                plan = L.SubqueryAlias(alias.name, plan)
        elif isinstance(node, exp.Values):
            return self.values(node, alias)
        else:
            raise ParseException(f"Unsupported FROM item: {node.sql(dialect='spark')[:80]}",
                                 "UNSUPPORTED_FEATURE")
        if alias is not None and alias.columns:
            plan = _rename_columns(plan, [c.name for c in alias.columns])
            if alias.name:
                plan = L.SubqueryAlias(alias.name, plan)
        for pv in node.args.get("pivots") or []:
            plan = self.pivot(plan, pv)
        return plan

    def pivot(self, plan: L.LogicalPlan, pv: exp.Pivot) -> L.LogicalPlan:
        """`PIVOT (agg(x) [AS a], ... FOR col IN (v1 [AS n1], ...))`, as Spark plans it: group
        by the columns the pivot does not mention plus `col`, then one column per (value,
        aggregate) picking that group's result (NULL when the combination has no rows).
        Ignoring the clause returned the input unpivoted."""
        fields = pv.args.get("fields") or []
        if pv.args.get("unpivot") and len(fields) == 1 and isinstance(fields[0], exp.In):
            from dfengine.sqlparse.unpivot import unpivot_clause

            return unpivot_clause(self, plan, pv)
        if pv.args.get("unpivot") or len(fields) != 1 or not isinstance(fields[0], exp.In):
            raise ParseException(f"Unsupported PIVOT: {pv.sql(dialect='spark')[:80]}",
                                 "UNSUPPORTED_FEATURE")
        self.inputs = plan.output
        pcol = self.resolve(self.translate(fields[0].this), plan.output)
        values: list[tuple[str, E.Expression]] = []
        for v in fields[0].expressions:
            named = isinstance(v, (exp.Alias, exp.PivotAlias))
            lit = self.translate(v.this if named else v)
            if not isinstance(lit, E.Literal):
                raise AnalysisException(f"PIVOT values must be literals, got {v.sql()}",
                                        "NON_LITERAL_PIVOT_VALUES")
            values.append((v.alias if named else ("null" if lit.value is None
                                                   else str(lit.value)), lit))
        aggs: list[tuple[str | None, E.Expression]] = []
        for a in pv.expressions:
            named = isinstance(a, exp.Alias)
            e = self.resolve(self.translate(a.this if named else a), plan.output)
            if not is_aggregate(e):
                raise AnalysisException(f"PIVOT needs aggregate expressions, got {e.sql()}",
                                        "PIVOT_NOT_AGGREGATE")
            aggs.append((a.alias if named else None, e))
        used = {r.expr_id for _, e in aggs for r in e.references()} | {
            r.expr_id for r in pcol.references()}
        group = [a for a in plan.output if a.expr_id not in used]
        key = E.Alias(pcol, "__pivot")
        inner = [E.Alias(e, f"__pivot_agg{i}") for i, (_, e) in enumerate(aggs)]
        first = self.analyze(L.Aggregate(tuple(group) + (pcol,), tuple(group) + (key,)
                                         + tuple(inner), plan))
        g_attrs = first.output[:len(group)]
        p_attr = first.output[len(group)]
        a_attrs = first.output[len(group) + 1:]
        names = [c.name for c in pv.args.get("columns") or []]
        outs: list[E.Expression] = []
        for vname, lit in values:
            for (aname, e), attr in zip(aggs, a_attrs):
                name = vname if len(aggs) == 1 else f"{vname}_{aname or e.sql()}"
                if len(names) == len(values) * len(aggs):
                    name = names[len(outs)]
                pick = E.CaseWhen((E.Comparison("<=>", p_attr, lit),), (attr,), None)
                outs.append(E.Alias(E.AggregateFunction("first", (pick,), False, True), name))
        out = self.analyze(L.Aggregate(tuple(g_attrs), tuple(g_attrs) + tuple(outs), first))
        alias = pv.args.get("alias")
        return L.SubqueryAlias(alias.name, out) if alias is not None and alias.name else out

    def table(self, name: str, parts: list[str]) -> L.LogicalPlan:
        key = name.lower()
        plan = self.scope.ctes.get(key) if len(parts) == 1 else None
        if plan is None:
            plan = self.session._catalog_lookup(tuple(parts))
        if plan is None:
            known = sorted(set(self.session._views) | set(self.scope.ctes))
            close = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
            hint = f" Did you mean one of the following? [{', '.join(close)}]." if close else ""
            raise AnalysisException(
                f"The table or view `{'.'.join(parts)}` cannot be found.{hint} Verify the "
                "spelling, or register it first with df.createOrReplaceTempView(name).",
                "TABLE_OR_VIEW_NOT_FOUND")
        return self.fresh(plan)

    def fresh(self, plan: L.LogicalPlan) -> L.LogicalPlan:
        """Each reference to a table gets its own column ids (a self-join, or a subquery over
        the outer query's table, must not confuse the two sides); the first keeps the
        original ids so cached data still matches."""
        ids = {a.expr_id for a in plan.output}
        if ids.isdisjoint(self._used_sources):  # also a view over another used view
            self._used_sources.update(ids)
            return plan
        out = reinstance(plan)
        self._used_sources.update(a.expr_id for a in out.output)
        return out

    def join(self, left: L.LogicalPlan, j: exp.Join) -> L.LogicalPlan:
        right = self.relation(j.this)
        side = (j.args.get("side") or "").upper()
        kind = (j.args.get("kind") or "").upper()
        how = _JOIN_KINDS.get((side, kind))
        if how is None:
            raise ParseException(f"Unsupported join type {side} {kind}", "UNSUPPORTED_FEATURE")
        using = j.args.get("using")
        if using:
            return self.join_using(left, right, how, [u.name for u in using])
        if str(j.args.get("method") or "").upper() == "NATURAL":
            # USING the columns both sides name (read as a cross join, it multiplied rows)
            right_names = {a.name.lower() for a in right.output}
            common = list(dict.fromkeys(a.name for a in left.output
                                        if a.name.lower() in right_names))
            if common:
                return self.join_using(left, right, how, common)
            return L.Join(left, right, "cross" if how == "inner" else how, None)
        on = j.args.get("on")
        if on is None:
            return L.Join(left, right, "cross" if how == "inner" else how, None)
        saved = self.inputs
        self.inputs = left.output + right.output
        cond = self.translate(on)
        self.inputs = saved
        return self.analyze(L.Join(left, right, how, cond))

    def join_using(self, left: L.LogicalPlan, right: L.LogicalPlan, how: str,
                   names: list[str]) -> L.LogicalPlan:
        an = self.analyzer()
        lk = [an.resolve_name(E.UnresolvedAttribute((n,)), left.output) for n in names]
        rk = [an.resolve_name(E.UnresolvedAttribute((n,)), right.output) for n in names]
        cond = E.conjoin([E.Comparison("=", a, b) for a, b in zip(lk, rk)])
        joined = self.analyze(L.Join(left, right, how, cond))
        if how in ("left_semi", "left_anti"):
            return joined
        lids = {a.expr_id for a in lk}
        rids = {a.expr_id for a in rk}
        if how == "full":
            keys = [E.Alias(E.ScalarFunction("coalesce", (a, b)), a.name)
                    for a, b in zip(lk, rk)]
        elif how == "right":
            keys = list(rk)
        else:
            keys = list(lk)
        rest = [a for a in left.output if a.expr_id not in lids] + [
            a for a in right.output if a.expr_id not in rids]
        out = [k for k in keys] + rest
        joined_out = {a.expr_id: a for a in joined.output}
        out = [joined_out.get(a.expr_id, a) if isinstance(a, E.AttributeReference) else a
               for a in out]
        return self.analyze(L.Project(tuple(out), joined))

    # ------------------------------------------------------------------- WHERE

    def where(self, plan: L.LogicalPlan, node: exp.Expression) -> L.LogicalPlan:
        self.inputs = plan.output
        cond = self.resolve(self.translate(node), plan.output)
        return self.filter(plan, cond)

    def filter(self, plan: L.LogicalPlan, cond: E.Expression) -> L.LogicalPlan:
        if not S.has_subquery(cond):
            return self.analyze(L.Filter(cond, plan))
        out = plan.output
        plan, rest = S.rewrite_subqueries(plan, cond)
        if rest is not None:
            plan = self.analyze(L.Filter(rest, plan))
        if [a.expr_id for a in plan.output] != [a.expr_id for a in out]:
            plan = L.Project(tuple(out), plan)
        return plan

    def comma_join(self, relations: list[L.LogicalPlan],
                   where: exp.Expression | None) -> L.LogicalPlan:
        attrs = [a for r in relations for a in r.output]
        self.inputs = attrs
        conjuncts: list[E.Expression] = []
        if where is not None:
            cond = self.resolve(self.translate(where), attrs)
            for c in E.split_conjuncts(cond):
                conjuncts.extend(factor_disjunction(c))
        plain = [c for c in conjuncts if not S.has_subquery(c)]
        subq = [c for c in conjuncts if S.has_subquery(c)]
        plan, rest = build_join_tree(relations, plain)
        plan = self.analyze(plan)
        remaining = E.conjoin(rest + subq)
        if remaining is not None:
            plan = self.filter(plan, remaining)
        return plan

    def lateral_row_generator(self, plan: L.LogicalPlan,
                              lat: exp.Lateral) -> L.LogicalPlan | None:
        """A LATERAL VIEW of a generator that computes its rows itself (json_tuple): its
        struct fields become the view's columns, renamed by `AS a, b`."""
        from dfengine.plan.builder import ROW_GENERATORS

        gen = lat.this
        if not isinstance(gen, exp.Anonymous) or str(gen.this).lower() not in ROW_GENERATORS:
            return None
        self.inputs = plan.output
        call = self.resolve(self.translate(gen), plan.output)
        fields = call.data_type.elementType.fields
        alias = lat.args.get("alias")
        names = [c.name for c in (alias.columns if alias is not None else []) or []]
        if names and len(names) != len(fields):
            raise AnalysisException(
                f"LATERAL VIEW {gen.this} produces {len(fields)} columns, but {len(names)} "
                "aliases were given.", "UDTF_ALIAS_NUMBER_MISMATCH")
        qual = (alias.name,) if alias is not None and alias.name else ()
        out = tuple(E.AttributeReference(n, f.dataType, True, qualifier=qual)
                    for n, f in zip(names or [f.name for f in fields], fields))
        return L.Generate(call, bool(lat.args.get("outer")), out, plan)

    def lateral_views(self, plan: L.LogicalPlan, laterals: list[exp.Lateral]) -> L.LogicalPlan:
        """`LATERAL VIEW [OUTER] explode|posexplode(x) t AS c1, ...`: a Generate node whose
        columns take the view's names and qualifier (ignoring the clause left its columns
        unresolvable)."""

        for lat in laterals:
            if TF.is_udtf_lateral(self, lat):  # LATERAL VIEW f(x) u AS a, b: a Python UDTF
                plan = TF.lateral(self, plan, lat)
                continue
            rows = self.lateral_row_generator(plan, lat)
            if rows is not None:  # LATERAL VIEW json_tuple(s, 'a', 'b') j AS a, b
                plan = rows
                continue
            plan = self.lateral_generator(plan, lat)
        return plan

    def lateral_generator(self, plan: L.LogicalPlan, lat: exp.Lateral) -> L.LogicalPlan:
        """`LATERAL VIEW [OUTER] gen(...) t AS c1, ...` for any generator a select list takes
        (explode, posexplode, inline, stack and their _outer forms): its columns as the
        select list names them, renamed by the view and qualified by its name."""
        from dfengine.plan.builder import GENERATORS, _generator_columns, stack_as_inline

        self.inputs = plan.output
        call = self.resolve(self.translate(lat.this), plan.output) if lat.args.get(
            "view") else None
        if isinstance(call, E.ScalarFunction) and call.name not in GENERATORS:
            raise AnalysisException(
                f"The generator is not supported: `{call.name}` is expected to be a generator "
                "(explode, posexplode, inline, stack, json_tuple or a Python UDTF), but it is "
                "not.", "UNSUPPORTED_GENERATOR.NOT_GENERATOR")
        if not isinstance(call, E.ScalarFunction):
            raise ParseException(f"Unsupported LATERAL: {lat.sql(dialect='spark')[:80]}; "
                                 "LATERAL VIEW takes explode, posexplode, inline, stack or a "
                                 "Python UDTF.", "UNSUPPORTED_FEATURE")
        outer = bool(lat.args.get("outer")) or call.name.endswith("_outer")
        if call.name == "stack":
            call = stack_as_inline(call)
        names, types = _generator_columns(call.name, call, None)
        alias = lat.args.get("alias")
        given = [c.name for c in (alias.columns if alias is not None else []) or []]
        if given:
            if len(given) != len(names):
                raise AnalysisException(
                    f"The number of aliases supplied in the AS clause does not match the "
                    f"number of columns output by the UDTF. Expected {len(names)} aliases, "
                    f"but got {len(given)}.", "UDTF_ALIAS_NUMBER_MISMATCH")
            names = given
        qual = (alias.name,) if alias is not None and alias.name else ()
        out = tuple(E.AttributeReference(n, ty, True, qualifier=qual)
                    for n, ty in zip(names, types))
        return L.Generate(call, outer, out, plan)

    # ---------------------------------------------------------------- SELECT list

    def qualify(self, plan: L.LogicalPlan, done: L.LogicalPlan | None,
                items: list[E.Expression], cond: exp.Expression) -> L.LogicalPlan:
        """QUALIFY: a filter on window functions, evaluated with the select list (its
        aliases name select items; other names the FROM columns); `done` is an already
        aggregated plan whose output the condition reads instead."""
        aliases = {i.name.lower(): i.child for i in items if isinstance(i, E.Alias)}
        names = {a.name.lower() for a in plan.output}

        def inline(x: E.Expression) -> E.Expression | None:
            if isinstance(x, E.UnresolvedAttribute) and len(x.parts) == 1 and (
                    x.parts[0].lower() in aliases and x.parts[0].lower() not in names):
                return aliases[x.parts[0].lower()]
            return None

        self.inputs = plan.output
        test = E.Alias(self.translate(cond).transform_up(inline), "__qualify")
        keep = list(done.output) if done is not None else items
        wide = self.project(plan, keep + [test])
        flag = wide.output[-1]
        return self.analyze(L.Project(tuple(wide.output[:-1]), L.Filter(flag, wide)))

    def project(self, plan: L.LogicalPlan, items: list[E.Expression]) -> L.LogicalPlan:
        bare = [i.child if isinstance(i, E.UnresolvedAlias) else i for i in items]
        if any(generator_of(i) is not None for i in bare):
            return self.builder().select(plan, bare)
        if any(S.has_subquery(i) for i in items):
            resolved = [self.resolve(i, plan.output) for i in items]
            out = plan.output
            new_items = []
            for r in resolved:
                if S.has_subquery(r):
                    plan, r = S._rewrite_nested(plan, r)
                new_items.append(r)
            del out
            return self.analyze(L.Project(tuple(new_items), plan))
        return self.analyze(L.Project(tuple(items), plan))

    def aggregate(self, plan: L.LogicalPlan, items: list[E.Expression],
                  group: exp.Group | None, having: exp.Having | None) -> L.LogicalPlan:
        if group is not None and (group.args.get("rollup") or group.args.get("cube") or any(
                isinstance(g, (exp.Rollup, exp.Cube, exp.GroupingSets))
                for g in group.expressions)):
            return self.grouping_sets(plan, items, group, having)
        grouping: list[E.Expression] = []
        input_names = {a.name.lower() for a in plan.output}
        aliases = {i.name.lower(): i.child for i in items if isinstance(i, E.Alias)}
        if group is not None and group.args.get("all") and "all" not in input_names:
            # GROUP BY ALL: every select item without an aggregate (Spark 3.4+)
            grouping = [_strip_alias(i) for i in items if not is_aggregate(i)]
        for g in (group.expressions if group is not None else []):
            e = self.translate(g)
            if isinstance(e, E.Literal) and isinstance(e.value, int) and not isinstance(
                    e.value, bool):
                if not 1 <= e.value <= len(items):
                    raise AnalysisException(
                        f"GROUP BY position {e.value} is not in select list (valid range is "
                        f"[1, {len(items)}]).", "GROUP_BY_POS_OUT_OF_RANGE")
                e = _strip_alias(items[e.value - 1])
                if is_aggregate(e):
                    raise AnalysisException(
                        f"GROUP BY position {g.sql()} refers to an aggregate function.",
                        "GROUP_BY_POS_AGGREGATE")
            elif isinstance(e, E.UnresolvedAttribute) and len(e.parts) == 1 and (
                    e.parts[0].lower() not in input_names and e.parts[0].lower() in aliases):
                e = aliases[e.parts[0].lower()]
            if is_aggregate(e):
                raise AnalysisException(
                    f"Aggregate functions are not allowed in GROUP BY, but found {g.sql()}.",
                    "GROUP_BY_AGGREGATE")
            grouping.append(e)
        agg = self.analyze(L.Aggregate(tuple(grouping), tuple(items), plan))
        if having is None:
            return agg
        if not isinstance(agg, L.Aggregate):
            return self.having_below_windows(agg, having.this, aliases, input_names)
        return self.having(agg, having.this)

    def having_below_windows(self, plan: L.LogicalPlan, node: exp.Expression,
                             aliases: dict[str, E.Expression],
                             input_names: set[str]) -> L.LogicalPlan:
        """HAVING in a query whose select list has windows over the aggregate (`sum(count(*))
        OVER ()`): the groups are filtered before the windows see them, as Spark does; a
        select alias in the condition stands for its expression."""
        inner = plan
        while not isinstance(inner, L.Aggregate) and isinstance(inner, (L.Project, L.Window)):
            inner = inner.child
        if not isinstance(inner, L.Aggregate):
            return self.having(plan, node)

        def inline(x: E.Expression) -> E.Expression | None:
            if isinstance(x, E.UnresolvedAttribute) and len(x.parts) == 1:
                name = x.parts[0].lower()
                if name in aliases and name not in input_names and not any(
                        isinstance(y, E.WindowExpression) for y in aliases[name].walk()):
                    return aliases[name]
            return None

        cond = self.translate(node).transform_up(inline)
        filtered = self.filter_aggregate(inner, cond)
        return plan.transform_up(lambda n: filtered if n is inner else None)

    def grouping_sets(self, plan: L.LogicalPlan, items: list[E.Expression], group: exp.Group,
                      having: exp.Having | None) -> L.LogicalPlan:
        """GROUP BY with ROLLUP / CUBE / GROUPING SETS (and `... WITH ROLLUP|CUBE`): the
        grouping columns of every item, and the sets as the product of each item's
        alternatives (a plain column is in every set)."""
        from dfengine.plan.grouping_sets import cube_sets, grouping_sets_plan, rollup_sets

        columns: list[E.Expression] = []

        def index(node: exp.Expression) -> int:
            e = self.resolve(self.translate(node), plan.output)
            for i, c in enumerate(columns):
                if c == e:
                    return i
            columns.append(e)
            return len(columns) - 1

        choices: list[list[tuple[int, ...]]] = []
        plain: list[int] = []
        for g in group.expressions:
            if isinstance(g, (exp.Rollup, exp.Cube)):
                idx = [index(x) for x in g.expressions]
                sets = rollup_sets(len(idx)) if isinstance(g, exp.Rollup) else cube_sets(
                    len(idx))
                choices.append([tuple(idx[i] for i in s) for s in sets])
            elif isinstance(g, exp.GroupingSets):
                choices.append([tuple(index(p) for p in _set_members(x))
                                for x in g.expressions])
            else:
                plain.append(index(g))
        if group.args.get("rollup"):
            choices.append([tuple(plain[:k]) for k in range(len(plain), -1, -1)])
            plain = []
        elif group.args.get("cube"):
            choices.append([tuple(plain[i] for i in s) for s in cube_sets(len(plain))])
            plain = []
        sets = [tuple(sorted(set(plain).union(*combo))) for combo in itertools.product(*choices)]
        if having is None:
            return grouping_sets_plan(plan, columns, sets, items, self.analyzer())
        # HAVING's aggregates are computed as hidden items, filtered on, then dropped
        cond = self.translate(having.this)
        extra: list[E.Expression] = []

        def hide(x: E.Expression) -> E.Expression | None:
            if isinstance(x, E.AggregateFunction):
                extra.append(E.Alias(x, f"__having{len(extra)}"))
                return E.UnresolvedAttribute((f"__having{len(extra) - 1}",))
            return None

        cond = cond.transform_down(hide)
        out = grouping_sets_plan(plan, columns, sets, items + extra, self.analyzer())
        self.inputs = out.output
        filtered = self.filter(out, self.resolve(cond, out.output))
        return L.Project(tuple(out.output[:len(items)]), filtered)

    def having(self, agg: L.LogicalPlan, node: exp.Expression) -> L.LogicalPlan:
        if not isinstance(agg, L.Aggregate):
            # windows over an aggregate: filter on the output columns only
            self.inputs = agg.output
            cond = self.resolve(self.translate(node), agg.output)
            return self.filter(agg, cond)
        self.inputs = agg.output
        return self.filter_aggregate(agg, self.translate(node))

    def filter_aggregate(self, agg: L.Aggregate, cond: E.Expression) -> L.LogicalPlan:
        """HAVING over an aggregate: the aggregates and grouping expressions the condition
        reads become (hidden) outputs of the aggregate, filtered on, then dropped."""
        self.inputs = agg.output
        cond = self.resolve(cond, agg.output, agg.child.output)
        extra: list[E.Expression] = []
        out_ids = {a.expr_id for a in agg.output}

        def swap(x: E.Expression) -> E.Expression | None:
            if isinstance(x, E.AggregateFunction):
                for a in list(agg.aggregates) + extra:
                    if isinstance(a, E.Alias) and a.child == x:
                        return a.to_attribute()
                alias = E.Alias(x, x.sql())
                extra.append(alias)
                return alias.to_attribute()
            if isinstance(x, E.AttributeReference) and x.expr_id not in out_ids:
                if any(x == g for g in agg.grouping) and x not in extra:
                    extra.append(x)
                return x
            if not isinstance(x, E.AttributeReference) and any(x == g for g in agg.grouping):
                for a in list(agg.aggregates) + extra:  # HAVING a + 1 > 1 ... GROUP BY a + 1
                    if isinstance(a, E.Alias) and a.child == x:
                        return a.to_attribute()
                alias = E.Alias(x, x.sql())
                extra.append(alias)
                return alias.to_attribute()
            return None

        cond = cond.transform_down(swap)
        _check_having_columns(cond, agg, extra)
        new_agg = self.analyze(L.Aggregate(agg.grouping, agg.aggregates + tuple(extra),
                                           agg.child))
        plan = self.filter(new_agg, cond)
        if len(plan.output) != len(agg.output):
            plan = L.Project(tuple(agg.output), plan)
        return plan

    # ------------------------------------------------------- expression hooks

    def t_Placeholder(self, node: exp.Placeholder) -> E.Expression:
        name = node.name
        args = self.params
        if name and name != "?":
            if not isinstance(args, dict) or name not in args:
                raise AnalysisException(f"Found the unbound parameter: {name}. Pass it in "
                                        "args={...}.", "UNBOUND_SQL_PARAMETER")
            return _param_literal(args[name])
        if not isinstance(args, (list, tuple)) or self._positional >= len(args):
            raise AnalysisException("Found an unbound positional parameter `?`; pass "
                                    "args=[...].", "UNBOUND_SQL_PARAMETER")
        v = args[self._positional]
        self._positional += 1
        return _param_literal(v)

    def t_Parameter(self, node: exp.Expression) -> E.Expression:
        return self.t_Placeholder(exp.Placeholder(this=node.name))

    def subquery_plan(self, node: exp.Expression) -> L.LogicalPlan:
        inner = node.this if isinstance(node, exp.Subquery) else node
        return self.child().query(inner)

    def scalar_subquery(self, node: exp.Expression) -> E.Expression:
        plan = self.subquery_plan(node)
        if len(plan.output) != 1:
            raise AnalysisException(
                f"Scalar subquery must return only one column, but got {len(plan.output)}.",
                "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_"
                "COLUMN")
        return S.ScalarSubquery(plan)

    def exists(self, node: exp.Exists) -> E.Expression:
        return S.Exists(self.subquery_plan(node.this))

    def in_subquery(self, node: exp.In) -> E.Expression:
        q = node.args["query"]
        plan = self.subquery_plan(q)
        this = node.this
        values = tuple(self.translate(x) for x in this.expressions) if isinstance(
            this, exp.Tuple) else (self.translate(this),)
        if len(plan.output) != len(values):
            raise AnalysisException(
                f"The number of columns in the IN subquery ({len(plan.output)}) does not match "
                f"the number of values on its left ({len(values)}).",
                "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.IN_SUBQUERY_LENGTH_MISMATCH")
        return S.InSubquery(plan, values)


# ------------------------------------------------------------------------------ helpers


def _is_comma(j: exp.Join) -> bool:
    """A comma in FROM (sqlglot spells it as CROSS JOIN without a condition; both mean the
    same, so both join through the WHERE clause)."""
    kind = (j.args.get("kind") or "").upper()
    return not (j.args.get("on") or j.args.get("using") or j.args.get("side")
                or j.args.get("method")) and kind in ("", "CROSS")


def _cross_all(plans: list[L.LogicalPlan]) -> L.LogicalPlan:
    out = plans[0]
    for p in plans[1:]:
        out = L.Join(out, p, "cross", None)
    return out


def _strip_alias(e: E.Expression) -> E.Expression:
    if isinstance(e, E.Alias):
        return e.child
    if isinstance(e, E.UnresolvedAlias):
        return e.child
    return e


def _rename_columns(plan: L.LogicalPlan, names: list[str]) -> L.LogicalPlan:
    if not names:
        return plan
    out = plan.output
    if len(names) != len(out):
        raise AnalysisException(
            f"Number of column aliases does not match number of columns. Number of column "
            f"aliases: {len(names)}; number of columns: {len(out)}.",
            "ASSIGNMENT_ARITY_MISMATCH")
    return L.Project(tuple(E.Alias(a, n) for a, n in zip(out, names)), plan)


def _check_having_columns(cond: E.Expression, agg: L.Aggregate,
                          extra: list[E.Expression]) -> None:
    """HAVING sees the grouping columns and aggregates only (Spark: `select sum(a) from t
    having a > 1` is UNRESOLVED_COLUMN, with the aggregate's output as suggestions)."""
    from dfengine.plan.analyzer import unresolved_column

    allowed = {a.expr_id for a in agg.output} | {
        x.expr_id for x in extra if isinstance(x, E.AttributeReference)} | {
        x.expr_id for x in extra if isinstance(x, E.Alias)}
    grouping = list(agg.grouping)
    pending = [cond]
    while pending:
        x = pending.pop()
        if any(x == g for g in grouping) or isinstance(x, E.AggregateFunction):
            continue
        if isinstance(x, E.AttributeReference) and x.expr_id not in allowed:
            raise unresolved_column(x.name, list(agg.output))
        pending.extend(c for c in x.children if isinstance(c, E.Expression))


def _coerce_to(right: L.LogicalPlan, left: L.LogicalPlan,
               analyze: Any) -> tuple[L.LogicalPlan, L.LogicalPlan]:
    """Cast both sides' columns to their common types (INTERSECT / EXCEPT compare rows, and
    Spark's result of int INTERSECT bigint is bigint, not the left side's int)."""
    from dfengine.types.coercion import common_type

    lo, ro = left.output, right.output
    if all(a.data_type == b.data_type for a, b in zip(lo, ro)):
        return left, right
    types = [common_type([a.data_type, b.data_type]) or a.data_type for a, b in zip(lo, ro)]

    def cast_side(plan: L.LogicalPlan) -> L.LogicalPlan:
        if all(a.data_type == t for a, t in zip(plan.output, types)):
            return plan
        exprs = [a if a.data_type == t else E.Alias(E.Cast(a, t), a.name)
                 for a, t in zip(plan.output, types)]
        return analyze(L.Project(tuple(exprs), plan))

    return cast_side(left), cast_side(right)


def _param_literal(v: Any) -> E.Expression:
    """A query parameter: a Python value, or a Column (whose expression it carries)."""
    expr = getattr(v, "_expr", None)
    if isinstance(expr, E.Expression):
        return expr
    return E.make_literal(v)
