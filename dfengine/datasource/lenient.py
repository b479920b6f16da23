"""Reading CSV and JSON as Spark does when the input is not clean: parse modes and corrupt
records.

`mode` (PERMISSIVE, the default; DROPMALFORMED; FAILFAST) decides what a malformed record
does: a CSV row whose value doesn't parse as its column's type ('3.5' for an int), a row with
too few or too many fields, a JSON line that isn't JSON or holds a value of the wrong type.

    PERMISSIVE     the record stays, its bad fields NULL, the raw text in the corrupt-record
                   column (`columnNameOfCorruptRecord`, default `_corrupt_record`) if the
                   schema has one
    DROPMALFORMED  the record is dropped
    FAILFAST       the read fails with [MALFORMED_RECORD_IN_PARSING]

Type conversion is strict here (the ANSI parse: '3.5' is not an int, 'x' not a date), as
Spark's CSV and JSON parsers are; the result is NULL instead of an error.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.datasource import csv_text
from dfengine.datasource.compression import open_binary, open_text
from dfengine.errors import SparkRuntimeException
from dfengine.types.json_infer import json_type, merge_json

_MODES = ("PERMISSIVE", "DROPMALFORMED", "FAILFAST")


def parse_mode(options: dict[str, str]) -> str:
    """Spark's ParseMode.fromString: an unknown mode is PERMISSIVE (Spark logs a warning)."""
    mode = str(options.get("mode", "PERMISSIVE")).upper()
    if mode not in _MODES:
        import warnings

        warnings.warn(f"mode '{options.get('mode')}' is not a valid parse mode (PERMISSIVE, "
                      "DROPMALFORMED, FAILFAST); using PERMISSIVE, as Spark does.", stacklevel=2)
        return "PERMISSIVE"
    return mode


def corrupt_column(options: dict[str, str]) -> str:
    return options.get("columnnameofcorruptrecord") or "_corrupt_record"


def malformed(path: str, record: str) -> SparkRuntimeException:
    return SparkRuntimeException(
        f"Malformed records are detected in record parsing of {path}: {record[:200]!r}. Parse "
        "mode: FAILFAST. To process malformed records as null result, try setting the option "
        "'mode' as 'PERMISSIVE'.", "MALFORMED_RECORD_IN_PARSING")


# ----------------------------------------------------------------------------------- CSV


def read_csv_rows(path: Any, width: int, options: dict[str, str], header: bool) -> tuple[
        list[list[str | None]], list[bool], list[str]]:
    """Rows of exactly `width` string fields read with Python's csv module (ragged rows
    padded with NULL or cut), whether each was ragged, and each raw line. `path` may be text
    already tokenized (a pyarrow Buffer, see datasource/csv_text)."""
    sep = csv_text.separator(options)
    null_value = options.get("nullvalue", "")
    rows, ragged, raw = [], [], []
    from dfengine.datasource.scan import csv_encoding

    source = (io.StringIO(path.to_pybytes().decode(), newline="") if isinstance(path, pa.Buffer)
              else open_text(path, csv_encoding(options), newline=""))
    with source as fh:
        reader = csv.reader(fh, delimiter=sep, quotechar=options.get("quote", '"') or '"')
        for i, rec in enumerate(reader):
            if (i == 0 and header) or rec == []:
                continue
            ragged.append(len(rec) != width)
            raw.append(sep.join(rec))
            rec = (rec + [None] * width)[:width]
            rows.append([None if v is None or v in (null_value, "") else v for v in rec])
    return rows, ragged, raw


def apply_csv_mode(table: pa.Table, schema: T.StructType, options: dict[str, str],
                   path: str, ragged: Any = None, raw: list[str] | None = None) -> pa.Table:
    """Convert the string columns of `table` to the schema's types under the parse mode."""
    from dfengine.functions.cast import cast_array

    mode = parse_mode(options)
    corrupt = corrupt_column(options)
    n = table.num_rows
    bad = pa.array([bool(x) for x in ragged], pa.bool_()) if ragged is not None else pa.array(
        [False] * n, pa.bool_())
    cols = {}
    for f in schema.fields:
        if f.name == corrupt or f.name not in table.column_names:
            continue
        col = table.column(f.name)
        col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        if isinstance(f.dataType, T.StringType):
            cols[f.name] = col
            continue
        text = with_nan_value(with_datetime_pattern(col, f.dataType, options), f.dataType,
                              options)
        text = with_locale_decimal(text, f.dataType, options)
        out = cast_array(_boolean_words(_unpadded(text, f.dataType), f.dataType),
                         T.StringType(), f.dataType, "try")
        bad = pc.or_(bad, pc.and_(pc.is_valid(col), pc.is_null(out)))
        cols[f.name] = out
    return _finish(cols, schema, bad, mode, corrupt, path, n,
                   raw if raw is not None else _rebuild_lines(table, options))


