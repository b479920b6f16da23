"""Python data sources, as `pyspark.sql.datasource`: subclass `DataSource`, register it with
`spark.dataSource.register(MySource)`, then `spark.read.format(MySource.name())...load()` and
`df.write.format(MySource.name()).mode("append"|"overwrite").save()`.

A read calls `reader(schema).partitions()` on the driver and `read(partition)` in one Dask task
per `InputPartition` (rows as tuples/Rows, or pyarrow RecordBatches), through the delayed
relation that JDBC and RDD reads use. A write calls `writer(schema, overwrite).write(rows)` in
one task per partition of the DataFrame and `commit(messages)` on the driver, or
`abort(messages)` (None for each failed task) when a task failed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import UserDict
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import (
    AnalysisException,
    PySparkNotImplementedError,
    PySparkRuntimeError,
    PySparkTypeError,
)

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession

__all__ = [
    "DataSource", "DataSourceReader", "DataSourceStreamReader", "SimpleDataSourceStreamReader",
    "DataSourceWriter", "DataSourceArrowWriter", "DataSourceStreamWriter", "DataSourceRegistration",
    "InputPartition", "WriterCommitMessage", "CaseInsensitiveDict",
]


def _not_implemented(feature: str) -> PySparkNotImplementedError:
    return PySparkNotImplementedError(f"{feature} is not implemented.", "NOT_IMPLEMENTED",
                                      parameters={"feature": feature})


class DataSource(ABC):  # noqa: B024 (abstract as PySpark's)
    """A custom data source: `options` are the case-insensitive `.option(...)`s of the read
    or write."""

    def __init__(self, options: Any) -> None:
        self.options = options

    @classmethod
    def name(cls) -> str:
        return cls.__name__

    def schema(self) -> T.StructType | str:
        raise _not_implemented("schema")

    def reader(self, schema: T.StructType) -> DataSourceReader:
        raise _not_implemented("reader")

    def writer(self, schema: T.StructType, overwrite: bool) -> DataSourceWriter:
        raise _not_implemented("writer")

    def streamWriter(self, schema: T.StructType, overwrite: bool) -> DataSourceStreamWriter:
        raise _not_implemented("streamWriter")

    def simpleStreamReader(self, schema: T.StructType) -> SimpleDataSourceStreamReader:
        raise _not_implemented("simpleStreamReader")

    def streamReader(self, schema: T.StructType) -> DataSourceStreamReader:
        raise _not_implemented("streamReader")


class InputPartition:
    """One split of a read; `value` is whatever the reader needs. Must be picklable."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        attrs = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({attrs})"


class DataSourceReader(ABC):
    def pushFilters(self, filters: list) -> Any:
        return filters

    def partitions(self) -> list[InputPartition]:
        return [InputPartition(None)]

    @abstractmethod
    def read(self, partition: InputPartition) -> Iterator[Any]:
        ...


class DataSourceStreamReader(ABC):
    def initialOffset(self) -> dict:
        raise _not_implemented("initialOffset")

    def latestOffset(self, *args: Any) -> dict:
        raise _not_implemented("latestOffset")

    def partitions(self, start: dict, end: dict) -> list[InputPartition]:
        raise _not_implemented("partitions")

    @abstractmethod
    def read(self, partition: InputPartition) -> Iterator[Any]:
        ...

    def commit(self, end: dict) -> None:
        return None

    def stop(self) -> None:
        return None


class SimpleDataSourceStreamReader(ABC):  # noqa: B024
    def initialOffset(self) -> dict:
        raise _not_implemented("initialOffset")

    def read(self, start: dict) -> tuple[Iterator[tuple], dict]:
        raise _not_implemented("read")

    def readBetweenOffsets(self, start: dict, end: dict) -> Iterator[tuple]:
        raise _not_implemented("readBetweenOffsets")

    def commit(self, end: dict) -> None:
        return None


class WriterCommitMessage:
    """What `DataSourceWriter.write` returns to the driver. Must be picklable."""


