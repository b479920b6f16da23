"""Vectorised evaluation of a resolved expression over one Arrow partition.

Columns are looked up by attribute key (`name#id`). Results are Arrow arrays, chunked arrays
or scalars (literals stay scalars so `a + 1` broadcasts without materialising a column of ones);
`evaluate_column` turns any of them into a column of the partition's length.
SQL semantics live here: three-valued AND/OR, NULL on division by zero, HALF_UP decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.compute import ansi_functions
from dfengine.compute.lambdas import lambda_function, lambda_variable
from dfengine.compute.per_value import call_per_value
from dfengine.errors import PySparkException, SparkRuntimeException
from dfengine.functions import map_keys
from dfengine.functions.arrays import NotConstant, _fmod, _typed, bool_array, broadcast
from dfengine.functions.cast import cast_array, to_decimal
from dfengine.plan import expressions as E
from dfengine.plan.lambdas import LambdaFunction, LambdaVariable
from dfengine.plan.python_udf import PythonUDF, PythonUDTFCall
from dfengine.types import to_arrow_type
from dfengine.types.arrow import scalar as arrow_scalar


@dataclass
class EvalContext:
    """Per-partition state of an evaluation. `memo`, when set, holds the values of
    deterministic subexpressions already computed over the current table, so a projection
    that repeats one (`price * (1 - disc)` in two TPC-H Q1 sums) computes it once, as Spark's
    subexpression elimination does."""

    partition_index: int = 0
    memo: dict | None = None
    # Rows where the expression being evaluated is really evaluated (the taken branch of a
    # CASE, the right side of an AND that didn't short-circuit): ANSI errors only count there.
    guard: Any = None
    # decimal columns already read as scaled int64 in this evaluation (`_decimal_compare`):
    # TPC-H Q19's filter compares l_quantity six times
    scaled: dict = field(default_factory=dict)

    def under(self, mask: Any) -> EvalContext:
        """A context for a subexpression evaluated only where `mask` is true."""
        mask = pc.fill_null(mask, False) if not isinstance(mask, pa.Scalar) else mask
        if isinstance(mask, pa.Scalar):
            mask = None if mask.as_py() is True else mask
        guard = mask if self.guard is None else (
            self.guard if mask is None else pc.and_(self.guard, mask))
        return EvalContext(self.partition_index, self.memo, guard, self.scaled)


def evaluate_column(e: E.Expression, table: pa.Table, ctx: EvalContext | None = None) -> Any:
    """The value of `e` for every row of `table`, as an array of the table's length."""
    v = evaluate(e, table, ctx or EvalContext())
    return broadcast(v, table.num_rows, to_arrow_type(e.data_type))




_FALSE = arrow_scalar(False, pa.bool_())  # a Scalar: fill_null(v, False) would import pandas


def evaluate_predicate(e: E.Expression, table: pa.Table, ctx: EvalContext | None = None) -> Any:
    """A boolean mask where NULL counts as false (WHERE keeps only true rows)."""
    v = evaluate(e, table, ctx or EvalContext())
    if isinstance(v, pa.Scalar):
        keep = bool(v.is_valid and v.as_py())
        return pa.array(np.full(table.num_rows, keep))
    return pc.fill_null(v, _FALSE)


_NOT_MEMOIZED = (E.AttributeReference, E.Literal, E.Alias)


def evaluate(e: E.Expression, table: pa.Table, ctx: EvalContext) -> Any:
    fn = _DISPATCH.get(type(e))
    if fn is None:
        # Expressions defined above this layer (the physical planner's key columns) carry
        # their own evaluation.
        own = getattr(type(e), "evaluate_arrow", None)
        if own is not None:
            return own(e, table, ctx)
        raise SparkRuntimeException(f"Cannot evaluate {type(e).__name__} here: {e.sql()}")
    memo = ctx.memo
    if memo is None or isinstance(e, _NOT_MEMOIZED):
        return fn(e, table, ctx)
    try:
        hit = memo.get(e)
    except TypeError:  # a literal holding a list or dict: not hashable, just compute it
        return fn(e, table, ctx)
    if hit is not None:
        return hit
    value = fn(e, table, ctx)
    if e.deterministic:
        memo[e] = value
    return value


