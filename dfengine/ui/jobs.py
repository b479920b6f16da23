"""Job history: every action records a job, as Spark's jobs page and status tracker show them.

A job has an id, a description (the `spark.job.description` local property if set, else the
action at its call site: `collect at app.py:12`), the SQL text when it came from `spark.sql`,
its job group, start/end times, a status (RUNNING, SUCCEEDED, FAILED) and stages. A stage is
one layer of the job's Dask graph: tasks that run fused between two materializations (scan ->
filter -> partial aggregate -> shuffle split is one stage, the merge after the shuffle the
next), with task counts and, once the job ends, task times, output and shuffle bytes. A job
run with per-operator metrics also keeps the physical plan with each operator's actual rows,
time and bytes (the SQL view).

Local properties (`setJobGroup`, `setJobDescription`, `setLocalProperty`) are per thread, as in
Spark. The tracker is one per runtime (shared by a session and its SparkContext); it keeps the
last `spark.ui.retainedJobs` jobs (default 1000).
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class SparkJobInfo(NamedTuple):
    """pyspark.status.SparkJobInfo: status is RUNNING, SUCCEEDED, FAILED or UNKNOWN."""

    jobId: int
    stageIds: list[int]
    status: str


class SparkStageInfo(NamedTuple):
    """pyspark.status.SparkStageInfo."""

    stageId: int
    currentAttemptId: int
    name: str
    numTasks: int
    numActiveTasks: int
    numCompletedTasks: int
    numFailedTasks: int


RETAINED_JOBS = 1000
JOB_GROUP = "spark.jobGroup.id"
JOB_DESCRIPTION = "spark.job.description"


_TOKEN = re.compile(r"-[0-9a-f]{8}[0-9a-f-]*$")  # a name's hex/uuid token


def layer(key: Any) -> str:
    """The layer (stage) of a graph key: `('agg-partial-1f2e', 3)` -> 'agg-partial-1f2e'; a
    plain key of a Dask delayed (`'part-5f1e…'`) groups by its name (`'part'`)."""
    if isinstance(key, tuple):
        return str(key[0])
    return _TOKEN.sub("", str(key))


@dataclass
class Stage:
    stage_id: int
    layer: str
    name: str
    num_tasks: int
    job_id: int = -1
    status: str = "ACTIVE"
    task_seconds: list[float] = field(default_factory=list)
    rows: int = 0
    bytes: int = 0
    shuffle_write_bytes: int = 0
    shuffle_read_bytes: int = 0
    operators: list[int] = field(default_factory=list)
    completed: int = 0
    failed: int = 0

    def percentiles(self) -> list[float]:
        """Task time min, 25th, median, 75th percentile, max (Spark's stage summary)."""
        xs = sorted(self.task_seconds)
        if not xs:
            return [0.0] * 5
        return [xs[round(q * (len(xs) - 1))] for q in (0, 0.25, 0.5, 0.75, 1)]


@dataclass
class Job:
    job_id: int
    name: str  # action at call site
    description: str
    group: str | None
    sql: str | None
    stages: dict[str, Stage]
    submitted: float = field(default_factory=time.time)
    completed: float | None = None
    status: str = "RUNNING"
    error: str | None = None
    operators: list[Any] = field(default_factory=list)  # OperatorMetrics, SQL jobs
    live: Callable[[], dict[str, int]] | None = field(default=None, repr=False)

    @property
    def duration(self) -> float:
        return (self.completed or time.time()) - self.submitted

    @property
    def num_tasks(self) -> int:
        return sum(s.num_tasks for s in self.stages.values())

    @property
    def completed_tasks(self) -> int:
        if self.status == "RUNNING" and self.live is not None:
            done = self.live()
            return sum(min(done.get(n, 0), s.num_tasks) for n, s in self.stages.items())
        return sum(s.completed for s in self.stages.values())


class JobTracker:
    def __init__(self, retained: int = RETAINED_JOBS) -> None:
        self._lock = threading.Lock()
        self._job_ids = itertools.count()
        self._stage_ids = itertools.count()
        self.jobs: OrderedDict[int, Job] = OrderedDict()
        self.stages: dict[int, Stage] = {}
        self.retained = retained
        self._local = threading.local()

    # ------------------------------------------------------------ local properties

    @property
    def local_properties(self) -> dict[str, str]:
        props = getattr(self._local, "props", None)
        if props is None:
            props = self._local.props = {}
        return props

    def set_local_property(self, key: str, value: str | None) -> None:
        if value is None:
            self.local_properties.pop(key, None)
        else:
            self.local_properties[key] = str(value)

    def get_local_property(self, key: str) -> str | None:
        return self.local_properties.get(key)

    # ----------------------------------------------------------------- recording

    def start(self, name: str, graph: dict, sql: str | None = None,
              live: Callable[[], dict[str, int]] | None = None) -> Job:
        props = self.local_properties
        with self._lock:
            job_id = next(self._job_ids)
            stages: dict[str, Stage] = {}
            for key in graph:
                lay = layer(key)
                st = stages.get(lay)
                if st is None:
                    prefix = lay.rsplit("-", 1)[0] if "-" in lay else lay
                    st = stages[lay] = Stage(next(self._stage_ids), lay, f"{prefix} ({name})",
                                             0, job_id)
                    self.stages[st.stage_id] = st
                st.num_tasks += 1
            job = Job(job_id, name, props.get(JOB_DESCRIPTION) or name, props.get(JOB_GROUP),
                      sql, stages, live=live)
            self.jobs[job_id] = job
            self._trim()
        return job

    def finish(self, job: Job, status: str, error: BaseException | None = None) -> None:
        job.completed = time.time()
        job.status = status
        if error is not None:
            job.error = f"{type(error).__name__}: {error}"
        for st in job.stages.values():
            st.status = "COMPLETE" if status == "SUCCEEDED" else "FAILED"
            if status == "SUCCEEDED":
                st.completed = st.num_tasks
            elif job.live is not None:
                st.completed = min(job.live().get(st.layer, 0), st.num_tasks)
                st.failed = 1 if st.completed < st.num_tasks else 0
        job.live = None

    @contextmanager
    def recording(self, name: str, graph: dict, sql: str | None = None,
                  live: Callable[[], dict[str, int]] | None = None) -> Iterator[Job]:
        """A job for the computation of `graph`, finished as it ends or fails."""
        job = self.start(name, graph, sql, live)
        try:
            yield job
        except BaseException as e:
            self.finish(job, "FAILED", e)
            raise
        self.finish(job, "SUCCEEDED")

    def _trim(self) -> None:
        while len(self.jobs) > self.retained:
            _, old = self.jobs.popitem(last=False)
            for st in old.stages.values():
                self.stages.pop(st.stage_id, None)

    # --------------------------------------------------------------- status API

    def job_ids_for_group(self, group: str | None = None) -> list[int]:
        return [j.job_id for j in list(self.jobs.values()) if j.group == group]

    def active_job_ids(self) -> list[int]:
        return [j.job_id for j in list(self.jobs.values()) if j.status == "RUNNING"]

    def active_stage_ids(self) -> list[int]:
        out = []
        for j in list(self.jobs.values()):
            if j.status == "RUNNING":
                done = j.live() if j.live is not None else {}
                out += [s.stage_id for s in j.stages.values()
                        if done.get(s.layer, 0) < s.num_tasks]
        return out

    def job_info(self, job_id: int) -> SparkJobInfo | None:
        job = self.jobs.get(job_id)
        if job is None:
            return None
        return SparkJobInfo(job.job_id, [s.stage_id for s in job.stages.values()], job.status)

    def stage_info(self, stage_id: int) -> SparkStageInfo | None:
        st = self.stages.get(stage_id)
        if st is None:
            return None
        job = self.jobs.get(st.job_id)
        done = st.completed
        if job is not None and job.status == "RUNNING" and job.live is not None:
            done = min(job.live().get(st.layer, 0), st.num_tasks)
        return SparkStageInfo(st.stage_id, 0, st.name, st.num_tasks, 0, done, st.failed)


GROUP_TAG = "spark-job-group-"  # the operation tag of a job group (sc.cancelJobGroup)
JOB_TAG = "spark-job-tag-"  # the operation tag of a job tag (sc.addJobTag, cancelJobsWithTag)
JOB_TAGS = "spark.job.tags"  # the thread's job tags, joined by commas (as Spark keeps them)


def group_tags(tracker: JobTracker) -> frozenset[str]:
    """Operation tags for the job group and the job tags set on this thread, if any."""
    group = tracker.get_local_property(JOB_GROUP)
    tags = {GROUP_TAG + group} if group else set()
    job_tags = tracker.get_local_property(JOB_TAGS)
    if job_tags:
        tags.update(JOB_TAG + t for t in job_tags.split(",") if t)
    return frozenset(tags)


_TRACKERS_LOCK = threading.Lock()


def tracker_for(owner: Any) -> JobTracker:
    """The job tracker of a runtime (kept on it, so a session and its SparkContext share it)."""
    tracker = getattr(owner, "_dfengine_jobs", None)
    if tracker is None:
        with _TRACKERS_LOCK:
            tracker = getattr(owner, "_dfengine_jobs", None)
            if tracker is None:
                tracker = JobTracker()
                owner._dfengine_jobs = tracker
    return tracker


class StatusTracker:
    """`sc.statusTracker()`: PySpark's low-level status API over the job history."""

    def __init__(self, tracker: JobTracker) -> None:
        self._t = tracker

    def getJobIdsForGroup(self, jobGroup: str | None = None) -> list[int]:
        return self._t.job_ids_for_group(jobGroup)

    def getActiveStageIds(self) -> list[int]:
        return sorted(self._t.active_stage_ids())

    def getActiveJobsIds(self) -> list[int]:
        return sorted(self._t.active_job_ids())

    def getJobInfo(self, jobId: int) -> SparkJobInfo | None:
        return self._t.job_info(jobId)

    def getStageInfo(self, stageId: int) -> SparkStageInfo | None:
        return self._t.stage_info(stageId)
