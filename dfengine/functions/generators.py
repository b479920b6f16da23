"""inline, inline_outer and stack (Spark's generator_funcs): a Generate node runs them;
plan/builder.py names their columns (a struct's fields; col0, col1, ... for stack, which it
rewrites into an inline of an array of structs)."""

from __future__ import annotations

from dfengine import types as T
from dfengine.functions.registry import Function, define


def _struct_elements(types: list[T.DataType]) -> T.DataType:
    t = types[0] if types else T.NullType()
    return t.elementType if isinstance(t, T.ArrayType) else t


define(
    Function("inline", _struct_elements, kind="generator", params="col",
             example="array(named_struct('a', 1, 'b', 'x'), named_struct('a', 2, 'b', 'y'))"),
    Function("inline_outer", _struct_elements, kind="generator", params="col",
             example="array(named_struct('a', 1, 'b', 'x'))"),
    Function("stack", lambda t: T.NullType(), kind="generator", params="*cols",
             example="2, 1, 2.5, 3"),
    family="generator",
)
