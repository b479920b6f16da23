"""Persistent tables of a session: name resolution (temp views, `global_temp`, the catalog),
the relation a table reads as, and every write into a table (INSERT, `insertInto`,
`saveAsTable`, `writeTo`).

Table data is written by the file writer (`readwriter.write_files`, which owns the commit
protocol); this module decides what to write where: the whole table directory, one static
partition directory, or each dynamic partition in turn, and then registers the partitions
written in the catalog.
"""

from __future__ import annotations

import os
import re
import weakref
from typing import TYPE_CHECKING, Any

from dfengine import types as T
from dfengine.catalog import CatalogTable, SessionCatalog, TableIdent, partition_path
from dfengine.catalog.paths import partition_string
from dfengine.catalog.session_catalog import already_exists, not_found
from dfengine.errors import AnalysisException
from dfengine.plan import logical as L

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession

GLOBAL_TEMP = "global_temp"
_GLOBAL_VIEWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def global_views(session: Any) -> dict[str, L.LogicalPlan]:
    """Global temp views: shared by every session on the same runtime (Spark: application)."""
    return _GLOBAL_VIEWS.setdefault(session._runtime, {})


def register_global_view(session: Any, name: str, plan: L.LogicalPlan, replace: bool) -> None:
    views = global_views(session)
    if not replace and name.lower() in views:
        raise AnalysisException(
            f"Cannot create the temporary view `{name}` because it already exists. Choose a "
            "different name, drop or replace the existing view.",
            "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS")
    views[name.lower()] = plan


def split_name(name: str | tuple | list) -> tuple[str, ...]:
    """`db.t`, `` `my.db`.t ``, or already split parts."""
    if isinstance(name, (tuple, list)):
        return tuple(name)
    parts, cur, quoted = [], [], False
    for ch in name:
        if ch == "`":
            quoted = not quoted
        elif ch == "." and not quoted:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return tuple(p.strip() for p in parts)


# ------------------------------------------------------------------ store assignment


def can_store_assign(src: T.DataType, dst: T.DataType) -> bool:
    """Spark's ANSI store-assignment rule (Cast.canANSIStoreAssign)."""
    if src == dst or isinstance(src, T.NullType):
        return True
    if isinstance(src, T.NumericType) and isinstance(dst, T.NumericType):
        return True
    if isinstance(dst, T.StringType):
        return not isinstance(src, (T.ArrayType, T.MapType, T.StructType))
    dt = (T.DateType, T.TimestampType, T.TimestampNTZType)
    if isinstance(src, dt) and isinstance(dst, dt):
        return True
    if isinstance(src, T.ArrayType) and isinstance(dst, T.ArrayType):
        return can_store_assign(src.elementType, dst.elementType)
    if isinstance(src, T.MapType) and isinstance(dst, T.MapType):
        return (can_store_assign(src.keyType, dst.keyType)
                and can_store_assign(src.valueType, dst.valueType))
    if isinstance(src, T.StructType) and isinstance(dst, T.StructType):
        return len(src.fields) == len(dst.fields) and all(
            can_store_assign(a.dataType, b.dataType) for a, b in zip(src.fields, dst.fields))
    return False


def type_sql(t: T.DataType) -> str:
    """A type as Spark's DDL prints it: INT, ARRAY<INT>, STRUCT<a: INT>, MAP<STRING, INT>."""
    if isinstance(t, T.ArrayType):
        return f"ARRAY<{type_sql(t.elementType)}>"
    if isinstance(t, T.MapType):
        return f"MAP<{type_sql(t.keyType)}, {type_sql(t.valueType)}>"
    if isinstance(t, T.StructType):
        return "STRUCT<" + ", ".join(f"{f.name}: {type_sql(f.dataType)}"
                                     for f in t.fields) + ">"
    return t.simpleString().upper()


def _names(cols: list[str]) -> str:
    return ", ".join(f"`{c}`" for c in cols)


