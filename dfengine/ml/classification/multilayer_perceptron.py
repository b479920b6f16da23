"""`MultilayerPerceptronClassifier` (`pyspark.ml.classification`): a feed-forward network with
sigmoid hidden layers and a softmax output, trained by L-BFGS over distributed gradients.

Weights use Spark's layout: for each layer, the `(out x in)` matrix in column-major order,
then the `out` biases, concatenated; so `initialWeights` and `model.weights` are interchangeable
with PySpark's. The objective is Spark's: the mean softmax cross-entropy, no regularization.
Each L-BFGS step sends the weights to one task per data block (numpy forward/backward pass,
BLAS releases the GIL) and sums the blocks' losses and gradients in block order.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml._predict import check_features
from dfengine.ml.base import Estimator, Model
from dfengine.ml.classification.tree_classifiers import _ClassifierModelMixin
from dfengine.ml.linalg import DenseVector
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.optim.lbfgs import minimize_lbfgs
from dfengine.ml.param import keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.shared import (
    HasFeaturesCol,
    HasLabelCol,
    HasMaxIter,
    HasPredictionCol,
    HasProbabilityCol,
    HasRawPredictionCol,
    HasSeed,
    HasTol,
)
from dfengine.ml.param.type_converters import TypeConverters as TC
from dfengine.ml.tree._params import _p, default_seed
from dfengine.ml.tree.summary import HasClassificationSummary
from dfengine.ml.util import MLReadable, MLWritable


class _MLPParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasProbabilityCol,
                 HasRawPredictionCol, HasMaxIter, HasTol, HasSeed):
    layers = _p("layers", "Sizes of layers from input layer to output layer E.g., Array(780, "
                "100, 10) means 780 inputs, one hidden layer with 100 neurons and output layer "
                "of 10 neurons.", TC.toListInt)
    solver = _p("solver", "The solver algorithm for optimization. Supported options: l-bfgs, "
                "gd.", TC.toString)
    initialWeights = _p("initialWeights", "The initial weights of the model.", TC.toVector)
    blockSize = _p("blockSize", "block size for stacking input data in matrices. Data is "
                   "stacked within partitions. If block size is more than remaining data in a "
                   "partition then it is adjusted to the size of this data.", TC.toInt)
    stepSize = _p("stepSize", "Step size to be used for each iteration of optimization (> 0).",
                  TC.toFloat)
    thresholds = _p("thresholds", "Thresholds in multi-class classification to adjust the "
                    "probability of predicting each class.", TC.toListFloat)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(maxIter=100, tol=1e-6, blockSize=128, solver="l-bfgs", stepSize=0.03,
                         seed=default_seed("MultilayerPerceptronClassifier"))


# -- the network

def unpack(weights: np.ndarray, layers: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Spark's flat weights -> [(W (in x out), b (out))] per layer."""
    out, pos = [], 0
    for n_in, n_out in zip(layers[:-1], layers[1:], strict=True):
        W = weights[pos:pos + n_in * n_out].reshape(n_in, n_out)   # column-major (out x in)
        pos += n_in * n_out
        b = weights[pos:pos + n_out]
        pos += n_out
        out.append((W, b))
    return out


def num_weights(layers: list[int]) -> int:
    return int(sum(a * b + b for a, b in zip(layers[:-1], layers[1:], strict=True)))


def forward(X: np.ndarray, params: list) -> list[np.ndarray]:
    """Activations of every layer; the last entry is the output layer's raw (pre-softmax)."""
    acts = [X]
    for li, (W, b) in enumerate(params):
        z = acts[-1] @ W + b
        if li < len(params) - 1:
            z = 1.0 / (1.0 + np.exp(-z))
        acts.append(z)
    return acts


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def loss_grad(block: tuple, weights: np.ndarray, layers: list[int]) -> np.ndarray:
    """[sum of cross-entropies, gradient (Spark's layout)...] of one block."""
    X, y, _ = block
    params = unpack(weights, layers)
    acts = forward(X, params)
    prob = softmax(acts[-1])
    n = X.shape[0]
    yi = y.astype(np.int64)
    loss = -np.sum(np.log(np.maximum(prob[np.arange(n), yi], 1e-300)))
    delta = prob
    delta[np.arange(n), yi] -= 1.0
    grads = []
    for li in range(len(params) - 1, -1, -1):
        W, _ = params[li]
        a = acts[li]
        grads.append((a.T @ delta, delta.sum(axis=0)))
        if li:
            delta = (delta @ W.T) * a * (1.0 - a)
    flat = [loss]
    out = [np.concatenate([gW.reshape(-1), gb]) for gW, gb in reversed(grads)]
    return np.concatenate([np.array(flat)] + out)


def spark_init(layers: list[int], seed: int) -> np.ndarray:
    """Random start in Spark's manner: uniform in +-2.4 / sqrt(fan-in) for weights and biases."""
    rng = np.random.default_rng(seed)
    parts = []
    for n_in, n_out in zip(layers[:-1], layers[1:], strict=True):
        parts.append((rng.random(n_in * n_out + n_out) * 4.8 - 2.4) / np.sqrt(n_in))
    return np.concatenate(parts)


