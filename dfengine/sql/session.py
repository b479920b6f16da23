"""`SparkSession`: entry point, configuration, catalog of temp views, and owner of the Dask
runtime every DataFrame of the session runs on."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterable
from typing import Any, Self

import pyarrow as pa

from dfengine import _on_rdd_import
from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.analyzer import Analyzer, analyze
from dfengine.plan.builder import PlanBuilder
from dfengine.runtime import Runtime
from dfengine.sql.cache import CacheManager
from dfengine.sql.catalog import Catalog
from dfengine.sql.dataframe import DataFrame

_lock = threading.RLock()


_TIME_ZONE = "spark.sql.session.timeZone"


def _check_time_zone(tz: str) -> None:
    """Spark validates the session zone when it is set (region ids, 'UTC', 'Z', offsets,
    java.time's short ids); the zone itself reaches the kernels stamped into each query's
    plan (dfengine/plan/time_zone.py)."""
    from dfengine.errors import DateTimeException, IllegalArgumentException
    from dfengine.functions.timezones import zone_id

    try:
        zone_id(tz)
    except DateTimeException:
        raise IllegalArgumentException(
            f"[INVALID_CONF_VALUE.TIME_ZONE] The value '{tz}' in the config "
            f"\"{_TIME_ZONE}\" is invalid. Cannot resolve the given timezone. Use a region "
            "id such as 'America/Los_Angeles', 'UTC', or an offset such as '+05:30'.",
            "INVALID_CONF_VALUE.TIME_ZONE") from None


class RuntimeConfig:
    """`spark.conf`: string-valued settings, read at each action."""

    def __init__(self, values: dict[str, str]):
        self._values = dict(values)
        if _TIME_ZONE in self._values:
            self.set(_TIME_ZONE, self._values[_TIME_ZONE])

    def get(self, key: str, default: Any = "__unset__") -> Any:
        if key in self._values:
            return self._values[key]
        if default != "__unset__":
            return default
        from dfengine.sql.conf_defaults import DEFAULTS

        if key in DEFAULTS:
            return DEFAULTS[key]
        from dfengine.errors import SparkNoSuchElementException

        raise SparkNoSuchElementException(
            f"[SQL_CONF_NOT_FOUND] The SQL config \"{key}\" cannot be found. Please verify that "
            "the config exists, or pass a default: spark.conf.get(key, default).",
            "SQL_CONF_NOT_FOUND")

    def set(self, key: str, value: Any) -> None:
        if key == _TIME_ZONE:
            _check_time_zone(str(value))
        self._values[key] = "true" if value is True else "false" if value is False else str(value)
        if key == _TIME_ZONE:  # current_timezone() folds to it (functions/environment.py)
            from dfengine.functions.environment import set_session_value

            set_session_value("timezone", self._values[key])

    def unset(self, key: str) -> None:
        self._values.pop(key, None)
        if key == _TIME_ZONE:
            from dfengine.functions.environment import set_session_value

            set_session_value("timezone", "UTC")

    def getAll(self) -> dict[str, str]:
        return dict(self._values)

    def isModifiable(self, key: str) -> bool:
        return True


class Builder:
    def __init__(self) -> None:
        self._options: dict[str, Any] = {}

    def master(self, master: str) -> Builder:
        self._options["spark.master"] = master
        return self

    def appName(self, name: str) -> Builder:
        self._options["spark.app.name"] = name
        return self

    def config(self, key: Any = None, value: Any = None, conf: Any = None,
               map: dict | None = None) -> Builder:
        if conf is not None:
            for k, v in conf.getAll():
                self._options[k] = v
        if map:
            self._options.update(map)
        if isinstance(key, dict):
            self._options.update(key)
        elif key is not None:
            self._options[key] = value
        return self

    def enableHiveSupport(self) -> Builder:
        return self

    def remote(self, url: str) -> Builder:
        return self.master(url)

    def getOrCreate(self) -> SparkSession:
        with _lock:
            active = SparkSession._active
            if active is not None and not active._stopped:
                # Like Spark: the running session is returned; its conf takes the new options.
                for k, v in self._options.items():
                    if k != "dfengine.dask.client":
                        active.conf.set(k, v)
                return active
            session = SparkSession._create(dict(self._options))
            SparkSession._active = session
            return session

    create = getOrCreate


class _BuilderDescriptor:
    def __get__(self, obj: Any, owner: Any) -> Builder:
        return Builder()


_SQL_ON_FILE_FORMATS = frozenset({"parquet", "json", "csv", "orc", "text", "avro", "binaryfile"})


class SparkSession:
    builder = _BuilderDescriptor()
    _active: SparkSession | None = None

    def __init__(self, runtime: Runtime, conf: dict[str, Any]):
        self._runtime = runtime
        self.conf = RuntimeConfig({k: v for k, v in conf.items()
                                   if k != "dfengine.dask.client"})
        runtime.conf = self.conf
        self._views: dict[str, L.LogicalPlan] = {}
        self._cache_manager = CacheManager(self)
        self._stopped = False
        self._sc: Any = None
        self.catalog = Catalog(self)
        self._tables_: Any = None
        from dfengine.execution.cancellation import OperationRegistry

        self._operations = OperationRegistry()
        self._tags = threading.local()

    @classmethod
    def _create(cls, options: dict[str, Any]) -> SparkSession:
        master = str(options.get("spark.master", "local[*]"))
        options.setdefault("spark.master", master)
        options.setdefault("spark.app.name", "dfengine")
        client = options.get("dfengine.dask.client")
        runtime = None
        # a SparkContext exists only if dfengine.rdd was loaded: don't import it to ask
        context = sys.modules.get("dfengine.rdd.context")
        sc = getattr(context.SparkContext, "_active_spark_context", None) if context else None
        if sc is not None and client is None:
            runtime = sc._runtime
        if runtime is None:
            runtime = Runtime(master, client=client,
                              connect_timeout=options.get("dfengine.dask.connectTimeout"),
                              memory_limit=options.get("dfengine.local.memoryLimit"))
        session = cls(runtime, options)
        if sc is not None and runtime is getattr(sc, "_runtime", None):
            session._sc = sc
        return session

    @classmethod
    def getActiveSession(cls) -> SparkSession | None:
        s = cls._active
        return s if s is not None and not s._stopped else None

    active = getActiveSession

    @property
    def version(self) -> str:
        return "4.0.0"

    @property
    def sparkContext(self) -> Any:
        if self._sc is None or getattr(self._sc, "_stopped", False):
            from dfengine.rdd.context import SparkContext

            self._sc = SparkContext._from_runtime(
                self._runtime, self.conf.getAll(), self.conf.get("spark.app.name", "dfengine"))
        return self._sc

    @property
    def read(self) -> Any:
        from dfengine.sql.readwriter import DataFrameReader

        return DataFrameReader(self)

    @property
    def readStream(self) -> Any:
        from dfengine.sql.streaming import DataStreamReader

        return DataStreamReader(self)

    @property
    def streams(self) -> Any:
        from dfengine.sql.streaming.manager import manager_for

        return manager_for(self)

    @property
    def udf(self) -> Any:
        from dfengine.sql.udf import UDFRegistration

        return UDFRegistration(self)

    @property
    def dataSource(self) -> Any:
        from dfengine.sql.datasource import DataSourceRegistration

        return DataSourceRegistration(self)

    @property
    def udtf(self) -> Any:
        from dfengine.sql.udtf import UDTFRegistration

        return UDTFRegistration(self)

    def stop(self) -> None:
        with _lock:
            if self._stopped:
                return
            self._stopped = True
            self._cache_manager.clear()
            if self._sc is not None and hasattr(self._sc, "stop"):
                with contextlib.suppress(Exception):  # stopping must not fail half-way
                    self._sc.stop()
            self._runtime.stop()
            if SparkSession._active is self:
                SparkSession._active = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------- tags and interruption

    Builder = Builder

    def _current_tags(self) -> frozenset[str]:
        return frozenset(getattr(self._tags, "tags", ()))

    def addTag(self, tag: str) -> None:
        """Tag the operations this thread starts in this session from now on."""
        from dfengine.sql.session_extras import check_tag

        check_tag(tag)
        self._tags.tags = self._current_tags() | {tag}

    def removeTag(self, tag: str) -> None:
        from dfengine.sql.session_extras import check_tag

        check_tag(tag)
        self._tags.tags = self._current_tags() - {tag}

    def getTags(self) -> set[str]:
        return set(self._current_tags())

    def clearTags(self) -> None:
        self._tags.tags = frozenset()

    def interruptAll(self) -> list[str]:
        """Stop every running operation of this session; returns their ids."""
        return self._operations.interrupt()

    def interruptTag(self, tag: str) -> list[str]:
        from dfengine.sql.session_extras import check_tag

        check_tag(tag)
        return self._operations.interrupt(tag=tag)

    def interruptOperation(self, op_id: str) -> list[str]:
        return self._operations.interrupt(op_id=str(op_id))

    def emptyDataFrame(self, schema: Any) -> DataFrame:
        """An empty DataFrame with `schema` (a StructType or a DDL string)."""
        return self.createDataFrame([], schema)

    @property
    def tvf(self) -> Any:
        from dfengine.sql.session_extras import TableValuedFunction

        return TableValuedFunction(self)

    def newSession(self) -> SparkSession:
        """A session with its own temp views, SQL conf, UDFs and tags on the same runtime
        (Spark shares the SparkContext); the runtime keeps reading this session's conf."""
        runtime_conf = self._runtime.conf
        s = SparkSession(self._runtime, self.conf.getAll())
        self._runtime.conf = runtime_conf
        return s

    # ---------------------------------------------------------------- analysis

    @property
    def _case_sensitive(self) -> bool:
        return str(self.conf.get("spark.sql.caseSensitive", "false")).lower() == "true"

    @property
    def _tables(self) -> Any:
        """Persistent tables and name resolution (dfengine/sql/tables.py)."""
        if self._tables_ is None:
            from dfengine.sql.tables import Tables

            self._tables_ = Tables(self)
        return self._tables_

    @property
    def _table_commands(self) -> Any:
        from dfengine.sql.table_commands import TableCommands

        return TableCommands(self)

    def _catalog_lookup(self, name: tuple[str, ...]) -> L.LogicalPlan | None:
        found = self._tables.lookup(tuple(name))
        if found is None and len(name) == 2 and name[0].lower() in _SQL_ON_FILE_FORMATS:
            # Spark's ResolveSQLOnFile: `SELECT * FROM parquet.`/path``.
            return self.read.format(name[0].lower()).load(name[1])._plan
        return found if found is not None else self._views.get(name[-1].lower())

    @property
    def _ansi(self) -> bool:
        from dfengine.plan.eval_mode import ansi_enabled

        return ansi_enabled(self.conf)

    def _analyze(self, plan: L.LogicalPlan) -> L.LogicalPlan:
        return analyze(plan, self._catalog_lookup, self._case_sensitive, self._ansi)

    @property
    def _builder(self) -> PlanBuilder:
        return PlanBuilder(Analyzer(self._catalog_lookup, self._case_sensitive, self._ansi))

    def _dataframe_of(self, plan: L.LogicalPlan) -> DataFrame:
        df = DataFrame(plan, self)
        df._parsed = plan
        return df

    def _register_view(self, name: str, plan: L.LogicalPlan, replace: bool = True) -> None:
        key = name.lower()
        if not replace and key in self._views:
            raise AnalysisException(
                f"Cannot create the temporary view `{name}` because it already exists. Use "
                "createOrReplaceTempView to replace it.", "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS")
        self._views[key] = plan

    # ------------------------------------------------------------- DataFrames

    def table(self, tableName: str) -> DataFrame:
        parts = tuple(tableName.split("."))
        return DataFrame(self._analyze(L.UnresolvedRelation(parts)), self)

    def sql(self, sqlQuery: str, args: Any = None, **kwargs: Any) -> DataFrame:
        from dfengine.sqlparse.query import run_sql

        if not kwargs:
            df = run_sql(self, sqlQuery, args)
            df._sql_text = sqlQuery
            return df
        from dfengine.sql.sql_formatter import SQLStringFormatter

        formatter = SQLStringFormatter(self)
        try:
            text = formatter.format(sqlQuery, **kwargs)
            df = run_sql(self, text, args)
        finally:
            formatter.clear()
        df._sql_text = text
        return df

    def range(self, start: int, end: int | None = None, step: int = 1,
              numPartitions: int | None = None) -> DataFrame:
        if end is None:
            start, end = 0, start
        if step == 0:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException("requirement failed: step (0) cannot be 0")
        n = numPartitions or self._runtime.default_parallelism
        attr = E.AttributeReference("id", T.LongType(), False)
        return DataFrame(L.RangeRelation(int(start), int(end), int(step), int(n), attr), self)

    def createDataFrame(self, data: Any, schema: Any = None, samplingRatio: Any = None,
                        verifySchema: bool = True) -> DataFrame:
        from dfengine.sql.create import create_dataframe
        from dfengine.sql.dask_interop import from_dask, is_dask_dataframe

        if is_dask_dataframe(data):  # wrapped lazily, not collected
            return from_dask(self, data, schema)
        return create_dataframe(self, data, schema, verify=verifySchema is not False)

    def _from_arrow(self, table: pa.Table, num_partitions: int | None = None,
                    schema: T.StructType | None = None) -> DataFrame:
        given = schema
        schema = T.from_arrow_schema(table.schema)
        if given is not None:
            # Keep the declared types (VectorUDT has list<double> storage, like ArrayType).
            schema = T.StructType([T.StructField(f.name, g.dataType, g.nullable)
                                   for f, g in zip(schema.fields, given.fields)])
        target = T.to_arrow_schema(schema)
        if table.schema != target:
            table = pa.Table.from_arrays(
                [_cast_column(c, t) for c, t in zip(table.columns, target)], schema=target)
        attrs = tuple(E.AttributeReference(f.name, f.dataType, f.nullable)
                      for f in schema.fields)
        n = num_partitions or max(1, min(self._runtime.default_parallelism, table.num_rows))
        return DataFrame(L.LocalRelation(attrs, L.new_source_id(), n, table), self)

    def _from_delayed(self, parts: Iterable[Any], schema: T.StructType,
                      label: str = "Delayed") -> DataFrame:
        attrs = tuple(E.AttributeReference(f.name, f.dataType, f.nullable) for f in schema)
        parts = list(parts)
        return DataFrame(L.DelayedRelation(attrs, L.new_source_id(), label, parts), self)

    def _read_files(self, fmt: str, paths: list[str], options: dict[str, str],
                    schema: T.StructType | None) -> DataFrame:
        from dfengine.sql.readwriter import file_scan

        return DataFrame(file_scan(self, fmt, paths, options, schema), self)

    def __repr__(self) -> str:
        return f"<dfengine.sql.session.SparkSession master={self.conf.get('spark.master')}>"



def _install_rdd_interop() -> None:
    import dfengine.sql.rdd_interop  # noqa: F401 - installs itself (also when mid-import)


_on_rdd_import(_install_rdd_interop)  # when dfengine.rdd loads: a query never needs it


def _cast_column(col: Any, field: pa.Field) -> Any:
    """A column of the input as its Spark type; values that do not fit (a uint64 past the
    bigint range) are refused by name, not with Arrow's bare cast error. A column already of
    the type is kept as it is: Arrow refuses to cast a struct with non-nullable fields to
    itself when a NULL struct holds nulls in those fields (VALUES of named_struct and NULL)."""
    if col.type.equals(field.type):
        return col
    try:
        return col.cast(field.type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
        from dfengine.errors import PySparkValueError

        raise PySparkValueError(
            f"Column `{field.name}` ({col.type}) does not fit its Spark type "
            f"{T.from_arrow_type(field.type).simpleString()}: {e}. Convert the column first "
            "(e.g. astype('float64') or a string), or give a schema that holds its values.",
            "CANNOT_CONVERT_COLUMN_INTO_ARROW") from None
