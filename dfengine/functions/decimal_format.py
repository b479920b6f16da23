"""format_number(x, '#,###.00'): Java's DecimalFormat pattern form, as Spark's FormatNumber
runs it: '0' a required digit, '#' an optional one, ',' the grouping (its size is the digits
after the last comma), the fraction rounded HALF_EVEN to the pattern's most digits and trailing
zeros dropped down to its required ones ('#,###.000' prints 1234.5 as 1,234.500)."""

from __future__ import annotations

import decimal
from typing import Any

from dfengine.errors import IllegalArgumentException


def decimal_format(v: Any, pattern: str) -> str:
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):  # noqa: PLR0124
        return "NaN" if v != v else ("-" if v < 0 else "") + "\u221e"  # noqa: PLR0124
    body = pattern.split(";")[0]
    integer, _, fraction = body.partition(".")
    if any(c not in "#0," for c in integer) or any(c not in "#0" for c in fraction):
        raise IllegalArgumentException(
            f"Malformed pattern \"{pattern}\" for format_number: use digits '0' and '#', ',' "
            "for grouping and one '.', e.g. '#,##0.00'.", "INVALID_PARAMETER_VALUE")
    min_int = integer.count("0")
    group = len(integer) - integer.rfind(",") - 1 if "," in integer else 0
    min_frac, max_frac = fraction.count("0"), len(fraction)
    x = decimal.Decimal(repr(v) if isinstance(v, float) else v)
    q = x.quantize(decimal.Decimal(1).scaleb(-max_frac), decimal.ROUND_HALF_EVEN)
    whole, _, frac = f"{abs(q):f}".partition(".")
    frac = frac.rstrip("0").ljust(min_frac, "0")
    whole = whole.lstrip("0").rjust(min_int, "0")
    if group:
        digits = whole
        parts = []
        while len(digits) > group:
            parts.insert(0, digits[-group:])
            digits = digits[:-group]
        whole = ",".join(([digits] if digits else []) + parts)
    sign = "-" if q < 0 else ""
    return f"{sign}{whole}{'.' + frac if frac else ''}"
