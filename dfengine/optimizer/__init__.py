"""The rule-based optimizer: `optimize(plan, conf)` rewrites an analyzed logical plan into an
equivalent cheaper one.

Rules live in `dfengine.optimizer.rules`, one module per rule, each a pure function
`plan -> plan` named as it appears in `explain("verbose")` and in
`dfengine.optimizer.excludedRules`. Their order is in `batches.py`; the driver is `driver.py`.
"""

from __future__ import annotations

from typing import Any


def optimize(plan: Any, conf: Any = None, trace: list | None = None) -> Any:
    """The optimized plan; `trace` (if given) receives `(rule name, plan)` per change."""
    from dfengine.optimizer.batches import BATCHES
    from dfengine.optimizer.driver import excluded_rules, execute
    from dfengine.optimizer.statistics import forget_estimates

    try:
        return execute(plan, BATCHES, excluded_rules(conf), trace)
    finally:
        forget_estimates()
