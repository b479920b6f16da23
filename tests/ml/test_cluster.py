"""Training on a LocalCluster with two worker processes: every task (block extraction,
kernels, transforms) must pickle, and results must equal those of the embedded cluster."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression as SkLogistic

from dfengine.ml import Pipeline
from dfengine.ml.classification import LogisticRegression
from dfengine.ml.clustering import KMeans
from dfengine.ml.evaluation import BinaryClassificationEvaluator
from dfengine.ml.feature import StandardScaler, VectorAssembler
from tests.ml.conftest import rel_err

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster_session():
    from distributed import Client, LocalCluster

    from dfengine.sql.session import SparkSession

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    client = Client(cluster, set_as_default=False)
    session = SparkSession._create({"spark.master": "local[2]",
                                    "dfengine.dask.client": client})
    yield session
    session.stop()
    client.close()
    cluster.close()


def test_pipeline_on_two_worker_processes(cluster_session, binary_data):
    X, y = binary_data
    pdf = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    pdf["label"] = y
    df = cluster_session.createDataFrame(pdf)
    C = 0.05
    pipe = Pipeline(stages=[
        VectorAssembler(inputCols=list(pdf.columns[:-1]), outputCol="raw"),
        StandardScaler(inputCol="raw", outputCol="features"),
        LogisticRegression(regParam=1.0 / (C * len(y)), standardization=False, tol=1e-10,
                           maxIter=300)])
    model = pipe.fit(df)
    std = X.std(axis=0, ddof=1)
    sk = SkLogistic(C=C, tol=1e-12, max_iter=10000).fit(X / std, y)
    assert rel_err(model.stages[-1].coefficients.toArray(), sk.coef_[0]) < 1e-4
    auc = BinaryClassificationEvaluator().evaluate(model.transform(df))
    from sklearn.metrics import roc_auc_score

    assert abs(auc - roc_auc_score(y, sk.decision_function(X / std))) < 1e-4
    km = KMeans(k=2, seed=3).fit(model.transform(df))
    assert len(km.clusterCenters()) == 2
