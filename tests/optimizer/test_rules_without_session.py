"""Rule tests with no session and no data: plans built by `plan.builder` over two in-memory
relations, one rule applied, the plan text compared before and after (DataFusion's
`assert_optimized_plan_eq`). They show that the optimizer is a pure function of plans."""

from __future__ import annotations

import itertools
from textwrap import dedent

import pyarrow as pa
import pytest

from dfengine import types as T
from dfengine.optimizer.rules.combine_filters import combine_filters
from dfengine.optimizer.rules.constant_folding import constant_folding
from dfengine.optimizer.rules.eliminate_outer_join import eliminate_outer_join
from dfengine.optimizer.rules.prune_columns import prune_columns
from dfengine.optimizer.rules.push_down_filter import push_down_filter
from dfengine.optimizer.rules.simplify_booleans import simplify_booleans
from dfengine.plan import expressions as E
from dfengine.plan import logical as L
from dfengine.plan.analyzer import Analyzer
from dfengine.plan.builder import PlanBuilder

_IDS = itertools.count(1)


def _relation(**columns: T.DataType) -> L.LocalRelation:
    attrs = tuple(E.AttributeReference(n, t) for n, t in columns.items())
    empty = pa.table({n: pa.array([], T.to_arrow_type(t)) for n, t in columns.items()})
    return L.LocalRelation(attrs, next(_IDS), 1, empty)


@pytest.fixture(scope="module")
def b() -> PlanBuilder:
    tables = {"t": _relation(a=T.IntegerType(), b=T.IntegerType(), c=T.StringType()),
              "u": _relation(x=T.IntegerType(), y=T.IntegerType())}
    return PlanBuilder(Analyzer(lambda name: tables.get(name[-1])))


def col(name: str) -> E.Expression:
    return E.UnresolvedAttribute((name,))


def lit(v: object) -> E.Expression:
    return E.make_literal(v)


def cmp(op: str, left: E.Expression, right: E.Expression) -> E.Expression:
    return E.Comparison(op, left, right)


def assert_rule(rule, plan: L.LogicalPlan, before: str, after: str) -> None:
    assert plan.tree_string() == dedent(before).strip("\n")
    new = rule(plan)
    assert new.tree_string() == dedent(after).strip("\n")
    assert [a.expr_id for a in new.output] == [a.expr_id for a in plan.output]


def test_filter_moves_below_a_projection(b) -> None:
    t = b.table("t")
    plan = b.filter(b.project(t, [col("a"), col("c")]), cmp(">", col("a"), lit(5)))
    assert_rule(push_down_filter, plan, """
        Filter: (a > 5)
          Project: [a, c]
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
    """, """
        Project: [a, c]
          SubqueryAlias: t
            Filter: (a > 5)
              LocalRelation: [a, b, c] rows=0
    """)


def test_filter_on_one_side_of_an_inner_join_moves_to_that_side(b) -> None:
    joined = b.join(b.table("t"), b.table("u"), "inner", cmp("=", col("a"), col("x")))
    plan = b.filter(joined, cmp("<", col("y"), lit(300)))
    assert_rule(push_down_filter, plan, """
        Filter: (y < 300)
          Join: inner, (a = x)
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
            SubqueryAlias: u
              LocalRelation: [x, y] rows=0
    """, """
        Join: inner, (a = x)
          SubqueryAlias: t
            LocalRelation: [a, b, c] rows=0
          SubqueryAlias: u
            Filter: (y < 300)
              LocalRelation: [x, y] rows=0
    """)


def test_adjacent_filters_combine(b) -> None:
    plan = b.filter(b.filter(b.table("t"), cmp(">", col("a"), lit(1))),
                    cmp("=", col("c"), lit("s")))
    assert_rule(combine_filters, plan, """
        Filter: (c = s)
          Filter: (a > 1)
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
    """, """
        Filter: ((a > 1) AND (c = s))
          SubqueryAlias: t
            LocalRelation: [a, b, c] rows=0
    """)


def test_constant_expressions_fold(b) -> None:
    plan = b.project(b.table("t"), [E.Alias(E.BinaryArithmetic("+", lit(1), lit(2)), "three")])
    assert_rule(constant_folding, plan, """
        Project: [(1 + 2) AS three]
          SubqueryAlias: t
            LocalRelation: [a, b, c] rows=0
    """, """
        Project: [3 AS three]
          SubqueryAlias: t
            LocalRelation: [a, b, c] rows=0
    """)