class MultilayerPerceptronClassifier(Estimator, _MLPParams, MLReadable, MLWritable):
    """Classifier trainer based on the multilayer perceptron (Spark's topology and layout)."""

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label",
                 predictionCol: str = "prediction", maxIter: int = 100, tol: float = 1e-6,
                 seed: int | None = None, layers: list | None = None, blockSize: int = 128,
                 stepSize: float = 0.03, solver: str = "l-bfgs",
                 initialWeights: Any = None, probabilityCol: str = "probability",
                 rawPredictionCol: str = "rawPrediction", thresholds: list | None = None):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> MultilayerPerceptronClassifier:
        return self._set(**self._input_kwargs)

    def _start(self, layers: list[int]) -> np.ndarray:
        if self.isDefined(self.initialWeights) and \
                self.getOrDefault(self.initialWeights) is not None:
            w0 = np.asarray(self.getOrDefault(self.initialWeights).toArray(), dtype=np.float64)
            if w0.size != num_weights(layers):
                raise IllegalArgumentException(
                    f"initialWeights has {w0.size} values but layers {layers} need "
                    f"{num_weights(layers)}.")
            return w0.copy()
        return spark_init(layers, self.getSeed())

    def _fit(self, dataset: Any) -> MultilayerPerceptronClassificationModel:
        layers = self.getOrDefault(self.layers) if self.isDefined(self.layers) else None
        if not layers or len(layers) < 2 or min(layers) < 1:
            raise IllegalArgumentException(
                f"layers must hold at least an input and an output size, all >= 1 "
                f"(got {layers}).")
        check_choice("solver", self.getSolver(), ("l-bfgs", "gd"))
        _frame.require_columns(dataset, [self.getFeaturesCol(), self.getLabelCol()])
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), self.getLabelCol())
        try:
            weights, history = self._train(blocks, list(layers))
        finally:
            blocks.release()
        model = MultilayerPerceptronClassificationModel(list(layers), weights)
        model._history = history
        self._copyValues(model)
        model._attach_summary(dataset, history)
        return model

    def _train(self, blocks: Blocks, layers: list[int]) -> tuple[np.ndarray, list]:
        if blocks.n_features != layers[0]:
            raise IllegalArgumentException(
                f"The input layer size {layers[0]} does not match the number of features "
                f"{blocks.n_features}.")
        lo, hi, non_int = blocks.label_range()
        if lo < 0 or non_int or hi >= layers[-1]:
            raise IllegalArgumentException(
                f"Labels must be integers in [0, {layers[-1]}) (the output layer size) but "
                f"range from {lo} to {hi} with {non_int} non-integer label(s).")
        n = float(sum(blocks.rows))

        def fun_grad(w: np.ndarray) -> tuple[float, np.ndarray]:
            tot = blocks.reduce_sum(loss_grad, w, layers)
            return float(tot[0] / n), tot[1:] / n

        w0 = self._start(layers)
        if self.getSolver() == "gd":
            return _gradient_descent(fun_grad, w0, self.getMaxIter(), self.getStepSize(),
                                     self.getTol())
        res = minimize_lbfgs(fun_grad, w0, None, self.getMaxIter(), self.getTol())
        return res.x, res.objective_history


def _gradient_descent(fun_grad, w: np.ndarray, max_iter: int, step: float,
                      tol: float) -> tuple[np.ndarray, list]:
    """Spark's GradientDescent with miniBatchFraction 1: step / sqrt(t)."""
    history = []
    for t in range(1, max_iter + 1):
        loss, g = fun_grad(w)
        history.append(loss)
        new = w - step / np.sqrt(t) * g
        if np.linalg.norm(new - w) < tol * max(np.linalg.norm(new), 1.0):
            w = new
            break
        w = new
    return w, history


class MultilayerPerceptronClassificationModel(HasClassificationSummary, _ClassifierModelMixin,
                                              Model, _MLPParams, MLReadable, MLWritable):
    """Model fitted by MultilayerPerceptronClassifier."""

    def __init__(self, layers: list[int] | None = None, weights: np.ndarray | None = None):
        super().__init__()
        self._layers = list(layers or [])
        self._w = None if weights is None else np.asarray(weights, dtype=np.float64)
        self._history: list = []

    @property
    def weights(self) -> DenseVector:
        return DenseVector(self._w)

    @property
    def numFeatures(self) -> int:
        return int(self._layers[0])

    @property
    def _num_classes(self) -> int:
        return int(self._layers[-1])

    def getLayers(self) -> list[int]:
        return list(self._layers)

    def _raw_and_probability(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        check_features(self.numFeatures, X, "MultilayerPerceptronClassificationModel")
        raw = forward(X, unpack(self._w, self._layers))[-1]
        return raw, softmax(raw)

    def _as_matrix(self, value: Any) -> np.ndarray:
        arr = value.toArray() if hasattr(value, "toArray") else value
        return np.asarray(arr, dtype=np.float64).reshape(1, -1)

    def _get_state(self, path: str) -> tuple[dict, dict]:
        return {"layers": self._layers}, {"weights": self._w}

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._layers = [int(v) for v in extra["layers"]]
        self._w = arrays["weights"]

    def __repr__(self) -> str:
        return (f"MultilayerPerceptronClassificationModel: uid={self.uid}, "
                f"numLayers={len(self._layers)}, numClasses={self.numClasses}, "
                f"numFeatures={self.numFeatures}")
