"""The rule-based optimizer: `optimize(plan, conf)` rewrites an analyzed logical plan into an
equivalent cheaper one. Rules live in `dfengine.optimizer.rules`, one module per rule."""

from __future__ import annotations

from typing import Any


def optimize(plan: Any, conf: Any = None, trace: list | None = None) -> Any:
    """Return the optimized plan (no rules yet: the identity)."""
    return plan
