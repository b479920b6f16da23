"""Cosine distance for the k-means family (Spark's `CosineDistanceMeasure`).

Spark's cosine k-means adds `weight * x / |x|` to a cluster's sum and takes the normalized
mean as the center, so every center has unit norm; the distance is `1 - cos(x, c)`. On unit
rows and unit centers `|x - c|² = 2 (1 - cos(x, c))`, so the squared-Euclidean kernels assign
exactly as Spark does once the rows are normalized on the workers and the centers after each
update; costs are the squared distances halved, and Spark's convergence test
`1 - cos(old, new) <= tol` is `|old - new|² <= 2 tol`.
"""

from __future__ import annotations

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.optim.blocks import Blocks

ZERO_VECTOR = "Cosine distance is not defined for zero-length vectors."


def unit_rows(X: np.ndarray) -> np.ndarray:
    """Rows of X scaled to unit L2 norm (a zero row is Spark's assertion error)."""
    norms = np.sqrt(np.einsum("ij,ij->i", X, X))
    if (norms == 0).any():
        raise IllegalArgumentException(f"requirement failed: {ZERO_VECTOR}")
    return X / norms[:, None]


def unit_centers(centers: np.ndarray) -> np.ndarray:
    """Centers scaled to unit norm (Spark's cosine `centroid`); zero centers stay zero."""
    norms = np.linalg.norm(centers, axis=1)
    return np.where(norms[:, None] > 0, centers / np.where(norms > 0, norms, 1.0)[:, None],
                    centers)


def _unit_block(block: tuple) -> tuple:
    X, y, w = block
    return unit_rows(np.asarray(X, dtype=np.float64)), y, w


def unit_blocks(blocks: Blocks) -> Blocks:
    """The same blocks with unit-norm rows (normalized on the workers, once)."""
    futures = blocks.client.map(_unit_block, blocks.futures, pure=False)
    blocks.client.gather(blocks.client.map(_shape_ok, futures, pure=False))  # raise here
    return Blocks(blocks.client, futures, blocks.n_features, list(blocks.rows))


def _shape_ok(block: tuple) -> bool:
    return True
