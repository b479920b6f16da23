"""Per-thread state of the task being run, so shared variables know where they are.

A Dask worker thread running an RDD task enters a `TaskState`; accumulator updates made while it
is active are recorded in it (and returned with the task's result) instead of touching the
driver's value, and driver-only operations (actions, `Accumulator.value`) can refuse to run.
"""

from __future__ import annotations

import threading
from typing import Any

_local = threading.local()


class TaskState:
    """Accumulator updates (`{accumulator id: local value}`) of one running task."""

    __slots__ = ("previous", "updates")

    def __init__(self, previous: TaskState | None):
        self.updates: dict[int, Any] = {}
        self.previous = previous


def current_task() -> TaskState | None:
    return getattr(_local, "state", None)


def enter_task() -> TaskState:
    state = TaskState(current_task())
    _local.state = state
    return state


def exit_task(state: TaskState) -> None:
    _local.state = state.previous


def in_task() -> bool:
    return getattr(_local, "state", None) is not None
