"""Fitted trees as flat preorder arrays: prediction kernels, `toDebugString`, importances.

A tree is `TreeArrays`: node 0 is the root, `feature[i] < 0` marks a leaf, `left`/`right`
index the children, `threshold` is the split (`x[feature] <= threshold` goes left, as in
Spark) and `threshold_bin` the same split on binned data. `stats` keeps each node's impurity
calculator (class weights, or `[sum w, sum wy, sum wy^2]`), from which rawPrediction,
probability and the variance column are read.

A categorical split (Spark's `CategoricalSplit`) has `cat_offset >= 0`: the node's `cat_arity`
categories have a 0/1 "goes left" flag at `cat_mask[cat_offset + category]`, and
`cat_mask[cat_offset + cat_arity]` says where a value outside the categories goes (Spark keeps
the smaller side's set, so unknown values go to the other side).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from dfengine.ml.tree.grow import Node, node_prediction, weight_of
from dfengine.ml.tree.kernels import leaves_binned, leaves_raw

FIELDS = ("feature", "threshold", "threshold_bin", "left", "right", "prediction", "impurity",
          "gain", "stats", "cat_offset", "cat_arity")


@dataclass
class TreeArrays:
    feature: np.ndarray
    threshold: np.ndarray
    threshold_bin: np.ndarray
    left: np.ndarray
    right: np.ndarray
    prediction: np.ndarray
    impurity: np.ndarray
    gain: np.ndarray
    stats: np.ndarray
    cat_offset: np.ndarray | None = None
    cat_arity: np.ndarray | None = None
    cat_mask: np.ndarray | None = None

    def __post_init__(self) -> None:
        # models saved before categorical splits existed have no categorical arrays
        n = self.feature.size
        if self.cat_offset is None:
            self.cat_offset = np.full(n, -1, dtype=np.int32)
        if self.cat_arity is None:
            self.cat_arity = np.zeros(n, dtype=np.int32)
        if self.cat_mask is None:
            self.cat_mask = np.zeros(0, dtype=np.uint8)

    def left_categories(self, i: int) -> list[float]:
        off, a = int(self.cat_offset[i]), int(self.cat_arity[i])
        return [float(c) for c in np.flatnonzero(self.cat_mask[off:off + a])]

    @property
    def num_nodes(self) -> int:
        return int(self.feature.size)

    @property
    def depth(self) -> int:
        depth = np.zeros(self.num_nodes, dtype=np.int64)
        for i in range(self.num_nodes):
            if self.feature[i] >= 0:
                depth[self.left[i]] = depth[self.right[i]] = depth[i] + 1
        return int(depth.max()) if depth.size else 0

    def debug_lines(self, indent: int) -> str:
        out: list[str] = []
        self._lines(0, indent, out)
        return "".join(out)

    def _lines(self, i: int, indent: int, out: list) -> None:
        prefix = " " * indent
        if self.feature[i] < 0:
            out.append(f"{prefix}Predict: {jdouble(self.prediction[i])}\n")
            return
        f = int(self.feature[i])
        if self.cat_offset[i] >= 0:
            cats = "{" + ",".join(jdouble(c) for c in self.left_categories(i)) + "}"
            yes, no = f"in {cats}", f"not in {cats}"
        else:
            t = jdouble(self.threshold[i])
            yes, no = f"<= {t}", f"> {t}"
        out.append(f"{prefix}If (feature {f} {yes})\n")
        self._lines(int(self.left[i]), indent + 1, out)
        out.append(f"{prefix}Else (feature {f} {no})\n")
        self._lines(int(self.right[i]), indent + 1, out)

    def importances(self, d: int, kind: str) -> np.ndarray:
        """Spark's per-tree importance: sum of gain * node weight per split feature."""
        out = np.zeros(d)
        internal = self.feature >= 0
        counts = weight_of(self.stats, kind)
        np.add.at(out, self.feature[internal], self.gain[internal] * counts[internal])
        return out

    def shifted(self, offset: int, mask_offset: int) -> dict:
        """The arrays with child indices moved by `offset` and categorical masks by
        `mask_offset` (for concatenation)."""
        out = {f: getattr(self, f) for f in FIELDS}
        internal = self.feature >= 0
        out["left"] = np.where(internal, self.left + offset, -1).astype(np.int32)
        out["right"] = np.where(internal, self.right + offset, -1).astype(np.int32)
        out["cat_offset"] = np.where(self.cat_offset >= 0, self.cat_offset + mask_offset,
                                     -1).astype(np.int32)
        return out


