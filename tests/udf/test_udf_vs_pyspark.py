"""Every Python UDF form run on real PySpark (the oracle) and on dfengine: same column names,
same rows (as multisets unless ordered), same dtypes.

Each case is written once against the PySpark API and gets (spark, F, T, tmp_path); the
functions it defines are closures, so PySpark's workers receive them by value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Tuple  # noqa: UP035 - the form PySpark documents

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from tests.differential.harness import Case, Outcome, Raised, explain_difference, run_case

pytestmark = pytest.mark.pyspark

CASES: list[Case] = []


def case(ordered: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        CASES.append(Case(fn.__name__.removeprefix("case_"), fn, ordered, area="udf"))
        return fn

    return register


def _people(spark: Any) -> Any:
    return spark.createDataFrame(
        [(1, "ann", 3.5, 10), (2, None, None, 20), (3, "bob", -1.25, None),
         (4, "cy", 2.0, 10), (5, "dee", None, 20), (6, "", 8.0, 30)],
        "id int, name string, score double, grp int")


# ------------------------------------------------------------------------ plain udf


@case()
def case_udf_call_form_ddl_string(spark, F, T, tmp):
    plus = F.udf(lambda x: None if x is None else x * 2, "int")
    return _people(spark).select("id", plus("grp"), plus(F.col("id")).alias("twice"))


@case()
def case_udf_decorator_default_string(spark, F, T, tmp):
    @F.udf
    def shout(s):
        return None if s is None else s.upper() + "!"

    return _people(spark).select(shout("name"), shout(F.col("name")).alias("s2"))


@case()
def case_udf_decorator_datatype(spark, F, T, tmp):
    @F.udf(T.DoubleType())
    def ratio(a, b):
        if a is None or b is None:
            return None
        return a / b

    return _people(spark).select("id", ratio("score", "grp"))


@case()
def case_udf_null_inputs_seen_as_none(spark, F, T, tmp):
    seen = F.udf(lambda a, b, c: f"{a is None}|{b is None}|{c is None}", T.StringType())
    return _people(spark).select("id", seen("name", "score", "grp").alias("nulls"))


@case()
def case_udf_wrong_python_type_is_null(spark, F, T, tmp):
    # Spark's pickled path: an int returned for a DoubleType column, or a str for an
    # IntegerType column, is NULL; anything returned for a StringType becomes its string
    as_double = F.udf(lambda x: x, T.DoubleType(), useArrow=False)
    as_int = F.udf(lambda s: s, T.IntegerType(), useArrow=False)
    as_str = F.udf(lambda x: x, T.StringType(), useArrow=False)
    return _people(spark).select("id", as_double("grp").alias("d"), as_int("name").alias("i"),
                                 as_str("grp").alias("s"))


@case()
def case_udf_arrow_default_coerces_results(spark, F, T, tmp):
    # PySpark 4's default (Arrow-optimized): values are cast to the declared type
    as_double = F.udf(lambda x: x, T.DoubleType())
    as_int = F.udf(lambda x: x, T.IntegerType())
    as_str = F.udf(lambda x: x is None, T.StringType())
    as_strs = F.udf(lambda x: [x, x], "array<string>")
    return _people(spark).select("id", as_double("grp").alias("d"), as_int("score").alias("i"),
                                 as_str("name").alias("b"), as_strs("grp").alias("a"))


@case()
def case_udf_with_pandas_type_hints_is_vectorized(spark, F, T, tmp):
    @F.udf("long")
    def plus(s: pd.Series) -> pd.Series:
        return s + 1

    return _people(spark).select("id", plus("grp"))


@case()
def case_udf_array_and_struct_results(spark, F, T, tmp):
    arr = F.udf(lambda n: None if n is None else list(range(n % 4)), "array<int>")
    st = F.udf(lambda i, s: (i, s), "struct<i:int,s:string>")
    return _people(spark).select("id", arr("id").alias("a"), st("id", "name").alias("st"))


@case()
def case_udf_struct_and_array_inputs(spark, F, T, tmp):
    f = F.udf(lambda r: None if r is None else f"{r.id}:{r['name']}", "string")
    g = F.udf(lambda xs: None if xs is None else sum(x for x in xs if x is not None), "long")
    df = _people(spark)
    return df.select(f(F.struct("id", "name")).alias("r"),
                     g(F.array("id", "grp")).alias("total"))


@case()
def case_udf_as_nondeterministic(spark, F, T, tmp):
    f = F.udf(lambda x: x + 1, "int").asNondeterministic()
    return _people(spark).select(f("id").alias("n")).where("n > 3")


@case()
def case_udf_in_filter_and_groupby(spark, F, T, tmp):
    bucket = F.udf(lambda x: None if x is None else x // 15, "int")
    df = _people(spark)
    return df.where(bucket("grp") >= 0).groupBy(bucket("grp").alias("b")).count()


@case()
def case_udf_use_arrow(spark, F, T, tmp):
    f = F.udf(lambda x, s: None if x is None else f"{s}-{x + 1}", "string", useArrow=True)
    return _people(spark).select("id", f("grp", "name").alias("v"))


@case()
def case_udf_registered_used_from_sql(spark, F, T, tmp):
    spark.udf.register("udf_t_sq", lambda x: None if x is None else x * x, "long")
    _people(spark).createOrReplaceTempView("udf_people")
    return spark.sql("SELECT id, udf_t_sq(grp) AS sq, udf_t_sq(id) FROM udf_people "
                     "WHERE udf_t_sq(id) > 4")


@case()
def case_udf_registered_udf_object_returns_callable(spark, F, T, tmp):
    f = spark.udf.register("udf_t_len", F.udf(lambda s: None if s is None else len(s), "int"))
    _people(spark).createOrReplaceTempView("udf_people2")
    by_sql = spark.sql("SELECT id, udf_t_len(name) AS n FROM udf_people2")
    return by_sql.join(_people(spark).select("id", f("name").alias("m")), "id")


@case()
def case_udf_registered_in_selectexpr(spark, F, T, tmp):
    spark.udf.register("udf_t_neg", lambda x: None if x is None else -x, T.DoubleType())
    return _people(spark).selectExpr("id", "udf_t_neg(score) AS neg")


# ------------------------------------------------------------------------- pandas_udf


@case()
def case_pandas_series_to_series(spark, F, T, tmp):
    @F.pandas_udf("double")
    def scaled(v: pd.Series, w: pd.Series) -> pd.Series:
        return v * 10 + w

    return _people(spark).select("id", scaled("score", "grp"))


@case()
def case_pandas_strings_and_nulls(spark, F, T, tmp):
    @F.pandas_udf(T.StringType())
    def tag(s: pd.Series) -> pd.Series:
        return s.str.upper().where(s.notna(), None)

    return _people(spark).select("id", tag("name"))


@case()
def case_pandas_struct_in_struct_out(spark, F, T, tmp):
    @F.pandas_udf("n int, label string")
    def both(pdf: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"n": pdf["id"] * 2, "label": pdf["name"].fillna("?")})

    return _people(spark).select("id", both(F.struct("id", "name")).alias("r"))


@case()
def case_pandas_iterator_of_series(spark, F, T, tmp):
    @F.pandas_udf("long")
    def plus_offset(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        offset = 100  # per-partition setup happens once, then every batch streams through
        for b in batches:
            yield b + offset

    return _people(spark).select("id", plus_offset("id"))


@case()
def case_pandas_iterator_of_tuples(spark, F, T, tmp):
    @F.pandas_udf("double")
    def mul(batches: Iterator[Tuple[pd.Series, pd.Series]]) -> Iterator[pd.Series]:  # noqa: UP006
        for a, b in batches:
            yield a * b

    return _people(spark).select("id", mul("score", "grp"))


@case()
def case_pandas_function_type_without_hints(spark, F, T, tmp):
    plus = F.pandas_udf(lambda s: s + 1, "long", F.PandasUDFType.SCALAR)
    return _people(spark).select(plus("id").alias("p"))


@case()
def case_pandas_grouped_agg(spark, F, T, tmp):
    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    @F.pandas_udf("long")
    def weighted(v: pd.Series, w: pd.Series) -> int:
        return int((v.fillna(0) * w).sum())

    df = _people(spark)
    return df.groupBy("grp").agg(mean_udf("score"), weighted("id", "id").alias("w"))


@case()
def case_pandas_grouped_agg_global(spark, F, T, tmp):
    @F.pandas_udf("double")
    def total(v: pd.Series) -> float:
        return float(v.sum())

    return _people(spark).agg(total("score").alias("t"))


@case()
def case_pandas_grouped_agg_over_window(spark, F, T, tmp):
    from pyspark.sql import Window as PW  # noqa: F401 - replaced below on dfengine

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    window_cls = _window_class(spark)
    w = window_cls.partitionBy("grp")
    return _people(spark).select("id", mean_udf("score").over(w).alias("m"))


@case()
def case_pandas_grouped_agg_bounded_frame(spark, F, T, tmp):
    @F.pandas_udf("double")
    def total(v: pd.Series) -> float:
        return float(v.sum())

    window_cls = _window_class(spark)
    w = window_cls.partitionBy("grp").orderBy("id").rowsBetween(-1, 0)
    return _people(spark).select("id", total("id").over(w).alias("s"))


@case()
def case_pandas_grouped_agg_registered_in_sql(spark, F, T, tmp):
    @F.pandas_udf("double")
    def med(v: pd.Series) -> float:
        return float(v.median())

    spark.udf.register("udf_t_median", med)
    _people(spark).createOrReplaceTempView("udf_people3")
    return spark.sql("SELECT grp, udf_t_median(id) AS m FROM udf_people3 GROUP BY grp")


@case()
def case_pandas_scalar_registered_in_sql(spark, F, T, tmp):
    @F.pandas_udf("long")
    def double_it(v: pd.Series) -> pd.Series:
        return v * 2

    spark.udf.register("udf_t_double", double_it)
    _people(spark).createOrReplaceTempView("udf_people4")
    return spark.sql("SELECT id, udf_t_double(id) AS d FROM udf_people4")


@case()
def case_pandas_grouped_agg_iterator(spark, F, T, tmp):
    @F.pandas_udf("double")
    def biggest(batches: Iterator[pd.Series]) -> float:
        return float(max(b.max() for b in batches))

    return _people(spark).groupBy("grp").agg(biggest("score").alias("top"))


@case()
def case_arrow_udf_array_to_array(spark, F, T, tmp):
    @F.arrow_udf("long")
    def times_three(a: pa.Array) -> pa.Array:
        return pc.multiply(a, 3)

    return _people(spark).select("id", times_three("grp"))


@case()
def case_udfs_on_empty_input(spark, F, T, tmp):
    @F.pandas_udf("long")
    def plus(v: pd.Series) -> pd.Series:
        return v + 1

    f = F.udf(lambda x: x, "int")
    return _people(spark).where("id > 100").select(plus("id"), f("grp"))


@case()
def case_map_in_pandas_and_arrow_kept(spark, F, T, tmp):
    def evens(frames):
        for pdf in frames:
            yield pdf[pdf.id % 2 == 0][["id", "name"]]

    def names(batches):
        for b in batches:
            yield b.select(["id"])

    df = _people(spark)
    return df.mapInPandas(evens, "id int, name string").join(
        df.mapInArrow(names, "id int"), "id")


def _window_class(spark: Any) -> Any:
    if type(spark).__module__.startswith("pyspark"):
        from pyspark.sql import Window
    else:
        from dfengine.sql import Window
    return Window


# --------------------------------------------------------------------- grouped map


@case()
def case_apply_in_pandas(spark, F, T, tmp):
    def centre(pdf: pd.DataFrame) -> pd.DataFrame:
        return pdf.assign(score=pdf.score - pdf.score.mean())[["id", "grp", "score"]]

    return _people(spark).groupBy("grp").applyInPandas(centre, "id int, grp int, score double")


@case()
def case_apply_in_pandas_with_key(spark, F, T, tmp):
    def summary(key, pdf: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame({"grp": [key[0]], "n": [len(pdf)], "ids": [int(pdf.id.sum())]})

    return _people(spark).groupBy("grp").applyInPandas(summary, "grp int, n long, ids long")


@case()
def case_apply_in_arrow(spark, F, T, tmp):
    import pyarrow as pa
    import pyarrow.compute as pc

    def count_rows(table: pa.Table) -> pa.Table:
        return pa.table({"grp": table.column("grp").slice(0, 1),
                         "n": pa.array([table.num_rows], pa.int64()),
                         "top": pa.array([pc.max(table.column("id")).as_py()], pa.int32())})

    return _people(spark).groupBy("grp").applyInArrow(count_rows, "grp int, n long, top int")


@case()
def case_cogroup_apply_in_pandas(spark, F, T, tmp):
    left = _people(spark)
    right = spark.createDataFrame([(10, "x"), (10, "y"), (40, "z")], "grp int, tag string")

    def merge(lp: pd.DataFrame, rp: pd.DataFrame) -> pd.DataFrame:
        key = lp.grp.iloc[0] if len(lp) else rp.grp.iloc[0]
        return pd.DataFrame({"grp": [key], "left_n": [len(lp)], "right_n": [len(rp)]})

    return left.groupBy("grp").cogroup(right.groupBy("grp")).applyInPandas(
        merge, "grp int, left_n long, right_n long")


# ------------------------------------------------------------------------------ UDTFs


@case()
def case_udtf_standalone(spark, F, T, tmp):
    @F.udtf(returnType="num: int, squared: int")
    class Squares:
        def eval(self, start: int, end: int):
            for n in range(start, end + 1):
                yield (n, n * n)

    return Squares(F.lit(1), F.lit(4))


@case()
def case_udtf_registered_from_and_lateral(spark, F, T, tmp):
    @F.udtf(returnType="word: string, n: int")
    class Words:
        def eval(self, text: str):
            if text is None:
                return
            for i, w in enumerate(text.split(" ")):
                yield w, i

    spark.udtf.register("udtf_t_words", Words)
    spark.createDataFrame([(1, "a bb ccc"), (2, None), (3, "dd")], "id int, s string"
                          ).createOrReplaceTempView("udtf_texts")
    return spark.sql("SELECT t.id, w.word, w.n FROM udtf_texts t, "
                     "LATERAL udtf_t_words(t.s) AS w")


@case()
def case_udtf_terminate_and_from_clause(spark, F, T, tmp):
    @F.udtf(returnType="total: int")
    class Sum:
        def __init__(self):
            self.total = 0

        def eval(self, a: int, b: int):
            self.total += a + b

        def terminate(self):
            yield (self.total,)

    spark.udtf.register("udtf_t_sum", Sum)
    return spark.sql("SELECT * FROM udtf_t_sum(3, 4)")


@case()
def case_udtf_table_argument(spark, F, T, tmp):
    @F.udtf(returnType="id: int, doubled: int")
    class Doubler:
        def eval(self, row):
            if row["grp"] is not None:
                yield row["id"], row["grp"] * 2

    spark.udtf.register("udtf_t_doubler", Doubler)
    _people(spark).createOrReplaceTempView("udtf_people")
    return spark.sql("SELECT * FROM udtf_t_doubler(TABLE(udtf_people))")


def _max_per_group(spark, F, sql_tail):
    @F.udtf(returnType="grp: int, first_id: int, top: double, n: int")
    class MaxPerGroup:
        """Keeps state across one partition's rows; the order of eval calls is checked by
        first_id (the first row seen, under ORDER BY)."""

        def __init__(self):
            self.grp, self.first, self.top, self.n = None, None, None, 0

        def eval(self, row):
            self.grp = row["grp"]
            self.first = row["id"] if self.first is None else self.first
            if row["score"] is not None:
                self.top = row["score"] if self.top is None else max(self.top, row["score"])
            self.n += 1

        def terminate(self):
            yield self.grp, self.first, self.top, self.n

    spark.udtf.register("udtf_t_maxper", MaxPerGroup)
    _people(spark).createOrReplaceTempView("udtf_people_p")
    return spark.sql(f"SELECT * FROM udtf_t_maxper(TABLE(udtf_people_p) {sql_tail})")


@case()
def case_udtf_table_partition_by_order_by(spark, F, T, tmp):
    return _max_per_group(spark, F, "PARTITION BY (grp) ORDER BY id DESC")


@case()
def case_udtf_table_partition_by_expression(spark, F, T, tmp):
    return _max_per_group(spark, F, "PARTITION BY coalesce(grp, 0) % 20 ORDER BY id")


@case()
def case_udtf_table_with_single_partition(spark, F, T, tmp):
    return _max_per_group(spark, F, "WITH SINGLE PARTITION ORDER BY (score DESC NULLS LAST, id)")


@case()
def case_udtf_table_partition_by_nan_key(spark, F, T, tmp):
    @F.udtf(returnType="n: int")
    class Count:
        def __init__(self):
            self.n = 0

        def eval(self, row):
            self.n += 1

        def terminate(self):
            yield (self.n,)

    spark.udtf.register("udtf_t_count", Count)
    spark.createDataFrame([(float("nan"),), (float("nan"),), (1.0,), (None,)], "k double"
                          ).createOrReplaceTempView("udtf_nan_keys")
    return spark.sql("SELECT * FROM udtf_t_count(TABLE(udtf_nan_keys) PARTITION BY k)")


# ------------------------------------------------------------------------ the runner

CASE_PARAMS = [pytest.param(c, id=c.name) for c in CASES]


@pytest.fixture(scope="module")
def pyspark_answer(fast_pyspark, tmp_path_factory):
    import pyspark.sql.functions as F
    import pyspark.sql.types as T

    cache: dict[str, Outcome] = {}

    def answer(c: Case) -> Outcome:
        if c.name not in cache:
            cache[c.name] = run_case(c, fast_pyspark, F, T,
                                     tmp_path_factory.mktemp(f"pyspark-{c.name}"))
        return cache[c.name]

    return answer


@pytest.mark.parametrize("c", CASE_PARAMS)
def test_udf_case_matches_pyspark(c: Case, spark, pyspark_answer, tmp_path) -> None:
    import dfengine.sql.functions as F
    import dfengine.types as T

    expected = pyspark_answer(c)
    assert not isinstance(expected.value, Raised), (
        f"PySpark rejected the case: {expected.value.message[:2000]}")
    actual = run_case(c, spark, F, T, tmp_path)
    problem = explain_difference(expected.value, actual.value, c.ordered)
    assert problem is None, problem
    assert actual.dtypes == expected.dtypes
