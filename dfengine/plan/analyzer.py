"""The analyzer: binds names to columns and tables, names unnamed columns, and inserts the
implicit casts of Spark's type coercion. It runs once per plan, bottom-up; anything it cannot
resolve raises AnalysisException naming the problem and the closest valid alternatives, so no
unresolved or ill-typed plan ever reaches the optimizer or Dask.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.expressions import is_aggregate
from dfengine.plan.lambdas import bind_lambdas
from dfengine.plan.tree import ANALYZED
from dfengine.plan.type_coercion import ansi_coercion, check_arities, coerce
from dfengine.types.coercion import ansi_enabled, can_cast

Catalog = Callable[[tuple[str, ...]], "L.LogicalPlan | None"]


def analyze(plan: L.LogicalPlan, catalog: Catalog | None = None,
            case_sensitive: bool = False, ansi: bool | None = None) -> L.LogicalPlan:
    """Resolve `plan` completely or raise AnalysisException."""
    return Analyzer(catalog, case_sensitive, ansi).run(plan)


class Analyzer:
    """`ansi`: spark.sql.ansi.enabled, for the coercions that depend on it (None: ANSI, or
    the setting of an enclosing analysis)."""

    def __init__(self, catalog: Catalog | None, case_sensitive: bool = False,
                 ansi: bool | None = None):
        self.catalog = catalog
        self.case_sensitive = case_sensitive
        self.ansi = ansi
        # columns of enclosing queries a correlated subquery may name (ScopedAnalyzer sets them)
        self.outer: list[E.AttributeReference] = []

    def run(self, plan: L.LogicalPlan) -> L.LogicalPlan:
        with ansi_coercion(self.ansi):
            out = _resolve_up(plan, self.resolve_node)
            check_analysis(out)
        _mark_analyzed(out)
        return out

    # ----------------------------------------------------------------- nodes

    def resolve_node(self, node: L.LogicalPlan) -> L.LogicalPlan | None:
        if isinstance(node, L.UnresolvedRelation):
            return self.resolve_relation(node)
        if (isinstance(node, L.Sort) and isinstance(node.child, L.Aggregate)
                and node.child.resolved and any(is_aggregate(o) for o in node.orders)):
            # ORDER BY count(*) over an aggregate: computed by the aggregate (a literal-only
            # argument makes the Sort look resolved, and it failed as an aggregate in a sort)
            return self.resolve_sort_over_aggregate(node, node.child)
        hidden = (self.expand_hidden_star(node) or self.resolve_hidden_join_keys(node)
                  or resolve_missing_references(node))
        if hidden is not None:
            return hidden
        if node.resolved and not isinstance(node, L.Join):
            if isinstance(node, (L.Project, L.Filter)) and _foreign_attributes(node, self.outer):
                # a column of another DataFrame (a.withColumn('x', b.z)): by name or a
                # MISSING_ATTRIBUTES error here, not a failed task later
                _check_not_projected_away(node, self.outer)
                node = self.resolve_expressions(node, node.input_attributes())
            # Literal-only expressions are resolved from the start but still need casts.
            return _global_aggregate(node.map_expressions(coerce))
        if isinstance(node, L.Join):
            return self.resolve_join(node)
        if isinstance(node, L.Sort):
            return self.resolve_sort(node)
        if isinstance(node, L.Filter):
            return self.resolve_filter(node)
        inputs = node.input_attributes()
        expand = isinstance(node, (L.Project, L.Aggregate))
        out = self.resolve_expressions(node, inputs, expand_star=expand)
        if isinstance(out, L.Project):
            out = L.Project(unique_outputs(out.exprs), out.child)
        out = _unaliased_grouping(out)
        if isinstance(out, L.Project) and any(is_aggregate(e) for e in out.exprs):
            # select(sum(x)) without groupBy is a global aggregate (Spark does the same).
            out = L.Aggregate((), out.exprs, out.child)
        if isinstance(out, (L.Project, L.Aggregate)) and has_window(out):
            return extract_window_expressions(out)
        return out

    def expand_hidden_star(self, node: L.LogicalPlan) -> L.LogicalPlan | None:
        """`SELECT rk.* FROM lk JOIN rk USING (k)` (or `b['*']` after `a.join(b, 'k')`): a
        side's star stands for all of that side's columns, its own key included, though the
        USING projection above the join shows only the merged key (Spark's hidden join
        columns). Expanded here against the join's output; the hidden keys are carried up
        through the USING projection."""
        if not (isinstance(node, L.Project) and isinstance(node.child, L.Project)
                and isinstance(node.child.child, L.Join)):
            return None
        child = node.child
        visible = {a.expr_id for a in child.output}
        below = list(child.child.output)
        exprs: list[E.Expression] = []
        missing: list[E.AttributeReference] = []
        for e in node.exprs:
            cols = self.side_star(e, below) if isinstance(e, E.UnresolvedStar) else None
            if not cols or all(a.expr_id in visible for a in cols):
                exprs.append(e)
                continue
            exprs.extend(cols)
            missing.extend(a for a in cols if a.expr_id not in visible and a not in missing)
        if not missing:
            return None
        # other names resolve against the visible columns (a bare `k` is the merged key)
        out = self.resolve_expressions(L.Project(tuple(exprs), child), list(child.output),
                                       expand_star=True, extra=missing)
        inner = L.Project(child.exprs + tuple(missing), child.child)
        return self.resolve_node(L.Project(unique_outputs(out.exprs), inner))

    def side_star(self, e: E.UnresolvedStar,
                  below: list[E.AttributeReference]) -> list[E.AttributeReference]:
        """The join's columns a qualified star or `df['*']` names; none for a bare `*`."""
        if e.of is not None:
            ids = set(e.of)
            return [a for a in below if a.expr_id in ids]
        if e.qualifier is None or e.excluded:
            return []
        q = e.qualifier[-1]
        return [a for a in below if a.qualifier and self.eq(a.qualifier[-1], q)]

    def resolve_hidden_join_keys(self, node: L.LogicalPlan) -> L.LogicalPlan | None:
        """`a.join(b, 'k', 'right').select(a.k, 'k')`: each side's key stays reachable under
        the projection a USING join puts on top (Spark's hidden join columns), so `a.k` is
        the left key (NULL on unmatched right rows), not the merged `k` found by name; a
        plain `k` still names the merged key."""
        if not isinstance(node, L.Project) or any(is_aggregate(e) for e in node.exprs):
            return None
        child = node.child
        if not (isinstance(child, L.Project) and isinstance(child.child, L.Join)):
            return None
        below = {a.expr_id: a for a in child.child.output}
        ids = {a.expr_id for a in child.output}
        missing: list[E.AttributeReference] = []
        for e in node.exprs:
            for x in e.walk():
                if isinstance(x, E.AttributeReference) and x.expr_id not in ids:
                    if x.expr_id not in below:
                        return None
                    if below[x.expr_id] not in missing:
                        missing.append(below[x.expr_id])
        if not missing:
            return None
        out = self.resolve_expressions(node, list(child.output), expand_star=True,
                                       extra=missing)
        inner = L.Project(child.exprs + tuple(missing), child.child)
        return L.Project(unique_outputs(out.exprs), inner).map_expressions(coerce)

    def resolve_relation(self, node: L.UnresolvedRelation) -> L.LogicalPlan:
        found = self.catalog(node.name) if self.catalog else None
        if found is None:
            name = ".".join(node.name)
            raise AnalysisException(
                f"The table or view `{name}` cannot be found. Verify the spelling and "
                "correctness of the schema and catalog, or register it first with "
                "df.createOrReplaceTempView(name).",
                "TABLE_OR_VIEW_NOT_FOUND")
        return L.SubqueryAlias(node.name[-1], found)

    def resolve_expressions(self, node: L.LogicalPlan, inputs: list[E.AttributeReference],
                            expand_star: bool = False,
                            extra: list[E.AttributeReference] | None = None) -> L.LogicalPlan:
        def fix(e: E.Expression) -> E.Expression:
            return self.resolve_expression(e, inputs, extra)

        if expand_star:
            field = "exprs" if isinstance(node, L.Project) else "aggregates"
            items = []
            for e in getattr(node, field):
                items.extend(self.expand_star(e, inputs))
            import dataclasses

            node = dataclasses.replace(node, **{field: tuple(items)})
        if isinstance(node, L.Project):
            import dataclasses

            return dataclasses.replace(node, exprs=tuple(self.resolve_select_list(
                list(node.exprs), inputs, extra)))
        return node.map_expressions(fix)

    def resolve_select_list(self, items: list[E.Expression], inputs: list[E.AttributeReference],
                            extra: list[E.AttributeReference] | None) -> list[E.Expression]:
        """Each item in turn; a name that is no input column but an alias defined earlier in
        the list is that alias's expression (Spark 4's lateral column alias:
        `SELECT a + 1 AS x, x * 2`, named `(lateralAliasReference(x) * 2)`)."""
        out: list[E.Expression] = []
        aliases: dict[str, E.Expression] = {}
        for item in items:
            try:
                resolved = self.resolve_expression(item, inputs, extra)
            except AnalysisException as exc:
                if not aliases or not (exc.error_class or "").startswith("UNRESOLVED_COLUMN"):
                    raise
                resolved = self.lateral_alias(item, inputs, extra, aliases)
                if resolved is None:
                    raise
            out.append(resolved)
            if isinstance(item, E.Alias) and isinstance(resolved, E.Alias):
                aliases.setdefault(self.key(resolved.name), resolved.child)
        return out

    def key(self, name: str) -> str:
        return name if self.case_sensitive else name.lower()

    def lateral_alias(self, item: E.Expression, inputs: list[E.AttributeReference],
                      extra: list[E.AttributeReference] | None,
                      aliases: dict[str, E.Expression]) -> E.Expression | None:
        def sub(shown: bool) -> Any:
            def fn(x: E.Expression) -> E.Expression | None:
                if not (isinstance(x, E.UnresolvedAttribute) and len(x.parts) == 1):
                    return None
                target = aliases.get(self.key(x.parts[0]))
                if target is None or self.lookup(x.parts, inputs) is not None:
                    return None
                if shown:
                    return E.AttributeReference(f"lateralAliasReference({x.parts[0]})",
                                                target.data_type, target.nullable)
                return target
            return fn

        real = item.transform_up(sub(False))
        if real == item:
            return None
        resolved = self.resolve_expression(real, inputs, extra)
        if isinstance(item, E.UnresolvedAlias) and isinstance(resolved, E.Alias):
            shown = item.transform_up(sub(True))
            holders = [x for x in shown.walk() if isinstance(x, E.AttributeReference)]
            named = self.resolve_expression(shown, inputs, [*(extra or []), *holders])
            resolved = E.Alias(resolved.child, named.name)
        return resolved

    def expand_star(self, e: E.Expression, inputs: list[E.AttributeReference]) -> list[Any]:
        if not isinstance(e, E.UnresolvedStar):
            return [e]
        out = self.star_columns(e, inputs)
        for name in e.excluded:  # SELECT * EXCEPT (name, ...)
            if not any(self.eq(a.name, name) for a in out):
                raise AnalysisException(
                    f"A column, variable, or function parameter with name `{name}` cannot be "
                    f"resolved in {e.sql()}: the star expands to {_fmt_names(out)}; name "
                    "one of those.", "UNRESOLVED_COLUMN.WITH_SUGGESTION")
        return [a for a in out if not any(self.eq(a.name, n) for n in e.excluded)]

    def star_columns(self, e: E.UnresolvedStar,
                     inputs: list[E.AttributeReference]) -> list[Any]:
        """The columns a star stands for: all inputs, those of a qualifier, or a struct's
        fields (`s.*`)."""
        if e.of is not None:  # df['*']: that DataFrame's columns, in the inputs' order
            ids = set(e.of)
            return [a for a in inputs if a.expr_id in ids] or list(inputs)
        if e.qualifier is None:
            return list(inputs)
        q = e.qualifier[-1]
        out = [a for a in inputs if a.qualifier and self.eq(a.qualifier[-1], q)]
        if not out:
            out = self.expand_struct(e.qualifier, inputs)
        if not out:
            raise AnalysisException(
                f"Cannot resolve `{'.'.join(e.qualifier)}.*` given input columns "
                f"{_fmt_names(inputs)}.", "CANNOT_RESOLVE_STAR_EXPAND")
        return out

    def expand_star_args(self, e: E.Expression,
                         inputs: list[E.AttributeReference]) -> E.Expression:
        """A `*` among a call's arguments stands for every input column, as in Spark
        (`count(*, a)`, `count(DISTINCT *)`, `hash(*)`)."""
        import dataclasses

        def fix(x: E.Expression) -> E.Expression | None:
            counted = self.count_star(x, inputs) if _count_star(x) else None
            if counted is not None:
                return counted
            if isinstance(x, (E.ScalarFunction, E.AggregateFunction)) and any(
                    isinstance(a, E.UnresolvedStar) for a in x.args):
                args = [y for a in x.args for y in self.expand_star(a, inputs)]
                return dataclasses.replace(x, args=tuple(args))
            return None

        if not any(isinstance(x, E.UnresolvedStar) for x in e.walk()):
            return e
        return e.transform_up(fix)

    def count_star(self, x: E.AggregateFunction,
                   inputs: list[E.AttributeReference]) -> E.Expression | None:
        """`count(*)` counts rows: Spark reads it as `count(1)` (named so), whatever NULLs
        the columns hold; `count(t.*)` of a table is refused, as it would count only the
        rows without NULLs (spark.sql.legacy.allowStarWithSingleTableIdentifierInCount).
        None for any other star (a struct's `s.*`): expanded as every call's star is."""
        import dataclasses

        star = x.args[0]
        if star.qualifier is None and not star.excluded:
            return dataclasses.replace(x, args=(E.Literal(1, T.IntegerType()),))
        q = star.qualifier[-1] if star.qualifier else None
        if q is not None and any(a.qualifier and self.eq(a.qualifier[-1], q) for a in inputs):
            raise AnalysisException(
                "[INVALID_USAGE_OF_STAR_WITH_TABLE_IDENTIFIER_IN_COUNT] count("
                f"{'.'.join(f'`{p}`' for p in star.qualifier)}.*) "
                "is not allowed. Use count(*) or expand the columns manually, e.g. "
                "count(col1, col2).", "INVALID_USAGE_OF_STAR_WITH_TABLE_IDENTIFIER_IN_COUNT")
        return None

    def expand_struct(self, parts: tuple[str, ...],
                      inputs: list[E.AttributeReference]) -> list[Any]:
        """`s.*` of a struct column (or `t.s.c.*` of a nested one): one column per field."""
        try:
            target = self.lookup(parts, inputs)
        except AnalysisException:
            return []
        if target is None or not isinstance(target.data_type, T.StructType):
            return []
        return [E.Alias(E.ScalarFunction("get_field", (target, E.Literal(f.name, T.StringType()))),
                        f.name) for f in target.data_type.fields]

    def resolve_join(self, node: L.Join) -> L.LogicalPlan:
        left_ids = {a.expr_id for a in node.left.output}
        if any(a.expr_id in left_ids for a in node.right.output):
            node = L.Join(node.left, dedup_plan(node.right), node.how, node.condition, node.hint)
        if node.condition is None or node.condition.resolved:
            if node.condition is not None:
                _check_join_condition_sources(node)
                return node.map_expressions(lambda e: coerce(e))
            return node
        return self.resolve_expressions(node, node.left.output + node.right.output)

    def resolve_filter(self, node: L.Filter) -> L.LogicalPlan:
        """A filter may name columns its child projected away (`select('a').where('b > 1')`):
        Spark resolves them below the projection, and so do we."""
        try:
            return self.resolve_expressions(node, node.child.output)
        except AnalysisException:
            child = node.child
            if isinstance(child, L.Project) and child.resolved:
                grand = child.child.output
                cond = self.resolve_expression(node.condition, child.output, grand)
                missing = [a for a in cond.references() if a not in child.output]
                if missing:
                    inner = L.Project(child.exprs + tuple(missing), child.child)
                    return L.Project(tuple(child.output), L.Filter(cond, inner))
            raise

    def resolve_sort(self, node: L.Sort) -> L.LogicalPlan:
        """ORDER BY may name columns the projection below dropped (Spark's
        ResolveMissingReferences): add them under the projection, drop them above the sort."""
        child = node.child
        try:
            return self.resolve_expressions(node, child.output)
        except AnalysisException:
            if isinstance(child, L.Project) and child.resolved:
                orders = tuple(self.resolve_below(o, child.output, child.child.output)
                               for o in node.orders)
                missing = []
                for o in orders:
                    for a in o.references():
                        if a not in child.output and a not in missing:
                            missing.append(a)
                if missing:
                    inner = L.Project(child.exprs + tuple(missing), child.child)
                    return L.Project(tuple(child.output), L.Sort(orders, inner, node.is_global))
                return L.Sort(orders, child, node.is_global)
            if isinstance(child, L.Aggregate) and child.resolved:
                return self.resolve_sort_over_aggregate(node, child)
            raise

    def resolve_below(self, e: E.Expression, output: list, below: list) -> E.Expression:
        """An ORDER BY name two output columns share (`select('n', col('n').cast('int'))`,
        a grouping column and an aggregate aliased to its name) is the column of the plan
        below when that one is unique there, as Spark's Sort resolves it."""
        try:
            return self.resolve_expression(e, output, below)
        except AnalysisException as exc:
            if exc.error_class != "AMBIGUOUS_REFERENCE":
                raise
            return self.resolve_expression(e, below)

    def resolve_sort_over_aggregate(self, node: L.Sort, agg: L.Aggregate) -> L.LogicalPlan:
        inputs = agg.child.output
        extra_aggs: list[E.Expression] = []
        orders = []
        for o in node.orders:
            r = self.resolve_below(o, agg.output, inputs)

            def swap(e: E.Expression) -> E.Expression | None:
                if isinstance(e, E.AggregateFunction):
                    for a in agg.aggregates:
                        if isinstance(a, E.Alias) and a.child == e:
                            return a.to_attribute()
                    alias = E.Alias(e, e.sql())
                    extra_aggs.append(alias)
                    return alias.to_attribute()
                return None

            r = r.transform_down(swap)
            for a in r.references():
                if a not in agg.output and a in inputs and not any(
                        g == a for g in agg.grouping):
                    raise AnalysisException(
                        f"Column `{a.name}` in ORDER BY is neither grouped nor aggregated.",
                        "MISSING_AGGREGATION")
            orders.append(r)
        grouped_refs = [a for o in orders for a in o.references()
                        if a not in agg.output and a not in [x.to_attribute() for x in extra_aggs
                                                             if isinstance(x, E.Alias)]]
        new_agg = L.Aggregate(agg.grouping, agg.aggregates + tuple(extra_aggs) + tuple(
            dict.fromkeys(grouped_refs)), agg.child)
        return L.Project(tuple(agg.output), L.Sort(tuple(orders), new_agg, node.is_global))

    # ------------------------------------------------------------- expressions

    def eq(self, a: str, b: str) -> bool:
        return a == b if self.case_sensitive else a.lower() == b.lower()

    def resolve_expression(self, e: E.Expression, inputs: list[E.AttributeReference],
                           extra: list[E.AttributeReference] | None = None) -> E.Expression:
        def bind(x: E.Expression) -> E.Expression | None:
            if isinstance(x, E.UnresolvedAttribute):
                return self.resolve_name(x, inputs, extra)
            if isinstance(x, E.AttributeReference):
                return self.check_attribute(x, inputs, extra)
            if isinstance(x, E.UnresolvedStar):
                raise AnalysisException(
                    f"Invalid usage of '{x.sql()}' in expression; use it alone in select() or "
                    "inside count(*).", "INVALID_USAGE_OF_STAR_OR_REGEX")
            return None

        bound = bind_lambdas(self.expand_star_args(e, inputs).transform_up(bind))
        check_arities(bound)
        if isinstance(e, E.UnresolvedAttribute) and isinstance(bound, E.ScalarFunction):
            bound = E.Alias(bound, e.name)  # `col("s.name")` is a struct field named `name`
        named = bound.transform_up(
            lambda x: E.Alias(x.child, auto_name(x.child)) if isinstance(x, E.UnresolvedAlias)
            else None)
        with ansi_coercion(self.ansi):
            return coerce(named.transform_up(_name_struct_fields))

    def check_attribute(self, a: E.AttributeReference, inputs: list[E.AttributeReference],
                        extra: list[E.AttributeReference] | None) -> E.Expression:
        for cand in inputs + (extra or []):
            if cand.expr_id == a.expr_id:
                return cand
        # A column of another DataFrame (df2["id"] used with df1): try by name once.
        same = [c for c in inputs if self.eq(c.name, a.name)]
        if len(same) == 1 and not a.qualifier:
            return same[0]
        raise AnalysisException(
            f"Resolved attribute(s) `{a.name}` missing from {_fmt_names(inputs)} in the operator. "
            "The column belongs to a different DataFrame: select it by name "
            f"(F.col('{a.name}')) or join the DataFrames first.",
            "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION")

    def resolve_name(self, u: E.UnresolvedAttribute, inputs: list[E.AttributeReference],
                     extra: list[E.AttributeReference] | None = None) -> E.Expression:
        found = self.find_name(u, inputs, extra)
        if found is None:
            raise unresolved_column(".".join(u.parts), inputs)
        return found

    def find_name(self, u: E.UnresolvedAttribute, inputs: list[E.AttributeReference],
                  extra: list[E.AttributeReference] | None = None) -> E.Expression | None:
        for pool in (inputs, extra or []):
            found = self.lookup(u.parts, pool)
            if found is not None:
                return found
        return None

    def lookup(self, parts: tuple[str, ...],
               inputs: list[E.AttributeReference]) -> E.Expression | None:
        candidates: list[tuple[E.AttributeReference, tuple[str, ...]]] = []
        if len(parts) > 1:
            for a in inputs:
                q = a.qualifier
                for k in range(1, len(parts)):
                    if len(q) >= k and all(self.eq(x, y) for x, y in zip(q[-k:], parts[:k])) \
                            and self.eq(a.name, parts[k]):
                        candidates.append((a, parts[k + 1:]))
                        break
        if not candidates:
            candidates = [(a, parts[1:]) for a in inputs if self.eq(a.name, parts[0])]
        unique: dict[int, tuple] = {}
        for c in candidates:
            unique.setdefault(_REPEAT_OF.get(c[0].expr_id, c[0].expr_id), c)
        if len(unique) > 1:
            names = sorted(".".join(c[0].qualifier + (c[0].name,)) for c in unique.values())
            raise AnalysisException(
                f"Reference `{'.'.join(parts)}` is ambiguous, could be: "
                f"[{', '.join('`' + n + '`' for n in names)}]. Qualify it with the DataFrame "
                "alias (df.alias('x') then F.col('x.col')), or give the columns different "
                "names (.alias()) before using them.",
                "AMBIGUOUS_REFERENCE")
        if not unique:
            return None
        attr, fields = next(iter(unique.values()))
        written = parts[len(parts) - len(fields) - 1]
        out: E.Expression = attr.with_name(written) if written != attr.name else attr
        for f in fields:  # `m.k` of a map is its key k (Spark's ExtractValue)
            name = "subscript" if isinstance(out.data_type, T.MapType) else "get_field"
            out = E.ScalarFunction(name, (out, E.Literal(f, T.StringType())))
        return out


