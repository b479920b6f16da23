"""inject_semi_join_reduction: an aggregate whose groups are then joined with a small input
only needs the rows of those groups, so filter its input by a semi join with that input's keys
first (semi-join reduction; Catalyst's InjectRuntimeFilter does it with a bloom filter).

    Join: inner, (l_partkey = p_partkey)            Join: inner, (l_partkey = p_partkey)
      Aggregate: groupBy=[l_partkey], avg(...)  =>    Aggregate: groupBy=[l_partkey], avg(...)
        Scan lineitem                                   Join: left_semi, (l_partkey = p_partkey)
      Filter: (p_brand = 'Brand#23') ...                  Scan lineitem
        Scan part                                         Project: [p_partkey]
                                                            Filter: (p_brand = 'Brand#23') ...
                                                              Scan part
                                                      Filter: (p_brand = 'Brand#23') ...
                                                        Scan part

This is how decorrelated subqueries (TPC-H Q2, Q17, Q20: an aggregate per part, compared with
each selected part) avoid aggregating all of lineitem. The semi join only drops rows whose
group the join would drop anyway, so the answer is unchanged; it pays off when the other
input is small (a broadcast build side, estimated well below the number of groups), since it
is computed twice. Runs once, after join reordering has fixed which inputs meet.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import deterministic, equi_pairs
from dfengine.optimizer.statistics import estimate
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

# The other input's key columns must be cheap to compute twice and to broadcast: 32 MB of
# keys (4M rows of a pair of bigints). At 10 MB, TPC-H SF10 Q20's 800k (ps_partkey,
# ps_suppkey) pairs (12.8 MB) fell just past it, and all 9M lineitem rows of the year were
# aggregated and shuffled: 3.0x DuckDB, against 1.9x at SF1 where the reduction applies.
_MAX_BYTES = 32 * 1024 * 1024
_MAX_FRACTION = 0.5  # ... and keep at most this fraction of the aggregate's groups


def _grouping_key(plan: L.LogicalPlan, expr_id: int) -> E.Expression | None:
    """The grouping expression that column `expr_id` of `plan` carries unchanged, looking
    through filters and projects down to an aggregate."""
    if isinstance(plan, L.Filter):
        return _grouping_key(plan.child, expr_id)
    if isinstance(plan, L.Project):
        for e in plan.exprs:
            if isinstance(e, E.AttributeReference) and e.expr_id == expr_id:
                return _grouping_key(plan.child, expr_id)
            if isinstance(e, E.Alias) and e.expr_id == expr_id and isinstance(
                    e.child, E.AttributeReference):
                return _grouping_key(plan.child, e.child.expr_id)
        return None
    if isinstance(plan, L.Aggregate):
        for e in plan.aggregates:
            if isinstance(e, E.AttributeReference) and e.expr_id == expr_id:
                target: E.Expression = e
            elif isinstance(e, E.Alias) and e.expr_id == expr_id:
                target = e.child
            else:
                continue
            for g in plan.grouping:
                same = (g.expr_id == target.expr_id if isinstance(g, E.AttributeReference)
                        and isinstance(target, E.AttributeReference) else g == target)
                if same and deterministic(g):
                    return g
            return None
    return None


def _reduce(plan: L.LogicalPlan, keys: list[tuple[E.Expression, E.AttributeReference]],
            other: L.LogicalPlan) -> L.LogicalPlan:
    """`plan` with the aggregate under its filters/projects reading only matching rows."""
    if isinstance(plan, L.Aggregate):
        cond = E.conjoin([E.Comparison("=", g, x) for g, x in keys])
        semi = L.Join(plan.child, L.Project(tuple(x for _, x in keys), other), "left_semi",
                      cond)
        return L.Aggregate(plan.grouping, plan.aggregates, semi)
    return plan.with_children(_reduce(plan.children[0], keys, other))


def _worth_it(agg_side: L.LogicalPlan, other: L.LogicalPlan, n_keys: int) -> bool:
    """Columns are not pruned yet, so the size of the semi join's build side (its key
    columns only) is judged by rows."""
    a, o = estimate(agg_side), estimate(other)
    return (a is not None and o is not None and o.rows * 8 * n_keys <= _MAX_BYTES
            and o.rows <= _MAX_FRACTION * a.rows)


def inject_semi_join_reduction(plan: L.LogicalPlan) -> L.LogicalPlan:
    def fn(j: L.LogicalPlan) -> L.LogicalPlan | None:
        if not isinstance(j, L.Join) or j.how not in ("inner", "left_semi"):
            return None
        pairs = equi_pairs(j.condition, j.left, j.right)
        sides = [(j.left, j.right, pairs)]
        if j.how == "inner":
            sides.append((j.right, j.left, [(b, a) for a, b in pairs]))
        for agg_side, other, oriented in sides:
            keys = [(g, x) for a, x in oriented
                    if (g := _grouping_key(agg_side, a.expr_id)) is not None]
            if not keys or not _worth_it(agg_side, other, len(keys)):
                continue
            new_side = _reduce(agg_side, keys, other)
            if agg_side is j.left:
                return L.Join(new_side, j.right, j.how, j.condition, j.hint)
            return L.Join(j.left, new_side, j.how, j.condition, j.hint)
        return None

    return plan.transform_down(fn)
