"""The TPC-H chart: one panel per scale factor found beside the run, bars coloured by band."""

from __future__ import annotations

import json
import math

import pytest

from benchmarks.tpch.chart import band_color, panels, ratio_chart, ratios


def payload(sf: float, scale: float) -> dict:
    queries = {f"q{n}": {"dfengine": {"status": "ok", "best": scale * n},
                         "duckdb": {"status": "ok", "best": float(n)}} for n in range(1, 23)}
    queries["q5"]["dfengine"] = {"status": "error"}
    return {"suite": "tpch", "sf": sf, "api": "sql", "engines": ["dfengine", "duckdb"],
            "queries": queries}


def test_ratios_skip_failed_queries():
    r = ratios(payload(1, 2.0))
    assert r["Q1"] == pytest.approx(2.0) and "Q5" not in r and len(r) == 21


@pytest.mark.parametrize(("ratio", "color"), [(0.5, "tab:green"), (1.5, "tab:green"),
                                              (1.51, "tab:orange"), (2.5, "tab:orange"),
                                              (2.6, "tab:red"), (math.nan, "tab:green")])
def test_band_colors(ratio, color):
    assert band_color(ratio) == color


def test_one_panel_per_scale_factor(tmp_path):
    (tmp_path / "tpch-sf10-sql.json").write_text(json.dumps(payload(10, 3.0)))
    (tmp_path / "tpch-sf10-sql-cluster.json").write_text(json.dumps(payload(100, 1.0)))
    current = payload(1, 2.0)
    assert list(panels(current, tmp_path)) == [1.0, 10.0]
    png = ratio_chart("tpch-sf1-sql", current, results_dir=tmp_path)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
