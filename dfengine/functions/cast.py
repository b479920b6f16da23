"""CAST with Spark's semantics on Arrow arrays: decimals round HALF_UP, numbers print as Java
prints them. The legacy cast (spark.sql.ansi.enabled=false) turns invalid input into NULL and
wraps integers; the ANSI cast (Spark 4's default) raises CAST_INVALID_INPUT / CAST_OVERFLOW /
NUMERIC_VALUE_OUT_OF_RANGE for the first such row; `try_cast` returns NULL for those rows."""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.functions.zone_shift import has_timestamp, is_utc, to_instant, to_wall, walled
from dfengine.types import to_arrow_type

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}


def _as_timestamp(t: T.DataType) -> T.DataType:
    """TIMESTAMP_NTZ is stored as TIMESTAMP is (zone-less microseconds): cast it as one
    (the casts the session zone changes go through _zoned_cast first)."""
    return T.TimestampType() if isinstance(t, T.TimestampNTZType) else t


def cast_array(arr: Any, src: T.DataType, dst: T.DataType, mode: str = "legacy",
               guard: Any = None, zone: str = "") -> Any:
    """Cast an Arrow array or scalar from Spark type `src` to `dst`. `mode` is "legacy",
    "ansi" or "try"; `guard` (a boolean array) limits ANSI errors to the rows where the
    expression is really evaluated (the taken branch of a CASE); `zone` is the session time
    zone of casts between TIMESTAMP and strings, dates or TIMESTAMP_NTZ ("" = UTC)."""
    if not is_utc(zone):
        out = _zoned_cast(arr, src, dst, mode, guard, zone)
        if out is not None:
            return out
    src, dst = _as_timestamp(src), _as_timestamp(dst)
    if mode == "store":  # INSERT INTO: ANSI store assignment whatever spark.sql.ansi.enabled
        return _store_cast(arr, src, dst, guard)
    if isinstance(arr, pa.ChunkedArray) and isinstance(src, (T.ArrayType, T.StructType,
                                                             T.MapType)):
        arr = arr.combine_chunks()  # nested casts go field by field (Arrow's go by name)
    if mode != "legacy" and isinstance(src, T.ArrayType) and isinstance(dst, T.ArrayType) and (
            isinstance(arr, pa.ListArray)):  # each element cast (and checked) in `mode`
        rows = pc.list_parent_indices(arr)
        inner = guard.take(rows) if isinstance(guard, (pa.Array, pa.ChunkedArray)) else guard
        flat = cast_array(pc.list_flatten(arr), src.elementType, dst.elementType, mode, inner,
                          zone)
        offsets = pc.subtract(arr.offsets, arr.offsets[0])  # a slice's offsets start past 0
        return pa.ListArray.from_arrays(offsets, flat, mask=arr.is_null())
    if isinstance(src, T.StructType) and isinstance(dst, T.StructType) and src != dst and (
            isinstance(arr, pa.StructArray)):
        fields = [cast_array(arr.field(i), a.dataType, b.dataType, mode, guard)
                  for i, (a, b) in enumerate(zip(src.fields, dst.fields))]
        return pa.StructArray.from_arrays(fields, fields=[
            pa.field(f.name, to_arrow_type(f.dataType)) for f in dst.fields],
            mask=arr.is_null())
    if isinstance(src, T.MapType) and isinstance(dst, T.MapType) and src != dst and (
            isinstance(arr, pa.MapArray)):
        import numpy as np

        offs = arr.offsets.to_numpy(zero_copy_only=False)
        start, stop = int(offs[0]), int(offs[-1])  # a slice's keys/items are not sliced
        rows = pa.array(np.repeat(np.arange(len(arr)), np.diff(offs)))
        inner = guard.take(rows) if isinstance(guard, (pa.Array, pa.ChunkedArray)) else guard
        keys = cast_array(arr.keys.slice(start, stop - start), src.keyType, dst.keyType, mode,
                          inner)
        items = cast_array(arr.items.slice(start, stop - start), src.valueType, dst.valueType,
                           mode, inner)
        return pa.MapArray.from_arrays(pa.array(offs - start, pa.int32()), keys, items,
                                       mask=arr.is_null())
    out = _legacy_cast(arr, src, dst)
    if mode == "legacy" or src == dst:
        return out
    from dfengine.functions.ansi_cast import check_cast

    return check_cast(arr, src, dst, out, mode, guard)


