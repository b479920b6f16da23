"""`explain()`: the plan at each stage, Spark's section headers, our indented trees.

The optimized logical plan is annotated per node with the optimizer's estimates
(`rows≈ bytes≈`, from `dfengine.optimizer.statistics`); each scan line shows the columns it
reads and the filters pushed into it, and the physical scan shows how many parquet row groups
its statistics let it skip. `explain("verbose")` adds the plan after every rule that changed
it (DataFusion's EXPLAIN VERBOSE).

`explain("analyze")` (SQL `EXPLAIN ANALYZE`) runs the query and prints each physical operator
with its actual rows, output partitions, time and bytes beside the optimizer's estimate, the
way DuckDB's and Postgres' EXPLAIN ANALYZE do; a fused chain lists the rows of each step."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dfengine.ui.units import human_bytes, human_ms

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.execution.query_execution import QueryExecution
    from dfengine.plan.logical import LogicalPlan


_METHODS = {"tasks": "a task per bucket: reducer j receives only bucket j",
            "inline": "reducers index the split outputs in one process"}

_MODES = ("simple", "extended", "codegen", "cost", "formatted", "verbose", "analyze")


def _stats_note(plan: object) -> str:
    from dfengine.optimizer.statistics import estimate

    s = estimate(plan)  # type: ignore[arg-type]  # never raises: None when unknown
    if s is None:
        return ""
    return f"rows≈{_human(s.rows)} bytes≈{_human(s.bytes)}"


def _human(x: float) -> str:
    for unit, div in (("G", 1e9), ("M", 1e6), ("K", 1e3)):
        if x >= div:
            return f"{x / div:.1f}{unit}"
    return f"{x:.0f}"


def explain_string(qe: QueryExecution, mode: str = "simple",
                   parsed: LogicalPlan | None = None) -> str:
    """The text of `df.explain(mode)` and SQL `EXPLAIN [mode]`; `parsed` is the plan as the
    front end wrote it, before analysis (the analyzed plan when unknown)."""
    mode = mode.lower()
    if mode not in _MODES:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(  # a ValueError, as PySpark's
            f"Unknown explain mode: '{mode}'. Accepted explain modes are "
            f"{', '.join(repr(m) for m in _MODES)}.", "UNKNOWN_EXPLAIN_MODE")
    if mode == "analyze":
        return analyze_string(qe)
    physical = qe.physical.tree_string()
    if mode == "simple":
        return "== Physical Plan ==\n" + physical + "\n"
    analyzed = qe.analyzed
    parsed_text = (parsed or analyzed).tree_string()
    schema = ", ".join(f"{a.name}: {a.data_type.simpleString()}" for a in analyzed.output)
    optimized = qe.optimized.tree_string(_stats_note)
    if mode == "cost":
        return ("== Optimized Logical Plan ==\n" + optimized + "\n\n== Physical Plan ==\n"
                + physical + "\n")
    if mode == "formatted":
        method = qe.new_builder().shuffle_method
        adaptive, plan = _adaptive_header(qe)
        return ("== Physical Plan ==\n" + adaptive + _formatted(plan) + "\n"
                + f"Exchange method: {method} ({_METHODS[method]})\n")
    if mode == "codegen":
        return "Found 0 WholeStageCodegen subtrees.\n"
    parts = [
        "== Parsed Logical Plan ==\n" + parsed_text,
        "== Analyzed Logical Plan ==\n" + schema + "\n" + analyzed.tree_string(),
        "== Optimized Logical Plan ==\n" + optimized,
        "== Physical Plan ==\n" + physical,
    ]
    if mode == "verbose":
        trace = getattr(qe, "optimizer_trace", []) or []
        if not trace:
            parts.insert(-1, "== Optimizer trace ==\nno rule changed the plan (or the "
                         "optimizer is disabled by dfengine.optimizer.enabled=false)")
        for name, plan in trace:
            parts.insert(-1, f"== Optimized Logical Plan after {name} ==\n" + plan.tree_string())
    return "\n\n".join(parts) + "\n"


def _adaptive_header(qe: QueryExecution) -> tuple[str, Any]:
    """Spark's `AdaptiveSparkPlan isFinalPlan=...` line and the plan to print: after this
    DataFrame ran, the plan as it ran with its run-time decisions; before, the planned one."""
    from dfengine.execution import adaptive

    if qe.stage_runner() is None or not adaptive.adaptive_joins(qe.physical):
        return "", qe.physical
    final = adaptive.final_plan(qe.analyzed)
    if final is None:
        return ("AdaptiveSparkPlan isFinalPlan=false (joins decide broadcast, coalescing "
                "and skew splits when the query runs)\n"), qe.physical
    notes = "".join(f"  {line}\n" for line in adaptive.decisions(final))
    return f"AdaptiveSparkPlan isFinalPlan=true\n{notes}", final


def _formatted(physical: object) -> str:
    """PySpark's formatted mode: the tree with a number per operator, then per operator its
    full description and output columns."""
    nodes: list = []
    tree: list[str] = []

    def walk(n: object, depth: int) -> None:
        nodes.append(n)
        m = re.match(r"[A-Za-z]+", n.node_string())  # type: ignore[attr-defined]
        label = m.group(0) if m else type(n).__name__
        tree.append("  " * depth + f"{label} ({len(nodes)})")
        for c in getattr(n, "children", ()):
            walk(c, depth + 1)

    walk(physical, 0)
    details = []
    for i, n in enumerate(nodes, 1):
        out = ", ".join(a.name for a in n.output)
        details.append(f"({i}) {n.node_string()}\nOutput [{len(n.output)}]: [{out}]\n")
    return "\n".join(tree) + "\n\n\n" + "\n".join(details)


def _metrics_note(m: Any) -> str:
    est = m.estimated_rows
    parts = [f"rows={m.rows}" + (f" (est≈{_human(est)})" if est is not None else ""),
             f"partitions={m.partitions}", f"time={human_ms(m.seconds)}",
             f"bytes={human_bytes(m.bytes)}" if m.materialized else "bytes=n/a (chained)"]
    if m.shuffle_bytes:
        parts.append(f"shuffle write={human_bytes(m.shuffle_bytes)}")
    return "  [" + ", ".join(parts) + "]"


def analyze_string(qe: QueryExecution) -> str:
    """Run the query with per-operator metrics and print the plan annotated with them."""
    import time

    from dfengine.execution.metrics import operator_metrics

    t0 = time.perf_counter()
    parts = qe.partitions("explain analyze")
    wall = time.perf_counter() - t0
    ops = getattr(qe, "metrics", None)
    if ops is None:  # metrics turned off: only what the run itself tells
        ops = operator_metrics(qe.physical, [], getattr(qe, "origins", None))
    rows = sum(p.num_rows for p in parts)
    lines = [f"== Physical Plan (analyzed: {rows} rows in {len(parts)} partitions, "
             f"{human_ms(wall)} wall) =="]
    from dfengine.execution.adaptive import decisions

    notes = decisions(qe.physical)
    if notes:
        lines += ["AdaptiveSparkPlan isFinalPlan=true"] + [f"  {n}" for n in notes]
    for m in ops:
        pad = "  " * m.depth
        lines.append(pad + m.name + _metrics_note(m))
        if len(m.steps) > 1:
            for st in m.steps:
                lines.append(f"{pad}    step {st['label']}: rows={st['rows']}, "
                             f"time={human_ms(st['seconds'])}, "
                             f"bytes={human_bytes(st['bytes'])}")
    return "\n".join(lines) + "\n"
