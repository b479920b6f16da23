"""Compressed text data files, read as Spark reads them: the codec follows the file's
extension (Hadoop's CompressionCodecFactory), so `x.csv.gz`, `x.json.bz2` or `part-0.txt.zst`
read as their decompressed text wherever the plain file would be read."""

from __future__ import annotations

import io
from typing import IO

_CODECS = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd", ".lz4": "lz4", ".br": "brotli"}


def codec(path: str) -> str | None:
    for ext, name in _CODECS.items():
        if path.endswith(ext):
            return name
    return None


def open_binary(path: str) -> IO[bytes]:
    name = codec(path)
    if name is None:
        return open(path, "rb")
    import pyarrow as pa

    with pa.input_stream(path, compression=name) as stream:
        return io.BytesIO(stream.read())


def open_text(path: str, encoding: str = "utf-8", errors: str = "replace",
              newline: str | None = None) -> IO[str]:
    if codec(path) is None:
        return open(path, encoding=encoding, errors=errors, newline=newline)
    return io.TextIOWrapper(open_binary(path), encoding=encoding, errors=errors, newline=newline)
