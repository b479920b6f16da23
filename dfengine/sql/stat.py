"""`df.stat` (PySpark's `DataFrameStatFunctions`): approxQuantile, corr, cov, crosstab,
freqItems, sampleBy. The same methods are on DataFrame itself, as in PySpark.

Aggregations run on the engine (means, co-moments, crosstab counts); what is left for the
driver is small: the quantile ranks of one column, the counters of freqItems.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from dfengine import types as T
from dfengine.errors import AnalysisException, PySparkTypeError, PySparkValueError

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


def _F() -> Any:
    from dfengine.sql import functions as F

    return F


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _numeric_field(df: DataFrame, name: str, what: str, pair: bool = False) -> None:
    if not isinstance(name, str):
        raise PySparkTypeError(f"Argument `{what}` should be a str, got "
                               f"{type(name).__name__}.", "NOT_STR")
    dt = df.select(_quoted(name)).schema.fields[0].dataType
    if pair and not isinstance(dt, T.NumericType):  # Spark's require() in corr/cov
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"requirement failed: Currently {what.removeprefix('the ')} calculation for columns "
            f"with dataType {dt.simpleString()} not supported (column `{name}`).")
    if not isinstance(dt, T.NumericType):
        raise AnalysisException(
            f"Currently {what} only supports numerical columns, but column `{name}` is "
            f"{dt.simpleString()}.", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")


# ------------------------------------------------------------------------- quantiles


def _quantile_field(df: DataFrame, name: str) -> None:
    """Spark's require() in approxQuantile: a column of a non-numeric type is an
    IllegalArgumentException."""
    dt = df.select(_quoted(name)).schema.fields[0].dataType
    if not isinstance(dt, T.NumericType):
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"requirement failed: Quantile calculation for column {name} with data type "
            f"{type(dt).__name__} is not supported: cast it to a number first.")


def approx_quantile(df: DataFrame, col: Any, probabilities: Any,
                    relativeError: float) -> list:
    """Quantiles as PySpark returns them: for a rank target `ceil(p * n)` the element of that
    rank (NULLs ignored). The answer is exact, so it is within any `relativeError`."""
    single = isinstance(col, str)
    cols = [col] if single else list(col)
    if not cols or not all(isinstance(c, str) for c in cols):
        raise PySparkTypeError("col should be a string, list or tuple of strings",
                               "NOT_LIST_OR_STR_OR_TUPLE")
    probs = list(probabilities)
    for p in probs:
        if not isinstance(p, (int, float)) or isinstance(p, bool) or not 0 <= p <= 1:
            raise PySparkTypeError(f"Argument `probabilities` should be a list of numbers in "
                                   f"[0, 1], got {p!r}.", "NOT_EXPECTED_TYPE")
    if not isinstance(relativeError, (int, float)) or relativeError < 0:
        raise PySparkValueError(f"relativeError should be a number >= 0, got {relativeError!r}",
                                "NEGATIVE_VALUE")
    F = _F()
    out = []
    for c in cols:
        _quantile_field(df, c)
        table = df.select(F.col(_quoted(c)).cast("double")).toArrow()
        values = pc.drop_null(table.column(0)).combine_chunks()
        data = pc.take(values, pc.sort_indices(values)).to_pylist()
        n = len(data)
        out.append([data[max(0, min(n - 1, math.ceil(p * n) - 1))] for p in probs] if n else [])
    return out[0] if single else out


# ------------------------------------------------------------------- co-moments


def _co_moments(df: DataFrame, col1: str, col2: str, what: str) -> tuple[int, float, float,
                                                                       float]:
    """(n, sum dx*dy, sum dx^2, sum dy^2), by two passes (means first) so large offsets do
    not cancel. A NULL counts as 0.0, as in Spark (its covariance counter reads each value
    with `getDouble`, which gives 0.0 for NULL)."""
    F = _F()
    for c in (col1, col2):
        _numeric_field(df, c, what, pair=True)
    x, y = (F.coalesce(F.col(_quoted(c)).cast("double"), F.lit(0.0)) for c in (col1, col2))
    pairs = df.select(x.alias("x"), y.alias("y"))
    n, mx, my = pairs.agg(F.count(F.lit(1)), F.avg("x"), F.avg("y")).collect()[0]
    if not n:
        return 0, math.nan, math.nan, math.nan
    dx, dy = F.col("x") - F.lit(mx), F.col("y") - F.lit(my)
    sxy, sxx, syy = pairs.agg(F.sum(dx * dy), F.sum(dx * dx), F.sum(dy * dy)).collect()[0]
    return int(n), sxy, sxx, syy


def corr(df: DataFrame, col1: str, col2: str, method: str | None = None) -> float:
    if (method or "pearson") != "pearson":
        raise PySparkValueError(f"Value for `method` has to be amongst the following values: "
                                f"['pearson'], got {method!r}. Only the Pearson correlation "
                                "coefficient is supported.", "VALUE_NOT_ALLOWED")
    n, sxy, sxx, syy = _co_moments(df, col1, col2, "the correlation")
    if n == 0 or sxx == 0 or syy == 0:
        return math.nan
    return sxy / math.sqrt(sxx * syy)


def cov(df: DataFrame, col1: str, col2: str) -> float:
    n, sxy, _, _ = _co_moments(df, col1, col2, "the covariance")
    # Spark reads covar_samp's NULL (fewer than two rows) with getDouble: 0.0, not NaN
    return sxy / (n - 1) if n > 1 else 0.0


# ---------------------------------------------------------------------- crosstab


def _as_key(F: Any, name: str) -> Any:
    c = F.col(_quoted(name))
    return F.when(c.isNull(), F.lit("null")).otherwise(c.cast("string"))


def crosstab(df: DataFrame, col1: str, col2: str) -> DataFrame:
    """A contingency table: `col1_col2` holds col1's values as strings, one long column per
    value of col2 (sorted, as the pivot Spark uses sorts them); NULL reads `null`."""
    for c in (col1, col2):
        if not isinstance(c, str):
            raise PySparkTypeError(f"col1 and col2 should be str, got {type(c).__name__}",
                                   "NOT_STR")
    F = _F()
    counts = (df.select(_as_key(F, col1).alias("a"), _as_key(F, col2).alias("b"))
              .groupBy("a", "b").count().collect())
    keys = sorted({r[0] for r in counts})
    values = sorted({r[1] for r in counts})
    grid = {k: dict.fromkeys(values, 0) for k in keys}
    for a, b, n in counts:
        grid[a][b] = n
    arrays = [pa.array(keys, pa.string())] + [
        pa.array([grid[k][v] for k in keys], pa.int64()) for v in values]
    table = pa.Table.from_arrays(arrays, names=[f"{col1}_{col2}"] + values)
    schema = T.StructType([T.StructField(f"{col1}_{col2}", T.StringType())] + [
        T.StructField(v, T.LongType(), False) for v in values])
    return df.sparkSession._from_arrow(table, schema=schema)


# ---------------------------------------------------------------------- freqItems


class _FreqCounter:
    """Spark's FreqItemCounter (Karp, Schenker, Papadimitriou): at most `size` counters; a new
    key when full lowers every counter by the smallest one."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.counts: dict[Any, int] = {}

    def add(self, key: Any, count: int = 1) -> None:
        m = self.counts
        if key in m:
            m[key] += count
        elif len(m) < self.size:
            m[key] = count
        else:
            low = min(m.values()) if m else 0
            if count - low >= 0:
                m[key] = count
                self.counts = {k: v - low for k, v in m.items() if v > low}
            else:
                self.counts = {k: v - count for k, v in m.items()}


