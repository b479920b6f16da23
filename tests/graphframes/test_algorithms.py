"""Graph algorithms against networkx (and numpy references of GraphX's formulas).

The generated graphs have self-loops, duplicate edges, isolated vertices, sinks, and either
sparse integer ids or string ids; the edges are split over several partitions.
"""

from __future__ import annotations

import operator
from collections import Counter

import numpy as np
import pytest

from dfengine.graphframes import GraphFrame

nx = pytest.importorskip("networkx")


def make_graph(seed: int, n: int = 60, m: int = 150, string_ids: bool = False):
    rng = np.random.default_rng(seed)
    ids = [f"v{i:03d}" for i in range(n)] if string_ids else [int(i) * 7 + 3 for i in range(n)]
    active = n - 5  # the last five vertices stay isolated
    src = rng.integers(0, active, m)
    dst = np.where(rng.random(m) < 0.8, (src + rng.integers(1, 6, m)) % active,
                   rng.integers(0, active, m))
    weights = rng.integers(1, 4, m)
    edges = [(ids[s], ids[d], float(w)) for s, d, w in zip(src, dst, weights, strict=True)]
    edges += [(ids[1], ids[1], 1.0), (ids[2], ids[3], 2.0), (ids[2], ids[3], 2.0)]
    return ids, edges


def graphframe(spark, ids, edges):
    v = spark.createDataFrame([(i, f"name_{i}") for i in ids], ["id", "name"])
    e = spark.createDataFrame(edges, ["src", "dst", "w"]).repartition(3)
    return GraphFrame(v, e)


def nx_multi(ids, edges):
    g = nx.MultiDiGraph()
    g.add_nodes_from(ids)
    for s, d, w in edges:
        g.add_edge(s, d, w=w)
    return g


def column(df, name):
    return {r["id"]: r[name] for r in df.select("id", name).collect()}


@pytest.fixture(scope="module", params=[False, True], ids=["long_ids", "string_ids"])
def case(request, spark):
    ids, edges = make_graph(7, string_ids=request.param)
    return ids, edges, graphframe(spark, ids, edges), nx_multi(ids, edges)


def normalized(d):
    total = sum(d.values())
    return {k: v / total for k, v in d.items()}


def assert_close(ours, oracle, tol=1e-9):
    assert ours.keys() == oracle.keys()
    worst = max(abs(ours[k] - oracle[k]) for k in oracle)
    assert worst < tol, worst


def test_pagerank_converged_equals_networkx(case):
    ids, edges, g, G = case
    pr = g.pageRank(resetProbability=0.15, tol=1e-11)
    ours = column(pr.vertices, "pagerank")
    assert sum(ours.values()) == pytest.approx(len(ids))  # GraphX scales to the vertex count
    assert_close(normalized(ours), nx.pagerank(G, alpha=0.85, tol=1e-15, max_iter=10_000))


def test_pagerank_personalized_and_weighted_equal_networkx(case):
    ids, edges, g, G = case
    src = ids[4]
    ours = column(g.pageRank(sourceId=src, tol=1e-11).vertices, "pagerank")
    assert sum(ours.values()) == pytest.approx(1.0)
    oracle = nx.pagerank(G, alpha=0.85, personalization={src: 1}, tol=1e-15, max_iter=10_000)
    assert_close(ours, oracle)
    weighted = column(g.pageRank(tol=1e-11, weightCol="w").vertices, "pagerank")
    assert_close(normalized(weighted),
                 nx.pagerank(G, alpha=0.85, weight="w", tol=1e-15, max_iter=10_000))


def graphx_static_pagerank(ids, edges, iters, alpha=0.15):
    """GraphX's static PageRank, written out densely: rank 1, reset + (1-a) * messages."""
    pos = {v: i for i, v in enumerate(ids)}
    n = len(ids)
    outd = Counter(s for s, _, _ in edges)
    rank = np.ones(n)
    for _ in range(iters):
        msg = np.zeros(n)
        for s, d, _ in edges:
            msg[pos[d]] += rank[pos[s]] / outd[s]
        rank = alpha + (1 - alpha) * msg
    rank *= n / rank.sum()
    return dict(zip(ids, rank, strict=True))


def test_pagerank_fixed_iterations_and_edge_weights(case):
    ids, edges, g, _ = case
    pr = g.pageRank(maxIter=5)
    assert_close(column(pr.vertices, "pagerank"), graphx_static_pagerank(ids, edges, 5), 1e-12)
    outd = Counter(s for s, _, _ in edges)
    got = sorted((r["src"], r["dst"], r["weight"]) for r in pr.edges.collect())
    assert got == sorted((s, d, 1.0 / outd[s]) for s, d, _ in edges)
    assert pr.edges.columns == ["src", "dst", "w", "weight"]


