"""Semi/anti join probes whose residual is `a <> b` (TPC-H Q21: `l2.l_suppkey <> l1.l_suppkey`).

The general path assembles every key-matching pair to evaluate the residual: for Q21's
lineitem self-join that is every pair of lines of one order, tens of seconds at SF10. For an
inequality no pair is needed: a left row with value `a` has a partner of the same keys with a
different, non-null `b` exactly when that key's non-null `b` values are not all `a`, i.e. when
their minimum or maximum differs from `a`. So the right side shrinks to one row per key
(min, max of `b`) before the probe, and the probe yields one pair per matched left row.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dfengine.plan.expressions import AttributeReference, Comparison, Expression, Not


def _ordered(t: pa.DataType) -> bool:
    """Types whose min/max and `=` agree with Spark's equality (no NaN, no collation)."""
    return (pa.types.is_integer(t) or pa.types.is_date(t) or pa.types.is_string(t)
            or pa.types.is_large_string(t) or pa.types.is_decimal(t))


def _compared(residual: Expression) -> tuple[Expression, Expression] | None:
    inner = residual.child if isinstance(residual, Not) else None
    if isinstance(inner, Comparison) and inner.op == "=":
        return inner.left, inner.right
    if isinstance(residual, Comparison) and residual.op == "!=":
        return residual.left, residual.right
    return None


def unequal_columns(residual: Expression | None, left: pa.Table,
                    right: pa.Table) -> tuple[str, str] | None:
    """(left column, right column) when `residual` is `l <> r` over plain columns of the same
    orderable type, one from each side; else None (the general path applies)."""
    sides = _compared(residual) if residual is not None else None
    if sides is None or not all(isinstance(s, AttributeReference) for s in sides):
        return None
    lnames, rnames = set(left.column_names), set(right.column_names)
    a, b = (s.key for s in sides)  # type: ignore[union-attr]
    if a in rnames or b in lnames:
        a, b = b, a
    if a not in lnames or b not in rnames or a in rnames or b in lnames:
        return None
    ta, tb = left.schema.field(a).type, right.schema.field(b).type
    if ta != tb or not _ordered(ta):
        return None
    return a, b


def per_key_bounds(right: pa.Table, rkeys: list[str], col: str) -> pa.Table:
    """One row per key of `right` (columns k0, k1, ...): the min and max of its non-null
    `col` values (v_min, v_max)."""
    keys = [f"k{i}" for i in range(len(rkeys))]
    value = right.column(col)
    kept = pa.Table.from_arrays([right.column(k) for k in rkeys] + [value], names=[*keys, "v"])
    kept = kept.filter(pc.is_valid(value))
    return kept.group_by(keys, use_threads=False).aggregate([("v", "min"), ("v", "max")])


def unequal_matches(left: pa.Table, right: pa.Table, lkeys: list[str], rkeys: list[str],
                    index: object, cols: tuple[str, str]) -> np.ndarray:
    """Row numbers of `left` with a right row of equal keys and a different, non-null value
    (`index` is a prebuilt `JoinIndex` of `left`, or None)."""
    from dfengine.execution.operators.join import left_rows_matched, matching_pairs

    lcol, rcol = cols
    if index is not None:  # group only the right rows whose keys the left side holds
        right = right.filter(pa.array(left_rows_matched(right, left, rkeys, lkeys, index)))
    bounds = per_key_bounds(right, rkeys, rcol)
    bkeys = [f"k{i}" for i in range(len(rkeys))]
    li, ri = matching_pairs(left, bounds, lkeys, bkeys, index)  # type: ignore[arg-type]
    if not len(li):
        return li
    a = left.column(lcol).take(pa.array(li))
    lo, hi = bounds.column("v_min").take(pa.array(ri)), bounds.column("v_max").take(pa.array(ri))
    differs = pc.or_(pc.not_equal(lo, a), pc.not_equal(hi, a))
    keep = np.asarray(pc.fill_null(differs, False).to_numpy(zero_copy_only=False), dtype=bool)
    return np.unique(li[keep])
