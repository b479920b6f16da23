"""`toDebugString`: the lineage tree printed as Spark prints it.

    (2) PythonRDD[4] at collect at wc.py:9 []
     |  ShuffledRDD[3] at reduceByKey at wc.py:8 []
     +-(2) PythonRDD[2] at reduceByKey at wc.py:8 []
        |  MapPartitionsRDD[1] at textFile at wc.py:7 []

Each line is a node with its partition count where a new stage starts; `+-` marks a shuffle
boundary (a new stage below it), `|` a narrow dependency in the same stage, and persisted RDDs
show their storage level (with `CachedPartitions: n` once computed).
"""

from __future__ import annotations

from typing import Any


def _label(rdd: Any) -> str:
    storage = ""
    if rdd.is_cached:
        held = len(rdd.ctx._cached_partitions(rdd._id))
        storage = f"{rdd.getStorageLevel()}"
        if held:
            storage = f"CachedPartitions: {held}; MemorySize: unknown; DiskSize: 0.0 B"
    return f"{rdd._where()} [{storage}]"


def debug_string(rdd: Any) -> str:
    lines: list[str] = []
    _walk(rdd, "", True, lines)
    return "\n".join(lines)


def _walk(rdd: Any, prefix: str, stage_start: bool, lines: list[str]) -> None:
    n = rdd.getNumPartitions()
    if stage_start:
        lines.append(f"{prefix}({n}) {_label(rdd)}")
    else:
        lines.append(f"{prefix} |  {_label(rdd)}")
    deps = rdd._dependencies()
    for parent, is_shuffle in deps:
        if is_shuffle:
            pn = parent.getNumPartitions()
            lines.append(f"{prefix} +-({pn}) {_label(parent)}")
            _walk_children(parent, prefix + "   ", lines)
        elif len(deps) > 1:
            lines.append(f"{prefix} |  {_label(parent)}")
            _walk_children(parent, prefix, lines)
        else:
            _walk(parent, prefix, False, lines)


def _walk_children(rdd: Any, prefix: str, lines: list[str]) -> None:
    for parent, is_shuffle in rdd._dependencies():
        if is_shuffle:
            pn = parent.getNumPartitions()
            lines.append(f"{prefix} +-({pn}) {_label(parent)}")
            _walk_children(parent, prefix + "   ", lines)
        else:
            _walk(parent, prefix, False, lines)
