"""Training data of the tree learners: binned blocks that stay on the workers.

1. `Blocks.from_dataframe` materializes `(X, y, w)` float64 blocks once (one Dask future each).
2. A sample of the rows (Spark's: `max(maxBins^2, 10000)` rows, all of them on small data) is
   drawn by one task per block; the driver runs Spark's `findSplitsForContinuousFeature` on it,
   so the thresholds are Spark's exactly whenever Spark uses all rows.
3. One task per block replaces `X` by its bin indices (uint8 when maxBins <= 256): from then on
   a block is `{"xb", "y", "w"}` and every round of tree growth reads only those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.tree.kernels import bin_matrix, spark_continuous_splits


@dataclass
class BinnedData:
    client: Any
    futures: list             # dicts {"xb", "y", "w"} on the workers
    rows: list[int]
    n_features: int
    thresholds: list          # per feature: ascending split thresholds (len = bins - 1)
    weight_sum: float

    @property
    def num_rows(self) -> int:
        return int(sum(self.rows))

    @property
    def n_bins(self) -> np.ndarray:
        return np.array([len(t) + 1 for t in self.thresholds], dtype=np.int64)

    def map(self, fn, *args: Any) -> list:
        """Futures of `fn(block, *args)` (not gathered)."""
        return [self.client.submit(fn, f, *args, pure=False) for f in self.futures]

    def gather(self, futs: list) -> list:
        return self.client.gather(futs)

    def release(self) -> None:
        self.futures = []


def _sample(block: tuple, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    X, _, w = block
    if fraction >= 1.0:
        return X, w
    keep = np.random.default_rng(seed).random(X.shape[0]) < fraction
    return X[keep], w[keep]


def _stats(block: tuple) -> np.ndarray:
    return np.array([block[0].shape[0], block[2].sum()])


def _bin_block(block: tuple, flat: np.ndarray, offsets: np.ndarray, wide: bool) -> dict:
    X, y, w = block
    if np.isnan(X).any():
        raise IllegalArgumentException(
            "The features column contains NaN values; tree learners need finite features. "
            "Impute them (Imputer) or drop those rows first.")
    out = np.empty(X.shape, dtype=np.uint16 if wide else np.uint8)
    bin_matrix(X, flat, offsets, out)
    return {"xb": out, "y": y, "w": w}


def find_thresholds(X: np.ndarray, w: np.ndarray, max_bins: int) -> list:
    """Spark's continuous splits of every column of a (sampled) matrix."""
    out = []
    for f in range(X.shape[1]):
        values, inverse = np.unique(X[:, f], return_inverse=True)
        weights = np.bincount(inverse, weights=w, minlength=values.size)
        out.append(np.asarray(spark_continuous_splits(values, weights, max_bins - 1)))
    return out


def bin_blocks(blocks: Blocks, max_bins: int, seed: int,
               thresholds: list | None = None) -> BinnedData:
    """Bin `blocks` (its float blocks are released); thresholds found here unless given."""
    client = blocks.client
    stats = np.array(client.gather(client.map(_stats, blocks.futures, pure=False)))
    n = int(stats[:, 0].sum())
    if thresholds is None:
        bins = min(max_bins, max(n, 2))
        required = max(max_bins * max_bins, 10000)
        fraction = required / n if required < n else 1.0
        samples = client.gather([client.submit(_sample, f, fraction, seed + i, pure=False)
                                 for i, f in enumerate(blocks.futures)])
        Xs = np.concatenate([s[0] for s in samples])
        ws = np.concatenate([s[1] for s in samples])
        thresholds = find_thresholds(Xs, ws, bins)
    offsets = np.cumsum([0] + [len(t) for t in thresholds]).astype(np.int64)
    flat = np.concatenate(thresholds) if offsets[-1] else np.zeros(0)
    wide = max(len(t) for t in thresholds) + 1 > 256 if thresholds else False
    futures = [client.submit(_bin_block, f, flat, offsets, wide, pure=False)
               for f in blocks.futures]
    data = BinnedData(client, futures, list(blocks.rows), blocks.n_features, thresholds,
                      float(stats[:, 1].sum()))
    blocks.release()
    return data


def load_binned(df: Any, features_col: str, label_col: str, weight_col: str | None,
                max_bins: int, seed: int, thresholds: list | None = None) -> BinnedData:
    """Materialize and bin the training columns of `df`."""
    from dfengine.ml import _frame

    cols = [features_col, label_col] + ([weight_col] if weight_col else [])
    _frame.require_columns(df, cols)
    blocks = Blocks.from_dataframe(df, features_col, label_col, weight_col)
    return bin_blocks(blocks, max_bins, seed, thresholds)


def check_labels(data: BinnedData, classification: bool, label_col: str) -> int:
    """Number of classes (classification) after checking the labels; 0 for regression."""
    parts = np.array(data.gather(data.map(_label_info)))
    lo, hi, non_int, nan = parts[:, 0].min(), parts[:, 1].max(), parts[:, 2].sum(), \
        parts[:, 3].sum()
    if nan:
        raise IllegalArgumentException(
            f"Label column '{label_col}' contains NaN values; drop or impute them first.")
    if not classification:
        return 0
    if lo < 0 or non_int:
        raise IllegalArgumentException(
            f"Classifier was given a dataset with invalid label values in column "
            f"'{label_col}': labels must be integers in [0, numClasses) but found "
            f"{int(non_int)} non-integer label(s) and smallest label {lo}. Use StringIndexer "
            f"to turn labels into indices.")
    return max(int(hi) + 1, 2)


def _label_info(block: dict) -> np.ndarray:
    y = block["y"]
    nan = int(np.isnan(y).sum())
    yf = y[~np.isnan(y)] if nan else y
    if yf.size == 0:
        return np.array([np.inf, -np.inf, 0.0, float(nan)])
    return np.array([yf.min(), yf.max(), float(np.count_nonzero(yf != np.floor(yf))),
                     float(nan)])
