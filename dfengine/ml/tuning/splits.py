"""Deterministic random row splits of a DataFrame for model selection.

Every row gets a uniform random number from a generator seeded by the tuner's seed and the
partition's own content, so the same partition always splits the same way: the training and
validation sides of a fold, computed in separate tasks, are exact complements.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.ml import _frame


def _partition_uniform(table: pa.Table, seed: int) -> np.ndarray:
    head = table.slice(0, 8).to_pydict()
    digest = zlib.crc32(repr(sorted(head.items())).encode())
    rng = np.random.default_rng([seed & 0xFFFFFFFF, table.num_rows, digest])
    return rng.uniform(size=table.num_rows)


class _InRange:
    def __init__(self, seed: int, lo: float, hi: float, inside: bool):
        self.seed, self.lo, self.hi, self.inside = seed, lo, hi, inside

    def __call__(self, table: pa.Table) -> np.ndarray:
        u = _partition_uniform(table, self.seed)
        m = (u >= self.lo) & (u < self.hi)
        return m if self.inside else ~m


def split_range(df: Any, seed: int, lo: float, hi: float) -> tuple[Any, Any]:
    """(rows whose random number is outside [lo, hi), rows inside it) = (train, validation)."""
    return (_frame.filter_rows(df, _InRange(seed, lo, hi, False)),
            _frame.filter_rows(df, _InRange(seed, lo, hi, True)))
