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
join's, measured or not: with operator metrics on (the default) each stage carries its join's
meter and records its own rows and time, so explain analyze still reports every join; the
last join's time (measured around the whole task by its `OpCall`) is credited back the inner
stages' time, so that each join's time stays exclusive.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.execution.operators.join import JoinIndex
from dfengine.types.arrow import int64_array


@dataclass(frozen=True)
class Stage:
    """One join of a chain: the probe-side key columns (output names of the chain so far),
    the columns the chain keeps after it, and the join's meter (run, operator) when its
    operator is measured."""

    probe_keys: tuple[str, ...]
    out_keys: tuple[str, ...]
    meter: tuple[str, int] | None = None


def chain_join(stages: tuple[Stage, ...], probe: pa.Table, *indexes: JoinIndex) -> pa.Table:
    """The chain's output for one probe partition; `indexes[i]` is stage i's build side."""
    sources: list[pa.Table] = [probe]
    rows: list[np.ndarray | None] = [None]  # None: every row of the source, in order
    where = {name: 0 for name in probe.column_names}
    n = probe.num_rows
    inner_seconds = 0.0
    for stage, index in zip(stages[:-1], indexes):
        t0 = time.perf_counter()
        n = _step(stage, index, sources, rows, where, n)
        if stage.meter is not None:
            seconds = time.perf_counter() - t0
            inner_seconds += seconds
            _record(stage.meter, "chained", n, seconds)
    n = _step(stages[-1], indexes[-1], sources, rows, where, n)
    if stages[-1].meter is not None and inner_seconds:
        _record(stages[-1].meter, "credit", None, -inner_seconds)
    out = stages[-1].out_keys
    return pa.Table.from_arrays([_gather(sources[where[k]], rows[where[k]], k) for k in out],
                                names=list(out))


def _step(stage: Stage, index: JoinIndex, sources: list[pa.Table],
          rows: list[np.ndarray | None], where: dict[str, int], n: int) -> int:
    """Join the chain so far with one build side (in place); returns the rows after it."""
    if n and index.table.num_rows:
        keys = pa.table({k: _gather(sources[where[k]], rows[where[k]], k)
                         for k in stage.probe_keys})
        pi, bi = index.pairs(keys, list(stage.probe_keys))
    else:
        pi, bi = np.zeros(0, np.int64), np.zeros(0, np.int64)
    rows[:] = [np.asarray(pi, np.int64) if r is None else r[pi] for r in rows]
    sources.append(index.table)
    rows.append(np.asarray(bi, np.int64))
    for name in index.table.column_names:
        where[name] = len(sources) - 1
    return len(pi)


def _record(meter: tuple[str, int], kind: str, rows: int | None, seconds: float) -> None:
    from dfengine.execution.metrics import record

    record(meter, kind, rows, seconds)


def chained(task: Any, probe_keys: tuple[str, ...], out_keys: tuple[str, ...],
            index: Any, meter: tuple[str, int] | None = None) -> Any:
    """The task of an inner join (probe keys, output, the build side's index task; `meter`
    when the join is measured) over a probe task: one `chain_join` task when the probe task
    is itself such a join (a `join_step` or a chain, measured or not), else None."""
    from dfengine.execution.metrics import OpCall
    from dfengine.execution.physical import join_step

    if not (isinstance(task, tuple) and task):
        return None
    head, inner_meter = task[0], None
    if isinstance(head, OpCall):  # the probe join is measured: its stage records itself
        if head.kind != "out":
            return None
        head, inner_meter = head.fn, (head.run, head.op)
    if not isinstance(head, partial):
        return None
    last = Stage(probe_keys, out_keys, meter)
    if head.func is chain_join:
        stages = head.args[0]
        if inner_meter is not None:
            stages = stages[:-1] + (replace(stages[-1], meter=inner_meter),)
        return (partial(chain_join, stages + (last,)), *task[1:], index)
    if head.func is not join_step or len(task) != 3:
        return None
    lkeys, rkeys, how, residual, inner_out, build_left = head.args
    if how != "inner" or residual is not None or not lkeys:
        return None
    inner = Stage(tuple(rkeys if build_left else lkeys), tuple(inner_out), inner_meter)
    return (partial(chain_join, (inner, last)), task[1], task[2], index)


def _gather(table: pa.Table, rows: np.ndarray | None, name: str) -> Any:
    col = table.column(name)
    if rows is None:
        return col
    return col.take(int64_array(rows))
