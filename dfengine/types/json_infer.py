"""Spark's schema inference for JSON values (JsonInferSchema), shared by the JSON reader and
`schema_of_json`/`from_json`, and the widening rule the CSV reader shares with it: both
readers infer one type per value and fold them with `compatible`, so a file and a string
literal of the same JSON get the same schema."""

from __future__ import annotations

import re
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
    TimestampType,
)

_JSON_NUMBERS = (LongType, DoubleType, DecimalType)


def json_type(v: Any, decimals: bool = False, timestamps: bool = False) -> DataType:
    """The type of one parsed JSON value; NULL where only nulls were seen (see `no_null_types`).
    `decimals` (prefersDecimal): a fraction is the decimal of its digits, not a double;
    `timestamps` (inferTimestamp): an ISO date-time string is a timestamp."""
    if isinstance(v, dict):
        return StructType([StructField(k, json_type(x, decimals, timestamps))
                           for k, x in sorted(v.items())])
    if isinstance(v, list):
        element: DataType = NullType()
        for x in v:
            element = merge_json(element, json_type(x, decimals, timestamps))
        return ArrayType(element)
    if isinstance(v, bool):
        return BooleanType()
    if isinstance(v, int):
        return _integer_type(v)
    if isinstance(v, float):
        return _decimal_of(v) if decimals else DoubleType()
    if timestamps and isinstance(v, str) and _ISO_TIMESTAMP.match(v):
        return TimestampType()
    return NullType() if v is None else StringType()


_ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?"
                            r"(Z|[+-]\d{2}:?\d{2})?$")


def _decimal_of(v: float) -> DataType:
    """Spark's prefersDecimal type of a JSON fraction: decimal(digits, scale) of its text,
    a double when that does not fit 38 digits (or it is not finite)."""
    import decimal

    d = decimal.Decimal(repr(v))
    if not d.is_finite():
        return DoubleType()
    t = d.as_tuple()
    scale = max(-t.exponent, 0)
    precision = max(len(t.digits) + max(t.exponent, 0), scale)
    return DecimalType(precision, scale) if precision <= 38 else DoubleType()


def _integer_type(v: int) -> DataType:
    """A bigint; past its range a decimal(digits, 0); past 38 digits a double."""
    if -(2 ** 63) <= v < 2 ** 63:
        return LongType()
    digits = len(str(abs(v)))
    return DecimalType(digits, 0) if digits <= 38 else DoubleType()


def merge_numbers(a: DataType, b: DataType) -> DataType:
    """The wider of two inferred numeric types (Spark's JSON/CSV compatibleType): a double
    wins; an int is decimal(10, 0) and a bigint decimal(20, 0) beside a decimal; two decimals
    keep the larger integral range and the larger scale; past 38 digits it is a double."""
    if isinstance(a, DoubleType) or isinstance(b, DoubleType):
        return DoubleType()
    if not isinstance(a, DecimalType) and not isinstance(b, DecimalType):
        return LongType()
    digits = {IntegerType: 10, LongType: 20}
    da, db = (x if isinstance(x, DecimalType) else DecimalType(digits[type(x)], 0)
              for x in (a, b))
    scale = max(da.scale, db.scale)
    whole = max(da.precision - da.scale, db.precision - db.scale)
    return DecimalType(whole + scale, scale) if whole + scale <= 38 else DoubleType()


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
