"""Feature transformers against PySpark on the same rows (outputs, kinds, model attributes)."""

from __future__ import annotations

import numpy as np
import pytest

import dfengine.ml.feature as F
from dfengine.ml.linalg import Vectors
from tests.ml1.conftest import assert_same_output

VEC_ROWS = [(0, Vectors.dense(1.0, 0.5, -1.0)), (1, Vectors.dense(2.0, 1.0, 1.0)),
            (2, Vectors.dense(4.0, 10.0, 2.0)), (3, Vectors.sparse(3, {1: -3.0})),
            (4, Vectors.dense(0.0, 0.0, 0.0))]


@pytest.mark.parametrize("name,kw", [
    ("Normalizer", {"p": 1.0}), ("Normalizer", {"p": float("inf")}),
    ("ElementwiseProduct", {"scalingVec": [0.0, 1.0, 2.0]}),
    ("PolynomialExpansion", {"degree": 3}), ("DCT", {"inverse": False}),
    ("DCT", {"inverse": True}), ("Binarizer", {"threshold": 0.7}),
    ("VectorSlicer", {"indices": [2, 0]}),
])
def test_vector_transformers(spark, pyspark_session, name, kw):
    import pyspark.ml.feature as PF
    from pyspark.ml.linalg import Vectors as PV

    kw2 = dict(kw)
    if "scalingVec" in kw:
        kw, kw2 = {"scalingVec": Vectors.dense(kw["scalingVec"])}, \
            {"scalingVec": PV.dense(kw["scalingVec"])}
    ours = getattr(F, name)(inputCol="v", outputCol="o", **kw)
    theirs = getattr(PF, name)(inputCol="v", outputCol="o", **kw2)
    assert_same_output(spark, pyspark_session, VEC_ROWS, ["id", "v"], ours, theirs, ["o"],
                       tol=1e-9)


@pytest.mark.parametrize("name", ["MaxAbsScaler", "RobustScaler"])
def test_vector_scalers(spark, pyspark_session, name, tmp_path):
    import pyspark.ml.feature as PF

    ours, _ = assert_same_output(spark, pyspark_session, VEC_ROWS, ["id", "v"],
                                 getattr(F, name)(inputCol="v", outputCol="o"),
                                 getattr(PF, name)(inputCol="v", outputCol="o"), ["o"],
                                 fit=True)
    ours.save(str(tmp_path / "m"))
    loaded = type(ours).load(str(tmp_path / "m"))
    df = spark.createDataFrame(VEC_ROWS, ["id", "v"])
    assert loaded.transform(df).collect() == ours.transform(df).collect()


def test_binarizer_scalar_and_bucketizer(spark, pyspark_session):
    import pyspark.ml.feature as PF

    rows = [(0, 0.1, -0.5), (1, 0.8, 0.3), (2, 0.2, 0.0), (3, float("nan"), 0.9)]
    assert_same_output(spark, pyspark_session, rows, ["id", "a", "b"],
                       F.Binarizer(inputCols=["a", "b"], outputCols=["x", "y"],
                                   thresholds=[0.5, 0.0]),
                       PF.Binarizer(inputCols=["a", "b"], outputCols=["x", "y"],
                                    thresholds=[0.5, 0.0]), ["x", "y"])
    splits = [-float("inf"), -0.5, 0.0, 0.5, float("inf")]
    assert_same_output(spark, pyspark_session, rows, ["id", "a", "b"],
                       F.Bucketizer(splitsArray=[splits, splits], inputCols=["a", "b"],
                                    outputCols=["x", "y"], handleInvalid="keep"),
                       PF.Bucketizer(splitsArray=[splits, splits], inputCols=["a", "b"],
                                     outputCols=["x", "y"], handleInvalid="keep"), ["x", "y"])
    df = spark.createDataFrame(rows, ["id", "a", "b"])
    skip = F.Bucketizer(splits=splits, inputCol="a", outputCol="x", handleInvalid="skip")
    assert skip.transform(df).count() == 3
    with pytest.raises(Exception, match="NaN"):
        F.Bucketizer(splits=splits, inputCol="a", outputCol="x").transform(df).collect()
    with pytest.raises(Exception, match="out of Bucketizer bounds"):
        F.Bucketizer(splits=[0.0, 0.5, 1.0], inputCol="b", outputCol="x").transform(
            df).collect()