_WALL = (T.StringType, T.DateType, T.TimestampNTZType)
# a string naming its own offset ('...Z', '...+02:00') is an instant whatever the zone
_HAS_OFFSET = r"^.{11,}(Z|[+-]\d\d:?\d\d|\s*[A-Za-z]+/[\w/+-]+|\s*(UTC|GMT|UT)([+-]\S*)?)$"
# '2024-01-01 10:00:00 America/Los_Angeles', '... UTC', '... GMT+08:00' (Spark's zone ids)
_NAMED_ZONE = re.compile(r"^(.{10,}?)\s*([A-Za-z]+/[\w/+-]+|(?:UTC|GMT|UT)(?:[+-]\S*)?)$")


def _zoned_cast(arr: Any, src: T.DataType, dst: T.DataType, mode: str, guard: Any,
                zone: str) -> Any:
    """TIMESTAMP <-> string, date or TIMESTAMP_NTZ in a non-UTC session: through the
    wall-clock time in `zone` (Spark's Cast is a TimeZoneAwareExpression); None for the
    casts the zone does not touch."""
    if isinstance(src, T.TimestampType) and isinstance(dst, _WALL):
        return cast_array(to_wall(arr, zone), T.TimestampNTZType(), dst, mode, guard)
    if isinstance(dst, T.StringType) and isinstance(src, (T.ArrayType, T.StructType)) and (
            has_timestamp(src)):
        return cast_array(walled(arr, src, zone), src, dst, mode, guard)
    if not isinstance(dst, T.TimestampType) or not isinstance(src, _WALL):
        return None
    out = cast_array(arr, src, T.TimestampNTZType(), mode, guard)
    if not isinstance(src, T.StringType):
        return to_instant(out, zone)
    if isinstance(arr, pa.Scalar):
        own = arr.is_valid and re.match(_HAS_OFFSET, arr.as_py().strip()) is not None
        return out if own else to_instant(out, zone)
    own = pc.match_substring_regex(pc.utf8_trim_whitespace(arr), _HAS_OFFSET)
    return pc.if_else(pc.fill_null(own, False), out, to_instant(out, zone))


def _store_cast(arr: Any, src: T.DataType, dst: T.DataType, guard: Any) -> Any:
    """The ANSI cast of a value written into a table column; an overflow is Spark's
    CAST_OVERFLOW_IN_TABLE_INSERT."""
    from dfengine import errors

    try:
        return cast_array(arr, src, dst, "ansi", guard)
    except errors.ArithmeticException as exc:
        if exc.getErrorClass() != "CAST_OVERFLOW":
            raise
        params = exc.getMessageParameters() or {}
        raise errors.ArithmeticException(
            f"Fail to assign a value of \"{src.simpleString().upper()}\" type to the "
            f"\"{dst.simpleString().upper()}\" type column or variable due to an overflow "
            f"({params.get('value', '')}). Use `try_cast` on the input value to tolerate "
            "overflow and return NULL instead.", "CAST_OVERFLOW_IN_TABLE_INSERT") from None


