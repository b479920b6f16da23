"""Math functions (Spark's math_funcs): Spark's result types for decimals and NaN rules."""

from __future__ import annotations

import decimal as _decimal
import math as _math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.functions.arrays import _const, _full, _py_map, _unary
from dfengine.functions.cast import float_to_int, round_decimal, to_decimal
from dfengine.functions.registry import Function, Impl, define
from dfengine.functions.signatures import (
    INT,
    B,
    D,
    L,
    _all,
    _common,
    _floor_ceil_type,
    _numeric_or_double,
    _round_args_type,
    _round_type,
    _same_as_first,
    _to_common,
    returns,
)
from dfengine.types import to_arrow_type
from dfengine.types.coercion import as_decimal


def _positive_log(fn: Callable) -> Impl:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        x = args[-1]
        out = fn(x)
        bad = pc.less_equal(x, 0.0)
        if len(args) == 2:
            base = args[0]
            out = pc.divide(out, pc.ln(base))
            bad = pc.or_(bad, pc.less_equal(base, 0.0))
        return pc.if_else(bad, pa.scalar(None, pa.float64()), out)

    return run


def _floor_ceil_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    """ceil/floor(x, scale) round a decimal (an integer is decimal(10,0)/(20,0), a double
    decimal(30,15)) to `scale` digits; with one argument, any number."""
    if len(types) < 2:
        return _numeric_or_double(types)
    t = types[0]
    dec = as_decimal(t) or (T.DecimalType(30, 15) if isinstance(t, (T.NumericType,
                                                                     T.StringType))
                            else None)
    return [dec, T.IntegerType()]


def _floor_ceil_result(args: tuple) -> T.DataType:
    """Spark's RoundCeil/RoundFloor: decimal(p - s + 1 + s', s') with s' = min(s, scale),
    0 for a negative scale (floor(12345, -2) is decimal(11,0))."""
    if len(args) < 2:
        return _floor_ceil_type([args[0].data_type])
    t = args[0].data_type
    scale = getattr(args[1], "value", 0) or 0
    if not isinstance(t, T.DecimalType):
        return _floor_ceil_type([t])
    new_scale = min(t.scale, scale) if scale >= 0 else 0
    return T.DecimalType(min(t.precision - t.scale + 1 + new_scale, 38), new_scale)


def _render_floor_ceil(e: Any) -> str:
    """`CEIL(x)` with one argument, `ceil(x, 2)` with a scale, as Spark names them."""
    args = ", ".join(a.sql() for a in e.args)
    shown = e.name.upper() if len(e.args) == 1 and e.name in ("ceil", "floor") else e.name
    return f"{shown}({args})"


