"""`pyspark.sql.pandas`: the pandas/Arrow helpers programs written for PySpark import."""
