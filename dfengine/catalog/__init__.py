"""The persistent catalog: databases, tables and their partitions, kept in a SQLite file under
`spark.sql.warehouse.dir` so that tables survive a new session on the same warehouse.

This layer only keeps metadata and manages directories; reading and writing table data is the
facade's job (dfengine/sql/tables.py), which plans scans and calls the file writer.
"""

from dfengine.catalog.model import CatalogDatabase, CatalogTable, TableIdent
from dfengine.catalog.paths import parse_partition_path, partition_display, partition_path
from dfengine.catalog.session_catalog import SessionCatalog

__all__ = [
           "CatalogDatabase",
           "CatalogTable",
           "SessionCatalog",
           "TableIdent",
           "parse_partition_path",
           "partition_display",
           "partition_path",
]
