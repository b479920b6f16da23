"""Spark's NumericHistogram (from Hive) for histogram_numeric, step for step.

Each value joins its bin or opens a new one; past nBins bins the two closest adjacent bins
merge into their weighted mean. Ties between equally close pairs are broken by a
java.util.Random seeded 31183, as Spark does, so evenly spaced data (spark.range) gives
Spark's bins and not just a valid histogram.
"""

from __future__ import annotations

import bisect

_MULT, _MASK = 0x5DEECE66D, (1 << 48) - 1


class JavaRandom:
    """java.util.Random's 48-bit LCG, enough for nextDouble()."""

    def __init__(self, seed: int) -> None:
        self.seed = (seed ^ _MULT) & _MASK

    def _next(self, bits: int) -> int:
        self.seed = (self.seed * _MULT + 0xB) & _MASK
        return self.seed >> (48 - bits)

    def next_double(self) -> float:
        return ((self._next(26) << 27) + self._next(27)) * 2.0 ** -53


class NumericHistogram:
    """One group's histogram; `bins` is a sorted list of [x, count]."""

    def __init__(self, nbins: int) -> None:
        self.nbins = nbins
        self.bins: list[list[float]] = []
        self.xs: list[float] = []
        self.prng = JavaRandom(31183)

    def add(self, v: float) -> None:
        i = bisect.bisect_left(self.xs, v)
        if i < len(self.xs) and self.xs[i] == v:
            self.bins[i][1] += 1.0
            return
        self.bins.insert(i, [v, 1.0])
        self.xs.insert(i, v)
        if len(self.bins) > self.nbins:
            self._trim()

    def _closest_pair(self) -> int:
        """The left index of the closest adjacent pair; among equal gaps the k-th one
        replaces the choice with probability 1/k (reservoir sampling on Spark's prng)."""
        xs = self.xs
        best, loc, count = xs[1] - xs[0], 0, 1
        for i in range(1, len(xs) - 1):
            diff = xs[i + 1] - xs[i]
            if diff < best:
                best, loc, count = diff, i, 1
            elif diff == best:
                count += 1
                if self.prng.next_double() <= 1.0 / count:
                    loc = i
        return loc

    def _trim(self) -> None:
        while len(self.bins) > self.nbins:
            k = self._closest_pair()
            (x1, y1), (x2, y2) = self.bins[k], self.bins[k + 1]
            d = y1 + y2
            x = x1 * (y1 / d) + x2 / d * y2  # Spark's operation order, for its rounding
            self.bins[k] = [x, d]
            self.xs[k] = x
            del self.bins[k + 1], self.xs[k + 1]
