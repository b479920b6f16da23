"""Sort a failing PySpark docstring example into what a user would see.

    a  wrong answer: dfengine returns other values or types (or accepts what PySpark refuses)
    b  error where PySpark succeeds: a missing function or feature
    c  output formatting only: show() layout, column names, repr of Row/Column, schema text
    d  harness artefact: random values, the current time, PySpark internals (listed by name)
    e  both raise, with another error class

`classify(example, kind, got)` looks at one example; `worst(categories)` gives the one of a
docstring: a wrong answer before the first error wins, else the first failing example decides
(after an error, later ones often fail only because the failed one did not define their
DataFrame).
"""

from __future__ import annotations

import datetime
import decimal
import doctest
import math
import re
from typing import Any

CATEGORIES = {
    "a": "wrong answer",
    "b": "error where PySpark succeeds",
    "c": "output formatting only",
    "d": "harness artefact",
    "e": "other error class",
}

# docstrings whose expected output cannot be reproduced by any engine but PySpark's own run
ARTEFACTS = {
    "rand": "random values", "randn": "random values", "randstr": "random values",
    "uniform": "random values", "uuid": "random values", "shuffle": "random values",
    "monotonically_increasing_id": "ids depend on PySpark's partitioning",
    "spark_partition_id": "ids depend on PySpark's partitioning",
    "approx_count_distinct": "HyperLogLog++ estimate (dfengine counts exactly)",
    "input_file_block_length": "PySpark's HDFS blocks", "input_file_block_start": "PySpark's HDFS blocks",
}
# data made by rand()/randn(): PySpark's generator (XORShift per partition) is not reproduced
_RANDOM = re.compile(r"\brandn?\(")
_INTERNALS = re.compile(r"\b_jvm\b|\b_jsc\b|\b_jdf\b|\bsc\._|SparkContext\._|\bpyspark\.testing\b")

_EXC = re.compile(r"^(?:Traceback[^\n]*\n(?:\s.*\n)*)?([\w.]*?)(\w+(?:Exception|Error|Warning)): ?(.*)",
                  re.S)
_ERROR_CLASS = re.compile(r"^\[([A-Z0-9_.]+)\]")


def exception_parts(text: str) -> tuple[str, str] | None:
    """("ClassName", "ERROR_CLASS" or "") of a doctest exception message, None if not one."""
    m = _EXC.match(text.strip())
    if not m:
        return None
    ec = _ERROR_CLASS.match(m.group(3).strip())
    return m.group(2), ec.group(1) if ec else ""


class Checker(doctest.OutputChecker):
    """PySpark's expected exceptions name PySpark's modules: compare the class name and the
    `[ERROR_CLASS]` only (dfengine raises classes of the same names from dfengine.errors)."""

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        if super().check_output(want, got, optionflags) or _same_table(want, got):
            return True
        w, g = exception_parts(want), exception_parts(got)
        if w and g and _ERROR_CLASS.match(want.split(": ", 1)[-1].strip()):
            return w == g
        if w and g and not w[1]:  # `AnalysisException: ...`: the class and the message's words
            return w[0] == g[0] and doctest._ellipsis_match(  # type: ignore[attr-defined]
                " ".join(_detail(want).split()), " ".join(_detail(got).split()))
        return False


def _detail(text: str) -> str:
    m = _EXC.match(text.strip())
    return m.group(3) if m else ""


def classify(example: doctest.Example, kind: str, got: str, name: str = "",
             context: str = "") -> str:
    """The category letter of one failing example (`kind` is "fail" or "error"); `context` is
    the source of the docstring's examples before it."""
    if name in ARTEFACTS or _INTERNALS.search(example.source) or _RANDOM.search(context):
        return "d"
    if kind == "error":
        return "b" if example.exc_msg is None else "e"
    if example.exc_msg is not None:  # PySpark raises
        return "e" if exception_parts(got) else "a"
    return compare_output(example.want, got)


def compare_output(want: str, got: str) -> str:
    """"c" when `got` says the same values as `want` in another layout, else "a"."""
    if want.lstrip().startswith("Column<") or want.lstrip().startswith("<"):
        return "c"
    for compare in (_compare_tables, _compare_literals, _compare_schema):
        verdict = compare(want, got)
        if verdict:
            return verdict
    return "c" if _words(want) == _words(got) else "a"


