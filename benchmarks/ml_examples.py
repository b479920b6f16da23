"""Run Spark's own Python ML example programs on dfengine (imports changed) and count how many
run, and how many print what PySpark prints.

    python -m benchmarks.ml_examples [--pyspark] [--compare-only] [name ...]

The examples and their data ship in the pyspark wheel (`pyspark/examples/src/main/python/ml`,
`pyspark/data/mllib`). Each runs in a scratch directory with `data/` linked to the wheel's
data, as `bin/spark-submit` would from SPARK_HOME; dfengine's output is kept in
results/ml_examples_dfengine/. `--pyspark` also runs each example under PySpark once and caches
its output in results/ml_examples_pyspark/. Outputs are compared line by line (table padding
ignored, every number equal to 1e-4 relative); examples whose numbers come from random draws
no other engine reproduces (randomSplit, random init: `RANDOM`) must run but are not compared;
output Spark leaves unspecified (row order, item order in an itemset, map key order, a
null-space direction: `UNSPECIFIED`) is normalized on both sides first.
"""

from __future__ import annotations

import argparse
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
OURS = RESULTS / "ml_examples_dfengine"
_JSON = RESULTS / "ml_examples.json"
PREVIOUS = ({r["example"]: r for r in json.loads(_JSON.read_text())["examples"]}
            if _JSON.exists() else {})
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


