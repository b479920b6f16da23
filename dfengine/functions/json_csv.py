"""JSON and CSV functions: from_json, to_json, get_json_object, json_array_length,
json_object_keys, schema_of_json, from_csv, to_csv, schema_of_csv.

Parsing is per row in Python (the `json` and `csv` modules), with Spark's PERMISSIVE rules:
- from_json: a record that does not parse or does not fit the schema becomes a struct of
  NULLs (NULL for an array or map schema); a NULL string stays NULL; mode FAILFAST raises.
- from_csv: each field that does not fit its type is NULL, missing fields are NULL and
  extra fields are dropped.
- to_json leaves NULL struct fields out (ignoreNullFields); to_csv writes NULL as empty.
The schema argument is a DDL string literal (`a INT, b ARRAY<STRING>`, `MAP<STRING, INT>`);
`F.from_json` also takes a DataType, which the F. wrapper writes as DDL.
"""

from __future__ import annotations

import contextvars
import csv
import datetime as _dt
import decimal
import json
import math
import re
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions.arrays import _const
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import INT, S, returns
from dfengine.functions.zone_shift import is_utc, walled
from dfengine.types import to_arrow_type
from dfengine.types.json_infer import json_type, no_null_types


class _Malformed(ValueError):
    """The value does not fit the schema."""


# ----------------------------------------------------------------------- schema argument


def _schema(args: tuple, pos: int = 1) -> T.DataType:
    a = args[pos]
    text = getattr(a, "value", None)
    inner = getattr(a, "args", None)
    if getattr(a, "name", None) in ("schema_of_json", "schema_of_csv") and inner and isinstance(
            getattr(inner[0], "value", None), str):  # from_json(s, schema_of_json('{...}'))
        infer = _infer_json_text if a.name == "schema_of_json" else _infer_csv_text
        return infer(inner[0].value, {})
    if not isinstance(text, str):
        raise AnalysisException(
            f"The schema of {args[0].sql()} must be a string literal in DDL form such as "
            f"'a INT, b STRING', got {a.sql()}.", "INVALID_SCHEMA.NON_STRING_LITERAL")
    return T._parse_datatype_string(text)


def _options(args: list, pos: int) -> dict[str, str]:
    if len(args) <= pos:
        return {}
    v = args[pos]  # a constant map; a map(...) call may arrive as a column
    v = v[0].as_py() if isinstance(v, (pa.Array, pa.ChunkedArray)) and len(v) else _const(v)
    if v is None:
        return {}
    pairs = v.items() if isinstance(v, dict) else v
    return {str(k).lower(): str(x) for k, x in pairs}


def sql_type(t: T.DataType) -> str:
    """Spark's SQL spelling of a type, as schema_of_json prints it."""
    if isinstance(t, T.StructType):
        return "STRUCT<" + ", ".join(f"{_quote(f.name)}: {sql_type(f.dataType)}"
                                     for f in t.fields) + ">"
    if isinstance(t, T.ArrayType):
        return f"ARRAY<{sql_type(t.elementType)}>"
    if isinstance(t, T.MapType):
        return f"MAP<{sql_type(t.keyType)}, {sql_type(t.valueType)}>"
    return {"long": "BIGINT", "integer": "INT", "short": "SMALLINT", "byte": "TINYINT"}.get(
        t.typeName(), t.simpleString().upper())


