"""File formats beyond parquet/csv/json: ORC (pyarrow.orc), Avro (fastavro), binaryFile,
and the text source's `wholetext` / `lineSep` options. `xml` is refused with a clear error.

Each format is a schema function (first file, options) and a read function (one file,
schema, options) returning an Arrow table whose columns are named as the schema's fields;
the scan then selects, converts and adds partition columns as for the other formats.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.datasource.compression import open_text
from dfengine.errors import AnalysisException
from dfengine.types.arrow import from_arrow_type, to_arrow_schema

UNSUPPORTED = {
    "xml": "The XML data source is not available in dfengine (Spark has it from 4.0 through "
           "spark-xml's parser). Convert the files to JSON or parquet first, or read them with "
           "spark.read.text(path, wholetext=True) and parse the strings with a UDF.",
}


def check_supported(fmt: str) -> None:
    if fmt in UNSUPPORTED:
        raise AnalysisException(UNSUPPORTED[fmt], "DATA_SOURCE_NOT_FOUND")


# ------------------------------------------------------------------------------- orc


def _orc_schema(path: str, options: dict[str, str]) -> list[T.StructField]:
    from pyarrow import orc

    schema = orc.ORCFile(path).schema
    return [T.StructField(f.name, from_arrow_type(f.type), True) for f in schema]


def _read_orc(path: str, schema: T.StructType, options: dict[str, str]) -> pa.Table:
    from pyarrow import orc

    f = orc.ORCFile(path)
    present = set(f.schema.names)
    return f.read(columns=[n for n in schema.names if n in present])


def _unsliced(table: pa.Table) -> pa.Table:
    """A copy of `table` whose nested columns start at offset 0 in every child.

    pyarrow's ORC writer ignores a struct array's offset when it writes the children, so a
    slice of a table (every partition of a scan or of createDataFrame is one) shifts the
    struct values against their validity: a null struct would read back as its neighbour's
    value. `take` rebuilds the arrays, children included, from offset 0."""
    if not any(pa.types.is_nested(f.type) for f in table.schema):
        return table
    import numpy as np

    return table.take(pa.array(np.arange(table.num_rows, dtype=np.int64)))


def write_orc(table: pa.Table, path: str, options: dict[str, str]) -> None:
    from pyarrow import orc

    comp = options.get("compression", "snappy").lower()
    orc.write_table(_unsliced(table), path, compression="uncompressed" if comp == "none" else comp)


# ------------------------------------------------------------------------------ avro

_AVRO_PRIMITIVES = {"null": T.NullType(), "boolean": T.BooleanType(), "int": T.IntegerType(),
                    "long": T.LongType(), "float": T.FloatType(), "double": T.DoubleType(),
                    "bytes": T.BinaryType(), "string": T.StringType()}


def _avro_type(t: Any) -> T.DataType:
    """Spark's Avro -> Spark type mapping (spark-avro SchemaConverters)."""
    if isinstance(t, list):  # a union: ["null", X] is a nullable X
        rest = [x for x in t if x != "null"]
        return _avro_type(rest[0]) if len(rest) == 1 else T.StringType()
    if isinstance(t, str):
        return _AVRO_PRIMITIVES.get(t, T.StringType())
    logical = t.get("logicalType")
    if logical == "date":
        return T.DateType()
    if logical in ("timestamp-millis", "timestamp-micros"):
        return T.TimestampType()
    if logical == "decimal":
        return T.DecimalType(t.get("precision", 10), t.get("scale", 0))
    kind = t.get("type")
    if kind == "array":
        return T.ArrayType(_avro_type(t["items"]), True)
    if kind == "map":
        return T.MapType(T.StringType(), _avro_type(t["values"]), True)
    if kind == "record":
        return T.StructType([T.StructField(f["name"], _avro_type(f["type"]), True)
                             for f in t["fields"]])
    if kind == "enum":
        return T.StringType()
    if kind == "fixed":
        return T.BinaryType()
    return _avro_type(kind)


def _avro_schema(path: str, options: dict[str, str]) -> list[T.StructField]:
    import fastavro

    with open(path, "rb") as fh:
        schema = fastavro.reader(fh).writer_schema
    return list(_avro_type(schema).fields)


def _read_avro(path: str, schema: T.StructType, options: dict[str, str]) -> pa.Table:
    import fastavro

    with open(path, "rb") as fh:
        records = list(fastavro.reader(fh))
    target = to_arrow_schema(schema)
    cols = {n: [r.get(n) for r in records] for n in schema.names}
    return pa.Table.from_arrays([pa.array(cols[f.name], f.type) for f in target],
                                schema=target)


