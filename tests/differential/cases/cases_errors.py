"""User errors: both engines must raise the same PySpark exception class, and dfengine's
message must name what was wrong."""

from __future__ import annotations

from ..harness import case
from .data import people


@case(error="AnalysisException", mentions=("nosuchcol",))
def case_select_unknown_column(spark, F, T, tmp_path):
    return people(spark).select("nosuchcol")


@case(error="AnalysisException", mentions=("agee",))
def case_filter_unknown_column(spark, F, T, tmp_path):
    return people(spark).where(F.col("agee") > 1)


@case(error="AnalysisException", mentions=("missing_k",))
def case_groupby_unknown_column(spark, F, T, tmp_path):
    return people(spark).groupBy("missing_k").count()


@case(error="AnalysisException", mentions=("does_not_exist",))
def case_read_missing_path(spark, F, T, tmp_path):
    return spark.read.parquet(str(tmp_path / "does_not_exist"))


@case(error="AnalysisException", mentions=("zzz",))
def case_select_expr_unknown_column(spark, F, T, tmp_path):
    return people(spark).selectExpr("zzz + 1")
