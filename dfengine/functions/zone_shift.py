"""Between instants and wall-clock times in the session time zone, on Arrow arrays.

A TIMESTAMP is an instant (UTC microseconds, stored as a zone-less Arrow `timestamp("us")`);
the session time zone only decides how it reads as a date and time of day. Spark carries the
zone in each TimeZoneAwareExpression (`timeZoneId`); here `plan/time_zone.py` stamps it onto
the casts and functions that need it, and their kernels call `to_wall` (instant -> wall clock,
for hour(), date_format, cast to string or date) or `to_instant` (wall clock -> instant, for
parsing strings, dates and make_timestamp). An empty zone means UTC: both are then no-ops, so
a UTC session pays nothing.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T

_US = pa.timestamp("us")
_UTC = ("", "UTC", "+00:00", "-00:00", "Z")


def is_utc(zone: str | None) -> bool:
    return zone is None or zone in _UTC


def session_zone() -> str:
    """The driver's session zone: for values made outside a stamped plan (typed literals
    while parsing SQL, show())."""
    from dfengine.functions.environment import SESSION

    return SESSION["timezone"]


# Arrow's time-zone database holds the transitions up to 2037 only (no POSIX rule for later
# years: Los Angeles stays on PST in July 2040); java.time and zoneinfo apply the rule. Times
# from here on take zoneinfo's offset, computed once per quarter hour they fall in (zone
# transitions fall on quarter hours), so dense data costs a few Python calls per hour.
# 2037-01-01 as epoch microseconds (kept an int: a timestamp scalar made at import time
# imports pandas, which a first query must not load).
_FAR_US = 2_114_380_800_000_000
_QUARTER = 15 * 60 * 1_000_000
_UTC_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_EPOCH = _dt.datetime(1970, 1, 1)


def _offset_us(info: _dt.tzinfo, micros: int, wall: bool) -> int:
    """zoneinfo's UTC offset at an instant, or (`wall`) at a wall-clock time with fold=0."""
    t = _dt.timedelta(microseconds=micros)
    aware = (_EPOCH + t).replace(tzinfo=info, fold=0) if wall else (_UTC_EPOCH + t).astimezone(
        info)
    return int(aware.utcoffset() // _dt.timedelta(microseconds=1))


def _far_rows(arr: Any, zone: str, out: Any, wall: bool) -> Any:
    """`out` with the rows of `arr` past 2037 shifted by zoneinfo's offset: + for an instant
    to its wall clock, - for a wall clock (`wall`) to its instant."""
    import numpy as np

    if zone[0] in "+-":
        return out
    info, sign = tzinfo(zone), -1 if wall else 1
    if isinstance(arr, pa.Scalar):
        if not arr.is_valid:
            return out
        v = arr.cast(pa.int64()).as_py()
        if v < _FAR_US:
            return out
        return pa.scalar(v + sign * _offset_us(info, v, wall), pa.int64()).cast(_US)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    far = pc.fill_null(pc.greater_equal(pc.cast(arr, pa.int64()), _FAR_US), False)
    if not pc.any(far).as_py():
        return out
    rows = np.nonzero(far.to_numpy(zero_copy_only=False))[0]
    micros = pc.cast(arr, pa.int64()).to_numpy(zero_copy_only=False)[rows].astype(np.int64)
    quarters, where = np.unique(micros // _QUARTER, return_inverse=True)
    offsets = np.array([_offset_us(info, int(q) * _QUARTER, wall) for q in quarters],
                       dtype=np.int64)[where]
    if isinstance(out, pa.ChunkedArray):
        out = out.combine_chunks()
    values = pc.cast(pc.fill_null(pc.cast(out, pa.int64()), 0), pa.int64()).to_numpy(
        zero_copy_only=False).copy()
    values[rows] = micros + sign * offsets
    return pa.array(values, pa.int64(), mask=pc.is_null(out).to_numpy(
        zero_copy_only=False)).cast(_US)


def to_wall(ts: Any, zone: str | None) -> Any:
    """Instants -> wall-clock times in `zone` (zone-less `timestamp("us")`)."""
    if is_utc(zone):
        return ts
    ts = pc.cast(ts, _US)
    out = pc.local_timestamp(pc.cast(ts, pa.timestamp("us", zone)))
    return _far_rows(ts, zone, out, wall=False)


def to_instant(wall: Any, zone: str | None) -> Any:
    """Wall-clock times in `zone` -> instants, resolved as java.time does (Spark's
    ZonedDateTime.of): a time in a spring-forward gap moves later by the gap's length
    (02:30 -> 03:30), a time in a fall-back overlap takes the earlier instant. Both are
    `wall - offset before the transition`: Arrow's "earliest" gives that offset as
    `local(e) - e` (its gap answer is the last microsecond before the gap)."""
    if is_utc(zone):
        return wall
    wall = pc.cast(wall, _US)
    e = pc.assume_timezone(wall, zone, ambiguous="earliest", nonexistent="earliest")
    back = pc.cast(pc.local_timestamp(e), pa.int64())
    e = pc.cast(pc.cast(e, _US), pa.int64())
    micros = pc.subtract(pc.cast(wall, pa.int64()), pc.subtract(back, e))
    return _far_rows(wall, zone, pc.cast(micros, _US), wall=True)


def tzinfo(zone: str | None) -> _dt.tzinfo:
    """A Python tzinfo for a normalized zone id ('UTC', '+05:30', 'America/Los_Angeles')."""
    import zoneinfo

    if is_utc(zone):
        return _dt.timezone.utc
    if zone[0] in "+-":
        sign = 1 if zone[0] == "+" else -1
        return _dt.timezone(sign * _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return zoneinfo.ZoneInfo(zone)


def wall_now(zone: str | None) -> _dt.datetime:
    """The current wall-clock time in `zone` (current_date, localtimestamp)."""
    return _dt.datetime.now(tzinfo(zone)).replace(tzinfo=None)


def has_timestamp(dt: T.DataType) -> bool:
    """TIMESTAMP at the top level or inside structs and arrays."""
    if isinstance(dt, T.StructType):
        return any(has_timestamp(f.dataType) for f in dt.fields)
    if isinstance(dt, T.ArrayType):
        return has_timestamp(dt.elementType)
    return isinstance(dt, T.TimestampType)


def walled(arr: pa.Array, dt: T.DataType, zone: str) -> pa.Array:
    """`arr` with every TIMESTAMP in it (top level, struct fields, array elements) as a
    wall-clock time in `zone`: show(), toPandas() and casts of nested values to string."""
    if isinstance(dt, T.TimestampType):
        return to_wall(arr, zone)
    if isinstance(arr, pa.Scalar):
        return walled(pa.array([arr.as_py()], arr.type), dt, zone)[0]
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if isinstance(dt, T.StructType) and isinstance(arr, pa.StructArray):
        kids = [walled(arr.field(j), f.dataType, zone) for j, f in enumerate(dt.fields)]
        return pa.StructArray.from_arrays(kids, names=[arr.type.field(j).name for j in range(
            arr.type.num_fields)], mask=arr.is_null() if arr.null_count else None)
    if isinstance(dt, T.ArrayType) and isinstance(arr, pa.ListArray):
        offsets = pc.subtract(arr.offsets, arr.offsets[0])
        inner = walled(arr.values.slice(arr.offsets[0].as_py(), offsets[-1].as_py()),
                        dt.elementType, zone)
        return pa.ListArray.from_arrays(offsets, inner,
                                        mask=arr.is_null() if arr.null_count else None)
    return arr
