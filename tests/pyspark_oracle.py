"""The real PySpark session used as the oracle: one place for its settings, shared by the
`pyspark_session` fixture (tests/conftest.py) and the commands that record PySpark's answers
(tests/correctness/refresh_bad_input.py), so recorded and live answers come from the same
configuration."""

from __future__ import annotations

from typing import Any


def start_pyspark() -> Any:
    from pyspark.sql import SparkSession

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
