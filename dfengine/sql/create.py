"""`spark.createDataFrame`: rows, dicts, Rows, pandas, Arrow or an RDD, with or without a
schema (DDL string, StructType, a single type, or a list of column names)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import PySparkTypeError
from dfengine.sql.rows import infer_schema, rows_to_arrow

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession


def _schema_of(schema: Any) -> tuple[T.DataType | None, list[str] | None]:
    if schema is None:
        return None, None
    if isinstance(schema, str):
        return T._parse_datatype_string(schema), None
    if isinstance(schema, (list, tuple)):
        if all(isinstance(s, str) for s in schema):
            return None, list(schema)
        raise PySparkTypeError("schema should be StructType, a DDL string or a list of names",
                               "NOT_LIST_OF_STR")
    if isinstance(schema, T.DataType):
        from dfengine.types.ddl import char_as_string

        return char_as_string(schema), None
    raise PySparkTypeError(f"schema should be StructType or str, got {type(schema).__name__}",
                           "NOT_STRUCT_OR_STR")


def create_dataframe(session: SparkSession, data: Any, schema: Any,
                     verify: bool = True) -> DataFrame:
    dtype, names = _schema_of(schema)
    if dtype is not None and not isinstance(dtype, T.StructType):
        dtype = T.StructType([T.StructField("value", dtype, True)])
        data = [(v,) if not isinstance(v, (tuple, list)) else v for v in data]
    if _is_rdd(data):
        from dfengine.sql.rdd_interop import rdd_to_dataframe

        return rdd_to_dataframe(data, schema if dtype is None else dtype, session=session,
                                names=names)
    if isinstance(data, pa.Table) or _is_pandas(data):
        return session._from_arrow(_columnar_table(data, dtype, names))
    if hasattr(data, "__array__") and not isinstance(data, (list, tuple)):
        if getattr(data, "ndim", 2) == 1 and dtype is None:  # PySpark: one column `value`
            names = names or ["value"]
            data = [(v,) for v in data.tolist()]
        else:
            data = data.tolist()
    rows = list(data)
    if isinstance(dtype, T.StructType):
        st = dtype
    else:
        st = infer_schema(rows, names) if rows else None
        if st is None:
            _empty_without_schema()
    checked = isinstance(dtype, T.StructType)
    if checked and not verify and rows:
        from dfengine.sql.unverified_rows import unverified_rows

        rows, checked = unverified_rows(rows, st), False
    table = rows_to_arrow(rows, st, verify=checked) if rows else (
        T.to_arrow_schema(st).empty_table())
    return session._from_arrow(table, None, st)


def _columnar_table(data: Any, dtype: T.DataType | None, names: list[str] | None) -> pa.Table:
    """An Arrow table or a pandas frame, renamed by `names` and cast to `dtype`."""
    naive: list[int] = []
    if isinstance(data, pa.Table):
        table = data
    else:
        if len(data) == 0 and dtype is None:
            _empty_without_schema()
        naive = [i for i in range(data.shape[1])
                 if str(data.iloc[:, i].dtype).startswith("datetime64[")]
        table = _pandas_table(data)
    if names:
        table = table.rename_columns(names)
    if isinstance(dtype, T.StructType):
        if not isinstance(data, pa.Table):
            _check_pandas_strings(table, dtype)
        table = _cast_table(table, dtype)
    if isinstance(dtype, T.StructType):  # TIMESTAMP_NTZ keeps the wall-clock value
        naive = [i for i in naive if isinstance(dtype.fields[i].dataType, T.TimestampType)]
    return _from_session_wall(table, naive)


def _from_session_wall(table: pa.Table, naive: list[int]) -> pa.Table:
    """PySpark reads a pandas column of zone-less datetimes as wall-clock times in the
    session time zone (toPandas() gives them back so)."""
    from dfengine.functions.zone_shift import session_zone, to_instant

    zone = session_zone()
    for i in naive:
        if table.schema.field(i).type == pa.timestamp("us"):
            table = table.set_column(i, table.schema.field(i),
                                     to_instant(table.column(i), zone))
    return table


def _empty_without_schema() -> None:
    from dfengine.errors import PySparkValueError

    raise PySparkValueError("Can not infer schema from an empty dataset. Give a schema, "
                            "e.g. createDataFrame([], 'a INT').", "CANNOT_INFER_EMPTY_SCHEMA")


def _pandas_table(pdf: Any) -> pa.Table:
    """A pandas frame as Arrow; an object column Arrow cannot convert (1 and 'x' mixed) is
    typed as PySpark types it, from its Python values (int with str: a string column)."""
    cols = []
    for i in range(pdf.shape[1]):
        s = pdf.iloc[:, i]
        try:
            arr = pa.array(s, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arr = _python_column(s)
        cols.append(_from_pandas_col(arr))
    return pa.Table.from_arrays(cols, names=[str(n) for n in pdf.columns])


def _python_column(s: Any) -> pa.Array:
    import pandas as pd

    from dfengine.sql.rows import rows_to_arrow
    from dfengine.types import _infer_type
    from dfengine.types.infer import merge_python_types

    values = [None if not isinstance(v, (list, dict)) and pd.isna(v) else v for v in s]
    dt: T.DataType = T.NullType()
    for v in values:
        dt = merge_python_types(dt, _infer_type(v))
    if isinstance(dt, T.NullType):
        dt = T.StringType()
    st = T.StructType([T.StructField("c", dt, True)])
    return rows_to_arrow([(v,) for v in values], st).column(0).combine_chunks()


def _check_pandas_strings(table: pa.Table, st: T.StructType) -> None:
    """A pandas column of strings for a field of another atomic type is refused, as PySpark's
    schema verification refuses the str objects (it never parses them): not NULLs."""
    for c, f in zip(table.columns, st.fields):
        target = f.dataType
        if (pa.types.is_string(c.type) or pa.types.is_large_string(c.type)) and isinstance(
                target, T.AtomicType) and not isinstance(target, T.StringType):
            first = next((v for v in c.to_pylist() if v is not None), None)
            if first is None:
                continue
            raise PySparkTypeError(
                f"field {f.name}: {target!r} can not accept object {first!r} in type "
                "<class 'str'>. Convert the column first (pandas.to_numeric, pandas."
                "to_datetime) or declare the field as a string.",
                "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME")


def _cast_table(table: pa.Table, st: T.StructType) -> pa.Table:
    from dfengine.functions.cast import cast_array

    if table.num_columns != len(st.fields):
        raise PySparkTypeError(f"The schema has {len(st.fields)} fields but the data has "
                               f"{table.num_columns} columns", "LENGTH_MISMATCH")
    cols = []
    for c, f in zip(table.columns, st.fields):
        src = T.from_arrow_type(c.type)
        cols.append(cast_array(c, src, f.dataType) if src != f.dataType else c)
    return pa.Table.from_arrays(cols, names=st.names)


def _from_pandas_col(c: Any) -> Any:
    t = c.type
    if pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return c.cast(pa.string())
    if pa.types.is_timestamp(t) and (t.tz is not None or t.unit != "us"):
        return c.cast(pa.timestamp("us"))
    if pa.types.is_dictionary(t):
        return c.cast(t.value_type)
    return c


def _is_pandas(data: Any) -> bool:
    return type(data).__module__.startswith("pandas") and hasattr(data, "columns")


def _is_rdd(data: Any) -> bool:
    return type(data).__name__.endswith("RDD") and hasattr(data, "mapPartitions")