def _attr(e: E.AttributeReference, table: pa.Table, ctx: EvalContext) -> Any:
    try:
        return table.column(e.key)
    except KeyError:
        raise SparkRuntimeException(
            f"Internal error: column {e.key} is not in the partition "
            f"({', '.join(table.column_names)})") from None


def _literal(e: E.Literal, table: pa.Table, ctx: EvalContext) -> Any:
    return arrow_scalar(e.value, to_arrow_type(e.dtype))


def _alias(e: E.Alias, table: pa.Table, ctx: EvalContext) -> Any:
    return evaluate(e.child, table, ctx)


def _cast(e: E.Cast, table: pa.Table, ctx: EvalContext) -> Any:
    return cast_array(evaluate(e.child, table, ctx), e.child.data_type, e.to, e.mode, ctx.guard,
                      e.zone)


def _arith(e: E.BinaryArithmetic, table: pa.Table, ctx: EvalContext) -> Any:
    a = evaluate(e.left, table, ctx)
    b = evaluate(e.right, table, ctx)
    rt = e.data_type
    if e.mode != "legacy":
        from dfengine.compute.ansi_arith import checked_arith

        return checked_arith(e, a, b, ctx.guard)
    return legacy_arith(e.op, a, b, rt)


def legacy_arith(op: str, a: Any, b: Any, rt: T.DataType) -> Any:
    """Spark's non-ANSI arithmetic: integers wrap, division by zero is NULL."""
    if isinstance(rt, T.DecimalType):
        return decimal_arith(op, a, b, rt)
    if op == "+":
        return pc.add(a, b)
    if op == "-":
        return pc.subtract(a, b)
    if op == "*":
        return pc.multiply(a, b)
    zero = pc.equal(b, _typed(0, b.type))
    null = arrow_scalar(None, to_arrow_type(rt))
    if op == "/":
        return pc.if_else(zero, null, pc.divide(a, b))
    if op == "div":  # exact integer quotient toward zero; MIN div -1 wraps to MIN as in Java
        a, b = pc.cast(a, pa.int64()), pc.cast(b, pa.int64())
        q = pc.divide(a, pc.if_else(zero, _typed(1, b.type), b))
        smallest = pa.scalar(-(2 ** 63), pa.int64())
        wraps = pc.and_(pc.equal(a, smallest), pc.equal(b, _typed(-1, b.type)))
        return pc.if_else(zero, null, pc.if_else(wraps, smallest, q))
    if op == "%":
        return pc.if_else(zero, null, _fmod(a, b, to_arrow_type(rt)))
    raise SparkRuntimeException(f"Unknown operator {op}")






def decimal_arith(op: str, a: Any, b: Any, rt: T.DecimalType) -> Any:
    """Exact decimal +, -, *, /, % producing Spark's result type (rounded HALF_UP).

    Arrow types the result of p1/p2-digit operands itself and fails beyond 38 digits, so the
    operands are widened to decimal256 first and the result rescaled to the type Spark chose."""
    if op in ("+", "-", "*"):
        from dfengine.kernels import decimal as dec

        fast = dec.arith(op, a, b, rt.precision, rt.scale)
        if fast is not None:
            return fast

    def wide(x: Any) -> Any:
        t = x.type
        return x.cast(pa.decimal256(min(t.precision + 10, 76), t.scale))

    if op == "/":
        zero = pc.equal(b, _typed(0, b.type))
        sa, pb, sb = a.type.scale, b.type.precision, b.type.scale
        # Arrow's quotient scale is s_a + p_b - s_b + 1: make it at least rt.scale + 1.
        pb = max(pb, sb + 1)  # room for the 1 that stands in for a zero divisor
        need = max(sa, rt.scale + sb - pb)
        btype = pa.decimal256(pb, sb)
        bw = pc.if_else(zero, _typed(1, btype), b.cast(btype))
        try:
            aw = a.cast(pa.decimal256(min(a.type.precision - sa + need + 10, 76), need))
            res = to_decimal(pc.divide(aw, bw), rt)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            res = _python_decimal_div(a, bw, rt)
        return pc.if_else(zero, arrow_scalar(None, res.type), res)
    if op == "%":
        return to_decimal(_python_decimal_mod(a, b), rt)
    fn = {"+": pc.add, "-": pc.subtract, "*": pc.multiply}[op]
    try:
        return to_decimal(fn(wide(a), wide(b)), rt)
    except pa.ArrowInvalid:  # wider than decimal256 can type: exact, row by row
        return _python_decimal_exact(op, a, b, rt)


