"""Reshaping: `unpivot`/`melt` (wide to long, per partition in Arrow, rows kept in input
order as Spark emits them) and `transpose` (columns to rows, on the driver as in Spark)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException, PySparkTypeError
from dfengine.plan.type_coercion import unpivot_value_type

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


def _columns(df: DataFrame, cols: Any, what: str) -> list:
    from dfengine.sql.column import Column

    if cols is None:
        return []
    if isinstance(cols, (str, Column)):
        return [cols]
    if isinstance(cols, (list, tuple)):
        return list(cols)
    raise PySparkTypeError(f"Argument `{what}` should be a column, a column name or a list "
                           f"of them, got {type(cols).__name__}.", "NOT_COLUMN_OR_LIST_OR_STR")


def unpivot(df: DataFrame, ids: Any, values: Any, variable: str, value: str) -> DataFrame:
    from dfengine.sql import functions as F

    id_cols = _columns(df, ids, "ids")
    id_df = df.select(*id_cols) if id_cols else None
    id_names = set(id_df.columns) if id_df is not None else set()
    val_cols = _columns(df, values, "values")
    if values is None:
        val_cols = [f"`{c}`" for c in df.columns if c not in id_names]
    if not val_cols:
        raise AnalysisException(
            "At least one value column needs to be specified "
            "for UNPIVOT, all columns specified as ids.", "UNPIVOT_REQUIRES_VALUE_COLUMNS")
    vals = df.select(*val_cols)
    names = vals.columns
    dt = unpivot_value_type([f.dataType for f in vals.schema.fields], names)
    n_ids = len(id_cols)
    flat = df.select(*id_cols, *[F.col(c).cast(dt) if isinstance(c, str) else c.cast(dt)
                                 for c in val_cols])
    id_fields = flat.schema.fields[:n_ids]
    schema = T.StructType(list(id_fields) + [T.StructField(variable, T.StringType(), False),
                                             T.StructField(value, dt, True)])
    k = len(names)

    def run(table: pa.Table) -> pa.Table:
        n = table.num_rows
        repeat = pa.array(np.repeat(np.arange(n, dtype=np.int64), k))
        cols = [table.column(i).take(repeat) for i in range(n_ids)]
        cols.append(pa.array(names * n, pa.string()))
        if n:
            stacked = pa.chunked_array([table.column(n_ids + j) for j in range(k)])
            order = (np.arange(k, dtype=np.int64)[None, :] * n
                     + np.arange(n, dtype=np.int64)[:, None]).ravel()
            cols.append(stacked.take(pa.array(order)))
        else:
            cols.append(pa.array([], T.to_arrow_type(dt)))
        return pa.Table.from_arrays(cols, schema=T.to_arrow_schema(schema))

    return flat._map_partitions(run, schema, "Unpivot")


def transpose(df: DataFrame, index_column: Any = None) -> DataFrame:
    """One row per non-index column (`key` = its name), one column per index value (as
    string, ordered by the index value; NULL index values are left out), as Spark does."""
    from dfengine.sql import functions as F
    from dfengine.sql.column import Column

    if not df.columns:
        return df
    idx = index_column if index_column is not None else f"`{df.columns[0]}`"
    idx_col = F.col(idx) if isinstance(idx, str) else idx
    if not isinstance(idx_col, Column):
        raise PySparkTypeError("indexColumn should be a Column or a column name",
                               "NOT_COLUMN_OR_STR")
    idx_name = df.select(idx_col).columns[0]
    rest = [f for f in df.schema.fields if f.name != idx_name]
    dt = unpivot_value_type([f.dataType for f in rest], [f.name for f in rest]) if rest else (
        T.StringType())
    rows = (df.where(idx_col.isNotNull()).orderBy(idx_col)
            .select(idx_col.cast("string"), *[F.col(f"`{f.name}`").cast(dt) for f in rest])
            .toArrow())
    keys = rows.column(0).to_pylist()
    target = T.to_arrow_type(dt)
    arrays = [pa.array([f.name for f in rest], pa.string())]
    for i in range(len(keys)):
        arrays.append(pa.array([rows.column(j + 1)[i].as_py() for j in range(len(rest))],
                               target))
    fields = [T.StructField("key", T.StringType(), False)] + [
        T.StructField(k, dt, True) for k in keys]
    table = pa.Table.from_arrays(arrays, names=[f.name for f in fields])
    return df.sparkSession._from_arrow(table, schema=T.StructType(fields))
