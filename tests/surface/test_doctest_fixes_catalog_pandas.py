"""Failing PySpark docstring examples of the catalog, types, readwriter and pandas modules
(benchmarks/pyspark_doctests.py), each compared with PySpark itself on tiny data."""

from __future__ import annotations

import doctest
import shutil
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from tests.surface.pyspark_compare import both as _both
from tests.surface.pyspark_compare import same as _same

pytestmark = pytest.mark.pyspark


ROWS = [(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0), (None, 4.0)]


# ------------------------------------------------------------------------------- types


@pytest.mark.parametrize("ddl", ["a DOUBLE, b CHAR( 50 )", "a VARCHAR(3) NOT NULL",
                                 "m map<varchar(2), array<char(1)>>", "char(7)"])
def test_parse_datatype_string_keeps_char_and_varchar(pyspark_session, ddl):
    from pyspark.sql.types import _parse_datatype_string as p_parse

    from dfengine.sql.types import _parse_datatype_string as d_parse

    d, p = d_parse(ddl), p_parse(ddl)
    assert repr(d) == repr(p)
    assert d.simpleString() == p.simpleString()
    assert d.json() == p.json()


def test_char_types_round_trip_json_and_compute_as_strings(spark, pyspark_session):
    from pyspark.sql import types as PT

    from dfengine.sql import types as DT

    d = DT.StructType([DT.StructField("c", DT.CharType(10)), DT.StructField("v", DT.VarcharType(3))])
    p = PT.StructType([PT.StructField("c", PT.CharType(10)), PT.StructField("v", PT.VarcharType(3))])
    assert d.json() == p.json()
    assert DT.StructType.fromJson(p.jsonValue()) == d
    assert d != DT.StructType([DT.StructField("c", DT.StringType()),
                               DT.StructField("v", DT.StringType())])
    dd, pp = _both(spark, pyspark_session, [("abcdef",), (None,)], "s string")
    _same(dd.select(dd.s.cast("varchar(2)"), dd.s.cast(DT.CharType(3)).alias("c")),
          pp.select(pp.s.cast("varchar(2)"), pp.s.cast(PT.CharType(3)).alias("c")))
    _same(dd.selectExpr("CAST(s AS CHAR(2)) AS x"), pp.selectExpr("CAST(s AS CHAR(2)) AS x"))


# ------------------------------------------------------------------ grouped map: forms


