"""`dfengine.ml.clustering` (mirrors `pyspark.ml.clustering`)."""

from dfengine.ml.clustering.kmeans import KMeans, KMeansModel, KMeansSummary

__all__ = ["KMeans", "KMeansModel", "KMeansSummary"]
