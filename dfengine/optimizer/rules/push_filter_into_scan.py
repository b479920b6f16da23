"""push_filter_into_scan: hand a filter directly above a file scan to the scan.

    Filter: (l_shipdate <= DATE '1998-09-02')      =>   Scan parquet lineitem
      Scan parquet lineitem                                pushed=[(l_shipdate <= DATE '1998-09-02')]

The scan applies its pushed filters to every piece as it reads it (so nothing unfiltered leaves
the read task) and skips parquet row groups whose min/max statistics prove no row can pass
(`dfengine.datasource.pruning`). Since the scan evaluates every pushed filter exactly, the
Filter above is removed. Non-deterministic filters stay above.
"""

from __future__ import annotations

import dataclasses

from dfengine.optimizer.expr_utils import deterministic, output_ids, ref_ids
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def push_filter_into_scan(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(f: L.LogicalPlan) -> L.LogicalPlan | None:
        if not (isinstance(f, L.Filter) and isinstance(f.child, L.FileScan)):
            return None
        scan = f.child
        ids = output_ids(scan)
        push, stay = [], []
        for c in E.split_conjuncts(f.condition):
            (push if deterministic(c) and ref_ids(c) <= ids else stay).append(c)
        push = [c for c in push if c not in scan.pushed_filters]
        if not push and len(stay) == len(E.split_conjuncts(f.condition)):
            return None
        new = dataclasses.replace(scan, pushed_filters=scan.pushed_filters + tuple(push))
        rest = E.conjoin(stay)
        return new if rest is None else L.Filter(rest, new)

    return plan.transform_up(fn)
