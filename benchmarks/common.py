"""Helpers every benchmark suite shares: timing, text tables, JSON results, charts, geomean.

Results go to `benchmarks/results/<name>.json` (and `.png`), written through a temporary file
and renamed so that an interrupted run never leaves a truncated result behind.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Timing:
    """Wall times of repeated runs of one callable, in seconds, and the last run's value."""

    times: tuple[float, ...]
    value: Any = field(default=None, repr=False, compare=False)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def timeit(fn: Callable[[], Any], repeat: int = 3) -> Timing:
    """Run `fn` `repeat` times; return the wall times (best and median) and the last result.

    The first run is included: for a query engine, the cold run is part of what users see, and
    taking the best of several runs already discounts it.
    """
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")
    times = []
    value = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return Timing(tuple(times), value)


def geomean(values: Iterable[float]) -> float:
    """Geometric mean of the positive, finite values; NaN when there are none."""
    logs = [math.log(v) for v in values if v is not None and math.isfinite(v) and v > 0]
    if not logs:
        return math.nan
    return math.exp(sum(logs) / len(logs))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if abs(value) >= 100:
            return f"{value:.1f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        return f"{value:.3f}"
    return str(value)


def format_table(
    rows: Sequence[Mapping[str, Any]] | Sequence[Sequence[Any]], columns: Sequence[str]
) -> str:
    """An aligned text table; rows are mappings keyed by column or sequences in column order.

    Numbers get a precision that suits their size; columns holding numbers are right-aligned
    (short markers such as "error" in them too), other columns left-aligned.
    """
    cells = []
    numeric = [False] * len(columns)  # a column holding any number is right-aligned
    for row in rows:
        values = [row.get(c) for c in columns] if isinstance(row, Mapping) else list(row)
        if len(values) != len(columns):
            raise ValueError(f"row {values!r} has {len(values)} cells for {len(columns)} columns")
        for i, v in enumerate(values):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                numeric[i] = True
        cells.append([_cell(v) for v in values])
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def print_table(
    rows: Sequence[Mapping[str, Any]] | Sequence[Sequence[Any]], columns: Sequence[str]
) -> None:
    """Print `format_table(rows, columns)`."""
    print(format_table(rows, columns), flush=True)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_results(name: str, payload: Mapping[str, Any], results_dir: Path | None = None) -> Path:
    """Write `payload` as JSON to `benchmarks/results/{name}.json`; return the path."""
    path = (results_dir or RESULTS_DIR) / f"{name}.json"
    text = json.dumps(payload, indent=2, sort_keys=False, default=_json_default)
    _write_atomic(path, (text + "\n").encode())
    return path


def _json_default(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} to JSON: {value!r}")


def bar_chart(
    name: str,
    data: Mapping[str, Mapping[str, float]],
    *,
    title: str | None = None,
    ylabel: str = "seconds",
    log: bool = False,
    results_dir: Path | None = None,
) -> Path:
    """Grouped bar chart to `benchmarks/results/{name}.png`; return the path.

    `data` maps series (e.g. engine) -> category (e.g. "Q1") -> value; missing or NaN values
    leave a gap. Drawn with matplotlib's Agg backend, so no display is needed.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = list(data)
    categories: list[str] = []
    for values in data.values():
        for category in values:
            if category not in categories:
                categories.append(category)
    width = 0.8 / max(len(series), 1)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.6 * len(categories) * max(len(series), 1)), 4.0))
    for i, label in enumerate(series):
        xs, ys = [], []
        for j, category in enumerate(categories):
            v = data[label].get(category)
            if v is not None and math.isfinite(v):
                xs.append(j + (i - (len(series) - 1) / 2) * width)
                ys.append(v)
        ax.bar(xs, ys, width=width, label=label)
    ax.set_xticks(range(len(categories)))
    ax.set_xticklabels(categories, rotation=0 if len(categories) <= 12 else 45)
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    ax.set_title(title or name)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="y", alpha=0.3)
    return save_figure(fig, name, results_dir)


def save_figure(fig: Any, name: str, results_dir: Path | None = None) -> Path:
    """Lay out, write `<results_dir>/<name>.png` atomically, close the figure; the path."""
    import matplotlib.pyplot as plt

    fig.tight_layout()
    path = (results_dir or RESULTS_DIR) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fig.savefig(tmp, format="png", dpi=100)
    plt.close(fig)
    os.replace(tmp, path)
    return path


def run_on_engine(engine: str, app: str, fn: Callable[[Any, Any], Any]) -> Any:
    """`fn(spark, F)` on a fresh local[2] session of `engine` ("dfengine" or "pyspark") with
    its defaults (quiet progress output), stopped afterwards."""
    if engine == "dfengine":
        from dfengine.sql import SparkSession
        from dfengine.sql import functions as F

        spark = (SparkSession.builder.master("local[2]").appName(app)
                 .config("dfengine.ui.showProgress", "false").getOrCreate())
    else:
        import sys

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F

        spark = (SparkSession.builder.master("local[2]").appName(app)
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
    try:
        return fn(spark, F)
    finally:
        spark.stop()
