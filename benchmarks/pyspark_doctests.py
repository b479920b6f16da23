"""Run the doctest examples of PySpark's own docstrings against dfengine, and triage failures.

Each example's ``pyspark.sql`` imports are rewritten to ``dfengine.sql``; the globals are the
PySpark module's (as PySpark's own `_test()` gives them) mapped to dfengine's objects of the
same names, and ``spark`` is a dfengine session. Every failing example is sorted by
benchmarks/doctest_triage.py into a wrong answer (a), an error where PySpark succeeds (b),
output formatting only (c), a harness artefact (d) or another error class (e).

    python -m benchmarks.pyspark_doctests [module ...] [-k=name] [--update] [-v]

prints per module the pass/fail counts and the triage table (docstrings and examples per
category, names per category), writes benchmarks/results/pyspark_doctests.json; `--update`
adds the newly passing docstrings to the regression list tests/surface/pyspark_doctests_passing.txt
(run by tests/surface/test_pyspark_doctests.py); `-v` prints each failing example.
"""

from __future__ import annotations

import doctest
import functools
import importlib
import json
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

try:
    from benchmarks.doctest_triage import CATEGORIES, Checker, classify, worst
except ImportError:  # run as a script or imported from tests/
    from doctest_triage import CATEGORIES, Checker, classify, worst

MODULES = {
    "functions": "pyspark.sql.functions.builtin",
    "dataframe": "pyspark.sql.dataframe",
    "column": "pyspark.sql.column",
    "group": "pyspark.sql.group",
    "window": "pyspark.sql.window",
    "readwriter": "pyspark.sql.readwriter",
    "catalog": "pyspark.sql.catalog",
    "types": "pyspark.sql.types",
    "conf": "pyspark.sql.conf",
    "udf": "pyspark.sql.udf",
    "pandas_functions": "pyspark.sql.pandas.functions",
    "pandas_group": "pyspark.sql.pandas.group_ops",
    "pandas_map": "pyspark.sql.pandas.map_ops",
    "rdd": "pyspark.core.rdd",
    "context": "pyspark.core.context",
}
ROOT = Path(__file__).resolve().parents[1]
PASSING = ROOT / "tests" / "surface" / "pyspark_doctests_passing.txt"
RESULTS = ROOT / "benchmarks" / "results" / "pyspark_doctests.json"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
TIMEOUT_S = 120  # per docstring: a hang is reported as an error of the running example

_IMPORT = re.compile(r"\bpyspark\.sql\b")
_TOP_IMPORT = re.compile(r"\bfrom pyspark import\b")  # SparkFiles, InheritableThread, ...
_CORE_IMPORT = re.compile(r"\bpyspark\.core\.(context|rdd)\b")  # else the example runs PySpark


@functools.cache
def _tests(modname: str) -> dict[str, doctest.DocTest]:
    """Short name (`abs`, `DataFrame.join`) -> the DocTest of PySpark's docstring."""
    mod = importlib.import_module(modname)
    out = {}
    for test in doctest.DocTestFinder(exclude_empty=True).find(mod, globs={}):
        if not test.examples:
            continue
        for ex in test.examples:
            source = _CORE_IMPORT.sub("dfengine.rdd", _IMPORT.sub("dfengine.sql", ex.source))
            ex.source = _TOP_IMPORT.sub("from dfengine import", source)
        out[test.name.removeprefix(modname + ".")] = test
    return out


