"""Job tags and cancellation of a SparkContext (`addJobTag`, `cancelJobsWithTag`, ...).

As in Spark, job tags are a local property of the calling thread (`spark.job.tags`, tags joined
by commas) kept by the runtime's job tracker, so every job the thread starts carries them: RDD
jobs (registered here, in the context's own `OperationRegistry`) and DataFrame/SQL jobs (their
session reads the same tracker through `dfengine.ui.jobs.group_tags`). Cancelling a tag stops
both kinds: the context cancels its RDD jobs' futures on the cluster and the session interrupts
its queries. A task already running finishes its current element first: Python threads cannot
be interrupted, whatever `setInterruptOnCancel` says.
"""

from __future__ import annotations

from typing import Any

from dfengine.errors import IllegalArgumentException
from dfengine.ui.jobs import GROUP_TAG, JOB_TAG, JOB_TAGS

INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel"


def check_tag(tag: str) -> None:
    """Spark's rules for a job tag (SparkContext.throwIfInvalidTag)."""
    if tag is None:
        raise IllegalArgumentException("Spark job tag cannot be null.", "INVALID_JOB_TAG")
    if not isinstance(tag, str):
        raise IllegalArgumentException(
            f"Spark job tag must be a string, got {type(tag).__name__}.", "INVALID_JOB_TAG")
    if "," in tag:
        raise IllegalArgumentException(
            f"Spark job tag cannot contain ','; got {tag!r}.", "INVALID_JOB_TAG")
    if not tag:
        raise IllegalArgumentException("Spark job tag cannot be an empty string.",
                                       "INVALID_JOB_TAG")


class JobControlMixin:
    """The SparkContext methods that tag and cancel jobs."""

    def _job_tags(self) -> set[str]:
        value = self._jobs().get_local_property(JOB_TAGS)
        return {t for t in value.split(",") if t} if value else set()

    def _set_job_tags(self, tags: set[str]) -> None:
        self._jobs().set_local_property(JOB_TAGS, ",".join(sorted(tags)) if tags else None)

    def addJobTag(self, tag: str) -> None:
        """Tag every job this thread starts from now on (RDD and DataFrame jobs alike)."""
        check_tag(tag)
        self._set_job_tags(self._job_tags() | {tag})

    def removeJobTag(self, tag: str) -> None:
        check_tag(tag)
        self._set_job_tags(self._job_tags() - {tag})

    def getJobTags(self) -> set[str]:
        return self._job_tags()

    def clearJobTags(self) -> None:
        self._set_job_tags(set())

    def setInterruptOnCancel(self, interruptOnCancel: bool) -> None:
        """Kept as the thread's local property, as Spark; cancelled tasks stop before their
        next partition either way (a running Python task cannot be interrupted)."""
        self._jobs().set_local_property(INTERRUPT_ON_CANCEL, str(bool(interruptOnCancel)).lower())

    def cancelJobsWithTag(self, tag: str) -> None:
        """Cancel the running jobs (RDD and DataFrame) that carry `tag`."""
        check_tag(tag)
        self._cancel(JOB_TAG + tag)

    def cancelJobGroup(self, groupId: str) -> None:
        """Cancel the running jobs (RDD and DataFrame) of a job group."""
        self._cancel(GROUP_TAG + groupId)

    def cancelAllJobs(self) -> None:
        """Cancel every running job of this context and of its session."""
        self._cancel(None)

    def _cancel(self, tag: str | None) -> None:
        self._operations.interrupt(tag=tag)
        session = self._active_session()
        if session is not None and getattr(session, "_runtime", None) is self._runtime:
            session._operations.interrupt(tag=tag)

    def _current_operation_tags(self) -> frozenset[str]:
        from dfengine.ui.jobs import group_tags

        return group_tags(self._jobs())


def cancelled_error(name: str, op: Any) -> Exception:
    from dfengine.errors import SparkRuntimeException

    return SparkRuntimeException(
        f"Job {op.id} ({name}) cancelled: its job group or tag was cancelled "
        "(sc.cancelJobGroup / cancelJobsWithTag / cancelAllJobs).", "SPARK_JOB_CANCELLED")
