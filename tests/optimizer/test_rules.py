"""Per-rule plan tests: run one rule once on an analyzed plan over the tiny tables and compare
the plan text before and after (DataFusion's assert_optimized_plan_eq), plus "must not change"
cases. Each rule's answer is also checked against the unoptimized plan's answer."""

from __future__ import annotations

from textwrap import dedent

from dfengine.optimizer.rules.collapse_project import collapse_project
from dfengine.optimizer.rules.combine_filters import combine_filters
from dfengine.optimizer.rules.constant_folding import constant_folding
from dfengine.optimizer.rules.eliminate_outer_join import eliminate_outer_join
from dfengine.optimizer.rules.infer_filters_from_joins import infer_filters_from_joins
from dfengine.optimizer.rules.infer_is_not_null import infer_is_not_null
from dfengine.optimizer.rules.prune_columns import prune_columns
from dfengine.optimizer.rules.push_down_filter import push_down_filter
from dfengine.optimizer.rules.push_down_join_condition import push_down_join_condition
from dfengine.optimizer.rules.push_down_limit import push_down_limit
from dfengine.optimizer.rules.push_down_semi_join import push_down_semi_join
from dfengine.optimizer.rules.push_filter_into_scan import push_filter_into_scan
from dfengine.optimizer.rules.remove_noop_operators import remove_noop_operators
from dfengine.optimizer.rules.reorder_joins import reorder_joins
from dfengine.optimizer.rules.simplify_booleans import simplify_booleans
from dfengine.sql import functions as F
from tests.optimizer.conftest import plan_text


def _text(s: str) -> str:
    return dedent(s).strip("\n")


def check(spark, rule, df, before: str, after: str) -> None:
    """`rule` turns df's analyzed plan `before` into `after`, and both give the same rows."""
    plan = df._plan
    assert plan_text(plan) == _text(before)
    new = rule(plan)
    assert plan_text(new) == _text(after)
    assert [a.expr_id for a in new.output] == [a.expr_id for a in plan.output]
    assert run(spark, new) == run(spark, plan)


def run(spark, plan) -> list[str]:
    """The rows of `plan` run exactly as given (optimizer off), sorted, as text."""
    from dfengine.sql.dataframe import DataFrame

    spark.conf.set("dfengine.optimizer.enabled", "false")
    try:
        return sorted(map(repr, DataFrame(plan, spark).collect()))
    finally:
        spark.conf.set("dfengine.optimizer.enabled", "true")


def unchanged(rule, df) -> None:
    assert rule(df._plan) == df._plan


# ----------------------------------------------------------------- push_down_filter


def test_push_down_filter_through_project_substitutes_derived_column(spark, tables):
    t, _ = tables
    df = t.withColumn("d", F.col("a") + 1).where((F.col("d") > 5) & (F.col("c") == "s1"))
    check(spark, push_down_filter, df, """
        Filter: ((d > 5) AND (c = s1))
          Project: [a, b, c, (a + 1) AS d]
            Scan t columns=[a, b, c]
    """, """
        Project: [a, b, c, (a + 1) AS d]
          Filter: (((a + 1) > 5) AND (c = s1))
            Scan t columns=[a, b, c]
    """)


def test_push_down_filter_through_inner_join_to_each_side(spark, tables):
    t, u = tables
    df = t.join(u, t.a == u.x).where((F.col("b") > 2) & (F.col("y") < 300)
                                     & (F.col("a") + F.col("y") > 10))
    check(spark, push_down_filter, df, """
        Filter: (((b > 2) AND (y < 300)) AND ((a + y) > 10))
          Join: inner, (a = x)
            Scan t columns=[a, b, c]
            Scan u columns=[x, y]
    """, """
        Join: inner, ((a = x) AND ((a + y) > 10))
          Filter: (b > 2)
            Scan t columns=[a, b, c]
          Filter: (y < 300)
            Scan u columns=[x, y]
    """)


