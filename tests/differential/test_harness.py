"""The comparison rules themselves: a harness that calls different answers equal would make
every differential test pass vacuously."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .harness import Raised, RowValue, Table, explain_difference, normalize, values_equal


class _FakeRow(tuple):
    """Stands in for an engine's Row: a tuple with field names and asDict."""

    __fields__ = ("a", "b")

    def asDict(self):
        return dict(zip(self.__fields__, self))


def test_float_tolerance_and_nan() -> None:
    assert values_equal(0.1 + 0.2, 0.3)
    assert not values_equal(1.0, 1.0 + 1e-6)
    assert values_equal(float("nan"), float("nan"))
    assert not values_equal(float("nan"), None)
    assert values_equal(None, None)
    assert not values_equal(0.0, None)


def test_bool_is_not_a_number_and_strict_kinds() -> None:
    assert not values_equal(True, 1)
    assert values_equal(1, 1.0)
    assert not values_equal(1, 1.0, strict=True)
    assert not values_equal(Decimal("1.50"), 1.5, strict=True)
    assert values_equal(Decimal("1.50"), Decimal("1.5"), strict=True)
    assert not values_equal(dt.date(2020, 1, 1), dt.datetime(2020, 1, 1))


def test_unordered_tables_compare_as_multisets() -> None:
    a = Table(("k", "v"), ((1, "x"), (None, "y"), (1, "x")))
    b = Table(("k", "v"), ((None, "y"), (1, "x"), (1, "x")))
    assert explain_difference(a, b, ordered=False) is None
    assert "row 0 differs" in explain_difference(a, b, ordered=True)
    c = Table(("k", "v"), ((None, "y"), (1, "x")))
    assert "row count" in explain_difference(a, c, ordered=False)
    d = Table(("k", "w"), a.rows)
    assert "columns differ" in explain_difference(a, d, ordered=False)


def test_errors_compare_by_class_name() -> None:
    assert explain_difference(Raised("AnalysisException", "x"), Raised("AnalysisException", "y"),
                              ordered=False) is None
    assert explain_difference(Raised("AnalysisException", ""), Raised("KeyError", ""), False)
    assert explain_difference(Raised("AnalysisException", ""), Table((), ()), False)


def test_rows_keep_field_names_and_text_diff_shows_whitespace() -> None:
    assert normalize(_FakeRow((1, "s"))) == RowValue(("a", "b"), (1, "s"))
    assert not values_equal(RowValue(("a", "b"), (1, 2)), RowValue(("a", "c"), (1, 2)))
    diff = explain_difference("+-+\n\n", "+-+\n", ordered=True)
    assert diff is not None and "'\\n'" in diff
