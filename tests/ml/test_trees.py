"""Tree learners against PySpark (same trees on deterministic cases) and scikit-learn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import dfengine.ml.classification as dc
import dfengine.ml.regression as dr
from dfengine.errors import IllegalArgumentException
from dfengine.ml.feature import VectorAssembler


@pytest.fixture(scope="module")
def small():
    rng = np.random.default_rng(0)
    n = 400
    X = np.round(rng.normal(size=(n, 3)), 1)
    pdf = pd.DataFrame(X, columns=["a", "b", "c"])
    pdf["label"] = ((X[:, 0] + X[:, 1] * X[:, 2] + rng.normal(size=n) * 0.3) > 0).astype(float)
    pdf["y3"] = np.digitize(X[:, 0] + X[:, 1] * 0.5 + rng.normal(size=n) * 0.3,
                            [-0.5, 0.5]).astype(float)
    pdf["w"] = rng.uniform(0.5, 2.0, n)
    pdf["t"] = X[:, 0] * 2 + np.sin(X[:, 1] * 3) + rng.normal(size=n) * 0.2
    return pdf


@pytest.fixture(scope="module")
def frames(spark, pyspark_session, small):
    from pyspark.ml.feature import VectorAssembler as PVA

    cols = ["a", "b", "c"]
    df = VectorAssembler(inputCols=cols, outputCol="features").transform(
        spark.createDataFrame(small))
    pdf = PVA(inputCols=cols, outputCol="features").transform(
        pyspark_session.createDataFrame(small))
    return df, pdf


def _body(s: str) -> str:
    return s.split("\n", 1)[1]


def _same_debug_string(a: str, b: str) -> None:
    """Same tree text; numbers equal to 1e-12 (category sums may round differently)."""
    import re

    num = r"-?\d+\.\d+(?:E-?\d+)?"
    assert re.sub(num, "#", a) == re.sub(num, "#", b)
    np.testing.assert_allclose([float(v) for v in re.findall(num, a)],
                               [float(v) for v in re.findall(num, b)], rtol=1e-12, atol=1e-14)


def _pair(name: str, frames, **kw):
    import pyspark.ml.classification as pc
    import pyspark.ml.regression as pr

    df, pdf = frames
    ours = getattr(dc if hasattr(dc, name) else dr, name)(**kw).fit(df)
    theirs = getattr(pc if hasattr(pc, name) else pr, name)(**kw).fit(pdf)
    return ours, theirs


CASES = [
    ("DecisionTreeClassifier", {"maxDepth": 4}),
    ("DecisionTreeClassifier", {"maxDepth": 5, "impurity": "entropy", "labelCol": "y3",
                                "minInstancesPerNode": 3}),
    ("DecisionTreeClassifier", {"maxDepth": 4, "weightCol": "w", "maxBins": 8,
                                "minInfoGain": 0.01}),
    ("DecisionTreeRegressor", {"maxDepth": 4, "labelCol": "t"}),
    ("DecisionTreeRegressor", {"maxDepth": 3, "labelCol": "t", "weightCol": "w",
                               "minWeightFractionPerNode": 0.05}),
    ("GBTClassifier", {"maxIter": 5, "maxDepth": 3}),
    ("GBTRegressor", {"maxIter": 4, "maxDepth": 3, "labelCol": "t"}),
    ("GBTRegressor", {"maxIter": 4, "maxDepth": 2, "labelCol": "t", "lossType": "absolute"}),
]


@pytest.mark.parametrize(("name", "kw"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_same_tree_as_spark(frames, name, kw):
    """Deterministic learners (all rows, all features) give Spark's trees exactly."""
    ours, theirs = _pair(name, frames, **kw)
    if name == "DecisionTreeClassifier" and "weightCol" not in kw:   # counts: exact
        assert _body(ours.toDebugString) == _body(theirs.toDebugString)
    else:                        # sibling histograms by subtraction: sums to ~1e-13
        _same_debug_string(_body(ours.toDebugString), _body(theirs.toDebugString))
    assert repr(ours).split(",", 1)[1] == str(theirs).split(",", 1)[1]
    np.testing.assert_allclose(ours.featureImportances.toArray(),
                               theirs.featureImportances.toArray(), rtol=1e-9, atol=1e-12)
    df, pdf = frames
    a = ours.transform(df).toPandas()
    b = theirs.transform(pdf).toPandas()
    np.testing.assert_allclose(a["prediction"], b["prediction"], rtol=1e-12, atol=1e-14)
    if "probability" in b:
        np.testing.assert_allclose(np.stack(a["probability"].map(np.asarray)),
                                   np.stack(b["probability"].map(lambda v: v.toArray())),
                                   rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(np.stack(a["rawPrediction"].map(np.asarray)),
                                   np.stack(b["rawPrediction"].map(lambda v: v.toArray())),
                                   rtol=1e-9, atol=1e-12)
    if name.startswith("GBT"):
        assert ours.treeWeights == theirs.treeWeights
        args = [] if name == "GBTClassifier" else [kw.get("lossType", "squared")]
        np.testing.assert_allclose(ours.evaluateEachIteration(df, *args),
                                   theirs.evaluateEachIteration(pdf, *args), rtol=1e-9)


def test_single_vector_predict(frames):
    ours, theirs = _pair("DecisionTreeClassifier", frames, maxDepth=3, labelCol="y3")
    from pyspark.ml.linalg import Vectors as PV

    from dfengine.ml.linalg import Vectors

    for v in ([0.1, -0.3, 2.0], [-1.0, 1.0, 0.0]):
        assert ours.predict(Vectors.dense(v)) == theirs.predict(PV.dense(v))
        np.testing.assert_allclose(ours.predictProbability(Vectors.dense(v)).toArray(),
                                   theirs.predictProbability(PV.dense(v)).toArray())
        assert ours.predictLeaf(Vectors.dense(v)) == theirs.predictLeaf(PV.dense(v))
    assert ours.numNodes == theirs.numNodes and ours.depth == theirs.depth


def _accuracy(model, df, label="label") -> float:
    p = model.transform(df).select(label, "prediction").toPandas()
    return float((p[label] == p["prediction"]).mean())


def test_random_forest_matches_spark_accuracy(spark, pyspark_session):
    """Bootstrap draws differ from Spark's RNG: compare held-out accuracy and AUC."""
    from pyspark.ml.evaluation import BinaryClassificationEvaluator as PBE
    from pyspark.ml.feature import VectorAssembler as PVA
    from sklearn.ensemble import RandomForestClassifier as SkRF

    from dfengine.ml.evaluation import BinaryClassificationEvaluator

    rng = np.random.default_rng(5)
    n, d = 6000, 6
    X = rng.normal(size=(n, d))
    y = ((X[:, 0] * X[:, 1] + X[:, 2] - 0.5 * X[:, 3] + rng.normal(size=n) * 0.5) > 0)
    pdf = pd.DataFrame(X, columns=[f"f{i}" for i in range(d)])
    pdf["label"] = y.astype(float)
    train, test = pdf.iloc[:4000], pdf.iloc[4000:]
    cols = list(pdf.columns[:d])
    va = VectorAssembler(inputCols=cols, outputCol="features")
    pva = PVA(inputCols=cols, outputCol="features")
    kw = {"numTrees": 30, "maxDepth": 6, "seed": 1}
    ours = dc.RandomForestClassifier(**kw).fit(va.transform(spark.createDataFrame(train)))
    from pyspark.ml.classification import RandomForestClassifier as PRF

    theirs = PRF(**kw).fit(pva.transform(pyspark_session.createDataFrame(train)))
    dtest = va.transform(spark.createDataFrame(test))
    ptest = pva.transform(pyspark_session.createDataFrame(test))
    auc_d = BinaryClassificationEvaluator().evaluate(ours.transform(dtest))
    auc_p = PBE().evaluate(theirs.transform(ptest))
    # 30 trees on 4000 rows: seeds alone move the AUC by about 0.01 (either engine)
    assert abs(auc_d - auc_p) < 0.02
    acc_p = _accuracy(theirs, ptest)
    assert abs(_accuracy(ours, dtest) - acc_p) < 0.03
    sk = SkRF(n_estimators=30, max_depth=6, random_state=0).fit(train[cols], train["label"])
    assert _accuracy(ours, dtest) > sk.score(test[cols], test["label"]) - 0.02
    assert ours.getNumTrees == 30 and len(ours.trees) == 30
    assert ours.treeWeights == [1.0] * 30
    imp = ours.featureImportances.toArray()
    assert imp.sum() == pytest.approx(1.0) and imp[4] < imp[0] and imp[5] < imp[2]


def test_random_forest_regressor_vs_sklearn(spark):
    from sklearn.ensemble import RandomForestRegressor as SkRF

    rng = np.random.default_rng(2)
    n = 3000
    X = rng.uniform(-2, 2, size=(n, 4))
    y = np.sin(X[:, 0] * 2) + X[:, 1] ** 2 + rng.normal(size=n) * 0.1
    pdf = pd.DataFrame(X, columns=list("abcd"))
    pdf["label"] = y
    va = VectorAssembler(inputCols=list("abcd"), outputCol="features")
    df = va.transform(spark.createDataFrame(pdf.iloc[:2000]))
    test = va.transform(spark.createDataFrame(pdf.iloc[2000:]))
    m = dr.RandomForestRegressor(numTrees=20, maxDepth=8, featureSubsetStrategy="all",
                                 seed=3).fit(df)
    p = m.transform(test).toPandas()
    rmse = float(np.sqrt(np.mean((p["prediction"] - p["label"]) ** 2)))
    sk = SkRF(n_estimators=20, max_depth=8, random_state=0).fit(pdf.iloc[:2000][list("abcd")],
                                                                pdf.iloc[:2000]["label"])
    sk_rmse = float(np.sqrt(np.mean((sk.predict(pdf.iloc[2000:][list("abcd")]) - y[2000:]) ** 2)))
    assert rmse < sk_rmse * 1.15


def test_gbt_validation_indicator_stops_early(spark, small):
    pdf = small.copy()
    pdf["val"] = np.arange(len(pdf)) % 4 == 0
    df = VectorAssembler(inputCols=["a", "b", "c"], outputCol="features").transform(
        spark.createDataFrame(pdf))
    m = dr.GBTRegressor(maxIter=60, maxDepth=4, stepSize=0.5, labelCol="t",
                        validationIndicatorCol="val", validationTol=0.05).fit(df)
    assert 1 <= m.getNumTrees < 60


def test_save_load_roundtrip(tmp_path, frames):
    df, _ = frames
    for est in (dc.RandomForestClassifier(numTrees=3, maxDepth=3, labelCol="y3"),
                dc.GBTClassifier(maxIter=3, maxDepth=2),
                dr.DecisionTreeRegressor(maxDepth=3, labelCol="t", varianceCol="v")):
        m = est.fit(df)
        path = str(tmp_path / type(m).__name__)
        m.write().overwrite().save(path)
        loaded = type(m).load(path)
        assert loaded.toDebugString.split("\n", 1)[1] == m.toDebugString.split("\n", 1)[1]
        a = m.transform(df).toPandas()
        b = loaded.transform(df).toPandas()
        pd.testing.assert_frame_equal(a, b)


def test_bad_input(spark, frames):
    df, _ = frames
    with pytest.raises(IllegalArgumentException, match="impurity"):
        dc.DecisionTreeClassifier(impurity="variance").fit(df)
    with pytest.raises(IllegalArgumentException, match="labels must be integers"):
        dc.DecisionTreeClassifier(labelCol="t").fit(df)
    with pytest.raises(IllegalArgumentException, match="binary"):
        dc.GBTClassifier(labelCol="y3").fit(df)
    with pytest.raises(IllegalArgumentException, match="maxDepth"):
        dr.DecisionTreeRegressor(maxDepth=31).fit(df)
    with pytest.raises(IllegalArgumentException, match="featureSubsetStrategy"):
        dc.RandomForestClassifier(featureSubsetStrategy="half").fit(df)
    with pytest.raises(IllegalArgumentException, match="does not exist"):
        dc.DecisionTreeClassifier(labelCol="nope").fit(df)
    m = dc.DecisionTreeClassifier(maxDepth=2).fit(df)
    short = VectorAssembler(inputCols=["a", "b"], outputCol="f2").transform(
        df.select("a", "b"))
    with pytest.raises(Exception, match="3 features"):
        m.setFeaturesCol("f2").transform(short).collect()


def test_params_and_defaults_match_pyspark():
    import pyspark.ml.classification as pc
    import pyspark.ml.regression as pr

    for name in ("DecisionTreeClassifier", "RandomForestClassifier", "GBTClassifier"):
        _same_defaults(getattr(dc, name)(), getattr(pc, name)())
    for name in ("DecisionTreeRegressor", "RandomForestRegressor", "GBTRegressor"):
        _same_defaults(getattr(dr, name)(), getattr(pr, name)())


def _same_defaults(ours, theirs):
    skip = {"seed"}
    for p in theirs.params:
        if p.name in skip or not theirs.hasDefault(p):
            continue
        assert ours.hasParam(p.name), p.name
        assert ours.getOrDefault(p.name) == theirs.getOrDefault(p), p.name


def test_prune_tree_false_matches_spark(frames):
    ours, theirs = _pair("DecisionTreeClassifier", frames, maxDepth=5, pruneTree=False)
    assert _body(ours.toDebugString) == _body(theirs.toDebugString)
    pruned, _ = _pair("DecisionTreeClassifier", frames, maxDepth=5)
    assert pruned.numNodes < ours.numNodes


def test_sparse_features_same_tree_as_spark(spark, pyspark_session):
    """Sparse vectors (mostly zeros) train the same tree as in Spark."""
    from pyspark.ml.classification import DecisionTreeClassifier as PDT
    from pyspark.ml.linalg import Vectors as PV

    from dfengine.ml.linalg import Vectors

    rng = np.random.default_rng(11)
    n, d = 300, 8
    rows, prows = [], []
    for _ in range(n):
        idx = np.sort(rng.choice(d, 2, replace=False))
        val = np.round(rng.normal(size=2), 1)
        dense = np.zeros(d)
        dense[idx] = val
        label = float(dense[0] + dense[1] - dense[2] > 0)
        rows.append((Vectors.sparse(d, idx.tolist(), val.tolist()), label))
        prows.append((PV.sparse(d, idx.tolist(), val.tolist()), label))
    ours = dc.DecisionTreeClassifier(maxDepth=4).fit(
        spark.createDataFrame(rows, ["features", "label"]))
    theirs = PDT(maxDepth=4).fit(pyspark_session.createDataFrame(prows, ["features", "label"]))
    assert _body(ours.toDebugString) == _body(theirs.toDebugString)


# -- categorical features (Spark's ML attribute metadata on the features column)

CAT_META = {"ml_attr": {"attrs": {
    "nominal": [{"idx": 0, "vals": [str(float(i)) for i in range(6)]},
                {"idx": 1, "num_vals": 3}, {"idx": 3, "num_vals": 4}],
    "numeric": [{"idx": 2}]}, "num_attrs": 4}}


@pytest.fixture(scope="module")
def cat_frames(spark, pyspark_session):
    from pyspark.ml.feature import VectorAssembler as PVA

    rng = np.random.default_rng(1)
    n = 500
    c0, c1, c3 = rng.integers(0, 6, n), rng.integers(0, 3, n), rng.integers(0, 4, n)
    x = np.round(rng.normal(size=n), 1)
    t = np.array([0.3, -1, 2, 0.1, -0.5, 1.2])[c0] + (c1 == 1) * 1.5 + x + \
        rng.normal(size=n) * 0.3
    pdf = pd.DataFrame({"a": c0.astype(float), "b": c1.astype(float), "x": x,
                        "c": c3.astype(float), "t": t, "label": (t > 0.5).astype(float),
                        "y3": np.digitize(t, [0, 1.5]).astype(float)})
    cols = ["a", "b", "x", "c"]
    df = VectorAssembler(inputCols=cols, outputCol="features").transform(
        spark.createDataFrame(pdf)).withMetadata("features", CAT_META)
    ps = PVA(inputCols=cols, outputCol="features").transform(
        pyspark_session.createDataFrame(pdf)).withMetadata("features", CAT_META)
    return df, ps


CAT_CASES = [
    ("DecisionTreeClassifier", {"maxDepth": 4}),                       # ordered by class 1
    ("DecisionTreeClassifier", {"maxDepth": 4, "labelCol": "y3"}),     # category subsets
    ("DecisionTreeClassifier", {"maxDepth": 4, "labelCol": "y3", "maxBins": 6,
                                "impurity": "entropy"}),               # ordered by impurity
    ("DecisionTreeRegressor", {"maxDepth": 4, "labelCol": "t"}),       # ordered by mean
    ("GBTClassifier", {"maxIter": 3, "maxDepth": 3}),
]


@pytest.mark.parametrize(("name", "kw"), CAT_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CAT_CASES)])
def test_categorical_same_tree_as_spark(cat_frames, name, kw):
    ours, theirs = _pair(name, cat_frames, **kw)
    assert " in {" in ours.toDebugString
    _same_debug_string(_body(ours.toDebugString), _body(theirs.toDebugString))
    np.testing.assert_allclose(ours.featureImportances.toArray(),
                               theirs.featureImportances.toArray(), rtol=1e-9, atol=1e-12)
    df, pdf = cat_frames
    a = ours.transform(df).select("prediction").toPandas()["prediction"]
    b = theirs.transform(pdf).select("prediction").toPandas()["prediction"]
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_categorical_unknown_values_and_save_load(cat_frames, tmp_path):
    """Values outside a categorical feature's categories go where Spark sends them."""
    from pyspark.ml.linalg import Vectors as PV

    from dfengine.ml.linalg import Vectors

    ours, theirs = _pair("DecisionTreeClassifier", cat_frames, maxDepth=3, labelCol="y3")
    path = str(tmp_path / "dt_cat")
    ours.write().overwrite().save(path)
    loaded = dc.DecisionTreeClassificationModel.load(path)
    for v in ([7.0, 1.0, 0.2, 1.0], [2.0, -1.0, 0.0, 9.0], [1.5, 2.5, -0.3, 0.5],
              [5.0, 0.0, 1.0, 3.0]):
        expected = theirs.predictProbability(PV.dense(v)).toArray()
        np.testing.assert_allclose(ours.predictProbability(Vectors.dense(v)).toArray(),
                                   expected)
        np.testing.assert_allclose(loaded.predictProbability(Vectors.dense(v)).toArray(),
                                   expected)


