"""`dfengine.ml.fpm` (mirrors `pyspark.ml.fpm`): FPGrowth and PrefixSpan."""

from dfengine.ml.fpm.fpgrowth import FPGrowth, FPGrowthModel
from dfengine.ml.fpm.prefixspan import PrefixSpan

__all__ = ["FPGrowth", "FPGrowthModel", "PrefixSpan"]
