"""Conversions between Arrow partitions and Python/pandas values at the edges (collect,
toPandas, createDataFrame). Values keep their exact types: Decimal, date, datetime."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import IllegalArgumentException, PySparkTypeError, PySparkValueError
from dfengine.sql.java_map_order import hash_map_order
from dfengine.types import Row, to_arrow_type


def _converter(dt: T.DataType) -> Any:
    """A function turning Arrow's Python value of type `dt` into PySpark's value, or None."""
    if isinstance(dt, T.StructType):
        names = dt.names
        subs = [_converter(f.dataType) for f in dt.fields]

        def struct(v: Any) -> Any:
            if v is None:
                return None
            vals = [v.get(n) for n in names]
            return Row._make(names, [s(x) if s else x for s, x in zip(subs, vals)])

        return struct
    if isinstance(dt, T.MapType):
        kc, vc = _converter(dt.keyType), _converter(dt.valueType)

        def mapping(v: Any) -> Any:
            if v is None:
                return None
            return {(kc(k) if kc else k): (vc(x) if vc else x) for k, x in v}

        return mapping
    if isinstance(dt, T.ArrayType):
        ec = _converter(dt.elementType)
        if ec is None:
            return None
        return lambda v: None if v is None else [ec(x) for x in v]
    if isinstance(dt, T.UserDefinedType):
        return lambda v: None if v is None else dt.deserialize(v)
    if isinstance(dt, T.YearMonthIntervalType):
        return _no_year_month
    if isinstance(dt, T.CalendarIntervalType):
        return _no_calendar_interval
    return None


def _no_year_month(v: Any) -> Any:
    """PySpark 4 has no Python value for a year-month interval (its fromInternal is not
    implemented), so collect() refuses one; show() and casts print it."""
    if v is None:
        return None
    from dfengine.errors import PySparkNotImplementedError

    raise PySparkNotImplementedError(
        "YearMonthIntervalType.fromInternal is not implemented. Cast the interval to a string "
        "(or take its months with extract(YEAR/MONTH FROM i)) before collecting.",
        "NOT_IMPLEMENTED")


def _no_calendar_interval(v: Any) -> Any:
    """PySpark has no Python value for a calendar interval either (make_interval)."""
    if v is None:
        return None
    from dfengine.errors import PySparkNotImplementedError

    raise PySparkNotImplementedError(
        "CalendarIntervalType.fromInternal is not implemented. Cast the interval to a string "
        "before collecting.", "NOT_IMPLEMENTED")


def _python_values(col: Any) -> list:
    """The column's Python values; a date or timestamp outside Python's years 1..9999 is
    the ValueError PySpark raises when it converts one."""
    try:
        return col.to_pylist()
    except OverflowError as exc:
        raise ValueError(str(exc)) from None


def arrow_to_rows(table: pa.Table, schema: T.StructType, display: bool = False) -> list[Row]:
    """Rows of Python values; `display` (show()) keeps a year-month interval's months for
    the formatter."""
    names = [f.name for f in schema.fields]
    if not names:
        return [Row._make([], ()) for _ in range(table.num_rows)]
    cols = []
    for i, f in enumerate(schema.fields):
        values = _python_values(table.column(i))
        conv = None if display and isinstance(f.dataType, (
            T.YearMonthIntervalType, T.CalendarIntervalType)) else (
            _converter(f.dataType))
        if conv is not None:
            values = [conv(v) for v in values]
        cols.append(values)
    return [Row._make(names, vals) for vals in zip(*cols)]


def arrow_to_pandas(table: pa.Table, schema: T.StructType) -> Any:
    import pandas as pd

    from dfengine.sql.show import wall_clock

    table = wall_clock(table, schema)  # PySpark: the session zone's wall clock, zone dropped
    if any(isinstance(f.dataType, T.CalendarIntervalType) for f in schema.fields):
        _no_calendar_interval(True)  # PySpark has no pandas value for one either
    data = {}
    for i, f in enumerate(schema.fields):
        col = table.column(i)
        dt = f.dataType
        if isinstance(dt, T.ArrayType) and _plain_elements(dt.elementType):
            data[i] = col.to_pandas()  # NumPy arrays per cell, as PySpark's Arrow conversion
        elif isinstance(dt, (T.DecimalType, T.DateType, T.StructType, T.MapType, T.ArrayType,
                             T.UserDefinedType, T.BinaryType)):
            conv = _struct_as_dict(_converter(dt)) if isinstance(dt, T.StructType) else (
                _converter(dt))
            values = col.to_pylist()
            data[i] = pd.Series([conv(v) if conv else v for v in values], dtype=object)
        elif isinstance(dt, T.StringType):
            data[i] = pd.Series(col.to_pylist(), dtype=_string_dtype(pd))
        elif isinstance(dt, T.BooleanType) and col.null_count:
            data[i] = pd.Series(col.to_pylist(), dtype=object)
        elif isinstance(dt, T.IntegralType) and col.null_count:
            data[i] = pd.Series(col.to_numpy(zero_copy_only=False).astype("float64"))
        else:
            data[i] = col.to_pandas()
    df = pd.DataFrame(data)
    df.columns = [f.name for f in schema.fields]
    return df


def _plain_elements(dt: T.DataType) -> bool:
    """Elements Arrow turns into the values PySpark gives (numbers, strings, booleans, arrays
    and structs of them); decimals, dates, times, binary and maps go through Python."""
    if isinstance(dt, T.ArrayType):
        return _plain_elements(dt.elementType)
    if isinstance(dt, T.StructType):
        return all(_plain_elements(f.dataType) for f in dt.fields)
    return isinstance(dt, (T.NumericType, T.StringType, T.BooleanType)) and not isinstance(
        dt, T.DecimalType)


def _struct_as_dict(conv: Any) -> Any:
    """PySpark 4's toPandas gives a struct column's values as dicts (Arrow's conversion,
    structHandlingMode 'legacy'), nested structs too, not as Rows."""
    def convert(v: Any) -> Any:
        out = conv(v) if conv else v
        return out.asDict(recursive=True) if isinstance(out, Row) else out

    return convert


def _string_dtype(pd: Any) -> Any:
    """PySpark's toPandas string dtype: object before pandas 3, then pandas' default `str`
    (StringDtype with NaN for NULL)."""
    if int(pd.__version__.split(".")[0]) < 3:
        return object
    import numpy as np

    return pd.StringDtype(na_value=np.nan)


# ----------------------------------------------------------------------- Python -> Arrow


def _to_arrow_value(v: Any, dt: T.DataType) -> Any:
    if v is None:
        return None
    if isinstance(dt, T.StructType):
        if isinstance(v, Row) and hasattr(v, "__fields__"):
            items = v.asDict()
        elif isinstance(v, dict):
            items = v
        else:
            items = dict(zip(dt.names, v))
        return {f.name: _to_arrow_value(items.get(f.name), f.dataType) for f in dt.fields}
    if isinstance(dt, T.ArrayType):
        return [_to_arrow_value(x, dt.elementType) for x in v]
    if isinstance(dt, T.MapType):  # in the order PySpark's JVM HashMap gives the entries
        return [(_to_arrow_value(k, dt.keyType), _to_arrow_value(v[k], dt.valueType))
                for k in hash_map_order(list(v))]
    if isinstance(dt, T.UserDefinedType):
        return dt.serialize(v)
    if isinstance(dt, T.StringType):
        return _as_string(v)
    if isinstance(dt, T.DecimalType):
        return _decimal_value(v, dt)
    return v


def _needs_conversion(dt: T.DataType) -> bool:
    return isinstance(dt, (T.StructType, T.ArrayType, T.MapType, T.UserDefinedType))


def _column(f: T.StructField, values: list) -> list:
    """Python values made ready for `pa.array`: anything into a string column is its text
    (as PySpark), decimals are rounded half up to the field's scale."""
    if isinstance(f.dataType, T.StringType):
        return [_as_string(v) for v in values]
    if isinstance(f.dataType, T.DecimalType):
        return [_decimal_value(v, f.dataType) for v in values]
    if _needs_conversion(f.dataType):
        return [_to_arrow_value(v, f.dataType) for v in values]
    return values


