"""The bad-input suite: unusual and wrong inputs run on PySpark (the oracle) and dfengine.
Each case must give the same rows (as a multiset, types included) or an exception of the same
PySpark class. Cases are batched into a few tests so the oracle's per-test costs stay low;
the summary line printed with `-s` gives the counts quoted in docs/correctness.md.

Known gaps are listed in KNOWN_GAPS with the reason; a case listed there that starts to agree
fails the test too, so the list cannot go stale.
"""

from __future__ import annotations

import tempfile
from collections import Counter

import pytest

from tests.differential.harness import Raised, Table, normalize, sort_key, values_equal

from . import bad_input_api, bad_input_sql

pytestmark = pytest.mark.pyspark

FAST_ORACLE_CONF = {
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.shuffle.partitions": "1",
}

# case id -> why dfengine still differs from PySpark there (none today: the gaps of earlier
# sessions, upper('ß'), upper(array), map subscripts, pivot of an empty frame, legacy string
# arithmetic and try_sum's running overflow, are fixed)
KNOWN_GAPS: dict[str, str] = {}


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
    if isinstance(expected, Table) and isinstance(actual, Table):
        e = sorted(expected.rows, key=sort_key)
        a = sorted(actual.rows, key=sort_key)
        ok = len(e) == len(a) and all(values_equal(x, y, strict=True) for x, y in zip(e, a))
        return "same rows" if ok else "wrong answer"
    return "same rows" if values_equal(expected, actual, strict=True) else "wrong answer"


def sql_text(e: str) -> str:
    return e if e.lower().startswith(("select", "with")) else f"select {e} from t"


def run_sql_cases(session, ansi: str) -> dict:
    session.conf.set("spark.sql.ansi.enabled", ansi)
    try:
        extra = bad_input_sql.ANSI_ONLY if ansi == "true" else []
        return {f"{'ansi' if ansi == 'true' else 'legacy'}: {e}":
                outcome(lambda q: session.sql(q), sql_text(e))
                for e in bad_input_sql.EXPRESSIONS + extra}
    finally:
        session.conf.unset("spark.sql.ansi.enabled")


def run_api_cases(session, F, T) -> dict:
    out = {}
    for name, fn in bad_input_api.CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            out[f"api: {name}"] = outcome(fn, session, F, T, tmp)
    return out


def run_all(session, F, T) -> dict:
    session.createDataFrame(bad_input_sql.ROWS, bad_input_sql.SCHEMA) \
        .createOrReplaceTempView("t")
    for view in bad_input_sql.VIEWS:
        session.sql(view)
    results = run_sql_cases(session, "true")
    results.update(run_sql_cases(session, "false"))
    results.update(run_api_cases(session, F, T))
    return results


@pytest.fixture(scope="module")
def oracle(pyspark_session):
    import pyspark.sql.functions as F
    import pyspark.sql.types as T

    saved = {k: pyspark_session.conf.get(k, None) for k in FAST_ORACLE_CONF}
    for k, v in FAST_ORACLE_CONF.items():
        pyspark_session.conf.set(k, v)
    try:
        yield run_all(pyspark_session, F, T)
    finally:
        for k, v in saved.items():
            pyspark_session.conf.unset(k) if v is None else pyspark_session.conf.set(k, v)


def test_bad_inputs_match_pyspark(oracle, spark):
    import dfengine.sql.functions as F
    import dfengine.types as T

    ours = run_all(spark, F, T)
    counts: Counter = Counter()
    problems, renamed = [], []
    for case_id, expected in oracle.items():
        kind = classify(expected, ours[case_id])
        counts[kind] += 1
        if kind == "same rows" and getattr(expected, "columns", None) != getattr(
                ours[case_id], "columns", None):
            renamed.append(f"{case_id}: {expected.columns} vs {ours[case_id].columns}")
        bad = kind not in ("same rows", "same error")
        if bad != (case_id in KNOWN_GAPS):
            problems.append(f"{kind}: {case_id}\n   pyspark:  {str(expected)[:300]}"
                            f"\n   dfengine: {str(ours[case_id])[:300]}")
    print(f"\nbad-input suite: {len(oracle)} cases, " + ", ".join(
        f"{k} {v}" for k, v in sorted(counts.items()))
        + f" (column names differ in {len(renamed)} of the same-rows cases)")
    for line in renamed:
        print("  name:", line)
    assert len(oracle) >= 300
    assert not problems, f"{len(problems)} cases differ:\n" + "\n".join(problems)
