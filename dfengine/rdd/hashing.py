"""Spark's `portable_hash`, made independent of `PYTHONHASHSEED`.

PySpark partitions keys with `hash(x)` and therefore insists that every worker process runs
with the same `PYTHONHASHSEED`. dfengine workers may be any Dask worker processes, so strings
and bytes are hashed with CRC-32 of their UTF-8 bytes instead; everything else follows
PySpark's rules (`None` is 0, tuples combine their items' hashes the same way, other objects use
`hash`, which for numbers, booleans and frozensets of numbers is seed independent).
"""

from __future__ import annotations

import sys
from zlib import crc32

_MASK = sys.maxsize


def portable_hash(x: object) -> int:
    """A hash of `x` that is the same in every Python process, whatever its hash seed."""
    if isinstance(x, str):
        return crc32(x.encode("utf-8", "surrogatepass"))
    if x is None:
        return 0
    if isinstance(x, tuple):
        h = 0x345678
        for item in x:
            h ^= portable_hash(item)
            h *= 1000003
            h &= _MASK
        h ^= len(x)
        if h == -1:
            h = -2
        return int(h)
    if isinstance(x, (bytes, bytearray)):
        return crc32(x)
    return hash(x)
