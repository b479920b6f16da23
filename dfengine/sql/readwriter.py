"""`spark.read` and `df.write`: parquet, csv and json sources and sinks.

Writes run as one Dask task per partition, each writing `part-NNNNN-<uuid>.<ext>` into a
staging directory beside the target; only when every task succeeded is the new version
published by `dfengine.datasource.commit` (one atomic directory swap, appends included), so a
failed or killed job leaves the target as it was.
"""

from __future__ import annotations

import os
import uuid
from functools import partial
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dfengine import types as T
from dfengine.datasource.compression import write_extension
from dfengine.datasource.formats import READERS, WRITERS, check_supported
from dfengine.errors import AnalysisException, IllegalArgumentException, PySparkTypeError
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.sql.text_writers import csv_bytes, json_bytes

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession

_FORMATS = ("parquet", "csv", "json", "text", "orc", "avro")

# Data sources registered by packages above this layer (dfengine.ml registers "libsvm"):
# name -> (read(session, paths, options) -> DataFrame, to_builtin(df) -> (df, builtin format)).
SOURCES: dict[str, tuple[Any, Any]] = {}


def _opt_str(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _jdbc_options(base: dict[str, str], url: str, table: str,
                  properties: dict[str, Any] | None) -> dict[str, str]:
    opts = dict(base)
    opts.update({k.lower(): _opt_str(v) for k, v in (properties or {}).items()})
    opts.update({"url": url, "dbtable": table})
    return opts


class DataFrameReader:
    def __init__(self, session: SparkSession):
        self._session = session
        self._format = "parquet"
        self._options: dict[str, str] = {}
        self._schema: T.StructType | None = None

    def format(self, source: str) -> DataFrameReader:
        self._format = source.lower()
        return self

    def option(self, key: str, value: Any) -> DataFrameReader:
        if value is not None:
            self._options[key.lower()] = _opt_str(value)
        return self

    def options(self, **opts: Any) -> DataFrameReader:
        for k, v in opts.items():
            self.option(k, v)
        return self

    def schema(self, schema: Any) -> DataFrameReader:
        if isinstance(schema, str):
            schema = T._parse_datatype_string(schema)
        if not isinstance(schema, T.StructType):
            raise IllegalArgumentException("schema should be a StructType or a DDL string",
                                           "NOT_STR_OR_STRUCT")
        self._schema = schema
        return self

    def load(self, path: Any = None, format: str | None = None, schema: Any = None,
             **options: Any) -> DataFrame:
        if format:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        if self._format == "jdbc":
            from dfengine.sql.jdbc import read_jdbc

            return read_jdbc(self._session, dict(self._options))
        from dfengine.sql import datasource as pyds

        if (cls := pyds.lookup(self._session, self._format)) is not None:
            opts = {**self._options, **({"path": str(path)} if path is not None else {})}
            return pyds.read_python_source(self._session, cls, opts, self._schema)
        if path is None:
            path = self._options.get("path")
        if path is None and self._format not in (*_FORMATS, *READERS, *SOURCES):
            check_supported(self._format)
            raise _unknown_format(self._format)
        if path is None and self._schema is None:  # Spark: nothing to infer a schema from
            raise AnalysisException(
                f"Unable to infer schema for {self._format}: load() was given no path. Pass "
                "the path: spark.read.format(...).load(path).", "UNABLE_TO_INFER_SCHEMA")
        if path is None:
            raise IllegalArgumentException("load() needs a path", "MISSING_PATH")
        paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
        if self._format in SOURCES:  # a source registered by a package above (ml: libsvm)
            return SOURCES[self._format][0](self._session, [os.fspath(p) for p in paths],
                                            dict(self._options))
        return self._session._read_files(self._format, [os.fspath(p) for p in paths],
                                         dict(self._options), self._schema)

    def parquet(self, *paths: Any, **options: Any) -> DataFrame:
        return self.format("parquet").options(**options).load(list(paths))

    def csv(self, path: Any, schema: Any = None, sep: str | None = None,
            header: Any = None, inferSchema: Any = None, nullValue: str | None = None,
            **options: Any) -> DataFrame:
        self.format("csv")
        if schema is not None:
            self.schema(schema)
        self.option("sep", sep).option("header", header).option("inferSchema", inferSchema)
        self.option("nullValue", nullValue).options(**options)
        return self.load(_text_input(path, "csv"))

    def json(self, path: Any, schema: Any = None, multiLine: Any = None,
             **options: Any) -> DataFrame:
        self.format("json")
        if schema is not None:
            self.schema(schema)
        self.option("multiLine", multiLine).options(**options)
        return self.load(_text_input(path, "json"))

    def text(self, paths: Any, wholetext: bool = False, lineSep: str | None = None,
             **options: Any) -> DataFrame:
        self.option("wholetext", wholetext or None).option("lineSep", lineSep)
        return self.format("text").options(**options).load(paths)

    def orc(self, path: Any, mergeSchema: Any = None, **options: Any) -> DataFrame:
        return self.format("orc").option("mergeSchema", mergeSchema).options(**options).load(
            path)

    def jdbc(self, url: str, table: str, column: str | None = None, lowerBound: Any = None,
             upperBound: Any = None, numPartitions: int | None = None,
             predicates: list[str] | None = None,
             properties: dict[str, Any] | None = None) -> DataFrame:
        """A table or `(query) alias` of a database; SQLite (`jdbc:sqlite:<file>`) through
        Python's sqlite3. With `column`/bounds/`numPartitions` (or `predicates`) the read is
        split into as many partitions, as Spark splits it."""
        from dfengine.sql.jdbc import read_jdbc

        opts = _jdbc_options(self._options, url, table, properties)
        for k, v in (("partitioncolumn", column), ("lowerbound", lowerBound),
                     ("upperbound", upperBound), ("numpartitions", numPartitions)):
            if v is not None:
                opts[k] = _opt_str(v)
        return read_jdbc(self._session, opts, predicates)

    def xml(self, path: Any, rowTag: str | None = None, **options: Any) -> DataFrame:
        from dfengine.datasource.formats import check_supported

        check_supported("xml")
        raise AssertionError("unreachable")  # pragma: no cover

    def table(self, name: str) -> DataFrame:
        return self._session.table(name)

    def changes(self, tableName: str) -> DataFrame:
        """Change data capture needs a catalog that keeps a table's changelog (Spark: a Data
        Source V2 catalog implementing loadChangelog); the session catalog does not, as in Spark."""
        self._session.table(tableName)  # an unknown table is TABLE_OR_VIEW_NOT_FOUND first
        from dfengine.errors import AnalysisException

        raise AnalysisException(
            f"Table `{tableName}` does not support reading changes (change data capture): its "
            "catalog keeps no changelog. Read the table with spark.read.table() and compare "
            "snapshots, or keep a change log table yourself.",
            "UNSUPPORTED_FEATURE.TABLE_OPERATION")


class DataFrameWriter:
    def __init__(self, df: DataFrame):
        self._df = df
        self._mode = "errorifexists"
        self._format = "parquet"
        self._options: dict[str, str] = {}
        self._partition_by: list[str] = []
        self._format_set = False

    def mode(self, saveMode: str | None) -> DataFrameWriter:
        m = (saveMode or "errorifexists").lower()
        if m == "error" or m == "default":
            m = "errorifexists"
        if m not in ("errorifexists", "overwrite", "append", "ignore"):
            raise AnalysisException(
                f"The specified save mode \"{saveMode}\" is invalid. Valid save modes include "
                "\"append\", \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and "
                "\"default\".", "INVALID_SAVE_MODE")
        self._mode = m
        return self

    def format(self, source: str) -> DataFrameWriter:
        self._format = source.lower()
        self._format_set = True
        return self

    def option(self, key: str, value: Any) -> DataFrameWriter:
        if value is not None:
            self._options[key.lower()] = _opt_str(value)
        return self

    def options(self, **opts: Any) -> DataFrameWriter:
        for k, v in opts.items():
            self.option(k, v)
        return self

    def partitionBy(self, *cols: Any) -> DataFrameWriter:
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        self._partition_by = list(cols)
        return self

    def save(self, path: str | None = None, format: str | None = None,
             mode: str | None = None, partitionBy: Any = None, **options: Any) -> None:
        if format:
            self.format(format)
        if mode:
            self.mode(mode)
        if partitionBy:
            self.partitionBy(partitionBy)
        self.options(**options)
        if self._format == "jdbc":
            from dfengine.sql.jdbc import write_jdbc

            write_jdbc(self._df, dict(self._options), self._mode)
            return
        self._check_bucketing("save")
        from dfengine.sql import datasource as pyds

        if (cls := pyds.lookup(self._df.sparkSession, self._format)) is not None:
            opts = {**self._options, **({"path": str(path)} if path is not None else {})}
            pyds.write_python_source(self._df, cls, opts, self._mode)
            return
        path = path or self._options.get("path")
        if path is None:
            raise IllegalArgumentException("save() needs a path", "MISSING_PATH")
        df, fmt = self._df, self._format
        if fmt in SOURCES:  # a registered source writes through a built-in one
            df, fmt = SOURCES[fmt][1](df)
        write_files(df, os.fspath(path), fmt, self._mode, self._options, self._partition_by)

    def parquet(self, path: str, mode: str | None = None, partitionBy: Any = None,
                compression: str | None = None) -> None:
        self.option("compression", compression)
        self.format("parquet").save(path, mode=mode, partitionBy=partitionBy)

    def csv(self, path: str, mode: str | None = None, compression: str | None = None,
            sep: str | None = None, header: Any = None, nullValue: str | None = None,
            **options: Any) -> None:
        self.option("sep", sep).option("header", header).option("nullValue", nullValue)
        self.option("compression", compression).options(**options)
        self.format("csv").save(path, mode=mode)

    def json(self, path: str, mode: str | None = None, **options: Any) -> None:
        self.options(**options)
        self.format("json").save(path, mode=mode)

    def text(self, path: str, mode: str | None = None, compression: str | None = None,
             lineSep: str | None = None) -> None:
        self.option("compression", compression).option("lineSep", lineSep)
        self.format("text").save(path, mode=mode)

    def orc(self, path: str, mode: str | None = None, partitionBy: Any = None,
            compression: str | None = None) -> None:
        self.option("compression", compression)
        self.format("orc").save(path, mode=mode, partitionBy=partitionBy)

    def jdbc(self, url: str, table: str, mode: str | None = None,
             properties: dict[str, Any] | None = None) -> None:
        from dfengine.sql.jdbc import write_jdbc

        if mode:
            self.mode(mode)
        write_jdbc(self._df, _jdbc_options(self._options, url, table, properties), self._mode)

    def xml(self, path: str, rowTag: str | None = None, mode: str | None = None,
            **options: Any) -> None:
        from dfengine.datasource.formats import check_supported

        check_supported("xml")

    def bucketBy(self, numBuckets: int, col: Any, *cols: str) -> DataFrameWriter:
        """Recorded for `saveAsTable`; a path `save()` refuses it, as Spark does."""
        names = list(col) if isinstance(col, (list, tuple)) else [col, *cols]
        if not isinstance(numBuckets, int) or numBuckets <= 0:
            raise IllegalArgumentException(f"numBuckets should be a positive int, got "
                                           f"{numBuckets!r}", "INVALID_BUCKET_COUNT")
        self._bucket_by = (numBuckets, names)
        return self

    def sortBy(self, col: Any, *cols: str) -> DataFrameWriter:
        self._sort_by = list(col) if isinstance(col, (list, tuple)) else [col, *cols]
        return self

    def clusterBy(self, *cols: str) -> DataFrameWriter:
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        self._cluster_by = list(cols)
        return self

    def _check_bucketing(self, op: str) -> None:
        if getattr(self, "_sort_by", None) and not getattr(self, "_bucket_by", None):
            raise AnalysisException("sortBy must be used together with bucketBy.",
                                    "SORT_BY_WITHOUT_BUCKETING")
        if getattr(self, "_bucket_by", None) or getattr(self, "_sort_by", None):
            raise AnalysisException(f"'{op}' does not support bucketBy and sortBy right now.",
                                    "UNSUPPORTED_FEATURE.BUCKETING")

    def saveAsTable(self, name: str, format: str | None = None, mode: str | None = None,
                    partitionBy: Any = None, **options: Any) -> None:
        if format:
            self.format(format)
        if mode:
            self.mode(mode)
        if partitionBy:
            self.partitionBy(partitionBy)
        self.options(**options)
        fmt = self._format if self._format_set else None
        self._df.sparkSession._tables.save_as_table(
            name, self._df, fmt, self._mode, list(self._partition_by), dict(self._options))

    def insertInto(self, tableName: str, overwrite: bool | None = None) -> None:
        """Append by position (replace with `overwrite=True` or mode "overwrite")."""
        ow = self._mode == "overwrite" if overwrite is None else bool(overwrite)
        self._df.sparkSession._tables.insert(tableName, self._df, overwrite=ow)


# ------------------------------------------------------------------------------- writing

_EXT = {"parquet": ".parquet", "csv": ".csv", "json": ".json", "text": ".txt", "orc": ".orc",
        "avro": ".avro"}


def _write_part(fmt: str, directory: str, index: int, job: str, options: dict[str, str],
                partition_by: list[str], names: list[str], schema: T.StructType,
                table: pa.Table) -> list[str]:
    table = pa.Table.from_arrays(table.columns, names=names) if table.num_columns == len(
        names) else table
    written: list[str] = []
    groups = _split_partitions(table, partition_by) if partition_by else [((), table)]
    ext = _EXT.get(fmt, "") + (write_extension(options.get("compression"))
                               if fmt in _TEXT_FORMATS else "")
    for values, part in groups:
        sub = os.path.join(directory, *[f"{k}={_escape(v)}" for k, v in zip(partition_by,
                                                                              values)])
        os.makedirs(sub, exist_ok=True)
        data = part.drop_columns(partition_by) if partition_by else part
        for j, chunk in enumerate(_per_file(data, options)):
            path = os.path.join(sub, f"part-{index:05d}-{job}.c{j:03d}{ext}")
            _write_table(fmt, chunk, path, options, schema)
            written.append(path)
    return written


def _per_file(table: pa.Table, options: dict[str, str]) -> list[pa.Table]:
    """maxRecordsPerFile: a task's rows split over files of at most that many rows."""
    try:
        limit = int(options.get("maxrecordsperfile") or 0)
    except ValueError:
        raise IllegalArgumentException(
            f"maxRecordsPerFile must be an integer, got '{options['maxrecordsperfile']}'.",
            "INVALID_PARAMETER_VALUE") from None
    if limit <= 0 or table.num_rows <= limit:
        return [table]
    return [table.slice(i, limit) for i in range(0, table.num_rows, limit)]


def _escape(v: Any) -> str:
    from urllib.parse import quote

    if v is None:
        return "__HIVE_DEFAULT_PARTITION__"
    return quote(str(v), safe=" ")


def _split_partitions(table: pa.Table, cols: list[str]) -> list[tuple[tuple, pa.Table]]:
    import pyarrow.compute as pc

    for c in cols:   # Spark writes an empty string partition value as NULL (the default dir)
        col = table.column(c)
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            empty = pc.fill_null(pc.equal(col, ""), False)
            table = table.set_column(table.schema.get_field_index(c), c,
                                     pc.if_else(empty, pa.scalar(None, col.type), col))
    keys = table.select(cols).group_by(cols, use_threads=False).aggregate([])
    out = []
    for row in keys.to_pylist():
        mask = None
        for c in cols:
            v = row[c]
            m = pc.is_null(table.column(c)) if v is None else pc.fill_null(
                pc.equal(table.column(c), pa.scalar(v, table.schema.field(c).type)), False)
            mask = m if mask is None else pc.and_(mask, m)
        out.append((tuple(row[c] for c in cols), table.filter(mask)))
    return out


def _write_table(fmt: str, table: pa.Table, path: str, options: dict[str, str],
                 schema: T.StructType) -> None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        from dfengine.datasource.parquet_types import for_write

        comp = options.get("compression", "snappy")
        pq.write_table(for_write(table, schema), path,
                       compression=None if comp == "none" else comp)
    elif fmt in _TEXT_FORMATS:
        from dfengine.datasource.compression import compress

        with open(path, "wb") as fh:
            fh.write(compress(_TEXT_FORMATS[fmt](table, schema, options),
                              options.get("compression")))
    elif fmt in WRITERS:  # orc, avro
        WRITERS[fmt](table, path, options)
    else:
        raise AnalysisException(f"Unsupported data source format '{fmt}' for writing. Use "
                                "parquet, csv, json or text.", "UNSUPPORTED_DATA_SOURCE")


def _text_bytes(table: pa.Table, schema: T.StructType, options: dict[str, str]) -> bytes:
    from dfengine.datasource.formats import text_bytes

    return text_bytes(table, options)


_TEXT_FORMATS = {"csv": csv_bytes, "json": json_bytes, "text": _text_bytes}


def _check_partition_columns(columns: list[str], partition_by: list[str]) -> None:
    for c in partition_by:
        if c not in columns:
            raise AnalysisException(f"Partition column `{c}` not found in schema "
                                    f"[{', '.join(columns)}].", "COLUMN_NOT_FOUND")
    if partition_by and {c.lower() for c in columns} <= {c.lower() for c in partition_by}:
        raise AnalysisException(
            "Cannot use all columns for partition columns: the files would hold no data "
            "column. Leave at least one column out of partitionBy.",
            "ALL_PARTITION_COLUMNS_NOT_ALLOWED")


# Spark's compression codecs per format (parquet's ParquetOptions, the text formats'
# CompressionCodecs): a name outside them fails before any file is written
_CODECS = {"parquet": ("brotli", "uncompressed", "lzo", "snappy", "lz4_raw", "none", "zstd",
                       "lz4", "gzip"),
           "text": ("bzip2", "deflate", "uncompressed", "snappy", "none", "lz4", "gzip",
                    "zstd")}


def _check_codec(fmt: str, codec: str | None) -> None:
    known = _CODECS.get("text" if fmt in ("csv", "json", "text") else fmt)
    if codec is None or known is None or codec.lower() in known:
        return
    raise IllegalArgumentException(
        f"The codec {codec} is not available. Available codecs are {', '.join(known)}.",
        "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION")


def write_files(df: DataFrame, path: str, fmt: str, mode: str, options: dict[str, str],
                partition_by: list[str]) -> None:
    check_supported(fmt)
    if fmt not in _FORMATS:
        raise AnalysisException(f"Unsupported data source format '{fmt}'. Use parquet, csv, "
                                "json, text, orc or avro.", "UNSUPPORTED_DATA_SOURCE")
    _check_partition_columns(df.columns, partition_by)
    _check_codec(fmt, options.get("compression"))
    if fmt in _TEXT_FORMATS:  # refused here, before any task runs
        write_extension(options.get("compression"))
    _per_file(pa.table({}), options)
    check_writable(df.schema, fmt)
    options = {"timezone": df.sparkSession.conf.get("spark.sql.session.timeZone", "UTC"),
               **options}
    exists = os.path.exists(path)
    if exists and mode == "errorifexists":
        raise AnalysisException(
            f"[PATH_ALREADY_EXISTS] Path file:{os.path.abspath(path)} already exists. Set mode "
            "as \"overwrite\" to overwrite the existing path.", "PATH_ALREADY_EXISTS")
    if exists and mode == "ignore":
        return
    from dfengine.datasource import commit

    job = uuid.uuid4().hex
    staging = commit.staging_dir(path)
    qe = df._qe()
    b = qe.new_builder()
    tasks = qe.physical.lower(b)
    names = df.columns
    keys = [a.key for a in qe.physical.output]
    fn_args = (fmt, staging)
    write_tasks = [(partial(_write_part, *fn_args, i, job, options, partition_by, names,
                            df.schema), (partial(_select_keys, keys), t))
                   for i, t in enumerate(tasks)]
    out_keys = b.emit("write", write_tasks)
    try:
        from dfengine.execution.query_execution import run_graph

        run_graph(df.sparkSession, b.graph, out_keys, f"save at {os.path.basename(path)}")
        keep = len(partition_by) if mode == "overwrite" and _dynamic_overwrite(
            df.sparkSession, options) else 0
        commit.commit(staging, path, append=exists and mode == "append", keep_partitions=keep)
    finally:
        commit.abort(staging)  # nothing left after a commit; the partial files after a failure


def _dynamic_overwrite(session: SparkSession, options: dict[str, str]) -> bool:
    """partitionOverwriteMode=dynamic (writer option first, then the session conf): an
    overwrite replaces only the partitions present in the new data, as Spark does."""
    mode = options.get("partitionoverwritemode") or session.conf.get(
        "spark.sql.sources.partitionOverwriteMode", "static")
    return str(mode).lower() == "dynamic"


def check_writable(schema: T.StructType, fmt: str) -> None:
    """What Spark refuses before writing a file: two columns of one name (case-insensitive)
    and, for CSV, columns of nested types."""
    seen: set[str] = set()
    for f in schema.fields:
        if f.name.lower() in seen:
            raise AnalysisException(
                f"The column `{f.name}` already exists. Choose another name or rename the "
                "existing column (e.g. with withColumnRenamed) before writing.",
                "COLUMN_ALREADY_EXISTS")
        seen.add(f.name.lower())
        if fmt == "csv" and isinstance(f.dataType, (T.ArrayType, T.MapType, T.StructType)):
            raise AnalysisException(
                f"The CSV datasource doesn't support the column `{f.name}` of the type "
                f"\"{f.dataType.simpleString().upper()}\". Write it as JSON or parquet, or "
                "turn it into a string first (F.to_json).", "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE")
        if isinstance(f.dataType, T.CalendarIntervalType):  # no file format stores one
            raise AnalysisException(
                f"The {fmt.capitalize()} datasource doesn't support the column `{f.name}` of the "
                'type "INTERVAL". Cast it to a string first.',
                "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE")


def _select_keys(keys: list[str], table: pa.Table) -> pa.Table:
    return table.select(keys) if keys else table


def file_scan(session: SparkSession, fmt: str, paths: list[str], options: dict[str, str],
              schema: T.StructType | None) -> L.LogicalPlan:
    from dfengine.datasource.scan import discover, partition_schema

    check_supported(fmt)
    if fmt not in ("parquet", "csv", "json", "text", *READERS):
        raise _unknown_format(fmt)
    from dfengine.datasource.file_options import keep_files

    recursive = options.get("recursivefilelookup", "false").lower() == "true"
    files = keep_files(discover(paths, fmt, recursive, options.get("basepath")), fmt, options,
                       session.conf)
    from dfengine.datasource.sink_log import is_sink_output

    if any(is_sink_output(p) for p in paths):
        from dfengine.sql.streaming.sinks import only_committed

        files = only_committed(paths, files)
    data = [f for f in files if not _zero_length(f.path)]
    typed = str(session.conf.get("spark.sql.sources.partitionColumnTypeInference.enabled",
                                 "true")).lower() != "false"
    if schema is None:
        schema = _inferred(fmt, files, data, options, typed)
    else:
        have = set(schema.names)
        schema = T.StructType(list(schema.fields) + [f for f in partition_schema(files, typed)
                                                     if f.name not in have])
    attrs = tuple(E.AttributeReference(f.name, f.dataType, True) for f in schema.fields)
    from dfengine.sql.attribute_metadata import register_schema

    register_schema(attrs, schema)
    return L.FileScan(fmt, tuple(paths), attrs, tuple(sorted(options.items())),
                      tuple(f.name for f in partition_schema(files)), None, (),
                      L.new_source_id(), FileList(fmt, data))


def _zero_length(path: str) -> bool:
    try:
        return os.path.getsize(path) == 0
    except OSError:
        return False


def _inferred(fmt: str, files: list, data: list, options: dict[str, str],
              typed_partitions: bool = True) -> T.StructType:
    """Zero-length files hold no rows and no schema, as in Spark (its scan skips them): empty
    parquet files leave nothing to infer from, empty CSV/JSON files give no columns."""
    from dfengine.datasource.scan import infer_schema, partition_schema

    if fmt == "text":
        return infer_schema(fmt, files, options, typed_partitions)
    if files and not data and fmt in ("csv", "json"):
        return T.StructType(partition_schema(files, typed_partitions))
    return infer_schema(fmt, data, options, typed_partitions)


def _unknown_format(fmt: str) -> AnalysisException:
    return AnalysisException(f"Unsupported data source format '{fmt}'. Use parquet, csv, json, "
                             "text, orc, avro or binaryFile, or register a Python data source "
                             "with spark.dataSource.register.", "UNSUPPORTED_DATA_SOURCE")


class FileList(list):
    """The discovered files of a scan, with its parquet pieces computed once."""

    def __init__(self, fmt: str, files: list, listed: bool = True) -> None:
        super().__init__(files)
        self.fmt = fmt
        self._pieces: list | None = None
        # False for a catalog table's files until its first action lists them again
        self.listed = listed

    def replace(self, files: list) -> None:
        self[:] = files
        self._pieces = None

    def pieces(self) -> list:
        if self._pieces is None:
            from dfengine.datasource.scan import plan_pieces

            self._pieces = plan_pieces(self.fmt, list(self))
        return self._pieces


def _is_rdd(value: Any) -> bool:
    return hasattr(value, "mapPartitions") and hasattr(value, "collect")


def _text_input(path: Any, fmt: str) -> Any:
    """What `spark.read.json(path)` / `.csv(path)` load: paths as given; an RDD of strings
    or a DataFrame of one string column as a file of those lines."""
    from dfengine.sql.dataframe import DataFrame

    if isinstance(path, DataFrame):
        return _strings_file(_dataframe_lines(path, fmt), fmt)
    return _strings_file(path, fmt) if _is_rdd(path) else path


def _dataframe_lines(df: Any, fmt: str) -> list[str]:
    """The records of a DataFrame given to json()/csv(): its single string column, as
    PySpark's jsonFromDataFrame/csvFromDataFrame. A NULL is a record of NULLs to json (`{}`)
    and no record to csv, as there."""
    fields = df.schema.fields
    if len(fields) != 1:
        raise AnalysisException(
            f"Input DataFrame must have exactly one column, but got {len(fields)}. Select the "
            f"column of {fmt.upper()} strings first.", "DATAFRAME_INPUT_NOT_SINGLE_COLUMN")
    dt = fields[0].dataType
    if not isinstance(dt, T.StringType):
        raise AnalysisException(
            f"Input DataFrame column must be StringType, but got \"{dt.simpleString().upper()}\"."
            " Cast it to string first.", "DATAFRAME_INPUT_NOT_STRING_TYPE")
    values = [r[0] for r in df.collect()]
    if fmt == "json":  # one record a string: a valid document's line breaks are whitespace
        return ["{}" if v is None else " ".join(v.splitlines()) for v in values]
    return [v for v in values if v is not None]


def _strings_file(rdd: Any, fmt: str) -> str:
    """`spark.read.json(rdd_of_strings)` / `.csv(rdd)`, as PySpark: the strings are the
    lines of a file, read with the same parser, modes and inference as files are. They are
    written once to a process-private directory removed at exit. (`rdd` may be a list.)"""
    import atexit
    import shutil
    import tempfile

    global _RDD_DIR
    if _RDD_DIR is None:
        _RDD_DIR = tempfile.mkdtemp(prefix="dfengine-rdd-input-")
        atexit.register(shutil.rmtree, _RDD_DIR, True)
    path = os.path.join(_RDD_DIR, f"{len(os.listdir(_RDD_DIR))}.{fmt}")
    with open(path, "w", encoding="utf-8") as out:
        for line in rdd if isinstance(rdd, list) else rdd.collect():
            if not isinstance(line, str):
                raise PySparkTypeError(
                    f"spark.read.{fmt}(rdd) needs an RDD of strings (one record per string), "
                    f"got an element of type {type(line).__name__}.",
                    "NOT_STR", parameters={"arg_name": "path"})
            out.write(line.rstrip("\n") + "\n")
    return path


_RDD_DIR: str | None = None
