"""spark.sql(text, **kwargs): DataFrames, columns and values formatted into the text as PySpark.

Oracle: the same query written out by hand (PySpark's SQLStringFormatter rules: a DataFrame
is a temporary view, a column its quoted name, a string a quoted literal)."""

import pytest

from dfengine.errors import PySparkValueError
from dfengine.sql import functions as F


@pytest.fixture
def people(spark):
    return spark.createDataFrame([(1, "O'Neil", 30), (2, "ann", 40), (3, "bob", None)],
                                 ["id", "the name", "age"])


def test_dataframe_column_and_values(spark, people):
    got = spark.sql("SELECT {c}, age FROM {df} WHERE age > {lo} OR {c} = {name} ORDER BY id",
                    df=people, c=people["the name"], lo=35, name="O'Neil").collect()
    people.createOrReplaceTempView("hand_people")
    want = spark.sql("SELECT `the name`, age FROM hand_people "
                     "WHERE age > 35 OR `the name` = 'O\\'Neil' ORDER BY id").collect()
    assert [tuple(r) for r in got] == [tuple(r) for r in want] == [("O'Neil", 30), ("ann", 40)]


def test_same_frame_twice_is_one_view_and_views_are_dropped(spark, people):
    before = {t.name for t in spark.catalog.listTables()}
    out = spark.sql("SELECT count(*) AS n FROM {a} x JOIN {a} y ON x.id = y.id", a=people)
    assert out.collect()[0].n == 3
    assert {t.name for t in spark.catalog.listTables()} == before


def test_attribute_fields_as_in_pyspark_docs(spark, people):
    row = spark.sql("SELECT max({df.age}) AS m, {c} FROM {df} GROUP BY 2 ORDER BY 2",
                    df=people, c=F.col("id")).first()
    assert (row.m, row.id) == (30, 1)


def test_expression_is_not_a_plain_column(spark, people):
    with pytest.raises(PySparkValueError, match="VALUE_NOT_PLAIN_COLUMN_REFERENCE"):
        spark.sql("SELECT {c} FROM {df}", c=people.age + 1, df=people)
