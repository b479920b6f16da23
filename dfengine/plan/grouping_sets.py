"""GROUPING SETS, ROLLUP and CUBE (`df.rollup(...)`, `df.cube(...)`, and SQL's
`GROUP BY ROLLUP (...)`, `CUBE (...)`, `GROUPING SETS (...)`, `... WITH ROLLUP`).

One aggregation per grouping set, unioned: in the branch of a set, the grouping columns outside
the set read as NULL (outside aggregate functions only: `sum(a)` still sums `a`),
`grouping(col)` is 1 when `col` is rolled up there, and `grouping_id()` is the bit vector of
the rolled-up columns, the first column the most significant bit -- Spark's values. A NULL
that is data stays a group of its own: it comes from a different branch than a rolled-up one.
"""

from __future__ import annotations

import itertools
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def rollup_sets(n: int) -> list[tuple[int, ...]]:
    """(0..n-1), (0..n-2), ..., ()."""
    return [tuple(range(k)) for k in range(n, -1, -1)]


def cube_sets(n: int) -> list[tuple[int, ...]]:
    """Every subset, the full set first."""
    return [s for k in range(n, -1, -1) for s in itertools.combinations(range(n), k)]


def grouping_sets_plan(child: L.LogicalPlan, grouping: list[E.Expression],
                       sets: list[tuple[int, ...]], items: list[E.Expression],
                       analyzer: Any) -> L.LogicalPlan:
    """The union of one Aggregate per set (indices into `grouping`) computing `items`."""
    inputs = child.output
    keys = [analyzer.resolve_expression(g, inputs) for g in grouping]
    resolved = [analyzer.resolve_expression(i, inputs) for i in items]
    names = [E.output_name(i) for i in resolved]
    branches = []
    for s in sets:
        gid = sum(1 << (len(keys) - 1 - i) for i in range(len(keys)) if i not in s)

        def replace(x: E.Expression, s: tuple[int, ...] = s, gid: int = gid) -> Any:
            if isinstance(x, E.ScalarFunction) and x.name in ("grouping", "grouping_id"):
                return _grouping_value(x, keys, s, gid)
            for i, k in enumerate(keys):
                if i not in s and x == k:
                    return E.Literal(None, k.data_type)
            return None

        outs = []
        for item, name in zip(resolved, names):
            new = _substitute(item, replace)
            if new is not item:
                new = E.Alias(_strip_alias(new), name)
            outs.append(new)
        agg = L.Aggregate(tuple(keys[i] for i in s), tuple(outs), child)
        branches.append(analyzer.run(agg))
    if len(branches) == 1:
        return branches[0]
    return L.Union(tuple(branches))


def _grouping_value(x: E.ScalarFunction, keys: list[E.Expression], s: tuple[int, ...],
                    gid: int) -> E.Expression:
    if x.name == "grouping_id" and not x.args:
        return E.Literal(gid, T.LongType())
    bits = 0
    for a in x.args:
        idx = next((i for i, k in enumerate(keys) if k == a), None)
        if idx is None:
            raise AnalysisException(f"{x.name}() takes grouping columns; {a.sql()} is not one.",
                                    "GROUPING_COLUMN_MISMATCH")
        bits = (bits << 1) | (0 if idx in s else 1)
    if x.name == "grouping":
        return E.Literal(bits, T.ByteType())
    return E.Literal(bits, T.LongType())


def _substitute(e: E.Expression, fn: Any) -> E.Expression:
    """Rewrite with `fn` top-down, leaving the arguments of aggregate functions alone."""
    out = fn(e)
    if out is not None:
        return out
    if isinstance(e, E.AggregateFunction):
        return e
    new = e.map_children(lambda c: _substitute(c, fn))
    return new


def _strip_alias(e: E.Expression) -> E.Expression:
    return e.child if isinstance(e, E.Alias) else e
