"""ANSI behaviour of catalogue functions, kept beside the evaluator so the function
implementations stay the legacy ones:

- `coalesce`/`nvl`/`ifnull` evaluate an argument only for rows where all earlier ones are
  NULL (Spark's lazy evaluation: `coalesce(x, 1/0)` never divides when x is set);
- under ANSI, `element_at(array, i)` / `array[i]` past the end raise
  ArrayIndexOutOfBoundsException [INVALID_ARRAY_INDEX_IN_ELEMENT_AT]; index 0 always raises
  [INVALID_INDEX_OF_ZERO];
- under ANSI, `abs` of the smallest integer raises [ARITHMETIC_OVERFLOW];
- under ANSI, `arr[i]` / `col[i]` outside [0, size) raise [INVALID_ARRAY_INDEX];
- under ANSI, `to_date`/`to_timestamp` of a malformed string raise DateTimeException
  ([CAST_INVALID_INPUT] without a format, [CANNOT_PARSE_TIMESTAMP] with one), and
  `make_date` of an impossible date raises [DATETIME_FIELD_OUT_OF_BOUNDS].
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import errors
from dfengine import types as T
from dfengine.functions.ansi_cast import any_true, first_true, guarded

LAZY = frozenset({"coalesce", "nvl", "ifnull"})


def lazy_args(e: Any, table: pa.Table, ctx: Any, evaluate: Any) -> list:
    """The arguments of a coalesce, each evaluated under the rows still NULL."""
    out: list = []
    pending = None
    for a in e.args:
        sub = ctx if pending is None else ctx.under(pending)
        v = evaluate(a, table, sub)
        out.append(v)
        null = pc.is_null(v) if not isinstance(v, pa.Scalar) else pa.scalar(not v.is_valid)
        pending = null if pending is None else pc.and_(pending, null)
        if isinstance(pending, pa.Scalar) and not pending.as_py():
            break  # a non-NULL constant: later arguments are never evaluated
    return out


def check(e: Any, args: list, out: Any, ctx: Any) -> Any:
    """Raise the ANSI error of `e` if any guarded row failed; `out` is the legacy result,
    returned (for `size`, with NULL for a NULL array as under ANSI)."""
    fn = _CHECKS.get(e.spec.name)
    if fn is not None:
        fn(e, args, out, ctx)
    if e.spec.name == "size" and e.ansi:
        if isinstance(args[0], pa.Scalar):
            return out if args[0].is_valid else pa.scalar(None, pa.int32())
        return pc.if_else(pc.is_null(args[0]), pa.scalar(None, out.type), out)
    return out


def _pmod(e: Any, args: list, out: Any, ctx: Any) -> None:
    if not e.ansi:
        return
    b = args[1]
    zero = pc.equal(b, pa.scalar(0, b.type)) if not isinstance(b, pa.Scalar) else pa.scalar(
        b.is_valid and b.as_py() == 0)
    valid = pc.is_valid(args[0]) if not isinstance(args[0], pa.Scalar) else pa.scalar(
        args[0].is_valid)
    if any_true(guarded(pc.and_(zero, valid), ctx.guard)):
        raise errors.ArithmeticException(
            "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL "
            "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass "
            "this error.", "REMAINDER_BY_ZERO")


def _element_at(e: Any, args: list, out: Any, ctx: Any) -> None:
    idx = args[1]
    if not isinstance(idx, pa.Scalar) or not idx.is_valid or isinstance(
            e.args[0].data_type, T.MapType):
        return
    i = idx.as_py()
    if i == 0:
        raise errors.SparkRuntimeException(
            "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element "
            "has index 1).", "INVALID_INDEX_OF_ZERO")
    if not e.ansi or not isinstance(e.args[0].data_type, T.ArrayType):
        return
    arr = args[0]
    lengths = pc.list_value_length(arr)
    bad = guarded(pc.less(lengths, abs(i)), ctx.guard)
    if any_true(bad):
        size = first_true(lengths, bad)
        raise errors.invalid_array_index(i, size, element_at=True)


def _subscript(e: Any, args: list, out: Any, ctx: Any) -> None:
    """arr[i] under ANSI: an index outside [0, size) raises [INVALID_ARRAY_INDEX]."""
    if not e.ansi or not isinstance(e.args[0].data_type, T.ArrayType) or isinstance(
            e.args[1].data_type, T.StringType):  # xs['c']: a field of each struct element
        return
    arr, idx = args
    if isinstance(arr, pa.Scalar):
        n = 1 if isinstance(idx, pa.Scalar) else len(idx)
        arr = pa.array([arr.as_py()] * n, arr.type)
        if isinstance(idx, pa.Scalar):
            idx = pa.array([idx.as_py()], idx.type)
            bad = pc.fill_null(_outside(idx, pc.list_value_length(arr)), False)[0]
            if any_true(guarded(bad, ctx.guard)):
                raise errors.invalid_array_index(idx[0].as_py(), len(arr[0]), element_at=False)
            return
    lengths = pc.list_value_length(arr)
    bad = guarded(pc.fill_null(_outside(idx, lengths), False), ctx.guard)
    if any_true(bad):
        i = idx.as_py() if isinstance(idx, pa.Scalar) else first_true(idx, bad)
        raise errors.invalid_array_index(i, first_true(lengths, bad), element_at=False)


def _abs(e: Any, args: list, out: Any, ctx: Any) -> None:
    """abs of the smallest integer has no positive counterpart: ARITHMETIC_OVERFLOW."""
    x = args[0]
    if not e.ansi or not pa.types.is_integer(x.type):
        return
    smallest = pa.scalar(-(1 << (x.type.bit_width - 1)), x.type)
    hit = pc.equal(x, smallest)
    if any_true(guarded(pc.fill_null(hit, False) if not isinstance(hit, pa.Scalar) else hit,
                        ctx.guard)):
        raise errors.ArithmeticException(
            f"abs({smallest.as_py()}) caused overflow. If necessary set "
            "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
            "ARITHMETIC_OVERFLOW", parameters={"message": "overflow"})


def _round(e: Any, args: list, out: Any, ctx: Any) -> None:
    """round/bround of an integer to a negative scale past the type's range (round(127Y,
    -1) = 130): ARITHMETIC_OVERFLOW under ANSI (the legacy result wraps)."""
    from dfengine.functions.math import round_integer

    x = args[0]
    scale = args[1].as_py() if len(args) > 1 and isinstance(args[1], pa.Scalar) else 0
    if not e.ansi or not pa.types.is_integer(x.type) or not scale or scale >= 0:
        return
    values = [x.as_py()] if isinstance(x, pa.Scalar) else x.to_pylist()
    half = 1 << (x.type.bit_width - 1)
    over = [v is not None and not -half <= round_integer(v, scale, e.name == "bround") < half
            for v in values]
    bad = pa.scalar(over[0]) if isinstance(x, pa.Scalar) else pa.array(over, pa.bool_())
    if any_true(guarded(bad, ctx.guard)):
        raise errors.ArithmeticException(
            "Overflow. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass "
            "this error.", "ARITHMETIC_OVERFLOW", parameters={"message": "Overflow"})


def _outside(idx: Any, lengths: Any) -> Any:
    return pc.or_(pc.less(idx, pa.scalar(0, pa.int32())), pc.greater_equal(idx, lengths))


def _parse(e: Any, args: list, out: Any, ctx: Any) -> None:
    if not e.ansi or not isinstance(e.args[0].data_type, T.StringType):
        return
    bad = guarded(pc.and_(pc.is_valid(args[0]), pc.is_null(out)), ctx.guard)
    if not any_true(bad):
        return
    value = first_true(args[0], bad)
    target = "DATE" if e.spec.name == "to_date" else "TIMESTAMP"
    if len(args) == 1:
        raise errors.cast_invalid_input(value, "STRING", target)
    raise errors.DateTimeException(
        f"Text '{value}' could not be parsed. Use `try_to_timestamp` to tolerate invalid input "
        "string and return NULL instead.", "CANNOT_PARSE_TIMESTAMP")


def _all_valid(args: list) -> Any:
    valid = None
    for a in args:
        v = pc.is_valid(a) if not isinstance(a, pa.Scalar) else pa.scalar(a.is_valid)
        valid = v if valid is None else pc.and_(valid, v)
    return valid


def _make_date(e: Any, args: list, out: Any, ctx: Any) -> None:
    if not e.ansi:
        return
    bad = guarded(pc.and_(_all_valid(args), pc.is_null(out)), ctx.guard)
    if any_true(bad):
        raise errors.DateTimeException(
            "Invalid date: a field is out of range. If necessary set "
            "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
            "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION")


def _unix_timestamp(e: Any, args: list, out: Any, ctx: Any) -> None:
    """unix_timestamp('garbage') under ANSI: [CANNOT_PARSE_TIMESTAMP] (its format defaults
    to yyyy-MM-dd HH:mm:ss, so the error is the one of a formatted parse)."""
    if not e.ansi or not args or not isinstance(e.args[0].data_type, T.StringType):
        return
    valid = pc.is_valid(args[0]) if not isinstance(args[0], pa.Scalar) else pa.scalar(
        args[0].is_valid)
    bad = guarded(pc.and_(valid, pc.is_null(out)), ctx.guard)
    if any_true(bad):
        raise errors.DateTimeException(
            f"Text '{first_true(args[0], bad)}' could not be parsed. Use `try_to_timestamp` to "
            "tolerate invalid input string and return NULL instead.", "CANNOT_PARSE_TIMESTAMP")


def _next_day(e: Any, args: list, out: Any, ctx: Any) -> None:
    """next_day(d, 'xx') under ANSI: [ILLEGAL_DAY_OF_WEEK] instead of NULL."""
    if not e.ansi or len(args) < 2:
        return
    bad = guarded(pc.and_(_all_valid(args), pc.is_null(out)), ctx.guard)
    if any_true(bad):
        raise errors.IllegalArgumentException(
            f"Illegal input for day of week: {first_true(args[1], bad)}. Use a day name such "
            "as 'MO', 'Mon' or 'Monday'.", "ILLEGAL_DAY_OF_WEEK")


_CHECKS = {"abs": _abs, "unix_timestamp": _unix_timestamp, "to_unix_timestamp": _unix_timestamp,
           "next_day": _next_day, "make_timestamp": _make_date, "element_at": _element_at, "subscript": _subscript, "to_date": _parse, "to_timestamp": _parse,
           "make_date": _make_date, "pmod": _pmod, "round": _round, "bround": _round}
