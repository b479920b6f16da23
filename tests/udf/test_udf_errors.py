"""A user's exception inside a UDF reaches the user as PySpark's `PythonException`, with the
user's own file, line and source and the original message; checked against real PySpark,
whose workers report the same file and line."""

from __future__ import annotations

import pandas as pd
import pytest

from dfengine.errors import PySparkNotImplementedError, PythonException

pytestmark = pytest.mark.pyspark


def _where(fn, offset: int) -> str:
    """`File "<this file>", line N`: N is `offset` lines below the def of `fn`."""
    return f'File "{__file__}", line {fn.__code__.co_firstlineno + offset}'


def _pyspark_error(pyspark_session, build):
    from pyspark.errors import PythonException as PySparkPythonException

    with pytest.raises(PySparkPythonException) as info:
        build(pyspark_session).collect()
    return str(info.value)


def _dfengine_error(spark, build):
    with pytest.raises(PythonException) as info:
        build(spark).collect()
    return str(info.value)


def _functions(session):
    """The functions module of the session's engine (cases are written once for both)."""
    if "dfengine" in type(session).__module__:
        from dfengine.sql import functions
    else:
        from pyspark.sql import functions
    return functions


def _both(spark, pyspark_session, build):
    return _dfengine_error(spark, build), _pyspark_error(pyspark_session, build)


def _check(spark, pyspark_session, build, message: str, fn, offset: int) -> None:
    """Both engines raise PythonException naming `message` at line `offset` of `fn`."""
    for text in _both(spark, pyspark_session, build):
        assert message in text
        assert _where(fn, offset) in text


def test_plain_udf_error_shows_user_line(spark, fast_pyspark):
    def reciprocal(x):
        if x is None:
            return None
        return 1 / (x - 2)

    def build(s):
        F = _functions(s)
        return s.createDataFrame([(1,), (2,), (None,)], "x int").select(
            F.udf(reciprocal, "double")("x"))

    ours, theirs = _both(spark, fast_pyspark, build)
    for text in (ours, theirs):
        assert "ZeroDivisionError: division by zero" in text
        assert _where(reciprocal, 3) in text
        assert "return 1 / (x - 2)" in text
    assert ours.startswith("An exception was thrown from the Python worker")
    assert "dfengine/" not in ours  # no engine frames between the user and the error


def test_pandas_udf_error_shows_user_line(spark, fast_pyspark):
    def checked(v: pd.Series) -> pd.Series:
        if (v > 2).any():
            raise ValueError(f"value too large: {int(v.max())}")
        return v

    def build(s):
        F = _functions(s)
        return s.range(5).select(F.pandas_udf(checked, "long")("id"))

    _check(spark, fast_pyspark, build, "ValueError: value too large: 4", checked, 2)


def test_registered_udf_error_from_sql(spark, fast_pyspark):
    def parse(s):
        return int(s)

    def build(s):
        s.udf.register("udf_err_parse", parse, "int")
        s.createDataFrame([("1",), ("x",)], "s string").createOrReplaceTempView("udf_err_t")
        return s.sql("SELECT udf_err_parse(s) FROM udf_err_t")

    _check(spark, fast_pyspark, build,
           "ValueError: invalid literal for int() with base 10: 'x'", parse, 1)


def test_udtf_error_shows_user_line(spark, fast_pyspark):
    def build(s):
        F = _functions(s)

        class Splitter:
            def eval(self, n: int):
                yield (10 // (n - 3),)

        build.handler = Splitter
        return F.udtf(Splitter, returnType="q: int")(F.lit(3))

    ours, theirs = _both(spark, fast_pyspark, build)
    for text in (ours, theirs):
        assert "ZeroDivisionError" in text
        assert _where(build.handler.eval, 1) in text


def test_exception_attributes_keep_the_original_error(spark):
    from dfengine.sql import functions as F

    def fail(x):
        raise KeyError(x)

    with pytest.raises(PythonException) as info:
        spark.range(1).select(F.udf(fail, "int", useArrow=False)("id")).collect()
    assert info.value.exception_type == "KeyError"
    assert isinstance(info.value.__cause__, KeyError)


def test_register_java_function_raises_a_clear_error(spark):
    with pytest.raises(PySparkNotImplementedError, match="spark.udf.register"):
        spark.udf.registerJavaFunction("javaLen", "com.example.Len", "int")
    with pytest.raises(PySparkNotImplementedError, match="pandas_udf"):
        spark.udf.registerJavaUDAF("javaAvg", "com.example.Avg")


def test_call_udf_and_unknown_names(spark):
    from dfengine.errors import AnalysisException
    from dfengine.sql import functions as F

    spark.udf.register("udf_err_inc", lambda x: x + 1, "long")
    assert [r[0] for r in spark.range(3).select(F.call_udf("udf_err_inc", "id")).collect()] == [
        1, 2, 3]
    with pytest.raises(AnalysisException):
        F.call_udf("udf_err_missing", "id")


def test_registered_udf_shadows_a_builtin_in_sql(spark):
    spark.udf.register("udf_err_upper_shadow", lambda s: s, "string")
    spark.udf.register("reverse", lambda s: "udf:" + s, "string")
    try:
        rows = spark.sql("SELECT reverse('abc') AS r").collect()
        assert rows[0].r == "udf:abc"
    finally:
        spark._python_functions.pop("reverse")
    assert spark.sql("SELECT reverse('abc') AS r").collect()[0].r == "cba"


def test_udf_attributes_as_pyspark(spark):
    from dfengine.sql import functions as F
    from dfengine.sql import types as T

    @F.udf(returnType="array<int>")
    def pairs(x):
        """Doc kept."""
        return [x, x]

    assert pairs.__name__ == "pairs" and pairs.__doc__ == "Doc kept."
    assert pairs.returnType == T.ArrayType(T.IntegerType())
    assert pairs.deterministic and not pairs.asNondeterministic().deterministic
    assert pairs.evalType == 101  # Arrow-optimized, PySpark 4's default
    assert F.udf(lambda x: x, useArrow=False).evalType == 100
    assert F.pandas_udf(lambda s: s, "long").evalType == 200
