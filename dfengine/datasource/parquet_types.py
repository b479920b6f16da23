"""Spark's types in parquet files, beyond what the Arrow types say.

Spark writes a `timestamp` (LTZ) as an instant (isAdjustedToUTC=true) and a `timestamp_ntz`
as a wall-clock time (isAdjustedToUTC=false), and reads them back that way; it also stores
its schema, with each field's metadata, in the file's key-value metadata under
`org.apache.spark.sql.parquet.row.metadata`. dfengine keeps both timestamp kinds as zone-less
Arrow timestamps in memory, so the writer marks the LTZ ones as UTC and records the schema,
and the reader maps them back:

    write   timestamp -> timestamp[us, tz=UTC]; timestamp_ntz -> timestamp[us]; schema JSON
    read    timestamp[*, tz=...] -> timestamp; timestamp[*] -> timestamp_ntz (INT96, the
            legacy Spark/Hive encoding, stays timestamp); metadata from the schema JSON
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.types import from_arrow_type

SPARK_SCHEMA_KEY = b"org.apache.spark.sql.parquet.row.metadata"


def for_write(table: pa.Table, schema: T.StructType) -> pa.Table:
    """`table` with its LTZ columns marked UTC and Spark's schema in its metadata."""
    by_name = {f.name: f for f in schema.fields}
    if not all(n in by_name for n in table.column_names):
        return table  # not the frame's own columns: the Arrow types alone
    fields = [by_name[n] for n in table.column_names]
    for i, f in enumerate(fields):
        col = table.column(i)
        if isinstance(f.dataType, T.TimestampType) and pa.types.is_timestamp(col.type) \
                and col.type.tz is None:
            table = table.set_column(i, f.name, col.cast(pa.timestamp(col.type.unit, "UTC")))
    spark = T.StructType(fields).json().encode()
    return table.replace_schema_metadata({**(table.schema.metadata or {}),
                                          SPARK_SCHEMA_KEY: spark})


def read_fields(path: str) -> list[T.StructField]:
    """The Spark fields of a parquet file (types as above, metadata as written)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    arrow = pf.schema_arrow
    int96 = {pf.schema.column(i).path for i in range(len(pf.schema))
             if pf.schema.column(i).physical_type == "INT96"}
    written = _written_fields(arrow.metadata)
    out = []
    for f in arrow:
        dt = from_arrow_type(f.type)
        if pa.types.is_timestamp(f.type) and f.type.tz is None and f.name not in int96:
            dt = T.TimestampNTZType()
        meta = written.get(f.name)
        if meta is not None and _zone_blind(meta.dataType) == _zone_blind(dt):
            dt = meta.dataType  # nested timestamp kinds, char/varchar lengths: as written
        out.append(T.StructField(f.name, dt, True, dict(meta.metadata) if meta and
                                 meta.metadata else None))
    return out


def _zone_blind(dt: T.DataType) -> str:
    """The type with both timestamp kinds alike (they share one Arrow storage)."""
    return dt.json().replace('"timestamp_ntz"', '"timestamp"')


def _written_fields(metadata: dict[bytes, bytes] | None) -> dict[str, Any]:
    raw = (metadata or {}).get(SPARK_SCHEMA_KEY)
    if not raw:
        return {}
    try:
        st = T.StructType.fromJson(json.loads(raw))
    except (ValueError, KeyError, TypeError):
        return {}  # another writer's schema we can't read: the Arrow types alone
    return {f.name: f for f in st.fields}