# Spark's CSV converters parse these with Java's Integer/Long/BigDecimal/Boolean parsers, which
# refuse spaces around the value (its double parse and SQL casts trim them)
_STRICT = (T.ByteType, T.ShortType, T.IntegerType, T.LongType, T.DecimalType, T.BooleanType)


def _unpadded(text: Any, dt: T.DataType) -> Any:
    """Values with spaces around them become NULL for the strict types: ' 1' is malformed
    for an int column, as in Spark."""
    if not isinstance(dt, _STRICT) or not pa.types.is_string(text.type):
        return text
    padded = pc.match_substring_regex(text, r"^\s|\s$")
    return pc.if_else(padded, pa.scalar(None, text.type), text)


def _boolean_words(text: Any, dt: T.DataType) -> Any:
    """Spark's CSV reads a boolean with Scala's toBoolean: only true/false in any case; the
    SQL cast's other words (yes, 1, t, ...) are malformed, as in Spark."""
    if not isinstance(dt, T.BooleanType) or not pa.types.is_string(text.type):
        return text
    ok = pc.is_in(pc.utf8_lower(text), value_set=pa.array(["true", "false"]))
    return pc.if_else(ok, text, pa.scalar(None, text.type))


_PATTERN_OPTION = {T.DateType: "dateformat", T.TimestampType: "timestampformat",
                   T.TimestampNTZType: "timestampntzformat"}


def with_datetime_pattern(col: Any, dt: T.DataType, options: dict[str, str]) -> Any:
    """The dateFormat/timestampFormat read options: text parsed with the Java pattern and
    written back as ISO text, so the cast that follows keeps its zone rules. A value the
    pattern does not fit is malformed (NULL, or the mode's error), as in Spark, which falls
    back to the ISO forms only when no pattern is given."""

    fmt = options.get(_PATTERN_OPTION.get(type(dt), ""))
    if not fmt:
        return col
    from dfengine.functions.datetime_parse import compile_pattern, parse

    compile_pattern(fmt)
    as_date = isinstance(dt, T.DateType)

    def one(s: str | None) -> str | None:
        if s is None:
            return None
        v = parse(s, fmt)
        if v is None:
            return "\x00"  # no cast reads it: malformed
        return v.date().isoformat() if as_date else v.isoformat(sep=" ")

    return pa.array([one(s) for s in col.to_pylist()], pa.string())


# languages whose numbers are written 1.234,5 (or 1 234,5): DecimalFormat's symbols
_DECIMAL_COMMA = {"de", "fr", "es", "it", "pt", "nl", "ru", "pl", "sv", "da", "fi", "nb", "no",
                  "cs", "sk", "tr", "id", "uk", "ro", "hu", "el", "bg", "hr", "sl", "lt", "lv",
                  "et", "ca", "is", "vi"}


def with_locale_decimal(col: Any, dt: T.DataType, options: dict[str, str]) -> Any:
    """The locale option for decimal fields (Spark parses them with the locale's
    DecimalFormat unless it is en-US): grouping separators dropped, the decimal separator
    made a point, so "1.234,5" under de-DE is 1234.5."""
    locale = str(options.get("locale") or "en-US").replace("_", "-")
    if not isinstance(dt, T.DecimalType) or locale.lower() == "en-us" or \
            not pa.types.is_string(col.type):
        return col
    if locale.split("-")[0].lower() in _DECIMAL_COMMA:
        plain = pc.replace_substring_regex(col, "[.\u00a0\u202f ']", "")
        return pc.replace_substring(plain, ",", ".")
    return pc.replace_substring(col, ",", "")


def with_nan_value(col: Any, dt: T.DataType, options: dict[str, str]) -> Any:
    """The nanValue read option: that text is NaN in a float or double field."""
    word = options.get("nanvalue")
    if not word or word == "NaN" or not isinstance(dt, (T.FloatType, T.DoubleType)):
        return col
    return pc.if_else(pc.equal(col, word), pa.scalar("NaN"), col)


def _rebuild_lines(table: pa.Table, options: dict[str, str]) -> list[str]:
    sep = csv_text.separator(options)
    cols = [c.to_pylist() for c in table.columns]
    return [sep.join("" if v is None else v for v in row) for row in zip(*cols)]