def test_parallel_personalized_pagerank(case):
    ids, _, g, G = case
    sources = [ids[0], ids[10]]
    pr = g.parallelPersonalizedPageRank(sourceIds=sources, maxIter=120)
    rows = {r["id"]: r["pageranks"].toArray() for r in pr.vertices.collect()}
    for j, s in enumerate(sources):
        oracle = nx.pagerank(G, alpha=0.85, personalization={s: 1}, tol=1e-15, max_iter=10_000)
        assert_close({k: v[j] for k, v in rows.items()}, oracle, 1e-8)


def test_pagerank_rejects_both_or_neither_stopping_rule(case):
    g = case[2]
    with pytest.raises(ValueError, match="Exactly one"):
        g.pageRank()
    with pytest.raises(ValueError, match="Exactly one"):
        g.pageRank(maxIter=3, tol=0.1)


def smallest_member(components):
    return {v: min(c) for c in components for v in c}


def test_connected_components(case):
    ids, _, g, G = case
    oracle = smallest_member(nx.weakly_connected_components(G))
    if isinstance(ids[0], str):
        labels = column(g.connectedComponents(useLabelsAsComponents=True), "component")
        assert labels == oracle
        longs = column(g.connectedComponents(), "component")
        assert g.connectedComponents().schema["component"].dataType.simpleString() == "bigint"
        assert {frozenset(k for k in longs if longs[k] == c) for c in longs.values()} == \
            {frozenset(c) for c in nx.weakly_connected_components(G)}
    else:
        assert column(g.connectedComponents(), "component") == oracle


def test_strongly_connected_components(case):
    ids, _, g, G = case
    got = column(g.stronglyConnectedComponents(maxIter=10), "component")
    oracle = smallest_member(nx.strongly_connected_components(G))
    if isinstance(ids[0], str):  # components are longs: compare the partition
        got = {k: min(x for x in got if got[x] == v) for k, v in got.items()}
    assert got == oracle


@pytest.mark.parametrize("directed", [True, False])
def test_shortest_paths(case, directed):
    ids, _, g, G = case
    landmarks = [ids[0], ids[7], ids[-1]]
    got = column(g.shortestPaths(landmarks=landmarks, is_directed=directed), "distances")
    H = G if directed else G.to_undirected()
    oracle = {v: {} for v in ids}
    for lm in landmarks:
        for v, d in nx.shortest_path_length(H, target=lm).items():
            oracle[v][lm] = d
    assert got == oracle


def test_triangle_count(case):
    ids, _, g, G = case
    simple = nx.Graph(G)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    assert column(g.triangleCount(), "count") == nx.triangles(simple)


def lpa_reference(ids, edges, iters):
    """Synchronous LPA over both edge directions, ties to the smallest label."""
    label = {v: v for v in ids}
    nbrs = {v: [] for v in ids}
    for s, d, _ in edges:
        nbrs[s].append(d)
        nbrs[d].append(s)
    for _ in range(iters):
        new = {}
        for v in ids:
            counts = Counter(label[u] for u in nbrs[v])
            top = max(counts.values(), default=0)
            new[v] = min(k for k, c in counts.items() if c == top) if counts else label[v]
        label = new
    return label


def test_label_propagation(case):
    ids, edges, g, _ = case
    got = column(g.labelPropagation(maxIter=4), "label")
    ref = lpa_reference(ids, edges, 4)
    if isinstance(ids[0], str):  # labels are vertex positions in id order
        ref = {k: sorted(ids).index(v) for k, v in ref.items()}
    assert got == ref


def test_label_propagation_finds_cliques(spark):
    cliques = [[1, 2, 3, 4], [10, 11, 12]]
    edges = [(a, b, 1.0) for c in cliques for a in c for b in c if a < b]
    g = graphframe(spark, [1, 2, 3, 4, 10, 11, 12, 99], edges)
    assert column(g.labelPropagation(maxIter=5), "label") == {
        1: 1, 2: 1, 3: 1, 4: 1, 10: 10, 11: 10, 12: 10, 99: 99}


def test_rdd_pagerank_example_agrees(spark):
    """Spark's examples/src/main/python/pagerank.py on the same graph (no sinks, no duplicates,
    every vertex linked to: there the two definitions coincide)."""
    links = {"a": ["b", "c"], "b": ["c"], "c": ["a", "d"], "d": ["a", "b", "c"]}
    sc = spark.sparkContext
    rdd_links = sc.parallelize(list(links.items()), 2).cache()
    ranks = rdd_links.mapValues(lambda _: 1.0)
    for _ in range(10):
        contribs = rdd_links.join(ranks).flatMap(
            lambda kv: [(d, kv[1][1] / len(kv[1][0])) for d in kv[1][0]])
        ranks = contribs.reduceByKey(operator.add).mapValues(lambda r: 0.15 + 0.85 * r)
    expected = dict(ranks.collect())
    edges = [(s, d, 1.0) for s, ds in links.items() for d in ds]
    g = graphframe(spark, list(links), edges)
    assert_close(column(g.pageRank(maxIter=10).vertices, "pagerank"), expected, 1e-12)