def _python_decimal_exact(op: str, a: Any, b: Any, rt: T.DecimalType) -> Any:
    """a op b with Python's decimals (exact at 100 digits), then fitted to Spark's type."""
    import decimal
    import operator

    fn = {"+": operator.add, "-": operator.sub, "*": operator.mul}[op]
    xs = [a.as_py()] if isinstance(a, pa.Scalar) else a.to_pylist()
    ys = [b.as_py()] if isinstance(b, pa.Scalar) else b.to_pylist()
    n = max(len(xs), len(ys))
    xs, ys = (xs * n if len(xs) == 1 else xs), (ys * n if len(ys) == 1 else ys)
    with decimal.localcontext(decimal.Context(prec=100)):
        exact = [None if x is None or y is None else fn(x, y) for x, y in zip(xs, ys)]
    from dfengine.functions.cast import _fit_decimal

    out = pa.array([_fit_decimal(v, rt) for v in exact], pa.decimal128(rt.precision, rt.scale))
    return out[0] if isinstance(a, pa.Scalar) and isinstance(b, pa.Scalar) else out


def _python_decimal_div(a: Any, b: Any, rt: T.DecimalType) -> Any:
    """Exact quotient rounded HALF_UP to the result scale, for operands too wide for Arrow."""
    import decimal

    ctx = decimal.Context(prec=100, rounding=decimal.ROUND_HALF_UP)
    q = decimal.Decimal(1).scaleb(-rt.scale)

    def rows(x: Any) -> list:
        return [x.as_py()] if isinstance(x, pa.Scalar) else x.to_pylist()

    la, lb = rows(a), rows(b)
    n = max(len(la), len(lb))
    la = la * n if len(la) == 1 else la
    lb = lb * n if len(lb) == 1 else lb
    out = [None if x is None or y is None or y == 0 else
           ctx.divide(decimal.Decimal(x), decimal.Decimal(y)).quantize(q, context=ctx)
           for x, y in zip(la, lb)]
    # a quotient past the result's precision is NULL (Spark's overflow), not an Arrow error
    out = [None if v is None or len(v.as_tuple().digits) > rt.precision else v for v in out]
    return pa.array(out, pa.decimal128(rt.precision, rt.scale))


def _python_decimal_mod(a: Any, b: Any) -> Any:
    import decimal

    def rows(x: Any) -> list:
        return [x.as_py()] if isinstance(x, pa.Scalar) else x.to_pylist()

    la, lb = rows(a), rows(b)
    n = max(len(la), len(lb))
    la = la * n if len(la) == 1 else la
    lb = lb * n if len(lb) == 1 else lb
    out = []
    for x, y in zip(la, lb):
        if x is None or y is None or y == 0:
            out.append(None)
        else:
            out.append(decimal.Decimal(x) % decimal.Decimal(y))
    return pa.array(out, pa.decimal128(38, max(a.type.scale, b.type.scale)))


_CMP = {"=": pc.equal, "<": pc.less, "<=": pc.less_equal, ">": pc.greater,
        ">=": pc.greater_equal, "!=": pc.not_equal}


def _is_float(x: Any) -> bool:
    return pa.types.is_floating(x.type)


def _float_compare(op: str, a: Any, b: Any) -> Any:
    """Spark's float ordering: NaN equals NaN and is larger than any other value."""
    na, nb = pc.is_nan(a), pc.is_nan(b)
    eq = pc.or_kleene(pc.equal(a, b), pc.and_kleene(na, nb))
    if op in ("=", "!="):
        return eq if op == "=" else pc.invert(eq)
    lt = pc.if_else(na, False, pc.if_else(nb, True, pc.less(a, b)))
    if op == "<":
        return lt
    if op == "<=":
        return pc.or_kleene(lt, eq)
    gt = pc.if_else(nb, False, pc.if_else(na, True, pc.greater(a, b)))
    return gt if op == ">" else pc.or_kleene(gt, eq)


