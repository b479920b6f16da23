"""`spark.read.format("libsvm")` and the libsvm writer against PySpark."""

from __future__ import annotations

import numpy as np
import pytest

from tests.ml1.conftest import to_np


def test_read_matches_pyspark(spark, pyspark_session, libsvm_file):
    ours = spark.read.format("libsvm").load(libsvm_file).collect()
    theirs = pyspark_session.read.format("libsvm").load(libsvm_file).collect()
    assert len(ours) == len(theirs) == 60
    for a, b in zip(ours, theirs):
        assert a.label == b.label
        assert a.features.size == b.features.size
        assert list(a.features.indices) == list(b.features.indices)
        np.testing.assert_array_equal(a.features.values, b.features.values)


def test_num_features_and_dense(spark, pyspark_session, libsvm_file):
    ours = spark.read.format("libsvm").option("numFeatures", 300) \
        .option("vectorType", "dense").load(libsvm_file).collect()
    theirs = pyspark_session.read.format("libsvm").option("numFeatures", 300) \
        .option("vectorType", "dense").load(libsvm_file).collect()
    assert len(ours[0].features) == 300
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(to_np(a.features), b.features.toArray())


def test_write_roundtrip(spark, libsvm_file, tmp_path):
    df = spark.read.format("libsvm").load(libsvm_file)
    out = str(tmp_path / "out")
    df.write.format("libsvm").save(out)
    back = spark.read.format("libsvm").option("numFeatures", df.first().features.size) \
        .load(out).collect()
    assert back == df.collect()


def test_bad_lines(spark, tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text("1.0 3:1.0 2:4.0\n")
    with pytest.raises(Exception, match="ascending"):
        spark.read.format("libsvm").load(str(p)).collect()