def test_vector_indexer_feeds_categorical_trees(spark, pyspark_session, small):
    """VectorIndexer's output carries Spark's nominal attributes: a tree fitted on it (and
    after another stage) is Spark's."""
    from pyspark.ml.classification import DecisionTreeClassifier as PDT
    from pyspark.ml.feature import StringIndexer as PSI
    from pyspark.ml.feature import VectorAssembler as PVA
    from pyspark.ml.feature import VectorIndexer as PVI

    from dfengine.ml.feature import StringIndexer, VectorIndexer

    pdf = small.assign(k=(small["a"] * 2).round().clip(-3, 3) + 3, s=small["y3"].astype(str))
    cols = ["k", "b", "c"]
    df = VectorAssembler(inputCols=cols, outputCol="raw").transform(spark.createDataFrame(pdf))
    ps = PVA(inputCols=cols, outputCol="raw").transform(pyspark_session.createDataFrame(pdf))
    vi = VectorIndexer(inputCol="raw", outputCol="features", maxCategories=8).fit(df)
    pvi = PVI(inputCol="raw", outputCol="features", maxCategories=8).fit(ps)
    df = StringIndexer(inputCol="s", outputCol="si").fit(df).transform(vi.transform(df))
    ps = PSI(inputCol="s", outputCol="si").fit(ps).transform(pvi.transform(ps))
    # the attributes survive select / filter / cache / alias, as in Spark
    df = df.select("features", "si", "b").filter("b > -2.5").cache().select(
        df["features"].alias("f"), "si")
    ps = ps.select("features", "si", "b").filter("b > -2.5").cache().select(
        ps["features"].alias("f"), "si")
    ours = dc.DecisionTreeClassifier(maxDepth=4, labelCol="si", featuresCol="f").fit(df)
    theirs = PDT(maxDepth=4, labelCol="si", featuresCol="f").fit(ps)
    assert " in {" in ours.toDebugString
    _same_debug_string(_body(ours.toDebugString), _body(theirs.toDebugString))
    train, _ = df.randomSplit([0.7, 0.3], seed=3)
    assert " in {" in dc.DecisionTreeClassifier(maxDepth=4, labelCol="si",
                                                featuresCol="f").fit(train).toDebugString


