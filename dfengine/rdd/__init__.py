"""Spark core on Dask: SparkContext, RDDs, broadcast variables and accumulators."""

from dfengine.rdd.accumulators import Accumulator, AccumulatorParam
from dfengine.rdd.broadcast import Broadcast
from dfengine.rdd.conf import SparkConf
from dfengine.rdd.context import SparkContext
from dfengine.rdd.rdd import RDD
from dfengine.rdd.resultiterable import ResultIterable
from dfengine.rdd.statcounter import StatCounter
from dfengine.rdd.storage import StorageLevel

__all__ = [
    "RDD",
    "Accumulator",
    "AccumulatorParam",
    "Broadcast",
    "ResultIterable",
    "SparkConf",
    "SparkContext",
    "StatCounter",
    "StorageLevel",
]
