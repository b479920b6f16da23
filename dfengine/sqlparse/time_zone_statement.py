"""`SET TIME ZONE ...` and `SET spark.sql.session.timeZone=...`, read from the raw text.

sqlglot does not know Spark's SET TIME ZONE, and it reads `timeZone=America/Los_Angeles` as a
division; Spark takes the text after `=` verbatim. Forms (Spark's SetTimeZoneCommand):

    SET TIME ZONE LOCAL                       -> the default zone
    SET TIME ZONE 'America/Los_Angeles'       -> a region id or an offset string
    SET TIME ZONE INTERVAL 3 HOURS            -> '+03:00' (also HOURS .. MINUTES and
    SET TIME ZONE INTERVAL '08:30' HOUR TO MINUTE)
"""

from __future__ import annotations

import re
from typing import Any

from dfengine.errors import ParseException

KEY = "spark.sql.session.timeZone"
_SET_TZ = re.compile(r"^\s*SET\s+TIME\s+ZONE\s+(.+?)\s*;?\s*$", re.IGNORECASE | re.DOTALL)
_SET_KEY = re.compile(r"^\s*SET\s+spark\.sql\.session\.timeZone\s*=\s*(.+?)\s*;?\s*$",
                      re.IGNORECASE | re.DOTALL)
_UNITS = re.compile(r"^INTERVAL\s+([+-]?\d+)\s+HOURS?(?:\s+([+-]?\d+)\s+MINUTES?)?$",
                    re.IGNORECASE)
_HH_MM = re.compile(r"^INTERVAL\s+'([+-]?)(\d{1,2}):(\d{2})'\s+HOUR\s+TO\s+MINUTE$",
                    re.IGNORECASE)


def _offset(total: int) -> str:
    """A zone offset id from minutes east of UTC ('Z' for none, as java.time names it)."""
    if abs(total) > 18 * 60:
        raise ParseException(
            f"[INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE] The interval value must "
            f"be in the range of [-18, +18] hours: {total} minutes.",
            "INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE")
    h, m = divmod(abs(total), 60)
    return "Z" if total == 0 else f"{'-' if total < 0 else '+'}{h:02d}:{m:02d}"


def _zone_of(spec: str) -> str | None:
    """The zone id a SET TIME ZONE names; None for LOCAL (the session's default)."""
    if spec.upper() == "LOCAL":
        return None
    if spec[:1] in "'\"" and spec[-1:] == spec[:1]:
        return spec[1:-1]
    m = _UNITS.match(spec)
    if m:
        return _offset(int(m.group(1)) * 60 + int(m.group(2) or 0))  # -3 HOURS 30 MINUTES: -2:30
    m = _HH_MM.match(spec)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return _offset(sign * (int(m.group(2)) * 60 + int(m.group(3))))
    raise ParseException(
        f"[PARSE_SYNTAX_ERROR] Syntax error at or near '{spec}': write SET TIME ZONE LOCAL, "
        "SET TIME ZONE 'America/Los_Angeles' or SET TIME ZONE INTERVAL 3 HOURS.",
        "PARSE_SYNTAX_ERROR")


def time_zone_statement(session: Any, text: str) -> Any:
    """The key/value DataFrame of a time-zone SET, or None when `text` is another statement."""
    m = _SET_TZ.match(text)
    if m:
        zone = _zone_of(m.group(1).strip())
        if zone is None:
            session.conf.unset(KEY)
            zone = str(session.conf.get(KEY))
    else:
        m = _SET_KEY.match(text)
        if not m:
            return None
        zone = m.group(1).strip().strip("'\"")
    return session._table_commands.set_conf(KEY, zone)
