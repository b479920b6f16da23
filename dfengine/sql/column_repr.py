"""`repr(Column)` as PySpark 4 prints it: operators in prefix form (`+(a, 1)`,
`and(>(a, 1), <(a, 3))`), `a AS b`, `CAST(a AS INT)`, `a DESC NULLS LAST`."""

from __future__ import annotations

from typing import Any

from dfengine.plan import expressions as E


def _literal(e: E.Literal) -> str:
    v = e.value
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f"'{v}'"
    return str(v)


def _simple(e: Any) -> str | None:
    if isinstance(e, E.UnresolvedAttribute):
        return ".".join(e.parts)
    if isinstance(e, E.AttributeReference):
        return e.name
    if isinstance(e, E.Literal):
        return _literal(e)
    return None


def _sort(e: E.SortOrder) -> str:
    nulls_first = e.ascending if e.null_first is None else e.null_first
    return (f"{render(e.child)} {'ASC' if e.ascending else 'DESC'} "
            f"NULLS {'FIRST' if nulls_first else 'LAST'}")


def _case(e: E.CaseWhen) -> str:
    parts = [f"WHEN {render(c)} THEN {render(v)}" for c, v in zip(e.conditions, e.values)]
    tail = f" ELSE {render(e.else_value)}" if e.else_value is not None else ""
    return "CASE " + " ".join(parts) + tail + " END"


def _call(name: str, *args: Any) -> str:
    return f"{name}({', '.join(render(a) for a in args)})"


def _compound(e: Any) -> str | None:
    if isinstance(e, E.Alias):
        return f"{render(e.child)} AS {e.name}"
    if isinstance(e, E.Comparison):
        if e.op == "!=":
            return f"!(=({render(e.left)}, {render(e.right)}))"
        return _call(e.op, e.left, e.right)
    if isinstance(e, E.BinaryArithmetic):
        return _call(e.op, e.left, e.right)
    if isinstance(e, (E.And, E.Or)):
        return _call("and" if isinstance(e, E.And) else "or", e.left, e.right)
    if isinstance(e, E.Not):
        return f"!({render(e.child)})"
    if isinstance(e, E.UnaryMinus):
        return _call("negative", e.child)
    if isinstance(e, (E.IsNull, E.IsNotNull)):
        return _call("isNull" if isinstance(e, E.IsNull) else "isNotNull", e.child)
    if isinstance(e, E.Cast):
        return f"CAST({render(e.child)} AS {e.to.simpleString().upper()})"
    if isinstance(e, E.SortOrder):
        return _sort(e)
    if isinstance(e, E.CaseWhen):
        return _case(e)
    return None


def _lambda(e: Any) -> str | None:
    """`x_49 -> +(x_49, 1)`, `(x_49, y_50) -> ...` (PySpark numbers its variables)."""
    from dfengine.plan.lambdas import LambdaFunction, LambdaVariable

    if isinstance(e, LambdaVariable):
        return f"{e.name}_{e.var_id}"
    if isinstance(e, LambdaFunction):
        names = [render(p) for p in e.params]
        head = names[0] if len(names) == 1 else f"({', '.join(names)})"
        return f"{head} -> {render(e.body)}"
    return None


def _functions(e: Any) -> str | None:
    if isinstance(e, E.In):
        return _call("in", e.value, *e.items)
    if isinstance(e, E.Like):
        return _call(e.kind, e.child, e.pattern)
    if isinstance(e, E.ScalarFunction) and e.name in ("get_field", "subscript") and len(
            e.args) == 2:
        return f"{render(e.args[0])}[{render(e.args[1])}]"
    if isinstance(e, E.ScalarFunction):
        return _call(e.name, *e.args)
    if isinstance(e, E.AggregateFunction):
        inner = ", ".join(render(a) for a in e.args)
        return f"{e.name}({'DISTINCT ' if e.distinct else ''}{inner})"
    return None


def render(e: Any) -> str:
    for step in (_simple, _compound, _lambda, _functions):
        out = step(e)
        if out is not None:
            return out
    return e.sql()
