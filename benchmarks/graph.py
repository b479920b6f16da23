"""Graph benchmark: PageRank (20 iterations) and connected components on a power-law graph.

    python -m benchmarks.graph [--vertices 1000000] [--edges 10000000] [--skip networkx,...]

The graph (default 1M vertices, 10M edges, in-degrees power-law, with duplicates and
self-loops) is generated once into data/graph_bench/ as 8 parquet files. Engines:

- dfengine embedded (local[2]) and on a 2-worker LocalCluster (processes): `GraphFrame` read
  from the parquet files, after an untimed run on a 3-vertex graph that compiles the Numba
  kernels; "cold" includes lowering the graph (vertex-id encoding of every edge
  partition, cached on the workers), "warm" reuses the lowered graph as a second call on the
  same GraphFrame does;
- scipy.sparse: CSR matrix from the (already dense, 0..n-1) ids, GraphX's PageRank as 20
  sparse mat-vec products, `csgraph.connected_components(connection="weak")`;
- networkx: `DiGraph` from the edge list, `nx.pagerank` (its own stopping rule, tol 1e-6) and
  `weakly_connected_components`; graph construction is timed separately.

dfengine's answers are checked against scipy's (PageRank max relative error, identical
component partition) before times are recorded. Prints a table and writes
`benchmarks/results/graph.json`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import print_table, write_results

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "graph_bench"
FILES = 8
ITERATIONS = 20


def generate(n: int, m: int) -> Path:
    """Power-law in-degrees (dst = n * u**3), uniform sources, 8 parquet files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = DATA_DIR / f"v{n}_e{m}"
    if (path / "_done").exists():
        return path
    path.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(42)
    perm = rng.permutation(n)
    src = rng.integers(0, n, m)
    dst = perm[(n * rng.random(m) ** 3).astype(np.int64)]
    for i, (s, d) in enumerate(zip(np.array_split(src, FILES), np.array_split(dst, FILES),
                                   strict=True)):
        pq.write_table(pa.table({"src": s, "dst": d}), path / f"edges-{i}.parquet")
    pq.write_table(pa.table({"id": np.arange(n)}), path / "vertices.parquet")
    (path / "_done").write_text("")
    return path


def load_arrays(path: Path) -> tuple[np.ndarray, np.ndarray, int]:
    import pyarrow.parquet as pq

    t = pq.read_table([str(p) for p in sorted(path.glob("edges-*.parquet"))])
    n = pq.read_metadata(path / "vertices.parquet").num_rows
    return t.column("src").to_numpy(), t.column("dst").to_numpy(), n


# -- oracles ------------------------------------------------------------------------------------

def scipy_matrix(src: np.ndarray, dst: np.ndarray, n: int) -> tuple:
    """M^T as CSR (a row per destination) and 1 / out-degree."""
    from scipy import sparse

    outd = np.bincount(src, minlength=n).astype(np.float64)
    inv = np.divide(1.0, outd, out=np.zeros(n), where=outd > 0)
    return sparse.csr_matrix((np.ones(len(src)), (dst, src)), shape=(n, n)), inv


def scipy_pagerank(mt: Any, inv: np.ndarray) -> np.ndarray:
    """GraphX's static PageRank as 20 sparse mat-vec products."""
    n = len(inv)
    r = np.ones(n)
    for _ in range(ITERATIONS):
        r = 0.15 + 0.85 * (mt @ (r * inv))
    return r * (n / r.sum())


def scipy_components(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    a = sparse.csr_matrix((np.ones(len(src), np.int8), (src, dst)), shape=(n, n))
    return connected_components(a, directed=True, connection="weak")[1]


def nx_graph(src: np.ndarray, dst: np.ndarray, n: int) -> Any:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist(), strict=True))
    return g


# -- dfengine -----------------------------------------------------------------------------------

def dfengine_runs(spark: Any, path: Path) -> dict[str, tuple[float, Any]]:
    from dfengine.graphframes import GraphFrame

    def graph() -> Any:
        v = spark.read.parquet(str(path / "vertices.parquet"))
        e = spark.read.parquet(*[str(p) for p in sorted(path.glob("edges-*.parquet"))])
        return GraphFrame(v, e)

    def pagerank(g: Any) -> np.ndarray:
        t = g.pageRank(maxIter=ITERATIONS).vertices.select("id", "pagerank").toArrow()
        out = np.empty(len(t))
        out[t.column("id").to_numpy()] = t.column("pagerank").to_numpy()
        return out

    def components(g: Any) -> np.ndarray:
        t = g.connectedComponents().select("id", "component").toArrow()
        out = np.empty(len(t), np.int64)
        out[t.column("id").to_numpy()] = t.column("component").to_numpy()
        return out

    warm_up(spark)
    out = {}
    g = graph()
    out["pagerank cold"] = timed(lambda: pagerank(g))
    out["pagerank warm"] = timed(lambda: pagerank(g))
    g = graph()
    out["components cold"] = timed(lambda: components(g))
    out["components warm"] = timed(lambda: components(g))
    return out