def arity_error(ident: TableIdent, table_cols: list[str], data_cols: list[str],
                static: list[str] | None = None) -> Exception:
    few = len(data_cols) < len(table_cols)
    if static:
        return AnalysisException(
            f"Cannot write to {ident.quoted()}, the reason is {'not enough' if few else 'too many'}"
            f" data columns:\nTable columns: {_names(table_cols + static)}.\nPartition columns "
            f"with static values: {_names(static)}.\nData columns: {_names(data_cols)}.",
            "INSERT_PARTITION_COLUMN_ARITY_MISMATCH")
    reason = "not enough data columns" if few else "too many data columns"
    sub = "NOT_ENOUGH_DATA_COLUMNS" if few else "TOO_MANY_DATA_COLUMNS"
    return AnalysisException(
        f"Cannot write to {ident.quoted()}, the reason is {reason}:\nTable columns: "
        f"{_names(table_cols)}.\nData columns: {_names(data_cols)}.",
        f"INSERT_COLUMN_ARITY_MISMATCH.{sub}")


class Tables:
    """`session._tables`: the session's view of the persistent catalog (the SQL statements
    in dfengine/sqlparse/statements.py call it duck-typed)."""

    def __init__(self, session: SparkSession):
        self._s = session
        self._current_db = "default"
        self._catalogs: dict[str, SessionCatalog] = {}
        self._relations: dict[TableIdent, tuple[str, int, L.LogicalPlan]] = {}

    @property
    def current_db(self) -> str:
        return self._current_db

    @current_db.setter
    def current_db(self, db: str) -> None:
        """current_database() in queries folds to this value (functions/environment.py)."""
        from dfengine.functions.environment import set_session_value

        self._current_db = db
        set_session_value("database", db)

    # ------------------------------------------------------------------- catalog

    @property
    def warehouse(self) -> str:
        from dfengine.catalog.paths import strip_scheme

        path = self._s.conf.get("spark.sql.warehouse.dir", None) or "spark-warehouse"
        return os.path.abspath(strip_scheme(str(path)))

    @property
    def catalog(self) -> SessionCatalog:
        wh = self.warehouse
        cat = self._catalogs.get(wh)
        if cat is None:
            cat = self._catalogs[wh] = SessionCatalog(wh)
        return cat

    def ident(self, name: Any) -> TableIdent:
        if isinstance(name, TableIdent):
            return name
        parts = split_name(name)
        if len(parts) == 3 and parts[0].lower() == "spark_catalog":
            parts = parts[1:]
        if len(parts) == 1:
            return TableIdent(self.current_db, parts[0].lower())
        if len(parts) == 2:
            return TableIdent(parts[0].lower(), parts[1].lower())
        raise AnalysisException(f"The table name `{'.'.join(parts)}` has too many parts; use "
                                "db.table or spark_catalog.db.table.",
                                "REQUIRES_SINGLE_PART_NAMESPACE")

    def table(self, name: Any) -> CatalogTable:
        return self.catalog.table(self.ident(name))

    def use(self, db: str) -> None:
        self.catalog.database(db)
        self.current_db = db.lower()

    # ------------------------------------------------------------- name lookup

    def temp_view(self, parts: tuple[str, ...]) -> L.LogicalPlan | None:
        if len(parts) == 1:
            return self._s._views.get(parts[0].lower())
        if len(parts) == 2 and parts[0].lower() == GLOBAL_TEMP:
            return global_views(self._s).get(parts[1].lower())
        return None

    def lookup(self, parts: tuple[str, ...]) -> L.LogicalPlan | None:
        """A temp view, a global temp view, or a catalog table, as Spark resolves names."""
        view = self.temp_view(parts)
        if view is not None:
            return view
        if len(parts) > 3 or (len(parts) == 2 and parts[0].lower() == GLOBAL_TEMP) or (
                len(parts) == 3 and parts[0].lower() != "spark_catalog"):
            return None
        ident = self.ident(parts)
        cat = self.catalog
        version = cat.store.table_version(ident)
        if version is None:
            return None
        memo = self._relations.get(ident)
        if memo is not None and memo[0] == cat.warehouse and memo[1] == version:
            return memo[2]
        t = cat.table(ident)
        if t.table_type == "VIEW":  # resolved again at each use: never memoized
            from dfengine.sqlparse.persistent_views import view_plan

            return view_plan(self._s, t)
        plan = self.relation(t)
        self._relations[ident] = (cat.warehouse, version, plan)
        return plan

    def relation(self, t: CatalogTable) -> L.LogicalPlan:
        """The table's data as a file scan of its location, typed by the catalog's schema and
        restricted to its registered partitions."""
        import dataclasses

        from dfengine.sql.readwriter import FileList, file_scan

        if t.table_type == "MANAGED" and not os.path.isdir(t.location):
            os.makedirs(t.location, exist_ok=True)  # emptied by hand: an empty table
        # an external table whose location was removed reads as empty, as in Spark (its file
        # index lists a missing table root as no files; a missing path given to a reader is
        # PATH_NOT_FOUND)
        paths = [t.location] if os.path.exists(t.location) else []
        scan = file_scan(self._s, t.provider, paths, dict(t.options), t.schema)
        if isinstance(scan, L.FileScan):
            scan = dataclasses.replace(scan, table=(t.ident.db, t.ident.name),
                                       paths=(t.location,),
                                       files=FileList(t.provider, scan.files, listed=False))
        if not t.partition_columns:
            return scan
        from urllib.parse import unquote

        registered = {tuple(s) for s in self.catalog.partitions(t)}
        cols = list(t.partition_columns)

        def keep(f: Any) -> bool:
            pv = dict(f.partition_values)
            key = tuple((c, None if pv.get(c) == "__HIVE_DEFAULT_PARTITION__" else
                         unquote(pv[c]) if c in pv else "") for c in cols)
            return key in registered

        files = [f for f in scan.files if keep(f)]
        return dataclasses.replace(scan, files=FileList(t.provider, files, listed=False),
                                   partition_columns=tuple(cols))

    def current_files(self, scan: L.FileScan) -> Any | None:
        """The files a catalog table's scan reads now: a DataFrame or view made before an
        INSERT sees the inserted rows at its next action, as Spark's own writes refresh the
        table's file index. None when the table is gone or is no longer a file scan."""
        fresh = self.lookup(scan.table)
        return fresh.files if isinstance(fresh, L.FileScan) else None

    def refresh(self, ident: TableIdent) -> None:
        self._relations.pop(ident, None)

    def _changed(self, t: CatalogTable) -> None:
        """After a write: cached plans over the table's old relation are dropped from the
        cache and the same plans over the new relation cached instead (Spark re-caches a
        table its own writes changed)."""
        old = self._relations.pop(t.ident, None)
        self.catalog.touch(t.ident)
        if old is None:
            return
        cm = self._s._cache_manager
        stale = [e for e in list(cm.entries) if _contains(e.plan, old[2])]
        if not stale:
            return
        new = self.lookup((t.ident.db, t.ident.name))
        for e in stale:
            cm.uncache(e.plan)
            if new is not None:
                cm.cache(e.plan.transform_down(lambda n: new if n == old[2] else None), e.level)

    # -------------------------------------------------------------------- create

    def create_table(self, name: Any, schema: T.StructType | None, provider: str | None = None,
                     partition_by: list[str] | tuple = (), location: str | None = None,
                     comment: str | None = None, properties: dict | None = None,
                     options: dict | None = None, query: DataFrame | None = None,
                     if_not_exists: bool = False, replace: bool = False,
                     external: bool = False) -> CatalogTable | None:
        """CREATE TABLE [AS SELECT]; None when it existed and IF NOT EXISTS."""
        ident = self.ident(name)
        if not _TABLE_NAME.match(ident.name):
            raise AnalysisException(
                f"`{ident.name}` is not a valid name for tables/schemas. Valid names only "
                "contain alphabet characters, numbers and _.", "INVALID_SCHEMA_OR_RELATION_NAME")
        if query is not None:
            schema = _nullable(query.schema)
        if schema is None:
            if location is None:
                raise AnalysisException(f"CREATE TABLE {ident} needs a schema, AS SELECT, or a "
                                        "LOCATION with data to infer one.",
                                        "UNABLE_TO_INFER_SCHEMA")
            found = self._s.read.format(provider or "parquet").options(
                **(options or {})).load(location)
            schema = found.schema
            if not partition_by and isinstance(found._plan, L.FileScan):
                # k=v directories under the location make a partitioned table, as in Spark
                partition_by = list(found._plan.partition_columns)
        check_unique_names(schema.names)
        schema = _partition_last(ident, schema, list(partition_by))
        parts = tuple(f.name for f in schema.fields[len(schema.fields) - len(partition_by):]
                      ) if partition_by else ()
        table = CatalogTable(ident, schema, (provider or "parquet").lower(), parts,
                             os.path.abspath(location) if location else "",
                             "EXTERNAL" if (external or location) else "MANAGED", comment,
                             dict(properties or {}), dict(options or {}))
        if replace and self.catalog.table_exists(ident):
            self.drop_table(ident)
        if not self.catalog.create_table(table, ignore_if_exists=if_not_exists):
            return None
        table = self.catalog.table(ident)
        # partitions already under a LOCATION stay unregistered until recoverPartitions /
        # MSCK REPAIR TABLE, as in Spark (the table reads as empty until then)
        if query is not None:
            try:
                self.write(table, query, overwrite=False)
            except BaseException:
                self.catalog.drop_table(ident, if_exists=True)
                raise
        return table

    def drop_table(self, name: Any, if_exists: bool = False) -> bool:
        ident = self.ident(name)
        self.drop_cached(ident)
        return self.catalog.drop_table(ident, if_exists)

    def drop_cached(self, ident: TableIdent) -> None:
        memo = self._relations.pop(ident, None)
        if memo is not None:
            cm = self._s._cache_manager
            for e in [e for e in list(cm.entries) if _contains(e.plan, memo[2])]:
                cm.uncache(e.plan)

    # --------------------------------------------------------------------- write

    def insert(self, name: Any, df: DataFrame, overwrite: bool = False,
               partition: dict[str, Any] | None = None, columns: list[str] | None = None,
               by_name: bool = False) -> None:
        """INSERT INTO/OVERWRITE and `insertInto`: by position (or by the column list, or
        by name), with Spark's arity and store-assignment checks."""
        if self.temp_view(split_name(name)) is not None:
            raise AnalysisException(f"Cannot insert into the temporary view `{name}`: it is "
                                    "not a table. Save it as a table first.",
                                    "UNSUPPORTED_INSERT.NOT_ALLOWED")
        t = self.table(name)
        if t.table_type == "VIEW":
            raise AnalysisException(
                f"Cannot insert into the view {t.ident.quoted()}: a view holds a query, not "
                "data. Insert into the table it reads instead.", "EXPECT_TABLE_NOT_VIEW")
        if overwrite:
            _check_not_reading(t, df)
        partition = dict(partition or {})
        static = self._static_spec(t, partition)
        aligned = self.align(t, df, static, columns, by_name)
        self.write(t, aligned, overwrite, static)

    def partial_spec(self, t: CatalogTable, partition: dict[str, Any]) -> dict[str, str | None]:
        """A (possibly partial) partition spec with values in Spark's string form, for the
        statements that match partitions (DROP/SHOW PARTITIONS, TRUNCATE)."""
        by_lower = {c.lower(): c for c in t.partition_columns}
        out: dict[str, str | None] = {}
        for k, v in partition.items():
            c = by_lower.get(k.lower())
            if c is None:
                raise AnalysisException(
                    f"{k} is not a valid partition column in table {t.ident.quoted()}; the "
                    f"partition columns are {_names(list(t.partition_columns))}.",
                    "PARTITIONS_NOT_FOUND")
            out[c] = partition_value(v, t.schema[c].dataType)
        return out

    def _static_spec(self, t: CatalogTable, partition: dict[str, Any]) -> dict[str, str | None]:
        by_lower = {c.lower(): c for c in t.partition_columns}
        spec: dict[str, Any] = {}
        for k, v in partition.items():
            if k.lower() not in by_lower:
                raise AnalysisException(
                    f"{k} is not a valid partition column in table {t.ident.quoted()}; the "
                    f"partition columns are {_names(list(t.partition_columns))}.",
                    "PARTITIONS_NOT_FOUND")
            spec[by_lower[k.lower()]] = v
        static: dict[str, str | None] = {}
        dynamic_seen = False
        for c in t.partition_columns:
            if c in spec and spec[c] is not _DYNAMIC:
                if dynamic_seen:
                    raise AnalysisException(
                        "Dynamic partition cannot be the parent of a static partition: "
                        f"{c}. Put static partition values first.", "PARSE_SYNTAX_ERROR")
                static[c] = partition_value(spec[c], t.schema[c].dataType)
            else:
                dynamic_seen = True
        return static

    def align(self, t: CatalogTable, df: DataFrame, static: dict[str, Any],
              columns: list[str] | None = None, by_name: bool = False) -> DataFrame:
        """`df` as the table's columns (static partition columns excluded): cast by Spark's
        store-assignment rule, matched by position unless `columns` or `by_name`."""
        from dfengine.plan import expressions as E
        from dfengine.sql import functions as F
        from dfengine.sql.column import Column

        target = [f for f in t.schema.fields if f.name not in static]
        names = [f.name for f in target]
        src = df.toDF(*[f"_c{i}" for i in range(len(df.columns))])
        data_names = list(df.columns)
        if by_name or columns is not None:
            order = columns if columns is not None else data_names
            lower = [c.lower() for c in order]
            if len(order) != len(data_names):
                raise arity_error(t.ident, order, data_names)
            for c in lower:
                if c not in [n.lower() for n in names]:
                    raise AnalysisException(
                        f"Cannot write to {t.ident.quoted()}: the column `{c}` is not a column "
                        f"of the table (table columns: {_names(names)}).",
                        "UNRESOLVED_COLUMN.WITH_SUGGESTION")
            pick = {c: i for i, c in enumerate(lower)}
            sources = [pick.get(n.lower()) for n in names]
        else:
            if len(data_names) != len(names):
                raise arity_error(t.ident, names, data_names, list(static))
            sources = list(range(len(names)))
        cols = []
        for f, i in zip(target, sources):
            if i is None:
                cols.append(F.lit(None).cast(f.dataType).alias(f.name))
                continue
            st = src.schema.fields[i].dataType
            if not can_store_assign(st, f.dataType):
                raise AnalysisException(
                    f"Cannot write incompatible data for the table {t.ident.quoted()}: Cannot "
                    f"safely cast `{f.name}` \"{type_sql(st)}\" to \"{type_sql(f.dataType)}\".",
                    "INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST")
            c = F.col(f"_c{i}")
            stored = Column(E.Cast(c._expr, f.dataType, "store"))  # CAST_OVERFLOW_IN_TABLE_INSERT
            cols.append((c if st == f.dataType else stored).alias(f.name))
        return src.select(*cols)

    def write(self, t: CatalogTable, df: DataFrame, overwrite: bool,
              static: dict[str, str | None] | None = None,
              dynamic_overwrite: bool | None = None) -> None:
        """Write aligned rows into the table's files and register new partitions."""
        from dfengine.sql.readwriter import write_files

        static = dict(static or {})
        fmt, options = t.provider, dict(t.options)
        prefix = [(c, static[c]) for c in t.partition_columns if c in static]
        dynamic = [c for c in t.partition_columns if c not in static]
        target = os.path.join(t.location, partition_path(prefix)) if prefix else t.location
        mode = "overwrite" if overwrite else "append"
        if dynamic_overwrite is None:
            dynamic_overwrite = self._dynamic_overwrite()
        if overwrite and dynamic and dynamic_overwrite:
            self._overwrite_each_partition(t, df, target, dynamic, fmt, options)
            self._after_write(t, static, drop_missing=False)
            return
        write_files(df, target, fmt, mode, options, dynamic)
        self._after_write(t, static, drop_missing=overwrite)

    def _after_write(self, t: CatalogTable, static: dict, drop_missing: bool) -> None:
        if t.partition_columns:
            self.catalog.sync_partitions(t, static, drop_missing)
        self._changed(t)

    def _dynamic_overwrite(self) -> bool:
        mode = self._s.conf.get("spark.sql.sources.partitionOverwriteMode", "static")
        return str(mode).lower() == "dynamic"

    def _overwrite_each_partition(self, t: CatalogTable, df: DataFrame, target: str,
                                  dynamic: list[str], fmt: str, options: dict) -> None:
        """Dynamic partition overwrite: only the partitions present in the data are replaced,
        all in one commit of the file writer (the untouched partitions are kept by it)."""
        from dfengine.sql.readwriter import write_files

        write_files(df, target, fmt, "overwrite", {**options, "partitionoverwritemode": "dynamic"},
                    dynamic)

    # ---------------------------------------------------------------- saveAsTable

    def save_as_table(self, name: str, df: DataFrame, fmt: str | None, mode: str,
                      partition_by: list[str], options: dict[str, str]) -> None:
        ident = self.ident(name)
        exists = self.catalog.table_exists(ident)
        if exists and mode == "errorifexists":
            raise already_exists(ident)
        if exists and mode == "ignore":
            return
        location = options.pop("path", None)
        if exists and mode == "append":
            t = self.catalog.table(ident)
            if partition_by and list(partition_by) != list(t.partition_columns):
                raise AnalysisException(
                    f"Specified partitioning does not match that of the existing table "
                    f"{ident.quoted()}. Specified partition columns: [{', '.join(partition_by)}]"
                    f". Existing partition columns: [{', '.join(t.partition_columns)}].",
                    "_LEGACY_ERROR_TEMP_1163")
            if len(df.columns) != len(t.schema.fields):
                raise AnalysisException(
                    f"The column number of the existing table {ident} "
                    f"({t.schema.simpleString()}) doesn't match the data schema "
                    f"({df.schema.simpleString()}).", "_LEGACY_ERROR_TEMP_1161")
            self.write(t, self.align(t, df, {}, by_name=True), overwrite=False)
            return
        if exists:  # overwrite: the table is replaced, with the new schema
            _check_not_reading(self.catalog.table(ident), df)
            self.drop_table(ident)
        self.create_table(ident_parts(ident), None, fmt or self._default_source(),
                          partition_by, location, None, None, options, query=df)

    def _default_source(self) -> str:
        return str(self._s.conf.get("spark.sql.sources.default", "parquet"))


