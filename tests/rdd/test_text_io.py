"""textFile block splitting and saveAsTextFile's layout and atomicity."""

from __future__ import annotations

import os

import pytest

from dfengine.errors import AnalysisException, PythonException
from tests.rdd.conftest import _register_by_value

_register_by_value(__name__)


def test_blocks_split_lines_exactly_once(sc, tmp_path):
    lines = [("x" * (i % 37)) + f" line {i}" for i in range(2000)]
    path = tmp_path / "big.txt"
    path.write_text("\n".join(lines) + "\n")
    rdd = sc.textFile(str(path), 7)
    assert rdd.getNumPartitions() >= 7  # one task per block, not one per file
    sizes = rdd.glom().map(len).collect()
    assert all(s > 0 for s in sizes)
    assert rdd.collect() == lines


def test_crlf_and_no_trailing_newline(sc, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"a b\r\nc\r\n\r\nd")
    assert sc.textFile(str(path), 3).collect() == ["a b", "c", "", "d"]


def test_save_as_text_file_layout_and_round_trip(sc, psc, tmp_path):
    data = [1, "two", (3, "x"), None, 5.5]
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    sc.parallelize(data, 3).saveAsTextFile(str(ours))
    psc.parallelize(data, 3).saveAsTextFile(str(theirs))
    listing = sorted(f for f in os.listdir(ours) if not f.startswith("."))
    assert listing == ["_SUCCESS", "part-00000", "part-00001", "part-00002"]
    for name in listing[1:]:
        assert (ours / name).read_text() == (theirs / name).read_text()
    assert sc.textFile(str(ours)).collect() == [str(x) for x in data]


def test_save_refuses_existing_output(sc, tmp_path):
    out = tmp_path / "exists"
    out.mkdir()
    with pytest.raises(AnalysisException, match="already exists"):
        sc.parallelize([1]).saveAsTextFile(str(out))


def test_failed_save_leaves_no_output(sc, tmp_path):
    out = tmp_path / "atomic"

    def boom(x):
        if x == 17:
            raise RuntimeError("disk on fire")
        return x

    with pytest.raises(PythonException, match="disk on fire"):
        sc.parallelize(range(40), 4).map(boom).saveAsTextFile(str(out))
    assert not out.exists()
    assert os.listdir(tmp_path) == []


def test_gzip_output_reads_back(sc, tmp_path):
    out = tmp_path / "gz"
    sc.parallelize(["a", "b", "c"], 2).saveAsTextFile(
        str(out), "org.apache.hadoop.io.compress.GzipCodec")
    assert sorted(os.listdir(out)) == ["_SUCCESS", "part-00000.gz", "part-00001.gz"]
    assert sc.textFile(str(out)).collect() == ["a", "b", "c"]