def _compare(e: E.Comparison, table: pa.Table, ctx: EvalContext) -> Any:
    a = evaluate(e.left, table, ctx)
    b = evaluate(e.right, table, ctx)
    if _is_float(a) and _is_float(b):
        if e.op == "<=>":
            both_null = pc.and_(pc.is_null(a), pc.is_null(b))
            return pc.or_(both_null, pc.fill_null(_float_compare("=", a, b), False))
        return _float_compare(e.op, a, b)
    if pa.types.is_nested(a.type) or pa.types.is_nested(b.type):
        return _nested_compare(e.op, a, b, e.left.data_type)
    if e.op == "<=>":
        both_null = pc.and_(pc.is_null(a), pc.is_null(b))
        return pc.or_(both_null, pc.fill_null(pc.equal(a, b), False))
    fast = _decimal_compare(e.op, a, b, ctx.scaled)
    return fast if fast is not None else _CMP[e.op](a, b)


def _nested_compare(op: str, a: Any, b: Any, dt: T.DataType) -> Any:
    """Arrays compare element by element, then by length; structs field by field (Spark's
    ordering of complex types; a NULL element sorts first). Arrow has no kernel for these."""
    import operator

    def key(v: Any, t: T.DataType) -> Any:
        if v is None:
            return (0,)
        if isinstance(t, T.ArrayType):
            return (1, tuple(key(x, t.elementType) for x in v))
        if isinstance(t, T.StructType):
            return (1, tuple(key(v.get(f.name), f.dataType) for f in t.fields))
        return (1, v)

    fn = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
          ">": operator.gt, ">=": operator.ge, "<=>": operator.eq}[op]
    n = max(1 if isinstance(x, pa.Scalar) else len(x) for x in (a, b))
    la = [a.as_py()] * n if isinstance(a, pa.Scalar) else a.to_pylist()
    lb = [b.as_py()] * n if isinstance(b, pa.Scalar) else b.to_pylist()
    out = [(x is None and y is None) if op == "<=>" and (x is None or y is None) else
           None if x is None or y is None else fn(key(x, dt), key(y, dt))
           for x, y in zip(la, lb)]
    arr = pa.array(out, pa.bool_())
    scalar = isinstance(a, pa.Scalar) and isinstance(b, pa.Scalar)
    return arr[0] if scalar else arr


_NP_CMP = {"=": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
           ">": np.greater, ">=": np.greater_equal}


def _decimal_compare(op: str, a: Any, b: Any, scaled: dict | None = None) -> pa.Array | None:
    """A decimal column against a decimal literal as scaled integers (`l_quantity < 24`):
    Arrow compares decimal128 values several times slower. None when it doesn't apply.
    `scaled` keeps each column's integers for the next comparison of the same evaluation."""
    if isinstance(a, pa.Scalar) and not isinstance(b, pa.Scalar):
        flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        return _decimal_compare(flipped, b, a, scaled)
    if (op not in _NP_CMP or isinstance(a, pa.Scalar) or not isinstance(b, pa.Scalar)
            or not pa.types.is_decimal(a.type) or not pa.types.is_decimal(b.type)
            or not b.is_valid or b.type.scale > a.type.scale):
        return None
    got = _scaled_ints(a, scaled)
    if got is None:
        return None
    values, valid = got
    lit = int(b.as_py().scaleb(a.type.scale))  # exact: the literal has no more decimals
    if abs(lit) >= 2**63:
        return None
    return bool_array(_NP_CMP[op](values, np.int64(lit)), valid)


def _scaled_ints(a: Any, scaled: dict | None) -> tuple | None:
    """`kernels.decimal.as_int64` of a decimal column, kept in `scaled` (keyed by the
    column's buffers) when there is one, and made contiguous when it is used a third time (the
    low words of decimal128 values are every other word). The entry holds the column itself, so
    its buffers stay allocated and no other column can turn up at the same address."""
    from dfengine.kernels import decimal as dec

    if scaled is None:
        return dec.as_int64(a)
    chunks = a.chunks if isinstance(a, pa.ChunkedArray) else [a]
    key = (str(a.type), tuple((_address(c.buffers()[1]), c.offset, len(c)) for c in chunks))
    entry = scaled.get(key)
    if entry is None:
        scaled[key] = (a, dec.as_int64(a), 1)
        return scaled[key][1]
    _, got, uses = entry
    if got is not None and uses == 2 and not got[0].flags.c_contiguous:
        got = (np.ascontiguousarray(got[0]), got[1])  # a third use: copying pays off
    scaled[key] = (a, got, uses + 1)
    return got


