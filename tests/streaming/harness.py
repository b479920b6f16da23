"""Run the same streaming query on dfengine and on PySpark, step by step.

Each step writes input files, then runs the query with Trigger.AvailableNow from the same
checkpoint (so every step is also a restart), collecting each micro-batch with foreachBatch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any


def norm(v: Any) -> Any:
    if isinstance(v, tuple):  # Row (dfengine and PySpark both subclass tuple)
        return tuple(norm(x) for x in v)
    if isinstance(v, float):
        return round(v, 9)
    return v


def write_json(directory: str, name: str, rows: list[dict]) -> None:
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".{name}.tmp")
    with open(tmp, "w") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    os.replace(tmp, os.path.join(directory, name))


def write_text(directory: str, name: str, lines: list[str]) -> None:
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".{name}.tmp")
    with open(tmp, "w") as fh:
        fh.writelines(x + "\n" for x in lines)
    os.replace(tmp, os.path.join(directory, name))


def run_steps(spark: Any, root: str, build: Callable[[Any, str], Any],
              steps: list[Callable[[str], None]], mode: str,
              writer: Callable[[Any], Any] | None = None) -> list[tuple[int, list]]:
    """[(batchId, sorted rows)] over all steps; `build(spark, src)` makes the streaming
    DataFrame, `writer(dsw)` may set more options on the DataStreamWriter."""
    src, ckpt = os.path.join(root, "src"), os.path.join(root, "ckpt")
    os.makedirs(src, exist_ok=True)
    out: list[tuple[int, list]] = []

    def collect(df: Any, batch_id: int) -> None:
        out.append((batch_id, sorted((norm(r) for r in df.collect()), key=repr)))

    for step in steps:
        step(src)
        w = (build(spark, src).writeStream.outputMode(mode).foreachBatch(collect)
             .option("checkpointLocation", ckpt).trigger(availableNow=True))
        if writer is not None:
            w = writer(w)
        q = w.start()
        q.awaitTermination()
    return out


def nonempty(batches: list[tuple[int, list]]) -> list[tuple[int, list]]:
    return [(b, rows) for b, rows in batches if rows]
