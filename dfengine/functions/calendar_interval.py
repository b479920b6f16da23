"""make_interval / try_make_interval: Spark's CalendarIntervalType (months, days and
microseconds, kept apart because a month has no fixed length), stored as Arrow's
month_day_nano_interval; and an interval multiplied or divided by a number.

make_interval(years, months, weeks, days, hours, mins, secs) is (years * 12 + months,
weeks * 7 + days, hours/mins/secs in microseconds); a part past its int (long) range is
ARITHMETIC_OVERFLOW under ANSI, NULL otherwise and always NULL for try_make_interval.

interval * n and interval / n follow Spark's IntervalUtils.fromDoubles: each part is scaled
as a double, the months truncated (their fraction is dropped), the days truncated with their
fraction carried into the microseconds, which are rounded.
"""

from __future__ import annotations

import decimal
import math
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import ArithmeticException
from dfengine.functions.arrays import _py_map
from dfengine.functions.registry import Function, define

_INT = 2 ** 31
_LONG = 2 ** 63
_MICROS_PER_DAY = 86_400_000_000
_ARROW = pa.month_day_nano_interval()


def _overflow(what: str) -> ArithmeticException:
    return ArithmeticException(
        f"{what} overflows the interval's range (int months and days, long microseconds). "
        "Use try_make_interval / try_multiply / try_divide to get NULL instead, or set "
        '"spark.sql.ansi.enabled" to "false".', "ARITHMETIC_OVERFLOW")


def _interval(months: int, days: int, micros: int) -> tuple[int, int, int]:
    if not (-_INT <= months < _INT and -_INT <= days < _INT and -_LONG <= micros < _LONG):
        raise _overflow("The interval")
    return months, days, micros * 1000


def _parts(years: int = 0, months: int = 0, weeks: int = 0, days: int = 0, hours: int = 0,
           mins: int = 0, secs: Any = 0) -> tuple[int, int, int]:
    micros = int(decimal.Decimal(secs).scaleb(6).to_integral_value(decimal.ROUND_DOWN))
    return _interval(years * 12 + months, weeks * 7 + days,
                     hours * 3_600_000_000 + mins * 60_000_000 + micros)


def _make(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    lenient = e.spec.name == "try_make_interval" or not e.ansi

    def one(*values: Any) -> Any:
        if any(v is None for v in values):
            return None
        try:
            return _parts(*values)
        except ArithmeticException:
            if lenient:
                return None
            raise

    return _py_map(args, table.num_rows, one, _ARROW)


def _scaled(interval: Any, num: Any, divide: bool) -> tuple[int, int, int]:
    """Spark's multiplyExact / divideExact (IntervalUtils.fromDoubles)."""
    months, days, nanos = interval.months, interval.days, interval.nanoseconds
    x = float(num)
    if divide and x == 0:
        raise ArithmeticException(
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL "
            "instead.", "INTERVAL_DIVIDED_BY_ZERO")
    scale = (lambda v: v / x) if divide else (lambda v: v * x)
    m, d, us = scale(float(months)), scale(float(days)), scale(float(nanos // 1000))
    if not all(math.isfinite(v) for v in (m, d, us)):
        raise _overflow("The scaled interval")
    whole_days = math.trunc(d)
    micros = us + _MICROS_PER_DAY * (d - whole_days)
    return _interval(math.trunc(m), whole_days, math.floor(micros + 0.5))


def _arith(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """interval * n, interval / n; the third argument says whether a failure is NULL (try_
    and non-ANSI) or an error."""
    lenient = bool(args[2].as_py()) if isinstance(args[2], pa.Scalar) else True
    divide = e.spec.name == "divide_interval"

    def one(interval: Any, num: Any, _: Any) -> Any:
        if interval is None or num is None:
            return None
        try:
            return _scaled(interval, num, divide)
        except ArithmeticException:
            if lenient:
                return None
            raise

    return _py_map(args, table.num_rows, one, _ARROW)


def _render(name: str) -> Any:
    return lambda e: f"{name}({e.args[0].sql()}, {e.args[1].sql()})"


_CI = T.CalendarIntervalType
_SECS = T.DecimalType(18, 6)
_MAKE_PARAMS = ("years: col = 0, months: col = 0, weeks: col = 0, days: col = 0, "
                "hours: col = 0, mins: col = 0, secs: col = 0")


def _make_entry(name: str) -> Function:
    # no catalogue example: PySpark cannot collect an interval to compare with
    return Function(name, lambda types: _CI(),
                    lambda types: [T.IntegerType()] * min(len(types), 6) + [_SECS][
                        :max(len(types) - 6, 0)],
                    impl=_make, arity=(0, 7), nullable_rule="always",
                    shown_defaults={i: "0" for i in range(6)} | {6: "0.000000"},
                    params=_MAKE_PARAMS)


define(
    _make_entry("make_interval"),
    _make_entry("try_make_interval"),
    Function("multiply_interval", lambda types: _CI(), render_fn=_render("multiply_interval"),
             impl=_arith, public=False),
    Function("divide_interval", lambda types: _CI(), render_fn=_render("divide_interval"),
             impl=_arith, public=False),
    family="datetime",
)

