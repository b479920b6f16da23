"""The functions Dask tasks call for RDDs: run a fused pipeline, shuffle buckets, concatenate.

Task values are plain lists (one RDD partition). A pipeline task returns a `Chunk`, a list that
also carries the accumulator updates its user code made, read back by small extraction tasks so
the driver merges them once per successful task. Exceptions from user code become
`PythonException`s naming the RDD operation, the partition and the original error.
"""

from __future__ import annotations

import importlib.util
import os
import traceback
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from dfengine.errors import PySparkException, PythonException
from dfengine.rdd.hashing import portable_hash
from dfengine.rdd.taskstate import enter_task, exit_task

_SHUFFLE_OPS = {
    "reduceByKey", "combineByKey", "foldByKey", "aggregateByKey", "groupByKey", "partitionBy",
    "join", "leftOuterJoin", "rightOuterJoin", "fullOuterJoin", "cogroup", "subtractByKey",
}
_DRIVER_ONLY = {"CONTEXT_ONLY_VALID_ON_DRIVER", "RDD_TRANSFORM_ONLY_VALID_ON_DRIVER"}
# Frames of these packages are left out of a task's traceback; found without importing
# distributed (a local session only loads it when it starts its cluster).
_HIDDEN_DIRS = tuple(os.path.dirname(spec.origin) + os.sep
                     for spec in map(importlib.util.find_spec, ("dask", "distributed"))
                     if spec is not None and spec.origin)
_OWN_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


class Opaque:
    """A task argument Dask must not look inside (data, user values, specs)."""

    __slots__ = ("_token", "value")

    def __init__(self, value: Any):
        self.value = value
        self._token = None

    def __dask_tokenize__(self) -> str:
        """A unique token: Dask must not pickle (or even look at) the payload to name it."""
        if self._token is None:
            self._token = uuid.uuid4().hex
        return self._token

    def __getstate__(self):
        return self.value

    def __setstate__(self, value):
        self.value = value
        self._token = None


class Chunk(list):
    """A partition, plus the accumulator updates its user code made (if any).

    Every task value that may cross processes is a Chunk, never a plain list: Dask serialises
    plain lists element by element (a header and frame per record), which made shuffles of
    small records a hundred times slower than pickling the list in one go.
    """

    __slots__ = ("updates",)

    def __reduce__(self):
        return (_chunk, (list(self), getattr(self, "updates", None)))


def _chunk(items: list, updates: dict | None) -> Chunk:
    c = Chunk(items)
    c.updates = updates
    return c


def data(payload: Opaque) -> list:
    """A parallelized slice: a list (ranges are expanded in the task, not on the driver)."""
    value = payload.value
    return value if isinstance(value, list) else list(value)


def run_pipeline(spec: Opaque, split: int, part: Iterable) -> Chunk:
    """Run a fused chain of narrow ops over one input partition."""
    pipeline, where = spec.value
    state = enter_task()
    try:
        out = Chunk(pipeline(split, part))
    except Exception as exc:  # noqa: BLE001 - any user error is reported as PythonException
        raise user_error(exc, pipeline.ops, where, split) from None
    finally:
        exit_task(state)
    out.updates = state.updates or None
    return out


def updates_of(chunk: Any) -> dict | None:
    return getattr(chunk, "updates", None)


def split_buckets(spec: Opaque, part: Iterable, n: int) -> list[list]:
    """Map side of a shuffle: bucket `(key, value)` records by `partitionFunc(key) % n`."""
    partition_func, where = spec.value
    buckets: list[list] = [Chunk() for _ in range(n)]
    appends = [b.append for b in buckets]
    state = enter_task()
    try:
        if n == 1:
            for kv in part:
                kv[0]
                appends[0](kv)
        elif partition_func is portable_hash:
            for kv in part:
                appends[portable_hash(kv[0]) % n](kv)
        else:
            for kv in part:
                appends[partition_func(kv[0]) % n](kv)
    except Exception as exc:  # noqa: BLE001 - any user error is reported as PythonException
        ops = () if partition_func is portable_hash else ((partition_func, "partitionFunc"),)
        if isinstance(exc, (TypeError, IndexError, KeyError)) and not ops:
            exc = type(exc)(
                f"{exc} (a shuffle needs an RDD of (key, value) pairs with hashable keys)"
            )
        raise user_error(exc, ops, where, None) from None
    finally:
        exit_task(state)
    return Chunk(buckets)


def bucket(split_output: list[list], j: int) -> list:
    return split_output[j]


def gather_bucket(j: int, *split_outputs: list[list]) -> list:
    """Reduce side of a shuffle (in-process runtime): bucket `j` of every map output."""
    out: list = Chunk()
    for s in split_outputs:
        out.extend(s[j])
    return out


def as_chunk(part: Iterable) -> Chunk:
    return part if type(part) is Chunk else Chunk(part)


def concat(*parts: Iterable) -> list:
    out: list = Chunk()
    for p in parts:
        out.extend(p)
    return out


def user_error(exc: Exception, ops: Any, where: str, split: int | None) -> Exception:
    """A PythonException naming the RDD operation, the partition and the original error."""
    if isinstance(exc, PySparkException) and (
        exc.error_class in _DRIVER_ONLY or isinstance(exc, PythonException)
    ):
        return exc
    op_name = _failing_op(exc, ops)
    if op_name in _SHUFFLE_OPS and isinstance(exc, (TypeError, ValueError)) and (
        "unpack" in str(exc)
    ):
        exc = type(exc)(f"{exc} ({op_name} needs an RDD of (key, value) pairs)")
    tb = _user_traceback(exc)
    part = "" if split is None else f", partition {split}"
    message = (
        f"An exception was thrown from the Python worker in `{op_name}` ({where}{part}): "
        f"{type(exc).__name__}: {exc}\n{tb}"
    )
    err = PythonException(message)
    err.operation = op_name
    err.partition = split
    err.exception_type = type(exc).__name__
    err.exception_message = str(exc)
    return err


def _failing_op(exc: BaseException, ops: Any) -> str:
    names: dict = {}
    default = "task"
    for op in ops:
        if isinstance(op, tuple):
            func, name = op
        else:
            func, name = (op.user_func or op.func), op.name
        default = name
        code = getattr(func, "__code__", None)
        if code is not None:
            names.setdefault(code, name)
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        if frame.f_code in names:
            return names[frame.f_code]
    return default


def _user_traceback(exc: BaseException) -> str:
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if not f.filename.startswith(_HIDDEN_DIRS) and not f.filename.startswith(_OWN_DIR)
    ]
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines).rstrip()


def call(fn: Callable, *args: Any) -> Any:
    return fn(*args)


def cartesian_part(a: list, b: list) -> list:
    return [(x, y) for x in a for y in b]


def zip_parts(a: list, b: list) -> list:
    if len(a) != len(b):
        raise PythonException(
            "Can only zip RDDs with same number of elements in each partition "
            f"(found {len(a)} and {len(b)}); zip RDDs derived from the same parent by map "
            "operations, or use zipWithIndex and join on the index."
        )
    return list(zip(a, b))


class RangeSlice:
    """Partition `split` of `sc.parallelize(range)`: its contiguous slice of the range."""

    def __init__(self, r: range, n: int):
        self.r, self.n = r, n

    def __call__(self, split: int, it: Any) -> range:
        size = len(self.r)
        return self.r[split * size // self.n : (split + 1) * size // self.n]
