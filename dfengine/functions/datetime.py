"""Date and timestamp functions (Spark's datetime_funcs), with Java's date patterns."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.functions.arrays import _const, _py_map, broadcast
from dfengine.functions.cast import cast_array
from dfengine.functions.datetime_parse import compile_pattern
from dfengine.functions.datetime_parse import parse as parse_datetime
from dfengine.functions.registry import Function, Impl, define
from dfengine.functions.signatures import (
    DT,
    INT,
    D,
    L,
    S,
    _date_input,
    _interval_add_inputs,
    _interval_add_render,
    _interval_add_type,
    _to_date_inputs,
    _ts_inputs,
    returns,
)
from dfengine.functions.signatures import (
    _all as _all_types,
)
from dfengine.functions.zone_format import zone_text
from dfengine.functions.zone_shift import to_instant, to_wall, tzinfo, wall_now
from dfengine.types import to_arrow_type
from dfengine.types.arrow import scalar as arrow_scalar


def _int32(fn: Callable) -> Impl:
    return lambda args, e, table, ctx: pc.cast(fn(args[0]), pa.int32())


def _wall_int32(fn: Callable) -> Impl:
    """hour(), minute(), second(): a field of the wall-clock time in the session zone (a
    TIMESTAMP_NTZ is one already)."""
    def impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        ntz = isinstance(e.args[0].data_type, T.TimestampNTZType)
        return pc.cast(fn(args[0] if ntz else to_wall(args[0], e.zone)), pa.int32())

    return impl


def _any_timestamp(types: list[T.DataType]) -> list[T.DataType | None]:
    return [None if isinstance(types[0], T.TimestampNTZType) else T.TimestampType()]


def _days(a: Any) -> Any:
    return pc.cast(a, pa.int32())


def _date_add(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = args[1] if e.spec.name == "date_add" else pc.negate(args[1])
    return pc.cast(pc.add(_days(args[0]), pc.cast(n, pa.int32())), pa.date32())


def _days_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    """date_add / date_sub take an INT, SMALLINT or TINYINT count of days (a string is read
    as one); a BIGINT, decimal or float is refused as Spark refuses it."""
    from dfengine.errors import AnalysisException

    if len(types) > 1 and isinstance(types[1], (T.LongType, T.DecimalType, T.FloatType,
                                                T.DoubleType)):
        raise AnalysisException(
            f"The second parameter requires the (\"INT\" or \"SMALLINT\" or \"TINYINT\") "
            f"type, however it has the type \"{types[1].simpleString().upper()}\". Cast the "
            "days to int.", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    return [DT, INT]


def _datediff(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.subtract(_days(args[0]), _days(args[1]))


def _add_months(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spark 3+: the day kept, clamped to the new month's length (no snap to month end);
    calendar arithmetic on NumPy's datetime64 (a Python loop per row imported pandas to
    build its result: 0.5 s on the first `d + INTERVAL '3' MONTH` of a process)."""
    import numpy as np

    from dfengine.types.arrow import from_numpy, numpy_values, valid_mask

    d, m = (broadcast(a, table.num_rows) for a in args)
    d, m = (x.combine_chunks() if isinstance(x, pa.ChunkedArray) else x
            for x in (d.cast(pa.date32()), m.cast(pa.int32())))
    valid = valid_mask(d) & valid_mask(m)
    days = np.where(valid, numpy_values(d), 0).astype("datetime64[D]")
    month = days.astype("datetime64[M]")
    day = (days - month.astype("datetime64[D]")).astype(np.int64)
    moved = month + np.where(valid, numpy_values(m), 0).astype("timedelta64[M]")
    start = moved.astype("datetime64[D]")
    length = ((moved + 1).astype("datetime64[D]") - start).astype(np.int64)
    out = (start + np.minimum(day, length - 1)).astype(np.int64).astype(np.int32)
    return from_numpy(out, valid).cast(pa.date32())


