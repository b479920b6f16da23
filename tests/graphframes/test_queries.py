"""Structural queries: degrees, filters, triplets, motifs (vs the same joins in DuckDB), BFS
(vs networkx shortest paths), aggregateMessages and Pregel (vs pandas / numpy)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from dfengine.graphframes import AggregateMessages as AM
from dfengine.graphframes import GraphFrame, Pregel
from dfengine.sql import functions as F

duckdb = pytest.importorskip("duckdb")
nx = pytest.importorskip("networkx")

VERTICES = [(i, f"n{i}", 20 + (i * 7) % 30) for i in range(12)]
EDGES = [(0, 1, "a"), (1, 2, "b"), (2, 0, "c"), (1, 0, "d"), (2, 3, "e"), (3, 4, "f"),
         (4, 2, "g"), (5, 5, "h"), (5, 6, "i"), (6, 5, "j"), (6, 5, "k"), (7, 8, "l"),
         (8, 9, "m"), (9, 7, "n"), (3, 9, "o"), (0, 1, "p")]  # 10, 11 isolated


@pytest.fixture(scope="module")
def g(spark):
    v = spark.createDataFrame(VERTICES, ["id", "name", "age"])
    e = spark.createDataFrame(EDGES, ["src", "dst", "rel"]).repartition(2)
    return GraphFrame(v, e)


@pytest.fixture(scope="module")
def db():
    con = duckdb.connect()
    con.register("v", pd.DataFrame(VERTICES, columns=["id", "name", "age"]))
    con.register("e", pd.DataFrame(EDGES, columns=["src", "dst", "rel"]))
    return con


def rows(df):
    return sorted(tuple(r) for r in df.collect())


def flat(df):
    """Motif rows flattened to tuples of the struct fields."""
    out = []
    for r in df.collect():
        out.append(tuple(x for s in r for x in s))
    return sorted(out)


def test_degrees(g):
    out_deg = Counter(s for s, _, _ in EDGES)
    in_deg = Counter(d for _, d, _ in EDGES)
    assert rows(g.outDegrees) == sorted(out_deg.items())
    assert rows(g.inDegrees) == sorted(in_deg.items())
    assert rows(g.degrees) == sorted((out_deg + in_deg).items())
    assert g.degrees.columns == ["id", "degree"]
    assert g.outDegrees.schema["outDegree"].dataType.simpleString() == "int"


def test_filters_and_isolated(g):
    f = g.filterVertices("age > 30")
    keep = {i for i, _, a in VERTICES if a > 30}
    assert {r.id for r in f.vertices.collect()} == keep
    assert rows(f.edges) == sorted(e for e in EDGES if e[0] in keep and e[1] in keep)
    assert rows(g.filterEdges(F.col("rel") > "k").edges) == sorted(e for e in EDGES if e[2] > "k")
    assert {r.id for r in g.dropIsolatedVertices().vertices.collect()} == set(range(10))


def test_triplets(g):
    t = g.triplets
    assert t.columns == ["src", "edge", "dst"]
    names = {i: (i, n, a) for i, n, a in VERTICES}
    assert flat(t) == sorted(names[s] + (s, d, r) + names[d] for s, d, r in EDGES)


MOTIFS = {
    "(a)-[e]->(b); (b)-[e2]->(a)":
        "select a.*, e.*, b.*, e2.* from e join v a on e.src = a.id join v b on e.dst = b.id "
        "join e e2 on e2.src = b.id and e2.dst = a.id",
    "(a)-[e]->(b); (b)-[e2]->(c); (c)-[e3]->(a)":
        "select a.*, e.*, b.*, e2.*, c.*, e3.* from e join v a on e.src = a.id "
        "join v b on e.dst = b.id join e e2 on e2.src = b.id join v c on e2.dst = c.id "
        "join e e3 on e3.src = c.id and e3.dst = a.id",
    "(a)-[]->(b); !(b)-[]->(a)":
        "select a.*, b.* from e join v a on e.src = a.id join v b on e.dst = b.id "
        "where not exists (select 1 from e r where r.src = b.id and r.dst = a.id)",
    "(a)-[e]->(a)":
        "select a.*, e.* from e join v a on e.src = a.id and e.dst = a.id",
    "(a)-[e]->(); ()-[e2]->(a)":
        "select a.*, e.*, e2.* from e join v a on e.src = a.id join e e2 on e2.dst = a.id",
    "(a); (a)-[e]->(b)":
        "select a.*, e.*, b.* from e join v a on e.src = a.id join v b on e.dst = b.id",
}


@pytest.mark.parametrize("pattern", list(MOTIFS))
def test_motifs_equal_duckdb_joins(g, db, pattern):
    got = g.find(pattern)
    assert flat(got) == sorted(db.execute(MOTIFS[pattern]).fetchall())


def test_motif_columns_and_errors(g):
    assert g.find("(a)-[e]->(b); (b)-[e2]->(c)").columns == ["a", "e", "b", "e2", "c"]
    with pytest.raises(Exception, match="more than once"):
        g.find("(a)-[e]->(b); (b)-[e]->(a)")
    with pytest.raises(Exception, match="Cannot parse"):
        g.find("(a)->(b)")
    with pytest.raises(Exception, match="positive term"):
        g.find("!(a)-[]->(b)")


def nx_graph():
    G = nx.MultiDiGraph()
    G.add_nodes_from(i for i, _, _ in VERTICES)
    G.add_edges_from((s, d) for s, d, _ in EDGES)
    return G


def oracle_paths(G, sources, targets, max_len):
    """All shortest vertex sequences of the globally shortest length, with edge multiplicity."""
    lengths = [nx.shortest_path_length(G, s, t) for s in sources for t in targets
               if nx.has_path(G, s, t)]
    lengths = [x for x in lengths if x <= max_len]
    if not lengths:
        return []
    best = min(lengths)
    out = []
    for s in sources:
        for t in targets:
            if nx.has_path(G, s, t) and nx.shortest_path_length(G, s, t) == best:
                for p in nx.all_shortest_paths(G, s, t):
                    hops = zip(p, p[1:], strict=False)
                    mult = int(np.prod([G.number_of_edges(a, b) for a, b in hops]))
                    out += [tuple(p)] * mult
    return sorted(out)


@pytest.mark.parametrize("from_expr,to_expr", [
    ("id = 0", "id = 4"), ("id = 3", "id = 8"), ("id < 2", "id > 3 and id < 9"),
    ("id = 7", "id = 0"), ("name = 'n5'", "age = 22")])
def test_bfs_equals_networkx(g, from_expr, to_expr):
    G = nx_graph()
    vdf = pd.DataFrame(VERTICES, columns=["id", "name", "age"])
    sources = list(vdf.query(from_expr.replace("=", "==").replace("<==", "<="))["id"])
    targets = list(vdf.query(to_expr.replace("=", "==").replace("<==", "<="))["id"])
    got = g.bfs(from_expr, to_expr, maxPathLength=5)
    vcols = [c for c in got.columns if c == "from" or c == "to" or c.startswith("v")]
    seqs = sorted(tuple(r[c]["id"] for c in vcols) for r in got.collect())
    assert seqs == oracle_paths(G, sources, targets, 5)
    if seqs:
        n = len(seqs[0]) - 1
        assert got.columns == ["from"] + [x for i in range(n) for x in (f"e{i}", f"v{i + 1}")][
            :-1] + ["to"]


def test_bfs_edge_filter_same_vertex_and_limit(g):
    got = g.bfs("id = 0", "id = 4", edgeFilter="rel != 'e'", maxPathLength=5)
    assert got.collect() == []
    same = g.bfs("id = 1", "id < 2")
    assert same.columns == ["from", "to"]
    assert sorted(r["from"]["id"] for r in same.collect()) == [1]
    assert g.bfs("id = 0", "id = 4", maxPathLength=2).collect() == []


def test_aggregate_messages(g):
    ages = {i: a for i, _, a in VERTICES}
    got = g.aggregateMessages(F.sum(AM.msg).alias("summedAges"),
                              sendToSrc=AM.dst["age"], sendToDst=AM.src["age"])
    expect = Counter()
    for s, d, _ in EDGES:
        expect[s] += ages[d]
        expect[d] += ages[s]
    assert rows(got) == sorted(expect.items())
    assert got.columns == ["id", "summedAges"]
    only = g.aggregateMessages([F.count(AM.msg).alias("n"), "max(MSG) as m"],
                               sendToDst=AM.edge["rel"])
    ins = {}
    for _, d, r in EDGES:
        ins.setdefault(d, []).append(r)
    assert rows(only) == sorted((k, len(v), max(v)) for k, v in ins.items())


def test_pregel_pagerank_equals_numpy(g):
    n = len(VERTICES)
    outd = Counter(s for s, _, _ in EDGES)
    v = g.outDegrees.join(g.vertices, "id", "right").fillna(0, ["outDegree"])
    gg = GraphFrame(v, g.edges)
    alpha = 0.15
    ranks = (gg.pregel.setMaxIter(5).setCheckpointInterval(2)
             .withVertexColumn("rank", F.lit(1.0 / n),
                               F.coalesce(Pregel.msg(), F.lit(0.0)) * (1 - alpha) + alpha / n)
             .sendMsgToDst(Pregel.src("rank") / Pregel.src("outDegree"))
             .aggMsgs(F.sum(Pregel.msg())).run())
    r = np.full(n, 1.0 / n)
    for _ in range(5):
        msg = np.zeros(n)
        for s, d, _ in EDGES:
            msg[d] += r[s] / outd[s]
        r = msg * (1 - alpha) + alpha / n
    got = {row.id: row.rank for row in ranks.collect()}
    assert max(abs(got[i] - r[i]) for i in range(n)) < 1e-12
    assert ranks.columns == v.columns + ["rank"]


def test_pregel_early_stopping_min_label(g):
    """Connected components by min-label propagation with early stopping."""
    cc = (g.pregel.setMaxIter(50).setEarlyStopping(True)
          .withVertexColumn("label", F.col("id"),
                            F.least(F.col("label"), F.coalesce(Pregel.msg(), F.col("label"))))
          .sendMsgToDst(F.when(Pregel.src("label") < Pregel.dst("label"), Pregel.src("label")))
          .sendMsgToSrc(F.when(Pregel.dst("label") < Pregel.src("label"), Pregel.dst("label")))
          .aggMsgs(F.min(Pregel.msg())).run())
    G = nx_graph()
    expect = {v: min(c) for c in nx.weakly_connected_components(G) for v in c}
    assert {r.id: r.label for r in cc.collect()} == expect


def test_struct_fields_by_dotted_name(spark):
    df = spark.createDataFrame([(1, "x")], ["a", "b"]).select(F.struct("a", "b").alias("s"))
    out = df.select(F.col("s.b"), F.col("s").getField("a"), (F.col("s.a") + 1).alias("c"))
    assert out.columns == ["b", "s.a", "c"]
    assert out.collect()[0] == (("x", 1, 2))
