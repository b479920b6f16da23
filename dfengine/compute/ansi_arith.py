"""Arithmetic in ANSI mode (Spark 4's default) and in the try_* functions' mode.

    2147483647 + 1    ArithmeticException [ARITHMETIC_OVERFLOW]   (try_add: NULL)
    1 / 0, 1 div 0    ArithmeticException [DIVIDE_BY_ZERO]        (try_divide: NULL)
    1 % 0             ArithmeticException [REMAINDER_BY_ZERO]     (try_mod: NULL)

The legacy result is computed first (integers wrapped, NULL for a zero divisor); the rows
where it is wrong are then found with Arrow's checked kernels (or, for decimals, where the
legacy result lost a value) and either raise or become NULL. Errors only count on the rows in
the context's guard (the branch of a CASE really taken).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import errors
from dfengine import types as T
from dfengine.functions.ansi_cast import any_true, guarded
from dfengine.functions.arrays import _typed
from dfengine.plan import expressions as E
from dfengine.types import to_arrow_type

_CHECKED = {"+": pc.add_checked, "-": pc.subtract_checked, "*": pc.multiply_checked}
_TRY_NAME = {"+": "try_add", "-": "try_subtract", "*": "try_multiply"}


def checked_arith(e: E.BinaryArithmetic, a: Any, b: Any, guard: Any) -> Any:
    from dfengine.compute.evaluate import legacy_arith

    rt = e.data_type
    out = legacy_arith(e.op, a, b, rt)
    bad, error = _failures(e.op, a, b, out, rt)
    if bad is None:
        return out
    if e.mode == "try":
        null = pa.scalar(None, to_arrow_type(rt))
        if isinstance(bad, pa.Scalar):
            return null if bad.as_py() else out
        return pc.if_else(pc.fill_null(bad, False), null, out)
    if any_true(guarded(bad, guard)):
        raise error()
    return out


def _failures(op: str, a: Any, b: Any, out: Any, rt: T.DataType) -> tuple[Any, Any]:
    if op in ("/", "div", "%"):
        zero = pc.equal(b, _typed(0, b.type))
        valid = pc.and_(pc.is_valid(a), zero)
        if op == "%":
            return valid, _remainder_by_zero
        if op == "div" and not any_true(valid) and pa.types.is_int64(out.type):
            smallest = pa.scalar(-(2 ** 63), pa.int64())
            wraps = pc.and_(pc.equal(a, smallest), pc.equal(b, _typed(-1, b.type)))
            return wraps, lambda: errors.arithmetic_overflow("long overflow", "try_divide")
        return valid, errors.divide_by_zero
    if isinstance(rt, T.DecimalType):
        if getattr(out, "null_count", None) == 0:  # no NULL, so no value was lost
            return None, None
        lost = pc.and_(pc.and_(pc.is_valid(a), pc.is_valid(b)), pc.is_null(out))
        return lost, lambda: errors.decimal_out_of_range(
            "the result", rt.precision, rt.scale)
    if not isinstance(rt, T.IntegralType):
        return None, None
    try:
        _CHECKED[op](a, b)
        return None, None
    except pa.ArrowInvalid:
        pass
    rows = _overflow_rows(op, a, b)
    if isinstance(rt, (T.ByteType, T.ShortType)):
        return rows, lambda: _small_overflow(op, a, b, rows, rt)
    return rows, lambda: errors.arithmetic_overflow(
        "integer overflow" if not isinstance(rt, T.LongType) else "long overflow",
        _TRY_NAME[op])


def _small_overflow(op: str, a: Any, b: Any, rows: Any, rt: T.DataType) -> Exception:
    """A TINYINT / SMALLINT result out of range: Spark's BINARY_ARITHMETIC_OVERFLOW names the
    operands as shorts, a TINYINT's too (`127S + 1S caused overflow`)."""
    first = 0 if isinstance(rows, pa.Scalar) else rows.to_pylist().index(True)
    x, y = ((v.as_py() if isinstance(v, pa.Scalar) else v[first].as_py()) for v in (a, b))
    return errors.ArithmeticException(
        f"{x}S {op} {y}S caused overflow. Use `{_TRY_NAME[op]}` to ignore "
        "overflow problem and return NULL.", "BINARY_ARITHMETIC_OVERFLOW")


def _overflow_rows(op: str, a: Any, b: Any) -> Any:
    """Rows where the exact result leaves the type, found with Python integers: only run
    when Arrow's checked kernel said some row overflows (rare, so the slow path is fine)."""
    import operator

    t = a.type if not isinstance(a, pa.Scalar) else b.type
    limit = 2 ** (t.bit_width - 1)
    fn = {"+": operator.add, "-": operator.sub, "*": operator.mul}[op]
    la = [a.as_py()] if isinstance(a, pa.Scalar) else a.to_pylist()
    lb = [b.as_py()] if isinstance(b, pa.Scalar) else b.to_pylist()
    n = max(len(la), len(lb))
    la, lb = (la * n if len(la) == 1 else la), (lb * n if len(lb) == 1 else lb)
    flags = [x is not None and y is not None and not -limit <= fn(x, y) < limit
             for x, y in zip(la, lb)]
    return pa.array(flags, pa.bool_()) if n > 1 or not isinstance(a, pa.Scalar) else (
        pa.scalar(flags[0]))


def _remainder_by_zero() -> errors.ArithmeticException:
    return errors.ArithmeticException(
        "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL "
        "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this "
        "error.", "REMAINDER_BY_ZERO")


def check_negate(v: Any, guard: Any) -> None:
    """-x overflows only for the type's smallest value (-(-2147483648) is not an int)."""
    smallest = -(2 ** (v.type.bit_width - 1))
    if any_true(guarded(pc.equal(v, pa.scalar(smallest, v.type)), guard)):
        raise errors.arithmetic_overflow(f"-({smallest})", "try_subtract")