class DataSourceWriter(ABC):
    @abstractmethod
    def write(self, iterator: Iterator[Any]) -> WriterCommitMessage:
        ...

    def commit(self, messages: list[WriterCommitMessage | None]) -> None:
        return None

    def abort(self, messages: list[WriterCommitMessage | None]) -> None:
        return None


class DataSourceArrowWriter(DataSourceWriter):
    """A writer whose `write` takes an iterator of pyarrow RecordBatches instead of Rows."""


class DataSourceStreamWriter(ABC):
    @abstractmethod
    def write(self, iterator: Iterator[Any]) -> WriterCommitMessage:
        ...

    def commit(self, messages: list, batchId: int) -> None:
        return None

    def abort(self, messages: list, batchId: int) -> None:
        return None


class CaseInsensitiveDict(UserDict):
    """The options given to a data source: keys compare case-insensitively."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.update(*args, **kwargs)

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.lower())

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())

    def copy(self) -> CaseInsensitiveDict:
        return type(self)(self)


class DataSourceRegistration:
    """`spark.dataSource`: the session's registry of Python data sources."""

    def __init__(self, sparkSession: SparkSession) -> None:
        self.sparkSession = sparkSession

    def register(self, dataSource: type) -> None:
        if not (isinstance(dataSource, type) and callable(getattr(dataSource, "name", None))):
            raise PySparkTypeError(
                f"Expected a subclass of DataSource, got {type(dataSource).__name__}",
                "DATA_SOURCE_TYPE_MISMATCH")
        registry_of(self.sparkSession)[dataSource.name().lower()] = dataSource


def registry_of(session: Any) -> dict[str, type]:
    reg = getattr(session, "_python_data_sources", None)
    if reg is None:
        reg = session._python_data_sources = {}
    return reg


def lookup(session: Any, fmt: str) -> type | None:
    reg = getattr(session, "_python_data_sources", None)
    return reg.get(fmt.lower()) if reg else None


# ------------------------------------------------------------------------------------ read


def _source_schema(source: Any, given: T.StructType | None) -> T.StructType:
    if given is not None:
        return given
    schema = source.schema()
    if isinstance(schema, str):
        schema = T._parse_datatype_string(schema)
    if not isinstance(schema, T.StructType):
        raise PySparkTypeError(f"Expected a StructType or a DDL string as the schema of data "
                               f"source '{source.name()}', got {type(schema).__name__}",
                               "DATA_SOURCE_TYPE_MISMATCH")
    return schema


def _partitions(reader: Any) -> list:
    try:
        parts = reader.partitions()
    except NotImplementedError:
        return [None]
    if not isinstance(parts, list):
        raise PySparkRuntimeError(f"Expected 'partitions' to return a list, but got "
                                  f"'{type(parts).__name__}'", "DATA_SOURCE_TYPE_MISMATCH")
    return parts or []


def read_python_source(session: SparkSession, cls: type, options: dict[str, str],
                       schema: T.StructType | None) -> DataFrame:
    import dask

    source = cls(CaseInsensitiveDict(options))
    schema = _source_schema(source, schema)
    reader = source.reader(schema)
    parts = _partitions(reader)
    run = partial(read_partition, reader, schema, cls.name())
    tasks = [dask.delayed(run, pure=False)(p) for p in parts]
    if not tasks:
        tasks = [dask.delayed(_empty, pure=True)(schema)]
    return session._from_delayed(tasks, schema, f"PythonDataSource({cls.name()})")


def _empty(schema: T.StructType) -> pa.Table:
    return T.to_arrow_schema(schema).empty_table()


def _mismatch(expected: Any, actual: Any, source: str) -> PySparkRuntimeError:
    return PySparkRuntimeError(
        f"Return schema mismatch in the result from 'read' method. Expected: {expected} "
        f"columns, Found: {actual} columns. Make sure the returned values match the required "
        f"output schema. (Python data source '{source}')", "DATA_SOURCE_RETURN_SCHEMA_MISMATCH",
        parameters={"expected": str(expected), "actual": str(actual)})