def _to_avro_type(d: T.DataType, name: str) -> Any:
    """Spark's Spark -> Avro mapping (every column a union with null)."""
    simple = {T.BooleanType: "boolean", T.ByteType: "int", T.ShortType: "int",
              T.IntegerType: "int", T.LongType: "long", T.FloatType: "float",
              T.DoubleType: "double", T.StringType: "string", T.BinaryType: "bytes"}
    for cls, avro in simple.items():
        if isinstance(d, cls):
            return avro
    if isinstance(d, T.DateType):
        return {"type": "int", "logicalType": "date"}
    if isinstance(d, (T.TimestampType, T.TimestampNTZType)):
        return {"type": "long", "logicalType": "timestamp-micros"}
    if isinstance(d, T.DecimalType):
        return {"type": "bytes", "logicalType": "decimal", "precision": d.precision,
                "scale": d.scale}
    if isinstance(d, T.ArrayType):
        return {"type": "array", "items": ["null", _to_avro_type(d.elementType, name)]}
    if isinstance(d, T.MapType):
        return {"type": "map", "values": ["null", _to_avro_type(d.valueType, name)]}
    if isinstance(d, T.StructType):
        return {"type": "record", "name": name, "fields": [
            {"name": f.name, "type": ["null", _to_avro_type(f.dataType, f"{name}_{f.name}")]}
            for f in d.fields]}
    raise AnalysisException(f"Cannot write {d.simpleString()} to Avro.",
                            "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE")


def write_avro(table: pa.Table, path: str, options: dict[str, str]) -> None:
    import fastavro

    schema = T.from_arrow_schema(table.schema)
    record = {"type": "record", "name": options.get("recordname", "topLevelRecord"),
              "namespace": options.get("recordnamespace", ""),
              "fields": [{"name": f.name, "type": ["null", _to_avro_type(f.dataType, f.name)]}
                         for f in schema.fields]}
    codec = options.get("compression", "snappy").lower()
    codec = {"uncompressed": "null", "none": "null"}.get(codec, codec)
    try:
        import cramjam  # noqa: F401 - fastavro's snappy codec needs it
    except ImportError:
        codec = "deflate" if codec == "snappy" else codec
    with open(path, "wb") as fh:
        fastavro.writer(fh, fastavro.parse_schema(record), table.to_pylist(), codec=codec)


# ------------------------------------------------------------------------ binaryFile

_BINARY_FIELDS = [T.StructField("path", T.StringType(), False),
                  T.StructField("modificationTime", T.TimestampType(), False),
                  T.StructField("length", T.LongType(), False),
                  T.StructField("content", T.BinaryType(), True)]


def _binary_schema(path: str, options: dict[str, str]) -> list[T.StructField]:
    return list(_BINARY_FIELDS)


def _read_binary(path: str, schema: T.StructType, options: dict[str, str]) -> pa.Table:
    st = os.stat(path)
    if st.st_size == 0:  # Spark's file listing leaves empty files out of binaryFile scans
        return to_arrow_schema(schema).empty_table()
    with open(path, "rb") as fh:
        content = fh.read()
    ms = st.st_mtime_ns // 1_000_000  # Hadoop's FileStatus keeps milliseconds
    mtime = dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=ms)
    full = pa.table({"path": pa.array(["file:" + os.path.abspath(path)], pa.string()),
                     "modificationTime": pa.array([mtime], pa.timestamp("us")),
                     "length": pa.array([st.st_size], pa.int64()),
                     "content": pa.array([content], pa.binary())})
    return full.select([n for n in schema.names if n in full.column_names])


# ------------------------------------------------------------------------------ text


def read_text(path: str, options: dict[str, str]) -> pa.Table:
    """Spark's text source: one row per line (lines end at \\n, \\r\\n or \\r, or at
    `lineSep`), or with `wholetext` one row per file."""
    with open_text(path, newline="") as fh:
        text = fh.read()
    if options.get("wholetext", "false").lower() == "true":
        return pa.table({"value": pa.array([text], pa.string())})
    sep = options.get("linesep")
    lines = text.split(sep) if sep else text.replace("\r\n", "\n").replace("\r", "\n").split(
        "\n")
    if lines and lines[-1] == "":
        lines.pop()
    return pa.table({"value": pa.array(lines, pa.string())})


def write_text(table: pa.Table, path: str, options: dict[str, str]) -> None:
    with open(path, "wb") as fh:
        fh.write(text_bytes(table, options))


def text_bytes(table: pa.Table, options: dict[str, str]) -> bytes:
    """The text source's file: each value and lineSep (default \n), in UTF-8."""
    if table.num_columns != 1 or not pa.types.is_string(table.schema.field(0).type):
        raise AnalysisException(
            "Text data source supports only a single column of string type, and you have "
            f"{table.num_columns} columns.", "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE")
    sep = options.get("linesep", "\n")
    return "".join(("" if v is None else v) + sep
                   for v in table.column(0).to_pylist()).encode("utf-8")


def _text_schema(path: str, options: dict[str, str]) -> list[T.StructField]:
    return [T.StructField("value", T.StringType())]


def _read_text(path: str, schema: T.StructType, options: dict[str, str]) -> pa.Table:
    """The lines under the schema's one column, whatever its name (`CREATE TABLE t (col
    STRING) USING TEXT`, `read.schema("s string").text(...)`), as Spark reads them."""
    table = read_text(path, options)
    name = schema.fields[0].name if schema.fields else "value"
    return table.rename_columns([name])


READERS = {"text": (_text_schema, _read_text), "orc": (_orc_schema, _read_orc), "avro": (_avro_schema, _read_avro),
           "binaryfile": (_binary_schema, _read_binary)}
WRITERS = {"orc": write_orc, "avro": write_avro, "text": write_text}
EXTENSIONS = {"orc": ".orc", "avro": ".avro"}