def test_column_metadata_follows_spark(spark, pyspark_session):
    """withMetadata adds up over calls and leaves the frame it was called on alone; select,
    filter, randomSplit, cache, renames and `alias(metadata=)` keep or set it as Spark does."""
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    def views(df, f):
        b = df.withMetadata("x", {"k": 1}).withMetadata("y", {"k": 2})
        return [df, b, b.select("y", "x"), b.filter("x > 1"), b.cache(),
                b.randomSplit([0.5, 0.5], 1)[1], b.withColumnRenamed("x", "q"),
                b.select(f.col("y").alias("z"), (f.col("x") + 1).alias("w")),
                b.withColumn("t", f.lit(1)),
                df.select(f.col("x").alias("x2", metadata={"m": 3}))]

    rows, ddl = [(1, 2.0), (2, 3.0)], "x int, y double"
    ours = views(spark.createDataFrame(rows, ddl), F)
    theirs = views(pyspark_session.createDataFrame(rows, ddl), PF)
    for a, b in zip(ours, theirs, strict=True):
        assert [(f.name, f.metadata) for f in a.schema] == \
            [(f.name, f.metadata) for f in b.schema]
    assert sorted(ours[3].collect()) == sorted(theirs[3].collect())


def test_categorical_bad_input(spark, cat_frames):
    df, _ = cat_frames
    with pytest.raises(IllegalArgumentException, match="maxBins"):
        dc.DecisionTreeClassifier(maxBins=4).fit(df)
    bad = df.withMetadata("features", {"ml_attr": {"attrs": {"nominal": [
        {"idx": 2, "num_vals": 3}]}, "num_attrs": 4}})
    with pytest.raises(IllegalArgumentException, match="Feature 2 is categorical"):
        dc.DecisionTreeClassifier().fit(bad)