def _check_row(row: Any, names: list[str], source: str) -> Any:
    if hasattr(row, "__fields__") and isinstance(row, tuple):
        if set(row.__fields__) != set(names):
            raise _mismatch(names, list(row.__fields__), source)
        return tuple(row[n] for n in names)
    if not isinstance(row, (list, tuple)):
        raise PySparkRuntimeError(
            f"Unsupported return type ('{type(row).__name__}') from Python data source "
            f"'{source}'. Expected types: tuple, list, `pyspark.sql.types.Row`, "
            "`pyarrow.RecordBatch`.", "DATA_SOURCE_INVALID_RETURN_TYPE",
            parameters={"type": type(row).__name__, "name": source})
    if len(row) != len(names):
        raise _mismatch(len(names), len(row), source)
    return row


def _batches_table(batches: list, schema: T.StructType, source: str) -> pa.Table:
    target = T.to_arrow_schema(schema)
    for b in batches:
        if b.num_columns != len(target):
            raise _mismatch(len(target), b.num_columns, source)
        if set(b.schema.names) != set(target.names):
            raise _mismatch(target.names, b.schema.names, source)
    tables = [pa.Table.from_batches([b]).select(target.names).cast(target) for b in batches]
    return pa.concat_tables(tables) if tables else target.empty_table()


def read_partition(reader: Any, schema: T.StructType, source: str, partition: Any) -> pa.Table:
    """One Dask task: the rows `reader.read(partition)` yields, as an Arrow table."""
    from dfengine.sql.rows import rows_to_arrow

    out = reader.read(partition)
    if not isinstance(out, Iterator):
        raise PySparkRuntimeError(
            f"Unsupported return type ('{type(out).__name__}') from Python data source "
            f"'{source}'. Expected types: iterator.", "DATA_SOURCE_INVALID_RETURN_TYPE",
            parameters={"type": type(out).__name__, "name": source})
    items = list(out)
    if items and isinstance(items[0], pa.RecordBatch):
        return _batches_table(items, schema, source)
    rows = [_check_row(r, schema.names, source) for r in items]
    return rows_to_arrow(rows, schema) if rows else _empty(schema)


# ----------------------------------------------------------------------------------- write


def _write_mode(source: str, mode: str) -> bool:
    if mode in ("append", "overwrite"):
        return mode == "overwrite"
    shown = {"errorifexists": "ErrorIfExists", "ignore": "Ignore"}[mode]
    raise AnalysisException(
        f"The data source \"{source}\" cannot be written in the {shown} mode. Please use "
        "either the \"Append\" or \"Overwrite\" mode instead.",
        "UNSUPPORTED_DATA_SOURCE_SAVE_MODE", parameters={"source": source, "createMode": shown})


def write_python_source(df: DataFrame, cls: type, options: dict[str, str], mode: str) -> None:
    source = cls(CaseInsensitiveDict(options))
    overwrite = _write_mode(cls.name(), mode)
    writer = source.writer(df.schema, overwrite)
    client = df.sparkSession._runtime.client
    run = partial(write_partition, writer, df.schema)
    results = client.gather(client.map(run, client.compute(df._to_delayed()), pure=False))
    messages = [m for ok, m in results if ok]
    failed = [e for ok, e in results if not ok]
    if failed:
        writer.abort([m if ok else None for ok, m in results])
        raise failed[0]
    writer.commit(messages)


def write_partition(writer: Any, schema: T.StructType, table: pa.Table) -> tuple[bool, Any]:
    """One Dask task: `writer.write` over the partition's rows; its commit message, or the
    error it raised (the driver then aborts with None in its place)."""
    from dfengine.sql.rows import arrow_to_rows

    try:
        if any(c.__name__ == "DataSourceArrowWriter" for c in type(writer).__mro__):
            return True, writer.write(iter(table.to_batches()))
        return True, writer.write(iter(arrow_to_rows(table, schema)))
    except Exception as e:  # noqa: BLE001 (handed to the driver, which aborts and re-raises)
        return False, e
