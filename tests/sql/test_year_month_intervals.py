"""Year-month intervals against PySpark: literals, arithmetic (with dates, timestamps, each
other and numbers), comparisons, extract, sum/avg, make_ym_interval, their text (cast, show)
and their errors. PySpark 4 cannot collect one (NOT_IMPLEMENTED), so values are compared as
strings and the collect itself must fail the same way."""

from __future__ import annotations

import pytest

from tests.surface.conftest import assert_same_df

ROWS = "values (interval 1 month, 2, 1.5D), (interval '-1-5' year to month, -3, 0.25D), " \
       "(interval 2 year, 0, -2.5D), (null, 1, null) as t(i, n, x)"

QUERIES = [
    "select cast(interval 1 year + interval 13 months as string)",
    "select cast(interval '1-2' year to month * 2 as string), cast(interval 1 year / 2 as string)",
    "select cast(interval 3 months as string), cast(interval '2' year as string), "
    "cast(interval '-1-3' year to month as string), cast(-interval 1 month as string)",
    "select date '2020-01-31' + interval 1 month, date '2020-03-31' - interval '1' year, "
    "timestamp '2020-01-31 10:00:00' + interval 2 months",
    "select interval 1 year > interval 11 months, interval 12 months = interval 1 year",
    "select extract(year from interval '-1-2' year to month), "
    "extract(month from interval '-1-2' year to month)",
    f"select cast(i as string), cast(i * n as string), cast(i * x as string), "
    f"cast(n * i as string), cast(-i as string), extract(year from i), extract(month from i), "
    f"date '2021-03-31' + i, date '2021-03-31' - i, i > interval 1 month from {ROWS}",
    f"select cast(i / 4 as string), cast(i / x as string) from {ROWS} where n <> 0",
    f"select cast(sum(i) as string), cast(avg(i) as string), cast(max(i) as string) from {ROWS}",
    "select cast(make_ym_interval(y, m) as string), cast(make_ym_interval(y) as string) "
    "from values (1, 2), (0, -14), (null, 1) as t(y, m)",
    "select cast(timestamp '2021-01-31 10:00:00' + make_ym_interval(0, 1) as string)",
]

ERRORS = [
    "select interval 1 year + interval 13 months",  # PySpark cannot collect one
    "select make_ym_interval(1, 2)",
    "select interval 178956970 year + interval 8 months",
    "select cast(interval 1 year / 0 as string)",
    "select interval 1 year + interval 1 day",
    "select interval '1-12' year to month",
]


@pytest.mark.parametrize("query", QUERIES)
def test_matches_pyspark(spark, pyspark_session, query):
    assert_same_df(spark.sql(query), pyspark_session.sql(query))


def _error(session, query):
    try:
        session.sql(query).collect()
    except Exception as e:  # noqa: BLE001 - the class is what is compared
        return type(e).__name__
    return None


@pytest.mark.parametrize("query", ERRORS)
def test_errors_match_pyspark(spark, pyspark_session, query):
    theirs = _error(pyspark_session, query)
    assert theirs is not None
    assert _error(spark, query) == theirs


def test_show_and_schema_match_pyspark(spark, pyspark_session, capsys):
    query = ("select interval '1-2' year to month as a, interval 3 month b, "
             "interval '-2' year c, make_ym_interval(2) d")
    for session in (pyspark_session, spark):
        session.sql(query).show()
    theirs, ours = capsys.readouterr().out.split("\n\n")[:2]
    assert ours.strip() == theirs.strip()
    assert spark.sql(query).dtypes == pyspark_session.sql(query).dtypes
