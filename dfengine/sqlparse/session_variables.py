"""SQL session variables, as Spark 4 has them: `DECLARE [OR REPLACE] [VARIABLE] v [type]
[DEFAULT | = expr]`, `SET VAR v = expr`, `DROP TEMPORARY VARIABLE [IF EXISTS] v`, and `v`,
`session.v` or `system.session.v` read in a query.

A variable holds a value, not an expression: the default is evaluated once, when declared
(Spark does the same), and a query sees the value as a literal. A column of the same name
wins over a variable, as in Spark's name resolution."""

from __future__ import annotations

import re
from typing import Any

from sqlglot import exp

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.types.ddl import _parse_datatype_string

_PREFIXES = (("session",), ("system", "session"))
_DROP = re.compile(r"^\s*TEMPORARY\s+VARIABLE\s+(IF\s+EXISTS\s+)?((?:\w+\.)*\w+)\s*$",
                   re.IGNORECASE)


def variables(session: Any) -> dict[str, tuple[T.DataType, Any]]:
    store = getattr(session, "_sql_variables", None)
    if store is None:
        store = session._sql_variables = {}
    return store


def _name(parts: list[str]) -> str:
    *prefix, name = parts
    if prefix and tuple(p.lower() for p in prefix) not in _PREFIXES:
        raise AnalysisException(
            f"Cannot resolve variable `{'.'.join(parts)}`: a session variable is named v, "
            "session.v or system.session.v.", "UNRESOLVED_VARIABLE")
    return name.lower()


def _value(session: Any, node: exp.Expression, dt: T.DataType | None) -> tuple[T.DataType, Any]:
    """Evaluates `node` (a constant, a function of constants or a scalar subquery) once."""
    from dfengine.sqlparse.query import query_dataframe

    expr = exp.Cast(this=node, to=exp.DataType.build(dt.simpleString(), dialect="spark")) \
        if dt is not None else node
    df = query_dataframe(session, exp.select(exp.alias_(expr, "v")))
    row = df.collect()
    return df.schema.fields[0].dataType, row[0][0] if row else None


def declare(session: Any, stmt: exp.Declare, args: Any = None) -> Any:
    store = variables(session)
    for item in stmt.expressions:
        name = _name([p.name for p in item.this])
        if name in store and not stmt.args.get("replace"):
            raise AnalysisException(
                f"Cannot create the variable `{name}` because it already exists. Choose a "
                "different name, or drop or replace the existing variable (DECLARE OR "
                "REPLACE).", "VARIABLE_ALREADY_EXISTS")
        kind = item.args.get("kind")
        dt = _parse_datatype_string(kind.sql(dialect="spark")) if kind is not None else None
        default = item.args.get("default")
        if isinstance(default, exp.Expression):
            store[name] = _value(session, default, dt)
        elif dt is None:
            raise AnalysisException(
                f"DECLARE VARIABLE `{name}` needs a type or a DEFAULT value.",
                "PARSE_SYNTAX_ERROR")
        else:
            store[name] = (dt, None)
    return _empty(session)


def set_variables(session: Any, stmt: exp.Set) -> Any:
    """SET VAR v = expr [, w = expr]: the value cast to the variable's declared type."""
    store = variables(session)
    for item in stmt.expressions:
        eq = item.this
        parts = [p.name for p in eq.this.parts] if isinstance(eq.this, exp.Column) else [
            eq.this.name]
        name = _name(parts)
        if name not in store:
            raise AnalysisException(
                f"Cannot resolve variable `{'.'.join(parts)}`: declare it first (DECLARE "
                f"VARIABLE {parts[-1]} ...).", "UNRESOLVED_VARIABLE")
        store[name] = _value(session, eq.expression, store[name][0])
    return _empty(session)


def drop_variable(session: Any, text: str) -> Any | None:
    """DROP TEMPORARY VARIABLE [IF EXISTS] v, or None when `text` is another DROP."""
    m = _DROP.match(text)
    if m is None:
        return None
    name = _name(m.group(2).split("."))
    if variables(session).pop(name, None) is None and not m.group(1):
        raise AnalysisException(
            f"The variable `{m.group(2)}` cannot be found. Verify the spelling, or use DROP "
            "TEMPORARY VARIABLE IF EXISTS.", "VARIABLE_NOT_FOUND")
    return _empty(session)


def variable_literal(session: Any, parts: list[str],
                     columns: set[str]) -> E.Expression | None:
    """The value of the variable `parts` names, when no column in scope has that name."""
    store = getattr(session, "_sql_variables", None)
    if not store:
        return None
    if len(parts) == 1 and parts[0].lower() in columns:
        return None
    prefix = tuple(p.lower() for p in parts[:-1])
    if prefix and prefix not in _PREFIXES:
        return None
    found = store.get(parts[-1].lower())
    if found is None:
        return None
    dt, value = found
    return E.VariableValue(value, dt, parts[-1])


def _empty(session: Any) -> Any:
    from dfengine.sqlparse.query import empty_result

    return empty_result(session)
