"""Streaming sinks: files (exactly once, through a `_spark_metadata` log), memory, console,
foreach and foreachBatch.

`add_batch(batch_id, table, make_df)` receives each micro-batch's output; `make_df()` turns
it into a batch DataFrame. A batch may arrive twice after a crash (offsets logged, commit
not yet): the file and memory sinks recognise a batch they already committed and skip it.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from dfengine.datasource.sink_log import METADATA_DIR, sink_root
from dfengine.sql.streaming import _adapter as A
from dfengine.sql.streaming.checkpoint import atomic_write

COMPACT_INTERVAL = 10


class Sink:
    description = "sink"
    supports_complete = True

    def add_batch(self, batch_id: int, table: pa.Table, make_df: Callable[[], Any],
                  mode: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


# ------------------------------------------------------------------------------- files

class FileSinkLog:
    """`<path>/_spark_metadata/<batchId>`: the files each committed batch added, one JSON per
    line after `v1`; every COMPACT_INTERVAL-th batch is written as `<batchId>.compact` holding
    all files so far (Spark's FileStreamSinkLog layout, so Spark and dfengine readers both
    read exactly the committed files)."""

    def __init__(self, path: str):
        self.dir = os.path.join(path, METADATA_DIR)
        os.makedirs(self.dir, exist_ok=True)

    def batch_ids(self) -> list[int]:
        ids = []
        for n in os.listdir(self.dir):
            stem = n.removesuffix(".compact")
            if stem.isdigit():
                ids.append(int(stem))
        return sorted(ids)

    def latest(self) -> int:
        ids = self.batch_ids()
        return ids[-1] if ids else -1

    def _read(self, batch_id: int) -> list[dict]:
        for name in (str(batch_id), f"{batch_id}.compact"):
            p = os.path.join(self.dir, name)
            if os.path.exists(p):
                with open(p) as fh:
                    return [json.loads(x) for x in fh.read().split("\n")[1:] if x]
        return []

    def all_entries(self) -> list[dict]:
        ids = self.batch_ids()
        compacts = [i for i in ids if (i + 1) % COMPACT_INTERVAL == 0]
        first = compacts[-1] if compacts else 0
        out = []
        for i in ids:
            if i >= first:
                out.extend(self._read(i))
        return out

    def add(self, batch_id: int, entries: list[dict]) -> None:
        name = str(batch_id)
        if (batch_id + 1) % COMPACT_INTERVAL == 0:
            entries = self.all_entries() + entries
            name += ".compact"
        lines = ["v1"] + [json.dumps(e, separators=(",", ":")) for e in entries]
        atomic_write(os.path.join(self.dir, name), "\n".join(lines))


def _entry(path: str) -> dict:
    st = os.stat(path)
    return {"path": "file://" + os.path.abspath(path), "size": st.st_size, "isDir": False,
            "modificationTime": int(st.st_mtime * 1000), "blockReplication": 1,
            "blockSize": 33554432, "action": "add"}


class FileSink(Sink):
    supports_complete = False

    def __init__(self, path: str, fmt: str, options: dict[str, str], partition_by: list[str]):
        self.path = os.path.abspath(path)
        self.fmt, self.options, self.partition_by = fmt, options, partition_by
        os.makedirs(self.path, exist_ok=True)
        self.log = FileSinkLog(self.path)
        self.description = f"FileSink[file:{self.path}]"

    def add_batch(self, batch_id: int, table: pa.Table, make_df: Callable[[], Any],
                  mode: str) -> None:
        if batch_id <= self.log.latest():
            return  # committed before a crash: the rerun must not write it again
        staging = os.path.join(self.path, f"_temporary-{batch_id}-{uuid.uuid4().hex}")
        try:
            entries = []
            if table.num_rows:
                w = make_df().write.format(self.fmt).options(**self.options).mode("overwrite")
                if self.partition_by:
                    w = w.partitionBy(*self.partition_by)
                w.save(staging)
                entries = self._move_into_place(staging)
            self.log.add(batch_id, entries)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _move_into_place(self, staging: str) -> list[dict]:
        entries = []
        for dirpath, _, files in os.walk(staging):
            rel = os.path.relpath(dirpath, staging)
            target_dir = self.path if rel == "." else os.path.join(self.path, rel)
            os.makedirs(target_dir, exist_ok=True)
            for f in sorted(files):
                if f.startswith(("_", ".")):
                    continue
                target = os.path.join(target_dir, f)
                os.replace(os.path.join(dirpath, f), target)
                entries.append(_entry(target))
        return entries


def committed_files(path: str) -> set[str] | None:
    """The files a streaming file sink committed under `path`, or None if it is not one."""
    if not os.path.isdir(os.path.join(path, METADATA_DIR)):
        return None
    return {e["path"].removeprefix("file://") for e in FileSinkLog(path).all_entries()
            if e.get("action", "add") == "add"}


# ------------------------------------------------------------------------------ memory

class MemorySink(Sink):
    """Rows kept in memory and queryable as the temp view named by queryName."""

    def __init__(self, session: Any, name: str, schema: Any):
        self.session, self.name = session, name
        self.description = f"MemorySink[{name}]"
        self.schema = pa.schema([f.with_nullable(True) for f in A.arrow_schema(schema)])
        self.table = self.schema.empty_table()
        self.last_batch = -1
        self._lock = threading.Lock()
        self._publish()

    def _publish(self) -> None:
        df = A.dataframe(self.session, A.table_relation(
            self.session, A.fresh_attrs(A.T.from_arrow_schema(self.schema)), self.table))
        df.createOrReplaceTempView(self.name)

    def add_batch(self, batch_id: int, table: pa.Table, make_df: Callable[[], Any],
                  mode: str) -> None:
        with self._lock:
            if batch_id <= self.last_batch:
                return
            table = A.conform(table, self.schema)
            self.table = table if mode == "complete" else pa.concat_tables([self.table, table])
            self.last_batch = batch_id
            self._publish()


# ----------------------------------------------------------------------------- console

class ConsoleSink(Sink):
    def __init__(self, options: dict[str, str]):
        self.num_rows = int(options.get("numrows", 20))
        self.truncate = str(options.get("truncate", "true")).lower() == "true"
        self.description = "org.apache.spark.sql.execution.streaming.ConsoleTable$@dfengine"

    def add_batch(self, batch_id: int, table: pa.Table, make_df: Callable[[], Any],
                  mode: str) -> None:
        line = "-" * 43
        print(f"{line}\nBatch: {batch_id}\n{line}")
        make_df().show(self.num_rows, self.truncate)


# ----------------------------------------------------------------------------- foreach

class ForeachBatchSink(Sink):
    def __init__(self, fn: Callable[[Any, int], Any]):
        self.fn = fn
        self.description = "ForeachBatchSink"

    def add_batch(self, batch_id: int, table: pa.Table, make_df: Callable[[], Any],
                  mode: str) -> None:
        self.fn(make_df(), batch_id)


class ForeachSink(Sink):
    """`foreach(f)` with a function of a Row, or an object with open/process/close."""

    def __init__(self, writer: Any):
        self.writer = writer
        self.description = "ForeachSink"

    def add_batch(self, batch_id: int, table: pa.Table, make_df: Callable[[], Any],
                  mode: str) -> None:
        rows = make_df().collect()
        w = self.writer
        if callable(w) and not hasattr(w, "process"):
            for r in rows:
                w(r)
            return
        if hasattr(w, "open") and w.open(0, batch_id) is False:
            return
        error = None
        try:
            for r in rows:
                w.process(r)
        except Exception as e:
            error = e
            raise
        finally:
            if hasattr(w, "close"):
                w.close(error)


def now_ms() -> int:
    return int(time.time() * 1000)


def only_committed(paths: list[str], files: list) -> list:
    """Reading a streaming file sink's directory returns only the files its log committed
    (files of a batch that crashed before its commit are invisible), as in Spark."""
    roots = {}
    for p in paths:
        root = sink_root(p)
        got = committed_files(root)
        if got is not None:
            roots[root] = got
    if not roots:
        return files

    def keep(path: str) -> bool:
        path = os.path.abspath(path)
        for root, allowed in roots.items():
            if path.startswith(root + os.sep):
                return path in allowed
        return True

    return [f for f in files if keep(f.path)]
