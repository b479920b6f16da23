"""Shared case registry and data helpers for probe 11 (I/O, catalog, DataFrame methods, ML, RDD)."""
import datetime as _dt
import decimal as _dec
import glob as _glob
import os
import tempfile

CASES = []


def case(fn=None, *, ordered=False):
    def deco(f):
        f._ordered = ordered
        CASES.append(f)
        return f
    if fn is not None:
        return deco(fn)
    return deco


def _pkg(F):
    return "pyspark" if F.__name__.startswith("pyspark") else "dfengine"


def is_spark(F):
    return _pkg(F) == "pyspark"


def W(F):
    return __import__(_pkg(F) + ".sql.window", fromlist=["Window"]).Window


def R(F):
    return __import__(_pkg(F) + ".sql", fromlist=["Row"]).Row


def ml(F, sub):
    """ml(F, "feature") -> pyspark.ml.feature or dfengine.ml.feature"""
    return __import__(_pkg(F) + ".ml" + ("." + sub if sub else ""), fromlist=["x"])


def Vectors(F):
    return ml(F, "linalg").Vectors


def cap(fn):
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    return buf.getvalue()


def tmp():
    return tempfile.mkdtemp(prefix="s11_")


def wfile(d, name, text, mode="w", encoding="utf-8"):
    """write text into d/name (creating sub dirs); return the full path"""
    p = os.path.join(d, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if "b" in mode:
        open(p, mode).write(text)
    else:
        open(p, mode, encoding=encoding, newline="").write(text)
    return p


def data_files(path):
    """sorted data files (no _SUCCESS, no .crc, no hidden) relative to path"""
    out = []
    for root, dirs, files in os.walk(path):
        dirs[:] = [x for x in dirs if not x.startswith((".", "_"))]
        for f in files:
            if f.startswith((".", "_")) or f.endswith(".crc"):
                continue
            out.append(os.path.relpath(os.path.join(root, f), path))
    return sorted(out)


def nfiles(path):
    return len(data_files(path))


CODEC_SUFFIXES = ("gz", "bz2", "deflate", "zst", "lz4", "snappy", "xz")


def exts(path):
    """sorted set of data-file suffixes: the format suffix, preceded by a codec suffix for compressed
    text files (['.csv.gz']); parquet/orc report only '.parquet'/'.orc' (see pq_codec)"""
    res = set()
    for f in data_files(path):
        parts = os.path.basename(f).split(".")
        if len(parts) < 2:
            res.add("")
        elif parts[-1] in CODEC_SUFFIXES and len(parts) > 2:
            res.add("." + parts[-2] + "." + parts[-1])
        else:
            res.add("." + parts[-1])
    return sorted(res)


def pq_codec(path):
    """compression codecs used in the parquet data files under path"""
    import pyarrow.parquet as pq
    out = set()
    for f in data_files(path):
        md = pq.ParquetFile(os.path.join(path, f)).metadata
        for i in range(md.num_row_groups):
            for j in range(md.num_columns):
                out.add(md.row_group(i).column(j).compression)
    return sorted(out)


def subdirs(path):
    """sorted partition sub directory names (k=v) under path, recursively, relative"""
    out = []
    for root, dirs, files in os.walk(path):
        dirs[:] = [x for x in dirs if not x.startswith((".", "_"))]
        for d in dirs:
            out.append(os.path.relpath(os.path.join(root, d), path))
    return sorted(out)


def read_text_files(path):
    """concatenate all data files' lines (sorted) -- for inspecting csv/json/text output"""
    import gzip
    lines = []
    for f in data_files(path):
        full = os.path.join(path, f)
        op = gzip.open if f.endswith(".gz") else open
        with op(full, "rt", encoding="utf-8") as h:
            lines += h.read().splitlines()
    return sorted(lines)


def srt(rows):
    return sorted(rows, key=lambda r: repr(r))


D = _dec.Decimal
date = _dt.date
dt = _dt.datetime

PEOPLE = [(1, "Alice", 34, "NY", 5000.0), (2, "Bob", None, "LA", 4000.5),
          (3, "Cathy", 29, None, None), (4, "dave", 45, "NY", 7000.0),
          (5, "Eve", 29, "SF", 3000.0), (6, "Frank", 52, "LA", 6100.25)]


def people(s):
    return s.createDataFrame(PEOPLE, ["id", "name", "age", "city", "salary"])


ALLTYPES_SCHEMA = ("i int, l bigint, d double, s string, b boolean, dec decimal(10,3), dt date, ts timestamp, "
                   "bin binary, a array<int>, m map<string,int>, st struct<x:int,y:string>")


def alltypes(s):
    data = [(1, 10**12, 1.5, "a", True, D("1.250"), date(2024, 1, 31), dt(2024, 1, 31, 10, 20, 30, 123456),
             bytearray(b"\x00\xff"), [1, None, 3], {"k": 1}, (1, "x")),
            (None, None, None, None, None, None, None, None, None, None, None, None),
            (-2, -5, float("nan"), "", False, D("-0.001"), date(1969, 12, 31), dt(1970, 1, 1),
             bytearray(b""), [], {}, (None, None))]
    return s.createDataFrame(data, ALLTYPES_SCHEMA)
