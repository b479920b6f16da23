"""`RDD.histogram`, as PySpark computes it.

Bucket bounds from a count: the min and max of the comparable elements (None and NaN are
skipped, not counted), `(max - min) / n` apart, kept integers when the step divides evenly
(`[1, 4, 7, 10]` for 1..10 in 3 buckets). Each bucket is [lo, hi) except the last, which is
closed; elements outside the bounds are not counted. Evenly spaced bounds find the bucket by
division, others by bisection.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from typing import Any

from dfengine.errors import PySparkTypeError, PySparkValueError


def comparable(x: Any) -> bool:
    """Elements a histogram counts: not None and not NaN."""
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _min_max(a: tuple, b: tuple) -> tuple:
    return min(a[0], b[0]), max(a[1], b[1])


def _pair(x: Any) -> tuple:
    return x, x


def even_bounds(rdd: Any, buckets: int) -> tuple[list, float | int | None, Any]:
    """(bounds, step, the filtered RDD) for `buckets` evenly spaced buckets; with one bucket
    or a constant RDD, the bounds are `[min, max]` and the step None."""
    if buckets < 1:
        raise PySparkValueError("number of buckets must be >= 1")
    filtered = rdd.filter(comparable)
    lo, hi = filtered.map(_pair).reduce(_min_max)
    if lo == hi or buckets == 1:
        return [lo, hi], None, filtered
    try:
        inc = (hi - lo) / buckets
    except TypeError:
        raise PySparkTypeError("Can not generate buckets with non-number in RDD") from None
    if math.isinf(inc):
        raise PySparkValueError("Can not generate buckets with infinite value")
    step = int(inc)          # keep integer bounds when the step divides evenly
    if step * buckets != hi - lo:
        step = (hi - lo) * 1.0 / buckets
    return [i * step + lo for i in range(buckets)] + [hi], step, filtered


def given_bounds(buckets: list | tuple) -> float | None:
    """Check user bounds as PySpark does; their common step if evenly spaced, else None."""
    if len(buckets) < 2:
        raise PySparkValueError("buckets should have more than one value")
    if any(not comparable(b) for b in buckets):
        raise PySparkValueError("can not have None or NaN in buckets")
    if sorted(buckets) != list(buckets):
        raise PySparkValueError("buckets should be sorted")
    if len(set(buckets)) != len(buckets):
        raise PySparkValueError("buckets should not contain duplicated values")
    try:
        steps = [b - a for a, b in zip(buckets, buckets[1:])]
    except TypeError:
        return None          # bounds without '-' (strings): bisection only
    if max(steps) - min(steps) < 1e-10:
        return (buckets[-1] - buckets[0]) / (len(buckets) - 1)
    return None


class BucketCounts:
    """Per-partition counts for bounds `bounds` (`step` when evenly spaced)."""

    def __init__(self, bounds: list, step: float | int | None):
        self.bounds, self.step = bounds, step

    def __call__(self, split: int, it: Iterable) -> list:
        b, step = self.bounds, self.step
        lo, hi = b[0], b[-1]
        counts = [0] * len(b)
        for x in it:
            if not comparable(x) or x > hi or x < lo:
                continue
            i = int((x - lo) / step) if step is not None else bisect.bisect_right(b, x) - 1
            counts[i] += 1
        last = counts.pop()  # the value equal to the top bound belongs to the last bucket
        counts[-1] += last
        return [counts]
