"""PySpark's own docstring examples (expected output recorded by PySpark's authors) run against
dfengine. The regression set is the list of docstrings whose examples all pass
(tests/surface/pyspark_doctests_passing.txt, grown by `python -m benchmarks.pyspark_doctests
--update`); the harness, the triage of the failing ones and the counts live in
benchmarks/pyspark_doctests.py."""

from __future__ import annotations

import doctest

import pytest

from benchmarks.doctest_triage import Checker, classify, compare_output
from benchmarks.pyspark_doctests import MODULES, read_passing, run_docstring

PASSING = read_passing()


def test_regression_set_is_listed():
    assert len(PASSING) >= 280
    assert {m for m, _ in PASSING} <= set(MODULES)


@pytest.mark.parametrize(("module", "name"), PASSING, ids=[f"{m}.{n}" for m, n in PASSING])
def test_docstring_examples(spark, module, name):
    result = run_docstring(spark, MODULES[module], name)
    assert result["failed"] == 0, result["report"]


# ------------------------------------------------------------------ the triage is not vacuous

TABLE = "+---+-----+\n|  a|    b|\n+---+-----+\n|  1|x    |\n+---+-----+"


def test_triage_show_tables():
    renamed = TABLE.replace("|    b|", "|  b_1|")
    assert compare_output(TABLE, renamed) == "c"
    assert compare_output(TABLE, TABLE.replace("|  1|", "|  2|")) == "a"
    assert compare_output(TABLE, TABLE.replace("|  1|", "|1.0|")) == "c"  # number layout
    assert compare_output(TABLE, TABLE.replace("+\n|  1|x    |\n", "+\n")) == "a"  # rows lost
    elided = "+---------+\n|        e|\n+---------+\n|2.7182...|\n+---------+"
    full = "+-----------------+\n|                e|\n+-----------------+\n|2.718281828459045|\n" \
           "+-----------------+"
    assert Checker().check_output(elided, full, doctest.NORMALIZE_WHITESPACE)
    assert not Checker().check_output(elided, full.replace("2.718", "3.718"), 0)


def test_triage_literals_and_schema():
    assert compare_output("[Row(a=1, b='x')]", "[Row(x=1, y='x')]") == "c"
    assert compare_output("[Row(a=1)]", "[Row(a=1.0)]") == "a"  # another type
    assert compare_output("[Row(a=1)]", "[Row(a=-1)]") == "a"
    assert compare_output("Column<'abs(a)'>", "Column<'ABS(a)'>") == "c"
    schema = "root\n |-- a: long (nullable = true)\n"
    assert compare_output(schema, schema.replace("a:", "b:")) == "c"
    assert compare_output(schema, schema.replace("long", "int")) == "a"


def test_triage_errors():
    ok = doctest.Example("f()\n", "1\n")
    assert classify(ok, "error", "AnalysisException: [UNRESOLVED_ROUTINE] f") == "b"
    assert classify(ok, "fail", "1\n", name="rand") == "d"
    refuses = doctest.Example("f()\n", "Traceback (most recent call last):\n    ...\n"
                              "pyspark.errors.SparkRuntimeException: [X_Y] bad\n",
                              exc_msg="pyspark.errors.SparkRuntimeException: [X_Y] bad\n")
    assert classify(refuses, "fail", "1\n") == "a"  # accepted what PySpark refuses
    assert classify(refuses, "fail", "dfengine.errors.AnalysisException: [Z] bad\n") == "e"
    checker = Checker()
    assert checker.check_output(refuses.exc_msg, "dfengine.errors.SparkRuntimeException: [X_Y] other\n", 0)
    assert not checker.check_output(refuses.exc_msg, "dfengine.errors.SparkRuntimeException: [Z] bad\n", 0)