def _name_struct_fields(e: E.Expression) -> E.Expression | None:
    """`struct(a, b)` -> `named_struct('a', a, 'b', b)` once its arguments are resolved, so
    the field names survive optimizer rewrites that inline the arguments (as Spark's
    CreateStruct becomes CreateNamedStruct)."""
    if not (isinstance(e, E.ScalarFunction) and e.name == "struct" and e.resolved):
        return None
    names = e.data_type.names
    pairs = zip(names, e.args, strict=True)
    args = tuple(x for n, a in pairs for x in (E.Literal(n, T.StringType()), a))
    return E.ScalarFunction("named_struct", args)


# the id of a repeated column -> the id it repeats: Spark gives both one id, so a name that
# finds only a column and its repeats is not ambiguous (select('k', 'k').select('k'))
_REPEAT_OF: dict[int, int] = {}


def unique_outputs(exprs: tuple[E.Expression, ...]) -> tuple[E.Expression, ...]:
    """`select("id", "id")` outputs one column twice; give the repeats their own ids so every
    output column has a distinct identity (and a distinct physical column)."""
    seen: set[int] = set()
    out = []
    for e in exprs:
        if isinstance(e, E.AttributeReference):
            if e.expr_id in seen:
                e = E.Alias(e, e.name)
                _REPEAT_OF[e.expr_id] = _REPEAT_OF.get(e.child.expr_id, e.child.expr_id)
            seen.add(e.expr_id)
        elif isinstance(e, E.Alias):
            seen.add(e.expr_id)
        out.append(e)
    return tuple(out)


