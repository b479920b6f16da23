"""KMeans and BisectingKMeans with distanceMeasure="cosine" against PySpark."""

from __future__ import annotations

import numpy as np
import pytest

from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import convert_rows


def _directional_rows():
    """Three directions, points at random lengths (cosine clusters, not Euclidean ones)."""
    rng = np.random.default_rng(5)
    dirs = np.array([[1.0, 0.1, 0.0], [0.0, 1.0, 0.2], [0.3, 0.0, 1.0]])
    rows = []
    for i in range(45):
        x = dirs[i % 3] * rng.uniform(0.2, 20.0) + rng.normal(scale=0.05, size=3)
        rows.append((Vectors.dense(x.tolist()),))
    return rows


def _same_partition(a, b):
    pairs = set(zip(a, b))
    assert len(pairs) == len(set(a)) == len(set(b)), pairs


@pytest.mark.parametrize("kind", ["KMeans", "BisectingKMeans"])
def test_cosine_clustering_matches_pyspark(spark, pyspark_session, tmp_path, kind):
    import pyspark.ml.clustering as PC

    import dfengine.ml.clustering as DC

    rows = _directional_rows()
    df = spark.createDataFrame(rows, ["features"])
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), ["features"])
    kw = {"k": 3, "distanceMeasure": "cosine", "seed": 4, "maxIter": 30}
    ours, theirs = getattr(DC, kind)(**kw).fit(df), getattr(PC, kind)(**kw).fit(pdf)
    a = [r.prediction for r in ours.transform(df).collect()]
    b = [r.prediction for r in theirs.transform(pdf).collect()]
    _same_partition(a, b)
    key = lambda c: tuple(np.round(c, 6))  # noqa: E731
    np.testing.assert_allclose(sorted(map(list, ours.clusterCenters()), key=key),
                               sorted(map(list, theirs.clusterCenters()), key=key), atol=1e-9)
    assert ours.summary.trainingCost == pytest.approx(theirs.summary.trainingCost, rel=1e-9)
    assert ours.predict(rows[4][0]) == a[4]
    ours.write().overwrite().save(str(tmp_path / kind))
    loaded = getattr(DC, kind + "Model").load(str(tmp_path / kind))
    assert loaded.getDistanceMeasure() == "cosine"
    assert [r.prediction for r in loaded.transform(df).collect()] == a
    zero = spark.createDataFrame([(Vectors.dense(0.0, 0.0, 0.0),)] + rows, ["features"])
    with pytest.raises(Exception, match="zero-length vectors"):
        getattr(DC, kind)(**kw).fit(zero)
