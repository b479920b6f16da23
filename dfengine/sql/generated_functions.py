"""`F.` wrappers generated from the function catalogue (`dfengine.functions`).

Each catalogue entry with a PySpark signature (`params`) gets a wrapper under each of its
names, so a function exists in `F.` exactly when it exists in SQL, and both build the same
`ScalarFunction` (same result, same column name). Parameters follow PySpark's conventions:
`col` takes a Column or a column name, `lit` a Python value (or a Column), `colnum` a column
name, a Column or a number; `fn` a Python function of Columns (a lambda); `schema` a
DataType or DDL string; `options` a dict of strings; `*cols` is variadic (one list argument is spread, as PySpark does);
`= default` makes a parameter optional (a default of None leaves the argument out; another
default is passed as a literal, as PySpark's `lit(0)` for an omitted column).
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dfengine.errors import PySparkTypeError
from dfengine.functions import Function, entries
from dfengine.plan import expressions as E
from dfengine.sql.column import Column, _expr, to_expr


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "col"  # col | lit | colnum
    variadic: bool = False
    has_default: bool = False
    default: Any = None


def parse_params(text: str) -> list[Param]:
    """`"str, pattern: lit, limit: lit = -1"` -> Params."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, default = part.partition("=")
        name, _, kind = name.partition(":")
        name, kind = name.strip(), kind.strip() or "col"
        variadic = name.startswith("*")
        out.append(Param(name.lstrip("*"), kind, variadic, bool(default.strip()),
                         ast.literal_eval(default.strip()) if default.strip() else None))
    return out


def _convert(p: Param, value: Any) -> E.Expression:
    if p.kind == "fn" and callable(value) and not isinstance(value, Column):
        from dfengine.sql.lambdas import python_lambda

        return python_lambda(value)
    if p.kind == "lit":
        return _expr(value)
    if p.kind == "schema" and not isinstance(value, (str, Column)):
        from dfengine.functions.json_csv import sql_type

        return E.make_literal(sql_type(value))  # a DataType, written as DDL
    if p.kind == "options" and isinstance(value, dict):
        pairs = [E.make_literal(str(x)) for kv in value.items() for x in kv]
        return E.ScalarFunction("map", tuple(pairs))
    if p.kind in ("schema", "options") and isinstance(value, str):
        return E.make_literal(value)
    if p.kind == "colnum" and not isinstance(value, (str, Column)):
        return _expr(value)
    return to_expr(value)


def _bind(fname: str, params: list[Param], args: tuple, kwargs: dict) -> list[E.Expression]:
    exprs: list[E.Expression] = []
    args = list(args)
    for p in params:
        if p.variadic:
            rest = args[0] if len(args) == 1 and isinstance(args[0], (list, tuple)) else args
            exprs.extend(_convert(p, v) for v in rest)
            args = []
            continue
        if args:
            value = args.pop(0)
        elif p.name in kwargs:
            value = kwargs.pop(p.name)
        elif p.has_default:
            value = p.default
        else:
            raise PySparkTypeError(f"{fname}() missing required argument `{p.name}`.",
                                   "MISSING_ARGUMENT")
        if value is None and p.has_default and p.default is None:
            continue  # an optional argument left out: Spark's shorter form of the call
        if p.kind == "col" and p.has_default and p.default is not None and (
                value is None or value is p.default):
            # a column parameter's default is PySpark's lit(default): make_dt_interval(d)
            # is make_dt_interval(d, 0, 0, 0)
            exprs.append(E.make_literal(p.default))
            continue
        exprs.append(_convert(p, value))
    if args or kwargs:
        extra = [repr(a) for a in args] + list(kwargs)
        raise PySparkTypeError(f"{fname}() got unexpected arguments: {', '.join(extra)}.",
                               "WRONG_NUM_ARGS")
    return exprs


# PySpark wrappers that build Spark's expression directly, named as it is (F.pow(x, 2) is
# `POWER(x, 2)` while SQL's pow(x, 2) is `pow(x, 2)`)
_BUILDS = {"pow": "power"}


def make_wrapper(fname: str, entry: Function) -> Callable[..., Column]:
    signature = entry.signature(fname) or ""
    params = parse_params(signature)

    # A Python-only name (F.negate, F.timestamp_add) calls the SQL function it stands for.
    sql_name = _BUILDS.get(fname, fname if fname in entry.names else entry.name)
    if entry.kind == "aggregate":
        return _aggregate_wrapper(fname, entry, params, signature)

    def wrapper(*args: Any, **kwargs: Any) -> Column:
        return Column(E.ScalarFunction(sql_name, tuple(_bind(fname, params, args, kwargs))))

    return _named(wrapper, fname, entry, params, signature)


def _aggregate_wrapper(fname: str, entry: Function, params: list[Param],
                       signature: str) -> Callable[..., Column]:
    """An aggregate's wrapper; `listagg_distinct` is `listagg(DISTINCT ...)`."""
    from dfengine.plan.aggregate_calls import aggregate_call

    distinct = fname.endswith("_distinct") and fname not in entry.names
    called = fname.removesuffix("_distinct") if distinct else fname

    def wrapper(*args: Any, **kwargs: Any) -> Column:
        return Column(aggregate_call(called, tuple(_bind(fname, params, args, kwargs)),
                                     distinct))

    return _named(wrapper, fname, entry, params, signature)


def _named(wrapper: Callable[..., Column], fname: str, entry: Function, params: list[Param],
           signature: str) -> Callable[..., Column]:
    wrapper.__name__ = wrapper.__qualname__ = fname
    wrapper.__doc__ = (f"`{fname}({signature})`: Spark's `{entry.name}` "
                       f"({entry.family} function); see pyspark.sql.functions.{fname}.")
    wrapper.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(p.name, inspect.Parameter.VAR_POSITIONAL if p.variadic else
                          inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          default=p.default if p.has_default else inspect.Parameter.empty)
        for p in params])
    return wrapper


def generated_wrappers(existing: dict[str, Any]) -> dict[str, Callable[..., Column]]:
    """A wrapper for every public catalogue name not written by hand in `existing`."""
    out = {}
    for entry in entries():
        if not entry.public or entry.params is None:
            continue
        for fname in entry.f_names:
            if fname not in existing:
                out[fname] = make_wrapper(fname, entry)
    return out
