"""The bad-input suite: unusual and wrong inputs run on dfengine and compared with PySpark's
answers: the same rows (as a multiset, types included) or an exception of the same PySpark
class. The summary line printed with `-s` gives the counts quoted in docs/correctness.md.

PySpark's answers are recorded in pyspark_outcomes.json (about 700 cases cost minutes of JVM
time per run); `python -m tests.correctness.refresh_bad_input` records them again. A case with
no recorded answer fails the test, so a new case forces a refresh; a live sample of
LIVE_SAMPLE cases still runs on PySpark so that the recording cannot drift unnoticed.

Known gaps are listed in KNOWN_GAPS with the reason; a case listed there that starts to agree
fails the test too, so the list cannot go stale.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from . import recorded_outcomes
from .bad_input_run import FAST_ORACLE_CONF, case_ids, classify, run_all

REFRESH = "python -m tests.correctness.refresh_bad_input --missing"
LIVE_SAMPLE = 20

# case id -> why dfengine still differs from PySpark there (none today: the gaps of earlier
# sessions, upper('ß'), upper(array), map subscripts, pivot of an empty frame, legacy string
# arithmetic and try_sum's running overflow, are fixed)
KNOWN_GAPS: dict[str, str] = {}


@pytest.fixture(scope="module")
def recorded():
    outcomes, _ = recorded_outcomes.load()
    return outcomes


def live_sample() -> list[str]:
    """A fixed spread of cases (by hash of the id: SQL under ANSI and legacy, API)."""
    return sorted(case_ids(), key=lambda c: hashlib.sha1(c.encode()).hexdigest())[:LIVE_SAMPLE]


def test_recording_covers_every_case(recorded):
    ids = case_ids()
    missing = [c for c in ids if c not in recorded]
    stale = sorted(set(recorded) - set(ids))
    assert not missing, (f"{len(missing)} cases have no recorded PySpark outcome (first: "
                         f"{missing[:5]}): run `{REFRESH}`")
    assert not stale, f"recorded outcomes of removed cases {stale[:5]}: run `{REFRESH}`"
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
        counts[kind] += 1
        if kind == "same rows" and getattr(expected, "columns", None) != getattr(
                actual, "columns", None):
            renamed.append(f"{case_id}: {expected.columns} vs {actual.columns}")
        bad = kind not in ("same rows", "same error")
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
    saved = {k: pyspark_session.conf.get(k, None) for k in FAST_ORACLE_CONF}
    for k, v in FAST_ORACLE_CONF.items():
        pyspark_session.conf.set(k, v)
    try:
        live = run_all(pyspark_session, F, T, only=sample)
    finally:
        for k, v in saved.items():
            pyspark_session.conf.unset(k) if v is None else pyspark_session.conf.set(k, v)
    drifted = [f"{c}\n   recorded: {str(recorded[c])[:300]}\n   live:     {str(live[c])[:300]}"
               for c in sample
               if classify(recorded[c], live[c]) not in ("same rows", "same error")
               or getattr(recorded[c], "columns", None) != getattr(live[c], "columns", None)]
    assert len(sample) == LIVE_SAMPLE
    assert not drifted, f"PySpark's answers changed: run `{REFRESH.removesuffix(' --missing')}`"\
        "\n" + "\n".join(drifted)
