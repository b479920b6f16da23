"""`InheritableThread` and `inheritable_thread_target`: threads that keep their creator's job
group, job tags and session tags.

Job groups, job tags and descriptions are local properties of a thread (`sc.setJobGroup`,
`sc.addJobTag`), and session tags (`spark.addTag`) are per thread too; a plain thread starts
without them. As PySpark's, `InheritableThread` copies them from the thread that starts it
(when `start()` is called) and `inheritable_thread_target(f)` from the thread that wraps `f`
(when it is decorated), so the jobs the new thread runs belong to the same group and carry the
same tags.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any


def _snapshot() -> Callable[[], None]:
    """The calling thread's local properties and session tags, as a function that installs
    them in the thread it runs in."""
    from dfengine.rdd.context import SparkContext

    sc = SparkContext._active_spark_context
    tracker = sc._jobs() if sc is not None else None
    props = dict(tracker.local_properties) if tracker is not None else {}
    session = SparkContext._active_session()
    tags = session._current_tags() if hasattr(session, "_current_tags") else None

    def install() -> None:
        if tracker is not None:
            tracker.local_properties.clear()
            tracker.local_properties.update(props)
        if tags is not None:
            session._tags.tags = tags

    return install


class InheritableThread(threading.Thread):
    """A `threading.Thread` that inherits the starting thread's local properties and tags."""

    def __init__(self, target: Callable, *args: Any, **kwargs: Any):
        self._install: Callable[[], None] | None = None

        def run_inheriting(*a: Any, **k: Any) -> Any:
            if self._install is not None:
                self._install()
            return target(*a, **k)

        super().__init__(*args, target=run_inheriting, **kwargs)

    def start(self) -> None:
        self._install = _snapshot()
        super().start()


def inheritable_thread_target(f: Any) -> Any:
    """Wrap a thread target so it runs with the local properties and tags of the thread that
    wrapped it. Given a SparkSession instead (PySpark's Spark Connect form), return this
    decorator."""
    if not callable(f):
        return inheritable_thread_target
    install = _snapshot()

    @functools.wraps(f)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        install()
        return f(*args, **kwargs)

    return wrapped
