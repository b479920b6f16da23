"""The numeric algorithms on a LocalCluster with two worker processes: encoded edge blocks,
kernels and results must pickle, and answers must equal the embedded session's."""

from __future__ import annotations

import pytest

from dfengine.graphframes import GraphFrame
from tests.graphframes.test_algorithms import column, graphframe, make_graph

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster_session():
    from distributed import Client, LocalCluster

    from dfengine.sql.session import SparkSession

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    client = Client(cluster, set_as_default=False)
    session = SparkSession._create({"spark.master": "local[2]",
                                    "dfengine.dask.client": client,
                                    "dfengine.ui.showProgress": "false"})
    yield session
    session.stop()
    client.close()
    cluster.close()


@pytest.mark.parametrize("string_ids", [False, True])
def test_algorithms_match_embedded(spark, cluster_session, string_ids):
    ids, edges = make_graph(11, string_ids=string_ids)
    local, remote = graphframe(spark, ids, edges), graphframe(cluster_session, ids, edges)
    assert isinstance(remote, GraphFrame)
    runs = [
        (lambda g: g.pageRank(maxIter=6, weightCol="w").vertices, "pagerank"),
        (lambda g: g.connectedComponents(), "component"),
        (lambda g: g.stronglyConnectedComponents(5), "component"),
        (lambda g: g.labelPropagation(3), "label"),
        (lambda g: g.shortestPaths([ids[0], ids[5]]), "distances"),
        (lambda g: g.triangleCount(), "count"),
    ]
    for run, name in runs:
        a, b = column(run(local), name), column(run(remote), name)
        if name == "pagerank":
            assert max(abs(a[k] - b[k]) for k in a) < 1e-12
        else:
            assert a == b, name