def test_true_and_condition_simplifies(b) -> None:
    plan = b.filter(b.table("t"), E.And(lit(True), cmp(">", col("b"), lit(0))))
    assert_rule(simplify_booleans, plan, """
        Filter: (true AND (b > 0))
          SubqueryAlias: t
            LocalRelation: [a, b, c] rows=0
    """, """
        Filter: (b > 0)
          SubqueryAlias: t
            LocalRelation: [a, b, c] rows=0
    """)


def test_left_join_with_a_null_rejecting_filter_on_the_right_becomes_inner(b) -> None:
    joined = b.join(b.table("t"), b.table("u"), "left", cmp("=", col("a"), col("x")))
    plan = b.filter(joined, cmp(">", col("y"), lit(0)))
    assert_rule(eliminate_outer_join, plan, """
        Filter: (y > 0)
          Join: left, (a = x)
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
            SubqueryAlias: u
              LocalRelation: [x, y] rows=0
    """, """
        Filter: (y > 0)
          Join: inner, (a = x)
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
            SubqueryAlias: u
              LocalRelation: [x, y] rows=0
    """)


def test_columns_no_one_reads_are_pruned(b) -> None:
    inner = b.project(b.table("t"), [col("a"), col("b"), col("c")])
    plan = b.project(inner, [col("a")])
    assert_rule(prune_columns, plan, """
        Project: [a]
          Project: [a, b, c]
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
    """, """
        Project: [a]
          Project: [a]
            SubqueryAlias: t
              LocalRelation: [a, b, c] rows=0
    """)


def _int_range(col: E.AttributeReference, lo: tuple | None, hi: tuple | None) -> E.Expression:
    parts = []
    if lo is not None:
        parts.append(E.Comparison(">=" if lo[1] else ">", col, E.Literal(lo[0], T.IntegerType())))
    if hi is not None:
        parts.append(E.Comparison("<=" if hi[1] else "<", col, E.Literal(hi[0], T.IntegerType())))
    return E.conjoin(parts)


@pytest.mark.parametrize("ranges, want", [
    ([((1, True), (11, True)), ((10, True), (20, True)), ((20, True), (30, True))],
     "((a >= 1) AND (a <= 30))"),
    ([((10, True), (20, True)), ((1, True), (11, True))], "((a >= 1) AND (a <= 20))"),
    ([((1, True), (5, False)), ((5, True), (9, True))], "((a >= 1) AND (a <= 9))"),
    ([((1, True), (5, False)), ((5, False), (9, True))], None),  # 5 is in neither
    ([((1, True), (4, True)), ((6, True), (9, True))], None),  # a gap
    ([((1, False), (4, True)), ((1, True), (3, True))], "((a >= 1) AND (a <= 4))"),
    ([(None, (4, True)), ((2, True), None)], None),  # every value: keep the OR
    ([(None, (4, True)), ((2, True), (7, False))], "(a < 7)"),
])
def test_disjunction_of_overlapping_ranges_is_one_range(ranges, want):
    """A side filter inferred from an OR of ranges of one column is their union when they
    overlap or touch (TPC-H Q19's l_quantity ranges), the OR otherwise."""
    from dfengine.optimizer.rules.infer_filters_from_disjunctions import _merged_range

    a = E.AttributeReference("a", T.IntegerType())
    got = _merged_range([_int_range(a, lo, hi) for lo, hi in ranges])
    assert (got.sql().replace(f"#{a.expr_id}", "") if got is not None else None) == want


def test_analysis_resolves_each_new_node_once_and_pickles_without_marks(b, monkeypatch) -> None:
    """Each step analyzes the plan built so far; subtrees finished by an earlier step are
    skipped (Spark's analyzed mark), and a plan shipped in a task carries no derived state."""
    import pickle

    from dfengine.plan import analyzer as A

    seen: list[str] = []
    real = A.Analyzer.resolve_node
    monkeypatch.setattr(A.Analyzer, "resolve_node",
                        lambda self, node: (seen.append(type(node).__name__), real(self, node))[1])
    step1 = b.filter(b.table("t"), cmp(">", col("a"), lit(5)))
    seen.clear()
    step2 = b.project(step1, [col("a"), col("c")])
    assert seen == ["Project"]  # the Filter, alias and relation below were analyzed already
    assert step2.child is step1
    condition = step1.condition
    assert condition.reference_ids and condition.resolved  # cached on the node now
    again = pickle.loads(pickle.dumps(step2))
    assert again == step2 and not A.is_analyzed(again)
    derived = {"reference_set", "reference_ids", "resolved"}
    assert derived & set(condition.__dict__) and not derived & set(again.child.condition.__dict__)
    assert again.child.condition.reference_ids == condition.reference_ids
