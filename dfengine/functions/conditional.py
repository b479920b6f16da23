"""NULL handling and choice among values (Spark's conditional_funcs)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine.functions.arrays import _full
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import (
    B,
    _common,
    _to_common,
)
from dfengine.types import to_arrow_type


def _coalesce(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    return pc.coalesce(*[_full(a, table.num_rows).cast(t) for a in args])


def _nullif(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    eq = pc.fill_null(pc.equal(args[0], args[1]), False)
    return pc.if_else(eq, pa.scalar(None, to_arrow_type(e.data_type)), args[0])


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
        "nullif", lambda t: t[0], _to_common, impl=_nullif, params="col1, col2", example="2, 2"
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
        _common,
        _to_common,
        nullable_rule="all_inputs",
        impl=_greatest,
        params="*cols",
        example="1, 5, NULL, 3",
    ),
    Function(
        "least",
        _common,
        _to_common,
        nullable_rule="all_inputs",
        impl=_greatest,
        params="*cols",
        example="4, 2, NULL",
    ),
    Function(
        "if", lambda t: _common(t[1:]), lambda t: [B] + _to_common(t[1:]), impl=_if, python_names=()
    ),
    family="conditional",
)
