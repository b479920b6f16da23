"""Arrays, maps and structs (Spark's collection_funcs and struct_funcs); generators."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.functions.arrays import _const, _full, _py_map
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import (
    B,
    I,
    _common,
    _element_type,
    _get_field_type,
    _named_struct_type,
    _struct_render,
    _struct_type,
    _to_common,
    returns,
)
from dfengine.types import to_arrow_type


def _size(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """-1 for a NULL array or map, as Spark's default (spark.sql.legacy.sizeOfNull)."""
    return pc.fill_null(pc.cast(pc.list_value_length(args[0]), pa.int32()), -1)


def _array_contains(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    value = _const(args[1])
    return _py_map(
        args[:1], table.num_rows, lambda xs: None if xs is None else value in xs, pa.bool_()
    )


def _element_at(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    idx = _const(args[1])
    t = to_arrow_type(e.data_type)

    def fn(xs: Any) -> Any:
        if xs is None:
            return None
        if isinstance(xs, list):
            i = idx - 1 if idx > 0 else len(xs) + idx
            return xs[i] if 0 <= i < len(xs) else None
        return dict(xs).get(idx)

    return _py_map(args[:1], table.num_rows, fn, t)


def _array(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args, table.num_rows, lambda *xs: list(xs), to_arrow_type(e.data_type))


def _get_field(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.struct_field(args[0], _const(args[1]))


def _struct(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    st = e.data_type
    values = args if e.spec.name == "struct" else args[1::2]
    cols = [_full(a, table.num_rows) for a in values]
    cols = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in cols]
    return pa.StructArray.from_arrays(cols, names=[f.name for f in st.fields])


define(
    Function("explode", lambda t: _element_type(t[0]), kind="generator", params="col"),
    Function("explode_outer", lambda t: _element_type(t[0]), kind="generator", params="col"),
    Function("posexplode", lambda t: _element_type(t[0]), kind="generator", params="col"),
    Function("posexplode_outer", lambda t: _element_type(t[0]), kind="generator", params="col"),
    Function("size", returns(I), impl=_size, params="col", example="array(1, 2, 3)"),
    Function(
        "array_contains",
        returns(B),
        null_intolerant=True,
        impl=_array_contains,
        params="col, value: lit",
        example="array(1, 2), 2",
    ),
    Function(
        "element_at",
        lambda t: t[0].elementType if isinstance(t[0], T.ArrayType) else t[0].valueType,
        null_intolerant=True,
        impl=_element_at,
        params="col, extraction: lit",
        example="array(10, 20, 30), 2",
    ),
    Function(
        "array",
        lambda t: T.ArrayType(_common(t) if t else T.NullType()),
        _to_common,
        impl=_array,
        params="*cols",
        example="1, 2, NULL",
    ),
    Function(
        "struct",
        lambda t: T.StructType(),
        render_fn=_struct_render,
        result_from_args=_struct_type,
        impl=_struct,
        params="*cols",
        example="1, 'x'",
    ),
    Function(
        "named_struct",
        lambda t: T.StructType(),
        result_from_args=_named_struct_type,
        impl=_struct,
        params="*cols",
        example="'a', 1, 'b', 'x'",
    ),
    Function(
        "get_field",
        lambda t: T.NullType(),
        result_from_args=_get_field_type,
        render_fn=lambda e: f"{e.args[0].sql()}.{e.args[1].value}",
        impl=_get_field,
        public=False,
    ),
    family="collection",
)
