"""Hashing (Spark's Murmur3), grouping-set markers and partition-level functions."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.functions.arrays import _full
from dfengine.functions.registry import MANY, Function, define
from dfengine.functions.signatures import (
    INT,
    L,
    S,
    returns,
)


def _typeof(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(e.args[0].data_type.simpleString(), pa.string())


def _grouping(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    from dfengine.errors import AnalysisException

    raise AnalysisException(
        f"{e.name}() can only be used with GROUPING SETS, ROLLUP or CUBE.",
        "UNSUPPORTED_GROUPING_EXPRESSION",
    )


def _mono_id(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    base = ctx.partition_index << 33
    return pa.array(np.arange(base, base + table.num_rows, dtype=np.int64))


def _partition_id(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return pa.scalar(ctx.partition_index, pa.int32())


_M = np.uint32(0xFFFFFFFF)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def _mix_k1(k1: np.ndarray) -> np.ndarray:
    k1 = k1 * np.uint32(0xCC9E2D51)
    return _rotl(k1, 15) * np.uint32(0x1B873593)


def _mix_h1(h1: np.ndarray, k1: np.ndarray) -> np.ndarray:
    h1 = _rotl(h1 ^ k1, 13)
    return h1 * np.uint32(5) + np.uint32(0xE6546B64)


def _fmix(h1: np.ndarray, length: Any) -> np.ndarray:
    h1 = h1 ^ np.asarray(length, dtype=np.uint32)
    h1 ^= h1 >> np.uint32(16)
    h1 *= np.uint32(0x85EBCA6B)
    h1 ^= h1 >> np.uint32(13)
    h1 *= np.uint32(0xC2B2AE35)
    return h1 ^ (h1 >> np.uint32(16))


def _hash_int(v: np.ndarray, seed: np.ndarray) -> np.ndarray:
    return _fmix(_mix_h1(seed, _mix_k1(v.astype(np.int64).astype(np.uint32))), 4)


def _hash_long(v: np.ndarray, seed: np.ndarray) -> np.ndarray:
    u = v.astype(np.int64).view(np.uint64)
    h1 = _mix_h1(seed, _mix_k1((u & np.uint64(0xFFFFFFFF)).astype(np.uint32)))
    h1 = _mix_h1(h1, _mix_k1((u >> np.uint64(32)).astype(np.uint32)))
    return _fmix(h1, 8)


def _hash_bytes(b: bytes, seed: int) -> int:
    """Murmur3_x86_32.hashUnsafeBytes: 4-byte little-endian words, then each tail byte (as a
    signed byte) on its own."""
    with np.errstate(over="ignore"):
        h1 = np.array([seed], dtype=np.uint32)
        n = len(b) - len(b) % 4
        if n:
            words = np.frombuffer(b[:n], dtype="<u4")
            for w in words:
                h1 = _mix_h1(h1, _mix_k1(np.array([w], dtype=np.uint32)))
        for x in b[n:]:
            signed = x - 256 if x > 127 else x
            h1 = _mix_h1(h1, _mix_k1(np.array([signed], dtype=np.int64).astype(np.uint32)))
        return int(_fmix(h1, len(b))[0])


def _hash_floating(col: pa.Array, t: T.DataType, seed: np.ndarray) -> np.ndarray:
    """Float hashes as its int bits, double as its long bits; -0.0 as 0.0, NaN canonical."""
    f = np.asarray(pc.fill_null(col, 0.0).to_numpy(zero_copy_only=False))
    f = np.where(f == 0, 0.0, f).astype(np.float32 if isinstance(t, T.FloatType) else np.float64)
    if isinstance(t, T.FloatType):
        bits = np.where(np.isnan(f), np.int32(0x7FC00000), f.view(np.int32))
        return _hash_int(bits.astype(np.int64), seed)
    bits = np.where(np.isnan(f), np.int64(0x7FF8000000000000), f.view(np.int64))
    return _hash_long(bits, seed)


def spark_hash_column(col: pa.Array, t: T.DataType, seed: np.ndarray) -> np.ndarray | None:
    """The running hash after `col`, or None for a type without a Spark layout here."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if isinstance(t, T.NullType):
        return seed
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    with np.errstate(over="ignore"):
        if isinstance(t, T.BooleanType):
            v = np.asarray(pc.fill_null(col, False).to_numpy(zero_copy_only=False)).astype(np.int64)
            out = _hash_int(v, seed)
        elif isinstance(t, (T.ByteType, T.ShortType, T.IntegerType, T.DateType)):
            v = np.asarray(
                pc.fill_null(
                    col.cast(pa.int32()) if isinstance(t, T.DateType) else col, 0
                ).to_numpy(zero_copy_only=False)
            )
            out = _hash_int(v, seed)
        elif isinstance(t, (T.LongType, T.TimestampType)):
            v = np.asarray(pc.fill_null(col.cast(pa.int64()), 0).to_numpy(zero_copy_only=False))
            out = _hash_long(v, seed)
        elif isinstance(t, (T.FloatType, T.DoubleType)):
            out = _hash_floating(col, t, seed)
        elif isinstance(t, T.DecimalType) and t.precision <= 18:
            unscaled = [0 if x is None else int(x.scaleb(t.scale)) for x in col.to_pylist()]
            out = _hash_long(np.array(unscaled, dtype=np.int64), seed)
        elif isinstance(t, (T.StringType, T.BinaryType, T.DecimalType)):
            out = seed.copy()
            for i, x in enumerate(col.to_pylist()):
                if x is None:
                    continue
                if isinstance(t, T.DecimalType):
                    n = int(x.scaleb(t.scale))
                    data = n.to_bytes((n.bit_length() + 8) // 8 or 1, "big", signed=True)
                else:
                    data = x.encode() if isinstance(x, str) else bytes(x)
                out[i] = _hash_bytes(data, int(seed[i]))
            return out
        else:
            return None
    return np.where(valid, out, seed)


def _hash(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    h = np.full(n, 42, dtype=np.uint32)
    for a, x in zip(e.args, args):
        got = spark_hash_column(_full(x, n), a.data_type, h)
        if got is None:  # nested types: the engine's own hash, not Spark's numbers
            from dfengine.kernels.hashing import hash_columns

            cols = [_full(y, n) for y in args]
            return pa.array(hash_columns(cols).astype(np.int32))
        h = got.astype(np.uint32)
    return pa.array(h.view(np.int32), pa.int32())


def _uuid(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """A random (version 4) UUID per row, as text."""
    import uuid

    return pa.array([str(uuid.uuid4()) for _ in range(table.num_rows)], pa.string())


define(
    Function("typeof", returns(S), impl=_typeof, params="col", example="1.5"),
    Function("uuid", returns(S), deterministic=False, impl=_uuid, nullable_rule="never",
             arity=(0, 1)),
    Function("hash", returns(INT), impl=_hash, params="*cols", example="'Spark', 1", arity=(1, MANY)),
    Function("grouping", returns(T.ByteType()), impl=_grouping, params="col"),
    Function("grouping_id", returns(L), impl=_grouping, params="*cols"),
    Function(
        "monotonically_increasing_id", returns(L), deterministic=False, impl=_mono_id, params=""
    ),
    Function("spark_partition_id", returns(INT), deterministic=False, impl=_partition_id, params="",
             display={"spark_partition_id": "SPARK_PARTITION_ID"}),
    family="misc",
)


def _unwrap_type(types: list[T.DataType]) -> T.DataType:
    t = types[0]
    return t.sqlType() if isinstance(t, T.UserDefinedType) else t


define(
    # A user-defined type is stored as its sqlType already: only the type changes.
    Function("unwrap_udt", _unwrap_type, impl=lambda args, e, table, ctx: args[0],
             arity=(1, 1), nullable_rule="inputs", params="col"),
    family="misc",
)
