"""`StreamingQuery` and the micro-batch loop behind it.

One background thread per query runs triggers. A trigger asks each source for its latest
offset; if there is new data (or the watermark moved and state must be evicted: Spark's
"no-data batch") it writes the batch's offsets to the checkpoint, runs the plan over the
rows between the committed and the new offsets, hands the result to the sink, and only then
writes the commit. See checkpoint.py for why a crash anywhere loses and duplicates nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from typing import Any

import pyarrow as pa

from dfengine.sql.streaming import _adapter as A
from dfengine.sql.streaming.checkpoint import Checkpoint
from dfengine.sql.streaming.manager import (
    QueryIdleEvent,
    QueryProgressEvent,
    QueryStartedEvent,
    QueryTerminatedEvent,
)
from dfengine.sql.streaming.stateful import BatchContext, IncrementalPlan
from dfengine.sql.streaming.window import WATERMARKS

POLL_SECONDS = 0.01


def _iso(ms: float) -> str:
    t = dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(ms) % 1000:03d}Z"


class StreamingQueryProgress(dict):
    """A progress report: a dict with Spark's field names, also readable as attributes."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def json(self) -> str:
        return json.dumps(self)

    @property
    def prettyJson(self) -> str:
        return json.dumps(self, indent=2)


class Trigger:
    def __init__(self, kind: str = "default", interval_s: float = 0.0):
        self.kind, self.interval_s = kind, interval_s