def test_push_down_filter_left_join_only_to_preserved_side(spark, tables):
    t, u = tables
    df = t.join(u, t.a == u.x, "left").where((F.col("b") > 2) & F.col("y").isNull())
    check(spark, push_down_filter, df, """
        Filter: ((b > 2) AND (y IS NULL))
          Join: left, (a = x)
            Scan t columns=[a, b, c]
            Scan u columns=[x, y]
    """, """
        Filter: (y IS NULL)
          Join: left, (a = x)
            Filter: (b > 2)
              Scan t columns=[a, b, c]
            Scan u columns=[x, y]
    """)


def test_push_down_filter_right_join_only_to_preserved_side(spark, tables):
    t, u = tables
    df = t.join(u, t.a == u.x, "right").where((F.col("b") > 2) & (F.col("y") > 50))
    check(spark, push_down_filter, df, """
        Filter: ((b > 2) AND (y > 50))
          Join: right, (a = x)
            Scan t columns=[a, b, c]
            Scan u columns=[x, y]
    """, """
        Filter: (b > 2)
          Join: right, (a = x)
            Scan t columns=[a, b, c]
            Filter: (y > 50)
              Scan u columns=[x, y]
    """)


def test_push_down_filter_full_join_must_not_change(tables):
    t, u = tables
    unchanged(push_down_filter, t.join(u, t.a == u.x, "full").where(F.col("b") > 2))


def test_push_down_filter_through_aggregate_on_grouping_keys_only(spark, tables):
    t, _ = tables
    df = t.groupBy("b").agg(F.sum("a").alias("s")).where((F.col("b") > 2) & (F.col("s") > 50))
    check(spark, push_down_filter, df, """
        Filter: ((b > 2) AND (s > CAST(50 AS BIGINT)))
          Aggregate: groupBy=[b], aggr=[b, sum(a) AS s]
            Scan t columns=[a, b, c]
    """, """
        Filter: (s > CAST(50 AS BIGINT))
          Aggregate: groupBy=[b], aggr=[b, sum(a) AS s]
            Filter: (b > 2)
              Scan t columns=[a, b, c]
    """)


def test_push_down_filter_into_every_union_input(spark, tables):
    t, u = tables
    df = t.select("a", "b").union(u.select("x", "y")).where(F.col("b") > 40)
    check(spark, push_down_filter, df, """
        Filter: (b > 40)
          Union
            Project: [a, b]
              Scan t columns=[a, b, c]
            Project: [x, y]
              Scan u columns=[x, y]
    """, """
        Union
          Project: [a, b]
            Filter: (b > 40)
              Scan t columns=[a, b, c]
          Project: [x, y]
            Filter: (y > 40)
              Scan u columns=[x, y]
    """)


def test_filter_must_not_cross_limit(tables):
    t, _ = tables
    unchanged(push_down_filter, t.limit(5).where(F.col("a") > 2))


def test_non_deterministic_filter_must_not_move(tables):
    t, _ = tables
    unchanged(push_down_filter, t.select("a", "b").where(F.rand(1) > 0.5))


def test_filter_on_non_deterministic_column_stays_above_project(tables):
    t, _ = tables
    df = t.withColumn("r", F.rand(3)).where(F.col("r") > 0.5)
    unchanged(push_down_filter, df)


# ------------------------------------------------------------------- other pushdowns


def test_push_down_join_condition_left_join_filters_right_side_only(spark, tables):
    t, u = tables
    df = t.join(u, (t.a == u.x) & (u.y > 100) & (t.b > 1), "left")
    check(spark, push_down_join_condition, df, """
        Join: left, (((a = x) AND (y > 100)) AND (b > 1))
          Scan t columns=[a, b, c]
          Scan u columns=[x, y]
    """, """
        Join: left, ((a = x) AND (b > 1))
          Scan t columns=[a, b, c]
          Filter: (y > 100)
            Scan u columns=[x, y]
    """)


def test_push_filter_into_scan(spark, tables):
    t, _ = tables
    df = t.where((F.col("a") < 30) & (F.col("c") == "s2"))
    check(spark, push_filter_into_scan, df, """
        Filter: ((a < 30) AND (c = s2))
          Scan t columns=[a, b, c]
    """, """
        Scan t columns=[a, b, c] pushed=[(a < 30), (c = s2)]
    """)


