"""`Observation` and `df.observe(...)`: named aggregate metrics of a DataFrame, available
once an action has run on it (or on a DataFrame built from it).

The observed DataFrame gets a pass-through step that notes, when a partition of it is
computed, that an action reached it. `Observation.get` then computes the metrics over the
observed plan once (one aggregation job) and keeps them, so `get` gives the same dict each
time, as in Spark.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dfengine.errors import (
    AnalysisException,
    PySparkAssertionError,
    PySparkTypeError,
    PySparkValueError,
)
from dfengine.plan import expressions as E

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.column import Column
    from dfengine.sql.dataframe import DataFrame


class Observation:
    def __init__(self, name: str | None = None) -> None:
        if name is not None and not isinstance(name, str):
            raise PySparkTypeError(f"name should be a str, got {type(name).__name__}",
                                   "NOT_STR")
        if name == "":
            raise PySparkValueError("name should not be empty", "VALUE_NOT_NON_EMPTY_STR")
        import uuid

        self._name = name or str(uuid.uuid4())
        self._df: DataFrame | None = None
        self._exprs: tuple = ()
        self._triggered = threading.Event()
        self._result: dict[str, Any] | None = None

    def _on(self, df: DataFrame, exprs: tuple) -> DataFrame:
        if self._df is not None:
            raise PySparkAssertionError("An Observation can be used with a DataFrame only once.",
                                        "REUSE_OBSERVATION")
        self._df = df
        self._exprs = exprs
        triggered = self._triggered

        def mark(table: pa.Table) -> pa.Table:
            triggered.set()
            return table

        mark.observation = self  # type: ignore[attr-defined]  # a stream's batches report it
        return df._map_partitions(mark, df.schema, f"CollectMetrics {self._name}")

    def batch_metrics(self, session: Any, child: Any) -> Any:
        """The metrics over `child` (the observed plan of one streaming micro-batch), as the
        Row a query progress's `observedMetrics[name]` holds."""
        from dfengine.plan import logical as L
        from dfengine.sql.dataframe import DataFrame

        node = L.Aggregate((), tuple(E.named(x._expr) for x in self._exprs), child)
        return DataFrame(session._analyze(node), session).collect()[0]

    @property
    def get(self) -> dict[str, Any]:
        """The metrics by name. Raises if no action ran on the observed DataFrame yet
        (Spark would wait for one forever)."""
        if self._df is None:
            raise PySparkAssertionError("call DataFrame.observe before Observation.get",
                                        "NO_OBSERVE_BEFORE_GET")
        if self._result is None:
            if not self._triggered.is_set():
                raise PySparkAssertionError(
                    f"Observation {self._name!r}: no action has run on the observed DataFrame "
                    "yet; run one (collect, count, write...) before reading the metrics.",
                    "NO_ACTION_BEFORE_GET")
            row = self._df.agg(*self._exprs).collect()[0]
            self._result = row.asDict()
        return dict(self._result)


def observe(df: DataFrame, observation: Any, *exprs: Column) -> DataFrame:
    from dfengine.sql.column import Column

    if not exprs:
        raise PySparkValueError("'exprs' should not be empty", "CANNOT_BE_EMPTY")
    for x in exprs:
        if not isinstance(x, Column):
            raise PySparkTypeError("all exprs should be Column", "NOT_LIST_OF_COLUMN")
        if not E.is_aggregate(x._expr):
            raise AnalysisException(
                "observed "
                f"metrics must be aggregates: {x._expr.sql()}.",
                "INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE")
    if isinstance(observation, str):
        observation = Observation(observation)
    if not isinstance(observation, Observation):
        raise PySparkTypeError("observation should be an Observation or a str",
                               "NOT_OBSERVATION_OR_STR")
    return observation._on(df, exprs)