class MicroBatchExecution:
    """Offsets, batches, watermark and commit protocol of one query run."""

    def __init__(self, query: StreamingQuery, plan: Any, checkpoint: Checkpoint, mode: str):
        self.q, self.session, self.cp, self.mode = query, query.session, checkpoint, mode
        self.leaves = A.streaming_leaves(plan)
        self.sources = [spec.open(self.session, checkpoint.source_dir(i))
                        for i, (_, spec, _) in enumerate(self.leaves)]
        retain = int(self.session.conf.get("spark.sql.streaming.minBatchesToRetain", "100"))
        self.retain = retain
        self.inc = IncrementalPlan(plan, self.session, mode, checkpoint, retain)
        self.out_schema = A.attrs_schema(plan.output)
        self.max_event: dict[int, int] = {}
        self.last_plan: Any = None
        self._restore()

    # ---------------------------------------------------------------------- restart

    def _restore(self) -> None:
        offs, commits = self.cp.offsets, self.cp.commits
        latest, done = offs.latest(), commits.latest()
        self.pending: list | None = None
        self.watermark, self.prev_watermark, self.batch_ts = 0, 0, None
        self.committed = [s.initial() for s in self.sources]
        self.batch_id = 0
        if latest is None:
            return
        meta, ends = offs.read(latest)
        if done == latest:
            self.batch_id = latest + 1
            self.committed = ends
            self.watermark = commits.read(latest)["nextBatchWatermarkMs"]
            self.prev_watermark = meta.get("batchWatermarkMs", 0)
            self.last_batch_watermark = self.prev_watermark
            return
        # offsets logged, commit missing: run batch `latest` again with the same offsets
        self.batch_id, self.pending, self.batch_ts = latest, ends, meta.get("batchTimestampMs")
        self.watermark = meta.get("batchWatermarkMs", 0)
        prev = offs.read(latest - 1) if latest > 0 else None
        if prev is not None:
            self.committed = prev[1]
            self.prev_watermark = prev[0].get("batchWatermarkMs", 0)

    # ------------------------------------------------------------------------ triggers

    def run_trigger(self, limited: bool = True) -> bool:
        """Run one batch if there is one to run; False when there was nothing to do."""
        t0 = time.time()
        if self.pending is not None:
            ends, self.pending = self.pending, None
        else:
            ends = [s.latest(c, limited) for s, c in zip(self.sources, self.committed, strict=True)]
            if ends == self.committed and not self._needs_no_data_batch():
                return False
            self.batch_ts = int(time.time() * 1000)
            meta = {"batchWatermarkMs": self.watermark, "batchTimestampMs": self.batch_ts,
                    "conf": {"spark.sql.streaming.dfengine": "1"}}
            self.cp.offsets.write(self.batch_id, meta, ends)
        self._run_batch(ends, t0)
        return True

    def _needs_no_data_batch(self) -> bool:
        return (self.inc.stateful and self.inc.has_watermark
                and self.watermark > self.last_batch_watermark)

    last_batch_watermark = 0

    def _run_batch(self, ends: list, t0: float) -> None:
        b, starts = self.batch_id, self.committed
        t_get = time.time()
        leaves, counts = {}, []
        for (sid, _, attrs), src, s, e in zip(self.leaves, self.sources, starts, ends, strict=True):
            leaves[sid], n = src.batch(s, e, attrs)
            counts.append(n or 0)
        use_wm = self.inc.has_watermark
        ctx = BatchContext(b, self.mode, self.prev_watermark if use_wm else None,
                           self.watermark if use_wm else None)
        t_plan = time.time()
        plan = self.inc.batch_plan(leaves, ctx)
        self.last_plan = plan
        table = A.run(self.session, plan)
        t_sink = time.time()
        self.q.sink.add_batch(b, table, lambda: self._batch_df(table), self.mode)
        t_commit = time.time()
        next_wm = self._advance_watermark(ctx)
        self.cp.commits.write(b, next_wm)
        for src, e in zip(self.sources, ends, strict=True):
            src.commit(e)
        self._purge(b)
        self.committed, self.batch_id = ends, b + 1
        self.last_batch_watermark = self.watermark
        self.prev_watermark, self.watermark = self.watermark, next_wm
        times = {"getBatch": t_plan - t_get, "queryPlanning": 0.0, "addBatch": t_commit - t_plan,
                 "walCommit": t_get - t0, "commitOffsets": time.time() - t_commit,
                 "latestOffset": t_get - t0, "triggerExecution": time.time() - t0,
                 "sink": t_commit - t_sink}
        self.q._report(self._progress(b, starts, ends, counts, table, ctx, times, t0))

    def _batch_df(self, table: pa.Table) -> Any:
        attrs = A.fresh_attrs(self.out_schema)
        return A.dataframe(self.session, A.table_relation(self.session, attrs, table))

    def _advance_watermark(self, ctx: BatchContext) -> int:
        for k, v in ctx.observed.items():
            self.max_event[k] = max(v, self.max_event.get(k, v))
        cands = [self.max_event[k] // 1000 - WATERMARKS[k] for k in self.max_event
                 if k in WATERMARKS]
        return max(self.watermark, min(cands)) if cands else self.watermark

    def _purge(self, b: int) -> None:
        if b >= self.retain:
            self.cp.offsets.purge_before(b - self.retain + 1)
            self.cp.commits.purge_before(b - self.retain + 1)

    # ------------------------------------------------------------------------ progress

    def _progress(self, b: int, starts: list, ends: list, counts: list, table: pa.Table,
                  ctx: BatchContext, times: dict, t0: float) -> StreamingQueryProgress:
        total = sum(counts)
        dur = max(times["triggerExecution"], 1e-6)
        since = max(t0 - (self.q._last_trigger or t0), 1e-6) if self.q._last_trigger else None
        self.q._last_trigger = t0
        in_rate = total / since if since else 0.0
        sources = [{"description": src.description, "startOffset": s, "endOffset": e,
                    "latestOffset": e, "numInputRows": n, "inputRowsPerSecond": in_rate,
                    "processedRowsPerSecond": n / dur, "metrics": {}}
                   for src, s, e, n in zip(self.sources, starts, ends, counts, strict=True)]
        event_time = {}
        if self.inc.has_watermark:
            event_time["watermark"] = _iso(self.prev_watermark)  # the one this batch used
            if ctx.observed:
                event_time["max"] = _iso(max(ctx.observed.values()) / 1000)
        return StreamingQueryProgress(
            id=self.q.id, runId=self.q.runId, name=self.q.name, timestamp=_iso(t0 * 1000),
            batchId=b, batchDuration=int(dur * 1000), numInputRows=total,
            inputRowsPerSecond=in_rate, processedRowsPerSecond=total / dur,
            durationMs={k: int(v * 1000) for k, v in times.items() if k != "sink"},
            eventTime=event_time, stateOperators=ctx.metrics, sources=sources,
            sink={"description": self.q.sink.description, "numOutputRows": table.num_rows,
                  "metrics": {}},
            observedMetrics=A.observed_metrics(self.session, self.last_plan))


