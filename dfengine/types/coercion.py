"""Spark's implicit type coercion (ANSI and legacy): result types of operators and the widening
used to make both sides of an operator, a CASE or a UNION agree.

Decimal results follow Spark's DecimalPrecision rules, including the adjustment that caps
precision at 38 and keeps at least min(scale, 6) fractional digits; execution computes exactly
those types, so a decimal result never depends on how Arrow would have typed it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from dfengine import types as T

MAX_PRECISION = 38
_INTEGRAL_RANK = {T.ByteType: 1, T.ShortType: 2, T.IntegerType: 3, T.LongType: 4}
_INTEGRAL_AS_DECIMAL = {T.ByteType: (3, 0), T.ShortType: (5, 0), T.IntegerType: (10, 0),
                        T.LongType: (20, 0)}


def is_numeric(t: T.DataType) -> bool:
    return isinstance(t, T.NumericType)


def is_integral(t: T.DataType) -> bool:
    return isinstance(t, T.IntegralType)


def as_decimal(t: T.DataType) -> T.DecimalType | None:
    if isinstance(t, T.DecimalType):
        return t
    pair = _INTEGRAL_AS_DECIMAL.get(type(t))
    return T.DecimalType(*pair) if pair else None


def adjust_precision_scale(precision: int, scale: int) -> T.DecimalType:
    """Spark's DecimalType.adjustPrecisionScale (allowPrecisionLoss=true)."""
    if precision <= MAX_PRECISION:
        return T.DecimalType(precision, scale)
    int_digits = precision - scale
    min_scale = min(scale, 6)
    adjusted_scale = max(MAX_PRECISION - int_digits, min_scale)
    return T.DecimalType(MAX_PRECISION, adjusted_scale)


def decimal_result_type(op: str, a: T.DecimalType, b: T.DecimalType) -> T.DecimalType:
    p1, s1, p2, s2 = a.precision, a.scale, b.precision, b.scale
    if op in ("+", "-"):
        scale = max(s1, s2)
        return adjust_precision_scale(max(p1 - s1, p2 - s2) + scale + 1, scale)
    if op == "*":
        return adjust_precision_scale(p1 + p2 + 1, s1 + s2)
    if op == "/":
        scale = max(6, s1 + p2 + 1)
        return adjust_precision_scale(p1 - s1 + s2 + scale, scale)
    if op == "%":
        scale = max(s1, s2)
        return adjust_precision_scale(min(p1 - s1, p2 - s2) + scale, scale)
    raise ValueError(op)


def wider_numeric(a: T.DataType, b: T.DataType) -> T.DataType:
    if a == b:
        return a
    if isinstance(a, T.NullType):
        return b
    if isinstance(b, T.NullType):
        return a
    if isinstance(a, (T.DoubleType, T.FloatType)) or isinstance(b, (T.DoubleType, T.FloatType)):
        # an integer and a FLOAT meet at DOUBLE under ANSI (a float loses integer digits)
        if not ansi_enabled() and (isinstance(a, T.FloatType) and isinstance(
                b, T.IntegralType) or isinstance(b, T.FloatType) and isinstance(
                a, T.IntegralType)):
            return T.FloatType()
        return T.DoubleType()
    if isinstance(a, T.DecimalType) or isinstance(b, T.DecimalType):
        da, db = as_decimal(a), as_decimal(b)
        scale = max(da.scale, db.scale)
        int_digits = max(da.precision - da.scale, db.precision - db.scale)
        return T.DecimalType(min(int_digits + scale, MAX_PRECISION), scale)
    ra, rb = _INTEGRAL_RANK[type(a)], _INTEGRAL_RANK[type(b)]
    return a if ra >= rb else b


def arithmetic_result_type(op: str, a: T.DataType, b: T.DataType) -> T.DataType:
    """Type of `a op b` once the analyzer has coerced the operands (see `coerce_arithmetic`)."""
    if op == "div":
        return T.LongType()
    if isinstance(a, T.DecimalType) and isinstance(b, T.DecimalType):
        return decimal_result_type(op, a, b)
    if op == "/":
        return T.DoubleType()
    return wider_numeric(a, b)


_ANSI: ContextVar[bool] = ContextVar("dfengine_ansi_coercion", default=True)


@contextmanager
def ansi_coercion(enabled: bool | None) -> Iterator[None]:
    """Coerce under spark.sql.ansi.enabled = `enabled` (None: keep the current setting).
    The analyzer sets it from the session, as Spark's analyzer reads the conf."""
    token = _ANSI.set(enabled) if enabled is not None else None
    try:
        yield
    finally:
        if token is not None:
            _ANSI.reset(token)


def ansi_enabled() -> bool:
    return _ANSI.get()


def common_type(types: list[T.DataType], strings: bool = True) -> T.DataType | None:
    """The type every one of `types` can be cast to (CASE, COALESCE, UNION, VALUES, array()),
    or None: Spark's findWiderCommonType. Strings are promoted as Spark 4 does (see
    `_wider_with_string`); `strings=False` refuses to mix a string with another type
    (greatest/least). Types holding strings are folded first, as Spark does, so the result
    does not depend on the order of the arguments."""
    ordered = ([t for t in types if _has_string(t)]
               + [t for t in types if not _has_string(t)])
    out: T.DataType = T.NullType()
    for t in ordered:
        out = _wider(out, t, strings)
        if out is None:
            return None
    return out


def _has_string(t: T.DataType) -> bool:
    if isinstance(t, T.ArrayType):
        return _has_string(t.elementType)
    return isinstance(t, T.StringType)