def test_string_indexer_columns_are_categorical(spark, pyspark_session, small):
    """StringIndexer's nominal attribute goes through VectorAssembler into the features'
    metadata, as in Spark: the tree splits on category sets."""
    from pyspark.ml.classification import DecisionTreeClassifier as PDT
    from pyspark.ml.feature import StringIndexer as PSI
    from pyspark.ml.feature import VectorAssembler as PVA

    from dfengine.ml.feature import StringIndexer

    g = np.array(["red", "green", "blue", "grey", "pink"])
    pdf = small.assign(g=g[((small["a"] + small["b"]) * 2).round().astype(int) % 5])
    cols = ["gi", "c"]
    ours_df = StringIndexer(inputCol="g", outputCol="gi").fit(
        spark.createDataFrame(pdf)).transform(spark.createDataFrame(pdf))
    ours_df = VectorAssembler(inputCols=cols, outputCol="features").transform(ours_df)
    ps = pyspark_session.createDataFrame(pdf)
    ps = PVA(inputCols=cols, outputCol="features").transform(
        PSI(inputCol="g", outputCol="gi").fit(ps).transform(ps))
    assert ours_df.schema["features"].metadata["ml_attr"]["attrs"]["nominal"][0]["idx"] == 0
    for label in ("label", "y3"):
        ours = dc.DecisionTreeClassifier(maxDepth=3, labelCol=label).fit(ours_df)
        theirs = PDT(maxDepth=3, labelCol=label).fit(ps)
        assert "feature 0 in {" in ours.toDebugString
        _same_debug_string(_body(ours.toDebugString), _body(theirs.toDebugString))


