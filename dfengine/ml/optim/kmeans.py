"""KMeans training: k-means|| initialization and Lloyd iterations on distributed blocks.

Each Lloyd step ships the current centers to every block and gets back per-center weighted
sums, weights and cost (one small array per block), reduced in block order. Initialization
follows Spark's k-means||: a random first center, `initSteps` rounds that sample each point
with probability proportional to its squared distance to the current candidates
(oversampling factor 2k), then a weighted k-means++ on the few candidates on the driver.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.cosine import unit_centers
from dfengine.ml.optim.kernels import lloyd_partial_sums, nearest_center


@dataclass
class KMeansFit:
    centers: np.ndarray
    cost: float
    iterations: int
    cluster_sizes: np.ndarray


def _lloyd_task(block: tuple, centers: np.ndarray) -> np.ndarray:
    X, _, w = block
    return lloyd_partial_sums(X, w, centers)


def _cost_task(block: tuple, centers: np.ndarray) -> float:
    X, _, w = block
    _, dist = nearest_center(X, centers)
    return float(w @ dist)


def _sample_task(block: tuple, centers: np.ndarray, total_cost: float, factor: float,
                 seed: int, index: int) -> np.ndarray:
    X, _, w = block
    _, dist = nearest_center(X, centers)
    rng = np.random.default_rng([seed, index])
    prob = factor * w * dist / total_cost if total_cost > 0 else np.zeros(len(dist))
    return X[rng.uniform(size=len(dist)) < prob]


def _first_rows_task(block: tuple, seed: int, index: int, count: int) -> np.ndarray:
    X = block[0]
    rng = np.random.default_rng([seed, index])
    take = min(count, len(X))
    return X[np.sort(rng.choice(len(X), size=take, replace=False))]


def _candidate_weights_task(block: tuple, centers: np.ndarray) -> np.ndarray:
    X, _, w = block
    idx, _ = nearest_center(X, centers)
    return np.bincount(idx, weights=w, minlength=len(centers))


def _random_points(blocks: Blocks, count: int, seed: int) -> np.ndarray:
    """`count` distinct random rows, sampled per block in proportion to its size."""
    rows = np.asarray(blocks.rows, dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.multinomial(count, rows / rows.sum())
    futs = [blocks.client.submit(_first_rows_task, f, seed, i, int(c), pure=False)
            for i, (f, c) in enumerate(zip(blocks.futures, picks)) if c > 0]
    return np.vstack(blocks.client.gather(futs))


def init_random(blocks: Blocks, k: int, seed: int) -> np.ndarray:
    return _random_points(blocks, k, seed)[:k]


def _local_kmeans_pp(points: np.ndarray, weights: np.ndarray, k: int, seed: int,
                     iterations: int = 30) -> np.ndarray:
    """Weighted k-means++ then Lloyd on the driver (Spark's LocalKMeans)."""
    rng = np.random.default_rng(seed)
    n = len(points)
    centers = np.empty((k, points.shape[1]))
    centers[0] = points[rng.choice(n, p=weights / weights.sum())]
    dist = np.sum((points - centers[0]) ** 2, axis=1)
    for i in range(1, k):
        p = weights * dist
        if p.sum() <= 0:
            centers[i] = points[rng.integers(n)]
        else:
            centers[i] = points[rng.choice(n, p=p / p.sum())]
        dist = np.minimum(dist, np.sum((points - centers[i]) ** 2, axis=1))
    for _ in range(iterations):
        idx, _ = nearest_center(points, centers)
        moved = False
        for c in range(k):
            mask = idx == c
            if weights[mask].sum() > 0:
                new = (weights[mask] @ points[mask]) / weights[mask].sum()
                moved |= not np.allclose(new, centers[c])
                centers[c] = new
        if not moved:
            break
    return centers


def init_kmeans_parallel(blocks: Blocks, k: int, seed: int, steps: int) -> np.ndarray:
    centers = _random_points(blocks, 1, seed)
    for step in range(steps):
        cost = sum(blocks.map(_cost_task, centers=centers))
        new = blocks.client.gather([
            blocks.client.submit(_sample_task, f, centers, cost, 2.0 * k, seed + 1 + step, i,
                                 pure=False)
            for i, f in enumerate(blocks.futures)])
        new = [c for c in new if len(c)]
        if new:
            centers = np.unique(np.vstack([centers] + new), axis=0)
    if len(centers) <= k:
        pool = np.vstack([centers, _random_points(blocks, k, seed + 17)])
        uniq = np.unique(pool, axis=0)
        return (uniq if len(uniq) >= k else pool)[:k]
    weights = blocks.reduce_sum(_candidate_weights_task, centers=centers)
    return _local_kmeans_pp(centers, weights, k, seed)


def lloyd(blocks: Blocks, centers: np.ndarray, max_iter: int, tol: float,
          cosine: bool = False) -> KMeansFit:
    """Lloyd iterations until every center moves less than `tol` (Spark's rule).

    `cosine=True` expects unit rows (`optim/cosine.py`): centers are normalized after each
    update, the stopping rule and the cost are the cosine distance's.
    """
    k, d = centers.shape
    limit = 2.0 * tol if cosine else tol * tol
    centers = np.array(centers, dtype=np.float64)
    iterations = 0
    for _ in range(max_iter):
        tot = blocks.reduce_sum(_lloyd_task, centers=centers)
        sums = tot[:k * d].reshape(k, d)
        weights = tot[k * d:k * d + k]
        new = centers.copy()
        nz = weights > 0
        new[nz] = sums[nz] / weights[nz, None]
        if cosine:
            new = unit_centers(new)
        iterations += 1
        shift = np.sum((new - centers) ** 2, axis=1)
        centers = new
        if np.all(shift <= limit):
            break
    tot = blocks.reduce_sum(_lloyd_task, centers=centers)
    sizes = tot[k * d:k * d + k]
    return KMeansFit(centers, float(tot[-1]) / (2.0 if cosine else 1.0), iterations, sizes)