def _quote(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else (
        "`" + name.replace("`", "``") + "`")


# ------------------------------------------------------------------------ from_json


_BARE_NAME = re.compile(r"([{,]\s*)([A-Za-z_$][\w$]*)(\s*:)")


def loads(s: str, single_quotes: bool = True, bare_names: bool = False) -> Any:
    """json.loads, also reading 'single-quoted' strings as Spark's JSON functions do
    (allowSingleQuotes, true by default) and, with allowUnquotedFieldNames, {a: 1}."""
    try:
        return json.loads(s)
    except ValueError:
        if bare_names:
            s = _BARE_NAME.sub(r'\1"\2"\3', s)
        if not single_quotes or "'" not in s:
            return json.loads(s)
        return json.loads(double_quoted(s))


def json_reader(options: dict) -> Any:
    """loads() configured by from_json/schema_of_json options (keys already lower-cased)."""
    single = options.get("allowsinglequotes", "true").lower() != "false"
    bare = options.get("allowunquotedfieldnames", "false").lower() == "true"
    return lambda s: loads(s, single, bare)


def double_quoted(s: str) -> str:
    """JSON text with its 'single-quoted' strings written "double-quoted" (Jackson's
    ALLOW_SINGLE_QUOTES, on by default in Spark's JSON reader and functions)."""
    out, i, n = [], 0, len(s)
    while i < n:
        quote = s[i]
        if quote not in "'\"":
            out.append(quote)
            i += 1
            continue
        j, buf = i + 1, []
        while j < n and s[j] != quote:
            pair = s[j:j + 2]
            if s[j] == "\\":
                buf.append("'" if pair == "\\'" else pair)
                j += 2
            else:
                buf.append('\\"' if s[j] == '"' else s[j])
                j += 1
        if j >= n:
            raise ValueError("unterminated string")
        out.append('"' + "".join(buf) + '"')
        i = j + 1
    return "".join(out)



def _to_int(v: Any, t: T.DataType) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise _Malformed(v)
    bits = {T.ByteType: 8, T.ShortType: 16, T.IntegerType: 32, T.LongType: 64}[type(t)]
    if not -(2 ** (bits - 1)) <= v < 2 ** (bits - 1):
        raise _Malformed(v)
    return v


def _to_float(v: Any, t: T.DataType) -> float:
    if isinstance(v, str) and v in ("NaN", "Infinity", "-Infinity", "+Infinity", "+INF",
                                    "-INF", "INF"):
        return float(v.replace("INF", "inf").replace("Infinity", "inf"))
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Malformed(v)
    return float(v)


def _to_string(v: Any, t: T.DataType) -> str:
    return v if isinstance(v, str) else _dumps(v)


def _to_bool(v: Any, t: T.DataType) -> bool:
    if not isinstance(v, bool):
        raise _Malformed(v)
    return v


def _to_decimal(v: Any, t: T.DecimalType) -> decimal.Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Malformed(v)
    d = decimal.Decimal(str(v)).quantize(decimal.Decimal(1).scaleb(-t.scale),
                                         rounding=decimal.ROUND_HALF_UP)
    if len(d.as_tuple().digits) > t.precision:
        raise _Malformed(v)
    return d


def _to_temporal(v: Any, t: T.DataType) -> Any:
    from dfengine.functions.cast import parse_instant, parse_string

    fmt = (_FORMATS.get() or {}).get("timestampformat" if isinstance(t, T.TimestampType)
                             else "dateformat")
    if fmt and isinstance(v, str):  # the dateFormat / timestampFormat option
        from dfengine.functions.datetime_parse import parse

        wall = parse(v, fmt)
        if wall is None:
            raise _Malformed(v)
        v = wall.isoformat(sep=" ") if isinstance(t, T.TimestampType) else str(wall.date())
    if isinstance(t, T.TimestampType):
        out = parse_instant(v, _ZONE.get()) if isinstance(v, str) else None
    else:
        out = parse_string(v, t) if isinstance(v, str) else None
    if out is None:
        raise _Malformed(v)
    return out


def _to_binary(v: Any, t: T.BinaryType) -> bytes:
    """A JSON string holding base64 (what Spark's JSON writer writes for binary)."""
    import base64
    import binascii

    if not isinstance(v, str):
        raise _Malformed(v)
    try:
        return base64.b64decode(v, validate=True)
    except (binascii.Error, ValueError):
        raise _Malformed(v) from None


def _to_array(v: Any, t: T.ArrayType) -> list:
    if not isinstance(v, list):
        raise _Malformed(v)
    return [convert_json(x, t.elementType) for x in v]


def _to_map(v: Any, t: T.MapType) -> list:
    if not isinstance(v, dict):
        raise _Malformed(v)
    return [(k, convert_json(x, t.valueType)) for k, x in v.items()]


def _to_struct(v: Any, t: T.StructType) -> dict:
    """A nested object: a field that does not fit its type is NULL, the others kept (Spark's
    partial results: `[{"a": "x"}]` as array<struct<a:int>> is [{a: NULL}])."""
    if not isinstance(v, dict):
        raise _Malformed(v)
    return _fields(v, t, "")[0]


_CONVERTERS: tuple[tuple[type, Any], ...] = (
    (T.IntegralType, _to_int), (T.FractionalType, None), (T.StringType, _to_string),
    (T.BooleanType, _to_bool), (T.ArrayType, _to_array), (T.MapType, _to_map),
    (T.StructType, _to_struct), (T.DateType, _to_temporal), (T.TimestampType, _to_temporal),
    (T.BinaryType, _to_binary),
)


def convert_json(v: Any, t: T.DataType) -> Any:
    """A parsed JSON value as a value of Spark type `t`; _Malformed when it does not fit."""
    if v is None:
        return None
    if isinstance(t, T.DecimalType):
        return _to_decimal(v, t)
    if isinstance(t, (T.DoubleType, T.FloatType)):
        return _to_float(v, t)
    for cls, fn in _CONVERTERS:
        if fn is not None and isinstance(t, cls):
            return fn(v, t)
    raise _Malformed(v)


def _strings(v: Any, n: int) -> list:
    return [v.as_py()] * n if isinstance(v, pa.Scalar) else v.to_pylist()


def _from_json(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = e.data_type
    options = _options(args, 2)
    failfast = options.get("mode", "PERMISSIVE").upper() == "FAILFAST"
    read = json_reader(options)
    token = _FORMATS.set(options)
    try:
        out = [None if s is None else _from_json_one(s, read, t, options, failfast)
               for s in _strings(args[0], table.num_rows)]
    finally:
        _FORMATS.reset(token)
    return pa.array(out, to_arrow_type(t))


def _from_json_one(s: str, read: Any, t: T.DataType, options: dict, failfast: bool) -> Any:
    """One record as Spark's JacksonParser in PERMISSIVE mode: a field that does not fit its
    type is NULL and the others are kept; a record that is not JSON is all NULL; either way
    the text goes to the corrupt-record column when the schema has one. An object read as
    array<struct> is a one-element array."""
    corrupt = options.get("columnnameofcorruptrecord", "_corrupt_record")
    row: dict | None = None
    try:
        value = read(s)
        if isinstance(t, T.ArrayType) and isinstance(t.elementType, T.StructType) and (
                isinstance(value, dict)):
            value = [value]
        if not isinstance(t, T.StructType):
            return convert_json(value, t)
        if not isinstance(value, dict):
            raise _Malformed(s)
        row, partial = _fields(value, t, corrupt)
        if not partial:
            return row
        raise _Malformed(s)
    except (ValueError, RecursionError) as bad:
        if failfast:
            raise SparkRuntimeException(
                f"Malformed records are detected in record parsing: [{s}]. Parse Mode: "
                "FAILFAST. To process malformed records as null result, try setting the option "
                "'mode' as 'PERMISSIVE'.", "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION"
            ) from bad
    if not isinstance(t, T.StructType):
        return None
    row = row if row is not None else {f.name: None for f in t.fields}
    if corrupt in row:
        row[corrupt] = s
    return row


def _fields(value: dict, t: T.StructType, corrupt: str) -> tuple[dict, bool]:
    """(the struct's fields, whether some field did not fit: NULL there)."""
    row, partial = {}, False
    for f in t.fields:
        try:
            row[f.name] = None if f.name == corrupt else convert_json(value.get(f.name),
                                                                     f.dataType)
        except (ValueError, RecursionError):
            row[f.name], partial = None, True
    return row, partial


def _from_json_render(e: Any) -> str:
    if isinstance(e.data_type, T.MapType):
        return "entries"  # Spark names a from_json with a map schema after its field
    return f"{e.name}({e.args[0].sql()})"


# -------------------------------------------------------------------------- to_json


# The session time zone of the from_/to_json/csv call being evaluated (`_zoned`): Spark parses
# a timestamp without an offset as a wall-clock time in it and writes timestamps with its offset.
_ZONE: contextvars.ContextVar[str] = contextvars.ContextVar("json_csv_zone", default="")
# the options of the from_json / to_json call being evaluated (keys lower-cased)
_FORMATS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("json_csv_options",
                                                                      default=None)


def _zoned(impl: Any) -> Any:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        if e.spec.name.startswith("to_") and not is_utc(e.zone):
            args = [walled(args[0], e.args[0].data_type, e.zone), *args[1:]]
        token = _ZONE.set(e.zone)
        try:
            return impl(args, e, table, ctx)
        finally:
            _ZONE.reset(token)

    return run


def _timestamp_text(v: _dt.datetime) -> str:
    """Spark's default timestampFormat, yyyy-MM-dd'T'HH:mm:ss.SSSXXX ('Z' in UTC)."""
    from dfengine.functions.zone_format import zone_text

    return (v.strftime("%Y-%m-%dT%H:%M:%S.") + f"{v.microsecond // 1000:03d}"
            + zone_text("X", 3, v, _ZONE.get()))


def _dumps(v: Any) -> str:
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _json_value(v: Any, t: T.DataType) -> Any:
    if v is None:
        return None
    if isinstance(t, T.StructType):
        keep_nulls = (_FORMATS.get() or {}).get("ignorenullfields", "true").lower() == "false"
        return {f.name: _json_value(v[f.name], f.dataType) for f in t.fields
                if v[f.name] is not None or keep_nulls}
    if isinstance(t, T.ArrayType):
        return [_json_value(x, t.elementType) for x in v]
    if isinstance(t, T.MapType):
        return {str(_json_value(k, t.keyType)): _json_value(x, t.valueType) for k, x in v}
    return _json_scalar(v)


def _json_scalar(v: Any) -> Any:
    from dfengine.functions.datetime import java_strftime

    options = _FORMATS.get() or {}
    if isinstance(v, _dt.datetime):
        fmt = options.get("timestampformat")
        return _timestamp_text(v) if not fmt else java_strftime(v, fmt, _ZONE.get())
    if isinstance(v, _dt.date):
        fmt = options.get("dateformat")
        return v.isoformat() if not fmt else java_strftime(v, fmt)
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if v != v else ("Infinity" if v > 0 else "-Infinity")  # noqa: PLR0124
    if isinstance(v, bytes):
        import base64

        return base64.b64encode(v).decode()
    return v


def write_json(v: Any) -> str:
    """Compact JSON as Spark's generator writes it: decimals with their own digits, doubles
    as Java prints them (1.0E30)."""
    if isinstance(v, dict):
        return "{" + ",".join(f"{_dumps(k)}:{write_json(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(write_json(x) for x in v) + "]"
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, float):
        from dfengine.types.format import repr_double

        return repr_double(v)
    return _dumps(v)


def _to_json(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """The options: ignoreNullFields (true: NULL fields left out), timestampFormat,
    dateFormat."""
    t = e.args[0].data_type
    token = _FORMATS.set(_options(args, 1))
    try:
        out = [None if v is None else write_json(_json_value(v, t))
               for v in _strings(args[0], table.num_rows)]
    finally:
        _FORMATS.reset(token)
    return pa.array(out, pa.string())


def _check_to_json(types: list[T.DataType]) -> T.DataType:
    if not isinstance(types[0], (T.StructType, T.ArrayType, T.MapType)):
        raise AnalysisException(
            f"to_json needs a struct, an array or a map, got {types[0].simpleString()}.",
            "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA")
    return S


# ------------------------------------------------------------------ get_json_object


_PATH_TOKEN = re.compile(r"\.([^.\[]+)|\[\s*'([^']*)'\s*\]|\[\s*(\d+|\*)\s*\]|\.\*")


def _path(text: str) -> list | None:
    if not text or not text.startswith("$"):
        return None
    steps, pos = [], 1
    while pos < len(text):
        m = _PATH_TOKEN.match(text, pos)
        if m is None:
            return None
        name, quoted, index = m.groups()
        steps.append(("key", name if name is not None else quoted) if index is None and (
            name is not None or quoted is not None) else ("index", index or "*"))
        pos = m.end()
    return steps


def _walk(values: list, step: tuple) -> list:
    kind, arg = step
    out = []
    for v in values:
        if kind == "key" and isinstance(v, dict) and arg in v:
            out.append(v[arg])
        elif kind == "index" and isinstance(v, list):
            if arg == "*":
                out.extend(v)
            elif int(arg) < len(v):
                out.append(v[int(arg)])
    return out


def _extract(s: str | None, steps: list | None) -> Any:
    if s is None or steps is None:
        return None
    try:
        values = [loads(s)]
    except ValueError:
        return None
    wildcard = False
    for step in steps:
        values = _walk(values, step)
        wildcard = wildcard or step == ("index", "*")
    if not values:
        return None
    v = values if wildcard and len(values) != 1 else values[0]
    if v is None:
        return None
    # Spark writes what a wildcard matched as JSON, so one string match keeps its quotes
    return v if isinstance(v, str) and not wildcard else _dumps(v)


def _get_json_object(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    n = table.num_rows
    paths = _strings(args[1], n)
    cache: dict[str, Any] = {}
    out = []
    for s, p in zip(_strings(args[0], n), paths, strict=True):
        if p not in cache:
            cache[p] = _path(p) if p is not None else None
        out.append(_extract(s, cache[p]))
    return pa.array(out, pa.string())


def _json_tuple_type(args: tuple) -> T.DataType:
    fields = [T.StructField(f"c{i}", S) for i in range(len(args) - 1)]
    return T.ArrayType(T.StructType(fields), False)


def _json_tuple(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    """One output row per input row (a generator): each field's value as text, NULL when
    missing; a NULL or malformed document gives a row of NULLs."""
    n = table.num_rows
    names = [_strings(a, n) for a in args[1:]]
    out = []
    for k, s in enumerate(_strings(args[0], n)):
        try:
            doc = loads(s) if s is not None else None
        except ValueError:
            doc = None
        row = {}
        for i, col in enumerate(names):
            v = doc.get(col[k]) if isinstance(doc, dict) else None
            row[f"c{i}"] = None if v is None else v if isinstance(v, str) else write_json(v)
        out.append([row])
    return pa.array(out, to_arrow_type(e.data_type))


def _parsed(fn: Any, arrow_type: pa.DataType) -> Any:
    """A per-row function of the parsed JSON value (NULL for NULL or malformed input)."""

    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        out = []
        for s in _strings(args[0], table.num_rows):
            try:
                out.append(None if s is None else fn(loads(s)))
            except ValueError:
                out.append(None)
        return pa.array(out, arrow_type)

    return run


# ------------------------------------------------------------------- schema_of_json


def infer_json(v: Any) -> T.DataType:
    """Spark's schema_of_json: the reader's JsonInferSchema on one value."""
    return no_null_types(json_type(v))


def _schema_of(infer: Any) -> Any:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        text = _const(args[0])
        if not isinstance(text, str):
            raise AnalysisException(
                f"The input of {e.name} must be a foldable string, got {e.args[0].sql()}.",
                "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT")
        return pa.scalar(sql_type(infer(text, _options(args, 1))), pa.string())

    return run


def _infer_json_text(text: str, options: dict) -> T.DataType:
    try:
        return infer_json(json_reader(options)(text))
    except ValueError:
        return T.StructType([T.StructField("_corrupt_record", S)])


# -------------------------------------------------------------------------------- csv


def _csv_options(options: dict) -> dict:
    return {"delimiter": options.get("sep", options.get("delimiter", ",")),
            "quotechar": options.get("quote", '"'), "escapechar": options.get("escape", "\\")}


def _csv_tokens(s: str, options: dict) -> list[str | None]:
    row = next(csv.reader([s], **_csv_options(options)), [])
    null = options.get("nullvalue", "")
    if options.get("ignoreleadingwhitespace", "false").lower() == "true":
        row = [x.lstrip() for x in row]
    if options.get("ignoretrailingwhitespace", "false").lower() == "true":
        row = [x.rstrip() for x in row]
    return [None if x == null else x for x in row]


def _from_csv(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    from dfengine.functions.cast import parse_instant, parse_string

    t: T.StructType = e.data_type
    options = _options(args, 2)
    out = []
    for s in _strings(args[0], table.num_rows):
        if s is None:
            out.append(None)
            continue
        tokens = _csv_tokens(s, options)
        row = {}
        for i, f in enumerate(t.fields):
            tok = tokens[i] if i < len(tokens) else None
            row[f.name] = tok if isinstance(f.dataType, T.StringType) else parse_instant(
                tok, _ZONE.get()) if isinstance(f.dataType, T.TimestampType) and (
                tok is not None) else parse_string(tok, f.dataType)
        out.append(row)
    return pa.array(out, to_arrow_type(t))


def _csv_field(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, _dt.datetime):
        return _timestamp_text(v)
    return str(v)


def _to_csv(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    t = e.args[0].data_type
    if not isinstance(t, T.StructType):
        raise AnalysisException(f"to_csv needs a struct, got {t.simpleString()}.",
                                "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
    opts = _csv_options(_options(args, 1))
    out = []
    for v in _strings(args[0], table.num_rows):
        if v is None:
            out.append(None)
            continue
        fields = [_csv_quote(_csv_field(v[f.name]), opts) if v[f.name] is not None else ""
                  for f in t.fields]
        out.append(opts["delimiter"].join(fields))
    return pa.array(out, pa.string())


def _csv_quote(text: str, opts: dict) -> str:
    q, esc, sep = opts["quotechar"], opts["escapechar"], opts["delimiter"]
    if any(c in text for c in (q, sep, "\n", "\r")) or text != text.strip() and not text:
        return q + text.replace(esc, esc + esc).replace(q, esc + q) + q
    return text


def _infer_csv_token(tok: str) -> T.DataType:
    from dfengine.functions.cast import parse_string

    if re.fullmatch(r"\s*[+-]?\d+\s*", tok):
        for t in (INT, T.LongType()):
            if parse_string(tok, t) is not None:
                return t
        return T.DecimalType(38, 0)
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|NaN|[+-]?Infinity", tok.strip()):
        return T.DoubleType()
    if tok.strip().lower() in ("true", "false"):
        return T.BooleanType()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", tok.strip()) and parse_string(tok, T.DateType()):
        return T.DateType()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?", tok.strip()):
        return T.TimestampType()
    return S


def _infer_csv_text(text: str, options: dict) -> T.DataType:
    tokens = _csv_tokens(text, options)
    return T.StructType([T.StructField(f"_c{i}", _infer_csv_token(tok) if tok else S)
                         for i, tok in enumerate(tokens)])


def _first_arg_render(e: Any) -> str:
    return f"{e.name}({e.args[0].sql()})"


define(
    Function("from_json", lambda t: T.NullType(), result_from_args=_schema, impl=_zoned(_from_json),
             render_fn=_from_json_render, arity=(2, 3),
             params="col, schema: schema, options: options = None",
             example="'{\"a\": 1, \"b\": [\"x\", null]}', 'a INT, b ARRAY<STRING>'"),
    Function("to_json", _check_to_json, impl=_zoned(_to_json), arity=(1, 2),
             render_fn=_first_arg_render,  # the options are not in the name
             params="col, options: options = None",
             example="named_struct('a', 1, 'b', CAST(NULL AS STRING), 'c', array(1.5, 2.0))"),
    Function("get_json_object", returns(S), impl=_get_json_object, arity=(2, 2),
             params="col, path: lit", example="'{\"a\": {\"b\": [1, 2]}}', '$.a.b[1]'"),
    Function("json_tuple", lambda t: T.NullType(), result_from_args=_json_tuple_type,
             impl=_json_tuple, kind="generator", params="col, *fields: lit"),
    Function("json_array_length", returns(INT), arity=(1, 1), params="col",
             impl=_parsed(lambda v: len(v) if isinstance(v, list) else None, pa.int32()),
             example="'[1, 2, {\"a\": 3}]'"),
    Function("json_object_keys", returns(T.ArrayType(S)), arity=(1, 1), params="col",
             impl=_parsed(lambda v: list(v) if isinstance(v, dict) else None,
                          pa.list_(pa.string())),
             example="'{\"b\": 1, \"a\": {\"c\": 2}}'"),
    Function("schema_of_json", returns(S), impl=_schema_of(_infer_json_text), arity=(1, 2),
             nullable_rule="never", render_fn=_first_arg_render, params="json: lit, options: options = None",
             example="'{\"a\": 1, \"b\": [1.5, 2], \"c\": {\"d\": null}}'"),
    Function("from_csv", lambda t: T.NullType(), result_from_args=_schema, impl=_zoned(_from_csv),
             render_fn=_first_arg_render, arity=(2, 3),
             params="col, schema: schema, options: options = None",
             example="'1,abc,x', 'a INT, b STRING, c INT'"),
    Function("to_csv", returns(S), impl=_zoned(_to_csv), arity=(1, 2),
             render_fn=_first_arg_render,  # the options are not in the name
             params="col, options: options = None",
             example="named_struct('a', 1, 'b', 'x,y', 'c', CAST(NULL AS STRING))"),
    Function("schema_of_csv", returns(S), impl=_schema_of(_infer_csv_text), arity=(1, 2),
             nullable_rule="never", render_fn=_first_arg_render, params="csv: lit, options: options = None",
             example="'1,abc,2.5,true,2020-01-01'"),
    family="json",
)