def _numeric_cast(arr: Any, src: T.DataType, dst: T.DataType, target: pa.DataType) -> Any:
    """Casts between numbers, booleans, dates and timestamps that need Spark's own rule, or
    None when a plain Arrow cast does."""
    if isinstance(dst, T.FloatType) and isinstance(src, T.DecimalType):
        # through double: Arrow's decimal -> float32 is not correctly rounded (0.15 came out
        # as 0.14999999, Spark's BigDecimal.floatValue gives 0.15000001)
        return pc.cast(pc.cast(arr, pa.float64()), pa.float32())
    if isinstance(dst, T.BooleanType) and isinstance(src, T.NumericType):
        return pc.not_equal(arr, pa.scalar(0, arr.type))
    if isinstance(src, T.BooleanType) and isinstance(dst, T.NumericType):
        return pc.cast(pc.cast(arr, pa.int8()), target)
    if isinstance(dst, T.IntegralType) and isinstance(src, (T.DoubleType, T.FloatType)):
        return float_to_int(arr, dst, target)
    if isinstance(dst, T.IntegralType) and isinstance(src, T.DecimalType):
        if arr.type.precision < 38:  # trunc of decimal(1,1) fails: no room for the 0
            arr = pc.cast(arr, pa.decimal128(arr.type.precision + 1, arr.type.scale))
        return pc.cast(pc.trunc(arr), target, safe=False)
    if isinstance(dst, T.IntegralType) and isinstance(src, T.IntegralType):
        return pc.cast(arr, target, safe=False)
    if isinstance(dst, (T.DateType,)) and isinstance(src, T.TimestampType):
        return pc.cast(arr, target, safe=False)
    if isinstance(dst, T.TimestampType) and isinstance(src, T.NumericType) and not isinstance(
            src, T.BooleanType):
        return _seconds_to_timestamp(arr, src, target)
    if isinstance(dst, T.NumericType) and isinstance(src, (T.DateType, T.TimestampType)):
        if isinstance(src, T.DateType):
            return pa.scalar(None, target) if isinstance(arr, pa.Scalar) else pa.nulls(
                len(arr), target)
        secs = pc.divide(pc.cast(arr, pa.int64()), 1_000_000)
        return pc.cast(secs, target, safe=False)
    return None


def _seconds_to_timestamp(arr: Any, src: T.DataType, target: pa.DataType) -> Any:
    """A number cast to a timestamp counts seconds since the epoch (Spark: `cast(1 AS
    TIMESTAMP)` is 1970-01-01 00:00:01, fractions kept to the microsecond, NaN and infinities
    NULL)."""
    if isinstance(src, T.IntegralType):
        micros = pc.multiply(pc.cast(arr, pa.int64()), 1_000_000)
    elif isinstance(src, T.DecimalType):
        micros = _python_map(arr, lambda d: None if d is None else int(d * 1_000_000),
                             pa.int64())
    else:
        x = pc.cast(arr, pa.float64())
        finite = pc.is_finite(x)
        micros = pc.cast(pc.trunc(pc.if_else(finite, pc.multiply(x, 1e6), 0.0)), pa.int64(),
                         safe=False)
        micros = pc.if_else(finite, micros, pa.scalar(None, pa.int64()))
    return pc.cast(micros, target)


def _legacy_cast(arr: Any, src: T.DataType, dst: T.DataType) -> Any:
    if src == dst:
        return arr
    target = to_arrow_type(dst)
    if isinstance(src, T.NullType):
        return pa.nulls(len(arr), target) if not isinstance(arr, pa.Scalar) else pa.scalar(
            None, target)
    if isinstance(dst, T.StringType):
        return _to_string(arr, src)
    if isinstance(src, T.StringType):
        return _from_string(arr, dst, target)
    if isinstance(dst, T.DecimalType):
        return to_decimal(arr, dst)
    converted = _numeric_cast(arr, src, dst, target)
    if converted is not None:
        return converted
    if isinstance(dst, T.ArrayType) and isinstance(src, T.ArrayType):
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        if not isinstance(arr, pa.ListArray):  # a scalar
            return pc.cast(arr, target)
        flat = cast_array(pc.list_flatten(arr), src.elementType, dst.elementType)
        offsets = pc.subtract(arr.offsets, arr.offsets[0])  # a slice's offsets start past 0
        return pa.ListArray.from_arrays(offsets, flat, mask=arr.is_null())
    return pc.cast(arr, target, safe=False)


def float_to_int(arr: Any, dst: T.DataType, target: pa.DataType) -> Any:
    """Java's (int)/(long) of a double, as Spark's non-ANSI cast: truncate toward zero, NaN is
    0, values beyond the range saturate (1e300 -> 2147483647); tinyint/smallint take the int
    and keep its low bits (Spark's `toInt.toByte`)."""
    bits = 64 if isinstance(dst, T.LongType) else 32
    hi, lo = 2 ** (bits - 1) - 1, -(2 ** (bits - 1))
    wide = pa.int64() if bits == 64 else pa.int32()
    arr = pc.cast(arr, pa.float64())
    clean = pc.if_else(pc.is_nan(arr), pa.scalar(0.0), arr)
    too_big = pc.greater_equal(clean, pa.scalar(float(hi)))
    too_small = pc.less_equal(clean, pa.scalar(float(lo)))
    inside = pc.if_else(pc.or_(too_big, too_small), pa.scalar(0.0), clean)
    out = pc.cast(pc.trunc(inside), wide, safe=False)
    out = pc.if_else(too_big, pa.scalar(hi, wide), pc.if_else(too_small, pa.scalar(lo, wide), out))
    return pc.cast(out, target, safe=False) if target != wide else out


