"""CountVectorizer (vocabulary by corpus term count) and IDF (`log((m + 1) / (df + 1))`).

Both fit from per-partition counts combined on the driver (term -> (count, document
frequency) dictionaries for CountVectorizer; a dense document-frequency vector from each CSR
block for IDF); transforms stay sparse."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import scipy.sparse as sp

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.feature._common import (
    TC,
    Estimator,
    KwargsInit,
    P,
    StateModel,
    VectorMap,
    append,
    vector_type,
)
from dfengine.ml.feature.text import _token_lists
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import csr_to_vector_array, vector_column_to_csr
from dfengine.ml.param.shared import HasInputCol, HasOutputCol


class _CVParams(HasInputCol, HasOutputCol):
    vocabSize = P("vocabSize", "max size of the vocabulary. Default 1 << 18.", TC.toInt)
    minDF = P("minDF", "Specifies the minimum number of different documents a term must appear "
              "in to be included in the vocabulary. If this is an integer >= 1, this "
              "specifies the number of documents the term must appear in; if this is a double "
              "in [0,1), then this specifies the fraction of documents. Default 1.0",
              TC.toFloat)
    maxDF = P("maxDF", "Specifies the maximum number of different documents a term could "
              "appear in to be included in the vocabulary.", TC.toFloat)
    minTF = P("minTF", "Filter to ignore rare words in a document. For each document, terms "
              "with frequency/count less than the given threshold are ignored. Default 1.0",
              TC.toFloat)
    binary = P("binary", "Binary toggle to control the output vector values. If True, all "
               "nonzero counts (after minTF filter applied) are set to 1.", TC.toBoolean)
    _defaults = {"vocabSize": 1 << 18, "minDF": 1.0, "maxDF": float(2 ** 63 - 1), "minTF": 1.0,
                 "binary": False}


def _term_counts(table: pa.Table, col: str) -> tuple[int, dict]:
    docs = _token_lists(table, col).to_pylist()
    counts: dict[str, list[int]] = {}
    for ts in docs:
        for t, c in Counter(ts or ()).items():
            e = counts.get(t)
            if e is None:
                counts[t] = [c, 1]
            else:
                e[0] += c
                e[1] += 1
    return len(docs), counts


def require_string_arrays(dataset: Any, col: str) -> None:
    """The column exists and is an array of strings (Spark's SchemaUtils.checkColumnTypes)."""
    _frame.require_columns(dataset, [col])
    kind = dataset.schema[col].dataType.simpleString()
    if kind != "array<string>":
        raise IllegalArgumentException(
            f"requirement failed: Column {col} must be of type equal to one of the following "
            f"types: [array<string>, array<string>] but was actually of type {kind}.")


class CountVectorizer(KwargsInit, Estimator, _CVParams):
    """Build a vocabulary of the most frequent terms and count them per document."""

    def _fit(self, dataset: Any) -> CountVectorizerModel:
        col = self.getInputCol()
        require_string_arrays(dataset, col)
        parts = _frame.partition_results(dataset, _term_counts, col)
        n_docs = sum(n for n, _ in parts)
        total: dict[str, list[int]] = {}
        for _, counts in parts:
            for t, (c, d) in counts.items():
                e = total.setdefault(t, [0, 0])
                e[0] += c
                e[1] += d
        min_df, max_df = self.getMinDF(), self.getMaxDF()
        lo = min_df if min_df >= 1.0 else min_df * n_docs
        hi = max_df if max_df >= 1.0 else max_df * n_docs
        kept = [(t, c) for t, (c, d) in total.items() if t is not None and lo <= d <= hi]
        kept.sort(key=lambda tc: (-tc[0 + 1], tc[0]))
        vocab = [t for t, _ in kept[: self.getVocabSize()]]
        if not vocab and n_docs:   # no documents: Spark fits an empty vocabulary
            raise IllegalArgumentException(
                "requirement failed: The vocabulary size should be > 0. Lower minDF as "
                "necessary.")
        return self._copyValues(CountVectorizerModel(vocabulary=vocab))


class _Count:
    def __init__(self, col: str, out: str, vocab: list[str], min_tf: float, binary: bool):
        self.col, self.out, self.min_tf, self.binary = col, out, min_tf, binary
        self.vocab = vocab
        self.index: dict | None = None

    def __call__(self, table: pa.Table) -> dict:
        if self.index is None:
            self.index = {t: i for i, t in enumerate(self.vocab)}
        index, d = self.index, len(self.vocab)
        rows, cols, vals = [], [], []
        docs = _token_lists(table, self.col).to_pylist()
        for r, ts in enumerate(docs):
            counts = Counter(index[t] for t in (ts or ()) if t in index)
            n = len(ts or ())
            thr = self.min_tf if self.min_tf >= 1.0 else self.min_tf * n
            for j, c in counts.items():
                if c >= thr:
                    rows.append(r)
                    cols.append(j)
                    vals.append(1.0 if self.binary else float(c))
        csr = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), d))
        return {self.out: csr_to_vector_array(csr)}


