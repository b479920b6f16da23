"""Training data as numeric blocks that stay on the workers.

`Blocks` holds one Dask future per block, each an `(X, y, w)` triple of float64 arrays (X is a
C-contiguous `(rows, d)` matrix, or a scipy CSR matrix when the caller accepts sparse blocks
and the features are sparse: see `keep_sparse`). The blocks are computed once from a DataFrame's partitions;
every optimizer step then maps a kernel over the futures and gathers small results, which are
reduced in block order on the driver, so a fit is deterministic for a given partitioning. No
Dask collection graph is rebuilt per step: a step is `client.map` + `client.gather`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import scipy.sparse as sp

from dfengine.ml import _checks
from dfengine.ml.optim.kernels import feature_moments
from dfengine.ml.optim.sparse_kernels import block_kernel

# A block stays CSR when at most this fraction of its entries is stored, or when its dense
# form would exceed DENSE_MAX_CELLS (rows * d) whatever its density.
SPARSE_MAX_DENSITY = 0.25
DENSE_MAX_CELLS = 1 << 26


def _column_numpy(table: pa.Table, name: str) -> np.ndarray:
    """A numeric column as float64, nulls as NaN (the label and weight checks reject both)."""
    col = table.column(name)
    if col.null_count:
        col = col.cast(pa.float64()).fill_null(np.nan)
    return col.to_numpy().astype(np.float64, copy=False)


def keep_sparse(nnz: int, rows: int, d: int) -> bool:
    """Whether a block of `rows` x `d` with `nnz` stored entries trains as CSR."""
    cells = rows * d
    return cells > 0 and (nnz <= SPARSE_MAX_DENSITY * cells or cells > DENSE_MAX_CELLS)


def _features(table: pa.Table, features_col: str, sparse: bool) -> tuple[Any, np.ndarray]:
    from dfengine.ml.linalg.arrow import vector_column_to_csr, vector_column_to_matrix

    col = table.column(features_col)
    if sparse:
        X, nulls = vector_column_to_csr(col, features_col)
        if keep_sparse(X.nnz, X.shape[0], X.shape[1]):
            X.sum_duplicates()
            return X, nulls
        return X.toarray(), nulls
    return vector_column_to_matrix(col, features_col)


def extract_block(table: pa.Table, features_col: str, label_col: str | None,
                  weight_col: str | None, sparse: bool = False, check_vectors: bool = False
                  ) -> tuple[Any, np.ndarray, np.ndarray]:
    """One Arrow partition as `(X, y, w)`; runs on a worker. With `sparse`, X is CSR when
    the partition's features are sparse (`keep_sparse`), else dense. Labels and weights pass
    Spark's checks (`_checks`); with `check_vectors` (the clustering estimators) so do the
    feature values."""
    X, nulls = _features(table, features_col, sparse)
    if nulls.any():
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"Features column '{features_col}' contains null vectors; use VectorAssembler "
            f"with handleInvalid='skip' or drop those rows before fitting.")
    if not sp.issparse(X):
        X = np.ascontiguousarray(X, dtype=np.float64)
    if check_vectors:
        _checks.check_vectors(X)
    n = X.shape[0]
    y = _column_numpy(table, label_col) if label_col else np.zeros(n)
    w = _column_numpy(table, weight_col) if weight_col else np.ones(n)
    if label_col:
        _checks.check_labels(y)
    if weight_col:
        _checks.check_weights(w)
    return X, np.ascontiguousarray(y), np.ascontiguousarray(w)


def _slice_block(block: tuple, start: int, stop: int) -> tuple:
    X, y, w = block
    return X[start:stop], y[start:stop], w[start:stop]


def _block_moments(block: tuple) -> np.ndarray:
    return block_kernel(feature_moments, *block)


def _label_range(block: tuple) -> np.ndarray:
    """[min, max, count of non-integer labels] of a block (O(n), no sort)."""
    y = block[1]
    return np.array([y.min(), y.max(), float(np.count_nonzero(y != np.floor(y)))])


def _concat_blocks(*blocks: tuple) -> tuple:
    if any(sp.issparse(b[0]) for b in blocks):
        X = sp.vstack([sp.csr_matrix(b[0]) for b in blocks], format="csr")
    else:
        X = np.concatenate([b[0] for b in blocks])
    return (X,) + tuple(np.concatenate([b[i] for b in blocks]) for i in (1, 2))


SCATTER_BYTES = 1 << 16


class _WithKeywords:
    """Picklable `fn(block, *args, **dict(zip(names, rest)))` from positional arguments."""

    def __init__(self, fn: Callable, n_args: int, names: tuple[str, ...]):
        self.fn, self.n_args, self.names = fn, n_args, names

    def __call__(self, block: Any, *values: Any) -> Any:
        args, rest = values[:self.n_args], values[self.n_args:]
        return self.fn(block, *args, **dict(zip(self.names, rest)))


@dataclass
class Moments:
    """Weighted column statistics of the training data (one distributed pass)."""

    weight_sum: float
    rows: int
    mean: np.ndarray
    std: np.ndarray          # unbiased (n-1), as Spark's summarizer
    label_mean: float
    label_std: float


@dataclass
class Blocks:
    """Futures of `(X, y, w)` blocks on the cluster plus their shape."""

    client: Any
    futures: list
    n_features: int
    rows: list[int] = field(default_factory=list)

    def map(self, fn: Callable, *args: Any, **kwargs: Any) -> list:
        """Run `fn(block, *args, **kwargs)` on every block; results in block order.

        Arguments go positionally (keywords through `_WithKeywords`) and large arrays are
        scattered once per call: `Client.map` turns a keyword argument over 100 kB into a graph
        node keyed by the keyword's *name*, so two steps shipping `coef` collide on the
        scheduler (`KeyError: <TaskState 'coef' queued>`).
        """
        n = len(self.futures)
        values = [self._ship(v) for v in (*args, *kwargs.values())]
        call = _WithKeywords(fn, len(args), tuple(kwargs))
        futs = self.client.map(call, self.futures, *[[v] * n for v in values], pure=False)
        return self.client.gather(futs)

    def _ship(self, value: Any) -> Any:
        if isinstance(value, np.ndarray) and value.nbytes > SCATTER_BYTES:
            return self.client.scatter(value, hash=False)
        return value

    def reduce_sum(self, fn: Callable, *args: Any, **kwargs: Any) -> np.ndarray:
        """Sum of `fn` over blocks, added in block order (deterministic)."""
        parts = self.map(fn, *args, **kwargs)
        total = np.array(parts[0], dtype=np.float64, copy=True)
        for p in parts[1:]:
            total += p
        return total

    def moments(self) -> Moments:
        m = self.reduce_sum(_block_moments)
        d = self.n_features
        wsum = m[0]
        if wsum <= 0:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                "The training data is empty (or all instance weights are zero).")
        mean = m[1:1 + d] / wsum
        rows = int(m[3 + 2 * d])
        # Spark's summarizer: unbiased weighted variance with denominator (sum w - 1) for
        # unit weights; keep that so standardized penalties match Spark.
        denom = wsum - 1.0 if wsum > 1.0 else 1.0
        var = np.maximum(m[1 + d:1 + 2 * d] - wsum * mean * mean, 0.0) / denom
        ymean = m[1 + 2 * d] / wsum
        yvar = max(m[2 + 2 * d] - wsum * ymean * ymean, 0.0) / denom
        return Moments(wsum, rows, mean, np.sqrt(var), ymean, float(np.sqrt(yvar)))

    def label_range(self) -> tuple[float, float, int]:
        """(smallest label, largest label, number of non-integer labels)."""
        parts = np.array(self.map(_label_range))
        return float(parts[:, 0].min()), float(parts[:, 1].max()), int(parts[:, 2].sum())

    def release(self) -> None:
        """Drop the driver's references: the workers free the blocks."""
        self.futures = []

    @classmethod
    def from_numpy(cls, client: Any, blocks: Sequence[tuple]) -> Blocks:
        """Blocks from in-memory `(X, y, w)` triples (tests and local data)."""
        prepared = [(np.ascontiguousarray(X, dtype=np.float64),
                     np.ascontiguousarray(y, dtype=np.float64),
                     np.ascontiguousarray(w, dtype=np.float64)) for X, y, w in blocks]
        futures = [client.scatter([b], hash=False)[0] for b in prepared]
        return cls(client, futures, prepared[0][0].shape[1], [len(b[1]) for b in prepared])

    @classmethod
    def from_dataframe(cls, df: Any, features_col: str, label_col: str | None = None,
                       weight_col: str | None = None, sparse: bool = False,
                       check_vectors: bool = False, empty: Exception | None = None
                       ) -> Blocks:
        """Materialize the features (and label, weight) of `df` once, one block per partition.

        If there are fewer partitions than worker threads, blocks are split (as views) so
        every thread has a block to work on; if there are many more (say 200 small parquet
        row groups), consecutive ones are concatenated into about two blocks per thread, so an
        optimizer step is a few tasks, not hundreds. `sparse=True` (for estimators whose
        kernels accept CSR) keeps sparse partitions as CSR blocks. No rows raise `empty`
        (the estimator's Spark error), by default an IllegalArgumentException.
        """
        import dask

        from dfengine.ml._checks import check_numeric_column
        from dfengine.ml._frame import client_of, total_threads

        check_numeric_column(df, label_col, " Cast it to double, or index a string label with "
                             "StringIndexer.")
        check_numeric_column(df, weight_col, " Cast the weight column to double.")
        client = client_of(df)
        parts = df._to_delayed()
        delayed = [dask.delayed(extract_block, pure=True)(p, features_col, label_col, weight_col,
                                                     sparse, check_vectors)
                   for p in parts]
        futures = client.compute(delayed)
        shapes = client.gather(client.map(_shape, futures, pure=False))
        keep = [(f, s) for f, s in zip(futures, shapes) if s[0] > 0]
        if not keep:
            from dfengine.errors import IllegalArgumentException

            raise empty or IllegalArgumentException(
                "The training data is empty: no rows to fit on.")
        d = keep[0][1][1]
        threads = total_threads(client)
        if len(keep) < threads:
            split = -(-threads // len(keep))
            pieces = []
            for f, (n, _) in keep:
                bounds = np.linspace(0, n, split + 1).astype(int)
                for a, b in itertools.pairwise(bounds):
                    if b > a:
                        pieces.append((client.submit(_slice_block, f, int(a), int(b),
                                                     pure=False), (int(b - a), d)))
            keep = pieces
        elif len(keep) > 4 * threads:
            groups = np.array_split(np.arange(len(keep)), 2 * threads)
            keep = [(client.submit(_concat_blocks, *[keep[i][0] for i in g], pure=False),
                     (sum(keep[i][1][0] for i in g), d)) for g in groups if len(g)]
        return cls(client, [f for f, _ in keep], d, [s[0] for _, s in keep])


def _shape(block: tuple) -> tuple[int, int]:
    return block[0].shape
