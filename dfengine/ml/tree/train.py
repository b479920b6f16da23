"""Training drivers: one decision tree, a random forest, gradient-boosted trees.

All three bin the data once (`data.load_binned`) and grow trees with `grow.grow_trees`; they
differ in what the trees fit and how rows are sampled:

* decision tree: labels, all rows, all features;
* random forest: labels, per-tree Poisson(subsamplingRate) counts (bootstrap) or Bernoulli
  draws, a random feature subset per node; the trees grow in groups, sharing each level's pass;
* GBT (Spark's `GradientBoostedTrees.boost`): labels remapped to {-1, +1} for classification,
  the first tree fits them with weight 1, every later tree fits the negative gradient of the
  loss at the current predictions with weight `stepSize`; predictions and gradients are
  updated on the workers, so each iteration ships one tree and a few histograms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.tree.data import BinnedData, bin_blocks, check_labels, load_binned
from dfengine.ml.tree.grow import GrowSpec, grow_trees, make_bag
from dfengine.ml.tree.structure import TreeArrays, to_arrays, tree_leaves_binned

FOREST_GROUP = 25   # trees grown in the same rounds (bounds per-block node-id memory)


@dataclass
class Fitted:
    trees: list[TreeArrays]
    weights: list[float]
    num_features: int
    num_classes: int


def features_per_node(strategy: str, d: int, num_trees: int, classification: bool) -> int:
    s = strategy.lower()
    if s == "auto":
        s = "all" if num_trees == 1 else ("sqrt" if classification else "onethird")
    named = {"all": d, "sqrt": math.ceil(math.sqrt(d)),
             "log2": max(1, math.ceil(math.log(d) / math.log(2))) if d > 0 else 1,
             "onethird": math.ceil(d / 3.0)}
    if s in named:
        return max(1, named[s])
    try:
        if s.isdigit() and int(s) > 0:
            return min(int(s), d)
        v = float(s)
        if 0 < v <= 1.0:
            return max(1, math.ceil(v * d))
    except ValueError:
        pass
    raise IllegalArgumentException(
        f"featureSubsetStrategy given invalid value {strategy!r}. Supported values: auto, all, "
        f"onethird, sqrt, log2, (0.0-1.0], [1-n].")


def check_impurity(impurity: str, classification: bool) -> str:
    imp = impurity.lower()
    allowed = ("gini", "entropy") if classification else ("variance",)
    if imp not in allowed:
        raise IllegalArgumentException(
            f"impurity given invalid value {impurity!r}; supported options: "
            f"{', '.join(allowed)}.")
    return imp


def _spec(data: BinnedData, classification: bool, num_classes: int, impurity: str,
          settings: dict, feats: int, seed: int, memory: int, max_bins: int) -> GrowSpec:
    arity, unordered = categorical_layout(data, num_classes if classification else 0, max_bins)
    return GrowSpec(classification, num_classes, impurity, settings["max_depth"],
                    settings["min_instances"],
                    settings["min_weight_fraction"] * data.weight_sum,
                    settings["min_info_gain"], feats, data.n_bins, seed, memory, arity,
                    unordered)


def categorical_layout(data: BinnedData, num_classes: int, max_bins: int) -> tuple:
    """Per feature: number of categories (0 = continuous) and whether splits are category
    subsets. Spark's `DecisionTreeMetadata`: in multiclass classification a feature with at
    most log2(maxPossibleBins / 2 + 1) + 1 categories is unordered; every other categorical
    feature is ordered by its categories' label statistics."""
    d = data.n_features
    arity = np.zeros(d, dtype=np.int64)
    unordered = np.zeros(d, dtype=bool)
    possible = min(max_bins, data.num_rows)
    limit = int(math.floor(math.log(possible // 2 + 1) / math.log(2.0) + 1))
    for f, k in data.categorical.items():
        arity[f] = k
        unordered[f] = num_classes > 2 and 1 < k <= limit
    return arity, unordered


def fit_forest(df: Any, cols: tuple, classification: bool, impurity: str, settings: dict,
               num_trees: int, strategy: str, rate: float, bootstrap: bool, seed: int,
               max_bins: int, memory: int, prune: bool = True) -> Fitted:
    """A decision tree (num_trees=1, rate=1) or a random forest."""
    features_col, label_col, weight_col = cols
    impurity = check_impurity(impurity, classification)
    if not 0 < rate <= 1:
        raise IllegalArgumentException(
            f"subsamplingRate given invalid value {rate}; it must be in (0, 1].")
    data = load_binned(df, features_col, label_col, weight_col, max_bins, seed)
    try:
        k = check_labels(data, classification, label_col)
        d = data.n_features
        spec = _spec(data, classification, k, impurity, settings,
                     features_per_node(strategy, d, num_trees, classification), seed, memory,
                     max_bins)
        replace = num_trees > 1 and bootstrap
        sample = replace or rate < 1.0
        roots = []
        for start in range(0, num_trees, FOREST_GROUP):
            group = min(FOREST_GROUP, num_trees - start)
            bags = None
            if sample:
                bags = [data.client.submit(make_bag, f, group, rate, replace,
                                           [seed, start, i], pure=False)
                        for i, f in enumerate(data.futures)]
            roots += grow_trees(data, spec, group, bags, seed_offset=start)
        trees = [to_arrays(r, data.thresholds, impurity, prune) for r in roots]
    finally:
        data.release()
    return Fitted(trees, [1.0] * num_trees, d, k)


def fit_tree_model(est: Any, dataset: Any, classification: bool, model_cls: type,
                   forest: bool) -> Any:
    """Fit a decision tree or forest estimator's model (the estimators' shared `_fit`)."""
    est._check_tree_params()
    if forest and est.getNumTrees() < 1:
        raise IllegalArgumentException(
            f"numTrees given invalid value {est.getNumTrees()}; it must be >= 1.")
    sampling = (est.getNumTrees(), est.getFeatureSubsetStrategy(), est.getSubsamplingRate(),
                est.getBootstrap()) if forest else (1, "all", 1.0, False)
    prune = est.getPruneTree() if est.hasParam("pruneTree") else True
    cols = (est.getFeaturesCol(), est.getLabelCol(), est._weight_col())
    fit = fit_forest(dataset, cols, classification, est.getImpurity(),
                     {"max_depth": est.getMaxDepth(),
                      "min_instances": est.getMinInstancesPerNode(),
                      "min_info_gain": est.getMinInfoGain(),
                      "min_weight_fraction": est.getMinWeightFractionPerNode()},
                     *sampling, est.getSeed(), est.getMaxBins(), est.getMaxMemoryInMB(), prune)
    model = model_cls(fit.trees, fit.weights, fit.num_features, fit.num_classes,
                      "gini" if classification else "variance")
    est._copyValues(model)
    return model


# -- gradient boosting

LOSSES = {"logistic": (True,), "squared": (False,), "absolute": (False,)}


def loss_negative_gradient(loss: str, y: np.ndarray, F: np.ndarray) -> np.ndarray:
    if loss == "logistic":
        return 4.0 * y / (1.0 + np.exp(2.0 * y * F))
    if loss == "squared":
        return 2.0 * (y - F)
    return np.where(y - F < 0, -1.0, 1.0)


def loss_error(loss: str, y: np.ndarray, F: np.ndarray) -> np.ndarray:
    if loss == "logistic":
        z = -2.0 * y * F
        return 2.0 * np.where(z > 0, z + np.log1p(np.exp(-np.abs(z))), np.log1p(np.exp(z)))
    if loss == "squared":
        return (y - F) ** 2
    return np.abs(y - F)


def _remapped(block: dict, classification: bool) -> np.ndarray:
    return block["y"] * 2.0 - 1.0 if classification else block["y"]


def _target(block: dict, F: np.ndarray, loss: str, classification: bool) -> np.ndarray:
    return loss_negative_gradient(loss, _remapped(block, classification), F)


def _zeros(block: dict) -> np.ndarray:
    return np.zeros(block["xb"].shape[0])


def _update(block: dict, F: np.ndarray, tree: TreeArrays, weight: float) -> np.ndarray:
    leaves = tree_leaves_binned(block["xb"], tree)
    return F + weight * tree.prediction[leaves]


def _error(block: dict, F: np.ndarray, loss: str, classification: bool) -> np.ndarray:
    y = _remapped(block, classification)
    return np.array([float(block["w"] @ loss_error(loss, y, F)), float(block["w"].sum())])


def _weighted_error(data: BinnedData, F: list, loss: str, classification: bool) -> float:
    c = data.client
    parts = c.gather([c.submit(_error, b, f, loss, classification, pure=False)
                      for b, f in zip(data.futures, F, strict=True)])
    tot = np.sum(parts, axis=0)
    return float(tot[0] / tot[1]) if tot[1] else 0.0


def _apply_tree(data: BinnedData, F: list, tree: TreeArrays, weight: float) -> list:
    """Futures of the predictions after adding `weight` x `tree` (computed on the workers)."""
    return [data.client.submit(_update, b, f, tree, weight, pure=False)
            for b, f in zip(data.futures, F, strict=True)]


@dataclass
class BoostSettings:
    max_iter: int
    step: float
    loss: str
    rate: float
    strategy: str
    validation_tol: float


def fit_gbt(train_df: Any, valid_df: Any | None, cols: tuple, classification: bool,
            boost: BoostSettings, settings: dict, seed: int, max_bins: int,
            memory: int) -> Fitted:
    features_col, label_col, weight_col = cols
    data = load_binned(train_df, features_col, label_col, weight_col, max_bins, seed)
    valid = None
    try:
        k = check_labels(data, classification, label_col)
        if classification and k > 2:
            raise IllegalArgumentException(
                f"GBTClassifier only supports binary classification but was given numClasses="
                f"{k} in label column '{label_col}'.")
        if valid_df is not None:
            from dfengine.ml.optim.blocks import Blocks

            valid = bin_blocks(Blocks.from_dataframe(valid_df, features_col, label_col,
                                                     weight_col), max_bins, seed,
                               data.thresholds, data.categorical)
        d = data.n_features
        spec = _spec(data, False, 0, "variance", settings,
                     features_per_node(boost.strategy, d, 1, False), seed, memory, max_bins)
        trees, weights = _boost(data, valid, spec, boost, classification, seed)
    finally:
        data.release()
        if valid is not None:
            valid.release()
    return Fitted(trees, weights, d, 2 if classification else 0)


def boost_target(block: dict, F: np.ndarray, tree: TreeArrays | None, weight: float, loss: str,
                 classification: bool) -> np.ndarray:
    """Negative gradient at `F` plus `weight` x `tree` (the tree is added here, on the worker,
    so the first round of the next tree does not wait for a prediction-update task)."""
    if tree is not None:
        F = _update(block, F, tree, weight)
    return _target(block, F, loss, classification)


def _boost(data: BinnedData, valid: BinnedData | None, spec: GrowSpec, boost: BoostSettings,
           classification: bool, seed: int) -> tuple[list, list]:
    c = data.client
    F = [c.submit(_zeros, b, pure=False) for b in data.futures]
    Fv = [c.submit(_zeros, b, pure=False) for b in valid.futures] if valid else []
    trees: list[TreeArrays] = []
    weights: list[float] = []
    best_err, best_m = math.inf, 0
    last = None                       # (tree, weight) not yet folded into F
    for m in range(boost.max_iter):
        root = None
        if m == 0:
            targets = [c.submit(_remapped, b, classification, pure=False) for b in data.futures]
        else:
            root = [("boost", f, last[0], last[1], boost.loss, classification) for f in F]
            F = _apply_tree(data, F, *last)
            targets = [c.submit(_target, b, f, boost.loss, classification, pure=False)
                       for b, f in zip(data.futures, F, strict=True)]
        bags = None
        if boost.rate < 1.0:
            bags = [c.submit(make_bag, b, 1, boost.rate, False, [seed, m, i], pure=False)
                    for i, b in enumerate(data.futures)]
        spec.seed = seed + m
        tree = to_arrays(grow_trees(data, spec, 1, bags, targets, root_targets=root)[0],
                         data.thresholds, "variance")
        w = 1.0 if m == 0 else boost.step
        trees.append(tree)
        weights.append(w)
        last = (tree, w)
        if valid is None:
            continue
        Fv = _apply_tree(valid, Fv, tree, w)
        err = _weighted_error(valid, Fv, boost.loss, classification)
        if m == 0:
            best_err, best_m = err, 1
        elif best_err - err < boost.validation_tol * max(err, 0.01):
            break
        elif err < best_err:
            best_err, best_m = err, m + 1
    if valid is not None:
        trees, weights = trees[:best_m], weights[:best_m]
    return trees, weights