def _decimal_value(v: Any, dt: T.DecimalType) -> Any:
    """Spark's Decimal.set: rounded half up to the scale; more digits than the precision
    allows is NUMERIC_VALUE_OUT_OF_RANGE."""
    import decimal

    if not isinstance(v, decimal.Decimal) or not v.is_finite():
        return v
    q = v.quantize(decimal.Decimal(1).scaleb(-dt.scale), rounding=decimal.ROUND_HALF_UP,
                   context=decimal.Context(prec=100))
    if q.adjusted() + 1 > dt.precision - dt.scale and q != 0:
        from dfengine.errors import ArithmeticException

        raise ArithmeticException(
            f"The {q} rounded half up from {v} cannot be represented as "
            f"Decimal({dt.precision}, {dt.scale}).",
            "NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION")
    return q


def _as_string(v: Any) -> Any:
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def rows_to_arrow(rows: list, schema: T.StructType, verify: bool = False) -> pa.Table:
    """Build an Arrow table from Python rows (tuples, lists, Rows, dicts or scalars);
    `verify` checks each value against its field's type as PySpark's verifySchema."""
    names = schema.names
    columns: list[list] = [[] for _ in names]
    if verify:
        from dfengine.sql.verify_rows import make_verifier

        check = make_verifier(schema)
        for r in rows:
            check(r)
    for r in rows:
        if isinstance(r, dict):
            values = [r.get(n) for n in names]
        elif isinstance(r, (tuple, list, Row)):  # a Row too: by position, as PySpark 4
            values = list(r)
            if len(values) != len(names):
                raise IllegalArgumentException(
                    "Input row doesn't have expected number of values required by the schema. "
                    f"{len(names)} fields are required while {len(values)} values are "
                    "provided. Give every row the same number of values (None for a missing "
                    "one).", "STRUCT_ARRAY_LENGTH_MISMATCH")
        else:
            values = [r]
        for i, v in enumerate(values):
            columns[i].append(v)
    arrays = []
    for f, values in zip(schema.fields, columns):
        values = _column(f, values)
        try:
            arrays.append(pa.array(values, type=to_arrow_type(f.dataType)))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as e:
            bad = next((v for v in values if v is not None), None)
            raise PySparkTypeError(
                f"field {f.name}: {f.dataType!r} can not accept object {bad!r} in type "
                f"{type(bad).__name__} ({e})", "FIELD_DATA_TYPE_UNACCEPTABLE") from None
        if not f.nullable and arrays[-1].null_count:
            raise PySparkValueError(f"field {f.name}: This field is not nullable, but got None",
                                    "FIELD_NOT_NULLABLE")
    return pa.Table.from_arrays(arrays, names=names) if arrays else pa.table({})


