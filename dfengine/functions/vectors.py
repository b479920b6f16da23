"""Vector similarity on ARRAY<FLOAT> embeddings: inner product, cosine, L2 distance, norms.

Computed over the flattened values of a batch with per-row segment sums (no Python per row);
vectors of different lengths raise VECTOR_DIMENSION_MISMATCH as in Spark.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import SparkRuntimeException
from dfengine.functions.arrays import _const, broadcast
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import returns

F32 = T.FloatType()
VEC = T.ArrayType(F32)


def _lists(v: Any, n: int) -> pa.ListArray:
    arr = broadcast(v, n, pa.list_(pa.float32()))
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    return arr.cast(pa.list_(pa.float32()))


def _segments(arr: pa.ListArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values as float64, row start offsets, row lengths) of a list array, nulls as empty."""
    offsets = arr.offsets.to_numpy()
    values = arr.values.to_numpy(zero_copy_only=False).astype(np.float64)
    return values[offsets[0]:offsets[-1]], offsets[:-1] - offsets[0], np.diff(offsets)


def _row_sums(x: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    padded = np.append(x, 0.0)
    sums = np.add.reduceat(padded, np.minimum(starts, len(x))) if len(starts) else np.zeros(0)
    return np.where(lengths > 0, sums, 0.0)


def _pair(fn: str, args: list, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                                 np.ndarray]:
    a, b = _lists(args[0], n), _lists(args[1], n)
    va, starts, la = _segments(a)
    vb, _, lb = _segments(b)
    valid = np.asarray(pc.and_(pc.is_valid(a), pc.is_valid(b)))
    bad = valid & (la != lb)
    if bad.any():
        i = int(np.argmax(bad))
        raise SparkRuntimeException(
            f"Vectors passed to `{fn}` must have the same dimension, but got {la[i]} and "
            f"{lb[i]}.", "VECTOR_DIMENSION_MISMATCH")
    return va, vb, starts, la, valid


def _float_result(values: np.ndarray, valid: np.ndarray) -> pa.Array:
    return pa.array(values.astype(np.float32), pa.float32(), mask=~valid)


def _inner(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    va, vb, starts, lengths, valid = _pair("vector_inner_product", args, table.num_rows)
    return _float_result(_row_sums(va * vb, starts, lengths), valid)


def _l2(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    va, vb, starts, lengths, valid = _pair("vector_l2_distance", args, table.num_rows)
    return _float_result(np.sqrt(_row_sums((va - vb) ** 2, starts, lengths)), valid)


def _cosine(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    va, vb, starts, lengths, valid = _pair("vector_cosine_similarity", args, table.num_rows)
    dot = _row_sums(va * vb, starts, lengths)
    norms = np.sqrt(_row_sums(va * va, starts, lengths) * _row_sums(vb * vb, starts, lengths))
    valid = valid & (norms > 0)
    return _float_result(np.divide(dot, norms, out=np.zeros_like(dot), where=norms > 0), valid)


def _degree(fn: str, args: list) -> float:
    degree = float(_const(args[1])) if len(args) > 1 else 2.0
    if degree not in (1.0, 2.0, float("inf")):
        raise SparkRuntimeException(
            f"For the `{fn}` function, degree must be 1.0, 2.0, or float('inf'), but got "
            f"{degree}.", "INVALID_VECTOR_NORM_DEGREE")
    return degree


def _norms(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray, degree: float) -> Any:
    if degree == 1.0:
        return _row_sums(np.abs(values), starts, lengths)
    if degree == 2.0:
        return np.sqrt(_row_sums(values * values, starts, lengths))
    padded = np.append(np.abs(values), 0.0)
    maxes = np.maximum.reduceat(padded, np.minimum(starts, len(values))) if len(starts) else (
        np.zeros(0))
    return np.where(lengths > 0, maxes, 0.0)


def _norm(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    arr = _lists(args[0], table.num_rows)
    values, starts, lengths = _segments(arr)
    valid = np.asarray(pc.is_valid(arr))
    return _float_result(_norms(values, starts, lengths, _degree("vector_norm", args)), valid)


def _normalize(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    arr = _lists(args[0], table.num_rows)
    values, starts, lengths = _segments(arr)
    norms = _norms(values, starts, lengths, _degree("vector_normalize", args))
    valid = np.asarray(pc.is_valid(arr)) & (norms > 0)
    scale = np.repeat(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0), lengths)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    flat = pa.array((values * scale).astype(np.float32), pa.float32())
    out = pa.ListArray.from_arrays(pa.array(offsets), flat)
    return pc.if_else(pa.array(valid), out, pa.scalar(None, out.type))


def _vector_fn(name: str, result: T.DataType, impl: Any, params: str, example: str,
               **kw: Any) -> Function:
    return Function(name, returns(result), impl=impl, null_intolerant=True,
                    nullable_rule="always", params=params, example=example, **kw)


_PAIR = ("array(CAST(1 AS FLOAT), CAST(2 AS FLOAT)), "
         "array(CAST(2 AS FLOAT), CAST(4 AS FLOAT))")

define(
    _vector_fn("vector_inner_product", F32, _inner, "left, right", _PAIR, arity=(2, 2)),
    _vector_fn("vector_l2_distance", F32, _l2, "left, right", _PAIR, arity=(2, 2)),
    _vector_fn("vector_cosine_similarity", F32, _cosine, "left, right", _PAIR, arity=(2, 2)),
    _vector_fn("vector_norm", F32, _norm, "vector, degree = None", "array(CAST(3 AS FLOAT), CAST(-4 AS FLOAT))",
               arity=(1, 2), shown_defaults={1: "2.0"}),
    _vector_fn("vector_normalize", VEC, _normalize, "vector, degree = None",
               "array(CAST(3 AS FLOAT), CAST(4 AS FLOAT)), CAST(1 AS FLOAT)", arity=(1, 2), shown_defaults={1: "2.0"}),
    family="vectors",
)
