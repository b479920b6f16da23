"""Interrupting running queries (`spark.interruptAll`, `interruptTag`, `interruptOperation`).

Every graph a session runs is one *operation* with an id and the tags its thread had set
(`spark.addTag`). Each task of the graph first checks its operation's flag, so once an
operation is interrupted no further task of it starts (on the threaded scheduler or the
cluster), and its futures on the cluster are cancelled. The running action then raises
`QueryCancelledException`. A task already running finishes its current partition first:
Python threads cannot be killed.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from dfengine.errors import QueryCancelledException

_ids = itertools.count(1)


@dataclass
class Operation:
    id: str
    tags: frozenset[str]
    cancelled: threading.Event = field(default_factory=threading.Event)
    futures: list = field(default_factory=list)
    client: Any = None

    def cancel(self) -> None:
        self.cancelled.set()
        if self.futures and self.client is not None:
            with contextlib.suppress(Exception):  # already finished or released
                self.client.cancel(self.futures)


class OperationRegistry:
    """The running operations of one session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[str, Operation] = {}

    @contextlib.contextmanager
    def running(self, tags: frozenset[str]) -> Iterator[Operation]:
        op = Operation(str(next(_ids)), tags)
        with self._lock:
            self._running[op.id] = op
        try:
            yield op
        finally:
            with self._lock:
                self._running.pop(op.id, None)

    def interrupt(self, tag: str | None = None, op_id: str | None = None) -> list[str]:
        with self._lock:
            ops = [o for o in self._running.values()
                   if (tag is None or tag in o.tags) and (op_id is None or o.id == op_id)]
        for o in ops:
            o.cancel()
        return [o.id for o in ops]


def _guarded(op: Operation, fn: Any, *args: Any) -> Any:
    if op.cancelled.is_set():
        raise QueryCancelledException(
            f"The operation {op.id} was interrupted (spark.interruptAll/interruptTag/"
            "interruptOperation).", "OPERATION_CANCELED")
    return fn(*args)


def guard_graph(graph: dict, op: Operation) -> dict:
    """The graph with each task checking `op`'s flag before it runs."""
    out = {}
    for k, v in graph.items():
        if isinstance(v, tuple) and v and callable(v[0]):
            out[k] = (partial(_guarded, op, v[0]),) + v[1:]
        else:
            out[k] = v
    return out
