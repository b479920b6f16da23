"""The checkpoint directory, laid out as Spark lays it out.

    <checkpoint>/metadata              {"id": "<query id>"}  (the id survives restarts)
    <checkpoint>/offsets/<batchId>     v1 / batch metadata (watermark, timestamp, conf) /
                                       one JSON offset per source: written BEFORE the batch runs
    <checkpoint>/commits/<batchId>     v1 / {"nextBatchWatermarkMs": ...}: written AFTER the sink
                                       committed the batch
    <checkpoint>/sources/<i>/...       per-source logs (the file source's list of files per batch)
    <checkpoint>/state/<op>/<v>.parquet  state of stateful operator <op> after batch v-1

Every file is written to a temporary name and renamed, so a process killed at any moment
leaves either the old file or the new one, never half of one. On restart a batch whose
offsets are logged but not committed runs again with the same offsets and the state it
started from, and the sinks skip batches they already committed: exactly-once output.
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

VERSION = "v1"


def atomic_write(path: str, data: str | bytes) -> None:
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{uuid.uuid4().hex}.tmp")
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(tmp, mode) as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class MetadataLog:
    """A directory of files named by batch id (Spark's HDFSMetadataLog)."""

    def __init__(self, path: str):
        self.path = path
        os.makedirs(path, exist_ok=True)

    def _file(self, batch_id: int) -> str:
        return os.path.join(self.path, str(batch_id))

    def add(self, batch_id: int, lines: list[str]) -> None:
        atomic_write(self._file(batch_id), "\n".join(lines))

    def get(self, batch_id: int) -> list[str] | None:
        try:
            with open(self._file(batch_id)) as fh:
                return fh.read().split("\n")
        except FileNotFoundError:
            return None

    def ids(self) -> list[int]:
        return sorted(int(n) for n in os.listdir(self.path) if n.isdigit())

    def latest(self) -> int | None:
        ids = self.ids()
        return ids[-1] if ids else None

    def purge_before(self, batch_id: int) -> None:
        for i in self.ids():
            if i < batch_id:
                os.remove(self._file(i))


class OffsetLog(MetadataLog):
    def write(self, batch_id: int, metadata: dict, offsets: list[Any]) -> None:
        self.add(batch_id, [VERSION, json.dumps(metadata)] + [json.dumps(o) for o in offsets])

    def read(self, batch_id: int) -> tuple[dict, list[Any]] | None:
        lines = self.get(batch_id)
        if lines is None:
            return None
        return json.loads(lines[1]), [json.loads(x) for x in lines[2:] if x]


class CommitLog(MetadataLog):
    def write(self, batch_id: int, next_watermark_ms: int) -> None:
        self.add(batch_id, [VERSION, json.dumps({"nextBatchWatermarkMs": next_watermark_ms})])

    def read(self, batch_id: int) -> dict | None:
        lines = self.get(batch_id)
        return None if lines is None else json.loads(lines[1])


class StateStore:
    """One stateful operator's state: a full Arrow table per batch version, stored as parquet.

    Version v is the state after batch v-1; a batch that runs again reads the version it
    started from and overwrites the next. Versions older than `retain` are deleted, so the
    directory holds a bounded number of snapshots."""

    def __init__(self, path: str, retain: int = 10):
        self.path = path
        self.retain = max(2, retain)
        os.makedirs(path, exist_ok=True)
        self._cache: tuple[int, pa.Table] | None = None

    def _file(self, version: int) -> str:
        return os.path.join(self.path, f"{version}.parquet")

    def load(self, version: int, schema: pa.Schema) -> pa.Table:
        if self._cache is not None and self._cache[0] == version:
            return self._cache[1]
        if version == 0 or not os.path.exists(self._file(version)):
            return schema.empty_table()
        return pq.read_table(self._file(version))

    def save(self, version: int, table: pa.Table) -> None:
        tmp = os.path.join(self.path, f".{version}.{uuid.uuid4().hex}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, self._file(version))
        self._cache = (version, table)
        for name in os.listdir(self.path):
            stem = name.removesuffix(".parquet")
            if stem.isdigit() and int(stem) <= version - self.retain:
                os.remove(os.path.join(self.path, name))

    def sibling(self, name: str) -> StateStore:
        """Another store next to this one (an operator with several state tables)."""
        return StateStore(os.path.join(os.path.dirname(self.path), name), self.retain)

    def versions(self) -> list[int]:
        return sorted(int(n.removesuffix(".parquet")) for n in os.listdir(self.path)
                      if n.removesuffix(".parquet").isdigit())


class Checkpoint:
    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        os.makedirs(self.path, exist_ok=True)
        self.offsets = OffsetLog(os.path.join(self.path, "offsets"))
        self.commits = CommitLog(os.path.join(self.path, "commits"))

    def query_id(self) -> str:
        meta = os.path.join(self.path, "metadata")
        if os.path.exists(meta):
            with open(meta) as fh:
                return json.loads(fh.read())["id"]
        qid = str(uuid.uuid4())
        atomic_write(meta, json.dumps({"id": qid}))
        return qid

    def source_dir(self, index: int) -> str:
        path = os.path.join(self.path, "sources", str(index))
        os.makedirs(path, exist_ok=True)
        return path

    def state_store(self, operator_id: int, retain: int) -> StateStore:
        return StateStore(os.path.join(self.path, "state", str(operator_id)), retain)
