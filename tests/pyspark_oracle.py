"""The real PySpark session used as the oracle: one place for its settings, shared by the
`pyspark_session` fixture (tests/conftest.py), which also records PySpark's answers under
DFENGINE_REFRESH_ORACLE (tests/recorded_oracle.py), so recorded and live answers come from the
same configuration."""

from __future__ import annotations

from typing import Any


def start_pyspark() -> Any:
    """The oracle session. Its Python workers run this interpreter (PYSPARK_PYTHON): the
    default `python3` on PATH lacks pyarrow, and every PySpark 4 UDF then failed in the worker
    with ModuleNotFoundError instead of giving PySpark's answer."""
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    session = (
        SparkSession.builder.master("local[2]")
        .appName("dfengine-oracle")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions",
                "-Duser.timezone=UTC -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session
