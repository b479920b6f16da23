"""`InheritableThread`: a thread that starts with its creator's local properties.

Job groups, job tags and descriptions are local properties of a thread (`sc.setJobGroup`,
`sc.addJobTag`); as PySpark's InheritableThread, this one copies them from the thread that
created it, so jobs it starts belong to the same group and carry the same tags.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class InheritableThread(threading.Thread):
    """A `threading.Thread` that inherits the creating thread's local properties."""

    def __init__(self, target: Callable, *args: Any, **kwargs: Any):
        from dfengine.rdd.context import SparkContext

        sc = SparkContext._active_spark_context
        tracker = sc._jobs() if sc is not None else None
        props = dict(tracker.local_properties) if tracker is not None else {}

        def run_with_properties(*a: Any, **k: Any) -> Any:
            if tracker is not None:
                tracker.local_properties.clear()
                tracker.local_properties.update(props)
            return target(*a, **k)

        super().__init__(*args, target=run_with_properties, **kwargs)
