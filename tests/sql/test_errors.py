"""User errors in SQL: ParseException with line, column and a caret; AnalysisException naming
the unknown table/column/function with the closest candidates."""

from __future__ import annotations

import pytest

from dfengine.errors import AnalysisException, ParseException


@pytest.fixture(scope="module")
def emp(spark):
    spark.createDataFrame([(1, 2, "x")], "salary int, dept int, name string") \
        .createOrReplaceTempView("emp")
    return spark


def test_syntax_error_has_line_column_and_caret(emp):
    with pytest.raises(ParseException) as info:
        emp.sql("select salary from\nemp where salary >")
    e = info.value
    assert (e.line, e.column) == (2, 18)
    text = str(e)
    assert "== SQL ==" in text
    lines = text.splitlines()
    at = lines.index("emp where salary >")
    assert lines[at + 1].index("^") == len("emp where salary ")


def test_syntax_error_first_line(emp):
    with pytest.raises(ParseException) as info:
        emp.sql("select a from emp where (b = 1")
    assert info.value.line == 1
    assert "^" in str(info.value)


def test_unknown_column_suggests(emp):
    with pytest.raises(AnalysisException) as info:
        emp.sql("select slary from emp")
    msg = str(info.value)
    assert "`slary`" in msg and "`salary`" in msg
    assert info.value.getErrorClass() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"


def test_unknown_column_in_where_and_order(emp):
    with pytest.raises(AnalysisException, match="`dpt`"):
        emp.sql("select salary from emp where dpt = 1")
    with pytest.raises(AnalysisException, match="`nme`"):
        emp.sql("select salary from emp order by nme")


def test_unknown_table_suggests(emp):
    with pytest.raises(AnalysisException) as info:
        emp.sql("select * from empp")
    msg = str(info.value)
    assert "`empp`" in msg and "emp" in msg.split("`empp`")[1]
    assert info.value.getErrorClass() == "TABLE_OR_VIEW_NOT_FOUND"


def test_unknown_function(emp):
    with pytest.raises(AnalysisException, match="foo"):
        emp.sql("select foo(salary) from emp")


def test_missing_aggregation(emp):
    with pytest.raises(AnalysisException, match="MISSING_AGGREGATION"):
        emp.sql("select dept, sum(salary), name from emp group by dept")


def test_scalar_subquery_with_two_columns(emp):
    with pytest.raises(AnalysisException, match="one column"):
        emp.sql("select salary from emp where (select 1, 2) > 1")


def test_union_column_count(emp):
    with pytest.raises(AnalysisException, match="same number of columns"):
        emp.sql("select salary from emp union select salary, dept from emp")


def test_order_by_position_out_of_range(emp):
    with pytest.raises(AnalysisException, match="position 3"):
        emp.sql("select salary, dept from emp order by 3")


def test_unbound_parameter(emp):
    with pytest.raises(AnalysisException, match="UNBOUND_SQL_PARAMETER"):
        emp.sql("select salary from emp where dept = :d")