class StreamingQuery:
    """A running streaming query (PySpark's `pyspark.sql.streaming.StreamingQuery`)."""

    def __init__(self, session: Any, plan: Any, sink: Any, mode: str, trigger: Trigger,
                 checkpoint: str, name: str | None, manager: Any):
        self.session, self.sink, self.mode, self.trigger = session, sink, mode, trigger
        self._manager, self._name = manager, name
        self._cp = Checkpoint(checkpoint)
        self._id = self._cp.query_id()
        self._run_id = str(uuid.uuid4())
        self._progress: list[StreamingQueryProgress] = []
        self._last_trigger: float | None = None
        self._exception: Exception | None = None
        self._stop = threading.Event()
        self._done = threading.Event()
        self._cv = threading.Condition()
        self._idle_count = 0
        self._message = "Initializing sources"
        self._trigger_active = False
        self.exec = MicroBatchExecution(self, plan, self._cp, mode)
        self._thread = threading.Thread(target=self._loop, daemon=True,
                                        name=f"stream-execution-{name or self._id}")

    def _start(self) -> StreamingQuery:
        self._manager._register(self)
        self._manager._post("onQueryStarted", QueryStartedEvent(
            self._id, self._run_id, self._name, _iso(time.time() * 1000)))
        self._thread.start()
        return self

    # ----------------------------------------------------------------------- the loop

    def _loop(self) -> None:
        try:
            if self.trigger.kind == "availableNow":
                for s in self.exec.sources:
                    s.prepare_available_now()
            while not self._stop.is_set():
                if self._one_trigger():
                    break
        except Exception as e:  # the query stops and reports it
            self._exception = A.StreamingQueryException(
                f"Query {self._name or ''} [id = {self._id}, runId = {self._run_id}] terminated "
                f"with exception: {type(e).__name__}: {e}", "STREAM_FAILED")
            self._exception.__cause__ = e
        finally:
            self._finish()

    def _one_trigger(self) -> bool:
        """Run one trigger; True when the query is finished."""
        kind, t0 = self.trigger.kind, time.time()
        self._trigger_active, self._message = True, "Processing new data"
        ran = self.exec.run_trigger(limited=kind != "once")
        self._trigger_active = False
        if kind == "once" or (kind == "availableNow" and not ran):
            return True
        if not ran:
            self._message = "Waiting for data to arrive"
            with self._cv:
                self._idle_count += 1
                self._cv.notify_all()
            self._manager._post("onQueryIdle", QueryIdleEvent(self._id, self._run_id,
                                                              _iso(time.time() * 1000)))
        if kind == "processingTime":
            self._message = "Waiting for next trigger"
            self._stop.wait(max(0.0, t0 + self.trigger.interval_s - time.time()))
        elif not ran:
            self._stop.wait(POLL_SECONDS)
        return False

    def _finish(self) -> None:
        self._message = "Stopped"
        for s in self.exec.sources:
            s.stop()
        self._done.set()
        with self._cv:
            self._cv.notify_all()
        self._manager._finished(self)
        self._manager._post("onQueryTerminated", QueryTerminatedEvent(
            self._id, self._run_id, str(self._exception) if self._exception else None,
            getattr(self._exception, "errorClass", None) if self._exception else None))

    def _report(self, progress: StreamingQueryProgress) -> None:
        with self._cv:
            self._progress.append(progress)
            del self._progress[:-100]
        self._manager._post("onQueryProgress", QueryProgressEvent(progress))

    # ------------------------------------------------------------------- public API

    @property
    def id(self) -> str:
        return self._id

    @property
    def runId(self) -> str:
        return self._run_id

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def isActive(self) -> bool:
        return not self._done.is_set()

    @property
    def status(self) -> dict:
        return {"message": self._message, "isDataAvailable": self._trigger_active,
                "isTriggerActive": self._trigger_active}

    @property
    def recentProgress(self) -> list:
        with self._cv:
            return list(self._progress)

    @property
    def lastProgress(self) -> StreamingQueryProgress | None:
        with self._cv:
            return self._progress[-1] if self._progress else None

    def awaitTermination(self, timeout: float | None = None) -> bool | None:
        finished = self._done.wait(timeout)
        if self._exception is not None:
            raise self._exception
        return finished if timeout is not None else None

    def processAllAvailable(self) -> None:
        """Block until every source's data available now is processed (for tests)."""
        with self._cv:
            target = self._idle_count + 2
            while self._idle_count < target and not self._done.is_set():
                self._cv.wait(1.0)
        if self._exception is not None:
            raise self._exception

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join()

    def exception(self) -> Exception | None:
        return self._exception

    def explain(self, extended: bool = False) -> None:
        plan = self.exec.last_plan
        if plan is None:
            print("No physical plan. Waiting for data.")
            return
        print(A.explain_string(self.session, plan, extended))

    def __repr__(self) -> str:
        return f"<StreamingQuery id={self._id} name={self._name} active={self.isActive}>"