def test_push_down_limit_through_project_and_union(spark, tables):
    t, u = tables
    df = t.select("a").union(u.select("x")).limit(3)
    after = push_down_limit(df._plan)
    assert plan_text(after) == _text("""
        Limit: 3
          Union
            Project: [a]
              Limit: 3
                Scan t columns=[a, b, c]
            Project: [x]
              Limit: 3
                Scan u columns=[x, y]
    """)
    df2 = t.withColumn("d", F.col("a") * 2).limit(4)
    assert plan_text(push_down_limit(df2._plan)) == _text("""
        Project: [a, b, c, (a * 2) AS d]
          Limit: 4
            Scan t columns=[a, b, c]
    """)


def test_limit_must_not_cross_filter_or_aggregate(tables):
    t, _ = tables
    unchanged(push_down_limit, t.where(F.col("a") > 3).limit(2))
    unchanged(push_down_limit, t.groupBy("b").count().limit(2))


# ----------------------------------------------------------------------- inference


def test_infer_filters_from_joins_copies_key_filter(spark, tables):
    t, u = tables
    df = t.where(F.col("a") < 10).join(u, t.a == u.x)
    check(spark, infer_filters_from_joins, df, """
        Join: inner, (a = x)
          Filter: (a < 10)
            Scan t columns=[a, b, c]
          Scan u columns=[x, y]
    """, """
        Join: inner, (a = x)
          Filter: (a < 10)
            Scan t columns=[a, b, c]
          Filter: (x < 10)
            Scan u columns=[x, y]
    """)


def test_infer_filters_left_join_only_from_preserved_side(tables):
    t, u = tables
    # A filter on the right side of a left join must not be copied to the left side.
    unchanged(infer_filters_from_joins, t.join(u.where(F.col("x") < 10), t.a == u.x, "left"))


def test_infer_is_not_null_on_inner_join_keys(spark, tables):
    t, u = tables
    # t.b holds NULLs; u.x has none (its parquet footers count zero), so it gets no filter.
    df = t.join(u, t.b == u.x)
    check(spark, infer_is_not_null, df, """
        Join: inner, (b = x)
          Scan t columns=[a, b, c]
          Scan u columns=[x, y]
    """, """
        Join: inner, (b = x)
          Filter: (b IS NOT NULL)
            Scan t columns=[a, b, c]
          Scan u columns=[x, y]
    """)


def test_infer_is_not_null_both_sides_when_both_hold_nulls(spark, tables):
    t, u = tables
    df = t.join(u, t.b == u.y)
    new = infer_is_not_null(df._plan)
    text = plan_text(new)
    assert "Filter: (b IS NOT NULL)" in text and "Filter: (y IS NOT NULL)" in text
    assert run(spark, new) == run(spark, df._plan)


def test_infer_is_not_null_left_join_only_right_side(spark, tables):
    t, u = tables
    df = u.join(t, u.x == t.b, "left")
    check(spark, infer_is_not_null, df, """
        Join: left, (x = b)
          Scan u columns=[x, y]
          Scan t columns=[a, b, c]
    """, """
        Join: left, (x = b)
          Scan u columns=[x, y]
          Filter: (b IS NOT NULL)
            Scan t columns=[a, b, c]
    """)
    # The left side of a left join is never filtered, even when its key holds NULLs.
    unchanged(infer_is_not_null, t.join(u, t.b == u.x, "left"))


def test_eliminate_outer_join_when_filter_rejects_nulls(spark, tables):
    t, u = tables
    df = t.join(u, t.a == u.x, "left").where(F.col("y") > 3)
    check(spark, eliminate_outer_join, df, """
        Filter: (y > 3)
          Join: left, (a = x)
            Scan t columns=[a, b, c]
            Scan u columns=[x, y]
    """, """
        Filter: (y > 3)
          Join: inner, (a = x)
            Scan t columns=[a, b, c]
            Scan u columns=[x, y]
    """)


