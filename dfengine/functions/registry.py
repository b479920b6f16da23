"""The function catalogue: one `Function` entry per built-in function.

An entry holds everything the engine needs to know about a function, so that adding one is one
entry in its family module (`string.py`, `datetime.py`, `math.py`, ...) next to its Arrow
implementation: the SQL name and aliases, the implicit casts of its arguments, the result type,
the column name Spark generates for a call, how it treats NULL, the implementation, and the
PySpark signature from which `dfengine.sql.functions` generates its `F.` wrapper. The SQL
translator, the analyzer, the evaluator, `F.` and `spark.catalog.listFunctions()` all read
this one registry (Spark's `FunctionRegistry`, DataFusion's `ScalarUDFImpl`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dfengine import types as T
from dfengine.errors import AnalysisException

Impl = Callable[[list, Any, Any, Any], Any]
"""(evaluated args, the call expression, the partition table, the evaluation context) ->
Arrow array or scalar. Arguments arrive already cast to the entry's input types; with
`null_intolerant`, a NULL literal argument never reaches the implementation."""


@dataclass(frozen=True)
class Function:
    """A built-in function.

    name: Spark's SQL name; aliases: other SQL names of the same function. A call keeps the
    name it was written with, and its column is named after it (`ucase(a)`, `nvl(b, a)`), as
    Spark names it; `display` overrides that per name (`{"ceil": "CEIL"}`; `{"dateadd":
    "date_add"}` for the aliases Spark renders under the canonical name).
    params: the PySpark signature of the generated `F.` wrapper, e.g. "col, pattern: lit,
    idx: lit = 0" (a `col` parameter takes a Column or column name, `lit` a Python value or a
    Column, `*cols` a variadic tail); None when `dfengine.sql.functions` writes the wrapper by
    hand or the function has none in PySpark.
    nullable: "always", "never", "inputs" (NULL only when an argument is NULL) or
    "all_inputs" (NULL only when every argument is, as coalesce).
    shown_defaults: argument position -> the text Spark's column name shows for it when the
    call leaves it out (`split(s, ,, -1)`, `from_unixtime(0, yyyy-MM-dd HH:mm:ss)`).
    arity: (fewest, most) arguments a SQL call takes (MANY: no upper bound); None derives it
    from `params` (required parameters .. all parameters, `*cols` unbounded), which holds
    whenever the SQL function takes what its F. wrapper takes. The analyzer refuses other
    counts with Spark's WRONG_NUM_ARGS (`arity_error`).
    """

    name: str
    result: Callable[[list[T.DataType]], T.DataType]
    inputs: Callable[[list[T.DataType]], list[T.DataType | None]] | None = None
    impl: Impl | None = None
    aliases: tuple[str, ...] = ()
    display: dict[str, str] = field(default_factory=dict)
    render_fn: Callable[[Any], str] | None = None
    shown_defaults: dict[int, str] = field(default_factory=dict)
    result_from_args: Callable[[tuple], T.DataType] | None = None
    null_intolerant: bool = False
    nullable_rule: str = "always"
    deterministic: bool = True
    nondeterministic_time: bool = False
    arity: tuple[int, int] | None = None
    params: str | dict[str, str] | None = None
    python_names: tuple[str, ...] | None = None
    family: str = ""
    public: bool = True
    kind: str = "scalar"  # scalar | generator (explode: a Generate node) | aggregate | window
    example: str | None = None  # SQL arguments of a call the catalogue test runs
    # Higher-order functions: (called name, args, position of a lambda argument) -> the
    # (type, nullable) of each of that lambda's parameters (dfengine.plan.lambdas).
    lambda_args: Callable[[str, tuple, int], list[tuple[T.DataType, bool]]] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases

    def signature(self, fname: str) -> str | None:
        """The PySpark parameter list of `F.<fname>` (aliases may differ: substr/substring)."""
        if isinstance(self.params, dict):
            return self.params.get(fname, self.params.get(self.name))
        return self.params

    def arity_of(self, fname: str) -> tuple[int, int]:
        """(fewest, most) arguments of a call under `fname` (see `arity`)."""
        if self.arity is not None:  # (n, 99) was the catalogue's "no upper bound"
            lo, hi = self.arity
            return (lo, MANY) if hi >= 99 else (lo, hi)
        sig = self.signature(fname)
        return params_arity(sig) if sig is not None else (0, MANY)

    def check_arity(self, fname: str, n: int) -> None:
        lo, hi = self.arity_of(fname)
        if not lo <= n <= hi:
            raise arity_error(fname, lo, hi, n)
        if fname in ("map", "named_struct") and n % 2:  # key/value or name/value pairs
            raise AnalysisException(
                f"The `{fname}` requires 2n (n > 0) parameters but the actual number is {n}. "
                "Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html'"
                " for a fix.", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION")

    @property
    def f_names(self) -> tuple[str, ...]:
        """Names under which `dfengine.sql.functions` exports this function."""
        return self.python_names if self.python_names is not None else self.names

    # ------------------------------------------------------------------ types

    def result_type(self, types: list[T.DataType]) -> T.DataType:
        return self.result(types)

    def result_type_of(self, args: tuple) -> T.DataType:
        if self.result_from_args is not None:
            return self.result_from_args(args)
        return self.result([a.data_type for a in args])

    def input_types(self, types: list[T.DataType]) -> list[T.DataType | None]:
        return self.inputs(types) if self.inputs else [None] * len(types)

    def nullable(self, args: tuple) -> bool:
        rule = self.nullable_rule
        if rule == "inputs":
            return any(a.nullable for a in args)
        if rule == "all_inputs":
            return all(a.nullable for a in args)
        return rule != "never"

    # ------------------------------------------------------------------ names

    def display_name(self, called: str) -> str:
        return self.display.get(called, called)

    def render(self, e: Any) -> str:
        if self.render_fn:
            return self.render_fn(e)
        args = [a.sql() for a in e.args]
        # Spark's names show the defaults of omitted arguments: split(s, ,, -1)
        while len(args) in self.shown_defaults:
            args.append(self.shown_defaults[len(args)])
        return f"{self.display_name(e.name)}({', '.join(args)})"


MANY = 1 << 16  # no upper bound on the number of arguments


def params_arity(params: str) -> tuple[int, int]:
    """`"col, pattern: lit, idx: lit = 0"` -> (2, 3); a `*cols` tail makes it unbounded."""
    fewest = most = 0
    for part in filter(None, (p.strip() for p in params.split(","))):
        if part.startswith("*"):
            return fewest, MANY
        most += 1
        fewest += "=" not in part
    return fewest, most


def arity_error(fname: str, lo: int, hi: int, n: int) -> AnalysisException:
    """Spark's message: `requires 1`, `requires [2, 3]`, `requires > 0` parameters."""
    if hi >= MANY:
        wanted = f"> {lo - 1}"
    elif lo == hi:
        wanted = str(lo)
    else:
        wanted = "[" + ", ".join(str(i) for i in range(lo, hi + 1)) + "]"
    return AnalysisException(
        f"The `{fname}` requires {wanted} parameters but the actual number is {n}. Please, "
        "refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.",
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", parameters={
            "functionName": f"`{fname}`", "expectedNum": wanted, "actualNum": str(n),
            "docroot": "https://spark.apache.org/docs/latest"})