def round_decimal(arr: Any, ndigits: int, mode: str) -> Any:
    """pc.round of a decimal, one digit of precision wider first: Arrow silently returns 0
    when the rounded value needs a digit more than the type has (99999999.99 in
    decimal(10,2) rounds to 100000000), and fails on decimal(1,1) -> 0 digits."""
    t = arr.type
    if t.precision < 38:
        arr = pc.cast(arr, pa.decimal128(t.precision + 1, t.scale))
        return pc.round(arr, ndigits=ndigits, round_mode=mode)
    rounding = _decimal.ROUND_HALF_EVEN if mode == "half_to_even" else _decimal.ROUND_HALF_UP
    q = _decimal.Decimal(1).scaleb(-ndigits)
    # the digits the type holds (a decimal256 quotient of wide decimals holds up to 76)
    limit = 76 if pa.types.is_decimal256(t) else 38

    def fn(v: Any) -> Any:
        if v is None:
            return None
        with _decimal.localcontext() as ctx:
            ctx.prec = 80
            d = v.quantize(q, rounding=rounding).quantize(_decimal.Decimal(1).scaleb(-t.scale))
        return d if len(d.as_tuple().digits) <= limit else None

    return _python_map(arr, fn, t)


def to_decimal(arr: Any, dst: T.DecimalType) -> Any:
    """Rescale to decimal(p, s): round HALF_UP, NULL where the value does not fit."""
    target = pa.decimal128(dst.precision, dst.scale)
    t = arr.type
    if pa.types.is_decimal(t):
        if t.scale > dst.scale:
            arr = round_decimal(arr, dst.scale, "half_towards_infinity")
    elif pa.types.is_floating(t):
        halves = _near_halves(arr, dst.scale)
        arr = pc.round(arr, ndigits=dst.scale, round_mode="half_towards_infinity")
        arr = pc.if_else(pc.is_finite(arr), arr, pa.scalar(None, t))
        if halves is not None:  # 1.005 is 1.00499.. in binary; Spark rounds its text 1.005
            return _python_map(halves, lambda v: _fit_decimal(
                None if v is None or v != v or v in (float("inf"), float("-inf")) else
                _decimal.Decimal(repr(v)), dst), target)
    try:
        return pc.cast(arr, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return _python_map(arr, lambda v: _fit_decimal(v, dst), target)


def _near_halves(arr: Any, scale: int) -> Any:
    """`arr` when some value sits (in binary) next to a decimal half at `scale`, whose
    rounding must read the double's shortest text as Spark's BigDecimal.decimal does; else
    None (the vectorised rounding gives the same answer)."""
    import numpy as np

    if isinstance(arr, pa.Scalar):
        return arr if arr.is_valid else None
    x = np.asarray(pc.fill_null(arr, 0.0).to_numpy(zero_copy_only=False), dtype=np.float64)
    with np.errstate(all="ignore"):
        f = np.abs(x * 10.0 ** scale)
        gap = np.abs(f - np.floor(f) - 0.5)
    # past 2**52 a double has no fraction left to sit next to a half
    return arr if bool(np.any((f < 2.0 ** 52) & (gap < 1e-6 * np.maximum(1.0, f)))) else None


def _fit_decimal(v: Any, dst: T.DecimalType) -> Any:
    if v is None:
        return None
    try:
        with _decimal.localcontext() as ctx:
            ctx.prec = 100  # 38 digits and more: the default 28 would refuse them
            d = _decimal.Decimal(str(v)).quantize(_decimal.Decimal(1).scaleb(-dst.scale),
                                                 rounding=_decimal.ROUND_HALF_UP)
    except (_decimal.InvalidOperation, ValueError):
        return None
    if len(d.as_tuple().digits) > dst.precision:
        return None
    return d


def _python_map(arr: Any, fn: Any, target: pa.DataType) -> Any:
    if isinstance(arr, pa.Scalar):
        from dfengine.types.arrow import scalar

        return scalar(fn(arr.as_py()), target)
    if pa.types.is_decimal(target):
        from dfengine.types.arrow import decimal_array  # pa.array would import pandas

        return decimal_array([fn(v) for v in arr.to_pylist()], target)
    return pa.array([fn(v) for v in arr.to_pylist()], target)


def _to_string(arr: Any, src: T.DataType) -> Any:
    from dfengine.types.format import format_value, repr_double

    if isinstance(src, T.DoubleType):
        return _python_map(arr, lambda v: None if v is None else repr_double(v), pa.string())
    if isinstance(src, T.FloatType):  # Java's Float.toString: the float's shortest digits
        return _python_map(arr, lambda v: None if v is None else format_value(v, src),
                           pa.string())
    if isinstance(src, T.BooleanType):
        return pc.if_else(arr, "true", "false")
    if isinstance(src, T.YearMonthIntervalType):
        from dfengine.types.format import format_year_month

        return _python_map(arr, lambda v: None if v is None else format_year_month(v, src),
                           pa.string())
    if isinstance(src, T.CalendarIntervalType):
        from dfengine.types.format import format_calendar_interval

        return _python_map(arr, lambda v: None if v is None else format_calendar_interval(v),
                           pa.string())
    if isinstance(src, T.TimestampType):
        return _python_map(arr, lambda v: None if v is None else _ts_string(v), pa.string())
    if isinstance(src, (T.ArrayType, T.StructType, T.MapType, T.DayTimeIntervalType)):
        return _python_map(arr, lambda v: None if v is None else _nested_text(v, src),
                           pa.string())
    if isinstance(src, T.BinaryType):
        try:
            return pc.cast(arr, pa.string())
        except pa.ArrowInvalid:  # invalid UTF-8: Java decodes each bad byte as U+FFFD
            return _python_map(arr, lambda v: None if v is None else v.decode(
                "utf-8", errors="replace"), pa.string())
    return pc.cast(arr, pa.string())


def _nested_text(v: Any, dt: T.DataType) -> str:
    """Spark's cast of a nested value to string: `{1, null}` for a struct (values only),
    `{k -> v}` for a map, `[x, y]` for an array, nested NULLs as `null` (show() prints
    NULL; the cast does not)."""
    from dfengine.types.format import format_value

    if v is None:
        return "null"
    if isinstance(dt, T.StructType):
        items = v.values() if isinstance(v, dict) else v
        return "{" + ", ".join(_nested_text(x, f.dataType)
                               for x, f in zip(items, dt.fields)) + "}"
    if isinstance(dt, T.MapType):
        pairs = v.items() if isinstance(v, dict) else v
        return "{" + ", ".join(f"{_nested_text(k, dt.keyType)} -> "
                               f"{_nested_text(x, dt.valueType)}" for k, x in pairs) + "}"
    if isinstance(dt, T.ArrayType):
        return "[" + ", ".join(_nested_text(x, dt.elementType) for x in v) + "]"
    if isinstance(dt, T.TimestampType) and isinstance(v, _dt.datetime):
        return _ts_string(v)
    return format_value(v, dt)


def _ts_string(v: _dt.datetime) -> str:
    s = v.strftime("%Y-%m-%d %H:%M:%S")
    if v.microsecond:
        s += f".{v.microsecond:06d}".rstrip("0")
    return s


# What Spark's string -> integral cast accepts: a sign, digits, and a fraction it drops
# ("1.9" -> 1). Not exponents ("1e2") or hex ("0x10"), which Arrow and Python would take.
_INTEGRAL_STRING = r"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$"


def _from_string(arr: Any, dst: T.DataType, target: pa.DataType) -> Any:
    if isinstance(dst, T.BinaryType):  # the UTF-8 bytes as they are, spaces included
        return pc.cast(arr, target)
    trimmed = pc.utf8_trim_whitespace(arr)
    if isinstance(dst, T.IntegralType):
        ok = pc.match_substring_regex(trimmed, _INTEGRAL_STRING)
        trimmed = pc.if_else(ok, trimmed, pa.scalar(None, trimmed.type))
    try:
        if isinstance(dst, T.BooleanType):
            raise pa.ArrowInvalid("use python")
        if isinstance(dst, T.DecimalType):
            return to_decimal(pc.cast(trimmed, pa.decimal128(38, min(dst.scale + 4, 38))), dst)
        return pc.cast(trimmed, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        pass
    return _python_map(trimmed, lambda v: parse_string(v, dst), target)


def parse_string(v: str | None, dst: T.DataType) -> Any:
    if v is None:
        return None
    try:
        if isinstance(dst, T.BooleanType):
            low = v.lower()
            return True if low in _TRUE else False if low in _FALSE else None
        if isinstance(dst, T.IntegralType):
            if re.match(_INTEGRAL_STRING, v.strip()) is None:
                return None
            d = _decimal.Decimal(v)
            if not d.is_finite():
                return None
            n = int(d)
            bits = {T.ByteType: 8, T.ShortType: 16, T.IntegerType: 32, T.LongType: 64}[type(dst)]
            return n if -(2 ** (bits - 1)) <= n < 2 ** (bits - 1) else None
        if isinstance(dst, (T.DoubleType, T.FloatType)):
            return float(v)
        if isinstance(dst, T.DecimalType):
            return _fit_decimal(_decimal.Decimal(v), dst)
        if isinstance(dst, T.DateType):
            return parse_date(v)
        if isinstance(dst, (T.TimestampType, T.TimestampNTZType)):
            return parse_timestamp(v)
    except (ValueError, _decimal.InvalidOperation, ArithmeticError):
        return None
    return None


def parse_instant(v: str, zone: str) -> _dt.datetime | None:
    """A TIMESTAMP literal's instant (UTC, zone-less): a time without an offset is a
    wall-clock time in the session zone `zone`."""
    value = parse_timestamp(v)
    if value is None or is_utc(zone) or re.match(_HAS_OFFSET, v.strip()):
        return value
    from dfengine.functions.zone_shift import tzinfo

    aware = value.replace(tzinfo=tzinfo(zone))  # fold=0: java.time's gap and overlap rules
    return aware.astimezone(_dt.timezone.utc).replace(tzinfo=None)


def _in_named_zone(base: _dt.datetime | None, name: str) -> _dt.datetime | None:
    """The instant of a wall-clock time in the zone a string names (None if unknown)."""
    from dfengine.errors import DateTimeException
    from dfengine.functions.timezones import zone_id
    from dfengine.functions.zone_shift import tzinfo

    try:
        info = tzinfo(zone_id(name))
    except DateTimeException:
        return None
    if base is None:
        return None
    return base.replace(tzinfo=info, fold=0).astimezone(_dt.timezone.utc).replace(tzinfo=None)


def parse_date(v: str) -> _dt.date | None:
    s = v.strip()
    head = s.split(" ")[0].split("T")[0]
    parts = head.split("-")
    if len(parts) == 1 and len(parts[0]) == 4:
        return _dt.date(int(parts[0]), 1, 1)
    if len(parts) == 2:
        return _dt.date(int(parts[0]), int(parts[1]), 1)
    if len(parts) == 3:
        return _dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    return None


def parse_timestamp(v: str) -> _dt.datetime | None:
    # Spark reads up to 9 fraction digits and keeps microseconds (nanoseconds truncated)
    s = re.sub(r"(\.\d{6})\d{1,3}(?!\d)", r"\1", re.sub(r"T(?=\d)", " ", v.strip(), count=1))
    named = _NAMED_ZONE.match(s)
    if named:
        return _in_named_zone(parse_timestamp(named.group(1)), named.group(2))
    zone = re.search(r"(Z|[+-]\d\d:?\d\d)$", s)
    if zone and len(s) > 10:
        # an explicit zone ('...Z', '...+02:00'): the instant, as a UTC wall-clock time
        base = parse_timestamp(s[:zone.start()])
        if base is None:
            return None
        z = zone.group(1)
        if z == "Z":
            return base
        sign = 1 if z[0] == "+" else -1
        hh, mm = int(z[1:3]), int(z[-2:])
        return base - sign * _dt.timedelta(hours=hh, minutes=mm)
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return _dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
    return None
