"""Every Spark type has exactly one Arrow type it is stored as (`to_arrow_type`), and every
Arrow type we read maps back to one Spark type (`from_arrow_type`). Strings of every Arrow
flavour (string_view, large_string) read as StringType and are normalised to `pa.string()`
at the scan.
"""

from __future__ import annotations

import datetime
import decimal

import pyarrow as pa

from dfengine.types.datatypes import (
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    CalendarIntervalType,
    DataType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    MatrixUDT,
    NullType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    VectorUDT,
    YearMonthIntervalType,
)

_TO_ARROW = {
    NullType: pa.null(), StringType: pa.string(), BinaryType: pa.binary(),
    BooleanType: pa.bool_(), DateType: pa.date32(), TimestampType: pa.timestamp("us"),
    TimestampNTZType: pa.timestamp("us"), ByteType: pa.int8(), ShortType: pa.int16(),
    IntegerType: pa.int32(), LongType: pa.int64(), FloatType: pa.float32(),
    DoubleType: pa.float64(), DayTimeIntervalType: pa.duration("us"),
    YearMonthIntervalType: pa.int32(),  # months
    CalendarIntervalType: pa.month_day_nano_interval(),  # microseconds as nanoseconds
}


def to_arrow_type(dt: DataType) -> pa.DataType:
    t = _TO_ARROW.get(type(dt))
    if t is not None:
        return t
    if isinstance(dt, StringType):  # char(n) / varchar(n)
        return pa.string()
    if isinstance(dt, DecimalType):
        return pa.decimal128(dt.precision, dt.scale)
    if isinstance(dt, ArrayType):
        return pa.list_(to_arrow_type(dt.elementType))
    if isinstance(dt, MapType):
        # Arrow has no map with null-typed keys; map<void,...> (`map()`) only ever holds
        # empty maps, stored with string keys
        key = StringType() if isinstance(dt.keyType, NullType) else dt.keyType
        return pa.map_(to_arrow_type(key), to_arrow_type(dt.valueType))
    if isinstance(dt, StructType):
        # a void field is nullable in Arrow whatever Spark says (map_entries(map()))
        return pa.struct([pa.field(f.name, to_arrow_type(f.dataType),
                                   f.nullable or isinstance(f.dataType, NullType))
                          for f in dt.fields])
    if isinstance(dt, (VectorUDT, MatrixUDT)):
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
    (pa.types.is_timestamp, TimestampType), (pa.types.is_duration, DayTimeIntervalType),
    (pa.types.is_interval, CalendarIntervalType),
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
        if [f.name for f in at] == [f.name for f in MatrixUDT.sqlType().fields]:
            return MatrixUDT()
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
    float and str values of matching types are built from buffers instead, and so are
    dates, timestamps (microseconds) and decimals that fit their type exactly (TPC-H Q1's
    date literal); anything else (and an int out of the type's range, so the error stays
    pyarrow's) goes to `pa.scalar`."""
    import numpy as np

    kind = type(value)
    if value is None:
        return pa.nulls(1, at)[0]
    built = _temporal_or_decimal(value, at)
    if built is not None:
        return built
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


_EPOCH = datetime.datetime(1970, 1, 1)


def _temporal_or_decimal(value: object, at: pa.DataType) -> pa.Scalar | None:
    """A date32, timestamp[us] or decimal128/256 scalar built from its bytes, or None when
    `value` is not one `scalar` builds (then pyarrow converts it, with its own errors)."""
    kind = type(value)
    if kind is datetime.date and at == pa.date32():
        raw = (value.toordinal() - _EPOCH.toordinal()).to_bytes(4, "little", signed=True)
    elif kind is datetime.datetime and at == pa.timestamp("us"):
        offset = value.utcoffset()
        naive = value.replace(tzinfo=None) - (offset or datetime.timedelta(0))
        delta = naive - _EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        raw = micros.to_bytes(8, "little", signed=True)
    elif kind is decimal.Decimal and (pa.types.is_decimal128(at) or pa.types.is_decimal256(at)):
        unscaled = _unscaled(value, at.precision, at.scale)
        if unscaled is None:
            return None
        raw = unscaled.to_bytes(at.byte_width, "little", signed=True)
    else:
        return None
    return pa.Array.from_buffers(at, 1, [None, pa.py_buffer(raw)])[0]


def _unscaled(value: decimal.Decimal, precision: int, scale: int) -> int | None:
    """The integer `value * 10**scale` when it is exact and has at most `precision` digits."""
    if not value.is_finite():
        return None
    sign, digits, exponent = value.as_tuple()
    if exponent < -scale:  # more fraction digits than the type keeps: pyarrow decides
        return None
    unscaled = int("".join(map(str, digits)) or "0") * 10 ** (exponent + scale)
    if unscaled >= 10 ** precision:
        return None
    return -unscaled if sign else unscaled


def int64_array(values: object, valid: object = None) -> pa.Array:
    """`pa.array(values, pa.int64(), mask=~valid)` of a list or NumPy array, without
    importing pandas (see `scalar`); `valid` is an optional boolean array (False = null)."""
    import numpy as np

    data = np.ascontiguousarray(values, dtype=np.int64)
    bits = None
    if valid is not None:
        bits = pa.py_buffer(np.packbits(np.asarray(valid, dtype=bool), bitorder="little"))
    return pa.Array.from_buffers(pa.int64(), len(data), [bits, pa.py_buffer(data)])


def _fits(value: int, info: object) -> bool:
    return info.min <= value <= info.max  # type: ignore[attr-defined]


def numpy_values(arr: pa.Array) -> object:
    """The values of a fixed-width array as NumPy, read from its buffers (a zero-copy view;
    booleans unpacked from their bits), or None for other types (strings, decimals, nested).

    `Array.to_numpy` (and `np.asarray(arr)`) goes through pyarrow's pandas conversion, which
    imports pandas (0.2-0.3 s) in a process that never uses it. Dates, times, timestamps and
    durations come back as their integers (int32 / int64). Slots under a null hold whatever
    the buffer holds: callers mask them (`valid_mask`)."""
    import numpy as np

    t = arr.type
    n, offset = len(arr), arr.offset
    data = arr.buffers()[1] if arr.type.num_buffers > 1 else None
    if pa.types.is_boolean(t):
        if data is None or n == 0:
            return np.zeros(n, dtype=np.bool_)
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little",
                             count=offset + n)
        return bits[offset:].view(np.bool_)
    dtype = _fixed_dtype(t)
    if dtype is None:
        return None
    if data is None or n == 0:
        return np.zeros(n, dtype=dtype)
    return np.frombuffer(data, dtype=dtype)[offset: offset + n]


