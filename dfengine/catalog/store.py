"""The metastore: one SQLite file (standard library `sqlite3`) in the warehouse directory.

Why SQLite rather than JSON files: a change that touches several records (a table and its
partitions, a database and its tables) commits in one transaction, and sessions in other
processes on the same warehouse read and write it safely (SQLite's file locking), with no
lock files or rename dances of our own. Each call opens a short-lived connection, so a store
holds no open handle between calls and a crashed writer leaves no half-written record.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dfengine.catalog.model import CatalogDatabase, CatalogTable, TableIdent

if TYPE_CHECKING:
    import sqlite3

FILE_NAME = ".dfengine_metastore.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS databases (
    name TEXT PRIMARY KEY, location TEXT NOT NULL, comment TEXT, properties TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
    db TEXT NOT NULL, name TEXT NOT NULL, meta TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (db, name));
CREATE TABLE IF NOT EXISTS partitions (
    db TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (db, name, spec));
CREATE TABLE IF NOT EXISTS functions (
    db TEXT NOT NULL, name TEXT NOT NULL, class_name TEXT NOT NULL, PRIMARY KEY (db, name));
"""

Spec = list[tuple[str, str | None]]


class MetaStore:
    def __init__(self, warehouse: str):
        self.warehouse = warehouse
        self.path = os.path.join(warehouse, FILE_NAME)

    # ------------------------------------------------------------------ connection

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection | None]:
        """A connection for reading, or None when no store exists yet (nothing created: a
        lookup must not create a warehouse in the user's directory)."""
        if not os.path.exists(self.path):
            yield None
            return
        import sqlite3  # on the first catalog access: a query never opens the metastore

        con = sqlite3.connect(self.path, timeout=60)
        try:
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A connection in one IMMEDIATE transaction (committed on success)."""
        os.makedirs(self.warehouse, exist_ok=True)
        import sqlite3

        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            con.executescript(_SCHEMA)
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT OR IGNORE INTO databases VALUES (?, ?, ?, ?)",
                        ("default", self.warehouse, "default database", "{}"))
            yield con
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    # ------------------------------------------------------------------- databases

    def _default_db(self) -> CatalogDatabase:
        return CatalogDatabase("default", self.warehouse, "default database", {})

    def get_database(self, name: str) -> CatalogDatabase | None:
        with self._read() as con:
            if con is None:
                return self._default_db() if name == "default" else None
            row = con.execute("SELECT name, location, comment, properties FROM databases "
                              "WHERE name = ?", (name,)).fetchone()
        if row is None:
            return self._default_db() if name == "default" else None
        return CatalogDatabase(row[0], row[1], row[2] or "", json.loads(row[3]))

    def list_databases(self) -> list[CatalogDatabase]:
        with self._read() as con:
            if con is None:
                return [self._default_db()]
            rows = con.execute("SELECT name, location, comment, properties FROM databases "
                               "ORDER BY name").fetchall()
        return [CatalogDatabase(r[0], r[1], r[2] or "", json.loads(r[3])) for r in rows]

    def create_database(self, db: CatalogDatabase) -> bool:
        """False when it already exists."""
        with self._write() as con:
            cur = con.execute("INSERT OR IGNORE INTO databases VALUES (?, ?, ?, ?)",
                              (db.name, db.location, db.comment, json.dumps(db.properties)))
            return cur.rowcount == 1

    def drop_database(self, name: str) -> None:
        with self._write() as con:
            for sql in ("DELETE FROM partitions WHERE db = ?", "DELETE FROM tables WHERE db = ?",
                        "DELETE FROM functions WHERE db = ?",
                        "DELETE FROM databases WHERE name = ?"):
                con.execute(sql, (name,))

    # ---------------------------------------------------------------------- tables

    def get_table(self, ident: TableIdent) -> CatalogTable | None:
        with self._read() as con:
            if con is None:
                return None
            row = con.execute("SELECT meta, version FROM tables WHERE db = ? AND name = ?",
                              (ident.db, ident.name)).fetchone()
        return None if row is None else CatalogTable.from_json(ident, row[0], row[1])

    def table_version(self, ident: TableIdent) -> int | None:
        with self._read() as con:
            if con is None:
                return None
            row = con.execute("SELECT version FROM tables WHERE db = ? AND name = ?",
                              (ident.db, ident.name)).fetchone()
        return None if row is None else row[0]

    def list_tables(self, db: str) -> list[str]:
        with self._read() as con:
            if con is None:
                return []
            rows = con.execute("SELECT name FROM tables WHERE db = ? ORDER BY name",
                               (db,)).fetchall()
        return [r[0] for r in rows]

    def create_table(self, table: CatalogTable) -> bool:
        """False when a table of that name exists."""
        with self._write() as con:
            cur = con.execute("INSERT OR IGNORE INTO tables VALUES (?, ?, ?, 1)",
                              (table.ident.db, table.ident.name, table.to_json()))
            return cur.rowcount == 1

    def alter_table(self, table: CatalogTable) -> None:
        with self._write() as con:
            con.execute("UPDATE tables SET meta = ?, version = version + 1 WHERE db = ? AND "
                        "name = ?", (table.to_json(), table.ident.db, table.ident.name))

    def touch(self, ident: TableIdent) -> None:
        """Mark the table's data as changed (cached relations of it are stale)."""
        with self._write() as con:
            con.execute("UPDATE tables SET version = version + 1 WHERE db = ? AND name = ?",
                        (ident.db, ident.name))

    def rename_table(self, old: TableIdent, new: TableIdent, meta: CatalogTable) -> None:
        with self._write() as con:
            con.execute("DELETE FROM tables WHERE db = ? AND name = ?", (old.db, old.name))
            con.execute("INSERT INTO tables VALUES (?, ?, ?, 1)", (new.db, new.name,
                                                                   meta.to_json()))
            con.execute("UPDATE partitions SET db = ?, name = ? WHERE db = ? AND name = ?",
                        (new.db, new.name, old.db, old.name))

    def drop_table(self, ident: TableIdent) -> None:
        with self._write() as con:
            con.execute("DELETE FROM partitions WHERE db = ? AND name = ?", (ident.db,
                                                                            ident.name))
            con.execute("DELETE FROM tables WHERE db = ? AND name = ?", (ident.db, ident.name))

    # ------------------------------------------------------------------ partitions

    def list_partitions(self, ident: TableIdent) -> list[Spec]:
        with self._read() as con:
            if con is None:
                return []
            rows = con.execute("SELECT spec FROM partitions WHERE db = ? AND name = ?",
                               (ident.db, ident.name)).fetchall()
        return [[(k, v) for k, v in json.loads(r[0])] for r in rows]

    def set_partitions(self, ident: TableIdent, add: list[Spec], drop: list[Spec]) -> None:
        """Register `add` and unregister `drop` in one transaction; bumps the version."""
        with self._write() as con:
            for spec in drop:
                con.execute("DELETE FROM partitions WHERE db = ? AND name = ? AND spec = ?",
                            (ident.db, ident.name, json.dumps(spec)))
            for spec in add:
                con.execute("INSERT OR IGNORE INTO partitions VALUES (?, ?, ?)",
                            (ident.db, ident.name, json.dumps(spec)))
            con.execute("UPDATE tables SET version = version + 1 WHERE db = ? AND name = ?",
                        (ident.db, ident.name))

    # ------------------------------------------------------------------- functions

    def list_functions(self, db: str) -> list[tuple[str, str]]:
        """(name, class name) of the permanent functions of `db` (CREATE FUNCTION ... AS)."""
        import sqlite3

        with self._read() as con:
            if con is None:
                return []
            try:
                return [tuple(r) for r in con.execute(
                    "SELECT name, class_name FROM functions WHERE db = ? ORDER BY name",
                    (db,)).fetchall()]
            except sqlite3.OperationalError:  # a metastore written before functions were kept
                return []

    def create_function(self, db: str, name: str, class_name: str, replace: bool) -> bool:
        """False when a function of that name exists (and not `replace`)."""
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        with self._write() as con:
            return con.execute(f"{verb} INTO functions VALUES (?, ?, ?)",
                               (db, name, class_name)).rowcount == 1

    def drop_function(self, db: str, name: str) -> bool:
        with self._write() as con:
            return con.execute("DELETE FROM functions WHERE db = ? AND name = ?",
                               (db, name)).rowcount == 1
