"""Spark SQL data types (as `pyspark.sql.types` names them) and their Arrow storage.

Partitions are Arrow tables, so every Spark type has exactly one Arrow type it is stored as
(`to_arrow_type`), and every Arrow type we read maps back to one Spark type
(`from_arrow_type`). Strings of every Arrow flavour (string_view, large_string) read as
StringType and are normalised to `pa.string()` at the scan.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import re
from collections.abc import Iterator
from typing import Any, Self

import pyarrow as pa


class DataType:
    """Base class of all Spark types; instances compare by value."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(self.__dict__.items(), key=str))))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    @classmethod
    def typeName(cls) -> str:
        return cls.__name__[: -len("Type")].lower()

    def simpleString(self) -> str:
        return self.typeName()

    def jsonValue(self) -> Any:
        return self.typeName()

    def needConversion(self) -> bool:
        return False


class NullType(DataType):
    @classmethod
    def typeName(cls) -> str:
        return "void"


class AtomicType(DataType):
    pass


class NumericType(AtomicType):
    pass


class IntegralType(NumericType):
    pass


class FractionalType(NumericType):
    pass


class StringType(AtomicType):
    pass


class BinaryType(AtomicType):
    pass


class BooleanType(AtomicType):
    pass


class DateType(AtomicType):
    pass


class TimestampType(AtomicType):
    pass


class TimestampNTZType(AtomicType):
    @classmethod
    def typeName(cls) -> str:
        return "timestamp_ntz"


class ByteType(IntegralType):
    def simpleString(self) -> str:
        return "tinyint"


class ShortType(IntegralType):
    def simpleString(self) -> str:
        return "smallint"


class IntegerType(IntegralType):
    def simpleString(self) -> str:
        return "int"


class LongType(IntegralType):
    def simpleString(self) -> str:
        return "bigint"


class FloatType(FractionalType):
    pass


class DoubleType(FractionalType):
    pass


class DecimalType(FractionalType):
    MAX_PRECISION = 38

    def __init__(self, precision: int = 10, scale: int = 0):
        self.precision = precision
        self.scale = scale

    def simpleString(self) -> str:
        return f"decimal({self.precision},{self.scale})"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"DecimalType({self.precision}, {self.scale})"


class ArrayType(DataType):
    def __init__(self, elementType: DataType, containsNull: bool = True):
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self) -> str:
        return f"array<{self.elementType.simpleString()}>"

    def __repr__(self) -> str:
        return f"ArrayType({self.elementType!r}, {self.containsNull})"


class MapType(DataType):
    def __init__(self, keyType: DataType, valueType: DataType, valueContainsNull: bool = True):
        self.keyType = keyType
        self.valueType = valueType
        self.valueContainsNull = valueContainsNull

    def simpleString(self) -> str:
        return f"map<{self.keyType.simpleString()},{self.valueType.simpleString()}>"

    def __repr__(self) -> str:
        return f"MapType({self.keyType!r}, {self.valueType!r}, {self.valueContainsNull})"


class StructField(DataType):
    def __init__(self, name: str, dataType: DataType, nullable: bool = True, metadata: dict | None = None):
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.metadata = metadata or {}

    def simpleString(self) -> str:
        return f"{self.name}:{self.dataType.simpleString()}"

    def __repr__(self) -> str:
        return f"StructField('{self.name}', {self.dataType!r}, {self.nullable})"

    def __hash__(self) -> int:
        return hash((self.name, self.dataType, self.nullable))


class StructType(DataType):
    def __init__(self, fields: list[StructField] | None = None):
        self.fields = list(fields or [])

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def fieldNames(self) -> list[str]:
        return self.names

    def add(self, field: str | StructField, data_type: DataType | str | None = None,
            nullable: bool = True, metadata: dict | None = None) -> StructType:
        if isinstance(field, StructField):
            self.fields.append(field)
        else:
            if isinstance(data_type, str):
                data_type = _parse_datatype_string(data_type)
            self.fields.append(StructField(field, data_type, nullable, metadata))
        return self

    def __iter__(self) -> Iterator[StructField]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            for f in self.fields:
                if f.name == key:
                    return f
            raise KeyError(f"No StructField named {key}")
        if isinstance(key, slice):
            return StructType(self.fields[key])
        return self.fields[key]

    def simpleString(self) -> str:
        return "struct<" + ",".join(f.simpleString() for f in self.fields) + ">"

    def __repr__(self) -> str:
        return "StructType([" + ", ".join(repr(f) for f in self.fields) + "])"

    def __hash__(self) -> int:
        return hash(tuple(self.fields))

    def treeString(self) -> str:
        lines = ["root"]
        _tree_lines(self, lines, 1)
        return "\n".join(lines) + "\n"


