"""The rule executor: runs ordered batches of rules, each batch once or to a fixed point.

It is strict on purpose (Catalyst's RuleExecutor, DataFusion's optimizer): a fixed-point batch
has an iteration cap and reports when it did not converge; after every rule the plan's output
attributes (id, name, type) must be unchanged; a rule that raises is reported by name. Rules
listed in `dfengine.optimizer.excludedRules` (or Spark's `spark.sql.optimizer.excludedRules`)
are skipped, so benchmarks can measure what each rule buys.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dfengine.errors import PySparkException, SparkRuntimeException
from dfengine.plan import logical as L

Rule = Callable[[L.LogicalPlan], L.LogicalPlan]
log = logging.getLogger("dfengine.optimizer")

EXCLUDED_KEYS = ("dfengine.optimizer.excludedRules", "spark.sql.optimizer.excludedRules")


@dataclass(frozen=True)
class Batch:
    """Rules applied in order; `max_iterations == 1` means once, more means to a fixed point."""

    name: str
    max_iterations: int
    rules: tuple[Rule, ...]


def rule_name(rule: Rule) -> str:
    return getattr(rule, "rule_name", None) or rule.__name__


def excluded_rules(conf: Any) -> set[str]:
    out: set[str] = set()
    if conf is None:
        return out
    for key in EXCLUDED_KEYS:
        try:
            value = conf.get(key, "")
        except Exception:  # noqa: BLE001 - a conf without defaults
            value = ""
        out |= {s.strip() for s in str(value or "").split(",") if s.strip()}
    return out


def _signature(plan: L.LogicalPlan) -> list[tuple[int, str, str]]:
    return [(a.expr_id, a.name, a.data_type.simpleString()) for a in plan.output]


def apply_rule(rule: Rule, plan: L.LogicalPlan) -> L.LogicalPlan:
    """Run one rule, wrapping its failures and checking it kept the output schema."""
    name = rule_name(rule)
    try:
        out = rule(plan)
    except PySparkException:
        raise
    except Exception as e:
        raise SparkRuntimeException(
            f"optimizer rule '{name}' failed: {type(e).__name__}: {e}. Work around it with "
            f"spark.conf.set('dfengine.optimizer.excludedRules', '{name}') and report the bug.",
            "INTERNAL_ERROR") from e
    if out is not plan and _signature(out) != _signature(plan):
        raise SparkRuntimeException(
            f"optimizer rule '{name}' changed the output of the plan from {_signature(plan)} "
            f"to {_signature(out)}. Exclude it with dfengine.optimizer.excludedRules='{name}' "
            "and report the bug.", "INTERNAL_ERROR")
    return out


def execute(plan: L.LogicalPlan, batches: tuple[Batch, ...], excluded: set[str] = frozenset(),
            trace: list | None = None) -> L.LogicalPlan:
    """Run `batches` over `plan`; append `(rule name, plan)` to `trace` after each change."""
    for batch in batches:
        rules = [r for r in batch.rules if rule_name(r) not in excluded]
        if not rules:
            continue
        for iteration in range(1, batch.max_iterations + 1):
            before = plan
            for rule in rules:
                new = apply_rule(rule, plan)
                if new != plan:
                    if trace is not None:
                        trace.append((rule_name(rule), new))
                    plan = new
            if plan == before:
                break
            if batch.max_iterations > 1 and iteration == batch.max_iterations:
                log.warning("rule batch '%s' did not converge after %d iterations; keeping "
                            "the last plan", batch.name, iteration)
                if trace is not None:
                    note = f"{batch.name} (did not converge after {iteration} iterations)"
                    trace.append((note, plan))
    return plan
