"""`describe()` / `summary()`: statistics per column as strings, as Spark prints them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine import types as T
from dfengine.plan import expressions as E

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


def _stat_agg(F: Any, s: str, c: Any, numeric: bool) -> Any:
    """The aggregate computing statistic `s` ('count', 'mean', '25%', ...) of column `c`."""
    if s == "count":
        return F.count(c)
    if s in ("mean", "stddev"):
        return (F.avg(c) if s == "mean" else F.stddev(c)) if numeric else F.lit(None)
    if s in ("min", "max"):
        return F.min(c) if s == "min" else F.max(c)
    if s.endswith("%"):
        return F.median(c) if numeric and s == "50%" else F.lit(None) if not numeric else (
            _quantile(c, float(s[:-1]) / 100))
    raise ValueError(f"{s} is not a recognised statistic")


def summary(df: DataFrame, stats: list[str], cols: list[str] | None) -> DataFrame:
    from dfengine.sql import functions as F
    from dfengine.types.format import format_value

    fields = [f for f in df.schema.fields
              if (not cols or f.name in cols)
              and isinstance(f.dataType, (T.NumericType, T.StringType))]
    if cols:
        fields = [df.schema[c] for c in cols]
    aggs = []
    for f in fields:
        numeric = isinstance(f.dataType, T.NumericType)
        c = F.col(f"`{f.name}`")
        aggs += [_stat_agg(F, s, c, numeric) for s in stats]
    row = df.agg(*aggs).collect()[0] if aggs else []
    out_rows = []
    k = 0
    values: dict[str, list] = {f.name: [] for f in fields}
    for f in fields:
        for _ in stats:
            v = row[k]
            k += 1
            values[f.name].append(None if v is None else format_value(v))
    for i, s in enumerate(stats):
        out_rows.append(tuple([s] + [values[f.name][i] for f in fields]))
    schema = T.StructType([T.StructField("summary", T.StringType())] + [
        T.StructField(f.name, T.StringType()) for f in fields])
    return df.sparkSession.createDataFrame(out_rows, schema)


def _quantile(c: Any, q: float) -> Any:
    from dfengine.sql.column import Column

    return Column(E.AggregateFunction("median", (c._expr,))) if q == 0.5 else Column(
        E.Literal(None, T.StringType()))