def _globals(modname: str, spark: Any) -> dict[str, Any]:
    """PySpark's module globals, each pyspark object replaced by dfengine's of the same name
    (left out when dfengine has none: the example then fails with a NameError)."""
    import dfengine
    import dfengine.rdd as drdd
    import dfengine.sql as dsql
    import dfengine.sql.functions as F
    import dfengine.sql.types as T

    out: dict[str, Any] = {}
    for name, value in vars(importlib.import_module(modname)).items():
        if name.startswith("__"):
            continue
        owner = getattr(value, "__module__", None) or getattr(value, "__name__", "")
        if not str(owner).startswith("pyspark"):
            out[name] = value
            continue
        for source in (F, dsql, T, dfengine, drdd):
            if hasattr(source, name):
                out[name] = getattr(source, name)
                break
    out.update(spark=spark, sc=spark.sparkContext)
    if modname == MODULES["rdd"] and not spark.sparkContext.getCheckpointDir():
        import tempfile  # as PySpark's rdd._test sets one

        spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="doctest-checkpoints-"))
    return out


class _Recorder(doctest.DocTestRunner):
    """Keeps each example's outcome: (example, "ok" | "fail" | "error", what dfengine printed)."""

    def __init__(self) -> None:
        super().__init__(checker=Checker(), optionflags=FLAGS)
        self.outcomes: list[tuple[doctest.Example, str, str]] = []

    def report_start(self, out, test, example) -> None:
        pass

    def report_success(self, out, test, example, got) -> None:
        self.outcomes.append((example, "ok", got))

    def report_failure(self, out, test, example, got) -> None:
        self.outcomes.append((example, "fail", got))

    def report_unexpected_exception(self, out, test, example, exc_info) -> None:
        self.outcomes.append((example, "error", f"{exc_info[0].__name__}: {exc_info[1]}"))


def _on_timeout(signum, frame):
    raise TimeoutError(f"example still running after {TIMEOUT_S} s")


def _restore_conf(spark: Any, saved: dict[str, str]) -> None:
    now = spark.conf.getAll()
    for key in now.keys() - saved.keys():
        spark.conf.unset(key)
    for key, value in saved.items():
        if now.get(key) != value:
            spark.conf.set(key, value)


def _functions(spark: Any) -> set[tuple[str, str]]:
    """The permanent functions (CREATE FUNCTION ... AS 'class') of the warehouse's metastore."""
    store = spark._tables.catalog.store
    return {(d.name, f) for d in store.list_databases() for f, _ in store.list_functions(d.name)}


def _drop_new_functions(spark: Any, before: set[tuple[str, str]]) -> None:
    """PySpark's doctests run on an in-memory catalog: a function an example creates (and
    never drops) is gone at the next run. dfengine's metastore keeps it: drop it after."""
    for db, name in _functions(spark) - before:
        spark._tables.catalog.store.drop_function(db, name)


