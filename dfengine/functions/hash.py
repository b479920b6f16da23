"""xxhash64 (Spark's XxHash64Function): XXH64 with seed 42, each argument's hash seeding the
next, in pure Python (the `xxhash` package is not a dependency; the values match Spark's)."""

from __future__ import annotations

import struct
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.functions.arrays import _full
from dfengine.functions.registry import MANY, Function, define
from dfengine.functions.signatures import returns

M = (1 << 64) - 1
P1, P2, P3, P4, P5 = (
    11400714785074694791,
    14029467366897019727,
    1609587929392839161,
    9650029242287828579,
    2870177450012600261,
)


def _rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (64 - r))) & M


def _round(acc: int, lane: int) -> int:
    return (_rotl((acc + lane * P2) & M, 31) * P1) & M


def _merge(h: int, v: int) -> int:
    return (((h ^ _round(0, v)) * P1) + P4) & M


def xxh64(b: bytes, seed: int) -> int:
    """XXH64 of `b`, as a signed 64-bit number."""
    n, i = len(b), 0
    seed &= M
    if n >= 32:
        v = [(seed + P1 + P2) & M, (seed + P2) & M, seed, (seed - P1) & M]
        while i + 32 <= n:
            for j in range(4):
                v[j] = _round(v[j], int.from_bytes(b[i + 8 * j : i + 8 * j + 8], "little"))
            i += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & M
        for x in v:
            h = _merge(h, x)
    else:
        h = (seed + P5) & M
    h = (h + n) & M
    while i + 8 <= n:
        h ^= _round(0, int.from_bytes(b[i : i + 8], "little"))
        h = (_rotl(h, 27) * P1 + P4) & M
        i += 8
    if i + 4 <= n:
        h ^= (int.from_bytes(b[i : i + 4], "little") * P1) & M
        h = (_rotl(h, 23) * P2 + P3) & M
        i += 4
    while i < n:
        h ^= (b[i] * P5) & M
        h = (_rotl(h, 11) * P1) & M
        i += 1
    h ^= h >> 33
    h = (h * P2) & M
    h ^= h >> 29
    h = (h * P3) & M
    h ^= h >> 32
    return h - (1 << 64) if h >> 63 else h


def _layout(v: Any, t: T.DataType) -> bytes | None:
    """The bytes Spark hashes for a value of type `t` (ints as 4 bytes, longs as 8)."""
    if isinstance(t, (T.StringType, T.BinaryType)):
        return v.encode() if isinstance(v, str) else bytes(v)
    if isinstance(t, T.BooleanType):
        return struct.pack("<i", int(v))
    if isinstance(t, (T.ByteType, T.ShortType, T.IntegerType)):
        return struct.pack("<i", v)
    if isinstance(t, T.LongType):
        return struct.pack("<q", v)
    if isinstance(t, T.DoubleType):
        return struct.pack("<d", 0.0 if v == 0 else v)
    if isinstance(t, T.FloatType):
        return struct.pack("<f", 0.0 if v == 0 else v)
    if isinstance(t, T.DateType):
        return struct.pack("<i", (v - _EPOCH).days)
    return None


_EPOCH = __import__("datetime").date(1970, 1, 1)


def _xxhash64(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    types = [a.data_type for a in e.args]
    for t in types:
        if _layout(_SAMPLE.get(type(t)), t) is None:
            raise TypeError(f"xxhash64 of {t.simpleString()} is not supported")
    cols = [_full(a, n).to_pylist() for a in args]
    out = []
    for row in zip(*cols, strict=True):
        h = 42
        for v, t in zip(row, types, strict=True):
            if v is not None:
                h = xxh64(_layout(v, t), h)
        out.append(h)
    return pa.array(out, pa.int64())


_SAMPLE = {
    T.StringType: "",
    T.BinaryType: b"",
    T.BooleanType: True,
    T.ByteType: 0,
    T.ShortType: 0,
    T.IntegerType: 0,
    T.LongType: 0,
    T.DoubleType: 0.0,
    T.FloatType: 0.0,
    T.DateType: _EPOCH,
}


define(
    Function(
        "xxhash64",
        returns(T.LongType()),
        arity=(1, MANY),
        nullable_rule="never",
        impl=_xxhash64,
        params="*cols",
        example="'Spark', 1, true",
    ),
    family="misc",
)