def _tree_name(dt: DataType) -> str:
    return dt.simpleString() if isinstance(dt, DecimalType) else dt.typeName()


def _tree_lines(dt: DataType, lines: list[str], depth: int) -> None:
    """printSchema's layout: ` |-- name: type (nullable = true)`, nested types indented."""
    prefix = " |   " * (depth - 1) + " |-- "
    if isinstance(dt, StructType):
        for f in dt.fields:
            lines.append(f"{prefix}{f.name}: {_tree_name(f.dataType)} "
                         f"(nullable = {str(f.nullable).lower()})")
            _tree_lines(f.dataType, lines, depth + 1)
    elif isinstance(dt, ArrayType):
        lines.append(f"{prefix}element: {_tree_name(dt.elementType)} "
                     f"(containsNull = {str(dt.containsNull).lower()})")
        _tree_lines(dt.elementType, lines, depth + 1)
    elif isinstance(dt, MapType):
        lines.append(f"{prefix}key: {_tree_name(dt.keyType)}")
        _tree_lines(dt.keyType, lines, depth + 1)
        lines.append(f"{prefix}value: {_tree_name(dt.valueType)} "
                     f"(valueContainsNull = {str(dt.valueContainsNull).lower()})")
        _tree_lines(dt.valueType, lines, depth + 1)


class VectorUDT(DataType):
    """pyspark.ml's vector type, stored as Spark's struct<type: tinyint, size: int,
    indices: array<int>, values: array<double>> (type 0 sparse, 1 dense), so dense and sparse
    vectors mix in one column. Python vectors convert at the edges (`serialize` into a
    DataFrame, `deserialize` on collect); `dfengine.ml.linalg` owns the vector classes."""

    @classmethod
    def typeName(cls) -> str:
        return "vector"

    def simpleString(self) -> str:
        return "vector"

    @classmethod
    def sqlType(cls) -> StructType:
        return StructType([StructField("type", ByteType(), False),
                           StructField("size", IntegerType(), True),
                           StructField("indices", ArrayType(IntegerType(), False), True),
                           StructField("values", ArrayType(DoubleType(), False), True)])

    def serialize(self, obj: Any) -> dict:
        if hasattr(obj, "indices") and hasattr(obj, "size"):
            return {"type": 0, "size": int(obj.size), "indices": [int(i) for i in obj.indices],
                    "values": [float(v) for v in obj.values]}
        vals = obj.toArray() if hasattr(obj, "toArray") else obj
        return {"type": 1, "size": None, "indices": None, "values": [float(x) for x in vals]}

    def deserialize(self, datum: Any) -> Any:
        from dfengine.ml.linalg.vectors import vector_from_struct

        return vector_from_struct(datum)


# ---------------------------------------------------------------------------------------------
# Row


