"""PageRank as GraphX (and so GraphFrames) computes it.

Each vertex starts at rank 1 (personalized: 1 at the source, 0 elsewhere); each iteration
sends `rank(src) * weight(e)` along every edge, `weight = 1 / outDegree(src)` (or the edge's
weight over its source's total out-weight), and sets

    rank(v) = resetProbability * [v is the source, or 1 when not personalized]
              + (1 - resetProbability) * sum of the messages v received.

Rank that reaches a sink is not passed on; at the end ranks are rescaled (SPARK-18847) to sum
to the number of vertices (to 1 when personalized). networkx spreads sink mass evenly instead;
both fixed points are proportional, so they agree after normalization.
With `tol`, iterations stop once no vertex's rank moves by more than `tol`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.graphframes import _kernels as K
from dfengine.graphframes._compiled import CompiledGraph, EdgeBlock, out_weights
from dfengine.sql import types as T


def _inverse(outw: np.ndarray) -> np.ndarray:
    inv = np.zeros_like(outw)
    np.divide(1.0, outw, out=inv, where=outw > 0)
    return inv


def _message(block: EdgeBlock, state: tuple, inv: np.ndarray, n: int) -> np.ndarray:
    """One edge partition's messages for the ranks in `state` (rank, change)."""
    rank = state[0]
    x = rank * (inv if rank.ndim == 1 else inv[:, None])
    if x.ndim == 2:
        return K.scatter_add_2d(block.src, block.dst, x, n)
    if block.weight is None:
        return K.scatter_add(block.src, block.dst, x, n)
    return K.scatter_add_weighted(block.src, block.dst, block.weight, x, n)


def _update(state: tuple, reset: np.ndarray, alpha: float, *msgs: np.ndarray) -> tuple:
    """Sum the partitions' messages and take the step: (new rank, largest change)."""
    msg = msgs[0].copy()
    for m in msgs[1:]:
        msg += m
    new = reset + (1.0 - alpha) * msg
    return new, float(np.max(np.abs(new - state[0]))) if len(new) else 0.0


def _change(state: tuple) -> float:
    return state[1]


def _normalize(state: tuple, personalized: bool) -> np.ndarray:
    rank = state[0]
    total = rank.sum(axis=0)
    if personalized:
        return rank / np.where(total > 0, total, 1.0)
    return rank * (len(rank) / total) if total > 0 else rank


def _start(cg: CompiledGraph, alpha: float, sources: list | None, multi: bool) -> tuple:
    n = cg.n
    if sources is None:
        return (np.ones(n), np.inf), np.full(n, alpha)
    codes = cg.codes_of(sources)
    rank = np.zeros((n, len(codes))) if multi else np.zeros(n)
    if multi:
        rank[codes, np.arange(len(codes))] = 1.0
    else:
        rank[codes] = 1.0
    return (rank, np.inf), alpha * rank


def run(cg: CompiledGraph, alpha: float, sources: list | None, max_iter: int | None,
        tol: float | None, multi: bool = False) -> Any:
    """A future of the rank vector (n,) or, with `multi`, matrix (n, len(sources)).

    Each iteration is two task levels (messages per edge partition, then one update that sums
    them), so the scheduler's per-task latency is paid twice per iteration, not per tree level.
    """
    n = cg.n
    inv_f = cg.submit(_inverse, cg.reduce(out_weights, n))
    state, reset = _start(cg, alpha, sources, multi)
    state_f, reset_f = cg.client.scatter([state, reset])
    it, checked = 0, None
    while max_iter is None or it < max_iter:
        msgs = cg.fan_in(cg.map_parts(_message, state_f, inv_f, n))
        new_f = cg.submit(_update, state_f, reset_f, alpha, *msgs)
        it += 1
        if tol is not None:
            # The next step is already submitted when the change of this one is read, so the
            # check costs no round trip; a step past convergence is computed and dropped.
            if checked is not None and cg.gather(checked) < tol:
                break
            checked = cg.submit(_change, new_f)
        state_f = new_f
    return cg.submit(_normalize, state_f, sources is not None)


def edge_weights(graph: Any, weight_col: str | None) -> Any:
    """The edges with GraphFrames' `weight` column: the transition probability of each edge."""
    from dfengine.sql import functions as F

    e = graph.edges
    if weight_col is None:
        outd = graph.outDegrees.select(F.col("id").alias("src"),
                                       (F.lit(1.0) / F.col("outDegree")).alias("__w"))
    else:
        outd = e.groupBy("src").agg(F.sum(weight_col).alias("__total")).select(
            "src", (F.lit(1.0) / F.col("__total")).alias("__w"))
    joined = e.join(outd, "src")
    w = F.col("__w") if weight_col is None else F.col("__w") * F.col(weight_col)
    cols = [c for c in e.columns if c != "weight"]
    return joined.select(*cols, w.cast("double").alias("weight"))


PAGERANK = T.StructField("pagerank", T.DoubleType(), True)
