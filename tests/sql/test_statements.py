"""Statements other than queries, parameters, output column names, and the plans SQL makes."""

from __future__ import annotations

import pytest

from dfengine.errors import AnalysisException
from dfengine.plan import logical as L
from dfengine.plan import subqueries as S


@pytest.fixture(scope="module")
def people(spark):
    spark.createDataFrame([(1, "ann", 30), (2, "bob", None), (3, "cy", 41)],
                          "id int, name string, age int").createOrReplaceTempView("people")
    spark.createDataFrame([(1, 10), (1, 11), (3, 12)], "pid int, amount int") \
        .createOrReplaceTempView("orders_s")
    return spark


def test_create_temp_view_and_replace(people):
    people.sql("create temp view adults as select * from people where age >= 18")
    assert sorted(r.id for r in people.sql("select id from adults").collect()) == [1, 3]
    people.sql("create or replace temporary view adults as select id from people where age > 35")
    assert [r.id for r in people.sql("select * from adults").collect()] == [3]
    with pytest.raises(Exception, match="already exists"):
        people.sql("create temp view adults as select 1")
    people.sql("drop view adults")
    assert "adults" not in [t.name for t in people.catalog.listTables()]


def test_create_view_with_a_column_list(people):
    """TPC-H Q15 as the specification writes it: `create view revenue0 (supplier_no,
    total_revenue) as ...`, then the query, then `drop view` (a temp view here: a persistent
    view may not read the temp view orders_s, as Spark refuses)."""
    with pytest.raises(AnalysisException, match="INVALID_TEMP_OBJ_REFERENCE"):
        people.sql("create view spend (who, total) as "
                   "select pid, sum(amount) as s from orders_s group by pid")
    people.sql("create temp view spend (who, total) as "
               "select pid, sum(amount) from orders_s group by pid")
    rows = people.sql("select who, total from spend where total = (select max(total) "
                      "from spend)").collect()
    assert [tuple(r) for r in rows] == [(1, 21)]
    assert people.sql("select * from spend").columns == ["who", "total"]
    people.sql("drop view spend")
    assert "spend" not in [t.name for t in people.catalog.listTables()]


def test_describe_and_show_tables(people):
    rows = people.sql("describe people").collect()
    assert [(r.col_name, r.data_type) for r in rows] == [
        ("id", "int"), ("name", "string"), ("age", "int")]
    tables = {r.tableName for r in people.sql("show tables").collect()}
    assert {"people", "orders_s"} <= tables


def test_explain(people):
    text = people.sql("explain select name from people where age > 1").collect()[0].plan
    assert "Physical Plan" in text
    ext = people.sql("explain extended select name from people where age > 1").collect()[0].plan
    assert "Analyzed Logical Plan" in ext and "Optimized Logical Plan" in ext


def test_parameters(people):
    assert people.sql("select name from people where id = :i", args={"i": 3}).collect()[0][0] \
        == "cy"
    assert people.sql("select name from people where id = ?", args=[1]).collect()[0][0] == "ann"


def test_output_names_follow_spark(people):
    df = people.sql("select id + 1, count(*), sum(age), upper(name), age as a, "
                    "cast(age as string) from people group by id, name, age")
    assert df.columns == ["(id + 1)", "count(1)", "sum(age)", "upper(name)", "a",
                          "age"]  # Spark names CAST(col AS t) after col


def test_multiple_statements_are_a_parse_error(people):
    """Spark's spark.sql() takes one statement (issue 15: it ran both and returned the last)."""
    from dfengine.errors import ParseException

    with pytest.raises(ParseException, match="PARSE_SYNTAX_ERROR"):
        people.sql("create or replace temp view x1 as select 1 as a; select a + 1 from x1")
    people.sql("create or replace temp view x1 as select 1 as a")
    assert people.sql("select a + 1 from x1;").collect()[0][0] == 2


def test_correlated_subqueries_are_joins_in_analyzed_plan(people):
    df = people.sql("select name from people p where exists "
                    "(select 1 from orders_s o where o.pid = p.id) "
                    "and age > (select min(amount) from orders_s where pid = p.id)")
    plan = df._plan
    joins = [n.how for n in plan.walk() if isinstance(n, L.Join)]
    assert "left_semi" in joins and "left" in joins
    assert not any(isinstance(x, S.SubqueryExpression)
                   for n in plan.walk() for e in n.expressions() for x in e.walk())
    assert sorted(r.name for r in df.collect()) == ["ann", "cy"]


def test_decorrelation_without_optimizer(people, conf):
    conf("dfengine.optimizer.enabled", "false")
    df = people.sql("select name from people p where not exists "
                    "(select 1 from orders_s o where o.pid = p.id)")
    assert [r.name for r in df.collect()] == ["bob"]
    df = people.sql("select name, (select sum(amount) from orders_s where pid = id) s "
                    "from people order by name")
    assert [(r.name, r.s) for r in df.collect()] == [("ann", 21), ("bob", None), ("cy", 12)]
    df = people.sql("select name, (select count(*) from orders_s where pid = id) c "
                    "from people order by name")
    assert [(r.name, r.c) for r in df.collect()] == [("ann", 2), ("bob", 0), ("cy", 1)]


def test_comma_join_becomes_join_tree(people):
    df = people.sql("select name, amount from people, orders_s where id = pid and age > 20")
    join = next(n for n in df._plan.walk() if isinstance(n, L.Join))
    assert join.how == "inner" and join.condition is not None
    # the single-table predicate sits on its relation, below the join
    assert any(isinstance(n, L.Filter) for n in join.left.walk())
    assert sorted(df.collect()) == sorted([("ann", 10), ("ann", 11), ("cy", 12)])


def test_dataframe_filter_and_selectexpr_share_translator(people):
    df = people.table("people")
    assert df.filter("age > 35").count() == 1
    assert df.selectExpr("upper(name) as n").columns == ["n"]
