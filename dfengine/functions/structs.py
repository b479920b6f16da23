"""Struct rewriting (Column.withField / dropFields, Spark's UpdateFields) and map_concat.

`update_fields(s, op1, v1, op2, v2, ...)` applies its operations in order: an op literal
`"with:name"` replaces the field `name` (keeping its position) or appends it, with the value
`v`; `"drop:name"` removes every field called `name` (its value is a NULL literal). A nested
path (`withField("c.y", v)`) is a with of `c` whose value updates `s.c`, as PySpark builds it.
A NULL struct stays NULL. Spark names the call `update_fields(s, WithField(v), dropfield())`.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions.arrays import _full
from dfengine.functions.map_keys import unique_entries
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import _common
from dfengine.types import to_arrow_type


def _ops(args: tuple) -> list[tuple[str, str, int]]:
    """(kind, field name, argument index of the value) of each operation."""
    out = []
    for i in range(1, len(args), 2):
        kind, _, name = str(args[i].value).partition(":")
        out.append((kind, name, i + 1))
    return out


def _update_fields_type(args: tuple) -> T.DataType:
    t = args[0].data_type
    if not isinstance(t, T.StructType):
        raise AnalysisException(
            f"Cannot resolve \"{_render(args)}\" due to data type mismatch: The first "
            f"parameter requires the \"STRUCT\" type, however \"{args[0].sql()}\" has the type "
            f"\"{t.simpleString().upper()}\".", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    fields = list(t.fields)
    for kind, name, i in _ops(args):
        if kind == "drop":
            fields = [f for f in fields if f.name != name]
            continue
        new = T.StructField(name, args[i].data_type, args[i].nullable)
        at = [k for k, f in enumerate(fields) if f.name == name]
        fields = [new if k in at else f for k, f in enumerate(fields)] if at else fields + [new]
    if not fields:
        raise AnalysisException(
            f"Cannot resolve \"{_render(args)}\" due to data type mismatch: Cannot drop all "
            "fields in struct.", "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS")
    return T.StructType(fields)


def _render(args: tuple) -> str:
    parts = [args[0].sql()]
    for kind, _name, i in _ops(args):
        parts.append(f"WithField({args[i].sql()})" if kind == "with" else "dropfield()")
    return f"update_fields({', '.join(parts)})"


def _update_fields(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    s = _full(args[0], n)
    s = s.combine_chunks() if isinstance(s, pa.ChunkedArray) else s
    columns: dict[str, Any] = {f.name: pc.struct_field(s, [k])
                               for k, f in enumerate(e.args[0].data_type.fields)}
    order = list(columns)
    for kind, name, i in _ops(e.args):
        if kind == "drop":
            order = [x for x in order if x != name]
            continue
        columns[name] = args[i]
        if name not in order:
            order.append(name)
    t = to_arrow_type(e.data_type)
    arrays = []
    for k, name in enumerate(order):
        a = _full(columns[name], n)
        a = a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a
        arrays.append(a.cast(t.field(k).type) if a.type != t.field(k).type else a)
    mask = pc.is_null(s)
    return pa.StructArray.from_arrays(arrays, fields=list(t), mask=mask)


def _map_concat_type(types: list[T.DataType]) -> T.DataType:
    if not types:
        return T.MapType(T.StringType(), T.StringType())
    for t in types:
        if not isinstance(t, T.MapType):
            raise AnalysisException(
                f"map_concat needs maps, got {t.simpleString()}.",
                "DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES")
    return T.MapType(_common([t.keyType for t in types]), _common([t.valueType for t in types]),
                     any(t.valueContainsNull for t in types))


def _map_concat_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    return [_map_concat_type(types)] * len(types) if types else []


def _map_concat(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The maps' entries in order; NULL if any map is NULL; a repeated key raises
    DUPLICATED_MAP_KEY, or under spark.sql.mapKeyDedupPolicy=LAST_WIN takes the later value
    (`unique_entries`)."""
    n = table.num_rows
    t = to_arrow_type(e.data_type)
    if not args:
        return pa.array([[] for _ in range(n)], t)
    cols = [(_full(a, n)).to_pylist() for a in args]
    out = []
    for row in zip(*cols, strict=True):
        if any(m is None for m in row):
            out.append(None)
            continue
        out.append(unique_entries(kv for m in row for kv in m))
    return pa.array(out, t)


def _array_insert(xs: list | None, pos: int | None, value: Any) -> list | None:
    """1-based `pos`; -1 appends; past either end pads with NULLs (Spark 4's rules)."""
    if xs is None or pos is None:
        return None
    if pos == 0:
        raise SparkRuntimeException(
            "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or "
            "> 0 (the first element has index 1).", "INVALID_INDEX_OF_ZERO")
    if pos > 0:
        return xs[:pos - 1] + [None] * (pos - 1 - len(xs)) + [value] + xs[pos - 1:]
    at = len(xs) + pos + 1
    if at < 0:
        return [value] + [None] * -at + xs
    return xs[:at] + [value] + xs[at:]


def _array_insert_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    cols = [_full(a, n).to_pylist() for a in args]
    out = [_array_insert(xs, p, v) for xs, p, v in zip(*cols, strict=True)]
    return pa.array(out, to_arrow_type(e.data_type))


def _array_insert_type(types: list[T.DataType]) -> T.DataType:
    if not isinstance(types[0], T.ArrayType):
        raise AnalysisException(f"array_insert needs an array, got {types[0].simpleString()}.",
                                "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    return T.ArrayType(_common([types[0].elementType, types[2]]), True)


def _array_insert_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    t = _array_insert_type(types)
    return [t, T.IntegerType(), t.elementType]


def _array_size(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.cast(pc.list_value_length(_full(args[0], table.num_rows)), pa.int32())


define(
    Function("array_insert", _array_insert_type, _array_insert_inputs,
             impl=_array_insert_impl, params="arr, pos: colnum, value: lit",
             example="array(1, 2, 3), -5, 9"),
    Function("array_size", lambda t: T.IntegerType(), impl=_array_size, params="col",
             nullable_rule="inputs", example="array(1, NULL, 3)"),
    Function("update_fields", lambda t: T.NullType(), result_from_args=_update_fields_type,
             render_fn=lambda e: _render(e.args), impl=_update_fields, public=False),
    Function("map_concat", _map_concat_type, _map_concat_inputs, impl=_map_concat,
             nullable_rule="inputs", params="*cols",
             example="map(1, 'a', 2, 'b'), map(3, 'c')"),
    family="collection",
)
