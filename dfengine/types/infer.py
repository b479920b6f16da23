"""The Spark type of a Python value, as `createDataFrame` infers a schema from rows."""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
from typing import Any

from dfengine.types.datatypes import (
    ArrayType,
    BinaryType,
    BooleanType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    LongType,
    MapType,
    NullType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)
from dfengine.types.row import Row

# Python type -> Spark type, in the order of the checks (bool before int: bool is an int).
_ATOMIC_TYPES = [
    (bool, BooleanType), (int, LongType), (float, DoubleType), (str, StringType),
    ((bytes, bytearray), BinaryType), (_dt.datetime, TimestampType), (_dt.date, DateType),
]


def _infer_collection(value: Any) -> DataType | None:
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
    return None


def _infer_type(value: Any) -> DataType:
    if value is None:
        return NullType()
    for py_type, spark_type in _ATOMIC_TYPES:
        if isinstance(value, py_type):
            return spark_type()
    if isinstance(value, _decimal.Decimal):
        return DecimalType(38, 18)
    nested = _infer_collection(value)
    if nested is not None:
        return nested
    udt = getattr(value, "__UDT__", None)
    if udt is not None:
        return udt
    import numpy as np

    if isinstance(value, np.generic):
        return _infer_type(value.item())
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
    if _atomic(a) and _atomic(b):
        return StringType()  # PySpark 4: values of different kinds in a column are strings
    from dfengine.errors import PySparkTypeError

    raise PySparkTypeError(f"Can not merge type {a!r} and {b!r}", "CANNOT_MERGE_TYPE")


def _atomic(t: DataType) -> bool:
    return not isinstance(t, (ArrayType, StructType, MapType))
