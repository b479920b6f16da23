"""Job history and `sparkContext.statusTracker()`, checked against PySpark's behaviour: the
same calls on the `pyspark_session` oracle give the same shapes and the same answers."""

from __future__ import annotations

import threading

import pyarrow as pa
import pytest

from dfengine.ui.jobs import tracker_for


def _group_run(session, group: str, rdd: bool) -> list[int]:
    """Run an RDD count (dfengine: PySpark's Python workers are slow to start) and a
    DataFrame collect in a job group; the group's job ids."""
    sc = session.sparkContext
    sc.setJobGroup(group, "a described group")
    try:
        if rdd:
            assert sc.parallelize(range(10), 2).count() == 10
        assert len(session.range(5).collect()) == 5
        assert len(session.range(3).collect()) == 3
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
        sc.setLocalProperty("spark.job.description", None)
    return sc.statusTracker().getJobIdsForGroup(group)


def test_status_tracker_matches_pyspark(spark, pyspark_session):
    ours, theirs = spark.sparkContext, pyspark_session.sparkContext
    ids = _group_run(spark, "grp-a", True)
    their_ids = _group_run(pyspark_session, "grp-a", False)
    assert len(ids) == 3 and len(their_ids) >= 2
    for sc, job_ids in ((ours, ids), (theirs, their_ids)):
        st = sc.statusTracker()
        info = st.getJobInfo(job_ids[0])
        assert type(info).__name__ == "SparkJobInfo" and info.jobId == job_ids[0]
        assert info.status == "SUCCEEDED" and len(list(info.stageIds)) >= 1
        stage = st.getStageInfo(list(info.stageIds)[-1])
        assert type(stage).__name__ == "SparkStageInfo"
        assert stage._fields == ("stageId", "currentAttemptId", "name", "numTasks",
                                 "numActiveTasks", "numCompletedTasks", "numFailedTasks")
        assert stage.numTasks >= 1 and stage.numCompletedTasks == stage.numTasks
        assert stage.numActiveTasks == 0 and stage.numFailedTasks == 0
        assert st.getActiveJobsIds() == [] and st.getActiveStageIds() == []
        assert st.getJobInfo(10**9) is None and st.getStageInfo(10**9) is None
        assert st.getJobIdsForGroup("no-such-group") == []
        # jobs run outside any group are listed under None
        assert not set(job_ids) & set(st.getJobIdsForGroup())


def test_local_properties_are_per_thread_like_pyspark(spark, pyspark_session):
    def check(sc) -> tuple:
        sc.setLocalProperty("my.key", "v1")
        seen: list = []
        t = threading.Thread(target=lambda: seen.append(sc.getLocalProperty("my.key")))
        t.start()
        t.join()
        mine = sc.getLocalProperty("my.key")
        sc.setLocalProperty("my.key", None)
        return mine, sc.getLocalProperty("my.key")

    assert check(spark.sparkContext) == check(pyspark_session.sparkContext) == ("v1", None)


def test_job_records_description_sql_and_stages(spark):
    tracker = tracker_for(spark._runtime)
    sc = spark.sparkContext
    spark.range(100).createOrReplaceTempView("hundred")
    sc.setJobDescription("nightly load")
    try:
        spark.sql("SELECT id % 3 AS k, count(*) AS n FROM hundred GROUP BY id % 3").collect()
    finally:
        sc.setJobDescription(None)
    job = list(tracker.jobs.values())[-1]
    assert job.description == "nightly load"
    assert job.name.startswith("collect at test_jobs.py:")
    assert job.sql.startswith("SELECT id % 3") and job.status == "SUCCEEDED"
    assert job.completed >= job.submitted and job.num_tasks == job.completed_tasks
    assert sum(len(s.task_seconds) for s in job.stages.values()) == job.num_tasks
    assert job.operators and job.operators[0].rows == 3
    spark.range(10).collect()
    assert list(tracker.jobs.values())[-1].description.startswith("collect at test_jobs.py:")


def test_failed_job_is_recorded(spark):
    def boom(batches):
        raise ValueError("boom")

    tracker = tracker_for(spark._runtime)
    with pytest.raises(Exception, match="boom"):
        spark.range(3).mapInArrow(boom, "id long").collect()
    job = list(tracker.jobs.values())[-1]
    assert job.status == "FAILED" and job.error
    assert spark.sparkContext.statusTracker().getJobInfo(job.job_id).status == "FAILED"


def _blocking(spark, rows: int, parts: int) -> tuple:
    """A DataFrame whose tasks wait for `release` once they started (`started` is set)."""
    release, started = threading.Event(), threading.Event()

    def slow(batch: pa.RecordBatch) -> pa.RecordBatch:
        started.set()
        release.wait(20)
        return batch

    df = spark.range(0, rows, 1, parts).mapInArrow(lambda it: map(slow, it), "id long")
    return df, release, started


def test_running_job_is_active_with_live_stage_progress(spark):
    st = spark.sparkContext.statusTracker()
    df, release, started = _blocking(spark, 4, 2)
    done: list = []
    t = threading.Thread(target=lambda: done.append(df.collect()))
    t.start()
    try:
        assert started.wait(20)
        active = st.getActiveJobsIds()
        assert len(active) == 1
        info = st.getJobInfo(active[0])
        assert info.status == "RUNNING"
        stages = [st.getStageInfo(s) for s in info.stageIds]
        assert sum(s.numCompletedTasks for s in stages) < sum(s.numTasks for s in stages)
        assert st.getActiveStageIds()
    finally:
        release.set()
        t.join(30)
    assert len(done[0]) == 4
    assert st.getJobInfo(active[0]).status == "SUCCEEDED" and st.getActiveJobsIds() == []


def test_cancel_job_group_stops_its_running_job(spark):
    from dfengine.errors import QueryCancelledException

    sc = spark.sparkContext
    df, release, started = _blocking(spark, 8, 4)
    errors: list = []

    def run() -> None:
        sc.setJobGroup("to-cancel", "cancelled by the test")
        try:
            df.collect()
        except QueryCancelledException as e:
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    try:
        assert started.wait(20)
        sc.cancelJobGroup("to-cancel")
    finally:
        release.set()
        t.join(30)
    assert len(errors) == 1
    (job_id,) = sc.statusTracker().getJobIdsForGroup("to-cancel")
    assert sc.statusTracker().getJobInfo(job_id).status == "FAILED"