def _finish(cols: dict, schema: T.StructType, bad: Any, mode: str, corrupt: str, path: str,
            n: int, raw: list[str]) -> pa.Table:
    from dfengine.types import to_arrow_type

    if mode == "FAILFAST" and pc.any(bad).as_py():
        raise malformed(path, raw[pc.index(bad, True).as_py()])
    arrays, names = [], []
    for f in schema.fields:
        if f.name == corrupt:
            arrays.append(pc.if_else(bad, pa.array(raw, pa.string()),
                                     pa.scalar(None, pa.string())))
        else:
            arrays.append(cols.get(f.name, pa.nulls(n, to_arrow_type(f.dataType))))
        names.append(f.name)
    table = pa.Table.from_arrays(arrays, names=names)
    if mode == "DROPMALFORMED":
        table = table.filter(pc.invert(bad))
    return table


# ---------------------------------------------------------------------------------- JSON


def read_json_lines(path: str, options: dict[str, str] | None = None) -> tuple[
        list[dict | None], list[str]]:
    """Each non-empty line parsed as a JSON object, None where it isn't one. A line holding
    an array of objects gives one row per object, as Spark reads it. A line that is not
    valid UTF-8 is malformed: its text keeps U+FFFD for the bad bytes, as in Spark."""
    from dfengine.datasource.json_options import records

    options = options or {}
    rows, raw = [], []
    with open_binary(path) as fh:
        for data in records(fh, options):
            try:
                text = data.decode("utf-8").rstrip("\r\n")
                broken = False
            except UnicodeDecodeError:
                text, broken = data.decode("utf-8", errors="replace").rstrip("\r\n"), True
            if not text.strip():
                continue
            v = parse_json_line(text, options)
            if v is _BLANK:
                continue
            if isinstance(v, list) and all(isinstance(x, dict) for x in v) and not broken:
                rows.extend(v)
                raw.extend(json.dumps(x, separators=(",", ":")) for x in v)
                continue
            rows.append(_undecodable(v) if broken and isinstance(v, dict) else
                        v if isinstance(v, dict) else None)
            raw.append(text)
    return rows, raw


class _Undecodable(dict):
    """A record with bytes that are not UTF-8: the fields read before them, and malformed."""


def _undecodable(v: dict) -> dict:
    out = _Undecodable()
    for k, x in v.items():
        if "\ufffd" in json.dumps(x, ensure_ascii=False):
            break  # Jackson stops at the bad byte: this field and the rest are lost
        out[k] = x
    return out


_DECODER = json.JSONDecoder()
_BLANK = object()  # a line holding only comments: no record
_COMMENT = re.compile(r'("(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')|/\*.*?\*/|//.*$')


def parse_json_line(text: str, options: dict[str, str]) -> Any:
    """One line as Spark's Jackson parser reads it: the first JSON value, whatever follows it
    on the line ({"a": 1} // note is {"a": 1}); 'single-quoted' strings unless
    allowSingleQuotes=false; /* */ and // comments with allowComments. None if it is not JSON."""
    if options.get("allowcomments", "false").lower() == "true" and "/" in text:
        text = _COMMENT.sub(lambda m: m.group(1) or " ", text)
        if not text.strip():
            return _BLANK
    try:
        return _first_value(text)
    except ValueError:
        pass
    from dfengine.datasource.json_options import jackson_features

    relaxed = jackson_features(text, options)
    if relaxed != text:
        try:
            return _first_value(relaxed)
        except ValueError:
            text = relaxed
    if options.get("allowsinglequotes", "true").lower() == "false" or "'" not in text:
        return None
    from dfengine.functions.json_csv import double_quoted

    try:
        return _first_value(double_quoted(text))
    except ValueError:
        return None


def _first_value(text: str) -> Any:
    start = len(text) - len(text.lstrip())
    return _DECODER.raw_decode(text, start)[0]


def fits_json(v: Any, dt: T.DataType) -> bool:
    """Whether Spark's JacksonParser converts a value of this JSON kind to `dt`: a string is
    no number ({"a": "12"} into an int field is NULL and the record malformed), a number no
    boolean; strings are read as decimals, dates and timestamps by their patterns."""
    if v is None or isinstance(dt, (T.StringType, T.DateType, T.TimestampType,
                                    T.TimestampNTZType, T.DecimalType)):
        return True
    if isinstance(dt, T.BooleanType):
        return isinstance(v, bool)
    if isinstance(dt, T.IntegralType):
        return isinstance(v, int) and not isinstance(v, bool)
    if isinstance(dt, (T.FloatType, T.DoubleType)):
        return (isinstance(v, (int, float)) and not isinstance(v, bool)) or v in (
            "NaN", "Infinity", "-Infinity", "+Infinity", "INF", "+INF", "-INF")
    if isinstance(dt, T.ArrayType):
        return isinstance(v, list)
    if isinstance(dt, (T.StructType, T.MapType)):
        return isinstance(v, dict)
    return True


