"""The engines the TPC-H driver can time, each behind one small interface.

An engine is set up once (session, connection, views) and then asked for query answers as
pandas DataFrames: `engine.run(n)`. Setting up is not timed; each `run` is, end to end,
including reading the parquet files and converting the answer to pandas, because that is what
a user of each engine waits for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from benchmarks.tpch import dask_queries, dataframe_queries, duckdb_runner
from benchmarks.tpch.queries import query_text

ENGINES = ("dfengine", "dask", "duckdb")


class Engine:
    """A set-up engine: `run(n)` answers TPC-H query n; `close()` releases what it holds."""

    name: str

    def run(self, n: int) -> pd.DataFrame:
        raise NotImplementedError

    def close(self) -> None:
        pass


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, paths: Mapping[str, str]):
        self._con = duckdb_runner.connect(paths)

    def run(self, n: int) -> pd.DataFrame:
        return duckdb_runner.run_query(self._con, query_text(n))

    def close(self) -> None:
        self._con.close()


class DaskEngine(Engine):
    """Plain dask.dataframe; on the distributed client if one is the default, else threads."""

    name = "dask"

    def __init__(self, paths: Mapping[str, str]):
        self._paths = paths

    def run(self, n: int) -> pd.DataFrame:
        return dask_queries.run(n, self._paths)


class DfengineEngine(Engine):
    """dfengine through `spark.sql(text)` (api="sql") or `dataframe_queries` (api="dataframe")."""

    name = "dfengine"

    def __init__(self, paths: Mapping[str, str], api: str = "sql", client: Any = None):
        from dfengine.sql import SparkSession
        from dfengine.sql import functions as F

        builder = (
            SparkSession.builder.master("local[2]")
            .appName("tpch-benchmark")
            .config("dfengine.ui.showProgress", "false")
        )
        if client is not None:
            builder = builder.config("dfengine.dask.client", client)
        self._spark = builder.getOrCreate()
        self._functions = F
        self._api = api
        self._tables = {}
        for name, path in paths.items():
            df = self._spark.read.parquet(str(path))
            df.createOrReplaceTempView(name)
            self._tables[name] = df

    def run(self, n: int) -> pd.DataFrame:
        if self._api == "dataframe":
            return dataframe_queries.build(n, self._tables, self._functions).toPandas()
        return self._spark.sql(query_text(n)).toPandas()

    def close(self) -> None:
        self._spark.stop()


def make_engine(
    name: str, paths: Mapping[str, str], api: str = "sql", client: Any = None
) -> Engine:
    """Set up engine `name` over the parquet files `paths` (table -> path)."""
    factories: dict[str, Callable[[], Engine]] = {
        "duckdb": lambda: DuckDBEngine(paths),
        "dask": lambda: DaskEngine(paths),
        "dfengine": lambda: DfengineEngine(paths, api=api, client=client),
    }
    if name not in factories:
        raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
    return factories[name]()