REGISTRY: dict[str, Function] = {}


def define(*entries: Function, family: str = "") -> None:
    """Add entries to the catalogue under every name; a name defined twice is a bug."""
    for entry in entries:
        if family and not entry.family:
            object.__setattr__(entry, "family", family)
        for n in entry.names:
            if n in REGISTRY and REGISTRY[n] is not entry:
                raise ValueError(f"function name {n!r} is defined twice in the catalogue")
            REGISTRY[n] = entry


def register(entry: Function) -> None:
    """Add or replace one entry (for packages above this layer, e.g. streaming's window)."""
    for n in entry.names:
        REGISTRY[n] = entry


def lookup(name: str, kind: str = "scalar") -> Function:
    """The entry of a function call; an aggregate or window name called as a scalar is an
    error here (the translators route those names first)."""
    entry = REGISTRY.get(name.lower())
    if entry is not None and entry.kind != kind and {entry.kind, kind} != {"scalar", "generator"}:
        raise AnalysisException(
            f"`{name}` is a{'n' if entry.kind == 'aggregate' else ''} {entry.kind} function "
            "and cannot be used here.", "UNSUPPORTED_FUNCTION_KIND")
    if entry is None:
        close = difflib.get_close_matches(name.lower(), [n for n, e in REGISTRY.items()
                                                         if e.public], n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise AnalysisException(
            f"Undefined function: `{name}`. This function is neither a built-in function nor a "
            f"temporary function.{hint}", "UNRESOLVED_ROUTINE")
    return entry


def find(name: str) -> Function | None:
    return REGISTRY.get(name.lower())


def names_of_kind(kind: str) -> dict[str, str]:
    """Every name of the functions of one kind -> its canonical name."""
    return {n: e.name for n, e in REGISTRY.items() if e.kind == kind}


def entries() -> list[Function]:
    """Each entry once, in name order."""
    seen: dict[int, Function] = {}
    for e in REGISTRY.values():
        seen.setdefault(id(e), e)
    return sorted(seen.values(), key=lambda e: e.name)

