"""Feature transformers against numpy / pandas / scikit-learn computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import MinMaxScaler as SkMinMax

from dfengine.errors import SparkRuntimeException
from dfengine.ml.feature import (
    Imputer,
    MinMaxScaler,
    OneHotEncoder,
    StandardScaler,
    StringIndexer,
    VectorAssembler,
)


def _vectors(df, col):
    return np.vstack([np.asarray(v) for v in df.select(col).toPandas()[col]])


@pytest.fixture(scope="module")
def mixed(spark):
    rng = np.random.default_rng(2)
    n = 500
    pdf = pd.DataFrame({"a": rng.normal(size=n) * 3 + 1, "b": rng.integers(0, 10, n),
                        "c": rng.choice(["red", "green", "blue", "amber"], size=n,
                                        p=[0.4, 0.3, 0.2, 0.1])})
    return pdf, spark.createDataFrame(pdf)


def test_vector_assembler_values_and_invalid_handling(spark, mixed):
    pdf, df = mixed
    out = VectorAssembler(inputCols=["a", "b"], outputCol="f").transform(df)
    assert out.schema["f"].dataType.typeName() == "vector"
    assert np.array_equal(_vectors(out, "f"), pdf[["a", "b"]].to_numpy(dtype=float))
    nulls = spark.createDataFrame(pd.DataFrame({"a": [1.0, None, 3.0], "b": [1.0, 2.0, None]}))
    with pytest.raises(SparkRuntimeException, match="handleInvalid"):
        VectorAssembler(inputCols=["a", "b"], outputCol="f").transform(nulls).collect()
    skip = VectorAssembler(inputCols=["a", "b"], outputCol="f", handleInvalid="skip")
    assert [list(r.f) for r in skip.transform(nulls).collect()] == [[1.0, 1.0]]
    keep = VectorAssembler(inputCols=["a", "b"], outputCol="f", handleInvalid="keep")
    got = _vectors(keep.transform(nulls), "f")
    assert np.array_equal(np.isnan(got), [[False, False], [True, False], [False, True]])


def test_scalers_match_numpy_and_sklearn(mixed):
    pdf, df = mixed
    X = pdf[["a", "b"]].to_numpy(dtype=float)
    feats = VectorAssembler(inputCols=["a", "b"], outputCol="f").transform(df)
    ss = StandardScaler(inputCol="f", outputCol="s", withMean=True).fit(feats)
    assert np.allclose(ss.std.toArray(), X.std(axis=0, ddof=1))
    got = _vectors(ss.transform(feats), "s")
    assert np.allclose(got, (X - X.mean(axis=0)) / X.std(axis=0, ddof=1))
    mm = MinMaxScaler(inputCol="f", outputCol="m", min=-1.0, max=1.0).fit(feats)
    assert np.allclose(_vectors(mm.transform(feats), "m"),
                       SkMinMax(feature_range=(-1, 1)).fit_transform(X))


def test_string_indexer_frequency_order_and_one_hot(spark, mixed):
    pdf, df = mixed
    model = StringIndexer(inputCol="c", outputCol="ci").fit(df)
    counts = pdf["c"].value_counts()
    expected = sorted(counts.index, key=lambda v: (-counts[v], v))
    assert model.labels == expected
    idx = model.transform(df)
    got = idx.select("ci").toPandas()["ci"].to_numpy()
    assert np.array_equal(got, pdf["c"].map({v: i for i, v in enumerate(expected)}).to_numpy())
    alpha = StringIndexer(inputCol="c", outputCol="ci", stringOrderType="alphabetAsc").fit(df)
    assert alpha.labels == sorted(expected)
    enc = OneHotEncoder(inputCols=["ci"], outputCols=["oh"]).fit(idx)
    assert enc.categorySizes == [4]
    oh = _vectors(enc.transform(idx), "oh")
    assert np.array_equal(oh, np.eye(4)[got.astype(int)][:, :3])
    unseen = spark.createDataFrame(pd.DataFrame({"c": ["red", "purple"]}))
    with pytest.raises(SparkRuntimeException, match="unseen label: purple"):
        model.transform(unseen).collect()
    keep = model.copy({model.handleInvalid: "keep"}).transform(unseen)
    assert [r.ci for r in keep.collect()] == [float(expected.index("red")), 4.0]
    skip = model.copy({model.handleInvalid: "skip"}).transform(unseen)
    assert [r.c for r in skip.collect()] == ["red"]


def test_imputer_strategies(spark):
    vals = [1.0, None, 4.0, float("nan"), 4.0, 10.0, -1.0, 2.0]
    pdf = pd.DataFrame({"x": vals, "y": [2.0, 2.0, None, 5.0, 7.0, 7.0, 7.0, 1.0]})
    df = spark.createDataFrame(pdf)
    clean = pd.Series([v for v in vals if v is not None and not np.isnan(v)])
    # Spark's median is the lower median (an element of the data): 2.0 of [-1, 1, 2, 4, 4, 10]
    for strategy, expect in [("mean", clean.mean()), ("median", 2.0), ("mode", 4.0)]:
        model = Imputer(inputCols=["x"], outputCols=["xi"], strategy=strategy).fit(df)
        assert model.surrogates["x"] == pytest.approx(expect)
        got = model.transform(df).select("xi").toPandas()["xi"].to_numpy()
        want = np.where(pd.isna(pdf["x"]), expect, pdf["x"])
        assert np.allclose(got, want)
    mv = Imputer(inputCols=["y"], outputCols=["yi"], missingValue=7.0).fit(df)
    assert mv.surrogates["y"] == pytest.approx(10.0 / 4)
