"""Caching: `df.cache()` registers the DataFrame's plan; the first action computes its
partitions and keeps them on the workers as futures; later queries whose plans contain the
same subtree read those partitions instead (Spark's CacheManager). A worker lost with cached
partitions recomputes them from lineage, because the futures keep their task graph."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from dfengine.plan import logical as L
from dfengine.storagelevel import StorageLevel


@dataclass
class CacheEntry:
    plan: L.LogicalPlan
    session: Any
    level: Any
    _futures: list | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def futures(self) -> list:
        with self._lock:
            if self._futures is None:
                from dfengine.execution.query_execution import QueryExecution

                qe = QueryExecution(self.session, self.plan)
                qe._skip_cache = self.plan  # type: ignore[attr-defined]
                graph, keys = qe.graph()
                self._futures = self.session._runtime.client.get(graph, keys, sync=False)
            return self._futures

    def release(self) -> None:
        with self._lock:
            if self._futures is not None:
                for f in self._futures:
                    f.release()
                self._futures = None


class CacheManager:
    def __init__(self, session: Any):
        self.session = session
        self.entries: list[CacheEntry] = []

    def cache(self, plan: L.LogicalPlan, level: Any = None) -> None:
        if self.lookup(plan) is None:
            self.entries.append(CacheEntry(plan, self.session,
                                           level or StorageLevel.MEMORY_AND_DISK_DESER))

    def lookup(self, plan: L.LogicalPlan) -> CacheEntry | None:
        for e in self.entries:
            if e.plan == plan:
                return e
        return None

    def uncache(self, plan: L.LogicalPlan) -> None:
        e = self.lookup(plan)
        if e is not None:
            e.release()
            self.entries.remove(e)

    def clear(self) -> None:
        for e in self.entries:
            e.release()
        self.entries.clear()

    def use_cached_data(self, plan: L.LogicalPlan, skip: L.LogicalPlan | None = None) -> L.LogicalPlan:
        if not self.entries:
            return plan

        def swap(node: L.LogicalPlan) -> L.LogicalPlan | None:
            for e in self.entries:
                if e.plan is not skip and e.plan == node:
                    return L.CachedRelation(tuple(node.output), L.new_source_id(), e)
            return None

        return plan.transform_down(swap)
