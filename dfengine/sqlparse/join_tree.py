"""Comma joins (`FROM a, b, c WHERE ...`) as a join tree the optimizer and planner can use.

Each WHERE conjunct naming one relation becomes a filter on that relation; a conjunct naming
several becomes the condition of the first join that has all of them below it (equalities
there are hash-join keys, the rest residuals). Relations are taken in FROM order, except that
the next one picked is the first connected to those already joined by an equality, so a query
listing `part, supplier, partsupp` never starts with a cartesian product.

A disjunction whose branches share conjuncts (TPC-H Q19) has them factored out first:
`(a AND x) OR (a AND y)` -> `a AND (x OR y)`, so the join key `a` is found.
"""

from __future__ import annotations

from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def factor_disjunction(e: E.Expression) -> list[E.Expression]:
    """`(a AND x) OR (a AND y)` -> [a, (x OR y)]; other expressions unchanged."""
    if not isinstance(e, E.Or):
        return [e]
    branches = _disjuncts(e)
    conj = [E.split_conjuncts(b) for b in branches]
    common = [c for c in conj[0] if all(any(c == d for d in other) for other in conj[1:])]
    if not common:
        return [e]
    rest_branches = []
    for cs in conj:
        rest = [c for c in cs if not any(c == x for x in common)]
        if not rest:
            return common  # one branch is just the common part: the OR is implied
        rest_branches.append(E.conjoin(rest))
    out = rest_branches[0]
    for b in rest_branches[1:]:
        out = E.Or(out, b)
    return common + [out]


def _disjuncts(e: E.Expression) -> list[E.Expression]:
    if isinstance(e, E.Or):
        return _disjuncts(e.left) + _disjuncts(e.right)
    return [e]


def _is_equi(c: E.Expression) -> bool:
    return isinstance(c, E.Comparison) and c.op == "=" and bool(c.left.references()) and bool(
        c.right.references())


def build_join_tree(relations: list[L.LogicalPlan],
                    conjuncts: list[E.Expression]) -> tuple[L.LogicalPlan, list[E.Expression]]:
    """Join `relations` using `conjuncts`; returns the tree and the conjuncts left for a
    filter above it (those naming no relation, e.g. outer references only)."""
    rels = list(relations)
    ids = [{a.expr_id for a in r.output} for r in rels]
    local: list[list[E.Expression]] = [[] for _ in rels]
    pending: list[tuple[E.Expression, set[int]]] = []
    top: list[E.Expression] = []
    for c in conjuncts:
        refs = {a.expr_id for a in c.references()}
        owners = {i for i, s in enumerate(ids) if refs & s}
        if len(owners) == 1:
            local[next(iter(owners))].append(c)
        elif not owners:
            top.append(c)
        else:
            pending.append((c, owners))
    for i, cs in enumerate(local):
        if cs:
            rels[i] = L.Filter(E.conjoin(cs), rels[i])
    joined = {0}
    plan = rels[0]
    remaining = list(range(1, len(rels)))
    while remaining:
        pick = None
        for i in remaining:
            if any(_is_equi(c) and i in owners and owners <= joined | {i}
                   for c, owners in pending):
                pick = i
                break
        if pick is None:
            pick = remaining[0]
        remaining.remove(pick)
        now = joined | {pick}
        conds = [c for c, owners in pending if pick in owners and owners <= now]
        pending = [(c, o) for c, o in pending if not (pick in o and o <= now)]
        plan = L.Join(plan, rels[pick], "inner" if conds else "cross", E.conjoin(conds))
        joined = now
    return plan, top + [c for c, _ in pending]
