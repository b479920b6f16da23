"""PowerIterationClustering (Lin & Cohen), as Spark's `assignClusters`.

The symmetric affinity matrix W (edges src-dst with weights, both directions) is normalized by
its row sums, `v` starts at the degree vector (`initMode="degree"`) or uniform random values
(`"random"`), and `v <- W_norm v / |W_norm v|_1` runs for `maxIter` steps or until the change
of the step size falls below `1e-5 / n` (Spark's rule). The ids are then clustered by k-means
on the one-dimensional `v`. Each partition turns its edges into arrays; the (sparse) matrix
and the iteration live on the driver: PIC's state is one number per vertex.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _checks, _frame
from dfengine.ml.feature._common import TC, KwargsInit, P, numeric_values
from dfengine.ml.param.shared import HasMaxIter, HasWeightCol


class _PICParams(HasMaxIter, HasWeightCol):
    k = P("k", "The number of clusters to create. Must be > 1.", TC.toInt)
    initMode = P("initMode", "The initialization algorithm. This can be either 'random' to use "
                 "a random vector as vertex properties, or 'degree' to use a normalized sum of "
                 "similarities with other vertices.  Supported options: 'random' and 'degree'.",
                 TC.toString)
    srcCol = P("srcCol", "Name of the input column for source vertex IDs.", TC.toString)
    dstCol = P("dstCol", "Name of the input column for destination vertex IDs.", TC.toString)
    _defaults = {"k": 2, "maxIter": 20, "initMode": "random", "srcCol": "src", "dstCol": "dst"}


def _edges(table: pa.Table, src: str, dst: str, weight: str | None) -> tuple:
    s, d = numeric_values(table, src), numeric_values(table, dst)
    w = numeric_values(table, weight) if weight else np.ones(s.size)
    _checks.check_weights(w)   # Spark's checkNonNegativeWeights (a set weightCol only)
    return s.astype(np.int64), d.astype(np.int64), w


def _require_id_type(dataset: Any, name: str) -> None:
    kind = dataset.schema[name].dataType.simpleString()
    if kind not in ("int", "bigint"):
        raise IllegalArgumentException(
            f"requirement failed: Column {name} must be of type equal to one of the following "
            f"types: [int, bigint] but was actually of type {kind}.")


def _kmeans_1d(v: np.ndarray, k: int, iters: int = 100) -> np.ndarray:
    """Lloyd's k-means on one dimension from k evenly spaced quantiles (deterministic)."""
    centers = np.unique(np.quantile(v, np.linspace(0, 1, k)))
    for _ in range(iters):
        assign = np.argmin(np.abs(v[:, None] - centers[None, :]), axis=1)
        new = np.array([v[assign == c].mean() if np.any(assign == c) else centers[c]
                        for c in range(centers.size)])
        if np.allclose(new, centers):
            break
        centers = new
    return np.argmin(np.abs(v[:, None] - centers[None, :]), axis=1)


class PowerIterationClustering(KwargsInit, _PICParams):
    """Power iteration clustering of a graph given as weighted edges."""

    def assignClusters(self, dataset: Any) -> Any:
        import scipy.sparse as sp

        from dfengine.ml.param.ml_params import check_choice

        if self.getK() < 2:
            raise IllegalArgumentException(f"k must be > 1 but was {self.getK()}")
        mode = check_choice("initMode", self.getInitMode(), ("random", "degree"))
        w = (self.getWeightCol() if self.isDefined("weightCol") else None) or None
        cols = [self.getSrcCol(), self.getDstCol()] + ([w] if w else [])
        _frame.require_columns(dataset, cols)
        for name in cols[:2]:
            _require_id_type(dataset, name)
        parts = _frame.partition_results(dataset, _edges, cols[0], cols[1], w)
        src = np.concatenate([p[0] for p in parts])
        if not src.size:   # Spark's k-means of the (empty) vertex vector
            raise IllegalArgumentException(
                "requirement failed: No samples available from the edges (the input is empty)")
        dst = np.concatenate([p[1] for p in parts])
        wt = np.concatenate([p[2] for p in parts])
        ids, inv = np.unique(np.concatenate([src, dst]), return_inverse=True)
        n = ids.size
        a, b = inv[:src.size], inv[src.size:]
        W = sp.coo_matrix((np.concatenate([wt, wt]), (np.concatenate([a, b]),
                                                      np.concatenate([b, a]))),
                          shape=(n, n)).tocsr()
        deg = np.asarray(W.sum(axis=1)).ravel()
        Wn = sp.diags(1.0 / np.where(deg > 0, deg, 1.0)) @ W
        v = deg / deg.sum() if mode == "degree" else \
            np.random.default_rng(0).random(n)
        v = v / np.abs(v).sum()
        delta, tol = np.inf, 1e-5 / n
        for _ in range(self.getMaxIter()):
            nv = Wn @ v
            nv /= np.abs(nv).sum()
            new_delta = np.abs(nv - v).sum()
            v = nv
            if abs(new_delta - delta) < tol:
                break
            delta = new_delta
        cluster = _kmeans_1d(v, self.getK())
        table = pa.table({"id": pa.array(ids, pa.int64()),
                          "cluster": pa.array(cluster.astype(np.int32), pa.int32())})
        return _frame.from_arrow(dataset.sparkSession, table)