_DYNAMIC = object()
_TABLE_NAME = re.compile(r"^\w+$")


def dynamic() -> Any:
    """The value of a partition column named without a value (`PARTITION (p)`)."""
    return _DYNAMIC


def _check_not_reading(t: CatalogTable, df: DataFrame) -> None:
    """Overwriting a table the data is read from would delete the rows being written (Spark
    refuses it too): UNSUPPORTED_OVERWRITE.TABLE."""
    key = (t.ident.db, t.ident.name)
    if any(isinstance(n, L.FileScan) and n.table == key for n in df._plan.walk()):
        raise AnalysisException(
            f"Can't overwrite the target that is also being read from. The target table is "
            f"{t.ident.quoted()}. Write the result to another table first (or cache and count "
            "it), then overwrite.", "UNSUPPORTED_OVERWRITE.TABLE")


def check_unique_names(names: list[str], where: str = "") -> None:
    """Column names unique ignoring case (Spark's default spark.sql.caseSensitive=false):
    a table's `(id INT, ID STRING)`, the sides of unionByName."""
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen:
            raise AnalysisException(
                f"The column `{name}` already exists. Choose another name or rename the "
                f"existing column{where}.", "COLUMN_ALREADY_EXISTS")
        seen.add(name.lower())


def _contains(plan: L.LogicalPlan, node: L.LogicalPlan) -> bool:
    found = []
    plan.transform_down(lambda n: found.append(n) if n == node else None)
    return bool(found)


