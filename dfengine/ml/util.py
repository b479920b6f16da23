"""Persistence: `save(path)` / `load(path)` / `write().overwrite().save(path)` for every stage.

Layout of a saved stage directory (one per stage, nested for pipelines and tuners):

    <path>/metadata.json   class, uid, paramMap, defaultParamMap, and small `extra` state
    <path>/data/<name>.npy numeric arrays (coefficients, centers, scaler statistics, ...)
    <path>/stages/<i>_<uid>/  sub-stages of a Pipeline(Model), `bestModel/` of a tuner model

JSON keeps the metadata readable and diffable; `.npy` keeps float64 values bit-exact.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import time
from typing import Any

import numpy as np

FORMAT_VERSION = 1


class MLWriter:
    """Saves one stage; `overwrite()` replaces an existing directory."""

    def __init__(self, instance: Any):
        self.instance = instance
        self.shouldOverwrite = False

    def overwrite(self) -> MLWriter:
        self.shouldOverwrite = True
        return self

    def session(self, sparkSession: Any) -> MLWriter:
        return self

    def option(self, key: str, value: Any) -> MLWriter:
        return self

    def save(self, path: str) -> None:
        path = os.fspath(path)
        if os.path.exists(path):
            if not self.shouldOverwrite:
                # Spark raises java.io.IOException; FileExistsError is Python's IOError
                raise FileExistsError(
                    f"Path {path} already exists. To overwrite it, please use "
                    f"write().overwrite().save(path) for Python.")
            shutil.rmtree(path)
        save_stage(self.instance, path)


class MLReader:
    """Loads a stage saved by `MLWriter`; checks the class matches the reader's."""

    def __init__(self, cls: type):
        self.cls = cls

    def session(self, sparkSession: Any) -> MLReader:
        return self

    def load(self, path: str) -> Any:
        obj = load_stage(os.fspath(path))
        if not isinstance(obj, self.cls):
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                f"requirement failed: Error loading metadata: {path} holds a "
                f"{type(obj).__name__}, not a {self.cls.__name__}; load it with "
                f"{type(obj).__name__}.load(path).")
        return obj


class MLWritable:
    """Mixin: `write()` and `save(path)`."""

    def write(self) -> MLWriter:
        return MLWriter(self)

    def save(self, path: str) -> None:
        self.write().save(path)


class MLReadable:
    """Mixin: `read()` and `load(path)` class methods."""

    @classmethod
    def read(cls) -> MLReader:
        return MLReader(cls)

    @classmethod
    def load(cls, path: str) -> Any:
        return cls.read().load(path)


class DefaultParamsWritable(MLWritable):
    pass


class DefaultParamsReadable(MLReadable):
    pass


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.floating, np.integer, np.bool_)):
        return value.item()
    if hasattr(value, "toArray"):
        return value.toArray().tolist()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def save_stage(stage: Any, path: str) -> None:
    """Write `stage` (a Params with `_get_state`/`_set_state`) under `path`."""
    os.makedirs(path, exist_ok=True)
    extra, arrays = stage._get_state(path) if hasattr(stage, "_get_state") else ({}, {})
    meta = {
        "class": f"{type(stage).__module__}.{type(stage).__qualname__}",
        "timestamp": int(time.time() * 1000),
        "formatVersion": FORMAT_VERSION,
        "uid": stage.uid,
        "paramMap": {p.name: _jsonable(v) for p, v in stage._paramMap.items()
                     if not _is_stage_valued(v)},
        "defaultParamMap": {p.name: _jsonable(v) for p, v in stage._defaultParamMap.items()
                            if not _is_stage_valued(v)},
        "extra": _jsonable(extra),
    }
    with open(os.path.join(path, "metadata.json"), "w") as f:
        json.dump(meta, f, indent=1)
    if arrays:
        os.makedirs(os.path.join(path, "data"), exist_ok=True)
        for name, arr in arrays.items():
            np.save(os.path.join(path, "data", f"{name}.npy"), np.asarray(arr),
                    allow_pickle=False)


def _is_stage_valued(value: Any) -> bool:
    from dfengine.ml.param import Params

    if isinstance(value, Params):
        return True
    return isinstance(value, (list, tuple)) and any(isinstance(v, (Params, dict)) for v in value)


def load_stage(path: str) -> Any:
    """Rebuild the stage saved under `path` (its class is named in the metadata)."""
    meta_path = os.path.join(path, "metadata.json")
    if not os.path.exists(meta_path):
        from dfengine.errors import AnalysisException

        raise AnalysisException(
            f"Path does not exist: {os.path.join(path, 'metadata')}. No saved dfengine.ml "
            f"stage is at {path} (missing metadata.json); check the path.", "PATH_NOT_FOUND")
    try:
        with open(meta_path) as f:
            meta = json.load(f)
        module, _, name = meta["class"].rpartition(".")
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        from dfengine.errors import SparkRuntimeException

        raise SparkRuntimeException(
            f"The saved model at {path} is corrupt: its metadata.json cannot be read ({e}). "
            "Save the model again.", "CORRUPT_MODEL") from None
    cls = getattr(importlib.import_module(module), name)
    obj = cls()
    obj._resetUid(meta["uid"])
    obj._defaultParamMap.update(
        {obj.getParam(k): v for k, v in meta["defaultParamMap"].items() if obj.hasParam(k)})
    obj._set(**{k: v for k, v in meta["paramMap"].items() if obj.hasParam(k)})
    arrays = {}
    data_dir = os.path.join(path, "data")
    if os.path.isdir(data_dir):
        for fname in sorted(os.listdir(data_dir)):
            if fname.endswith(".npy"):
                arrays[fname[:-4]] = np.load(os.path.join(data_dir, fname), allow_pickle=False)
    if hasattr(obj, "_set_state"):
        obj._set_state(path, meta.get("extra", {}), arrays)
    return obj


class HasTrainingSummary:
    """PySpark's `HasTrainingSummary`: `hasSummary` and `summary` of a fitted model.

    `fit` attaches the training summary (`_set_summary`); a loaded model has none, and asking
    for it raises Spark's error (`No training summary available for this <Model>`, as a
    RuntimeError, as PySpark's). The summary stays on the driver: it is not pickled with the
    model when the model travels to the workers inside prediction tasks. `copy()` keeps it,
    unless the model class sets `_summary_survives_copy = False` (Spark's copy of a random
    forest or a perceptron model drops it)."""

    _summary: Any = None
    _summary_survives_copy = True

    @property
    def hasSummary(self) -> bool:
        """Whether a training summary exists for this model instance."""
        return self._summary is not None

    @property
    def summary(self) -> Any:
        """The summary of the model on its training set; raises if `hasSummary` is False."""
        if self._summary is None:
            from dfengine.errors import PySparkRuntimeError

            raise PySparkRuntimeError(
                f"No training summary available for this {type(self).__name__}")
        return self._summary

    def _set_summary(self, summary: Any) -> Any:
        self._summary = summary
        return self

    def copy(self, extra: dict | None = None) -> Any:
        that = super().copy(extra)
        that._summary = self._summary if self._summary_survives_copy else None
        return that

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_summary", None)
        return state


class CallableSummary:
    """PySpark declares `summary` of LinearSVCModel, FMClassificationModel and
    MultilayerPerceptronClassificationModel as a method (`model.summary()`), of the other
    models as a property; these summaries answer both ways: calling one returns itself."""

    def __call__(self) -> CallableSummary:
        return self
