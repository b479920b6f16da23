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
    if isinstance(value, tuple):  # PySpark: a nested tuple is a struct of _1, _2, ...
        return StructType([StructField(f"_{i + 1}", _infer_type(v))
                           for i, v in enumerate(value)])
    if isinstance(value, list):
        et: DataType = NullType()
        for v in value:
            et = merge_python_types(et, _infer_type(v))
        return ArrayType(et)
    if isinstance(value, dict):
        kt: DataType = NullType()
        vt: DataType = NullType()
        for k, v in value.items():
            kt = merge_python_types(kt, _infer_type(k))
            vt = merge_python_types(vt, _infer_type(v))
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
        return _own_udt(udt)
    import numpy as np

    from dfengine.errors import PySparkTypeError

    if isinstance(value, (np.datetime64, np.timedelta64)):  # PySpark infers no numpy scalar
        raise PySparkTypeError(
            f"Unable to infer the type of the field from a numpy {type(value).__name__} "
            f"({value!r}): pass a datetime.datetime/timedelta (value.item(), or "
            "pandas.Timestamp(value).to_pydatetime()) or give a schema.",
            "CANNOT_INFER_TYPE_FOR_FIELD")
    if isinstance(value, np.generic):  # numbers: their Python value (PySpark refuses them)
        return _infer_type(value.item())

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


def merge_python_types(a: DataType, b: DataType) -> DataType:
    """PySpark's `_merge_type` for schemas inferred from Python values: NULL takes the other
    type, any atomic type with a string is a string, other different types do not merge
    (1 and 2.5, or True and 1, in one column raise CANNOT_MERGE_TYPE as in PySpark)."""
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    if _atomic(a) and isinstance(b, StringType):
        return b
    if isinstance(a, StringType) and _atomic(b):
        return a
    if type(a) is not type(b):
        from dfengine.errors import PySparkTypeError

        raise PySparkTypeError(f"Can not merge type `{type(a).__name__}` and "
                               f"`{type(b).__name__}`.", "CANNOT_MERGE_TYPE")
    if isinstance(a, StructType):
        names = {f.name: f.dataType for f in a.fields}
        for f in b.fields:
            names[f.name] = merge_python_types(names.get(f.name, NullType()), f.dataType)
        return StructType([StructField(k, v) for k, v in names.items()])
    if isinstance(a, ArrayType):
        return ArrayType(merge_python_types(a.elementType, b.elementType))
    if isinstance(a, MapType):
        return MapType(merge_python_types(a.keyType, b.keyType),
                       merge_python_types(a.valueType, b.valueType))
    return a


def has_null_type(t: DataType) -> bool:
    """Whether a NULL type is left anywhere in `t` (PySpark's CANNOT_DETERMINE_TYPE)."""
    if isinstance(t, NullType):
        return True
    if isinstance(t, ArrayType):
        return has_null_type(t.elementType)
    if isinstance(t, MapType):
        return has_null_type(t.keyType) or has_null_type(t.valueType)
    if isinstance(t, StructType):
        return any(has_null_type(f.dataType) for f in t.fields)
    return False


def _own_udt(udt: Any) -> Any:
    """dfengine's type for a PySpark UDT: a pyspark.ml vector (a program that still imports
    pyspark.ml.linalg) is stored as dfengine's VectorUDT (MatrixUDT), whose struct layout is
    the same."""
    cls = type(udt)
    if cls.__module__.startswith("pyspark.") and cls.__name__ in ("VectorUDT", "MatrixUDT"):
        from dfengine.types import datatypes

        return getattr(datatypes, cls.__name__)()
    return udt
