"""Check a TPC-H answer against DuckDB's, with the tolerances the engines' types call for.

Engines disagree on representation, not on answers: DuckDB returns money as float64 (or
Decimal), Dask computes it in float64, PySpark returns `decimal.Decimal`, dates come back as
`datetime64` or `datetime.date`, integers as int32 or int64. So columns are normalised first
(numbers -> float64, dates -> datetime64[ns], the rest -> str) and numbers compared with a
relative tolerance of 1e-6 (TPC-H asks for 1e-2 absolute on money; float64 sums at SF1 are far
inside 1e-6 relative) or an absolute one of 1e-6, which absorbs Spark's decimal rounding to six
places (`avg` of a decimal(15,2) is a decimal(19,6): 0.050081 for DuckDB's 0.0500813...).

Rows are compared in order first. Ties in a query's ORDER BY keys may legitimately come out in
any order, so when the in-order comparison fails both sides are sorted on every column and
compared again; the order itself is then checked separately with `ORDER_BY`: the answer's rows
must be sorted by the query's keys.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RTOL = 1e-6
ATOL = 1e-6  # Spark rounds decimal results to scale 6 (avg(decimal(15,2)) is decimal(19,6))

# The ORDER BY of each query: (column, ascending). Queries absent here return one row.
ORDER_BY: dict[int, list[tuple[str, bool]]] = {
    1: [("l_returnflag", True), ("l_linestatus", True)],
    2: [("s_acctbal", False), ("n_name", True), ("s_name", True), ("p_partkey", True)],
    3: [("revenue", False), ("o_orderdate", True)],
    4: [("o_orderpriority", True)],
    5: [("revenue", False)],
    7: [("supp_nation", True), ("cust_nation", True), ("l_year", True)],
    8: [("o_year", True)],
    9: [("nation", True), ("o_year", False)],
    10: [("revenue", False)],
    11: [("value", False)],
    12: [("l_shipmode", True)],
    13: [("custdist", False), ("c_count", False)],
    15: [("s_suppkey", True)],
    16: [("supplier_cnt", False), ("p_brand", True), ("p_type", True), ("p_size", True)],
    18: [("o_totalprice", False), ("o_orderdate", True)],
    20: [("s_name", True)],
    21: [("numwait", False), ("s_name", True)],
    22: [("cntrycode", True)],
}


def _is_date_like(values: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return True
    if values.dtype == object and len(values):
        first = values.dropna()
        import datetime as _dt

        return len(first) > 0 and isinstance(first.iloc[0], _dt.date)
    return False


def _is_numeric_like(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values.dtype):
        return False
    if pd.api.types.is_numeric_dtype(values.dtype):
        return True
    if values.dtype == object and len(values):
        import decimal

        first = values.dropna()
        return len(first) > 0 and isinstance(first.iloc[0], (decimal.Decimal, int, float))
    return False


def normalize(df: pd.DataFrame) -> pd.DataFrame:
    """Columns as float64 (numbers), datetime64[ns] (dates) or str, lower-case names."""
    out = {}
    for name in df.columns:
        col = df[name].reset_index(drop=True)
        if col.isna().all():  # an all-NULL answer (Q17 at tiny scale): kind unknown, keep NaN
            out[str(name).lower()] = pd.Series(np.nan, index=col.index, dtype="float64")
        elif _is_date_like(col):
            out[str(name).lower()] = pd.to_datetime(col).astype("datetime64[ns]")
        elif _is_numeric_like(col):
            out[str(name).lower()] = col.astype("float64")
        else:
            out[str(name).lower()] = col.astype(str).astype(object)
    return pd.DataFrame(out)


def _columns_equal(a: pd.Series, b: pd.Series) -> np.ndarray:
    if a.dtype == "float64" and b.dtype == "float64":
        return np.isclose(a.to_numpy(), b.to_numpy(), rtol=RTOL, atol=ATOL, equal_nan=True)
    return (a.to_numpy() == b.to_numpy()) | (a.isna().to_numpy() & b.isna().to_numpy())


def _first_difference(actual: pd.DataFrame, expected: pd.DataFrame) -> str | None:
    for name in expected.columns:
        ok = _columns_equal(actual[name], expected[name])
        if not ok.all():
            row = int(np.argmin(ok))
            return (
                f"column {name!r} row {row}: got {actual[name].iloc[row]!r}, "
                f"expected {expected[name].iloc[row]!r}"
            )
    return None


def _sort_all(df: pd.DataFrame) -> pd.DataFrame:
    # Round floats for the sort key only, so float noise cannot reorder otherwise-equal rows.
    key = df.copy()
    for name in key.columns:
        if key[name].dtype == "float64":
            key[name] = key[name].map(lambda v: float(f"{v:.9g}"))
    order = key.sort_values(list(key.columns), kind="stable").index
    return df.loc[order].reset_index(drop=True)


def order_problem(df: pd.DataFrame, query: int) -> str | None:
    """None if `df` is sorted by query `query`'s ORDER BY keys, else what is out of order."""
    keys = ORDER_BY.get(query)
    if not keys or len(df) < 2:
        return None
    norm = normalize(df)
    names = [name for name, _ in keys]
    resorted = norm.sort_values(names, ascending=[asc for _, asc in keys], kind="stable")
    for name in names:
        ok = _columns_equal(norm[name], resorted[name].reset_index(drop=True))
        if not ok.all():
            return f"rows not ordered by {keys}: first out of place at row {int(np.argmin(ok))}"
    return None


def mismatch(actual: pd.DataFrame, expected: pd.DataFrame, query: int | None = None) -> str | None:
    """None if `actual` answers like `expected` (DuckDB's), else a one-line reason."""
    a, e = normalize(actual), normalize(expected)
    if list(a.columns) != list(e.columns):
        return f"columns differ: got {list(a.columns)}, expected {list(e.columns)}"
    if len(a) != len(e):
        return f"row count differs: got {len(a)}, expected {len(e)}"
    for name in e.columns:
        kinds = {str(a[name].dtype), str(e[name].dtype)}
        if len(kinds) > 1 and "object" in kinds:
            return f"column {name!r} has kind {a[name].dtype}, expected {e[name].dtype}"
    if _first_difference(a, e) is None:
        return None
    problem = _first_difference(_sort_all(a), _sort_all(e))
    if problem is not None:
        return problem
    if query is not None:
        return order_problem(actual, query)
    return None


def assert_matches(actual: pd.DataFrame, expected: pd.DataFrame, query: int | None = None):
    """Raise AssertionError naming the first difference between the answers."""
    problem = mismatch(actual, expected, query)
    if problem is not None:
        prefix = f"TPC-H Q{query}: " if query is not None else ""
        raise AssertionError(prefix + problem)