def _floor_ceil(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    fn = pc.floor if e.spec.name == "floor" else pc.ceil
    t = e.data_type
    x = args[0]
    if len(args) > 1 and isinstance(t, T.DecimalType) and pa.types.is_decimal(x.type):
        scale = int(_const(args[1]) or 0)
        mode = "down" if e.spec.name == "floor" else "up"
        return to_decimal(round_decimal(x, scale, mode), t)
    if isinstance(t, T.DecimalType):
        if pa.types.is_decimal(x.type) and x.type.precision < 38:
            # one digit wider: ceil(99999999.99) = 100000000 does not fit decimal(10,2)
            x = pc.cast(x, pa.decimal128(x.type.precision + 1, x.type.scale))
        return to_decimal(fn(x), t)
    if pa.types.is_integer(x.type):
        return pc.cast(x, pa.int64())
    return float_to_int(fn(x), T.LongType(), pa.int64())  # saturates, as Spark's toLong


def _bit_get(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The bit at `pos` (0 = least significant); a position outside the type's width is
    Spark's IllegalArgumentException [INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE]."""
    from dfengine.errors import IllegalArgumentException

    width = args[0].type.bit_width

    def fn(v: Any, p: Any) -> Any:
        if p is not None and not 0 <= p < width:
            raise IllegalArgumentException(
                f"The value of parameter(s) `pos` in `{e.name}` is invalid: expects an "
                f"integer value in [0, {width}), but got {p}.",
                "INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE")
        return None if v is None or p is None else (v >> p) & 1

    return _py_map(args, table.num_rows, fn, pa.int8())


def round_integer(v: int, scale: int, half_even: bool) -> int:
    """An integer rounded to a negative scale (round(125, -1) = 130), exactly."""
    mode = _decimal.ROUND_HALF_EVEN if half_even else _decimal.ROUND_HALF_UP
    q = _decimal.Decimal(1).scaleb(-scale)
    return int((_decimal.Decimal(v) / q).quantize(_decimal.Decimal(1), rounding=mode) * q)


def _wrap(v: int, bits: int) -> int:
    """Java's narrowing of an integer (legacy mode: round(127Y, -1) wraps to -126)."""
    half = 1 << (bits - 1)
    return (v + half) % (1 << bits) - half


def _round(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    scale = int(_const(args[1]) or 0) if len(args) > 1 else 0
    x = args[0]
    half_even = e.spec.name == "bround"
    t = e.data_type
    if isinstance(t, T.DecimalType):
        mode = "half_to_even" if half_even else "half_towards_infinity"
        return to_decimal(round_decimal(x, scale, mode), t)
    if pa.types.is_integer(x.type):
        if scale >= 0:
            return x
        bits = x.type.bit_width
        return _py_map([x], table.num_rows, lambda v: None if v is None else _wrap(
            round_integer(v, scale, half_even), bits), x.type)
    # Spark rounds the decimal representation of the double (so 2.675 -> 2.68).
    mode = _decimal.ROUND_HALF_EVEN if half_even else _decimal.ROUND_HALF_UP
    q = _decimal.Decimal(1).scaleb(-scale)

    def fn(v: Any) -> Any:
        if v is None or v != v or v in (float("inf"), float("-inf")):  # noqa: PLR0124 (NaN)
            return v
        with _decimal.localcontext() as dctx:
            dctx.prec = 400  # 1e300 rounded to 2 places has 303 digits
            return float(_decimal.Decimal(repr(v)).quantize(q, rounding=mode))

    return _py_map([x], table.num_rows, fn, x.type)


def _rand(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    seed = int(_const(args[0]) or 0) if args else 0   # rand(NULL) seeds with 0, as Spark
    rng = np.random.default_rng(seed + ctx.partition_index)
    return pa.array(rng.random(table.num_rows))


def _isnan(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pc.fill_null(pc.is_nan(args[0]), False)


def _pmod(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Spark's pmod: a % b, moved into [0, |b|) when negative; NULL when b is 0."""
    from dfengine.functions.arrays import _fmod, _typed

    t = to_arrow_type(e.data_type)
    a, b = args
    if pa.types.is_decimal(t):
        a, b = a.cast(pa.float64()), b.cast(pa.float64())
    n = table.num_rows
    r = _fmod(a, b, a.type)
    # Spark: r = a % b; if r < 0 then (r + b) % b
    r = pc.if_else(pc.less(r, _typed(0, r.type)), _fmod(pc.add(r, b), b, a.type), r)
    r = r if r.type == t else r.cast(t)
    zero = pc.equal(_full(b, n), _typed(0, b.type))
    return pc.if_else(zero, pa.scalar(None, t), r)


def _normalize_float(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    x = pc.add(args[0], pa.scalar(0.0, args[0].type))  # -0.0 + 0.0 == +0.0
    if _const(args[1]):
        x = pc.if_else(pc.fill_null(pc.is_nan(x), False), pa.scalar(0.0, x.type), x)
    return x


def _cbrt(a: Any) -> Any:
    """Math.cbrt: real roots of negatives too (cbrt(-8) = -2.0), exact on cubes."""
    if isinstance(a, pa.Scalar):
        return pa.scalar(None if a.as_py() is None else float(_cbrt_values(np.array([a.as_py()]))[0]),
                         pa.float64())
    a = a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a
    values = pc.fill_null(pc.cast(a, pa.float64()), 0.0).to_numpy(zero_copy_only=False)
    return pa.array(_cbrt_values(values), pa.float64(),
                    mask=a.is_null().to_numpy(zero_copy_only=False))


def _cbrt_values(v: np.ndarray) -> np.ndarray:
    """np.cbrt is off by an ulp on some inputs (27.0 -> 3.0000000000000004); one Newton step
    rounds it as Java's Math.cbrt does."""
    r = np.cbrt(v.astype(np.float64))
    with np.errstate(all="ignore"):
        better = r - (r * r * r - v) / (3 * r * r)
    return np.where((r != 0) & np.isfinite(better), better, r)


define(
    Function(
        "abs",
        _same_as_first,
        _numeric_or_double,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(pc.abs),
        params="col",
        example="-2.5",
    ),
    Function(
        "round",
        _round_type,
        lambda t: _numeric_or_double(t)[:1] + [INT],
        result_from_args=_round_args_type,
        shown_defaults={1: "0"},
        null_intolerant=True,
        impl=_round,
        params="col, scale: lit = 0",
        example="2.567, 2",
    ),
    Function(
        "bround",
        _round_type,
        lambda t: _numeric_or_double(t)[:1] + [INT],
        result_from_args=_round_args_type,
        shown_defaults={1: "0"},
        null_intolerant=True,
        impl=_round,
        params="col, scale: lit = 0",
        example="2.5, 0",
    ),
    Function(
        "sqrt",
        returns(D),
        _all(D),
        display={"sqrt": "SQRT"},
        null_intolerant=True,
        impl=_unary(pc.sqrt),
        params="col",
        example="16.0",
    ),
    Function(
        "cbrt",
        returns(D),
        _all(D),
        display={"cbrt": "CBRT"},
        null_intolerant=True,
        impl=_unary(_cbrt),
        params="col",
        example="27.0",
    ),
    Function(
        "exp",
        returns(D),
        _all(D),
        display={"exp": "EXP"},
        null_intolerant=True,
        impl=_unary(pc.exp),
        params="col",
        example="1.5",
    ),
    Function(
        "ln",
        returns(D),
        _all(D),
        null_intolerant=True,
        impl=_positive_log(pc.ln),
        params="col",
        example="2.0",
    ),
    Function(
        "log",
        returns(D),
        _all(D),
        arity=(1, 2),
        display={"log": "LOG"},
        null_intolerant=True,
        impl=_positive_log(pc.ln),
        python_names=("log",),
    ),
    Function(
        "log10",
        returns(D),
        _all(D),
        display={"log10": "LOG10"},
        null_intolerant=True,
        impl=_positive_log(pc.log10),
        params="col",
        example="1000.0",
    ),
    Function(
        "log2",
        returns(D),
        _all(D),
        display={"log2": "LOG2"},
        null_intolerant=True,
        impl=_positive_log(pc.log2),
        params="col",
        example="8.0",
    ),
    Function(
        "pow",
        returns(D),
        _all(D),
        aliases=("power",),
        display={"power": "POWER"},
        null_intolerant=True,
        impl=lambda args, e, table, ctx: pc.power(args[0], args[1]),
        params="col1: colnum, col2: colnum",
        example="2, 10",
    ),
    Function(
        "floor",
        _floor_ceil_type,
        _floor_ceil_inputs,
        result_from_args=_floor_ceil_result,
        render_fn=_render_floor_ceil,
        null_intolerant=True,
        impl=_floor_ceil,
        params="col, scale: lit = None",
        example="-1.5",
    ),
    Function(
        "ceil",
        _floor_ceil_type,
        _floor_ceil_inputs,
        result_from_args=_floor_ceil_result,
        aliases=("ceiling",),
        render_fn=_render_floor_ceil,
        null_intolerant=True,
        impl=_floor_ceil,
        params="col, scale: lit = None",
        example="1.25",
    ),
    Function(
        "signum",
        returns(D),
        _all(D),
        aliases=("sign",),
        display={"signum": "SIGNUM"},
        null_intolerant=True,
        impl=_unary(lambda a: pc.cast(pc.sign(a), pa.float64())),
        params="col",
        example="-3.5",
    ),
    Function(
        "sin",
        returns(D),
        _all(D),
        display={"sin": "SIN"},
        null_intolerant=True,
        impl=_unary(pc.sin),
        params="col",
        example="0.5",
    ),
    Function(
        "cos",
        returns(D),
        _all(D),
        display={"cos": "COS"},
        null_intolerant=True,
        impl=_unary(pc.cos),
        params="col",
        example="0.5",
    ),
    Function(
        "tan",
        returns(D),
        _all(D),
        display={"tan": "TAN"},
        null_intolerant=True,
        impl=_unary(pc.tan),
        params="col",
        example="0.5",
    ),
    Function("rand", returns(D), deterministic=False, impl=_rand, python_names=("rand",), arity=(0, 1)),
    Function(
        "isnan",
        returns(B),
        _all(D),
        nullable_rule="never",
        impl=_isnan,
        params="col",
        example="CAST('NaN' AS DOUBLE)",
    ),
    Function(
        "pmod",
        lambda t: _common(t),
        _to_common,
        null_intolerant=True,
        impl=_pmod,
        params="dividend: colnum, divisor: colnum",
        example="-7, 3",
    ),
    Function("normalize_float", lambda t: t[0], impl=_normalize_float, public=False),
    Function(
        "sinh",
        returns(D),
        _all(D),
        display={"sinh": "SINH"},
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(pc.sinh),
        params="col",
        example="0.5",
    ),
    Function(
        "cosh",
        returns(D),
        _all(D),
        display={"cosh": "COSH"},
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(pc.cosh),
        params="col",
        example="0.5",
    ),
    Function(
        "tanh",
        returns(D),
        _all(D),
        display={"tanh": "TANH"},
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(pc.tanh),
        params="col",
        example="0.5",
    ),
    Function(
        "asin",
        returns(D),
        _all(D),
        display={"asin": "ASIN"},
        null_intolerant=True,
        impl=_unary(pc.asin),
        params="col",
        example="0.5",
    ),
    Function(
        "acos",
        returns(D),
        _all(D),
        display={"acos": "ACOS"},
        null_intolerant=True,
        impl=_unary(pc.acos),
        params="col",
        example="0.5",
    ),
    Function(
        "atan",
        returns(D),
        _all(D),
        display={"atan": "ATAN"},
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(pc.atan),
        params="col",
        example="0.5",
    ),
    Function(
        "atan2",
        returns(D),
        _all(D),
        display={"atan2": "ATAN2"},
        null_intolerant=True,
        nullable_rule="inputs",
        impl=lambda args, e, table, ctx: pc.atan2(args[0], args[1]),
        params="col1: colnum, col2: colnum",
        example="1.0, 2.0",
    ),
    Function(
        "degrees",
        returns(D),
        _all(D),
        display={"degrees": "DEGREES"},
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(lambda a: pc.multiply(a, 180.0 / np.pi)),
        params="col",
        example="1.0",
    ),
    Function(
        "radians",
        returns(D),
        _all(D),
        display={"radians": "RADIANS"},
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(lambda a: pc.multiply(a, np.pi / 180.0)),
        params="col",
        example="180.0",
    ),
    family="math",
)


def _np_unary(fn: Callable) -> Impl:
    """A NumPy ufunc on a double column (NULL stays NULL)."""

    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        x = args[0]
        if isinstance(x, pa.Scalar):
            return pa.scalar(None if not x.is_valid else float(fn(x.as_py())), pa.float64())
        if isinstance(x, pa.ChunkedArray):
            x = x.combine_chunks()
        with np.errstate(all="ignore"):
            out = fn(pc.fill_null(x, 0.0).to_numpy(zero_copy_only=False))
        return pa.array(
            out, pa.float64(), mask=np.asarray(x.is_null().to_numpy(zero_copy_only=False))
        )

    return run


def _np_binary(fn: Callable) -> Impl:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        n = table.num_rows
        a, b = (_full(x, n) for x in args)
        a, b = (x.combine_chunks() if isinstance(x, pa.ChunkedArray) else x for x in (a, b))
        mask = pc.or_(a.is_null(), b.is_null()).to_numpy(zero_copy_only=False)
        with np.errstate(all="ignore"):
            out = fn(
                pc.fill_null(a, 0.0).to_numpy(zero_copy_only=False),
                pc.fill_null(b, 0.0).to_numpy(zero_copy_only=False),
            )
        return pa.array(out, pa.float64(), mask=np.asarray(mask))

    return run


def _log1p(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    x = args[0]
    return pc.if_else(pc.less_equal(x, -1.0), pa.scalar(None, pa.float64()), pc.log1p(x))


def _factorial(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(
        args[:1],
        table.num_rows,
        lambda v: None if v is None or not 0 <= v <= 20 else _math.factorial(v),
        pa.int64(),
    )


def _bin(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(
        args[:1],
        table.num_rows,
        lambda v: None if v is None else format(v & 0xFFFFFFFFFFFFFFFF, "b"),
        pa.string(),
    )


def _bits(t: Any) -> int:
    return 64 if isinstance(t, T.LongType) else 32


def _wrap(v: int, bits: int) -> int:
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def _shift(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    bits = _bits(e.data_type)
    name = e.spec.name

    def fn(v: Any, n: Any) -> Any:
        if v is None or n is None:
            return None
        n %= bits
        if name == "shiftleft":
            return _wrap(v << n, bits)
        if name == "shiftright":
            return v >> n
        return _wrap((v & ((1 << bits) - 1)) >> n, bits)

    return _py_map(args[:2], table.num_rows, fn, to_arrow_type(e.data_type))


def _bit_count(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """Java's Long.bitCount: an int is widened first, so bit_count(-1) is 64."""
    return _py_map(
        args[:1],
        table.num_rows,
        lambda v: None if v is None else bin(v & 0xFFFFFFFFFFFFFFFF).count("1"),
        pa.int32(),
    )


def _shift_type(types: list) -> T.DataType:
    return types[0] if isinstance(types[0], T.LongType) else INT


def _shift_inputs(types: list) -> list:
    return [types[0] if isinstance(types[0], T.LongType) else INT, INT]


def _integral_inputs(types: list) -> list:
    return [None if isinstance(types[0], (T.IntegerType, T.LongType)) else L]


def _math_entry(name: str, impl: Impl, example: str, params: str = "col", **kw: Any) -> Function:
    """A double -> double function Spark names in upper case (`ASINH(0.5)`)."""
    kw.setdefault("display", {name: name.upper()})
    return Function(
        name,
        returns(D),
        _all(D),
        null_intolerant=True,
        impl=impl,
        params=params,
        example=example,
        **kw,
    )


define(
    _math_entry("asinh", _unary(pc.asinh), "0.5", nullable_rule="inputs"),
    _math_entry("acosh", _unary(pc.acosh), "1.5", nullable_rule="inputs"),
    _math_entry("atanh", _unary(pc.atanh), "0.5", nullable_rule="inputs"),
    _math_entry("sec", _unary(lambda a: pc.divide(1.0, pc.cos(a))), "0.5", nullable_rule="inputs"),
    _math_entry("csc", _unary(lambda a: pc.divide(1.0, pc.sin(a))), "0.5", nullable_rule="inputs"),
    _math_entry("cot", _unary(lambda a: pc.divide(1.0, pc.tan(a))), "0.5", nullable_rule="inputs"),
    _math_entry("expm1", _unary(pc.expm1), "0.5", nullable_rule="inputs"),
    _math_entry("log1p", _log1p, "0.5"),
    _math_entry("rint", _np_unary(np.rint), "2.5", nullable_rule="inputs", display={}),
    _math_entry(
        "hypot",
        _np_binary(np.hypot),
        "3.0, 4.0",
        params="col1: colnum, col2: colnum",
        nullable_rule="inputs",
    ),
    Function(
        "factorial",
        returns(L),
        _all(INT),
        null_intolerant=True,
        impl=_factorial,
        params="col",
        example="5",
    ),
    Function(
        "bin",
        returns(T.StringType()),
        _all(L),
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_bin,
        params="col",
        example="13",
    ),
    Function(
        "e",
        returns(D),
        nullable_rule="never",
        display={"e": "E"},
        impl=lambda args, e, table, ctx: pa.scalar(np.e),
        params="",
        example="",
    ),
    Function(
        "pi",
        returns(D),
        nullable_rule="never",
        display={"pi": "PI"},
        impl=lambda args, e, table, ctx: pa.scalar(np.pi),
        params="",
        example="",
    ),
    Function(
        "positive",
        _same_as_first,
        _numeric_or_double,
        null_intolerant=True,
        nullable_rule="inputs",
        render_fn=lambda e: f"(+ {e.args[0].sql()})",
        impl=_unary(lambda a: a),
        params="col",
        example="-2.5",
    ),
    Function(
        "negative",
        _same_as_first,
        _numeric_or_double,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_unary(pc.negate),
        python_names=("negative", "negate"),
        params="col",
        example="2.5",
    ),
    Function(
        "shiftleft",
        _shift_type,
        _shift_inputs,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_shift,
        params="col, numBits: lit",
        example="1, 3",
    ),
    Function(
        "shiftright",
        _shift_type,
        _shift_inputs,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_shift,
        params="col, numBits: lit",
        example="-16, 2",
    ),
    Function(
        "shiftrightunsigned",
        _shift_type,
        _shift_inputs,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_shift,
        params="col, numBits: lit",
        example="-16, 28",
    ),
    Function(
        "bit_count",
        returns(INT),
        _integral_inputs,
        null_intolerant=True,
        nullable_rule="inputs",
        impl=_bit_count,
        params="col",
        example="7",
    ),
    family="math",
)


def _conv(s: str, base: int, to: int, ansi: bool = False) -> Any:
    """Spark's NumberConverter: the longest valid prefix, unsigned 64-bit unless `to` < 0."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if not 2 <= abs(base) <= 36 or not 2 <= abs(to) <= 36:
        return None
    text = s.strip().upper()
    neg = text.startswith("-")
    text = text[1:] if neg else text
    if not text:  # conv('', ...) is NULL
        return None
    v = 0
    for ch in text:
        d = digits.find(ch)
        if d < 0 or d >= abs(base):
            break
        v = v * abs(base) + d
        if v >= 1 << 64:
            if ansi:
                from dfengine.errors import ArithmeticException

                raise ArithmeticException(
                    "Overflow in function conv(). If necessary set \"spark.sql.ansi.enabled\" "
                    "to \"false\" to bypass this error.", "ARITHMETIC_OVERFLOW")
            v = (1 << 64) - 1
            break
    if neg:
        v = (-v) & 0xFFFFFFFFFFFFFFFF
    sign = ""
    if to < 0 and v >> 63:
        v, sign = (1 << 64) - v, "-"
    out = ""
    while True:
        v, r = divmod(v, abs(to))
        out = digits[r] + out
        if not v:
            return sign + out


define(
    Function(
        "getbit",
        returns(T.ByteType()),
        lambda t: [t[0], INT],
        aliases=("bit_get",),
        null_intolerant=True,
        impl=_bit_get,
        python_names=("getbit", "bit_get"),
        params="col, pos: colnum",
        example="5, 2",
    ),
    Function(
        "conv",
        returns(T.StringType()),
        lambda t: [T.StringType(), INT, INT],
        null_intolerant=True,
        impl=lambda args, e, table, ctx: _py_map(
            args,
            table.num_rows,
            lambda s, a, b: None if None in (s, a, b) else _conv(s, a, b, e.ansi),
            pa.string(),
        ),
        params="col, fromBase: lit, toBase: lit",
        example="'-10', 10, 16",
    ),
    family="math",
)


def _bucket(v: float, lo: float, hi: float, n: int) -> int | None:
    """Spark's WidthBucket: 0 below the range, n + 1 above it, buckets descend when lo > hi."""
    if n <= 0 or lo == hi or not all(map(_math.isfinite, (v, lo, hi))):
        return None
    if lo < hi:
        if v < lo:
            return 0
        return n + 1 if v >= hi else int(_math.floor((v - lo) / (hi - lo) * n)) + 1
    if v > lo:
        return 0
    return n + 1 if v <= hi else int(_math.floor((lo - v) / (lo - hi) * n)) + 1


def _width_bucket(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args, table.num_rows,
                   lambda v, lo, hi, n: None if None in (v, lo, hi, n) else _bucket(v, lo, hi, n),
                   pa.int64())


define(
    Function("width_bucket", returns(T.LongType()), lambda t: [T.DoubleType()] * 3 + [T.LongType()],
             impl=_width_bucket, null_intolerant=True, arity=(4, 4),
             params="v, min, max, numBucket: colnum", example="5.3, 0.2, 10.6, 5"),
    family="math",
)
