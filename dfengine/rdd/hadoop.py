"""Hadoop input/output formats (`sc.sequenceFile`, `sc.hadoopFile`, `rdd.saveAsHadoopFile`, ...).

These read and write through Hadoop's Java `InputFormat`/`OutputFormat` classes and Writable
converters, which need a JVM with Hadoop: dfengine has neither. Each method raises one clear
error naming the alternative that keeps the data round-trippable (pickle files for any Python
objects, text files for lines, or the DataFrame readers and writers for tabular data).
"""

from __future__ import annotations

from typing import Any, NoReturn

from dfengine.errors import PySparkNotImplementedError

_ALTERNATIVES = (
    "use rdd.saveAsPickleFile(path) and sc.pickleFile(path) for Python objects, "
    "rdd.saveAsTextFile(path) and sc.textFile(path) for lines, or the DataFrame "
    "reader/writer (parquet, orc, json, csv) for tabular data"
)


def unsupported(method: str) -> NoReturn:
    raise PySparkNotImplementedError(
        f"{method} reads or writes Hadoop formats through Hadoop's Java InputFormat/"
        f"OutputFormat classes, which dfengine (no JVM) does not have; {_ALTERNATIVES}.",
        "NOT_IMPLEMENTED", parameters={"feature": method})


class HadoopInputMixin:
    """The SparkContext methods reading Hadoop formats."""

    def sequenceFile(self, path: str, keyClass: str | None = None,
                     valueClass: str | None = None, keyConverter: str | None = None,
                     valueConverter: str | None = None, minSplits: int | None = None,
                     batchSize: int = 0) -> Any:
        unsupported("sc.sequenceFile")

    def hadoopFile(self, path: str, inputFormatClass: str, keyClass: str, valueClass: str,
                   keyConverter: str | None = None, valueConverter: str | None = None,
                   conf: dict | None = None, batchSize: int = 0) -> Any:
        unsupported("sc.hadoopFile")

    def newAPIHadoopFile(self, path: str, inputFormatClass: str, keyClass: str,
                         valueClass: str, keyConverter: str | None = None,
                         valueConverter: str | None = None, conf: dict | None = None,
                         batchSize: int = 0) -> Any:
        unsupported("sc.newAPIHadoopFile")

    def hadoopRDD(self, inputFormatClass: str, keyClass: str, valueClass: str,
                  keyConverter: str | None = None, valueConverter: str | None = None,
                  conf: dict | None = None, batchSize: int = 0) -> Any:
        unsupported("sc.hadoopRDD")

    def newAPIHadoopRDD(self, inputFormatClass: str, keyClass: str, valueClass: str,
                        keyConverter: str | None = None, valueConverter: str | None = None,
                        conf: dict | None = None, batchSize: int = 0) -> Any:
        unsupported("sc.newAPIHadoopRDD")


class HadoopOutputMixin:
    """The RDD methods writing Hadoop formats."""

    def saveAsSequenceFile(self, path: str, compressionCodecClass: str | None = None) -> None:
        unsupported("RDD.saveAsSequenceFile")

    def saveAsHadoopFile(self, path: str, outputFormatClass: str, keyClass: str | None = None,
                         valueClass: str | None = None, keyConverter: str | None = None,
                         valueConverter: str | None = None, conf: dict | None = None,
                         compressionCodecClass: str | None = None) -> None:
        unsupported("RDD.saveAsHadoopFile")

    def saveAsNewAPIHadoopFile(self, path: str, outputFormatClass: str,
                               keyClass: str | None = None, valueClass: str | None = None,
                               keyConverter: str | None = None,
                               valueConverter: str | None = None,
                               conf: dict | None = None) -> None:
        unsupported("RDD.saveAsNewAPIHadoopFile")

    def saveAsHadoopDataset(self, conf: dict, keyConverter: str | None = None,
                            valueConverter: str | None = None) -> None:
        unsupported("RDD.saveAsHadoopDataset")

    def saveAsNewAPIHadoopDataset(self, conf: dict, keyConverter: str | None = None,
                                  valueConverter: str | None = None) -> None:
        unsupported("RDD.saveAsNewAPIHadoopDataset")