def _wider(out: T.DataType, t: T.DataType, strings: bool) -> T.DataType | None:
    if isinstance(t, T.NullType) or t == out:
        return out
    if isinstance(out, T.NullType):
        return t
    if is_numeric(out) and is_numeric(t):
        return wider_numeric(out, t)
    if isinstance(out, T.StringType) or isinstance(t, T.StringType):
        return _wider_with_string(out, t) if strings else None
    if {type(out), type(t)} == {T.DateType, T.TimestampType}:
        return T.TimestampType()
    if isinstance(out, T.YearMonthIntervalType) and isinstance(t, T.YearMonthIntervalType):
        return T.YearMonthIntervalType(min(out.startField, t.startField),
                                       max(out.endField, t.endField))
    return _wider_complex(out, t, strings)


def _wider_with_string(a: T.DataType, b: T.DataType) -> T.DataType | None:
    """Spark 4 with ANSI on: a string beside an integer becomes a bigint, beside a decimal or
    a float a double, beside a date/timestamp/boolean/binary that type (`coalesce(1, 'x')`
    then fails to cast 'x'). With ANSI off: a string beside a number, date or timestamp
    stays a string; beside a boolean or binary there is no common type."""
    other = b if isinstance(a, T.StringType) else a
    if isinstance(other, T.StringType):
        return other
    atomic = (T.NumericType, T.DateType, T.TimestampType, T.TimestampNTZType)
    if not _ANSI.get():
        return T.StringType() if isinstance(other, atomic) else None
    if isinstance(other, T.IntegralType):
        return T.LongType()
    if isinstance(other, T.NumericType):
        return T.DoubleType()
    if isinstance(other, atomic + (T.BooleanType, T.BinaryType)):
        return other
    return None


def _wider_complex(a: T.DataType, b: T.DataType, strings: bool) -> T.DataType | None:
    if isinstance(a, T.ArrayType) and isinstance(b, T.ArrayType):
        inner = common_type([a.elementType, b.elementType], strings)
        return None if inner is None else T.ArrayType(inner, a.containsNull or b.containsNull)
    if isinstance(a, T.MapType) and isinstance(b, T.MapType):
        k = common_type([a.keyType, b.keyType], strings)
        v = common_type([a.valueType, b.valueType], strings)
        return None if k is None or v is None else T.MapType(k, v)
    if (isinstance(a, T.StructType) and isinstance(b, T.StructType)
            and len(a.fields) == len(b.fields)
            and all(x.name.lower() == y.name.lower() for x, y in zip(a.fields, b.fields))):
        fields = []
        for x, y in zip(a.fields, b.fields):
            ft = common_type([x.dataType, y.dataType], strings)
            if ft is None:
                return None
            fields.append(T.StructField(x.name, ft, x.nullable or y.nullable))
        return T.StructType(fields)
    return None


def comparison_type(a: T.DataType, b: T.DataType) -> T.DataType | None:
    """The type both sides of a comparison are cast to (Spark's non-ANSI rules)."""
    if a == b:
        return a
    if isinstance(a, T.NullType):
        return b
    if isinstance(b, T.NullType):
        return a
    if is_numeric(a) and is_numeric(b):
        return wider_numeric(a, b)
    pair = {type(a), type(b)}
    if pair == {T.StringType, T.DateType}:
        return T.DateType()
    if pair == {T.StringType, T.TimestampType} or pair == {T.DateType, T.TimestampType}:
        return T.TimestampType()
    if isinstance(a, T.StringType) and is_numeric(b):
        return b if not isinstance(b, T.DecimalType) else T.DoubleType()
    if isinstance(b, T.StringType) and is_numeric(a):
        return a if not isinstance(a, T.DecimalType) else T.DoubleType()
    if isinstance(a, T.StringType) and isinstance(b, T.BooleanType):
        return T.BooleanType()
    if isinstance(b, T.StringType) and isinstance(a, T.BooleanType):
        return T.BooleanType()
    return common_type([a, b])


def can_cast(src: T.DataType, dst: T.DataType) -> bool:
    if src == dst or isinstance(src, T.NullType) or isinstance(dst, T.StringType):
        return True
    if isinstance(src, T.YearMonthIntervalType) and isinstance(dst, T.YearMonthIntervalType):
        return True
    atomic = (T.NumericType, T.StringType, T.BooleanType)
    if isinstance(dst, (T.NumericType, T.BooleanType)):
        return isinstance(src, atomic) or (isinstance(dst, T.NumericType)
                                            and isinstance(src, (T.DateType, T.TimestampType)))
    if isinstance(dst, T.DateType):
        return isinstance(src, (T.StringType, T.DateType, T.TimestampType))
    if isinstance(dst, T.TimestampType):
        return isinstance(src, (T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType,
                                T.NumericType))
    if isinstance(dst, T.TimestampNTZType):
        return isinstance(src, (T.StringType, T.DateType, T.TimestampType))
    if isinstance(dst, T.ArrayType) and isinstance(src, T.ArrayType):
        return can_cast(src.elementType, dst.elementType)
    if isinstance(dst, T.MapType) and isinstance(src, T.MapType):
        return can_cast(src.keyType, dst.keyType) and can_cast(src.valueType, dst.valueType)
    if isinstance(dst, T.StructType) and isinstance(src, T.StructType):
        return len(src.fields) == len(dst.fields) and all(
            can_cast(a.dataType, b.dataType) for a, b in zip(src.fields, dst.fields))
    if isinstance(dst, T.BinaryType):
        return isinstance(src, T.StringType)
    return False