TIMEOUT = int(os.environ.get("ML_EXAMPLES_TIMEOUT", "150"))   # seconds per dfengine example
NUMBER = re.compile(r"-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
RTOL, ATOL = 1e-4, 1e-6

# Examples whose output depends on random numbers that no other engine reproduces
# (Spark's XORShift / Breeze draws: random splits, random initial weights or centers);
# they must run, but their printed numbers are not compared.
RANDOM = {
    "als_example": "randomSplit + random factor init",
    "bucketed_random_projection_lsh_example": "random projection vectors",
    "cross_validator": "random k-fold assignment",
    "decision_tree_classification_example": "randomSplit",
    "decision_tree_regression_example": "randomSplit",
    "fm_classifier_example": "randomSplit + random factor init",
    "fm_regressor_example": "randomSplit + random factor init",
    "gaussian_mixture_example": "random initial means",
    "gradient_boosted_tree_classifier_example": "randomSplit",
    "gradient_boosted_tree_regressor_example": "randomSplit",
    "kmeans_example": "k-means|| random init",
    "lda_example": "random topic init",
    "min_hash_lsh_example": "random hash coefficients",
    "multilayer_perceptron_classification": "randomSplit + random weight init",
    "naive_bayes_example": "randomSplit",
    "one_vs_rest_example": "randomSplit",
    "random_forest_classifier_example": "randomSplit + bootstrap",
    "random_forest_regressor_example": "randomSplit + bootstrap",
    "train_validation_split": "randomSplit",
    "word2vec_example": "random vector init",
}


def _sorted_sets(line: str) -> str:
    """Items inside each innermost `[a, b, c]` sorted (an itemset is a set)."""
    def sort(m: re.Match) -> str:
        items = m.group(1).split(", ")
        return "[" + ", ".join(sorted(items)) + "]" if len(items) > 1 else m.group(0)
    return re.sub(r"\[([^\[\]]*)\]", sort, line)


def _sorted_rows(lines: list[str]) -> list[str]:
    """Data rows of every `show()` table sorted (the header row and rules stay)."""
    out, run = [], []
    for ln in lines + [""]:
        if ln.startswith("|") and len(out) >= 2 and out[-1].startswith("+") \
                and out[-2].startswith("|"):
            run.append(ln)
            continue
        if run and ln.startswith("|"):
            run.append(ln)
            continue
        out.extend(sorted(run))
        run = []
        out.append(ln)
    return out[:-1]


def _sorted_keys(line: str) -> str:
    head, sep, tail = line.partition("categorical features: ")
    return head + sep + ", ".join(sorted(tail.split(", "), key=int)) if sep and tail else line


def _no_null_space_component(line: str) -> str:
    return re.sub(r",[-0-9.eE]+\]", ",#]", line) if line.startswith("|[") else line


# Output Spark leaves unspecified: compared without it (example -> (what, normalizer)).
UNSPECIFIED = {
    "fpgrowth_example": ("row order; item order inside an itemset",
                         lambda ls: _sorted_rows([_sorted_sets(x) for x in ls])),
    "prefixspan_example": ("row order; item order inside an itemset (itemsets keep theirs)",
                           lambda ls: _sorted_rows([_sorted_sets(x) for x in ls])),
    "power_iteration_clustering_example": ("row order of assignClusters", _sorted_rows),
    "vector_indexer_example": ("key order of categoryMaps (a map)",
                               lambda ls: [_sorted_keys(x) for x in ls]),
    "pca_example": ("3rd component: 3 rows in 5 dimensions leave a 3-dimensional null space "
                    "of the covariance, so LAPACK's rounding picks that vector",
                    lambda ls: [_no_null_space_component(x) for x in ls]),
}


def normalize(out: str) -> list[str]:
    """Output lines without padding, table-rule widths and Spark's log lines."""
    lines = [ln.rstrip() for ln in out.splitlines()
             if ln.strip() and "dashboard" not in ln and " WARN " not in ln]
    out = []
    for ln in lines:
        ln = re.sub(r"-{2,}", "-", ln)             # +-----+ rules depend on value widths
        ln = re.sub(r"\b([A-Za-z]+)_[0-9a-f]{12}\b", r"\1_<uid>", ln)
        out.append(re.sub(r"\s*\|\s*", "|", re.sub(r"[ \t]+", " ", ln)).strip())
    return out


def _line_equal(a: str, b: str) -> bool:
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    xs, ys = NUMBER.findall(a), NUMBER.findall(b)
    return all(abs(float(x) - float(y)) <= ATOL + RTOL * max(abs(float(x)), abs(float(y)))
               for x, y in zip(xs, ys))


def same_output(ours: str, theirs: str, name: str = "") -> bool:
    """Line by line, text equal and every number equal to RTOL (relative) / ATOL, after
    removing what `UNSPECIFIED` lists for the example."""
    a, b = normalize(ours), normalize(theirs)
    if name in UNSPECIFIED:
        fix = UNSPECIFIED[name][1]
        a, b = fix(a), fix(b)
    return len(a) == len(b) and all(_line_equal(x, y) for x, y in zip(a, b))


def last_error(err: str) -> str:
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""


def run_one(f: Path, tmp: str, with_pyspark: bool, rerun: bool) -> dict:
    ref, mine = CACHE / f"{f.stem}.txt", OURS / f"{f.stem}.txt"
    src = f.read_text()
    if with_pyspark and not ref.exists():
        ok, out, _, _ = run(src, tmp, 600)
        ref.write_text(out if ok else "")
    if rerun or not mine.exists():
        ok, out, err, secs = run(to_dfengine(src), tmp, TIMEOUT)
        if ok or not err.startswith("timeout"):    # a timeout keeps the last full output
            mine.write_text(out)
        row = {"example": f.stem, "runs": ok, "seconds": round(secs, 1),
               "error": "" if ok else last_error(err)}
    else:
        row = dict(PREVIOUS.get(f.stem, {"example": f.stem, "runs": True, "seconds": 0.0,
                                          "error": ""}))
    has_ref = ref.exists() and ref.read_text().strip() != ""
    row["pyspark_output"] = has_ref
    row["random"] = RANDOM.get(f.stem, "")
    row["same_output"] = bool(has_ref and row["runs"]
                              and same_output(mine.read_text(), ref.read_text(), f.stem))
    return row


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.ml_examples",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="example names (file stems); default: all")
    ap.add_argument("--pyspark", action="store_true",
                    help="also run each example under PySpark (once; cached) to compare")
    ap.add_argument("--compare-only", action="store_true",
                    help="do not run dfengine; compare the stored outputs again")
    args = ap.parse_args(argv)
    files = sorted(p for p in EXAMPLES.glob("*.py") if not args.names or p.stem in args.names)
    CACHE.mkdir(parents=True, exist_ok=True)
    OURS.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(SPARK / "data", Path(tmp) / "data")
        for f in files:
            rows.append(run_one(f, tmp, args.pyspark, not args.compare_only))
            r = rows[-1]
            tag = "same" if r["same_output"] else ("rand" if r["random"] else "    ")
            print(f"{f.stem:48s} {'ok ' if r['runs'] else 'ERR'} {tag} "
                  f"{r['seconds']:6.1f}s {r['error'][:110]}", flush=True)
    summary = write_results(rows)
    print(f"\n{summary['runs']}/{summary['total']} examples run on dfengine; "
          f"{summary['same_output']}/{summary['deterministic_with_pyspark']} deterministic "
          f"examples print PySpark's output (numbers to rtol {RTOL}); "
          f"{summary['random']} random-init examples not compared; "
          f"differing: {', '.join(summary['differ']) or 'none'}")


def write_results(rows: list[dict]) -> dict:
    """Merge `rows` into results/ml_examples.json (a run of some names updates those rows)."""
    merged = PREVIOUS | {r["example"]: r for r in rows}
    names = {f.stem for f in EXAMPLES.glob("*.py")}
    rows = [merged[k] for k in sorted(merged) if k in names]
    det = [r for r in rows if not r.get("random") and r.get("pyspark_output")]
    summary = {"runs": sum(r["runs"] for r in rows), "total": len(rows),
               "same_output": sum(bool(r["same_output"]) for r in det),
               "deterministic_with_pyspark": len(det),
               "random": sum(bool(r.get("random")) for r in rows),
               "differ": [r["example"] for r in det if r["runs"] and not r["same_output"]],
               "tolerance": {"rtol": RTOL, "atol": ATOL}}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ml_examples.json").write_text(json.dumps(summary | {"examples": rows},
                                                         indent=1))
    return summary


if __name__ == "__main__":
    main(sys.argv[1:])