def test_quantile_discretizer(spark, pyspark_session):
    import pyspark.ml.feature as PF

    rng = np.random.default_rng(1)
    rows = [(i, float(x)) for i, x in enumerate(rng.normal(size=200).round(3))]
    ours, theirs = assert_same_output(
        spark, pyspark_session, rows, ["id", "h"],
        F.QuantileDiscretizer(numBuckets=4, inputCol="h", outputCol="q"),
        PF.QuantileDiscretizer(numBuckets=4, inputCol="h", outputCol="q"), ["q"], fit=True)
    assert ours.getSplits() == theirs.getSplits()


def test_text_pipeline_stages(spark, pyspark_session):
    import pyspark.ml.feature as PF

    rows = [(0, "Hi I heard about Spark"), (1, "I wish Java could use case classes"),
            (2, "Logistic,regression,models,are neat"), (3, "  the  a THE Of spark "),
            (4, "")]
    cols = ["id", "s"]
    assert_same_output(spark, pyspark_session, rows, cols, F.Tokenizer(inputCol="s",
                       outputCol="t"), PF.Tokenizer(inputCol="s", outputCol="t"), ["t"])
    for kw in ({"pattern": "\\W"}, {"pattern": "\\w+", "gaps": False, "minTokenLength": 3}):
        assert_same_output(spark, pyspark_session, rows, cols,
                           F.RegexTokenizer(inputCol="s", outputCol="t", **kw),
                           PF.RegexTokenizer(inputCol="s", outputCol="t", **kw), ["t"])
    toks = [(i, s.lower().split()) for i, s in rows]
    assert_same_output(spark, pyspark_session, toks, ["id", "t"],
                       F.StopWordsRemover(inputCol="t", outputCol="f"),
                       PF.StopWordsRemover(inputCol="t", outputCol="f"), ["f"])
    assert F.StopWordsRemover.loadDefaultStopWords("german") == \
        PF.StopWordsRemover.loadDefaultStopWords("german")
    assert_same_output(spark, pyspark_session, toks, ["id", "t"],
                       F.NGram(n=3, inputCol="t", outputCol="g"),
                       PF.NGram(n=3, inputCol="t", outputCol="g"), ["g"])
    for kw in ({"numFeatures": 32}, {"numFeatures": 1 << 18, "binary": True}):
        assert_same_output(spark, pyspark_session, toks, ["id", "t"],
                           F.HashingTF(inputCol="t", outputCol="h", **kw),
                           PF.HashingTF(inputCol="t", outputCol="h", **kw), ["h"])
    assert_same_output(spark, pyspark_session, toks, ["id", "t"],
                       F.CountVectorizer(inputCol="t", outputCol="c", minDF=1.0, minTF=1.0),
                       PF.CountVectorizer(inputCol="t", outputCol="c", minDF=1.0, minTF=1.0),
                       ["c"], fit=True)


def test_idf_matches_pyspark(spark, pyspark_session, tmp_path):
    import pyspark.ml.feature as PF

    rows = [(0, Vectors.sparse(6, {0: 1.0, 3: 2.0})), (1, Vectors.sparse(6, {0: 3.0})),
            (2, Vectors.dense(0.0, 1.0, 0.0, 4.0, 0.0, 1.0))]
    ours, theirs = assert_same_output(spark, pyspark_session, rows, ["id", "tf"],
                                      F.IDF(inputCol="tf", outputCol="x", minDocFreq=2),
                                      PF.IDF(inputCol="tf", outputCol="x", minDocFreq=2),
                                      ["x"], fit=True)
    np.testing.assert_allclose(ours.idf.toArray(), theirs.idf.toArray(), rtol=1e-12)
    assert ours.docFreq == theirs.docFreq and ours.numDocs == theirs.numDocs


def test_feature_hasher(spark, pyspark_session):
    import pyspark.ml.feature as PF

    rows = [(2.2, True, "1", "foo"), (3.3, False, "2", "bar"), (4.4, False, "3", "baz"),
            (5.5, False, "4", "foo")]
    cols = ["real", "bool", "stringNum", "string"]
    assert_same_output(spark, pyspark_session, rows, cols,
                       F.FeatureHasher(inputCols=cols, outputCol="f", numFeatures=64),
                       PF.FeatureHasher(inputCols=cols, outputCol="f", numFeatures=64), ["f"])


def test_bad_input_types(spark):
    df = spark.createDataFrame([(1, "a b")], ["id", "s"])
    with pytest.raises(Exception, match="must be of type"):
        F.Normalizer(inputCol="s", outputCol="o").transform(df).collect()
    with pytest.raises(Exception, match="array"):
        F.HashingTF(inputCol="s", outputCol="o").transform(df).collect()
