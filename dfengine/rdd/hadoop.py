"""Hadoop input/output formats (`sc.sequenceFile`, `sc.hadoopFile`, `rdd.saveAsHadoopFile`, ...).

Spark runs these through Hadoop's Java `InputFormat`/`OutputFormat` classes. dfengine has no
JVM; it implements the two formats programs use most, byte-compatible with Hadoop:

- `SequenceFileOutputFormat` / `SequenceFileInputFormat` (old `mapred` and new `mapreduce`
  APIs, and `saveAsSequenceFile` / `sc.sequenceFile`): uncompressed SequenceFiles of the
  Writables PySpark converts Python values to (`dfengine.rdd.writables`, `seqfile`);
- `TextOutputFormat` (`key<TAB>value` lines) / `TextInputFormat` (`(byte offset, line)`).

Any other format class, Java key/value converters or compression codecs raise one clear error
naming the alternatives (pickle files for Python objects, text files, DataFrame writers).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, NoReturn

from dfengine.errors import PySparkNotImplementedError, PySparkValueError

_ALTERNATIVES = (
    "use rdd.saveAsPickleFile(path) and sc.pickleFile(path) for Python objects, "
    "rdd.saveAsTextFile(path) and sc.textFile(path) for lines, or the DataFrame "
    "reader/writer (parquet, orc, json, csv) for tabular data"
)
_SEQ_OUT = ("org.apache.hadoop.mapred.SequenceFileOutputFormat",
            "org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat")
_SEQ_IN = ("org.apache.hadoop.mapred.SequenceFileInputFormat",
           "org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat")
_TEXT_OUT = ("org.apache.hadoop.mapred.TextOutputFormat",
             "org.apache.hadoop.mapreduce.lib.output.TextOutputFormat")
_TEXT_IN = ("org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.mapreduce.lib.input.TextInputFormat")
# Where the *Dataset / *RDD methods find the format and the path in a Hadoop conf.
_OUT_FORMAT_KEYS = ("mapreduce.job.outputformat.class", "mapred.output.format.class")
_OUT_DIR_KEYS = ("mapreduce.output.fileoutputformat.outputdir", "mapred.output.dir")
_IN_DIR_KEYS = ("mapreduce.input.fileinputformat.inputdir", "mapred.input.dir")


def unsupported(method: str, what: str) -> NoReturn:
    raise PySparkNotImplementedError(
        f"{method}: {what} is not supported: dfengine (no JVM) reads and writes "
        "SequenceFileInputFormat/SequenceFileOutputFormat (uncompressed) and "
        f"TextInputFormat/TextOutputFormat only; {_ALTERNATIVES}.",
        "NOT_IMPLEMENTED", parameters={"feature": f"{method} {what}"})


def _no_converters(method: str, keyConverter: Any, valueConverter: Any) -> None:
    if keyConverter or valueConverter:
        unsupported(method, "a Java key/value converter class")


def _conf_value(conf: dict | None, keys: tuple, method: str) -> str:
    for k in keys:
        if conf and conf.get(k):
            return conf[k]
    raise PySparkValueError(f"{method}: the conf must set {keys[0]}.", "MISSING_HADOOP_CONF")


class HadoopInputMixin:
    """The SparkContext methods reading Hadoop formats."""

    def _read_hadoop(self, method: str, path: str, input_format: str) -> Any:
        from dfengine.rdd import seqfile, textio

        self._check_alive()
        if input_format in _SEQ_IN:
            reader: Any = seqfile.read_sequence_file
        elif input_format in _TEXT_IN:
            reader = _read_text_with_offsets
        else:
            unsupported(method, f"input format {input_format}")
        files = textio.list_files(path)
        return self.parallelize(files, max(1, len(files))).flatMap(reader)

    def sequenceFile(self, path: str, keyClass: str | None = None,
                     valueClass: str | None = None, keyConverter: str | None = None,
                     valueConverter: str | None = None, minSplits: int | None = None,
                     batchSize: int = 0) -> Any:
        """`(key, value)` records of SequenceFiles (a file, directory or glob); the Writable
        classes are read from each file's header."""
        _no_converters("sc.sequenceFile", keyConverter, valueConverter)
        return self._read_hadoop("sc.sequenceFile", path, _SEQ_IN[0])

    def hadoopFile(self, path: str, inputFormatClass: str, keyClass: str, valueClass: str,
                   keyConverter: str | None = None, valueConverter: str | None = None,
                   conf: dict | None = None, batchSize: int = 0) -> Any:
        _no_converters("sc.hadoopFile", keyConverter, valueConverter)
        return self._read_hadoop("sc.hadoopFile", path, inputFormatClass)

    def newAPIHadoopFile(self, path: str, inputFormatClass: str, keyClass: str,
                         valueClass: str, keyConverter: str | None = None,
                         valueConverter: str | None = None, conf: dict | None = None,
                         batchSize: int = 0) -> Any:
        _no_converters("sc.newAPIHadoopFile", keyConverter, valueConverter)
        return self._read_hadoop("sc.newAPIHadoopFile", path, inputFormatClass)

    def hadoopRDD(self, inputFormatClass: str, keyClass: str, valueClass: str,
                  keyConverter: str | None = None, valueConverter: str | None = None,
                  conf: dict | None = None, batchSize: int = 0) -> Any:
        _no_converters("sc.hadoopRDD", keyConverter, valueConverter)
        path = _conf_value(conf, _IN_DIR_KEYS, "sc.hadoopRDD")
        return self._read_hadoop("sc.hadoopRDD", path, inputFormatClass)

    def newAPIHadoopRDD(self, inputFormatClass: str, keyClass: str, valueClass: str,
                        keyConverter: str | None = None, valueConverter: str | None = None,
                        conf: dict | None = None, batchSize: int = 0) -> Any:
        _no_converters("sc.newAPIHadoopRDD", keyConverter, valueConverter)
        path = _conf_value(conf, _IN_DIR_KEYS, "sc.newAPIHadoopRDD")
        return self._read_hadoop("sc.newAPIHadoopRDD", path, inputFormatClass)


