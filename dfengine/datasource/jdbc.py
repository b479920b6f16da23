"""JDBC sources and sinks for SQLite (`jdbc:sqlite:<file>`), through Python's sqlite3.

Types follow Spark's JDBC mapping: a column's declared type (its SQLite affinity name) gives
the Spark type on read; on write Spark's JdbcUtils names the column types (INTEGER, BIGINT,
DOUBLE PRECISION, TEXT, BIT(1), DATE, TIMESTAMP, DECIMAL(p,s), BLOB). SQLite INTEGER holds 64
bits, so it reads as LONG. Values SQLite keeps as text (dates, timestamps) or as REAL
(decimals) are converted back to the declared type.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import sqlite3
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException, IllegalArgumentException

_DECIMAL = re.compile(r"(?:DECIMAL|NUMERIC)\s*\(\s*(\d+)\s*(?:,\s*(\d+))?\s*\)")


def database_path(url: str) -> str:
    if not isinstance(url, str) or not url.lower().startswith("jdbc:sqlite:"):
        raise IllegalArgumentException(
            f"Unsupported JDBC URL {url!r}: dfengine reads and writes SQLite databases only, "
            "with a URL like 'jdbc:sqlite:/path/to/file.db'.", "UNSUPPORTED_JDBC_URL")
    return url[len("jdbc:sqlite:"):]


def connect(url: str) -> sqlite3.Connection:
    return sqlite3.connect(database_path(url), detect_types=0, check_same_thread=False)


def spark_type(declared: str | None) -> T.DataType:
    d = (declared or "").upper().strip()
    m = _DECIMAL.match(d)
    if m:
        return T.DecimalType(int(m.group(1)), int(m.group(2) or 0))
    rules = [(("BIT", "BOOL"), T.BooleanType()), (("TINYINT", "SMALLINT"), T.IntegerType()),
             (("BIGINT", "INT"), T.LongType()), (("CHAR", "CLOB", "TEXT"), T.StringType()),
             (("BLOB", "BINARY"), T.BinaryType()), (("REAL", "FLOA", "DOUB"), T.DoubleType()),
             (("TIMESTAMP", "DATETIME"), T.TimestampType()), (("DATE",), T.DateType()),
             (("DECIMAL", "NUMERIC"), T.DecimalType(38, 10))]
    for keys, t in rules:
        if any(k in d for k in keys):
            return t
    return T.StringType()


def source_sql(options: dict[str, str]) -> str:
    table, query = options.get("dbtable"), options.get("query")
    if bool(table) == bool(query):
        raise IllegalArgumentException(
            "Option 'dbtable' or 'query' is required (and not both) for a JDBC read.",
            "JDBC_MISSING_TABLE")
    return table if table else f"({query}) SPARK_GEN_SUBQ_0"


def schema_of(url: str, source: str) -> T.StructType:
    """Column names and declared types of `source` (a table or a parenthesized query),
    through a temporary view so that query columns keep their tables' declared types."""
    con = connect(url)
    try:
        con.execute(f"CREATE TEMP VIEW __dfengine_schema AS SELECT * FROM {source}")
        info = con.execute("PRAGMA table_info(__dfengine_schema)").fetchall()
        sample = con.execute("SELECT * FROM __dfengine_schema LIMIT 100").fetchall()
    except sqlite3.Error as e:
        raise AnalysisException(f"JDBC source {source} cannot be read: {e}",
                                "TABLE_OR_VIEW_NOT_FOUND") from None
    finally:
        con.close()
    fields = []
    for i, r in enumerate(info):
        declared = r[2] or _value_type([row[i] for row in sample])
        fields.append(T.StructField(r[1], spark_type(declared), True))
    return T.StructType(fields)