def ident_parts(ident: TableIdent) -> tuple[str, str]:
    return (ident.db, ident.name)


def partition_value(v: Any, dt: T.DataType) -> str | None:
    """A static partition value cast to the column's type, in Spark's string form."""
    if v is None:
        return None
    try:
        if isinstance(dt, T.IntegralType):
            v = int(str(v).strip())
        elif isinstance(dt, (T.DoubleType, T.FloatType)):
            v = float(v)
        elif isinstance(dt, T.BooleanType) and isinstance(v, str):
            v = v.strip().lower() == "true"
    except ValueError:
        raise AnalysisException(
            f"The partition value '{v}' cannot be cast to the partition column's type "
            f"{type_sql(dt)}.", "INVALID_PARTITION_VALUE") from None
    return partition_string(v)


def _nullable(schema: T.StructType) -> T.StructType:
    return T.StructType([T.StructField(f.name, f.dataType, True, f.metadata)
                         for f in schema.fields])


def _partition_last(ident: TableIdent, schema: T.StructType,
                    partition_by: list[str]) -> T.StructType:
    by_name = {f.name.lower(): f for f in schema.fields}
    for c in partition_by:
        if c.lower() not in by_name:
            raise AnalysisException(
                f"The partition column `{c}` is not a column of the table {ident.quoted()} "
                f"(columns: {_names(schema.names)}).", "COLUMN_NOT_DEFINED_IN_TABLE")
    if len(partition_by) == len(schema.fields) and partition_by:
        raise AnalysisException("Cannot use all columns for partition columns.",
                                "ALL_PARTITION_COLUMNS_NOT_ALLOWED")
    parts = {c.lower() for c in partition_by}
    return T.StructType([f for f in schema.fields if f.name.lower() not in parts]
                        + [by_name[c.lower()] for c in partition_by])


def table_not_found(name: str) -> AnalysisException:
    return not_found(name)
