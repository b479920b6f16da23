"""UDFs called with keyword arguments (PySpark 4): the function gets them by name and the
column is named `f(b => (id * 10), a => id)`, for row, pandas and grouped-aggregate UDFs."""

from __future__ import annotations

import pandas as pd


def _udfs(F):
    @F.udf("int")
    def calc(a, b):
        return a + 10 * b

    @F.pandas_udf("double")
    def pcalc(a: pd.Series, b: pd.Series) -> pd.Series:
        return a + 10 * b

    @F.pandas_udf("double")
    def wmean(v: pd.Series, w: pd.Series) -> float:
        return float((v * w).sum() / w.sum())

    return calc, pcalc, wmean


def _queries(session, F):
    calc, pcalc, wmean = _udfs(F)
    df = session.createDataFrame([(1, 1.0, 2.0), (1, 2.0, 1.0), (2, 3.0, 1.0)],
                                 "id long, v double, w double")
    return [session.range(2).select(calc(b=F.col("id") * 10, a=F.col("id"))),
            session.range(2).select(calc(F.col("id"), b=F.col("id"))),
            df.select(pcalc(b=df.w, a=df.v)),
            df.groupBy("id").agg(wmean(w=df.w, v=df.v)).orderBy("id")]


def test_keyword_arguments_match_pyspark(spark, pyspark_session):
    import pyspark.sql.functions as PF

    import dfengine.sql.functions as DF

    for ours, theirs in zip(_queries(spark, DF), _queries(pyspark_session, PF)):
        assert ours.columns == theirs.columns
        assert [tuple(r) for r in ours.collect()] == [tuple(r) for r in theirs.collect()]
