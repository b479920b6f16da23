"""constant_folding: evaluate expressions that do not depend on input rows.

    Filter: (l_shipdate <= CAST(1998-09-02 AS DATE))   =>   Filter: (l_shipdate <= DATE '1998-09-02')
    Project: [(1 + 2) AS x]                             =>   Project: [3 AS x]

Folding turns casts of literals into literals, which is what lets a pushed scan filter compare
a column with a constant against parquet min/max statistics. An expression that fails to
evaluate (a bad cast under ANSI, a division by zero) is left alone so the error surfaces when
the query runs, as without the optimizer.
"""

from __future__ import annotations

import datetime
import decimal

import pyarrow as pa

from dfengine import types as T
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

_FOLDABLE_TYPES = (T.BooleanType, T.ByteType, T.ShortType, T.IntegerType, T.LongType,
                   T.FloatType, T.DoubleType, T.StringType, T.DateType, T.DecimalType)
_PY = (bool, int, float, str, datetime.date, decimal.Decimal)


def fold(e: E.Expression) -> E.Expression | None:
    """The literal `e` evaluates to, or None when it can't or shouldn't be folded."""
    if isinstance(e, (E.Literal, E.Alias, E.SortOrder)) or not e.resolved:
        return None
    try:
        if not (e.foldable and e.deterministic):
            return None
        dtype = e.data_type
    except Exception:  # noqa: BLE001 - estimates and folding must never fail a query
        return None
    if not isinstance(dtype, _FOLDABLE_TYPES):
        return None
    from dfengine.compute.evaluate import evaluate_column
    from dfengine.types.arrow import int64_array

    try:  # the one-row table is built without pa.table, which would import pandas
        col = evaluate_column(e, pa.Table.from_arrays([int64_array([0])], names=["__one"]))
        value = col[0].as_py()
    except Exception:  # noqa: BLE001 - estimates and folding must never fail a query
        return None
    if value is not None and not isinstance(value, _PY):
        return None
    if isinstance(value, datetime.datetime):
        return None
    return E.Literal(value, dtype)


def _fold_tree(e: E.Expression) -> E.Expression:
    return e.transform_down(fold)


def constant_folding(plan: L.LogicalPlan) -> L.LogicalPlan:
    return plan.transform_up(lambda node: _fold_node(node))


def _may_fold(e: E.Expression) -> bool:
    """Whether some part of `e` is a constant that is not a literal yet: the rule runs twice
    over every node, and most expressions hold none."""
    if isinstance(e, E.Literal):
        return False
    if not isinstance(e, (E.Alias, E.SortOrder)) and e.foldable:
        return True
    return any(_may_fold(c) for c in e.children if isinstance(c, E.Expression))


def _fold_node(node: L.LogicalPlan) -> L.LogicalPlan | None:
    if not any(_may_fold(e) for e in node.expressions()):
        return None
    new = node.map_expressions(_fold_tree)
    return None if new == node else new
