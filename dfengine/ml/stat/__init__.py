"""`dfengine.ml.stat` (mirrors `pyspark.ml.stat`)."""

from dfengine.ml.stat.correlation import Correlation
from dfengine.ml.stat.summarizer import Summarizer, SummaryBuilder
from dfengine.ml.stat.tests import ANOVATest, ChiSquareTest, FValueTest, KolmogorovSmirnovTest

__all__ = ["ANOVATest", "ChiSquareTest", "Correlation", "FValueTest", "KolmogorovSmirnovTest",
           "Summarizer", "SummaryBuilder"]
