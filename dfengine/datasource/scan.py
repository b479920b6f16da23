"""Reading sources into Arrow partitions: file discovery, schema inference and the per-piece
read functions that run inside Dask tasks.

A parquet source is split into pieces of consecutive row groups (about `PIECE_ROWS` rows), so
a large file is read by several tasks and a filter can skip row groups by their statistics.
CSV and JSON files are one piece each. Hive-style directories (`key=value/`) add partition
columns. Every column is normalised to the Arrow type its Spark type is stored as.
"""

from __future__ import annotations

import dataclasses
import glob
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.datasource import csv_text, formats
from dfengine.datasource.compression import open_binary, open_text
from dfengine.errors import AnalysisException, IllegalArgumentException, SparkRuntimeException
from dfengine.functions.input_file import INPUT_FILE_KEYS
from dfengine.types import from_arrow_type, to_arrow_type
from dfengine.types.json_infer import compatible, merge_json, merge_numbers, no_null_types

if TYPE_CHECKING:  # pyarrow.parquet/csv/json load when a file is read (a range() query reads none)
    import pyarrow.parquet as pq

# Rows a parquet piece (one task's read) groups its row groups up to. Fewer, longer reads
# won: 1.2M against 600k ran the 22 TPC-H SF1 queries 4.6% faster (geomean, interleaved A/B
# in one process; 2M gained nothing more): each piece pays a file open, a read call per
# column chunk and a task, and pyarrow decodes longer runs faster. `spark.sql.files.
# maxPartitionBytes` still cuts pieces of wide rows by their bytes (`sizing.split_pieces`).
PIECE_ROWS = 1_200_000


@dataclass(frozen=True)
class SourceFile:
    path: str
    partition_values: tuple[tuple[str, str], ...] = ()


def discover(paths: list[str], fmt: str, recursive: bool = False,
             base_path: str | None = None) -> list[SourceFile]:
    """Expand files, directories and globs into data files as Spark's InMemoryFileIndex does:
    every file but hidden ones is data, whatever its extension (`x.csv.gz`, `x.log`); k=v
    directories are partitions; without partitions only a root's own files are read, and
    `recursiveFileLookup` reads every level and infers no partitions. With `basePath` (a
    parent of the paths) the k=v directories between it and a file are partitions too:
    reading `t/k=1` with basePath `t` gives the column k."""
    base = os.path.abspath(base_path.removeprefix("file://")) if base_path else None
    out: list[SourceFile] = []
    for p in paths:
        p = os.fspath(p)
        p = p.removeprefix("file://")
        matches = sorted(glob.glob(p)) if any(c in p for c in "*?[") else [p]
        if not matches or not all(os.path.exists(m) for m in matches):
            raise AnalysisException(
                f"Path does not exist: file:{os.path.abspath(p)}. Check the path, or write the "
                "data there first.", "PATH_NOT_FOUND")
        for m in matches:
            top = _base_of(m, base) if base else None
            if os.path.isdir(m):
                out.extend(_walk(m, recursive, top))
            else:
                out.append(SourceFile(m, () if recursive or top is None else _partitions(
                    _segments(os.path.dirname(os.path.abspath(m)), top))))
    return out


def _base_of(path: str, base: str) -> str:
    full = os.path.abspath(path)
    if full != base and not full.startswith(base.rstrip(os.sep) + os.sep):
        raise IllegalArgumentException(
            f"Wrong basePath {base} for the root path: {full}. basePath must be a directory "
            "that holds the paths read (the table's top directory).")
    return base


def _segments(dirpath: str, root: str) -> list[str]:
    rel = os.path.relpath(dirpath, root)
    return [] if rel == "." else rel.split(os.sep)


def _partitions(segs: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(g.split("=", 1)) for g in segs if "=" in g)


def _hidden(name: str) -> bool:
    """Spark's shouldFilterOutPathName: `_x` (not `_k=v`), `.x` and files still being copied
    are not data (`_SUCCESS`, `_metadata`, `.crc` files, staging directories)."""
    return ((name.startswith("_") and "=" not in name) or name.startswith(".")
            or name.endswith("._COPYING_"))