def auto_name(e: E.Expression) -> str:
    """The name Spark gives an unaliased column; a cast of a column keeps the column's name,
    and so does a chain of Column.cast() calls over a column (`col('s').cast(..).cast(..)`)."""
    if isinstance(e, E.Cast) and isinstance(e.child, E.AttributeReference):
        return e.child.name
    inner = e
    while isinstance(inner, E.Cast) and inner.api:
        inner = inner.child
    if inner is not e and isinstance(inner, E.AttributeReference):
        return inner.name
    return e.sql()


def _foreign_attributes(node: L.LogicalPlan, outer: list[E.AttributeReference]) -> bool:
    """Whether the node names a column that is neither its input nor an outer reference."""
    ids = {a.expr_id for a in node.input_attributes()} | {a.expr_id for a in outer}
    return any(isinstance(x, E.AttributeReference) and x.expr_id not in ids
               for e in node.expressions() for x in e.walk())


def resolve_missing_references(node: L.LogicalPlan) -> L.LogicalPlan | None:
    """Spark's ResolveMissingReferences: `df.select("a").filter(df.b > 1)` (or `.orderBy(df.b)`)
    filters on a column the select dropped. The column is carried through the projections
    below, used, and projected away on top; the result has the select's columns only."""
    if not (isinstance(node, (L.Filter, L.Sort)) and node.resolved
            and isinstance(node.child, L.Project)):
        return None
    have = {a.expr_id for a in node.child.output}
    missing: list[E.AttributeReference] = []
    for e in node.expressions():
        for x in e.walk():
            if (isinstance(x, E.AttributeReference) and x.expr_id not in have
                    and x.expr_id not in {m.expr_id for m in missing}):
                missing.append(x)
    if not missing:
        return None
    child = _carry_attributes(node.child, missing)
    if child is None:
        return None
    return L.Project(tuple(node.child.output), node.with_children(child).map_expressions(coerce))


