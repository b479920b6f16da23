"""Spark SQL data types, named as `pyspark.sql.types` names them.

They live at the bottom of the package (nothing of dfengine below them) because every layer
above, from the plan to the PySpark facade, speaks in these types.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


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

    def json(self) -> str:
        from dfengine.types.json_schema import to_json

        return to_json(self)

    @classmethod
    def fromDDL(cls, ddl: str) -> DataType:
        """A type from DDL text (`"a int, b string"` is a struct, `"decimal(10,2)"` a
        decimal), as PySpark's DataType.fromDDL."""
        from dfengine.types.ddl import _parse_datatype_string

        return _parse_datatype_string(ddl)

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


class _BoundedStringType(StringType):
    """`char(n)` / `varchar(n)` as written in a DDL or a JSON schema. Spark keeps them in
    table and parsed schemas but computes on them as strings (a cast to `varchar(5)` gives a
    string column), so they are StringType subclasses that print with their length."""

    def __init__(self, length: int):
        self.length = length

    def simpleString(self) -> str:
        return f"{self.typeName()}({self.length})"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.length})"


class CharType(_BoundedStringType):
    pass


class VarcharType(_BoundedStringType):
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


class AnsiIntervalType(AtomicType):
    """An interval type written in a range of fields (`interval day to second`, `interval
    year`); subclasses name their fields and the default range."""

    _fields: dict[int, str] = {}
    _default: tuple[int, int] = (0, 0)

    def __init__(self, startField: int | None = None, endField: int | None = None):
        if startField is None and endField is None:
            startField, endField = self._default
        elif endField is None:
            endField = startField
        self.startField = startField
        self.endField = endField

    def simpleString(self) -> str:
        start, end = self._fields[self.startField], self._fields[self.endField]
        return f"interval {start}" if start == end else f"interval {start} to {end}"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.startField}, {self.endField})"


class DayTimeIntervalType(AnsiIntervalType):
    """A duration in microseconds (`date - date`, `timestamp - timestamp`), collected as
    datetime.timedelta; its fields name the units it is written in (`interval day`)."""

    DAY, HOUR, MINUTE, SECOND = 0, 1, 2, 3
    _fields = {0: "day", 1: "hour", 2: "minute", 3: "second"}
    _default = (0, 3)


class YearMonthIntervalType(AnsiIntervalType):
    """A whole number of months (`interval 1 year`, `interval '1-2' year to month`), stored as
    int32; its fields name the units it is written in. PySpark 4 cannot collect one
    (YearMonthIntervalType.fromInternal is not implemented): cast it to a string or show it."""

    YEAR, MONTH = 0, 1
    _fields = {0: "year", 1: "month"}
    _default = (0, 1)


class CalendarIntervalType(DataType):
    """Months, days and microseconds (`make_interval`), kept apart because a month has no
    fixed length; stored as Arrow's month_day_nano_interval. PySpark cannot collect one
    (CalendarIntervalType.fromInternal is not implemented): show it or cast it to a
    string."""

    @classmethod
    def typeName(cls) -> str:
        return "interval"


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
        return f"DecimalType({self.precision},{self.scale})"


class _NestedType(DataType):
    """Array, map and struct types: their JSON form nests the inner types', and
    `toNullable` makes every inner field, element and value nullable."""

    def jsonValue(self) -> Any:
        from dfengine.types.json_schema import json_value

        return json_value(self)

    def toNullable(self) -> DataType:
        from dfengine.types.json_schema import nullable

        return nullable(self)

    @classmethod
    def fromJson(cls, json: dict[str, Any]) -> DataType:
        from dfengine.types.json_schema import from_json_value

        return from_json_value(json)


class ArrayType(_NestedType):
    def __init__(self, elementType: DataType, containsNull: bool = True):
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self) -> str:
        return f"array<{self.elementType.simpleString()}>"

    def __repr__(self) -> str:
        return f"ArrayType({self.elementType!r}, {self.containsNull})"


class MapType(_NestedType):
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

    def jsonValue(self) -> dict[str, Any]:
        from dfengine.types.json_schema import field_json

        return field_json(self)

    @classmethod
    def fromJson(cls, json: dict[str, Any]) -> StructField:
        from dfengine.types.json_schema import field_from_json

        return field_from_json(json)

    def __hash__(self) -> int:
        return hash((self.name, self.dataType, self.nullable))


class StructType(_NestedType):
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
                from dfengine.types.ddl import _parse_datatype_string

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

    def treeString(self, level: int | None = None) -> str:
        """printSchema's text; `level` stops at that nesting depth, as Spark's."""
        lines = ["root"]
        _tree_lines(self, lines, 1, level or 2 ** 31)
        return "\n".join(lines) + "\n"


