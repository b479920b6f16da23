"""dfengine: a Spark-SQL-style engine on Dask."""
