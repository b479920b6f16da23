"""pyspark.ml.stat.Summarizer against PySpark: every metric, weights, sparse rows, groupBy."""

from __future__ import annotations

import numpy as np
import pytest

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import _close, _plain, convert_rows

_ALL = ("mean", "sum", "variance", "std", "count", "numNonZeros", "max", "min", "normL2",
        "normL1")


def _rows():
    rng = np.random.default_rng(7)
    rows = []
    for i in range(12):
        x = rng.normal(size=4) * (rng.random(4) < 0.6)
        v = Vectors.sparse(4, {j: float(x[j]) for j in np.flatnonzero(x)}) if i % 2 else \
            Vectors.dense(x.tolist())
        rows.append((i % 3, float(rng.integers(0, 3)), v))
    return rows


def test_summarizer_matches_pyspark(spark, pyspark_session):
    from pyspark.ml.stat import Summarizer as PS

    from dfengine.ml.stat import Summarizer
    from dfengine.sql import functions as F

    rows, cols = _rows(), ["g", "weight", "features"]
    df = spark.createDataFrame(rows, cols)
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), cols)
    for weight in (None, "weight"):
        ours = df.select(Summarizer.metrics(*_ALL).summary(df.features, weight and df.weight))
        theirs = pdf.select(PS.metrics(*_ALL).summary(pdf.features, weight and pdf.weight))
        assert ours.columns == theirs.columns
        a, b = ours.first()[0], theirs.first()[0]
        for m in _ALL:
            assert _close(_plain(a[m]), _plain(b[m]), 1e-12), (m, a[m], b[m])
    # single-metric columns (names too) and per-group summaries
    ours = df.select(Summarizer.std(df.features, df.weight), Summarizer.count("features"))
    theirs = pdf.select(PS.std(pdf.features, pdf.weight), PS.count(pdf.features))
    assert ours.columns == theirs.columns
    assert _close(_plain(list(ours.first())), _plain(list(theirs.first())), 1e-12)
    a = df.groupBy("g").agg(Summarizer.mean(df.features).alias("m")).orderBy("g").collect()
    b = pdf.groupBy("g").agg(PS.mean(pdf.features).alias("m")).orderBy("g").collect()
    assert _close([_plain(r.m) for r in a], [_plain(r.m) for r in b], 1e-12)
    # resolved-column aggregate with an alias is a global aggregate (was an analysis error)
    assert df.select(F.sum(df.weight).alias("s")).first().s == sum(r[1] for r in rows)


def test_summarizer_errors(spark):
    from dfengine.ml.stat import Summarizer
    from dfengine.sql import functions as F

    df = spark.createDataFrame([(-1.0, Vectors.dense(1.0, 2.0)), (1.0, Vectors.dense(3.0))],
                               ["weight", "features"])
    neg = df.limit(1)
    with pytest.raises(Exception, match="Metric avg cannot be found"):
        Summarizer.metrics("avg")
    with pytest.raises(Exception, match="has to be >= 0.0"):
        neg.select(Summarizer.mean(neg.features, neg.weight)).collect()
    with pytest.raises(Exception, match="Dimensions mismatch"):
        df.select(Summarizer.mean(df.features)).collect()
    empty = df.where(F.col("weight") > 5)
    with pytest.raises(Exception, match="Nothing has been added"):
        empty.select(Summarizer.mean(empty.features)).collect()

