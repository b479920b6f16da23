"""NULL handling and choice among values (Spark's conditional_funcs)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.functions.arrays import _full
from dfengine.functions.registry import MANY, Function, define
from dfengine.functions.signatures import (
    INT,
    B,
    _common,
    _common_no_strings,
    _to_common,
    _to_common_no_strings,
    returns,
)
from dfengine.types import to_arrow_type
from dfengine.types.coercion import comparison_type


def _coalesce(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    return pc.coalesce(*[_full(a, table.num_rows).cast(t) for a in args])


def _nullif(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if any(pa.types.is_null(a.type) for a in args):  # NULL = x is never true
        return args[0]
    eq = pc.fill_null(pc.equal(args[0], args[1]), False)
    return pc.if_else(eq, pa.scalar(None, to_arrow_type(e.data_type)), args[0])


def _nullif_inputs(types: list) -> list:
    """nullif(a, b) is Spark's `if(a = b, NULL, a)`: b is compared as `=` would cast it and
    the result keeps a's type (nullif(int, '1') is an int)."""
    if len(types) == 2 and comparison_type(types[0], types[1]) == types[0]:
        return [None, types[0]]
    return _to_common(types)


def _nanvl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.if_else(pc.fill_null(pc.is_nan(args[0]), False), args[1], args[0])


def _greatest(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """NULLs are skipped; NaN is larger than every number (Arrow's element-wise max skips it,
    so a NaN argument makes greatest NaN here)."""
    greatest = e.spec.name == "greatest"
    fn = pc.max_element_wise if greatest else pc.min_element_wise
    out = fn(*args, skip_nulls=True)
    if greatest and pa.types.is_floating(out.type):
        nan = None
        for a in args:
            a_nan = pc.fill_null(pc.is_nan(a), False)
            nan = a_nan if nan is None else pc.or_(nan, a_nan)
        out = pc.if_else(nan, pa.scalar(float("nan"), out.type), out)
    return out


def _if(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    return pc.if_else(
        pc.fill_null(args[0], False),
        _full(args[1], table.num_rows).cast(t),
        _full(args[2], table.num_rows).cast(t),
    )


define(
    Function(
        "coalesce",
        _common,
        _to_common,
        arity=(1, MANY),
        nullable_rule="all_inputs",
        impl=_coalesce,
        params="*cols",
        example="NULL, 2, 3",
    ),
    Function(
        "nvl",
        _common,
        _to_common,
        nullable_rule="all_inputs",
        impl=_coalesce,
        params="col1, col2",
        example="NULL, 7",
    ),
    Function(
        "ifnull",
        _common,
        _to_common,
        nullable_rule="all_inputs",
        impl=_coalesce,
        params="col1, col2",
        example="NULL, 'x'",
    ),
    Function(
        "nullif", lambda t: t[0], _nullif_inputs, impl=_nullif, params="col1, col2", example="2, 2"
    ),
    Function(
        "nanvl",
        _common,
        _to_common,
        impl=_nanvl,
        params="col1, col2",
        example="CAST('NaN' AS DOUBLE), 1.5",
    ),
    Function(
        "greatest",
        _common_no_strings,
        _to_common_no_strings,
        arity=(2, MANY),
        nullable_rule="all_inputs",
        impl=_greatest,
        params="*cols",
        example="1, 5, NULL, 3",
    ),
    Function(
        "least",
        _common_no_strings,
        _to_common_no_strings,
        arity=(2, MANY),
        nullable_rule="all_inputs",
        impl=_greatest,
        params="*cols",
        example="4, 2, NULL",
    ),
    Function(
        "if", lambda t: _common(t[1:]), lambda t: [B] + _to_common(t[1:]), impl=_if, python_names=(),
        arity=(3, 3),
    ),
    family="conditional",
)


def _zeroifnull(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    return pc.coalesce(_full(args[0], table.num_rows).cast(t), pa.scalar(0, t).cast(t))


def _nullifzero(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    x = _full(args[0], table.num_rows).cast(t)
    zero = pc.fill_null(pc.equal(pc.cast(x, pa.float64()), 0.0), False)
    return pc.if_else(zero, pa.scalar(None, t), x)


def _equal_null(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    a, b = _full(args[0], n), _full(args[1], n)
    both_null = pc.and_(pc.is_null(a), pc.is_null(b))
    if pa.types.is_null(a.type) or pa.types.is_null(b.type):
        return both_null
    return pc.if_else(both_null, True, pc.fill_null(pc.equal(a, b), False))


def _with_int(types: list) -> Any:
    return _common([types[0], INT])


def _null_as_int(types: list) -> Any:
    return INT if isinstance(types[0], T.NullType) else types[0]


define(
    Function(
        "zeroifnull",
        _with_int,
        lambda t: [_with_int(t)],
        nullable_rule="never",
        impl=_zeroifnull,
        params="col",
        example="NULL",
    ),
    Function(
        "nullifzero",
        _null_as_int,
        lambda t: [_null_as_int(t)],
        impl=_nullifzero,
        params="col",
        example="0",
    ),
    Function(
        "equal_null",
        returns(B),
        _to_common,
        nullable_rule="never",
        impl=_equal_null,
        params="col1, col2",
        example="NULL, NULL",
    ),
    family="conditional",
)


def _nvl2(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n, t = table.num_rows, to_arrow_type(e.data_type)
    valid = pc.is_valid(_full(args[0], n))
    return pc.if_else(valid, _full(args[1], n).cast(t), _full(args[2], n).cast(t))


define(
    Function(
        "nvl2",
        lambda t: _common(t[1:]),
        lambda t: [None] + _to_common(t[1:]),
        impl=_nvl2,
        params="col1, col2, col3",
        example="NULL, 1, 2",
    ),
    family="conditional",
)