def _carry_attributes(plan: L.LogicalPlan, attrs: list[E.AttributeReference]
                      ) -> L.LogicalPlan | None:
    """`plan` with `attrs` added to its output, through projections, filters and sorts; None
    when one of them is not found below (an aggregate hides its input: Spark refuses)."""
    if isinstance(plan, L.Project):
        below = {a.expr_id: a for a in plan.child.output}
        if all(a.expr_id in below for a in attrs):
            return L.Project(plan.exprs + tuple(below[a.expr_id] for a in attrs), plan.child)
        inner = _carry_attributes(plan.child, attrs)
        if inner is None:
            return None
        found = {a.expr_id: a for a in inner.output}
        return L.Project(plan.exprs + tuple(found[a.expr_id] for a in attrs), inner)
    if isinstance(plan, (L.Filter, L.Sort)):
        inner = _carry_attributes(plan.child, attrs)
        return None if inner is None else plan.with_children(inner)
    return None


def _check_not_projected_away(node: L.LogicalPlan, outer: list[E.AttributeReference]) -> None:
    """A column of the plan below that this node's input no longer has (`b.v` after a left
    semi join with b) is MISSING_ATTRIBUTES, as in Spark; it is never looked up by name, which
    would silently give another column of that name."""
    ids = {a.expr_id for a in node.input_attributes()} | {a.expr_id for a in outer}
    below = {a.expr_id for child in node.children for n in child.walk() for a in n.output}
    for e in node.expressions():
        for x in e.walk():
            if isinstance(x, E.AttributeReference) and x.expr_id not in ids and (
                    x.expr_id in below):
                raise AnalysisException(
                    f"Resolved attribute(s) `{x.name}` missing from "
                    f"{_fmt_names(node.input_attributes())} in the operator: the column is not "
                    "in this DataFrame any more (a semi/anti join keeps only the left side's "
                    "columns; a select() drops the others).",
                    "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION")