class CountVectorizerModel(StateModel, _CVParams):
    _extra = ("vocabulary",)

    @classmethod
    def from_vocabulary(cls, vocabulary: list[str], inputCol: str, outputCol: str | None = None,
                        minTF: float | None = None, binary: bool | None = None) -> Any:
        return cls(vocabulary=list(vocabulary), inputCol=inputCol, outputCol=outputCol,
                   minTF=minTF, binary=binary)

    @property
    def vocabulary(self) -> list[str]:
        return list(self._vocabulary)

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        fn = _Count(col, out, list(self._vocabulary), self.getMinTF(), self.getBinary())
        return append(dataset, [col], fn, [(out, vector_type())])


def _doc_freq(table: pa.Table, col: str) -> tuple[int, np.ndarray]:
    csr, nulls = vector_column_to_csr(table.column(col), col)
    csr = csr[~nulls] if nulls.any() else csr
    csr.eliminate_zeros()
    return csr.shape[0], np.bincount(csr.indices, minlength=csr.shape[1]).astype(np.int64)


class _IDFParams(HasInputCol, HasOutputCol):
    minDocFreq = P("minDocFreq", "minimum number of documents in which a term should appear "
                   "for filtering", TC.toInt)
    _defaults = {"minDocFreq": 0}


class IDF(KwargsInit, Estimator, _IDFParams):
    """Inverse document frequency: `log((numDocs + 1) / (docFreq + 1))`, 0 below minDocFreq."""

    def _fit(self, dataset: Any) -> IDFModel:
        col = self.getInputCol()
        _frame.require_columns(dataset, [col])
        parts = [p for p in _frame.partition_results(dataset, _doc_freq, col) if p[0]]
        if not parts:
            from dfengine.errors import IllegalStateException

            raise IllegalStateException("Haven't seen any document yet.")
        m = sum(n for n, _ in parts)
        df = np.sum([d for _, d in parts], axis=0)
        idf = np.log((m + 1.0) / (df + 1.0))
        rare = df < self.getMinDocFreq()
        idf[rare] = 0.0
        df = np.where(rare, 0, df)   # Spark reports 0 for the filtered terms
        return self._copyValues(IDFModel(idf=idf, docFreq=df, numDocs=m))


class _MulIdf:
    def __init__(self, idf: np.ndarray):
        self.idf = idf

    def __call__(self, X: Any) -> Any:
        return sp.csr_matrix(X.multiply(self.idf)) if sp.issparse(X) else X * self.idf


class IDFModel(StateModel, _IDFParams):
    _arrays = ("idf", "docFreq")
    _extra = ("numDocs",)

    @property
    def idf(self) -> DenseVector:
        return DenseVector(self._idf)

    @property
    def docFreq(self) -> list[int]:
        return [int(x) for x in self._docFreq]

    @property
    def numDocs(self) -> int:
        return int(self._numDocs)

    def _transform(self, dataset: Any) -> Any:
        col, out = self.getInputCol(), self.getOutputCol()
        return append(dataset, [col], VectorMap(col, out, _MulIdf(np.asarray(self._idf)), True),
                      [(out, vector_type())])
