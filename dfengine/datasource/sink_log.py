"""Where a streaming file sink keeps its log, known without loading the streaming package:
a batch read checks every directory it reads for one (Spark then reads only the files the log
committed), and the streaming package costs 15 ms to import."""

from __future__ import annotations

import os

METADATA_DIR = "_spark_metadata"


def sink_root(path: str) -> str:
    """A read path as the directory a sink would have written (no `file://`, absolute)."""
    return os.path.abspath(os.fspath(path).removeprefix("file://"))


def is_sink_output(path: str) -> bool:
    return os.path.isdir(os.path.join(sink_root(path), METADATA_DIR))