def test_eliminate_outer_join_full_to_left(spark, tables):
    t, u = tables
    df = t.join(u, t.a == u.x, "full").where(F.col("b").isNotNull())
    new = eliminate_outer_join(df._plan)
    assert "Join: left, (a = x)" in plan_text(new)


def test_outer_join_kept_when_filter_accepts_nulls(tables):
    t, u = tables
    unchanged(eliminate_outer_join, t.join(u, t.a == u.x, "left").where(F.col("y").isNull()))
    unchanged(eliminate_outer_join,
              t.join(u, t.a == u.x, "left").where(F.coalesce(F.col("y"), F.lit(0)) > -1))
    unchanged(eliminate_outer_join,
              t.join(u, t.a == u.x, "left").where((F.col("y") > 3) | (F.col("a") > 3)))


# -------------------------------------------------------------------- simplification


def test_constant_folding_folds_casts_of_literals(spark, tables):
    t, _ = tables
    df = t.where(F.col("a") < F.lit("5").cast("int") + 1)
    check(spark, constant_folding, df, """
        Filter: (a < (CAST(5 AS INT) + 1))
          Scan t columns=[a, b, c]
    """, """
        Filter: (a < 6)
          Scan t columns=[a, b, c]
    """)


def test_constant_folding_leaves_non_deterministic_alone(tables):
    t, _ = tables
    unchanged(constant_folding, t.select(F.rand(1).alias("r")))
    folded = constant_folding(t.select((F.rand(1) + 1).alias("r"))._plan)
    assert plan_text(folded).startswith("Project: [(rand(1) + 1.0) AS r]")


def test_simplify_booleans(spark, tables):
    t, _ = tables
    df = t.where(((F.col("a") > 1) & F.lit(True)) | F.lit(False)).where(~(F.col("b") < 3))
    check(spark, simplify_booleans, df, """
        Filter: (NOT (b < 3))
          Filter: (((a > 1) AND true) OR false)
            Scan t columns=[a, b, c]
    """, """
        Filter: (b >= 3)
          Filter: (a > 1)
            Scan t columns=[a, b, c]
    """)


def test_combine_filters(spark, tables):
    t, _ = tables
    df = t.where(F.col("a") > 1).where(F.col("b") == 2)
    check(spark, combine_filters, df, """
        Filter: (b = 2)
          Filter: (a > 1)
            Scan t columns=[a, b, c]
    """, """
        Filter: ((a > 1) AND (b = 2))
          Scan t columns=[a, b, c]
    """)


def test_collapse_project(spark, tables):
    t, _ = tables
    df = t.select("a", (F.col("b") + 1).alias("c1")).select("a", (F.col("c1") * 2).alias("d"))
    check(spark, collapse_project, df, """
        Project: [a, (c1 * 2) AS d]
          Project: [a, (b + 1) AS c1]
            Scan t columns=[a, b, c]
    """, """
        Project: [a, ((b + 1) * 2) AS d]
          Scan t columns=[a, b, c]
    """)


def test_collapse_project_must_not_duplicate_non_deterministic(tables):
    t, _ = tables
    unchanged(collapse_project, t.select(F.rand(2).alias("r")).select(
        (F.col("r") + 1).alias("r1")))


def test_remove_noop_operators(spark, tables):
    t, _ = tables
    df = t.select("a", "b", "c").where(F.lit(True))
    check(spark, remove_noop_operators, df, """
        Filter: true
          Project: [a, b, c]
            Scan t columns=[a, b, c]
    """, """
        Scan t columns=[a, b, c]
    """)


# ------------------------------------------------------------------ columns and joins


def test_prune_columns_reads_only_used_columns(spark, tables):
    t, u = tables
    df = t.join(u, t.a == u.x).select("c")
    check(spark, prune_columns, df, """
        Project: [c]
          Join: inner, (a = x)
            Scan t columns=[a, b, c]
            Scan u columns=[x, y]
    """, """
        Project: [c]
          Join: inner, (a = x)
            Scan t columns=[a, c]
            Scan u columns=[x]
    """)


