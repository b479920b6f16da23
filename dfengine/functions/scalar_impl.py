"""Arrow implementations of the scalar functions registered in `dfengine.functions.registry`.

Each takes the evaluated arguments (arrays or scalars; already cast to the input types the
registry asked for), the call expression and the partition, and returns an array or scalar.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.functions.cast import float_to_int, round_decimal, to_decimal
from dfengine.types import to_arrow_type

Impl = Callable[[list, Any, pa.Table, Any], Any]
IMPLEMENTATIONS: dict[str, Impl] = {}


def impl(*names: str) -> Callable[[Impl], Impl]:
    def deco(fn: Impl) -> Impl:
        for n in names:
            IMPLEMENTATIONS[n] = fn
        return fn

    return deco


def _const(x: Any) -> Any:
    return x.as_py() if isinstance(x, pa.Scalar) else x


def _full(x: Any, n: int) -> Any:
    from dfengine.functions.arrays import broadcast

    return broadcast(x, n)


def _unary(fn: Callable) -> Impl:
    return lambda args, e, table, ctx: fn(args[0])


def _py_map(args: list, n: int, fn: Callable, t: pa.DataType) -> Any:
    cols = [[a.as_py()] * n if isinstance(a, pa.Scalar) else a.to_pylist() for a in args]
    return pa.array([fn(*row) for row in zip(*cols)], t)


def java_regex(pattern: str) -> str:
    """Java and RE2 agree on most syntax; translate the few constructs that differ."""
    return pattern.replace("\\p{Alpha}", "[a-zA-Z]").replace("\\p{Digit}", "[0-9]")


# ---------------------------------------------------------------------------- strings

IMPLEMENTATIONS["upper"] = _unary(pc.utf8_upper)
IMPLEMENTATIONS["lower"] = _unary(pc.utf8_lower)
IMPLEMENTATIONS["length"] = _unary(lambda a: pc.cast(pc.utf8_length(a), pa.int32()))
IMPLEMENTATIONS["reverse"] = _unary(pc.utf8_reverse)


@impl("trim", "ltrim", "rtrim")
def _trim(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spaces by default; `TRIM(LEADING 'x' FROM s)` passes the characters to remove."""
    fn = {"trim": pc.utf8_trim, "ltrim": pc.utf8_ltrim, "rtrim": pc.utf8_rtrim}[e.spec.name]
    chars = _const(args[1]) if len(args) > 1 else " "
    if chars is None:
        return pa.nulls(table.num_rows, pa.string())
    return fn(args[0], chars) if chars else args[0]