def _hashable(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _hashable(x)) for k, x in v.items()))
    return v


def freq_items(df: DataFrame, cols: Any, support: float | None = None) -> DataFrame:
    if isinstance(cols, tuple):
        cols = list(cols)
    if not isinstance(cols, list) or not all(isinstance(c, str) for c in cols):
        raise PySparkTypeError("cols must be a list or tuple of column names (strings).",
                               "NOT_LIST_OR_TUPLE")
    support = support or 0.01  # PySpark: a missing (or zero) support is 1%
    if not 1e-4 <= support <= 1:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"requirement failed: Support must be in [1e-4, 1], but got {support}.")
    sub = df.select(*[_quoted(c) for c in cols])
    table = sub.toArrow()
    arrays, fields = [], []
    for i, f in enumerate(sub.schema.fields):
        counter = _FreqCounter(int(1 / support))
        values = table.column(i).to_pylist()
        originals = {}
        for v in values:
            h = _hashable(v)
            originals.setdefault(h, v)
            counter.add(h)
        items = [originals[k] for k in counter.counts]
        dt = T.ArrayType(f.dataType, True)
        fields.append(T.StructField(f"{f.name}_freqItems", dt, False))
        arrays.append(pa.array([items], T.to_arrow_type(dt)))
    out = pa.Table.from_arrays(arrays, names=[f.name for f in fields])
    return df.sparkSession._from_arrow(out, 1, schema=T.StructType(fields))


# ---------------------------------------------------------------------- sampleBy


def sample_by(df: DataFrame, col: Any, fractions: dict, seed: int | None = None) -> DataFrame:
    """Stratified Bernoulli sample: a row of stratum `k` is kept with probability
    `fractions[k]`; strata missing from `fractions` are dropped."""
    from dfengine.sql.column import Column

    F = _F()
    if not isinstance(col, (str, Column)):
        raise PySparkTypeError(f"col must be a string or a column, got {type(col).__name__}",
                               "NOT_COLUMN_OR_STR")
    if not isinstance(fractions, dict):
        raise PySparkTypeError("fractions must be a dict", "NOT_DICT")
    frac = None
    c = F.col(_quoted(col)) if isinstance(col, str) else col
    for k, v in fractions.items():
        if not isinstance(k, (float, int, str)):
            raise PySparkTypeError(f"key must be float, int, or string, but got "
                                   f"{type(k).__name__}", "DISALLOWED_TYPE_FOR_CONTAINER")
        if not 0 <= v <= 1:
            from dfengine.errors import IllegalArgumentException

            raise IllegalArgumentException(
                f"requirement failed: Fractions must be in [0, 1], but got {k} -> {v}.")
        frac = (F.when(c == F.lit(k), F.lit(float(v))) if frac is None
                else frac.when(c == F.lit(k), F.lit(float(v))))
    if frac is None:
        return df.limit(0)
    import random

    s = seed if seed is not None else random.randint(0, 2**31)
    return df.where(F.rand(s) < frac.otherwise(F.lit(0.0)))


class DataFrameStatFunctions:
    """`df.stat`."""

    def __init__(self, df: DataFrame) -> None:
        self.df = df

    def approxQuantile(self, col: Any, probabilities: Any, relativeError: float) -> list:
        return approx_quantile(self.df, col, probabilities, relativeError)

    def corr(self, col1: str, col2: str, method: str | None = None) -> float:
        return corr(self.df, col1, col2, method)

    def cov(self, col1: str, col2: str) -> float:
        return cov(self.df, col1, col2)

    def crosstab(self, col1: str, col2: str) -> DataFrame:
        return crosstab(self.df, col1, col2)

    def freqItems(self, cols: Any, support: float | None = None) -> DataFrame:
        return freq_items(self.df, cols, support)

    def sampleBy(self, col: Any, fractions: dict, seed: int | None = None) -> DataFrame:
        return sample_by(self.df, col, fractions, seed)
