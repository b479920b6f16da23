"""to_number / try_to_number: strings read with Spark's number format ('$99.99', '999,999',
'S999.99', '999MI', '999PR'), giving DECIMAL(digits, digits after the point).

The format decides the result type, so it must be a literal. A string that does not fit the
format is an error for to_number and NULL for try_to_number (Spark's ToNumberParser).
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions.arrays import _const, _py_map
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import S

_TOKEN = re.compile(r"[09]|[.D]|[,G]|\$|S|MI|PR")


@dataclass(frozen=True)
class NumberFormat:
    before: int  # digits before the decimal point
    after: int  # digits after it
    point: bool
    groups: bool
    dollar: bool
    sign: str  # "", "S<" / "S>" (S before/after the digits), "MI<" / "MI>", "PR"
    sizes: tuple[int, ...]  # the digit groups before the point, between separators
    exact: bool  # the digits before the point start with 0: the input has exactly that many

    @property
    def data_type(self) -> T.DecimalType:
        return T.DecimalType(max(self.before + self.after, 1), self.after)


def parse_format(fmt: Any) -> NumberFormat:
    """The parts of a number format; anything else in it is Spark's INVALID_FORMAT."""
    if not isinstance(fmt, str) or not fmt:
        raise AnalysisException(f"The format of to_number must be a non-empty string literal, "
                                f"got {fmt!r}.", "INVALID_FORMAT.EMPTY")
    pos, before, after, point, groups, dollar, sign = 0, 0, 0, False, False, False, ""
    sizes, exact = [0], False
    while pos < len(fmt):
        m = _TOKEN.match(fmt, pos)
        if m is None:
            raise AnalysisException(f"The format is invalid: '{fmt}'. Unexpected character at "
                                    f"position {pos + 1}.", "INVALID_FORMAT.UNEXPECTED_TOKEN")
        tok, pos = m.group(), m.end()
        if tok in "09":
            exact = exact or (tok == "0" and before == 0 and not point)
            after, before = (after + 1, before) if point else (after, before + 1)
            sizes[-1] += 0 if point else 1
        elif tok in ".D":
            point = True
        elif tok in ",G":
            groups = True
            sizes.append(0)
        elif tok == "$":
            dollar = True
        else:
            sign = tok + ("<" if before + after == 0 else ">") if tok != "PR" else tok
    return NumberFormat(before, after, point, groups, dollar, sign, tuple(sizes), exact)


def _groups_fit(whole: str, f: NumberFormat) -> bool:
    """Spark matches digit groups from the right: each input group but the first has its
    format group's size, the first at most that size."""
    parts = whole.split(",")
    if len(parts) > len(f.sizes) or any(not p for p in parts[1:]):
        return False
    sizes = f.sizes[len(f.sizes) - len(parts):]
    return len(parts[0]) <= sizes[0] and all(
        len(p) == n for p, n in zip(parts[1:], sizes[1:], strict=True))


def _strip_sign(s: str, f: NumberFormat) -> tuple[str, bool] | None:
    if f.sign == "PR":
        return (s[1:-1], True) if s.startswith("<") and s.endswith(">") else (s, False)
    if f.sign in ("S<", "MI<") and s[:1] in "+-" and s:
        return s[1:], s[0] == "-"
    if f.sign in ("S>", "MI>") and s[-1:] in "+-" and s:
        return s[:-1], s[-1] == "-"
    return s, False


def read_number(s: str, f: NumberFormat) -> decimal.Decimal | None:
    """The value of `s` under format `f`, or None when it does not fit."""
    stripped = _strip_sign(s, f)
    if stripped is None:
        return None
    s, negative = stripped
    if f.dollar:
        if "$" not in s:
            return None
        s = s.replace("$", "", 1)
    m = re.fullmatch(r"([\d,]*)(?:(\.)(\d*))?" if f.groups else r"(\d*)(?:(\.)(\d*))?", s)
    if m is None or not (m.group(1) or m.group(3)) or (m.group(2) and not f.point):
        return None
    if f.groups and not _groups_fit(m.group(1), f):
        return None
    whole, frac = m.group(1).replace(",", ""), m.group(3) or ""
    if len(whole) > f.before or len(frac) > f.after or (f.exact and len(whole) != f.before):
        return None
    value = decimal.Decimal(f"{whole or 0}.{frac or 0}").quantize(decimal.Decimal(1).scaleb(
        -f.after))
    return -value if negative else value


def _result_type(args: tuple) -> T.DataType:
    return parse_format(getattr(args[1], "value", None)).data_type


def _to_number(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    f = parse_format(_const(args[1]))
    lenient = e.spec.name == "try_to_number"

    def fn(s: Any) -> Any:
        if s is None:
            return None
        value = read_number(s, f)
        if value is None and not lenient:
            raise SparkRuntimeException(
                f"[INVALID_FORMAT.MISMATCH_INPUT] The input '{s}' does not match the format "
                f"'{_const(args[1])}'. Use try_to_number to get NULL instead.",
                "INVALID_FORMAT.MISMATCH_INPUT")
        return value

    t = e.data_type
    return _py_map(args[:1], table.num_rows, fn, pa.decimal128(t.precision, t.scale))


define(
    Function("to_number", lambda t: T.NullType(), lambda t: [S, S], result_from_args=_result_type,
             impl=_to_number, arity=(2, 2), params="col, format", example="'$78.12', '$99.99'"),
    Function("try_to_number", lambda t: T.NullType(), lambda t: [S, S],
             result_from_args=_result_type, impl=_to_number, arity=(2, 2), params="col, format",
             example="'$78.12', '$99.99'"),
    family="string",
)