def _check_join_condition_sources(node: L.Join) -> None:
    """A join condition naming a column of a third DataFrame (`a.join(b, a.id == c.id)`) is
    MISSING_ATTRIBUTES at analysis, as in Spark, not a failed task ("not in the partition")."""
    inputs = node.left.output + node.right.output
    known = {a.expr_id for side in node.children for n in side.walk() for a in n.output}
    for x in node.condition.walk():
        if isinstance(x, E.AttributeReference) and x.expr_id not in known:
            raise AnalysisException(
                f"Resolved attribute(s) `{x.name}` missing from {_fmt_names(inputs)} in the "
                "join condition: the column belongs to a DataFrame that is not one of the two "
                "joined. Use the joined DataFrames' columns (or join the third one first).",
                "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION")


def dedup_plan(plan: L.LogicalPlan, conflicting: set | None = None) -> L.LogicalPlan:
    """The same plan with fresh ids for its output, so a self-join has two distinct sides.
    With `conflicting` (expression ids), only those columns get fresh ids: a column the
    other side does not have keeps its id, so `b.w` still names it after the join."""
    if isinstance(plan, L.SubqueryAlias):
        return L.SubqueryAlias(plan.alias, dedup_plan(plan.child, conflicting))
    return L.Project(tuple(E.Alias(a, a.name) if conflicting is None or a.expr_id in conflicting
                           else a for a in plan.output), plan)


def unresolved_column(name: str, inputs: list[E.AttributeReference]) -> AnalysisException:
    names = [a.name for a in inputs]
    close = difflib.get_close_matches(name.split(".")[-1], names, n=5, cutoff=0.0)
    suggestion = ", ".join(f"`{n}`" for n in close)
    return AnalysisException(
        f"A column or function parameter with name `{name}` cannot be resolved. "
        f"Did you mean one of the following? [{suggestion}].",
        "UNRESOLVED_COLUMN.WITH_SUGGESTION")


def _global_aggregate(node: L.LogicalPlan) -> L.LogicalPlan:
    """A Project of aggregates is a global Aggregate (select(F.sum(df.a).alias("s")) is
    resolved from the start, so it never passes the unresolved path that does this); window
    expressions are extracted for the same reason."""
    if isinstance(node, L.Project) and any(is_aggregate(e) for e in node.exprs):
        node = L.Aggregate((), node.exprs, node.child)
    # row_number().over(Window.orderBy(df.id.desc())) is resolved from the start too: its
    # window still needs a Window node below the Project
    if isinstance(node, (L.Project, L.Aggregate)) and has_window(node):
        return extract_window_expressions(node)
    return node


def _fmt_names(inputs: list[E.AttributeReference]) -> str:
    return "[" + ", ".join(f"`{a.name}`" for a in inputs) + "]"


# ------------------------------------------------------------------- analyzed subtrees

# A subtree that came out of `Analyzer.run` is resolved, coerced and checked; a SELECT's
# clauses and a DataFrame's transformations each analyze the plan built so far, so without
# the mark every earlier node would be resolved and checked again at each step (Spark marks
# analyzed plans the same way and its `resolveOperators` skips them).
def is_analyzed(node: L.LogicalPlan) -> bool:
    return node.__dict__.get(ANALYZED, False)


def _mark_analyzed(node: L.LogicalPlan) -> None:
    if not is_analyzed(node):
        node.__dict__[ANALYZED] = True
        for c in node.children:
            _mark_analyzed(c)


def _resolve_up(node: L.LogicalPlan, fn: Callable) -> L.LogicalPlan:
    """`transform_up(fn)` that leaves analyzed subtrees as they are."""
    if is_analyzed(node):
        return node
    node = node.map_children(lambda c: _resolve_up(c, fn))
    out = fn(node)
    return node if out is None else out


def _unanalyzed_nodes(node: L.LogicalPlan):
    if not is_analyzed(node):
        yield node
        for c in node.children:
            yield from _unanalyzed_nodes(c)


# ------------------------------------------------------------------------------ checks


def check_analysis(plan: L.LogicalPlan) -> None:
    """Reject what resolved but is still wrong: misplaced aggregates, bad casts, ..."""
    for node in _unanalyzed_nodes(plan):
        for e in node.expressions():
            for x in e.walk():
                if not x.resolved and not x.children:
                    raise AnalysisException(f"Could not resolve {x.sql()}", "UNRESOLVED")
                if not isinstance(x, E.SortOrder):
                    x.data_type  # noqa: B018 - type errors surface here, at analysis
                check_expression(x)
                if isinstance(x, E.Cast) and x.mode != "legacy" and ansi_enabled() and isinstance(
                        x.child.data_type, T.DateType) and isinstance(x.to, T.NumericType):
                    raise AnalysisException(
                        f"Cannot resolve \"{x.sql()}\" due to data type mismatch: cannot cast "
                        f"\"DATE\" to \"{x.to.simpleString().upper()}\". To convert values "
                        "from \"DATE\" to a number, use the function `UNIX_DATE` instead.",
                        "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION")
                if isinstance(x, E.Cast) and not can_cast(x.child.data_type, x.to):
                    raise AnalysisException(
                        f"Cannot resolve \"{x.sql()}\" due to data type mismatch: cannot cast "
                        f"\"{x.child.data_type.simpleString()}\" to "
                        f"\"{x.to.simpleString()}\".", "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION")
        check_node(node)
        if not isinstance(node, L.Generate):
            _check_no_generator(node)
        if isinstance(node, L.Aggregate):
            check_aggregate(node)
        elif not isinstance(node, L.Window):
            for e in node.expressions():
                _check_misplaced(node, e)


