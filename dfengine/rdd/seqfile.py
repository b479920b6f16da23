"""Hadoop SequenceFiles (version 6, uncompressed), written and read without a JVM.

Layout (Hadoop's `SequenceFile.Writer`): `SEQ\\x06`, the key and value class names, two
compression flags, the metadata (an int count of Text pairs) and a 16-byte sync marker; then
records `int recordLength, int keyLength, key bytes, value bytes`, with `int -1` + the sync
marker between records every few kilobytes so readers of a split can find a record start.
Compressed files (record or block compression) are refused with a clear error.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Iterable, Iterator
from typing import Any

from dfengine.errors import PySparkRuntimeError
from dfengine.rdd import writables as W

MAGIC = b"SEQ\x06"
SYNC_ESCAPE = -1
SYNC_INTERVAL = 100 * 20  # bytes between sync markers (Hadoop's 100 * SYNC_SIZE)


class WriteSequenceFile:
    """Per-partition task: `(key, value)` records into `tmp/part-NNNNN`."""

    def __init__(self, tmp: str, key_class: str, value_class: str):
        self.tmp, self.key_class, self.value_class = tmp, key_class, value_class

    def __call__(self, split: int, it: Iterable) -> list:
        path = os.path.join(self.tmp, f"part-{split:05d}")
        sync = os.urandom(16)
        with open(path, "wb") as f:
            head = io.BytesIO()
            head.write(MAGIC)
            W.write_string(head, self.key_class)
            W.write_string(head, self.value_class)
            head.write(b"\x00\x00")  # not compressed, not block compressed
            head.write(struct.pack(">i", 0))  # no metadata
            head.write(sync)
            f.write(head.getvalue())
            pos = last_sync = len(head.getvalue())
            for record in it:
                key, value = pair(record)
                buf = io.BytesIO()
                W.write(buf, _check(self.key_class, key, "key"), key)
                key_len = buf.tell()
                W.write(buf, _check(self.value_class, value, "value"), value)
                if pos >= last_sync + SYNC_INTERVAL:
                    f.write(struct.pack(">i", SYNC_ESCAPE) + sync)
                    pos += 20
                    last_sync = pos
                data = buf.getvalue()
                f.write(struct.pack(">ii", len(data), key_len) + data)
                pos += 8 + len(data)
        return []


def pair(record: Any) -> tuple:
    if isinstance(record, tuple | list) and len(record) == 2:
        return record[0], record[1]
    raise PySparkRuntimeError(
        f"A SequenceFile holds (key, value) pairs; got {record!r}. Map the RDD to pairs "
        "first, e.g. rdd.map(lambda x: (None, x)).", "RDD_ELEMENT_NOT_PAIR")


def _check(cls: str, value: Any, what: str) -> str:
    got = W.writable_class(value)
    if got == cls or (cls == W.LONG and got == W.INT):
        return cls
    raise PySparkRuntimeError(
        f"wrong {what} class: {got} is not {cls} (value {value!r}); a SequenceFile holds one "
        f"{what} class, taken from the first record unless given.", "WRONG_WRITABLE_CLASS")


def read_sequence_file(path: str) -> Iterator[tuple]:
    """The `(key, value)` records of one SequenceFile, converted as PySpark converts them."""
    with open(path, "rb") as f:
        data = f.read()
    inp = io.BytesIO(data)
    if inp.read(3) != b"SEQ":
        raise PySparkRuntimeError(f"{path} is not a SequenceFile (no SEQ header).",
                                  "NOT_A_SEQUENCE_FILE")
    version = inp.read(1)[0]
    if version < 5:
        raise PySparkRuntimeError(
            f"{path} is a SequenceFile of version {version}; dfengine reads version 5 and 6.",
            "UNSUPPORTED_SEQUENCE_FILE")
    key_class, value_class = W.read_string(inp), W.read_string(inp)
    compressed, block = inp.read(1) != b"\x00", inp.read(1) != b"\x00"
    if compressed or block:
        codec = W.read_string(inp)
        raise PySparkRuntimeError(
            f"{path} is a {'block' if block else 'record'}-compressed SequenceFile ({codec}); "
            "dfengine reads uncompressed SequenceFiles only.", "UNSUPPORTED_SEQUENCE_FILE")
    for _ in range(struct.unpack(">i", inp.read(4))[0]):  # metadata: Text pairs
        W.read_string(inp)
        W.read_string(inp)
    inp.read(16)  # sync marker
    while True:
        head = inp.read(4)
        if len(head) < 4:
            return
        length = struct.unpack(">i", head)[0]
        if length == SYNC_ESCAPE:
            inp.read(16)
            continue
        key_len = struct.unpack(">i", inp.read(4))[0]
        record = io.BytesIO(inp.read(length))
        key = W.read(io.BytesIO(record.read(key_len)), key_class)
        yield key, W.read(record, value_class)