class Row(tuple):
    """A row of data, a tuple with field names (PySpark's `Row`).

    `Row(a=1, b=2)` makes a row; `Row("a", "b")` makes a row class that is called with values.
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        if args and kwargs:
            raise ValueError("Can not use both args and kwargs to create Row")
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__fields__ = list(kwargs.keys())
            return row
        return tuple.__new__(cls, args)

    @classmethod
    def _make(cls, fields: list[str], values: Any) -> Row:
        row = tuple.__new__(cls, values)
        row.__fields__ = fields
        return row

    def asDict(self, recursive: bool = False) -> dict:
        if not hasattr(self, "__fields__"):
            raise TypeError("Cannot convert a Row class into dict")

        def conv(v: Any) -> Any:
            if not recursive:
                return v
            if isinstance(v, Row):
                return v.asDict(True)
            if isinstance(v, list):
                return [conv(x) for x in v]
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            return v

        return {k: conv(v) for k, v in zip(self.__fields__, self)}

    def __contains__(self, item: Any) -> bool:
        if hasattr(self, "__fields__"):
            return item in self.__fields__
        return super().__contains__(item)

    def __call__(self, *args: Any) -> Row:
        """A Row made of names acts as a class: `Person = Row("name"); Person("Al")`."""
        if len(args) > len(self):
            raise ValueError(f"Can not create Row with fields {self}, expected {len(self)} "
                             f"values but got {args}")
        return Row._make(list(self), args)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            idx = self.__fields__.index(item)
        except (IndexError, AttributeError, ValueError):
            raise KeyError(item) from None
        return super().__getitem__(idx)

    def __getattr__(self, item: str) -> Any:
        if item.startswith("__"):
            raise AttributeError(item)
        try:
            idx = self.__fields__.index(item)
        except (AttributeError, ValueError):
            raise AttributeError(item) from None
        return self[idx]

    def __setattr__(self, key: str, value: Any) -> None:
        if key != "__fields__":
            raise RuntimeError("Row is read-only")
        self.__dict__[key] = value

    def __reduce__(self) -> Any:
        if hasattr(self, "__fields__"):
            return (_create_row, (self.__fields__, tuple(self)))
        return tuple.__reduce__(self)

    def __repr__(self) -> str:
        if hasattr(self, "__fields__"):
            fields = ", ".join(f"{k}={v!r}" for k, v in zip(self.__fields__, self))
            return f"Row({fields})"
        return "<Row({})>".format(", ".join(repr(f) for f in self))


def _create_row(fields: list[str], values: tuple) -> Row:
    return Row._make(list(fields), values)


# ---------------------------------------------------------------------------------------------
# Arrow mapping

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


def from_arrow_type(at: pa.DataType) -> DataType:
    if pa.types.is_null(at):
        return NullType()
    if (pa.types.is_string(at) or pa.types.is_large_string(at)
            or pa.types.is_string_view(at) or pa.types.is_dictionary(at)
            and pa.types.is_string(at.value_type)):
        return StringType()
    if pa.types.is_binary(at) or pa.types.is_large_binary(at) or pa.types.is_binary_view(at):
        return BinaryType()
    if pa.types.is_boolean(at):
        return BooleanType()
    if pa.types.is_int8(at) or pa.types.is_uint8(at):
        return ByteType() if pa.types.is_int8(at) else ShortType()
    if pa.types.is_int16(at) or pa.types.is_uint16(at):
        return ShortType() if pa.types.is_int16(at) else IntegerType()
    if pa.types.is_int32(at):
        return IntegerType()
    if pa.types.is_int64(at) or pa.types.is_uint32(at) or pa.types.is_uint64(at):
        return LongType()
    if pa.types.is_float16(at) or pa.types.is_float32(at):
        return FloatType()
    if pa.types.is_float64(at):
        return DoubleType()
    if pa.types.is_decimal(at):
        return DecimalType(min(at.precision, 38), at.scale)
    if pa.types.is_date(at):
        return DateType()
    if pa.types.is_timestamp(at):
        return TimestampType()
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


def to_arrow_schema(st: StructType) -> pa.Schema:
    return pa.schema([pa.field(f.name, to_arrow_type(f.dataType), f.nullable) for f in st.fields])


def from_arrow_schema(schema: pa.Schema) -> StructType:
    return StructType([StructField(f.name, from_arrow_type(f.type), True) for f in schema])


def storage_arrow_type(at: pa.DataType) -> pa.DataType:
    """The Arrow type a column read from outside is normalised to (string_view -> string)."""
    return to_arrow_type(from_arrow_type(at)) if not pa.types.is_fixed_size_list(at) else at


# ---------------------------------------------------------------------------------------------
# Type names and DDL strings

_SIMPLE = {
    "string": StringType, "varchar": StringType, "char": StringType, "text": StringType,
    "binary": BinaryType, "boolean": BooleanType, "bool": BooleanType, "date": DateType,
    "timestamp": TimestampType, "timestamp_ntz": TimestampNTZType,
    "timestamp_ltz": TimestampType, "tinyint": ByteType, "byte": ByteType,
    "smallint": ShortType, "short": ShortType, "int": IntegerType, "integer": IntegerType,
    "bigint": LongType, "long": LongType, "float": FloatType, "real": FloatType,
    "double": DoubleType, "void": NullType, "null": NullType,
}


def _split_top(text: str, sep: str = ",") -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur))
    return [p.strip() for p in parts]


def _parse_type(text: str) -> DataType:
    t = text.strip()
    low = t.lower()
    if low in _SIMPLE:
        return _SIMPLE[low]()
    m = re.fullmatch(r"(?:decimal|dec|numeric)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?", low)
    if m:
        return DecimalType(int(m.group(1) or 10), int(m.group(2) or 0))
    m = re.fullmatch(r"(?:varchar|char)\s*\(\s*\d+\s*\)", low)
    if m:
        return StringType()
    if low.startswith("array<") and low.endswith(">"):
        return ArrayType(_parse_type(t[6:-1]))
    if low.startswith("map<") and low.endswith(">"):
        k, v = _split_top(t[4:-1])
        return MapType(_parse_type(k), _parse_type(v))
    if low.startswith("struct<") and low.endswith(">"):
        return _parse_fields(t[7:-1], struct_syntax=True)
    raise ValueError(f"Unsupported data type '{text}'")


def _parse_fields(text: str, struct_syntax: bool = False) -> StructType:
    fields = []
    for part in _split_top(text):
        m = re.match(r"\s*`?([A-Za-z_][\w]*|[^`:\s]+)`?\s*(:)?\s*(.+?)(\s+not\s+null)?\s*$",
                     part, re.IGNORECASE | re.DOTALL)
        if not m:
            raise ValueError(f"Cannot parse field '{part}'")
        name, _, type_text, not_null = m.groups()
        fields.append(StructField(name, _parse_type(type_text), not_null is None))
    return StructType(fields)


def _parse_datatype_string(text: str) -> DataType:
    """Parse a DDL schema (`a INT, b STRING`, `a: int, b: string`) or a single type name."""
    from dfengine.errors import ParseException

    s = text.strip()
    try:
        if s.lower().startswith("struct<"):
            return _parse_type(s)
        try:
            return _parse_type(s)
        except ValueError:
            return _parse_fields(s)
    except ValueError as e:
        raise ParseException(
            f"Cannot parse the data type or schema '{text}': {e}. Write it as a DDL string "
            "such as 'name STRING, age INT' or a type such as 'decimal(10,2)'.",
            "PARSE_SYNTAX_ERROR",
        ) from None


# ---------------------------------------------------------------------------------------------
# Inference from Python values


def _infer_type(value: Any) -> DataType:
    if value is None:
        return NullType()
    if isinstance(value, bool):
        return BooleanType()
    if isinstance(value, int):
        return LongType()
    if isinstance(value, float):
        return DoubleType()
    if isinstance(value, str):
        return StringType()
    if isinstance(value, (bytes, bytearray)):
        return BinaryType()
    if isinstance(value, _decimal.Decimal):
        return DecimalType(38, 18)
    if isinstance(value, _dt.datetime):
        return TimestampType()
    if isinstance(value, _dt.date):
        return DateType()
    if isinstance(value, Row) and hasattr(value, "__fields__"):
        return StructType([StructField(k, _infer_type(v)) for k, v in
                           zip(value.__fields__, value)])
    if isinstance(value, (list, tuple)):
        et: DataType = NullType()
        for v in value:
            et = _merge_types(et, _infer_type(v))
        return ArrayType(et)
    if isinstance(value, dict):
        kt: DataType = NullType()
        vt: DataType = NullType()
        for k, v in value.items():
            kt = _merge_types(kt, _infer_type(k))
            vt = _merge_types(vt, _infer_type(v))
        return MapType(kt, vt)
    vec = getattr(value, "__UDT__", None)
    if vec is not None:
        return vec
    try:
        import numpy as np

        if isinstance(value, np.generic):
            return _infer_type(value.item())
    except ImportError:  # pragma: no cover
        pass
    from dfengine.errors import PySparkTypeError

    raise PySparkTypeError(f"not supported type: {type(value).__name__}",
                           "CANNOT_INFER_TYPE_FOR_FIELD")


def _merge_types(a: DataType, b: DataType) -> DataType:
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    if a == b:
        return a
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        return ArrayType(_merge_types(a.elementType, b.elementType))
    if isinstance(a, StructType) and isinstance(b, StructType):
        names = {f.name: f.dataType for f in a.fields}
        for f in b.fields:
            names[f.name] = _merge_types(names.get(f.name, NullType()), f.dataType)
        return StructType([StructField(k, v) for k, v in names.items()])
    if isinstance(a, MapType) and isinstance(b, MapType):
        return MapType(_merge_types(a.keyType, b.keyType), _merge_types(a.valueType, b.valueType))
    if isinstance(a, (LongType, DoubleType)) and isinstance(b, (LongType, DoubleType)):
        return DoubleType()
    from dfengine.errors import PySparkTypeError

    raise PySparkTypeError(f"Can not merge type {a!r} and {b!r}", "CANNOT_MERGE_TYPE")


__all__ = [
    "ArrayType",
    "AtomicType",
    "BinaryType",
    "BooleanType",
    "ByteType",
    "DataType",
    "DateType",
    "DecimalType",
    "DoubleType",
    "FloatType",
    "FractionalType",
    "IntegerType",
    "IntegralType",
    "LongType",
    "MapType",
    "NullType",
    "NumericType",
    "Row",
    "ShortType",
    "StringType",
    "StructField",
    "StructType",
    "TimestampNTZType",
    "TimestampType",
    "VectorUDT",
]
