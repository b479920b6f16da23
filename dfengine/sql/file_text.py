"""Values as Spark's JSON and CSV writers spell them, so a file written by dfengine reads back
(by dfengine or by Spark) as the same values Spark's own file would give:

- JSON: maps are objects with string keys (`{"k":1}`, never a list of pairs), struct fields
  and top-level columns that are NULL are left out (`ignoreNullFields`), NULLs inside arrays and
  maps stay `null`; doubles as Java prints them (`1.0E20`, `"NaN"`), decimals with their scale
  (`1.50`), binary as base64.
- Both: timestamps in ISO form with milliseconds and the zone (`2020-01-01T10:00:00.000Z`),
  timestamp_ntz without a zone.

    line = json_line(row_dict, schema, tz="UTC")
    cell = csv_cell(value, data_type, tz="UTC")
"""

from __future__ import annotations

import base64
import datetime as _dt
import decimal as _decimal
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from dfengine import types as T
from dfengine.types.format import format_value, repr_double


def timestamp_text(v: _dt.datetime, tz: str | None, ntz: bool = False) -> str:
    """Spark's default writer timestampFormat `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` (the zone
    omitted for timestamp_ntz); `v` is a naive UTC instant, shown in the session zone."""
    if not ntz:
        v = _in_zone(v, tz)
    text = v.strftime("%Y-%m-%dT%H:%M:%S") + f".{v.microsecond // 1000:03d}"
    if ntz:
        return text
    off = v.utcoffset() or _dt.timedelta(0)
    if not off:
        return text + "Z"
    sign = "-" if off < _dt.timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def wall_clock(v: _dt.datetime, tz: str | None) -> _dt.datetime:
    """The naive UTC instant `v` as the wall-clock time of zone `tz`."""
    return _in_zone(v, tz).replace(tzinfo=None)


def _in_zone(v: _dt.datetime, tz: str | None) -> _dt.datetime:
    if v.tzinfo is None:
        v = v.replace(tzinfo=_dt.timezone.utc)
    if tz and tz.upper() not in ("UTC", "Z", "GMT"):
        try:
            from zoneinfo import ZoneInfo

            return v.astimezone(ZoneInfo(tz))
        except (KeyError, ValueError):
            pass
    return v.astimezone(_dt.timezone.utc)


def _number(v: Any, dt: T.DataType | None) -> str:
    if isinstance(v, float):
        text = format_value(v, dt)
        return f'"{text}"' if text in ("NaN", "Infinity", "-Infinity") else text
    if isinstance(v, _decimal.Decimal):
        return format(v, "f")
    return str(v)


# the writer's dateFormat / timestampFormat / timestampNTZFormat options, set by the JSON
# writer around one file (`with datetime_patterns(options):`) so nested values use them too
_PATTERNS: ContextVar[dict[str, str] | None] = ContextVar("dfengine_datetime_patterns",
                                                          default=None)


@contextmanager
def datetime_patterns(options: dict[str, str]) -> Iterator[None]:
    keys = ("dateformat", "timestampformat", "timestampntzformat")
    token = _PATTERNS.set({k: options[k] for k in keys if options.get(k)})
    try:
        yield
    finally:
        _PATTERNS.reset(token)


def _patterned(v: Any, dt: T.DataType | None, tz: str | None) -> str | None:
    """`v` in the pattern option of its type, None when no pattern is set for it."""
    patterns = _PATTERNS.get()
    if not patterns:
        return None
    if isinstance(v, _dt.datetime):
        ntz = isinstance(dt, T.TimestampNTZType)
        pattern = patterns.get("timestampntzformat" if ntz else "timestampformat")
        if pattern is None:
            return None
        from dfengine.functions.datetime import java_strftime

        return java_strftime(v if ntz else wall_clock(v, tz), pattern, tz or "UTC")
    pattern = patterns.get("dateformat")
    if pattern is None:
        return None
    from dfengine.functions.datetime import java_strftime

    return java_strftime(v, pattern, tz or "UTC")


def json_text(v: Any, dt: T.DataType | None, tz: str | None) -> str:
    """One value as JSON text (NULL as `null`)."""
    if v is None:
        return "null"
    if isinstance(v, _dt.date) and (text := _patterned(v, dt, tz)) is not None:
        return json.dumps(text, ensure_ascii=False)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, _decimal.Decimal)):
        return _number(v, dt)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, _dt.datetime):
        return '"' + timestamp_text(v, tz, isinstance(dt, T.TimestampNTZType)) + '"'
    if isinstance(v, _dt.date):
        return f'"{v.isoformat()}"'
    if isinstance(v, (bytes, bytearray)):
        return '"' + base64.b64encode(bytes(v)).decode("ascii") + '"'
    if isinstance(dt, T.MapType):
        return _json_map(v, dt, tz)
    if isinstance(dt, T.StructType):
        return json_object(v, dt, tz)
    if isinstance(v, (list, tuple)):
        et = dt.elementType if isinstance(dt, T.ArrayType) else None
        return "[" + ",".join(json_text(x, et, tz) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)


def _json_map(v: Any, dt: T.MapType, tz: str | None) -> str:
    pairs = v.items() if isinstance(v, dict) else v  # Arrow gives a map as (key, value) pairs
    return "{" + ",".join(
        json.dumps(_key_text(k, dt.keyType, tz), ensure_ascii=False) + ":"
        + json_text(x, dt.valueType, tz) for k, x in pairs) + "}"


def _key_text(k: Any, dt: T.DataType, tz: str | None) -> str:
    if isinstance(k, str):
        return k
    return json.loads(json_text(k, dt, tz)) if isinstance(k, (_dt.date, bytes)) else (
        csv_cell(k, dt, tz))


def json_object(v: Any, dt: T.StructType, tz: str | None, keep_nulls: bool = False) -> str:
    """A struct (a dict, a Row or a tuple) as a JSON object; NULL fields are left out unless
    `keep_nulls` (the writer's ignoreNullFields=false)."""
    values = [v.get(f.name) for f in dt.fields] if isinstance(v, dict) else list(v)
    return "{" + ",".join(
        json.dumps(f.name, ensure_ascii=False) + ":" + json_text(x, f.dataType, tz)
        for f, x in zip(dt.fields, values) if x is not None or keep_nulls) + "}"


def json_line(row: dict, schema: T.StructType, tz: str | None, keep_nulls: bool = False) -> str:
    return json_object(row, schema, tz, keep_nulls)


def csv_cell(v: Any, dt: T.DataType | None, tz: str | None) -> str:
    """A non-NULL atomic value as Spark's CSV writer spells it."""
    if isinstance(v, str):
        return v
    if isinstance(v, _dt.datetime):
        return timestamp_text(v, tz, isinstance(dt, T.TimestampNTZType))
    if isinstance(v, float):
        return format_value(v, dt) if dt is not None else repr_double(v)
    return format_value(v, dt)
