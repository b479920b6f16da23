"""A small jobs UI: Spark's jobs, stages and SQL pages over the job history, served by a
built-in HTTP server on the driver (127.0.0.1, a free port), started on first use by
`spark.sparkContext.jobsUiUrl` (imported lazily: nothing of it loads at `import dfengine`).

    /           jobs: id, description (action at call site, or setJobDescription), group,
                submitted, duration, status, stages, tasks done/total
    /job?id=N   one job: its SQL text, the stage table (tasks, task-time min/25th/median/
                75th/max, rows and bytes out, shuffle read/write) and the SQL view: the
                physical plan with each operator's actual rows, estimated rows, time and bytes
    /api/jobs   the same as JSON

It works wherever the driver runs (in-process cluster or remote): the history lives on the
driver. The Dask dashboard stays the place for task streams and worker memory.
"""

from __future__ import annotations

import html
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from dfengine.ui.jobs import Job, JobTracker
from dfengine.ui.units import human_bytes, human_ms

_STYLE = """body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eef}
td.l,th.l{text-align:left}.plan{font-family:monospace;white-space:pre}
.SUCCEEDED{color:#070}.FAILED{color:#b00}.RUNNING{color:#06c}pre{background:#f6f6f6;padding:.5em}"""


def _e(x: Any) -> str:
    return html.escape(str(x))


def _table(headers: list[str], rows: list[list[str]], cls: str = "", left: int = 0) -> str:
    """An HTML table; the first `left` columns are left-aligned. Cells are already HTML."""
    def cell(tag: str, i: int, v: str) -> str:
        return f"<{tag}{' class=l' if i < left else ''}>{v}</{tag}>"

    head = "<tr>" + "".join(cell("th", i, _e(h)) for i, h in enumerate(headers)) + "</tr>"
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>"
                   for r in rows)
    return f"<table class='{cls}'>{head}{body}</table>"


def _page(title: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{_e(title)}</title>"
            f"<style>{_STYLE}</style></head><body><h2>{_e(title)}</h2>{body}"
            "</body></html>").encode()


def jobs_page(tracker: JobTracker) -> bytes:
    rows = []
    for job in reversed(list(tracker.jobs.values())):
        rows.append([
            str(job.job_id),
            f"<a href='/job?id={job.job_id}'>{_e(job.description)}</a>"
            + (f"<br><small>{_e(job.name)}</small>" if job.description != job.name else ""),
            _e(job.group or ""),
            time.strftime("%H:%M:%S", time.localtime(job.submitted)),
            human_ms(job.duration), f"<span class='{job.status}'>{job.status}</span>",
            str(len(job.stages)), f"{job.completed_tasks}/{job.num_tasks}",
        ])
    table = _table(["Job Id", "Description", "Job Group", "Submitted", "Duration", "Status",
                    "Stages", "Tasks (done/total)"], rows, "jobs", left=3)
    return _page(f"dfengine jobs ({len(rows)})", table)


def _stage_rows(job: Job) -> list[list[str]]:
    rows = []
    for st in job.stages.values():
        p = st.percentiles()
        rows.append([str(st.stage_id), _e(st.name), f"{st.completed}/{st.num_tasks}",
                     *(human_ms(x) for x in p), str(st.rows), human_bytes(st.bytes),
                     human_bytes(st.shuffle_read_bytes), human_bytes(st.shuffle_write_bytes)])
    return rows


def _plan_rows(job: Job) -> list[list[str]]:
    rows = []
    for m in job.operators:
        est = "" if m.estimated_rows is None else f"{m.estimated_rows:,.0f}"
        steps = "".join(f"<br>&nbsp;&nbsp;&nbsp;&nbsp;step {_e(s['label'])}: {s['rows']} rows"
                        for s in m.steps) if len(m.steps) > 1 else ""
        rows.append([f"<span class=plan>{'  ' * m.depth}{_e(m.name)}</span>{steps}",
                     str(m.rows), est, str(m.partitions), human_ms(m.seconds),
                     human_bytes(m.bytes) if m.materialized else "n/a (chained)",
                     human_bytes(m.shuffle_bytes)])
    return rows


def job_page(tracker: JobTracker, job_id: int) -> bytes | None:
    job = tracker.jobs.get(job_id)
    if job is None:
        return None
    parts = [f"<p>Status: <span class='{job.status}'>{job.status}</span>, duration "
             f"{human_ms(job.duration)}, group {_e(job.group or '-')}, action {_e(job.name)}</p>"]
    if job.error:
        parts.append(f"<pre class=error>{_e(job.error)}</pre>")
    if job.sql:
        parts.append(f"<h3>SQL</h3><pre class=sql>{_e(job.sql.strip())}</pre>")
    parts.append("<h3>Stages</h3>" + _table(
        ["Stage Id", "Stage", "Tasks", "Task time min", "25th", "Median", "75th", "Max",
         "Rows out", "Output", "Shuffle read", "Shuffle write"], _stage_rows(job), "stages",
        left=2))
    if job.operators:
        parts.append("<h3>SQL plan with actual metrics</h3>" + _table(
            ["Operator", "Rows", "Est. rows", "Partitions", "Time", "Bytes out",
             "Shuffle write"], _plan_rows(job), "plan", left=1))
    return _page(f"Job {job.job_id}: {job.description}", "".join(parts))


def jobs_json(tracker: JobTracker) -> bytes:
    out = []
    for job in list(tracker.jobs.values()):
        out.append({
            "jobId": job.job_id, "name": job.name, "description": job.description,
            "group": job.group, "sql": job.sql, "status": job.status,
            "submitted": job.submitted, "completed": job.completed,
            "stages": [{"stageId": s.stage_id, "name": s.name, "numTasks": s.num_tasks,
                        "taskSeconds": s.percentiles(), "rows": s.rows, "bytes": s.bytes,
                        "shuffleReadBytes": s.shuffle_read_bytes,
                        "shuffleWriteBytes": s.shuffle_write_bytes}
                       for s in job.stages.values()],
            "operators": [m.as_dict() for m in job.operators],
        })
    return json.dumps(out).encode()


def _handler(tracker: JobTracker) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            url = urlparse(self.path)
            body: bytes | None
            kind = "text/html; charset=utf-8"
            if url.path in ("/", "/jobs"):
                body = jobs_page(tracker)
            elif url.path == "/job":
                ids = parse_qs(url.query).get("id", ["-1"])
                body = job_page(tracker, int(ids[0])) if ids[0].lstrip("-").isdigit() else None
            elif url.path == "/api/jobs":
                body, kind = jobs_json(tracker), "application/json"
            else:
                body = None
            if body is None:
                self.send_error(404, "No such page or job; the jobs list is at /")
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:  # quiet
            pass

    return Handler


_SERVERS: dict[int, tuple[ThreadingHTTPServer, str]] = {}
_LOCK = threading.Lock()


def serve(tracker: JobTracker, host: str = "127.0.0.1", port: int = 0) -> str:
    """Start (once per tracker) the jobs UI server; its URL."""
    with _LOCK:
        found = _SERVERS.get(id(tracker))
        if found is not None:
            return found[1]
        server = ThreadingHTTPServer((host, port), _handler(tracker))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name="dfengine-jobs-ui",
                         daemon=True).start()
        url = f"http://{host}:{server.server_address[1]}/"
        _SERVERS[id(tracker)] = (server, url)
        return url


def stop(tracker: JobTracker) -> None:
    with _LOCK:
        found = _SERVERS.pop(id(tracker), None)
    if found is not None:
        found[0].shutdown()
        found[0].server_close()