def worst(categories: list[str]) -> str:
    """A wrong answer before the first error wins; after an error, later examples often fail
    only because the failed one did not define their DataFrame."""
    errors = [i for i, c in enumerate(categories) if c in "be"]
    before = categories[:errors[0] + 1] if errors else categories
    return "a" if "a" in before else categories[0]


# ---------------------------------------------------------------------------------- show()

def _table_cells(text: str) -> list[list[str]] | None:
    lines = [ln.strip() for ln in text.strip().splitlines()]
    rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines if ln.startswith("|")]
    if not rows or any(not (ln.startswith("|") or ln.startswith("+")) for ln in lines
                       if not ln.startswith("only showing")):
        return None
    return rows


def _same_table(want: str, got: str) -> bool:
    """show() tables with the same header and cells, where a cell of `want` may elide digits
    with `...` (PySpark's authors write `2.7182818284590...`): the border widths then differ.
    A cell of exactly 20 characters ending in `...` is show()'s own truncation: kept exact."""
    w, g = _table_cells(want), _table_cells(got)
    if not w or not g or w[0] != g[0] or len(w) != len(g):
        return False
    return all(len(rw) == len(rg) and all(_cell_matches(a, b) for a, b in zip(rw, rg))
               for rw, rg in zip(w[1:], g[1:]))


def _cell_matches(want: str, got: str) -> bool:
    if want == got:
        return True
    if "..." not in want or len(want) == 20 and want.endswith("..."):
        return False
    return doctest._ellipsis_match(want, got)  # noqa: SLF001 - doctest's own ELLIPSIS rule


def _compare_tables(want: str, got: str) -> str | None:
    w, g = _table_cells(want), _table_cells(got)
    if w is None or g is None:
        return None
    if len(w) != len(g) or any(len(a) != len(b) for a, b in zip(w, g)):
        return "a"
    cells_ok = all(_same_cell(a, b) for rw, rg in zip(w[1:], g[1:]) for a, b in zip(rw, rg))
    return "c" if cells_ok else "a"


def _same_cell(a: str, b: str) -> bool:
    if _cell_matches(a, b):
        return True
    if len(a) == 20 and a.endswith("...") or len(b) == 20 and b.endswith("..."):
        a, b = a.removesuffix("..."), b.removesuffix("...")  # truncated by show() elsewhere
        n = min(len(a), len(b))
        return a[:n] == b[:n]
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return x == y or (math.isnan(x) and math.isnan(y))


# ---------------------------------------------------------------------------- Row(...) etc.

def _literal_namespace() -> dict[str, Any]:
    from dfengine.sql import Row

    return {"Row": Row, "datetime": datetime, "Decimal": decimal.Decimal, "nan": math.nan,
            "inf": math.inf, "True": True, "False": False, "None": None}


def _evaluate(text: str) -> Any:
    try:
        return eval(text, {"__builtins__": {}}, _literal_namespace())  # noqa: S307  # expected output
    except Exception:  # noqa: BLE001 - not a literal: leave it to the next comparison
        return _NOT_LITERAL


_NOT_LITERAL = object()


def _compare_literals(want: str, got: str) -> str | None:
    w, g = _evaluate(want.strip()), _evaluate(got.strip())
    if w is _NOT_LITERAL or g is _NOT_LITERAL:
        return None
    return "c" if _same_values(w, g) else "a"


def _same_values(w: Any, g: Any) -> bool:
    """Equal values of equal types; Row field names and dict key order may differ."""
    if isinstance(w, (list, tuple)) and isinstance(g, (list, tuple)):
        return len(w) == len(g) and all(_same_values(a, b) for a, b in zip(w, g))
    if isinstance(w, dict) and isinstance(g, dict):
        return (sorted(map(repr, w)) == sorted(map(repr, g))
                and all(_same_values(w[k], g.get(k)) for k in w))
    if isinstance(w, float) and isinstance(g, float) and math.isnan(w):
        return math.isnan(g)
    return type(w) is type(g) and w == g


# ----------------------------------------------------------------------------- printSchema

_FIELD = re.compile(r"\|-- (.*?): (.*?) \(nullable = (\w+)\)")


def _compare_schema(want: str, got: str) -> str | None:
    w, g = _FIELD.findall(want), _FIELD.findall(got)
    if not w or not g:
        return None
    same_types = len(w) == len(g) and all(a[1] == b[1] for a, b in zip(w, g))
    return "c" if same_types else "a"


def _words(text: str) -> list[str]:
    return re.sub(r"[|+]|-{2,}", " ", text).split()
