"""The registry of built-in scalar functions: result type, implicit input casts and the name
Spark generates for a call (`upper(a)`, `SQRT(a)`, `ln(a)`, `split(a, ,, -1)`).

Evaluation lives in `dfengine.functions.scalar_impl` under the same names, so the plan
layer stays free of Arrow code and a new function is one entry here and one there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.types.coercion import adjust_precision_scale, common_type

S, I, L, D, DT, B = T.StringType(), T.IntegerType(), T.LongType(), T.DoubleType(), T.DateType(), (
    T.BooleanType())


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    result: Callable[[list[T.DataType]], T.DataType]
    inputs: Callable[[list[T.DataType]], list[T.DataType | None]] | None = None
    pretty: str | None = None
    render_fn: Callable[[Any], str] | None = None
    deterministic: bool = True
    nondeterministic_time: bool = False
    null_safe: bool = False
    arity: tuple[int, int] = (0, 99)
    aliases: tuple[str, ...] = field(default=())

    result_from_args: Callable[[tuple], T.DataType] | None = None

    def result_type(self, types: list[T.DataType]) -> T.DataType:
        return self.result(types)

    def result_type_of(self, args: tuple) -> T.DataType:
        if self.result_from_args is not None:
            return self.result_from_args(args)
        return self.result([a.data_type for a in args])

    def input_types(self, types: list[T.DataType]) -> list[T.DataType | None]:
        return self.inputs(types) if self.inputs else [None] * len(types)

    def nullable(self, args: tuple) -> bool:
        if self.name in ("coalesce", "nvl", "ifnull", "greatest", "least"):
            return all(a.nullable for a in args)
        if self.null_safe:
            return any(a.nullable for a in args)
        return True

    def render(self, e: Any) -> str:
        if self.render_fn:
            return self.render_fn(e)
        return f"{self.pretty or self.name}({', '.join(a.sql() for a in e.args)})"


REGISTRY: dict[str, FunctionSpec] = {}


def register(spec: FunctionSpec) -> None:
    REGISTRY[spec.name] = spec
    for a in spec.aliases:
        REGISTRY[a] = spec


def lookup(name: str) -> FunctionSpec:
    spec = REGISTRY.get(name.lower())
    if spec is None:
        import difflib

        close = difflib.get_close_matches(name.lower(), REGISTRY, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise AnalysisException(
            f"Undefined function: `{name}`. This function is neither a built-in function nor a "
            f"temporary function.{hint}", "UNRESOLVED_ROUTINE")
    return spec


def _const(t: T.DataType) -> Callable[[list[T.DataType]], T.DataType]:
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


def _common(types: list[T.DataType]) -> T.DataType:
    out = common_type(types)
    if out is None:
        raise AnalysisException(
            "Cannot find a common type for " + ", ".join(t.simpleString() for t in types),
            "DATATYPE_MISMATCH")
    return out


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
    name = getattr(a, "name", None)
    return name if isinstance(name, str) else f"col{i + 1}"


def _struct_type(args: tuple) -> T.DataType:
    return T.StructType([T.StructField(_field_name(a, i), a.data_type, True)
                         for i, a in enumerate(args)])


def _struct_render(e: Any) -> str:
    return f"struct({', '.join(a.sql() for a in e.args)})"


def _named_struct_type(args: tuple) -> T.DataType:
    return T.StructType([T.StructField(str(args[i].value), args[i + 1].data_type, True)
                         for i in range(0, len(args), 2)])


def _get_field_type(args: tuple) -> T.DataType:
    t, name = args[0].data_type, getattr(args[1], "value", None)
    fields = {f.name: f.dataType for f in t.fields} if isinstance(t, T.StructType) else None
    if fields is None or name not in fields:
        raise AnalysisException(
            f"Cannot extract field `{name}` from {args[0].sql()} of type {t.simpleString()}; "
            f"its fields are: {', '.join(fields or [])}.", "FIELD_NOT_FOUND")
    return fields[name]


def _split_render(e: Any) -> str:
    args = [a.sql() for a in e.args]
    if len(args) == 2:
        args.append("-1")
    return f"split({', '.join(args)})"


def _date_input(types: list[T.DataType]) -> list[T.DataType | None]:
    return [DT] + [None] * (len(types) - 1)


def _to_date_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    first = None if isinstance(types[0], (T.StringType, T.DateType, T.TimestampType)) else S
    return [first] + [S] * (len(types) - 1)


def _ts_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    t = types[0]
    first = None if isinstance(t, (T.TimestampType, T.DateType, T.StringType)) else S
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
    return [first, I, I, L]


def _interval_add_render(e: Any) -> str:
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


for spec in [
    # strings
    FunctionSpec("upper", _const(S), _all(S), aliases=("ucase",), null_safe=True),
    FunctionSpec("lower", _const(S), _all(S), aliases=("lcase",), null_safe=True),
    FunctionSpec("length", _const(I), _all(S), aliases=("char_length", "character_length"),
                 null_safe=True),
    FunctionSpec("trim", _const(S), _all(S), null_safe=True),
    FunctionSpec("ltrim", _const(S), _all(S), null_safe=True),
    FunctionSpec("rtrim", _const(S), _all(S), null_safe=True),
    FunctionSpec("reverse", _const(S), _all(S), null_safe=True),
    FunctionSpec("initcap", _const(S), _all(S), null_safe=True),
    FunctionSpec("concat", _const(S), _all(S)),
    FunctionSpec("concat_ws", _const(S), _all(S)),
    FunctionSpec("substring", _const(S), lambda t: [S, I, I][: len(t)], aliases=("substr",)),
    FunctionSpec("split", _const(T.ArrayType(S)), lambda t: [S, S, I][: len(t)],
                 render_fn=_split_render),
    FunctionSpec("lpad", _const(S), lambda t: [S, I, S][: len(t)]),
    FunctionSpec("rpad", _const(S), lambda t: [S, I, S][: len(t)]),
    FunctionSpec("replace", _const(S), _all(S)),
    FunctionSpec("regexp_replace", _const(S), lambda t: [S, S, S][: len(t)]),
    FunctionSpec("regexp_extract", _const(S), lambda t: [S, S, I][: len(t)]),
    FunctionSpec("instr", _const(I), _all(S)),
    FunctionSpec("locate", _const(I), lambda t: [S, S, I][: len(t)]),
    FunctionSpec("startswith", _const(B), _all(S)),
    FunctionSpec("endswith", _const(B), _all(S)),
    FunctionSpec("contains", _const(B), _all(S)),
    FunctionSpec("ascii", _const(I), _all(S)),
    FunctionSpec("repeat", _const(S), lambda t: [S, I]),
    FunctionSpec("format_number", _const(S), lambda t: [None, I]),
    FunctionSpec("substring_index", _const(S), lambda t: [S, S, I]),
    FunctionSpec("typeof", _const(S), null_safe=False),
    FunctionSpec("left", _const(S), lambda t: [S, I]),
    FunctionSpec("right", _const(S), lambda t: [S, I]),
    # dates
    FunctionSpec("year", _const(I), _date_input, null_safe=True),
    FunctionSpec("month", _const(I), _date_input, null_safe=True),
    FunctionSpec("quarter", _const(I), _date_input, null_safe=True),
    FunctionSpec("dayofmonth", _const(I), _date_input, aliases=("day",), null_safe=True),
    FunctionSpec("dayofweek", _const(I), _date_input, null_safe=True),
    FunctionSpec("dayofyear", _const(I), _date_input, null_safe=True),
    FunctionSpec("weekofyear", _const(I), _date_input, null_safe=True),
    FunctionSpec("hour", _const(I), lambda t: [T.TimestampType()], null_safe=True),
    FunctionSpec("minute", _const(I), lambda t: [T.TimestampType()], null_safe=True),
    FunctionSpec("second", _const(I), lambda t: [T.TimestampType()], null_safe=True),
    FunctionSpec("date_add", _const(DT), lambda t: [DT, I], aliases=("dateadd",)),
    FunctionSpec("date_sub", _const(DT), lambda t: [DT, I]),
    FunctionSpec("add_months", _const(DT), lambda t: [DT, I]),
    FunctionSpec("datediff", _const(I), lambda t: [DT, DT]),
    FunctionSpec("months_between", _const(D), lambda t: [T.TimestampType()] * 2),
    FunctionSpec("to_date", _const(DT), _to_date_inputs),
    FunctionSpec("to_timestamp", _const(T.TimestampType()), _ts_inputs),
    FunctionSpec("date_format", _const(S), lambda t: [T.TimestampType(), S]),
    FunctionSpec("last_day", _const(DT), _date_input),
    FunctionSpec("weekday", _const(I), _date_input, null_safe=True),
    FunctionSpec("next_day", _const(DT), lambda t: [DT, S]),
    FunctionSpec("make_date", _const(DT), lambda t: [I, I, I]),
    FunctionSpec("trunc", _const(DT), lambda t: [DT, S]),
    FunctionSpec("date_trunc", _const(T.TimestampType()), lambda t: [S, T.TimestampType()]),
    FunctionSpec("unix_timestamp", _const(L), _ts_inputs),
    FunctionSpec("from_unixtime", _const(S), lambda t: [L, S][: len(t)]),
    FunctionSpec("interval_add", _const(T.TimestampType()), _interval_add_inputs,
                 result_from_args=_interval_add_type, render_fn=_interval_add_render),
    FunctionSpec("current_date", _const(DT), deterministic=True, nondeterministic_time=True,
                 aliases=("curdate",)),
    FunctionSpec("current_timestamp", _const(T.TimestampType()), nondeterministic_time=True,
                 aliases=("now",)),
    # math
    FunctionSpec("abs", _same_as_first, _numeric_or_double, null_safe=True),
    FunctionSpec("round", _round_type, lambda t: _numeric_or_double(t)[:1] + [I],
                 result_from_args=_round_args_type),
    FunctionSpec("bround", _round_type, lambda t: _numeric_or_double(t)[:1] + [I],
                 result_from_args=_round_args_type),
    FunctionSpec("sqrt", _const(D), _all(D), pretty="SQRT"),
    FunctionSpec("cbrt", _const(D), _all(D), pretty="CBRT"),
    FunctionSpec("exp", _const(D), _all(D), pretty="EXP"),
    FunctionSpec("ln", _const(D), _all(D)),
    FunctionSpec("log", _const(D), _all(D), pretty="LOG"),
    FunctionSpec("log10", _const(D), _all(D), pretty="LOG10"),
    FunctionSpec("log2", _const(D), _all(D), pretty="LOG2"),
    FunctionSpec("pow", _const(D), _all(D), pretty="POWER", aliases=("power",)),
    FunctionSpec("floor", _floor_ceil_type, _numeric_or_double, pretty="FLOOR"),
    FunctionSpec("ceil", _floor_ceil_type, _numeric_or_double, pretty="CEIL",
                 aliases=("ceiling",)),
    FunctionSpec("signum", _const(D), _all(D), pretty="SIGNUM", aliases=("sign",)),
    FunctionSpec("sin", _const(D), _all(D), pretty="SIN"),
    FunctionSpec("cos", _const(D), _all(D), pretty="COS"),
    FunctionSpec("tan", _const(D), _all(D), pretty="TAN"),
    FunctionSpec("rand", _const(D), deterministic=False),
    FunctionSpec("isnan", _const(B), _all(D), null_safe=True),
    # generators: only valid as a select item (the DataFrame turns them into a Generate node)
    FunctionSpec("explode", lambda t: _element_type(t[0])),
    FunctionSpec("explode_outer", lambda t: _element_type(t[0])),
    FunctionSpec("posexplode", lambda t: _element_type(t[0])),
    FunctionSpec("posexplode_outer", lambda t: _element_type(t[0])),
    FunctionSpec("pmod", lambda t: _common(t), _to_common),
    FunctionSpec("normalize_float", lambda t: t[0]),
    # null handling and comparison
    FunctionSpec("coalesce", _common, _to_common),
    FunctionSpec("nvl", _common, _to_common),
    FunctionSpec("ifnull", _common, _to_common),
    FunctionSpec("nullif", lambda t: t[0], _to_common),
    FunctionSpec("nanvl", _common, _to_common),
    FunctionSpec("greatest", _common, _to_common),
    FunctionSpec("least", _common, _to_common),
    FunctionSpec("if", lambda t: _common(t[1:]), lambda t: [B] + _to_common(t[1:])),
    # collections
    FunctionSpec("size", _const(I)),
    FunctionSpec("array_contains", _const(B)),
    FunctionSpec("element_at", lambda t: t[0].elementType if isinstance(t[0], T.ArrayType)
                 else t[0].valueType),
    FunctionSpec("array", lambda t: T.ArrayType(_common(t) if t else T.NullType()), _to_common),
    FunctionSpec("hash", _const(I)),
    # replaced by literals per grouping set (dfengine.plan.grouping_sets)
    FunctionSpec("grouping", _const(T.ByteType())),
    FunctionSpec("grouping_id", _const(L)),
    FunctionSpec("struct", lambda t: T.StructType(), render_fn=_struct_render,
                 result_from_args=_struct_type),
    FunctionSpec("named_struct", lambda t: T.StructType(), result_from_args=_named_struct_type),
    FunctionSpec("get_field", lambda t: T.NullType(), result_from_args=_get_field_type,
                 render_fn=lambda e: f"{e.args[0].sql()}.{e.args[1].value}"),
    FunctionSpec("translate", _const(S), _all(S)),
    FunctionSpec("monotonically_increasing_id", _const(L), deterministic=False),
    FunctionSpec("spark_partition_id", _const(I), deterministic=False),
]:
    register(spec)
