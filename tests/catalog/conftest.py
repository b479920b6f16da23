"""Both engines on a private catalog: dfengine on its own warehouse directory, PySpark on a
database whose LOCATION is a temporary directory (its warehouse is fixed at start-up), both
current while a module runs and dropped afterwards."""

from __future__ import annotations

import contextlib

import pytest

DB = "dfe_cat"


def _drop_temp_views(session):
    """SHOW TABLES lists temp views too: views left by earlier test modules (streaming ones
    register several) would make the listing depend on the order the modules ran in."""
    for t in session.catalog.listTables():
        if t.isTemporary and not t.namespace:
            session.catalog.dropTempView(t.name)


@pytest.fixture(scope="module")
def dfe(spark, tmp_path_factory):
    wh = tmp_path_factory.mktemp("dfe-warehouse")
    saved = spark.conf.get("spark.sql.warehouse.dir", None)
    spark.conf.set("spark.sql.warehouse.dir", str(wh))
    _drop_temp_views(spark)
    spark.sql(f"CREATE DATABASE {DB}")
    spark.sql(f"USE {DB}")
    yield spark
    spark.sql("USE default")
    spark.sql(f"DROP DATABASE IF EXISTS {DB} CASCADE")
    if saved is None:
        spark.conf.unset("spark.sql.warehouse.dir")
    else:
        spark.conf.set("spark.sql.warehouse.dir", saved)


@pytest.fixture(scope="module")
def pys(pyspark_session, tmp_path_factory):
    loc = tmp_path_factory.mktemp("pyspark-db")
    s = pyspark_session
    _drop_temp_views(s)
    s.sql(f"DROP DATABASE IF EXISTS {DB} CASCADE")
    s.sql(f"CREATE DATABASE {DB} LOCATION '{loc}'")
    s.sql(f"USE {DB}")
    yield s
    s.sql("USE default")
    with contextlib.suppress(Exception):
        s.sql(f"DROP DATABASE IF EXISTS {DB} CASCADE")


def outcome(session, fn):
    """('ok', value) or ('error', exception class name, error condition)."""
    try:
        return ("ok", fn(session))
    except Exception as e:  # noqa: BLE001 - the oracle's exception is the expectation
        cond = getattr(e, "getCondition", lambda: None)() or getattr(e, "error_class", None)
        return ("error", type(e).__name__, cond)


def rows_of(df):
    """Column names and sorted rows (as tuples of plain values)."""
    return (df.columns, sorted((tuple(r) for r in df.collect()), key=repr))
