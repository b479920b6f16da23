"""The few DataFrame hooks dfengine.ml uses (docs/INTERNALS.md), in one place.

ML code never reaches into the SQL engine's internals: it reads partitions with
`df._to_delayed()`, adds columns with `df._map_partitions(fn, schema)` and finds the cluster
through `df.sparkSession._runtime.client`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dfengine.errors import IllegalArgumentException


def client_of(df: Any) -> Any:
    return df.sparkSession._runtime.client


def total_threads(client: Any) -> int:
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:
        info = client.scheduler_info()
    return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


def require_columns(df: Any, names: Sequence[str], role: str = "input") -> None:
    """Raise a clear error naming a missing column and the available ones."""
    cols = list(df.columns)
    for name in names:
        if name not in cols:
            raise IllegalArgumentException(
                f"{role} column '{name}' does not exist. Available: {', '.join(cols)}")


def field_type(df: Any, name: str) -> Any:
    for f in df.schema.fields:
        if f.name == name:
            return f.dataType
    raise IllegalArgumentException(
        f"Column '{name}' does not exist. Available: {', '.join(df.columns)}")


def with_new_columns(df: Any, fn: Callable, new_fields: list) -> Any:
    """`df` plus the columns `fn(table) -> dict[name, pa.Array]` computes per partition.

    The new columns are appended after the existing ones, as `withColumn` would; an existing
    column of the same name is an error (as in Spark's ML stages).
    """
    from dfengine.sql.types import StructType

    existing = set(df.columns)
    for f in new_fields:
        if f.name in existing:
            raise IllegalArgumentException(
                f"Output column {f.name} already exists. Choose another output column name.")
    schema = StructType(list(df.schema.fields) + list(new_fields))
    # the schema's metadata (Spark's `ml_attr` of the columns passed through and the new
    # ones) stays with the columns (`dfengine.sql.attribute_metadata`)
    return df._map_partitions(_AppendColumns(fn, new_fields), schema)


def with_metadata(df: Any, metadata: dict[str, dict]) -> Any:
    """`df` with the column metadata given by name replaced (Spark's ML attributes)."""
    from dfengine.sql.dataframe_ops import with_metadata_many

    return with_metadata_many(df, metadata) if metadata else df


class _AppendColumns:
    """Picklable per-partition function: append the arrays `fn` returns to the table.

    An empty partition (after `filter`, `repartition`, a cross-validation fold) gets empty
    columns of the declared types without calling `fn`: model code can then assume at least
    one row (a `(0, 0)` features matrix would not multiply with the coefficients)."""

    def __init__(self, fn: Callable, fields: list):
        self.fn = fn
        self.names = [f.name for f in fields]
        self.fields = fields

    def __call__(self, table: Any) -> Any:
        if table.num_rows == 0:
            return _append_empty(table, self.fields)
        arrays = self.fn(table)
        for name in self.names:
            table = table.append_column(name, arrays[name])
        return table


def _append_empty(table: Any, fields: list) -> Any:
    import pyarrow as pa

    from dfengine.types.arrow import to_arrow_type

    for f in fields:
        table = table.append_column(f.name, pa.array([], type=to_arrow_type(f.dataType)))
    return table


def partition_results(df: Any, fn: Callable, *args: Any) -> list:
    """`fn(table, *args)` computed on every partition of `df`; results in partition order.

    Used for small per-partition aggregates (statistics, counts) that the driver combines.
    """
    import dask

    client = client_of(df)
    futs = client.compute([dask.delayed(fn, pure=True)(p, *args) for p in df._to_delayed()])
    return client.gather(futs)


def filter_rows(df: Any, fn: Callable) -> Any:
    """`df` keeping the rows where `fn(table) -> bool numpy mask` is True (schema unchanged)."""
    return df._map_partitions(_FilterRows(fn), df.schema)


class _FilterRows:
    def __init__(self, fn: Callable):
        self.fn = fn

    def __call__(self, table: Any) -> Any:
        import pyarrow as pa

        if table.num_rows == 0:  # nothing to check; `fn` may assume rows (see _AppendColumns)
            return table
        mask = self.fn(table)
        return table.filter(pa.array(mask, type=pa.bool_()))


def transform_partitions(df: Any, fn: Callable, new_fields: list, keep: Callable | None) -> Any:
    """Drop rows where `keep(table)` is False (if given), then append `fn`'s columns."""
    if keep is not None:
        df = filter_rows(df, keep)
    return with_new_columns(df, fn, new_fields)


def from_arrow(session: Any, table: Any) -> Any:
    """A DataFrame holding an Arrow table built on the driver (model factors, recommendations)."""
    return session._from_arrow(table)


def active_session() -> Any:
    """The active dfengine session (models loaded from disk build their DataFrames in it)."""
    from dfengine.sql import SparkSession

    return SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()


def aggregate_column(fn: Callable, return_type: Any, name: str, *cols: Any) -> Any:
    """A Column aggregating `cols` with `fn(*arrow_arrays) -> value` (an Arrow grouped-aggregate
    UDF named `name`, so the column reads `name(col, ...)`); usable in select and groupBy.agg."""
    from dfengine.sql.pandas_udf import ArrowUDFType
    from dfengine.sql.udf import UserDefinedFunction

    udf = UserDefinedFunction(fn, return_type, name=name, evalType=ArrowUDFType.GROUPED_AGG)
    return udf(*cols)
