"""Time-zone conversions and unit arithmetic on timestamps (to_utc_timestamp, convert_timezone,
timestampadd, timestampdiff, the _ltz/_ntz spellings of the timestamp constructors).

Timestamps are stored as UTC microseconds without a zone. from_utc_timestamp/to_utc_timestamp
shift that stored value between zones whatever the session zone (as Spark's do); Arrow's
zone-aware kernels do it per batch when the zone is a constant, Python's zoneinfo per row when
it is a column. The session zone reaches the other kernels stamped on the call (`e.zone`).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import zoneinfo
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import DateTimeException
from dfengine.functions.arrays import _const, _py_map
from dfengine.functions.datetime import _make_timestamp, _to_timestamp
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import INT, L, S, _ts_inputs, returns
from dfengine.functions.zone_shift import to_instant, to_wall, tzinfo, wall_now

TS, NTZ = T.TimestampType(), T.TimestampNTZType()
_US = pa.timestamp("us")

# java.time.ZoneId.SHORT_IDS: the three-letter ids Spark accepts besides region names.
_SHORT_IDS = {
    "ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
    "ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo",
    "BST": "Asia/Dhaka", "CAT": "Africa/Harare", "CNT": "America/St_Johns",
    "CST": "America/Chicago", "CTT": "Asia/Shanghai", "EAT": "Africa/Addis_Ababa",
    "ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis", "IST": "Asia/Kolkata",
    "JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan", "NST": "Pacific/Auckland",
    "PLT": "Asia/Karachi", "PNT": "America/Phoenix", "PRT": "America/Puerto_Rico",
    "PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh",
    "EST": "-05:00", "MST": "-07:00", "HST": "-10:00",
}
_OFFSET = re.compile(r"^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def zone_id(tz: str) -> str:
    """A zone name Arrow and zoneinfo understand, from any id Spark accepts."""
    tz = tz.strip()
    if tz.upper() in _SHORT_IDS:
        return _SHORT_IDS[tz.upper()]
    if tz.upper() in ("UTC", "GMT", "UT", "Z"):
        return "UTC"
    m = _OFFSET.match(tz)
    if m:
        return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise DateTimeException(
            f"The timezone: {tz} is invalid. The timezone must be either a region-based zone "
            "ID or a zone offset. Region IDs must have the form 'area/city', such as "
            "'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm' "
            "or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or '-13:33:33', and must be in the "
            "range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for "
            "'+00:00'.", "INVALID_TIMEZONE") from None
    return tz


def _tzinfo(tz: str) -> _dt.tzinfo:
    return tzinfo(zone_id(tz))


def _shift(ts: Any, tz: Any, to_utc: bool, n: int) -> Any:
    """Wall clock in `tz` -> UTC (to_utc) or UTC -> wall clock in `tz`."""
    ts = pc.cast(ts, _US)
    if isinstance(tz, pa.Scalar):
        if not tz.is_valid:
            return pa.nulls(n, _US)
        z = zone_id(tz.as_py())
        return to_instant(ts, z) if to_utc else to_wall(ts, z)

    def row(t: Any, z: Any) -> Any:
        if t is None or z is None:
            return None
        info = _tzinfo(z)
        if to_utc:
            return t.replace(tzinfo=info).astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return t.replace(tzinfo=_dt.timezone.utc).astimezone(info).replace(tzinfo=None)

    return _py_map([ts, tz], n, row, _US)


def _to_utc(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _shift(args[0], args[1], True, table.num_rows)


def _from_utc(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _shift(args[0], args[1], False, table.num_rows)


def _convert_timezone(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if len(args) == 2:  # the source zone defaults to the session zone stamped on the call
        args = [pa.scalar(e.zone or "UTC"), *args]
    source, target, ts = args
    return _shift(_shift(ts, source, True, table.num_rows), target, False, table.num_rows)


def _convert_render(e: Any) -> str:
    args = [a.sql() for a in e.args]
    if len(args) == 2:
        args.insert(0, "current_timezone()")
    return f"convert_timezone({', '.join(args)})"


# ---------------------------------------------------------------- timestampadd / timestampdiff

_MICROS = {"MICROSECOND": 1, "MILLISECOND": 1_000, "SECOND": 1_000_000, "MINUTE": 60_000_000,
           "HOUR": 3_600_000_000, "DAY": 86_400_000_000, "DAYOFYEAR": 86_400_000_000,
           "WEEK": 7 * 86_400_000_000}
_MONTHS = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}


def _unit(v: Any) -> str:
    unit = str(_const(v) or "").upper()
    if unit not in _MICROS and unit not in _MONTHS:
        from dfengine.errors import AnalysisException

        raise AnalysisException(
            f"Invalid unit '{unit}': use one of {', '.join([*_MICROS, *_MONTHS])}.",
            "INVALID_PARAMETER_VALUE.DATETIME_UNIT")
    return unit


def _add_months(t: _dt.datetime, months: int) -> _dt.datetime:
    y, m = divmod(t.year * 12 + t.month - 1 + months, 12)
    day = min(t.day, calendar.monthrange(y, m + 1)[1])
    return t.replace(year=y, month=m + 1, day=day)


def _timestampadd(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spark adds to the wall-clock time in the session zone (a DAY across a DST change is
    23 or 25 hours), then reads the result back as an instant."""
    unit, q, ts = _unit(args[0]), args[1], to_wall(pc.cast(args[2], _US), e.zone)
    if unit in _MICROS:
        micros = pc.multiply_checked(pc.cast(q, pa.int64()), _MICROS[unit])
        return to_instant(pc.cast(pc.add_checked(pc.cast(ts, pa.int64()), micros), _US), e.zone)
    step = _MONTHS[unit]
    wall = _py_map([ts, q], table.num_rows,
                   lambda t, k: None if t is None or k is None else _add_months(t, k * step), _US)
    return to_instant(wall, e.zone)


