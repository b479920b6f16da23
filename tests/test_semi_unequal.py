"""Semi/anti joins with an `a <> b` residual (TPC-H Q21's shape) take the per-key min/max
probe instead of assembling pairs: the rows kept must be exactly those a nested loop in plain
Python keeps under SQL's three-valued logic (a NULL on either side never differs)."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from dfengine import types as T
from dfengine.execution.operators.join import JoinIndex, hash_join
from dfengine.execution.operators.semi_unequal import unequal_columns
from dfengine.execution.physical import semi_matches
from dfengine.plan.expressions import AttributeReference, Comparison, Not

_LK, _LV = AttributeReference("k", T.LongType(), expr_id=1), AttributeReference(
    "v", T.LongType(), expr_id=2)
_RK, _RV = AttributeReference("k", T.LongType(), expr_id=3), AttributeReference(
    "v", T.LongType(), expr_id=4)
_NE = Not(Comparison("=", _RV, _LV))  # written right-first: either order must be found

_vals = st.one_of(st.none(), st.integers(0, 3))
_rows = st.lists(st.tuples(_vals, _vals), max_size=25)


def _table(rows, k, v):
    return pa.table({k.key: pa.array([r[0] for r in rows], pa.int64()),
                     v.key: pa.array([r[1] for r in rows], pa.int64())})


def _oracle(lrows, rrows) -> list[int]:
    return [i for i, (k, v) in enumerate(lrows) if k is not None and v is not None and any(
        rk == k and rv is not None and rv != v for rk, rv in rrows)]


@settings(max_examples=30, deadline=None)
@given(_rows, _rows)
def test_semi_and_anti_with_an_inequality_match_a_nested_loop(lrows, rrows):
    left, right = _table(lrows, _LK, _LV), _table(rrows, _RK, _RV)
    assert unequal_columns(_NE, left, right) == (_LV.key, _RV.key)
    want = _oracle(lrows, rrows)
    semi = hash_join(left, right, [_LK.key], [_RK.key], "left_semi", _NE)
    anti = hash_join(left, right, [_LK.key], [_RK.key], "left_anti", _NE)
    rows = list(zip(*(c.to_pylist() for c in left.columns)))
    assert sorted(zip(*(c.to_pylist() for c in semi.columns))) == sorted(rows[i] for i in want)
    assert anti.num_rows == len(lrows) - len(want)
    index = JoinIndex(left, [_LK.key])
    assert list(semi_matches([_LK.key], [_RK.key], _NE, index, right)) == want


def test_other_residuals_keep_the_general_path():
    left, right = _table([(1, 1)], _LK, _LV), _table([(1, 2)], _RK, _RV)
    assert unequal_columns(Comparison("<", _LV, _RV), left, right) is None
    assert unequal_columns(Not(Comparison("=", _LV, _LK)), left, right) is None
    as_double = right.set_column(1, _RV.key, right.column(1).cast(pa.float64()))
    assert unequal_columns(_NE, left, as_double) is None