def _check_no_generator(node: L.LogicalPlan) -> None:
    """A generator (explode, inline, stack...) is only a whole select() item; anywhere else
    (inside another expression, in groupBy, agg or filter) Spark refuses it."""
    for e in node.expressions():
        for x in e.walk():
            if isinstance(x, E.MultiAlias):
                raise AnalysisException(
                    f"Multi part aliasing ({', '.join(x.names)}) is not supported with "
                    f"{x.child.sql()} as it is not a generator function. Give one name "
                    "with .alias('x').", "MULTI_ALIAS_WITHOUT_GENERATOR")
            if isinstance(x, E.ScalarFunction) and _is_generator(x):
                where = ("in groupBy()/agg()" if isinstance(node, L.Aggregate)
                         else "nested in expressions")
                raise AnalysisException(
                    f"The generator is not supported: {where} \"{x.sql()}\". Use it alone "
                    f"as a select() item (df.select({x.name}(...).alias('x'))), then use "
                    "the new column.", "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS")


def _is_generator(x: E.ScalarFunction) -> bool:
    try:
        return getattr(x.spec, "kind", None) == "generator"
    except Exception:  # noqa: BLE001 - an unknown function is reported elsewhere
        return False


def _check_misplaced(node: L.LogicalPlan, e: E.Expression) -> None:
    """An aggregate outside an aggregation (in WHERE: INVALID_WHERE_CONDITION), a ranking
    function without OVER."""
    if is_aggregate(e):
        if isinstance(node, L.Filter):
            raise AnalysisException(
                f"The WHERE condition \"{e.sql()}\" contains invalid expressions: aggregate "
                "functions. Rewrite the query to avoid window functions, aggregate functions, "
                "and generator functions in the WHERE clause (use HAVING or a subquery).",
                "INVALID_WHERE_CONDITION")
        raise AnalysisException(
            f"Aggregate function in \"{e.sql()}\" is not allowed here; use it in "
            "groupBy().agg() or select() without other columns.", "INVALID_AGGREGATE_USAGE")
    nodes = list(e.walk())
    if any(isinstance(x, E.WindowFunction) for x in nodes) and not any(
            isinstance(x, E.WindowExpression) for x in nodes):
        f = next(x for x in nodes if isinstance(x, E.WindowFunction))
        raise AnalysisException(
            f"Window function \"{f.sql()}\" requires an OVER clause, e.g. "
            f"{f.name}() OVER (ORDER BY ...).", "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE")


def _check_frame(x: E.WindowExpression) -> None:
    f = x.frame
    if f is None:
        return
    offsets = [b for b in (f.lower, f.upper) if b not in (None, 0)]
    if f.kind == "range" and offsets and x.order_by and not isinstance(
            x.order_by[0].child.data_type, (T.NumericType, T.DateType, T.TimestampType)):
        raise AnalysisException(
            f"Cannot resolve the window frame of \"{x.sql()}\" due to data type mismatch: a "
            "RANGE frame with offsets needs a numeric, date or timestamp ORDER BY column, not "
            f"\"{x.order_by[0].child.data_type.simpleString().upper()}\". Use a ROWS frame or "
            "order by a number.", "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE")
    if f.lower is None or f.upper is None:
        return
    if isinstance(f.lower, (int, float)) and isinstance(f.upper, (int, float)) and (
            f.lower > f.upper):
        raise AnalysisException(
            f"Cannot resolve the window frame of \"{x.sql()}\" due to data type mismatch: The "
            "lower bound of a window frame must be less than or equal to the upper bound.",
            "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON")


_ORDERED_WINDOW_FUNCTIONS = {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
                             "ntile", "lag", "lead"}
_STRING_ONLY = {"upper", "lower", "initcap", "trim", "ltrim", "rtrim", "lpad", "rpad",
                "repeat", "ascii", "translate", "replace"}


_RANKING = {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile",
            "counter_diff"}


def check_window_frame(x: E.WindowExpression) -> None:
    """Window specs Spark refuses: a function that is not a window or aggregate function,
    a frame whose lower bound is after its upper bound, an explicit frame on a ranking
    function, and a bounded RANGE frame over a non-numeric or multi-column ORDER BY."""
    fn = x.function
    if isinstance(fn, E.ScalarFunction) and not E.is_aggregate(fn):
        raise AnalysisException(f"Expression \"{fn.sql()}\" not supported within a window "
                                "function: use a window function (row_number, lag...) or an "
                                "aggregate function with over().", "UNSUPPORTED_EXPR_FOR_WINDOW")
    f = x.frame
    if f is None:
        return
    if f.lower is not None and f.upper is not None and f.lower > f.upper:
        raise AnalysisException(
            f"Cannot resolve \"{E.frame_sql(f)}\" due to data type mismatch: The lower bound "
            "of a window frame must be less than or equal to the upper bound.",
            "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON")
    if isinstance(fn, E.WindowFunction) and fn.name in ("lag", "lead"):
        raise AnalysisException(
            f"Cannot specify window frame for {fn.name} function: it reads the row "
            f"{fn.offset} away; remove rowsBetween/rangeBetween from its window.")
    if isinstance(fn, E.WindowFunction) and fn.name in _RANKING and (
            f.kind, f.lower, f.upper) != ("rows", None, 0):
        raise AnalysisException(
            f"Window Frame {E.frame_sql(f)} must match the required frame ROWS BETWEEN "
            f"UNBOUNDED PRECEDING AND CURRENT ROW for {fn.name}: remove rowsBetween/"
            "rangeBetween from its window.", "WINDOW_FRAME_MISMATCH")
    bounded = any(b not in (None, 0) for b in (f.lower, f.upper))
    if f.kind == "range" and bounded:
        if len(x.order_by) != 1:
            raise AnalysisException(
                f"Cannot resolve \"{E.frame_sql(f)}\" due to data type mismatch: A range "
                "window frame with value boundaries cannot be used in a window specification "
                "with multiple order by expressions.", "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER")
        dt = x.order_by[0].child.data_type
        if f.from_api and isinstance(dt, (T.DateType, T.TimestampType)):
            # rangeBetween's bounds are numbers; a date/time order needs INTERVAL bounds (SQL)
            raise AnalysisException(
                f"Cannot resolve \"{E.frame_sql(f)}\" due to data type mismatch: The data type "
                f"\"{dt.simpleString().upper()}\" used in the order specification does not "
                "support the data type \"INT\" which is used in the range frame. Order by a "
                "number (e.g. unix_date(d)) or write the frame in SQL with INTERVAL bounds.",
                "DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE")
        if not isinstance(dt, (T.NumericType, T.DateType, T.TimestampType)):
            raise AnalysisException(
                f"Cannot resolve \"{E.frame_sql(f)}\" due to data type mismatch: The data type "
                f"of the lower bound \"{dt.simpleString().upper()}\" does not match the "
                "expected data type (\"NUMERIC\" or \"INTERVAL\").",
                "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE")


