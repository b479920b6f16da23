"""The bad-input suite: unusual and wrong inputs run on dfengine and compared with PySpark's
answers: the same rows (as a multiset, types included) or an exception of the same PySpark
class. The summary line printed with `-s` gives the counts quoted in docs/correctness.md.

PySpark's answers are recorded in tests/recorded/bad_input.json (about 1,100 cases cost
minutes of JVM time per run); `DFENGINE_REFRESH_ORACLE=missing` records the new cases
(`=1` all of them again: see tests/recorded_oracle.py). A case with no recorded answer fails
the test, so a new case forces a refresh; a live sample of LIVE_SAMPLE cases still runs on
PySpark so that the recording cannot drift unnoticed.

Known gaps are listed in KNOWN_GAPS with the reason; a case listed there that starts to agree
fails the test too, so the list cannot go stale.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from tests import recorded_oracle

from .bad_input_run import FAST_ORACLE_CONF, case_ids, classify, oracle_conf, run_all

NAME = "bad_input"
REFRESH = recorded_oracle.refresh_hint(NAME, "tests/correctness/test_bad_input.py")
LIVE_SAMPLE = 20

# case id -> why dfengine still differs from PySpark there (each fails the test when it starts
# to agree, so the list cannot go stale)
KNOWN_GAPS: dict[str, str] = {
    "api: u_pandas_uint64_past_bigint": "deliberate: a uint64 past the bigint range is refused "
                                        "with the column named (PySpark silently gives NULL)",
    "api: u_np_scalars_in_tuples": "numpy numbers infer as their Python values (PySpark "
                                   "refuses them); dfengine's own callers rely on it",
    # the session-9 probe (bad_input_probe.py): left as they are, see docs/correctness.md
    "api: p9_str_number_formatting_cast": "JDK 17's Float.toString is not the shortest text "
                                          "(1.00000003E16); JDK 19+ prints dfengine's",
    "api: p9_pivot_multi_agg": "count('*') in a pivot: F.count('*') is count(1) before the "
                               "pivot sees it",
    "api: p9_join_self_derived_ambiguous": "Spark's ambiguous self-join check is not built; "
                                           "dfengine resolves each column to its DataFrame",
}

# case id -> why dfengine's error class differs while its message names the problem and the fix
# (the acceptance's "dfengine class whose message names the problem and the fix")
CLEAR_ERRORS: dict[str, str] = {
    "api: u_write_unknown_format": "UNSUPPORTED_DATA_SOURCE lists the formats (PySpark: a "
                                   "JVM SparkClassNotFoundException DATA_SOURCE_NOT_FOUND)",
    "api: u_read_unknown_format": "UNSUPPORTED_DATA_SOURCE lists the formats (PySpark: a "
                                  "JVM SparkClassNotFoundException DATA_SOURCE_NOT_FOUND)",
    "api: u_agg_empty_agg_call": "PySparkTypeError CANNOT_BE_EMPTY (PySpark: a bare "
                                 "AssertionError 'exprs should not be empty')",
    "api: p9_groupby_agg_no_args": "PySparkTypeError CANNOT_BE_EMPTY (PySpark: a bare "
                                   "AssertionError 'exprs should not be empty')",
}


@pytest.fixture(scope="module")
def recorded(request):
    """The recorded outcomes; under DFENGINE_REFRESH_ORACLE first asked of PySpark and saved."""
    outcomes, _ = recorded_oracle.load(NAME)
    mode = recorded_oracle.refresh_mode()
    if not mode:
        return outcomes
    import pyspark.sql.functions as F
    import pyspark.sql.types as T

    ids = case_ids()
    todo = ids if mode == "all" else [c for c in ids if c not in outcomes]
    session = request.getfixturevalue("pyspark_session")
    with oracle_conf(session):
        new = run_all(session, F, T, only=todo) if todo else {}
    outcomes = {c: new[c] if c in new else outcomes[c] for c in ids}
    recorded_oracle.save(NAME, outcomes, recorded_oracle.oracle_meta(
        conf=", ".join(f"{k}={v}" for k, v in FAST_ORACLE_CONF.items())))
    return outcomes


def live_sample() -> list[str]:
    """A fixed spread of cases (by hash of the id: SQL under ANSI and legacy, API)."""
    return sorted(case_ids(), key=lambda c: hashlib.sha1(c.encode()).hexdigest())[:LIVE_SAMPLE]


def test_recording_covers_every_case(recorded):
    ids = case_ids()
    missing = [c for c in ids if c not in recorded]
    stale = sorted(set(recorded) - set(ids))
    assert not missing, (f"{len(missing)} cases have no recorded PySpark outcome (first: "
                         f"{missing[:5]}): {REFRESH}")
    assert not stale, f"recorded outcomes of removed cases {stale[:5]}: {REFRESH}"
    assert len(ids) >= 300


def test_bad_inputs_match_pyspark(recorded, spark):
    import dfengine.sql.functions as F
    import dfengine.types as T

    ours = run_all(spark, F, T)
    counts: Counter = Counter()
    problems, renamed = [], []
    for case_id, actual in ours.items():
        if case_id not in recorded:
            counts["not recorded"] += 1
            continue
        expected = recorded[case_id]
        kind = classify(expected, actual)
        if kind == "other error" and case_id in CLEAR_ERRORS:
            kind = "clear dfengine error"
        counts[kind] += 1
        if case_id in CLEAR_ERRORS and kind != "clear dfengine error":
            problems.append(f"{kind}, no longer a clear dfengine error: {case_id}")
        if kind == "same rows" and getattr(expected, "columns", None) != getattr(
                actual, "columns", None):
            renamed.append(f"{case_id}: {expected.columns} vs {actual.columns}")
        bad = kind not in ("same rows", "same error", "clear dfengine error")
        if bad != (case_id in KNOWN_GAPS):
            problems.append(f"{kind}: {case_id}\n   pyspark:  {str(expected)[:300]}"
                            f"\n   dfengine: {str(actual)[:300]}")
    print(f"\nbad-input suite: {len(ours)} cases, " + ", ".join(
        f"{k} {v}" for k, v in sorted(counts.items()))
        + f" (column names differ in {len(renamed)} of the same-rows cases)")
    for line in renamed:
        print("  name:", line)
    assert not problems, f"{len(problems)} cases differ:\n" + "\n".join(problems)


@pytest.mark.pyspark
def test_recording_matches_live_pyspark(recorded, pyspark_session):
    """PySpark still gives the recorded answers (rows, column names, error class)."""
    import pyspark.sql.functions as F
    import pyspark.sql.types as T

    sample = [c for c in live_sample() if c in recorded]
    with oracle_conf(pyspark_session):
        live = run_all(pyspark_session, F, T, only=sample)
    drifted = [f"{c}\n   recorded: {str(recorded[c])[:300]}\n   live:     {str(live[c])[:300]}"
               for c in sample
               if classify(recorded[c], live[c]) not in ("same rows", "same error")
               or getattr(recorded[c], "columns", None) != getattr(live[c], "columns", None)]
    assert len(sample) == LIVE_SAMPLE
    assert not drifted, "PySpark's answers changed: record them all again with " \
        "DFENGINE_REFRESH_ORACLE=1 (tests/recorded_oracle.py)\n" + "\n".join(drifted)
