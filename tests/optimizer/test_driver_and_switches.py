"""The driver's strictness (iteration cap, output check, error wrapping), the conf switches
(also on existing DataFrames) and explain's optimizer sections."""

from __future__ import annotations

import logging

import pytest

from dfengine.errors import IllegalArgumentException, SparkRuntimeException
from dfengine.optimizer.driver import Batch, execute
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.sql import functions as F


def flip(plan):
    """Alternates forever between a filter on true and on 1 = 1."""
    if isinstance(plan, L.Filter) and isinstance(plan.condition, E.Literal):
        return L.Filter(E.Comparison("=", E.make_literal(1), E.make_literal(1)), plan.child)
    if isinstance(plan, L.Filter):
        return L.Filter(E.make_literal(True), plan.child)
    return plan


def drop_column(plan):
    return L.Project(tuple(plan.output[:-1]), plan)


def boom(plan):
    raise KeyError("no such thing")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_fixed_point_batch_that_does_not_converge_is_reported(tables):
    t, _ = tables
    plan = L.Filter(E.make_literal(True), t._plan)
    trace: list = []
    handler = _Records()
    logger = logging.getLogger("dfengine.optimizer")
    logger.addHandler(handler)
    try:
        execute(plan, (Batch("flipping", 4, (flip,)),), set(), trace)
    finally:
        logger.removeHandler(handler)
    assert any("'flipping' did not converge" in m for m in handler.messages)
    assert any("did not converge after 4 iterations" in name for name, _ in trace)


def test_rule_that_changes_the_output_is_rejected(tables):
    t, _ = tables
    with pytest.raises(SparkRuntimeException, match="optimizer rule 'drop_column' changed"):
        execute(t._plan, (Batch("bad", 1, (drop_column,)),))


def test_rule_failure_is_wrapped_with_its_name(tables):
    t, _ = tables
    with pytest.raises(SparkRuntimeException, match="optimizer rule 'boom' failed: KeyError"):
        execute(t._plan, (Batch("bad", 1, (boom,)),))
    # Excluding the rule by name skips it.
    assert execute(t._plan, (Batch("bad", 1, (boom,)),), {"boom"}) == t._plan


def test_disable_optimizer_affects_existing_dataframe(spark, tables, optimizer_conf):
    t, _ = tables
    df = t.where(F.col("a") < 5).select("a")
    assert "pushed=[(a < 5)]" in df._qe().optimized.tree_string()
    optimizer_conf.set("dfengine.optimizer.enabled", "false")
    assert "pushed" not in df._qe().optimized.tree_string()
    assert sorted(r.a for r in df.collect()) == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("key", ["dfengine.optimizer.excludedRules",
                                 "spark.sql.optimizer.excludedRules"])
def test_excluded_rules_by_name(spark, tables, optimizer_conf, key):
    t, _ = tables
    df = t.where(F.col("a") < 5).select("a")
    optimizer_conf.set(key, "push_filter_into_scan, prune_columns")
    text = df._qe().optimized.tree_string()
    assert "pushed" not in text and "columns=[a, b, c]" in text
    assert sorted(r.a for r in df.collect()) == [0, 1, 2, 3, 4]


def test_explain_extended_shows_pushed_filters_columns_and_estimates(tables):
    t, u = tables
    df = t.join(u, t.a == u.x).where(F.col("y") > 100).select("c")
    text = df._explain_string("extended")
    opt = text.split("== Optimized Logical Plan ==")[1].split("== Physical Plan ==")[0]
    assert "pushed=[" in opt and "columns=[a, c]" in opt and "columns=[x, y]" in opt
    assert all("rows≈" in line for line in opt.strip().splitlines())


def test_explain_cost_formatted_verbose(tables):
    t, _ = tables
    df = t.where(F.col("a") < 5).select("a")
    cost = df._explain_string("cost")
    assert cost.startswith("== Optimized Logical Plan ==") and "rows≈" in cost
    assert "(1) " in df._explain_string("formatted")
    verbose = df._explain_string("verbose")
    assert "== Optimized Logical Plan after push_filter_into_scan ==" in verbose
    with pytest.raises(IllegalArgumentException, match="Unknown explain mode"):
        df._explain_string("fancy")
