"""timestamp_nanos / unix_nanos read and make Spark 4.3's nanosecond timestamps
(TIMESTAMP_LTZ(9) / TIMESTAMP_NTZ(9), behind spark.sql.timestampNanosTypes.enabled), which
dfengine does not have (its timestamps hold microseconds, and PySpark itself cannot parse the
types in Python): the calls are refused at analysis, naming the microsecond way to write them.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.functions.registry import Function, define


def _no_nanos(name: str) -> Any:
    """The entry of `name`: its result type is an AnalysisException."""
    hint = ("timestamp_micros(nanos div 1000)" if name == "timestamp_nanos" else
            "unix_micros(ts) * 1000")

    def result(types: list[T.DataType]) -> T.DataType:
        raise AnalysisException(
            f"{name} needs nanosecond timestamps (TIMESTAMP_LTZ(9) / TIMESTAMP_NTZ(9)), which "
            f"dfengine does not support: its timestamps hold microseconds. Write {hint} "
            "instead.", "UNSUPPORTED_FEATURE.NANOSECOND_TIMESTAMPS")

    def impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        return result([])

    return Function(name, result, impl=impl, arity=(1, 1), params="col")


define(_no_nanos("timestamp_nanos"), _no_nanos("unix_nanos"), family="datetime")
