"""The engines the TPC-H driver can time, each behind one small interface.

An engine is set up once (session, connection, views) and then asked for query answers as
pandas DataFrames: `engine.run(n)`. Setting up is not timed; each `run` is, end to end,
including reading the parquet files and converting the answer to pandas, because that is what
a user of each engine waits for.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from benchmarks.tpch import duckdb_runner
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
        from benchmarks.tpch import dask_queries  # imported here: dask is not in the others'
        # processes (benchmarks.tpch.isolated measures each engine's own memory)

        return dask_queries.run(n, self._paths)


class DfengineEngine(Engine):
    """dfengine through `spark.sql(text)` (api="sql") or `dataframe_queries` (api="dataframe")."""

    name = "dfengine"

    def __init__(self, paths: Mapping[str, str], api: str = "sql", client: Any = None,
                 conf: Mapping[str, str] | None = None):
        from dfengine.sql import SparkSession
        from dfengine.sql import functions as F

        # The user's defaults (progress bar on); `conf` holds what the command line changed.
        builder = SparkSession.builder.master("local[2]").appName("tpch-benchmark")
        for key, value in (conf or {}).items():
            builder = builder.config(key, value)
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

    def _dataframe(self, n: int) -> Any:
        if self._api == "dataframe":
            from benchmarks.tpch import dataframe_queries

            return dataframe_queries.build(n, self._tables, self._functions)
        return self._spark.sql(query_text(n))

    def run(self, n: int) -> pd.DataFrame:
        return self._dataframe(n).toPandas()

    def overhead(self, n: int) -> dict[str, float]:
        """Seconds spent before any data is read: parse + analyze (`spark.sql` or building the
        DataFrame), optimize, physical planning, and lowering to a Dask graph."""
        start = time.perf_counter()
        qe = self._dataframe(n)._qe()
        parsed = time.perf_counter()
        qe.optimized  # noqa: B018 - each stage is a cached property: touch it to time it
        optimized = time.perf_counter()
        qe.physical  # noqa: B018
        planned = time.perf_counter()
        qe.graph()
        lowered = time.perf_counter()
        return {"parse_analyze": parsed - start, "optimize": optimized - parsed,
                "plan": planned - optimized, "lower": lowered - planned,
                "total": lowered - start}

    def close(self) -> None:
        self._spark.stop()


def make_engine(
    name: str, paths: Mapping[str, str], api: str = "sql", client: Any = None,
    conf: Mapping[str, str] | None = None,
) -> Engine:
    """Set up engine `name` over the parquet files `paths` (table -> path)."""
    factories: dict[str, Callable[[], Engine]] = {
        "duckdb": lambda: DuckDBEngine(paths),
        "dask": lambda: DaskEngine(paths),
        "dfengine": lambda: DfengineEngine(paths, api=api, client=client, conf=conf),
    }
    if name not in factories:
        raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
    return factories[name]()
