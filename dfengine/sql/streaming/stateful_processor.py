"""`pyspark.sql.streaming.stateful_processor`'s names (dfengine/sql/stateful_processor.py)."""

from dfengine.sql.stateful_processor import (  # noqa: F401
    ExpiredTimerInfo,
    ListState,
    MapState,
    StatefulProcessor,
    StatefulProcessorHandle,
    TimerValues,
    ValueState,
)
