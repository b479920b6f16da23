"""The zone letters of Java date patterns (X, x, Z, z, O, VV) for date_format and
from_unixtime: Spark formats them from the session time zone, the rest of the pattern from the
wall-clock time in it (java_strftime in datetime.py)."""

from __future__ import annotations

import datetime as _dt

from dfengine.functions.zone_shift import is_utc, tzinfo


def _offset_text(minutes: int, sep: str) -> str:
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}{sep}{m:02d}"


def _offset_field(letter: str, n: int, minutes: int) -> str:
    """X / x (ISO offsets; X prints Z for UTC), Z (RFC 822, GMT-08:00, -08:00), O (GMT-8)."""
    if letter in "Xx":
        if letter == "X" and minutes == 0:
            return "Z"
        if n == 1:
            text = _offset_text(minutes, "")
            return text[:3] if minutes % 60 == 0 else text
        return _offset_text(minutes, ":" if n in (3, 5) else "")
    if letter == "Z":
        if n == 4:
            return "GMT" if minutes == 0 else "GMT" + _offset_text(minutes, ":")
        if n == 5:
            return "Z" if minutes == 0 else _offset_text(minutes, ":")
        return _offset_text(minutes, "")
    if minutes == 0:
        return "GMT"
    if n == 4:
        return "GMT" + _offset_text(minutes, ":")
    h, m = divmod(abs(minutes), 60)
    return f"GMT{'-' if minutes < 0 else '+'}{h}" + (f":{m:02d}" if m else "")


def zone_text(letter: str, n: int, wall: _dt.datetime, zone: str) -> str:
    """One zone field of `wall` (a wall-clock time in `zone`), as java.time prints it."""
    zone = zone or "UTC"
    aware = wall.replace(tzinfo=tzinfo(zone), fold=0)
    if letter in "XxZO":
        offset = aware.utcoffset() or _dt.timedelta(0)
        return _offset_field(letter, n, int(offset.total_seconds() // 60))
    if letter == "V":
        return zone
    # z: the short name (PST, IST); an offset zone is named by its offset, UTC as UTC
    if is_utc(zone):
        return "UTC"
    return zone if zone[0] in "+-" else aware.tzname() or zone
