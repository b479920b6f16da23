"""Run TPC-H SQL on DuckDB over the parquet files: the reference answers and the speed baseline.

Each table is a DuckDB view over its parquet file (`create view lineitem as select * from
read_parquet(...)`), so DuckDB reads the files on every query as the other engines do, rather
than from its own storage.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pandas as pd


def connect(paths: Mapping[str, str | os.PathLike], threads: int | None = None):
    """A DuckDB connection with one view per table (`name -> parquet path`)."""
    con = duckdb.connect()
    if threads is not None:
        con.execute(f"set threads = {int(threads)}")
    for name, path in paths.items():
        literal = str(Path(path)).replace("'", "''")
        con.execute(f"create or replace view {name} as select * from read_parquet('{literal}')")
    return con


def run_query(con, text: str) -> pd.DataFrame:
    """Run one query text on a connection made by `connect` and return a pandas DataFrame."""
    return con.execute(text).df()


def run_sql(paths: Mapping[str, str | os.PathLike], text: str) -> pd.DataFrame:
    """One-shot: connect, run `text`, close."""
    con = connect(paths)
    try:
        return run_query(con, text)
    finally:
        con.close()