def test_prune_columns_keeps_pushed_filter_columns(spark, tables):
    t, _ = tables
    df = t.where(F.col("b") > 2).select("a")
    scan_pushed = push_filter_into_scan(df._plan)
    assert plan_text(prune_columns(scan_pushed)) == _text("""
        Project: [a]
          Scan t columns=[a, b] pushed=[(b > 2)]
    """)


def test_reorder_joins_avoids_cross_product(spark, tables):
    t, u = tables
    v = u.select(F.col("x").alias("k"), F.col("y").alias("w"))
    # Written as (t x v) cross, then joined with u: a connected order exists.
    df = t.crossJoin(v).join(u, (F.col("a") == F.col("x")) & (F.col("x") == F.col("k")))
    new = reorder_joins(df._plan)
    joins = [n for n in new.walk() if type(n).__name__ == "Join"]
    assert joins and all(j.how == "inner" and j.condition is not None for j in joins)
    assert [a.expr_id for a in new.output] == [a.expr_id for a in df._plan.output]
    assert run(spark, new) == run(spark, df._plan)


def _semi_parent_of(plan, scan_label: str):
    """The semi/anti join whose left input is the scan `scan_label` (or a project of it)."""
    for n in plan.walk():
        if type(n).__name__ == "Join" and n.how in ("left_semi", "left_anti"):
            left = n.left.child if type(n.left).__name__ == "Project" else n.left
            if scan_label in left.node_string():
                return n
    return None


def test_push_down_semi_join_below_a_join_that_does_not_shrink_its_side(spark, tables):
    t, u = tables
    keys = t.where(F.col("a") < 50).select(F.col("a").alias("k"))
    # u (40 rows) joined with t on x = a keeps every u row: filter u before the join.
    df = u.join(t, u.x == t.a).join(keys, u.y == keys.k, "left_semi")
    assert _semi_parent_of(df._plan, "u.parquet") is None
    new = push_down_semi_join(df._plan)
    assert _semi_parent_of(new, "u.parquet") is not None
    assert type(new).__name__ == "Join" and new.how == "inner"
    assert [a.expr_id for a in new.output] == [a.expr_id for a in df._plan.output]
    assert run(spark, new) == run(spark, df._plan)
    anti = u.join(t, u.x == t.a).join(keys, u.y == keys.k, "left_anti")
    new = push_down_semi_join(anti._plan)
    assert _semi_parent_of(new, "u.parquet") is not None
    assert run(spark, new) == run(spark, anti._plan)


def test_semi_join_stays_above_a_join_that_shrinks_its_side(tables):
    t, u = tables
    keys = u.select(F.col("y").alias("k"))
    # t (100 rows) joined with u on a = x keeps ~40: the semi join is cheaper after it.
    unchanged(push_down_semi_join, t.join(u, t.a == u.x).join(keys, t.b == keys.k, "left_semi"))


def test_semi_join_stays_above_the_null_padded_side_of_an_outer_join(tables):
    t, u = tables
    keys = t.select(F.col("a").alias("k"))
    unchanged(push_down_semi_join, u.join(t, u.x == t.a, "left").join(keys, t.b == keys.k,
                                                                       "left_semi"))


def test_infer_filters_from_disjunctions_filters_each_side(spark, tables):
    from dfengine.optimizer.rules.infer_filters_from_disjunctions import (
        infer_filters_from_disjunctions,
    )

    t, u = tables
    cond = (t.a == u.x) & (((t.b == 1) & (u.y > 100)) | ((t.b == 2) & (u.y < 50)))
    df = t.join(u, cond)
    check(spark, infer_filters_from_disjunctions, df, """
        Join: inner, ((a = x) AND (((b = 1) AND (y > 100)) OR ((b = 2) AND (y < 50))))
          Scan t columns=[a, b, c]
          Scan u columns=[x, y]
    """, """
        Join: inner, ((a = x) AND (((b = 1) AND (y > 100)) OR ((b = 2) AND (y < 50))))
          Filter: ((b = 1) OR (b = 2))
            Scan t columns=[a, b, c]
          Filter: ((y > 100) OR (y < 50))
            Scan u columns=[x, y]
    """)


