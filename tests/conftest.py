"""Shared fixtures: one dfengine session and one real PySpark session per test run.

Starting either costs seconds (PySpark starts a JVM), so both are session-scoped; tests must
not stop them or change conf without restoring it (use the `conf` fixture).
"""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
os.environ.setdefault("PYARROW_IGNORE_TIMEZONE", "1")


@pytest.fixture(scope="session")
def spark():
    """The dfengine session on an embedded local Dask (2 threads)."""
    from dfengine.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("dfengine-tests")
        .config("dfengine.ui.showProgress", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="session")
def pyspark_session():
    """A real local PySpark session, the oracle for API behaviour."""
    pytest.importorskip("pyspark.sql")
    from tests.pyspark_oracle import start_pyspark

    session = start_pyspark()
    yield session
    session.stop()


@pytest.fixture
def conf(spark):
    """Set session conf for one test and restore the previous values afterwards."""
    saved: dict[str, str | None] = {}

    def set_(key: str, value) -> None:
        if key not in saved:
            saved[key] = spark.conf.get(key, None)
        spark.conf.set(key, value)

    yield set_
    for key, value in saved.items():
        if value is None:
            spark.conf.unset(key)
        else:
            spark.conf.set(key, value)