def to_arrays(root: Node, thresholds: list, kind: str, prune: bool = True) -> TreeArrays:
    """Preorder arrays of a learned tree; sibling leaves with equal predictions are merged
    into their parent (Spark's `LearningNode.toNode(prune = true)`)."""
    rows: list[list] = []
    masks: list[np.ndarray] = []

    def emit(node: Node) -> int:
        i = len(rows)
        pred = node_prediction(node.stats, kind)
        rows.append([-1, 0.0, -1, -1, -1, pred, node.impurity, -1.0, node.stats, -1, 0])
        if node.left is None or node.leaf:
            return i
        n_masks = len(masks)
        li = emit(node.left)
        ri = emit(node.right)
        if prune and rows[li][0] < 0 and rows[ri][0] < 0 and rows[li][5] == rows[ri][5]:
            rows[i][5] = rows[li][5]
            del rows[i + 1:]
            del masks[n_masks:]
            return i
        rows[i][:5] = [node.feature, _threshold(node, thresholds), node.bin, li, ri]
        rows[i][7] = node.gain
        if node.categories is not None:
            rows[i][9] = sum(m.size for m in masks)
            rows[i][10] = node.arity
            masks.append(category_mask(node.categories, node.arity))
        return i

    emit(root)
    cols = list(zip(*rows, strict=True))
    return TreeArrays(
        feature=np.array(cols[0], dtype=np.int32), threshold=np.array(cols[1]),
        threshold_bin=np.array(cols[2], dtype=np.int32), left=np.array(cols[3], dtype=np.int32),
        right=np.array(cols[4], dtype=np.int32), prediction=np.array(cols[5]),
        impurity=np.array(cols[6]), gain=np.array(cols[7]), stats=np.array(cols[8]),
        cat_offset=np.array(cols[9], dtype=np.int32), cat_arity=np.array(cols[10], dtype=np.int32),
        cat_mask=np.concatenate(masks).astype(np.uint8) if masks else None)


def _threshold(node: Node, thresholds: list) -> float:
    return np.nan if node.categories is not None else float(thresholds[node.feature][node.bin])


def category_mask(left: tuple, arity: int) -> np.ndarray:
    """Flags of the categories going left, then where other values go (Spark stores the left
    set when it has at most arity / 2 categories, and unknown values then go right)."""
    mask = np.zeros(arity + 1, dtype=np.uint8)
    mask[list(left)] = 1
    mask[arity] = 0 if len(left) <= arity // 2 else 1
    return mask


def concat(trees: list[TreeArrays]) -> tuple[dict, np.ndarray]:
    """All trees' arrays end to end, and each tree's root index (the flat dict also holds the
    categorical masks end to end and where each tree's masks start)."""
    parts, roots, mask_roots, offset, moff = [], [], [], 0, 0
    for t in trees:
        parts.append(t.shifted(offset, moff))
        roots.append(offset)
        mask_roots.append(moff)
        offset += t.num_nodes
        moff += t.cat_mask.size
    flat = {f: np.concatenate([p[f] for p in parts]) for f in FIELDS}
    flat["cat_mask"] = np.concatenate([t.cat_mask for t in trees] +
                                      [np.zeros(1, dtype=np.uint8)]).astype(np.uint8)
    flat["mask_roots"] = np.array(mask_roots, dtype=np.int64)
    return flat, np.array(roots, dtype=np.int64)


def split_concat(flat: dict, roots: np.ndarray) -> list[TreeArrays]:
    """Inverse of `concat` (used when loading a saved model)."""
    ends = list(roots[1:]) + [flat["feature"].size]
    mroots = flat.get("mask_roots", np.zeros(len(roots), dtype=np.int64))
    mends = list(mroots[1:]) + [max(flat.get("cat_mask", np.zeros(1)).size - 1, 0)]
    out = []
    for a, b, ma, mb in zip(roots, ends, mroots, mends, strict=True):
        a, b, ma, mb = int(a), int(b), int(ma), int(mb)
        part = {f: flat[f][a:b].copy() for f in FIELDS if f in flat}
        internal = part["feature"] >= 0
        part["left"] = np.where(internal, part["left"] - a, -1).astype(np.int32)
        part["right"] = np.where(internal, part["right"] - a, -1).astype(np.int32)
        if "cat_offset" in part:
            part["cat_offset"] = np.where(part["cat_offset"] >= 0, part["cat_offset"] - ma,
                                          -1).astype(np.int32)
            part["cat_mask"] = flat["cat_mask"][ma:mb].copy()
        out.append(TreeArrays(**part))
    return out


def flat_leaves(X: np.ndarray, flat: dict, roots: np.ndarray) -> np.ndarray:
    """Leaf index of every row of a raw feature matrix in every tree of `concat`'s arrays."""
    X = np.ascontiguousarray(X, dtype=np.float64)
    return leaves_raw(X, flat["feature"], flat["threshold"], flat["cat_offset"],
                      flat["cat_arity"], flat["cat_mask"], flat["left"], flat["right"], roots)


def tree_leaves_binned(xb: np.ndarray, tree: TreeArrays) -> np.ndarray:
    """Leaf index of every row of a binned block in `tree`."""
    mask = tree.cat_mask if tree.cat_mask.size else np.zeros(1, dtype=np.uint8)
    return leaves_binned(xb, tree.feature, tree.threshold_bin, tree.cat_offset, mask,
                         tree.left, tree.right)


def jdouble(x: float) -> str:
    """A double as Java's `Double.toString` prints it (Spark's tree strings use it)."""
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if np.signbit(x) else "0.0"
    a = abs(x)
    if 1e-3 <= a < 1e7:
        s = repr(x)
        if "e" not in s:
            return s if "." in s else s + ".0"
        s = format(Decimal(s), "f")
        return s if "." in s else s + ".0"
    sign, digits, exp = Decimal(repr(a)).normalize().as_tuple()
    ds = "".join(map(str, digits))
    e10 = len(ds) - 1 + exp
    mant = ds[0] + "." + (ds[1:] or "0")
    return f"{'-' if x < 0 else ''}{mant}E{e10}"