def _value_type(values: list) -> str:
    """A computed column has no declared type: name one from its values (as the SQLite
    driver reports a result column's type from the value)."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {int}:
        return "BIGINT"
    if kinds and kinds <= {int, float}:
        return "DOUBLE"
    if kinds == {bytes}:
        return "BLOB"
    return "TEXT"


def _convert(v: Any, t: T.DataType) -> Any:
    if v is None:
        return None
    if isinstance(t, T.BooleanType):
        return bool(v)
    if isinstance(t, T.DateType) and isinstance(v, str):
        return dt.date.fromisoformat(v[:10])
    if isinstance(t, T.TimestampType) and isinstance(v, str):
        return dt.datetime.fromisoformat(v)
    if isinstance(t, T.DecimalType):
        return decimal.Decimal(str(v)).quantize(decimal.Decimal(1).scaleb(-t.scale))
    if isinstance(t, T.StringType) and not isinstance(v, str):
        return str(v)
    if isinstance(t, T.DoubleType):
        return float(v)
    return v


def read_partition(url: str, source: str, where: str | None,
                   schema: T.StructType) -> pa.Table:
    names = ", ".join('"' + f.name.replace('"', '""') + '"' for f in schema.fields)
    sql = f"SELECT {names} FROM {source}" + (f" WHERE {where}" if where else "")
    con = connect(url)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    target = T.to_arrow_schema(schema)
    cols = [[_convert(r[i], f.dataType) for r in rows] for i, f in enumerate(schema.fields)]
    return pa.Table.from_arrays([pa.array(c, ft.type) for c, ft in zip(cols, target)],
                                schema=target)


def stride_predicates(column: str, lower: int, upper: int, n: int) -> list[str | None]:
    """Spark's JDBCRelation.columnPartition: `n` ranges of equal stride over [lower, upper),
    the first also taking NULLs and everything below, the last everything above."""
    if n <= 1 or upper - lower < 1:
        return [None]
    n = min(n, upper - lower)
    stride = upper // n - lower // n
    preds: list[str | None] = []
    current = lower
    for i in range(n):
        lo = f"{column} >= {current}" if i else None
        current += stride
        hi = f"{column} < {current}" if i < n - 1 else None
        if lo is None:
            preds.append(f"{hi} or {column} is null")
        elif hi is None:
            preds.append(lo)
        else:
            preds.append(f"{lo} AND {hi}")
    return preds


_JDBC_TYPES = [(T.BooleanType, "BIT(1)"), (T.ByteType, "BYTE"), (T.ShortType, "INTEGER"),
               (T.IntegerType, "INTEGER"), (T.LongType, "BIGINT"), (T.FloatType, "REAL"),
               (T.DoubleType, "DOUBLE PRECISION"), (T.StringType, "TEXT"),
               (T.BinaryType, "BLOB"), (T.TimestampType, "TIMESTAMP"), (T.DateType, "DATE")]


def column_type(t: T.DataType) -> str:
    if isinstance(t, T.DecimalType):
        return f"DECIMAL({t.precision},{t.scale})"
    for cls, name in _JDBC_TYPES:
        if isinstance(t, cls):
            return name
    raise AnalysisException(f"Can't get JDBC type for {t.simpleString()}.",
                            "UNSUPPORTED_DATATYPE")


def _bind(v: Any) -> Any:
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def table_exists(con: sqlite3.Connection, table: str) -> bool:
    row = con.execute("SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') "
                      "AND lower(name) = lower(?)", (table,)).fetchone()
    return bool(row[0])


def create_table(con: sqlite3.Connection, table: str, schema: T.StructType,
                 options: dict[str, str]) -> None:
    cols = ", ".join('"' + f.name.replace('"', '""') + '" ' + column_type(f.dataType) + (
        "" if f.nullable else " NOT NULL") for f in schema.fields)
    extra = options.get("createtableoptions", "")
    con.execute(f"CREATE TABLE {table} ({cols}) {extra}".rstrip())


def insert_batches(con: sqlite3.Connection, table: str, names: list[str],
                   batches: Any) -> None:
    cols = ", ".join('"' + n.replace('"', '""') + '"' for n in names)
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    for batch in batches:
        data = [c.to_pylist() for c in batch.columns]
        con.executemany(sql, [tuple(_bind(v) for v in row) for row in zip(*data)])
