"""stddev/variance and describe() to the last digit of PySpark's: Spark folds rows into (n,
avg, m2) one at a time and merges partition buffers in order; a two-pass variance gave other
last digits (describe()'s strings differed). createDataFrame slices rows as Spark does."""

from __future__ import annotations

import random

import pytest

SIZES = [1, 2, 3, 4, 5, 7, 37]


def _rows(n):
    rnd = random.Random(n)
    return [(rnd.random() * 1000 if i % 5 else None, rnd.randint(-50, 50)) for i in range(n)]


def _stats(session, rows):
    df = session.createDataFrame(rows, "x double, k int")
    agg = df.selectExpr("stddev(x)", "variance(x)", "var_pop(x)", "stddev_pop(k)",
                        "var_samp(k)").first()
    return [repr(v) for v in agg], [tuple(r) for r in df.describe().collect()]


@pytest.mark.parametrize("n", SIZES)
def test_moments_have_pyspark_digits(spark, pyspark_session, n):
    rows = _rows(n)
    assert _stats(spark, rows) == _stats(pyspark_session, rows)
