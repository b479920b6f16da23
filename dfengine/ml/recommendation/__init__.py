"""`dfengine.ml.recommendation` (mirrors `pyspark.ml.recommendation`)."""

from dfengine.ml.recommendation.als import ALS, ALSModel

__all__ = ["ALS", "ALSModel"]
