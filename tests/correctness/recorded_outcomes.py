"""PySpark's recorded answers for the bad-input suite, as JSON.

Running ~700 cases on PySpark costs minutes of JVM time per CI run, so the oracle's outcomes
are recorded once (`python -m tests.correctness.refresh_bad_input`) in
`pyspark_outcomes.json`, keyed by case id, and the test compares dfengine with them. A small
live sample still runs on PySpark, so the recording cannot drift unnoticed.

Values are the harness's normalized outcomes (`Table`, `RowValue`, `Raised`, tuples and
scalars); types that JSON lacks are tagged objects (`{"dec": "1.50"}`), so a decoded outcome
compares exactly as the live one did (int vs float vs Decimal, bytes vs bytearray).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.differential.harness import Raised, RowValue, Table

PATH = Path(__file__).with_name("pyspark_outcomes.json")
MESSAGE_CHARS = 400  # error messages are kept for the report only


def encode(v: Any) -> Any:
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else {"float": repr(v)}
    if isinstance(v, tuple):
        return [encode(x) for x in v]
    return _encode_tagged(v)


def _encode_tagged(v: Any) -> dict:
    if isinstance(v, Table):
        return {"table": {"columns": list(v.columns), "rows": encode(v.rows)}}
    if isinstance(v, RowValue):
        return {"row": {"fields": list(v.fields), "values": encode(v.values)}}
    if isinstance(v, Raised):
        return {"raised": {"class": v.class_name, "message": short_message(v)}}
    if isinstance(v, list):
        return {"list": [encode(x) for x in v]}
    scalars = ((Decimal, "dec", str), (dt.datetime, "ts", dt.datetime.isoformat),
               (dt.date, "date", dt.date.isoformat),
               (dt.timedelta, "td", lambda x: [x.days, x.seconds, x.microseconds]),
               (bytearray, "bytearray", _b64), (bytes, "bytes", _b64))
    for kind, tag, fn in scalars:
        if isinstance(v, kind):
            return {tag: fn(v)}
    raise TypeError(f"cannot record a {type(v).__name__} outcome ({v!r}): add it to "
                    "tests/correctness/recorded_outcomes.py")


def _b64(b: bytes | bytearray) -> str:
    return base64.b64encode(bytes(b)).decode("ascii")


_DECODERS = {
    "float": float, "dec": Decimal, "ts": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat, "td": lambda x: dt.timedelta(*x),
    "bytes": base64.b64decode, "bytearray": lambda s: bytearray(base64.b64decode(s)),
}


def decode(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(decode(x) for x in v)
    if not isinstance(v, dict):
        return v
    (tag, body), = v.items()
    if tag == "table":
        return Table(tuple(body["columns"]), decode(body["rows"]))
    if tag == "row":
        return RowValue(tuple(body["fields"]), decode(body["values"]))
    if tag == "raised":
        return Raised(body["class"], body["message"])
    if tag == "list":
        return [decode(x) for x in body]
    return _DECODERS[tag](body)


def short_message(r: Raised) -> str:
    """The start of the message; a JVM failure keeps the line naming its Java class, which
    `same_class` looks for."""
    text = r.message[:MESSAGE_CHARS]
    if "org.apache.spark.SparkException" in r.message and (
            "org.apache.spark.SparkException" not in text):
        text += " ... org.apache.spark.SparkException"
    return text


def save(outcomes: dict[str, Any], meta: dict[str, str], path: Path = PATH) -> None:
    """One line per case, sorted, so a refresh shows as a readable diff."""
    lines = [f"{_dump(k)}: {_dump(encode(outcomes[k]))}" for k in sorted(outcomes)]
    path.write_text('{"meta": ' + json.dumps(meta, sort_keys=True) + ',\n"outcomes": {\n'
                    + ",\n".join(lines) + "\n}}\n")


def _dump(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def load(path: Path = PATH) -> tuple[dict[str, Any], dict[str, str]]:
    if not path.exists():
        return {}, {}
    doc = json.loads(path.read_text())
    return {k: decode(v) for k, v in doc["outcomes"].items()}, doc["meta"]
