"""Growing trees level by level: histograms on the workers, splits on the driver.

This is Spark's `RandomForest.findBestSplits` (and the `hist` method of LightGBM/XGBoost) on
Dask: every round, one task per block runs a Numba kernel that adds each row's label
statistics to the histogram of (its node, feature, bin); the driver sums the blocks'
histograms in block order, and for each node of the frontier picks the split with the largest
impurity gain exactly as Spark does (same impurity formulas, same validity rules, first best
split in (feature, threshold) order wins). Rows then move to their child's frontier index with
a second tiny kernel, still on the workers. Only histograms (kilobytes to a few megabytes) and
split tables cross the network; the binned rows never leave their worker.

Many trees grow in the same rounds (a random forest's trees share each level's pass over the
data), and a frontier too large for `maxMemoryInMB` is processed in several passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from dfengine.ml.tree.data import BinnedData
from dfengine.ml.tree.kernels import advance, hist_classification, hist_regression

EPSILON = 1e-16


@dataclass
class GrowSpec:
    classification: bool
    num_classes: int
    impurity: str
    max_depth: int
    min_instances: int
    min_weight: float
    min_info_gain: float
    feats_per_node: int
    n_bins: np.ndarray
    seed: int
    max_memory_mb: int = 256
    cat_arity: np.ndarray | None = None     # per feature: categories (0 = continuous)
    unordered: np.ndarray | None = None     # per feature: split on category subsets
    subtract: bool = True                   # derive the larger sibling's histogram

    def __post_init__(self) -> None:
        d = self.n_bins.size
        if self.cat_arity is None:
            self.cat_arity = np.zeros(d, dtype=np.int64)
        if self.unordered is None:
            self.unordered = np.zeros(d, dtype=bool)


@dataclass
class Node:
    """A node while learning: its statistics and, once split, its split and children."""

    depth: int
    stats: np.ndarray                 # class weights, or [sum w, sum wy, sum wy^2]
    raw: float
    impurity: float
    leaf: bool = False
    feature: int = -1
    bin: int = -1
    gain: float = 0.0
    left: Node | None = None
    right: Node | None = None
    fidx: int = -1
    tree: int = 0
    categories: tuple | None = None   # a categorical split's left categories (sorted)
    arity: int = 0
    sibling: Node | None = field(default=None, repr=False)
    parent_hist: Any = field(default=None, repr=False)
    children_stats: Any = field(default=None, repr=False)


# -- impurities, computed as Spark's calculators do (same operation order)

def impurity_of(stats: np.ndarray, kind: str) -> np.ndarray:
    """Impurity of stats arrays (last axis = the calculator's stats)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "variance":
            w, s, ss = stats[..., 0], stats[..., 1], stats[..., 2]
            out = (ss - (s * s) / w) / w
            return np.where(w == 0, 0.0, out)
        total = weight_of(stats, kind)
        imp = np.ones(total.shape) if kind == "gini" else np.zeros(total.shape)
        for c in range(stats.shape[-1]):
            freq = stats[..., c] / total
            if kind == "gini":
                imp = imp - freq * freq
            else:
                imp = imp - np.where(freq > 0, freq * (np.log(freq) / np.log(2.0)), 0.0)
        return np.where(total == 0, 0.0, imp)


def weight_of(stats: np.ndarray, kind: str) -> np.ndarray:
    if kind == "variance":
        return stats[..., 0]
    total = stats[..., 0].copy()
    for c in range(1, stats.shape[-1]):
        total = total + stats[..., c]
    return total


def node_prediction(stats: np.ndarray, kind: str) -> float:
    if kind == "variance":
        return float(stats[1] / stats[0]) if stats[0] else 0.0
    return float(np.argmax(stats))


# -- worker tasks

def _hist_task(block: dict, nid: Any, tables: Any, bag: Any, target: Any,
               slot_map: np.ndarray, slot_feats: np.ndarray, nbins: int, num_classes: int,
               nslots: int) -> np.ndarray:
    """One block's histograms for one round.

    `nid` is the previous round's node ids and `tables` the splits chosen since (None at the
    root, where `nid` is the number of trees): the rows are moved here rather than by a task
    this one would wait on, so a round is one scheduler hop. `target` is None (the label), an
    array, or a recipe `("boost", F, tree, weight, loss, classification)`.
    """
    xb, w = block["xb"], block["w"]
    if tables is None:
        nid = np.zeros((nid, xb.shape[0]), dtype=np.int32)
    else:
        nid = advance(xb, nid, *tables)
    if bag is None:
        bag = np.ones(nid.shape, dtype=np.uint8)
    if num_classes:
        yi = block["y"].astype(np.int32)
        return hist_classification(xb, yi, w, bag, nid, slot_map, slot_feats, nbins,
                                   num_classes, nslots)
    y = resolve_target(block, target)
    return hist_regression(xb, y, w, bag, nid, slot_map, slot_feats, nbins, nslots)


def resolve_target(block: dict, target: Any) -> np.ndarray:
    if target is None:
        return block["y"]
    if isinstance(target, tuple) and target and target[0] == "boost":
        from dfengine.ml.tree.train import boost_target

        return boost_target(block, *target[1:])
    return target


def _advance_task(block: dict, nid: Any, tables: Any) -> np.ndarray:
    if tables is None:
        return np.zeros((nid, block["xb"].shape[0]), dtype=np.int32)
    return advance(block["xb"], nid, *tables)


def make_bag(block: dict, trees: int, rate: float, replace: bool, seed: int) -> np.ndarray:
    """Per-tree sample counts of a block: Poisson(rate) with replacement, else Bernoulli."""
    rng = np.random.default_rng(seed)
    n = block["xb"].shape[0]
    if replace:
        return np.minimum(rng.poisson(rate, (trees, n)), 255).astype(np.uint8)
    return (rng.random((trees, n)) < rate).astype(np.uint8)


# -- split selection on the driver

def best_splits(H: np.ndarray, slot_feats: np.ndarray, parent_imp: np.ndarray,
                spec: GrowSpec) -> tuple:
    """For each slot: (feature position, candidate, gain, left stats, right stats, order).

    `H[slot, j, bin, :]` holds the stats plus the raw count as last entry. A continuous
    feature's candidates are its thresholds; an ordered categorical feature's are the prefixes
    of its categories sorted by Spark's centroid (`order`); an unordered one's (multiclass,
    few categories) the subsets whose bits are `candidate + 1`. Invalid splits (too few
    instances or weight on a side, gain below minInfoGain, past the feature's candidates) get
    gain -inf; the first maximum in (feature, candidate) order wins, as Spark's `maxBy`.
    """
    kind = spec.impurity
    arity = spec.cat_arity[slot_feats]
    unordered = spec.unordered[slot_feats] & (arity > 1)
    ordered = (arity > 0) & ~unordered
    order = None
    if ordered.any():
        order = category_order(H, arity, ordered, spec)
        H = np.take_along_axis(H, order[..., None], axis=2)
    C = np.cumsum(H, axis=2)
    tot = C[:, :, -1:, :]
    L = C[:, :, :-1, :]
    nsplit = spec.n_bins[slot_feats] - 1                       # (S, nf)
    if unordered.any():
        L, nsplit = subset_stats(H, L, nsplit, unordered, arity)
    R = tot - L
    wl, wr = weight_of(L[..., :-1], kind), weight_of(R[..., :-1], kind)
    il, ir = impurity_of(L[..., :-1], kind), impurity_of(R[..., :-1], kind)
    tw = wl + wr
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = parent_imp[:, None, None] - (wl / tw) * il - (wr / tw) * ir
    valid = np.arange(L.shape[2])[None, None, :] < nsplit[:, :, None]
    valid &= (L[..., -1] >= spec.min_instances) & (R[..., -1] >= spec.min_instances)
    valid &= (wl >= spec.min_weight) & (wr >= spec.min_weight)
    valid &= gain >= spec.min_info_gain
    gain = np.where(valid & ~np.isnan(gain), gain, -np.inf)
    S = H.shape[0]
    flat = gain.reshape(S, -1)
    best = np.argmax(flat, axis=1) if flat.shape[1] else np.zeros(S, dtype=np.int64)
    nb = max(L.shape[2], 1)
    j, b = best // nb, best % nb
    g = flat[np.arange(S), best] if flat.shape[1] else np.full(S, -np.inf)
    idx = (np.arange(S), j, b)
    return j, b, g, L[idx], R[idx], order


def category_order(H: np.ndarray, arity: np.ndarray, ordered: np.ndarray,
                   spec: GrowSpec) -> np.ndarray:
    """Per (slot, feature position): the bins in the order Spark considers them.

    Continuous and unordered features keep bin order. An ordered categorical feature's
    categories are sorted (stably) by centroid: the weight of class 1 (binary
    classification), the impurity (multiclass) or the mean label (regression), with empty
    categories last (Spark's `Double.MaxValue`) and bins past the arity after them.
    """
    nbins = H.shape[2]
    stats = H[..., :-1]
    kind = spec.impurity
    count = weight_of(stats, kind)
    if kind == "variance":
        with np.errstate(divide="ignore", invalid="ignore"):
            centroid = stats[..., 1] / count
    elif spec.num_classes > 2:
        centroid = impurity_of(stats, kind)
    else:
        centroid = stats[..., 1]
    centroid = np.where(count != 0, centroid, np.finfo(np.float64).max)
    bins = np.arange(nbins)
    key = np.where(ordered[..., None], centroid, bins[None, None, :].astype(np.float64))
    key = np.where(bins[None, None, :] < np.where(ordered, arity, nbins)[..., None], key, np.inf)
    return np.argsort(key, axis=2, kind="stable")


def subset_stats(H: np.ndarray, L: np.ndarray, nsplit: np.ndarray, unordered: np.ndarray,
                 arity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Left stats of every category subset of the unordered features (Spark's
    `extractMultiClassCategories`: subset s holds the categories whose bit is set in s + 1)."""
    kmax = int(arity[unordered].max())
    width = max(L.shape[2], (1 << (kmax - 1)) - 1)
    if width > L.shape[2]:
        pad = np.zeros(L.shape[:2] + (width - L.shape[2],) + L.shape[3:])
        L = np.concatenate([L, pad], axis=2)
    else:
        L = L.copy()
    nsplit = nsplit.copy()
    for k in np.unique(arity[unordered]):
        k = int(k)
        nsub = (1 << (k - 1)) - 1
        members = ((np.arange(1, nsub + 1)[:, None] >> np.arange(k)[None, :]) & 1).astype(float)
        sel = unordered & (arity == k)
        L[sel, :nsub] = np.einsum("sc,nck->nsk", members, H[sel][:, :k])
        L[sel, nsub:] = 0.0
        nsplit[sel] = nsub
    return L, nsplit


def root_stats(H: np.ndarray) -> np.ndarray:
    """Stats (and raw count) of each slot's node: its first feature's bins summed."""
    return H[:, 0].sum(axis=1)


# -- the driver loop

def _slot_budget(spec: GrowSpec, nf: int) -> int:
    stat = (spec.num_classes if spec.classification else 3) + 1
    per_slot = nf * int(spec.n_bins.max()) * stat * 8
    return max(1, int(spec.max_memory_mb * 1024 * 1024 // per_slot))


def _feature_subsets(nodes: list, spec: GrowSpec, d: int, rngs: list) -> np.ndarray:
    k = spec.feats_per_node
    if k >= d:
        return np.tile(np.arange(d, dtype=np.int32), (len(nodes), 1))
    return np.array([np.sort(rngs[n.tree].choice(d, k, replace=False)) for n in nodes],
                    dtype=np.int32)


def grow_trees(data: BinnedData, spec: GrowSpec, trees: int, bags: list | None = None,
               targets: list | None = None, seed_offset: int = 0,
               root_targets: list | None = None) -> list[Node]:
    """Grow `trees` trees together; returns their roots (learning nodes).

    `targets` (regression) are per-block futures or recipes; `root_targets`, if given, replace
    them for the root round (a recipe computed inside that round instead of a task before it).
    """
    d = data.n_features
    if spec.subtract and spec.feats_per_node < d:
        spec = replace(spec, subtract=False)      # per-node feature subsets: no subtraction
    rngs = [np.random.default_rng([spec.seed, seed_offset + t]) for t in range(trees)]
    # per block: (ids of the previous level, splits since) and the background task computing
    # the current level's ids, which the round after next uses as its base
    nids = [(trees, None, data.client.submit(_advance_task, b, trees, None, pure=False))
            for b in data.futures]
    bags = bags if bags is not None else [None] * len(data.futures)
    targets = targets if targets is not None else [None] * len(data.futures)
    first = root_targets if root_targets is not None else targets
    roots = [Node(depth=0, stats=np.zeros(0), raw=0.0, impurity=0.0, fidx=0, tree=t)
             for t in range(trees)]
    frontier = list(roots)
    while frontier:
        _split_frontier(data, spec, frontier, nids, bags, first, rngs, d)
        first = targets
        frontier, nids = _next_frontier(data, frontier, nids, trees)
    return roots


def _split_frontier(data: BinnedData, spec: GrowSpec, frontier: list, nids: list,
                    bags: list, targets: list, rngs: list, d: int) -> None:
    feats = _feature_subsets(frontier, spec, d, rngs)
    budget = _slot_budget(spec, feats.shape[1])
    computed, derived = _subtraction_plan(frontier, spec)
    hists: dict[int, np.ndarray] = {}
    for start in range(0, len(computed), budget):
        idx = computed[start:start + budget]
        sf = np.ascontiguousarray(feats[idx])
        H = _histograms(data, spec, [frontier[i] for i in idx], frontier, sf, nids, bags,
                        targets)
        if not derived and not spec.subtract:
            _choose([frontier[i] for i in idx], H, sf, spec)
            continue
        hists.update(zip(idx, H, strict=True))
    if not hists:
        return
    for i, sib in derived:
        hists[i] = frontier[i].parent_hist - hists[sib]
    for node in frontier:
        node.parent_hist = None
    for start in range(0, len(frontier), budget):
        idx = list(range(start, min(start + budget, len(frontier))))
        _choose([frontier[i] for i in idx], np.stack([hists.pop(i) for i in idx]),
                np.ascontiguousarray(feats[idx]), spec)


def _subtraction_plan(frontier: list, spec: GrowSpec) -> tuple:
    """Which nodes get a histogram pass and which are their parent's minus their sibling's
    (LightGBM's histogram subtraction): of two sibling nodes both to be split, only the one
    with fewer rows is counted. Only when every node sees all features (a parent's
    histogram then covers its children's features; `grow_trees` turns it off otherwise)."""
    if not spec.subtract:
        return list(range(len(frontier))), []
    pos = {id(n): i for i, n in enumerate(frontier)}
    computed, derived = [], []
    for i, node in enumerate(frontier):
        j = pos.get(id(node.sibling), -1)
        if node.parent_hist is None or j < 0 or (node.raw, i) < (node.sibling.raw, j):
            computed.append(i)
        else:
            derived.append((i, j))
    return computed, derived


def _histograms(data: BinnedData, spec: GrowSpec, chunk: list, frontier: list,
                sf: np.ndarray, nids: list, bags: list, targets: list) -> np.ndarray:
    """The summed histograms of `chunk`'s nodes: one task per block, summed in block order.
    The slot map covers the whole `frontier` (rows of nodes not in `chunk` are skipped)."""
    client = data.client
    trees = max(n.tree for n in frontier) + 1
    width = max(n.fidx for n in frontier) + 1
    nbins = int(spec.n_bins.max())
    k = spec.num_classes if spec.classification else 0
    slot_map = np.full((trees, width), -1, dtype=np.int32)
    for s, node in enumerate(chunk):
        slot_map[node.tree, node.fidx] = s
    futs = [client.submit(_hist_task, b, nid[0], nid[1], bag, tgt, slot_map, sf, nbins,
                          k, len(chunk), pure=False)
            for b, nid, bag, tgt in zip(data.futures, nids, bags, targets, strict=True)]
    parts = client.gather(futs)
    H = parts[0]
    for p in parts[1:]:
        H += p
    return H


def _choose(chunk: list, H: np.ndarray, sf: np.ndarray, spec: GrowSpec) -> None:
    kind = spec.impurity
    for s, node in enumerate(chunk):
        if node.depth == 0:
            st = root_stats(H[s:s + 1])[0]
            node.stats, node.raw = st[:-1], float(st[-1])
            node.impurity = float(impurity_of(node.stats, kind))
    parent_imp = np.array([n.impurity for n in chunk])
    j, b, g, left, right, order = best_splits(H, sf, parent_imp, spec)
    for s, node in enumerate(chunk):
        if node.depth >= spec.max_depth or not g[s] > 0:
            node.leaf = True
            continue
        node.feature, node.bin, node.gain = int(sf[s, j[s]]), int(b[s]), float(g[s])
        node.arity = int(spec.cat_arity[node.feature])
        if node.arity:
            node.categories = _left_categories(node, spec, order, s, int(j[s]))
        child_leaf = node.depth + 1 >= spec.max_depth
        kids = []
        for st in (left[s], right[s]):
            imp = float(impurity_of(st[:-1], kind))
            kids.append(Node(depth=node.depth + 1, stats=st[:-1].copy(), raw=float(st[-1]),
                             impurity=imp, tree=node.tree,
                             leaf=child_leaf or abs(imp) < EPSILON))
        node.left, node.right = kids
        if spec.subtract:
            kids[0].sibling, kids[1].sibling = kids[1], kids[0]
            kids[0].parent_hist = kids[1].parent_hist = H[s]


def _left_categories(node: Node, spec: GrowSpec, order: np.ndarray | None, s: int,
                     j: int) -> tuple:
    if spec.unordered[node.feature]:
        return tuple(c for c in range(node.arity) if (node.bin + 1) >> c & 1)
    return tuple(sorted(int(c) for c in order[s, j, :node.bin + 1]))


def _next_frontier(data: BinnedData, frontier: list, nids: list, trees: int) -> tuple:
    width = max(n.fidx for n in frontier) + 1
    feat = np.full((trees, width), -1, dtype=np.int32)
    bin_ = np.zeros((trees, width), dtype=np.int32)
    cat = np.full((trees, width), -1, dtype=np.int32)
    left = np.full((trees, width), -1, dtype=np.int32)
    right = np.full((trees, width), -1, dtype=np.int32)
    masks = [np.zeros(int(data.n_bins.max()), dtype=np.uint8)]
    nxt = []
    counters = [0] * trees
    for node in frontier:
        if node.leaf:
            continue
        feat[node.tree, node.fidx], bin_[node.tree, node.fidx] = node.feature, node.bin
        if node.categories is not None:
            cat[node.tree, node.fidx] = len(masks)
            masks.append(np.zeros_like(masks[0]))
            masks[-1][list(node.categories)] = 1
        for child, table in ((node.left, left), (node.right, right)):
            if not child.leaf:
                child.fidx = counters[node.tree]
                counters[node.tree] += 1
                table[node.tree, node.fidx] = child.fidx
                nxt.append(child)
    if not nxt:
        return [], nids
    tables = (feat, bin_, cat, np.stack(masks), left, right)
    client = data.client
    # the next round's histogram tasks move the rows themselves from the current level's ids
    # (computing in the background since the previous round); the next level's ids start
    # computing now, for the round after
    new = []
    for b, (_, _, current) in zip(data.futures, nids, strict=True):
        new.append((current, tables,
                    client.submit(_advance_task, b, current, tables, pure=False)))
    return nxt, new
