"""Compressed text data files, read as Spark reads them: the codec follows the file's
extension (Hadoop's CompressionCodecFactory), so `x.csv.gz`, `x.json.bz2`, `x.json.deflate` or
`part-0.txt.zst` read as their decompressed text wherever the plain file would be read; and
written with the `compression` option of the csv, json and text writers (compress())."""

from __future__ import annotations

import io
from typing import IO

_CODECS = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd", ".lz4": "lz4", ".br": "brotli",
           ".deflate": "deflate"}

# the `compression` names of Spark's text formats (CompressionCodecs) -> file extension
WRITE_EXTENSIONS = {"gzip": ".gz", "bzip2": ".bz2", "deflate": ".deflate", "zstd": ".zst"}
NO_CODEC = ("none", "uncompressed")


def write_extension(name: str | None) -> str:
    """The extension a text data file gets for the codec `name` ('' for none)."""
    if name is None or name.lower() in NO_CODEC:
        return ""
    ext = WRITE_EXTENSIONS.get(name.lower())
    if ext is None:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"The codec {name} is not available for csv, json or text files in dfengine: its "
            "Hadoop block framing is not written here. Use gzip, bzip2, deflate, zstd or none.",
            "CODEC_NOT_AVAILABLE")
    return ext


def compress(data: bytes, name: str | None) -> bytes:
    """`data` compressed as the Hadoop codec `name` writes it (deflate: a zlib stream)."""
    name = (name or "none").lower()
    if name in NO_CODEC:
        return data
    if name == "gzip":
        import gzip

        return gzip.compress(data)
    if name == "bzip2":
        import bz2

        return bz2.compress(data)
    if name == "deflate":
        import zlib

        return zlib.compress(data)
    import pyarrow as pa  # zstd (write_extension refuses the others)

    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, "zstd") as out:
        out.write(data)
    return sink.getvalue().to_pybytes()


def codec(path: str) -> str | None:
    for ext, name in _CODECS.items():
        if path.endswith(ext):
            return name
    return None


def open_binary(path: str) -> IO[bytes]:
    name = codec(path)
    if name is None:
        return open(path, "rb")
    if name == "deflate":
        import zlib

        with open(path, "rb") as fh:
            return io.BytesIO(zlib.decompress(fh.read()))
    import pyarrow as pa

    with pa.input_stream(path, compression=name) as stream:
        return io.BytesIO(stream.read())


def open_text(path: str, encoding: str = "utf-8", errors: str = "replace",
              newline: str | None = None) -> IO[str]:
    if codec(path) is None:
        return open(path, encoding=encoding, errors=errors, newline=newline)
    return io.TextIOWrapper(open_binary(path), encoding=encoding, errors=errors, newline=newline)
