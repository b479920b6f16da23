"""RDDs and DataFrames on the same runtime: `rdd.toDF`, `createDataFrame(rdd)` and `df.rdd`.

Both directions stay lazy and share one Dask graph: an RDD becomes a DataFrame whose partitions
are delayed tasks turning the RDD's partition (a list of Rows, tuples, dicts or values) into a
`pyarrow.Table`; a DataFrame becomes an RDD whose source partitions are the DataFrame's delayed
Arrow tables converted to lists of `Row`.
"""

from __future__ import annotations

from typing import Any

from dfengine.errors import PySparkValueError
from dfengine.rdd import tasks
from dfengine.rdd.rdd import RDD


def _session(rdd: RDD, session: Any) -> Any:
    from dfengine.sql import SparkSession

    if session is not None:
        return session
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    return SparkSession.builder.getOrCreate()


def _struct(schema: Any, names: list[str] | None) -> tuple[Any, list[str] | None, bool]:
    """(StructType or None, column names, whether records are bare values to wrap)."""
    from dfengine import types as T

    if isinstance(schema, T.StructType):
        return schema, names, False
    if isinstance(schema, T.DataType):
        return T.StructType([T.StructField("value", schema, True)]), names, True
    if isinstance(schema, str):
        dt = T._parse_datatype_string(schema)
        if isinstance(dt, T.StructType):
            return dt, names, False
        return T.StructType([T.StructField("value", dt, True)]), names, True
    if isinstance(schema, (list, tuple)):
        return None, [str(n) for n in schema], False
    return None, names, False


def rdd_to_dataframe(rdd: RDD, schema: Any = None, sampleRatio: float | None = None,
                     session: Any = None, names: list[str] | None = None) -> Any:
    """A DataFrame over the records of `rdd` (schema given, DDL, column names, or inferred)."""
    from dask.delayed import Delayed

    from dfengine.rdd.graph import GraphBuilder
    from dfengine.sql.rows import infer_schema

    spark = _session(rdd, session)
    st, names, wrap = _struct(schema, names)
    if st is None:
        sample = rdd.take(100)
        if not sample:
            raise PySparkValueError(
                "The first row in RDD is empty, can not infer schema; pass a schema to toDF or "
                "createDataFrame.",
                error_class="CANNOT_INFER_EMPTY_SCHEMA",
            )
        st = infer_schema(sample, names)
    elif names:
        st = st.__class__([f.__class__(n, f.dataType, f.nullable) for n, f in zip(names, st.fields)])
    b = GraphBuilder(rdd.ctx)
    exprs = b.exprs(rdd)
    name = f"toDF-{b.token}"
    spec = tasks.Opaque((st, wrap))
    keys = []
    for i, e in enumerate(exprs):
        key = (name, i)
        b.graph[key] = (_to_table, spec, e)
        keys.append(key)
    graph = {k: v for k, v in b.graph.items() if k in b.needed(keys)}
    parts = [Delayed(k, graph) for k in keys]
    return spark._from_delayed(parts, st)


def _to_table(spec: tasks.Opaque, part: list) -> Any:
    from dfengine.sql.rows import rows_to_arrow

    st, wrap = spec.value
    rows = [(v,) for v in part] if wrap else list(part)
    return rows_to_arrow(rows, st)


class DataFrameRDD(RDD):
    """`df.rdd`: the DataFrame's partitions as lists of `Row`."""

    _kind = "MapPartitionsRDD"

    def __init__(self, ctx: Any, parts: list, schema: Any):
        super().__init__(ctx, "javaToPython")
        self._parts = parts
        self._schema = schema

    def getNumPartitions(self) -> int:
        return len(self._parts)

    def _lower(self, b: Any) -> list:
        out = []
        spec = tasks.Opaque(self._schema)
        for d in self._parts:
            b.graph.update(dict(d.__dask_graph__()))
            out.append((_to_rows, spec, d.key))
        return out


def _to_rows(spec: tasks.Opaque, table: Any) -> list:
    from dfengine.sql.rows import arrow_to_rows

    return arrow_to_rows(table, spec.value)


def dataframe_to_rdd(df: Any) -> RDD:
    """An RDD of `Row` computing the DataFrame's partitions lazily."""
    sc = df.sparkSession.sparkContext
    return DataFrameRDD(sc, list(df._to_delayed()), df.schema)


def install() -> None:
    """Give RDDs their DataFrame side, as PySpark patches `RDD.toDF` in when the SQL layer
    loads: the RDD layer below never imports dfengine.sql."""
    from dfengine.rdd.context import SparkContext
    from dfengine.sql.session import SparkSession

    def toDF(self: RDD, schema: Any = None, sampleRatio: float | None = None) -> Any:
        """A DataFrame of this RDD's records (Rows, tuples or dicts) on the active session."""
        return rdd_to_dataframe(self, schema, sampleRatio)

    RDD.toDF = toDF
    SparkContext._session_lookup = SparkSession.getActiveSession


install()  # importing this module gives RDDs their DataFrame side
