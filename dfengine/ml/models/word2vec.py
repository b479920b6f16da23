"""Word2Vec: Spark's skip-gram with hierarchical softmax, trained per partition and averaged.

Fit, as Spark's `mllib.feature.Word2Vec`:
1. word counts per DataFrame partition, combined on the driver; the vocabulary is the words
   seen at least `minCount` times, by decreasing count (ties by word), with its Huffman tree;
2. each partition turns its sentences into word indices (unknown words dropped, long ones cut
   into pieces of `maxSentenceLength`); the encoded sentences stay on the workers;
3. per iteration, `numPartitions` tasks each train a copy of (syn0, syn1) on their share of the
   sentences (Numba, `_w2v_kernels.train_partition`); the driver averages every vector over
   the partitions that modified it (Spark's reduceByKey of the modified rows).
The model's `transform` is the sum of the vectors of a sentence's known words divided by the
sentence's length (an empty sentence gives a sparse zero vector), `findSynonyms` the cosine
similarity in float32 as Spark computes it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel, append
from dfengine.ml.feature.text import _token_lists
from dfengine.ml.linalg import DenseVector
from dfengine.ml.linalg.arrow import mixed_vector_array
from dfengine.ml.models._w2v_kernels import (
    exp_table,
    huffman,
    sentence_means,
    train_partition,
)
from dfengine.ml.param.shared import HasInputCol, HasMaxIter, HasOutputCol, HasSeed


class _W2VParams(HasInputCol, HasOutputCol, HasMaxIter, HasSeed):
    vectorSize = P("vectorSize", "the dimension of codes after transforming from words",
                   TC.toInt)
    numPartitions = P("numPartitions", "number of partitions for sentences of words",
                      TC.toInt)
    minCount = P("minCount", "the minimum number of times a token must appear to be included "
                 "in the word2vec model's vocabulary", TC.toInt)
    windowSize = P("windowSize", "the window size (context words from [-window, window]). "
                   "Default value is 5", TC.toInt)
    maxSentenceLength = P("maxSentenceLength", "Maximum length (in words) of each sentence in "
                          "the input data. Any sentence longer than this threshold will be "
                          "divided into chunks up to the size.", TC.toInt)
    stepSize = P("stepSize", "Step size to be used for each iteration of optimization (>= 0).",
                 TC.toFloat)
    _defaults = {"vectorSize": 100, "minCount": 5, "numPartitions": 1, "stepSize": 0.025,
                 "maxIter": 1, "windowSize": 5, "maxSentenceLength": 1000}


def _counts(table: pa.Table, col: str) -> Counter:
    c: Counter = Counter()
    for ts in _token_lists(table, col).to_pylist():
        c.update(ts or ())
    return c


def _encode(table: pa.Table, col: str, index: dict, max_len: int) -> tuple:
    """A partition's sentences as (flat word indices, offsets), pieces of `max_len` words."""
    flat: list[int] = []
    offsets = [0]
    for ts in _token_lists(table, col).to_pylist():
        ids = [index[t] for t in (ts or ()) if t in index]
        for a in range(0, len(ids), max_len):
            flat.extend(ids[a:a + max_len])
            offsets.append(len(flat))
    return np.asarray(flat, dtype=np.int32), np.asarray(offsets, dtype=np.int64)


def _share(part: int, num: int, *encoded: tuple) -> tuple:
    """Sentences `part, part + num, ...` of all partitions' encoded sentences (Spark's
    repartition of the sentences into `numPartitions`)."""
    words, offsets = [], [0]
    k = 0
    for w, off in encoded:
        for s in range(off.size - 1):
            if k % num == part:
                words.append(w[off[s]:off[s + 1]])
                offsets.append(offsets[-1] + off[s + 1] - off[s])
            k += 1
    flat = np.concatenate(words) if words else np.zeros(0, np.int32)
    return flat.astype(np.int32), np.asarray(offsets, dtype=np.int64)


def _train_task(sentences: tuple, tree: tuple, syn0: np.ndarray, syn1: np.ndarray,
                settings: tuple) -> tuple:
    learning_rate, window, seed, done_before, total, num = settings
    s0, s1 = syn0.copy(), syn1.copy()
    m0, m1 = train_partition(sentences[0], sentences[1], tree[0], tree[1], tree[2], s0, s1,
                             learning_rate, window, seed, float(done_before), float(total),
                             num, exp_table())
    return s0, s1, m0, m1


def _average(results: list, syn0: np.ndarray, syn1: np.ndarray) -> tuple:
    """Each row: mean over the partitions that modified it (kept if none did)."""
    out = []
    for which, base in ((0, syn0), (1, syn1)):
        acc = np.zeros(base.shape, dtype=np.float32)
        cnt = np.zeros(base.shape[0], dtype=np.int64)
        for r in results:
            mod = r[2 + which] > 0
            acc[mod] += r[which][mod]
            cnt += mod
        touched = cnt > 0
        new = base.copy()
        new[touched] = acc[touched] / cnt[touched, None].astype(np.float32)
        out.append(new)
    return out[0], out[1]


