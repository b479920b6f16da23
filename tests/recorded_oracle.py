"""PySpark's answers recorded in files, for checks that ask the oracle hundreds of small
questions (each a JVM round trip of 0.1-1 s): the suite must stay within its CI time budget.

One module, one switch for every recording (tests/recorded/<name>.json):
- `bad_input.json`: the bad-input suite's outcomes (tests/correctness/test_bad_input.py);
- `arity.json`: WRONG_NUM_ARGS or not per function and argument count
  (tests/correctness/test_spark4_semantics.py::test_arity_as_pyspark).

The answers are PySpark's own, recorded by running the same calls through the shared
`pyspark_session` fixture (tests/pyspark_oracle.py). The switch is the environment variable
DFENGINE_REFRESH_ORACLE:

    DFENGINE_REFRESH_ORACLE=missing python -m pytest <tests>   # ask only what is not recorded
    DFENGINE_REFRESH_ORACLE=1 python -m pytest <tests>         # ask everything again

(after adding cases, or after a PySpark upgrade); without it the tests read the files and start
no JVM. A file holds `meta` (PySpark's version, the oracle conf) and one line per key, sorted,
so a refresh shows as a readable diff. Values that JSON lacks are tagged objects
(`{"dec": "1.50"}`, `{"raised": {...}}`), so a decoded answer compares exactly as the live one
did (int vs float vs Decimal, bytes vs bytearray).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.differential.harness import Raised, RowValue, Table

RECORDED = Path(__file__).resolve().parent / "recorded"
SWITCH = "DFENGINE_REFRESH_ORACLE"
MESSAGE_CHARS = 400  # error messages are kept for the report only


def refresh_mode() -> str:
    """'' (read the files), 'missing' (ask what is not recorded) or 'all' (ask everything)."""
    value = os.environ.get(SWITCH, "").strip().lower()
    if value in ("", "0"):
        return ""
    return "missing" if value == "missing" else "all"


def refresh_hint(name: str, tests: str) -> str:
    return f"record it: `{SWITCH}=missing python -m pytest {tests}` (tests/recorded/{name}.json)"


# ------------------------------------------------------------------ the files
def load(name: str) -> tuple[dict[str, Any], dict[str, str]]:
    path = RECORDED / f"{name}.json"
    if not path.exists():
        return {}, {}
    doc = json.loads(path.read_text())
    return {k: decode(v) for k, v in doc["outcomes"].items()}, doc["meta"]


def save(name: str, outcomes: dict[str, Any], meta: dict[str, str]) -> None:
    """One line per key, sorted, so a refresh shows as a readable diff."""
    lines = [f"{_dump(k)}: {_dump(encode(outcomes[k]))}" for k in sorted(outcomes)]
    RECORDED.mkdir(exist_ok=True)
    (RECORDED / f"{name}.json").write_text(
        '{"meta": ' + json.dumps(meta, sort_keys=True) + ',\n"outcomes": {\n'
        + ",\n".join(lines) + "\n}}\n")


def oracle_meta(**extra: str) -> dict[str, str]:
    import pyspark

    return {"pyspark": pyspark.__version__, **extra}


def _dump(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


class RecordedOracle:
    """Answers by key from tests/recorded/<name>.json. A key missing from the file is asked of
    PySpark live (`ask`), so a new case is still checked; under the switch the asked answers
    are written back by `save()` (all of them again with DFENGINE_REFRESH_ORACLE=1)."""

    def __init__(self, name: str, ask: Callable[[str], Any]):
        self.name = name
        self.ask = ask
        self.answers, _ = ({}, {}) if refresh_mode() == "all" else load(name)
        self.asked: list[str] = []

    def __call__(self, key: str) -> Any:
        if key not in self.answers:
            self.answers[key] = self.ask(key)
            self.asked.append(key)
        return self.answers[key]

    def save(self) -> None:
        if refresh_mode() and self.asked:
            save(self.name, self.answers, oracle_meta())


# ------------------------------------------------------------------ tagged JSON values
def encode(v: Any) -> Any:
    if v is None or isinstance(v, (bool, str, int)):
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
    raise TypeError(f"cannot record a {type(v).__name__} answer ({v!r}): add it to "
                    "tests/recorded_oracle.py")


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
