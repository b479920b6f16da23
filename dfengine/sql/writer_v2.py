"""`df.writeTo(table)`: DataFrameWriterV2 over the session's catalog tables.

create / replace / createOrReplace make the table from the DataFrame (its schema, `using`,
`partitionedBy`, `tableProperty`, `option`); append adds rows by name; overwrite(condition)
replaces the rows matching the condition; overwritePartitions replaces the partitions the
data has. (PySpark refuses append/overwrite on its built-in v1 tables; dfengine allows them.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine.errors import AnalysisException

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame


def _column_name(c: Any) -> str:
    if isinstance(c, str):
        return c
    expr = getattr(c, "_expr", None)
    name = getattr(expr, "name", None)
    if isinstance(name, str):
        return name
    raise AnalysisException(f"partitionedBy takes column names; {c!r} is a transform "
                            "dfengine does not support.", "UNSUPPORTED_FEATURE")


class DataFrameWriterV2:
    def __init__(self, df: DataFrame, table: str):
        self._df = df
        self._table = table
        self._provider: str | None = None
        self._options: dict[str, str] = {}
        self._properties: dict[str, str] = {}
        self._partitioning: list[str] = []

    @property
    def _t(self) -> Any:
        return self._df.sparkSession._tables

    def using(self, provider: str) -> DataFrameWriterV2:
        self._provider = provider.lower()
        return self

    def option(self, key: str, value: Any) -> DataFrameWriterV2:
        self._options[key] = str(value)
        return self

    def options(self, **options: Any) -> DataFrameWriterV2:
        for k, v in options.items():
            self.option(k, v)
        return self

    def tableProperty(self, property: str, value: str) -> DataFrameWriterV2:
        self._properties[property] = value
        return self

    def partitionedBy(self, col: Any, *cols: Any) -> DataFrameWriterV2:
        self._partitioning = [_column_name(c) for c in (col, *cols)]
        return self

    def clusterBy(self, col: Any, *cols: Any) -> DataFrameWriterV2:
        return self  # clustering is a layout hint; the data is the same

    def _create(self, replace: bool) -> None:
        self._t.create_table(self._table, None, self._provider or self._t._default_source(),
                             self._partitioning, self._options.pop("path", None), None,
                             self._properties, self._options, query=self._df, replace=replace)

    def create(self) -> None:
        self._create(replace=False)

    def replace(self) -> None:
        self._t.table(self._table)  # TABLE_OR_VIEW_NOT_FOUND when it does not exist
        self._create(replace=True)

    def createOrReplace(self) -> None:
        self._create(replace=True)

    def append(self) -> None:
        t = self._t.table(self._table)
        self._t.write(t, self._t.align(t, self._df, {}, by_name=True), overwrite=False)

    def overwrite(self, condition: Any) -> None:
        """Delete the rows matching `condition`, then append the DataFrame's rows."""
        from dfengine.sql import functions as F

        t = self._t.table(self._table)
        new = self._t.align(t, self._df, {}, by_name=True)
        cond = F.expr(condition) if isinstance(condition, str) else condition
        kept = self._df.sparkSession.table(self._table).filter(~F.coalesce(cond, F.lit(False)))
        data = kept.unionByName(new).localCheckpoint()
        self._t.write(t, data, overwrite=True)

    def overwritePartitions(self) -> None:
        t = self._t.table(self._table)
        data = self._t.align(t, self._df, {}, by_name=True)
        self._t.write(t, data, overwrite=True, dynamic_overwrite=True)
