"""benchmarks.tpch runs each engine in a process of its own and reports its peak RSS."""

from __future__ import annotations

import pytest

from benchmarks.tpch import duckdb_runner
from benchmarks.tpch.__main__ import peak_line, summarize
from benchmarks.tpch.compare import mismatch
from benchmarks.tpch.data import table_paths
from benchmarks.tpch.isolated import EngineError, EngineProcess, peak_since_reset, reset_peak
from benchmarks.tpch.queries import query_text


def test_peak_rss_resets_to_the_current_rss():
    if not reset_peak():
        pytest.skip("/proc/self/clear_refs is not writable here")
    import mmap

    block = mmap.mmap(-1, 64 << 20)  # its own mapping: freed to the OS whatever malloc keeps
    for offset in range(0, len(block), 4096):
        block[offset] = 1  # touch every page
    high = peak_since_reset()
    block.close()
    assert reset_peak()
    assert peak_since_reset() < high - (48 << 20)


def test_an_engine_in_its_own_process_answers_and_reports_its_memory():
    paths = {k: str(v) for k, v in table_paths(0.01).items()}
    engine = EngineProcess("duckdb", paths)
    try:
        timing, peak = engine.timed(6, 2)
        assert len(timing.times) == 2
        assert peak is None or peak > 10 << 20
        assert mismatch(timing.value, duckdb_runner.run_sql(paths, query_text(6)), 6) is None
        with pytest.raises(EngineError):
            engine._ask("run", 0)  # not a TPC-H query: the child's error comes back
    finally:
        engine.close()
    assert engine.peak_rss > 10 << 20
    assert peak is None or engine.peak_rss >= peak  # the run's peak covers each query's


def test_the_table_and_the_peak_line_show_each_engines_memory():
    queries = {"q1": {"dfengine": {"status": "ok", "best": 2.0, "peak_rss": 300 << 20},
                      "duckdb": {"status": "ok", "best": 1.0, "peak_rss": 200 << 20}}}
    payload = {"engines": ["dfengine", "duckdb"], "queries": queries,
               "peak_rss": {"dfengine": 600 << 20, "duckdb": 400 << 20}}
    rows, columns, _ = summarize(payload)
    assert rows[0]["dfengine MiB"] == 300 and rows[0]["duckdb MiB"] == 200
    assert "duckdb MiB" in columns
    assert peak_line(payload).endswith("dfengine 600 MiB, duckdb 400 MiB, dfengine/duckdb 1.50x")
    assert peak_line({"engines": ["dfengine"], "queries": queries}) is None