def _walk(root: str, recursive: bool, base: str | None = None) -> list[SourceFile]:
    found: list[tuple[str, SourceFile]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        segs = _segments(os.path.abspath(dirpath), base or os.path.abspath(root))
        parts = () if recursive else _partitions(segs)
        where = "root" if not segs else "partition" if all("=" in g for g in segs) else "other"
        found += [(where, SourceFile(os.path.join(dirpath, f), parts))
                  for f in sorted(filenames) if not _hidden(f)]
    if recursive:
        return [f for _, f in found]
    partitioned = [f for where, f in found if where == "partition"]
    if not partitioned:
        return [f for where, f in found if where == "root"]
    if len(partitioned) < len(found):
        odd = sorted({os.path.dirname(f.path) for where, f in found if where != "partition"})
        raise AnalysisException(
            f"Conflicting directory structures detected under {root}: data files sit both in "
            f"partition directories (k=v) and in {', '.join(odd[:3])}. Read the partitioned "
            "part by its path, move the other files, or set recursiveFileLookup=true to read "
            "every file without partition columns.", "CONFLICTING_DIRECTORY_STRUCTURES")
    return partitioned


def partition_schema(files: list[SourceFile], infer_types: bool = True) -> list[T.StructField]:
    """Spark infers partition column types: int, bigint, double, date, timestamp, else
    string; all strings when spark.sql.sources.partitionColumnTypeInference.enabled=false."""
    names: list[str] = []
    values: dict[str, list[str]] = {}
    for f in files:
        for k, v in f.partition_values:
            if k not in values:
                names.append(k)
                values[k] = []
            values[k].append(v)
    return [T.StructField(n, _infer_partition_type(values[n]) if infer_types else T.StringType())
            for n in names]


def _infer_partition_type(vals: list[str]) -> T.DataType:
    real = [v for v in vals if v != "__HIVE_DEFAULT_PARTITION__"]

    def all_(fn: Any) -> bool:
        try:
            for v in real:
                fn(v)
            return True
        except ValueError:
            return False

    if real and all_(int):
        return T.IntegerType() if all(-(2**31) <= int(v) < 2**31 for v in real) else T.LongType()
    if real and all_(float):
        return T.DoubleType()
    import datetime

    if real and all_(datetime.date.fromisoformat):
        return T.DateType()
    if real and all(_PARTITION_TIMESTAMP.match(unquote(v)) or _PARTITION_DATE.match(v)
                    for v in real):  # dates beside timestamps widen to timestamps
        return T.TimestampType()
    return T.StringType()


# Spark's timestampPartitionPattern, yyyy-MM-dd HH:mm:ss[.S] (the directory name escapes ':')
_PARTITION_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_PARTITION_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$")


def partition_value(raw: str, dt: T.DataType) -> Any:
    from urllib.parse import unquote

    if raw == "__HIVE_DEFAULT_PARTITION__":
        return None
    raw = unquote(raw)
    if isinstance(dt, T.IntegralType):
        return int(raw)
    if isinstance(dt, T.DoubleType):
        return float(raw)
    if isinstance(dt, T.DateType):
        import datetime

        return datetime.date.fromisoformat(raw)
    if isinstance(dt, T.TimestampType):  # a wall-clock time in the session zone
        from dfengine.functions.cast import parse_instant
        from dfengine.functions.zone_shift import session_zone

        return parse_instant(raw, session_zone())
    return raw


# ---------------------------------------------------------------------------- schemas


def infer_schema(fmt: str, files: list[SourceFile], options: dict[str, str],
                 infer_partition_types: bool = True) -> T.StructType:
    if not files:
        raise AnalysisException(
            f"Unable to infer schema for {fmt.upper()}: the path holds no data files. It must "
            "be specified manually with .schema(...); files in subdirectories that are not "
            "k=v partitions are read with .option('recursiveFileLookup', 'true').",
            "UNABLE_TO_INFER_SCHEMA")
    try:
        if fmt == "parquet":
            fields = _parquet_schema(files, options)
        elif fmt == "csv":
            fields = _csv_schema(files, options)
        elif fmt == "json":
            fields = _json_schema(files, options)
        elif fmt == "text":
            fields = [T.StructField("value", T.StringType())]
        elif fmt in formats.READERS:  # orc, avro, binaryFile
            fields = formats.READERS[fmt][0](files[0].path, options)
        else:
            raise AnalysisException(f"Unsupported data source format '{fmt}'. Use parquet, csv "
                                    "or json.", "UNSUPPORTED_DATA_SOURCE")
    except (pa.ArrowInvalid, OSError) as e:
        raise SparkRuntimeException(
            f"Encountered error while reading file {files[0].path}: {e}. Check that the file "
            f"is a valid {fmt} file.", "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER") from None
    names = {f.name for f in fields}
    fields += [f for f in partition_schema(files, infer_partition_types) if f.name not in names]
    return T.StructType(fields)


def _bool(options: dict[str, str], key: str, default: bool = False) -> bool:
    """A boolean reader option; another word is refused as Spark's getBool does ("header
    flag can be true or false"), not read as false."""
    v = options.get(key.lower())
    if v is None:
        return default
    word = str(v).strip().lower()
    if word not in ("true", "false"):
        raise SparkRuntimeException(
            f"{_OPTION_NAMES.get(key.lower(), key)} flag can be true or false (got '{v}'): "
            "pass True/False or 'true'/'false'.", "INVALID_OPTION_VALUE")
    return word == "true"


_OPTION_NAMES = {"header": "header", "inferschema": "inferSchema", "multiline": "multiLine",
                 "mergeschema": "mergeSchema"}


def csv_encoding(options: dict[str, str]) -> str:
    """The CSV `encoding`/`charset` option (Spark's default UTF-8)."""
    return options.get("encoding") or options.get("charset") or "utf8"


def _csv_read_options(path: str, options: dict[str, str], names: list[str] | None = None) -> Any:
    import pyarrow.csv as pacsv

    header = _bool(options, "header")
    return pacsv.ReadOptions(column_names=names, autogenerate_column_names=names is None and not
                             header, skip_rows=1 if (header and names is not None) else 0,
                             block_size=1 << 26, encoding=csv_encoding(options))


def _csv_parse_options(options: dict[str, str]) -> Any:
    import pyarrow.csv as pacsv

    sep = csv_text.separator(options)
    quote = options.get("quote", '"')
    escape = options.get("escape")
    return pacsv.ParseOptions(delimiter=sep, quote_char=quote or False,
                              escape_char=escape if escape and escape != "\\" else False,
                              newlines_in_values=_bool(options, "multiline"))


def _csv_header_names(names: list[str], header: bool) -> list[str]:
    """Spark's names for CSV columns: `_c<i>` without a header or for an empty one, and a
    name repeated (case-insensitively) suffixed with its position (a,a -> a0,a1)."""
    if not header:
        return [f"_c{i}" for i in range(len(names))]
    names = [n if n else f"_c{i}" for i, n in enumerate(names)]
    seen: dict[str, int] = {}
    for n in names:
        seen[n.lower()] = seen.get(n.lower(), 0) + 1
    return [f"{n}{i}" if seen[n.lower()] > 1 else n for i, n in enumerate(names)]


def _csv_schema(files: list[SourceFile], options: dict[str, str]) -> list[T.StructField]:
    """Columns from the first file's first line; with inferSchema, each column's type merged
    over every file and every row, ragged ones included (Spark's CSVInferSchema): `1` in one
    file and `1.5` in another is a double, not an int that loses the 1.5."""
    infer = _bool(options, "inferschema")
    names: list[str] = []
    types: list[T.DataType] = []
    for f in files if infer else files[:1]:
        table, ragged, src, opts = _csv_sample(f.path, options)
        if not names:
            names = _csv_header_names(table.column_names, _bool(options, "header"))
            types = [T.NullType()] * len(names)
        if not infer:
            break
        found = _padded_as_double([_csv_column_type(table, i, src, opts)
                                   for i in range(table.num_columns)], table, src, opts)
        for row in ragged:
            found = [_csv_merge(a, b) for a, b in zip(found, _csv_token_types(
                row, len(found), opts))]
        types = [_csv_merge(a, b) for a, b in zip(types, found + types[len(found):])]
    _check_max_columns(names, options)
    if not _bool(options, "preferdate", True):  # dates are inferred as timestamps then
        types = [T.TimestampType() if isinstance(t, T.DateType) else t for t in types]
    return [T.StructField(n, T.StringType() if isinstance(t, T.NullType) or not infer else t)
            for n, t in zip(names, types)]


def _check_max_columns(fields: list, options: dict[str, str]) -> None:
    """maxColumns (default 20480): a record with more fields is malformed, as in Spark."""
    try:
        limit = int(options.get("maxcolumns") or 20480)
    except ValueError:
        raise IllegalArgumentException(
            f"maxColumns must be an integer, got '{options.get('maxcolumns')}'.",
            "INVALID_PARAMETER_VALUE") from None
    if len(fields) > limit:
        raise SparkRuntimeException(
            f"Malformed CSV record: {','.join(str(f) for f in fields)[:200]}. It has "
            f"{len(fields)} fields, more than maxColumns={limit}; raise the maxColumns option.",
            "MALFORMED_CSV_RECORD")


def _csv_sample(path: str, options: dict[str, str]) -> tuple[pa.Table, list[str], Any, dict]:
    """The file's rows as Arrow infers them, the text of the rows whose field count differs
    from the first line's (Arrow cannot type those: their tokens are typed apart), and what
    to read the file from again (the file, or its text tokenized with Spark's rules)."""
    src, opts = csv_source(path, options)
    table, ragged = _arrow_sample(src, opts)
    if src is path and csv_text.misread(table, options):
        src, opts = csv_source(path, options, tokenize=True)
        table, ragged = _arrow_sample(src, opts)
    return table, ragged, src, opts


def csv_source(path: str, options: dict[str, str], tokenize: bool = False) -> tuple[Any, dict]:
    """The file and its options, or (when Spark's rules differ from Arrow's for it) its text
    tokenized by csv_text and the options to read that text with."""
    from dfengine.datasource.compression import codec

    if not tokenize and not csv_text.option_driven(options) and codec(path) != "deflate":
        return path, options  # Arrow reads the file (and its .gz/.bz2/.zst codec) itself
    return pa.py_buffer(csv_text.clean_text(path, options)), csv_text.clean_options(options)


def _arrow_sample(src: Any, options: dict[str, str]) -> tuple[pa.Table, list[str]]:
    import pyarrow.csv as pacsv

    ragged: list[str] = []

    def keep_aside(row: Any) -> str:
        ragged.append(row.text)
        return "skip"

    parse = _csv_parse_options(options)
    parse.invalid_row_handler = keep_aside
    null_value = options.get("nullvalue", "")
    table = pacsv.read_csv(
        src, read_options=_csv_read_options(src, options), parse_options=parse,
        convert_options=pacsv.ConvertOptions(
            null_values=sorted({null_value, ""}), strings_can_be_null=True,
            auto_dict_encode=False))
    return table, ragged


def _csv_column_type(table: pa.Table, i: int, path: Any, options: dict[str, str]) -> T.DataType:
    dt = from_arrow_type(table.schema.field(i).type)
    if isinstance(dt, T.StringType) and _padded_numbers(table.column(i)):
        return T.DoubleType()
    if isinstance(dt, T.LongType):
        col = table.column(i)
        mn, mx = pc.min(col).as_py(), pc.max(col).as_py()
        if mn is None or (mn >= -(2**31) and mx < 2**31):
            dt = T.IntegerType()
    if isinstance(dt, T.DoubleType) and _big_integers(table.select([i])):
        dt = _csv_integer_type(path, options, table.column_names[i])
    return dt


_JAVA_DOUBLE = r"^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$"


def _padded_numbers(col: Any) -> bool:
    """Numbers with spaces around them (' 1'): Spark's int parse refuses them but Java's
    double parse trims, so CSV inference makes the column a double."""
    values = col.drop_null()
    if len(values) == 0 or not pc.any(pc.match_substring_regex(values, r"^\s|\s$")).as_py():
        return False
    return pc.all(pc.match_substring_regex(pc.utf8_trim_whitespace(values),
                                           _JAVA_DOUBLE)).as_py()


def _padded_as_double(types: list[T.DataType], table: pa.Table, src: Any,
                      options: dict[str, str]) -> list[T.DataType]:
    """Arrow reads ' 1' as the integer 1; Spark's integer parse refuses the space and its
    double parse does not, so such a column is inferred double (and read as 1.0)."""
    import pyarrow.csv as pacsv

    ints = [table.column_names[i] for i, t in enumerate(types)
            if isinstance(t, (T.IntegerType, T.LongType))]
    if not ints or not _may_pad_numbers(src, options):
        return types
    raw = pacsv.read_csv(src, read_options=_csv_read_options(src, options),
                         parse_options=_csv_parse_options(options),
                         convert_options=pacsv.ConvertOptions(
                             include_columns=ints, column_types={n: pa.string() for n in ints},
                             auto_dict_encode=False))
    padded = {n for n in ints if _padded_numbers(raw.column(n))}
    return [T.DoubleType() if name in padded else t
            for name, t in zip(table.column_names, types)]


def _may_pad_numbers(src: Any, options: dict[str, str]) -> bool:
    """A digit next to a space or tab anywhere in the text (a cheap scan before a re-read)."""
    import re

    if isinstance(src, pa.Buffer):
        data = src.to_pybytes()
    else:
        with open_binary(src) as fh:
            data = fh.read()
    return re.search(rb"[ \t][+-]?\d|\d[ \t]", data) is not None


def _csv_token_types(text: str, n: int, options: dict[str, str]) -> list[T.DataType]:
    """The inferred type of each of a ragged row's first `n` tokens (missing ones: null)."""
    import csv

    sep = csv_text.separator(options)
    quote = options.get("quote", '"') or None
    try:
        tokens = next(csv.reader([text], delimiter=sep, quotechar=quote), [])
    except (csv.Error, TypeError):  # a separator csv cannot take: the tokens stay strings
        return [T.StringType()] * n
    null_value = options.get("nullvalue", "")
    out = [_csv_token_type(t, null_value) for t in tokens[:n]]
    return out + [T.NullType()] * (n - len(out))


def _csv_token_type(token: str, null_value: str) -> T.DataType:
    if token in ("", null_value):
        return T.NullType()
    if token.lstrip("+-").isdigit() and token == token.strip():
        v = int(token)
        return (T.IntegerType() if -(2 ** 31) <= v < 2 ** 31 else T.LongType()
                if -(2 ** 63) <= v < 2 ** 63 else T.DecimalType(min(len(str(abs(v))), 38), 0))
    if token.lower() in ("true", "false"):
        return T.BooleanType()
    try:
        float(token)
    except ValueError:
        return T.StringType()
    return T.DoubleType()


_CSV_NUMBERS = (T.IntegerType, T.LongType, T.DoubleType, T.DecimalType)


def _csv_merge(a: T.DataType, b: T.DataType) -> T.DataType:
    """Spark's CSVInferSchema.compatibleType: numbers widen, a date and a timestamp make a
    timestamp, anything else that disagrees is a string."""
    return compatible(a, b, _CSV_NUMBERS, _csv_dates)


def _csv_dates(a: T.DataType, b: T.DataType) -> T.DataType:
    kinds = {type(a), type(b)}
    if kinds == {T.DateType, T.TimestampType} or kinds == {T.DateType, T.TimestampNTZType}:
        return b if isinstance(a, T.DateType) else a
    return T.StringType()


def _csv_integer_type(path: Any, options: dict[str, str], name: str) -> T.DataType:
    """A CSV column of whole numbers some past the bigint range: Spark's tryParseDecimal
    infers decimal(p, 0) (an int counts 10 digits, a bigint 20), a double past 38 digits."""
    import pyarrow.csv as pacsv

    null_value = options.get("nullvalue", "")
    raw = pacsv.read_csv(path, read_options=_csv_read_options(path, options),
                         parse_options=_csv_parse_options(options),
                         convert_options=pacsv.ConvertOptions(
                             null_values=sorted({null_value, ""}), strings_can_be_null=True,
                             column_types={name: pa.string()},
                             auto_dict_encode=False)).column(name)
    out: T.DataType = T.IntegerType()
    for v in raw.drop_null().to_pylist():
        v = v.strip()
        if not v.lstrip("+-").isdigit():
            return T.DoubleType()
        n = int(v)
        if len(str(abs(n))) > 38:
            return T.DoubleType()
        dt = (T.IntegerType() if -(2 ** 31) <= n < 2 ** 31 else T.LongType()
              if -(2 ** 63) <= n < 2 ** 63 else T.DecimalType(len(str(abs(n))), 0))
        out = merge_numbers(out, dt) if dt != out else out
    return out


def _json_schema(files: list[SourceFile], options: dict[str, str]) -> list[T.StructField]:
    """Fields merged over every file (Spark samples all of them): a key or a wider type that
    appears only in a later file is kept, not lost. Types are merged as Spark's
    JsonInferSchema does before it canonicalizes them, so `[]` in one file and `[1]` in
    another is array<bigint>, and an empty object `{}` leaves its field out."""
    merged: dict[str, T.DataType] = {}
    for f in files:
        for name, dt in _json_file_fields(f.path, options):
            merged[name] = merge_json(merged.get(name, T.NullType()), dt)
    if _bool(options, "dropfieldifallnull"):  # a field only ever NULL is left out
        merged = {k: v for k, v in merged.items() if not isinstance(v, T.NullType)}
    fields = [T.StructField(k, no_null_types(v)) for k, v in sorted(merged.items())
              if not _empty_struct(v)]
    return _json_field_options(fields, options)


def _empty_struct(dt: T.DataType) -> bool:
    t = no_null_types(dt)
    return isinstance(t, T.StructType) and not t.fields


def _json_file_fields(path: str, options: dict[str, str]) -> list[tuple[str, T.DataType]]:
    """One file's inferred fields, before canonicalization (NULL where only nulls or empty
    arrays were seen); the line-by-line reader when Arrow can't give Spark's answer."""
    from dfengine.datasource import json_options

    try:
        if json_options.needs_lenient(options):
            raise pa.ArrowInvalid("read line by line")
        t = _read_json_file(path, options)
        if _big_integers(t) or not _valid_text(t):  # doubles for huge integers, bad UTF-8
            raise pa.ArrowInvalid("read line by line")
    except pa.ArrowInvalid:  # malformed lines or mixed types: read it line by line
        from dfengine.datasource import lenient

        rows, _ = lenient.read_json_lines(path, options)
        return lenient.infer_json_types(rows, options)
    out = []
    for fld in t.schema:
        dt = _json_inferred(from_arrow_type(fld.type))
        out.append((fld.name, T.LongType() if isinstance(dt, T.IntegerType) else dt))
    return out


def _json_field_options(fields: list[T.StructField],
                        options: dict[str, str]) -> list[T.StructField]:
    """primitivesAsString: every number and boolean inferred as a string, nested ones too;
    keys differing only in case are one column twice (Spark: COLUMN_ALREADY_EXISTS)."""
    seen: set[str] = set()
    for f in fields:
        if f.name.lower() in seen:
            raise AnalysisException(
                f"The column `{f.name.lower()}` already exists. Choose another name or rename "
                "the existing column: the JSON keys differ only in case (or set "
                "spark.sql.caseSensitive to true).", "COLUMN_ALREADY_EXISTS")
        seen.add(f.name.lower())
    if not _bool(options, "primitivesasstring"):
        return fields
    return [T.StructField(f.name, _as_string(f.dataType), f.nullable) for f in fields]


def _as_string(dt: T.DataType) -> T.DataType:
    if isinstance(dt, T.ArrayType):
        return T.ArrayType(_as_string(dt.elementType), dt.containsNull)
    if isinstance(dt, T.StructType):
        return T.StructType([T.StructField(f.name, _as_string(f.dataType), f.nullable)
                             for f in dt.fields])
    return dt if isinstance(dt, T.MapType) else T.StringType()


def _json_inferred(dt: T.DataType) -> T.DataType:
    """Spark's JSON inference of what Arrow inferred: strings stay strings (Arrow reads
    "2020-01-02" as a timestamp; Spark infers no timestamps unless inferTimestamp is set),
    integers are bigints and struct fields are sorted by name, as JsonInferSchema sorts them."""
    if isinstance(dt, (T.TimestampType, T.TimestampNTZType, T.DateType)):
        return T.StringType()
    if isinstance(dt, T.IntegerType):
        return T.LongType()
    if isinstance(dt, T.ArrayType):
        return T.ArrayType(_json_inferred(dt.elementType), dt.containsNull)
    if isinstance(dt, T.StructType):
        return T.StructType([T.StructField(f.name, _json_inferred(f.dataType), f.nullable)
                             for f in sorted(dt.fields, key=lambda f: f.name)])
    return dt


def _json_multiline_rows(path: str, options: dict[str, str]) -> list[dict] | None:
    """The records of a multiLine JSON file; None when the file is malformed (PERMISSIVE and
    DROPMALFORMED: the whole file is one corrupt record), an error under FAILFAST."""
    import json

    from dfengine.datasource import lenient

    with open_text(path) as fh:
        text = fh.read()
    try:
        data = json.loads(text)
    except ValueError:
        if lenient.parse_mode(options) == "FAILFAST":
            raise lenient.malformed(path, text) from None
        return None
    return data if isinstance(data, list) else [data]


def _big_integers(t: pa.Table) -> bool:
    """Whether a double column may hold integers past the bigint range (all values whole,
    some beyond +-2^63): Arrow reads those as doubles, losing digits."""
    for col in t.columns:
        if pa.types.is_floating(col.type) and col.null_count < len(col):
            mx = pc.max(pc.abs(col)).as_py()
            if mx is not None and mx >= 2.0 ** 63 and pc.all(pc.equal(
                    pc.floor(col), col)).as_py():
                return True
    return False


def read_text_file(path: str) -> pa.Table:
    """One row per line, in a column `value` (Spark's text source)."""
    with open_text(path) as fh:
        text = fh.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return pa.table({"value": pa.array([ln.removesuffix("\r") for ln in lines]
                                       if "\r" in text else lines, pa.string())})


def _read_json_file(path: str, options: dict[str, str],
                    schema: T.StructType | None = None) -> pa.Table:
    """Arrow's reader; with `schema`, its plain fields are parsed as those types rather than
    inferred (so a string that looks like a date stays the string)."""
    import pyarrow.json as pajson

    if _bool(options, "multiline"):
        rows = _json_multiline_rows(path, options)
        if rows is None:
            return _corrupt_file_table(path, options, schema)
        return pa.Table.from_pylist(rows)
    parse = None
    if schema is not None:
        given = [pa.field(f.name, to_arrow_type(f.dataType)) for f in schema.fields
                 if _arrow_json_type(f.dataType)]
        parse = pajson.ParseOptions(explicit_schema=pa.schema(given),
                                    unexpected_field_behavior="infer")
    return pajson.read_json(path, read_options=pajson.ReadOptions(block_size=1 << 26),
                            parse_options=parse)


def _valid_text(table: pa.Table) -> bool:
    """Arrow's JSON reader passes bytes that are not UTF-8 into string columns; Spark flags
    such a record malformed (the lenient reader does)."""
    try:
        table.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


_JSON_KINDS = ((T.IntegralType, pa.types.is_integer),
               (T.FractionalType, lambda t: pa.types.is_integer(t) or pa.types.is_floating(t)),
               (T.BooleanType, pa.types.is_boolean))


def _json_misfit(table: pa.Table, schema: T.StructType, options: dict[str, str]) -> bool:
    """Whether Arrow's values need Spark's per-kind conversion (the lenient reader): a JSON
    string or float under an integer field ({"a": "12"} is NULL in Spark, not 12), or a date
    or timestamp read with a dateFormat/timestampFormat pattern."""
    patterns = any(options.get(k) for k in ("dateformat", "timestampformat",
                                            "timestampntzformat"))
    for f in schema.fields:
        if f.name not in table.column_names:
            continue
        found = table.schema.field(f.name).type
        if pa.types.is_null(found):
            continue
        if patterns and isinstance(f.dataType, (T.DateType, T.TimestampType,
                                                T.TimestampNTZType)):
            return True
        for kind, arrow_ok in _JSON_KINDS:
            if isinstance(f.dataType, kind) and not arrow_ok(found):
                return True
    return False


def _arrow_json_type(dt: T.DataType) -> bool:
    """Types Arrow's JSON parser converts to as Spark does: strings, numbers, booleans and
    arrays/structs of them."""
    if isinstance(dt, T.ArrayType):
        return _arrow_json_type(dt.elementType)
    if isinstance(dt, T.StructType):
        return all(_arrow_json_type(f.dataType) for f in dt.fields)
    return isinstance(dt, (T.StringType, T.LongType, T.DoubleType, T.BooleanType))


def _corrupt_file_table(path: str, options: dict[str, str],
                        schema: T.StructType | None) -> pa.Table:
    """A malformed multiLine file: one record holding the whole text in the corrupt-record
    column (PERMISSIVE), or none (DROPMALFORMED)."""
    from dfengine.datasource import lenient

    corrupt = lenient.corrupt_column(options)
    drop = lenient.parse_mode(options) == "DROPMALFORMED"
    names = schema.names if schema is not None else [] if drop else [corrupt]
    if drop:
        return pa.table({n: pa.nulls(0, pa.string()) for n in names})
    with open_text(path) as fh:
        text = fh.read()
    return pa.table({n: pa.array([text if n == corrupt else None], pa.string())
                     for n in names})


# ---------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class Piece:
    """What one scan task reads: a file, and for parquet the row groups of it.

    `decode_threads`: decode the piece's columns on pyarrow's thread pool. Only for scans of
    fewer pieces than cores (`Planner.plan_FileScan`), whose tasks leave cores idle; otherwise
    the pieces are the parallelism and pyarrow's pool took threads the other tasks needed
    (interleaved A/B, the 22 SF1 queries: 5-8% faster geomean without it; Q3 -18%, Q6 -13%)."""

    file: SourceFile
    row_groups: tuple[int, ...] | None = None
    num_rows: int | None = None
    decode_threads: bool = dataclasses.field(default=False, compare=False)  # how, not what


def _by_size(files: list[SourceFile]) -> list[SourceFile]:
    """Largest file first, ties in listing order: Spark orders a scan's file splits so
    (FilePartition), hence the row order of `spark.read.json([d1, d2]).show()`."""
    def size(f: SourceFile) -> int:
        try:
            return os.path.getsize(f.path)
        except OSError:  # gone since listing: the read reports it
            return 0

    return sorted(files, key=lambda f: -size(f))


def plan_pieces(fmt: str, files: list[SourceFile]) -> list[Piece]:
    import pyarrow.parquet as pq

    files = _by_size(files)
    if fmt != "parquet":
        return [Piece(f) for f in files]
    pieces: list[Piece] = []
    for f in files:
        try:
            md = pq.ParquetFile(f.path).metadata
        except (pa.ArrowInvalid, OSError) as e:
            raise SparkRuntimeException(
                f"Encountered error while reading file {f.path}: {e}. The file is corrupt or "
                "not parquet.", "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER") from None
        group: list[int] = []
        rows = 0
        for rg in range(md.num_row_groups):
            n = md.row_group(rg).num_rows
            if group and rows + n > PIECE_ROWS:
                pieces.append(Piece(f, tuple(group), rows))
                group, rows = [], 0
            group.append(rg)
            rows += n
        if group or md.num_row_groups == 0:
            pieces.append(Piece(f, tuple(group), rows))
    return pieces


def open_parquet(path: str, read_dictionary: list[str] | None = None) -> pq.ParquetFile:
    """A ParquetFile whose footer is parsed once per file version, not once per piece.
    Local files are read without `pre_buffer`: coalescing the column chunks into a few large
    reads on Arrow's IO threads pays off on object stores, but from local disk it read the
    TPC-H lineitem columns 3-20% slower (SF1, 2 threads, quiet machine)."""
    import pyarrow.parquet as pq

    st = os.stat(path)
    return pq.ParquetFile(path, metadata=_footer(path, st.st_mtime_ns, st.st_size),
                          read_dictionary=read_dictionary, pre_buffer=False)


def dictionary_columns(md: pq.FileMetaData, row_groups: tuple[int, ...] | None,
                       columns: list[str]) -> list[str]:
    """String columns stored as small dictionaries (under 2 bytes a row: flags, modes,
    segments, brands). Arrow reads those as dictionary arrays 5x faster than as strings, and
    a filter on them is decided once per distinct value; free text (comments, names) would
    have to be hashed into a dictionary and is read as strings."""
    wanted = set(columns)
    out = []
    groups = list(row_groups or ())[:1] or ([0] if md.num_row_groups else [])
    for g in groups:
        rg = md.row_group(g)
        for i in range(rg.num_columns):
            c = rg.column(i)
            name = c.path_in_schema
            if (name in wanted and c.physical_type == "BYTE_ARRAY" and c.has_dictionary_page
                    and rg.num_rows and c.total_uncompressed_size < 2 * rg.num_rows):
                out.append(name)
    return out


@lru_cache(maxsize=256)
def _footer(path: str, mtime_ns: int, size: int) -> pq.FileMetaData:
    import pyarrow.parquet as pq

    return pq.read_metadata(path)


def read_piece(fmt: str, piece: Piece, schema: T.StructType, columns: list[str],
               keys: list[str], options: dict[str, str],
               keep_dictionary: bool = False) -> pa.Table:
    """Read one piece, select `columns` (user names) and name them by attribute `keys`.
    With `keep_dictionary`, low-cardinality string columns stay dictionary arrays (one
    dictionary per column) for the caller to filter and then `decode_dictionaries`."""
    part_types = {f.name: f.dataType for f in schema.fields}
    part_values = dict(piece.file.partition_values)
    file_cols = [c for c in columns if c not in part_values]
    try:
        if fmt == "parquet":
            pf = open_parquet(piece.file.path)
            present = set(pf.schema_arrow.names)
            wanted = [c for c in file_cols if c in present]
            small = dictionary_columns(pf.metadata, piece.row_groups, [
                c for c in wanted if to_arrow_type(part_types[c]) == pa.string()])
            if small:
                pf = open_parquet(piece.file.path, small)
            table = pf.read_row_groups(list(piece.row_groups or ()), columns=wanted,
                                       use_threads=piece.decode_threads)
            if small:
                table = table.unify_dictionaries()
        elif fmt == "csv":
            table = _read_csv(piece.file.path, schema, options)
        elif fmt == "json":
            table = _read_json_piece(piece.file.path, schema, options)
        elif fmt in formats.READERS:  # text, orc, avro, binaryFile
            table = formats.READERS[fmt][1](piece.file.path, schema, options)
        else:  # pragma: no cover - rejected at analysis
            raise SparkRuntimeException(f"Unknown format {fmt}")
    except (pa.ArrowInvalid, OSError) as e:
        raise SparkRuntimeException(
            f"Error reading {fmt} file {piece.file.path}: {e}. The file may be corrupt; remove "
            "or fix it and retry.", "FAILED_READ_FILE") from None
    n = table.num_rows
    arrays = []
    for c in columns:
        target = to_arrow_type(part_types[c])
        if c in part_values:
            v = partition_value(part_values[c], part_types[c])
            arrays.append(pc.fill_null(pa.nulls(n, target), pa.scalar(v, target)) if v is not None
                          else pa.nulls(n, target))
        elif c in table.column_names:
            col = table.column(c)
            if pa.types.is_dictionary(col.type) and keep_dictionary:
                arrays.append(_string_dictionary(col))
            else:
                arrays.append(_file_column(fmt, piece.file.path, c, col, target,
                                           part_types[c]))
        else:
            arrays.append(pa.nulls(n, target))
    return with_input_file(make_table(arrays, keys, n), piece)


def with_input_file(table: pa.Table, piece: Piece) -> pa.Table:
    """The file a partition was read from, in its schema metadata: input_file_name() over a
    scan reads it there (and finds none, so '', over any other source, as Spark)."""
    path = piece.file.path
    uri = path if "://" in path else "file://" + os.path.abspath(path)
    try:
        size = os.path.getsize(path)
    except OSError:
        size = -1
    values = (uri, "0", str(size))
    return table.replace_schema_metadata(
        {**(table.schema.metadata or {}), **{k: v.encode() for k, v in zip(
            INPUT_FILE_KEYS, values, strict=True)}})


def _file_column(fmt: str, path: str, name: str, col: Any, target: pa.DataType,
                 dt: T.DataType) -> Any:
    if col.type == target:
        return col
    if fmt == "parquet":
        _check_parquet_type(path, name, col.type, target, dt)
    return _convert(col, target, dt)


def _string_dictionary(col: pa.ChunkedArray) -> pa.ChunkedArray:
    if col.type.value_type == pa.string():
        return col
    return pa.chunked_array([pa.DictionaryArray.from_arrays(c.indices,
                                                            c.dictionary.cast(pa.string()))
                             for c in col.chunks],
                            pa.dictionary(col.type.index_type, pa.string()))


def decode_dictionaries(table: pa.Table, keep: frozenset[str] = frozenset()) -> pa.Table:
    """Dictionary columns (kept by `read_piece`) back to plain strings, except `keep`."""
    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type) and field.name not in keep:
            table = table.set_column(i, field.name, table.column(i).cast(field.type.value_type))
    return table


