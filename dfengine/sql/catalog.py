"""`spark.catalog` (pyspark.sql.catalog): databases, tables, views, columns, functions,
partitions and cache control over the session's persistent catalog (dfengine/sql/tables.py)
and its temp views. Results are the same named tuples PySpark returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from dfengine import types as T
from dfengine.catalog.paths import partition_display, uri
from dfengine.catalog.session_catalog import like
from dfengine.errors import AnalysisException
from dfengine.sql.tables import GLOBAL_TEMP, global_views, split_name

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession


class CatalogMetadata(NamedTuple):
    name: str
    description: str | None


class Database(NamedTuple):
    name: str
    catalog: str | None
    description: str | None
    locationUri: str


class Table(NamedTuple):
    name: str
    catalog: str | None
    namespace: list[str] | None
    description: str | None
    tableType: str
    isTemporary: bool

    @property
    def database(self) -> str | None:
        return self.namespace[0] if self.namespace and len(self.namespace) == 1 else None


class Column(NamedTuple):
    name: str
    description: str | None
    dataType: str
    nullable: bool
    isPartition: bool
    isBucket: bool
    isCluster: bool = False


class Function(NamedTuple):
    name: str
    catalog: str | None
    namespace: list[str] | None
    description: str | None
    className: str
    isTemporary: bool


class TablePartition(NamedTuple):
    partition: str


def function_names() -> list[str]:
    """Every name SQL resolves to a built-in function: read from the function catalogue."""
    from dfengine.functions import entries

    return sorted({n for e in entries() if e.public for n in e.names if n.isidentifier()})


class Catalog:
    """`spark.catalog`."""

    def __init__(self, session: SparkSession):
        self._s = session

    @property
    def _t(self) -> Any:
        return self._s._tables

    # ----------------------------------------------------------------- catalogs

    def currentCatalog(self) -> str:
        return "spark_catalog"

    def setCurrentCatalog(self, catalogName: str) -> None:
        if catalogName != "spark_catalog":
            raise AnalysisException(f"Catalog '{catalogName}' plugin class not found: "
                                    "dfengine has one catalog, spark_catalog.",
                                    "CATALOG_NOT_FOUND")

    def listCatalogs(self, pattern: str | None = None) -> list[CatalogMetadata]:
        return [CatalogMetadata("spark_catalog", None)] if like(pattern, "spark_catalog") else []

    # ---------------------------------------------------------------- databases

    def currentDatabase(self) -> str:
        return self._t.current_db

    def setCurrentDatabase(self, dbName: str) -> None:
        self._t.use(dbName)

    def listDatabases(self, pattern: str | None = None) -> list[Database]:
        return [Database(d.name, "spark_catalog", d.comment or None, uri(d.location))
                for d in self._t.catalog.list_databases(pattern)]

    def getDatabase(self, dbName: str) -> Database:
        d = self._t.catalog.database(split_name(dbName)[-1])
        return Database(d.name, "spark_catalog", d.comment or None, uri(d.location))

    def databaseExists(self, dbName: str) -> bool:
        return self._t.catalog.database_exists(split_name(dbName)[-1])

    def createDatabase(self, dbName: str, ifNotExists: bool = False,
                       properties: dict[str, str] | None = None) -> None:
        props = dict(properties or {})
        self._t.catalog.create_database(dbName, ifNotExists, props.pop("comment", ""),
                                        props.pop("location", None), props)

    def dropDatabase(self, dbName: str, ifExists: bool = False, cascade: bool = False) -> None:
        self._t.catalog.drop_database(dbName, ifExists, cascade)
        if self._t.current_db == dbName.lower():
            self._t.current_db = "default"

    # ------------------------------------------------------------------- tables

    def _temp_tables(self, db: str | None) -> list[Table]:
        out = []
        if db is not None and db.lower() == GLOBAL_TEMP:
            out = [Table(n, None, [GLOBAL_TEMP], None, "TEMPORARY", True)
                   for n in sorted(global_views(self._s))]
        return out + [Table(n, None, [], None, "TEMPORARY", True) for n in sorted(self._s._views)]

    def listTables(self, dbName: str | None = None, pattern: str | None = None) -> list[Table]:
        db = dbName or self._t.current_db
        out = []
        if db.lower() != GLOBAL_TEMP:
            for name in self._t.catalog.list_tables(db, pattern):
                t = self._t.catalog.get_table(self._t.ident((db, name)))
                if t is not None:
                    out.append(self._table_row(t))
        return out + [t for t in self._temp_tables(db) if like(pattern, t.name)]

    def listViews(self, dbName: str | None = None, pattern: str | None = None) -> list[Table]:
        """The database's persistent views, then the temp views."""
        db = dbName or self._t.current_db
        views = [t for t in self.listTables(db, pattern) if t.tableType == "VIEW"]
        return views + [t for t in self._temp_tables(dbName) if like(pattern, t.name)]

    @staticmethod
    def _table_row(t: Any) -> Table:
        return Table(t.ident.name, "spark_catalog", [t.ident.db], t.comment, t.table_type,
                     False)

    def getTable(self, tableName: str) -> Table:
        parts = split_name(tableName)
        if self._t.temp_view(parts) is not None:
            ns = [GLOBAL_TEMP] if len(parts) == 2 else []
            return Table(parts[-1].lower(), None, ns, None, "TEMPORARY", True)
        return self._table_row(self._t.table(parts))

    def tableExists(self, tableName: str, dbName: str | None = None) -> bool:
        parts = split_name(tableName) if dbName is None else (dbName, tableName)
        if self._t.temp_view(parts) is not None:
            return True
        if len(parts) == 2 and parts[0].lower() == GLOBAL_TEMP:
            return False
        try:
            return self._t.catalog.table_exists(self._t.ident(parts))
        except AnalysisException:
            return False

    def listColumns(self, tableName: str, dbName: str | None = None) -> list[Column]:
        parts = split_name(tableName) if dbName is None else (dbName, tableName)
        if self._t.temp_view(parts) is None:
            t = self._t.table(parts)
            parts_ = set(t.partition_columns)
            return [Column(f.name, f.metadata.get("comment"), f.dataType.simpleString(),
                           f.nullable, f.name in parts_, False, False) for f in t.schema.fields]
        df = self._s.table(".".join(parts))
        return [Column(f.name, None, f.dataType.simpleString(), f.nullable, False, False, False)
                for f in df.schema.fields]

    def createTable(self, tableName: str, path: str | None = None, source: str | None = None,
                    schema: T.StructType | None = None, description: str | None = None,
                    **options: str) -> DataFrame:
        opts = {k: str(v) for k, v in options.items()}
        path = path or opts.pop("path", None)
        self._t.create_table(tableName, schema, source or self._t._default_source(), (),
                             path, description, None, opts, external=path is not None)
        return self._s.table(tableName)

    def createExternalTable(self, tableName: str, path: str | None = None,
                            source: str | None = None, schema: T.StructType | None = None,
                            **options: str) -> DataFrame:
        return self.createTable(tableName, path, source, schema, **options)

    def dropTable(self, tableName: str, ifExists: bool = False, purge: bool = False) -> None:
        self._t.drop_table(tableName, ifExists)

    def dropView(self, viewName: str, ifExists: bool = False) -> None:
        """A temp view, else a persistent view of the catalog."""
        self._s._table_commands.drop_view(viewName, ifExists)

    def truncateTable(self, tableName: str) -> None:
        t = self._t.table(tableName)
        self._t.catalog.truncate(t)
        self._t._changed(t)

    def getTableProperties(self, tableName: str) -> dict[str, str]:
        return dict(self._t.table(tableName).properties)

    def getCreateTableString(self, tableName: str, asSerde: bool = False) -> str:
        from dfengine.sql.table_commands import create_table_string

        return create_table_string(self._t.table(tableName))

    def listPartitions(self, tableName: str) -> list[TablePartition]:
        from dfengine.sql.table_commands import require_partitioned

        t = require_partitioned(self._t.table(tableName), "SHOW PARTITIONS")
        return [TablePartition(partition_display(s)) for s in self._t.catalog.partitions(t)]

    def recoverPartitions(self, tableName: str) -> None:
        from dfengine.sql.table_commands import require_partitioned

        t = require_partitioned(self._t.table(tableName), "ALTER TABLE RECOVER PARTITIONS")
        self._t.catalog.sync_partitions(t)
        self._t._changed(t)

    def analyzeTable(self, tableName: str, noScan: bool = False) -> None:
        self._t.table(tableName)  # statistics come from parquet footers at planning time

    # -------------------------------------------------------------------- views

    def dropTempView(self, viewName: str) -> bool:
        return self._s._views.pop(viewName.lower(), None) is not None

    def dropGlobalTempView(self, viewName: str) -> bool:
        return global_views(self._s).pop(viewName.lower(), None) is not None

    # ---------------------------------------------------------------- functions

    def listFunctions(self, dbName: str | None = None,
                      pattern: str | None = None) -> list[Function]:
        from dfengine.catalog import class_functions

        names = sorted(set(function_names()) | set(self._udf_names()))
        rows = [self._function_row(n) for n in names if like(pattern, n)]
        db = dbName.lower() if dbName else self._t.current_db
        return rows + [self._class_row(f) for f in class_functions.listed(self._s, db)
                       if like(pattern, f.name)]

    @staticmethod
    def _class_row(f: Any) -> Function:
        """A function of CREATE FUNCTION name AS 'class'."""
        if f.db is None:
            return Function(f.name, None, None, None, f.class_name, True)
        return Function(f.name, "spark_catalog", [f.db], "N/A.", f.class_name, False)

    def _udf_names(self) -> list[str]:
        """Functions registered in this session (spark.udf.register, spark.udtf.register)."""
        from dfengine.sql.udf import session_functions

        udtfs = getattr(self._s, "_python_table_functions", None) or {}
        return [str(n).lower() for n in [*session_functions(self._s), *udtfs]]

    @staticmethod
    def _function_row(name: str) -> Function:
        return Function(name, None, None, None, f"dfengine.functions.{name}", True)

    def functionExists(self, functionName: str, dbName: str | None = None) -> bool:
        from dfengine.catalog import class_functions

        parts = tuple(split_name(functionName))
        if dbName and len(parts) == 1:
            parts = (dbName, *parts)
        if class_functions.find(self._s, parts) is not None:
            return True
        name = parts[-1].lower()
        return name in set(function_names()) | set(self._udf_names())

    def getFunction(self, functionName: str) -> Function:
        from dfengine.catalog import class_functions

        found = class_functions.find(self._s, tuple(split_name(functionName)))
        if found is not None:
            return self._class_row(found)
        if not self.functionExists(functionName):
            raise AnalysisException(
                f"Undefined function: `{functionName}`. This function is neither a built-in "
                "function nor a temporary function; register it with spark.udf.register.",
                "UNRESOLVED_ROUTINE")
        return self._function_row(split_name(functionName)[-1].lower())

    def registerFunction(self, name: str, f: Any, returnType: Any = None) -> Any:
        return self._s.udf.register(name, f, returnType)

    # -------------------------------------------------------------------- cache

    def isCached(self, tableName: str) -> bool:
        """Whether the table's or view's plan is cached: `df.cache()` of the DataFrame behind
        a temp view caches the view too (the name's alias node is not part of the data)."""
        from dfengine.plan import logical as L

        plan = self._s.table(tableName)._plan
        cm = self._s._cache_manager
        while isinstance(plan, L.SubqueryAlias) and cm.lookup(plan) is None:
            plan = plan.child
        return cm.lookup(plan) is not None

    def cacheTable(self, tableName: str, storageLevel: Any = None) -> None:
        df = self._s.table(tableName)
        df.persist(storageLevel) if storageLevel is not None else df.cache()

    def uncacheTable(self, tableName: str) -> None:
        self._s.table(tableName).unpersist()

    def clearCache(self) -> None:
        self._s._cache_manager.clear()

    def refreshTable(self, tableName: str) -> None:
        parts = split_name(tableName)
        if self._t.temp_view(parts) is None:
            t = self._t.table(parts)
            self._t._changed(t)

    def refreshByPath(self, path: str) -> None:
        import os

        target = os.path.abspath(path.removeprefix("file:"))
        for ident, (_, _, _plan) in list(self._t._relations.items()):
            t = self._t.catalog.get_table(ident)
            if t is not None and (t.location + os.sep).startswith(target.rstrip(os.sep) + os.sep):
                self._t._changed(t)
