"""Catalog records: a database, a table (schema, provider, partition columns, location,
properties) and its identifier. Records serialise to JSON for the metastore."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from typing import Any

from dfengine import types as T


@dataclass(frozen=True)
class TableIdent:
    """`db.name`, both lower-cased as Spark's session catalog stores them."""

    db: str
    name: str

    def quoted(self) -> str:
        return f"`spark_catalog`.`{self.db}`.`{self.name}`"

    def __str__(self) -> str:
        return f"{self.db}.{self.name}"


@dataclass(frozen=True)
class CatalogDatabase:
    name: str
    location: str
    comment: str = ""
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CatalogTable:
    ident: TableIdent
    schema: T.StructType  # data columns, then partition columns (Spark's order)
    provider: str = "parquet"
    partition_columns: tuple[str, ...] = ()
    location: str = ""
    table_type: str = "MANAGED"  # or EXTERNAL
    comment: str | None = None
    properties: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    created: float = field(default_factory=time.time)
    version: int = 0  # bumped by every change of data or metadata (relation cache key)

    @property
    def data_columns(self) -> list[T.StructField]:
        parts = set(self.partition_columns)
        return [f for f in self.schema.fields if f.name not in parts]

    @property
    def partition_fields(self) -> list[T.StructField]:
        by_name = {f.name: f for f in self.schema.fields}
        return [by_name[c] for c in self.partition_columns]

    def with_(self, **changes: Any) -> CatalogTable:
        return replace(self, **changes)

    def to_json(self) -> str:
        return json.dumps({
            "schema": [[f.name, f.dataType.simpleString(), f.nullable,
                        f.metadata.get("comment")] for f in self.schema.fields],
            "provider": self.provider, "partition_columns": list(self.partition_columns),
            "location": self.location, "table_type": self.table_type, "comment": self.comment,
            "properties": self.properties, "options": self.options, "created": self.created})

    @classmethod
    def from_json(cls, ident: TableIdent, text: str, version: int = 0) -> CatalogTable:
        d = json.loads(text)
        fields = [T.StructField(n, T._parse_datatype_string(t), nullable,
                                {"comment": c} if c is not None else None)
                  for n, t, nullable, c in d["schema"]]
        return cls(ident, T.StructType(fields), d["provider"], tuple(d["partition_columns"]),
                   d["location"], d["table_type"], d["comment"], d["properties"], d["options"],
                   d["created"], version)