class HadoopOutputMixin:
    """The RDD methods writing Hadoop formats."""

    def _save_hadoop(self, method: str, path: str, output_format: str,
                     key_class: str | None, value_class: str | None,
                     codec: str | None) -> None:
        from dfengine.rdd import seqfile, textio
        from dfengine.rdd import writables as W

        if codec:
            unsupported(method, f"compression codec {codec}")
        if output_format in _SEQ_OUT:
            if key_class is None or value_class is None:
                first = self.first()  # as Spark, the classes of the first record
                key, value = seqfile.pair(first)
                key_class = key_class or W.writable_class(key)
                value_class = value_class or W.writable_class(value)
            target, tmp = textio.prepare_output(path)
            writer: Any = seqfile.WriteSequenceFile(tmp, key_class, value_class)
        elif output_format in _TEXT_OUT:
            target, tmp = textio.prepare_output(path)
            writer = _WriteTextPairs(tmp)
        else:
            unsupported(method, f"output format {output_format}")
        try:
            self._run(method, writer)
            textio.commit_output(tmp, target)
        except BaseException:
            textio.abort_output(tmp)
            raise

    def saveAsSequenceFile(self, path: str, compressionCodecClass: str | None = None) -> None:
        """Write `(key, value)` pairs as Hadoop SequenceFiles (`part-NNNNN`, `_SUCCESS`),
        the Writable classes taken from the first record as Spark does."""
        self._save_hadoop("saveAsSequenceFile", path, _SEQ_OUT[0], None, None,
                          compressionCodecClass)

    def saveAsHadoopFile(self, path: str, outputFormatClass: str, keyClass: str | None = None,
                         valueClass: str | None = None, keyConverter: str | None = None,
                         valueConverter: str | None = None, conf: dict | None = None,
                         compressionCodecClass: str | None = None) -> None:
        _no_converters("saveAsHadoopFile", keyConverter, valueConverter)
        self._save_hadoop("saveAsHadoopFile", path, outputFormatClass, keyClass, valueClass,
                          compressionCodecClass)

    def saveAsNewAPIHadoopFile(self, path: str, outputFormatClass: str,
                               keyClass: str | None = None, valueClass: str | None = None,
                               keyConverter: str | None = None,
                               valueConverter: str | None = None,
                               conf: dict | None = None) -> None:
        _no_converters("saveAsNewAPIHadoopFile", keyConverter, valueConverter)
        self._save_hadoop("saveAsNewAPIHadoopFile", path, outputFormatClass, keyClass,
                          valueClass, None)

    def _save_dataset(self, method: str, conf: dict, keyConverter: Any,
                      valueConverter: Any) -> None:
        _no_converters(method, keyConverter, valueConverter)
        self._save_hadoop(
            method, _conf_value(conf, _OUT_DIR_KEYS, method),
            _conf_value(conf, _OUT_FORMAT_KEYS, method),
            conf.get("mapreduce.job.output.key.class") or conf.get("mapred.output.key.class"),
            conf.get("mapreduce.job.output.value.class")
            or conf.get("mapred.output.value.class"),
            conf.get("mapreduce.output.fileoutputformat.compress.codec"))

    def saveAsHadoopDataset(self, conf: dict, keyConverter: str | None = None,
                            valueConverter: str | None = None) -> None:
        self._save_dataset("saveAsHadoopDataset", conf, keyConverter, valueConverter)

    def saveAsNewAPIHadoopDataset(self, conf: dict, keyConverter: str | None = None,
                                  valueConverter: str | None = None) -> None:
        self._save_dataset("saveAsNewAPIHadoopDataset", conf, keyConverter, valueConverter)


class _WriteTextPairs:
    """TextOutputFormat: `key<TAB>value` per record (only the other side when one is None)."""

    def __init__(self, tmp: str):
        self.tmp = tmp

    def __call__(self, split: int, it: Iterable) -> list:
        from dfengine.rdd import seqfile
        from dfengine.rdd.writables import to_string

        with open(os.path.join(self.tmp, f"part-{split:05d}"), "w", encoding="utf-8") as f:
            for record in it:
                key, value = seqfile.pair(record)
                if key is None and value is None:
                    continue
                parts = [to_string(x) for x in (key, value) if x is not None]
                f.write("\t".join(parts) + "\n")
        return []


def _read_text_with_offsets(path: str) -> list:
    """TextInputFormat: `(byte offset of the line, line)` of one file."""
    with open(path, "rb") as f:
        data = f.read()
    out, pos = [], 0
    for line in data.splitlines(keepends=True):
        out.append((pos, line.rstrip(b"\r\n").decode("utf-8")))
        pos += len(line)
    return out
