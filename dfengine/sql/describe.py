"""`describe()` / `summary()`: statistics per column as strings, as Spark prints them."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from dfengine import types as T

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


def _stat_agg(F: Any, s: str, c: Any, numeric: bool) -> Any:
    """The aggregate computing statistic `s` ('count', 'mean', 'min', ...) of column `c`
    (percentiles are computed from the column's sorted values: `_percentile`)."""
    if s == "count":
        return F.count(c)
    if s in ("mean", "stddev"):
        return (F.avg(c) if s == "mean" else F.stddev(c)) if numeric else F.lit(None)
    if s in ("min", "max"):
        return F.min(c) if s == "min" else F.max(c)
    if s == "count_distinct":
        return F.count_distinct(c)
    if s == "approx_count_distinct":
        return F.approx_count_distinct(c)
    return F.lit(None)  # a percentile, from the sorted values


_STATS = ("count", "count_distinct", "approx_count_distinct", "mean", "stddev", "min", "max")


def check_statistics(stats: list[str]) -> None:
    """Spark's checks: a known name or a percentage in [0%, 100%]."""
    from dfengine.errors import IllegalArgumentException

    for s in stats:
        if s in _STATS:
            continue
        try:
            q = float(s[:-1]) if s.endswith("%") else None
        except ValueError:
            q = None
        if q is None:
            raise IllegalArgumentException(
                f"The statistic '{s}' is not recognized. Valid statistics include `count`, "
                "`count_distinct`, `approx_count_distinct`, `mean`, `stddev`, `min`, `max`, "
                "and percentile values. Percentile must be a numeric value followed by '%', "
                "within the range 0% to 100%.", "UNRECOGNIZED_STATISTIC")
        if not 0 <= q <= 100:
            raise IllegalArgumentException(
                f"requirement failed: Percentiles must be in the range [0, 1] (got {s}).")


def _percentile(values: list, s: str) -> Any:
    """Spark's summary percentiles (percentile_approx, exact on data this small): the value
    at rank ceil(q * n) of the sorted non-NULL values, not an interpolation."""
    q = float(s[:-1]) / 100
    if not values:
        return None
    return values[max(math.ceil(q * len(values)) - 1, 0)]


def summary(df: DataFrame, stats: list[str], cols: list[str] | None) -> DataFrame:
    from dfengine.sql import functions as F
    from dfengine.types.format import format_value

    check_statistics(stats)
    fields = [f for f in df.schema.fields
              if (not cols or f.name in cols)
              and isinstance(f.dataType, (T.NumericType, T.StringType))]
    if cols:
        for c in cols:  # an unknown name is UNRESOLVED_COLUMN, as Spark
            df._column(c)
        fields = [df.schema[c] for c in cols]
    pcts = [s for s in stats if s.endswith("%")]
    aggs = []
    for f in fields:
        numeric = isinstance(f.dataType, T.NumericType)
        c = F.col(f"`{f.name}`")
        aggs += [_stat_agg(F, s, c, numeric) for s in stats]
        aggs += [F.sort_array(F.collect_list(c)) if numeric and pcts else F.lit(None)]
    row = df.agg(*aggs).collect()[0] if aggs else []
    values: dict[str, list] = {f.name: [] for f in fields}
    k = 0
    for f in fields:
        ordered = row[k + len(stats)] or []
        for s in stats:
            v = _percentile(ordered, s) if s.endswith("%") else row[k]
            k += 1
            values[f.name].append(None if v is None else format_value(v))
        k += 1
    out_rows = [tuple([s] + [values[f.name][i] for f in fields]) for i, s in enumerate(stats)]
    schema = T.StructType([T.StructField("summary", T.StringType())] + [
        T.StructField(f.name, T.StringType()) for f in fields])
    return df.sparkSession.createDataFrame(out_rows, schema)
