"""Size estimates (rows, bytes) for logical plans, from source metadata up through operators.
They drive broadcast-vs-shuffle join choice."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from dfengine.plan import logical as L


@dataclass(frozen=True)
class Stats:
    rows: float
    bytes: float


def _row_width(plan: L.LogicalPlan) -> float:
    from dfengine.sql import types as T

    width = 0.0
    for a in plan.output:
        t = a.data_type
        width += 20.0 if isinstance(t, (T.StringType, T.BinaryType)) else 8.0
    return max(width, 1.0)


def estimate(plan: L.LogicalPlan) -> Stats | None:
    """Estimated size of the plan's result, or None when unknown."""
    if isinstance(plan, L.LocalRelation):
        return Stats(plan.data.num_rows, plan.data.nbytes)
    if isinstance(plan, L.RangeRelation):
        n = max(0, (plan.end - plan.start) // (plan.step or 1))
        return Stats(n, n * 8)
    if isinstance(plan, L.FileScan):
        files = plan.files or []
        total = sum(os.path.getsize(f.path) for f in files if os.path.exists(f.path))
        frac = len(plan.output) / max(len(plan.attrs), 1)
        return Stats(total / 100.0, total * frac * 3)
    if isinstance(plan, L.Filter):
        s = estimate(plan.child)
        return None if s is None else Stats(s.rows * 0.5, s.bytes * 0.5)
    if isinstance(plan, (L.Project, L.SubqueryAlias, L.Sort, L.Window, L.MapPartitions)):
        return estimate(plan.children[0])
    if isinstance(plan, L.Limit):
        s = estimate(plan.child)
        w = _row_width(plan)
        return Stats(plan.n, plan.n * w) if s is None else Stats(min(s.rows, plan.n),
                                                                 min(s.bytes, plan.n * w))
    if isinstance(plan, (L.Aggregate, L.Distinct, L.Deduplicate)):
        return estimate(plan.children[0])
    if isinstance(plan, L.Join):
        ls, rs = estimate(plan.left), estimate(plan.right)
        if ls is None or rs is None:
            return None
        if plan.how in ("left_semi", "left_anti"):
            return ls
        return Stats(max(ls.rows, rs.rows), ls.bytes + rs.bytes)
    if isinstance(plan, L.Union):
        parts = [estimate(c) for c in plan.inputs]
        if any(p is None for p in parts):
            return None
        return Stats(sum(p.rows for p in parts), sum(p.bytes for p in parts))
    kids: list[Any] = list(plan.children)
    if len(kids) == 1:
        return estimate(kids[0])
    return None
