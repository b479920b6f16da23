"""Numba kernels of the tree learners; each runs once per block per round on a worker.

All release the GIL (`nogil=True`), so the threads of one worker build the histograms of
different blocks in parallel, and loop in row order, so a block's result is deterministic.

Layout: `xb` is the block's binned features, a C-ordered `(rows, features)` uint8/uint16
matrix; `nid[t, i]` is the frontier index of row `i`'s node in tree `t` (-1 once the row sits
in a leaf); `slot_map[t, node]` says which histogram slot that node fills (-1: not needed this
round) and `slot_feats[slot]` which features it considers (Spark's per-node feature subset).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(nogil=True, cache=True)
def hist_classification(xb, yi, w, bag, nid, slot_map, slot_feats, nbins, nclasses, nslots):
    """hist[slot, j, bin, c] = weighted count of class c; hist[..., nclasses] = raw count."""
    T, n = nid.shape
    nf = slot_feats.shape[1]
    hist = np.zeros((nslots, nf, nbins, nclasses + 1))
    for t in range(T):
        for i in range(n):
            node = nid[t, i]
            if node < 0:
                continue
            s = slot_map[t, node]
            c = bag[t, i]
            if s < 0 or c == 0:
                continue
            wi = w[i] * c
            cls = yi[i]
            for j in range(nf):
                b = xb[i, slot_feats[s, j]]
                hist[s, j, b, cls] += wi
                hist[s, j, b, nclasses] += c
    return hist


@njit(nogil=True, cache=True)
def hist_regression(xb, target, w, bag, nid, slot_map, slot_feats, nbins, nslots):
    """hist[slot, j, bin] = [sum w, sum w*y, sum w*y^2, raw count]."""
    T, n = nid.shape
    nf = slot_feats.shape[1]
    hist = np.zeros((nslots, nf, nbins, 4))
    for t in range(T):
        for i in range(n):
            node = nid[t, i]
            if node < 0:
                continue
            s = slot_map[t, node]
            c = bag[t, i]
            if s < 0 or c == 0:
                continue
            wi = w[i] * c
            y = target[i]
            wy = wi * y
            wyy = wy * y
            for j in range(nf):
                h = hist[s, j, xb[i, slot_feats[s, j]]]
                h[0] += wi
                h[1] += wy
                h[2] += wyy
                h[3] += c
    return hist


@njit(nogil=True, cache=True)
def advance(xb, nid, split_feat, split_bin, split_cat, cat_masks, left_id, right_id):
    """Move every row to its child's index in the next frontier (-1 if the child is a leaf).

    A categorical split (`split_cat[t, node] >= 0`) sends a row left when
    `cat_masks[split_cat, category]` is 1; a continuous one when its bin is <= `split_bin`.
    """
    T, n = nid.shape
    out = np.empty_like(nid)
    for t in range(T):
        for i in range(n):
            node = nid[t, i]
            if node < 0:
                out[t, i] = -1
                continue
            f = split_feat[t, node]
            if f < 0:
                out[t, i] = -1
                continue
            c = split_cat[t, node]
            v = xb[i, f]
            go_left = cat_masks[c, v] != 0 if c >= 0 else v <= split_bin[t, node]
            out[t, i] = left_id[t, node] if go_left else right_id[t, node]
    return out


@njit(nogil=True, cache=True)
def leaves_binned(xb, feature, bin_, cat_offset, cat_mask, left, right):
    """Leaf index of every row of a binned block in one tree (preorder node arrays)."""
    n = xb.shape[0]
    out = np.empty(n, dtype=np.int32)
    for i in range(n):
        node = 0
        while feature[node] >= 0:
            v = xb[i, feature[node]]
            off = cat_offset[node]
            go_left = cat_mask[off + v] != 0 if off >= 0 else v <= bin_[node]
            node = left[node] if go_left else right[node]
        out[i] = node
    return out


@njit(nogil=True, cache=True)
def _goes_left_raw(v, threshold, off, arity, cat_mask):
    if off < 0:
        return v <= threshold
    # Spark's CategoricalSplit: a value outside the categories (or not an integer) goes to
    # the side that is not stored; cat_mask[off + arity] holds that default side
    if v >= 0 and v < arity and v == np.floor(v):
        return cat_mask[off + int(v)] != 0
    return cat_mask[off + arity] != 0


@njit(nogil=True, cache=True)
def leaves_raw(X, feature, threshold, cat_offset, cat_arity, cat_mask, left, right, roots):
    """Leaf index (into the concatenated node arrays) of every row in every tree."""
    n = X.shape[0]
    T = roots.shape[0]
    out = np.empty((n, T), dtype=np.int32)
    for i in range(n):
        for t in range(T):
            node = roots[t]
            while feature[node] >= 0:
                if _goes_left_raw(X[i, feature[node]], threshold[node], cat_offset[node],
                                  cat_arity[node], cat_mask):
                    node = left[node]
                else:
                    node = right[node]
            out[i, t] = node
    return out


@njit(nogil=True, cache=True)
def spark_continuous_splits(values, weights, num_splits):
    """Spark's `findSplitsForContinuousFeature` on sorted distinct values and their weights.

    All midpoints when there are few distinct values; otherwise walk the weighted counts and
    cut where the running count is closest to the next multiple of total / (num_splits + 1).
    """
    m = values.shape[0]
    if m <= 1:
        return np.empty(0)
    if m - 1 <= num_splits:
        return (values[:-1] + values[1:]) / 2.0
    total = weights.sum()
    stride = total / (num_splits + 1)
    out = np.empty(m - 1)
    k = 0
    current = weights[0]
    target = stride
    for idx in range(1, m):
        previous = current
        current += weights[idx]
        if abs(previous - target) < abs(current - target):
            out[k] = (values[idx - 1] + values[idx]) / 2.0
            k += 1
            target += stride
    return out[:k]


@njit(nogil=True, cache=True)
def bin_matrix(X, thresholds, offsets, out):
    """out[i, f] = number of thresholds of feature f strictly below X[i, f] (Spark's findBin)."""
    n, d = X.shape
    for f in range(d):
        lo0 = offsets[f]
        hi0 = offsets[f + 1]
        for i in range(n):
            v = X[i, f]
            lo = lo0
            hi = hi0
            while lo < hi:
                mid = (lo + hi) >> 1
                if thresholds[mid] < v:
                    lo = mid + 1
                else:
                    hi = mid
            out[i, f] = lo - lo0
    return out