def _pandas_functions() -> dict:
    """Built inside a function: PySpark's workers unpickle them by value, not by module."""

    def filter_iter(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield batch[batch["v"] > 2.0][["v"]]

    def keyed_iter(key: tuple, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield batch.assign(id=key[0], doubled=batch["v"] * 2)[["id", "doubled"]]

    def mean_with_key(key, pdf):
        # keys arrive as numpy scalars (numpy.int64 for a long), as pandas gives them
        return pd.DataFrame([key + (pdf.v.mean(), type(key[0]).__module__)])

    return {"filter_iter": filter_iter, "keyed_iter": keyed_iter, "mean_with_key": mean_with_key}


@pytest.mark.parametrize(("func", "schema"), [
    ("filter_iter", "v double"),
    ("keyed_iter", "id long, doubled double"),
    ("mean_with_key", "id long, v double, key_module string"),
])
def test_apply_in_pandas_iterator_forms_and_keys(spark, pyspark_session, func, schema):
    func = _pandas_functions()[func]
    d, p = _both(spark, pyspark_session, ROWS, "id long, v double")
    _same(d.groupby("id").applyInPandas(func, schema),
          p.groupby("id").applyInPandas(func, schema), ordered=False)


def _arrow_functions() -> tuple:
    """Built inside a function, as _pandas_functions."""

    def _arrow_sum_iter(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        total = 0.0
        for batch in batches:
            total += pc.sum(batch.column("v")).as_py()
        yield pa.RecordBatch.from_pydict({"v": [total]})

    def _arrow_keyed_iter(key: tuple[pa.Scalar, ...], batches: Iterator[pa.RecordBatch]
                          ) -> Iterator[pa.RecordBatch]:
        n = sum(b.num_rows for b in batches)
        yield pa.RecordBatch.from_pydict({"id": [key[0].as_py()], "n": [n],
                                          "scalar": [isinstance(key[0], pa.Scalar)]})

    def _arrow_two_keys(key, table):
        return pa.Table.from_pydict({"id": [key[0].as_py()], "c": [key[1].as_py()],
                                     "v": [pc.sum(table.column("v")).as_py()]})

    return _arrow_sum_iter, _arrow_keyed_iter, _arrow_two_keys


def test_apply_in_arrow_iterator_forms_and_scalar_keys(spark, pyspark_session):
    from pyspark.sql import functions as PF

    from dfengine.sql import functions as F

    _arrow_sum_iter, _arrow_keyed_iter, _arrow_two_keys = _arrow_functions()
    # (PySpark refuses the null-typed column a NULL key's pyarrow scalar makes)
    d, p = _both(spark, pyspark_session, ROWS[:-1], "id long, v double")
    _same(d.groupby("id").applyInArrow(_arrow_sum_iter, "v double"),
          p.groupby("id").applyInArrow(_arrow_sum_iter, "v double"), ordered=False)
    schema = "id long, n long, scalar boolean"
    _same(d.groupby("id").applyInArrow(_arrow_keyed_iter, schema),
          p.groupby("id").applyInArrow(_arrow_keyed_iter, schema), ordered=False)
    schema = "id long, c long, v double"
    _same(d.groupby(d.id, F.ceil(d.v / 2)).applyInArrow(_arrow_two_keys, schema),
          p.groupby(p.id, PF.ceil(p.v / 2)).applyInArrow(_arrow_two_keys, schema),
          ordered=False)


def test_cogroup_apply_in_arrow_gets_scalar_keys(spark, pyspark_session):
    rows1 = [(1, 1.0), (2, 2.0), (1, 3.0), (2, 4.0), (3, 1.0)]
    rows2 = [(1, "x"), (2, "y"), (4, "z")]
    d1, p1 = _both(spark, pyspark_session, rows1, "id long, v double")
    d2, p2 = _both(spark, pyspark_session, rows2, "id long, s string")
    def _cogroup_summary(key, left, right):
        return pa.Table.from_pydict({"key": [key[0].as_py()], "left": [left.num_rows],
                                     "right": [right.num_rows]})

    schema = "key long, left long, right long"
    _same(d1.groupby("id").cogroup(d2.groupby("id")).applyInArrow(_cogroup_summary, schema),
          p1.groupby("id").cogroup(p2.groupby("id")).applyInArrow(_cogroup_summary, schema),
          ordered=False)


def test_iterator_typed_function_that_returns_a_frame_is_a_clear_error(spark):
    from dfengine.errors import PythonException

    def not_a_generator(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return pd.DataFrame({"v": [1.0]})

    d = spark.createDataFrame(ROWS, "id long, v double")
    with pytest.raises(PythonException, match="INVALID_RETURN_TYPE"):
        d.groupby("id").applyInPandas(not_a_generator, "v double").collect()


# --------------------------------------------------------------- arrow_udf aggregates


def test_arrow_udf_iterator_aggregates(spark, pyspark_session):
    from pyspark.sql.functions import arrow_udf as p_arrow_udf

    from dfengine.sql.functions import arrow_udf as d_arrow_udf

    def mean(it: Iterator[pa.Array]) -> float:
        total, n = 0.0, 0
        for v in it:
            assert isinstance(v, pa.Array)
            total += pc.sum(v).as_py() or 0.0
            n += len(v) - v.null_count
        return total / n if n else None

    def weighted(it: Iterator[tuple[pa.Array, pa.Array]]) -> float:
        num = den = 0.0
        for v, w in it:
            num += pc.sum(pc.multiply(v, w)).as_py()
            den += pc.sum(w).as_py()
        return num / den

    rows = [(1, 1.0, 1.0), (1, 2.0, 2.0), (2, 3.0, 1.0), (2, 5.0, 2.0), (2, None, 3.0)]
    d, p = _both(spark, pyspark_session, rows, "id long, v double, w double")
    dm, pm = d_arrow_udf("double")(mean), p_arrow_udf("double")(mean)
    dw, pw = d_arrow_udf("double")(weighted), p_arrow_udf("double")(weighted)
    _same(d.groupby("id").agg(dm(d.v)), p.groupby("id").agg(pm(p.v)), ordered=False)
    _same(d.groupby("id").agg(dw(d.v, d.w)), p.groupby("id").agg(pw(p.v, p.w)), ordered=False)
    _same(d.agg(dm("v")), p.agg(pm("v")))


# ----------------------------------------------------------------------- readers


def test_read_json_of_several_paths_reads_the_largest_file_first(spark, pyspark_session,
                                                                 tmp_path):
    for name, session in (("d", spark), ("p", pyspark_session)):
        session.createDataFrame([(30, "Bob")], "age long, name string").write.json(
            str(tmp_path / name / "a"))
        session.createDataFrame([(25, "Alice")], "age long, name string").write.json(
            str(tmp_path / name / "b"))
    d = spark.read.json([str(tmp_path / "d" / "a"), str(tmp_path / "d" / "b")])
    p = pyspark_session.read.json([str(tmp_path / "p" / "a"), str(tmp_path / "p" / "b")])
    _same(d, p)


def test_read_json_and_csv_of_a_dataframe(spark, pyspark_session):
    rows = [('{"name": "Alice", "age": 25}',), ('{"name": "Bob", "age": 30}',), (None,),
            ("not json",), ('{\n "name": "Carl",\n "age": 40\n}',)]
    d, p = _both(spark, pyspark_session, rows, "value string")
    _same(spark.read.json(d), pyspark_session.read.json(p))
    _same(spark.read.json(d, schema="name string, age int"),
          pyspark_session.read.json(p, schema="name string, age int"))
    c_rows = [("a,1",), ("b,2",)]
    d, p = _both(spark, pyspark_session, c_rows, "value string")
    _same(spark.read.csv(d, inferSchema=True), pyspark_session.read.csv(p, inferSchema=True))


@pytest.mark.parametrize(("rows", "schema", "error_class"), [
    ([(1,)], "v int", "DATAFRAME_INPUT_NOT_STRING_TYPE"),
    ([("{}", "x")], "a string, b string", "DATAFRAME_INPUT_NOT_SINGLE_COLUMN"),
])
def test_read_json_of_a_wrong_dataframe_is_refused_as_pyspark(spark, pyspark_session, rows,
                                                               schema, error_class):
    from pyspark.errors import AnalysisException as PAnalysisException

    from dfengine.errors import AnalysisException

    d, p = _both(spark, pyspark_session, rows, schema)
    with pytest.raises(PAnalysisException, match=error_class):
        pyspark_session.read.json(p)
    with pytest.raises(AnalysisException, match=error_class):
        spark.read.json(d)


# ----------------------------------------------------------------------- catalog


def test_permanent_view_of_literals_needs_no_alias(spark, pyspark_session):
    from dfengine.errors import AnalysisException

    for s in (spark, pyspark_session):
        s.sql("DROP VIEW IF EXISTS h5_lit_view")
        s.sql("CREATE VIEW h5_lit_view AS SELECT 1, 'a', NULL, -2, true")
    try:
        _same(spark.table("h5_lit_view"), pyspark_session.table("h5_lit_view"))
        assert spark.catalog.tableExists("h5_lit_view")
        with pytest.raises(AnalysisException, match="CREATE_PERMANENT_VIEW_WITHOUT_ALIAS"):
            spark.sql("CREATE VIEW h5_lit_view2 AS SELECT 1 + 1")
    finally:
        for s in (spark, pyspark_session):
            s.sql("DROP VIEW IF EXISTS h5_lit_view")


def test_partitions_under_a_path_option_wait_for_recover_partitions(spark, pyspark_session,
                                                                    tmp_path):
    counts = {}
    for name, s in (("d", spark), ("p", pyspark_session)):
        path = str(tmp_path / name)
        s.range(2).selectExpr("id as key", "id as value").write.partitionBy("key").format(
            "csv").save(path)
        s.sql("DROP TABLE IF EXISTS h5_parts")
        s.sql("CREATE TABLE h5_parts (key LONG, value LONG) USING csv OPTIONS (header false, "
              f"path '{path}') PARTITIONED BY (key)")
        before = s.table("h5_parts").count()
        s.catalog.recoverPartitions("h5_parts")
        counts[name] = (before, sorted(tuple(r) for r in s.table("h5_parts").collect()),
                        s.table("h5_parts").columns)
        s.sql("DROP TABLE h5_parts")
    assert counts["d"] == counts["p"]
    assert counts["d"][0] == 0


def test_a_removed_table_location_reads_as_empty(spark, pyspark_session, tmp_path):
    counts = {}
    for name, s in (("d", spark), ("p", pyspark_session)):
        path = tmp_path / name
        path.mkdir()
        s.sql("DROP TABLE IF EXISTS h5_gone")
        s.sql(f"CREATE TABLE h5_gone (col STRING) USING TEXT LOCATION '{path}'")
        s.sql("INSERT INTO h5_gone SELECT 'abc'")
        s.catalog.cacheTable("h5_gone")
        first = s.table("h5_gone").count()
        shutil.rmtree(path)
        cached = s.table("h5_gone").count()
        s.catalog.refreshByPath(str(path))
        counts[name] = (first, cached, s.table("h5_gone").count())
        s.sql("DROP TABLE h5_gone")
    assert counts["d"] == counts["p"] == (1, 1, 0)


def test_create_function_of_a_class_is_listed_and_refused_when_called(spark, pyspark_session):
    from dfengine.errors import AnalysisException

    for s in (spark, pyspark_session):
        s.sql("DROP FUNCTION IF EXISTS h5_class_fn")
        s.sql("CREATE FUNCTION h5_class_fn AS 'org.example.MyDoubleAvg'")
    try:
        for name in ("h5_class_fn", "default.h5_class_fn", "spark_catalog.default.h5_class_fn"):
            d, p = spark.catalog.getFunction(name), pyspark_session.catalog.getFunction(name)
            assert (d.name, d.catalog, d.namespace, d.className, d.isTemporary) == (
                p.name, p.catalog, p.namespace, p.className, p.isTemporary)
            assert spark.catalog.functionExists(name)
        assert [f.name for f in spark.catalog.listFunctions(pattern="h5_class*")] == [
            "h5_class_fn"]
        with pytest.raises(AnalysisException, match="ROUTINE_ALREADY_EXISTS"):
            spark.sql("CREATE FUNCTION h5_class_fn AS 'x'")
        spark.sql("CREATE FUNCTION IF NOT EXISTS h5_class_fn AS 'x'")
        with pytest.raises(AnalysisException, match="CANNOT_LOAD_FUNCTION_CLASS"):
            spark.sql("SELECT h5_class_fn(1)").collect()
        with pytest.raises(AnalysisException, match="CANNOT_LOAD_FUNCTION_CLASS"):
            spark.sql("CREATE TEMPORARY FUNCTION h5_temp_fn AS 'x'")
    finally:
        for s in (spark, pyspark_session):
            s.sql("DROP FUNCTION IF EXISTS h5_class_fn")
    assert not spark.catalog.functionExists("h5_class_fn")
    with pytest.raises(AnalysisException, match="ROUTINE_NOT_FOUND"):
        spark.sql("DROP FUNCTION h5_class_fn")


# ----------------------------------------------------------------- streaming names


def test_streaming_state_and_stateful_processor_names():
    from pyspark.sql.streaming.state import GroupStateTimeout as PTimeout

    from dfengine.sql.streaming import StatefulProcessor, StatefulProcessorHandle
    from dfengine.sql.streaming.state import GroupStateImpl, GroupStateTimeout

    for name in ("NoTimeout", "ProcessingTimeTimeout", "EventTimeTimeout"):
        assert getattr(GroupStateTimeout, name) == getattr(PTimeout, name)
    assert StatefulProcessor.__name__ == "StatefulProcessor"
    assert StatefulProcessorHandle.__name__ == "StatefulProcessorHandle"
    assert GroupStateImpl.__name__ == "GroupState"


# ------------------------------------------------------------ the doctest checker


def test_checker_matches_an_exception_without_error_class_by_class_and_words():
    from benchmarks.doctest_triage import Checker

    checker = Checker()
    got = "dfengine.errors.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table `t` ...\n"
    assert checker.check_output("AnalysisException: ...\n", got, doctest.ELLIPSIS)
    assert not checker.check_output("ParseException: ...\n", got, doctest.ELLIPSIS)
    want = 'pyspark...SparkNoSuchElementException: ... The SQL config "k" cannot be found...\n'
    assert checker.check_output(
        want, 'dfengine.errors.SparkNoSuchElementException: [SQL_CONF_NOT_FOUND] The SQL '
        'config "k" cannot be found. Please verify.\n', doctest.ELLIPSIS)
    assert not checker.check_output(
        want, 'dfengine.errors.SparkNoSuchElementException: [X] something else\n',
        doctest.ELLIPSIS)