def _fixed_dtype(t: pa.DataType) -> str | None:
    if pa.types.is_integer(t):
        return f"{'u' if pa.types.is_unsigned_integer(t) else ''}int{t.bit_width}"
    if pa.types.is_floating(t):
        return f"float{t.bit_width}"
    if pa.types.is_temporal(t) and not pa.types.is_interval(t):
        return f"int{t.bit_width}"
    return None


def valid_mask(arr: pa.Array) -> object:
    """A NumPy bool array, True where `arr` (an Array) is not null, without pandas."""
    import numpy as np

    n = len(arr)
    if arr.null_count == 0:
        return np.ones(n, dtype=np.bool_)
    if pa.types.is_null(arr.type):
        return np.zeros(n, dtype=np.bool_)
    bits = arr.buffers()[0]
    if bits is None:  # unions and other types without a validity bitmap
        return numpy_values(arr.is_valid())
    unpacked = np.unpackbits(np.frombuffer(bits, dtype=np.uint8), bitorder="little",
                             count=arr.offset + n)
    return unpacked[arr.offset:].view(np.bool_)


def from_numpy(values: object, valid: object = None) -> pa.Array:
    """`pa.array(values, mask=~valid)` of a 1-d NumPy array of ints, floats or bools, built
    from its buffer without importing pandas (see `scalar`); other inputs go to `pa.array`."""
    import numpy as np

    data = np.ascontiguousarray(values)
    kind = data.dtype.kind
    if data.ndim != 1 or kind not in "iufb" or data.dtype.byteorder == ">":
        return pa.array(values, mask=None if valid is None else ~np.asarray(valid))
    bits = None
    if valid is not None:
        bits = pa.py_buffer(np.packbits(np.asarray(valid, dtype=bool), bitorder="little"))
    if kind == "b":
        body = pa.py_buffer(np.packbits(data, bitorder="little"))
        return pa.Array.from_buffers(pa.bool_(), len(data), [bits, body])
    return pa.Array.from_buffers(pa.from_numpy_dtype(data.dtype), len(data),
                                 [bits, pa.py_buffer(data)])


def decimal_array(values: list, at: pa.DataType) -> pa.Array:
    """`pa.array(values, at)` of Decimals (or None) for a decimal128/256 type, built from
    the unscaled integers without importing pandas when every value fits the type exactly;
    otherwise pyarrow converts them (with its own errors)."""
    import numpy as np

    width = at.byte_width
    raw, valid = [], []
    for v in values:
        if v is None:
            raw.append(bytes(width))
            valid.append(False)
            continue
        unscaled = _unscaled(v, at.precision, at.scale) if type(v) is decimal.Decimal else None
        if unscaled is None:
            return pa.array(values, at)
        raw.append(unscaled.to_bytes(width, "little", signed=True))
        valid.append(True)
    bits = None if all(valid) else pa.py_buffer(np.packbits(np.array(valid, dtype=bool),
                                                            bitorder="little"))
    return pa.Array.from_buffers(at, len(values), [bits, pa.py_buffer(b"".join(raw))])
