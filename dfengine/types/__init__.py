"""Spark types, their Arrow storage, DDL parsing and inference from Python values.

The bottom layer of dfengine: it imports nothing of dfengine except `dfengine.errors`.
`dfengine.sql.types` re-exports it under PySpark's module name.
"""

from dfengine.types.arrow import (
    from_arrow_schema,
    from_arrow_type,
    storage_arrow_type,
    to_arrow_schema,
    to_arrow_type,
)
from dfengine.types.datatypes import (
    AnsiIntervalType,
    ArrayType,
    AtomicType,
    BinaryType,
    BooleanType,
    ByteType,
    CalendarIntervalType,
    CharType,
    DataType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    FloatType,
    FractionalType,
    IntegerType,
    IntegralType,
    LongType,
    MapType,
    MatrixUDT,
    NullType,
    NumericType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    UserDefinedType,
    VarcharType,
    VectorUDT,
    YearMonthIntervalType,
)

# The engine parses schemas with char(n) / varchar(n) as strings (ddl.parse_ddl); PySpark's
# own `_parse_datatype_string`, which keeps them, is dfengine.sql.types'.
from dfengine.types.ddl import parse_ddl as _parse_datatype_string
from dfengine.types.infer import _infer_type, _merge_types
from dfengine.types.row import Row, _create_row

__all__ = [
    "AnsiIntervalType",
    "ArrayType",
    "AtomicType",
    "BinaryType",
    "BooleanType",
    "ByteType",
    "CalendarIntervalType",
    "CharType",
    "DataType",
    "DateType",
    "DayTimeIntervalType",
    "YearMonthIntervalType",
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
    "UserDefinedType",
    "VarcharType",
    "VectorUDT",
    "MatrixUDT",
]