def infer_schema(rows: list, names: list[str] | None = None) -> T.StructType:
    """PySpark's inference: dict keys sorted, tuples named _1, _2..., Rows by their fields,
    each row's struct type merged over the rows (`merge_python_types`)."""
    from dfengine.types.infer import merge_python_types

    if rows and all(isinstance(r, dict) for r in rows):
        return _infer_dict_schema(rows, names)
    merged: T.StructType | None = None
    for r in rows:
        st = _row_struct(r)
        merged = st if merged is None else merge_python_types(merged, st)
    if merged is None:
        raise PySparkValueError("can not infer schema from empty dataset",
                                "CANNOT_INFER_EMPTY_SCHEMA")
    if any(isinstance(r, Row) and len(r) != len(merged.fields) for r in rows):
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            "Input row doesn't have expected number of values required by the schema. "
            f"{len(merged.fields)} fields are required while "
            f"{min(len(r) for r in rows)} values are provided (the Rows have different "
            "fields: give every Row the same fields, or give a schema).",
            "STRUCT_ARRAY_LENGTH_MISMATCH")
    fields = merged.names
    types = [f.dataType for f in merged.fields]
    if names:
        fields = list(names) + fields[len(names):]
    _check_determined(zip(fields, types))
    return T.StructType([T.StructField(n, t, True) for n, t in zip(fields, types)])


def _row_struct(r: Any) -> T.StructType:
    from dfengine.types import _infer_type

    if isinstance(r, Row) and hasattr(r, "__fields__"):
        keys, values = list(r.__fields__), list(r)
    elif isinstance(r, dict):
        items = sorted(r.items())
        keys, values = [k for k, _ in items], [v for _, v in items]
    elif isinstance(r, (tuple, list)):
        keys, values = [f"_{i + 1}" for i in range(len(r))], list(r)
    else:
        raise PySparkTypeError(
            f"Can not infer schema for type: {type(r).__name__}. Give a schema, e.g. "
            "createDataFrame(data, 'value INT').", "CANNOT_INFER_SCHEMA_FOR_TYPE")
    return T.StructType([T.StructField(k, _infer_type(v), True) for k, v in zip(keys, values)])


def _check_determined(fields: Any) -> None:
    from dfengine.types.infer import has_null_type

    for n, t in fields:
        if has_null_type(t):
            raise PySparkValueError(
                f"Some of types cannot be determined after inferring (column `{n}` is "
                f"{'all None' if isinstance(t, T.NullType) else t.simpleString()}). Give a "
                "schema.", "CANNOT_DETERMINE_TYPE")


def _infer_dict_schema(rows: list, names: list[str] | None) -> T.StructType:
    """Dict rows: the union of every row's keys (in PySpark's order), each key's type merged
    over the rows that have it; a key missing from a row is NULL there."""
    from dfengine.types import _infer_type
    from dfengine.types.infer import merge_python_types

    types: dict[str, T.DataType] = {}
    for r in rows:  # each row's keys sorted, new keys after those already seen (PySpark's merge)
        for k, v in sorted(r.items(), key=lambda kv: kv[0]):
            types[k] = merge_python_types(types.get(k, T.NullType()), _infer_type(v))
    keys = list(types)
    _check_determined((k, types[k]) for k in keys)
    fields = [T.StructField(k, types[k], True) for k in keys]
    if names:
        fields = [T.StructField(n, f.dataType, True) for n, f in zip(names, fields)] + fields[
            len(names):]
    return T.StructType(fields)