class Word2Vec(KwargsInit, Estimator, _W2VParams):
    """Word2Vec: a vector per word (skip-gram, hierarchical softmax), as Spark trains it."""

    def _fit(self, dataset: Any) -> Word2VecModel:
        from dfengine.ml.feature.count_vectorizer import require_string_arrays

        col = self.getInputCol()
        require_string_arrays(dataset, col)
        total: Counter = Counter()
        for c in _frame.partition_results(dataset, _counts, col):
            total.update(c)
        kept = sorted(((w, n) for w, n in total.items()
                       if w is not None and n >= self.getMinCount()), key=lambda t: (-t[1], t[0]))
        if not kept:
            raise IllegalArgumentException(
                "requirement failed: The vocabulary size should be > 0. You may need to check "
                "the setting of minCount, which could be large enough to remove all your words "
                "in sentences.")
        words = [w for w, _ in kept]
        counts = np.array([n for _, n in kept], dtype=np.float64)
        vectors = self._train(dataset, words, counts)
        return self._copyValues(Word2VecModel(words=words, vectors=vectors))

    def _train(self, dataset: Any, words: list[str], counts: np.ndarray) -> np.ndarray:
        import dask

        client = _frame.client_of(dataset)
        index = {w: i for i, w in enumerate(words)}
        encoded = client.compute([
            dask.delayed(_encode, pure=True)(p, self.getInputCol(), index,
                                             self.getMaxSentenceLength())
            for p in dataset._to_delayed()])
        num = max(1, self.getNumPartitions())
        shares = [client.submit(_share, j, num, *encoded, pure=False) for j in range(num)]
        tree = client.scatter(huffman(counts), broadcast=True, hash=False)
        V, d = len(words), self.getVectorSize()
        seed = self.getSeed() if self.isDefined("seed") and self.getSeed() is not None else 0
        rng = np.random.default_rng(seed)
        syn0 = ((rng.random((V, d), dtype=np.float32) - np.float32(0.5)) / np.float32(d))
        syn1 = np.zeros((V, d), dtype=np.float32)
        train_words = float(counts.sum())
        iters = self.getMaxIter()
        total = iters * train_words + 1
        for k in range(1, iters + 1):
            s0, s1 = client.scatter([syn0, syn1], hash=False)
            futs = [client.submit(_train_task, shares[j], tree, s0, s1,
                                  (self.getStepSize(), self.getWindowSize(),
                                   (seed ^ ((j + 1) << 16) ^ (k << 8)) & 0x7FFFFFFF,
                                   (k - 1) * train_words, total, num), pure=False)
                    for j in range(num)]
            syn0, syn1 = _average(client.gather(futs), syn0, syn1)
        return syn0


class _Transform:
    def __init__(self, col: str, out: str, words: list[str], vectors: np.ndarray):
        self.col, self.out, self.words, self.vectors = col, out, words, vectors
        self.index: dict | None = None

    def __call__(self, table: pa.Table) -> dict:
        if self.index is None:
            self.index = {w: i for i, w in enumerate(self.words)}
        docs = _token_lists(table, self.col).to_pylist()
        ids: list[int] = []
        offsets, lengths = [0], []
        for ts in docs:
            ids.extend(self.index[t] for t in (ts or ()) if t in self.index)
            offsets.append(len(ids))
            lengths.append(len(ts or ()))
        lens = np.asarray(lengths, dtype=np.int64)
        Y = sentence_means(np.asarray(ids, dtype=np.int64), np.asarray(offsets, np.int64),
                           lens, self.vectors)
        nulls = np.array([ts is None for ts in docs], dtype=bool)
        return {self.out: mixed_vector_array(Y, lens == 0, nulls if nulls.any() else None)}


class Word2VecModel(StateModel, _W2VParams):
    _arrays = ("vectors",)
    _extra = ("words",)

    def _vec(self) -> np.ndarray:
        return np.asarray(self._vectors, dtype=np.float32)

    def getVectors(self) -> Any:
        """A DataFrame of (word, vector), one row per vocabulary word."""
        from dfengine.sql.types import StringType, StructField, StructType, VectorUDT

        vec = self._vec().astype(np.float64)
        rows = [(w, DenseVector(v)) for w, v in zip(self._words, vec)]
        schema = StructType([StructField("word", StringType(), True),
                             StructField("vector", VectorUDT(), True)])
        return _frame.active_session().createDataFrame(rows, schema)

    def findSynonymsArray(self, word: Any, num: int) -> list[tuple[str, float]]:
        """The `num` words closest to `word` (a word or a vector) by cosine similarity."""
        if num <= 0:
            raise IllegalArgumentException(
                "requirement failed: Number of similar words should > 0")
        vecs = self._vec()
        exclude = None
        if isinstance(word, str):
            if word not in self._words:
                raise IllegalArgumentException(f"{word} not in vocabulary")
            exclude = word
            q = vecs[self._words.index(word)].copy()
        else:
            q = np.asarray(word.toArray() if hasattr(word, "toArray") else word, np.float32)
        qn = np.float32(np.linalg.norm(q))
        if qn != 0:
            q = q / qn
        norms = np.linalg.norm(vecs, axis=1).astype(np.float32)
        cos = (vecs @ q.astype(np.float32)).astype(np.float32)
        cos = np.where(norms == 0, np.float32(0), cos / np.where(norms == 0, 1, norms))
        order = np.argsort(-cos, kind="stable")[:num + 1]
        out = [(self._words[i], float(cos[i])) for i in order if self._words[i] != exclude]
        return out[:num]

    def findSynonyms(self, word: Any, num: int) -> Any:
        """A DataFrame (word, similarity) of the `num` closest words."""
        from dfengine.sql.types import DoubleType, StringType, StructField, StructType

        schema = StructType([StructField("word", StringType(), True),
                             StructField("similarity", DoubleType(), True)])
        return _frame.active_session().createDataFrame(self.findSynonymsArray(word, num),
                                                       schema)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.ml.feature._common import vector_type

        col, out = self.getInputCol(), self.getOutputCol()
        fn = _Transform(col, out, list(self._words), self._vec())
        return append(dataset, [col], fn, [(out, vector_type())])
