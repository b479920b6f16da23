"""`spark.read.jdbc` / `df.write.jdbc` (and format("jdbc")) over dfengine.datasource.jdbc:
a read is one Dask task per partition predicate; a write inserts partition by partition in
one transaction (SQLite allows one writer), so a failed write leaves the table as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dfengine.datasource import jdbc as J
from dfengine.errors import AnalysisException, IllegalArgumentException

if TYPE_CHECKING:  # pragma: no cover
    from dfengine.sql.dataframe import DataFrame
    from dfengine.sql.session import SparkSession


def _predicates(options: dict[str, str]) -> list[str | None]:
    column = options.get("partitioncolumn")
    if not column:
        return [None]
    try:
        lower, upper = int(options["lowerbound"]), int(options["upperbound"])
        n = int(options["numpartitions"])
    except (KeyError, ValueError):
        raise IllegalArgumentException(
            "When reading JDBC data sources, users need to specify all or none for the "
            "following options: 'partitionColumn', 'lowerBound', 'upperBound', and "
            "'numPartitions'", "JDBC_PARTITION_OPTIONS") from None
    if lower > upper:
        raise IllegalArgumentException(
            f"Operation not allowed: the lower bound of partitioning column is larger than the "
            f"upper bound. Lower bound: {lower}; Upper bound: {upper}",
            "INVALID_PARTITION_BOUNDS")
    return J.stride_predicates(column, lower, upper, n)


def read_jdbc(session: SparkSession, options: dict[str, str],
              predicates: list[str] | None = None) -> DataFrame:
    import dask

    url = options.get("url")
    if not url:
        raise IllegalArgumentException("Option 'url' is required for a JDBC source.",
                                       "JDBC_MISSING_URL")
    source = J.source_sql(options)
    schema = J.schema_of(url, source)
    if options.get("customschema"):
        from dfengine import types as T

        custom = T._parse_datatype_string(options["customschema"])
        given = {f.name.lower(): f for f in custom.fields}
        schema = T.StructType([given.get(f.name.lower(), f) for f in schema.fields])
    preds = list(predicates) if predicates else _predicates(options)
    parts = [dask.delayed(J.read_partition, pure=False)(url, source, p, schema) for p in preds]
    return session._from_delayed(parts, schema, "JDBCRelation")


def write_jdbc(df: DataFrame, options: dict[str, str], mode: str) -> None:
    url, table = options.get("url"), options.get("dbtable")
    if not url or not table:
        raise IllegalArgumentException("Options 'url' and 'dbtable' are required for a JDBC "
                                       "write.", "JDBC_MISSING_TABLE")
    con = J.connect(url)
    try:
        exists = J.table_exists(con, table)
        if exists and mode == "errorifexists":
            raise AnalysisException(f"Table or view '{table}' already exists. SaveMode: "
                                    "ErrorIfExists.", "TABLE_OR_VIEW_ALREADY_EXISTS")
        if exists and mode == "ignore":
            return
        with con:  # one transaction
            if exists and mode == "overwrite":
                if options.get("truncate", "false").lower() == "true":
                    con.execute(f"DELETE FROM {table}")
                else:
                    con.execute(f"DROP TABLE {table}")
                    exists = False
            if not exists:
                J.create_table(con, table, df.schema, options)
            J.insert_batches(con, table, df.columns, _batches(df))
    finally:
        con.close()


def _batches(df: DataFrame) -> Any:
    return df.toArrow().to_batches(max_chunksize=10_000)
