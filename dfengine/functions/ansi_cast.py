"""The ANSI and try forms of CAST, on top of the legacy cast's result.

The legacy cast already computes every value that converts; what ANSI adds is the set of rows
where the conversion failed (malformed string, overflow, a decimal that doesn't fit). Under
"try" those rows become NULL; under "ansi" the first one raises Spark's error:

    CAST('1.9' AS INT)            NumberFormatException  [CAST_INVALID_INPUT]
    CAST('x' AS DATE)             DateTimeException      [CAST_INVALID_INPUT]
    CAST(3000000000 AS INT)       ArithmeticException    [CAST_OVERFLOW]
    CAST(123.456 AS DECIMAL(4,2)) ArithmeticException    [NUMERIC_VALUE_OUT_OF_RANGE]
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import errors
from dfengine import types as T

# What the ANSI string -> integral cast accepts: optional sign and digits, nothing else.
_ANSI_INTEGRAL = r"^[+-]?[0-9]+$"
_NUMBER = r"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"
_BOUNDS = {T.ByteType: 7, T.ShortType: 15, T.IntegerType: 31, T.LongType: 63}


def type_name(t: T.DataType) -> str:
    return t.simpleString().upper()


def guarded(bad: Any, guard: Any) -> Any:
    """`bad` restricted to the rows the expression is evaluated for."""
    if guard is None:
        return bad
    if isinstance(bad, pa.Scalar):
        return pa.scalar(bool(bad.as_py()) and pc.any(guard).as_py() is True)
    return pc.and_(bad, guard)


def any_true(bad: Any) -> bool:
    if isinstance(bad, pa.Scalar):
        return bad.as_py() is True
    return pc.any(bad).as_py() is True  # nulls skipped: as fill_null(False), no pa.scalar


def first_true(values: Any, bad: Any) -> Any:
    """The input value at the first row where `bad` is true."""
    if isinstance(values, pa.Scalar):
        return values.as_py()
    if isinstance(bad, pa.Scalar):
        return values[0].as_py()
    idx = pc.index(pc.fill_null(bad, False), True).as_py()
    return values[idx].as_py()


def check_cast(arr: Any, src: T.DataType, dst: T.DataType, out: Any, mode: str,
               guard: Any) -> Any:
    bad, make_error = _failures(arr, src, dst, out)
    if bad is None:
        return out
    if mode == "try":
        if isinstance(bad, pa.Scalar):
            return pa.scalar(None, out.type) if bad.as_py() else out
        return pc.if_else(pc.fill_null(bad, False), pa.scalar(None, out.type), out)
    bad = guarded(bad, guard)
    if any_true(bad):
        raise make_error(first_true(arr, bad))
    return out


def _failures(arr: Any, src: T.DataType, dst: T.DataType, out: Any) -> tuple[Any, Any]:
    """(rows where the cast fails, a function value -> the error), or (None, None)."""
    if isinstance(src, T.StringType):
        return _string_failures(arr, dst, out)
    if isinstance(dst, T.IntegralType) and isinstance(src, T.NumericType):
        return _range_failures(arr, src, dst)
    if isinstance(dst, T.DecimalType) and isinstance(src, T.NumericType):
        lost = pc.and_(pc.is_valid(arr), pc.is_null(out))
        if isinstance(src, (T.FloatType, T.DoubleType)):  # NaN and infinities are NULL
            lost = pc.and_(lost, pc.is_finite(arr))
        return lost, lambda v: errors.decimal_out_of_range(v, dst.precision, dst.scale)
    if isinstance(dst, T.TimestampType) and isinstance(src, (T.FloatType, T.DoubleType)):
        lost = pc.and_(pc.is_valid(arr), pc.is_null(out))  # NaN and infinities
        return lost, lambda v: errors.cast_invalid_input(v, type_name(src), "TIMESTAMP")
    return None, None


def _string_failures(arr: Any, dst: T.DataType, out: Any) -> tuple[Any, Any]:
    if not isinstance(dst, (T.NumericType, T.BooleanType, T.DateType, T.TimestampType)):
        return None, None
    lost = pc.and_(pc.is_valid(arr), pc.is_null(out))
    if isinstance(dst, T.IntegralType):
        trimmed = pc.utf8_trim_whitespace(arr)
        lost = pc.or_(lost, pc.invert(pc.match_substring_regex(trimmed, _ANSI_INTEGRAL)))
    if isinstance(dst, T.DecimalType):
        def err(v: Any) -> errors.PySparkException:
            import re

            if v is not None and re.match(_NUMBER, str(v).strip()):
                return errors.decimal_out_of_range(v, dst.precision, dst.scale)
            return errors.cast_invalid_input(v, "STRING", type_name(dst))
        return lost, err
    return lost, lambda v: errors.cast_invalid_input(v, "STRING", type_name(dst))


def _range_failures(arr: Any, src: T.DataType, dst: T.DataType) -> tuple[Any, Any]:
    bits = _BOUNDS[type(dst)]
    hi, lo = 2 ** bits - 1, -(2 ** bits)
    if isinstance(src, T.IntegralType):
        if _BOUNDS[type(src)] <= bits:
            return None, None
        bad = pc.or_(pc.greater(arr, hi), pc.less(arr, lo))
    elif isinstance(src, T.DecimalType):
        bad = _decimal_outside(arr, src, hi, lo)
    else:
        x = pc.cast(arr, pa.float64())
        nan = pc.is_nan(x)
        t = pc.trunc(pc.if_else(nan, 0.0, x))
        bad = pc.or_(nan, pc.or_(pc.greater(t, float(hi)), pc.less(t, float(lo))))
        if bits == 63:  # 2**63 - 1 is not a double: anything >= 2**63 overflows
            bad = pc.or_(bad, pc.greater_equal(t, float(2 ** 63)))
    return bad, lambda v: errors.cast_overflow(_literal_text(v, src), type_name(src),
                                               type_name(dst))


def _decimal_outside(arr: Any, src: T.DecimalType, hi: int, lo: int) -> Any:
    """Exact bounds for a decimal (through a double, 9223372036854775807 rounded up to 2**63
    and overflowed)."""
    import decimal

    if src.precision - src.scale < len(str(hi)):
        return pc.and_(pc.is_valid(arr), pa.scalar(False))
    t = arr.type
    top, bottom = (pa.scalar(decimal.Decimal(v), t) for v in (hi + 1, lo - 1))
    return pc.or_(pc.greater_equal(arr, top), pc.less_equal(arr, bottom))


def _literal_text(v: Any, t: T.DataType) -> str:
    """The value as Spark prints it in CAST_OVERFLOW (3000000000L, 1.0E300D, 300)."""
    from dfengine.types.format import repr_double

    if isinstance(t, T.LongType):
        return f"{v}L"
    if isinstance(t, T.ShortType):
        return f"{v}S"
    if isinstance(t, T.ByteType):
        return f"{v}Y"
    if isinstance(t, (T.DoubleType, T.FloatType)):
        return repr_double(v) + ("D" if isinstance(t, T.DoubleType) else "F")
    if isinstance(t, T.DecimalType):
        return f"{v}BD"
    return str(v)
