"""Numba kernels of Word2Vec: Spark's skip-gram with hierarchical softmax over one partition.

`train_partition` is the inner loop of Spark's `mllib.feature.Word2Vec.doFit` (itself
word2vec.c's): for each position a random window shrink `b`, for each context word the
hierarchical-softmax updates along the centre word's Huffman path, with Spark's sigmoid table
(1000 entries over [-6, 6]) and the linear learning-rate decay checked every 10,000 words.
Vectors are float32, as in Spark. It returns how often each row of syn0/syn1 was modified, so
the driver can average the partitions' results the way Spark does.
"""

from __future__ import annotations

import numpy as np
from numba import njit

MAX_EXP = 6.0
EXP_TABLE_SIZE = 1000


def exp_table() -> np.ndarray:
    i = np.arange(EXP_TABLE_SIZE, dtype=np.float64)
    t = np.exp((2.0 * i / EXP_TABLE_SIZE - 1.0) * MAX_EXP)
    return (t / (t + 1.0)).astype(np.float32)


def huffman(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """word2vec.c's `CreateBinaryTree` for counts sorted in decreasing order:
    (codes V x 40 int8, points V x 40 int32, code lengths)."""
    V = counts.size
    count = np.full(2 * V + 1, 1e15)
    count[:V] = counts
    binary = np.zeros(2 * V + 1, dtype=np.int8)
    parent = np.zeros(2 * V + 1, dtype=np.int64)
    pos1, pos2 = V - 1, V
    for a in range(V - 1):
        mins = []
        for _ in range(2):
            if pos1 >= 0 and count[pos1] < count[pos2]:
                mins.append(pos1)
                pos1 -= 1
            else:
                mins.append(pos2)
                pos2 += 1
        count[V + a] = count[mins[0]] + count[mins[1]]
        parent[mins[0]] = parent[mins[1]] = V + a
        binary[mins[1]] = 1
    codes = np.zeros((V, 40), dtype=np.int8)
    points = np.zeros((V, 40), dtype=np.int32)
    lens = np.zeros(V, dtype=np.int32)
    for a in range(V):
        path_codes, path_points = [], []
        b = a
        while b != 2 * V - 2 and V > 1:
            path_codes.append(binary[b])
            path_points.append(b)
            b = parent[b]
        n = len(path_codes)
        lens[a] = n
        points[a, 0] = V - 2
        for i in range(n):
            codes[a, n - i - 1] = path_codes[i]
            if n - i < 40:
                points[a, n - i] = path_points[i] - V
    return codes, points, lens


@njit(nogil=True, cache=True)
def _next(state: np.ndarray) -> int:
    """xorshift64* step (state is a one-element uint64 array); a non-negative int."""
    x = state[0]
    x ^= x >> np.uint64(12)
    x ^= x << np.uint64(25)
    x ^= x >> np.uint64(27)
    state[0] = x
    return int((x * np.uint64(2685821657736338717)) >> np.uint64(33))


@njit(nogil=True, cache=True)
def train_partition(words, offsets, codes, points, lens, syn0, syn1, learning_rate, window,
                    seed, done_before, total_words, num_partitions, table):
    """Skip-gram HS over the sentences `words[offsets[s]:offsets[s+1]]`, updating syn0/syn1
    (V x d float32) in place; returns (syn0 modify counts, syn1 modify counts)."""
    V, d = syn0.shape
    m0 = np.zeros(V, dtype=np.int64)
    m1 = np.zeros(V, dtype=np.int64)
    neu1e = np.zeros(d, dtype=np.float32)
    state = np.array([np.uint64(seed) * np.uint64(6364136223846793005) + np.uint64(1442695)])
    alpha = learning_rate * (1.0 - done_before / total_words)
    alpha = max(alpha, learning_rate * 0.0001)
    word_count, last = 0, 0
    for s in range(offsets.size - 1):
        if word_count - last > 10000:
            last = word_count
            alpha = learning_rate * (1.0 - (num_partitions * word_count + done_before)
                                     / total_words)
            alpha = max(alpha, learning_rate * 0.0001)
        a0, a1 = offsets[s], offsets[s + 1]
        n = a1 - a0
        word_count += n
        for pos in range(n):
            word = words[a0 + pos]
            b = _next(state) % window
            for a in range(b, window * 2 + 1 - b):
                c = pos - window + a
                if a == window or c < 0 or c >= n:
                    continue
                last_word = words[a0 + c]
                neu1e[:] = 0.0
                for dd in range(lens[word]):
                    inner = points[word, dd]
                    f = 0.0
                    for j in range(d):
                        f += syn0[last_word, j] * syn1[inner, j]
                    if f <= -MAX_EXP or f >= MAX_EXP:
                        continue
                    ind = int((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2.0))
                    g = np.float32((1.0 - codes[word, dd] - table[ind]) * alpha)
                    for j in range(d):
                        neu1e[j] += g * syn1[inner, j]
                    for j in range(d):
                        syn1[inner, j] += g * syn0[last_word, j]
                    m1[inner] += 1
                for j in range(d):
                    syn0[last_word, j] += neu1e[j]
                m0[last_word] += 1
    return m0, m1


@njit(nogil=True, cache=True)
def sentence_means(words, offsets, lengths, vectors):
    """Spark's transform: the sum of the known words' vectors over the sentence length."""
    n = offsets.size - 1
    d = vectors.shape[1]
    out = np.zeros((n, d))
    for s in range(n):
        for i in range(offsets[s], offsets[s + 1]):
            for j in range(d):
                out[s, j] += np.float64(vectors[words[i], j])
        if lengths[s] > 0:
            for j in range(d):
                out[s, j] /= lengths[s]
    return out

