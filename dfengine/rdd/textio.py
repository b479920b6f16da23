"""Text files in and out: Hadoop-style input splits and Spark's `part-00000` output layout.

Input: every file is cut into blocks of `splitSize` bytes (Hadoop's `FileInputFormat` rule, so
partition counts match Spark's); a block owns the lines that start inside it, so a task seeks to
its block, skips the partial first line and reads past its end to finish its last line.
Output: tasks write `part-NNNNN` files into a temporary directory; only when every task
succeeded does the driver move them into place with `_SUCCESS`, so a failed job leaves nothing.
"""

from __future__ import annotations

import glob
import gzip
import os
import shutil
import uuid
from typing import Any

from dfengine.errors import AnalysisException

BLOCK_SIZE = 32 * 1024 * 1024  # Hadoop's local file system block size
_HIDDEN = ("_", ".")


def _strip_scheme(path: str) -> str:
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


def list_files(path: str) -> list[str]:
    """Files named by a path, a directory (non-hidden files) or a glob, comma separated too."""
    out: list[str] = []
    for p in str(path).split(","):
        p = os.path.abspath(os.path.expanduser(_strip_scheme(p.strip())))
        if any(ch in p for ch in "*?["):
            matches = sorted(glob.glob(p))
            if not matches:
                raise _missing(p, "matches 0 files")
            for m in matches:
                out.extend(_expand(m))
        elif os.path.isdir(p):
            out.extend(_expand(p))
        elif os.path.exists(p):
            out.append(p)
        else:
            raise _missing(p, "does not exist")
    return out


def _expand(p: str) -> list[str]:
    if not os.path.isdir(p):
        return [p]
    return sorted(
        os.path.join(p, f)
        for f in os.listdir(p)
        if not f.startswith(_HIDDEN) and os.path.isfile(os.path.join(p, f))
    )


def _missing(p: str, what: str) -> AnalysisException:
    return AnalysisException(
        f"Input path {what}: file:{p}. Check the path (a file, a directory or a glob such as "
        "'data/*.txt').",
        error_class="PATH_NOT_FOUND",
    )


def plan_splits(path: str, min_partitions: int) -> list[tuple[str, int, int]]:
    """`(file, start, end)` blocks, cut as Hadoop's `FileInputFormat.getSplits` cuts them."""
    files = list_files(path)
    sizes = [os.path.getsize(f) for f in files]
    goal = sum(sizes) // max(min_partitions, 1)
    split_size = max(1, min(goal, BLOCK_SIZE))
    splits = []
    for f, size in zip(files, sizes):
        if size == 0:  # Spark drops empty splits (spark.hadoopRDD.ignoreEmptySplits)
            continue
        if f.endswith(".gz"):
            splits.append((f, 0, size))
            continue
        start = 0
        while (size - start) / split_size > 1.1:
            splits.append((f, start, start + split_size))
            start += split_size
        if size - start > 0:
            splits.append((f, start, size))
    return splits


def read_split(split: Any, use_unicode: bool = True) -> list:
    """Lines whose first byte lies in `[start, end)` of the file (without line terminators)."""
    path, start, end = split.value
    return _lines(_read_raw(path, start, end), use_unicode)


def _read_raw(path: str, start: int, end: int) -> bytes:
    """The bytes of the lines starting in `[start, end)`."""
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            return f.read()
    with open(path, "rb") as f:
        if start > 0:
            f.seek(start - 1)
            if f.read(1) != b"\n":
                f.readline()
        begin = f.tell()
        if begin >= end:
            return b""
        raw = f.read(end - begin)
        if raw and not raw.endswith(b"\n"):
            raw += f.readline()
    return raw


class BlockText(str):
    """The text of one input block, handed whole to a pipeline starting with
    `flatMap(lambda line: line.split())`: splitting the block on whitespace gives the same words
    as splitting it into lines first, without building (and re-joining) the lines."""


def read_split_text(split: Any) -> BlockText:
    path, start, end = split.value
    return BlockText(_read_raw(path, start, end).decode("utf-8"))


def _lines(raw: bytes, use_unicode: bool) -> list:
    if not raw:
        return []
    text: Any = raw.decode("utf-8") if use_unicode else raw
    nl = "\n" if use_unicode else b"\n"
    lines = text.split(nl)
    if lines[-1] == text[:0]:
        lines.pop()
    cr = "\r" if use_unicode else b"\r"
    if cr in text:
        lines = [ln[:-1] if ln.endswith(cr) else ln for ln in lines]
    return lines


def read_whole_files(files: Any, use_unicode: bool = True) -> list:
    out = []
    for path in files.value:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            raw = f.read()
        out.append(("file:" + path, raw.decode("utf-8") if use_unicode else raw))
    return out


def read_binary_files(files: Any) -> list:
    out = []
    for path in files.value:
        with open(path, "rb") as f:
            out.append(("file:" + path, f.read()))
    return out


class FixedLengthRecords:
    """`sc.binaryRecords`: cut one file's bytes into records of `length` bytes."""

    def __init__(self, length: int):
        self.length = length

    def __call__(self, path_content: tuple) -> list:
        path, data = path_content
        n = self.length
        if len(data) % n:
            raise AnalysisException(
                f"{path} is {len(data)} bytes long, not a multiple of the record length {n}: "
                "binaryRecords needs files of fixed-length records only.")
        return [data[i : i + n] for i in range(0, len(data), n)]


# -- output -----------------------------------------------------------------------------------


def prepare_output(path: str) -> tuple[str, str]:
    """Check the output directory does not exist; a fresh temporary directory beside it."""
    target = os.path.abspath(os.path.expanduser(_strip_scheme(path)))
    if os.path.exists(target):
        raise AnalysisException(
            f"Output directory file:{target} already exists; remove it or choose another path "
            "(saveAsTextFile never overwrites).",
            error_class="PATH_ALREADY_EXISTS",
        )
    parent = os.path.dirname(target) or "."
    os.makedirs(parent, exist_ok=True)
    tmp = os.path.join(parent, f".{os.path.basename(target)}._temporary-{uuid.uuid4().hex[:8]}")
    os.makedirs(tmp)
    return target, tmp


def write_part(tmp: str, codec: str | None, split: int, it: Any) -> list:
    """Write one partition as `part-NNNNN` (str of each record, one per line)."""
    name = os.path.join(tmp, f"part-{split:05d}")
    if codec == "gzip":
        name += ".gz"
    with (gzip.open if codec == "gzip" else open)(name, "wb") as f:
        buf = []
        for x in it:
            if isinstance(x, bytes):
                buf.append(x)
            else:
                buf.append(str(x).encode("utf-8"))
            buf.append(b"\n")
            if len(buf) > 16384:
                f.write(b"".join(buf))
                buf.clear()
        f.write(b"".join(buf))
    return []


def commit_output(tmp: str, target: str) -> None:
    """Move a finished job's files into place and mark it with `_SUCCESS`."""
    open(os.path.join(tmp, "_SUCCESS"), "wb").close()
    os.rename(tmp, target)


def abort_output(tmp: str) -> None:
    shutil.rmtree(tmp, ignore_errors=True)


def codec_of(name: str | None) -> str | None:
    if name is None:
        return None
    if "gzip" in name.lower():
        return "gzip"
    raise ValueError(
        f"Unsupported compressionCodecClass {name!r}; use "
        "'org.apache.hadoop.io.compress.GzipCodec' or None."
    )