def test_forest_and_perceptron_summaries(spark, frames, tmp_path):
    """`summary` / `evaluate` metrics equal scikit-learn's on the model's own predictions."""
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    df, _ = frames
    m = dc.RandomForestClassifier(numTrees=5, maxDepth=3, seed=2).fit(df)
    p = m.transform(df).select("label", "prediction", "probability").toPandas()
    assert m.hasSummary and m.summary.totalIterations == 0       # as PySpark's
    assert m.summary.objectiveHistory == [0.0]
    assert m.summary.accuracy == pytest.approx(accuracy_score(p["label"], p["prediction"]))
    assert m.summary.areaUnderROC == pytest.approx(
        roc_auc_score(p["label"], p["probability"].map(lambda v: v[1])), abs=1e-9)
    assert m.evaluate(df).weightedFMeasure() == pytest.approx(
        f1_score(p["label"], p["prediction"], average="weighted"))
    m.write().overwrite().save(str(tmp_path / "rf"))
    loaded = dc.RandomForestClassificationModel.load(str(tmp_path / "rf"))
    assert not loaded.hasSummary
    from dfengine.errors import PySparkRuntimeError

    with pytest.raises(PySparkRuntimeError, match="No training summary"):
        loaded.summary  # noqa: B018
    mlp = dc.MultilayerPerceptronClassifier(layers=[3, 4, 3], maxIter=20, seed=1,
                                            labelCol="y3").fit(df)
    q = mlp.transform(df).select("y3", "prediction").toPandas()
    s = mlp.summary
    assert s.totalIterations == len(s.objectiveHistory) - 1 > 0
    assert s.objectiveHistory[-1] < s.objectiveHistory[0]
    assert s.accuracy == pytest.approx(accuracy_score(q["y3"], q["prediction"]))
    with pytest.raises(IllegalArgumentException, match="binary"):
        s.areaUnderROC  # noqa: B018
