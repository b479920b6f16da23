"""The try_* functions: the forms of arithmetic, element_at and date parsing that give NULL
where ANSI mode (Spark 4's default) raises.

Each is a catalogue entry (SQL name, F. wrapper, example) that the analyzer replaces by the
expression it stands for in "try" mode (`dfengine/plan/try_functions.py`):

    try_add(a, b)          ->  a + b, NULL on overflow
    try_divide(a, b)       ->  a / b, NULL for b = 0
    try_element_at(xs, i)  ->  element_at(xs, i), NULL past the end
    try_to_timestamp(s)    ->  to_timestamp(s), NULL for malformed text
    try_sum(x)             ->  sum(x), NULL when a bigint sum overflows

Their columns keep Spark's names (`try_add(a, b)`).
"""

from __future__ import annotations

from typing import Any

from dfengine import types as T
from dfengine.errors import SparkRuntimeException
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import DT, returns
from dfengine.types.coercion import arithmetic_result_type


def _rewritten(args: list, e: Any, table: Any, ctx: Any) -> Any:
    raise SparkRuntimeException(
        f"{e.name}() reached execution: the analyzer replaces it by its try-mode expression "
        "(dfengine/plan/try_functions.py).", "INTERNAL_ERROR")


def _arith_result(op: str) -> Any:
    def result(types: list[T.DataType]) -> T.DataType:
        try:
            return arithmetic_result_type(op, types[0], types[1])
        except Exception:  # noqa: BLE001 - date + int and friends: typed after the rewrite
            return types[0]

    return result


def _element_result(types: list[T.DataType]) -> T.DataType:
    t = types[0]
    return t.elementType if isinstance(t, T.ArrayType) else getattr(t, "valueType", t)


def _try(name: str, result: Any, params: str, example: str, arity: tuple[int, int]) -> Function:
    return Function(name, result, impl=_rewritten, params=params, example=example,
                    arity=arity)


define(
    _try("try_add", _arith_result("+"), "left, right", "2147483647, 1", (2, 2)),
    _try("try_subtract", _arith_result("-"), "left, right", "-2147483648, 1", (2, 2)),
    _try("try_multiply", _arith_result("*"), "left, right", "2147483647, 2", (2, 2)),
    _try("try_divide", _arith_result("/"), "left, right", "3, 0", (2, 2)),
    _try("try_mod", _arith_result("%"), "left, right", "7, 0", (2, 2)),
    _try("try_element_at", _element_result, "col, extraction", "array(1, 2), 5", (2, 2)),
    _try("try_to_timestamp", returns(T.TimestampType()), "col, format = None",
         "'2020-13-45'", (1, 2)),
    _try("try_to_date", returns(DT), "col, format: lit = None", "'2020-02-30'", (1, 2)),
    family="try",
)


def _try_aggregate(name: str) -> Function:
    return Function(name, lambda types: T.DoubleType(), kind="aggregate", arity=(1, 1))


define(_try_aggregate("try_sum"), _try_aggregate("try_avg"), family="try")
