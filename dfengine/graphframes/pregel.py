"""A Pregel-style bulk-synchronous message-passing builder (graphframes.lib.Pregel).

Each iteration joins the vertex state into triplets (`src`, `edge`, `dst` structs), sends the
messages of `sendMsgToDst` / `sendMsgToSrc` (NULL messages are dropped), aggregates them per
receiving vertex with `aggMsgs` (the column `Pregel.msg()`), and updates every additional
vertex column with its expression (the message is NULL for a vertex that received none). The
vertex state is checkpointed (`localCheckpoint`) every `checkpointInterval` iterations so long
runs keep a short plan.
"""

from __future__ import annotations

from typing import Any

from dfengine.sql import Column
from dfengine.sql import functions as F

MSG_COL = "_pregel_msg_"
ACTIVE_COL = "_pregel_active_"


class Pregel:
    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self._max_iter = 10
        self._checkpoint_interval = 2
        self._early_stopping = False
        self._columns: list[tuple[str, Column, Column]] = []
        self._to_src: list[Column] = []
        self._to_dst: list[Column] = []
        self._agg: Column | None = None
        self._active: tuple[Column, Column] | None = None
        self._stop_if_inactive = False
        self._skip_inactive = False

    def setMaxIter(self, value: int) -> Pregel:
        self._max_iter = int(value)
        return self

    def setCheckpointInterval(self, value: int) -> Pregel:
        self._checkpoint_interval = int(value)
        return self

    def setEarlyStopping(self, value: bool) -> Pregel:
        self._early_stopping = bool(value)
        return self

    def withVertexColumn(self, colName: str, initialExpr: Column,
                         updateAfterAggMsgsExpr: Column) -> Pregel:
        if colName in self.graph.vertices.columns:
            raise ValueError(f"Pregel vertex column {colName!r} already exists in the vertices; "
                             "choose a new name.")
        self._columns.append((colName, initialExpr, updateAfterAggMsgsExpr))
        return self

    def sendMsgToSrc(self, msgExpr: Column) -> Pregel:
        self._to_src.append(msgExpr)
        return self

    def sendMsgToDst(self, msgExpr: Column) -> Pregel:
        self._to_dst.append(msgExpr)
        return self

    def aggMsgs(self, aggExpr: Column) -> Pregel:
        self._agg = aggExpr
        return self

    def setInitialActiveVertexExpression(self, value: Column) -> Pregel:
        self._active = (value, self._active[1] if self._active else F.lit(True))
        return self

    def setUpdateActiveVertexExpression(self, value: Column) -> Pregel:
        self._active = (self._active[0] if self._active else F.lit(True), value)
        return self

    def setStopIfAllNonActiveVertices(self, value: bool) -> Pregel:
        self._stop_if_inactive = bool(value)
        return self

    def setSkipMessagesFromNonActiveVertices(self, value: bool) -> Pregel:
        self._skip_inactive = bool(value)
        return self

    def setUseLocalCheckpoints(self, value: bool) -> Pregel:
        return self  # checkpoints are always local (futures on the workers)

    def setIntermediateStorageLevel(self, storage_level: Any) -> Pregel:
        return self

    @staticmethod
    def msg() -> Column:
        return F.col(MSG_COL)

    @staticmethod
    def src(colName: str) -> Column:
        return F.col("src." + colName)

    @staticmethod
    def dst(colName: str) -> Column:
        return F.col("dst." + colName)

    @staticmethod
    def edge(colName: str) -> Column:
        return F.col("edge." + colName)

    # ------------------------------------------------------------------------- run

    def _messages(self, v: Any, e: Any) -> Any:
        struct = F.struct(*[F.col(c) for c in v.columns])
        src = v.select(F.col("id").alias("__s"), struct.alias("src"))
        dst = v.select(F.col("id").alias("__d"), struct.alias("dst"))
        trip = e.join(src, "__s").join(dst, "__d")
        if self._skip_inactive and self._active:
            trip = trip.filter(F.col(f"src.{ACTIVE_COL}"))
        parts = [trip.select(F.col(key).alias("id"), m.alias(MSG_COL))
                 for key, ms in (("__s", self._to_src), ("__d", self._to_dst)) for m in ms]
        msgs = parts[0]
        for p in parts[1:]:
            msgs = msgs.union(p)
        # NULL messages need no filter: aggregates skip NULLs, and a vertex whose messages
        # were all NULL gets a NULL aggregate, as one that received none. (A filter here would
        # be pushed below the triplet join and evaluate the message on every vertex, where a
        # division can fail under ANSI mode.)
        return msgs

    def run(self) -> Any:
        if self._agg is None or not (self._to_src or self._to_dst):
            raise ValueError("Pregel needs aggMsgs(...) and at least one sendMsgToSrc/Dst(...) "
                             "before run().")
        g = self.graph
        base = list(g.vertices.columns)
        inits = [i.alias(c) for c, i, _ in self._columns]
        if self._active:
            inits.append(self._active[0].alias(ACTIVE_COL))
        v = g.vertices.select(*base, *inits).localCheckpoint()
        e = g.edges.select(F.col("src").alias("__s"), F.col("dst").alias("__d"),
                           F.struct(*[F.col(c) for c in g.edges.columns]).alias("edge"))
        for it in range(self._max_iter):
            agg = self._messages(v, e).groupBy("id").agg(self._agg.alias(MSG_COL))
            if self._early_stopping:
                agg = agg.localCheckpoint()
                if agg.filter(F.col(MSG_COL).isNotNull()).isEmpty():
                    break
            joined = v.join(agg, "id", "left")
            updates = [u.alias(c) for c, _, u in self._columns]
            if self._active:
                updates.append(self._active[1].alias(ACTIVE_COL))
            v = joined.select(*base, *updates)
            ci = self._checkpoint_interval
            if ci > 0 and (it + 1) % ci == 0:
                v = v.localCheckpoint()
            if self._stop_if_inactive and v.filter(F.col(ACTIVE_COL)).isEmpty():
                break
        return v
