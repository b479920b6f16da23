"""Data sources owned by dfengine.ml: `spark.read.format("libsvm")` and its writer."""
