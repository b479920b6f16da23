"""`spark.tvf` (table-valued functions as DataFrames) and the checks of session tags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine.errors import PySparkNotImplementedError, PySparkTypeError, PySparkValueError

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession


def check_tag(tag: Any) -> None:
    """Spark's rules for operation tags: a non-empty string without ','."""
    if not isinstance(tag, str):
        raise PySparkTypeError(f"tag should be a str, got {type(tag).__name__}", "NOT_STR")
    if not tag:
        raise PySparkValueError("Spark Connect tag cannot be an empty string.",
                                "VALUE_NOT_NON_EMPTY_STR")
    if "," in tag:
        raise PySparkValueError(f"Spark Connect tag cannot contain ',': {tag!r}",
                                "VALUE_ALLOWED")


class TableValuedFunction:
    """`spark.tvf.<name>(...)`: the generators of `pyspark.sql.functions` run over one row,
    as the table functions of the same names in SQL (`SELECT * FROM explode(array(1, 2))`)."""

    def __init__(self, session: SparkSession) -> None:
        self._s = session

    def range(self, start: int, end: int | None = None, step: int = 1,
              numPartitions: int | None = None) -> DataFrame:
        return self._s.range(start, end, step, numPartitions)

    def _generate(self, name: str, *args: Any) -> DataFrame:
        from dfengine.sql import functions as F

        fn = getattr(F, name, None)
        if fn is None:
            raise PySparkNotImplementedError(
                f"spark.tvf.{name} needs functions.{name}, which dfengine does not have yet.",
                "NOT_IMPLEMENTED")
        from dfengine.sql.lateral_join import OuterTableFunction, names_outer

        if any(names_outer(a) for a in args):  # only meaningful as df.lateralJoin(...)'s side
            return OuterTableFunction(fn, args)  # type: ignore[return-value]
        return self._s.range(1).select(fn(*args))

    def explode(self, collection: Any) -> DataFrame:
        return self._generate("explode", collection)

    def explode_outer(self, collection: Any) -> DataFrame:
        return self._generate("explode_outer", collection)

    def posexplode(self, collection: Any) -> DataFrame:
        return self._generate("posexplode", collection)

    def posexplode_outer(self, collection: Any) -> DataFrame:
        return self._generate("posexplode_outer", collection)

    def inline(self, input: Any) -> DataFrame:
        return self._generate("inline", input)

    def inline_outer(self, input: Any) -> DataFrame:
        return self._generate("inline_outer", input)

    def stack(self, n: Any, *fields: Any) -> DataFrame:
        return self._generate("stack", n, *fields)

    def json_tuple(self, input: Any, *fields: Any) -> DataFrame:
        return self._generate("json_tuple", input, *fields)

    def sql_keywords(self) -> DataFrame:
        return self._s.sql("SELECT * FROM sql_keywords()")

    def collations(self) -> DataFrame:
        return self._s.sql("SELECT * FROM collations()")

    def variant_explode(self, input: Any) -> DataFrame:
        return self._generate("variant_explode", input)

    def variant_explode_outer(self, input: Any) -> DataFrame:
        return self._generate("variant_explode_outer", input)

    def python_worker_logs(self) -> DataFrame:
        raise PySparkNotImplementedError(
            "spark.tvf.python_worker_logs reads Spark's Python worker logs; dfengine runs "
            "Python functions in its own process, whose output goes to the usual logging.",
            "NOT_IMPLEMENTED")
