"""counter_diff(value[, startTime]) OVER (PARTITION BY series ORDER BY time): a cumulative
counter turned into increments, as Spark 4.3's window function.

Each row's value minus the previous non-NULL value of its partition; NULL for the first
value, a NULL value (which leaves the state alone) and a reset: the value went down, or the
start time (the moment the counter was last zeroed) moved forward. A negative value or a
start time that goes back is an error. NaN orders above every number, as in Spark.
"""

from __future__ import annotations

import math
from typing import Any

import pyarrow as pa

from dfengine.errors import SparkRuntimeException


def _key(v: Any) -> tuple[int, Any]:
    """Spark's order of numbers: NaN last."""
    return (1, 0) if isinstance(v, float) and math.isnan(v) else (0, v)


def counter_diff(args: list[pa.Array], seg: Any, target: pa.DataType) -> pa.Array:
    values = args[0].to_pylist()
    starts = args[1].to_pylist() if len(args) > 1 else [None] * len(values)
    out: list[Any] = []
    prev: Any = None
    prev_start: Any = None
    for i, (v, s) in enumerate(zip(values, starts)):
        if i == seg.pstart[i]:
            prev = prev_start = None
        if v is not None and _key(v) < (0, 0):
            raise SparkRuntimeException(
                f"A negative counter value {v} was provided to function `counter_diff`. "
                "Negative counter values are not allowed: a counter counts up from 0.",
                "COUNTER_DIFF_NEGATIVE_COUNTER_VALUE")
        reset = False
        if s is not None:
            if prev_start is not None and s < prev_start:
                raise SparkRuntimeException(
                    f"Start time provided to function `counter_diff` decreased from "
                    f"{prev_start} to {s}. Start time is required to be non-decreasing.",
                    "COUNTER_DIFF_START_TIME_DECREASED")
            reset = prev_start is not None and s > prev_start
            prev_start = s
        if v is None:
            out.append(None)
            continue
        if prev is None or reset or _key(v) < _key(prev):
            out.append(None)
        else:
            out.append(v - prev)
        prev = v
    return pa.array(out, target)
