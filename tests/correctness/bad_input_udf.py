"""Bad-input cases for Python UDFs as users misuse them: a return value of another kind than
the declared type (PySpark 4's Arrow-optimized UDFs convert some and refuse others), NaN,
pandas UDFs that return the wrong length or columns (PySpark raises PythonException from its
worker, which `except PythonException` must catch). Registered in bad_input_api.CASES."""

from __future__ import annotations

import datetime as dt

import pandas as pd  # the pandas UDF's type hints name it (PySpark resolves them here)

from .bad_input_api import CASES, case

RETURNS = {  # case name -> (function of the id, declared type)
    "u_udf_bool_declared_int": (lambda x: True, "int"),
    "u_udf_float_declared_decimal": (lambda x: 1.5, "decimal(5,2)"),
    "u_udf_text_declared_date": (lambda x: "2020-01-01", "date"),
    "u_udf_date_declared_date": (lambda x: dt.date(2020, 1, 1), "date"),
    "u_udf_text_declared_array": (lambda x: "ab", "array<string>"),
    "u_udf_list_declared_string": (lambda x: [1], "string"),
    "u_udf_int_declared_boolean": (lambda x: 1, "boolean"),
    "u_udf_int_declared_float": (lambda x: 2, "float"),
    "u_udf_nan_declared_float": (lambda x: float("nan"), "float"),
    "u_udf_nan_declared_double": (lambda x: float("nan"), "double"),
    "u_udf_numeric_text_declared_long": (lambda x: "12", "bigint"),
    "u_udf_text_declared_double": (lambda x: "x", "double"),
    "u_udf_bytes_declared_binary": (lambda x: b"ab", "binary"),
    "u_udf_text_declared_binary": (lambda x: "ab", "binary"),
    "u_udf_datetime_declared_timestamp": (lambda x: dt.datetime(2020, 1, 1, 2), "timestamp"),
    "u_udf_none_declared_int": (lambda x: None, "int"),
}
for _name, (_fn, _type) in RETURNS.items():
    CASES[_name] = lambda spark, F, T, tmp, f=_fn, t=_type: spark.range(2).select(
        F.udf(f, t)("id").alias("u"))


def _frame(spark):
    return spark.createDataFrame([(1, "a", 1.5), (2, None, None), (3, "c", 3.0)],
                                 "i int, s string, d double")


@case
def u_pandas_udf_wrong_length(spark, F, T, tmp):
    @F.pandas_udf("long")
    def first_only(v: pd.Series) -> pd.Series:
        return v.iloc[:1]

    return _frame(spark).select(first_only("i"))


@case
def u_apply_in_pandas_missing_column(spark, F, T, tmp):
    return _frame(spark).groupBy("s").applyInPandas(lambda p: p[["i"]], "i int, s string")


@case
def u_apply_in_pandas_extra_column(spark, F, T, tmp):
    return _frame(spark).groupBy("s").applyInPandas(lambda p: p, "i int, s string")


@case
def u_apply_in_pandas_not_a_frame(spark, F, T, tmp):
    return _frame(spark).groupBy("s").applyInPandas(lambda p: 5, "i int")


@case
def u_udf_on_null_input(spark, F, T, tmp):
    return _frame(spark).select(F.udf(lambda x: len(x), "int")("s"))


@case
def u_udf_registered_wrong_arg_kind(spark, F, T, tmp):
    spark.udf.register("plus_one_bad", lambda x: x + 1, "int")
    return spark.sql("SELECT plus_one_bad('a')")
