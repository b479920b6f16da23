"""Fixtures for the issue-17 ML breadth tests (vectors, libsvm, features, stats, models)."""

from __future__ import annotations

import numpy as np
import pytest


def to_np(v) -> np.ndarray:
    return np.asarray(v.toArray(), dtype=float)


@pytest.fixture(scope="session")
def libsvm_file(tmp_path_factory):
    """A libsvm file shaped like Spark's sample_libsvm_data.txt (sparse, 1-based, ascending)."""
    rng = np.random.default_rng(0)
    path = tmp_path_factory.mktemp("libsvm") / "sample.txt"
    lines = []
    for r in range(60):
        idx = np.sort(rng.choice(np.arange(1, 200), size=rng.integers(3, 25), replace=False))
        vals = rng.integers(1, 255, size=idx.size).astype(float)
        label = float(r % 2)
        lines.append(f"{label} " + " ".join(f"{i}:{v}" for i, v in zip(idx, vals)))
    lines.insert(5, "# a comment line")
    lines.insert(9, "")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _plain(v):
    """A collected cell as comparable Python data (vectors -> (kind, size, idx, values))."""
    if hasattr(v, "toArray"):
        if hasattr(v, "indices"):
            return ("sparse", int(v.size), [int(i) for i in v.indices],
                    [float(x) for x in v.values])
        return ("dense", [float(x) for x in v.toArray()])
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _close(a, b, tol):
    if isinstance(a, float) and isinstance(b, float):
        return (a != a and b != b) or abs(a - b) <= tol * max(1.0, abs(b))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y, tol) for x, y in zip(a, b))
    return a == b


def convert_rows(rows, to_pyspark: bool):
    """Rows holding dfengine vectors, as the same rows with pyspark vectors."""
    from pyspark.ml import linalg as PL

    from dfengine.ml.linalg import DenseVector, SparseVector

    def conv(v):
        if isinstance(v, SparseVector):
            return PL.SparseVector(v.size, v.indices.tolist(), v.values.tolist())
        if isinstance(v, DenseVector):
            return PL.DenseVector(v.toArray().tolist())
        return v

    return [tuple(conv(v) for v in r) for r in rows] if to_pyspark else rows


def assert_same_output(spark, pyspark_session, rows, columns, ours, theirs, out_cols,
                       tol=1e-9, fit=False):
    """Run our stage and PySpark's on the same rows; compare the output columns row by row."""
    df = spark.createDataFrame(rows, columns)
    pdf = pyspark_session.createDataFrame(convert_rows(rows, True), columns)
    if fit:
        ours, theirs = ours.fit(df), theirs.fit(pdf)
    a = [[_plain(r[c]) for c in out_cols] for r in ours.transform(df).collect()]
    b = [[_plain(r[c]) for c in out_cols] for r in theirs.transform(pdf).collect()]
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert _close(x, y, tol), f"\nours:   {x}\ntheirs: {y}"
    return ours, theirs
