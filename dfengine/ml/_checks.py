"""Spark's checks of training data (`DatasetUtils.checkNonNanValues`, `checkNonNanVectors`,
`checkNonNegativeWeights`): the same `[USER_RAISED_EXCEPTION]` errors with Spark's messages,
raised on the workers while a partition is read.

    Labels MUST NOT be Null or NaN
    Labels MUST NOT be Infinity, but got Infinity
    Weights MUST NOT be Null or NaN
    Weights MUST NOT be Negative or Infinity, but got -1.0
    Vector values MUST NOT be NaN or Infinity, but got [NaN,0.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from dfengine.errors import (
    IllegalArgumentException,
    NoSuchElementException,
    SparkRuntimeException,
)


def java_double(v: float) -> str:
    """Java's `Double.toString` (how Spark prints a double in these messages)."""
    from dfengine.ml.tree.structure import jdouble

    return jdouble(v)


def summarizer_empty() -> IllegalArgumentException:
    """What Spark's Summarizer raises on no rows (estimators that start from it)."""
    return IllegalArgumentException("requirement failed: Nothing has been added to this "
                                    "summarizer.")


def empty_head() -> NoSuchElementException:
    """What Spark's fits that read the first row raise on no rows."""
    return NoSuchElementException("head of empty array")


def user_error(message: str) -> SparkRuntimeException:
    return SparkRuntimeException(message, "USER_RAISED_EXCEPTION")


def check_numeric_column(df: Any, name: str | None, hint: str = "") -> None:
    """Spark's `SchemaUtils.checkNumericType`: a label / weight / imputed column must have a
    numeric type (a string label is not read as a number). Checked on the driver, from the
    schema, before any data is read."""
    if not name:
        return
    from dfengine.sql.types import NumericType

    for f in df.schema.fields:
        if f.name == name and not isinstance(f.dataType, NumericType):
            raise IllegalArgumentException(
                f"requirement failed: Column {name} must be of type numeric but was actually "
                f"of type {f.dataType.simpleString()}.{hint}")


def check_labels(y: np.ndarray) -> None:
    """Spark's `checkNonNanValues(label, "Labels")` (nulls arrive here as NaN)."""
    if np.isnan(y).any():
        raise user_error("Labels MUST NOT be Null or NaN")
    inf = np.isinf(y)
    if inf.any():
        raise user_error(f"Labels MUST NOT be Infinity, but got {java_double(y[inf][0])}")


def check_weights(w: np.ndarray) -> None:
    """Spark's `checkNonNegativeWeights`."""
    if np.isnan(w).any():
        raise user_error("Weights MUST NOT be Null or NaN")
    bad = (w < 0) | np.isposinf(w)
    if bad.any():
        raise user_error(
            f"Weights MUST NOT be Negative or Infinity, but got {java_double(w[bad][0])}")


def _vector_text(X: Any, row: int) -> str:
    """Row `row` of a dense or CSR block as Spark prints a vector."""
    if sp.issparse(X):
        r = X.getrow(row)
        idx = ",".join(str(int(i)) for i in r.indices)
        vals = ",".join(java_double(v) for v in r.data)
        return f"({X.shape[1]},[{idx}],[{vals}])"
    return "[" + ",".join(java_double(v) for v in X[row]) + "]"


def check_vectors(X: Any) -> None:
    """Spark's `checkNonNanVectors` (KMeans, BisectingKMeans, GaussianMixture, LDA)."""
    if sp.issparse(X):
        bad_data = ~np.isfinite(X.data)
        if not bad_data.any():
            return
        row = int(np.searchsorted(X.indptr, np.flatnonzero(bad_data)[0], side="right") - 1)
    else:
        bad_rows = ~np.isfinite(X).all(axis=1)
        if not bad_rows.any():
            return
        row = int(np.flatnonzero(bad_rows)[0])
    raise user_error(f"Vector values MUST NOT be NaN or Infinity, but got {_vector_text(X, row)}")
