"""Fixtures for the RDD tests: dfengine's SparkContext (on the shared test session's runtime),
PySpark's SparkContext as the oracle, and a directory of small text files."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("DFENGINE_QUIET", "1")
os.environ.setdefault("PYTHONHASHSEED", "0")  # PySpark (the oracle) insists on it


def _register_by_value(module_name: str) -> None:
    """Pickle this package's helpers by value so worker processes need not import tests/."""
    module = sys.modules.get(module_name)
    if module is None:
        return
    import cloudpickle

    cloudpickle.register_pickle_by_value(module)
    try:
        from pyspark import cloudpickle as pyspark_cloudpickle

        pyspark_cloudpickle.register_pickle_by_value(module)
    except ImportError:
        pass


@pytest.fixture(scope="session")
def sc(spark):
    """dfengine's SparkContext over the shared session's runtime."""
    return spark.sparkContext


@pytest.fixture(scope="session")
def psc(pyspark_session):
    """PySpark's SparkContext (local[2]), the oracle."""
    return pyspark_session.sparkContext


@pytest.fixture(scope="session")
def text_dir(tmp_path_factory):
    """Three small text files (one empty, one without a final newline)."""
    d = tmp_path_factory.mktemp("rdd_text")
    words = ["spark", "dask", "rdd", "word", "count", "the", "a", "of"]
    lines = [" ".join(words[(i * 7 + j) % len(words)] for j in range(i % 6 + 1)) for i in range(60)]
    (d / "part1.txt").write_text("\n".join(lines[:30]) + "\n")
    (d / "part2.txt").write_text("\n".join(lines[30:]))
    (d / "part3.txt").write_text("")
    return str(d)