ROW_PLACEHOLDER = "__row"


def make_table(arrays: list, keys: list[str], num_rows: int) -> pa.Table:
    """A partition table; with no columns it keeps its row count in a null placeholder column
    (Arrow drops the row count of column-less tables on concat and take)."""
    if arrays:
        return pa.Table.from_arrays(arrays, names=keys)
    return pa.table({ROW_PLACEHOLDER: pa.nulls(num_rows, pa.null())})


def _convert(col: Any, target: pa.DataType, dt: T.DataType) -> Any:
    try:
        return col.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        from dfengine.functions.cast import cast_array

        if pa.types.is_string_view(col.type) or pa.types.is_large_string(col.type):
            col = col.cast(pa.string())
        if pa.types.is_string(col.type):
            return cast_array(col, T.StringType(), dt)
        if pa.types.is_integer(target) and pa.types.is_integer(col.type):
            # a JSON number past the field's range is NULL (Spark), never wrapped around
            bits = target.bit_width - 1 if pa.types.is_signed_integer(target) else None
            if bits is not None:
                ok = pc.and_(pc.greater_equal(col, -(2 ** bits)),
                             pc.less(col, 2 ** bits))
                col = pc.if_else(ok, col, pa.scalar(None, col.type))
        return col.cast(target, safe=False)


