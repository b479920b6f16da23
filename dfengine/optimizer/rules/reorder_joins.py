"""reorder_joins: greedy join ordering of inner-join chains from estimated sizes.

    Join: inner, (l_suppkey = s_suppkey)              Project: [...original column order...]
      Join: inner, (c_custkey = o_custkey)              Join: inner, (l_suppkey = s_suppkey)
        Join: inner, (l_orderkey = o_orderkey)   =>       Join: inner, (l_orderkey = o_orderkey)
          Scan lineitem                                     Join: inner, (c_custkey = o_custkey)
          Scan orders  pushed=[o_orderdate < ...]             Scan customer pushed=[...]
        Scan customer  pushed=[c_mktsegment = ...]            Scan orders pushed=[...]
      Scan supplier                                       Scan lineitem
                                                        Scan supplier

A chain of inner/cross joins (no hints) is flattened into its inputs and the conjuncts of all
its conditions. From each connected pair of inputs, a greedy left-deep order grows by
repeatedly adding the input, among those connected to what is joined so far by a condition,
that keeps the next intermediate result smallest ("smallest intermediate first"); of these
orders the one with the smallest sum of estimated intermediate sizes wins (starting from the
single smallest pair alone is myopic: in TPC-H Q9 it joins supplier x nation first and then
has to take all of lineitem before the selective part filter). An input with no condition
linking it is added only when no connected one is left, so there is never a cross product
while a connected order exists. Each conjunct
goes on the lowest join that has all its columns. A Project restores the original column
order. Chains of two inputs, and chains where an input has no estimate, are left alone.
"""

from __future__ import annotations

from dfengine.optimizer.expr_utils import output_ids, ref_ids
from dfengine.optimizer.statistics import Stats, estimate
from dfengine.plan import expressions as E
from dfengine.plan import logical as L


def _flatten(node: L.LogicalPlan, leaves: list[L.LogicalPlan], conds: list[E.Expression]) -> None:
    if isinstance(node, L.Join) and node.how in ("inner", "cross") and not node.hint:
        _flatten(node.left, leaves, conds)
        _flatten(node.right, leaves, conds)
        if node.condition is not None:
            conds.extend(E.split_conjuncts(node.condition))
    else:
        leaves.append(node)


def _join(left: L.LogicalPlan, right: L.LogicalPlan, pending: list[E.Expression]) -> tuple[
        L.Join, list[E.Expression]]:
    ids = output_ids(left) | output_ids(right)
    here = [c for c in pending if ref_ids(c) <= ids]
    rest = [c for c in pending if c not in here]
    cond = E.conjoin(here)
    return L.Join(left, right, "inner" if cond is not None else "cross", cond), rest


def _connected(a: set[int], b: set[int], conds: list[E.Expression]) -> bool:
    for c in conds:
        r = ref_ids(c)
        if r & a and r & b and r <= a | b:
            return True
    return False


def _size(plan: L.LogicalPlan) -> tuple[float, float]:
    s: Stats | None = estimate(plan)
    return (float("inf"), float("inf")) if s is None else (s.rows, s.bytes)


def _greedy(leaves: list[L.LogicalPlan], ids: list[set[int]], conds: list[E.Expression],
            a: int, b: int) -> tuple[float, list[int], L.LogicalPlan, list[E.Expression]]:
    """The left-deep order growing from the pair (a, b), always adding the connected input that
    keeps the next intermediate result smallest; returns (cost, order, plan, unused conds)."""
    current, pending = _join(leaves[a], leaves[b], conds)
    cost = _size(current)[0]
    remaining = [k for k in range(len(leaves)) if k not in (a, b)]
    order = [a, b]
    while remaining:
        cur_ids = output_ids(current)
        connected = [k for k in remaining if _connected(cur_ids, ids[k], pending)]
        pool = connected or remaining
        choice = min(pool, key=lambda k: (_size(_join(current, leaves[k], pending)[0]), k))
        current, pending = _join(current, leaves[choice], pending)
        remaining.remove(choice)
        order.append(choice)
        if remaining:  # the final result is the same for every order: don't count it
            cost += _size(current)[0]
    return cost, order, current, pending


def reorder(leaves: list[L.LogicalPlan], conds: list[E.Expression]) -> L.LogicalPlan | None:
    ids = [output_ids(x) for x in leaves]
    best = None
    for i in range(len(leaves)):
        for j in range(i + 1, len(leaves)):
            if not _connected(ids[i], ids[j], conds):
                continue
            # The larger input goes left (probe side); the planner broadcasts the right.
            a, b = (i, j) if _size(leaves[i]) >= _size(leaves[j]) else (j, i)
            run = _greedy(leaves, ids, conds, a, b)
            if best is None or run[0] < best[0]:
                best = run
    if best is None:
        return None
    _, order, current, pending = best
    if order == list(range(len(leaves))):
        return None
    if pending:
        current = L.Filter(E.conjoin(pending), current)
    return current


def reorder_joins(plan: L.LogicalPlan) -> L.LogicalPlan:
    def go(node: L.LogicalPlan) -> L.LogicalPlan:
        if isinstance(node, L.Join) and node.how in ("inner", "cross") and not node.hint:
            leaves: list[L.LogicalPlan] = []
            conds: list[E.Expression] = []
            _flatten(node, leaves, conds)
            leaves = [go(x) for x in leaves]
            if len(leaves) > 2 and all(estimate(x) is not None for x in leaves):
                new = reorder(leaves, conds)
                if new is not None:
                    return L.Project(tuple(node.output), new)
            return node if len(leaves) <= 2 and not _changed(node, leaves) else _rebuild(
                node, leaves)
        return node.map_children(go)

    return go(plan)


def _changed(node: L.LogicalPlan, leaves: list[L.LogicalPlan]) -> bool:
    old: list[L.LogicalPlan] = []
    _flatten(node, old, [])
    return any(a is not b for a, b in zip(old, leaves))


def _rebuild(node: L.LogicalPlan, leaves: list[L.LogicalPlan]) -> L.LogicalPlan:
    """`node`'s join tree with its inputs replaced (in flattening order) by `leaves`."""
    it = iter(leaves)

    def rec(n: L.LogicalPlan) -> L.LogicalPlan:
        if isinstance(n, L.Join) and n.how in ("inner", "cross") and not n.hint:
            return L.Join(rec(n.left), rec(n.right), n.how, n.condition, n.hint)
        return next(it)

    return rec(node)
