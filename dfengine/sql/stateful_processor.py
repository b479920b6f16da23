"""Spark 4's arbitrary state API v2:
`df.groupBy(keys).transformWithStateInPandas(processor, schema, outputMode, timeMode)` and
`transformWithState` (Rows instead of pandas), with the classes of
`pyspark.sql.streaming.stateful_processor`.

In a batch query every group is processed once with its state starting empty (as Spark runs
it): each group gets a copy of the processor, `init(handle)`, then
`handleInitialState(key, row/frame)` for the rows of `initialState` with that key,
`handleInputRows(key, rows, timerValues)`, and `close()`. Value, list and map state live in
the handle for that group. Timers can be registered and listed but never fire.

On a streaming DataFrame the same runs once per batch for each key with new rows, its state
carried between batches by `applyInPandasWithState` (dfengine/sql/streaming); `initialState`
is refused there.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Iterator
from functools import partial
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import PySparkTypeError, PySparkValueError

_OUTPUT_MODES = ("append", "update", "complete")
_TIME_MODES = ("none", "processingtime", "eventtime")


def _tuple(value: Any) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


class ValueState:
    def __init__(self, store: dict, stateName: str) -> None:
        self._store, self._name = store, stateName

    def exists(self) -> bool:
        return self._name in self._store

    def get(self) -> tuple | None:
        return self._store.get(self._name)

    def update(self, newValue: tuple) -> None:
        self._store[self._name] = _tuple(newValue)

    def clear(self) -> None:
        self._store.pop(self._name, None)


class ListState:
    def __init__(self, store: dict, stateName: str) -> None:
        self._store, self._name = store, stateName

    def exists(self) -> bool:
        return bool(self._store.get(self._name))

    def get(self) -> Iterator[tuple]:
        return iter(list(self._store.get(self._name, [])))

    def put(self, newState: list) -> None:
        self._store[self._name] = [_tuple(v) for v in newState]

    def appendValue(self, newState: tuple) -> None:
        self._store.setdefault(self._name, []).append(_tuple(newState))

    def appendList(self, newState: list) -> None:
        self._store.setdefault(self._name, []).extend(_tuple(v) for v in newState)

    def clear(self) -> None:
        self._store.pop(self._name, None)


class MapState:
    def __init__(self, store: dict, stateName: str) -> None:
        self._store, self._name = store, stateName

    def _map(self) -> dict:
        return self._store.setdefault(self._name, {})

    def exists(self) -> bool:
        return bool(self._store.get(self._name))

    def getValue(self, key: tuple) -> tuple | None:
        return self._map().get(_tuple(key))

    def containsKey(self, key: tuple) -> bool:
        return _tuple(key) in self._map()

    def updateValue(self, key: tuple, value: tuple) -> None:
        self._map()[_tuple(key)] = _tuple(value)

    def iterator(self) -> Iterator[tuple[tuple, tuple]]:
        return iter(list(self._map().items()))

    def keys(self) -> Iterator[tuple]:
        return iter(list(self._map()))

    def values(self) -> Iterator[tuple]:
        return iter(list(self._map().values()))

    def removeKey(self, key: tuple) -> None:
        self._map().pop(_tuple(key), None)

    def clear(self) -> None:
        self._store.pop(self._name, None)


class TimerValues:
    def __init__(self, currentProcessingTimeInMs: int = -1, currentWatermarkInMs: int = -1):
        self._processing, self._watermark = currentProcessingTimeInMs, currentWatermarkInMs

    def getCurrentProcessingTimeInMs(self) -> int:
        return self._processing

    def getCurrentWatermarkInMs(self) -> int:
        return self._watermark


class ExpiredTimerInfo:
    def __init__(self, expiryTimeInMs: int = -1) -> None:
        self._expiry = expiryTimeInMs

    def getExpiryTimeInMs(self) -> int:
        return self._expiry


class StatefulProcessorHandle:
    """The state of one grouping key (a batch run sees each key once)."""

    def __init__(self) -> None:
        self._store: dict[str, Any] = {}
        self._timers: set[int] = set()

    def getValueState(self, stateName: str, schema: Any = None,
                      ttlDurationMs: int | None = None) -> ValueState:
        return ValueState(self._store, stateName)

    def getListState(self, stateName: str, schema: Any = None,
                     ttlDurationMs: int | None = None) -> ListState:
        return ListState(self._store, stateName)

    def getMapState(self, stateName: str, userKeySchema: Any = None, valueSchema: Any = None,
                    ttlDurationMs: int | None = None) -> MapState:
        return MapState(self._store, stateName)

    def registerTimer(self, expiryTimestampMs: int) -> None:
        self._timers.add(int(expiryTimestampMs))

    def deleteTimer(self, expiryTimestampMs: int) -> None:
        self._timers.discard(int(expiryTimestampMs))

    def listTimers(self) -> Iterator[int]:
        return iter(sorted(self._timers))

    def deleteIfExists(self, stateName: str) -> None:
        self._store.pop(stateName, None)


class StatefulProcessor(ABC):
    @abstractmethod
    def init(self, handle: StatefulProcessorHandle) -> None:
        ...

    @abstractmethod
    def handleInputRows(self, key: Any, rows: Iterator[Any],
                        timerValues: TimerValues) -> Iterator[Any]:
        ...

    def handleExpiredTimer(self, key: Any, timerValues: TimerValues,
                           expiredTimerInfo: ExpiredTimerInfo) -> Iterator[Any]:
        return iter([])

    def close(self) -> None:  # noqa: B027 (optional, as in PySpark)
        ...

    def handleInitialState(self, key: Any, initialState: Any,  # noqa: B027
                           timerValues: TimerValues) -> None:
        ...


# ------------------------------------------------------------------------------- running


def _check_modes(outputMode: str, timeMode: str) -> None:
    if str(outputMode).lower() not in _OUTPUT_MODES:
        raise PySparkValueError(f"Unknown output mode {outputMode!r}; use Append, Update or "
                                "Complete.", "STATEFUL_PROCESSOR_UNKNOWN_OUTPUT_MODE")
    if str(timeMode).lower() not in _TIME_MODES:
        raise PySparkValueError(f"Unknown time mode {timeMode!r}; use None, ProcessingTime or "
                                "EventTime.", "STATEFUL_PROCESSOR_UNKNOWN_TIME_MODE")


def _process_group(processor: Any, key: tuple, rows: Any, initial: Any,
                   store: dict | None = None) -> list:
    """One key: a fresh processor copy over `store` (empty state in a batch query); all the
    outputs it yields."""
    import time

    proc = copy.deepcopy(processor)
    handle = StatefulProcessorHandle()
    if store is not None:
        handle._store = store
    proc.init(handle)
    timers = TimerValues(int(time.time() * 1000), -1)
    try:
        for state in initial:
            proc.handleInitialState(key, state, timers)
        return list(proc.handleInputRows(key, rows, timers) or [])
    finally:
        proc.close()


def transform_with_state(grouped: Any, processor: Any, outputStructType: Any, outputMode: str,
                         timeMode: str, initialState: Any = None, pandas: bool = True) -> Any:
    """`GroupedData.transformWithStateInPandas` (pandas) / `transformWithState` (Rows)."""
    from dfengine.sql.grouped_map import _schema

    schema = _schema(outputStructType)
    _check_modes(outputMode, timeMode)
    df = grouped._df
    if df.isStreaming:
        if initialState is not None:
            raise PySparkTypeError("initialState is not supported on streaming DataFrames in "
                                   "dfengine.", "UNSUPPORTED_OPERATION")
        return _streaming(grouped, processor, schema, outputMode, pandas)
    initial = _initial_groups(initialState, pandas)
    in_schema = df.schema

    def per_group(arrow_key: tuple, table: pa.Table) -> pa.Table:
        key = tuple(k.as_py() for k in arrow_key)  # applyInArrow's keys are pyarrow scalars
        if pandas:
            outs = _process_group(processor, key, iter([table.to_pandas()]),
                                  initial.get(key, []))
            return _pandas_out(outs, schema)
        from dfengine.sql.rows import arrow_to_rows, rows_to_arrow

        rows = iter(arrow_to_rows(table, in_schema))
        outs = _process_group(processor, key, rows, initial.get(key, []))
        return rows_to_arrow(outs, schema) if outs else T.to_arrow_schema(schema).empty_table()

    return grouped.applyInArrow(per_group, schema)


def _streaming(grouped: Any, processor: Any, schema: T.StructType, outputMode: str,
               pandas: bool) -> Any:
    """Streaming: `applyInPandasWithState` carries each key's handle state between batches
    (pickled into one binary state column); each batch with rows for a key runs a fresh
    processor copy over them. Timers do not fire."""
    names = grouped._df.columns
    func = partial(_stream_group, processor, names, schema.names, pandas)
    return grouped.applyInPandasWithState(func, schema, "handle binary", outputMode.lower(),
                                          "NoTimeout")


def _stream_group(processor: Any, names: list[str], out_names: list[str], pandas: bool,
                  key: tuple, pdfs: Any, state: Any) -> Iterator[Any]:
    import pickle

    import pandas as pd

    from dfengine.types.row import _create_row

    store = pickle.loads(state.get[0]) if state.exists else {}
    rows: Any = pdfs if pandas else iter(
        [_create_row(names, tuple(r)) for pdf in pdfs
         for r in pdf[names].itertuples(index=False, name=None)])
    outs = _process_group(processor, key, rows, [], store)
    if store:
        state.update((pickle.dumps(store),))
    elif state.exists:
        state.remove()
    if pandas:
        yield from outs
    elif outs:
        yield pd.DataFrame([tuple(r) for r in outs], columns=out_names)


def _pandas_out(frames: list, schema: T.StructType) -> pa.Table:
    from dfengine.sql.grouped_map import _result_table

    tables = [_result_table(f, schema, "handleInputRows") for f in frames]
    return pa.concat_tables(tables) if tables else T.to_arrow_schema(schema).empty_table()


def _initial_groups(initialState: Any, pandas: bool) -> dict:
    """key -> the initial-state inputs for it (one pandas frame per key, or its Rows)."""
    if initialState is None:
        return {}
    out: dict[tuple, list] = {}
    df = initialState._df
    names = [c for c in df.columns]
    keys = [g.name for g in initialState._grouping]
    for row in df.collect():
        k = tuple(row[n] for n in keys)
        out.setdefault(k, []).append(row)
    if pandas:
        import pandas as pd

        return {k: [pd.DataFrame([tuple(r) for r in rows], columns=names)]
                for k, rows in out.items()}
    return out
