"""How Spark writes a value as text: `show()`, `cast(x as string)` and generated column names
all print doubles as Java does (`1.0E7`, `NaN`) and nested values as `{a, b}` / `[x, y]`."""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
from typing import Any

from dfengine.types.datatypes import (
    ArrayType,
    CalendarIntervalType,
    DataType,
    DayTimeIntervalType,
    FloatType,
    MapType,
    StructType,
    YearMonthIntervalType,
)
from dfengine.types.row import Row


def repr_double(v: float) -> str:
    """Java's Double.toString, which Spark uses in generated names and show()."""
    if v != v:  # noqa: PLR0124 (NaN)
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0:
        return "-0.0" if str(v).startswith("-") else "0.0"
    if 1e-3 <= abs(v) < 1e7:
        r = repr(v)
        return r if "." in r else r + ".0"
    sign, digits, exponent = _decimal.Decimal(repr(v)).normalize().as_tuple()
    ds = "".join(map(str, digits))
    mantissa = ds[0] + "." + (ds[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{len(ds) - 1 + exponent}"


def _format_float(v: float, dt: DataType | None) -> str:
    """A FLOAT shows its own shortest digits (0.1, not the double 0.10000000149011612)."""
    return repr_double(_float32_digits(v)) if isinstance(dt, FloatType) else repr_double(v)


def _format_datetime(v: _dt.datetime, dt: DataType | None) -> str:
    s = v.strftime("%Y-%m-%d %H:%M:%S")
    if v.microsecond:
        s += f".{v.microsecond:06d}".rstrip("0")
    return s


def _format_row(v: Row | tuple, dt: DataType | None) -> str:
    fields = dt.fields if isinstance(dt, StructType) else [None] * len(v)
    return "{" + ", ".join(format_value(x, f.dataType if f else None)
                           for x, f in zip(v, fields)) + "}"


def _format_map(v: dict, dt: DataType | None) -> str:
    kt = dt.keyType if isinstance(dt, MapType) else None
    vt = dt.valueType if isinstance(dt, MapType) else None
    return "{" + ", ".join(f"{format_value(k, kt)} -> {format_value(x, vt)}"
                           for k, x in v.items()) + "}"


def _format_array(v: list | tuple, dt: DataType | None) -> str:
    et = dt.elementType if isinstance(dt, ArrayType) else None
    return "[" + ", ".join(format_value(x, et) for x in v) + "]"


def _format_interval(v: _dt.timedelta, dt: DataType | None) -> str:
    """Spark's toDayTimeIntervalString: `INTERVAL '29' DAY`, `INTERVAL '-1 02:00:00' DAY
    TO SECOND` (the fields the type is written in; seconds with their fraction)."""
    dt = dt if isinstance(dt, DayTimeIntervalType) else DayTimeIntervalType()
    micros = (v.days * 86400 + v.seconds) * 1_000_000 + v.microseconds
    sign, micros = ("-" if micros < 0 else ""), abs(micros)
    units = [micros // 86_400_000_000, micros // 3_600_000_000 % 24,
             micros // 60_000_000 % 60, micros % 60_000_000]
    if dt.startField > 0:  # the first field carries what the larger units hold
        units[dt.startField] = micros // [86_400_000_000, 3_600_000_000, 60_000_000,
                                          1][dt.startField]
    parts = []
    for i in range(dt.startField, dt.endField + 1):
        n = units[i]
        if i == 3:
            text = format(_decimal.Decimal(n).scaleb(-6).normalize(), "f")
            parts.append(text if n >= 10_000_000 else "0" + text)  # '01.5' SECOND too
        else:
            parts.append(str(n) if i == 0 else f"{n:02d}")
    names = [DayTimeIntervalType._fields[i].upper() for i in (dt.startField, dt.endField)]
    sep = " " if dt.startField == 0 else ":"  # '1 02:03', but '02:30' HOUR TO MINUTE
    text = parts[0] + (sep + ":".join(parts[1:]) if len(parts) > 1 else "")
    unit = names[0] if names[0] == names[1] else f"{names[0]} TO {names[1]}"
    return f"INTERVAL '{sign}{text}' {unit}"


def format_year_month(months: int, dt: YearMonthIntervalType) -> str:
    """Spark's toYearMonthIntervalString: `INTERVAL '1' YEAR`, `INTERVAL '14' MONTH`,
    `INTERVAL '-1-2' YEAR TO MONTH`."""
    sign = "-" if months < 0 else ""
    year = f"{sign}{abs(months) // 12}"
    if dt.startField != dt.endField:
        return f"INTERVAL '{year}-{abs(months) % 12}' YEAR TO MONTH"
    return f"INTERVAL '{year if dt.startField == 0 else months}' " + (
        "YEAR" if dt.startField == 0 else "MONTH")


def format_calendar_interval(v: Any) -> str:
    """Spark's CalendarInterval.toString: `1 years 2 months 3 days 4 hours 5 minutes 6.5
    seconds`, parts that are zero left out, `0 seconds` for none; Java's truncating / and %."""
    months, days, micros = v.months, v.days, int(v.nanoseconds / 1000)

    def q(a: int, b: int) -> tuple[int, int]:  # Java's quotient and remainder
        n = abs(a) // b * (1 if a >= 0 else -1)
        return n, a - n * b

    parts = []
    years, rest = q(months, 12)
    for value, unit in ((years, "years"), (rest, "months"), (days, "days")):
        if value:
            parts.append(f"{value} {unit}")
    hours, micros = q(micros, 3_600_000_000)
    minutes, micros = q(micros, 60_000_000)
    for value, unit in ((hours, "hours"), (minutes, "minutes")):
        if value:
            parts.append(f"{value} {unit}")
    if micros:
        secs = _decimal.Decimal(micros).scaleb(-6).normalize()
        parts.append(f"{secs:f} seconds")
    return " ".join(parts) or "0 seconds"


# Python type -> formatter, in the order of the checks (bool before float, datetime before
# date, Row before tuple).
_FORMATTERS = [
    (bool, lambda v, dt: "true" if v else "false"),
    (float, _format_float),
    (_decimal.Decimal, lambda v, dt: format(v, "f")),
    (_dt.datetime, _format_datetime),
    (_dt.date, lambda v, dt: v.isoformat()),
    (_dt.timedelta, _format_interval),
    ((bytes, bytearray), lambda v, dt: "[" + " ".join(f"{b:02X}" for b in v) + "]"),
    (Row, _format_row),
    (dict, _format_map),
    ((list, tuple), _format_array),
]


def format_value(v: Any, dt: DataType | None = None) -> str:
    """A value as Spark prints it in show() and casts to string."""
    if v is None:
        return "NULL"
    if isinstance(dt, YearMonthIntervalType) and isinstance(v, int):
        return format_year_month(v, dt)
    if isinstance(dt, CalendarIntervalType) or hasattr(v, "nanoseconds"):
        return format_calendar_interval(v)
    if isinstance(v, dict) and isinstance(dt, StructType):  # Arrow gives structs as dicts
        return "{" + ", ".join("null" if v.get(f.name) is None else format_value(
            v.get(f.name), f.dataType) for f in dt.fields) + "}"
    for py_type, fmt in _FORMATTERS:
        if isinstance(v, py_type):
            return fmt(v, dt)
    return str(v)


def _float32_digits(v: float) -> float:
    """The double with the float32's shortest decimal digits (str, not repr: numpy 2's repr
    is `np.float32(0.1)`)."""
    import numpy as np

    return float(str(np.float32(v)))


def json_value(v: Any) -> Any:
    if isinstance(v, _decimal.Decimal):
        return float(v)
    if isinstance(v, (_dt.date, _dt.datetime)):
        return format_value(v)
    return v
