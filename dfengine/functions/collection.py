"""Arrays, maps and structs (Spark's collection_funcs and struct_funcs); generators."""

from __future__ import annotations

import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions.arrays import _const, _full, _py_map, list_lengths
from dfengine.functions.map_keys import LAST_WIN, duplicate_key_error, unique_entries
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import (
    INT,
    B,
    _common,
    _element_type,
    _get_field_type,
    _named_struct_type,
    _same_as_first,
    _struct_render,
    _struct_type,
    _to_common,
    returns,
)
from dfengine.types import to_arrow_type
from dfengine.types.coercion import common_type


def _size(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """-1 for a NULL array or map, as Spark's default (spark.sql.legacy.sizeOfNull)."""
    return pc.fill_null(pc.cast(list_lengths(args[0]), pa.int32()), -1)


def _array_contains_inputs(types: list) -> list:
    """Spark: the value must widen to the element type without string promotion, and a bare
    NULL is refused (array_contains(array(1), '1') is a type error, not false)."""
    if len(types) != 2 or not isinstance(types[0], T.ArrayType):
        return [None] * len(types)
    if isinstance(types[1], T.NullType):
        raise AnalysisException(
            "Cannot resolve \"array_contains\" due to data type mismatch: Null typed values "
            "cannot be used as arguments of `array_contains`. Cast the NULL to the element "
            "type.", "DATATYPE_MISMATCH.NULL_TYPE")
    common = common_type([types[0].elementType, types[1]], strings=False)
    if common is None:
        raise AnalysisException(
            "Cannot resolve \"array_contains\" due to data type mismatch: Input to "
            "`array_contains` should have been \"ARRAY\" followed by a value with same element "
            f"type, but it's [\"{types[0].simpleString().upper()}\", "
            f"\"{types[1].simpleString().upper()}\"]. Cast the value to the element type.",
            "DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES")
    return [T.ArrayType(common), common]


def _contains(xs: Any, value: Any) -> Any:
    """Spark's three-valued answer: true on a match, else NULL if the array holds a NULL
    (the NULL might have been the value), else false."""
    if xs is None or value is None:
        return None
    if value in xs:
        return True
    return None if None in xs else False


def _array_contains(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The value may be a column (array_contains(data, col('item'))), so it is read per row."""
    return _py_map(args[:2], table.num_rows, _contains, pa.bool_())


def _element_at(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    idx = _const(args[1])
    t = to_arrow_type(e.data_type)
    is_map = isinstance(e.args[0].data_type, T.MapType)

    def fn(xs: Any) -> Any:
        if xs is None or idx is None:
            return None
        if is_map:  # Arrow gives a map as a list of (key, value) pairs
            return dict(xs).get(idx)
        i = idx - 1 if idx > 0 else len(xs) + idx
        return xs[i] if 0 <= i < len(xs) else None

    return _py_map(args[:1], table.num_rows, fn, t)


def _array(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if not args:  # array(): one empty array per row
        return pa.scalar([], to_arrow_type(e.data_type))
    return _py_map(args, table.num_rows, lambda *xs: list(xs), to_arrow_type(e.data_type))


def _get_field(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    from dfengine.functions.signatures import struct_field_of

    t = e.args[0].data_type
    if isinstance(t, T.MapType):
        key = _const(args[1])
        return _py_map(args[:1], table.num_rows, lambda kvs: None if kvs is None else dict(
            kvs).get(key), to_arrow_type(e.data_type))
    name = struct_field_of(t, _const(args[1]), e.args[0].sql()).name
    if not isinstance(t, T.ArrayType):
        return pc.struct_field(args[0], name)
    arr = _full(args[0], table.num_rows)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    values = pc.struct_field(arr.values, name)  # offsets index the unsliced values
    return pa.ListArray.from_arrays(arr.offsets, values, mask=arr.is_null())


def _render_get_field(e: Any) -> str:
    if isinstance(e.args[0].data_type, T.MapType):
        return f"{e.args[0].sql()}[{e.args[1].value}]"
    return f"{e.args[0].sql()}.{e.args[1].value}"


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
    Function(
        "size",
        returns(INT),
        aliases=("cardinality",),
        impl=_size,
        params="col",
        example="array(1, 2, 3)",
    ),
    Function(
        "array_contains",
        returns(B),
        _array_contains_inputs,
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
        nullable_rule="never",  # Spark's CreateNamedStruct: a struct of NULLs, never NULL
        params="*cols",
        example="1, 'x'",
    ),
    Function(
        "named_struct",
        lambda t: T.StructType(),
        result_from_args=_named_struct_type,
        impl=_struct,
        nullable_rule="never",
        params="*cols",
        example="'a', 1, 'b', 'x'",
    ),
    Function(
        "get_field",
        lambda t: T.NullType(),
        result_from_args=_get_field_type,
        render_fn=_render_get_field,
        impl=_get_field,
        public=False,
    ),
    family="collection",
)


# ---------------------------------------------------------------- array and map functions


def _rows(fn: Any, strict: bool = True) -> Any:
    """An implementation calling `fn` on each row's Python values; NULL when any argument
    is NULL (unless `strict` is False), the result typed as the call's type."""

    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        def call(*vs: Any) -> Any:
            return None if strict and any(v is None for v in vs) else fn(*vs)

        return _py_map(args, table.num_rows, call, to_arrow_type(e.data_type))

    return run


def _key(v: Any) -> Any:
    """Hashable identity of a value, NaN equal to NaN as Spark compares arrays' elements."""
    if isinstance(v, float) and v != v:  # noqa: PLR0124 (NaN)
        return ("nan",)
    return v if not isinstance(v, (list, dict)) else repr(v)


def _distinct(xs: list) -> list:
    seen, out = set(), []
    for x in xs:
        k = _key(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _extreme(xs: list, largest: bool) -> Any:
    vals = [x for x in xs if x is not None]
    if not vals:
        return None
    nan = [x for x in vals if isinstance(x, float) and x != x]  # noqa: PLR0124
    if nan:
        if largest:
            return nan[0]
        vals = [x for x in vals if not (isinstance(x, float) and x != x)]  # noqa: PLR0124
        if not vals:
            return nan[0]
    return max(vals) if largest else min(vals)


def _intersect(a: list, b: list) -> list:
    keys = {_key(x) for x in b}
    return [x for x in _distinct(a) if _key(x) in keys]


def _except(a: list, b: list) -> list:
    keys = {_key(x) for x in b}
    return [x for x in _distinct(a) if _key(x) not in keys]


def _overlap(a: list, b: list) -> Any:
    keys = {_key(x) for x in b if x is not None}
    if any(x is not None and _key(x) in keys for x in a):
        return True
    if a and b and (None in a or None in b):
        return None
    return False


def _array_join(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    rep = _const(args[2]) if len(args) > 2 else None

    def fn(xs: Any, sep: Any) -> Any:
        if xs is None or sep is None:
            return None
        return sep.join(x if x is not None else rep for x in xs if x is not None or rep is not None)

    return _py_map(args[:2], table.num_rows, fn, pa.string())


def _sort_array(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    asc = _const(args[1]) if len(args) > 1 else True

    def fn(xs: Any) -> Any:
        if xs is None:
            return None
        nulls = [x for x in xs if x is None]
        vals = sorted((x for x in xs if x is not None), key=_sort_key, reverse=not asc)
        return nulls + vals if asc else vals + nulls

    return _py_map(args[:1], table.num_rows, fn, to_arrow_type(e.data_type))


def _sort_key(v: Any) -> Any:
    """Spark's order: NaN above every number, NULL first, structs field by field, arrays
    element by element."""
    if v is None:
        return (-1, 0)
    if isinstance(v, dict):
        return (0, tuple(_sort_key(x) for x in v.values()))
    if isinstance(v, (list, tuple)):
        return (0, tuple(_sort_key(x) for x in v))
    return (1, 0) if isinstance(v, float) and v != v else (0, v)  # noqa: PLR0124 (NaN last)


def _flatten(xss: list) -> Any:
    if any(xs is None for xs in xss):
        return None
    return [x for xs in xss for x in xs]


def _slice(xs: list, start: int, length: int) -> Any:
    if start == 0:
        raise ValueError(
            "[INVALID_PARAMETER_VALUE.START] Unexpected value for start in "
            "function `slice`: SQL array indices start at 1."
        )
    if length < 0:
        raise ValueError(
            "[INVALID_PARAMETER_VALUE.LENGTH] Unexpected value for length in "
            "function `slice`: Expects `length` greater than or equal to 0."
        )
    i = start - 1 if start > 0 else len(xs) + start
    return xs[i : i + length] if i >= 0 else []


def _position(xs: list, v: Any) -> int:
    k = _key(v)
    return next((i + 1 for i, x in enumerate(xs) if x is not None and _key(x) == k), 0)


def _zip(*xss: Any) -> Any:
    if any(xs is None for xs in xss):
        return None
    n = max((len(xs) for xs in xss), default=0)
    return [
        {str(j): (xs[i] if i < len(xs) else None) for j, xs in enumerate(xss)} for i in range(n)
    ]


def _zip_type(args: tuple) -> T.DataType:
    fields = [
        T.StructField(
            a.name if type(a).__name__ == "AttributeReference" else str(i),
            a.data_type.elementType,
            True,
        )
        for i, a in enumerate(args)
    ]
    return T.ArrayType(T.StructType(fields), False)


def _zip_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    names = [f.name for f in e.data_type.elementType.fields]

    def fn(*xss: Any) -> Any:
        rows = _zip(*xss)
        return None if rows is None else [dict(zip(names, r.values(), strict=True)) for r in rows]

    return _py_map(args, table.num_rows, fn, t)


def _get(xs: list, i: int) -> Any:
    return xs[i] if 0 <= i < len(xs) else None


def _map_from_arrays(ks: list, vs: list) -> Any:
    if len(ks) != len(vs):
        raise ValueError(
            "[INVALID_PARAMETER_VALUE] map_from_arrays: the key array and the "
            "value array should have the same length."
        )
    if any(k is None for k in ks):
        raise SparkRuntimeException("Cannot use null as map key.", "NULL_MAP_KEY")
    return unique_entries(zip(ks, vs, strict=True))


def _arr(t: T.DataType) -> T.DataType:
    return t.elementType if isinstance(t, T.ArrayType) else T.NullType()


def _array_common(types: list) -> T.DataType:
    return T.ArrayType(_common([_arr(t) for t in types]))


def _to_common_array(types: list) -> list:
    return [_array_common(types)] * len(types)


def _set_inputs(name: str) -> Any:
    """array_union/intersect/except/arrays_overlap widen their arrays only to the tightest
    common element type (int with bigint or double): array<int> with array<string> or with
    array<decimal(2,1)> is DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES."""
    def inputs(types: list) -> list:
        elems = [t.elementType for t in types if isinstance(t, T.ArrayType)
                 and not isinstance(t.elementType, T.NullType)]
        if len(elems) == 2 and elems[0] != elems[1] and not all(
                isinstance(e, T.NumericType) and not isinstance(e, T.DecimalType)
                for e in elems):
            shown = ", ".join(f'"{t.simpleString().upper()}"' for t in types)
            raise AnalysisException(
                f"Cannot resolve \"{name}\" due to data type mismatch: Input to function "
                f"`{name}` should have been two \"ARRAY\" with same element type, but it's "
                f"[{shown}].", "DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES")
        return _to_common_array(types)
    return inputs


def _with_element(types: list) -> T.DataType:
    return T.ArrayType(_common([_arr(types[0]), types[1]]))


def _element_inputs(types: list) -> list:
    t = _with_element(types)
    return [t, t.elementType]


def _map_kv(types: list, which: str) -> T.DataType:
    m = types[0]
    return getattr(m, which) if isinstance(m, T.MapType) else T.NullType()


def _entry(
    name: str, result: Any, impl: Any, example: str, params: str = "col", **kw: Any
) -> Function:
    kw.setdefault("null_intolerant", True)
    return Function(name, result, impl=impl, params=params, example=example, **kw)


_SAME = _same_as_first  # an array function keeping its argument's type


define(
    _entry("array_distinct", _SAME, _rows(_distinct), "array(1, 2, 2, NULL, NULL, 3)"),
    _entry(
        "array_max",
        lambda t: _arr(t[0]),
        _rows(lambda xs: _extreme(xs, True)),
        "array(1, 5, NULL, 3)",
    ),
    _entry(
        "array_min",
        lambda t: _arr(t[0]),
        _rows(lambda xs: _extreme(xs, False)),
        "array(1, 5, NULL, 3)",
    ),
    _entry(
        "array_position",
        returns(T.LongType()),
        _rows(_position),
        "array(3, 2, 1), 1",
        inputs=_element_inputs,
        params="col, value: lit",
    ),
    _entry(
        "array_remove",
        lambda t: _with_element(t),
        _rows(lambda xs, v: [x for x in xs if x is None or _key(x) != _key(v)]),
        "array(1, 2, NULL, 2, 3), 2",
        inputs=_element_inputs,
        params="col, element: lit",
    ),
    _entry(
        "array_repeat",
        lambda t: T.ArrayType(t[0]),
        _rows(lambda x, n: [x] * max(n, 0), strict=False),
        "'ab', 3",
        inputs=lambda t: [None, INT],
        null_intolerant=False,
        params="col, count: colnum",
    ),
    _entry(
        "array_union",
        _array_common,
        _rows(lambda a, b: _distinct(a + b)),
        "array(1, 2, 2), array(2, 3)",
        inputs=_set_inputs("array_union"),
        params="col1, col2",
    ),
    _entry(
        "array_intersect",
        _array_common,
        _rows(_intersect),
        "array(1, 2, 3, 2), array(2, 3, 4)",
        inputs=_set_inputs("array_intersect"),
        params="col1, col2",
    ),
    _entry(
        "array_except",
        _array_common,
        _rows(_except),
        "array(1, 2, 3, 1), array(2)",
        inputs=_set_inputs("array_except"),
        params="col1, col2",
    ),
    _entry(
        "arrays_overlap",
        returns(B),
        _rows(_overlap),
        "array(1, 2), array(2, 3)",
        inputs=_set_inputs("arrays_overlap"),
        params="a1, a2",
    ),
    _entry(
        "array_join",
        returns(T.StringType()),
        _array_join,
        "array('a', 'b', NULL), ','",
        params="col, delimiter: lit, null_replacement: lit = None",
        # array<int> joins as array<string> (Spark's implicit cast of the elements)
        inputs=lambda t: [T.ArrayType(T.StringType(), True), T.StringType(),
                          T.StringType()][:len(t)],
    ),
    _entry(
        "sort_array",
        _SAME,
        _sort_array,
        "array(3, NULL, 1, 2), false",
        shown_defaults={1: "true"},
        params="col, asc: lit = True",
    ),
    _entry("flatten", lambda t: _arr(t[0]), _rows(_flatten), "array(array(1, 2), array(3, NULL))"),
    _entry(
        "slice",
        _SAME,
        _rows(_slice),
        "array(1, 2, 3, 4), -3, 2",
        inputs=lambda t: [None, INT, INT],
        params="x, start: colnum, length: colnum",
    ),
    _entry(
        "arrays_zip",
        lambda t: T.ArrayType(T.StructType()),
        _zip_impl,
        "array(1, 2), array('a', 'b', 'c')",
        result_from_args=_zip_type,
        params="*cols",
    ),
    _entry(
        "map_keys",
        lambda t: T.ArrayType(_map_kv(t, "keyType")),
        _rows(lambda m: [k for k, _ in m]),
        "map_from_arrays(array(1, 2), array('a', 'b'))",
    ),
    _entry(
        "map_values",
        lambda t: T.ArrayType(_map_kv(t, "valueType")),
        _rows(lambda m: [v for _, v in m]),
        "map_from_arrays(array(1, 2), array('a', 'b'))",
    ),
    _entry(
        "map_entries",
        lambda t: T.ArrayType(
            T.StructType(
                [
                    T.StructField("key", _map_kv(t, "keyType"), False),
                    T.StructField("value", _map_kv(t, "valueType"), True),
                ]
            ),
            False,
        ),
        _rows(lambda m: [{"key": k, "value": v} for k, v in m]),
        "map_from_arrays(array(1, 2), array('a', 'b'))",
    ),
    _entry(
        "map_from_arrays",
        lambda t: T.MapType(_arr(t[0]), _arr(t[1])),
        _rows(_map_from_arrays),
        "array(1, 2), array('a', 'b')",
        params="col1, col2",
    ),
    _entry(
        "map_contains_key",
        returns(B),
        _rows(lambda m, k: any(x == k for x, _ in m)),
        "map_from_arrays(array(1, 2), array('a', 'b')), 2",
        params="col, value: lit",
    ),
    _entry(
        "array_compact",
        _SAME,
        _rows(lambda xs: [x for x in xs if x is not None]),
        "array(1, NULL, 2)",
    ),
    _entry(
        "array_append",
        _with_element,
        _rows(lambda xs, v: None if xs is None else xs + [v], strict=False),
        "array(1, 2), 3",
        inputs=_element_inputs,
        null_intolerant=False,
        params="col, value: lit",
    ),
    _entry(
        "array_prepend",
        _with_element,
        _rows(lambda xs, v: None if xs is None else [v] + xs, strict=False),
        "array(1, 2), 0",
        inputs=_element_inputs,
        null_intolerant=False,
        params="col, value: lit",
    ),
    _entry(
        "get",
        lambda t: _arr(t[0]),
        _rows(_get),
        "array(1, 2), 1",
        inputs=lambda t: [None, INT],
        params="col, index: colnum",
    ),
    family="collection",
)


def _temporal(types: list) -> bool:
    return isinstance(types[0], (T.DateType, T.TimestampType, T.TimestampNTZType))


def _plus_months(d: Any, months: int) -> Any:
    """The same day `months` later, clamped to the month's length (add_months)."""
    import calendar

    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return d.replace(year=y, month=m + 1, day=min(d.day, calendar.monthrange(y, m + 1)[1]))


def _date_sequence(start: Any, stop: Any, step: Any) -> list:
    """Dates or timestamps from start to stop by a day-time interval (timedelta) or a number
    of months (a year-month interval); one day by default."""
    import datetime as _dt

    step = step if step is not None else _dt.timedelta(days=1 if stop >= start else -1)
    forward = (step > _dt.timedelta(0)) if isinstance(step, _dt.timedelta) else step > 0
    if (stop > start and not forward) or (stop < start and forward) or step in (
            0, _dt.timedelta(0)):
        if start == stop:
            return [start]
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"requirement failed: Illegal sequence boundaries: {start} to {stop} by {step}")
    out, i = [], 0
    while True:
        v = start + i * step if isinstance(step, _dt.timedelta) else _plus_months(start,
                                                                                   i * step)
        if (forward and v > stop) or (not forward and v < stop):
            return out
        out.append(v)
        i += 1


def _sequence(start: Any, stop: Any, step: Any = None) -> list:
    if not isinstance(start, (int, float)):
        return _date_sequence(start, stop, step)
    step = step if step is not None else (1 if stop >= start else -1)
    if step == 0 and start == stop:  # Spark: one element
        return [start]
    if step == 0 or (stop - start) * step < 0:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"requirement failed: Illegal sequence boundaries: {start} to {stop} by {step}")
    return list(range(start, stop + (1 if step > 0 else -1), step))


def _str_to_map(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    pair = _const(args[1]) if len(args) > 1 else ","
    kv = _const(args[2]) if len(args) > 2 else ":"

    def fn(s: Any) -> Any:
        if s is None:
            return None
        out: dict = {}
        for item in re.split(pair, s):
            k, *v = re.split(kv, item, maxsplit=1)
            if k in out and not LAST_WIN.get():
                raise duplicate_key_error(k)
            out[k] = v[0] if v else None
        return list(out.items())

    return _py_map(args[:1], table.num_rows, fn, to_arrow_type(e.data_type))


def _from_entries(xs: list) -> Any:
    pairs = [tuple(x.values()) if x is not None else None for x in xs]
    if any(p is None for p in pairs):
        return None
    return _map_from_arrays([k for k, _ in pairs], [v for _, v in pairs])


def _entries_type(types: list) -> T.DataType:
    st = _arr(types[0])
    fields = st.fields if isinstance(st, T.StructType) else []
    return T.MapType(fields[0].dataType, fields[1].dataType) if len(fields) == 2 else T.NullType()


define(
    _entry(
        "sequence",
        lambda t: T.ArrayType(t[0] if _temporal(t) else _common(t)),
        _rows(_sequence),
        "1, 9, 3",
        inputs=lambda t: [t[0], t[0]] + [None] * (len(t) - 2) if _temporal(t) else (
            _to_common(t)),
        params="start, stop, step = None",
    ),
    _entry(
        "str_to_map",
        returns(T.MapType(T.StringType(), T.StringType())),
        _str_to_map,
        "'a=1;b=2', ';', '='",
        shown_defaults={1: ",", 2: ":"},
        inputs=lambda t: [T.StringType()] * len(t),
        params="text, pairDelim = None, keyValueDelim = None",
    ),
    _entry(
        "map_from_entries",
        _entries_type,
        _rows(_from_entries),
        "array(struct(1, 'a'), struct(2, 'b'))",
    ),
    family="collection",
)


def _map_type(types: list) -> T.DataType:
    if not types:  # map() is map<void,void>: it takes the type of the maps beside it
        return T.MapType(T.NullType(), T.NullType())
    return T.MapType(_common(types[0::2]), _common(types[1::2]))


def _map_inputs(types: list) -> list:
    if not types:
        return []
    k, v = _common(types[0::2]), _common(types[1::2])
    return [k if i % 2 == 0 else v for i in range(len(types))]


def _create_map(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if args and isinstance(e.data_type.keyType, T.NullType):
        raise SparkRuntimeException("Cannot use null as map key.", "NULL_MAP_KEY")
    def fn(*vs: Any) -> Any:
        return _map_from_arrays(list(vs[0::2]), list(vs[1::2]))

    return _py_map(args, table.num_rows, fn, to_arrow_type(e.data_type))


define(
    Function(
        "map",
        _map_type,
        _map_inputs,
        impl=_create_map,
        python_names=("create_map",),  # F.create_map is written in sql/functions.py
        params="*cols",
        example="1, 'a', 2, 'b'",
    ),
    family="collection",
)
