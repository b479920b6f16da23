"""Spark's ALS starting factors, drawn exactly as `ALS.initialize` draws them.

Spark hash-partitions the ids into `numBlocks` blocks (`id mod numBlocks`), and for each block
draws from `XORShiftRandom(byteswap64(seed ^ blockId))`: for each id of the block in sorted
order, `rank` values of `java.util.Random.nextGaussian` (Marsaglia's polar method), rounded to
float and scaled to unit length. The user and item seeds are the first two `nextLong()` of
`XORShiftRandom(seed)`. With the same seed and block counts dfengine therefore starts from
PySpark's factors, and since the normal equations and their solves are Spark's too, fits the
same model (the differential test compares the factors).

The start matters: ALS is not convex, and on the issue's 10M-rating benchmark 10 iterations
from numpy's Gaussian start reached a test RMSE of 0.704 where Spark's start gives 0.825; both
starts reach the same objective after about 40 iterations (docs/ml-trees.md has the curves).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from dfengine.ml.feature.hashing import murmur3_strings

_M64 = (1 << 64) - 1
_BYTESWAP = 0x9E3775CD9E3775CD       # scala.util.hashing.byteswap64's multiplier
_ARRAY_SEED = 0x3C074A61           # scala.util.hashing.MurmurHash3.arraySeed


def _hash_seed(seed: int) -> int:
    """`XORShiftRandom.hashSeed`: MurmurHash3 of the seed's 8 big-endian bytes, twice."""
    data = np.frombuffer((seed & _M64).to_bytes(8, "big"), dtype=np.uint8)
    offsets = np.array([0, data.size], dtype=np.int64)
    low = int(murmur3_strings(data, offsets, _ARRAY_SEED)[0])
    high = int(murmur3_strings(data, offsets, low)[0])
    return ((high & 0xFFFFFFFF) << 32) | (low & 0xFFFFFFFF)


def _step(s: int) -> int:
    s ^= (s << 21) & _M64
    s ^= s >> 35
    return s ^ ((s << 4) & _M64)


def _next_long(state: int) -> tuple[int, int]:
    """`Random.nextLong()` on XORShiftRandom: two 32-bit draws, as signed ints."""
    a = _step(state)
    b = _step(a)
    hi, lo = (v & 0xFFFFFFFF for v in (a, b))
    hi, lo = (v - (1 << 32) if v >= 1 << 31 else v for v in (hi, lo))
    return b, ((hi << 32) + lo) & _M64


def _byteswap64(v: int) -> int:
    """`scala.util.hashing.byteswap64`."""
    hc = int.from_bytes(((v * _BYTESWAP) & _M64).to_bytes(8, "little"), "big")
    return (hc * _BYTESWAP) & _M64


def side_seeds(seed: int) -> tuple[int, int]:
    """The user and item seeds of `ALS.train` for the estimator's `seed`."""
    state = _hash_seed(seed)
    state, user = _next_long(state)
    _, item = _next_long(state)
    return user, item


@njit(nogil=True, cache=True)
def _next_bits(s, bits):
    s ^= s << np.uint64(21)
    s ^= s >> np.uint64(35)
    s ^= s << np.uint64(4)
    return s, np.int64(s & np.uint64((1 << bits) - 1))


@njit(nogil=True, cache=True)
def _unit_gaussian_rows(state, n, rank):
    """n rows of `rank` nextGaussian() values as float, each scaled to unit length."""
    out = np.empty((n, rank), dtype=np.float32)
    s = np.uint64(state)
    spare, have = 0.0, False
    for r in range(n):
        for j in range(rank):
            if have:
                out[r, j] = np.float32(spare)
                have = False
                continue
            while True:
                s, a = _next_bits(s, 26)
                s, b = _next_bits(s, 27)
                v1 = 2.0 * ((a * 134217728 + b) * 1.1102230246251565e-16) - 1.0
                s, a = _next_bits(s, 26)
                s, b = _next_bits(s, 27)
                v2 = 2.0 * ((a * 134217728 + b) * 1.1102230246251565e-16) - 1.0
                q = v1 * v1 + v2 * v2
                if q < 1.0 and q != 0.0:
                    break
            m = np.sqrt(-2.0 * np.log(q) / q)
            spare, have = v2 * m, True
            out[r, j] = np.float32(v1 * m)
        acc = np.float32(0.0)              # snrm2 and sscal as Spark's Java BLAS: in float
        for j in range(rank):
            acc = np.float32(acc + out[r, j] * out[r, j])
        out[r] *= np.float32(1.0) / np.float32(np.sqrt(acc))
    return out


def spark_factors(ids: np.ndarray, rank: int, seed: int, num_blocks: int) -> np.ndarray:
    """Spark's starting factors of the sorted unique `ids`, row i for ids[i]."""
    out = np.empty((ids.size, rank), dtype=np.float32)
    block = np.mod(ids, num_blocks)          # HashPartitioner: nonNegativeMod(id, n)
    for b in np.unique(block):
        where = np.flatnonzero(block == b)   # ids are sorted, so is each block
        state = _hash_seed(_byteswap64((seed ^ int(b)) & _M64))
        out[where] = _unit_gaussian_rows(np.uint64(state), where.size, rank)
    return out
