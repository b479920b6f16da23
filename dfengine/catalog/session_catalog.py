"""Catalog operations with Spark's checks and errors, and the directories they own: a
database is a directory (`<warehouse>/<db>.db`, the warehouse itself for `default`), a
managed table a directory under its database, a partition a `key=value/...` directory under
its table. Dropping a managed table removes its directory; an external one keeps its files.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

from dfengine.catalog.model import CatalogDatabase, CatalogTable, TableIdent
from dfengine.catalog.paths import parse_partition_path, partition_path, strip_scheme
from dfengine.catalog.store import MetaStore, Spec
from dfengine.errors import AnalysisException


def not_found(ident: TableIdent | str) -> AnalysisException:
    name = ident.quoted() if isinstance(ident, TableIdent) else f"`{ident}`"
    return AnalysisException(
        f"The table or view {name} cannot be found. Verify the spelling and correctness of the "
        "schema and catalog. If you did not qualify the name with a schema, verify the "
        "current_schema() output, or qualify the name with the correct schema and catalog.",
        "TABLE_OR_VIEW_NOT_FOUND")


def schema_not_found(name: str) -> AnalysisException:
    return AnalysisException(
        f"The schema `spark_catalog`.`{name}` cannot be found. Verify the spelling and "
        "correctness of the schema and catalog, or create it with CREATE DATABASE.",
        "SCHEMA_NOT_FOUND")


def like(pattern: str | None, name: str) -> bool:
    """Spark's SHOW ... LIKE (StringUtils.filterPattern): `|` separates alternatives, each a
    case-insensitive regular expression matching the whole name, with `*` meaning `.*`."""
    if pattern is None:
        return True
    for sub in pattern.strip().split("|"):
        try:
            if re.fullmatch(sub.strip().replace("*", ".*"), name, re.IGNORECASE):
                return True
        except re.error:
            continue
    return False


class SessionCatalog:
    def __init__(self, warehouse: str):
        self.warehouse = os.path.abspath(strip_scheme(warehouse))
        self.store = MetaStore(self.warehouse)

    # ------------------------------------------------------------------- databases

    def database(self, name: str) -> CatalogDatabase:
        db = self.store.get_database(name.lower())
        if db is None:
            raise schema_not_found(name)
        return db

    def database_exists(self, name: str) -> bool:
        return self.store.get_database(name.lower()) is not None

    def list_databases(self, pattern: str | None = None) -> list[CatalogDatabase]:
        return [d for d in self.store.list_databases() if like(pattern, d.name)]

    def create_database(self, name: str, if_not_exists: bool = False, comment: str = "",
                        location: str | None = None, properties: dict | None = None) -> None:
        name = name.lower()
        loc = os.path.abspath(strip_scheme(location)) if location else os.path.join(
            self.warehouse, f"{name}.db")
        created = self.store.create_database(CatalogDatabase(name, loc, comment or "",
                                                             dict(properties or {})))
        if not created and not if_not_exists:
            raise AnalysisException(
                f"Cannot create schema `{name}` because it already exists. Choose a different "
                "name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate "
                "pre-existing schema.", "SCHEMA_ALREADY_EXISTS")
        if created:
            os.makedirs(loc, exist_ok=True)

    def drop_database(self, name: str, if_exists: bool = False, cascade: bool = False) -> None:
        name = name.lower()
        if name == "default":
            raise AnalysisException("Cannot drop the default database "
                                    "`spark_catalog`.`default`.",
                                    "UNSUPPORTED_FEATURE.DROP_DATABASE")
        if not self.database_exists(name):
            if if_exists:
                return
            raise schema_not_found(name)
        db = self.database(name)
        tables = self.store.list_tables(name)
        if tables and not cascade:
            raise AnalysisException(
                f"Cannot drop a schema `{name}` because it contains objects. Use DROP SCHEMA "
                "... CASCADE to drop the schema and all its objects.", "SCHEMA_NOT_EMPTY")
        managed = [t for t in (self.store.get_table(TableIdent(name, n)) for n in tables)
                   if t is not None and t.table_type == "MANAGED"]
        self.store.drop_database(name)
        for t in managed:
            shutil.rmtree(t.location, ignore_errors=True)
        shutil.rmtree(db.location, ignore_errors=True)

    # ---------------------------------------------------------------------- tables

    def table(self, ident: TableIdent) -> CatalogTable:
        t = self.store.get_table(ident)
        if t is None:
            raise not_found(ident)
        return t

    def get_table(self, ident: TableIdent) -> CatalogTable | None:
        return self.store.get_table(ident)

    def table_exists(self, ident: TableIdent) -> bool:
        return self.store.table_version(ident) is not None

    def list_tables(self, db: str, pattern: str | None = None) -> list[str]:
        self.database(db)
        return [n for n in self.store.list_tables(db.lower()) if like(pattern, n)]

    def default_location(self, ident: TableIdent) -> str:
        return os.path.join(self.database(ident.db).location, ident.name)

    def create_table(self, table: CatalogTable, ignore_if_exists: bool = False) -> bool:
        """Register `table` (its location defaults to the database's directory). False
        when it exists and `ignore_if_exists`."""
        self.database(table.ident.db)
        if self.table_exists(table.ident):
            if ignore_if_exists:
                return False
            raise already_exists(table.ident)
        if table.table_type == "VIEW":  # a query's text: no location, no files
            if not self.store.create_table(table):
                raise already_exists(table.ident)
            return True
        if not table.location:
            table = table.with_(location=self.default_location(table.ident))
        loc = table.location
        if table.table_type == "MANAGED" and os.path.isdir(loc) and os.listdir(loc):
            raise AnalysisException(
                f"Cannot name the managed table as {table.ident.quoted()}, as its associated "
                f"location 'file:{loc}' already exists. Please pick a different table name, or "
                "remove the existing location first.", "LOCATION_ALREADY_EXISTS")
        if not self.store.create_table(table):
            raise already_exists(table.ident)
        os.makedirs(loc, exist_ok=True)
        return True

    def alter_table(self, table: CatalogTable) -> None:
        self.store.alter_table(table)

    def drop_table(self, ident: TableIdent, if_exists: bool = False) -> bool:
        t = self.store.get_table(ident)
        if t is None:
            if if_exists:
                return False
            raise not_found(ident)
        self.store.drop_table(ident)
        if t.table_type == "MANAGED":
            shutil.rmtree(t.location, ignore_errors=True)
        return True

    def rename_table(self, old: TableIdent, new: TableIdent) -> None:
        t = self.table(old)
        if self.table_exists(new):
            raise already_exists(new)
        loc = t.location
        if t.table_type == "MANAGED":
            loc = self.default_location(new)
            if os.path.exists(t.location):
                os.replace(t.location, loc)
        self.store.rename_table(old, new, t.with_(ident=new, location=loc))

    def touch(self, ident: TableIdent) -> None:
        self.store.touch(ident)

    # ------------------------------------------------------------------ partitions

    def partitions(self, table: CatalogTable) -> list[Spec]:
        specs = self.store.list_partitions(table.ident)
        order = {c: i for i, c in enumerate(table.partition_columns)}
        return sorted(specs, key=lambda s: [(v is not None, v or "") for _, v in
                                            sorted(s, key=lambda kv: order.get(kv[0], 0))])

    def matching(self, table: CatalogTable, spec: dict[str, Any]) -> list[Spec]:
        """Registered partitions agreeing with a (possibly partial) spec."""
        return [p for p in self.partitions(table)
                if all(dict(p).get(k) == v for k, v in spec.items())]

    def add_partitions(self, table: CatalogTable, specs: list[Spec],
                       if_not_exists: bool = False) -> None:
        have = {tuple(s) for s in self.partitions(table)}
        dup = [s for s in specs if tuple(s) in have]
        if dup and not if_not_exists:
            raise AnalysisException(
                f"The following partitions already exist in table {table.ident.quoted()}: "
                f"{', '.join(partition_path(s) for s in dup)}. Use ADD IF NOT EXISTS to "
                "tolerate them.", "PARTITIONS_ALREADY_EXIST")
        new = [s for s in specs if tuple(s) not in have]
        for s in new:
            os.makedirs(os.path.join(table.location, partition_path(s)), exist_ok=True)
        self.store.set_partitions(table.ident, new, [])

    def drop_partitions(self, table: CatalogTable, specs: list[dict[str, Any]],
                        if_exists: bool = False, delete_data: bool = True) -> None:
        drop: list[Spec] = []
        for spec in specs:
            # Spark resolves each spec to one partition: a partial spec matches none.
            full = len(spec) == len(table.partition_columns)
            found = self.matching(table, spec) if full else []
            if not found and not if_exists:
                shown = ", ".join(f"{k}={v}" for k, v in spec.items())
                raise AnalysisException(
                    f"The partitions [{shown}] cannot be found in table "
                    f"{table.ident.quoted()}. Verify the partition specification and table "
                    "name, or use DROP IF EXISTS.", "PARTITIONS_NOT_FOUND")
            drop.extend(found)
        self.store.set_partitions(table.ident, [], drop)
        if delete_data and table.table_type == "MANAGED":
            for s in drop:
                shutil.rmtree(os.path.join(table.location, partition_path(s)),
                              ignore_errors=True)

    def on_disk_partitions(self, table: CatalogTable) -> list[Spec]:
        """Partition directories under the table's location, at the depth of its
        partition columns, with names in their order."""
        cols = list(table.partition_columns)
        found: list[Spec] = []
        root = table.location
        for dirpath, dirnames, _ in os.walk(root):
            rel = os.path.relpath(dirpath, root)
            depth = 0 if rel == "." else rel.count(os.sep) + 1
            dirnames[:] = [d for d in dirnames if not d.startswith((".", "_"))]
            if depth == len(cols) and depth:
                spec = parse_partition_path(rel)
                if [k for k, _ in spec] == cols:
                    found.append(spec)
                dirnames[:] = []
        return found

    def sync_partitions(self, table: CatalogTable, prefix: dict[str, Any] | None = None,
                        drop_missing: bool = False) -> None:
        """Register partition directories written under the table; with `drop_missing`,
        unregister those (within `prefix`) whose directory an overwrite removed."""
        disk = self.on_disk_partitions(table)
        have = self.partitions(table)
        disk_keys = {tuple(s) for s in disk}
        add = [s for s in disk if tuple(s) not in {tuple(h) for h in have}]
        drop = []
        if drop_missing:
            drop = [s for s in self.matching(table, prefix or {}) if tuple(s) not in disk_keys]
        self.store.set_partitions(table.ident, add, drop)

    def truncate(self, table: CatalogTable, spec: dict[str, Any] | None = None) -> None:
        """Delete the data files of the table (or of the partitions matching `spec`), keep
        its directories and its metadata, as Spark's TRUNCATE TABLE does."""
        if spec:
            roots = [os.path.join(table.location, partition_path(s))
                     for s in self.matching(table, spec)]
        else:
            roots = [table.location]
        for root in roots:
            if os.path.isdir(root):
                for entry in os.listdir(root):
                    p = os.path.join(root, entry)
                    if table.partition_columns and not spec and os.path.isdir(p):
                        _empty_tree(p)
                    elif os.path.isdir(p):
                        shutil.rmtree(p, ignore_errors=True)
                    else:
                        os.remove(p)
        self.store.touch(table.ident)


def _empty_tree(root: str) -> None:
    for dirpath, _, files in os.walk(root):
        for f in files:
            os.remove(os.path.join(dirpath, f))


def already_exists(ident: TableIdent) -> AnalysisException:
    return AnalysisException(
        f"Cannot create table or view {ident.quoted()} because it already exists. Choose a "
        "different name, drop or replace the existing object, or add the IF NOT EXISTS clause "
        "to tolerate pre-existing objects.", "TABLE_OR_VIEW_ALREADY_EXISTS")
