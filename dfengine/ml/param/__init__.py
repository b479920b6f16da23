"""`dfengine.ml.param`: typed params with defaults and docs (mirrors `pyspark.ml.param`)."""

from dfengine.ml.param.params import Param, Params, keyword_only
from dfengine.ml.param.type_converters import TypeConverters

__all__ = ["Param", "Params", "TypeConverters", "keyword_only"]