def _months_diff(a: _dt.datetime, b: _dt.datetime) -> int:
    """Whole months from a to b as Java's LocalDateTime.until(b, MONTHS), which Spark uses:
    b's date steps back a day when its time of day is before a's, then a month counts once
    b's day of month reaches a's."""
    end = b.date()
    if end > a.date() and b.time() < a.time():
        end -= _dt.timedelta(days=1)
    elif end < a.date() and b.time() > a.time():
        end += _dt.timedelta(days=1)
    start = a.date()
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def _timestampdiff(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    unit = _unit(args[0])
    start, end = (to_wall(pc.cast(a, _US), e.zone) for a in args[1:3])
    if unit in _MICROS:
        delta = pc.subtract_checked(pc.cast(end, pa.int64()), pc.cast(start, pa.int64()))
        unit_us = _MICROS[unit]
        return _py_map([delta], table.num_rows,
                       lambda d: None if d is None else int(d / unit_us), pa.int64())
    step = _MONTHS[unit]
    return _py_map([start, end], table.num_rows,
                   lambda a, b: None if a is None or b is None else int(_months_diff(a, b) / step),
                   pa.int64())


def _unit_render(e: Any) -> str:
    unit = str(getattr(e.args[0], "value", e.args[0].sql()))
    return f"{e.name}({', '.join([unit] + [a.sql() for a in e.args[1:]])})"


def _local_timestamp(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(wall_now(e.zone), _US)


define(
    Function("to_utc_timestamp", returns(TS), lambda t: [TS, S], null_intolerant=True,
             nullable_rule="inputs", impl=_to_utc, params="timestamp, tz: lit",
             example="TIMESTAMP'2024-01-02 03:04:05', 'Asia/Seoul'"),
    Function("from_utc_timestamp", returns(TS), lambda t: [TS, S], null_intolerant=True,
             nullable_rule="inputs", impl=_from_utc, params="timestamp, tz: lit",
             example="'2024-01-02 03:04:05', 'PST'"),
    Function("convert_timezone", returns(NTZ), lambda t: [S] * (len(t) - 1) + [NTZ],
             null_intolerant=True, impl=_convert_timezone, render_fn=_convert_render,
             arity=(2, 3), python_names=("convert_timezone",),
             example="'Europe/Brussels', 'America/Los_Angeles', TIMESTAMP'2021-12-06 00:00:00'"),
    Function("to_timestamp_ltz", returns(TS), _ts_inputs, null_intolerant=True,
             impl=_to_timestamp, params="timestamp, format = None",
             example="'2016-12-31 00:12:00'"),
    Function("to_timestamp_ntz", returns(NTZ), _ts_inputs, null_intolerant=True,
             impl=_to_timestamp, params="timestamp, format = None",
             example="'2016-12-31', 'yyyy-MM-dd'"),
    Function("make_timestamp_ltz", returns(TS),
             lambda t: [INT] * 5 + [T.DecimalType(16, 6)] + [S] * (len(t) - 6),
             impl=_make_timestamp, arity=(6, 7),
             params="years, months, days, hours, mins, secs, timezone = None",
             example="2014, 12, 28, 6, 30, 45.887, 'CET'"),
    Function("make_timestamp_ntz", returns(NTZ),
             lambda t: [INT] * 5 + [T.DecimalType(16, 6)], impl=_make_timestamp, arity=(6, 6),
             params="years, months, days, hours, mins, secs",
             example="2014, 12, 28, 6, 30, 45.887"),
    Function("localtimestamp", returns(NTZ), impl=_local_timestamp, nullable_rule="never",
             nondeterministic_time=True, arity=(0, 0), params="", example=""),
    Function("timestampadd", returns(TS), lambda t: [S, L, TS], impl=_timestampadd,
             null_intolerant=True, render_fn=_unit_render, arity=(3, 3),
             python_names=("timestamp_add",), params="unit: lit, quantity, ts"),
    Function("timestampdiff", returns(L), lambda t: [S, TS, TS], impl=_timestampdiff,
             null_intolerant=True, render_fn=_unit_render, arity=(3, 3),
             python_names=("timestamp_diff",), params="unit: lit, start, end"),
    family="datetime",
)
