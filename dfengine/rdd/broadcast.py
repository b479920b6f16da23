"""Broadcast variables: a read-only value shipped once per worker, not once per task.

On the embedded (in-process) runtime tasks share the driver's memory, so a Broadcast simply holds
its value. On a cluster the value is scattered once to every worker (`client.scatter(...,
broadcast=True)`) and a Broadcast pickles to its id and Dask key; a worker process loads the
value from its own memory on first use and keeps it for later tasks.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Generic, TypeVar

from dfengine.errors import PySparkRuntimeError

T = TypeVar("T")
_UNSET = object()
_worker_cache: dict[tuple[int, str], Any] = {}
_local_values: dict[int, Any] = {}
_worker_lock = threading.Lock()


class Broadcast(Generic[T]):
    """A read-only variable cached on each worker; `.value` reads it."""

    def __init__(self, bid: int, value: Any = _UNSET, client: Any = None, key: str | None = None):
        self._bid = bid
        self._value = value
        self._future = None
        self._key = key
        self._destroyed = False
        if client is not None and value is not _UNSET:
            self._future = client.scatter([value], broadcast=True, hash=False)[0]
            self._key = self._future.key

    @property
    def value(self) -> T:
        if self._destroyed:
            raise PySparkRuntimeError(
                f"Broadcast variable {self._bid} was destroyed; create a new one with "
                "sc.broadcast(value).",
                error_class="BROADCAST_VARIABLE_DESTROYED",
            )
        if self._value is _UNSET:
            self._value = _load(self._bid, self._key)
        return self._value

    def unpersist(self, blocking: bool = False) -> None:
        """Drop worker copies; the value is shipped again if a later task uses it."""
        with _worker_lock:
            _worker_cache.pop((self._bid, self._key), None)
            _local_values.pop(self._bid, None)

    def destroy(self, blocking: bool = False) -> None:
        self.unpersist(blocking)
        if self._future is not None:
            self._future.release()
            self._future = None
        self._destroyed = True

    def __reduce__(self):
        if self._destroyed:
            raise PySparkRuntimeError(
                f"Broadcast variable {self._bid} was destroyed and cannot be used in a task.",
                error_class="BROADCAST_VARIABLE_DESTROYED",
            )
        if self._key is not None:
            return (_worker_broadcast, (self._bid, self._key))
        # Embedded runtime: the task runs in this process, so ship a reference, not the value.
        with _worker_lock:
            _local_values[self._bid] = self._value
        return (_local_broadcast, (self._bid, os.getpid(), None))

    def __repr__(self) -> str:
        return f"Broadcast(id={self._bid})"


def _worker_broadcast(bid: int, key: str) -> Broadcast:
    return Broadcast(bid, _UNSET, key=key)


def _local_broadcast(bid: int, pid: int, _unused: Any) -> Broadcast:
    with _worker_lock:
        if pid == os.getpid() and bid in _local_values:
            return Broadcast(bid, _local_values[bid])
    raise PySparkRuntimeError(
        f"Broadcast variable {bid} was created on an embedded runtime and cannot be used in "
        "another process; create it with sc.broadcast on a cluster-backed SparkContext.",
        error_class="BROADCAST_VARIABLE_NOT_LOADED",
    )


def _load(bid: int, key: str | None) -> Any:
    """Worker side: the scattered value from this process's cache, the worker's memory, or the
    cluster (when this worker joined after the scatter)."""
    cache_key = (bid, key)
    with _worker_lock:
        if cache_key in _worker_cache:
            return _worker_cache[cache_key]
    value = _UNSET
    try:
        from distributed import get_worker

        worker = get_worker()
        if key in worker.data:
            value = worker.data[key]
    except (ValueError, ImportError):
        pass
    if value is _UNSET:
        from distributed import Future, get_client

        value = get_client().gather(Future(key))
    with _worker_lock:
        _worker_cache[cache_key] = value
    return value
