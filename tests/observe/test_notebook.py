"""Notebook display: `_repr_html_` and `repr` under spark.sql.repl.eagerEval.* are PySpark's,
character for character; a real notebook run with nbclient shows the HTML table, the
EXPLAIN ANALYZE text and the job in the history."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROWS = [(1, "a<b & \"c\"", 1.5, None), (2, "héllo wörld, a long cell text", None, True),
        (3, None, -0.25, False)]
SCHEMA = "id int, s string, x double, flag boolean"
REPO = Path(__file__).resolve().parents[2]


def _eager(session, enabled: str, max_rows: str = "20", truncate: str = "20") -> None:
    session.conf.set("spark.sql.repl.eagerEval.enabled", enabled)
    session.conf.set("spark.sql.repl.eagerEval.maxNumRows", max_rows)
    session.conf.set("spark.sql.repl.eagerEval.truncate", truncate)


@pytest.mark.parametrize("max_rows,truncate", [("20", "20"), ("2", "5"), ("1", "0")])
def test_repr_html_and_repr_match_pyspark(spark, pyspark_session, max_rows, truncate):
    shown = {}
    for name, session in (("ours", spark), ("theirs", pyspark_session)):
        try:
            _eager(session, "true", max_rows, truncate)
            plain = session.createDataFrame(ROWS, SCHEMA)
            text = repr(plain)  # a REPL without HTML: the show() text
            html = session.createDataFrame(ROWS, SCHEMA)._repr_html_()
            _eager(session, "false")
            off = (session.createDataFrame(ROWS, SCHEMA)._repr_html_(),
                   repr(session.createDataFrame(ROWS, SCHEMA)))
        finally:
            for key in ("enabled", "maxNumRows", "truncate"):
                session.conf.unset(f"spark.sql.repl.eagerEval.{key}")
        shown[name] = (text, html, off)
    assert shown["ours"] == shown["theirs"]
    assert shown["ours"][1].startswith("<table border='1'>")


NOTEBOOK_CELLS = [
    f"import sys; sys.path.insert(0, {str(REPO)!r})",
    "from dfengine.sql import SparkSession\n"
    "spark = (SparkSession.builder.master('local[1]').appName('nb')\n"
    "         .config('spark.sql.repl.eagerEval.enabled', 'true').getOrCreate())\n"
    "df = spark.createDataFrame([(1, 'a<b'), (2, 'x')], 'id int, s string')",
    "df",
    "df.groupBy('s').count().explain('analyze')",
    "t = spark.sparkContext.statusTracker()\n"
    "print(sorted(t.getJobInfo(j).status for j in t.getJobIdsForGroup()))",
    "spark.stop()",
]


def test_notebook_runs_with_nbclient():
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError as e:  # pragma: no cover - the [test] extra installs them
        print(f"SKIP notebook test: {e}")
        pytest.skip(f"nbclient/nbformat not installed: {e}")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in NOTEBOOK_CELLS]
    env = dict(os.environ, DFENGINE_QUIET="1", PYTHONPATH=str(REPO))
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(REPO)}})
    try:
        client.km = client.create_kernel_manager()
        client.start_new_kernel(env=env)
    except Exception as e:  # noqa: BLE001 - no kernel here: say why, do not fail
        print(f"SKIP notebook test: a Jupyter kernel could not start ({type(e).__name__}: {e})")
        pytest.skip(f"a Jupyter kernel could not start: {e}")
    try:
        client.start_new_kernel_client()
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
    finally:
        client._cleanup_kernel()
    html = nb.cells[2].outputs[0]["data"]["text/html"]
    assert html == ("<table border='1'>\n<tr><th>id</th><th>s</th></tr>\n"
                    "<tr><td>1</td><td>a&lt;b</td></tr>\n<tr><td>2</td><td>x</td></tr>\n"
                    "</table>\n")
    explained = "".join(o.get("text", "") for o in nb.cells[3].outputs
                        if o.get("name") == "stdout")  # stderr: the progress line
    assert explained.startswith("== Physical Plan (analyzed: 2 rows")
    assert "HashAggregate" in explained and "rows=2" in explained
    statuses = "".join(o.get("text", "") for o in nb.cells[4].outputs
                       if o.get("name") == "stdout")
    assert "SUCCEEDED" in statuses and "FAILED" not in statuses
