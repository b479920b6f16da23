"""dfengine.sql mirrors pyspark.sql: change the import, keep the program."""

from dfengine.errors import AnalysisException, ParseException
from dfengine.sql import functions, types
from dfengine.sql.cache import StorageLevel
from dfengine.sql.column import Column
from dfengine.sql.dataframe import DataFrame
from dfengine.sql.group import GroupedData
from dfengine.sql.observation import Observation
from dfengine.sql.readwriter import DataFrameReader, DataFrameWriter
from dfengine.sql.session import SparkSession
from dfengine.sql.window import Window, WindowSpec
from dfengine.types import Row

SQLContext = SparkSession


def _install_python_functions() -> None:
    """Let SQL text find functions registered with spark.udf / spark.udtf."""
    from dfengine.sql import udf, udtf

    udf.install()
    udtf.install()


_install_python_functions()

__all__ = [
    "AnalysisException",
    "Column",
    "DataFrame",
    "DataFrameReader",
    "DataFrameWriter",
    "GroupedData",
    "Observation",
    "ParseException",
    "Row",
    "SQLContext",
    "SparkSession",
    "StorageLevel",
    "Window",
    "WindowSpec",
    "functions",
    "types",
]
