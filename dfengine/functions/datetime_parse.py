"""Parsing text with a Java datetime pattern as Spark 4 does (java.time's DateTimeFormatter,
case-insensitive, the whole text consumed).

Python's strptime is lenient where java.time is strict, and that changed answers:
`to_date('2024-1-5', 'yyyy-MM-dd')` must fail (two letters read exactly two digits; one
letter reads one or two), and `yy` reads years 2000-2099 (strptime's pivot made '99' 1999).
So a pattern is compiled here into one regular expression with a group per field. Patterns
with letters this module does not read (zones, eras, day names) keep strptime.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS_SHORT = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_NUMERIC = set("dHhKkms")


def _field(letter: str, n: int) -> str | None:
    """The regex of one pattern letter repeated n times, or None if not read here."""
    if letter in "yu":
        return r"(\d{2})" if n == 2 else rf"(\d{{{n},9}})"
    if letter in "ML":
        if n <= 2:
            return r"(\d{1,2})" if n == 1 else r"(\d{2})"
        names = _MONTHS_SHORT if n == 3 else _MONTHS
        return "(" + "|".join(sorted(names, key=len, reverse=True)) + ")"
    if letter in _NUMERIC:
        return r"(\d{1,2})" if n == 1 else rf"(\d{{{n}}})"
    if letter == "D":
        return rf"(\d{{{n},3}})"
    if letter == "S":  # Spark reads a fraction of 1 up to n digits
        return rf"(\d{{1,{n}}})"
    if letter == "a":
        return "(am|pm)"
    return None


@functools.lru_cache(maxsize=128)
def _strptime_format(fmt: str) -> str:
    """The strptime form of a pattern with letters this module does not read (once each)."""
    from dfengine.functions.datetime import java_format

    return java_format(fmt)


@functools.lru_cache(maxsize=128)
def compile_pattern(fmt: str) -> tuple[re.Pattern, list[tuple[str, int]]] | None:
    """(the regex, the (letter, count) of each group), or None for strptime's path."""
    from dfengine.functions.datetime import check_datetime_pattern, java_tokens

    check_datetime_pattern(fmt, parsing=True)
    parts, fields = [], []
    for letter, n in java_tokens(fmt):
        if letter == "lit":
            parts.append(re.escape(n))
            continue
        rx = _field(letter, n)
        if rx is None:
            return None
        parts.append(rx)
        fields.append((letter, n))
    return re.compile("".join(parts), re.IGNORECASE | re.ASCII), fields


def parse(text: str, fmt: str) -> _dt.datetime | None:
    """The wall-clock datetime `text` holds under `fmt`, or None when it does not fit (or
    names a date that does not exist); missing fields default to 1970-01-01 00:00."""
    compiled = compile_pattern(fmt)
    if compiled is None:
        try:
            return _dt.datetime.strptime(text, _strptime_format(fmt))
        except ValueError:
            return None
    rx, fields = compiled
    m = rx.fullmatch(text)
    if m is None:
        return None
    v = _values(fields, m.groups())
    try:
        if "D" in v:
            return _dt.datetime(v["y"], 1, 1, v["H"], v["m"], v["s"], v["us"]) + _dt.timedelta(
                days=v["D"] - 1)
        return _dt.datetime(v["y"], v["M"], v["d"], v["H"], v["m"], v["s"], v["us"])
    except (ValueError, OverflowError):
        return None


def _values(fields: list[tuple[str, int]], groups: tuple) -> dict:
    """The matched fields as numbers (year, month, day, 24-hour clock, micros...)."""
    v = {"y": 1970, "M": 1, "d": 1, "H": 0, "m": 0, "s": 0, "us": 0}
    pm, twelve = None, None
    for (letter, n), g in zip(fields, groups):
        if letter in "yu":
            v["y"] = 2000 + int(g) if n == 2 else int(g)
        elif letter in "ML":
            v["M"] = int(g) if n <= 2 else (_MONTHS_SHORT if n == 3 else _MONTHS)[g.lower()]
        elif letter == "S":
            v["us"] = int(g.ljust(6, "0")[:6])
        elif letter == "a":
            pm = g.lower() == "pm"
        elif letter in "hK":
            twelve = int(g) % 12 if letter == "h" else int(g)
        else:
            v[letter] = int(g) % 24 if letter == "k" else int(g)
    if "k" in v:  # the 1-24 clock
        v["H"] = v.pop("k")
    if twelve is not None:
        v["H"] = twelve + (12 if pm else 0)
    elif pm and v["H"] < 12:
        v["H"] += 12
    return v
