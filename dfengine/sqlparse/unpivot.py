"""SQL `UNPIVOT [INCLUDE | EXCLUDE NULLS] (v FOR name IN (c1 [AS a1], ...))`, planned as
Spark plans it: a `stack` of (name, values) rows per input row, the columns the clause does
not mention kept as ids, rows whose values are all NULL dropped unless INCLUDE NULLS.

The multi-value form `((v1, v2) FOR name IN ((c1, c2) AS a, ...))` unpivots column groups;
an unnamed group is called by its columns joined with `_`, as in Spark."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.type_coercion import cast_to, unpivot_value_type

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sqlparse.select import QueryTranslator


def _unwrap(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _names(node: exp.Expression) -> list[str]:
    node = _unwrap(node)
    parts = node.expressions if isinstance(node, exp.Tuple) else [node]
    return [p.name for p in parts]


def _groups(tr: QueryTranslator, plan: L.LogicalPlan,
            items: list[exp.Expression]) -> list[tuple[str, list[E.Expression]]]:
    """Each IN item as (its name, its resolved columns)."""
    out = []
    for item in items:
        named = isinstance(item, (exp.PivotAlias, exp.Alias))
        body = _unwrap(item.this if named else item)
        parts = body.expressions if isinstance(body, exp.Tuple) else [body]
        tr.inputs = plan.output
        cols = [tr.resolve(tr.translate(p), plan.output) for p in parts]
        name = item.alias if named else "_".join(p.sql(dialect="spark") for p in parts)
        out.append((name, cols))
    return out


def _common_types(groups: list[tuple[str, list[E.Expression]]],
                  values: list[str]) -> list[T.DataType]:
    types = []
    for j in range(len(values)):
        column = [cols[j] for _, cols in groups]
        types.append(unpivot_value_type([c.data_type for c in column], [c.sql() for c in column]))
    return types


def unpivot_clause(tr: QueryTranslator, plan: L.LogicalPlan, pv: exp.Pivot) -> L.LogicalPlan:
    values = _names(pv.expressions[0]) if len(pv.expressions) == 1 else [
        e.name for e in pv.expressions]
    field = pv.args["fields"][0]
    groups = _groups(tr, plan, list(field.expressions))
    for name, cols in groups:
        if len(cols) != len(values):
            raise AnalysisException(
                f"UNPIVOT value column group `{name}` has {len(cols)} columns but the clause "
                f"names {len(values)} value columns ({', '.join(values)}): give every group "
                "as many columns as there are value names.",
                "UNPIVOT_VALUE_SIZE_MISMATCH")
    used = {r.expr_id for _, cols in groups for c in cols for r in c.references()}
    ids = [a for a in plan.output if a.expr_id not in used]
    types = _common_types(groups, values)
    args: list[E.Expression] = [E.Literal(len(groups), T.IntegerType())]
    for name, cols in groups:
        args.append(E.Literal(name, T.StringType()))
        args.extend(cast_to(c, t) for c, t in zip(cols, types))
    gen = E.MultiAlias(E.ScalarFunction("stack", tuple(args)), (field.this.name, *values))
    out = tr.builder().select(plan, [*ids, gen])
    if not pv.args.get("include_nulls"):
        kept = out.output[len(ids) + 1:]
        cond = E.conjoin([E.IsNull(a) for a in kept])
        out = tr.analyze(L.Filter(E.Not(cond), out))
    alias = pv.args.get("alias")
    return L.SubqueryAlias(alias.name, out) if alias is not None and alias.name else out