def _read_csv(path: str, schema: T.StructType, options: dict[str, str]) -> pa.Table:
    from dfengine.datasource import lenient

    src, opts = csv_source(path, options)
    _check_csv_header(src, path, schema, opts)
    table, ragged, raw = _csv_strings(src, schema, opts)
    if src is path and csv_text.misread(table, options):
        src, opts = csv_source(path, options, tokenize=True)
        table, ragged, raw = _csv_strings(src, schema, opts)
    return lenient.apply_csv_mode(table, schema, opts, path, ragged, raw)


def _csv_strings(src: Any, schema: T.StructType, options: dict[str, str]) -> tuple[
        pa.Table, Any, Any]:
    """The schema's columns as Arrow's strings, and for ragged files each row's raggedness
    and text (None when no row is ragged)."""
    import pyarrow.csv as pacsv

    names = [f.name for f in schema.fields]
    header = _bool(options, "header")
    null_value = options.get("nullvalue", "")
    first = _csv_first_record(src, options)
    _check_max_columns(first, options)
    width = len(first)
    if not width:
        return pa.table({n: pa.array([], pa.string()) for n in names}), None, None
    from dfengine.datasource import lenient

    corrupt = lenient.corrupt_column(options)
    data_names = [n for n in names if n != corrupt]
    file_names = data_names[:width] + [f"__extra{i}"
                                       for i in range(max(0, width - len(data_names)))]
    try:
        table = pacsv.read_csv(
            src,
            read_options=pacsv.ReadOptions(column_names=file_names,
                                           skip_rows=1 if header else 0, block_size=1 << 26,
                                           encoding=csv_encoding(options)),
            parse_options=_csv_parse_options(options),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in file_names},
                null_values=sorted({null_value, ""}), strings_can_be_null=True))
    except pa.ArrowInvalid:  # rows with too few or too many fields: Spark pads or cuts them
        rows, ragged, raw = lenient.read_csv_rows(src, len(data_names), options, header)
        return pa.table({n: pa.array([r[i] for r in rows], pa.string())
                         for i, n in enumerate(data_names)}), ragged, raw
    return table, None, None


