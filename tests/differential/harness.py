"""Run one differential case on one engine and turn its answer into plain comparable values.

A case is written once against the PySpark API and receives the engine's session, functions
module and types module, so the same code runs on real PySpark (the oracle) and on dfengine.
Results from the two engines never share classes (each has its own `Row`, `DataFrame`,
exception types), so everything is reduced to builtins here before comparing:

- a DataFrame becomes `Table(columns, rows)` with rows as tuples, nested Rows as tuples;
- a Row becomes `RowValue(fields, values)`; pandas frames become a `Table` too;
- an exception becomes `Raised(class_name, message)`.

Decimal, date and datetime values are kept as they are; floats are compared with
rel 1e-9 / abs 1e-12 and NaN equals NaN. Unordered cases are compared as multisets by sorting
both sides with a key that tolerates None and mixed types.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

REL_TOL = 1e-9
ABS_TOL = 1e-12


@dataclass(frozen=True)
class Case:
    """One differential case: a function of (spark, F, T, tmp_path) plus how to compare it."""

    name: str
    fn: Callable[..., Any]
    ordered: bool = False
    error: str | None = None  # expected exception class name, e.g. "AnalysisException"
    mentions: tuple[str, ...] = ()  # words dfengine's error message must contain
    area: str = ""


REGISTRY: dict[str, Case] = {}


def case(
    ordered: bool = False, error: str | None = None, mentions: tuple[str, ...] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a case; `ordered=True` when its row order is defined (ends in a sort)."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        name = fn.__name__.removeprefix("case_")
        if name in REGISTRY:
            raise ValueError(f"duplicate differential case name {name!r}")
        area = fn.__module__.rsplit(".", 1)[-1].removeprefix("cases_")
        REGISTRY[name] = Case(name, fn, ordered, error, tuple(mentions), area)
        return fn

    return register


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class RowValue:
    fields: tuple[str, ...]
    values: tuple


@dataclass(frozen=True)
class Raised:
    class_name: str
    message: str = field(compare=False)


@dataclass(frozen=True)
class Outcome:
    """What one engine produced for one case: the value, and the dtypes when it was a frame."""

    value: Any
    dtypes: tuple[tuple[str, str], ...] | None = None


def run_case(c: Case, spark: Any, F: Any, T: Any, tmp_path: Path) -> Outcome:
    """Run `c` on an engine; collect a returned DataFrame; capture any exception."""
    try:
        result = c.fn(spark, F, T, tmp_path)
        if _is_dataframe(result):
            dtypes = tuple((str(n), str(t)) for n, t in result.dtypes)
            return Outcome(normalize(result), dtypes)
        return Outcome(normalize(result))
    except Exception as exc:  # noqa: BLE001 - the exception is the answer being compared
        return Outcome(Raised(type(exc).__name__, str(exc)))


def capture_show(df: Any, *args: Any, **kwargs: Any) -> str:
    """The text `df.show(...)` prints."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.show(*args, **kwargs)
    return buf.getvalue()


def _is_dataframe(x: Any) -> bool:
    return hasattr(x, "collect") and hasattr(x, "columns") and hasattr(x, "schema")


def _is_pandas(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and hasattr(x, "itertuples")


def _is_row(x: Any) -> bool:
    return isinstance(x, tuple) and hasattr(x, "asDict")


def normalize(x: Any) -> Any:
    """Reduce an engine's answer to builtins, Decimal, date and datetime."""
    if _is_dataframe(x):
        return Table(tuple(x.columns), tuple(_row_tuple(r) for r in x.collect()))
    if _is_pandas(x):
        return _pandas_table(x)
    if _is_row(x):
        fields = tuple(x.__fields__) if hasattr(x, "__fields__") else ()
        return RowValue(fields, tuple(normalize(v) for v in x))
    if isinstance(x, (list, tuple)):
        return tuple(normalize(v) for v in x)
    if isinstance(x, dict):
        return tuple(sorted((str(k), normalize(v)) for k, v in x.items()))
    if hasattr(x, "item") and type(x).__module__ == "numpy":
        return x.item()
    return x


def _row_tuple(row: Any) -> tuple:
    return tuple(_value(v) for v in row)


def _value(v: Any) -> Any:
    if _is_row(v):
        return tuple(_value(x) for x in v)
    if isinstance(v, (list, tuple)):
        return tuple(_value(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _value(x)) for k, x in v.items()))
    if hasattr(v, "item") and type(v).__module__ == "numpy":
        return v.item()
    return v


def _pandas_table(pdf: Any) -> Table:
    """pandas answers: every kind of missing (None, NaN, NaT, NA) compares as None."""
    import pandas as pd

    rows = []
    for rec in pdf.itertuples(index=False, name=None):
        out = []
        for v in rec:
            if v is None or (not isinstance(v, (list, tuple)) and _pd_isna(pd, v)):
                out.append(None)
            elif isinstance(v, pd.Timestamp):
                out.append(v.to_pydatetime())
            else:
                out.append(_value(v))
        rows.append(tuple(out))
    return Table(tuple(str(c) for c in pdf.columns), tuple(rows))


