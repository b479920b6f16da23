"""date_part / datepart / extract(field FROM source): one field of a date or timestamp, with
Spark's field names and synonyms. SECOND has its fraction (decimal(8,6)); the others are int."""

from __future__ import annotations

import decimal as _decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.functions.arrays import _const, _full
from dfengine.functions.registry import Function, define
from dfengine.functions.zone_shift import to_wall

_SYNONYMS = {
    "YEAR": ("Y", "YEARS", "YR", "YRS"), "YEAROFWEEK": (), "QUARTER": ("QTR",),
    "MONTH": ("MON", "MONS", "MONTHS"), "WEEK": ("W", "WEEKS"), "DAY": ("D", "DAYS"),
    "DAYOFWEEK": ("DOW",), "DAYOFWEEK_ISO": ("DOW_ISO",), "DOY": (),
    "HOUR": ("H", "HOURS", "HR", "HRS"), "MINUTE": ("M", "MIN", "MINS", "MINUTES"),
    "SECOND": ("S", "SEC", "SECONDS", "SECS"),
}
FIELDS = {s: f for f, syn in _SYNONYMS.items() for s in (f,) + syn}
_TIME_FIELDS = {"HOUR", "MINUTE", "SECOND"}
_KERNELS = {
    "YEAR": pc.year, "YEAROFWEEK": pc.iso_year, "QUARTER": pc.quarter, "MONTH": pc.month,
    "WEEK": pc.iso_week, "DAY": pc.day, "DOY": pc.day_of_year, "HOUR": pc.hour,
    "MINUTE": pc.minute,
    "DAYOFWEEK": lambda a: pc.day_of_week(a, count_from_zero=False, week_start=7),
    "DAYOFWEEK_ISO": lambda a: pc.day_of_week(a, count_from_zero=False, week_start=1),
}


def field_of(value: Any, called: str = "date_part") -> str:
    field = FIELDS.get(str(value).upper()) if value is not None else None
    if field is None:
        raise AnalysisException(
            f"[INVALID_EXTRACT_FIELD] Cannot extract {value} from the source with {called}. "
            f"Use one of {', '.join(_SYNONYMS)}.", "INVALID_EXTRACT_FIELD")
    return field


def _field_arg(args: tuple) -> str:
    first = args[0]
    return field_of(getattr(first, "value", None))


def _result(args: tuple) -> T.DataType:
    if isinstance(args[1].data_type, T.YearMonthIntervalType):
        return _year_month_field(args).dataType
    return T.DecimalType(8, 6) if _field_arg(args) == "SECOND" else T.IntegerType()


def _year_month_field(args: tuple) -> T.StructField:
    """YEAR (int) or MONTH (tinyint, the months past the whole years, signed) of a
    year-month interval, as Spark's ExtractIntervalYears/Months."""
    field = _field_arg(args)
    if field not in ("YEAR", "MONTH"):
        raise AnalysisException(
            f"Cannot extract {field} from a year-month interval; use YEAR or MONTH.",
            "INVALID_EXTRACT_FIELD")
    return T.StructField(field, T.IntegerType() if field == "YEAR" else T.ByteType())


def _inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    source = types[1] if len(types) > 1 else T.NullType()
    keep = isinstance(source, (T.DateType, T.TimestampType, T.TimestampNTZType,
                               T.YearMonthIntervalType))
    return [T.StringType(), None if keep else T.TimestampType()]


def _date_part(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    field = field_of(_const(args[0]), e.name)
    source = _full(args[1], table.num_rows)
    if isinstance(e.args[1].data_type, T.YearMonthIntervalType):
        months = source.cast(pa.int64())  # truncated toward zero, as Java's / and %
        years = pc.divide(pc.abs(months), 12)
        if field == "YEAR":
            return pc.multiply(years, pc.sign(months)).cast(pa.int32())
        return pc.subtract(months, pc.multiply(pc.multiply(years, pc.sign(months)),
                                               12)).cast(pa.int8())
    if field in _TIME_FIELDS and pa.types.is_date(source.type):
        source = source.cast(pa.timestamp("us"))
    elif isinstance(e.args[1].data_type, T.TimestampType):
        source = to_wall(source, e.zone)
    if field != "SECOND":
        return _KERNELS[field](source).cast(pa.int32())
    micros = pc.add(pc.multiply(pc.second(source).cast(pa.int64()), 1_000_000),
                    pc.add(pc.multiply(pc.millisecond(source).cast(pa.int64()), 1000),
                           pc.microsecond(source).cast(pa.int64())))
    return pa.array([None if m is None else _decimal.Decimal(m).scaleb(-6)
                     for m in micros.to_pylist()], pa.decimal128(8, 6))


def _part_sql(e: Any) -> str:
    """`extract(YEAR FROM d)` and, as Spark shows it, `datepart(YEAR FROM d)`; `date_part(YEAR,
    d)`."""
    field, source = e.args[0].value, e.args[1].sql()
    if e.name == "date_part":
        return f"date_part({field}, {source})"
    return f"{e.name}({field} FROM {source})"


define(
    Function("date_part", lambda t: T.IntegerType(), _inputs, aliases=("datepart",),
             result_from_args=_result, impl=_date_part, render_fn=_part_sql,
             null_intolerant=True, nullable_rule="inputs", params="field, source",
             example="'YEAR', TIMESTAMP'2019-08-12 01:00:00.123456'"),
    Function("extract", lambda t: T.IntegerType(), _inputs, result_from_args=_result,
             impl=_date_part, render_fn=_part_sql, null_intolerant=True,
             nullable_rule="inputs", params="field, source"),
    family="datetime",
)
