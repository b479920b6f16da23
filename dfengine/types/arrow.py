"""Every Spark type has exactly one Arrow type it is stored as (`to_arrow_type`), and every
Arrow type we read maps back to one Spark type (`from_arrow_type`). Strings of every Arrow
flavour (string_view, large_string) read as StringType and are normalised to `pa.string()`
at the scan.
"""

from __future__ import annotations

import pyarrow as pa

from dfengine.types.datatypes import (
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    VectorUDT,
)

_TO_ARROW = {
    NullType: pa.null(), StringType: pa.string(), BinaryType: pa.binary(),
    BooleanType: pa.bool_(), DateType: pa.date32(), TimestampType: pa.timestamp("us"),
    TimestampNTZType: pa.timestamp("us"), ByteType: pa.int8(), ShortType: pa.int16(),
    IntegerType: pa.int32(), LongType: pa.int64(), FloatType: pa.float32(),
    DoubleType: pa.float64(),
}


def to_arrow_type(dt: DataType) -> pa.DataType:
    t = _TO_ARROW.get(type(dt))
    if t is not None:
        return t
    if isinstance(dt, DecimalType):
        return pa.decimal128(dt.precision, dt.scale)
    if isinstance(dt, ArrayType):
        return pa.list_(to_arrow_type(dt.elementType))
    if isinstance(dt, MapType):
        return pa.map_(to_arrow_type(dt.keyType), to_arrow_type(dt.valueType))
    if isinstance(dt, StructType):
        return pa.struct([pa.field(f.name, to_arrow_type(f.dataType), f.nullable)
                          for f in dt.fields])
    if isinstance(dt, VectorUDT):
        return to_arrow_type(dt.sqlType())
    raise TypeError(f"No Arrow type for {dt!r}")


# Arrow type predicates -> the Spark type they read as (unsigned ints widen to fit).
_ATOMIC_FROM_ARROW = [
    (pa.types.is_null, NullType), (pa.types.is_boolean, BooleanType),
    (pa.types.is_int8, ByteType), (pa.types.is_uint8, ShortType),
    (pa.types.is_int16, ShortType), (pa.types.is_uint16, IntegerType),
    (pa.types.is_int32, IntegerType), (pa.types.is_int64, LongType),
    (pa.types.is_uint32, LongType), (pa.types.is_uint64, LongType),
    (pa.types.is_float16, FloatType), (pa.types.is_float32, FloatType),
    (pa.types.is_float64, DoubleType), (pa.types.is_date, DateType),
    (pa.types.is_timestamp, TimestampType),
]


def _is_string(at: pa.DataType) -> bool:
    return (pa.types.is_string(at) or pa.types.is_large_string(at)
            or pa.types.is_string_view(at)
            or pa.types.is_dictionary(at) and pa.types.is_string(at.value_type))


def _is_binary(at: pa.DataType) -> bool:
    return pa.types.is_binary(at) or pa.types.is_large_binary(at) or pa.types.is_binary_view(at)


def _nested_from_arrow(at: pa.DataType) -> DataType:
    if pa.types.is_fixed_size_list(at) and pa.types.is_floating(at.value_type):
        return VectorUDT()
    if pa.types.is_list(at) or pa.types.is_large_list(at) or pa.types.is_fixed_size_list(at):
        return ArrayType(from_arrow_type(at.value_type))
    if pa.types.is_map(at):
        return MapType(from_arrow_type(at.key_type), from_arrow_type(at.item_type))
    if pa.types.is_struct(at):
        if [f.name for f in at] == ["type", "size", "indices", "values"]:
            return VectorUDT()  # Spark's VectorUDT storage (as in Spark-written parquet)
        return StructType([StructField(f.name, from_arrow_type(f.type), f.nullable) for f in at])
    raise TypeError(f"Unsupported Arrow type {at}")


def from_arrow_type(at: pa.DataType) -> DataType:
    if _is_string(at):
        return StringType()
    if _is_binary(at):
        return BinaryType()
    if pa.types.is_decimal(at):
        return DecimalType(min(at.precision, 38), at.scale)
    for test, spark_type in _ATOMIC_FROM_ARROW:
        if test(at):
            return spark_type()
    return _nested_from_arrow(at)


def to_arrow_schema(st: StructType) -> pa.Schema:
    return pa.schema([pa.field(f.name, to_arrow_type(f.dataType), f.nullable) for f in st.fields])


def from_arrow_schema(schema: pa.Schema) -> StructType:
    return StructType([StructField(f.name, from_arrow_type(f.type), True) for f in schema])


def storage_arrow_type(at: pa.DataType) -> pa.DataType:
    """The Arrow type a column read from outside is normalised to (string_view -> string)."""
    return to_arrow_type(from_arrow_type(at)) if not pa.types.is_fixed_size_list(at) else at


# Arrow numeric types whose Python scalars `scalar` builds from a NumPy buffer
_NUMPY_DTYPES = {
    pa.int8(): "int8", pa.int16(): "int16", pa.int32(): "int32", pa.int64(): "int64",
    pa.float32(): "float32", pa.float64(): "float64",
}


def scalar(value: object, at: pa.DataType) -> pa.Scalar:
    """`pa.scalar(value, at)` for a literal, without importing pandas.

    `pa.scalar` and `pa.array` ask pyarrow's pandas shim whether their input is a pandas
    object, which imports pandas (0.2 s) in a process that never uses it. Null, bool, int,
    float and str values of matching types are built from buffers instead; anything else
    (and an int out of the type's range, so the error stays pyarrow's) goes to `pa.scalar`."""
    import numpy as np

    kind = type(value)
    if value is None:
        return pa.nulls(1, at)[0]
    name = _NUMPY_DTYPES.get(at)
    if name is not None and (kind is int or (kind is float and name[0] == "f")):
        if kind is float or name[0] == "f" or _fits(value, np.iinfo(name)):
            values = np.array([value], dtype=name)
            return pa.Array.from_buffers(at, 1, [None, pa.py_buffer(values)])[0]
    elif kind is bool and at == pa.bool_():
        return pa.Array.from_buffers(at, 1, [None, pa.py_buffer(bytes([value]))])[0]
    elif kind is str and at == pa.string():
        data = value.encode()
        offsets = np.array([0, len(data)], dtype=np.int32)
        return pa.Array.from_buffers(at, 1, [None, pa.py_buffer(offsets),
                                             pa.py_buffer(data)])[0]
    return pa.scalar(value, at)


def int64_array(values: object) -> pa.Array:
    """`pa.array(values, pa.int64())` of a list or NumPy array, without importing pandas
    (see `scalar`)."""
    import numpy as np

    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def _fits(value: int, info: object) -> bool:
    return info.min <= value <= info.max  # type: ignore[attr-defined]