def warm_up(spark: Any) -> None:
    """Compile (or load from Numba's cache) the kernels on a 3-vertex graph, untimed: scipy's
    kernels are compiled ahead of time, and a JIT's first call is not what a benchmark of the
    algorithms should measure."""
    from dfengine.graphframes import GraphFrame

    v = spark.createDataFrame([(0,), (1,), (2,)], ["id"])
    e = spark.createDataFrame([(0, 1), (1, 2)], ["src", "dst"])
    g = GraphFrame(v, e)
    g.pageRank(maxIter=2).vertices.collect()
    g.connectedComponents().collect()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def check(name: str, value: Any, ranks: np.ndarray, comps: np.ndarray) -> None:
    if name.startswith("pagerank"):
        err = float(np.max(np.abs(value - ranks) / ranks))
        assert err < 1e-9, f"{name}: PageRank differs from scipy (max rel err {err:.2e})"
    else:
        same = len(np.unique(comps)) == len(np.unique(value)) == len(
            np.unique(comps * (int(value.max()) + 1) + value))
        assert same, f"{name}: components differ from scipy's"


def session(master: str, client: Any = None) -> Any:
    from dfengine.sql import SparkSession

    b = SparkSession.builder.master(master)
    if client is not None:
        b = b.config("dfengine.dask.client", client)
    return b.getOrCreate()


def run_cluster(path: Path) -> dict[str, tuple[float, Any]]:
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)

    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       dashboard_address=None, silence_logs=logging.ERROR) as cluster,
          Client(cluster) as client):
        spark = session("local[2]", client)
        try:
            return dfengine_runs(spark, path)
        finally:
            spark.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vertices", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=10_000_000)
    parser.add_argument("--skip", default="", help="comma-separated: networkx,cluster,embedded")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    os.environ.setdefault("DFENGINE_QUIET", "1")
    changed = {k: v for k, v in vars(args).items()
               if parser.get_default(k) != v}
    print(f"graph benchmark: {args.vertices:,} vertices, {args.edges:,} edges, "
          f"PageRank {ITERATIONS} iterations; changed arguments: {changed or 'none'}; "
          "session settings: user defaults (DFENGINE_QUIET=1 only hides the dashboard link)",
          flush=True)
    path = generate(args.vertices, args.edges)
    src, dst, n = load_arrays(path)
    rows: list[dict[str, Any]] = []

    def add(engine: str, task: str, seconds: float) -> None:
        rows.append({"engine": engine, "task": task, "seconds": seconds})
        print(f"  {engine:28s} {task:18s} {seconds:8.2f} s", flush=True)

    t_build, (mt, inv) = timed(lambda: scipy_matrix(src, dst, n))
    add("scipy.sparse", "pagerank build", t_build)
    t, ranks = timed(lambda: scipy_pagerank(mt, inv))
    add("scipy.sparse", "pagerank iterate", t)
    add("scipy.sparse", "pagerank", t_build + t)
    t, comps = timed(lambda: scipy_components(src, dst, n))
    add("scipy.sparse", "components", t)
    runs = []
    if "embedded" not in skip:
        runs.append(("dfengine local[2]", lambda: dfengine_runs(session("local[2]"), path)))
    if "cluster" not in skip:
        runs.append(("dfengine 2-proc cluster", lambda: run_cluster(path)))
    for engine, fn in runs:
        for task, (seconds, value) in fn().items():
            check(task, value, ranks, comps)
            add(engine, task, seconds)
    if "networkx" not in skip:
        import networkx as nx

        t, g = timed(lambda: nx_graph(src, dst, n))
        add("networkx", "build DiGraph", t)
        t, _ = timed(lambda: nx.pagerank(g, alpha=0.85))
        add("networkx", "pagerank", t)
        t, _ = timed(lambda: sum(1 for _ in nx.weakly_connected_components(g)))
        add("networkx", "components", t)
    else:
        rows.extend(previous_networkx(vars(args)))
    report(rows, vars(args))


def previous_networkx(settings: dict[str, Any]) -> list[dict[str, Any]]:
    """networkx rows of the last run on the same graph (its graph build alone takes minutes),
    marked as such."""
    import json

    from benchmarks.common import RESULTS_DIR

    try:
        old = json.loads((RESULTS_DIR / "graph.json").read_text())
    except (OSError, ValueError):
        return []
    same = all(old.get("settings", {}).get(k) == settings[k] for k in ("vertices", "edges"))
    return [{"engine": r["engine"].split(" (")[0] + " (previous run)", "task": r["task"],
             "seconds": r["seconds"]}
            for r in old.get("rows", []) if same and r["engine"].startswith("networkx")]


def report(rows: list[dict[str, Any]], settings: dict[str, Any]) -> None:
    base = {(r["engine"].split(" (")[0], r["task"]): r["seconds"] for r in rows}
    table = []
    for r in rows:
        task = r["task"].split()[0]
        sp = base.get(("scipy.sparse", task))
        nxt = base.get(("networkx", task))
        if nxt and task == "pagerank":
            nxt += base.get(("networkx", "build DiGraph"), 0.0)
        own = r["engine"].startswith(("scipy", "networkx"))
        table.append({**r, "vs scipy": None if own else r["seconds"] / sp if sp else None,
                      "networkx / this": None if own or not nxt else nxt / r["seconds"]})
    print()
    print("scipy 'pagerank' = build + iterate; networkx / this uses networkx's pagerank plus its"
          " graph build for pagerank rows, its components time alone for components rows")
    print_table(table, ["engine", "task", "seconds", "vs scipy", "networkx / this"])
    write_results("graph", {"settings": settings, "python": sys.version.split()[0],
                            "rows": table})


if __name__ == "__main__":
    main()
