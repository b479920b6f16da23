"""Year-month intervals: `interval 1 year + interval 13 months`, `interval '1-2' year to month *
2`, make_ym_interval. A value is a whole number of months (int32). Spark's rules: sums and
products that leave the int range are ARITHMETIC_OVERFLOW whatever spark.sql.ansi.enabled
says, a product or quotient is rounded half up to whole months, and a division by zero is
INTERVAL_DIVIDED_BY_ZERO. (A date or timestamp plus one is `interval_add`, in datetime.py.)"""

from __future__ import annotations

import decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import ArithmeticException
from dfengine.functions.arrays import broadcast
from dfengine.functions.registry import Function, define

YM = T.YearMonthIntervalType
_INT32 = (-(2 ** 31), 2 ** 31 - 1)


def _overflow() -> ArithmeticException:
    return ArithmeticException("Integer overflow while operating with intervals. Use "
                               "`try_add` to tolerate overflow and return NULL instead.",
                               "INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION")


def _columns(args: list, n: int) -> list[pa.Array]:
    out = []
    for a in args:
        a = broadcast(a, n)
        out.append(a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a)
    return out


def _months(values: np.ndarray, valid: np.ndarray) -> pa.Array:
    """int32 months from exact integers, refusing what int32 cannot hold."""
    if valid.any() and (values[valid].min() < _INT32[0] or values[valid].max() > _INT32[1]):
        raise _overflow()
    return pa.array(np.where(valid, values, 0).astype(np.int32), mask=~valid)


def _ints(col: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    values = np.asarray(pc.fill_null(col.cast(pa.int64()), 0).to_numpy(zero_copy_only=False),
                        dtype=np.int64)  # int32 inputs: their sums and products fit
    return values, valid


def _sum_type(types: list) -> T.DataType:
    """The sum of two year-month intervals spans both types' fields (year + month: year to
    month)."""
    fields = [f for t in types if isinstance(t, YM) for f in (t.startField, t.endField)]
    return YM(min(fields), max(fields)) if fields else YM()


def _plus_minus(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    a, b = (_ints(c) for c in _columns(args, table.num_rows))
    sign = 1 if e.spec.name == "ym_plus" else -1
    return _months(a[0] + sign * b[0], a[1] & b[1])


def _make(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    cols = _columns(args, table.num_rows) if args else []
    years, yv = _ints(cols[0]) if cols else (np.zeros(table.num_rows, np.int64),
                                             np.ones(table.num_rows, bool))
    months, mv = _ints(cols[1]) if len(cols) > 1 else (np.zeros_like(years), np.ones_like(yv))
    return _months(years * 12 + months, yv & mv)


def _half_up(q: decimal.Decimal) -> int:
    return int(q.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def _scale(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """interval * n, interval / n: exact (decimal arithmetic), rounded half up."""
    months, n = _columns(args, table.num_rows)
    divide = e.spec.name == "ym_divide"
    out: list[int | None] = []
    for m, x in zip(months.to_pylist(), n.to_pylist()):
        if m is None or x is None:
            out.append(None)
            continue
        if divide and x == 0:
            raise ArithmeticException("Division by zero. Use `try_divide` to tolerate divisor "
                                      "being 0 and return NULL instead.",
                                      "INTERVAL_DIVIDED_BY_ZERO")
        if isinstance(x, float) and not np.isfinite(x):
            raise _overflow()
        d = decimal.Decimal(m)
        x = decimal.Decimal(x) if not isinstance(x, decimal.Decimal) else x
        with decimal.localcontext(decimal.Context(prec=80)):
            out.append(_half_up(d / x if divide else d * x))
    valid = np.array([v is not None for v in out], dtype=bool)
    if any(v is not None and not _INT32[0] <= v <= _INT32[1] for v in out):
        raise _overflow()
    return _months(np.array([v or 0 for v in out], dtype=np.int64), valid)


def _render(op: str) -> Any:
    return lambda e: f"({e.args[0].sql()} {op} {e.args[1].sql()})"


define(
    Function("ym_plus", _sum_type, render_fn=_render("+"), null_intolerant=True,
             impl=_plus_minus, public=False),
    Function("ym_minus", _sum_type, render_fn=_render("-"), null_intolerant=True,
             impl=_plus_minus, public=False),
    Function("ym_multiply", lambda types: YM(), render_fn=_render("*"), null_intolerant=True,
             impl=_scale, public=False),
    Function("ym_divide", lambda types: YM(), render_fn=_render("/"), null_intolerant=True,
             impl=_scale, public=False),
    Function("make_ym_interval", lambda types: YM(),
             lambda types: [T.IntegerType()] * len(types), null_intolerant=True,
             nullable_rule="inputs", impl=_make, arity=(0, 2),
             shown_defaults={0: "0", 1: "0"}, params="years: col = None, months: col = None"),
    family="datetime",
)
