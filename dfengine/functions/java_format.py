"""format_string / printf as Spark runs them: java.util.Formatter over Spark's internal values.

Spark hands the formatter its internal values, so `%d` takes a tinyint..bigint, a date (days
since the epoch) or a timestamp (microseconds), `%f`/`%e`/`%g` a float or double only (a
decimal is `org.apache.spark.sql.types.Decimal`, which Java refuses), `%s`/`%b`/`%h` anything,
and NULL prints `null` (`false` for `%b`). A conversion Java does not know, a missing argument,
or an argument of the wrong kind raise IllegalArgumentException with Java's message:

    format_string('%d', 'x')      d != org.apache.spark.unsafe.types.UTF8String
    format_string('%s %s', 'a')   Format specifier '%s'
    printf('%q', 1)               Conversion = 'q'
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.types.format import repr_double

# %[index$][flags][width][.precision][t]conversion, as java.util.Formatter's pattern
_SPEC = re.compile(r"%(\d+\$|<)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])")
_CONVERSIONS = set("bBhHsScCdoxXeEfgGaA%n")

# Arrow type -> (Java class name of Spark's internal value, kind)
_INTEGERS = {8: "java.lang.Byte", 16: "java.lang.Short", 32: "java.lang.Integer",
             64: "java.lang.Long"}


def java_class(t: pa.DataType) -> tuple[str, str]:
    if pa.types.is_integer(t):
        return _INTEGERS[t.bit_width], f"int{t.bit_width}"
    if pa.types.is_date(t):
        return "java.lang.Integer", "date"
    if pa.types.is_timestamp(t):
        return "java.lang.Long", "timestamp"
    if pa.types.is_floating(t):
        return ("java.lang.Float" if t.bit_width == 32 else "java.lang.Double"), "float"
    if pa.types.is_decimal(t):
        return "org.apache.spark.sql.types.Decimal", "decimal"
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "org.apache.spark.unsafe.types.UTF8String", "string"
    if pa.types.is_boolean(t):
        return "java.lang.Boolean", "bool"
    if pa.types.is_binary(t):
        return "[B", "binary"
    return "org.apache.spark.sql.catalyst.util.GenericArrayData", "other"


def _illegal(message: str) -> IllegalArgumentException:
    return IllegalArgumentException(message)


def parse(fmt: str) -> list[Any]:
    """Literal text and (index, flags, width, precision, conversion, text) specifiers;
    an unknown conversion raises as Java's UnknownFormatConversionException."""
    out: list[Any] = []
    pos, ordinary = 0, 0
    for m in _SPEC.finditer(fmt):
        if "%" in fmt[pos:m.start()]:
            bad = fmt[pos:m.start()].index("%") + pos
            raise _illegal(f"Conversion = '{fmt[bad + 1:bad + 2] or '%'}'")
        out.append(fmt[pos:m.start()])
        index, flags, width, prec, t, conv = m.groups()
        if t or conv not in _CONVERSIONS:
            raise _illegal(f"Conversion = '{(t or '') + conv}'")
        if conv in "%n":
            out.append("%" if conv == "%" else "\n")
        else:
            if index == "<":
                idx = -1
            elif index:
                idx = int(index[:-1]) - 1
            else:
                idx, ordinary = ordinary, ordinary + 1
            out.append((idx, flags or "", width, prec, conv, m.group(0)))
        pos = m.end()
    if "%" in fmt[pos:]:
        bad = fmt[pos:].index("%") + pos
        raise _illegal(f"Conversion = '{fmt[bad + 1:bad + 2] or '%'}'")
    out.append(fmt[pos:])
    return out


def _value_text(v: Any, kind: str) -> str:
    if kind == "float":
        return repr_double(v)
    if kind == "date":
        return str((v - _dt.date(1970, 1, 1)).days)
    if kind == "timestamp":
        return str(_micros(v))
    if kind == "bool":
        return "true" if v else "false"
    return str(v)


