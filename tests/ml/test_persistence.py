"""save/load round trips: the reloaded stages transform data exactly as the originals."""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest

from dfengine.errors import IllegalArgumentException
from dfengine.ml import Pipeline, PipelineModel
from dfengine.ml.classification import LogisticRegression, LogisticRegressionModel
from dfengine.ml.clustering import KMeans, KMeansModel
from dfengine.ml.feature import (
    Imputer,
    OneHotEncoder,
    StandardScaler,
    StringIndexer,
    VectorAssembler,
)
from dfengine.ml.regression import LinearRegression, LinearRegressionModel


@pytest.fixture(scope="module")
def data(spark):
    rng = np.random.default_rng(9)
    n = 400
    pdf = pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n),
                        "c": rng.choice(["u", "v", "w"], size=n)})
    pdf.loc[::17, "a"] = np.nan
    pdf["label"] = ((pdf["b"] + (pdf["c"] == "u")) > 0.3).astype(float)
    return spark.createDataFrame(pdf)


def test_pipeline_round_trip(tmp_path, data):
    pipe = Pipeline(stages=[
        Imputer(inputCols=["a"], outputCols=["a_i"]),
        StringIndexer(inputCol="c", outputCol="c_i"),
        OneHotEncoder(inputCols=["c_i"], outputCols=["c_oh"]),
        VectorAssembler(inputCols=["a_i", "b", "c_oh"], outputCol="raw"),
        StandardScaler(inputCol="raw", outputCol="features"),
        LogisticRegression(regParam=0.01, maxIter=50),
    ])
    model = pipe.fit(data)
    path = str(tmp_path / "pm")
    model.save(path)
    with open(os.path.join(path, "metadata.json")) as f:
        meta = json.load(f)
    assert meta["class"].endswith("PipelineModel")
    loaded = PipelineModel.load(path)
    assert [type(s).__name__ for s in loaded.stages] == [type(s).__name__ for s in model.stages]
    assert [s.uid for s in loaded.stages] == [s.uid for s in model.stages]
    a = model.transform(data).select("probability", "prediction").toPandas()
    b = loaded.transform(data).select("probability", "prediction").toPandas()
    assert np.array_equal(np.vstack(a["probability"]), np.vstack(b["probability"]))
    assert loaded.stages[-1].getRegParam() == 0.01
    with pytest.raises(FileExistsError, match="overwrite"):
        model.save(path)
    model.write().overwrite().save(path)
    # the unfitted pipeline (estimators with params) round-trips as well
    pipe.save(str(tmp_path / "p"))
    again = Pipeline.load(str(tmp_path / "p"))
    assert [type(s).__name__ for s in again.getStages()] == \
        [type(s).__name__ for s in pipe.getStages()]
    assert again.getStages()[-1].getMaxIter() == 50


def test_model_round_trips(tmp_path, data):
    feats = VectorAssembler(inputCols=["b"], outputCol="features").transform(data)
    for est, cls in [(LinearRegression(regParam=0.1), LinearRegressionModel),
                     (LogisticRegression(), LogisticRegressionModel),
                     (KMeans(k=3, seed=4), KMeansModel)]:
        model = est.fit(feats)
        path = str(tmp_path / type(model).__name__)
        model.save(path)
        loaded = cls.load(path)
        a = model.transform(feats).select("prediction").toPandas()["prediction"]
        b = loaded.transform(feats).select("prediction").toPandas()["prediction"]
        assert a.equals(b)
        assert not loaded.hasSummary
    with pytest.raises(IllegalArgumentException, match="LinearRegressionModel"):  # as Spark
        LogisticRegressionModel.load(str(tmp_path / "LinearRegressionModel"))
