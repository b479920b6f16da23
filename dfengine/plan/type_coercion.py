"""Insert the implicit casts Spark's analyzer adds, bottom-up over one resolved expression.

After this pass every operator sees operands of the types it computes on (both sides of a
comparison agree, decimal arithmetic has decimal operands, functions get their input types),
so execution never has to guess.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import try_functions
from dfengine.types.coercion import (
    ansi_coercion,  # noqa: F401 - re-exported for the analyzer and sqlparse
    ansi_enabled,
    as_decimal,
    common_type,
    comparison_type,
    is_numeric,
    wider_numeric,
)


def cast_to(e: E.Expression, t: T.DataType | None) -> E.Expression:
    if t is None or e.data_type == t:
        return e
    if isinstance(e, E.Literal) and e.value is None:
        return E.Literal(None, t)
    return E.Cast(e, t)


def coerce(e: E.Expression) -> E.Expression:
    return e.transform_up(_coerce_node) if e.resolved else e


def _literal_decimal(e: E.Expression) -> T.DecimalType | None:
    """Spark types an integer literal next to a decimal by its digits, not as decimal(10,0)."""
    if isinstance(e, E.Literal) and isinstance(e.dtype, T.IntegralType) and e.value is not None:
        return T.DecimalType(max(len(str(abs(int(e.value)))), 1), 0)
    return None


def _coerce_comparison(e: E.Comparison) -> E.Expression | None:
    lt, rt = e.left.data_type, e.right.data_type
    unordered = (T.MapType, T.CalendarIntervalType)  # no equality or order in Spark
    if isinstance(lt, unordered) or isinstance(rt, unordered):
        bad = lt if isinstance(lt, unordered) else rt
        raise AnalysisException(
            f"Cannot resolve \"{e.sql()}\" due to data type mismatch: The `{e.op}` does not "
            f"support ordering on type \"{bad.simpleString().upper()}\". "
            "Compare map_entries(...) or the values you need instead (an interval: the "
            "columns it was made from, or its text).",
            "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE")
    if lt == rt:
        if isinstance(lt, T.NullType):  # NULL = NULL: Arrow has no kernel for null types
            return E.Comparison(e.op, cast_to(e.left, T.BooleanType()),
                                cast_to(e.right, T.BooleanType()))
        return None
    t = comparison_type(lt, rt)
    if t is None:
        raise _mismatch(e, lt, rt)
    return E.Comparison(e.op, cast_to(e.left, t), cast_to(e.right, t))


def _coerce_in(e: E.In) -> E.Expression:
    t = common_type([e.value.data_type] + [i.data_type for i in e.items])
    if t is None:
        t = comparison_type(e.value.data_type, e.items[0].data_type) if e.items else None
    if t is None:
        raise _mismatch(e, e.value.data_type, e.items[0].data_type)
    if isinstance(e.value.data_type, T.DateType) and isinstance(t, T.StringType):
        t = T.DateType()
    return E.In(cast_to(e.value, t), tuple(cast_to(i, t) for i in e.items))


def _coerce_logical(e: E.Expression) -> E.Expression:
    return type(e)(cast_to(e.left, T.BooleanType()), cast_to(e.right, T.BooleanType()))


def _coerce_not(e: E.Not) -> E.Expression:
    return E.Not(cast_to(e.child, T.BooleanType()))


def _coerce_unary_minus(e: E.UnaryMinus) -> E.Expression | None:
    if isinstance(e.child.data_type, T.StringType):
        return E.UnaryMinus(cast_to(e.child, T.DoubleType()))
    return None


def _coerce_like(e: E.Like) -> E.Expression:
    return E.Like(e.kind, cast_to(e.child, T.StringType()), cast_to(e.pattern, T.StringType()),
                  e.escape)


def _coerce_case_when(e: E.CaseWhen) -> E.Expression:
    types = [v.data_type for v in e.values] + (
        [e.else_value.data_type] if e.else_value is not None else [])
    t = common_type(types)
    if t is None:
        raise AnalysisException(
            f"Cannot resolve \"{e.sql()}\" due to data type mismatch: THEN and ELSE "
            f"expressions should all be the same type, got "
            f"{', '.join(x.simpleString() for x in types)}.",
            "DATATYPE_MISMATCH.DATA_DIFF_TYPES")
    for c in e.conditions:  # `CASE WHEN NULL`: Spark types the condition (if(NULL, ..) casts)
        if isinstance(c.data_type, T.NullType) and not e.written_if:
            raise AnalysisException(
                f"Cannot resolve \"{e.sql()}\" due to data type mismatch: The first parameter "
                "requires the \"BOOLEAN\" type, however \"NULL\" has the type \"VOID\". Write "
                "a boolean condition (CAST(NULL AS BOOLEAN) if NULL is meant).",
                "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    conds = tuple(cast_to(c, T.BooleanType()) for c in e.conditions)
    vals = tuple(cast_to(v, t) for v in e.values)
    other = cast_to(e.else_value, t) if e.else_value is not None else None
    return E.CaseWhen(conds, vals, other, e.written_if)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def _check_no_complex_to_string(e: E.ScalarFunction, wanted: list) -> None:
    """Spark never casts an array, map or struct to a string implicitly: `upper(array(1))`
    is a type error, not the text '[1]'."""
    for i, (a, w) in enumerate(zip(e.args, wanted)):
        if isinstance(w, T.StringType) and isinstance(
                a.data_type, (T.ArrayType, T.MapType, T.StructType)):
            nth = _ORDINALS[i] if i < len(_ORDINALS) else f"{i + 1}th"
            raise AnalysisException(
                f"Cannot resolve \"{e.sql()}\" due to data type mismatch: The {nth} parameter "
                f"requires the \"STRING\" type, however \"{a.sql()}\" has the type "
                f"\"{a.data_type.simpleString().upper()}\". Convert it with to_json() or "
                "cast(... AS STRING) first.", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


def _coerce_scalar_function(e: E.ScalarFunction) -> E.Expression | None:
    wanted = e.spec.input_types([a.data_type for a in e.args])
    _check_no_complex_to_string(e, wanted)
    args = tuple(cast_to(a, w) for a, w in zip(e.args, wanted))
    if args != e.args:
        return E.ScalarFunction(e.name, args)
    return None


_STRING_AS_DOUBLE_AGGREGATES = frozenset((
    "sum", "avg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
    "skewness", "kurtosis"))


def _coerce_aggregate(e: E.AggregateFunction) -> E.Expression | None:
    if not e.args:
        return None
    if e.name in _STRING_AS_DOUBLE_AGGREGATES and isinstance(e.args[0].data_type, T.StringType):
        return replace(e, args=(cast_to(e.args[0], T.DoubleType()),) + e.args[1:])
    return None


# node type -> its coercion (first match wins, as the order of Spark's coercion rules)
_COERCIONS: tuple[tuple[Any, Callable[[Any], E.Expression | None]], ...] = (
    (E.BinaryArithmetic, lambda e: _arith(e)),
    (E.Comparison, _coerce_comparison),
    (E.In, _coerce_in),
    ((E.And, E.Or), _coerce_logical),
    (E.Not, _coerce_not),
    (E.UnaryMinus, _coerce_unary_minus),
    (E.Like, _coerce_like),
    (E.CaseWhen, _coerce_case_when),
    (E.ScalarFunction, _coerce_scalar_function),
    (E.AggregateFunction, _coerce_aggregate),
    (E.WindowFunction, lambda e: _coerce_offset_default(e)),
)


def _coerce_offset_default(e: E.WindowFunction) -> E.Expression | None:
    """lag/lead's default takes the input's type (lag(a, 1, 'x') casts 'x' to a's type, so
    ANSI refuses it as Spark does)."""
    if e.name not in ("lag", "lead") or len(e.args) < 2:
        return None
    t = e.args[0].data_type
    if e.args[1].data_type == t or isinstance(t, T.NullType):
        return None
    return replace(e, args=(e.args[0], cast_to(e.args[1], t)) + e.args[2:])


def _check_arity(e: E.ScalarFunction | E.AggregateFunction) -> None:
    from dfengine.functions import find

    entry = find(e.name)
    if entry is not None:
        entry.check_arity(e.name, len(e.args))


def check_arities(e: E.Expression) -> None:
    """WRONG_NUM_ARGS for any call in `e` (before anything renders or types the call)."""
    for x in e.walk():
        if isinstance(x, (E.ScalarFunction, E.AggregateFunction)):
            _check_arity(x)


def _coerce_node(e: E.Expression) -> E.Expression | None:
    if not e.resolved:
        return None
    if isinstance(e, E.ScalarFunction) and e.name == "interval_add" and isinstance(
            e.args[0].data_type, T.StringType):  # '2024-01-01' + INTERVAL 1 DAY is text
        inner = replace(e, args=(cast_to(e.args[0], T.TimestampType()),) + e.args[1:])
        return cast_to(inner, T.StringType())
    if isinstance(e, (E.ScalarFunction, E.AggregateFunction)):
        _check_arity(e)
        if e.name.lower() in try_functions.NAMES:  # try_add(a, b) -> a + b in "try" mode
            rewritten = try_functions.REWRITE(e)
            if rewritten is not None:
                return coerce(rewritten)
    for node_type, coerce_as in _COERCIONS:
        if isinstance(e, node_type):
            return coerce_as(e)
    return None


_YM = T.YearMonthIntervalType
_DATES = (T.DateType, T.TimestampType, T.TimestampNTZType)


def _year_month_arith(e: E.BinaryArithmetic) -> E.Expression | None:
    """Year-month intervals: date/timestamp +/- interval (months added as add_months does),
    interval +/- interval, interval * n, n * interval, interval / n; else None."""
    lt, rt = e.left.data_type, e.right.data_type
    left, right = e.left, e.right
    if not (isinstance(lt, _YM) or isinstance(rt, _YM)):
        return None
    if e.op == "+" and isinstance(lt, _YM) and isinstance(rt, _DATES):
        left, right, lt, rt = right, left, rt, lt
    if e.op in ("+", "-") and isinstance(lt, _DATES) and isinstance(rt, _YM):
        months = right if e.op == "+" else E.UnaryMinus(right)
        return E.ScalarFunction("interval_add", (left, months, E.Literal(0, T.IntegerType()),
                                                 E.Literal(0, T.LongType())))
    if e.op in ("+", "-") and isinstance(lt, _YM) and isinstance(rt, _YM):
        return E.ScalarFunction("ym_plus" if e.op == "+" else "ym_minus", (left, right))
    if e.op == "*" and isinstance(rt, _YM) and isinstance(lt, T.NumericType):
        left, right, lt, rt = right, left, rt, lt
    if e.op in ("*", "/") and isinstance(lt, _YM) and isinstance(rt, T.NumericType):
        return E.ScalarFunction("ym_multiply" if e.op == "*" else "ym_divide", (left, right))
    raise _mismatch(e, lt, rt)


def _calendar_arith(e: E.BinaryArithmetic) -> E.Expression | None:
    """A calendar interval (make_interval) times or divided by a number (n * interval too);
    NULL instead of an error for try_ and non-ANSI arithmetic. Other arithmetic on one is a
    type mismatch; None when neither side is one."""
    lt, rt = e.left.data_type, e.right.data_type
    left, right = e.left, e.right
    if not (isinstance(lt, T.CalendarIntervalType) or isinstance(rt, T.CalendarIntervalType)):
        return None
    if e.op == "*" and isinstance(rt, T.CalendarIntervalType) and isinstance(lt, T.NumericType):
        left, right, lt, rt = right, left, rt, lt
    if e.op in ("*", "/") and isinstance(lt, T.CalendarIntervalType) and isinstance(
            rt, (T.NumericType, T.NullType)):
        name = "multiply_interval" if e.op == "*" else "divide_interval"
        return E.ScalarFunction(name, (left, right, E.Literal(e.mode != "ansi", T.BooleanType())))
    if e.op in ("+", "-"):
        raise AnalysisException(
            f"Cannot resolve \"{e.sql()}\": dfengine does not add or subtract calendar "
            "intervals (make_interval) yet. Use the ANSI intervals make_ym_interval / "
            "make_dt_interval, which it adds to dates, timestamps and each other.",
            "UNSUPPORTED_FEATURE.CALENDAR_INTERVAL_ARITHMETIC")
    raise _mismatch(e, lt, rt)


def _date_arith(e: E.BinaryArithmetic) -> E.Expression | None:
    """date +/- days as Spark's date_add/date_sub, date - date an INTERVAL DAY, timestamp -
    timestamp an INTERVAL DAY TO SECOND; else None."""
    ym = _year_month_arith(e) or _calendar_arith(e)
    if ym is not None:
        return ym
    lt, rt = e.left.data_type, e.right.data_type
    left, right = e.left, e.right
    if e.op in ("+", "-") and isinstance(lt, T.DateType) and isinstance(rt, T.IntegralType):
        return E.ScalarFunction("date_add" if e.op == "+" else "date_sub",
                                (left, cast_to(right, T.IntegerType())))
    if e.op == "+" and isinstance(rt, T.DateType) and isinstance(lt, T.IntegralType):
        return E.ScalarFunction("date_add", (right, cast_to(left, T.IntegerType())))
    if e.op in ("*", "/") and isinstance(lt, T.DayTimeIntervalType) and isinstance(
            rt, T.NumericType):
        return E.ScalarFunction("interval_multiply" if e.op == "*" else "interval_divide",
                                (left, right))
    if e.op in ("+", "-") and all(isinstance(t, T.DayTimeIntervalType) for t in (lt, rt)):
        return E.ScalarFunction("interval_plus" if e.op == "+" else "interval_minus",
                                (left, right))
    if e.op == "-" and isinstance(lt, T.DateType) and isinstance(rt, T.DateType):
        return E.ScalarFunction("subtract_dates", (left, right))
    if e.op == "-" and all(isinstance(t, (T.DateType, T.TimestampType)) for t in (lt, rt)):
        return E.ScalarFunction("subtract_timestamps", (left, right))
    return None


def _arith(e: E.BinaryArithmetic) -> E.Expression | None:
    dated = _date_arith(e)
    if dated is not None:
        return dated
    left, right, lt, rt = _string_operands(e)
    if isinstance(lt, T.NullType):
        left, lt = cast_to(left, rt if is_numeric(rt) else T.DoubleType()), rt
    if isinstance(rt, T.NullType):
        right, rt = cast_to(right, lt if is_numeric(lt) else T.DoubleType()), lt
    if not (is_numeric(lt) and is_numeric(rt)):
        raise _mismatch(e, lt, rt)
    if e.op == "div" and any(isinstance(x, (T.FloatType, T.DoubleType)) for x in (lt, rt)):
        raise AnalysisException(
            f"Cannot resolve \"{e.sql()}\" due to data type mismatch: the binary operator "
            "requires the input type (\"BIGINT\" or \"DECIMAL\"), not \"DOUBLE\". Cast the "
            "operands to bigint or decimal, or use floor(a / b).",
            "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE")
    if e.op == "div" and (isinstance(lt, T.DecimalType) or isinstance(rt, T.DecimalType)):
        return _decimal_div(e, left, right)
    if e.op == "div":
        left, right = cast_to(left, T.LongType()), cast_to(right, T.LongType())
    elif isinstance(lt, T.DecimalType) or isinstance(rt, T.DecimalType):
        if isinstance(lt, (T.FloatType, T.DoubleType)) or isinstance(rt, (T.FloatType,
                                                                          T.DoubleType)):
            left, right = cast_to(left, T.DoubleType()), cast_to(right, T.DoubleType())
        else:
            left = cast_to(left, _literal_decimal(left) or as_decimal(lt))
            right = cast_to(right, _literal_decimal(right) or as_decimal(rt))
    elif e.op == "/":
        left, right = cast_to(left, T.DoubleType()), cast_to(right, T.DoubleType())
    else:
        t = wider_numeric(lt, rt)
        left, right = cast_to(left, t), cast_to(right, t)
    if left is e.left and right is e.right:
        return None
    return E.BinaryArithmetic(e.op, left, right, e.mode)


def _string_operands(e: E.BinaryArithmetic) -> tuple:
    lt, rt = e.left.data_type, e.right.data_type
    left, right = e.left, e.right
    if isinstance(lt, T.StringType) and isinstance(rt, T.StringType) and ansi_enabled():
        raise AnalysisException(  # Spark 4: '5' * '2' has no number to take a type from
            f"Cannot resolve \"{e.sql()}\" due to data type mismatch: the binary operator "
            "requires the input type (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL "
            "YEAR TO MONTH\" or \"INTERVAL\"), not \"STRING\". Cast one side to a number.",
            "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE")
    if isinstance(lt, T.StringType):
        t = _string_operand_type(rt)
        left, lt = cast_to(left, t), t
    if isinstance(rt, T.StringType):
        t = _string_operand_type(lt)
        right, rt = cast_to(right, t), t
    return left, right, lt, rt


def _decimal_div(e: E.BinaryArithmetic, left: E.Expression, right: E.Expression) -> E.Expression:
    """1.5 div 0.5 = 3: the exact decimal quotient truncated to a bigint (casting the
    operands to bigint first made it 1 div 0)."""
    quotient = E.BinaryArithmetic("/", left, right, e.mode)
    return E.Cast(_arith(quotient) or quotient, T.LongType(), e.mode)


def _string_operand_type(other: T.DataType) -> T.DataType:
    """Spark 4 (ANSI type coercion): a string beside an integer is read as a bigint
    ('1' + 1 = 2, '1.5' + 1 fails), beside anything else as a double; with ANSI off, always
    as a double ('1.5' + 1 = 2.5)."""
    ansi = ansi_enabled()
    return T.LongType() if ansi and isinstance(other, T.IntegralType) else T.DoubleType()


def _mismatch(e: E.Expression, lt: T.DataType, rt: T.DataType) -> AnalysisException:
    return AnalysisException(
        f"Cannot resolve \"{e.sql()}\" due to data type mismatch: the left and right operands "
        f"have incompatible types (\"{lt.simpleString()}\" and \"{rt.simpleString()}\"). "
        "Cast one side to the other's type.", "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES")


def unpivot_value_type(types: list[T.DataType], names: list[str]) -> T.DataType:
    """The type unpivoted values share: Spark's wider type, which never mixes strings with
    other types here."""
    dt = common_type(types, strings=False)
    if dt is None:
        listed = ", ".join(f"`{n}` {t.simpleString()}" for n, t in zip(names, types))
        raise AnalysisException(
            f"Unpivot value columns must share a least "
            f"common type, some types do not: [{listed}].", "UNPIVOT_VALUE_DATA_TYPE_MISMATCH")
    return dt
