"""QUALIFY (a filter on window functions, with select aliases), and fixes from the session 9
new-user probe (docs/probes/session9): a string cast to binary keeps its spaces, length of a
binary counts bytes, `SET k=true` reads back "true"; each against PySpark."""

from __future__ import annotations

import pytest

from tests.surface.conftest import assert_same_df

EMP = [("a", "x", 10), ("a", "y", 30), ("b", "z", 5), ("b", "w", 5), ("c", "v", 1)]

QUERIES = [
    "SELECT dept, name, sal FROM emp QUALIFY row_number() OVER (PARTITION BY dept ORDER BY "
    "sal DESC, name) = 1",
    "SELECT dept, name, row_number() OVER (PARTITION BY dept ORDER BY sal DESC, name) AS r "
    "FROM emp QUALIFY r = 1",
    "SELECT dept, name FROM emp QUALIFY rank() OVER (ORDER BY sal) <= 2",
    "SELECT * FROM emp QUALIFY count(*) OVER (PARTITION BY dept) > 1",
    "SELECT dept, sum(sal) s FROM emp GROUP BY dept QUALIFY rank() OVER (ORDER BY s DESC) = 1",
    "SELECT length(cast(name || '  ' AS binary)), hex(cast(' a ' AS binary)), "
    "length(encode('héllo', 'UTF-8')), length(X'0102') FROM emp",
]


@pytest.fixture(scope="module")
def sessions(spark, pyspark_session):
    for s in (spark, pyspark_session):
        s.createDataFrame(EMP, "dept string, name string, sal int").createOrReplaceTempView("emp")
    yield spark, pyspark_session
    for s in (spark, pyspark_session):
        s.catalog.dropTempView("emp")


@pytest.mark.parametrize("query", QUERIES)
def test_matches_pyspark(sessions, query):
    ours, theirs = sessions
    assert_same_df(ours.sql(query), theirs.sql(query))


def test_set_boolean_reads_back_lowercase(spark):
    try:
        spark.sql("SET spark.sql.ansi.enabled=false")
        assert spark.conf.get("spark.sql.ansi.enabled") == "false"
    finally:
        spark.sql("SET spark.sql.ansi.enabled=true")
    assert spark.conf.get("spark.sql.ansi.enabled") == "true"
