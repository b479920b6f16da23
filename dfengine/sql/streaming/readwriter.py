"""`spark.readStream` (DataStreamReader) and `df.writeStream` (DataStreamWriter)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any

from dfengine.sql.streaming import _adapter as A
from dfengine.sql.streaming import sinks as S
from dfengine.sql.streaming import sources as src
from dfengine.sql.streaming.manager import manager_for
from dfengine.sql.streaming.query import StreamingQuery, Trigger
from dfengine.sql.streaming.window import parse_interval_us

_FILE_FORMATS = ("parquet", "csv", "json", "text")


def _opt(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


class DataStreamReader:
    def __init__(self, session: Any):
        self._session = session
        self._format = "parquet"
        self._options: dict[str, str] = {}
        self._schema: Any = None

    def format(self, source: str) -> DataStreamReader:
        self._format = source.lower()
        return self

    def option(self, key: str, value: Any) -> DataStreamReader:
        if value is not None:
            self._options[key.lower()] = _opt(value)
        return self

    def options(self, **opts: Any) -> DataStreamReader:
        for k, v in opts.items():
            self.option(k, v)
        return self

    def schema(self, schema: Any) -> DataStreamReader:
        self._schema = A.parse_schema(schema)
        return self

    def load(self, path: str | None = None, format: str | None = None, schema: Any = None,
             **options: Any) -> Any:
        if format:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        fmt = self._format
        if fmt in _FILE_FORMATS:
            return self._files(path or self._options.get("path"))
        spec = {"rate": src.RateSourceSpec, "rate-micro-batch": src.RateMicroBatchSpec,
                "socket": src.SocketSourceSpec}.get(fmt)
        if spec is None:
            raise A.AnalysisException(
                f"Data source {fmt} does not support streamed reading. Use parquet, csv, "
                "json, text, rate, rate-micro-batch or socket.", "UNSUPPORTED_DATA_SOURCE")
        s = spec(self._options)
        return A.streaming_dataframe(self._session, s, s.schema)

    def _files(self, path: Any) -> Any:
        if path is None:
            raise A.IllegalArgumentException("'path' is not specified", "MISSING_PATH")
        path = os.fspath(path)
        schema = self._schema
        if self._format == "text":
            schema = A.parse_schema("value string")
        if schema is None:
            files = [p for _, p in src.list_files(path)]
            if not files:
                raise A.IllegalArgumentException(
                    "Schema must be specified when creating a streaming source DataFrame. If "
                    "some files already exist in the directory, then depending on the file "
                    "format you may be able to create a static DataFrame on that directory "
                    "with 'spark.read.load(directory)' and infer schema from it.",
                    "MISSING_SCHEMA")
            schema = A.infer_file_schema(self._format, files, self._options)
        spec = src.FileSourceSpec(self._format, path, dict(self._options), schema)
        return A.streaming_dataframe(self._session, spec, schema)

    def parquet(self, path: str, **options: Any) -> Any:
        return self.format("parquet").options(**options).load(path)

    def csv(self, path: str, schema: Any = None, sep: str | None = None, header: Any = None,
            **options: Any) -> Any:
        self.format("csv").option("sep", sep).option("header", header).options(**options)
        return self.load(path, schema=schema)

    def json(self, path: str, schema: Any = None, **options: Any) -> Any:
        return self.format("json").options(**options).load(path, schema=schema)

    def text(self, path: str, **options: Any) -> Any:
        return self.format("text").options(**options).load(path)

    def table(self, tableName: str) -> Any:
        raise A.AnalysisException("readStream.table() needs a streaming table catalog, which "
                                  "dfengine does not have; read files instead.",
                                  "UNSUPPORTED_FEATURE")


class DataStreamWriter:
    def __init__(self, df: Any):
        if not A.is_streaming_plan(A.plan_of(df)):
            raise A.AnalysisException("'writeStream' can be called only on streaming "
                                      "Dataset/DataFrame", "WRITE_STREAM_NOT_ALLOWED")
        self._df = df
        self._format = "memory"
        self._format_set = False
        self._mode = "append"
        self._options: dict[str, str] = {}
        self._partition_by: list[str] = []
        self._name: str | None = None
        self._trigger = Trigger()
        self._foreach_batch: Callable | None = None
        self._foreach: Any = None

    def outputMode(self, outputMode: str) -> DataStreamWriter:
        m = outputMode.lower()
        if m not in ("append", "complete", "update"):
            raise A.IllegalArgumentException(
                f"Invalid streaming output mode: {outputMode}. Accepted output modes are "
                "'Append', 'Complete', 'Update'.", "STREAMING_OUTPUT_MODE.INVALID")
        self._mode = m
        return self

    def format(self, source: str) -> DataStreamWriter:
        self._format, self._format_set = source.lower(), True
        return self

    def option(self, key: str, value: Any) -> DataStreamWriter:
        if value is not None:
            self._options[key.lower()] = _opt(value)
        return self

    def options(self, **opts: Any) -> DataStreamWriter:
        for k, v in opts.items():
            self.option(k, v)
        return self

    def partitionBy(self, *cols: Any) -> DataStreamWriter:
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        self._partition_by = list(cols)
        return self

    def queryName(self, queryName: str) -> DataStreamWriter:
        if not queryName or not isinstance(queryName, str):
            raise A.PySparkValueError("queryName must be a non-empty string",
                                      "VALUE_NOT_NON_EMPTY_STR")
        self._name = queryName
        return self

    def trigger(self, processingTime: str | None = None, once: bool | None = None,
                continuous: str | None = None, availableNow: bool | None = None
                ) -> DataStreamWriter:
        given = [x for x in (processingTime, once, continuous, availableNow) if x is not None]
        if len(given) != 1:
            raise A.PySparkValueError("Only a single trigger is allowed.",
                                      "ONLY_ALLOW_SINGLE_TRIGGER")
        if continuous is not None:
            raise A.UnsupportedOperationException(
                "Continuous processing is not supported by dfengine; use processingTime.",
                "UNSUPPORTED_FEATURE")
        if processingTime is not None:
            if not isinstance(processingTime, str) or not processingTime.strip():
                raise A.PySparkValueError(
                    f"Argument `processingTime` should be a non-empty string, got "
                    f"{processingTime!r}.", "VALUE_NOT_NON_EMPTY_STR")
            secs = parse_interval_us(processingTime) / 1e6
            if secs < 0:
                raise A.IllegalArgumentException(
                    "requirement failed: the interval of trigger should not be negative "
                    f"(got '{processingTime}'); use a positive interval such as '10 seconds'.")
            self._trigger = Trigger("processingTime", secs)
        elif once is not None or availableNow is not None:
            if (once if once is not None else availableNow) is not True:
                name = "once" if once is not None else "availableNow"
                raise A.PySparkValueError(
                    f"Value for `{name}` has to be amongst the following values: [True] (got "
                    f"{given[0]!r}).", "VALUE_NOT_ALLOWED")
            self._trigger = Trigger("once" if once is not None else "availableNow")
        return self

    def foreach(self, f: Any) -> DataStreamWriter:
        self._foreach = f
        return self.format("foreach")

    def foreachBatch(self, func: Callable[[Any, int], Any]) -> DataStreamWriter:
        self._foreach_batch = func
        return self.format("foreachBatch")

    # ------------------------------------------------------------------------ start

    def _sink(self, session: Any, path: str | None) -> Any:
        # like Spark, start(path) without format() writes spark.sql.sources.default (parquet)
        fmt = self._format if self._format_set or path is None else session.conf.get(
            "spark.sql.sources.default", "parquet")
        if fmt in _FILE_FORMATS:
            if path is None:
                raise A.IllegalArgumentException("'path' is not specified", "MISSING_PATH")
            return S.FileSink(path, fmt, dict(self._options), self._partition_by)
        if fmt == "memory":
            if not self._name:
                raise A.AnalysisException("queryName must be specified for memory sink",
                                          "MISSING_QUERY_NAME")
            return S.MemorySink(session, self._name, self._df.schema)
        if fmt == "console":
            return S.ConsoleSink(self._options)
        self._format = fmt
        if fmt == "foreachbatch":
            return S.ForeachBatchSink(self._foreach_batch)
        if fmt == "foreach":
            return S.ForeachSink(self._foreach)
        if fmt == "noop":
            return S.ForeachBatchSink(lambda df, b: None)
        raise A.AnalysisException(
            f"Data source {fmt} does not support streamed writing. Use parquet, csv, json, "
            "text, memory, console, foreach, foreachBatch or noop.", "UNSUPPORTED_DATA_SOURCE")

    def _checkpoint(self, session: Any) -> str:
        loc = self._options.get("checkpointlocation")
        if loc:
            return loc
        root = session.conf.get("spark.sql.streaming.checkpointLocation", None)
        if root and self._name:
            return os.path.join(root, self._name)
        if self._format in _FILE_FORMATS:
            raise A.AnalysisException(
                "checkpointLocation must be specified either through option("
                "\"checkpointLocation\", ...) or SparkSession.conf.set(\"spark.sql.streaming."
                "checkpointLocation\", ...)", "CHECKPOINT_LOCATION_NOT_SPECIFIED")
        return tempfile.mkdtemp(prefix="dfengine-stream-checkpoint-")

    def start(self, path: str | None = None, format: str | None = None,
              outputMode: str | None = None, partitionBy: Any = None,
              queryName: str | None = None, **options: Any) -> StreamingQuery:
        if format:
            self.format(format)
        if outputMode:
            self.outputMode(outputMode)
        if partitionBy:
            self.partitionBy(partitionBy)
        if queryName:
            self.queryName(queryName)
        self.options(**options)
        session = A.session_of(self._df)
        sink = self._sink(session, path or self._options.get("path"))
        if self._mode == "complete" and not sink.supports_complete:
            raise A.AnalysisException(
                f"Data source {self._format} does not support Complete output mode.",
                "STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE")
        query = StreamingQuery(session, A.plan_of(self._df), sink, self._mode, self._trigger,
                               self._checkpoint(session), self._name, manager_for(session))
        return query._start()

    def toTable(self, tableName: str, format: str | None = None,
                outputMode: str | None = None, partitionBy: Any = None,
                queryName: str | None = None, **options: Any) -> StreamingQuery:
        """Writes into an in-memory table queryable under `tableName` (dfengine has no
        persistent catalog)."""
        self._name = self._name or tableName
        return self.start(format="memory", outputMode=outputMode, queryName=queryName,
                          **options)