def run_docstring(spark: Any, modname: str, name: str) -> dict[str, Any]:
    """Run one docstring's examples: {"examples", "failed", "category", "report"}."""
    test = _tests(modname)[name]
    test.globs = _globals(modname, spark)
    runner = _Recorder()
    saved = spark.conf.getAll()
    functions = _functions(spark)
    old = signal.signal(signal.SIGALRM, _on_timeout)
    signal.alarm(TIMEOUT_S)
    try:
        runner.run(test, out=lambda s: None, clear_globs=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        _restore_conf(spark, saved)
        _drop_new_functions(spark, functions)
    return _summary(name, runner.outcomes)


def _summary(name: str, outcomes: list) -> dict[str, Any]:
    bad, cats, context = [], [], ""
    for ex, kind, got in outcomes:
        context += ex.source
        if kind != "ok":
            bad.append((ex, kind, got))
            cats.append(classify(ex, kind, got, name.rsplit(".", 1)[-1], context))
    report = "".join(
        f"[{c}] >>> {ex.source.strip()}\n  PySpark: {ex.exc_msg or ex.want.strip()}\n"
        f"  dfengine: {got.strip()}\n" for c, (ex, kind, got) in zip(cats, bad))
    return {"examples": len(outcomes), "failed": len(bad),
            "category": worst(cats) if cats else "pass", "example_categories": cats,
            "report": report}


def run_module(spark: Any, module: str, only: str | None = None) -> dict[str, dict]:
    modname = MODULES[module]
    return {name: run_docstring(spark, modname, name) for name in _tests(modname)
            if not only or only in name}


# ----------------------------------------------------------------------------------- output

def triage_table(results: dict[str, dict[str, dict]]) -> str:
    """Docstrings (and examples) per category, per module."""
    head = f"{'module':10s} {'pass':>9s} " + " ".join(f"{k:>9s}" for k in CATEGORIES)
    lines = [head, " " * 11 + "docstrings (examples)"]
    for module, res in results.items():
        cells = [_cell(res, "pass")] + [_cell(res, k) for k in CATEGORIES]
        lines.append(f"{module:10s} " + " ".join(f"{c:>9s}" for c in cells))
    lines.append("  ".join(f"{k} = {v}" for k, v in CATEGORIES.items()))
    return "\n".join(lines)


def _cell(res: dict[str, dict], cat: str) -> str:
    docs = sum(r["category"] == cat for r in res.values())
    if cat == "pass":
        examples = sum(r["examples"] for r in res.values() if r["category"] == "pass")
    else:
        examples = sum(r["example_categories"].count(cat) for r in res.values())
    return f"{docs}({examples})"


def names_by_category(res: dict[str, dict]) -> str:
    lines = []
    for cat in CATEGORIES:
        names = sorted(n for n, r in res.items() if r["category"] == cat)
        if names:
            lines.append(f"  {cat} ({len(names)}): " + " ".join(names))
    return "\n".join(lines)


def read_passing() -> list[tuple[str, str]]:
    """The regression list: (module, docstring name) pairs."""
    rows = [ln.split("#")[0].strip() for ln in PASSING.read_text().splitlines()]
    return [tuple(r.split(" ", 1)) for r in rows if r]


# Passing docstrings kept out of the regression list (tests/rdd/test_doctest_fixes_rdd.py
# covers what they do): setJobGroup and addJobTag leave tasks sleeping 100 s on the workers
# after cancelling their job (a running Python task can't be interrupted), which would stall
# the test run; removeJobTag prints a set of tags, whose order depends on the hash seed.
KEPT_OUT = {("context", "SparkContext.setJobGroup"), ("context", "SparkContext.addJobTag"),
            ("context", "SparkContext.removeJobTag")}


def update_passing(results: dict[str, dict[str, dict]]) -> list[str]:
    """Add newly passing docstrings to the regression list; return listed ones that now fail."""
    listed = set(read_passing()) if PASSING.exists() else set()
    now = {(m, n) for m, res in results.items() for n, r in res.items()
           if r["category"] == "pass" and (m, n) not in KEPT_OUT}
    broken = [f"{m} {n}" for m, n in sorted(listed) if m in results and n in results[m]
              and (m, n) not in now]
    rows = sorted(listed | now)
    PASSING.write_text("# PySpark docstrings whose examples all pass on dfengine "
                       "(benchmarks/pyspark_doctests.py --update)\n"
                       + "".join(f"{m} {n}\n" for m, n in rows))
    return broken


def main(argv: list[str]) -> None:
    from dfengine.sql import SparkSession

    modules = [a for a in argv if not a.startswith("-")] or ["functions"]
    only = next((a[3:] for a in argv if a.startswith("-k=")), None)
    spark = SparkSession.builder.master("local[2]").config("dfengine.ui.showProgress", "false") \
        .getOrCreate()
    t0 = time.time()
    results = {m: run_module(spark, m, only) for m in modules}
    for module, res in results.items():
        print(f"== {module}")
        print(names_by_category(res))
        if "-v" in argv:
            print("".join(r["report"] for r in res.values()))
    print(triage_table(results))
    print(f"{time.time() - t0:.0f} s")
    if only:
        return
    for res in results.values():
        for r in res.values():
            r["report"] = r["report"][:600]
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True))
    if "--update" in argv:
        for row in update_passing(results):
            print(f"REGRESSION: {row} is listed as passing and now fails")


if __name__ == "__main__":
    main(sys.argv[1:])
