"""Spark's schema inference for JSON values (JsonInferSchema), shared by the JSON reader and
`schema_of_json`/`from_json`, and the widening rule the CSV reader shares with it: both
readers infer one type per value and fold them with `compatible`, so a file and a string
literal of the same JSON get the same schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dfengine.types.datatypes import (
    ArrayType,
    BooleanType,
    DataType,
    DecimalType,
    DoubleType,
    IntegerType,
    LongType,
    NullType,
    StringType,
    StructField,
    StructType,
)

_JSON_NUMBERS = (LongType, DoubleType, DecimalType)


def json_type(v: Any) -> DataType:
    """The type of one parsed JSON value; NULL where only nulls were seen (see `no_null_types`)."""
    if isinstance(v, dict):
        return StructType([StructField(k, json_type(x)) for k, x in sorted(v.items())])
    if isinstance(v, list):
        element: DataType = NullType()
        for x in v:
            element = merge_json(element, json_type(x))
        return ArrayType(element)
    if isinstance(v, bool):
        return BooleanType()
    if isinstance(v, int):
        return _integer_type(v)
    if isinstance(v, float):
        return DoubleType()
    return NullType() if v is None else StringType()


def _integer_type(v: int) -> DataType:
    """A bigint; past its range a decimal(digits, 0); past 38 digits a double."""
    if -(2 ** 63) <= v < 2 ** 63:
        return LongType()
    digits = len(str(abs(v)))
    return DecimalType(digits, 0) if digits <= 38 else DoubleType()


def merge_numbers(a: DataType, b: DataType) -> DataType:
    """The wider of two inferred numeric types: a double wins; a decimal(p, 0) holds a
    bigint once p >= 20; a decimal wider than 38 digits is a double."""
    if isinstance(a, DoubleType) or isinstance(b, DoubleType):
        return DoubleType()
    digits = {IntegerType: 10, LongType: 20}
    pa_, pb = (x.precision if isinstance(x, DecimalType) else digits[type(x)] for x in (a, b))
    if not isinstance(a, DecimalType) and not isinstance(b, DecimalType):
        return LongType()
    return DecimalType(max(pa_, pb), 0) if max(pa_, pb) <= 38 else DoubleType()


def compatible(a: DataType, b: DataType, numbers: tuple,
               other: Callable[[DataType, DataType], DataType]) -> DataType:
    """Spark's compatibleType: a null yields, equal types stay, numbers widen; `other`
    settles the rest (each reader's own rules, STRING in the end)."""
    if isinstance(a, NullType) or a == b:
        return b
    if isinstance(b, NullType):
        return a
    if isinstance(a, numbers) and isinstance(b, numbers):
        return merge_numbers(a, b)
    return other(a, b)


def merge_json(a: DataType, b: DataType) -> DataType:
    return compatible(a, b, _JSON_NUMBERS, _merge_nested)


def _merge_nested(a: DataType, b: DataType) -> DataType:
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        return ArrayType(merge_json(a.elementType, b.elementType))
    if isinstance(a, StructType) and isinstance(b, StructType):
        fields = {f.name: f.dataType for f in a.fields}
        for f in b.fields:
            fields[f.name] = merge_json(fields.get(f.name, NullType()), f.dataType)
        return StructType([StructField(k, v) for k, v in sorted(fields.items())])
    return StringType()  # Spark widens conflicting JSON types to string


def no_null_types(dt: DataType) -> DataType:
    """Spark's canonicalizeType: a field only ever null (or an empty array's element) is a
    string; a field holding only empty objects (`{}`, `[{}]`) is left out."""
    out = _canonical(dt)
    return out if out is not None else StructType([])


def _canonical(dt: DataType) -> DataType | None:
    if isinstance(dt, NullType):
        return StringType()
    if isinstance(dt, ArrayType):
        inner = _canonical(dt.elementType)
        return None if inner is None else ArrayType(inner)
    if isinstance(dt, StructType):
        fields = [StructField(f.name, t) for f in dt.fields
                  if (t := _canonical(f.dataType)) is not None]
        return StructType(fields) if fields else None
    return dt
