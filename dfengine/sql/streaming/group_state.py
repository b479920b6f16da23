"""`applyInPandasWithState`: arbitrary per-group state (Spark's flatMapGroupsWithState).

Each batch groups the new rows by key, calls `func(key, iter([pdf]), state)` once per key
with rows, and once per key whose timeout expired (`state.hasTimedOut`, no rows). State rows
live in the operator's state store next to their timeout, like aggregation state.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pandas as pd
import pyarrow as pa

from dfengine.sql.streaming import _adapter as A
from dfengine.sql.streaming.window import WATERMARKS, parse_interval_us

NO_TIMEOUT, PROCESSING, EVENT = "NoTimeout", "ProcessingTimeTimeout", "EventTimeTimeout"


class GroupState:
    """PySpark's `pyspark.sql.streaming.state.GroupState` for one key in one batch."""

    def __init__(self, value: tuple | None, timeout_conf: str, watermark_ms: int | None,
                 now_ms: int, timed_out: bool, old_timeout: int | None):
        self._value, self._conf = value, timeout_conf
        self._wm, self._now, self._timed_out = watermark_ms, now_ms, timed_out
        self._removed, self._updated = False, False
        self._timeout: int | None = None
        self.oldTimeoutTimestamp = old_timeout if old_timeout is not None else -1

    @property
    def exists(self) -> bool:
        return self._value is not None and not self._removed

    @property
    def get(self) -> tuple:
        if not self.exists:
            raise A.PySparkValueError("State is either not defined or has already been "
                                      "removed", "STATE_NOT_EXISTS")
        return self._value

    @property
    def getOption(self) -> tuple | None:
        return self._value if self.exists else None

    def update(self, newValue: tuple) -> None:
        if newValue is None:
            raise A.PySparkTypeError("'None' is not a valid state value", "CANNOT_BE_NONE")
        self._value, self._removed, self._updated = tuple(newValue), False, True

    def remove(self) -> None:
        self._removed = True

    @property
    def hasTimedOut(self) -> bool:
        return self._timed_out

    def setTimeoutDuration(self, durationMs: int | str) -> None:
        if self._conf != PROCESSING:
            raise A.PySparkException("Cannot set timeout duration without enabling processing "
                                     "time timeout in applyInPandasWithState",
                                     "UNSUPPORTED_OPERATION")
        ms = parse_interval_us(durationMs) // 1000 if isinstance(durationMs, str) else durationMs
        if ms <= 0:
            raise A.IllegalArgumentException("Timeout duration must be positive",
                                             "INVALID_TIMEOUT")
        self._timeout = self._now + int(ms)

    def setTimeoutTimestamp(self, timestampMs: int) -> None:
        if self._conf != EVENT:
            raise A.PySparkException("Cannot set timeout timestamp without enabling event "
                                     "time timeout in applyInPandasWithState",
                                     "UNSUPPORTED_OPERATION")
        if self._wm is not None and timestampMs < self._wm:
            raise A.IllegalArgumentException("Timeout timestamp must not be older than the "
                                             "current watermark", "INVALID_TIMEOUT")
        self._timeout = int(timestampMs)

    def getCurrentWatermarkMs(self) -> int:
        if self._wm is None:
            raise A.PySparkException("Cannot get event time watermark timestamp without "
                                     "setting watermark before applyInPandasWithState",
                                     "UNSUPPORTED_OPERATION")
        return self._wm

    def getCurrentProcessingTimeMs(self) -> int:
        return self._now


class StateFunction:
    """What the plan node carries: the user function and its declared schemas."""

    def __init__(self, func: Callable, out_schema: Any, state_schema: Any, mode: str,
                 timeout: str, n_keys: int, in_names: list[str]):
        self.func, self.out_schema, self.state_schema = func, out_schema, state_schema
        self.mode, self.timeout, self.n_keys, self.in_names = mode, timeout, n_keys, in_names

    def __call__(self, table: pa.Table) -> pa.Table:
        raise A.UnsupportedOperationException(
            "applyInPandasWithState runs in streaming queries only in dfengine.",
            "UNSUPPORTED_FEATURE")


