"""to_char / to_varchar: a number written with Spark's number format ('9,999.00', '$99.99',
'S999', '999MI', '999PR'), a date or timestamp with a datetime pattern (date_format), a binary
as 'base64', 'hex' or 'utf-8' text (Spark 4's ToCharacterBuilder dispatch).

Numbers follow Spark's ToNumberParser.format: the digits before the point are right-aligned
in the format's digit positions, padded with zeros when that run starts with 0 and with spaces
otherwise (a separator inside the padding is a space too); the fraction is rounded half up to
the format's digits; a value with more integer digits than the format has prints '#' in every
position."""

from __future__ import annotations

import decimal
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.functions.arrays import _const, _py_map
from dfengine.functions.number_format import _TOKEN, NumberFormat, parse_format
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import S


def format_with(value: decimal.Decimal, f: NumberFormat, fmt: str) -> str:
    negative = value < 0
    q = abs(value).quantize(decimal.Decimal(1).scaleb(-f.after), decimal.ROUND_HALF_UP)
    whole, _, frac = f"{q:f}".partition(".")
    whole = "" if whole == "0" and f.before and not f.exact else whole
    if len(whole) > f.before:
        return "#" * len(fmt)
    pad = f.before - len(whole)
    out, i, seen = [], 0, 0  # seen: digit positions before the point written so far
    point = False
    for m in _TOKEN.finditer(fmt):
        tok = m.group()
        if tok in "09" and not point:
            out.append(("0" if f.exact else " ") if seen < pad else whole[seen - pad])
            seen += 1
        elif tok in "09":
            out.append(frac[i] if i < len(frac) else "0")
            i += 1
        elif tok in ".D":
            point = True
            out.append(".")
        elif tok in ",G":
            out.append("," if seen > pad or f.exact else " ")
        elif tok == "$":
            out.append("$")
        elif tok == "S":
            out.append("-" if negative else "+")
        elif tok == "MI":
            out.append("-" if negative else " ")
    text = "".join(out)
    if f.sign == "PR":
        return f"<{text}>" if negative else text
    if negative and not f.sign:
        return "-" + text.lstrip()
    return text


def _to_char(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = e.args[0].data_type
    fmt = _const(args[1])
    if fmt is None:
        return pa.nulls(table.num_rows, pa.string())
    if isinstance(t, (T.DateType, T.TimestampType, T.TimestampNTZType)):
        from dfengine.functions.datetime import check_datetime_pattern, java_strftime
        from dfengine.functions.zone_shift import to_wall

        check_datetime_pattern(fmt, parsing=False)
        return _py_map([to_wall(args[0], e.zone) if isinstance(t, T.TimestampType)
                        else args[0]], table.num_rows,
                       lambda d: None if d is None else java_strftime(d, fmt, e.zone),
                       pa.string())
    if isinstance(t, T.BinaryType):
        return _binary_text(args[0], fmt.strip().lower(), table.num_rows)
    f = parse_format(fmt)
    return _py_map(args[:1], table.num_rows, lambda v: None if v is None else format_with(
        decimal.Decimal(repr(v) if isinstance(v, float) else v), f, fmt), pa.string())


def _binary_text(x: Any, fmt: str, n: int) -> Any:
    import base64

    fns = {"base64": lambda b: base64.b64encode(b).decode(), "hex": lambda b: b.hex().upper(),
           "utf-8": lambda b: b.decode("utf-8", errors="replace")}
    if fmt not in fns:
        raise AnalysisException(
            f"The format '{fmt}' of to_char on a binary is invalid: use 'base64', 'hex' or "
            "'utf-8'.", "INVALID_PARAMETER_VALUE.BINARY_FORMAT")
    return _py_map([x], n, lambda b: None if b is None else fns[fmt](b), pa.string())


def _inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    t = types[0]
    keep = isinstance(t, (T.DecimalType, T.DateType, T.TimestampType, T.TimestampNTZType,
                          T.BinaryType, T.NumericType))
    return [None if keep else T.DecimalType(38, 18), S]


define(
    Function("to_char", lambda t: S, _inputs, aliases=("to_varchar",), impl=_to_char,
             display={"to_varchar": "to_char"},
             null_intolerant=True, nullable_rule="inputs", arity=(2, 2),
             params="col, format", example="454, '999'"),
    family="string",
)
