"""LATERAL subqueries, GROUP BY ALL and correlated scalar subqueries whose correlation is not
an equality (decorrelated through a domain join), each against PySpark on the same rows."""

from __future__ import annotations

import pytest

from tests.surface.conftest import assert_same_df

T_ROWS = [(1, 2), (2, 3), (3, None), (None, 5), (2, 7)]
S_ROWS = [(1, 10), (1, 11), (2, 20), (4, 40), (None, 50)]

QUERIES = [
    # LATERAL: a select list over the outer row, correlated WHERE, LEFT JOIN, one aggregate
    "select a, y from t, lateral (select a * 2 as y)",
    "select * from t, lateral (select a * 2 as y, b + 1 as z)",
    "select t.a, x.y from t, lateral (select t.a * 2 as y) x",
    "select t.a, x.v from t, lateral (select v from s where s.k = t.a) x",
    "select t.a, x.v from t left join lateral (select v from s where s.k = t.a) x",
    "select t.a, x.m, x.c from t, lateral (select max(v) m, count(*) c from s where s.k = t.a) x",
    "select t.a, x.c from t, lateral (select count(*) c from s where s.k > t.a) x",
    "select t.a, y from t, lateral (select v + t.a as y from s where s.k = t.a)",
    "select t.a, x.v from t join lateral (select v from s where s.k >= t.a) x on x.v > 15",
    "select * from t, lateral (select * from s) where a = k",
    # GROUP BY ALL: every select item without an aggregate
    "select a, count(*) from t group by all",
    "select a, b + 1, sum(b) from t group by all",
    "select count(*), sum(b) from t group by all",
    "select upper(cast(a as string)) u, count(*) c from t group by all",
    # correlated scalar subqueries beyond equality; COUNT over no rows is 0 inside expressions
    "select a, (select count(*) from t t2 where t2.a > t.a) from t",
    "select a, (select sum(b) from t t2 where t2.a > t.a) s from t",
    "select a, (select max(b) from t t2 where t2.a >= t.a and t2.b <> t.b) m from t",
    "select a, b from t where b > (select avg(b) from t t2 where t2.a < t.a)",
    "select a, (select count(*) + 1 from t t2 where t2.a > t.a) c from t",
    "select a, (select count(*) from t t2 where t2.a > t.a or t.a is null) c from t",
    "select a, (select count(b) from t t2 where t2.a = t.a and t2.b > t.b) c from t",
    "select a, (select count(*) * 2 from s where s.k = t.a) c from t",
]


@pytest.fixture(scope="module")
def sessions(spark, pyspark_session):
    for session in (spark, pyspark_session):
        session.createDataFrame(T_ROWS, "a int, b int").createOrReplaceTempView("t")
        session.createDataFrame(S_ROWS, "k int, v int").createOrReplaceTempView("s")
    yield spark, pyspark_session
    for session in (spark, pyspark_session):
        for name in ("t", "s"):
            session.catalog.dropTempView(name)


@pytest.mark.parametrize("query", QUERIES)
def test_matches_pyspark(sessions, query):
    ours, theirs = sessions
    assert_same_df(ours.sql(query), theirs.sql(query))
