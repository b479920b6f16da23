"""Running the bad-input cases on one engine (PySpark or dfengine) and classifying the answers;
shared by tests/correctness/test_bad_input.py, which also records PySpark's outcomes (see
tests/recorded_oracle.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from tests.differential.harness import Raised, Table, normalize, sort_key, values_equal

from . import (  # noqa: F401
    bad_input_api,
    bad_input_edges,
    bad_input_io,
    bad_input_misuse,
    bad_input_probe,
    bad_input_probes,
    bad_input_sql,
    bad_input_udf,
)

# the oracle's settings while it answers the suite (recorded and live): no codegen, one
# shuffle partition; they change no answer, only PySpark's time per case
FAST_ORACLE_CONF = {
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.shuffle.partitions": "1",
}


@contextmanager
def oracle_conf(session) -> Iterator[None]:
    """FAST_ORACLE_CONF on the shared PySpark session while it answers, then its own again."""
    saved = {k: session.conf.get(k, None) for k in FAST_ORACLE_CONF}
    for k, v in FAST_ORACLE_CONF.items():
        session.conf.set(k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            session.conf.unset(k) if v is None else session.conf.set(k, v)


def outcome(fn, *args):
    try:
        return normalize(fn(*args))
    except Exception as exc:  # noqa: BLE001 - the exception is the answer being compared
        return Raised(type(exc).__name__, str(exc))


def same_class(expected: Raised, actual: Raised) -> bool:
    """PySpark raises a JVM SparkException (failed task, corrupt file, a scalar subquery with
    several rows) as a bare Py4JJavaError; dfengine raises SparkRuntimeException there."""
    if expected.class_name == "Py4JJavaError":
        return actual.class_name == "SparkRuntimeException" and (
            "org.apache.spark.SparkException" in expected.message)
    return expected.class_name == actual.class_name


def classify(expected, actual) -> str:
    if isinstance(expected, Raised) and isinstance(actual, Raised):
        return "same error" if same_class(expected, actual) else "other error"
    if isinstance(expected, Raised):
        return "accepted bad input"
    if isinstance(actual, Raised):
        return "refused good input"
    same = values_equal(as_multisets(expected), as_multisets(actual), strict=True)
    return "same rows" if same else "wrong answer"


def as_multisets(v: Any) -> Any:
    """Tables as their rows sorted, also inside a tuple (a case answering with its schema and
    its rows): row order is no part of an answer unless the case sorts (and column names are
    reported apart, as renamed)."""
    if isinstance(v, Table):
        return tuple(sorted(v.rows, key=sort_key))
    if isinstance(v, tuple):
        return tuple(as_multisets(x) for x in v)
    return v


def sql_text(e: str) -> str:
    return e if e.lower().startswith(("select", "with")) else f"select {e} from t"


def sql_case_ids() -> dict[str, tuple[str, str]]:
    """case id -> (spark.sql.ansi.enabled, SQL text)."""
    both = bad_input_sql.EXPRESSIONS + bad_input_edges.EXPRESSIONS
    ansi_only = bad_input_sql.ANSI_ONLY + bad_input_edges.ANSI_ONLY
    ids = {f"ansi: {e}": ("true", e) for e in both + ansi_only}
    ids.update({f"legacy: {e}": ("false", e) for e in both})
    return ids


def case_ids() -> list[str]:
    return list(sql_case_ids()) + [f"api: {name}" for name in bad_input_api.CASES]


def run_sql_cases(session, ansi: str, wanted: set[str]) -> dict:
    session.conf.set("spark.sql.ansi.enabled", ansi)
    try:
        return {case_id: outcome(lambda q: session.sql(q), sql_text(text))
                for case_id, (mode, text) in sql_case_ids().items()
                if mode == ansi and case_id in wanted}
    finally:
        session.conf.unset("spark.sql.ansi.enabled")


def run_api_cases(session, F, T, wanted: set[str]) -> dict:
    out = {}
    for name, fn in bad_input_api.CASES.items():
        if f"api: {name}" not in wanted:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            got = outcome(fn, session, F, T, tmp)
        if isinstance(got, Raised):  # no run-dependent paths in recorded messages
            got = Raised(got.class_name, got.message.replace(tmp, "<tmp>"))
        out[f"api: {name}"] = got
    return out


def run_all(session, F, T, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Every case's outcome on `session` (or those of `only`), in the suite's order."""
    wanted = set(case_ids() if only is None else only)
    session.createDataFrame(bad_input_sql.ROWS, bad_input_sql.SCHEMA) \
        .createOrReplaceTempView("t")
    for view in bad_input_sql.VIEWS:
        session.sql(view)
    results = run_sql_cases(session, "true", wanted)
    results.update(run_sql_cases(session, "false", wanted))
    results.update(run_api_cases(session, F, T, wanted))
    return results
