"""Spark's central-moment updates (CentralMomentAgg: stddev, variance), step for step.

Spark folds each row into (n, avg, m2) as it reads it and merges partition buffers into a
zero buffer in partition order; a two-pass variance is as exact but rounds differently, so
describe()'s stddev strings differed from Spark's in their last digit. Floating point is
not associative: only the same operations in the same order give Spark's digits."""

from __future__ import annotations

import numpy as np

from dfengine.kernels._jit import njit


@njit(nogil=True, cache=True)
def update(values: np.ndarray, valid: np.ndarray) -> tuple[float, float, float]:
    """(n, avg, m2) of the valid values, one row at a time as Spark's updateExpressions."""
    n = 0.0
    avg = 0.0
    m2 = 0.0
    for i in range(values.shape[0]):
        if valid[i]:
            new_n = n + 1.0
            delta = values[i] - avg
            delta_n = delta / new_n
            avg = avg + delta_n
            m2 = m2 + delta * (delta - delta_n)
            n = new_n
    return n, avg, m2


def merge(ns: list[float], avgs: list[float], m2s: list[float]) -> tuple[float, float, float]:
    """Partition buffers merged into a zero buffer in order, as Spark's mergeExpressions."""
    n, avg, m2 = 0.0, 0.0, 0.0
    for n2, avg2, m2_2 in zip(ns, avgs, m2s):
        new_n = n + n2
        delta = avg2 - avg
        delta_n = 0.0 if new_n == 0.0 else delta / new_n
        avg = avg + delta_n * n2
        m2 = m2 + m2_2 + delta * delta_n * n * n2
        n = new_n
    return n, avg, m2
