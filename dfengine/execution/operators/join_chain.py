"""Chains of broadcast inner joins over one probe partition, gathered once at the end.

A left-deep chain of broadcast joins (TPC-H Q5: lineitem with supplier, then orders, then
customer; Q9 five of them) ran each join on the previous one's output: every join gathered
every column still needed above it for its matched rows, so a payload column read from the
probe partition (l_extendedprice) was copied once per join. Here each join of the chain only
extends a list of row numbers, one array per source table (the probe partition and each
build side): a join gathers just its probe key columns, finds its pairs in the prebuilt
index, and narrows the others' row numbers to the matched ones. The output columns are then
gathered once, each from the table it lives in (late materialization).

Only inner joins with equality keys and no residual are chained, each building on an index
(`JoinIndex`); the rows come out in the order the joins one by one would give them (by probe
row, then build row). `HashJoinExec.lower_broadcast` fuses a join whose probe task is another
join's; explain analyze keeps the joins apart, so that each reports its own rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.execution.operators.join import JoinIndex
from dfengine.types.arrow import int64_array


@dataclass(frozen=True)
class Stage:
    """One join of a chain: the probe-side key columns (output names of the chain so far)
    and the columns the chain keeps after it."""

    probe_keys: tuple[str, ...]
    out_keys: tuple[str, ...]


def chain_join(stages: tuple[Stage, ...], probe: pa.Table, *indexes: JoinIndex) -> pa.Table:
    """The chain's output for one probe partition; `indexes[i]` is stage i's build side."""
    sources: list[pa.Table] = [probe]
    rows: list[np.ndarray | None] = [None]  # None: every row of the source, in order
    where = {name: 0 for name in probe.column_names}
    n = probe.num_rows
    for stage, index in zip(stages, indexes):
        if n and index.table.num_rows:
            keys = pa.table({k: _gather(sources[where[k]], rows[where[k]], k)
                             for k in stage.probe_keys})
            pi, bi = index.pairs(keys, list(stage.probe_keys))
        else:
            pi, bi = np.zeros(0, np.int64), np.zeros(0, np.int64)
        rows = [np.asarray(pi, np.int64) if r is None else r[pi] for r in rows]
        sources.append(index.table)
        rows.append(np.asarray(bi, np.int64))
        for name in index.table.column_names:
            where[name] = len(sources) - 1
        n = len(pi)
    out = stages[-1].out_keys
    return pa.Table.from_arrays([_gather(sources[where[k]], rows[where[k]], k) for k in out],
                                names=list(out))


def chained(task: Any, probe_keys: tuple[str, ...], out_keys: tuple[str, ...],
            index: Any) -> Any:
    """The task of an inner join (probe keys, output, the build side's index task) over a
    probe task: one `chain_join` task when the probe task is itself such a join (a
    `join_step` or a chain), else None."""
    from dfengine.execution.physical import join_step

    if not (isinstance(task, tuple) and task and isinstance(task[0], partial)):
        return None
    head = task[0]
    if head.func is chain_join:
        return (partial(chain_join, head.args[0] + (Stage(probe_keys, out_keys),)),
                *task[1:], index)
    if head.func is not join_step or len(task) != 3:
        return None
    lkeys, rkeys, how, residual, inner_out, build_left = head.args
    if how != "inner" or residual is not None or not lkeys:
        return None
    inner = Stage(tuple(rkeys if build_left else lkeys), tuple(inner_out))
    return (partial(chain_join, (inner, Stage(probe_keys, out_keys))), task[1], task[2], index)


def _gather(table: pa.Table, rows: np.ndarray | None, name: str) -> Any:
    col = table.column(name)
    if rows is None:
        return col
    return col.take(int64_array(rows))
