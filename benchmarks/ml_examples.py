"""Run Spark's own Python ML example programs on dfengine (imports changed) and count how many
run, and how many print what PySpark prints.

    python -m benchmarks.ml_examples [--pyspark] [name ...]

The examples and their data ship in the pyspark wheel (`pyspark/examples/src/main/python/ml`,
`pyspark/data/mllib`). Each runs in a scratch directory with `data/` linked to the wheel's
data, as `bin/spark-submit` would from SPARK_HOME. `--pyspark` also (re)runs each example
under PySpark and caches its output in benchmarks/results/ml_examples_pyspark/. Output is
compared line by line after rounding every number to 6 significant digits (seeded random
splits differ between engines, so "same output" is reported separately from "runs").
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyspark

SPARK = Path(pyspark.__file__).parent
EXAMPLES = SPARK / "examples" / "src" / "main" / "python" / "ml"
RESULTS = Path(__file__).parent / "results"
CACHE = RESULTS / "ml_examples_pyspark"
ROOT = Path(__file__).resolve().parent.parent


def to_dfengine(src: str) -> str:
    """The example with its imports changed from pyspark to dfengine (nothing else)."""
    src = re.sub(r"^(\s*)from pyspark(\.|\s)", r"\1from dfengine\2", src, flags=re.M)
    return re.sub(r"^(\s*)import pyspark", r"\1import dfengine", src, flags=re.M)


def run(code: str, cwd: str, timeout: int) -> tuple[bool, str, str, float]:
    path = Path(cwd) / "example.py"
    path.write_text(code)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYSPARK_PYTHON=sys.executable)
    t0 = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, str(path)], cwd=cwd, env=env, capture_output=True,
                           text=True, timeout=timeout)
        ok, out, err = p.returncode == 0, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        ok, out, err = False, str(e.stdout or ""), f"timeout after {timeout}s"
    return ok, out, err, time.perf_counter() - t0


def _round(m: re.Match) -> str:
    x = float(m.group(0))
    return "0" if abs(x) < 1e-9 else f"{x:.6g}"


def normalize(out: str) -> list[str]:
    lines = [ln.rstrip() for ln in out.splitlines() if ln.strip() and "dashboard" not in ln]
    return [re.sub(r"-?\d+\.\d+(?:[eE][-+]?\d+)?", _round, ln) for ln in lines]


def last_error(err: str) -> str:
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


def main(argv: list[str]) -> None:
    with_pyspark = "--pyspark" in argv
    names = [a for a in argv if not a.startswith("--")]
    files = sorted(p for p in EXAMPLES.glob("*.py") if not names or p.stem in names)
    CACHE.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(SPARK / "data", Path(tmp) / "data")
        for f in files:
            src = f.read_text()
            ref = CACHE / f"{f.stem}.txt"
            if with_pyspark and not ref.exists():
                ok, out, _, _ = run(src, tmp, 600)
                ref.write_text(out if ok else "")
            ok, out, err, secs = run(to_dfengine(src), tmp, 150)
            same = ref.exists() and ok and normalize(out) == normalize(ref.read_text())
            rows.append({"example": f.stem, "runs": ok, "same_output": same,
                         "seconds": round(secs, 1), "error": "" if ok else last_error(err)})
            print(f"{f.stem:48s} {'ok ' if ok else 'ERR'} {'same' if same else '    '} "
                  f"{secs:6.1f}s {rows[-1]['error'][:110]}", flush=True)
    n_ok = sum(r["runs"] for r in rows)
    n_same = sum(r["same_output"] for r in rows)
    print(f"\n{n_ok}/{len(rows)} examples run on dfengine; {n_same} print PySpark's output "
          f"(numbers to 6 significant digits)")
    write_results(rows)


def write_results(rows: list[dict]) -> None:
    """Merge `rows` into results/ml_examples.json (a run of some names updates those rows)."""
    path = RESULTS / "ml_examples.json"
    old = json.loads(path.read_text())["examples"] if path.exists() else []
    merged = {r["example"]: r for r in old} | {r["example"]: r for r in rows}
    names = {f.stem for f in EXAMPLES.glob("*.py")}
    rows = [merged[k] for k in sorted(merged) if k in names]
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps(
        {"runs": sum(r["runs"] for r in rows), "same_output": sum(r["same_output"] for r in rows),
         "total": len(rows), "examples": rows}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
