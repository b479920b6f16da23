"""make_dt_interval(days, hours, mins, secs): a day-time interval (microseconds) from its
parts; seconds keep six fractional digits. Spark raises ARITHMETIC_OVERFLOW when the total
leaves the long range of microseconds."""

from __future__ import annotations

import decimal
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import ArithmeticException
from dfengine.functions.arrays import _py_map
from dfengine.functions.registry import Function, define

_UNIT_MICROS = (86_400_000_000, 3_600_000_000, 60_000_000)
_LONG = 2 ** 63


def _total(*parts: Any) -> Any:
    if any(p is None for p in parts):
        return None
    whole = sum(int(p) * m for p, m in zip(parts[:3], _UNIT_MICROS))
    micros = whole + (int(decimal.Decimal(parts[3]).scaleb(6).to_integral_value(
        decimal.ROUND_DOWN)) if len(parts) > 3 else 0)
    if not -_LONG <= micros < _LONG:
        raise ArithmeticException("long overflow in make_dt_interval: the interval exceeds "
                                  "the range of microseconds a day-time interval holds.",
                                  "ARITHMETIC_OVERFLOW")
    return micros


def _make(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    out = _py_map(args, table.num_rows, _total, pa.int64()) if args else pa.array(
        [0] * table.num_rows, pa.int64())
    return out.cast(pa.duration("us"))


define(
    Function("make_dt_interval", lambda types: T.DayTimeIntervalType(0, 3),
             lambda types: [T.IntegerType()] * min(len(types), 3) + [
                 T.DecimalType(18, 6)][:max(len(types) - 3, 0)],
             null_intolerant=True, nullable_rule="inputs", impl=_make, arity=(0, 4),
             shown_defaults={0: "0", 1: "0", 2: "0", 3: "0.000000"},
             params="days: col = 0, hours: col = 0, mins: col = 0, secs: col = 0",
             example="1, 12, 30, 01.001001"),
    family="datetime",
)
