"""Spark 4 semantics closed by the second correctness session, each checked against PySpark
(same rows or an exception of the same class): Java's case mapping, subscripts of arrays and
maps, legacy string arithmetic, function arity (WRONG_NUM_ARGS), the try_* functions."""

from __future__ import annotations

import pytest

from dfengine import functions as catalogue
from dfengine.functions.registry import MANY
from tests.correctness.bad_input_run import classify, outcome
from tests.recorded_oracle import RecordedOracle

pytestmark = pytest.mark.pyspark


def _compare(spark, pyspark_session, queries: list[str], ansi: str = "true") -> list[str]:
    """The queries whose outcome differs between the engines (rows, or the error class)."""
    bad = []
    for session in (spark, pyspark_session):
        session.conf.set("spark.sql.ansi.enabled", ansi)
    try:
        for q in queries:
            kind = classify(outcome(pyspark_session.sql, q),
                            outcome(spark.sql, q))
            if kind not in ("same rows", "same error"):
                bad.append(f"{kind}: {q}")
    finally:
        for session in (spark, pyspark_session):
            session.conf.unset("spark.sql.ansi.enabled")
    return bad


def test_case_mapping_is_javas(spark, pyspark_session) -> None:
    """upper('ß') is 'SS' (Java's full case mapping; Arrow gives 'ẞ'), final sigma, ligatures."""
    q = ("select upper(x), lower(x), initcap(x) from values ('straße'), ('ﬁx'), ('ΟΔΟΣ'), "
         "('İstanbul'), ('abc'), (NULL) as v(x)")
    assert _compare(spark, pyspark_session, [q]) == []


@pytest.mark.parametrize("ansi", ["true", "false"])
def test_subscripts_of_arrays_and_maps(spark, pyspark_session, ansi) -> None:
    """`m[k]` looks the key up (an integer key was read as a 1-based index: map(1, 'x')[1]
    gave NULL); `arr[i]` is 0-based and out of range raises under ANSI."""
    t = "from values (array(10, 20), map(1, 'x', 2, 'y'), 1) as v(a, m, i)"
    queries = [f"select a[0], a[1], a[i], m[1], m[i + 1], m[3] {t}", f"select a[2] {t}",
               f"select a[-1] {t}", f"select a[i + 5] {t}", "select map('a', 1)['b']",
               f"select element_at(m, 1), element_at(a, 1), try_element_at(a, 9) {t}"]
    assert _compare(spark, pyspark_session, queries, ansi) == []


def test_column_getitem_checks_the_index(spark) -> None:
    from dfengine.errors import ArrayIndexOutOfBoundsException
    from dfengine.sql import functions as F

    df = spark.createDataFrame([([1, 2], {"k": 3})], "a array<int>, m map<string,int>")
    assert df.select(df.a[1], df.a.getItem(0), df.m["k"], df.m.getItem("z")).collect()[0] == (
        2, 1, 3, None)
    with pytest.raises(ArrayIndexOutOfBoundsException, match="INVALID_ARRAY_INDEX"):
        df.select(F.col("a")[5]).collect()


def test_legacy_string_arithmetic_reads_doubles(spark, pyspark_session) -> None:
    queries = ["select '1' + 1, '1.5' + 1, 1 + '2', 'x' * 2, typeof('1' + 1)"]
    assert _compare(spark, pyspark_session, queries, ansi="false") == []
    assert _compare(spark, pyspark_session, queries[:1] + ["select typeof('1' + 1)"]) == []


# ------------------------------------------------------------------------- arity

# Calls whose argument counts PySpark accepts but dfengine refuses with WRONG_NUM_ARGS, because
# that form is not implemented (a clear refusal instead of ignoring an argument).
NOT_IMPLEMENTED_FORMS = {
    "ceil": "ceil(x, scale)", "ceiling": "ceiling(x, scale)", "floor": "floor(x, scale)",
    "regexp_replace": "regexp_replace(s, p, r, position)", "instr": "instr with collation",
    "unix_timestamp": "unix_timestamp() of now", "make_timestamp": "make_timestamp(date, time)",
    "months_between": "months_between(a, b, roundOff)", "now": "now(precision)",
    "hour": "hour(x, ...) of Spark 4.1's TIME", "minute": "minute(x, ...)",
    "second": "second(x, ...)",
}
# Calls sqlglot's grammar refuses as a syntax error (ParseException) before any arity is known,
# or parses with the extra argument dropped before dfengine sees it (substring).
SYNTAX_FIRST = {"any": "any() / any(x, y)", "overlay": "overlay with 5 arguments",
                "trim": "trim(a, b, c)", "substring": "substring(s, 1, 2, 3)",
                "position": "position(a, b, c, d)", "transform": "transform(a, f, x)",
                "extract": "extract(a, b, c): sqlglot reads EXTRACT(field FROM source) first"}


def _outcome(run, name: str, n: int) -> str:
    """"wrong" (WRONG_NUM_ARGS), "error" (any other) or "ok" for `name` with n NULLs."""
    try:
        run(f"select {name}({', '.join(['NULL'] * n)})")
    except Exception as e:  # noqa: BLE001 - the message is what is compared
        return "wrong" if "WRONG_NUM_ARGS" in str(e) else "error"
    return "ok"