def _pd_isna(pd: Any, v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# comparison


_KINDS = (bool, int, float, Decimal, str, dt.datetime, dt.date, bytes)


def _kind(v: Any) -> type | None:
    """The Python type a Spark value maps to; bool before int, datetime before date."""
    return next((k for k in _KINDS if isinstance(v, k)), None)


def values_equal(a: Any, b: Any, strict: bool = False) -> bool:
    """Equality with float tolerance, NaN == NaN, and no silent bool/number confusion.

    `strict` also requires the same kind of scalar (int vs float vs Decimal), as two Spark
    engines must agree on result types; DuckDB comparisons leave it off, because DuckDB types
    some results differently (avg of a decimal is a double there).
    """
    if a is None or b is None:
        return a is None and b is None
    if strict and _kind(a) is not _kind(b):
        return False
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, float) or isinstance(b, float):
        if not isinstance(a, (int, float, Decimal)) or not isinstance(b, (int, float, Decimal)):
            return False
        fa, fb = float(a), float(b)
        if math.isnan(fa) or math.isnan(fb):
            return math.isnan(fa) and math.isnan(fb)
        return math.isclose(fa, fb, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (
            isinstance(a, (tuple, list))
            and isinstance(b, (tuple, list))
            and len(a) == len(b)
            and all(values_equal(x, y, strict) for x, y in zip(a, b))
        )
    if isinstance(a, (Table, RowValue)) or isinstance(b, (Table, RowValue)):
        if type(a) is not type(b):
            return False
        if isinstance(a, Table):
            return a.columns == b.columns and values_equal(a.rows, b.rows, strict)
        return a.fields == b.fields and values_equal(a.values, b.values, strict)
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
        return False
    return a == b


def _text_diff(expected: str, actual: str) -> str:
    lines = difflib.unified_diff(
        [repr(x) for x in expected.splitlines(keepends=True)],
        [repr(x) for x in actual.splitlines(keepends=True)],
        "pyspark", "dfengine", lineterm="",
    )
    return "\n".join(lines)


def sort_key(v: Any) -> tuple:
    """A total order over None, numbers, strings, dates and nested tuples (None first)."""
    if v is None:
        return (0,)
    if isinstance(v, bool):
        return (1, float(v), 0)
    if isinstance(v, (int, float, Decimal)):
        f = float(v)
        if math.isnan(f):
            return (1, math.inf, 1)
        # round so that values equal within tolerance sort the same way
        return (1, float(f"{f:.9g}"), 0)
    if isinstance(v, str):
        return (2, v)
    if isinstance(v, dt.datetime):
        return (3, v.replace(tzinfo=None).isoformat())
    if isinstance(v, dt.date):
        return (3, v.isoformat())
    if isinstance(v, bytes):
        return (4, v)
    if isinstance(v, (tuple, list)):
        return (5, tuple(sort_key(x) for x in v))
    return (6, repr(v))


def canonical_rows(rows: tuple[tuple, ...], ordered: bool) -> list[tuple]:
    return list(rows) if ordered else sorted(rows, key=sort_key)


def explain_difference(expected: Any, actual: Any, ordered: bool) -> str | None:
    """None when PySpark's and dfengine's answers agree (types included); otherwise a short
    description of the first difference."""
    if isinstance(expected, Table) and isinstance(actual, Table):
        if expected.columns != actual.columns:
            return f"columns differ: pyspark {expected.columns} vs dfengine {actual.columns}"
        e_rows = canonical_rows(expected.rows, ordered)
        a_rows = canonical_rows(actual.rows, ordered)
        if len(e_rows) != len(a_rows):
            return (
                f"row count differs: pyspark {len(e_rows)} vs dfengine {len(a_rows)}\n"
                f"pyspark:  {e_rows[:10]}\ndfengine: {a_rows[:10]}"
            )
        for i, (e, a) in enumerate(zip(e_rows, a_rows)):
            if not values_equal(e, a, strict=True):
                return f"row {i} differs ({'ordered' if ordered else 'sorted'}):\n" \
                       f"pyspark:  {e!r}\ndfengine: {a!r}"
        return None
    if isinstance(expected, Raised) or isinstance(actual, Raised):
        if isinstance(expected, Raised) and isinstance(actual, Raised):
            if expected.class_name == actual.class_name:
                return None
            return (
                f"exception class differs: pyspark {expected.class_name} vs dfengine "
                f"{actual.class_name}: {actual.message[:500]}"
            )
        if isinstance(actual, Raised):
            return f"dfengine raised {actual.class_name}: {actual.message[:800]}"
        return f"pyspark raised {expected.class_name} but dfengine returned {actual!r:.500}"
    if values_equal(expected, actual, strict=True):
        return None
    if isinstance(expected, str) and isinstance(actual, str):
        return "text differs (lines as repr, so whitespace shows):\n" + _text_diff(expected, actual)
    return f"value differs:\npyspark:  {expected!r:.1000}\ndfengine: {actual!r:.1000}"
