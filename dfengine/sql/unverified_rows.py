"""`createDataFrame(data, schema, verifySchema=False)` as PySpark 4 does it: values are not
checked in Python but converted as Spark's JVM side converts what Python sends
(`EvaluatePython.makeFromJava`): a value of another type becomes NULL ('1' or 1.5 into an int,
1 into a double), an integer too wide for its field wraps to the field's bits, as Java's
narrowing does, and NULL in a non-nullable primitive field is its zero value. What PySpark
refuses even then (a date field given a string, a row of the wrong length) is refused.

    rows = unverified_rows(rows, schema)     # then rows_to_arrow(rows, schema)
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
from collections.abc import Callable
from typing import Any

from dfengine import types as T
from dfengine.compute.python_values import nested_converter
from dfengine.errors import IllegalArgumentException, PySparkTypeError

Convert = Callable[[Any], Any]

_BITS = {T.ByteType: 8, T.ShortType: 16, T.IntegerType: 32, T.LongType: 64}
_ZERO: dict[type, Any] = {
    T.ByteType: 0, T.ShortType: 0, T.IntegerType: 0, T.LongType: 0, T.FloatType: 0.0,
    T.DoubleType: 0.0, T.BooleanType: False, T.DateType: _dt.date(1970, 1, 1),
    T.TimestampType: _dt.datetime(1970, 1, 1), T.TimestampNTZType: _dt.datetime(1970, 1, 1),
    T.DecimalType: _decimal.Decimal(0),
}


def unverified_rows(rows: list, schema: T.StructType) -> list[tuple]:
    convert = _struct(schema, top=True)
    return [convert(r) for r in rows]


def _converter(dt: T.DataType, nullable: bool = True) -> Convert:
    inner = _value(dt)
    zero = None if nullable else _ZERO.get(type(dt))

    def convert(v: Any) -> Any:
        if v is None:
            return zero
        out = inner(v)
        return zero if out is None else out

    return convert


def _value(dt: T.DataType) -> Convert:
    if type(dt) in _BITS:
        return _integer(_BITS[type(dt)])
    simple = _SIMPLE.get(type(dt))
    if simple is not None:
        return simple
    nested = nested_converter(dt, _array, _map, _struct)
    # strings take str() of anything, as with verification
    return nested if nested is not None else lambda v: v


def _integer(bits: int) -> Convert:
    """A Python int reaches the JVM as an Integer or a Long (or a BigInteger past 64 bits,
    which no integral field takes); narrowing keeps the low bits."""
    def convert(v: Any) -> Any:
        if not isinstance(v, int) or isinstance(v, bool) or not -(2**63) <= v < 2**63:
            return None
        v &= (1 << bits) - 1
        return v - (1 << bits) if v >= 1 << (bits - 1) else v

    return convert


def _of(*types: type, exclude: type | None = None) -> Convert:
    return lambda v: v if isinstance(v, types) and not (
        exclude and isinstance(v, exclude)) else None


def _binary(v: Any) -> Any:
    if isinstance(v, str):
        return v.encode("utf-8")
    return bytes(v) if isinstance(v, (bytes, bytearray)) else None


def _needs(attr: str, kind: str, convert: Convert) -> Convert:
    """A field PySpark converts in Python first: anything else fails there, as in PySpark
    (an AttributeError naming the missing method)."""
    def check(v: Any) -> Any:
        if not hasattr(v, attr):
            raise AttributeError(
                f"'{type(v).__name__}' object has no attribute '{attr}': a {kind} field needs "
                f"a {'datetime.datetime' if kind != 'date' else 'datetime.date'}, got {v!r} "
                "(verifySchema=False does not convert values).")
        return convert(v)

    return check


_SIMPLE: dict[type, Convert] = {
    T.BooleanType: _of(bool),
    T.FloatType: _of(float),
    T.DoubleType: _of(float),
    T.DecimalType: _of(_decimal.Decimal),
    T.BinaryType: _binary,
    T.DateType: _needs("toordinal", "date", lambda v: v.date() if isinstance(
        v, _dt.datetime) else v),
    T.TimestampType: _needs("utctimetuple", "timestamp", lambda v: v),
    T.TimestampNTZType: _needs("utctimetuple", "timestamp_ntz", lambda v: v),
}


def _array(dt: T.ArrayType) -> Convert:
    element = _converter(dt.elementType)

    def convert(v: Any) -> Any:
        if isinstance(v, (bytes, bytearray)):
            v = list(v)
        if not isinstance(v, (list, tuple)):
            return None
        return [element(x) for x in v]

    return convert


def _map(dt: T.MapType) -> Convert:
    key, value = _converter(dt.keyType), _converter(dt.valueType)

    def convert(v: Any) -> Any:
        if not isinstance(v, dict):
            raise AttributeError(f"'{type(v).__name__}' object has no attribute 'items': a "
                                 f"map field needs a dict, got {v!r}.")
        return {key(k): value(x) for k, x in v.items()}

    return convert


def _struct(dt: T.StructType, top: bool = False) -> Convert:
    fields = [(f.name, _converter(f.dataType, f.nullable)) for f in dt.fields]

    def convert(v: Any) -> Any:
        if isinstance(v, dict):
            return tuple(c(v.get(n)) for n, c in fields)
        if isinstance(v, T.Row) and hasattr(v, "__fields__"):
            return tuple(c(v[n] if n in v.__fields__ else None) for n, c in fields)
        if isinstance(v, (tuple, list)):
            if len(v) != len(fields):
                raise IllegalArgumentException(
                    "Input row doesn't have expected number of values required by the schema. "
                    f"{len(fields)} fields are required while {len(v)} values are provided.",
                    "STRUCT_ARRAY_LENGTH_MISMATCH")
            return tuple(c(x) for x, (_, c) in zip(v, fields))
        if top:
            return convert((v,))
        raise PySparkTypeError(f"StructType can not accept object {v!r} in type {type(v)}.",
                               "CANNOT_ACCEPT_OBJECT_IN_TYPE")

    return convert
