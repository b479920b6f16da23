"""`df.nearestByJoin(other, ranking, k, mode, direction)` (Spark 4.2): for each row of `df`,
the `k` rows of `other` ranked first by `ranking` (smallest first for "distance", largest
first for "similarity"), as Spark's current implementation computes it: over the whole cross
product, ignoring pairs whose ranking is NULL. A `leftouter` join keeps a row of `df` that has
no candidate, with NULLs on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine.errors import AnalysisException, PySparkTypeError

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame

_JOIN_TYPES = {"inner": "inner", "leftouter": "left", "left_outer": "left", "left": "left"}


def _invalid(sub: str, message: str) -> AnalysisException:
    return AnalysisException(f"Invalid nearest-by join. {message}", f"NEAREST_BY_JOIN.{sub}")


def nearest_by_join(df: DataFrame, other: DataFrame, ranking: Any, num_results: int,
                    mode: str, direction: str, join_type: str = "inner") -> DataFrame:
    from dfengine.sql import functions as F
    from dfengine.sql.column import Column
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.window import Window

    if not isinstance(other, DataFrame):
        raise PySparkTypeError(f"other should be a DataFrame, got {type(other).__name__}",
                               "NOT_DATAFRAME")
    if not isinstance(ranking, Column):
        raise PySparkTypeError(f"rankingExpression should be a Column, got "
                               f"{type(ranking).__name__}", "NOT_COLUMN")
    k = int(num_results)
    if not 1 <= k <= 100000:
        raise _invalid("NUM_RESULTS_OUT_OF_RANGE", f"The number of results {k} must be "
                       "between 1 and 100000.")
    if str(mode).lower() not in ("approx", "exact"):
        raise _invalid("UNSUPPORTED_MODE", f"Unsupported nearest-by join mode '{mode}'. "
                       "Supported modes include: 'approx', 'exact'.")
    if str(direction).lower() not in ("distance", "similarity"):
        raise _invalid("UNSUPPORTED_DIRECTION", f"Unsupported nearest-by join direction "
                       f"'{direction}'. Supported nearest-by join directions include: "
                       "'distance', 'similarity'.")
    how = _JOIN_TYPES.get(str(join_type).lower().replace(" ", ""))
    if how is None:
        raise _invalid("UNSUPPORTED_JOIN_TYPE", f"Unsupported nearest-by join type "
                       f"{join_type}. Supported types: 'INNER', 'LEFT OUTER'.")
    row = "__nearest_row"
    left = df.withColumn(row, F.monotonically_increasing_id())
    joined = left.join(other, ranking.isNotNull(), how)
    order = ranking.asc_nulls_last() if direction.lower() == "distance" else (
        ranking.desc_nulls_last())
    rank = F.row_number().over(Window.partitionBy(row).orderBy(order))
    names = [Column(a) for a in df._plan.output] + [Column(a) for a in other._plan.output]
    return joined.select(*names, rank.alias("__nearest_rank")).where(
        F.col("__nearest_rank") <= k).select(*names)