def test_no_filter_inferred_when_a_disjunct_leaves_the_side_free(tables):
    from dfengine.optimizer.rules.infer_filters_from_disjunctions import (
        infer_filters_from_disjunctions,
    )

    t, u = tables
    unchanged(infer_filters_from_disjunctions,
              t.join(u, (t.a == u.x) & ((t.b == 1) | (u.y > 100))))
    # a left join's preserved (left) side must keep its rows
    left = t.join(u, (t.a == u.x) & (((t.b == 1) & (u.y > 100)) | ((t.b == 2) & (u.y < 50))),
                  "left")
    new = infer_filters_from_disjunctions(left._plan)
    assert type(new.left).__name__ != "Filter" and type(new.right).__name__ == "Filter"


def test_inject_semi_join_reduction_filters_aggregate_input(spark, tables):
    from dfengine.optimizer.rules.inject_semi_join_reduction import inject_semi_join_reduction

    t, u = tables
    per_a = t.groupBy("a").agg(F.sum("b").alias("sb"))
    few = u.where(F.col("x") < 10)
    df = per_a.join(few, per_a.a == few.x)
    new = inject_semi_join_reduction(df._plan)
    semis = [n for n in new.walk() if type(n).__name__ == "Join" and n.how == "left_semi"]
    assert len(semis) == 1
    agg = next(n for n in new.walk() if type(n).__name__ == "Aggregate")
    assert agg.child is semis[0]
    assert [a.expr_id for a in new.output] == [a.expr_id for a in df._plan.output]
    assert run(spark, new) == run(spark, df._plan)


def test_no_semi_join_reduction_by_a_large_input_or_a_non_key_column(tables):
    from dfengine.optimizer.rules.inject_semi_join_reduction import inject_semi_join_reduction

    t, u = tables
    per_b = t.groupBy("b").agg(F.sum("a").alias("sa"))
    # u keeps more rows than per_b has groups: nothing to gain
    unchanged(inject_semi_join_reduction, per_b.join(u, per_b.b == u.x))
    # joined on the aggregate value, not a grouping key: rows can't be filtered by it
    few = u.where(F.col("x") < 4)
    unchanged(inject_semi_join_reduction, per_b.join(few, per_b.sa == few.x))


def test_rewrite_distinct_aggregates_groups_distinct_values_first(spark):
    from dfengine.optimizer.rules.rewrite_distinct_aggregates import rewrite_distinct_aggregates

    rows = [(i % 3, None if i % 11 == 0 else i % 5) for i in range(600)]
    t = spark.createDataFrame(rows, "k int, x int")
    df = t.groupBy((F.col("k") + 1).alias("g")).agg(
        F.countDistinct("x").alias("n"), F.expr("sum(DISTINCT x)").alias("s"),
        F.expr("avg(DISTINCT x)").alias("v"))
    new = rewrite_distinct_aggregates(df._plan)
    aggs = [n for n in new.walk() if type(n).__name__ == "Aggregate"]
    assert len(aggs) == 2
    assert not any(f.distinct for a in aggs[0].aggregates for f in a.walk()
                   if type(f).__name__ == "AggregateFunction")
    assert [a.expr_id for a in new.output] == [a.expr_id for a in df._plan.output]
    assert run(spark, new) == run(spark, df._plan)


def test_distinct_aggregates_over_different_arguments_are_left_alone(tables):
    from dfengine.optimizer.rules.rewrite_distinct_aggregates import rewrite_distinct_aggregates

    t, _ = tables
    # nearly every (c, a) pair is distinct: nothing to gain
    unchanged(rewrite_distinct_aggregates, t.groupBy("c").agg(F.countDistinct("a")))
    unchanged(rewrite_distinct_aggregates,
              t.groupBy("c").agg(F.countDistinct("a"), F.countDistinct("b")))
    unchanged(rewrite_distinct_aggregates, t.groupBy("c").agg(F.countDistinct("a"),
                                                             F.sum("b")))
