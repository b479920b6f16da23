"""Bitwise operators as Spark registers them (`&`, `|`, `^`, `~` / bitwise_not): integral
arguments widened to their common type, shown as `(a & b)` and `~a`. Column.bitwiseAND/OR/
XOR and SQL's operators build these calls."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.functions.arrays import _full
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import _common


def _integral(types: list[T.DataType]) -> list[T.DataType | None]:
    """A string argument is cast to the integral type Spark's implicit casts give it
    (bigint under ANSI): `1 & 'a'` fails on the value, not at analysis."""
    from dfengine.types.coercion import ansi_enabled

    if ansi_enabled():  # legacy casts the string to double: BINARY_OP_DIFF_TYPES, as refused
        types = [T.LongType() if isinstance(t, T.StringType) else t for t in types]
    for t in types:
        if not isinstance(t, (T.IntegralType, T.NullType)):
            raise AnalysisException(
                f"Cannot resolve the bitwise operation due to data type mismatch: it requires "
                f"an integral type, however an argument has type \"{t.simpleString()}\".",
                "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    common = _common(types) if types else T.IntegerType()
    common = T.IntegerType() if isinstance(common, T.NullType) else common
    return [common] * len(types)


def _result(types: list[T.DataType]) -> T.DataType:
    return _integral(types)[0] if types else T.IntegerType()


def _binary(kernel: Any) -> Any:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        n = table.num_rows
        if all(isinstance(a, pa.Scalar) for a in args):
            return kernel(*args)
        return kernel(*(_full(a, n) for a in args))
    return run


def _infix(op: str) -> Any:
    return lambda e: f"({e.args[0].sql()} {op} {e.args[1].sql()})"


define(
    Function("&", _result, _integral, impl=_binary(pc.bit_wise_and), render_fn=_infix("&"),
             null_intolerant=True, nullable_rule="inputs", arity=(2, 2), public=False),
    Function("|", _result, _integral, impl=_binary(pc.bit_wise_or), render_fn=_infix("|"),
             null_intolerant=True, nullable_rule="inputs", arity=(2, 2), public=False),
    Function("^", _result, _integral, impl=_binary(pc.bit_wise_xor), render_fn=_infix("^"),
             null_intolerant=True, nullable_rule="inputs", arity=(2, 2), public=False),
    Function("~", _result, _integral, python_names=("bitwise_not", "bitwiseNOT"),
             impl=_binary(pc.bit_wise_not),
        render_fn=lambda e: f"~{e.args[0].sql()}", null_intolerant=True,
        nullable_rule="inputs", arity=(1, 1), params="col", example="5"),
    family="bitwise",
)