# arguments Spark requires to be constants (the others may be columns: per_value runs them)
_FOLDABLE_ARGS = {"round": (1,), "bround": (1,), "regexp_replace": (3,)}
_FOLDABLE_NAMES = {"round": "scale", "bround": "scale", "regexp_replace": "position"}


def _check_position(x: E.ScalarFunction, pos: E.Expression) -> None:
    """regexp_replace's position counts from 1."""
    value = pos.value if isinstance(pos, E.Literal) else None
    if isinstance(value, int) and value < 1:
        raise AnalysisException(
            f"Cannot resolve \"{x.sql()}\" due to data type mismatch: The position must be "
            f"between (0, 2147483647] (current value = {value}). Pass a position of 1 or more "
            "(1 is the first character).", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")


def check_expression(x: E.Expression) -> None:
    """Expressions Spark refuses at analysis: ranking/offset window functions without ORDER
    BY, ntile of a non-positive bucket count, string functions of arrays, maps or structs."""
    if isinstance(x, E.ScalarFunction) and x.name in _FOLDABLE_ARGS:
        for i in _FOLDABLE_ARGS[x.name]:
            if i < len(x.args) and not x.args[i].foldable:
                raise AnalysisException(
                    f"Cannot resolve \"{x.sql()}\" due to data type mismatch: the input "
                    f"`{_FOLDABLE_NAMES[x.name]}` should be a foldable \""
                    f"{x.args[i].data_type.simpleString().upper()}\" expression; however, got "
                    f"\"{x.args[i].sql()}\". Pass a literal.",
                    "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT")
    if isinstance(x, E.ScalarFunction) and x.name == "regexp_replace" and len(x.args) > 3:
        _check_position(x, x.args[3])
    if isinstance(x, E.WindowExpression):
        check_window_frame(x)
        _check_frame(x)
    if isinstance(x, E.WindowExpression) and isinstance(x.function, E.WindowFunction):
        name = x.function.name
        if name in _ORDERED_WINDOW_FUNCTIONS and not x.order_by:
            raise AnalysisException(
                f"Window function {name} requires the window to be ordered. You need to add "
                f"an ORDER BY clause: {name}() OVER (PARTITION BY ... ORDER BY ...).",
                "WINDOW_FUNCTION_FRAME_NOT_ORDERED")
        if name == "counter_diff":
            _check_counter_diff(x.function)
        if name == "ntile" and x.function.args and isinstance(x.function.args[0], E.Literal):
            n = x.function.args[0].value
            if n is None or n <= 0:
                raise AnalysisException(
                    f"Cannot resolve \"ntile({n})\" due to data type mismatch: The buckets must "
                    f"be between (0, 2147483647] (current value = {n}).",
                    "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE")
    if isinstance(x, E.ScalarFunction) and x.name.lower() in _STRING_ONLY and x.args and (
            isinstance(x.args[0].data_type, (T.ArrayType, T.MapType, T.StructType))):
        raise AnalysisException(
            f"Cannot resolve \"{x.sql()}\" due to data type mismatch: The first parameter "
            f"requires the \"STRING\" type, however \"{x.args[0].sql()}\" has the type "
            f"\"{x.args[0].data_type.simpleString().upper()}\".",
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


def _check_counter_diff(fn: E.WindowFunction) -> None:
    """counter_diff(value[, startTime]): a numeric counter, a timestamp start time."""
    wanted = [((T.NumericType, T.NullType), '"NUMERIC"', "first"),
              ((T.TimestampType, T.TimestampNTZType, T.NullType),
               '("TIMESTAMP" or "TIMESTAMP_NTZ")', "second")]
    for a, (ok, want, which) in zip(fn.args, wanted):
        if not isinstance(a.data_type, ok):
            raise AnalysisException(
                f'Cannot resolve "{fn.sql()}" due to data type mismatch: The {which} parameter '
                f'requires the {want} type, however "{a.sql()}" has the type '
                f'"{a.data_type.simpleString().upper()}".', "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


def _check_no_map(node: L.LogicalPlan) -> None:
    """Maps have no equality in Spark: DISTINCT, INTERSECT and EXCEPT refuse them."""
    for a in node.output:
        if any(isinstance(t, T.MapType) for t in _nested_types(a.data_type)):
            raise AnalysisException(
                "The feature is not supported: Cannot have MAP type columns in a set operation "
                f"(DISTINCT, INTERSECT, EXCEPT), but the type of column `{a.name}` is "
                f"\"{a.data_type.simpleString().upper()}\". Drop the column, or turn it into "
                "an array of entries first (F.map_entries).",
                "UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE")


def _nested_types(t: T.DataType) -> list[T.DataType]:
    out = [t]
    if isinstance(t, T.ArrayType):
        out += _nested_types(t.elementType)
    elif isinstance(t, T.StructType):
        for f in t.fields:
            out += _nested_types(f.dataType)
    return out


def check_node(node: L.LogicalPlan) -> None:
    """Plan nodes Spark refuses: a non-boolean filter or join condition, a negative LIMIT,
    set operations of different widths, a window function in ORDER BY."""
    for o in node.orders if isinstance(node, L.Sort) else ():
        if isinstance(o.child.data_type, (T.MapType, T.CalendarIntervalType)):
            raise AnalysisException(
                f"Cannot resolve \"{o.child.sql()} {'ASC' if o.ascending else 'DESC'} NULLS "
                f"{'FIRST' if o.null_first else 'LAST'}\" due to data type mismatch: The "
                f"`sortorder` does not support ordering on type \""
                f"{o.child.data_type.simpleString().upper()}\". " + (
                    "Order by map_keys() or an element of the map."
                    if isinstance(o.child.data_type, T.MapType) else
                    "Order by the columns the interval was made from."),
                "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE")
    if isinstance(node, L.Sort) and any(isinstance(x, E.WindowExpression)
                                        for o in node.orders for x in o.walk()):
        raise AnalysisException(
            "The query operator Sort contains one or more unsupported expressions. Consider "
            "to rewrite it to avoid window functions, aggregate functions, and generator "
            "functions in the ORDER BY clause: compute the window function in the select "
            "list and order by its alias.", "UNSUPPORTED_EXPR_FOR_OPERATOR")
    if isinstance(node, L.Filter) and not isinstance(node.condition.data_type,
                                                     (T.BooleanType, T.NullType)):
        raise AnalysisException(
            f"Filter expression \"{node.condition.sql()}\" of type "
            f"\"{node.condition.data_type.simpleString()}\" is not a boolean.",
            "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN")
    if isinstance(node, L.Filter) and any(isinstance(x, E.WindowExpression)
                                          for x in node.condition.walk()):
        raise AnalysisException(
            "It is not allowed to use window functions inside WHERE clause: compute the "
            "window function in a select() or withColumn() first, then filter on that "
            "column.", "WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE")
    if isinstance(node, L.Join) and node.condition is not None and not isinstance(
            node.condition.data_type, T.BooleanType):
        raise AnalysisException("Join condition must be a boolean expression.",
                                "JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE")
    if isinstance(node, (L.Distinct, L.SetOperation)):
        _check_no_map(node)
    if isinstance(node, L.Limit) and (node.n < 0 or node.offset < 0):
        what = "limit" if node.n < 0 else "offset"
        value = node.n if node.n < 0 else node.offset
        raise AnalysisException(
            f"The {what} like expression \"{value}\" is invalid. The {what} expression must be "
            f"equal to or greater than 0, but got {value}.",
            "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE")
    if isinstance(node, L.SetOperation) and len(node.left.output) != len(node.right.output):
        op = f"{node.kind.upper()}{' ALL' if node.is_all else ''}"
        raise AnalysisException(
            f"{op} can only be performed on inputs with the same number of columns, but the "
            f"first input has {len(node.left.output)} columns and the second input has "
            f"{len(node.right.output)} columns.", "NUM_COLUMNS_MISMATCH")


def _unaliased_grouping(node: L.LogicalPlan) -> L.LogicalPlan:
    """groupBy("s.f"): the name resolved to the struct field aliased `f`; a grouping key is
    the expression (its name is the output's)."""
    if not isinstance(node, L.Aggregate) or not any(isinstance(g, E.Alias)
                                                    for g in node.grouping):
        return node
    return L.Aggregate(tuple(g.child if isinstance(g, E.Alias) else g for g in node.grouping),
                       node.aggregates, node.child)


def check_aggregate(node: L.Aggregate) -> None:
    grouping = list(node.grouping)

    def ok(e: E.Expression) -> None:
        if any(e == g for g in grouping) or isinstance(e, E.AggregateFunction):
            for c in e.children if isinstance(e, E.AggregateFunction) else ():
                if is_aggregate(c):
                    raise AnalysisException(
                        f"It is not allowed to use an aggregate function in the argument of "
                        f"another aggregate function: \"{e.sql()}\".", "NESTED_AGGREGATE_FUNCTION")
            return
        if isinstance(e, E.AttributeReference) and not grouping:
            raise AnalysisException(
                "The query does not include a GROUP BY clause. Add GROUP BY or turn it into "
                f"the window functions using OVER clauses (\"{e.name}\" is not aggregated).",
                "MISSING_GROUP_BY")
        if isinstance(e, E.AttributeReference):
            raise AnalysisException(
                f"The expression \"{e.name}\" is neither present in the group by, nor is it an "
                "aggregate function. Add it to groupBy() or wrap it in an aggregate such as "
                f"first({e.name}).", "MISSING_AGGREGATION")
        if isinstance(e, E.WindowExpression):
            return
        for c in e.children:
            ok(c)

    for a in node.aggregates:
        ok(a.child if isinstance(a, E.Alias) else a)


# ------------------------------------------------------------------- window extraction


def has_window(node: L.LogicalPlan) -> bool:
    return any(isinstance(x, E.WindowExpression) for e in node.expressions() for x in e.walk())


def extract_window_expressions(node: L.LogicalPlan) -> L.LogicalPlan:
    """Spark's ExtractWindowExpressions: window functions in a select list (or aggregate
    list) are computed by `Window` nodes below a Project that reads their results, one Window
    node per distinct (PARTITION BY, ORDER BY); over an aggregate, the aggregates the windows
    need become outputs of the Aggregate first (`rank() OVER (ORDER BY sum(x))`)."""
    windows: list[E.Alias] = []

    def swap(x: E.Expression) -> E.Expression | None:
        if isinstance(x, E.WindowExpression):
            for a in windows:
                if a.child == x:
                    return a.to_attribute()
            alias = E.Alias(x, x.sql())
            windows.append(alias)
            return alias.to_attribute()
        return None

    def extract(item: E.Expression) -> E.Expression:
        if isinstance(item, E.Alias) and isinstance(item.child, E.WindowExpression):
            alias = E.Alias(item.child, item.name, item.expr_id)
            windows.append(alias)
            return alias.to_attribute()
        return item.transform_down(swap)

    if isinstance(node, L.Project):
        items = [extract(i) for i in node.exprs]
        return L.Project(tuple(items), _stack_windows(windows, node.child))
    assert isinstance(node, L.Aggregate)
    items = [extract(i) for i in node.aggregates]
    return _windows_over_aggregate(node, items, windows)


def _windows_over_aggregate(node: L.Aggregate, items: list[E.Expression],
                            windows: list[E.Alias]) -> L.LogicalPlan:
    """Project(items) over the Windows over an Aggregate that also outputs the aggregates and
    grouping columns the windows read."""
    outputs: list[E.Expression] = []
    inputs = {a.expr_id for a in node.child.output}

    def swap_agg(x: E.Expression) -> E.Expression | None:
        if isinstance(x, E.AggregateFunction):
            for a in outputs:
                if isinstance(a, E.Alias) and a.child == x:
                    return a.to_attribute()
            alias = E.Alias(x, x.sql())
            outputs.append(alias)
            return alias.to_attribute()
        if isinstance(x, E.AttributeReference) and x.expr_id in inputs:
            if x not in outputs:
                outputs.append(x)
            return x
        return None

    final = []
    for item in items:
        if isinstance(item, E.Alias) and not any(
                isinstance(y, E.AttributeReference) and any(y == w.to_attribute()
                                                            for w in windows)
                for y in item.walk()):
            outputs.append(item)
            final.append(item.to_attribute())
        else:
            final.append(item.transform_down(swap_agg))
    def swap_window(w: E.WindowExpression) -> E.Expression:
        # the window's own function stays (`sum(sum(a)) OVER ()` sums the aggregate sum(a))
        fn = w.function.map_children(lambda c: c.transform_down(swap_agg))
        return w.map_children(lambda c: fn if c is w.function else c.transform_down(swap_agg))

    windows = [E.Alias(swap_window(w.child), w.name, w.expr_id) for w in windows]
    agg = L.Aggregate(node.grouping, tuple(outputs), node.child)
    return L.Project(tuple(final), _stack_windows(windows, agg))


def _stack_windows(windows: list[E.Alias], child: L.LogicalPlan) -> L.LogicalPlan:
    groups: dict[Any, list[E.Alias]] = {}
    for w in windows:
        spec = (w.child.partition_by, w.child.order_by)
        groups.setdefault(spec, []).append(w)
    plan = child
    for ws in groups.values():
        plan = L.Window(tuple(ws), plan)
    return plan


def _count_star(x: E.Expression) -> bool:
    """A non-DISTINCT `count` of one star (`count(*)`, `F.count(F.expr("*"))`, `count(t.*)`,
    `F.count(df["*"])`)."""
    return (isinstance(x, E.AggregateFunction) and x.name == "count" and not x.distinct
            and len(x.args) == 1 and isinstance(x.args[0], E.UnresolvedStar))
