"""Locality-sensitive hashing: BucketedRandomProjectionLSH (Euclidean) and MinHashLSH
(Jaccard), with Spark's hash functions and output layout (`array<vector>` of one-element
hash vectors per table).

- BRP: `floor(x . v_t / bucketLength)` for `numHashTables` random unit vectors `v_t`.
- MinHash: `min over non-zero i of ((1 + i) * a_t + b_t) mod 2038074743`, `a_t` in
  [1, prime), `b_t` in [0, prime).
The random vectors/coefficients come from numpy's generator seeded with `seed` (Spark's
java.util.Random streams are not reproduced), so hash values differ from PySpark's; distances
and what a join/neighbour search can find do not depend on them beyond the usual LSH odds.

`approxNearestNeighbors` is distributed (hash and distance per partition, then a filter and a
top-k). `approxSimilarityJoin` hashes both sides per partition, then pairs candidates sharing a
bucket on the driver (it collects the two hashed inputs: fine for the modest sizes LSH joins
are used on here; a shuffle join on (table, hash) is the next step).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    StateModel,
    append,
    vector_type,
)
from dfengine.ml.linalg.arrow import vector_column_to_csr
from dfengine.ml.param.shared import HasInputCol, HasOutputCol, HasSeed

PRIME = 2038074743


class _LSHParams(HasInputCol, HasOutputCol, HasSeed):
    numHashTables = P("numHashTables", "number of hash tables, where increasing number of hash "
                      "tables lowers the false negative rate, and decreasing it improves the "
                      "running performance.", TC.toInt)
    _defaults = {"numHashTables": 1, "seed": 42}


class _BRPParams(_LSHParams):
    bucketLength = P("bucketLength", "the length of each hash bucket, a larger bucket lowers "
                     "the false negative rate.", TC.toFloat)


def _hash_arrays(model: Any, X: Any) -> np.ndarray:
    """(rows, tables) hash values of a CSR matrix."""
    if isinstance(model, MinHashLSHModel):
        a, b = np.asarray(model._a, np.int64), np.asarray(model._b, np.int64)
        n = X.shape[0]
        out = np.empty((n, a.size))
        for r in range(n):
            idx = X.indices[X.indptr[r]:X.indptr[r + 1]][X.data[X.indptr[r]:X.indptr[r + 1]] != 0]
            if idx.size == 0:
                raise IllegalArgumentException("Must have at least 1 non zero entry.")
            out[r] = (((1 + idx.astype(np.int64))[:, None] * a + b) % PRIME).min(axis=0)
        return out
    V = np.asarray(model._vectors)
    return np.floor(np.asarray(X @ V.T) / model.getBucketLength())


def _distance(model: Any, X: Any, key: np.ndarray) -> np.ndarray:
    if isinstance(model, MinHashLSHModel):
        xb = (X != 0).astype(np.float64)
        kb = (key != 0).astype(np.float64)
        inter = np.asarray(xb @ kb).ravel()
        union = np.asarray(xb.sum(axis=1)).ravel() + kb.sum() - inter
        return 1.0 - inter / np.where(union > 0, union, 1.0)
    diff = X.toarray() - key[None, :]
    return np.sqrt((diff * diff).sum(axis=1))


def _hash_column(h: np.ndarray) -> pa.Array:
    """(rows, tables) -> array<vector> with one 1-element dense vector per table."""
    from dfengine.ml.linalg.arrow import matrix_to_vector_array

    rows, t = h.shape
    inner = matrix_to_vector_array(h.reshape(-1, 1))
    return pa.ListArray.from_arrays(pa.array(np.arange(rows + 1, dtype=np.int32) * t), inner)


class _Hash:
    def __init__(self, model: Any, col: str, out: str):
        self.model, self.col, self.out = model, col, out

    def __call__(self, table: pa.Table) -> dict:
        X, _ = vector_column_to_csr(table.column(self.col), self.col)
        return {self.out: _hash_column(_hash_arrays(self.model, X))}


class _KeyDistance:
    """Distance to `key` for rows sharing a bucket with it in some table (else +inf)."""

    def __init__(self, model: Any, col: str, key: np.ndarray, out: str):
        self.model, self.col, self.key, self.out = model, col, key, out

    def __call__(self, table: pa.Table) -> dict:
        import scipy.sparse as sp

        X, _ = vector_column_to_csr(table.column(self.col), self.col)
        h = _hash_arrays(self.model, X)
        kh = _hash_arrays(self.model, sp.csr_matrix(self.key[None, :]))[0]
        dist = _distance(self.model, X, self.key)
        return {self.out: pa.array(np.where((h == kh).any(axis=1), dist, np.inf), pa.float64())}


class _LSHModel(StateModel):
    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import ArrayType

        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], _Hash(self, col, out), [(out, ArrayType(vector_type()))])

    def approxNearestNeighbors(self, dataset: Any, key: Any, numNearestNeighbors: int,
                               distCol: str = "distCol") -> Any:
        from dfengine.sql import functions as F
        from dfengine.sql.types import DoubleType

        col = self.getInputCol()
        hashed = dataset if self.getOutputCol() in dataset.columns else self.transform(dataset)
        fn = _KeyDistance(self, col, np.asarray(key.toArray(), dtype=np.float64), distCol)
        scored = append(hashed, [col], fn, [(distCol, DoubleType())])
        return (scored.where(F.col(distCol) < float("inf")).orderBy(distCol)
                .limit(int(numNearestNeighbors)))

    def approxSimilarityJoin(self, datasetA: Any, datasetB: Any, threshold: float,
                             distCol: str = "distCol") -> Any:
        import scipy.sparse as sp

        from dfengine.sql.types import DoubleType, StructField, StructType

        col = self.getInputCol()
        a_rows, b_rows = datasetA.collect(), datasetB.collect()
        if not a_rows or not b_rows:
            raise IllegalArgumentException("approxSimilarityJoin: an input dataset is empty.")
        XA = sp.vstack([sp.csr_matrix(r[col].toArray()) for r in a_rows], format="csr")
        XB = sp.vstack([sp.csr_matrix(r[col].toArray()) for r in b_rows], format="csr")
        ha, hb = _hash_arrays(self, XA), _hash_arrays(self, XB)
        out = []
        for i in range(len(a_rows)):
            cand = np.flatnonzero((hb == ha[i]).any(axis=1))
            if cand.size:
                d = _distance(self, XB[cand], XA[i].toarray().ravel())
                out += [(a_rows[i], b_rows[j], float(x)) for j, x in zip(cand, d)
                        if x < threshold]
        schema = StructType([StructField("datasetA", datasetA.schema, True),
                             StructField("datasetB", datasetB.schema, True),
                             StructField(distCol, DoubleType(), True)])
        return datasetA.sparkSession.createDataFrame(out, schema)


class BucketedRandomProjectionLSH(KwargsInit, Estimator, _BRPParams):
    """LSH for Euclidean distance by random projections into buckets."""

    def _fit(self, dataset: Any) -> BucketedRandomProjectionLSHModel:
        if not self.isSet("bucketLength"):
            raise IllegalArgumentException("BucketedRandomProjectionLSH needs bucketLength.")
        field = [f for f in dataset.schema.fields if f.name == self.getInputCol()]
        if not field:
            raise IllegalArgumentException(f"Column '{self.getInputCol()}' does not exist.")
        first = dataset.select(self.getInputCol()).first()
        d = len(first[0])
        rng = np.random.default_rng(self.getSeed())
        v = rng.normal(size=(self.getNumHashTables(), d))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        return self._copyValues(BucketedRandomProjectionLSHModel(vectors=v))


class BucketedRandomProjectionLSHModel(_LSHModel, _BRPParams):
    _arrays = ("vectors",)


class MinHashLSH(KwargsInit, Estimator, _LSHParams):
    """LSH for Jaccard distance by min-hashing the non-zero indices."""

    def _fit(self, dataset: Any) -> MinHashLSHModel:
        rng = np.random.default_rng(self.getSeed())
        t = self.getNumHashTables()
        a = rng.integers(1, PRIME, size=t)
        b = rng.integers(0, PRIME, size=t)
        return self._copyValues(MinHashLSHModel(a=a, b=b))


class MinHashLSHModel(_LSHModel, _LSHParams):
    _arrays = ("a", "b")
