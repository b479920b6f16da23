"""`pyspark.ml.functions`: conversions between ML vector columns and array columns.

`vector_to_array(col, dtype)` turns a vector column (dense or sparse) into `array<double>`
(or `array<float>`), so plain SQL functions can read the values; `array_to_vector(col)` turns
a numeric array column into dense vectors for ML stages. As Spark's, they are UDFs (the
result column is named `UDF(col)`) and a null input fails the job with a clear message. The
UDFs use pickled (not Arrow) conversion: that is the path that serializes `VectorUDT`.
"""

from __future__ import annotations

from typing import Any

from dfengine.errors import IllegalArgumentException

__all__ = ["array_to_vector", "vector_to_array"]

_DTYPES = ("float64", "float32")


def _to_list(v: Any) -> list[float]:
    if v is None or not hasattr(v, "toArray"):
        raise IllegalArgumentException(
            "function vector_to_array requires a non-null input argument and input type must "
            "be `org.apache.spark.ml.linalg.Vector` or `org.apache.spark.mllib.linalg.Vector`"
            f", but got {'null' if v is None else type(v).__name__}. Drop or fill null "
            "vectors first.")
    return [float(x) for x in v.toArray()]


def _to_dense(a: Any) -> Any:
    from dfengine.ml.linalg import Vectors

    if a is None:
        raise IllegalArgumentException(
            "function array_to_vector requires a non-null input argument, but got null. "
            "Drop or fill null arrays first.")
    return Vectors.dense([float(x) for x in a])


def _udf(fn: Any, return_type: Any) -> Any:
    from dfengine.sql.udf import UserDefinedFunction

    return UserDefinedFunction(fn, return_type, name="UDF")


def vector_to_array(col: Any, dtype: str = "float64") -> Any:
    """The vector column `col` as an array column of `dtype` ("float64" or "float32")."""
    from dfengine.sql.types import ArrayType, DoubleType, FloatType

    if dtype not in _DTYPES:
        raise IllegalArgumentException(
            f"Unsupported dtype: {dtype}. Valid values: float64, float32.")
    element = DoubleType() if dtype == "float64" else FloatType()
    return _udf(_to_list, ArrayType(element, containsNull=False))(col)


def array_to_vector(col: Any) -> Any:
    """The numeric array column `col` as a column of dense vectors."""
    from dfengine.ml.linalg import VectorUDT

    return _udf(_to_dense, VectorUDT())(col)
