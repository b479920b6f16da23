"""Top-k recommendations: scores of a block of sources against all targets, on the workers."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

CHUNK = 512


def _top(src: np.ndarray, dst: np.ndarray, num: int) -> tuple[np.ndarray, np.ndarray]:
    """Best `num` targets of each source row (ties: smaller target index first)."""
    k = min(num, dst.shape[0])
    idx_out = np.empty((src.shape[0], k), dtype=np.int64)
    val_out = np.empty((src.shape[0], k), dtype=np.float32)
    for a in range(0, src.shape[0], CHUNK):
        scores = src[a:a + CHUNK] @ dst.T
        if k < dst.shape[0]:
            part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        else:
            part = np.tile(np.arange(dst.shape[0]), (scores.shape[0], 1))
        vals = np.take_along_axis(scores, part, axis=1)
        order = np.lexsort((part, -vals), axis=1)
        idx_out[a:a + CHUNK] = np.take_along_axis(part, order, axis=1)
        val_out[a:a + CHUNK] = np.take_along_axis(vals, order, axis=1)
    return idx_out, val_out


def recommend_table(session: Any, src_ids: np.ndarray, src: np.ndarray, dst_ids: np.ndarray,
                    dst: np.ndarray, num: int, src_col: str, dst_col: str) -> pa.Table:
    from dfengine.ml._frame import total_threads

    client = session._runtime.client
    pieces = max(1, min(total_threads(client) * 2, src.shape[0] // CHUNK + 1))
    bounds = np.linspace(0, src.shape[0], pieces + 1).astype(int)
    dst_f = client.scatter(dst.astype(np.float32), broadcast=True, hash=False)
    futs = [client.submit(_top, src[a:b].astype(np.float32), dst_f, num, pure=False)
            for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    parts = client.gather(futs)
    k = min(num, dst.shape[0])
    idx = np.concatenate([p[0] for p in parts]) if parts else np.zeros((0, k), dtype=np.int64)
    val = np.concatenate([p[1] for p in parts]) if parts else np.zeros((0, k), np.float32)
    n = src.shape[0]
    structs = pa.StructArray.from_arrays(
        [pa.array(dst_ids[idx.reshape(-1)].astype(np.int32)),
         pa.array(val.reshape(-1), type=pa.float32())], names=[dst_col, "rating"])
    offsets = pa.array(np.arange(0, n * k + 1, max(k, 1), dtype=np.int32)[: n + 1]
                       if k else np.zeros(n + 1, dtype=np.int32))
    recs = pa.ListArray.from_arrays(offsets, structs)
    return pa.table({src_col: pa.array(src_ids.astype(np.int32)), "recommendations": recs})