@impl("initcap")
def _initcap(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spark lower-cases the string and upper-cases the first letter after each space (only
    spaces separate words: 'a_c' -> 'A_c', where Arrow's utf8_title gives 'A_C')."""
    def fn(v: Any) -> Any:
        return None if v is None else " ".join(w[:1].upper() + w[1:] for w in
                                               v.lower().split(" "))

    return _py_map(args[:1], table.num_rows, fn, pa.string())


@impl("concat")
def _concat(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if not args:
        return pa.scalar("")
    n = table.num_rows
    cols = [_full(a, n) for a in args]
    return pc.binary_join_element_wise(*cols, pa.scalar(""))


@impl("concat_ws")
def _concat_ws(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    sep = args[0]
    cols = [_full(a, n) for a in args[1:]]
    if not cols:
        return pa.scalar("")
    if len(cols) == 1:
        # Arrow's join of one column with null_handling="skip" drops rows; NULL reads as ''
        out = pc.fill_null(cols[0], "")
        return pc.if_else(pc.is_null(_full(sep, n)), pa.scalar(None, pa.string()), out)
    return pc.binary_join_element_wise(*cols, sep, null_handling="skip")


@impl("substring")
def _substring(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    pos = _const(args[1])
    length = _const(args[2]) if len(args) > 2 else None
    if isinstance(pos, int) and (length is None or isinstance(length, int)):
        if length is not None and length <= 0:
            return pc.if_else(pc.is_null(args[0]), pa.scalar(None, pa.string()), "")
        start = pos - 1 if pos > 0 else min(0, pos)
        stop = None if length is None else start + length
        if start < 0 and stop is not None and stop >= 0:
            stop = None
        return pc.utf8_slice_codeunits(args[0], start=start, stop=stop)

    def sub(s: Any, p: Any, ln: Any = None) -> Any:
        if s is None or p is None:
            return None
        start = p - 1 if p > 0 else (len(s) + p if p < 0 else 0)
        return s[max(start, 0): None if ln is None else max(start, 0) + max(ln, 0)]

    return _py_map(args, table.num_rows, sub, pa.string())


@impl("split")
def _split(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    pattern = _const(args[1])
    limit = _const(args[2]) if len(args) > 2 else -1
    max_splits = None if limit is None or limit <= 0 else limit - 1
    if re.escape(pattern) == pattern or (len(pattern) == 1 and pattern not in ".$|()[{^?*+\\"):
        return pc.split_pattern(args[0], pattern, max_splits=max_splits)
    return pc.split_pattern_regex(args[0], java_regex(pattern), max_splits=max_splits)


@impl("lpad", "rpad")
def _pad(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    width = _const(args[1])
    pad = _const(args[2]) if len(args) > 2 else " "
    left = e.spec.name == "lpad"

    def fn(s: Any, w: Any = width, p: Any = pad) -> Any:
        if s is None or w is None or p is None:
            return None
        if len(s) >= w or not p:
            return s[:w] if w >= 0 else ""
        fill = (p * w)[: w - len(s)]
        return fill + s if left else s + fill

    return _py_map(args[:1], table.num_rows, fn, pa.string())


@impl("replace")
def _replace(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    search = _const(args[1])
    repl = _const(args[2]) if len(args) > 2 else ""
    return pc.replace_substring(args[0], search, repl)


@impl("regexp_replace")
def _regexp_replace(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    pattern = java_regex(_const(args[1]))
    repl = re.sub(r"\$(\d)", r"\\\1", _const(args[2]))
    return pc.replace_substring_regex(args[0], pattern, repl)


@impl("regexp_extract")
def _regexp_extract(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    rx = re.compile(_const(args[1]))
    idx = _const(args[2]) if len(args) > 2 else 1

    def fn(s: Any) -> Any:
        if s is None:
            return None
        m = rx.search(s)
        return (m.group(idx) or "") if m else ""

    return _py_map(args[:1], table.num_rows, fn, pa.string())


@impl("instr")
def _instr(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """1-based position in characters (Arrow's find_substring counts UTF-8 bytes, so
    non-ASCII strings take the Python path)."""
    sub = _const(args[1])
    s = _full(args[0], table.num_rows)
    if sub is not None and pc.all(pc.fill_null(pc.string_is_ascii(s), True)).as_py() is not False:
        return pc.cast(pc.add(pc.find_substring(s, sub), 1), pa.int32())
    return _py_map([s], table.num_rows, lambda v: None if v is None or sub is None else
                   v.find(sub) + 1, pa.int32())


@impl("left", "right")
def _left_right(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """left(s, n) = substring(s, 1, n); right(s, n) = substring(s, -n, n); '' when n <= 0."""
    n = _const(args[1])
    if n is None:
        return pa.nulls(table.num_rows, pa.string())
    if n <= 0:
        return pc.if_else(pc.is_null(args[0]), pa.scalar(None, pa.string()), "")
    if e.spec.name == "left":
        return pc.utf8_slice_codeunits(args[0], start=0, stop=n)
    return pc.utf8_slice_codeunits(args[0], start=-n)


@impl("locate")
def _locate(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    sub = _const(args[0])
    start = _const(args[2]) if len(args) > 2 else 1

    def fn(s: Any) -> Any:
        if s is None:
            return None
        if start < 1:
            return 0
        return s.find(sub, start - 1) + 1

    return _py_map(args[1:2], table.num_rows, fn, pa.int32())


@impl("startswith")
def _startswith(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.starts_with(args[0], _const(args[1]))


@impl("endswith")
def _endswith(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.ends_with(args[0], _const(args[1]))


@impl("contains")
def _contains(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.match_substring(args[0], _const(args[1]))


@impl("ascii")
def _ascii(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args, table.num_rows, lambda s: None if s is None else (ord(s[0]) if s else 0),
                   pa.int32())


@impl("repeat")
def _repeat(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.binary_repeat(args[0], pc.max_element_wise(args[1], 0))


# ------------------------------------------------------------------------------ dates


def _int32(fn: Callable) -> Impl:
    return lambda args, e, table, ctx: pc.cast(fn(args[0]), pa.int32())


IMPLEMENTATIONS["year"] = _int32(pc.year)
IMPLEMENTATIONS["month"] = _int32(pc.month)
IMPLEMENTATIONS["quarter"] = _int32(pc.quarter)
IMPLEMENTATIONS["dayofmonth"] = _int32(pc.day)
IMPLEMENTATIONS["dayofyear"] = _int32(pc.day_of_year)
IMPLEMENTATIONS["weekofyear"] = _int32(pc.iso_week)
IMPLEMENTATIONS["hour"] = _int32(pc.hour)
IMPLEMENTATIONS["minute"] = _int32(pc.minute)
IMPLEMENTATIONS["second"] = _int32(pc.second)
IMPLEMENTATIONS["dayofweek"] = _int32(
    lambda a: pc.day_of_week(a, count_from_zero=False, week_start=7))


def _days(a: Any) -> Any:
    return pc.cast(a, pa.int32())


@impl("date_add", "date_sub")
def _date_add(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = args[1] if e.spec.name == "date_add" else pc.negate(args[1])
    return pc.cast(pc.add(_days(args[0]), pc.cast(n, pa.int32())), pa.date32())


@impl("datediff")
def _datediff(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.subtract(_days(args[0]), _days(args[1]))


@impl("add_months")
def _add_months(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    import calendar

    def fn(d: Any, m: Any) -> Any:
        if d is None or m is None:
            return None
        total = d.year * 12 + d.month - 1 + m
        y, mo = divmod(total, 12)
        last = calendar.monthrange(y, mo + 1)[1]
        # Spark 3+: keep the day, clamped to the month's length (no snap to month end)
        return _dt.date(y, mo + 1, min(d.day, last))

    return _py_map(args, table.num_rows, fn, pa.date32())


@impl("last_day")
def _last_day(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    import calendar

    return _py_map(args, table.num_rows, lambda d: None if d is None else d.replace(
        day=calendar.monthrange(d.year, d.month)[1]), pa.date32())


def java_tokens(fmt: str) -> list[tuple[str, Any]]:
    """A Java DateTimeFormatter pattern as (letter, run length) and ("lit", text) tokens;
    'quoted' text is literal ('' is a quote)."""
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "'":
            j = fmt.find("'", i + 1)
            j = len(fmt) if j == -1 else j
            out.append(("lit", fmt[i + 1:j] or "'"))
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


def java_format(fmt: str) -> str:
    """The strptime format of a Java pattern, for parsing (to_date, to_timestamp, ...):
    single letters too ('yyyy-M-d' parses '2024-1-5')."""
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
            parts.append({"d": "%d", "H": "%H", "h": "%I", "m": "%M", "s": "%S", "S": "%f",
                          "a": "%p", "D": "%j"}.get(letter, letter * n))
    return "".join(parts)


def java_strftime(v: Any, fmt: str) -> str:
    """A date or datetime formatted with a Java pattern as Spark's date_format does
    ('M' is unpadded, 'SSS' is milliseconds, 'h' and 'a' a 12-hour clock)."""
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
        else:
            value = {"d": v.day, "D": v.timetuple().tm_yday, "H": v.hour,
                     "h": (v.hour % 12) or 12, "k": v.hour or 24, "K": v.hour % 12,
                     "m": v.minute, "s": v.second}.get(letter)
            out.append(letter * n if value is None else f"{value:0{n}d}")
    return "".join(out)


@impl("to_date")
def _to_date(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    src = e.args[0].data_type
    if isinstance(src, (T.DateType, T.TimestampType)) and len(args) == 1:
        return pc.cast(args[0], pa.date32())
    if len(args) == 1:
        from dfengine.functions.cast import cast_array

        return cast_array(args[0], T.StringType(), T.DateType())
    fmt = java_format(_const(args[1]))

    def fn(s: Any) -> Any:
        if s is None:
            return None
        try:
            return _dt.datetime.strptime(s, fmt).date()
        except ValueError:
            return None

    return _py_map(args[:1], table.num_rows, fn, pa.date32())


@impl("to_timestamp")
def _to_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    from dfengine.functions.cast import cast_array

    src = e.args[0].data_type
    if len(args) == 1:
        return cast_array(args[0], src, T.TimestampType())
    fmt = java_format(_const(args[1]))

    def fn(s: Any) -> Any:
        if s is None:
            return None
        try:
            return _dt.datetime.strptime(s, fmt)
        except ValueError:
            return None

    return _py_map(args[:1], table.num_rows, fn, pa.timestamp("us"))


@impl("date_format")
def _date_format(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    fmt = _const(args[1])
    if fmt is None:
        return pa.nulls(table.num_rows, pa.string())
    return _py_map(args[:1], table.num_rows, lambda d: None if d is None else java_strftime(
        d, fmt), pa.string())


@impl("trunc")
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


_DATE_TRUNC_UNITS = {"year": "year", "yyyy": "year", "yy": "year", "quarter": "quarter",
                     "month": "month", "mon": "month", "mm": "month", "week": "week",
                     "day": "day", "dd": "day", "hour": "hour", "minute": "minute",
                     "second": "second", "millisecond": "millisecond",
                     "microsecond": "microsecond"}


@impl("date_trunc")
def _date_trunc(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """date_trunc(unit, ts): the timestamp truncated to the unit (weeks start on Monday);
    NULL for an unknown unit, as in Spark."""
    unit = _DATE_TRUNC_UNITS.get(str(_const(args[0]) or "").lower())
    ts = args[1]
    if unit is None:
        return pa.nulls(table.num_rows, pa.timestamp("us"))
    return pc.floor_temporal(ts, unit=unit, week_starts_monday=True)


def _epoch_seconds(ts: Any) -> Any:
    """Whole seconds since the epoch, rounded down (timestamps are microseconds)."""
    micros = pc.cast(pc.cast(ts, pa.timestamp("us")), pa.int64())
    return pc.cast(pc.floor(pc.divide(pc.cast(micros, pa.float64()), 1_000_000.0)), pa.int64())


@impl("unix_timestamp")
def _unix_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    src = e.args[0].data_type
    x = args[0]
    if isinstance(src, T.DateType):
        return _epoch_seconds(pc.cast(x, pa.timestamp("us")))
    if isinstance(src, T.TimestampType):
        return _epoch_seconds(x)
    fmt = java_format(_const(args[1]) if len(args) > 1 else "yyyy-MM-dd HH:mm:ss")

    def fn(v: Any) -> Any:
        if v is None:
            return None
        try:
            d = _dt.datetime.strptime(v, fmt)
        except ValueError:
            return None
        return int((d - _dt.datetime(1970, 1, 1)).total_seconds() // 1)

    return _py_map([x], table.num_rows, fn, pa.int64())


@impl("from_unixtime")
def _from_unixtime(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    fmt = _const(args[1]) if len(args) > 1 else "yyyy-MM-dd HH:mm:ss"
    epoch = _dt.datetime(1970, 1, 1)
    return _py_map(args[:1], table.num_rows, lambda v: None if v is None else java_strftime(
        epoch + _dt.timedelta(seconds=v), fmt), pa.string())


@impl("interval_add")
def _interval_add(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """x + INTERVAL: months first (the day clamped to the month's length, the time of day
    kept), then days and microseconds."""
    x = args[0]
    months, days, micros = (int(_const(a) or 0) for a in args[1:4])
    to_date = isinstance(e.data_type, T.DateType)
    if months:
        if to_date:
            x = _add_months([x, pa.scalar(months, pa.int32())], e, table, ctx)
        else:
            ts = pc.cast(x, pa.timestamp("us"))
            day = pc.cast(ts, pa.date32())
            tod = pc.subtract(pc.cast(ts, pa.int64()),
                              pc.cast(pc.cast(day, pa.timestamp("us")), pa.int64()))
            moved = _add_months([day, pa.scalar(months, pa.int32())], e, table, ctx)
            x = pc.cast(pc.add(pc.cast(pc.cast(moved, pa.timestamp("us")), pa.int64()), tod),
                        pa.timestamp("us"))
    if to_date:
        if days:
            x = pc.cast(pc.add(_days(x), pa.scalar(days, pa.int32())), pa.date32())
        return x
    x = pc.cast(x, pa.timestamp("us"))
    shift = days * 86_400_000_000 + micros
    if shift:
        x = pc.cast(pc.add(pc.cast(x, pa.int64()), pa.scalar(shift, pa.int64())),
                    pa.timestamp("us"))
    return x


@impl("substring_index")
def _substring_index(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The part before the count-th delimiter (after the count-th from the end if negative)."""
    delim, count = _const(args[1]), _const(args[2])

    def fn(v: Any) -> Any:
        if v is None:
            return None
        if not delim or count == 0:
            return ""
        parts = v.split(delim)
        return delim.join(parts[:count] if count > 0 else parts[count:])

    return _py_map(args[:1], table.num_rows, fn, pa.string())


@impl("typeof")
def _typeof(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(e.args[0].data_type.simpleString(), pa.string())


@impl("weekday")
def _weekday(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """0 = Monday ... 6 = Sunday."""
    return pc.cast(pc.day_of_week(args[0], count_from_zero=True, week_start=1), pa.int32())


_DAY_NAMES = {"mo": 0, "mon": 0, "monday": 0, "tu": 1, "tue": 1, "tuesday": 1, "we": 2,
              "wed": 2, "wednesday": 2, "th": 3, "thu": 3, "thursday": 3, "fr": 4, "fri": 4,
              "friday": 4, "sa": 5, "sat": 5, "saturday": 5, "su": 6, "sun": 6, "sunday": 6}


@impl("next_day")
def _next_day(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The first date after d that falls on the named weekday (NULL for an unknown name)."""
    target = _DAY_NAMES.get(str(_const(args[1]) or "").strip().lower())

    def fn(d: Any) -> Any:
        if d is None or target is None:
            return None
        return d + _dt.timedelta(days=(target - d.weekday() - 1) % 7 + 1)

    return _py_map(args[:1], table.num_rows, fn, pa.date32())


@impl("make_date")
def _make_date(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    def fn(y: Any, m: Any, d: Any) -> Any:
        try:
            return None if None in (y, m, d) else _dt.date(y, m, d)
        except ValueError:
            return None  # Spark (non-ANSI): NULL for an invalid date

    return _py_map(args, table.num_rows, fn, pa.date32())


@impl("format_number")
def _format_number(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Java's DecimalFormat('#,##0.00...'): grouped thousands, `d` decimals rounded HALF_EVEN
    (Spark's default), NULL for a negative `d`."""
    d = _const(args[1])

    def fn(v: Any) -> Any:
        if v is None or d is None or d < 0:
            return None
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):  # noqa: PLR0124
            return "NaN" if v != v else ("-" if v < 0 else "") + "\u221e"  # noqa: PLR0124
        with _decimal.localcontext() as dctx:
            dctx.prec = 400
            q = _decimal.Decimal(repr(v) if isinstance(v, float) else v).quantize(
                _decimal.Decimal(1).scaleb(-d), rounding=_decimal.ROUND_HALF_EVEN)
        return f"{q:,.{d}f}"

    return _py_map(args[:1], table.num_rows, fn, pa.string())


@impl("current_date")
def _current_date(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(_dt.date.today(), pa.date32())


@impl("current_timestamp")
def _current_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(_dt.datetime.now(), pa.timestamp("us"))


@impl("months_between")
def _months_between(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    def fn(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        import calendar

        months = (a.year - b.year) * 12 + (a.month - b.month)
        last_a = a.day == calendar.monthrange(a.year, a.month)[1]
        last_b = b.day == calendar.monthrange(b.year, b.month)[1]
        if a.day == b.day or (last_a and last_b):
            return float(months)  # Spark: same day of month, or both month ends: whole months
        secs = ((a.day - b.day) * 86400 + (a.hour - b.hour) * 3600 + (a.minute - b.minute) * 60
                + (a.second - b.second))
        return round(months + secs / (31 * 86400), 8)

    return _py_map(args, table.num_rows, fn, pa.float64())


# ------------------------------------------------------------------------------- math


IMPLEMENTATIONS["abs"] = _unary(pc.abs)
IMPLEMENTATIONS["sqrt"] = _unary(pc.sqrt)
IMPLEMENTATIONS["exp"] = _unary(pc.exp)
IMPLEMENTATIONS["sin"] = _unary(pc.sin)
IMPLEMENTATIONS["cos"] = _unary(pc.cos)
IMPLEMENTATIONS["tan"] = _unary(pc.tan)
IMPLEMENTATIONS["signum"] = _unary(lambda a: pc.cast(pc.sign(a), pa.float64()))
IMPLEMENTATIONS["cbrt"] = _unary(lambda a: pc.power(a, 1.0 / 3.0))


def _positive_log(fn: Callable) -> Impl:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        x = args[-1]
        out = fn(x)
        bad = pc.less_equal(x, 0.0)
        if len(args) == 2:
            base = args[0]
            out = pc.divide(out, pc.ln(base))
            bad = pc.or_(bad, pc.less_equal(base, 0.0))
        return pc.if_else(bad, pa.scalar(None, pa.float64()), out)

    return run


IMPLEMENTATIONS["ln"] = _positive_log(pc.ln)
IMPLEMENTATIONS["log"] = _positive_log(pc.ln)
IMPLEMENTATIONS["log10"] = _positive_log(pc.log10)
IMPLEMENTATIONS["log2"] = _positive_log(pc.log2)
IMPLEMENTATIONS["pow"] = lambda args, e, table, ctx: pc.power(args[0], args[1])


@impl("floor", "ceil")
def _floor_ceil(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    fn = pc.floor if e.spec.name == "floor" else pc.ceil
    t = e.data_type
    x = args[0]
    if isinstance(t, T.DecimalType):
        if pa.types.is_decimal(x.type) and x.type.precision < 38:
            # one digit wider: ceil(99999999.99) = 100000000 does not fit decimal(10,2)
            x = pc.cast(x, pa.decimal128(x.type.precision + 1, x.type.scale))
        return to_decimal(fn(x), t)
    if pa.types.is_integer(x.type):
        return pc.cast(x, pa.int64())
    return float_to_int(fn(x), T.LongType(), pa.int64())  # saturates, as Spark's toLong


@impl("round", "bround")
def _round(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    scale = int(_const(args[1]) or 0) if len(args) > 1 else 0
    x = args[0]
    half_even = e.spec.name == "bround"
    t = e.data_type
    if isinstance(t, T.DecimalType):
        mode = "half_to_even" if half_even else "half_towards_infinity"
        return to_decimal(round_decimal(x, scale, mode), t)
    if pa.types.is_integer(x.type):
        if scale >= 0:
            return x
        mode = _decimal.ROUND_HALF_EVEN if half_even else _decimal.ROUND_HALF_UP
        q = _decimal.Decimal(1).scaleb(-scale)
        return _py_map([x], table.num_rows, lambda v: None if v is None else int(
            (_decimal.Decimal(v) / q).quantize(_decimal.Decimal(1), rounding=mode) * q), x.type)
    # Spark rounds the decimal representation of the double (so 2.675 -> 2.68).
    mode = _decimal.ROUND_HALF_EVEN if half_even else _decimal.ROUND_HALF_UP
    q = _decimal.Decimal(1).scaleb(-scale)

    def fn(v: Any) -> Any:
        if v is None or v != v or v in (float("inf"), float("-inf")):  # noqa: PLR0124 (NaN)
            return v
        with _decimal.localcontext() as dctx:
            dctx.prec = 400  # 1e300 rounded to 2 places has 303 digits
            return float(_decimal.Decimal(repr(v)).quantize(q, rounding=mode))

    return _py_map([x], table.num_rows, fn, x.type)


@impl("rand")
def _rand(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    seed = int(_const(args[0])) if args else 0
    rng = np.random.default_rng(seed + ctx.partition_index)
    return pa.array(rng.random(table.num_rows))


# ------------------------------------------------------------------ null handling


@impl("coalesce", "nvl", "ifnull")
def _coalesce(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    return pc.coalesce(*[_full(a, table.num_rows).cast(t) for a in args])


@impl("nullif")
def _nullif(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    eq = pc.fill_null(pc.equal(args[0], args[1]), False)
    return pc.if_else(eq, pa.scalar(None, to_arrow_type(e.data_type)), args[0])


@impl("nanvl")
def _nanvl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.if_else(pc.fill_null(pc.is_nan(args[0]), False), args[1], args[0])


@impl("greatest", "least")
def _greatest(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """NULLs are skipped; NaN is larger than every number (Arrow's element-wise max skips it,
    so a NaN argument makes greatest NaN here)."""
    greatest = e.spec.name == "greatest"
    fn = pc.max_element_wise if greatest else pc.min_element_wise
    out = fn(*args, skip_nulls=True)
    if greatest and pa.types.is_floating(out.type):
        nan = None
        for a in args:
            a_nan = pc.fill_null(pc.is_nan(a), False)
            nan = a_nan if nan is None else pc.or_(nan, a_nan)
        out = pc.if_else(nan, pa.scalar(float("nan"), out.type), out)
    return out


@impl("if")
def _if(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = to_arrow_type(e.data_type)
    return pc.if_else(pc.fill_null(args[0], False), _full(args[1], table.num_rows).cast(t),
                      _full(args[2], table.num_rows).cast(t))


# -------------------------------------------------------------------- collections


@impl("grouping", "grouping_id")
def _grouping(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    from dfengine.errors import AnalysisException

    raise AnalysisException(f"{e.name}() can only be used with GROUPING SETS, ROLLUP or CUBE.",
                            "UNSUPPORTED_GROUPING_EXPRESSION")


@impl("size")
def _size(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """-1 for a NULL array or map, as Spark's default (spark.sql.legacy.sizeOfNull)."""
    return pc.fill_null(pc.cast(pc.list_value_length(args[0]), pa.int32()), -1)


@impl("array_contains")
def _array_contains(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    value = _const(args[1])
    return _py_map(args[:1], table.num_rows,
                   lambda xs: None if xs is None else value in xs, pa.bool_())


@impl("element_at")
def _element_at(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    idx = _const(args[1])
    t = to_arrow_type(e.data_type)

    def fn(xs: Any) -> Any:
        if xs is None:
            return None
        if isinstance(xs, list):
            i = idx - 1 if idx > 0 else len(xs) + idx
            return xs[i] if 0 <= i < len(xs) else None
        return dict(xs).get(idx)

    return _py_map(args[:1], table.num_rows, fn, t)


@impl("array")
def _array(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args, table.num_rows, lambda *xs: list(xs), to_arrow_type(e.data_type))


@impl("get_field")
def _get_field(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.struct_field(args[0], _const(args[1]))


@impl("isnan")
def _isnan(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.fill_null(pc.is_nan(args[0]), False)


@impl("pmod")
def _pmod(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spark's pmod: a % b, moved into [0, |b|) when negative; NULL when b is 0."""
    from dfengine.functions.arrays import _fmod, _typed

    t = to_arrow_type(e.data_type)
    a, b = args
    if pa.types.is_decimal(t):
        a, b = a.cast(pa.float64()), b.cast(pa.float64())
    n = table.num_rows
    r = _fmod(a, b, a.type)
    # Spark: r = a % b; if r < 0 then (r + b) % b
    r = pc.if_else(pc.less(r, _typed(0, r.type)), _fmod(pc.add(r, b), b, a.type), r)
    r = r if r.type == t else r.cast(t)
    zero = pc.equal(_full(b, n), _typed(0, b.type))
    return pc.if_else(zero, pa.scalar(None, t), r)


@impl("normalize_float")
def _normalize_float(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    x = pc.add(args[0], pa.scalar(0.0, args[0].type))  # -0.0 + 0.0 == +0.0
    if _const(args[1]):
        x = pc.if_else(pc.fill_null(pc.is_nan(x), False), pa.scalar(0.0, x.type), x)
    return x


@impl("struct", "named_struct")
def _struct(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    st = e.data_type
    values = args if e.spec.name == "struct" else args[1::2]
    cols = [_full(a, table.num_rows) for a in values]
    cols = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in cols]
    return pa.StructArray.from_arrays(cols, names=[f.name for f in st.fields])


@impl("translate")
def _translate(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    src, dst = _const(args[1]) or "", _const(args[2]) or ""
    table_map = {ord(c): (dst[i] if i < len(dst) else None) for i, c in enumerate(src)}
    return _py_map(args[:1], table.num_rows, lambda s: None if s is None else
                   s.translate(table_map), pa.string())


@impl("monotonically_increasing_id")
def _mono_id(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    base = ctx.partition_index << 33
    return pa.array(np.arange(base, base + table.num_rows, dtype=np.int64))


@impl("spark_partition_id")
def _partition_id(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(ctx.partition_index, pa.int32())


# Spark's hash(): Murmur3 x86 32-bit, seed 42, each column hashed with the previous column's
# hash as its seed (a NULL leaves it unchanged), values as Spark lays them out. The engine's own
# key hash (kernels.hashing) gave different numbers, so hash(x) % n buckets did not match Spark.
_M = np.uint32(0xFFFFFFFF)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def _mix_k1(k1: np.ndarray) -> np.ndarray:
    k1 = k1 * np.uint32(0xCC9E2D51)
    return _rotl(k1, 15) * np.uint32(0x1B873593)


def _mix_h1(h1: np.ndarray, k1: np.ndarray) -> np.ndarray:
    h1 = _rotl(h1 ^ k1, 13)
    return h1 * np.uint32(5) + np.uint32(0xE6546B64)


def _fmix(h1: np.ndarray, length: Any) -> np.ndarray:
    h1 = h1 ^ np.asarray(length, dtype=np.uint32)
    h1 ^= h1 >> np.uint32(16)
    h1 *= np.uint32(0x85EBCA6B)
    h1 ^= h1 >> np.uint32(13)
    h1 *= np.uint32(0xC2B2AE35)
    return h1 ^ (h1 >> np.uint32(16))


def _hash_int(v: np.ndarray, seed: np.ndarray) -> np.ndarray:
    return _fmix(_mix_h1(seed, _mix_k1(v.astype(np.int64).astype(np.uint32))), 4)


def _hash_long(v: np.ndarray, seed: np.ndarray) -> np.ndarray:
    u = v.astype(np.int64).view(np.uint64)
    h1 = _mix_h1(seed, _mix_k1((u & np.uint64(0xFFFFFFFF)).astype(np.uint32)))
    h1 = _mix_h1(h1, _mix_k1((u >> np.uint64(32)).astype(np.uint32)))
    return _fmix(h1, 8)


def _hash_bytes(b: bytes, seed: int) -> int:
    """Murmur3_x86_32.hashUnsafeBytes: 4-byte little-endian words, then each tail byte (as a
    signed byte) on its own."""
    with np.errstate(over="ignore"):
        h1 = np.array([seed], dtype=np.uint32)
        n = len(b) - len(b) % 4
        if n:
            words = np.frombuffer(b[:n], dtype="<u4")
            for w in words:
                h1 = _mix_h1(h1, _mix_k1(np.array([w], dtype=np.uint32)))
        for x in b[n:]:
            signed = x - 256 if x > 127 else x
            h1 = _mix_h1(h1, _mix_k1(np.array([signed], dtype=np.int64).astype(np.uint32)))
        return int(_fmix(h1, len(b))[0])


def spark_hash_column(col: pa.Array, t: T.DataType, seed: np.ndarray) -> np.ndarray | None:
    """The running hash after `col`, or None for a type without a Spark layout here."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if isinstance(t, T.NullType):
        return seed
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    with np.errstate(over="ignore"):
        if isinstance(t, T.BooleanType):
            v = np.asarray(pc.fill_null(col, False).to_numpy(zero_copy_only=False)).astype(
                np.int64)
            out = _hash_int(v, seed)
        elif isinstance(t, (T.ByteType, T.ShortType, T.IntegerType, T.DateType)):
            v = np.asarray(pc.fill_null(col.cast(pa.int32()) if isinstance(t, T.DateType)
                                        else col, 0).to_numpy(zero_copy_only=False))
            out = _hash_int(v, seed)
        elif isinstance(t, (T.LongType, T.TimestampType)):
            v = np.asarray(pc.fill_null(col.cast(pa.int64()), 0).to_numpy(zero_copy_only=False))
            out = _hash_long(v, seed)
        elif isinstance(t, (T.FloatType, T.DoubleType)):
            f = np.asarray(pc.fill_null(col, 0.0).to_numpy(zero_copy_only=False))
            f = np.where(f == 0, 0.0, f).astype(np.float32 if isinstance(t, T.FloatType)
                                               else np.float64)  # -0.0 hashes as 0.0
            if isinstance(t, T.FloatType):
                bits = np.where(np.isnan(f), np.int32(0x7FC00000), f.view(np.int32))
                out = _hash_int(bits.astype(np.int64), seed)
            else:
                bits = np.where(np.isnan(f), np.int64(0x7FF8000000000000), f.view(np.int64))
                out = _hash_long(bits, seed)
        elif isinstance(t, T.DecimalType) and t.precision <= 18:
            unscaled = [0 if x is None else int(x.scaleb(t.scale)) for x in col.to_pylist()]
            out = _hash_long(np.array(unscaled, dtype=np.int64), seed)
        elif isinstance(t, (T.StringType, T.BinaryType, T.DecimalType)):
            out = seed.copy()
            for i, x in enumerate(col.to_pylist()):
                if x is None:
                    continue
                if isinstance(t, T.DecimalType):
                    n = int(x.scaleb(t.scale))
                    data = n.to_bytes((n.bit_length() + 8) // 8 or 1, "big", signed=True)
                else:
                    data = x.encode() if isinstance(x, str) else bytes(x)
                out[i] = _hash_bytes(data, int(seed[i]))
            return out
        else:
            return None
    return np.where(valid, out, seed)


@impl("hash")
def _hash(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    h = np.full(n, 42, dtype=np.uint32)
    for a, x in zip(e.args, args):
        got = spark_hash_column(_full(x, n), a.data_type, h)
        if got is None:  # nested types: the engine's own hash, not Spark's numbers
            from dfengine.kernels.hashing import hash_columns

            cols = [_full(y, n) for y in args]
            return pa.array(hash_columns(cols).astype(np.int32))
        h = got.astype(np.uint32)
    return pa.array(h.view(np.int32), pa.int32())
