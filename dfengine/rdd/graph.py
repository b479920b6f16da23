"""Lowering RDD lineage to one low-level Dask graph per action.

Every RDD contributes one task expression per partition: a key of a task in the graph, an inline
task tuple (sources, concatenations: evaluated inside the consuming task), or a future (a cached
partition). A `GraphBuilder` memoises RDDs so a lineage used twice in one job is computed once,
materialises persisted RDDs under keys the context keeps futures for, and culls the graph to what
the requested partitions need.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from dask._task_spec import GraphNode

from dfengine.rdd import tasks

if TYPE_CHECKING:
    from dfengine.rdd.rdd import RDD


class GraphBuilder:
    """Collects the tasks of one job."""

    def __init__(self, ctx: Any):
        self.ctx = ctx
        self.token = uuid.uuid4().hex[:8]
        self.graph: dict = {}
        self.pipeline_keys: list = []
        self.pipeline_key_set: set = set()
        self.cache_keys: dict[int, dict[int, tuple]] = {}
        self.in_process = ctx._runtime.is_local
        self._memo: dict[int, list] = {}

    def name(self, rdd: RDD, label: str | None = None) -> str:
        return f"{label or rdd._op}-{self.token}{rdd._id:x}"

    def exprs(self, rdd: RDD) -> list:
        """One task expression per partition of `rdd`."""
        got = self._memo.get(rdd._id)
        if got is not None:
            return got
        out = self._cached_exprs(rdd) if rdd._keeps_partitions else rdd._lower(self)
        self._memo[rdd._id] = out
        return out

    def _cached_exprs(self, rdd: RDD) -> list:
        held = self.ctx._cached_partitions(rdd._id)
        n = rdd.getNumPartitions()
        if len(held) == n:
            return [held[i] for i in range(n)]
        lowered = rdd._lower(self)
        name = self.name(rdd, f"{rdd._op}-cached")
        out = []
        wanted = {}
        for i, expr in enumerate(lowered):
            if i in held:
                out.append(held[i])
            else:
                key = (name, i)
                self.graph[key] = expr if _is_key(expr, self.pipeline_key_set) else (tasks.as_chunk, expr)
                wanted[i] = key
                out.append(key)
        self.cache_keys[rdd._id] = wanted
        return out

    def add_pipeline(self, rdd: RDD, spec: Any, inputs: list) -> list:
        """Keyed tasks running a fused pipeline over each input partition."""
        name = self.name(rdd)
        opaque = tasks.Opaque(spec)
        keys = []
        for i, inp in enumerate(inputs):
            key = (name, i)
            self.graph[key] = (tasks.run_pipeline, opaque, i, inp)
            self.pipeline_keys.append(key)
            self.pipeline_key_set.add(key)
            keys.append(key)
        return keys

    def needed(self, keys: list) -> set:
        """Keys of the graph the given expressions depend on (themselves included)."""
        graph = self.graph
        seen: set = set()
        stack = list(keys)
        while stack:
            t = stack.pop()
            tt = type(t)
            if tt is tuple:
                if t and callable(t[0]):
                    stack.extend(t[1:])
                elif _is_key(t, graph) and t not in seen:
                    seen.add(t)
                    stack.append(graph[t])
            elif tt is list:
                stack.extend(t)
            elif tt is str and t in graph and t not in seen:
                seen.add(t)
                stack.append(graph[t])
            elif isinstance(t, GraphNode):
                for dep in t.dependencies:
                    if dep in graph and dep not in seen:
                        seen.add(dep)
                        stack.append(graph[dep])
        return seen


def _is_key(t: tuple, graph: dict) -> bool:
    try:
        return t in graph
    except TypeError:
        return False
