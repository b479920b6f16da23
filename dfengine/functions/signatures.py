"""Argument and result type rules the catalogue entries share (Spark's implicit casts and
result types: `_all(S)` casts every argument to string, `_common` finds the widest type)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.types.coercion import adjust_precision_scale, common_type

S, INT, L, D, DT, B = T.StringType(), T.IntegerType(), T.LongType(), T.DoubleType(), T.DateType(), (
    T.BooleanType())


def returns(t: T.DataType) -> Callable[[list[T.DataType]], T.DataType]:
    return lambda types: t


def _all(t: T.DataType) -> Callable[[list[T.DataType]], list[T.DataType | None]]:
    return lambda types: [t] * len(types)


def _first(t: T.DataType, rest: list[T.DataType | None] | None = None) -> Callable:
    return lambda types: [t] + (rest if rest is not None else [None] * (len(types) - 1))


def _same_as_first(types: list[T.DataType]) -> T.DataType:
    return types[0]


def _numeric_or_double(types: list[T.DataType]) -> list[T.DataType | None]:
    t = types[0]
    return [None if isinstance(t, T.NumericType) else D] + [None] * (len(types) - 1)


def _round_type(types: list[T.DataType]) -> T.DataType:
    t = types[0]
    if isinstance(t, T.DecimalType):
        return t  # refined by the analyzer once the scale literal is known
    return t if isinstance(t, T.NumericType) else D


def round_decimal_type(t: T.DecimalType, scale: int) -> T.DecimalType:
    integral = t.precision - t.scale + 1
    if scale < 0:
        return T.DecimalType(min(integral, 38), 0)
    new_scale = min(t.scale, scale)
    return T.DecimalType(min(integral + new_scale, 38), new_scale)


def _round_args_type(args: tuple) -> T.DataType:
    t = args[0].data_type
    if isinstance(t, T.DecimalType):
        scale = args[1].value if len(args) > 1 and hasattr(args[1], "value") else 0
        return round_decimal_type(t, int(scale or 0))
    return t if isinstance(t, T.NumericType) else D


def _floor_ceil_type(types: list[T.DataType]) -> T.DataType:
    t = types[0]
    if isinstance(t, T.DecimalType):
        return adjust_precision_scale(t.precision - t.scale + 1, 0)
    return L


def _common(types: list[T.DataType], strings: bool = True) -> T.DataType:
    out = common_type(types, strings)
    if out is None:
        raise AnalysisException(
            "Input should all be the same type, but it's ("
            + " or ".join(f'"{t.simpleString().upper()}"' for t in types)
            + "). Cast the arguments to one type first.", "DATATYPE_MISMATCH.DATA_DIFF_TYPES")
    return out


def _common_no_strings(types: list[T.DataType]) -> T.DataType:
    """greatest/least: Spark widens numbers and dates but never mixes a string in."""
    return _common(types, strings=False)


def _to_common_no_strings(types: list[T.DataType]) -> list[T.DataType | None]:
    return [_common_no_strings(types)] * len(types)


def _to_common(types: list[T.DataType]) -> list[T.DataType | None]:
    out = common_type(types)
    return [out] * len(types) if out is not None else [None] * len(types)


def _element_type(t: T.DataType) -> T.DataType:
    if isinstance(t, T.ArrayType):
        return t.elementType
    if isinstance(t, T.MapType):
        return t.valueType
    raise AnalysisException(
        f"The input of explode must be an array or a map, got \"{t.simpleString()}\".",
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


def _field_name(a: Any, i: int) -> str:
    """Spark's CreateStruct names: a column or alias by its name, a struct field by the
    field's, anything else (a function call) `col<i>`."""
    kind = type(a).__name__
    if kind in ("Alias", "AttributeReference", "UnresolvedAttribute"):
        return a.name if kind != "UnresolvedAttribute" else a.parts[-1]
    if kind == "ScalarFunction" and a.name == "get_field" and isinstance(
            getattr(a.args[1], "value", None), str):
        return a.args[1].value
    return f"col{i + 1}"


def _struct_type(args: tuple) -> T.DataType:
    return T.StructType([T.StructField(_field_name(a, i), a.data_type, a.nullable)
                         for i, a in enumerate(args)])


def _struct_render(e: Any) -> str:
    """`struct(a, 1 AS x)`: an aliased argument shows its expression and its name."""
    def arg(a: Any) -> str:
        child = getattr(a, "child", None)
        if type(a).__name__ == "Alias" and child is not None:
            return f"{child.sql()} AS {a.name}"
        return a.sql()

    return f"struct({', '.join(arg(a) for a in e.args)})"


def _named_struct_type(args: tuple) -> T.DataType:
    names = [args[i] for i in range(0, len(args), 2)]
    bad = [a for a in names if not isinstance(getattr(a, "value", None), str)]
    if bad:
        raise AnalysisException(
            "Cannot resolve \"named_struct(...)\" due to data type mismatch: Only foldable "
            "`STRING` expressions are allowed to appear at odd position, but they are ["
            + ", ".join(f'"{a.sql()}"' for a in bad) + "].",
            "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING")
    # a field is nullable as its value is (Spark's CreateNamedStruct)
    return T.StructType([T.StructField(str(args[i].value), args[i + 1].data_type,
                                       args[i + 1].nullable) for i in range(0, len(args), 2)])