def apply_in_pandas_with_state(grouped: Any, func: Callable, outputStructType: Any,
                               stateStructType: Any, outputMode: str, timeoutConf: str) -> Any:
    df, keys = A.grouped_parts(grouped)
    out_schema, state_schema = A.parse_schema(outputStructType), A.parse_schema(stateStructType)
    if timeoutConf not in (NO_TIMEOUT, PROCESSING, EVENT):
        raise A.IllegalArgumentException(
            f"Unknown timeoutConf {timeoutConf}; use NoTimeout, ProcessingTimeTimeout or "
            "EventTimeTimeout", "INVALID_TIMEOUT_CONF")
    fn = StateFunction(func, out_schema, state_schema, outputMode.lower(), timeoutConf,
                       len(keys), list(df.columns))
    return A.dataframe(A.session_of(df), A.map_groups_node(df, keys, out_schema, fn))


class MapGroupsOperator:
    """The stateful operator for applyInPandasWithState (see stateful.py's protocol)."""

    name = "flatMapGroupsWithState"

    def __init__(self, op_id: int, node: Any, session: Any, store: Any):
        self.op_id, self.node, self.session, self.store = op_id, node, session, store
        self.fn: StateFunction = A.map_groups_fn(node)
        self.evict_key = 0  # append mode needs no watermark here
        child_out = A.child_of(node).output
        self.key_schema = pa.schema([pa.field(f"__key{i}", t) for i, t in enumerate(
            A.arrow_schema(A.attrs_schema(child_out[-self.fn.n_keys:])).types)])
        fields = list(self.key_schema) + list(A.arrow_schema(self.fn.state_schema))
        self.schema = pa.schema(fields + [pa.field("__timeout", pa.int64())])

    def execute(self, node: Any, ctx: Any) -> Any:
        child = A.child_of(node)
        table = A.run(self.session, child)
        for i, a in enumerate(child.output):
            if a.expr_id in WATERMARKS:
                ctx.observe(a.expr_id, table.column(i))
        state = self.store.load(ctx.batch_id, self.schema)
        known = {tuple(r[:self.fn.n_keys]): r for r in _rows(state)}
        now = int(time.time() * 1000)
        outs, new_state, updated = [], {}, 0
        pdf = table.to_pandas()
        key_cols = [f"__key{i}" for i in range(self.fn.n_keys)]
        seen = set()
        if len(pdf):
            for key, group in pdf.groupby(key_cols, sort=True, dropna=False):
                key = key if isinstance(key, tuple) else (key,)
                seen.add(key)
                updated += self._call(key, group[self.fn.in_names], known.get(key), False,
                                      ctx, now, outs, new_state)
        for key, row in known.items():
            if key in seen:
                continue
            if self._expired(row[-1], ctx, now):
                updated += self._call(key, None, row, True, ctx, now, outs, new_state)
            else:
                new_state[key] = row
        self.store.save(ctx.batch_id + 1, self._state_table(new_state))
        ctx.metrics.append({"operatorName": self.name, "numRowsTotal": len(new_state),
                            "numRowsUpdated": updated, "numRowsRemoved": 0,
                            "numRowsDroppedByWatermark": 0, "customMetrics": {}})
        out = pd.concat(outs, ignore_index=True) if outs else pd.DataFrame(
            columns=self.fn.out_schema.names)
        attrs = node.output
        arrow = pa.Table.from_pandas(out[[a.name for a in attrs]], preserve_index=False)
        return A.table_relation(self.session, attrs, arrow)

    def _expired(self, timeout: int | None, ctx: Any, now: int) -> bool:
        if timeout is None:
            return False
        if self.fn.timeout == PROCESSING:
            return timeout <= now
        return ctx.wm_evict_ms is not None and timeout <= ctx.wm_evict_ms

    def _call(self, key: tuple, pdf: Any, row: tuple | None, timed_out: bool, ctx: Any,
              now: int, outs: list, new_state: dict) -> int:
        n = self.fn.n_keys
        value = tuple(row[n:-1]) if row is not None else None
        old = row[-1] if row is not None else None
        st = GroupState(value, self.fn.timeout, ctx.wm_evict_ms, now, timed_out, old)
        frames = iter([pdf]) if pdf is not None else iter([])
        for out in self.fn.func(key, frames, st) or []:
            outs.append(out)
        if st.exists:
            timeout = st._timeout if st._timeout is not None else (
                None if timed_out else old)
            new_state[key] = key + st._value + (timeout,)
        return int(st._updated or st._removed)

    def _state_table(self, rows: dict) -> pa.Table:
        cols = list(zip(*rows.values(), strict=True)) if rows else [[] for _ in self.schema]
        return pa.Table.from_arrays([pa.array(list(c), f.type) for c, f in zip(
            cols, self.schema, strict=True)], schema=self.schema)


def _rows(table: pa.Table) -> list[tuple]:
    cols = [c.to_pylist() for c in table.columns]
    return list(zip(*cols, strict=True)) if cols else []


