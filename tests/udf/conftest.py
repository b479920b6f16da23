"""PySpark as the oracle for the UDF tests, tuned for tiny inputs (as tests/differential does):
code generation, adaptive re-planning and many shuffle partitions change no result, only
the fixed cost of every oracle query."""

from __future__ import annotations

import pytest

from tests.differential.test_vs_pyspark import FAST_ORACLE_CONF


@pytest.fixture(scope="module")
def fast_pyspark(pyspark_session):
    saved = {k: pyspark_session.conf.get(k, None) for k in FAST_ORACLE_CONF}
    for k, v in FAST_ORACLE_CONF.items():
        pyspark_session.conf.set(k, v)
    yield pyspark_session
    for k, v in saved.items():
        if v is None:
            pyspark_session.conf.unset(k)
        else:
            pyspark_session.conf.set(k, v)
