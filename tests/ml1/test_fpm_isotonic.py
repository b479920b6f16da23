"""FPGrowth, PrefixSpan and IsotonicRegression against PySpark."""

from __future__ import annotations

import numpy as np

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows


def test_fpgrowth(spark, pyspark_session):
    from pyspark.ml.fpm import FPGrowth as PFP

    from dfengine.ml.fpm import FPGrowth

    rows = [(0, ["a", "b", "e"]), (1, ["a", "b", "c", "e"]), (2, ["a", "b"]), (3, ["c", "d"]),
            (4, ["a", "c", "e"])]
    ours = FPGrowth(minSupport=0.4, minConfidence=0.6).fit(spark.createDataFrame(
        rows, ["id", "items"]))
    theirs = PFP(minSupport=0.4, minConfidence=0.6).fit(pyspark_session.createDataFrame(
        rows, ["id", "items"]))
    key = lambda r: (tuple(sorted(r[0])), r[1])  # noqa: E731
    assert sorted(map(key, ours.freqItemsets.collect())) == \
        sorted(map(key, theirs.freqItemsets.collect()))
    rk = lambda r: (tuple(sorted(r[0])), tuple(r[1]), round(r[2], 12), round(r[3], 12),  # noqa
                    round(r[4], 12))
    assert sorted(map(rk, ours.associationRules.collect())) == \
        sorted(map(rk, theirs.associationRules.collect()))
    a = ours.transform(spark.createDataFrame(rows, ["id", "items"])).collect()
    b = theirs.transform(pyspark_session.createDataFrame(rows, ["id", "items"])).collect()
    assert [sorted(r.prediction) for r in a] == [sorted(r.prediction) for r in b]


def test_prefixspan(spark, pyspark_session):
    from pyspark.ml.fpm import PrefixSpan as PPS

    from dfengine.ml.fpm import PrefixSpan

    seqs = [([[1, 2], [3]],), ([[1], [3, 2], [1, 2]],), ([[1, 2], [5]],), ([[6]],),
            ([[2, 4], [1, 2, 3]],)]
    a = PrefixSpan(minSupport=0.4, maxPatternLength=5).findFrequentSequentialPatterns(
        spark.createDataFrame(seqs, ["sequence"])).collect()
    b = PPS(minSupport=0.4, maxPatternLength=5).findFrequentSequentialPatterns(
        pyspark_session.createDataFrame(seqs, ["sequence"])).collect()
    norm = lambda rows: sorted((str([sorted(e) for e in r[0]]), r[1]) for r in rows)  # noqa
    assert norm(a) == norm(b)


def test_isotonic(spark, pyspark_session):
    from pyspark.ml.regression import IsotonicRegression as PIR

    from dfengine.ml.regression import IsotonicRegression

    rng = np.random.default_rng(2)
    x = np.round(rng.uniform(size=150), 2)
    y = np.round(x + rng.normal(scale=0.3, size=150), 3)
    rows = [(float(b), Vectors.dense([float(a)]), float(w))
            for a, b, w in zip(x, y, rng.integers(1, 3, 150))]
    for iso in (True, False):
        ours = IsotonicRegression(isotonic=iso, weightCol="w").fit(
            spark.createDataFrame(rows, ["label", "features", "w"]).repartition(3))
        theirs = PIR(isotonic=iso, weightCol="w").fit(
            pyspark_session.createDataFrame(convert_rows(rows, True), ["label", "features",
                                                                       "w"]))
        np.testing.assert_allclose(ours.boundaries.toArray(), theirs.boundaries.toArray())
        np.testing.assert_allclose(ours.predictions.toArray(), theirs.predictions.toArray(),
                                   rtol=1e-9)
