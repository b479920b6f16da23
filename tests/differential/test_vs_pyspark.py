"""Every differential case run on real PySpark (the live oracle) and on dfengine; same column
names, same rows (as multisets unless the case orders them), same dtypes, same error classes.

PySpark's answer is computed once per case per run and kept in memory only: there are no
stored expected results to go stale. `-k test_case_runs_on_pyspark` runs the oracle half alone,
which checks the cases themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .cases import ALL_CASES
from .harness import Case, Outcome, Raised, explain_difference, run_case

pytestmark = pytest.mark.pyspark

CASE_PARAMS = [pytest.param(c, id=c.name) for c in ALL_CASES]


# Tiny inputs make Spark's per-query fixed costs dominate: Janino code generation, adaptive
# re-planning and shuffle partitions. None of these changes results, and turning them off
# halves the oracle's time for this module (about 100 s to 46 s measured for 166 cases).
FAST_ORACLE_CONF = {
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.shuffle.partitions": "1",
}


@pytest.fixture(scope="module")
def pyspark_answer(pyspark_session, tmp_path_factory) -> Iterator[Callable[[Case], Outcome]]:
    """PySpark's outcome for a case, computed on first use and cached for this run."""
    import pyspark.sql.functions as F
    import pyspark.sql.types as T

    saved = {k: pyspark_session.conf.get(k, None) for k in FAST_ORACLE_CONF}
    for k, v in FAST_ORACLE_CONF.items():
        pyspark_session.conf.set(k, v)
    cache: dict[str, Outcome] = {}

    def answer(c: Case) -> Outcome:
        if c.name not in cache:
            tmp = tmp_path_factory.mktemp(f"pyspark-{c.name}")
            cache[c.name] = run_case(c, pyspark_session, F, T, tmp)
        return cache[c.name]

    yield answer
    for k, v in saved.items():
        if v is None:
            pyspark_session.conf.unset(k)
        else:
            pyspark_session.conf.set(k, v)


@pytest.fixture(scope="module")
def dfengine_modules(spark) -> tuple[Any, Any]:
    import dfengine.sql.functions as F
    import dfengine.types as T

    return F, T


@pytest.mark.parametrize("c", CASE_PARAMS)
def test_case_runs_on_pyspark(c: Case, pyspark_answer) -> None:
    """The case itself is valid: PySpark runs it, or raises the error it is meant to."""
    out = pyspark_answer(c)
    if c.error:
        assert isinstance(out.value, Raised), f"PySpark did not raise {c.error}"
        assert out.value.class_name == c.error, out.value.message
    else:
        assert not isinstance(out.value, Raised), (
            f"PySpark rejected the case: {out.value.class_name}: {out.value.message[:1500]}"
        )


@pytest.mark.parametrize("c", CASE_PARAMS)
def test_matches_pyspark(c: Case, pyspark_answer, spark, dfengine_modules, tmp_path) -> None:
    expected = pyspark_answer(c)
    F, T = dfengine_modules
    actual = run_case(c, spark, F, T, tmp_path)

    problems = []
    diff = explain_difference(expected.value, actual.value, c.ordered)
    if diff:
        problems.append(diff)
    both_frames = expected.dtypes is not None and actual.dtypes is not None
    if both_frames and expected.dtypes != actual.dtypes:
        problems.append(
            f"dtypes differ:\npyspark:  {expected.dtypes}\ndfengine: {actual.dtypes}"
        )
    if c.mentions and isinstance(actual.value, Raised):
        missing = [w for w in c.mentions if w.lower() not in actual.value.message.lower()]
        if missing:
            problems.append(f"dfengine's error message does not name {missing}: "
                            f"{actual.value.message[:500]}")
    assert not problems, "\n\n".join(problems)