def _address(buf: Any) -> int:
    return buf.address if buf is not None else 0


def _and(e: E.And, table: pa.Table, ctx: EvalContext) -> Any:
    left = evaluate(e.left, table, ctx)
    # Spark skips the right side where the left is false: errors there don't count
    right = evaluate(e.right, table, ctx.under(pc.fill_null(left, True)))
    return pc.and_kleene(left, right)


def _or(e: E.Or, table: pa.Table, ctx: EvalContext) -> Any:
    left = evaluate(e.left, table, ctx)
    right = evaluate(e.right, table, ctx.under(pc.invert(pc.fill_null(left, False))))
    return pc.or_kleene(left, right)


def _not(e: E.Not, table: pa.Table, ctx: EvalContext) -> Any:
    return pc.invert(evaluate(e.child, table, ctx))


def _neg(e: E.UnaryMinus, table: pa.Table, ctx: EvalContext) -> Any:
    v = evaluate(e.child, table, ctx)
    if e.mode != "legacy" and pa.types.is_integer(v.type):
        from dfengine.compute.ansi_arith import check_negate

        check_negate(v, ctx.guard)
    return pc.negate(v)


def _is_null(e: E.IsNull, table: pa.Table, ctx: EvalContext) -> Any:
    v = evaluate(e.child, table, ctx)
    return pa.scalar(not v.is_valid) if isinstance(v, pa.Scalar) else pc.is_null(v)


def _is_not_null(e: E.IsNotNull, table: pa.Table, ctx: EvalContext) -> Any:
    v = evaluate(e.child, table, ctx)
    return pa.scalar(v.is_valid) if isinstance(v, pa.Scalar) else pc.is_valid(v)


def _in(e: E.In, table: pa.Table, ctx: EvalContext) -> Any:
    if not e.items:
        return pa.scalar(False)
    value = evaluate(e.value, table, ctx)
    if all(isinstance(i, E.Literal) for i in e.items):
        t = to_arrow_type(e.value.data_type)
        values = [i.value for i in e.items]
        has_null = any(v is None for v in values)
        value_set = pa.array([v for v in values if v is not None], t)
        if isinstance(value, pa.Scalar):
            value = broadcast(value, table.num_rows)
        hit = pc.is_in(value, value_set=value_set, skip_nulls=True)
        if has_null:
            hit = pc.if_else(hit, True, arrow_scalar(None, pa.bool_()))
        return pc.if_else(pc.is_null(value), arrow_scalar(None, pa.bool_()), hit)
    out = None
    for item in e.items:
        eq = pc.equal(value, evaluate(item, table, ctx))
        out = eq if out is None else pc.or_kleene(out, eq)
    return out


def _like(e: E.Like, table: pa.Table, ctx: EvalContext) -> Any:
    v = evaluate(e.child, table, ctx)
    if isinstance(v, pa.Scalar):
        v = broadcast(v, table.num_rows)
    if not isinstance(e.pattern, E.Literal):  # a pattern per row: one kernel per pattern
        p = broadcast(evaluate(e.pattern, table, ctx), table.num_rows)
        return call_per_value(lambda a, t, c: _like_values(e, a[0], a[1].as_py()), [v, p], p,
                              table, ctx, _narrow, pa.bool_())
    return _like_values(e, v, e.pattern.value)


def _like_values(e: E.Like, v: Any, pattern: str | None) -> Any:
    if pattern is None:
        return pa.nulls(len(v), pa.bool_())
    if e.kind == "rlike":
        from dfengine.functions import java_regex

        return java_regex.search(v, pattern)
    if e.escape != "\\":
        pattern = backslash_escaped(pattern, e.escape)
    if e.kind == "like":
        runs = _literal_runs(pattern)
        if runs is not None:
            return _match_runs(v, *runs)
    return pc.match_like(v, pattern, ignore_case=e.kind == "ilike")


