"""`window()` for event-time grouping, interval strings, and `withWatermark`.

A watermark is recorded against the event-time column's attribute id (as Spark tags the
attribute's metadata), so the plan itself stays an ordinary batch plan; the streaming
executor looks the ids up when it meets a stateful operator.
"""

from __future__ import annotations

import re
from typing import Any

from dfengine.sql.streaming import _adapter as A

WATERMARKS: dict[int, int] = {}  # expr_id of an event-time column -> delay in ms
WITHIN_WATERMARK: set[frozenset] = set()  # key ids of dropDuplicatesWithinWatermark

_UNITS = {
    "microsecond": 1, "us": 1, "millisecond": 1_000, "ms": 1_000, "second": 1_000_000,
    "sec": 1_000_000, "s": 1_000_000, "minute": 60_000_000, "min": 60_000_000,
    "hour": 3_600_000_000, "h": 3_600_000_000, "day": 86_400_000_000, "d": 86_400_000_000,
    "week": 604_800_000_000,
}


def parse_interval_us(text: str) -> int:
    """'10 minutes', '1 hour 30 seconds', 'interval 2 days' -> microseconds."""
    s = str(text).strip().lower().removeprefix("interval").strip()
    parts = re.findall(r"(-?\d+(?:\.\d+)?)\s*([a-z]+)", s)
    if not parts or re.sub(r"(-?\d+(?:\.\d+)?)\s*([a-z]+)", "", s).strip():
        raise A.IllegalArgumentException(
            f"The interval '{text}' is not valid: write it like '10 minutes' or "
            "'1 hour 30 seconds'.", "INVALID_INTERVAL_FORMAT")
    total = 0.0
    for num, unit in parts:
        key = unit.rstrip("s") if unit.rstrip("s") in _UNITS else unit
        if key not in _UNITS:
            raise A.IllegalArgumentException(
                f"Unknown unit '{unit}' in interval '{text}'; use microseconds, milliseconds, "
                "seconds, minutes, hours, days or weeks.", "INVALID_INTERVAL_FORMAT")
        total += float(num) * _UNITS[key]
    return int(total)


def window(timeColumn: Any, windowDuration: str, slideDuration: str | None = None,
           startTime: str | None = None) -> Any:
    """Tumbling event-time windows: a struct<start, end> column, as `F.window` in Spark."""
    from dfengine.sql import functions as F

    dur = parse_interval_us(windowDuration)
    slide = parse_interval_us(slideDuration) if slideDuration else dur
    offset = parse_interval_us(startTime) if startTime else 0
    if dur <= 0:
        raise A.IllegalArgumentException(
            f"The window duration ({windowDuration}) must be greater than 0.", "INVALID_WINDOW")
    if slide <= 0 or slide > dur:
        raise A.IllegalArgumentException(
            f"The slide duration ({slideDuration}) must be greater than 0 and less than or "
            f"equal to the window duration ({windowDuration}).", "INVALID_WINDOW")
    ts = F.col(timeColumn) if isinstance(timeColumn, str) else timeColumn
    off = offset % slide
    if slide != dur:
        return A.sliding_window(ts, dur, slide, off).alias("window")
    return F.struct(A.window_bound(ts, slide, off, 0).alias("start"),
                    A.window_bound(ts, slide, off, dur).alias("end")).alias("window")


def session_window(timeColumn: Any, gapDuration: str) -> Any:
    """Session windows: events of a group closer than `gapDuration` share a session
    [first event, last event + gap). Evaluated by streaming aggregations."""
    from dfengine.sql import functions as F

    if not isinstance(gapDuration, str):
        raise A.UnsupportedOperationException(
            "session_window() takes a constant gap duration string in dfengine.",
            "UNSUPPORTED_FEATURE")
    gap = parse_interval_us(gapDuration)
    if gap <= 0:
        raise A.IllegalArgumentException(
            f"The gap duration ({gapDuration}) must be greater than 0.", "INVALID_WINDOW")
    ts = F.col(timeColumn) if isinstance(timeColumn, str) else timeColumn
    return A.session_window(ts, gap).alias("session_window")


def with_watermark(df: Any, eventTime: str, delayThreshold: str) -> Any:
    attr = A.resolve_name(df, eventTime)
    if not isinstance(attr, A.E.AttributeReference) or not isinstance(
            attr.dtype, (A.T.TimestampType, A.T.TimestampNTZType)):
        raise A.AnalysisException(
            f"Event time must be defined on a window or a timestamp, but {eventTime} is "
            f"of type {attr.data_type.simpleString()}", "EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE")
    delay = parse_interval_us(delayThreshold)
    if delay < 0:
        raise A.AnalysisException(
            f"Watermark delay threshold {delayThreshold} should not be negative",
            "INVALID_WATERMARK")
    WATERMARKS[attr.expr_id] = delay // 1000
    return A.dataframe(A.session_of(df), A.plan_of(df))


def drop_duplicates_within_watermark(df: Any, subset: Any = None) -> Any:
    out = df.dropDuplicates(subset) if subset is not None else df.dropDuplicates()
    plan = A.plan_of(out)
    if A.is_dedup(plan):
        WITHIN_WATERMARK.add(frozenset(k.expr_id for k in A.dedup_keys(plan)))
    return out