def infer_json_types(rows: list[dict | None],
                     options: dict[str, str]) -> list[tuple[str, T.DataType]]:
    """Each key's merged type, NULL where only nulls were seen (not yet canonicalized, so
    other files can still decide it). Malformed records add the corrupt-record column,
    except under DROPMALFORMED (they are dropped, so Spark adds none)."""
    types: dict[str, T.DataType] = {}
    decimals = str(options.get("prefersdecimal", "false")).lower() == "true"
    timestamps = str(options.get("infertimestamp", "false")).lower() == "true"
    for r in rows:
        for k, v in (r or {}).items():
            types[k] = merge_json(types.get(k, T.NullType()), json_type(v, decimals,
                                                                        timestamps))
    if parse_mode(options) != "DROPMALFORMED" and any(
            r is None or isinstance(r, _Undecodable) for r in rows):
        types.setdefault(corrupt_column(options), T.StringType())
    return sorted(types.items())


def _text(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    return json.dumps(v, separators=(",", ":"))


def json_table(path: str, schema: T.StructType, options: dict[str, str]) -> pa.Table:
    """A JSON-lines file read leniently into `schema` under the parse mode."""
    rows, raw = read_json_lines(path, options)
    return rows_table(rows, raw, path, schema, options)


def rows_table(rows: list, raw: list[str], path: str, schema: T.StructType,
               options: dict[str, str]) -> pa.Table:
    """Parsed JSON records (and their text) converted into `schema` under the parse mode."""
    corrupt = corrupt_column(options)
    fields = [f for f in schema.fields if f.name != corrupt]
    values = {f.name: [r.get(f.name) if r else None for r in rows] for f in fields}
    unfit = [isinstance(r, _Undecodable) for r in rows]
    for f in fields:
        for i, x in enumerate(values[f.name]):
            unfit[i] = unfit[i] or not fits_json(x, f.dataType)
    nested = {f.name: _nested_column(values[f.name], f.dataType, unfit) for f in fields
              if isinstance(f.dataType, (T.StructType, T.ArrayType, T.MapType, T.BinaryType))}
    text = {f.name: pa.array([_field_text(x, raw[i], f.name) if fits_json(x, f.dataType)
                              else None for i, x in enumerate(values[f.name])], pa.string())
            for f in fields if f.name not in nested}
    table = pa.table(text) if text else pa.table({"__n": pa.nulls(len(rows))})
    unparsed = pa.array([r is None for r in rows], pa.bool_())
    scalar = T.StructType([f for f in schema.fields if f.name not in nested])
    converted = apply_csv_mode(table, scalar, {**options, "mode": "PERMISSIVE"}, path, raw=raw)
    bad = pc.or_(unparsed, pa.array(unfit, pa.bool_()))
    for name in text:
        if isinstance(scalar[name].dataType, T.StringType):
            continue
        bad = pc.or_(bad, pc.and_(pc.is_valid(text[name]), pc.is_null(converted.column(name))))
    cols = {f.name: nested[f.name] if f.name in nested else converted.column(f.name)
            for f in fields}
    return _finish(cols, schema, bad, parse_mode(options), corrupt, path, len(rows), raw)


def _nested_column(values: list, dt: T.DataType, unfit: list[bool]) -> pa.Array:
    """A struct, array, map or binary (base64) field converted as from_json converts (one
    converter); a value that does not fit marks its record malformed."""
    from dfengine.functions.json_csv import convert_json
    from dfengine.types import to_arrow_type

    out = []
    for i, v in enumerate(values):
        try:
            out.append(convert_json(v, dt))
        except ValueError:
            out.append(None)
            unfit[i] = True
    return pa.array(out, to_arrow_type(dt))


def _field_text(v: Any, line: str, name: str) -> str | None:
    """A scalar's text; an object or array under a string field as written on the line
    (Spark keeps its raw text: '[1, 2]', not a re-serialized '[1,2]')."""
    if not isinstance(v, (dict, list)):
        return _text(v)
    return raw_members(line).get(name) or _text(v)


def raw_members(line: str) -> dict[str, str]:
    """The raw text of each member of the JSON object on `line` ({} if it is not one)."""
    out: dict[str, str] = {}
    try:
        i = _skip(line, 0)
        if line[i] != "{":
            return out
        i = _skip(line, i + 1)
        while i < len(line) and line[i] != "}":
            key, i = _DECODER.raw_decode(line, i)
            i = _skip(line, _skip(line, i) + 1)  # past the colon
            _, end = _DECODER.raw_decode(line, i)
            out[key] = line[i:end]
            i = _skip(line, end)
            i = _skip(line, i + 1) if i < len(line) and line[i] == "," else i
    except (ValueError, IndexError):
        return out
    return out


def _skip(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t\r\n":
        i += 1
    return i