def _literal_runs(pattern: str) -> tuple[list[bytes], bool, bool] | None:
    """A LIKE pattern of literal runs between `%`s (no `_`) as (runs, anchored at the start,
    anchored at the end) for kernels/like; None for a pattern without `%`, with `_`, or a
    plain prefix (`abc%`, which Arrow matches fast)."""
    runs, cur, i = [], [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            cur.append(pattern[i + 1])
            i += 2
            continue
        if ch == "_":
            return None
        if ch == "%":
            runs.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    runs.append("".join(cur))
    if len(runs) == 1 or (len(runs) == 2 and not runs[1]) or not any(runs):
        return None
    start, end = bool(runs[0]), bool(runs[-1])
    return [r.encode() for r in runs if r], start, end


def _match_runs(v: Any, runs: list[bytes], start: bool, end: bool) -> Any:
    import numpy as np

    from dfengine.kernels.like import match_runs, skip_tables

    if isinstance(v, pa.ChunkedArray):
        return pa.chunked_array([_match_runs(c, runs, start, end) for c in v.chunks],
                                pa.bool_())
    if v.type not in (pa.string(), pa.large_string()):
        v = v.cast(pa.large_string() if v.type == pa.large_binary() else pa.string())
    _, offsets, data = v.buffers()
    width = np.int64 if v.type == pa.large_string() else np.int32
    offs = np.frombuffer(offsets, dtype=width)[v.offset:v.offset + len(v) + 1]
    body = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    packed = np.frombuffer(b"".join(runs), dtype=np.uint8)
    cuts = np.cumsum([0] + [len(r) for r in runs]).astype(np.int64)
    hit = match_runs(offs.astype(np.int64), body, packed, cuts, skip_tables(runs), start, end)
    out = pa.Array.from_buffers(pa.bool_(), len(v), [None, pa.py_buffer(
        np.packbits(hit, bitorder="little").tobytes())])
    return pc.if_else(v.is_valid(), out, pa.scalar(None, pa.bool_())) if v.null_count else out


def backslash_escaped(pattern: str, escape: str) -> str:
    """A LIKE pattern with escape character `escape` rewritten for Arrow, whose escape is the
    backslash: `a!%c` with ESCAPE '!' becomes `a\\%c`, and a plain backslash becomes `\\\\`."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == escape and i + 1 < len(pattern):
            out.append("\\" + pattern[i + 1])
            i += 2
            continue
        out.append("\\\\" if ch == "\\" else ch)
        i += 1
    return "".join(out)


def _case(e: E.CaseWhen, table: pa.Table, ctx: EvalContext) -> Any:
    n = table.num_rows
    t = to_arrow_type(e.data_type)
    conds, values = [], []
    remaining = None  # rows no earlier branch took: only those evaluate later branches
    for c, v in zip(e.conditions, e.values):
        sub = ctx if remaining is None else ctx.under(remaining)
        cond = pc.fill_null(broadcast(evaluate(c, table, sub), n, pa.bool_()), False)
        conds.append(cond)
        taken = cond if remaining is None else pc.and_(remaining, cond)
        values.append(broadcast(evaluate(v, table, ctx.under(taken)), n, t))
        rest = pc.invert(cond)
        remaining = rest if remaining is None else pc.and_(remaining, rest)
    if e.else_value is not None:
        values.append(broadcast(evaluate(e.else_value, table, ctx.under(remaining)), n, t))
    conds = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in conds]
    values = [v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v for v in values]
    struct = pa.StructArray.from_arrays(conds, [f"c{i}" for i in range(len(conds))])
    return pc.case_when(struct, *values)


def _function(e: E.ScalarFunction, table: pa.Table, ctx: EvalContext) -> Any:
    """Call the catalogue entry's implementation. A NULL literal argument of a NULL-intolerant
    function (Spark's NullIntolerant) short-circuits here, so implementations never see a
    null scalar."""
    entry = e.spec
    if entry.impl is None:
        raise SparkRuntimeException(f"Function {e.name} has no implementation yet")
    if entry.name == "typeof":  # the type only: the argument is never evaluated
        return pa.scalar(e.args[0].data_type.simpleString(), pa.string())
    if entry.name in ansi_functions.LAZY:
        args = ansi_functions.lazy_args(e, table, ctx, evaluate)
    else:
        args = [evaluate(a, table, ctx) for a in e.args]
    if e.last_win:  # spark.sql.mapKeyDedupPolicy=LAST_WIN (functions/map_keys.py)
        token = map_keys.LAST_WIN.set(True)
        try:
            return ansi_functions.check(e, args, _call(e, args, table, ctx), ctx)
        finally:
            map_keys.LAST_WIN.reset(token)
    return ansi_functions.check(e, args, _call(e, args, table, ctx), ctx)


def _call(e: E.ScalarFunction, args: list, table: pa.Table, ctx: EvalContext) -> Any:
    entry = e.spec
    if entry.null_intolerant and any(isinstance(a, pa.Scalar) and not a.is_valid for a in args):
        return pa.nulls(table.num_rows, to_arrow_type(e.data_type))
    try:
        return entry.impl(args, e, table, ctx)
    except NotConstant as per_row:
        return call_per_value(lambda a, t, c: _call(e, a, t, c), args, per_row.value, table,
                              ctx, _narrow, to_arrow_type(e.data_type))
    except (re.error, pa.ArrowInvalid, IndexError) as exc:
        raise _regex_error(e, exc) from None
    except ValueError as exc:  # a row check raising Spark's `[CLASS] message`
        tagged = re.match(r"\[([A-Z_.]+)\] (.*)", str(exc), re.S)
        if tagged is None or isinstance(exc, PySparkException):
            raise
        raise SparkRuntimeException(tagged.group(2), tagged.group(1)) from None


def _narrow(ctx: EvalContext, rows: pa.Array) -> EvalContext:
    """The context of a call over some rows of the partition (`per_value`)."""
    guard = ctx.guard.take(rows) if ctx.guard is not None else None
    return EvalContext(ctx.partition_index, None, guard, {})


def _regex_error(e: E.ScalarFunction, exc: Exception) -> Exception:
    """A bad regular expression (or group index) as Spark's INVALID_PARAMETER_VALUE, not a
    raw Python/Arrow error from a task; any other error passes through unchanged."""
    text = str(exc)
    if isinstance(exc, re.error) or text.startswith("Invalid regular expression"):
        pattern = next((a.value for a in e.args[1:] if isinstance(a, E.Literal)
                        and isinstance(a.value, str)), "")
        return SparkRuntimeException(
            f"The value of parameter(s) `regexp` in `{e.name}` is invalid: '{pattern}' "
            f"({text}).", "INVALID_PARAMETER_VALUE.PATTERN")
    if isinstance(exc, IndexError) and text.startswith("No group"):  # Java's replacement
        return SparkRuntimeException(
            f"{text} in the replacement of `{e.name}`: the pattern has fewer groups. Escape "
            "a literal $ as \\$.", "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX")
    if isinstance(exc, IndexError) and "no such group" in text:
        return SparkRuntimeException(
            f"The value of parameter(s) `idx` in `{e.name}` is invalid: the group index is "
            "larger than the number of groups in the regex.",
            "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX")
    return exc


def _sort_order(e: E.SortOrder, table: pa.Table, ctx: EvalContext) -> Any:
    return evaluate(e.child, table, ctx)


def _python_udf(e: Any, table: pa.Table, ctx: EvalContext) -> Any:
    from dfengine.compute.python_udf import evaluate_python_udf

    return evaluate_python_udf(e, table, ctx)


def _python_udtf(e: Any, table: pa.Table, ctx: EvalContext) -> Any:
    from dfengine.compute.python_udf import evaluate_udtf

    return evaluate_udtf(e, table, ctx)


_DISPATCH = {
    E.AttributeReference: _attr, E.Literal: _literal, E.VariableValue: _literal, E.Alias: _alias, E.Cast: _cast,
    E.BinaryArithmetic: _arith, E.Comparison: _compare, E.And: _and, E.Or: _or, E.Not: _not,
    E.UnaryMinus: _neg, E.IsNull: _is_null, E.IsNotNull: _is_not_null, E.In: _in,
    E.Like: _like, E.CaseWhen: _case, E.ScalarFunction: _function, E.SortOrder: _sort_order,
    PythonUDF: _python_udf, PythonUDTFCall: _python_udtf,
    LambdaFunction: lambda_function, LambdaVariable: lambda_variable,
}
