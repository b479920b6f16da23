"""The column names Spark gives `x +/- INTERVAL n unit` (the unit as written, a date plus
whole days as date_add(..., extractansiintervaldays(...))), against PySpark."""

from __future__ import annotations

import pytest

EXPRESSIONS = [
    "timestamp'2020-01-01 00:00:00' + interval 36 hours",
    "timestamp'2020-01-01 00:00:00' - interval 2 hours",
    "date'2020-03-01' - interval 1 day",
    "date'2020-03-01' + interval 3 days",
    "date'2020-03-01' + interval 1 week",
    "timestamp'2020-01-01 00:00:00' + interval 3 days",
    "date'2020-03-01' + interval 2 hours",
    "timestamp'2020-01-01 00:00:00' + interval 90 minutes",
    "timestamp'2020-01-01 00:00:00' - interval 10 seconds",
    "date'2020-03-01' + interval '1 day'",
    "date'2020-01-31' + interval 1 month",
    "date'2020-01-31' - interval '1-2' year to month",
]


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_names_and_values_match_pyspark(spark, pyspark_session, expr):
    ours, theirs = (s.sql(f"select {expr}") for s in (spark, pyspark_session))
    assert ours.columns == theirs.columns
    assert ours.collect() == theirs.collect()