def _csv_first_record(src: Any, options: dict[str, str]) -> list[str]:
    """The first record's fields (none for an empty file): the file's first line, or the
    first record of tokenized text (whose values may span lines)."""
    import pyarrow.csv as pacsv

    if isinstance(src, pa.Buffer) or _wide_charset(options):
        import csv
        import io

        text = src.to_pybytes().decode() if isinstance(src, pa.Buffer) else open_text(
            src, csv_encoding(options)).read()
        return next(csv.reader(io.StringIO(text), delimiter=csv_text.separator(options)[:1],
                               quotechar=options.get("quote", '"') or None), [])
    with open_binary(src) as fh:
        first = fh.readline()
    if not first.strip():
        return []
    return pacsv.read_csv(pa.py_buffer(first), read_options=pacsv.ReadOptions(
        encoding=csv_encoding(options)), parse_options=_csv_parse_options(options)).column_names


def _wide_charset(options: dict[str, str]) -> bool:
    """UTF-16/UTF-32 text: a line can't be cut at a newline byte."""
    return csv_encoding(options).lower().replace("-", "").replace("_", "").startswith(
        ("utf16", "utf32"))


def _check_csv_header(src: Any, path: str, schema: T.StructType,
                      options: dict[str, str]) -> None:
    """enforceSchema=false: the file's header must name the schema's columns in order
    (case-insensitively), as Spark's CSVHeaderChecker requires; else the read fails."""
    from dfengine.datasource import lenient

    if not _bool(options, "header") or _bool(options, "enforceschema", True):
        return
    header = _csv_first_record(src, options)
    if not header:
        return
    found = _csv_header_names(header, True)
    want = [n for n in schema.names if n != lenient.corrupt_column(options)]
    problem = None
    if len(found) != len(want):
        problem = (f"Number of column in CSV header is not equal to number of fields in the "
                   f"schema: Header length: {len(found)}, schema size: {len(want)}")
    else:
        bad = [(w, f) for w, f in zip(want, found) if w.lower() != f.lower()]
        if bad:
            problem = f"Expected: {bad[0][0]} but found: {bad[0][1]}"
    if problem:
        raise SparkRuntimeException(
            f"Encountered error while reading file file://{os.path.abspath(path)}. CSV header "
            f"does not conform to the schema.\n Header: {', '.join(header)}\n Schema: "
            f"{', '.join(want)}\n{problem}. Give a schema whose names match the header, or "
            "set enforceSchema to true to apply the schema by position.",
            "FAILED_READ_FILE.NO_HINT")


