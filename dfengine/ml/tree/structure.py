"""Fitted trees as flat preorder arrays: prediction kernels, `toDebugString`, importances.

A tree is `TreeArrays`: node 0 is the root, `feature[i] < 0` marks a leaf, `left`/`right`
index the children, `threshold` is the split (`x[feature] <= threshold` goes left, as in
Spark) and `threshold_bin` the same split on binned data. `stats` keeps each node's impurity
calculator (class weights, or `[sum w, sum wy, sum wy^2]`), from which rawPrediction,
probability and the variance column are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from dfengine.ml.tree.grow import Node, node_prediction, weight_of

FIELDS = ("feature", "threshold", "threshold_bin", "left", "right", "prediction", "impurity",
          "gain", "stats")


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
        f, t = int(self.feature[i]), jdouble(self.threshold[i])
        out.append(f"{prefix}If (feature {f} <= {t})\n")
        self._lines(int(self.left[i]), indent + 1, out)
        out.append(f"{prefix}Else (feature {f} > {t})\n")
        self._lines(int(self.right[i]), indent + 1, out)

    def importances(self, d: int, kind: str) -> np.ndarray:
        """Spark's per-tree importance: sum of gain * node weight per split feature."""
        out = np.zeros(d)
        internal = self.feature >= 0
        counts = weight_of(self.stats, kind)
        np.add.at(out, self.feature[internal], self.gain[internal] * counts[internal])
        return out

    def shifted(self, offset: int) -> dict:
        """The arrays with child indices moved by `offset` (for concatenation)."""
        out = {f: getattr(self, f) for f in FIELDS}
        internal = self.feature >= 0
        out["left"] = np.where(internal, self.left + offset, -1).astype(np.int32)
        out["right"] = np.where(internal, self.right + offset, -1).astype(np.int32)
        return out


def to_arrays(root: Node, thresholds: list, kind: str, prune: bool = True) -> TreeArrays:
    """Preorder arrays of a learned tree; sibling leaves with equal predictions are merged
    into their parent (Spark's `LearningNode.toNode(prune = true)`)."""
    rows: list[list] = []

    def emit(node: Node) -> int:
        i = len(rows)
        pred = node_prediction(node.stats, kind)
        rows.append([-1, 0.0, -1, -1, -1, pred, node.impurity, -1.0, node.stats])
        if node.left is None or node.leaf:
            return i
        li = emit(node.left)
        ri = emit(node.right)
        if prune and rows[li][0] < 0 and rows[ri][0] < 0 and rows[li][5] == rows[ri][5]:
            rows[i][5] = rows[li][5]
            del rows[i + 1:]
            return i
        rows[i][:5] = [node.feature, float(thresholds[node.feature][node.bin]), node.bin,
                       li, ri]
        rows[i][7] = node.gain
        return i

    emit(root)
    cols = list(zip(*rows, strict=True))
    return TreeArrays(
        feature=np.array(cols[0], dtype=np.int32), threshold=np.array(cols[1]),
        threshold_bin=np.array(cols[2], dtype=np.int32), left=np.array(cols[3], dtype=np.int32),
        right=np.array(cols[4], dtype=np.int32), prediction=np.array(cols[5]),
        impurity=np.array(cols[6]), gain=np.array(cols[7]), stats=np.array(cols[8]))


def concat(trees: list[TreeArrays]) -> tuple[dict, np.ndarray]:
    """All trees' arrays end to end, and each tree's root index."""
    parts, roots, offset = [], [], 0
    for t in trees:
        parts.append(t.shifted(offset))
        roots.append(offset)
        offset += t.num_nodes
    flat = {f: np.concatenate([p[f] for p in parts]) for f in FIELDS}
    return flat, np.array(roots, dtype=np.int64)


def split_concat(flat: dict, roots: np.ndarray) -> list[TreeArrays]:
    """Inverse of `concat` (used when loading a saved model)."""
    ends = list(roots[1:]) + [flat["feature"].size]
    out = []
    for a, b in zip(roots, ends, strict=True):
        a, b = int(a), int(b)
        part = {f: flat[f][a:b].copy() for f in FIELDS}
        internal = part["feature"] >= 0
        part["left"] = np.where(internal, part["left"] - a, -1).astype(np.int32)
        part["right"] = np.where(internal, part["right"] - a, -1).astype(np.int32)
        out.append(TreeArrays(**part))
    return out


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
