"""DataFrames to and from `dask.dataframe`, lazily, with exact values.

`df.to_dask()` wraps the query's partitions (one Dask task each, nothing computed) in a
`dask.dataframe` whose columns are Arrow-backed (`pandas.ArrowDtype`): decimals stay
`decimal128(p, s)`, dates `date32`, strings Arrow strings, so nothing is rounded or turned
into Python objects on the way out. `spark.createDataFrame(dask_df)` wraps a Dask DataFrame's
partitions as the source of a query (each converted to Arrow when it is computed), with the
schema taken from its `_meta`. Either way the other library's graph and ours become one graph,
so dask-ml, xgboost.dask or Dask's own writers consume a query without collecting it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dfengine import types as T

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession


def _to_pandas(table: pa.Table) -> Any:
    import pandas as pd

    return table.to_pandas(types_mapper=pd.ArrowDtype)


def to_dask(df: DataFrame) -> Any:
    """A lazy `dask.dataframe.DataFrame` of `df`'s rows, one partition per result partition."""
    import dask
    import dask.dataframe as dd

    meta = _to_pandas(T.to_arrow_schema(df.schema).empty_table())
    parts = [dask.delayed(_to_pandas)(p) for p in df._to_delayed()]
    if not parts:
        return dd.from_pandas(meta, npartitions=1)
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def is_dask_dataframe(data: Any) -> bool:
    module = type(data).__module__
    return module.startswith("dask") and hasattr(data, "to_delayed") and hasattr(data, "_meta")


def _arrow_type(at: pa.DataType) -> pa.DataType:
    """The Arrow type a column of this type is kept as (what Spark types map back to)."""
    if pa.types.is_large_string(at) or pa.types.is_string_view(at) or pa.types.is_null(at):
        return pa.string()
    if pa.types.is_large_binary(at):
        return pa.binary()
    if pa.types.is_timestamp(at) and (at.tz is not None or at.unit != "us"):
        return pa.timestamp("us")
    if pa.types.is_dictionary(at):
        return _arrow_type(at.value_type)
    return at


def _from_pandas(schema: pa.Schema, pdf: Any) -> pa.Table:
    table = pa.Table.from_pandas(pdf, preserve_index=False)
    cols = [c if c.type == f.type else c.cast(f.type) for c, f in zip(table.columns, schema)]
    return pa.Table.from_arrays(cols, schema=schema)


def from_dask(session: SparkSession, ddf: Any, schema: Any = None) -> DataFrame:
    """A DataFrame reading the partitions of a Dask DataFrame when a query needs them."""
    import dask

    meta = pa.Schema.from_pandas(ddf._meta, preserve_index=False)
    arrow = pa.schema([pa.field(str(f.name), _arrow_type(f.type)) for f in meta])
    st = T.from_arrow_schema(arrow)
    if schema is not None:
        given = T._parse_datatype_string(schema) if isinstance(schema, str) else schema
        if isinstance(given, (list, tuple)):
            st = T.StructType([T.StructField(n, f.dataType, True)
                               for n, f in zip(given, st.fields)])
        else:
            st = given
        arrow = T.to_arrow_schema(st)
    convert = dask.delayed(partial(_from_pandas, arrow), pure=True)
    name = f"dask-to-arrow-{dask.base.tokenize(ddf, arrow)}"
    parts = [convert(p, dask_key_name=(name, i)) for i, p in enumerate(ddf.to_delayed())]
    return session._from_delayed(parts, st, "DaskDataFrame")