def _read_json_piece(path: str, schema: T.StructType, options: dict[str, str]) -> pa.Table:
    """Arrow's JSON reader for clean files; line by line (modes, corrupt records, values
    of mixed types) when it refuses the file or the schema asks for corrupt records or
    decimals (Arrow reads numbers as doubles, losing digits past 2^53)."""
    from dfengine.datasource import lenient
    from dfengine.datasource.json_options import needs_lenient

    exact = not any(isinstance(f.dataType, T.DecimalType) or _python_converted(f.dataType)
                    for f in schema.fields)
    if (exact and not needs_lenient(options) and lenient.corrupt_column(options) not in schema.names
            and not _bool(options, "multiline")):
        try:
            table = _read_json_file(path, options, schema)
            if not _json_misfit(table, schema, options) and _valid_text(table):
                return table
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            pass
    elif _bool(options, "multiline"):
        if exact:
            return _read_json_file(path, options, schema)
        rows = _json_multiline_rows(path, options)  # maps, binary, decimals: converted here
        if rows is None:
            return _corrupt_file_table(path, options, schema)
        return lenient.rows_table(rows, [json.dumps(r) for r in rows], path, schema, options)
    lenient.parse_mode(options)
    return lenient.json_table(path, schema, options)


def _python_converted(dt: T.DataType) -> bool:
    """Types Arrow's JSON reader can't give: maps (it reads objects as structs) and binary
    (Spark's JSON holds it as base64 text)."""
    if isinstance(dt, (T.MapType, T.BinaryType)):
        return True
    if isinstance(dt, T.ArrayType):
        return _python_converted(dt.elementType)
    if isinstance(dt, T.StructType):
        return any(_python_converted(f.dataType) for f in dt.fields)
    return False


