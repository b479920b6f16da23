"""What catalog SQL statements do and return (the rows of DESCRIBE, SHOW ...), as Spark 4
prints them. dfengine/sqlparse/statements.py parses the statements and calls
`session._table_commands` duck-typed; every method returns a DataFrame."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from dfengine import types as T
from dfengine.catalog import CatalogTable, partition_display
from dfengine.catalog.paths import uri
from dfengine.catalog.session_catalog import like
from dfengine.errors import AnalysisException
from dfengine.sql.tables import GLOBAL_TEMP, Tables, dynamic, global_views, split_name, type_sql

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession

_DESCRIBE = "col_name string, data_type string, comment string"


def require_partitioned(t: CatalogTable, operation: str) -> CatalogTable:
    if not t.partition_columns and operation == "SHOW PARTITIONS":
        raise AnalysisException(
            f"Partition operation of {operation} is not allowed on the table {t.ident.quoted()}"
            " because it is not partitioned.",
            "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY")
    if not t.partition_columns:
        raise AnalysisException(
            f"Operation {operation} is not allowed for {t.ident.quoted()} because it is not a "
            "partitioned table.", "NOT_A_PARTITIONED_TABLE")
    return t


def _spark_time(ts: float) -> str:
    return time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime(ts))


def _props(d: dict[str, str]) -> str:
    return "[" + ", ".join(f"{k}={v}" for k, v in sorted(d.items())) + "]"


def create_table_string(t: CatalogTable) -> str:
    """SHOW CREATE TABLE, as Spark 4.3 prints a data source table."""
    def col(f: T.StructField) -> str:
        s = f"{f.name} {type_sql(f.dataType)}"
        if isinstance(f.dataType, T.StringType):
            s += " COLLATE UTF8_BINARY"
        if not f.nullable:
            s += " NOT NULL"
        if f.metadata.get("comment") is not None:
            s += f" COMMENT '{f.metadata['comment']}'"
        return s

    out = f"CREATE TABLE spark_catalog.{t.ident.db}.{t.ident.name} (\n  "
    out += ",\n  ".join(col(f) for f in t.schema.fields) + ")\n"
    out += f"USING {t.provider}\n"
    if t.options:
        out += "OPTIONS (\n  " + ",\n  ".join(f"'{k}' = '{v}'" for k, v in
                                                sorted(t.options.items())) + ")\n"
    if t.partition_columns:
        out += f"PARTITIONED BY ({', '.join(t.partition_columns)})\n"
    if t.comment:
        out += f"COMMENT '{t.comment}'\n"
    if t.table_type == "EXTERNAL":
        out += f"LOCATION '{uri(t.location)}'\n"
    if t.properties:
        out += "TBLPROPERTIES (\n  " + ",\n  ".join(f"'{k}' = '{v}'" for k, v in
                                                      sorted(t.properties.items())) + ")\n"
    return out


class TableCommands:
    def __init__(self, session: SparkSession):
        self._s = session

    @property
    def _t(self) -> Tables:
        return self._s._tables

    def _df(self, rows: list, schema: str) -> DataFrame:
        return self._s.createDataFrame(rows, schema)

    def _empty(self) -> DataFrame:
        return self._s.createDataFrame([], T.StructType([]))

    dynamic = staticmethod(dynamic)

    # ---------------------------------------------------------------- databases

    def create_database(self, name: str, if_not_exists: bool, comment: str | None,
                        location: str | None, properties: dict) -> DataFrame:
        self._t.catalog.create_database(name, if_not_exists, comment or "", location,
                                        properties)
        return self._empty()

    def drop_database(self, name: str, if_exists: bool, cascade: bool) -> DataFrame:
        self._s.catalog.dropDatabase(name, if_exists, cascade)
        return self._empty()

    def use(self, name: str) -> DataFrame:
        self._t.use(name)
        return self._empty()

    def show_databases(self, pattern: str | None) -> DataFrame:
        rows = [(d.name,) for d in self._t.catalog.list_databases(pattern)]
        return self._df(rows, "namespace string")

    def describe_database(self, name: str, extended: bool) -> DataFrame:
        import getpass

        d = self._t.catalog.database(name)
        rows = [("Catalog Name", "spark_catalog"), ("Namespace Name", d.name),
                ("Comment", d.comment), ("Location", uri(d.location)),
                ("Owner", getpass.getuser())]
        if extended:
            rows.append(("Properties", _props(d.properties) if d.properties else ""))
        return self._df(rows, "info_name string, info_value string")

    # ------------------------------------------------------------------- tables

    def create_table(self, **kwargs: Any) -> DataFrame:
        self._t.create_table(**kwargs)
        return self._empty()

    def create_table_like(self, name: Any, source: Any, if_not_exists: bool,
                          location: str | None) -> DataFrame:
        src = self._t.table(source)
        self._t.create_table(name, src.schema, src.provider, src.partition_columns, location,
                             None, None, dict(src.options), if_not_exists=if_not_exists)
        return self._empty()

    def create_global_view(self, name: str, df: DataFrame, replace: bool,
                           if_not_exists: bool) -> DataFrame:
        from dfengine.sql.tables import register_global_view

        if if_not_exists and name.lower() in global_views(self._s):
            return self._empty()
        register_global_view(self._s, name, df._plan, replace)
        return self._empty()

    def drop_view(self, name: Any, if_exists: bool) -> DataFrame:
        parts = split_name(name)
        views = global_views(self._s) if len(parts) == 2 and parts[0].lower() == GLOBAL_TEMP \
            else self._s._views
        if views.pop(parts[-1].lower(), None) is not None:
            return self._empty()
        if self._is_view(parts):
            self._t.catalog.drop_table(self._t.ident(parts))
        elif not if_exists:
            if len(parts) <= 3 and self._t.catalog.table_exists(self._t.ident(parts)):
                raise AnalysisException(
                    f"Cannot drop a table with DROP VIEW: `{parts[-1]}` is a table. Use DROP "
                    "TABLE instead.", "WRONG_COMMAND_FOR_OBJECT_TYPE")
            from dfengine.catalog.session_catalog import not_found

            raise not_found(".".join(parts))
        return self._empty()

    def _is_view(self, parts: tuple[str, ...]) -> bool:
        """Whether `parts` names a persistent view of the catalog."""
        if len(parts) > 3 or (len(parts) == 2 and parts[0].lower() == GLOBAL_TEMP):
            return False
        t = self._t.catalog.get_table(self._t.ident(parts))
        return t is not None and t.table_type == "VIEW"

    def show_views(self, db: str | None, pattern: str | None) -> DataFrame:
        rows = [(r.namespace[0] if r.namespace else "", r.name, True)
                for r in self._s.catalog.listViews(db, pattern)]
        return self._df(rows, "namespace string, viewName string, isTemporary boolean")

    def drop_table(self, name: Any, if_exists: bool) -> DataFrame:
        parts = split_name(name)
        if self._t.temp_view(parts) is not None:
            self._s._views.pop(parts[-1].lower(), None) if len(parts) == 1 else \
                global_views(self._s).pop(parts[-1].lower(), None)
            return self._empty()
        self._t.drop_table(parts, if_exists)  # a persistent view too, as Spark allows
        return self._empty()

    def insert(self, name: Any, query: DataFrame, overwrite: bool, partition: dict | None,
               columns: list[str] | None, by_name: bool) -> DataFrame:
        self._t.insert(name, query, overwrite, partition, columns, by_name)
        return self._empty()

    def truncate(self, name: Any, partition: dict | None) -> DataFrame:
        t = self._t.table(name)
        if partition:
            require_partitioned(t, "TRUNCATE TABLE ... PARTITION")
            partition = self._t.partial_spec(t, partition)
        self._t.catalog.truncate(t, partition)
        self._t._changed(t)
        return self._empty()

    def rename_table(self, old: Any, new: Any) -> DataFrame:
        src = self._t.ident(old)
        dst = self._t.ident(new)
        if len(split_name(new)) == 1:
            dst = type(dst)(src.db, dst.name)
        self._t.drop_cached(src)
        self._t.catalog.rename_table(src, dst)
        return self._empty()

    def set_properties(self, name: Any, props: dict[str, str], unset: bool) -> DataFrame:
        t = self._t.table(name)
        new = dict(t.properties)
        for k, v in props.items():
            if unset:
                new.pop(k, None)
            else:
                new[k] = v
        self._t.catalog.alter_table(t.with_(properties=new))
        return self._empty()

    def add_columns(self, name: Any, fields: list[T.StructField]) -> DataFrame:
        t = self._t.table(name)
        data = t.data_columns + fields
        schema = T.StructType(data + t.partition_fields)
        self._t.catalog.alter_table(t.with_(schema=schema))
        self._t.refresh(t.ident)
        return self._empty()

    # --------------------------------------------------------------- partitions

    def add_partitions(self, name: Any, specs: list[dict], if_not_exists: bool) -> DataFrame:
        t = require_partitioned(self._t.table(name), "ALTER TABLE ADD PARTITION")
        full = []
        for spec in specs:
            static = self._t._static_spec(t, spec)
            if len(static) != len(t.partition_columns):
                raise AnalysisException(
                    f"Partition spec {spec} must name every partition column of "
                    f"{t.ident.quoted()}: {', '.join(t.partition_columns)}.",
                    "PARTITION_SCHEMA_MISMATCH")
            full.append([(c, static[c]) for c in t.partition_columns])
        self._t.catalog.add_partitions(t, full, if_not_exists)
        self._t._changed(t)
        return self._empty()

    def drop_partitions(self, name: Any, specs: list[dict], if_exists: bool,
                        purge: bool) -> DataFrame:
        t = require_partitioned(self._t.table(name), "ALTER TABLE DROP PARTITION")
        self._t.catalog.drop_partitions(t, [self._t.partial_spec(t, s) for s in specs],
                                        if_exists)
        self._t._changed(t)
        return self._empty()

    def recover_partitions(self, name: Any) -> DataFrame:
        self._s.catalog.recoverPartitions(".".join(split_name(name)))
        return self._empty()

    def show_partitions(self, name: Any, spec: dict | None) -> DataFrame:
        t = require_partitioned(self._t.table(name), "SHOW PARTITIONS")
        specs = (self._t.catalog.matching(t, self._t.partial_spec(t, spec)) if spec
                 else self._t.catalog.partitions(t))
        return self._df([(partition_display(s),) for s in specs], "partition string")

    # ---------------------------------------------------------------------- show

    def show_tables(self, db: str | None, pattern: str | None) -> DataFrame:
        db = (db or self._t.current_db).lower()
        rows = []
        if db != GLOBAL_TEMP:
            rows = [(db, n, False) for n in self._t.catalog.list_tables(db, pattern)]
        else:
            rows = [(GLOBAL_TEMP, n, True) for n in sorted(global_views(self._s))
                    if like(pattern, n)]
        rows += [("", n, True) for n in sorted(self._s._views) if like(pattern, n)]
        return self._df(rows, "namespace string, tableName string, isTemporary boolean")

    def show_columns(self, name: Any) -> DataFrame:
        df = self._s.table(".".join(split_name(name)))
        return self._df([(c,) for c in df.columns], "col_name string")

    def show_tblproperties(self, name: Any, key: str | None) -> DataFrame:
        props = self._t.table(name).properties
        rows = [(k, v) for k, v in sorted(props.items()) if key is None or k == key]
        return self._df(rows, "key string, value string")

    def show_create_table(self, name: Any) -> DataFrame:
        parts = split_name(name)
        if self._t.temp_view(parts) is not None:
            raise AnalysisException(
                f"SHOW CREATE TABLE is not supported on a temporary view: `{parts[-1]}`.",
                "UNSUPPORTED_SHOW_CREATE_TABLE.ON_TEMPORARY_VIEW")
        return self._df([(create_table_string(self._t.table(parts)),)],
                        "createtab_stmt string")

    # ------------------------------------------------------------------ describe

    def describe_table(self, name: Any, extended: bool) -> DataFrame:
        parts = split_name(name)
        if self._t.temp_view(parts) is not None:
            df = self._s.table(".".join(parts))
            rows = [(f.name, f.dataType.simpleString(), None) for f in df.schema.fields]
            return self._df(rows, _DESCRIBE)
        t = self._t.table(parts)
        rows = [(f.name, f.dataType.simpleString(), f.metadata.get("comment"))
                for f in t.schema.fields]
        if t.partition_columns:
            rows += [("# Partition Information", "", ""), ("# col_name", "data_type", "comment")]
            rows += [(f.name, f.dataType.simpleString(), f.metadata.get("comment"))
                     for f in t.partition_fields]
        if extended:
            rows += self._detailed(t)
        return self._df(rows, _DESCRIBE)

    def _detailed(self, t: CatalogTable) -> list[tuple[str, str, str]]:
        info = [("Catalog", "spark_catalog"), ("Database", t.ident.db), ("Table", t.ident.name),
                ("Created Time", _spark_time(t.created)), ("Last Access", "UNKNOWN"),
                ("Created By", f"Spark {self._s.version}"), ("Type", t.table_type),
                ("Provider", t.provider)]
        if t.comment:
            info.append(("Comment", t.comment))
        if t.properties:
            info.append(("Table Properties", _props(t.properties)))
        info.append(("Location", uri(t.location)))
        if t.options:
            info.append(("Storage Properties", _props(t.options)))
        if t.partition_columns:
            info.append(("Partition Provider", "Catalog"))
        return [("", "", ""), ("# Detailed Table Information", "", "")] + [
            (k, v, "") for k, v in info]

    def describe_column(self, name: Any, column: str, extended: bool = False) -> DataFrame:
        """DESCRIBE t col: the column's name, type and comment (the catalog's schema keeps
        comments); EXTENDED adds the statistics rows, NULL until ANALYZE computes them."""
        parts = split_name(name)
        schema = self._s.table(".".join(parts)).schema if self._t.temp_view(
            parts) is not None else self._t.table(parts).schema
        f = next((f for f in schema.fields if f.name.lower() == column.lower()), None)
        if f is None:
            raise AnalysisException(
                f"Column {column} does not exist in {name}; its columns are "
                f"{', '.join(schema.names)}.", "COLUMN_NOT_FOUND")
        rows = [("col_name", f.name), ("data_type", f.dataType.simpleString()),
                ("comment", f.metadata.get("comment") or "NULL")]
        if extended:
            rows += [(k, "NULL") for k in ("min", "max", "num_nulls", "distinct_count",
                                            "avg_col_len", "max_col_len", "histogram")]
        return self._df(rows, "info_name string, info_value string")

    # --------------------------------------------------------------------- cache

    def cache_table(self, name: Any, query: DataFrame | None, lazy: bool) -> DataFrame:
        if query is not None:
            self._s._register_view(split_name(name)[-1], query._plan)
        df = self._s.table(".".join(split_name(name)))
        df.cache()
        if not lazy:
            df.count()
        return self._empty()

    def uncache_table(self, name: Any, if_exists: bool) -> DataFrame:
        try:
            self._s.table(".".join(split_name(name))).unpersist()
        except AnalysisException:
            if not if_exists:
                raise
        return self._empty()

    def refresh_table(self, name: Any) -> DataFrame:
        self._s.catalog.refreshTable(".".join(split_name(name)))
        return self._empty()

    def analyze_table(self, name: Any) -> DataFrame:
        self._t.table(name)
        return self._empty()

    def set_conf(self, key: str | None, value: str | None) -> DataFrame:
        if key is None:
            rows = sorted(self._s.conf.getAll().items())
        elif value is None:
            rows = [(key, str(self._s.conf.get(key, "<undefined>")))]
        else:
            self._s.conf.set(key, value)
            rows = [(key, value)]
        return self._df(rows, "key string, value string")

    def clear_cache(self) -> DataFrame:
        self._s.catalog.clearCache()
        return self._empty()