def _tree_name(dt: DataType) -> str:
    return dt.simpleString() if isinstance(dt, DecimalType) else dt.typeName()


def _tree_lines(dt: DataType, lines: list[str], depth: int, level: int = 2 ** 31) -> None:
    """printSchema's layout: ` |-- name: type (nullable = true)`, nested types indented."""
    if depth > level:
        return
    prefix = " |   " * (depth - 1) + " |-- "
    if isinstance(dt, StructType):
        for f in dt.fields:
            lines.append(f"{prefix}{f.name}: {_tree_name(f.dataType)} "
                         f"(nullable = {str(f.nullable).lower()})")
            _tree_lines(f.dataType, lines, depth + 1, level)
    elif isinstance(dt, ArrayType):
        lines.append(f"{prefix}element: {_tree_name(dt.elementType)} "
                     f"(containsNull = {str(dt.containsNull).lower()})")
        _tree_lines(dt.elementType, lines, depth + 1, level)
    elif isinstance(dt, MapType):
        lines.append(f"{prefix}key: {_tree_name(dt.keyType)}")
        _tree_lines(dt.keyType, lines, depth + 1, level)
        lines.append(f"{prefix}value: {_tree_name(dt.valueType)} "
                     f"(valueContainsNull = {str(dt.valueContainsNull).lower()})")
        _tree_lines(dt.valueType, lines, depth + 1, level)


class UserDefinedType(DataType):
    """A type stored as another (`sqlType()`), with Python objects converted at the edges, as
    PySpark's UserDefinedType: `serialize` on the way into a DataFrame, `deserialize` on the
    way out (collect). The package that owns the Python class registers it (`python_class`),
    so this layer never imports it."""

    python_class: Any = None

    @classmethod
    def sqlType(cls) -> DataType:
        raise NotImplementedError

    def serialize(self, obj: Any) -> Any:
        return obj

    def deserialize(self, datum: Any) -> Any:
        cls = type(self).python_class
        return cls(datum) if cls is not None else datum


class VectorUDT(UserDefinedType):
    """pyspark.ml's vector type, stored as Spark's struct<type: tinyint, size: int,
    indices: array<int>, values: array<double>> (type 0 sparse, 1 dense), so dense and sparse
    vectors mix in one column and parquet files keep Spark's layout. `dfengine.ml.linalg`
    registers the function building its vector objects as `python_class`."""

    @classmethod
    def typeName(cls) -> str:
        return "vector"

    def simpleString(self) -> str:
        return "vector"

    @classmethod
    def sqlType(cls) -> DataType:
        return StructType([StructField("type", ByteType(), False),
                           StructField("size", IntegerType(), True),
                           StructField("indices", ArrayType(IntegerType(), False), True),
                           StructField("values", ArrayType(DoubleType(), False), True)])

    def serialize(self, obj: Any) -> Any:
        if hasattr(obj, "indices") and hasattr(obj, "size"):
            return {"type": 0, "size": int(obj.size), "indices": [int(i) for i in obj.indices],
                    "values": [float(v) for v in obj.values]}
        vals = obj.toArray() if hasattr(obj, "toArray") else obj
        return {"type": 1, "size": None, "indices": None, "values": [float(x) for x in vals]}



class MatrixUDT(UserDefinedType):
    """pyspark.ml's matrix type, stored as Spark's struct<type: tinyint, numRows: int,
    numCols: int, colPtrs: array<int>, rowIndices: array<int>, values: array<double>,
    isTransposed: boolean> (type 0 sparse CSC, 1 dense column-major). `dfengine.ml.linalg`
    registers the function building its matrix objects as `python_class`."""

    @classmethod
    def typeName(cls) -> str:
        return "matrix"

    def simpleString(self) -> str:
        return "matrix"

    @classmethod
    def sqlType(cls) -> DataType:
        ints = ArrayType(IntegerType(), False)
        return StructType([StructField("type", ByteType(), False),
                           StructField("numRows", IntegerType(), False),
                           StructField("numCols", IntegerType(), False),
                           StructField("colPtrs", ints, True),
                           StructField("rowIndices", ints, True),
                           StructField("values", ArrayType(DoubleType(), False), True),
                           StructField("isTransposed", BooleanType(), False)])

    def serialize(self, obj: Any) -> Any:
        sparse = hasattr(obj, "colPtrs")
        return {"type": 0 if sparse else 1, "numRows": int(obj.numRows),
                "numCols": int(obj.numCols),
                "colPtrs": [int(i) for i in obj.colPtrs] if sparse else None,
                "rowIndices": [int(i) for i in obj.rowIndices] if sparse else None,
                "values": [float(v) for v in obj.values],
                "isTransposed": bool(obj.isTransposed)}