def struct_field_of(t: T.DataType, name: Any, where: str) -> T.StructField:
    """The field `name` of a struct (or of an array's structs): Spark's ExtractValue, case
    insensitive unless only a different-case spelling is ambiguous."""
    st = t.elementType if isinstance(t, T.ArrayType) else t
    fields = st.fields if isinstance(st, T.StructType) else []
    exact = [f for f in fields if f.name == name]
    found = exact or [f for f in fields if isinstance(name, str)
                      and f.name.lower() == name.lower()]
    if len(found) == 1:
        return found[0]
    raise AnalysisException(
        f"Cannot extract field `{name}` from {where} of type {t.simpleString()}; "
        f"its fields are: {', '.join(f.name for f in fields)}.", "FIELD_NOT_FOUND")


def _get_field_type(args: tuple) -> T.DataType:
    t = args[0].data_type
    if isinstance(t, T.MapType):  # df.m.key on a map is m[key] (PySpark's Column.__getattr__)
        return t.valueType
    f = struct_field_of(t, getattr(args[1], "value", None), args[0].sql())
    if isinstance(t, T.ArrayType):  # GetArrayStructFields: the field of every element
        return T.ArrayType(f.dataType, t.containsNull or f.nullable)
    return f.dataType


def _date_input(types: list[T.DataType]) -> list[T.DataType | None]:
    return [DT] + [None] * (len(types) - 1)


def _to_date_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    first = None if isinstance(types[0], (T.StringType, T.DateType, T.TimestampType)) else S
    return [first] + [S] * (len(types) - 1)


def _ts_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    """to_timestamp of a number (no format) reads seconds since the epoch, as Spark's cast."""
    t = types[0]
    number = isinstance(t, T.NumericType) and len(types) == 1
    first = None if number or isinstance(t, (T.TimestampType, T.DateType, T.StringType)) else S
    return [first] + [S] * (len(types) - 1)


def _interval_add_type(args: tuple) -> T.DataType:
    """A date plus whole months/days stays a date; with hours/minutes/seconds, or on a
    timestamp, the result is a timestamp (as Spark's `x + INTERVAL ...`)."""
    micros = getattr(args[3], "value", 1) if len(args) > 3 else 0
    if isinstance(args[0].data_type, T.DateType) and micros == 0:
        return DT
    return T.TimestampType()


def _interval_add_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    first = None if isinstance(types[0], (T.DateType, T.TimestampType)) else T.TimestampType()
    months = None if isinstance(types[1], T.YearMonthIntervalType) else INT
    return [first, months, INT, L] + [S] * (len(types) - 4)  # the unit written, for its name


_MICROS = {"hour": 3_600_000_000, "minute": 60_000_000, "second": 1_000_000}


def _day_time_render(e: Any) -> str:
    """Spark's names: `TIMESTAMP '...' - INTERVAL '02' HOUR`; a date plus whole days is
    `date_add(DATE '...', extractansiintervaldays(INTERVAL '3' DAY))`."""
    import datetime as _dt

    from dfengine.types.format import format_value

    shown = e.args[4].value
    op, unit = shown[0], shown[1:]
    base = e.args[0].sql()
    days, micros = abs(e.args[2].value or 0), abs(e.args[3].value or 0)
    if unit == "day":
        text = format_value(_dt.timedelta(days=days), T.DayTimeIntervalType(0, 0))
        if isinstance(e.args[0].data_type, T.DateType):
            n = f"extractansiintervaldays({text})"
            return f"date_add({base}, {n if op == '+' else f'(- {n})'})"
        return f"{base} {op} {text}"
    field = {"hour": 1, "minute": 2, "second": 3}.get(unit, 3)
    amount = micros // _MICROS.get(unit, 1)
    text = format_value(_dt.timedelta(microseconds=micros), T.DayTimeIntervalType(field, field))
    if unit not in _MICROS:
        text = f"INTERVAL '{amount}' {unit.upper()}"
    return f"{base} {op} {text}"


def _interval_add_render(e: Any) -> str:
    ym = e.args[1]
    if isinstance(ym.data_type, T.YearMonthIntervalType):  # `d + INTERVAL '1' YEAR`
        if type(ym).__name__ == "UnaryMinus":  # `d - i` (plan's class: a layer above)
            return f"{e.args[0].sql()} - {ym.child.sql()}"
        return f"{e.args[0].sql()} + {ym.sql()}"
    if len(e.args) > 4:
        return _day_time_render(e)
    base, months, days, micros = (a.sql() if i == 0 else getattr(a, "value", 0)
                                  for i, a in enumerate(e.args))
    parts = []
    if months:
        parts.append(f"INTERVAL '{months}' MONTH")
    if days:
        parts.append(f"INTERVAL '{days}' DAY")
    if micros:
        parts.append(f"INTERVAL '{micros / 1_000_000:g}' SECOND")
    return " + ".join([base] + (parts or ["INTERVAL '0' DAY"]))
