"""Streaming sources: files in a directory, rate, rate-micro-batch, socket, and MemoryStream.

A *spec* describes a source (what `spark.readStream...load()` returned); each query opens its
own *instance* of it with a directory in the query's checkpoint. An instance answers three
questions, as Spark's `Source` does: the latest offset (`latest`), the rows between two
offsets (`batch`, as a plan leaf), and "everything up to here is committed" (`commit`).
Offsets are small JSON values written in the checkpoint's offset log.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import socket
import threading
import time
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.sql.streaming import _adapter as A
from dfengine.sql.streaming.checkpoint import MetadataLog, atomic_write

_HIDDEN = ("_", ".")


def _flag(options: dict[str, str], key: str, default: bool = False) -> bool:
    return str(options.get(key.lower(), default)).lower() == "true"


class SourceInstance:
    description = "source"

    def initial(self) -> Any:
        return None

    def latest(self, start: Any, limited: bool) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def batch(self, start: Any, end: Any, attrs: tuple) -> tuple[Any, int | None]:
        raise NotImplementedError  # pragma: no cover - interface

    def commit(self, end: Any) -> None:
        return None

    def prepare_available_now(self) -> None:
        return None

    def stop(self) -> None:
        return None


# ------------------------------------------------------------------------------ files

class FileSourceSpec:
    def __init__(self, fmt: str, path: str, options: dict[str, str], schema: Any):
        self.fmt, self.path, self.options, self.schema = fmt, path, options, schema

    def open(self, session: Any, meta_dir: str) -> FileSource:
        return FileSource(self, session, meta_dir)


def list_files(path: str) -> list[tuple[float, str]]:
    """(mtime, path) of the data files under `path` (a directory, file or glob)."""
    roots = sorted(glob.glob(path)) if any(c in path for c in "*?[") else [path]
    out = []
    for root in roots:
        if os.path.isfile(root):
            out.append((os.path.getmtime(root), os.path.abspath(root)))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(_HIDDEN))
            for f in filenames:
                if f.startswith(_HIDDEN) or f.endswith(".crc"):
                    continue
                p = os.path.join(dirpath, f)
                try:
                    out.append((os.path.getmtime(p), os.path.abspath(p)))
                except FileNotFoundError:  # removed while listing
                    continue
    return out


class FileSource(SourceInstance):
    """Files appearing in a directory; offset = {"logOffset": n}, where the checkpoint's
    `sources/<i>/<n>` lists the files first seen in batch n (Spark's FileStreamSource)."""

    def __init__(self, spec: FileSourceSpec, session: Any, meta_dir: str):
        self.spec, self.session = spec, session
        self.log = MetadataLog(meta_dir)
        self.description = f"FileStreamSource[file:{os.path.abspath(spec.path)}]"
        opts = spec.options
        self.max_files = int(opts["maxfilespertrigger"]) if "maxfilespertrigger" in opts else None
        self.latest_first = _flag(opts, "latestFirst")
        self.clean = opts.get("cleansource", "off").lower()
        self.archive = opts.get("sourcearchivedir")
        if self.clean == "archive" and not self.archive:
            raise A.IllegalArgumentException(
                "cleanSource=archive needs the option sourceArchiveDir", "MISSING_OPTION")
        self.seen: set[str] = set()
        for i in self.log.ids():
            self.seen.update(self._files(i))
        self.available_now: set[str] | None = None

    def _files(self, log_id: int) -> list[str]:
        lines = self.log.get(log_id) or []
        return [json.loads(x)["path"] for x in lines[1:] if x]

    def initial(self) -> Any:
        return {"logOffset": -1}

    def prepare_available_now(self) -> None:
        self.available_now = {p for _, p in list_files(self.spec.path)}

    def latest(self, start: Any, limited: bool) -> Any:
        found = [(t, p) for t, p in list_files(self.spec.path) if p not in self.seen]
        if self.available_now is not None:
            found = [(t, p) for t, p in found if p in self.available_now]
        latest = self.log.latest()
        latest = -1 if latest is None else latest
        if not found:
            return {"logOffset": latest}
        found.sort(reverse=self.latest_first)
        if limited and self.max_files:
            found = found[: self.max_files]
        lines = ["v1"] + [json.dumps({"path": p, "timestamp": int(t * 1000), "batchId":
                                      latest + 1}) for t, p in found]
        self.log.add(latest + 1, lines)
        self.seen.update(p for _, p in found)
        return {"logOffset": latest + 1}

    def batch(self, start: Any, end: Any, attrs: tuple) -> tuple[Any, int | None]:
        files = [f for i in range(start["logOffset"] + 1, end["logOffset"] + 1)
                 for f in self._files(i)]
        spec = self.spec
        plan = A.file_relation(self.session, spec.fmt, files, spec.options, spec.schema, attrs)
        return plan, _count_rows(spec.fmt, files, spec.options)

    def commit(self, end: Any) -> None:
        if self.clean not in ("delete", "archive"):
            return
        for i in range(0, end["logOffset"] + 1):
            for f in self._files(i):
                if not os.path.exists(f):
                    continue
                if self.clean == "delete":
                    os.remove(f)
                else:
                    target = os.path.join(self.archive, f.lstrip(os.sep))
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    shutil.move(f, target)


def _count_rows(fmt: str, files: list[str], options: dict[str, str]) -> int | None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    header = 1 if fmt == "csv" and _flag(options, "header") else 0
    if _flag(options, "multiLine"):
        return None
    total = 0
    for f in files:
        with open(f, "rb") as fh:
            total += max(0, sum(1 for line in fh if line.strip()) - header)
    return total


# ------------------------------------------------------------------------------- rate

RATE_SCHEMA = "timestamp timestamp, value bigint"


def _rate_table(first: int, last: int, start_ms: int, ms_per_row: float) -> pa.Table:
    values = np.arange(first, last, dtype=np.int64)
    micros = (start_ms * 1000 + (values * ms_per_row * 1000)).astype(np.int64)
    return pa.table({"timestamp": pa.array(micros, pa.timestamp("us")),
                     "value": pa.array(values, pa.int64())})


class RateSourceSpec:
    """`rate`: rowsPerSecond rows per second of wall time, values 0, 1, 2, ..."""

    def __init__(self, options: dict[str, str]):
        self.rows_per_second = int(options.get("rowspersecond", 1))
        if self.rows_per_second <= 0:
            raise A.IllegalArgumentException(
                f"Invalid value '{self.rows_per_second}'. The option 'rowsPerSecond' must be "
                "positive", "INVALID_OPTION")
        self.schema = A.parse_schema(RATE_SCHEMA)

    def open(self, session: Any, meta_dir: str) -> RateSource:
        return RateSource(self, session, meta_dir)


class RateSource(SourceInstance):
    def __init__(self, spec: RateSourceSpec, session: Any, meta_dir: str):
        self.spec, self.session = spec, session
        self.description = f"RateStreamV2[rowsPerSecond={spec.rows_per_second}]"
        start_file = os.path.join(meta_dir, "startTimeMs")
        if not os.path.exists(start_file):
            atomic_write(start_file, str(int(time.time() * 1000)))
        with open(start_file) as fh:
            self.start_ms = int(fh.read())
        self.cap: int | None = None

    def initial(self) -> Any:
        return 0

    def _now_rows(self) -> int:
        return int((time.time() * 1000 - self.start_ms) * self.spec.rows_per_second / 1000)

    def prepare_available_now(self) -> None:
        self.cap = self._now_rows()

    def latest(self, start: Any, limited: bool) -> Any:
        return max(start, self.cap if self.cap is not None else self._now_rows())

    def batch(self, start: Any, end: Any, attrs: tuple) -> tuple[Any, int | None]:
        table = _rate_table(start, end, self.start_ms, 1000 / self.spec.rows_per_second)
        return A.table_relation(self.session, attrs, table), end - start


class RateMicroBatchSpec:
    """`rate-micro-batch`: exactly rowsPerBatch rows per batch, event time advancing by
    advanceMillisPerBatch per batch from startTimestamp (deterministic, for tests)."""

    def __init__(self, options: dict[str, str]):
        if "rowsperbatch" not in options:
            raise A.IllegalArgumentException("rate-micro-batch needs the option rowsPerBatch",
                                             "MISSING_OPTION")
        self.rows = int(options["rowsperbatch"])
        self.start_ms = int(options.get("starttimestamp", 0))
        self.advance = int(options.get("advancemillisperbatch", 1000))
        self.schema = A.parse_schema(RATE_SCHEMA)

    def open(self, session: Any, meta_dir: str) -> RateMicroBatchSource:
        return RateMicroBatchSource(self, session)


class RateMicroBatchSource(SourceInstance):
    def __init__(self, spec: RateMicroBatchSpec, session: Any):
        self.spec, self.session = spec, session
        self.description = f"RateMicroBatchStream[rowsPerBatch={spec.rows}]"
        self.cap: int | None = None

    def initial(self) -> Any:
        return 0

    def prepare_available_now(self) -> None:
        self.cap = None

    def latest(self, start: Any, limited: bool) -> Any:
        return start + 1

    def batch(self, start: Any, end: Any, attrs: tuple) -> tuple[Any, int | None]:
        s = self.spec
        # every row of batch b carries the event time startTimestamp + b * advanceMillis
        tables = [_rate_table(b * s.rows, (b + 1) * s.rows, s.start_ms + b * s.advance, 0)
                  for b in range(start, end)]
        table = pa.concat_tables(tables) if tables else _rate_table(0, 0, 0, 0)
        return A.table_relation(self.session, attrs, table), table.num_rows


# ------------------------------------------------------------------------------ memory

class MemoryStream(SourceInstance):
    """An in-memory source for tests (Spark's `MemoryStream`): `addData` appends one batch
    of rows and returns its offset; `toDF()` is the streaming DataFrame. Its data lives in
    this process only, so a query on it cannot be restarted in another process."""

    def __init__(self, spark: Any, schema: Any):
        self.session = spark
        self.schema = A.parse_schema(schema)
        self._batches: list[pa.Table] = []
        self._lock = threading.Lock()
        self._df = A.streaming_dataframe(spark, self, self.schema)

    def toDF(self) -> Any:
        return self._df

    def addData(self, data: Any) -> int:
        df = self.session.createDataFrame(data, self.schema)
        table = A.conform(df.toArrow(), A.arrow_schema(self.schema))
        with self._lock:
            self._batches.append(table)
            return len(self._batches)

    def open(self, session: Any, meta_dir: str) -> MemoryStream:
        return self

    description = "MemoryStream"

    def initial(self) -> Any:
        return 0

    def latest(self, start: Any, limited: bool) -> Any:
        with self._lock:
            return len(self._batches)

    def batch(self, start: Any, end: Any, attrs: tuple) -> tuple[Any, int | None]:
        with self._lock:
            parts = self._batches[start:end]
        table = pa.concat_tables(parts) if parts else A.arrow_schema(self.schema).empty_table()
        return A.table_relation(self.session, attrs, table), table.num_rows


# ------------------------------------------------------------------------------ socket

class SocketSourceSpec:
    """`socket`: UTF-8 lines read from host:port (not replayable: for tests and demos)."""

    def __init__(self, options: dict[str, str]):
        if "host" not in options or "port" not in options:
            raise A.AnalysisException("Set a host and port to be read from the socket source",
                                      "MISSING_OPTION")
        self.host, self.port = options["host"], int(options["port"])
        self.with_ts = _flag(options, "includeTimestamp")
        self.schema = A.parse_schema(
            "value string, timestamp timestamp" if self.with_ts else "value string")

    def open(self, session: Any, meta_dir: str) -> SocketSource:
        return SocketSource(self, session)


class SocketSource(SourceInstance):
    def __init__(self, spec: SocketSourceSpec, session: Any):
        self.spec, self.session = spec, session
        self.description = f"TextSocketV2[host: {spec.host}, port: {spec.port}]"
        self.lines: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        self._sock = socket.create_connection((spec.host, spec.port))
        self._thread = threading.Thread(target=self._read, daemon=True,
                                        name="dfengine-socket-source")
        self._thread.start()

    def _read(self) -> None:
        with self._sock.makefile("r", encoding="utf-8") as fh:
            for line in fh:
                with self._lock:
                    self.lines.append((line.rstrip("\n"), int(time.time() * 1e6)))

    def initial(self) -> Any:
        return 0

    def latest(self, start: Any, limited: bool) -> Any:
        with self._lock:
            return len(self.lines)

    def batch(self, start: Any, end: Any, attrs: tuple) -> tuple[Any, int | None]:
        with self._lock:
            rows = self.lines[start:end]
        cols = {"value": pa.array([r[0] for r in rows], pa.string())}
        if self.spec.with_ts:
            cols["timestamp"] = pa.array([r[1] for r in rows], pa.timestamp("us"))
        return A.table_relation(self.session, attrs, pa.table(cols)), len(rows)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
