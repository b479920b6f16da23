"""The function catalogue is the one place a function is defined.

Walks every entry: each is callable from SQL under every name and from `F.` under every
PySpark name, with the same result and the same generated column name, and has an
implementation; every public name of `dfengine.sql.functions` is an entry (or one of the
facade-only names below). A function that exists in one front end but not the other fails
here. The values and names are also checked against real PySpark.
"""

from __future__ import annotations

import math

import pytest

from dfengine import functions as catalogue
from dfengine.sql import functions as F

# Names of `pyspark.sql.functions` that are not functions of Spark's registry: column
# references, literals, sort orders, hints, CASE WHEN, UDF makers and streaming windows.
FACADE_ONLY = {
    "col", "column", "lit", "expr", "when", "asc", "desc", "asc_nulls_first", "asc_nulls_last",
    "desc_nulls_first", "desc_nulls_last", "broadcast", "isnull", "isnotnull", "udf",
    "pandas_udf", "arrow_udf", "udtf", "arrow_udtf", "call_udf", "window", "session_window",
    "window_time", "call_function", "years", "months", "days", "hours", "bucket",  # partition transforms
}

SCALARS = [e for e in catalogue.entries() if e.public and e.kind in ("scalar", "generator")]
# aggregates with an example run as a global aggregate over the one row of their arguments
AGGREGATES = [e for e in catalogue.entries() if e.public and e.kind == "aggregate"]
WITH_EXAMPLE = [e for e in SCALARS + AGGREGATES if e.example is not None]
# Functions whose value changes from call to call (or names the engine: version()): only
# their names are compared.
VOLATILE = {"current_date", "current_timestamp", "rand", "monotonically_increasing_id",
            "localtimestamp", "version", "randn", "uniform", "randstr", "shuffle"}


def _args(example: str) -> list[str]:
    """Top-level comma-separated SQL arguments of an example."""
    parts, depth, cur, quote = [], 0, "", False
    for ch in example:
        if ch == "'":
            quote = not quote
        elif not quote and ch in "([":
            depth += 1
        elif not quote and ch in ")]":
            depth -= 1
        if ch == "," and depth == 0 and not quote:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12)
    return a == b


def test_every_scalar_entry_has_an_implementation() -> None:
    """Generators run in the Generate operator, aggregates and window functions in theirs."""
    assert [e.name for e in SCALARS if e.impl is None and e.kind == "scalar"] == []


def test_every_public_name_of_F_is_a_catalogue_entry() -> None:
    f_names = {n for e in catalogue.entries() for n in e.f_names}
    missing = sorted(n for n in F.__all__ if callable(getattr(F, n)) and n[0].islower()
                     and n not in f_names and n not in FACADE_ONLY)
    assert missing == []


def test_every_entry_with_a_signature_is_in_F() -> None:
    absent = [(e.name, n) for e in SCALARS + AGGREGATES if e.params is not None
              for n in e.f_names
              if not hasattr(F, n)]
    assert absent == []


def test_every_sql_name_resolves_to_its_entry() -> None:
    for e in catalogue.entries():
        for n in e.names:
            assert catalogue.find(n) is e, n


@pytest.mark.parametrize("entry", WITH_EXAMPLE, ids=lambda e: e.name)
def test_sql_and_F_agree_under_every_name(spark, entry) -> None:
    sql = {}
    for name in entry.names:
        df = spark.sql(f"SELECT {name}({entry.example})")
        sql[name] = (df.columns[0], df.collect()[0][0])
    one = spark.range(1)
    args = [F.expr(a) for a in _args(entry.example)]
    for fname in entry.f_names if entry.params is not None else ():
        df = one.select(getattr(F, fname)(*args))
        got = (df.columns[0], df.collect()[0][0])
        if fname in sql and fname != "pow":  # PySpark: F.pow(2, 10) is POWER(2, 10)
            assert got[0] == sql[fname][0], f"F.{fname} and SQL {fname} name the column apart"
            if entry.name not in VOLATILE:
                assert _same(got[1], sql[fname][1]), f"F.{fname} and SQL {fname} disagree"
    values = [v for _, v in sql.values()]
    if entry.name not in VOLATILE:
        assert all(_same(v, values[0]) for v in values), f"aliases of {entry.name} disagree"


@pytest.mark.pyspark
def test_names_and_values_match_pyspark(spark, pyspark_session) -> None:
    """Every SQL name of every entry with an example, in one query per entry on both engines."""
    mismatches = []
    for entry in WITH_EXAMPLE:
        items = ", ".join(f"{n}({entry.example})" for n in entry.names)
        try:
            theirs = pyspark_session.sql(f"SELECT {items}")
            their_row = theirs.collect()[0]
        except Exception as e:  # noqa: BLE001 (a name PySpark lacks is reported, not raised)
            mismatches.append((entry.name, "pyspark", str(e).splitlines()[0][:80]))
            continue
        ours = spark.sql(f"SELECT {items}")
        our_row = ours.collect()[0]
        for i, name in enumerate(entry.names):
            if ours.columns[i] != theirs.columns[i]:
                mismatches.append((name, "name", ours.columns[i], theirs.columns[i]))
            elif entry.name not in VOLATILE and not _same(our_row[i], their_row[i]):
                mismatches.append((name, "value", our_row[i], their_row[i]))
    assert mismatches == [], "\n".join(map(str, mismatches))