def _micros(v: Any) -> int:
    if isinstance(v, _dt.datetime):
        epoch = _dt.datetime(1970, 1, 1, tzinfo=v.tzinfo)
        d = v - epoch
        return (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds
    return int(v)


def _pad(text: str, flags: str, width: str | None) -> str:
    if width is None:
        return text
    return text.ljust(int(width)) if "-" in flags else text.rjust(int(width))


def _integer(v: Any, kind: str) -> int:
    if kind == "date":
        return (v - _dt.date(1970, 1, 1)).days
    if kind == "timestamp":
        return _micros(v)
    return int(v)


def _format_integer(v: Any, kind: str, spec: tuple) -> str:
    _, flags, width, prec, conv, text = spec
    if prec:
        raise _illegal(prec[1:])
    n = _integer(v, kind)
    if conv in "xXo":
        bits = {"int8": 8, "int16": 16, "int32": 32}.get(kind, 64)
        n = n & ((1 << bits) - 1) if n < 0 else n
        body = format(n, "x" if conv != "o" else "o")
        body = ("0x" if conv != "o" else "0") + body if "#" in flags else body
        body = body.upper() if conv == "X" else body
    else:
        body = format(abs(n), "," if "," in flags else "")
        sign = "-" if n < 0 else "+" if "+" in flags else " " if " " in flags else ""
        if n < 0 and "(" in flags:
            return _pad(f"({body})", flags, width)
        if "0" in flags and width:
            body = body.rjust(int(width) - len(sign), "0")
        body = sign + body
    return _pad(body, flags, width)


def _format_float(v: float, spec: tuple) -> str:
    _, flags, width, prec, conv, _text = spec
    if v != v or v in (float("inf"), float("-inf")):
        return _pad("NaN" if v != v else ("-" if v < 0 else "+" if "+" in flags else "")
                    + "Infinity", flags, width)
    p = int(prec[1:]) if prec else 6
    sign = "+" if "+" in flags else " " if " " in flags else ""
    group = "," if "," in flags else ""
    lower = conv.lower()
    if lower == "a":
        body = float(v).hex()
    elif lower == "g":
        body = format(v, f"{sign}{group}#.{max(p, 1)}g")
    else:
        body = format(v, f"{sign}{group}.{p}{lower}")
    if "0" in flags and width and "-" not in flags:
        neg = body[:1] in "+- " and body[:1]
        body = (neg or "") + body[len(neg or ""):].rjust(int(width) - len(neg or ""), "0")
    body = body.upper() if conv.isupper() else body
    return _pad(body, flags, width)


def _format_one(v: Any, kind: str, jclass: str, spec: tuple) -> str:
    _, flags, width, prec, conv, text = spec
    lower = conv.lower()
    if lower == "b":
        out = "false" if v is None else ("true" if kind != "bool" else _value_text(v, kind))
    elif v is None:
        out = "null"
    elif lower == "h":
        out = format(hash(v) & 0xFFFFFFFF, "x")
    elif lower == "s":
        out = _value_text(v, kind)
    elif lower == "c":
        if kind not in ("int8", "int16", "int32"):
            raise _illegal(f"{conv} != {jclass}")
        out = chr(int(v))
    elif conv in "doxX":
        if kind not in ("int8", "int16", "int32", "int64", "date", "timestamp"):
            raise _illegal(f"{conv} != {jclass}")
        return _format_integer(v, kind, spec)
    else:
        if kind != "float":
            raise _illegal(f"{conv} != {jclass}")
        return _format_float(float(v), spec)
    if prec and (lower in "bhs" or v is None):  # Java prints a NULL as "null", cut to it
        out = out[:int(prec[1:])]
    out = out.upper() if conv.isupper() else out
    return _pad(out, flags, width)


def format_row(parts: list[Any], values: tuple, kinds: list[tuple[str, str]]) -> str:
    out, last = [], -1
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        idx = last if part[0] == -1 else part[0]
        if idx < 0 or idx >= len(values):
            raise _illegal(f"Format specifier '{part[5]}'")
        last = idx
        jclass, kind = kinds[idx]
        out.append(_format_one(values[idx], kind, jclass, part))
    return "".join(out)
