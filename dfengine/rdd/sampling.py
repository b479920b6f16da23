"""Per-partition random sampling with the same generator and seeding as PySpark.

A partition's generator is `random.Random(seed ^ split)`, warmed by ten draws; Bernoulli
sampling keeps a record when a uniform draw is below the fraction, sampling with replacement
repeats it a Poisson(fraction) number of times, and `randomSplit` keeps the records whose draw
falls in its weight range (every split draws the same sequence, so splits are disjoint).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from typing import Any


def _generator(seed: int, split: int) -> random.Random:
    rng = random.Random(seed ^ split)
    for _ in range(10):
        rng.randint(0, 1)
    return rng


def _poisson(rng: random.Random, mean: float) -> int:
    if mean < 20.0:
        limit = math.exp(-mean)
        p = rng.random()
        k = 0
        while p > limit:
            k += 1
            p *= rng.random()
        return k
    p = rng.expovariate(mean)
    k = 0
    while p < 1.0:
        k += 1
        p += rng.expovariate(mean)
    return k


class Sampler:
    """`mapPartitionsWithIndex` function for `rdd.sample`."""

    def __init__(self, with_replacement: bool, fraction: float, seed: int):
        self.with_replacement = with_replacement
        self.fraction = fraction
        self.seed = seed

    def __call__(self, split: int, it: Iterator) -> Iterator:
        rng = _generator(self.seed, split)
        frac = self.fraction
        if self.with_replacement:
            for x in it:
                for _ in range(_poisson(rng, frac)):
                    yield x
        else:
            draw = rng.random
            for x in it:
                if draw() < frac:
                    yield x


class RangeSampler:
    """`mapPartitionsWithIndex` function for one split of `rdd.randomSplit`."""

    def __init__(self, lower: float, upper: float, seed: int):
        self.lower = lower
        self.upper = upper
        self.seed = seed

    def __call__(self, split: int, it: Iterator) -> Iterator[Any]:
        draw = _generator(self.seed, split).random
        lo, hi = self.lower, self.upper
        for x in it:
            if lo <= draw() < hi:
                yield x


class StratifiedSampler:
    """`mapPartitionsWithIndex` function for `rdd.sampleByKey`: `Sampler` with the fraction
    of each record's key."""

    def __init__(self, with_replacement: bool, fractions: dict, seed: int):
        self.with_replacement = with_replacement
        self.fractions = fractions
        self.seed = seed

    def _fraction(self, key: Any) -> float:
        try:
            return self.fractions[key]
        except KeyError:
            from dfengine.errors import PySparkKeyError

            raise PySparkKeyError(
                f"sampleByKey: no fraction for key {key!r}; the fractions dict must name "
                "every key of the RDD.", "KEY_NOT_EXISTS") from None

    def __call__(self, split: int, it: Iterator) -> Iterator:
        rng = _generator(self.seed, split)
        if self.with_replacement:
            for kv in it:
                for _ in range(_poisson(rng, self._fraction(kv[0]))):
                    yield kv
        else:
            draw = rng.random
            for kv in it:
                if draw() < self._fraction(kv[0]):
                    yield kv