def test_arity_as_pyspark(spark, request) -> None:
    """Every catalogue name called with one argument too few and one too many: where PySpark
    says WRONG_NUM_ARGS dfengine does; where PySpark accepts the count, dfengine does not say
    WRONG_NUM_ARGS (analysis only: nothing runs). PySpark's answers are recorded
    (tests/recorded/arity.json, see tests/recorded_oracle.py): 700 JVM round trips cost 80 s."""

    def ask(key: str) -> str:
        name, n = key.split("/")
        return _outcome(request.getfixturevalue("pyspark_session").sql, name, int(n))

    theirs_of = RecordedOracle("arity", ask)
    differ = []
    for entry in catalogue.entries():
        if not entry.public or entry.kind == "window":
            continue
        for name in entry.names:
            lo, hi = entry.arity_of(name)
            for n in ([lo - 1] if lo > 0 else []) + ([hi + 1] if hi < MANY else []):
                theirs = theirs_of(f"{name}/{n}")
                ours = _outcome(spark.sql, name, n)
                if (theirs == "wrong") != (ours == "wrong") and not (
                        theirs == "error" or name in NOT_IMPLEMENTED_FORMS or name in SYNTAX_FIRST):
                    differ.append(f"{name} with {n} arguments: pyspark {theirs}, dfengine {ours}")
    theirs_of.save()
    assert differ == [], "\n".join(differ)


# ------------------------------------------------------------------------- try_*


def test_try_aggregates(spark, pyspark_session) -> None:
    t = "from values (9223372036854775807L, 1, 1.5), (1L, 2, 2.5) as v(x, y, z)"
    queries = [f"select try_sum(x), try_avg(x), try_sum(y), try_avg(y), try_sum(z) {t}",
               f"select y, try_sum(x) {t} group by y", "select try_sum(x) from values (1L) v(x)"]
    assert _compare(spark, pyspark_session, queries) == []


def test_try_functions_in_F(spark) -> None:
    from dfengine.sql import functions as F

    df = spark.createDataFrame([(2147483647, 0, [1])], "a int, b int, xs array<int>")
    row = df.select(F.try_add("a", F.lit(1)), F.try_divide("a", "b"), F.try_mod("a", "b"),
                    F.try_element_at("xs", F.lit(3))).collect()
    assert tuple(row[0]) == (None, None, None, None)
    assert tuple(df.select(F.try_sum("a"), F.try_avg("b")).collect()[0]) == (2147483647, 0.0)
    names = df.select(F.try_add("a", "b")).columns + df.select(F.try_sum("a")).columns
    assert names == ["try_add(a, b)", "try_sum(a)"]


# ------------------------------------------------------------------------- others


def test_correlated_scalar_subquery_with_several_rows(spark, pyspark_session) -> None:
    """It raised nothing and repeated the outer row once per matching row (a wrong answer)."""
    for s in (spark, pyspark_session):
        s.createDataFrame([(1, 10), (1, 11), (2, 20)], "k int, v int").createOrReplaceTempView(
            "sq_t")
        s.createDataFrame([(1,), (2,), (3,)], "k int").createOrReplaceTempView("sq_o")
    queries = ["select k, (select v from sq_t where sq_t.k = sq_o.k) from sq_o",
               "select k, (select v from sq_t where sq_t.k = sq_o.k) from sq_o where k > 1",
               "select k, (select max(v) from sq_t where sq_t.k = sq_o.k) from sq_o"]
    assert _compare(spark, pyspark_session, queries) == []


def test_numbers_cast_to_timestamps_are_seconds(spark, pyspark_session) -> None:
    queries = ["select cast(x as timestamp) from values (1L), (NULL), (1700000000L) as v(x)",
               "select cast(1.5 as timestamp), cast(cast(-1.25 as double) as timestamp), "
               "cast(cast(86400 as int) as timestamp), cast(123.456789 as timestamp)",
               "select cast(cast('NaN' as double) as timestamp)"]
    assert _compare(spark, pyspark_session, queries) == []


def test_aggregates_of_structs_and_percentiles(spark, pyspark_session) -> None:
    from dfengine.sql import functions as F

    rows = [(1, "a", 1.0), (2, "b", 2.0), (1, "c", 3.0), (3, "d", 4.0), (1, "a", 1.0)]
    schema = "k int, s string, x double"

    def run(session, F):
        df = session.createDataFrame(rows, schema)
        agg = df.groupBy("k").agg(F.sort_array(F.collect_set(F.struct("s"))).alias("set"),
                                  F.sort_array(F.collect_list(F.struct("s", "x"))).alias("l"))
        return (sorted(map(tuple, agg.collect())), sorted(map(tuple, df.summary().collect())),
                sorted(map(tuple, df.summary("25%", "75%").collect())))

    import pyspark.sql.functions as PF

    assert run(spark, F) == run(pyspark_session, PF)
