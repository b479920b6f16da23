"""Predicates that can raise under ANSI stay where the written plan evaluates them.

`x / y`, a cast of a string or `arr[i]` moved below an inner join or a semi join would be
evaluated on rows the join drops, and raise DIVIDE_BY_ZERO / CAST_INVALID_INPUT for them
(found in PageRank: `msg = rank / outDegree` over an inner join with `msg IS NOT NULL`
above). Spark 4.3 does push them and raises there; dfengine answers as the written plan
does, so the oracle here is the same query with the optimizer off.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from dfengine import types as T
from dfengine.optimizer.expr_utils import can_raise
from dfengine.optimizer.rules.push_down_filter import push_down_filter
from dfengine.optimizer.rules.push_down_join_condition import push_down_join_condition
from dfengine.plan import expressions as E
from tests.optimizer.test_rules_without_session import b, col, lit  # noqa: F401 - fixture


def _plan_text(plan) -> str:
    return plan.tree_string()


def test_which_expressions_can_raise() -> None:
    a = E.AttributeReference("a", T.IntegerType())
    s = E.AttributeReference("s", T.StringType())
    assert can_raise(E.BinaryArithmetic("/", a, a))
    assert not can_raise(E.BinaryArithmetic("/", a, E.make_literal(2)))
    assert not can_raise(E.BinaryArithmetic("/", a, a, "try"))
    assert can_raise(E.Cast(s, T.IntegerType()))
    assert not can_raise(E.Cast(s, T.IntegerType(), "try"))
    assert not can_raise(E.Cast(a, T.LongType())) and can_raise(E.Cast(
        E.AttributeReference("b", T.LongType()), T.IntegerType()))
    assert not can_raise(E.Comparison(">", a, E.make_literal(1)))


def test_raising_filter_stays_above_an_inner_join(b) -> None:  # noqa: F811
    joined = b.join(b.table("t"), b.table("u"), "inner", E.Comparison("=", col("a"), col("x")))
    cond = E.And(E.Comparison(">", col("y"), lit(1)),
                 E.IsNotNull(E.BinaryArithmetic("/", col("a"), col("b"))))
    out = push_down_join_condition(push_down_filter(b.filter(joined, cond)))
    assert _plan_text(out) == dedent("""
        Filter: ((CAST(a AS DOUBLE) / CAST(b AS DOUBLE)) IS NOT NULL)
          Join: inner, (a = x)
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
            SubqueryAlias: u
              Filter: (y > 1)
                LocalRelation: [x, y] rows=0
    """).strip("\n")


def test_raising_filter_keeps_its_guard(b) -> None:  # noqa: F811
    """`b <> 0 AND x / y > 1` over `u LEFT JOIN t`: the guard on t's side stays above the
    join, so the division on u's side stays above with it (AND evaluates left to right)."""
    joined = b.join(b.table("u"), b.table("t"), "left", E.Comparison("=", col("a"), col("x")))
    cond = E.And(E.Comparison("<>", col("b"), lit(0)),
                 E.Comparison(">", E.BinaryArithmetic("/", col("x"), col("y")), lit(1)))
    out = push_down_filter(b.filter(joined, cond))
    assert _plan_text(out).startswith(
        "Filter: ((b <> 0) AND ((CAST(x AS DOUBLE) / CAST(y AS DOUBLE)) > CAST(1 AS DOUBLE)))")


def test_raising_filter_moves_below_a_left_join_to_the_kept_side(b) -> None:  # noqa: F811
    joined = b.join(b.table("u"), b.table("t"), "left", E.Comparison("=", col("a"), col("x")))
    cond = E.Comparison(">", E.BinaryArithmetic("/", col("x"), col("y")), lit(1))
    out = push_down_filter(b.filter(joined, cond))
    assert _plan_text(out).startswith("Join: left")  # every left row is output: same rows
    assert "Filter: ((CAST(x AS DOUBLE) / CAST(y AS DOUBLE)) > CAST(1 AS DOUBLE))" in _plan_text(
        out)


@pytest.fixture(scope="module")
def graph(spark):
    v = spark.createDataFrame([(1, 1.0, 2), (2, 1.0, 1), (3, 1.0, 0)],
                              "id int, rank double, outDegree int")
    e = spark.createDataFrame([(1, 2), (1, 3), (2, 1)], "src int, dst int")
    return v, e


def _queries(F, v, e):
    src = v.alias("src")
    j = e.join(src, F.col("src") == F.col("src.id"))
    msg = (F.col("src.rank") / F.col("src.outDegree")).alias("msg")
    return {
        "inner join, filter on the quotient": j.select("dst", msg).where(
            F.col("msg").isNotNull()),
        "inner join, integer cast": e.join(v, F.col("src") == F.col("id")).select(
            F.col("dst"), (F.col("id") / F.col("outDegree")).cast("int").alias("q")).where(
            "q >= 0"),
        "semi join": v.join(e, F.col("id") == F.col("src"), "left_semi").select(
            (F.col("rank") / F.col("outDegree")).alias("m")).where(F.col("m") > 0),
        "left join": e.join(src, F.col("src") == F.col("src.id"), "left").select(
            "dst", msg).where(F.col("msg").isNotNull()),
        "explode": v.withColumn("xs", F.expr("sequence(1, outDegree)")).where(
            "outDegree > 0").select("rank", "outDegree", F.explode("xs").alias("x")).where(
            "rank / outDegree > 0"),
    }


def test_results_as_the_written_plan(spark, conf, graph) -> None:
    from dfengine.sql import functions as F

    v, e = graph
    optimized = {k: sorted(q.collect()) for k, q in _queries(F, v, e).items()}
    conf("dfengine.optimizer.enabled", "false")
    written = {k: sorted(q.collect()) for k, q in _queries(F, v, e).items()}
    assert optimized == written
    assert optimized["inner join, filter on the quotient"] == [(1, 1.0), (2, 0.5), (3, 0.5)]
