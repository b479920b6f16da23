"""Blocked alternating least squares on the workers (Spark's `ALS.train`).

The ratings are read once into blocks on the workers and re-cut into `numUserBlocks` CSR
blocks by user (rows: the block's users, columns: dense item indices) and `numItemBlocks` by
item. An iteration first solves every item block against the current user factors, then every
user block against the new item factors (Spark's order); each block is one task running the
Numba solver, and the blocks' factors are concatenated by one more task. The whole run is
submitted as a chain of futures: the driver never holds the factors until the end.
The starting factors are Spark's, drawn from the same random stream (`spark_init.py`), so a fit
equals PySpark's for the same seed and block counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml.recommendation.kernels import solve_block
from dfengine.ml.recommendation.spark_init import side_seeds, spark_factors


@dataclass
class ALSSettings:
    rank: int
    max_iter: int
    reg: float
    implicit: bool
    alpha: float
    nonnegative: bool
    seed: int
    user_blocks: int
    item_blocks: int


def _ids(table: pa.Table, name: str) -> np.ndarray:
    col = table.column(name)
    if col.null_count:
        raise IllegalArgumentException(f"ALS column '{name}' contains null ids; drop them first.")
    v = col.to_numpy()
    if v.dtype.kind == "f":
        if not np.all(np.isfinite(v)) or np.any(v != np.floor(v)):
            raise IllegalArgumentException(
                f"ALS only supports values in Integer range and without fractional part for "
                f"column {name}, but got a non-integer value.")
    elif v.dtype.kind not in "iu":
        raise IllegalArgumentException(
            f"Column {name} must be of a numeric type (integer ids) but was {col.type}.")
    if v.size and (v.min() < -(2 ** 31) or v.max() >= 2 ** 31):
        raise IllegalArgumentException(
            f"ALS only supports values in Integer range for column {name}.")
    return v.astype(np.int64)


def extract(table: pa.Table, user: str, item: str, rating: str | None) -> tuple:
    u, i = _ids(table, user), _ids(table, item)
    if rating is None:
        r = np.ones(u.size)
    else:
        col = table.column(rating)
        if col.null_count:
            raise IllegalArgumentException(
                f"Rating column '{rating}' contains null values; drop them first.")
        r = col.to_numpy().astype(np.float64)
    return u, i, r


def _uniques(block: tuple) -> tuple:
    return np.unique(block[0]), np.unique(block[1])


def _split(block: tuple, users: np.ndarray, items: np.ndarray, ub: np.ndarray,
           ib: np.ndarray) -> tuple:
    """Dense indices of a block's ratings, cut into pieces per user block and per item block."""
    u = np.searchsorted(users, block[0])
    i = np.searchsorted(items, block[1])
    r = block[2]
    by_user = _pieces(u, i, r, ub)
    by_item = _pieces(i, u, r, ib)
    return by_user, by_item


def _pieces(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, bounds: np.ndarray) -> list:
    which = np.searchsorted(bounds, rows, side="right") - 1
    order = np.argsort(which, kind="stable")
    cuts = np.searchsorted(which[order], np.arange(len(bounds)))
    return [(rows[order[a:b]], cols[order[a:b]], vals[order[a:b]])
            for a, b in zip(cuts[:-1], cuts[1:], strict=True)]


def _csr(b: int, lo: int, hi: int, side: int, *splits: tuple) -> tuple:
    rows = np.concatenate([s[side][b][0] for s in splits]) - lo
    cols = np.concatenate([s[side][b][1] for s in splits])
    vals = np.concatenate([s[side][b][2] for s in splits])
    order = np.lexsort((cols, rows))
    indptr = np.zeros(hi - lo + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=hi - lo), out=indptr[1:])
    return indptr, cols[order].astype(np.int64), vals[order]


def _solve(csr: tuple, Y: np.ndarray, s: ALSSettings, YtY: Any) -> np.ndarray:
    Y64 = Y.astype(np.float64)
    gram = YtY if YtY is not None else np.zeros((s.rank, s.rank))
    return solve_block(csr[0], csr[1], csr[2], Y64, s.reg, s.implicit, s.alpha, gram,
                       s.nonnegative)


def _gram(Y: np.ndarray) -> np.ndarray:
    Y64 = Y.astype(np.float64)
    return Y64.T @ Y64


def _concat(*parts: np.ndarray) -> np.ndarray:
    return np.concatenate(parts)


@dataclass
class ALSResult:
    user_ids: np.ndarray
    item_ids: np.ndarray
    user_factors: np.ndarray
    item_factors: np.ndarray


def _bounds(n: int, blocks: int) -> np.ndarray:
    return np.unique(np.linspace(0, n, max(1, min(blocks, n)) + 1).astype(np.int64))


def train_als(client: Any, rating_futures: list, s: ALSSettings) -> ALSResult:
    uniq = client.gather([client.submit(_uniques, f, pure=False) for f in rating_futures])
    users = np.unique(np.concatenate([u for u, _ in uniq]))
    items = np.unique(np.concatenate([i for _, i in uniq]))
    if users.size == 0:
        raise IllegalArgumentException("ALS was given an empty ratings dataset.")
    ub, ib = _bounds(users.size, s.user_blocks), _bounds(items.size, s.item_blocks)
    users_f, items_f = client.scatter([users, items], broadcast=True, hash=False)
    splits = [client.submit(_split, f, users_f, items_f, ub, ib, pure=False)
              for f in rating_futures]
    ucsr = [client.submit(_csr, b, int(ub[b]), int(ub[b + 1]), 0, *splits, pure=False)
            for b in range(len(ub) - 1)]
    icsr = [client.submit(_csr, b, int(ib[b]), int(ib[b + 1]), 1, *splits, pure=False)
            for b in range(len(ib) - 1)]
    user_seed, item_seed = side_seeds(s.seed)
    U = client.scatter(spark_factors(users, s.rank, user_seed, s.user_blocks), hash=False)
    V = client.scatter(spark_factors(items, s.rank, item_seed, s.item_blocks), hash=False)
    for _ in range(s.max_iter):
        V = _half_step(client, icsr, U, s)
        U = _half_step(client, ucsr, V, s)
    Uf, Vf = client.gather([U, V])
    return ALSResult(users, items, Uf, Vf)


def _half_step(client: Any, csrs: list, other: Any, s: ALSSettings) -> Any:
    gram = client.submit(_gram, other, pure=False) if s.implicit else None
    parts = [client.submit(_solve, c, other, s, gram, pure=False) for c in csrs]
    return client.submit(_concat, *parts, pure=False)
