"""The DataFrame/session hooks dfengine.graphframes uses (docs/INTERNALS.md), in one place.

Graph code reaches the engine only through these functions: partitions as Dask futures
(`df._to_delayed()` computed on the session's cluster), DataFrames made from futures
(`spark._from_delayed`) and the Arrow <-> Spark type mapping. A refactor of the engine's
internals is then one fix here.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from dfengine.sql import types as T


def client_of(df: Any) -> Any:
    """The dask.distributed Client the DataFrame's session runs on."""
    return df.sparkSession._runtime.client


def worker_threads(client: Any) -> list[tuple[str, int]]:
    """(address, threads) of every worker of the cluster."""
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:
        info = client.scheduler_info()
    return [(a, int(w.get("nthreads", 1))) for a, w in sorted(info.get("workers", {}).items())]


def partition_futures(df: Any) -> list:
    """Each partition of `df` as a future holding a `pyarrow.Table` (columns `df.columns`)."""
    return client_of(df).compute(df._to_delayed())


def from_futures(spark: Any, parts: list, schema: T.StructType) -> Any:
    """A DataFrame whose partitions are futures of Arrow tables with exactly `schema`."""
    return spark._from_delayed(parts, schema, label="GraphFrame")


def arrow_type(dt: T.DataType) -> pa.DataType:
    return T.to_arrow_type(dt)


def arrow_schema(schema: T.StructType) -> pa.Schema:
    return T.to_arrow_schema(schema)


def vector_array(matrix: Any) -> pa.Array:
    """Rows of a (n, k) float matrix as a column of dense ml vectors (VectorUDT storage)."""
    from dfengine.ml.linalg.arrow import matrix_to_vector_array

    return matrix_to_vector_array(matrix)
