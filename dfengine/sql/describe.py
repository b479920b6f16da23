"""`describe()` / `summary()`: statistics per column as strings, as Spark prints them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine import types as T
from dfengine.plan import expressions as E

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


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
        for s in stats:
            if s == "count":
                aggs.append(F.count(c))
            elif s == "mean":
                aggs.append(F.avg(c) if numeric else F.lit(None))
            elif s == "stddev":
                aggs.append(F.stddev(c) if numeric else F.lit(None))
            elif s == "min":
                aggs.append(F.min(c))
            elif s == "max":
                aggs.append(F.max(c))
            elif s.endswith("%"):
                aggs.append(F.median(c) if numeric and s == "50%" else F.lit(None)
                            if not numeric else _quantile(c, float(s[:-1]) / 100))
            else:
                raise ValueError(f"{s} is not a recognised statistic")
    row = df.agg(*aggs).collect()[0] if aggs else []
    out_rows = []
    k = 0
    values: dict[str, list] = {f.name: [] for f in fields}
    for f in fields:
        for _ in stats:
            v = row[k]
            k += 1
            if v is not None and isinstance(v, float) and isinstance(f.dataType, T.IntegralType):
                pass
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