def _last_day(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    import calendar

    return _py_map(
        args,
        table.num_rows,
        lambda d: None if d is None else d.replace(day=calendar.monthrange(d.year, d.month)[1]),
        pa.date32(),
    )


def java_tokens(fmt: str) -> list[tuple[str, Any]]:
    """A Java DateTimeFormatter pattern as (letter, run length) and ("lit", text) tokens;
    'quoted' text is literal ('' is a quote)."""
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "'":  # quoted text; '' is a quote, inside quotes or out
            text, j = [], i + 1
            while j < len(fmt):
                if fmt[j] == "'" and fmt.startswith("''", j):
                    text.append("'")
                    j += 2
                elif fmt[j] == "'":
                    break
                else:
                    text.append(fmt[j])
                    j += 1
            out.append(("lit", "".join(text) or "'"))
            i = j + 1
        elif ch.isalpha():
            j = i
            while j < len(fmt) and fmt[j] == ch:
                j += 1
            out.append((ch, j - i))
            i = j
        else:
            out.append(("lit", ch))
            i += 1
    return out


_WEEK_BASED = set("YWwuec")
_UNSUPPORTED = set("ABnNp")
_UNSUPPORTED_PARSING = set("EFqQ")
_TOO_LONG = {"G": 5, "M": 5, "L": 5, "E": 5, "Q": 5, "q": 5, "y": 7}
_JAVA_LETTERS = set("GuyDMLdQqYwWEecFahKkHmsSAnNVzOXxZp")


_LEGACY_LETTERS = set("GyYMLwWDdFEuaHkKhmsSzZX")


def check_datetime_pattern(fmt: str, parsing: bool) -> None:
    """Spark's checks of a datetime pattern (DateTimeFormatterHelper): a pattern it refuses
    that Spark 2's SimpleDateFormat knew is SparkUpgradeException, else the check's error."""
    from dfengine.errors import PySparkException, SparkUpgradeException

    try:
        _check_pattern(fmt, parsing)
    except PySparkException:
        if all(c in _LEGACY_LETTERS for c, _n in java_tokens(fmt) if c != "lit") and not any(
                ch in fmt for ch in "#{}"):
            raise SparkUpgradeException(
                "You may get a different result due to the upgrading to Spark >= 3.0:\nFail "
                f"to recognize '{fmt}' pattern in the DateTimeFormatter.\n1) You can set "
                "\"spark.sql.legacy.timeParserPolicy\" to \"LEGACY\" to restore the behavior "
                "before Spark 3.0.\n2) You can form a valid datetime pattern with the guide "
                "from 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'.",
                "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION") from None
        raise


def _check_pattern(fmt: str, parsing: bool) -> None:
    """In Spark's order: week-based letters, letters Spark refuses (some only for parsing),
    too-long runs, then letters java.time does not know."""
    from dfengine.errors import IllegalArgumentException, SparkRuntimeException

    letters = [(c, n) for c, n in java_tokens(fmt) if c != "lit"]
    for c, _n in letters:
        if c in _WEEK_BASED:
            raise IllegalArgumentException(
                f"All week-based patterns are unsupported since Spark 3.0, detected: {c}, "
                "Please use the SQL function EXTRACT instead.", "INVALID_DATETIME_PATTERN")
    for c, _n in letters:
        if c in _UNSUPPORTED or (parsing and c in _UNSUPPORTED_PARSING):
            raise IllegalArgumentException(
                f"Unrecognized datetime pattern: {fmt}. Illegal pattern character found in "
                f"datetime pattern: {c}. Please provide legal character.",
                "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER")
    for c, n in letters:
        if n >= _TOO_LONG.get(c, 99):
            raise IllegalArgumentException(
                f"Unrecognized datetime pattern: {fmt}. Too many letters in datetime pattern: "
                f"{c * n}. Please reduce pattern length.", "INVALID_DATETIME_PATTERN.LENGTH")
    for c, _n in letters:
        if c not in _JAVA_LETTERS or any(ch in fmt for ch in "#{}"):
            raise SparkRuntimeException(
                f"Unrecognized datetime pattern: '{fmt}'. You can form a valid datetime "
                "pattern with the guide from "
                "'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'.",
                "INVALID_DATETIME_PATTERN.WITH_SUGGESTION")


def java_format(fmt: str) -> str:
    """The strptime format of a Java pattern, for parsing (to_date, to_timestamp, ...):
    single letters too ('yyyy-M-d' parses '2024-1-5')."""
    check_datetime_pattern(fmt, parsing=True)
    parts = []
    for letter, n in java_tokens(fmt):
        if letter == "lit":
            parts.append(n.replace("%", "%%"))
        elif letter == "y":
            parts.append("%y" if n == 2 else "%Y")
        elif letter in "ML":
            parts.append("%m" if n <= 2 else "%b" if n == 3 else "%B")
        elif letter == "E":
            parts.append("%A" if n >= 4 else "%a")
        else:
            parts.append(
                {
                    "d": "%d",
                    "H": "%H",
                    "h": "%I",
                    "m": "%M",
                    "s": "%S",
                    "S": "%f",
                    "a": "%p",
                    "D": "%j",
                    "X": "%z",  # +05:30, +0530, Z: the parsed time is an instant
                    "x": "%z",
                    "Z": "%z",
                }.get(letter, letter * n)
            )
    return "".join(parts)


def _era_quarter_text(letter: str, n: int, v: Any) -> str:
    """G (the era), q / Q (the quarter: 1, 01, Q1, 1st quarter) and F (java.time 17: the
    day's place in its 7-day run of the month)."""
    if letter == "G":
        return "Anno Domini" if n == 4 else "AD"
    if letter == "F":
        return f"{(v.day - 1) % 7 + 1:0{n}d}"
    q = (v.month - 1) // 3 + 1
    return f"{q:0{n}d}" if n <= 2 else f"Q{q}" if n == 3 else (
        f"{q}{['st', 'nd', 'rd', 'th'][q - 1]} quarter")


def java_strftime(v: Any, fmt: str, zone: str = "") -> str:
    """A date or datetime formatted with a Java pattern as Spark's date_format does
    ('M' is unpadded, 'SSS' is milliseconds, 'h' and 'a' a 12-hour clock); `v` is the
    wall-clock time in the session zone `zone`, which the zone letters print."""
    if not isinstance(v, _dt.datetime):
        v = _dt.datetime(v.year, v.month, v.day)
    out = []
    for letter, n in java_tokens(fmt):
        if letter == "lit":
            out.append(n)
        elif letter == "y":
            out.append(f"{v.year % 100:02d}" if n == 2 else f"{v.year:0{n}d}")
        elif letter in "ML":
            out.append(f"{v.month:0{n}d}" if n <= 2 else v.strftime("%b" if n == 3 else "%B"))
        elif letter == "E":
            out.append(v.strftime("%A" if n >= 4 else "%a"))
        elif letter == "a":
            out.append("AM" if v.hour < 12 else "PM")
        elif letter == "S":
            out.append(f"{v.microsecond:06d}"[:n].ljust(n, "0"))
        elif letter in "XxZzOV":
            out.append(zone_text(letter, n, v, zone))
        elif letter in "GqQF":
            out.append(_era_quarter_text(letter, n, v))
        else:
            value = {
                "d": v.day,
                "D": v.timetuple().tm_yday,
                "H": v.hour,
                "h": (v.hour % 12) or 12,
                "k": v.hour or 24,
                "K": v.hour % 12,
                "m": v.minute,
                "s": v.second,
            }.get(letter)
            out.append(letter * n if value is None else f"{value:0{n}d}")
    return "".join(out)


def _to_date(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    src = e.args[0].data_type
    if isinstance(src, T.TimestampType) and len(args) == 1:
        return pc.cast(to_wall(args[0], e.zone), pa.date32())
    if isinstance(src, T.DateType) and len(args) == 1:
        return pc.cast(args[0], pa.date32())
    if len(args) == 1:
        from dfengine.functions.cast import cast_array

        return cast_array(args[0], T.StringType(), T.DateType())
    fmt = _const(args[1])
    if fmt is None:
        return pa.nulls(table.num_rows, pa.date32())
    compile_pattern(fmt)  # a bad pattern fails even on no rows

    def fn(s: Any) -> Any:
        d = None if s is None else parse_datetime(s, fmt)
        return None if d is None else d.date()

    return _py_map(args[:1], table.num_rows, fn, pa.date32())


def _to_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:

    src = e.args[0].data_type
    ntz = e.spec.name.endswith("_ntz")
    if len(args) == 1:
        return cast_array(args[0], src, T.TimestampNTZType() if ntz else T.TimestampType(),
                          zone=e.zone)
    return _parse_instants(args[0], args[1], table.num_rows, None if ntz else e.zone)


def _parse_instants(x: Any, fmt: Any, n: int, zone: str = "") -> Any:
    """Strings parsed with a Java pattern as wall-clock times in `zone`, then instants; a
    string whose pattern reads an offset (XXX, Z) is that instant as it is. The pattern may be
    a column, one per row (PySpark's `to_timestamp_ltz('dt', 'fmt')`); a constant one is
    checked up front, so a bad pattern fails even on no rows. `zone` None: the wall clocks
    (TIMESTAMP_NTZ)."""
    if isinstance(fmt, pa.Scalar) and fmt.is_valid:
        compile_pattern(fmt.as_py())
    own: list[bool] = []

    def fn(s: Any, f: Any) -> Any:
        d = None if s is None or f is None else parse_datetime(s, f)
        aware = d is not None and d.tzinfo is not None
        own.append(aware)
        return d.astimezone(_dt.timezone.utc).replace(tzinfo=None) if aware else d

    values = _py_map([x, fmt], n, fn, pa.timestamp("us"))
    if zone is None or not any(own):
        return values if zone is None else to_instant(values, zone)
    return pc.if_else(pa.array(own), values, to_instant(values, zone))


def _date_format(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    fmt = _const(args[1])
    if fmt is None:
        return pa.nulls(table.num_rows, pa.string())
    check_datetime_pattern(fmt, parsing=False)
    return _py_map(
        [to_wall(args[0], e.zone)],
        table.num_rows,
        lambda d: None if d is None else java_strftime(d, fmt, e.zone),
        pa.string(),
    )


def _trunc(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    unit = (_const(args[1]) or "").lower()

    def fn(d: Any) -> Any:
        if d is None:
            return None
        if unit in ("year", "yyyy", "yy"):
            return d.replace(month=1, day=1)
        if unit in ("month", "mon", "mm"):
            return d.replace(day=1)
        if unit == "quarter":
            return d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)
        if unit == "week":
            return d - _dt.timedelta(days=d.weekday())
        return None

    return _py_map(args[:1], table.num_rows, fn, pa.date32())


_DATE_TRUNC_UNITS = {
    "year": "year",
    "yyyy": "year",
    "yy": "year",
    "quarter": "quarter",
    "month": "month",
    "mon": "month",
    "mm": "month",
    "week": "week",
    "day": "day",
    "dd": "day",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
    "millisecond": "millisecond",
    "microsecond": "microsecond",
}


def _date_trunc(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """date_trunc(unit, ts): the timestamp truncated to the unit (weeks start on Monday);
    NULL for an unknown unit, as in Spark."""
    unit = _DATE_TRUNC_UNITS.get(str(_const(args[0]) or "").lower())
    ts = args[1]
    if unit is None:
        return pa.nulls(table.num_rows, pa.timestamp("us"))
    wall = to_wall(ts, e.zone)
    floored = pc.floor_temporal(wall, unit=unit, week_starts_monday=True)
    if unit in ("year", "quarter", "month", "week", "day"):  # LocalDate.atStartOfDay(zone)
        return to_instant(floored, e.zone)
    # an hour or less keeps the instant's offset (ZonedDateTime.truncatedTo): the second
    # 01:30 of a fall-back night truncates to the second 01:00
    cut = pc.subtract(pc.cast(wall, pa.int64()), pc.cast(floored, pa.int64()))
    return pc.cast(pc.subtract(pc.cast(pc.cast(ts, pa.timestamp("us")), pa.int64()), cut),
                   pa.timestamp("us"))


def _epoch_seconds(ts: Any) -> Any:
    """Whole seconds since the epoch, rounded down (timestamps are microseconds)."""
    micros = pc.cast(pc.cast(ts, pa.timestamp("us")), pa.int64())
    return pc.cast(pc.floor(pc.divide(pc.cast(micros, pa.float64()), 1_000_000.0)), pa.int64())


def _unix_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    src = e.args[0].data_type
    x = args[0]
    if isinstance(src, T.DateType):
        return _epoch_seconds(to_instant(pc.cast(x, pa.timestamp("us")), e.zone))
    if isinstance(src, T.TimestampType):
        return _epoch_seconds(x)
    fmt = args[1] if len(args) > 1 else pa.scalar("yyyy-MM-dd HH:mm:ss")
    return _epoch_seconds(_parse_instants(x, fmt, table.num_rows, e.zone))


def _far_year(v: Any, fmt: str) -> str:
    """A time outside Python's years 1..9999 formatted as java.time does: the same day and
    time in a 400-year-shifted year (the Gregorian calendar repeats every 146097 days), the
    year written back signed past 4 digits ('+10000-01-01', '0000-12-31')."""
    shift = -(v // (146097 * 86400)) if v >= 0 else 1 - v // (146097 * 86400)
    inner = _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=v + shift * 146097 * 86400)
    year = inner.year - 400 * shift
    text = java_strftime(inner, fmt.replace("yyyy", "'\x00'"))
    shown = f"+{year}" if year > 9999 else f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    return text.replace("\x00", shown)


def _unixtime_text(v: Any, fmt: str, zone: str = "") -> str | None:
    if v is None:
        return None
    try:
        utc = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(seconds=v)
        return java_strftime(utc.astimezone(tzinfo(zone)).replace(tzinfo=None), fmt, zone)
    except (OverflowError, ValueError):
        return _far_year(int(v), fmt)


def _from_unixtime(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    fmt = _const(args[1]) if len(args) > 1 else "yyyy-MM-dd HH:mm:ss"
    if fmt is None:
        return pa.nulls(table.num_rows, pa.string())
    check_datetime_pattern(fmt, parsing=False)
    return _py_map(args[:1], table.num_rows, lambda v: _unixtime_text(v, fmt, e.zone),
                   pa.string())


def _interval_add(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """x + INTERVAL: months first (the day clamped to the month's length, the time of day
    kept), then days and microseconds. A TIMESTAMP moves its months and days on the wall
    clock of the session zone (Spark's ZonedDateTime.plusMonths/plusDays: a day across a
    DST change is 23 or 25 hours), its microseconds as elapsed time."""
    x = args[0]
    months = args[1] if not isinstance(args[1], pa.Scalar) else int(_const(args[1]) or 0)
    days, micros = (int(_const(a) or 0) for a in args[2:4])
    if isinstance(args[1], pa.Scalar) and not args[1].is_valid:  # d + CAST(NULL AS INTERVAL)
        return pa.nulls(table.num_rows, to_arrow_type(e.data_type))
    if not isinstance(months, int):  # months of a year-month interval column
        months = pc.cast(months, pa.int32())
    elif months:
        months = arrow_scalar(months, pa.int32())
    to_date = isinstance(e.data_type, T.DateType)
    zone = "" if to_date or isinstance(e.args[0].data_type, T.TimestampNTZType) else e.zone
    if isinstance(e.args[0].data_type, T.TimestampType):
        x = to_wall(x, zone)
    if not isinstance(months, int):
        if to_date:
            x = _add_months([x, months], e, table, ctx)
        else:
            ts = pc.cast(x, pa.timestamp("us"))
            day = pc.cast(ts, pa.date32())
            tod = pc.subtract(
                pc.cast(ts, pa.int64()), pc.cast(pc.cast(day, pa.timestamp("us")), pa.int64())
            )
            moved = _add_months([day, months], e, table, ctx)
            x = pc.cast(
                pc.add(pc.cast(pc.cast(moved, pa.timestamp("us")), pa.int64()), tod),
                pa.timestamp("us"),
            )
    if to_date:
        if days:
            x = pc.cast(pc.add(_days(x), arrow_scalar(days, pa.int32())), pa.date32())
        return x
    x = pc.cast(x, pa.timestamp("us"))
    if days:
        x = pc.cast(pc.add(pc.cast(x, pa.int64()), arrow_scalar(days * 86_400_000_000,
                                                                 pa.int64())), pa.timestamp("us"))
    x = to_instant(x, zone)
    shift = micros
    if shift:
        x = pc.cast(
            pc.add(pc.cast(x, pa.int64()), arrow_scalar(shift, pa.int64())), pa.timestamp("us")
        )
    return x


def _subtract_times(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """date - date (an INTERVAL DAY) and timestamp - timestamp (an INTERVAL DAY TO SECOND):
    the difference in microseconds, stored as Arrow's duration."""
    left, right = (pc.cast(pc.cast(a, pa.timestamp("us")), pa.int64()) for a in args)
    return pc.cast(pc.subtract_checked(left, right), pa.duration("us"))


def _render_minus(e: Any) -> str:
    return f"({e.args[0].sql()} - {e.args[1].sql()})"


def _interval_sum_type(types: list) -> T.DataType:
    """The sum of two day-time intervals spans both types' fields (day + hour: day to hour)."""
    fields = [f for t in types if isinstance(t, T.DayTimeIntervalType)
              for f in (t.startField, t.endField)]
    return T.DayTimeIntervalType(min(fields), max(fields)) if fields else T.DayTimeIntervalType()


def _interval_scale(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """interval * n, interval / n: microseconds scaled, rounded half up as Spark's
    (a division by zero is Spark's INTERVAL_DIVIDED_BY_ZERO)."""
    from dfengine.errors import ArithmeticException

    micros = pc.cast(args[0], pa.int64())
    n = pc.cast(args[1], pa.float64())
    if e.spec.name == "interval_divide":
        zero = pc.equal(n, 0.0)
        if pc.any(zero).as_py() if not isinstance(zero, pa.Scalar) else zero.as_py():
            raise ArithmeticException("Division by zero. Use `try_divide` to tolerate divisor "
                                      "being 0 and return NULL instead.",
                                      "INTERVAL_DIVIDED_BY_ZERO")
        scaled = pc.divide(pc.cast(micros, pa.float64()), n)
    else:
        scaled = pc.multiply(pc.cast(micros, pa.float64()), n)
    return pc.cast(pc.cast(pc.round(scaled, round_mode="half_up"), pa.int64()),
                   pa.duration("us"))


def _interval_arith(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    left, right = (pc.cast(a, pa.int64()) for a in args)
    fn = pc.add_checked if e.spec.name == "interval_plus" else pc.subtract_checked
    return pc.cast(fn(left, right), pa.duration("us"))


def _weekday(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """0 = Monday ... 6 = Sunday."""
    return pc.cast(pc.day_of_week(args[0], count_from_zero=True, week_start=1), pa.int32())


_DAY_NAMES = {
    "mo": 0,
    "mon": 0,
    "monday": 0,
    "tu": 1,
    "tue": 1,
    "tuesday": 1,
    "we": 2,
    "wed": 2,
    "wednesday": 2,
    "th": 3,
    "thu": 3,
    "thursday": 3,
    "fr": 4,
    "fri": 4,
    "friday": 4,
    "sa": 5,
    "sat": 5,
    "saturday": 5,
    "su": 6,
    "sun": 6,
    "sunday": 6,
}


def _next_day(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The first date after d that falls on the named weekday (NULL for an unknown name)."""
    target = _DAY_NAMES.get(str(_const(args[1]) or "").strip().lower())

    def fn(d: Any) -> Any:
        if d is None or target is None:
            return None
        return d + _dt.timedelta(days=(target - d.weekday() - 1) % 7 + 1)

    return _py_map(args[:1], table.num_rows, fn, pa.date32())


def _make_date(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    def fn(y: Any, m: Any, d: Any) -> Any:
        try:
            return None if None in (y, m, d) else _dt.date(y, m, d)
        except ValueError:
            return None  # Spark (non-ANSI): NULL for an invalid date

    return _py_map(args, table.num_rows, fn, pa.date32())


def _current_date(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return arrow_scalar(wall_now(e.zone).date(), pa.date32())


def _current_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return arrow_scalar(_dt.datetime.now(), pa.timestamp("us"))


def _months_between(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    args = [to_wall(a, e.zone) for a in args[:2]] + list(args[2:])
    digits = 8 if len(args) < 3 or _const(args[2]) is not False else None  # roundOff

    def fn(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        import calendar

        months = (a.year - b.year) * 12 + (a.month - b.month)
        last_a = a.day == calendar.monthrange(a.year, a.month)[1]
        last_b = b.day == calendar.monthrange(b.year, b.month)[1]
        if a.day == b.day or (last_a and last_b):
            return float(months)  # Spark: same day of month, or both month ends: whole months
        secs = (
            (a.day - b.day) * 86400
            + (a.hour - b.hour) * 3600
            + (a.minute - b.minute) * 60
            + (a.second - b.second)
        )
        return round(months + secs / (31 * 86400), digits) if digits else months + secs / (
            31 * 86400)

    return _py_map(args[:2], table.num_rows, fn, pa.float64())


define(
    Function(
        "year",
        returns(INT),
        _date_input,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_int32(pc.year),
        params="col",
        example="DATE'2020-03-04'",
    ),
    Function(
        "month",
        returns(INT),
        _date_input,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_int32(pc.month),
        params="col",
        example="DATE'2020-03-04'",
    ),
    Function(
        "quarter",
        returns(INT),
        _date_input,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_int32(pc.quarter),
        params="col",
        example="DATE'2020-05-04'",
    ),
    Function(
        "dayofmonth",
        returns(INT),
        _date_input,
        aliases=("day",),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_int32(pc.day),
        params="col",
        example="DATE'2020-03-04'",
    ),
    Function(
        "dayofweek",
        returns(INT),
        _date_input,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_int32(lambda a: pc.day_of_week(a, count_from_zero=False, week_start=7)),
        params="col",
        example="DATE'2020-03-04'",
    ),
    Function(
        "dayofyear",
        returns(INT),
        _date_input,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_int32(pc.day_of_year),
        params="col",
        example="DATE'2020-03-04'",
    ),
    Function(
        "weekofyear",
        returns(INT),
        _date_input,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_int32(pc.iso_week),
        params="col",
        example="DATE'2020-03-04'",
    ),
    Function(
        "hour",
        returns(INT),
        _any_timestamp,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_wall_int32(pc.hour),
        params="col",
        example="TIMESTAMP'2020-03-04 05:06:07'",
    ),
    Function(
        "minute",
        returns(INT),
        _any_timestamp,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_wall_int32(pc.minute),
        params="col",
        example="TIMESTAMP'2020-03-04 05:06:07'",
    ),
    Function(
        "second",
        returns(INT),
        _any_timestamp,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_wall_int32(pc.second),
        params="col",
        example="TIMESTAMP'2020-03-04 05:06:07'",
    ),
    Function(
        "date_add",
        returns(DT),
        _days_inputs,
        aliases=("dateadd",),
        display={"dateadd": "date_add"},
        null_intolerant=True,
        impl=_date_add,
        params="start, days: colnum",
        example="DATE'2020-02-28', 2",
    ),
    Function(
        "date_sub",
        returns(DT),
        _days_inputs,
        null_intolerant=True,
        impl=_date_add,
        params="start, days: colnum",
        example="DATE'2020-03-01', 1",
    ),
    Function(
        "add_months",
        returns(DT),
        lambda t: [DT, INT],
        null_intolerant=True,
        impl=_add_months,
        params="start, months: colnum",
        example="DATE'2020-01-31', 1",
    ),
    Function(
        "datediff",
        returns(INT),
        lambda t: [DT, DT],
        aliases=("date_diff",),
        null_intolerant=True,
        impl=_datediff,
        params="end, start",
        example="DATE'2020-03-04', DATE'2020-01-01'",
    ),
    Function(
        "months_between",
        returns(D),
        lambda t: [T.TimestampType()] * 2 + [T.BooleanType()] * (len(t) - 2),
        arity=(2, 3),
        null_intolerant=True,
        impl=_months_between,
        shown_defaults={2: "true"},
        python_names=("months_between",),
    ),
    Function(
        "to_date",
        returns(DT),
        _to_date_inputs,
        null_intolerant=True,
        impl=_to_date,
        params="col, format: lit = None",
        example="'2020-03-04'",
    ),
    Function(
        "to_timestamp",
        returns(T.TimestampType()),
        _ts_inputs,
        null_intolerant=True,
        impl=_to_timestamp,
        params="col, format: lit = None",
        example="'2020-03-04 05:06:07'",
    ),
    Function(
        "date_format",
        returns(S),
        lambda t: [T.TimestampType(), S],
        null_intolerant=True,
        impl=_date_format,
        params="date, format: lit",
        example="DATE'2020-03-04', 'yyyy/MM/dd'",
    ),
    Function(
        "last_day",
        returns(DT),
        _date_input,
        null_intolerant=True,
        impl=_last_day,
        params="date",
        example="DATE'2020-02-10'",
    ),
    Function(
        "weekday",
        returns(INT),
        _date_input,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_weekday,
        params="col",
        example="DATE'2020-03-04'",
    ),
    Function(
        "next_day",
        returns(DT),
        lambda t: [DT, S],
        impl=_next_day,
        params="date, dayOfWeek: lit",
        example="DATE'2020-03-04', 'MON'",
    ),
    Function(
        "make_date",
        returns(DT),
        lambda t: [INT, INT, INT],
        impl=_make_date,
        params="year, month, day",
        example="2020, 2, 29",
    ),
    Function(
        "trunc",
        returns(DT),
        lambda t: [DT, S],
        null_intolerant=True,
        impl=_trunc,
        params="date, format: lit",
        example="DATE'2020-03-04', 'MM'",
    ),
    Function(
        "date_trunc",
        returns(T.TimestampType()),
        lambda t: [S, T.TimestampType()],
        null_intolerant=True,
        impl=_date_trunc,
        params="format: lit, timestamp",
        example="'MM', TIMESTAMP'2020-03-04 05:06:07'",
    ),
    Function(
        "unix_timestamp",
        returns(L),
        _ts_inputs,
        null_intolerant=True,
        impl=_unix_timestamp,
        aliases=("to_unix_timestamp",),
        shown_defaults={1: "yyyy-MM-dd HH:mm:ss"},
        params={"unix_timestamp": "timestamp, format: lit = None",
                "to_unix_timestamp": "timestamp, format = None"},
        example="TIMESTAMP'2020-03-04 05:06:07'",
    ),
    Function(
        "from_unixtime",
        returns(S),
        lambda t: [L, S][: len(t)],
        null_intolerant=True,
        impl=_from_unixtime,
        shown_defaults={1: "yyyy-MM-dd HH:mm:ss"},
        params="timestamp, format: lit = None",
        example="86400",
    ),
    Function(
        "interval_add",
        returns(T.TimestampType()),
        _interval_add_inputs,
        result_from_args=_interval_add_type,
        render_fn=_interval_add_render,
        null_intolerant=True,
        impl=_interval_add,
        public=False,
    ),
    Function(
        "subtract_dates",
        returns(T.DayTimeIntervalType(0, 0)),
        _all_types(DT),
        render_fn=_render_minus,
        null_intolerant=True,
        impl=_subtract_times,
        public=False,
    ),
    Function(
        "interval_plus",
        _interval_sum_type,
        render_fn=lambda e: f"({e.args[0].sql()} + {e.args[1].sql()})",
        null_intolerant=True,
        impl=_interval_arith,
        public=False,
    ),
    Function(
        "interval_multiply",
        returns(T.DayTimeIntervalType()),  # Spark: DAY TO SECOND whatever the fields
        render_fn=lambda e: f"({e.args[0].sql()} * {e.args[1].sql()})",
        null_intolerant=True,
        impl=_interval_scale,
        public=False,
    ),
    Function(
        "interval_divide",
        returns(T.DayTimeIntervalType()),  # Spark: DAY TO SECOND whatever the fields
        render_fn=lambda e: f"({e.args[0].sql()} / {e.args[1].sql()})",
        null_intolerant=True,
        impl=_interval_scale,
        public=False,
    ),
    Function(
        "interval_minus",
        _interval_sum_type,
        render_fn=_render_minus,
        null_intolerant=True,
        impl=_interval_arith,
        public=False,
    ),
    Function(
        "subtract_timestamps",
        returns(T.DayTimeIntervalType(0, 3)),
        lambda types: [None if isinstance(t, T.TimestampType) else T.TimestampType()
                       for t in types],
        render_fn=_render_minus,
        null_intolerant=True,
        impl=_subtract_times,
        public=False,
    ),
    Function(
        "current_date",
        returns(DT),
        deterministic=True,
        nondeterministic_time=True,
        aliases=("curdate",),
        display={"curdate": "current_date"},
        impl=_current_date,
        params="",
        example="",
    ),
    Function(
        "current_timestamp",
        returns(T.TimestampType()),
        nondeterministic_time=True,
        aliases=("now",),
        impl=_current_timestamp,
        params="",
        example="",
    ),
    family="datetime",
)


# ---------------------------------------------------------------- epoch conversions

TS = T.TimestampType()
_MICROS = {"unix_seconds": 1_000_000, "unix_millis": 1_000, "unix_micros": 1}


def _unix_epoch(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Whole seconds / millis / micros since the epoch, rounded down (as Spark's floorDiv)."""
    unit = _MICROS[e.spec.name]
    micros = pc.cast(pc.cast(args[0], pa.timestamp("us")), pa.int64())
    if unit == 1:
        return micros
    return _py_map([micros], table.num_rows, lambda v: None if v is None else v // unit, pa.int64())


def _timestamp_from(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    unit = {"timestamp_seconds": 1_000_000, "timestamp_millis": 1_000, "timestamp_micros": 1}[
        e.spec.name
    ]
    x = args[0]
    if pa.types.is_integer(x.type):
        try:
            micros = pc.multiply_checked(pc.cast(x, pa.int64()), unit)
        except pa.ArrowInvalid:
            raise _datetime_overflow(x, e.spec.name) from None
    else:  # Java's (long) of the double: truncated, saturating at the long range
        product = pc.trunc(pc.multiply(pc.cast(x, pa.float64()), float(unit)))
        micros = pc.cast(pc.max_element_wise(pc.min_element_wise(product, 2.0 ** 63 - 1024),
                                             -(2.0 ** 63)), pa.int64())
    return pc.cast(micros, pa.timestamp("us"))


def _datetime_overflow(x: Any, name: str) -> Exception:
    """Spark's Math.multiplyExact in timestamp_seconds/millis of a long: DATETIME_OVERFLOW."""
    from dfengine.errors import ArithmeticException

    unit = name.split("_")[1]
    values = [x.as_py()] if isinstance(x, pa.Scalar) else x.to_pylist()
    scale = {"seconds": 1_000_000, "millis": 1_000}.get(unit, 1)
    bad = next((v for v in values if v is not None and abs(v * scale) >= 2 ** 63), None)
    return ArithmeticException(
        f"Datetime operation overflow: create a TIMESTAMP from {bad}L {unit} since the "
        "epoch.", "DATETIME_OVERFLOW")


def _make_ts(y: Any, mo: Any, d: Any, h: Any, mi: Any, sec: Any, tz: Any = None) -> Any:
    import decimal

    if None in (y, mo, d, h, mi, sec):
        return None
    whole = int(sec)
    micros = int((sec - whole) * decimal.Decimal(1_000_000))
    extra = 0
    if whole == 60 and micros == 0:
        whole, extra = 0, 60
    try:
        out = _dt.datetime(y, mo, d, h, mi, whole, micros) + _dt.timedelta(seconds=extra)
    except (ValueError, OverflowError):
        return None
    if tz:  # fold=0: a gap time moves later, an overlap takes the earlier offset (java.time)
        from dfengine.functions.timezones import zone_id

        local = out.replace(tzinfo=tzinfo(zone_id(tz)))
        out = local.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return out


def _make_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Without a time zone argument the fields are a wall-clock time in the session zone
    (make_timestamp, _ltz); make_timestamp_ntz keeps them as they are."""
    if len(args) == 6 and not e.spec.name.endswith("_ntz") and e.zone:
        args = [*args, pa.scalar(e.zone)]
    return _py_map(args, table.num_rows, _make_ts, pa.timestamp("us"))


define(
    Function(
        "unix_date",
        returns(INT),
        _all_types(DT),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=lambda args, e, table, ctx: pc.cast(pc.cast(args[0], pa.date32()), pa.int32()),
        params="col",
        example="DATE'2024-01-02'",
    ),
    Function(
        "date_from_unix_date",
        returns(DT),
        _all_types(INT),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=lambda args, e, table, ctx: pc.cast(pc.cast(args[0], pa.int32()), pa.date32()),
        params="days",
        example="19000",
    ),
    Function(
        "unix_seconds",
        returns(L),
        _all_types(TS),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unix_epoch,
        params="col",
        example="TIMESTAMP'2024-01-02 03:04:05'",
    ),
    Function(
        "unix_millis",
        returns(L),
        _all_types(TS),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unix_epoch,
        params="col",
        example="TIMESTAMP'2024-01-02 03:04:05'",
    ),
    Function(
        "unix_micros",
        returns(L),
        _all_types(TS),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unix_epoch,
        params="col",
        example="TIMESTAMP'2024-01-02 03:04:05'",
    ),
    Function(
        "timestamp_seconds",
        returns(TS),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_timestamp_from,
        params="col",
        example="1700000000",
    ),
    Function(
        "timestamp_millis",
        returns(TS),
        _all_types(L),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_timestamp_from,
        params="col",
        example="1700000000123",
    ),
    Function(
        "timestamp_micros",
        returns(TS),
        _all_types(L),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_timestamp_from,
        params="col",
        example="1700000000123456",
    ),
    Function(
        "make_timestamp",
        returns(TS),
        lambda t: [INT] * 5 + [T.DecimalType(16, 6)] + [S] * (len(t) - 6),
        impl=_make_timestamp,
        params="years, months, days, hours, mins, secs, timezone = None",
        example="2024, 1, 2, 3, 4, 5.5",
    ),
    family="datetime",
)


define(
    Function(
        "dayname",
        returns(S),
        _all_types(DT),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=lambda args, e, table, ctx: pc.strftime(pc.cast(args[0], pa.timestamp("s")), "%a"),
        params="col",
        example="DATE'2024-01-02'",
    ),
    Function(
        "monthname",
        returns(S),
        _all_types(DT),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=lambda args, e, table, ctx: pc.strftime(pc.cast(args[0], pa.timestamp("s")), "%b"),
        params="col",
        example="DATE'2024-01-02'",
    ),
    family="datetime",
)
