"""`spark.streams` (StreamingQueryManager) and `StreamingQueryListener`."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
import weakref
from typing import Any

from dfengine.sql.streaming import _adapter as A


class StreamingQueryListener:
    """Subclass and override the callbacks; register with `spark.streams.addListener`."""

    def onQueryStarted(self, event: Any) -> None:
        pass

    def onQueryProgress(self, event: Any) -> None:
        pass

    def onQueryIdle(self, event: Any) -> None:
        pass

    def onQueryTerminated(self, event: Any) -> None:
        pass


class QueryStartedEvent:
    def __init__(self, id: str, runId: str, name: str | None, timestamp: str):
        self.id, self.runId, self.name, self.timestamp = uuid.UUID(id), uuid.UUID(runId), name, \
            timestamp
        self.jobTags: set = set()


class QueryProgressEvent:
    def __init__(self, progress: Any):
        self.progress = progress


class QueryIdleEvent:
    def __init__(self, id: str, runId: str, timestamp: str):
        self.id, self.runId, self.timestamp = uuid.UUID(id), uuid.UUID(runId), timestamp


class QueryTerminatedEvent:
    def __init__(self, id: str, runId: str, exception: str | None,
                 errorClassOnException: str | None = None):
        self.id, self.runId = uuid.UUID(id), uuid.UUID(runId)
        self.exception, self.errorClassOnException = exception, errorClassOnException


class StreamingQueryManager:
    def __init__(self, session: Any):
        self._session = session
        self._active: dict[str, Any] = {}
        self._listeners: list[StreamingQueryListener] = []
        self._cv = threading.Condition()
        self._terminated: Any = None

    @property
    def active(self) -> list:
        with self._cv:
            return list(self._active.values())

    def get(self, id: Any) -> Any:
        with self._cv:
            return self._active.get(str(id))

    def awaitAnyTermination(self, timeout: float | None = None) -> bool | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cv:
            while self._terminated is None:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cv.wait(left)
            exc = self._terminated.exception()
        if exc is not None:
            raise exc
        return True if timeout is not None else None

    def resetTerminated(self) -> None:
        with self._cv:
            self._terminated = None

    def addListener(self, listener: StreamingQueryListener) -> None:
        self._listeners.append(listener)

    def removeListener(self, listener: StreamingQueryListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # ----------------------------------------------------------------- used by queries

    def _register(self, query: Any) -> None:
        with self._cv:
            if query.id in self._active:
                raise A.PySparkException(
                    f"Cannot start query with id {query.id} as another query with same id is "
                    "already active. Perhaps you are attempting to restart a query from "
                    "checkpoint that is already active.", "CONCURRENT_QUERY")
            names = {q.name for q in self._active.values() if q.name}
            if query.name and query.name in names:
                raise A.IllegalArgumentException(
                    f"Cannot start query with name {query.name} as a query with that name is "
                    "already active in this SparkSession", "DUPLICATE_QUERY_NAME")
            self._active[query.id] = query

    def _finished(self, query: Any) -> None:
        with self._cv:
            self._active.pop(query.id, None)
            self._terminated = query
            self._cv.notify_all()

    def _post(self, callback: str, event: Any) -> None:
        for listener in list(self._listeners):
            with contextlib.suppress(Exception):  # a failing listener must not stop the query
                getattr(listener, callback)(event)


_MANAGERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def manager_for(session: Any) -> StreamingQueryManager:
    with _lock:
        m = _MANAGERS.get(session)
        if m is None:
            m = _MANAGERS[session] = StreamingQueryManager(session)
        return m
