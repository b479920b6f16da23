"""The TPC-H chart: one panel per scale factor, each query's time as a ratio to DuckDB.

Every `benchmarks/results/tpch-sf<SF>-<api>.json` (not `-cluster`) that ran DuckDB adds a
panel, so a run at SF1 draws beside the last SF0.1 and SF10 runs. Horizontal bars keep the
query labels horizontal and legible; a line at 1x (DuckDB) and one at 1.5x (the target) and
the geomean in the panel title make the picture readable at a glance.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS_DIR, geomean, save_figure

TARGET = 1.5
CEILING = 2.5  # the bound for any single query


def ratios(payload: Mapping[str, Any], engine: str = "dfengine") -> dict[str, float]:
    """Query label -> engine time / DuckDB time, for the queries both answered."""
    out = {}
    for key, result in payload.get("queries", {}).items():
        mine, duck = result.get(engine, {}), result.get("duckdb", {})
        if mine.get("status") == "ok" and duck.get("status") == "ok" and duck["best"] > 0:
            out[key.upper()] = mine["best"] / duck["best"]
    return out


def panels(current: Mapping[str, Any], results_dir: Path = RESULTS_DIR) -> dict[float, dict]:
    """Scale factor -> payload: this run's, plus the saved runs at other scale factors with
    the same front end (api) and no cluster."""
    found: dict[float, dict] = {}
    for path in sorted(results_dir.glob(f"tpch-sf*-{current.get('api', 'sql')}.json")):
        try:
            payload = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if not payload.get("cluster") and "duckdb" in payload.get("engines", []):
            found[float(payload["sf"])] = payload
    found[float(current["sf"])] = dict(current)
    return dict(sorted(found.items()))


# bar colours: within the target, over it, over the per-query ceiling
BANDS = ((TARGET, "tab:green", f"<= {TARGET:g}x (target)"),
         (CEILING, "tab:orange", f"{TARGET:g}x - {CEILING:g}x"),
         (math.inf, "tab:red", f"> {CEILING:g}x"))


def band_color(ratio: float) -> str:
    return next(color for upper, color, _ in BANDS if ratio <= upper or math.isnan(ratio))


def ratio_chart(name: str, current: Mapping[str, Any], engine: str = "dfengine",
                results_dir: Path = RESULTS_DIR) -> Path:
    """Draw `<name>.png`: one panel per scale factor of `engine`/DuckDB per query, each bar
    labelled with its ratio and coloured by band (legend at the bottom)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    by_sf = panels(current, results_dir)
    fig, axes = plt.subplots(1, len(by_sf), figsize=(4.6 * len(by_sf) + 1.2, 8.2), sharey=True,
                             squeeze=False)
    labels = [f"Q{n}" for n in range(1, 23)]
    for ax, (sf, payload) in zip(axes[0], by_sf.items()):
        _panel(ax, sf, ratios(payload, engine), labels, engine, rss_ratio(payload, engine))
    axes[0][0].set_yticks(range(len(labels)))
    axes[0][0].set_yticklabels(labels, fontsize=11)
    axes[0][0].invert_yaxis()
    fig.suptitle(f"TPC-H: {engine} time / DuckDB time per query (shorter is better)\n"
                 f"solid line = DuckDB (1x), dashed = {TARGET:g}x target", fontsize=12)
    # below the last panel's axis label: inside a panel it hid the labels of the last bars
    axes[0][-1].legend(handles=[Patch(color=c, label=text) for _, c, text in BANDS],
                       loc="upper center", bbox_to_anchor=(0.5, -0.075), ncol=3, fontsize=9,
                       frameon=False)
    return save_figure(fig, name, results_dir)


def rss_ratio(payload: Mapping[str, Any], engine: str = "dfengine") -> float | None:
    """The engine's peak RSS over DuckDB's for the run (each in its own process), if measured."""
    peaks = payload.get("peak_rss") or {}
    if peaks.get(engine) and peaks.get("duckdb"):
        return peaks[engine] / peaks["duckdb"]
    return None


def _panel(ax: Any, sf: float, r: dict[str, float], labels: list[str], engine: str,
           rss: float | None = None) -> None:
    values = [r.get(q, math.nan) for q in labels]
    ax.barh(range(len(labels)), [0 if math.isnan(v) else v for v in values],
            color=[band_color(v) for v in values])
    right = max([v for v in values if not math.isnan(v)] + [CEILING])
    for i, v in enumerate(values):
        text = "n/a" if math.isnan(v) else f"{v:.2f}x"
        ax.text((0 if math.isnan(v) else v) + right * 0.01, i, text, va="center", fontsize=9)
    ax.set_xlim(0, right * 1.15)  # room for the labels
    ax.axvline(1.0, color="black", linewidth=1)
    ax.axvline(TARGET, color="gray", linestyle="--", linewidth=1)
    title = f"SF{sf:g}: geomean {geomean(r.values()):.2f}x" if r else f"SF{sf:g}: no data"
    if rss is not None:
        title += f"\npeak RSS {rss:.2f}x DuckDB's"
    ax.set_title(title, fontsize=12, fontweight="bold")
    ax.set_xlabel(f"{engine} / DuckDB", fontsize=11)
    ax.grid(axis="x", alpha=0.3)
