"""TPC-H on dfengine, Dask and DuckDB: data generation, the 22 queries, runners and the driver.

`python -m benchmarks.tpch --sf 1` runs the suite; see `benchmarks/tpch/__main__.py`.
"""
