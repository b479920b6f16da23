"""Training data of the tree learners: binned blocks that stay on the workers.

1. `Blocks.from_dataframe` materializes `(X, y, w)` float64 blocks once (one Dask future each).
2. A sample of the rows (Spark's: `max(maxBins^2, 10000)` rows, all of them on small data) is
   drawn by one task per block; the driver runs Spark's `findSplitsForContinuousFeature` on it,
   so the thresholds are Spark's exactly whenever Spark uses all rows.
3. One task per block replaces `X` by its bin indices (uint8 when maxBins <= 256): from then on
   a block is `{"xb", "y", "w"}` and every round of tree growth reads only those.

Categorical features (Spark's `categoricalFeaturesInfo`, read from the features column's ML
attribute metadata) are not sampled: their bin is the category itself (thresholds at
0.5, 1.5, ...), after a check that every value is an integer in [0, arity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    categorical: dict = field(default_factory=dict)   # feature -> number of categories

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


def _bin_block(block: tuple, flat: np.ndarray, offsets: np.ndarray, wide: bool,
               categorical: dict) -> dict:
    X, y, w = block
    if np.isnan(X).any():
        raise IllegalArgumentException(
            "The features column contains NaN values; tree learners need finite features. "
            "Impute them (Imputer) or drop those rows first.")
    for f, arity in categorical.items():
        col = X[:, f]
        bad = (col < 0) | (col >= arity) | (col != np.floor(col))
        if bad.any():
            raise IllegalArgumentException(
                f"DecisionTree given invalid data: Feature {f} is categorical with values in "
                f"{{0,...,{arity - 1}}}, but a data point gives it value {col[bad][0]}.")
    out = np.empty(X.shape, dtype=np.uint16 if wide else np.uint8)
    bin_matrix(X, flat, offsets, out)
    return {"xb": out, "y": y, "w": w}


def find_thresholds(X: np.ndarray, w: np.ndarray, max_bins: int,
                    categorical: dict | None = None) -> list:
    """Spark's continuous splits of every column of a (sampled) matrix; a categorical
    feature's thresholds put category c in bin c."""
    out = []
    for f in range(X.shape[1]):
        if categorical and f in categorical:
            out.append(np.arange(categorical[f] - 1) + 0.5)
            continue
        values, inverse = np.unique(X[:, f], return_inverse=True)
        weights = np.bincount(inverse, weights=w, minlength=values.size)
        out.append(np.asarray(spark_continuous_splits(values, weights, max_bins - 1)))
    return out


def check_categorical(categorical: dict, max_bins: int, n: int, d: int) -> None:
    """Spark's `DecisionTreeMetadata` requirements on the categorical features."""
    if not categorical:
        return
    bad = [f for f in categorical if not 0 <= f < d]
    if bad:
        raise IllegalArgumentException(
            f"The features column's metadata marks feature {bad[0]} as categorical, but the "
            f"vectors have {d} features.")
    f, arity = max(categorical.items(), key=lambda kv: kv[1])
    possible = min(max_bins, n)
    if arity > possible:
        raise IllegalArgumentException(
            f"requirement failed: DecisionTree requires maxBins (= {possible}) to be at least "
            f"as large as the number of values in each categorical feature, but categorical "
            f"feature {f} has {arity} values. Consider removing this and other categorical "
            f"features with a large number of values, or add more training examples.")


def bin_blocks(blocks: Blocks, max_bins: int, seed: int, thresholds: list | None = None,
               categorical: dict | None = None) -> BinnedData:
    """Bin `blocks` (its float blocks are released); thresholds found here unless given."""
    client = blocks.client
    categorical = dict(categorical or {})
    stats = np.array(client.gather(client.map(_stats, blocks.futures, pure=False)))
    n = int(stats[:, 0].sum())
    if thresholds is None:
        check_categorical(categorical, max_bins, n, blocks.n_features)
        bins = min(max_bins, max(n, 2))
        required = max(max_bins * max_bins, 10000)
        fraction = required / n if required < n else 1.0
        samples = client.gather([client.submit(_sample, f, fraction, seed + i, pure=False)
                                 for i, f in enumerate(blocks.futures)])
        Xs = np.concatenate([s[0] for s in samples])
        ws = np.concatenate([s[1] for s in samples])
        thresholds = find_thresholds(Xs, ws, bins, categorical)
    offsets = np.cumsum([0] + [len(t) for t in thresholds]).astype(np.int64)
    flat = np.concatenate(thresholds) if offsets[-1] else np.zeros(0)
    wide = max(len(t) for t in thresholds) + 1 > 256 if thresholds else False
    futures = [client.submit(_bin_block, f, flat, offsets, wide, categorical, pure=False)
               for f in blocks.futures]
    data = BinnedData(client, futures, list(blocks.rows), blocks.n_features, thresholds,
                      float(stats[:, 1].sum()), categorical)
    blocks.release()
    return data


def load_binned(df: Any, features_col: str, label_col: str, weight_col: str | None,
                max_bins: int, seed: int, thresholds: list | None = None) -> BinnedData:
    """Materialize and bin the training columns of `df` (categorical features from the
    features column's ML attribute metadata, as Spark's tree learners read them)."""
    from dfengine.ml import _frame
    from dfengine.ml._attributes import categorical_features, field_metadata

    cols = [features_col, label_col] + ([weight_col] if weight_col else [])
    _frame.require_columns(df, cols)
    categorical = categorical_features(field_metadata(df, features_col))
    blocks = Blocks.from_dataframe(df, features_col, label_col, weight_col)
    return bin_blocks(blocks, max_bins, seed, thresholds, categorical)


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
