"""`x[i]`: Spark's ExtractValue: GetArrayItem (0-based array index), GetMapValue (map key) or
GetStructField (`s['f']`), one internal entry typed on its first argument. SQL `arr[i]`,
`m[k]` and the DataFrame API's `col[i]` / `col.getItem(i)` build it; `element_at` (1-based) is
its own function.

Under ANSI (Spark 4's default) an array index outside [0, size) raises
ArrayIndexOutOfBoundsException [INVALID_ARRAY_INDEX] (compute/ansi_functions.py); with ANSI off
it is NULL. A missing map key is NULL in both modes.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.functions.arrays import _py_map, broadcast
from dfengine.functions.registry import Function, define
from dfengine.types import to_arrow_type


def _field_name(args: tuple) -> Any:
    return getattr(args[1], "value", None)


def _struct_field(args: tuple) -> T.StructField:
    from dfengine.functions.signatures import struct_field_of

    return struct_field_of(args[0].data_type, _field_name(args), args[0].sql())


def _struct_fields_of_array(args: tuple) -> bool:
    """`xs['c']` on an array of structs: the field of every element (GetArrayStructFields)."""
    t = args[0].data_type
    return isinstance(t, T.ArrayType) and isinstance(args[1].data_type, T.StringType) and (
        isinstance(t.elementType, T.StructType))


def _subscript_args_type(args: tuple) -> T.DataType:
    t = args[0].data_type
    if isinstance(t, T.StructType):
        return _struct_field(args).dataType
    if _struct_fields_of_array(args):
        from dfengine.functions.signatures import struct_field_of

        f = struct_field_of(t.elementType, _field_name(args), args[0].sql())
        return T.ArrayType(f.dataType, t.containsNull or f.nullable)
    if isinstance(t, T.ArrayType) and isinstance(args[1].data_type, T.StringType):
        raise AnalysisException(
            f"Cannot resolve \"{args[0].sql()}[{args[1].sql()}]\" due to data type mismatch: "
            f"an array index must be an integer, not \"STRING\" ({args[1].sql()}); a field "
            "name only reaches into an array of structs.",
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    return _subscript_type([a.data_type for a in args])


def _subscript_type(types: list[T.DataType]) -> T.DataType:
    t = types[0]
    if isinstance(t, T.ArrayType):
        return t.elementType
    if isinstance(t, T.MapType):
        return t.valueType
    raise AnalysisException(
        f"Can't extract a value from a \"{t.simpleString().upper()}\" column. Need a complex "
        "type [STRUCT, ARRAY, MAP]; for a character of a string use substring(s, pos, 1).",
        "INVALID_EXTRACT_BASE_FIELD_TYPE")


def _subscript_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    t = types[0]
    if isinstance(t, T.ArrayType) and isinstance(types[1], T.StringType):
        return [None, None]  # a field of structs, or refused by _subscript_args_type
    if isinstance(t, T.ArrayType):
        return [None, T.IntegerType()]
    if isinstance(t, T.MapType):
        return [None, t.keyType]
    return [None, None]


def _array_item(xs: Any, i: Any) -> Any:
    if xs is None or i is None:
        return None
    return xs[i] if 0 <= i < len(xs) else None


def _map_value(kvs: Any, k: Any) -> Any:
    if kvs is None or k is None:
        return None
    return dict(kvs).get(k)


def _subscript(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if isinstance(e.args[0].data_type, T.StructType):
        return pc.struct_field(args[0], _struct_field(e.args).name)
    if _struct_fields_of_array(e.args):
        from dfengine.functions.signatures import struct_field_of

        t = e.args[0].data_type
        name = struct_field_of(t.elementType, _field_name(e.args), e.args[0].sql()).name
        arr = broadcast(args[0], table.num_rows)
        arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
        values = pc.struct_field(arr.values, name)  # offsets index the unsliced values
        return pa.ListArray.from_arrays(arr.offsets, values, mask=arr.is_null())
    fn = _map_value if isinstance(e.args[0].data_type, T.MapType) else _array_item
    return _py_map(args, table.num_rows, fn, to_arrow_type(e.data_type))


def _render(e: Any) -> str:
    if e.args[0].resolved and (isinstance(e.args[0].data_type, T.StructType) or (
            _struct_fields_of_array(e.args))):
        return f"{e.args[0].sql()}.{_field_name(e.args)}"
    return f"{e.args[0].sql()}[{e.args[1].sql()}]"


define(
    Function(
        "subscript",
        _subscript_type,
        _subscript_inputs,
        impl=_subscript,
        null_intolerant=True,
        result_from_args=_subscript_args_type,
        render_fn=_render,
        arity=(2, 2),
        public=False,
    ),
    family="collection",
)
