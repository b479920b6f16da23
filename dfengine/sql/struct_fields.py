"""`Column.withField` / `Column.dropFields` as `update_fields` calls, nested paths as PySpark
builds them: `withField("c.y", v)` is `update_fields(s, WithField(update_fields(s.c,
WithField(v))))`, and `dropFields("a", "b")` one call with two drops."""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.sql.column import Column, parse_column_name


def _path(name: Any, what: str) -> tuple[str, ...]:
    if not isinstance(name, str):
        raise PySparkTypeError(f"Argument `{what}` should be a str, got {type(name).__name__}.",
                               "NOT_STR")
    parsed = parse_column_name(name)
    return parsed.parts if isinstance(parsed, E.UnresolvedAttribute) else (name,)


def _lit(text: str) -> E.Literal:
    return E.make_literal(text)


def _field(struct: E.Expression, name: str) -> E.Expression:
    return E.ScalarFunction("get_field", (struct, _lit(name)))


def _update(struct: E.Expression, ops: list[tuple[str, E.Expression]]) -> E.Expression:
    """One update_fields call, merged into `struct` when it is one already (PySpark keeps
    chained withField/dropFields calls in one UpdateFields)."""
    args: list[E.Expression] = []
    base = struct
    if isinstance(struct, E.ScalarFunction) and struct.name == "update_fields":
        base, args = struct.args[0], list(struct.args[1:])
    for op, value in ops:
        args += [_lit(op), value]
    return E.ScalarFunction("update_fields", (base,) + tuple(args))


def with_field(struct: E.Expression, name: Any, col: Any) -> E.Expression:
    if not isinstance(col, Column):
        raise PySparkTypeError(f"Argument `col` should be a Column, got {type(col).__name__}.",
                               "NOT_COLUMN")
    return _with_path(struct, _path(name, "fieldName"), col._expr)


def _with_path(struct: E.Expression, path: tuple[str, ...], value: E.Expression) -> E.Expression:
    head = path[0]
    if len(path) > 1:
        value = _with_path(_field(struct, head), path[1:], value)
    return _update(struct, [(f"with:{head}", value)])


def drop_fields(struct: E.Expression, names: tuple[Any, ...]) -> E.Expression:
    out = struct
    for name in names:
        out = _drop_path(out, _path(name, "fieldNames"))
    return out


def _drop_path(struct: E.Expression, path: tuple[str, ...]) -> E.Expression:
    head = path[0]
    if len(path) == 1:
        return _update(struct, [(f"drop:{head}", E.Literal(None, T.NullType()))])
    return _update(struct, [(f"with:{head}", _drop_path(_field(struct, head), path[1:]))])