_WIDENING = {(pa.int8(), pa.int16()), (pa.int8(), pa.int32()), (pa.int8(), pa.int64()),
             (pa.int16(), pa.int32()), (pa.int16(), pa.int64()), (pa.int32(), pa.int64()),
             (pa.float32(), pa.float64()), (pa.int32(), pa.float64())}


def _spark_type(at: pa.DataType) -> T.DataType | None:
    try:
        return from_arrow_type(at)
    except TypeError:
        return None


def _check_parquet_type(path: str, name: str, found: pa.DataType, target: pa.DataType,
                        dt: T.DataType) -> None:
    """A file whose column has another type than the table's: widen ints and floats as
    Spark 4's reader does; anything else (a string where a bigint is expected) is an error,
    never silent NULLs."""
    plain = found.value_type if pa.types.is_dictionary(found) else found
    if plain == target or (plain, target) in _WIDENING or (
            pa.types.is_string(target) and (pa.types.is_large_string(plain)
                                            or pa.types.is_string_view(plain))) or (
            pa.types.is_decimal(plain) and pa.types.is_decimal(target)
            and target.precision - target.scale >= plain.precision - plain.scale
            and target.scale >= plain.scale) or (
            pa.types.is_timestamp(plain) and pa.types.is_timestamp(target)) or (
            _spark_type(plain) == dt):  # nested fields that differ only in nullability
        return
    raise SparkRuntimeException(
        f"Encountered error while reading file {path}. Data type mismatches when reading "
        f"Parquet column `{name}`: expected Spark type \"{dt.simpleString().upper()}\", actual "
        f"Parquet type \"{plain}\". Files of the directory disagree on the column's type; "
        "rewrite them with one type, or read them separately and cast.",
        "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH")


def _parquet_schema(files: list[SourceFile], options: dict[str, str]) -> list[T.StructField]:
    """The first file's schema; with mergeSchema, the union of every file's columns (a
    column whose type differs between files fails with CANNOT_MERGE_SCHEMAS, as in Spark)."""
    from dfengine.datasource.parquet_types import read_fields as fields_of

    fields = fields_of(files[0].path)
    if not _bool(options, "mergeschema"):
        return fields
    by_name = {f.name: f for f in fields}
    for sf in files[1:]:
        for f in fields_of(sf.path):
            prev = by_name.get(f.name)
            if prev is None:
                by_name[f.name] = f
                fields.append(f)
            elif prev.dataType != f.dataType:
                raise SparkRuntimeException(
                    f"Failed merging schemas: column `{f.name}` is "
                    f"{prev.dataType.simpleString().upper()} in {files[0].path} but "
                    f"{f.dataType.simpleString().upper()} in {sf.path}. Rewrite the files with "
                    "one type.", "CANNOT_MERGE_SCHEMAS")
    return fields
