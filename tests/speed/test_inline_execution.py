"""Small queries over local data run their tasks inline (in the calling thread, without Dask's
scheduler): the same rows as through Dask, the same task semantics as Dask's, and Dask's path
for everything else (files, cached data, larger inputs, `inlineMaxRows=0`)."""

from __future__ import annotations

from functools import partial

import pytest

from dfengine.runtime import run_inline


def _add(*xs):
    return sum(xs)


def test_run_inline_follows_dask_task_semantics():
    """Keys inside args, lists and tuples, dicts left alone, nested calls; each task computed once; the
    values equal dask.threaded.get's on the same graph."""
    from dask.threaded import get

    calls = []

    def counted(x):
        calls.append(x)
        return x * 10

    graph = {
        ("a", 0): (counted, 1),
        ("a", 1): (counted, 2),
        "b": (_add, ("a", 0), ("a", 1)),                        # keys as arguments
        "c": (sum, [("a", 0), ("a", 1), 5]),                    # a list of keys and values
        "d": (partial(dict, z=1), {"x": "b", "y": ("a", 1)}),   # a dict is passed as it is
        "e": (len, (("a", 0), "not-a-key", 3)),                 # a plain tuple of values
        "f": (_add, (counted, 7), "b"),                         # a nested task
        "g": "b",                                               # an alias
        "h": (counted, 99),                                     # not needed: not run (as Dask)
    }
    keys = ["b", "c", "d", "e", "f", "g"]
    got = run_inline(graph, keys)
    assert sorted(calls) == [1, 2, 7]  # ("a", i) once each, though used by several tasks
    assert got == list(get(graph, keys, num_workers=1))
    assert got[0] == 30 and got[1] == 35 and got[2] == {"x": "b", "y": ("a", 1), "z": 1}


def test_run_inline_reports_tasks_to_callbacks_and_raises_task_errors():
    seen = {"total": None, "done": []}

    def start_state(dsk, state):
        seen["total"] = len(dsk)

    def posttask(key, result, dsk, state, worker):
        seen["done"].append(key)

    graph = {"x": (int, "4"), "y": (_add, "x", 1)}
    assert run_inline(graph, ["y"], callbacks=[(None, start_state, None, posttask, None)]) == [5]
    assert seen == {"total": 2, "done": ["x", "y"]}
    with pytest.raises(ValueError, match="invalid literal"):
        run_inline({"bad": (int, "four")}, ["bad"])


def _inline_used(spark, monkeypatch) -> list[bool]:
    runtime = spark._runtime
    used: list[bool] = []
    original = runtime.get_in_process

    def spy(graph, keys, name=None, inline=False, **options):
        used.append(inline)
        return original(graph, keys, name=name, inline=inline, **options)

    monkeypatch.setattr(runtime, "get_in_process", spy)
    return used


def test_small_local_queries_run_inline_with_the_rows_dask_gives(spark, conf, monkeypatch,
                                                                tmp_path):
    used = _inline_used(spark, monkeypatch)
    people = spark.createDataFrame(
        [(1, "a", 10.0), (2, "b", None), (3, "a", 7.5), (4, None, 1.0)], "id int, k string, v double")
    spark.range(0, 20, 1, 3).createOrReplaceTempView("inline_r")
    people.createOrReplaceTempView("inline_p")
    queries = [
        "select k, count(*), sum(v), max(id) from inline_p group by k",
        "select p.id, r.id * 2 from inline_p p join inline_r r on p.id = r.id",
        "select id, sum(id) over (order by id rows between 2 preceding and current row) "
        "from inline_r",
        "select * from inline_r where id % 3 = 1 order by id desc limit 4",
        "select k from inline_p union select cast(id as string) from inline_r where id < 3",
    ]
    inline_rows = [sorted(map(tuple, spark.sql(q).collect()), key=repr) for q in queries]
    assert used == [True] * len(queries)
    used.clear()
    conf("dfengine.execution.inlineMaxRows", "0")  # 0: every query goes to Dask
    dask_rows = [sorted(map(tuple, spark.sql(q).collect()), key=repr) for q in queries]
    assert used == [False] * len(queries)
    assert inline_rows == dask_rows
    assert len(inline_rows[1]) == 4 and len(inline_rows[3]) == 4


def test_file_scans_and_larger_inputs_keep_dask(spark, conf, monkeypatch, tmp_path):
    spark.range(10).write.parquet(str(tmp_path / "t"))
    used = _inline_used(spark, monkeypatch)
    assert spark.read.parquet(str(tmp_path / "t")).count() == 10
    conf("dfengine.execution.inlineMaxRows", "100")
    assert spark.range(101).count() == 101
    assert spark.range(100).count() == 100
    assert used == [False, False, True]


def _outcome(run):
    """('ok', rows) or (exception type, error class, message) of running `run()`."""
    try:
        return "ok", sorted(map(tuple, run()), key=repr)
    except Exception as e:  # noqa: BLE001 - the error itself is what is compared
        error_class = getattr(e, "getErrorClass", lambda: None)()
        return type(e).__name__, error_class, str(e)


def test_errors_ansi_checks_and_progress_are_the_same_inline_and_on_dask(spark, conf,
                                                                         monkeypatch):
    """Each case's answer or error (type, error class, message) and the job's task counts
    reported to progress listeners, inline and with every query on Dask's scheduler."""
    from dfengine.sql import functions as F
    from dfengine.ui import progress

    def boom(x):
        if x == 3:
            raise ValueError("three is not allowed")
        return x

    conf("spark.sql.ansi.enabled", "true")
    conf("dfengine.ui.showProgress", "true")  # the bar's callbacks feed the listeners
    bad_udf = F.udf(boom, "long")
    cases = [
        lambda: spark.sql("select id, 10 div (id - 3) from range(5)").collect(),  # ANSI
        lambda: spark.sql("select cast(s as int) from values ('1'), ('x') t(s)").collect(),
        lambda: spark.sql("select cast(id * 3000000000 as int) from range(3)").collect(),
        lambda: spark.sql("select sum(id) + 9223372036854775800 from range(10)").collect(),
        lambda: spark.range(5).select(bad_udf("id")).collect(),
        lambda: spark.createDataFrame([(1, "a"), (2, None)], "k int, v string")
        .groupBy("v").agg(F.count("k"), F.max("k")).collect(),
    ]
    jobs: list = []
    remove = progress.add_job_listener(
        lambda end: jobs.append((end.tasks_done, end.tasks_total, end.failed)))
    used = _inline_used(spark, monkeypatch)
    try:
        inline = [_outcome(case) for case in cases]
        inline_jobs, inline_used = list(jobs), list(used)
        jobs.clear()
        used.clear()
        conf("dfengine.execution.inlineMaxRows", "0")
        on_dask = [_outcome(case) for case in cases]
    finally:
        remove()
    assert inline_used and all(inline_used) and not any(used)
    assert inline == on_dask
    # tasks done before a failure depend on Dask's thread timing: compared for jobs that end
    assert len(jobs) >= len(cases) and [j[1:] for j in inline_jobs] == [j[1:] for j in jobs]
    assert [j for j in inline_jobs if not j[2]] == [j for j in jobs if not j[2]]
    assert [o[0] for o in inline[:5]] != ["ok"] * 5  # the ANSI checks and the UDF did raise
    assert inline[0][0] != "ok" and inline[4][0] != "ok" and inline[5][0] == "ok"
