"""DataFrame methods: stats, reshaping helpers, show/printSchema text, pandas interop, UDFs"""
from common import *  # noqa


def sc(s):
    return s.createDataFrame([("a", 1, 2.0), ("b", 2, None), ("a", 3, 4.0), ("c", None, 8.0), ("a", 5, 1.0)],
                             "k string, x int, y double")


# =============================================================== describe / summary
@case
def dm_describe_all(s, F, T):
    return people(s).describe()


@case
def dm_describe_cols(s, F, T):
    return people(s).describe("age", "name")


@case
def dm_describe_empty_df(s, F, T):
    return s.createDataFrame([], "a int, b string").describe()


@case
def dm_describe_all_null_col(s, F, T):
    return s.createDataFrame([(None,), (None,)], "a double").describe()


@case
def dm_describe_bool_date(s, F, T):
    return s.createDataFrame([(True, date(2024, 1, 1)), (False, date(2024, 2, 1))], "b boolean, d date").describe()


@case
def dm_describe_decimal(s, F, T):
    return s.createDataFrame([(D("1.10"),), (D("2.25"),)], "x decimal(5,2)").describe()


@case
def dm_describe_nan(s, F, T):
    return s.createDataFrame([(1.0,), (float("nan"),)], "x double").describe()


@case
def dm_describe_missing_col(s, F, T):
    return people(s).describe("nope")


@case
def dm_summary_default(s, F, T):
    return people(s).select("age", "salary").summary()


@case
def dm_summary_percentiles(s, F, T):
    return people(s).select("age", "salary").summary("count", "min", "10%", "50%", "90%", "max")


@case
def dm_summary_strings(s, F, T):
    return people(s).select("name", "city").summary()


@case
def dm_summary_bad_stat(s, F, T):
    return people(s).summary("median")


@case
def dm_summary_count_distinct(s, F, T):
    return people(s).select("city").summary("count", "count_distinct", "approx_count_distinct")


# =============================================================== stat functions
@case
def ds_crosstab(s, F, T):
    return sc(s).crosstab("k", "x")


@case
def ds_crosstab_nulls(s, F, T):
    return people(s).crosstab("city", "age")


@case
def ds_crosstab_columns(s, F, T):
    return sorted(people(s).crosstab("city", "age").columns)


@case
def ds_freq_items(s, F, T):
    r = sc(s).freqItems(["k"], support=0.5).collect()[0]
    return sorted(r[0])


@case
def ds_freq_items_columns(s, F, T):
    return sc(s).freqItems(["k", "x"]).columns


@case
def ds_approx_quantile_exact(s, F, T):
    df = s.createDataFrame([(float(i),) for i in range(1, 11)], "v double")
    return df.approxQuantile("v", [0.0, 0.25, 0.5, 0.75, 1.0], 0.0)


@case
def ds_approx_quantile_nulls(s, F, T):
    df = s.createDataFrame([(1.0,), (None,), (3.0,), (None,), (2.0,)], "v double")
    return df.approxQuantile("v", [0.5], 0.0)


@case
def ds_approx_quantile_all_null(s, F, T):
    df = s.createDataFrame([(None,), (None,)], "v double")
    return df.approxQuantile("v", [0.5], 0.0)


@case
def ds_approx_quantile_multi_col(s, F, T):
    df = s.createDataFrame([(1, 10.0), (2, 20.0), (3, 30.0)], "a int, b double")
    return df.approxQuantile(["a", "b"], [0.5], 0.0)


@case
def ds_approx_quantile_bad_prob(s, F, T):
    df = s.createDataFrame([(1.0,)], "v double")
    return df.approxQuantile("v", [1.5], 0.0)


@case
def ds_approx_quantile_string_col(s, F, T):
    return people(s).approxQuantile("name", [0.5], 0.0)


@case
def ds_approx_quantile_empty(s, F, T):
    return s.createDataFrame([], "v double").approxQuantile("v", [0.5], 0.1)


@case
def ds_approx_quantile_negative_error(s, F, T):
    return s.createDataFrame([(1.0,)], "v double").approxQuantile("v", [0.5], -0.1)


@case
def ds_corr(s, F, T):
    df = s.createDataFrame([(1, 2.0), (2, 4.1), (3, 6.2), (4, 7.9)], "a int, b double")
    return round(df.stat.corr("a", "b"), 9)


@case
def ds_corr_with_nulls(s, F, T):
    return sc(s).corr("x", "y")


@case
def ds_corr_constant(s, F, T):
    df = s.createDataFrame([(1, 5.0), (2, 5.0), (3, 5.0)], "a int, b double")
    return df.corr("a", "b")


@case
def ds_corr_string_col(s, F, T):
    return people(s).corr("name", "age")


@case
def ds_cov(s, F, T):
    df = s.createDataFrame([(1, 2.0), (2, 4.1), (3, 6.2), (4, 7.9)], "a int, b double")
    return round(df.stat.cov("a", "b"), 9)


@case
def ds_cov_single_row(s, F, T):
    return s.createDataFrame([(1, 2.0)], "a int, b double").cov("a", "b")


@case
def ds_corr_method_bad(s, F, T):
    return s.createDataFrame([(1, 2.0)], "a int, b double").corr("a", "b", method="spearman")


@case
def ds_sample_by(s, F, T):
    df = s.createDataFrame([(i % 3, i) for i in range(300)], "k int, v int")
    r = df.sampleBy("k", {0: 1.0, 1: 0.0}, seed=1)
    return sorted(set(x.k for x in r.collect())) + [r.filter("k = 0").count()]


@case
def ds_sample_by_reproducible(s, F, T):
    df = s.createDataFrame([(i % 2, i) for i in range(200)], "k int, v int")
    a = df.sampleBy("k", {0: 0.5, 1: 0.5}, seed=7).collect()
    b = df.sampleBy("k", {0: 0.5, 1: 0.5}, seed=7).collect()
    return sorted(a) == sorted(b)


@case
def ds_sample_by_bad_fraction(s, F, T):
    df = s.createDataFrame([(0, 1)], "k int, v int")
    return df.sampleBy("k", {0: 1.5}, seed=1)


@case
def ds_stat_approx_count_distinct(s, F, T):
    return people(s).select(F.approx_count_distinct("city")).collect()[0][0]


# =============================================================== dedup / union / transform
@case
def dd_drop_duplicates_subset(s, F, T):
    df = s.createDataFrame([(1, "a", 10), (1, "a", 20), (2, "b", 30)], "id int, v string, n int")
    return df.dropDuplicates(["id", "v"]).select("id", "v").orderBy("id")


@case
def dd_drop_duplicates_subset_count(s, F, T):
    return people(s).dropDuplicates(["city"]).count()


@case
def dd_drop_duplicates_missing_col(s, F, T):
    return people(s).dropDuplicates(["nope"])


@case
def dd_drop_duplicates_string_arg(s, F, T):
    return people(s).dropDuplicates("city")


@case
def dd_drop_duplicates_nulls(s, F, T):
    df = s.createDataFrame([(None, 1), (None, 2), (1, 3)], "k int, v int")
    return df.dropDuplicates(["k"]).count()


@case
def dd_drop_duplicates_nan(s, F, T):
    df = s.createDataFrame([(float("nan"),), (float("nan"),), (0.0,), (-0.0,)], "k double")
    return df.dropDuplicates().count()


@case
def dd_drop_duplicates_within_watermark_batch(s, F, T):
    df = s.createDataFrame([(1, dt(2024, 1, 1)), (1, dt(2024, 1, 1)), (2, dt(2024, 1, 2))], "id int, t timestamp")
    return df.withWatermark("t", "1 hour").dropDuplicatesWithinWatermark(["id"]).count()


@case
def dd_drop_duplicates_within_watermark_no_wm(s, F, T):
    df = s.createDataFrame([(1,), (1,)], "id int")
    return df.dropDuplicatesWithinWatermark().count()


@case
def dd_distinct_map_column(s, F, T):
    df = s.createDataFrame([({"a": 1},), ({"a": 1},)], "m map<string,int>")
    return df.distinct().count()


@case
def dd_union_by_name_allow_missing(s, F, T):
    a = s.createDataFrame([(1, "x")], "id int, a string")
    b = s.createDataFrame([(2, 2.5)], "id int, b double")
    return a.unionByName(b, allowMissingColumns=True)


@case
def dd_union_by_name_missing_error(s, F, T):
    a = s.createDataFrame([(1, "x")], "id int, a string")
    b = s.createDataFrame([(2, 2.5)], "id int, b double")
    return a.unionByName(b)


@case
def dd_union_by_name_type_widen(s, F, T):
    a = s.createDataFrame([(1,)], "v int")
    b = s.createDataFrame([(2.5,)], "v double")
    return a.unionByName(b)


@case
def dd_union_by_name_case(s, F, T):
    a = s.createDataFrame([(1,)], "Id int")
    b = s.createDataFrame([(2,)], "id int")
    return a.unionByName(b)


@case
def dd_union_by_name_nested_missing(s, F, T):
    a = s.createDataFrame([((1, "x"),)], "st struct<a:int,b:string>")
    b = s.createDataFrame([((2,),)], "st struct<a:int>")
    return a.unionByName(b, allowMissingColumns=True)


@case
def dd_transform_chain(s, F, T):
    def add_one(df):
        return df.withColumn("x1", F.col("x") + 1)

    def keep(df, n):
        return df.filter(F.col("x") > n)
    return sc(s).transform(add_one).transform(keep, 1)


@case
def dd_transform_kwargs(s, F, T):
    def scale(df, col, by=1):
        return df.withColumn(col, F.col(col) * by)
    return sc(s).transform(scale, "x", by=10).select("x")


@case
def dd_with_columns_renamed(s, F, T):
    return sc(s).withColumnsRenamed({"k": "key", "x": "xx", "nope": "zz"})


@case
def dd_with_columns_renamed_swap(s, F, T):
    return sc(s).withColumnsRenamed({"k": "x", "x": "k"}).columns


@case
def dd_with_columns_renamed_dup(s, F, T):
    return sc(s).withColumnsRenamed({"k": "y"}).columns


@case
def dd_with_column_renamed_missing(s, F, T):
    return sc(s).withColumnRenamed("nope", "z").columns


@case
def dd_with_columns_dict(s, F, T):
    return sc(s).withColumns({"a": F.col("x") * 2, "b": F.lit("c"), "x": F.col("x") + 100})


@case
def dd_with_columns_not_column(s, F, T):
    return sc(s).withColumns({"a": 1})


@case
def dd_with_column_not_column(s, F, T):
    return sc(s).withColumn("a", 1)


@case
def dd_to_df_rename(s, F, T):
    return sc(s).toDF("a", "b", "c")


@case
def dd_to_df_wrong_count(s, F, T):
    return sc(s).toDF("a", "b")


@case
def dd_to_df_dup_names(s, F, T):
    return sc(s).toDF("a", "a", "b").columns


@case
def dd_col_regex(s, F, T):
    df = s.createDataFrame([(1, 2, 3)], "col_a int, col_b int, other int")
    return df.select(df.colRegex("`col_.*`"))


@case
def dd_col_regex_no_match(s, F, T):
    df = s.createDataFrame([(1, 2)], "a int, b int")
    return df.select(df.colRegex("`zz.*`")).columns


@case
def dd_select_expr_aliases(s, F, T):
    return sc(s).selectExpr("k AS key", "x * 2 doubled", "upper(k)", "y IS NULL AS y_null", "x + y")


@case
def dd_select_expr_star(s, F, T):
    return sc(s).selectExpr("*", "x + 1 AS x1").columns


@case
def dd_select_expr_bad(s, F, T):
    return sc(s).selectExpr("x +")


@case
def dd_hint_broadcast(s, F, T):
    a = sc(s)
    b = s.createDataFrame([("a", "A")], "k string, K2 string")
    return a.join(b.hint("broadcast"), "k")


@case
def dd_hint_unknown(s, F, T):
    return sc(s).hint("no_such_hint").count()


@case
def dd_hint_repartition(s, F, T):
    return sc(s).hint("repartition", 3).count()


@case
def dd_observe(s, F, T):
    Obs = __import__(("pyspark" if is_spark(F) else "dfengine") + ".sql", fromlist=["Observation"]).Observation
    o = Obs("m")
    df = sc(s).observe(o, F.count(F.lit(1)).alias("n"), F.max("x").alias("mx"))
    df.collect()
    return o.get


@case
def dd_observe_non_agg(s, F, T):
    Obs = __import__(("pyspark" if is_spark(F) else "dfengine") + ".sql", fromlist=["Observation"]).Observation
    return sc(s).observe(Obs("m2"), F.col("x")).collect()


@case
def dd_checkpoint(s, F, T):
    s.sparkContext.setCheckpointDir(tmp())
    df = sc(s).filter("x > 1").checkpoint()
    return df


@case
def dd_local_checkpoint(s, F, T):
    return sc(s).filter("x > 1").localCheckpoint(eager=True)


@case
def dd_random_split_counts(s, F, T):
    df = s.range(1000)
    parts = df.randomSplit([0.7, 0.3], seed=42)
    c = [p.count() for p in parts]
    return [len(parts), sum(c), all(x > 0 for x in c)]


@case
def dd_random_split_disjoint(s, F, T):
    df = s.range(200)
    a, b = df.randomSplit([1.0, 1.0], seed=3)
    return a.intersect(b).count()


@case
def dd_random_split_unnormalized(s, F, T):
    parts = s.range(100).randomSplit([2.0, 3.0, 5.0], seed=1)
    return [len(parts), sum(p.count() for p in parts)]


@case
def dd_random_split_negative_weight(s, F, T):
    return s.range(10).randomSplit([-1.0, 2.0])


@case
def dd_random_split_reproducible(s, F, T):
    df = s.range(100)
    a = sorted(r.id for r in df.randomSplit([0.5, 0.5], seed=11)[0].collect())
    b = sorted(r.id for r in df.randomSplit([0.5, 0.5], seed=11)[0].collect())
    return a == b


@case
def dd_sample_seed_reproducible(s, F, T):
    df = s.range(1000)
    return df.sample(fraction=0.1, seed=5).count() == df.sample(fraction=0.1, seed=5).count()


@case
def dd_sample_fraction_one(s, F, T):
    return s.range(50).sample(fraction=1.0).count()


@case
def dd_sample_fraction_zero(s, F, T):
    return s.range(50).sample(0.0).count()


@case
def dd_sample_bad_fraction(s, F, T):
    return s.range(50).sample(1.5).count()


@case
def dd_sample_with_replacement_bool_pos(s, F, T):
    return s.range(50).sample(True, 2.0, 1).count() > 0


@case
def dd_limit_offset(s, F, T):
    return s.range(10).orderBy("id").offset(3).limit(4)


@case(ordered=True)
def dd_offset_then_limit_ordered(s, F, T):
    return s.range(10).orderBy(F.desc("id")).limit(5).offset(2)


@case
def dd_limit_zero(s, F, T):
    return s.range(10).limit(0)


@case
def dd_limit_negative(s, F, T):
    return s.range(10).limit(-1)


@case
def dd_tail(s, F, T):
    return s.range(10).orderBy("id").tail(3)


@case
def dd_tail_more_than_rows(s, F, T):
    return s.range(3).orderBy("id").tail(10)


@case
def dd_take_head(s, F, T):
    df = s.range(5).orderBy("id")
    return [df.take(2), df.head(), df.head(0), df.first()]


@case
def dd_first_on_empty(s, F, T):
    return s.range(0).first()


@case
def dd_head_on_empty(s, F, T):
    return [s.range(0).head(), s.range(0).head(1), s.range(0).take(3)]


@case
def dd_is_empty(s, F, T):
    return [s.range(0).isEmpty(), s.range(3).isEmpty(), s.range(3).filter("id > 5").isEmpty()]


@case
def dd_count_distinct_method(s, F, T):
    return people(s).select("city").distinct().count()


# =============================================================== toPandas
@case
def dp_to_pandas_dtypes(s, F, T):
    pdf = people(s).toPandas()
    return [str(t) for t in pdf.dtypes]


@case
def dp_to_pandas_values(s, F, T):
    pdf = people(s).orderBy("id").toPandas()
    return [[None if (isinstance(v, float) and v != v) else v for v in row] for row in pdf.values.tolist()]


@case
def dp_to_pandas_alltypes_dtypes(s, F, T):
    return [str(t) for t in alltypes(s).toPandas().dtypes]


@case
def dp_to_pandas_int_with_null(s, F, T):
    pdf = s.createDataFrame([(1,), (None,)], "a int").toPandas()
    return [str(pdf.dtypes.iloc[0]), [None if v != v else v for v in pdf["a"].tolist()]]


@case
def dp_to_pandas_date_values(s, F, T):
    pdf = s.createDataFrame([(date(2024, 1, 2), dt(2024, 1, 2, 3, 4))], "d date, t timestamp").toPandas()
    return [type(pdf["d"][0]).__name__, str(pdf["t"][0]), str(pdf.dtypes["t"])]


@case
def dp_to_pandas_empty(s, F, T):
    pdf = s.createDataFrame([], "a int, b string, c double").toPandas()
    return [list(pdf.columns), [str(t) for t in pdf.dtypes], len(pdf)]


@case
def dp_to_pandas_dup_columns(s, F, T):
    pdf = s.createDataFrame([(1, 2)], "a int, b int").toDF("x", "x").toPandas()
    return list(pdf.columns)


@case
def dp_to_pandas_decimal_struct_array(s, F, T):
    pdf = s.createDataFrame([(D("1.5"), (1, "a"), [1, 2])], "d decimal(5,2), st struct<x:int,y:string>, a array<int>").toPandas()
    return [str(t) for t in pdf.dtypes] + [type(pdf["d"][0]).__name__, type(pdf["st"][0]).__name__, type(pdf["a"][0]).__name__]


@case
def dp_create_from_pandas(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"a": [1, 2, None], "b": ["x", None, "z"], "c": [True, False, True]})
    return s.createDataFrame(pdf)


@case
def dp_create_from_pandas_datetime(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"t": pd.to_datetime(["2024-01-01 10:00", None]), "n": pd.array([1, None], dtype="Int64")})
    return s.createDataFrame(pdf)


@case
def dp_create_from_pandas_schema(s, F, T):
    import pandas as pd
    pdf = pd.DataFrame({"a": [1, 2], "b": [1.5, 2.5]})
    return s.createDataFrame(pdf, "a long, b double")


@case
def dp_create_from_pandas_empty(s, F, T):
    import pandas as pd
    return s.createDataFrame(pd.DataFrame({"a": pd.Series([], dtype="int64")})).dtypes


# =============================================================== schema / printSchema / show / explain
@case
def dsc_simple_string(s, F, T):
    return alltypes(s).schema.simpleString()


@case
def dsc_schema_json(s, F, T):
    import json
    return json.loads(alltypes(s).schema.json())


@case
def dsc_schema_from_json_roundtrip(s, F, T):
    sch = alltypes(s).schema
    return T.StructType.fromJson(sch.jsonValue()) == sch


@case
def dsc_field_names_tree_string(s, F, T):
    df = alltypes(s)
    return [df.schema.fieldNames(), df.schema.treeString()]


@case
def dsc_print_schema(s, F, T):
    return cap(lambda: alltypes(s).printSchema())


@case
def dsc_print_schema_level(s, F, T):
    df = s.createDataFrame([((1, (2, 3)),)], "a struct<b:int,c:struct<d:int,e:int>>")
    return cap(lambda: df.printSchema(level=2))


@case
def dsc_print_schema_not_null(s, F, T):
    sch = T.StructType([T.StructField("id", T.LongType(), False), T.StructField("tags", T.ArrayType(T.StringType(), False))])
    return cap(lambda: s.createDataFrame([(1, ["a"])], sch).printSchema())


@case
def dsh_show_default(s, F, T):
    return cap(lambda: people(s).orderBy("id").show())


@case
def dsh_show_n(s, F, T):
    return cap(lambda: people(s).orderBy("id").show(2))


@case
def dsh_show_truncate_false(s, F, T):
    df = s.createDataFrame([("a" * 30, 1)], "s string, n int")
    return cap(lambda: df.show(truncate=False))


@case
def dsh_show_truncate_default(s, F, T):
    df = s.createDataFrame([("a" * 30, 1)], "s string, n int")
    return cap(lambda: df.show())


@case
def dsh_show_truncate_n(s, F, T):
    df = s.createDataFrame([("abcdefghij", 1)], "s string, n int")
    return cap(lambda: df.show(truncate=5))


@case
def dsh_show_vertical(s, F, T):
    return cap(lambda: people(s).orderBy("id").show(2, vertical=True))


@case
def dsh_show_empty(s, F, T):
    return cap(lambda: s.createDataFrame([], "a int, b string").show())


@case
def dsh_show_nested_values(s, F, T):
    return cap(lambda: alltypes(s).limit(1).show(truncate=False))


@case
def dsh_show_nulls_and_floats(s, F, T):
    df = s.createDataFrame([(1.0, None, 1e20, 0.1 + 0.2, float("nan"))], "a double, b double, c double, d double, e double")
    return cap(lambda: df.show())


@case
def dsh_show_unicode_width(s, F, T):
    df = s.createDataFrame([("東京", 1), ("é", 2)], "c string, n int")
    return cap(lambda: df.orderBy("n").show())


@case
def dsh_show_dates_ts(s, F, T):
    df = s.createDataFrame([(date(2024, 1, 2), dt(2024, 1, 2, 3, 4, 5, 600000), D("1.50"))], "d date, t timestamp, x decimal(5,2)")
    return cap(lambda: df.show())


@case
def dsh_show_more_than_20(s, F, T):
    return cap(lambda: s.range(25).orderBy("id").show())


@case
def dsh_show_binary_bool(s, F, T):
    df = s.createDataFrame([(bytearray(b"\x01\xab"), True)], "b binary, f boolean")
    return cap(lambda: df.show())


@case
def dsh_show_map(s, F, T):
    df = s.createDataFrame([({"a": 1},)], "m map<string,int>")
    return cap(lambda: df.show())


@case
def dsh_show_negative_n(s, F, T):
    return cap(lambda: s.range(3).show(-1))


@case
def dx_explain_no_crash(s, F, T):
    out = cap(lambda: people(s).filter("age > 30").groupBy("city").count().explain())
    return len(out) > 0


@case
def dx_explain_modes(s, F, T):
    df = people(s).filter("age > 30")
    res = []
    for m in ["simple", "extended", "formatted", "cost", "codegen"]:
        res.append(len(cap(lambda: df.explain(mode=m))) > 0)
    return res


@case
def dx_explain_bad_mode(s, F, T):
    return cap(lambda: people(s).explain(mode="weird"))


@case
def dx_input_files(s, F, T):
    d = os.path.join(tmp(), "o")
    s.range(10).repartition(2).write.parquet(d)
    return [len(s.read.parquet(d).inputFiles()), len(s.range(3).inputFiles())]


@case
def dx_same_semantics(s, F, T):
    a = s.range(10).filter("id > 3")
    b = s.range(10).filter("id > 3")
    c = s.range(10).filter("id > 4")
    return [a.sameSemantics(b), a.sameSemantics(c)]


@case
def dx_semantic_hash_equal(s, F, T):
    return s.range(10).filter("id > 3").semanticHash() == s.range(10).filter("id > 3").semanticHash()


@case
def dx_columns_dtypes_schema_types(s, F, T):
    return [people(s).dtypes, [type(f.dataType).__name__ for f in people(s).schema]]


@case
def dx_repr(s, F, T):
    return repr(s.createDataFrame([(1, "a")], "id int, v string"))


@case
def dx_getitem_variants(s, F, T):
    df = people(s)
    return df.select(df[0], df["name"], df.age).columns


# =============================================================== melt / unpivot
@case
def du_unpivot(s, F, T):
    df = s.createDataFrame([(1, 10, 20), (2, 30, None)], "id int, a int, b int")
    return df.unpivot("id", ["a", "b"], "var", "val")


@case
def du_melt_all_values(s, F, T):
    df = s.createDataFrame([(1, 10, 20)], "id int, a int, b int")
    return df.melt(["id"], None, "var", "val")


@case
def du_unpivot_type_mismatch(s, F, T):
    df = s.createDataFrame([(1, 10, "x")], "id int, a int, b string")
    return df.unpivot("id", ["a", "b"], "var", "val")


@case
def du_unpivot_widen(s, F, T):
    df = s.createDataFrame([(1, 10, 2.5)], "id int, a int, b double")
    return df.unpivot("id", ["a", "b"], "var", "val")


@case
def du_unpivot_empty_values(s, F, T):
    df = s.createDataFrame([(1, 10)], "id int, a int")
    return df.unpivot("id", [], "var", "val")


@case
def du_unpivot_col_exprs(s, F, T):
    df = s.createDataFrame([(1, 10, 20)], "id int, a int, b int")
    return df.unpivot([F.col("id")], [F.col("a"), (F.col("b") * 2).alias("b2")], "var", "val")


# =============================================================== na.replace / fill extras
@case
def dn_replace_dict(s, F, T):
    return people(s).na.replace({"NY": "New York", "LA": "Los Angeles"}, subset=["city"])


@case
def dn_replace_list(s, F, T):
    return people(s).replace(["NY", "SF"], ["N", "S"], "city")


@case
def dn_replace_numeric_dict(s, F, T):
    return people(s).na.replace({29: 30}, subset=["age"]).select("id", "age")


@case
def dn_replace_mixed_types_error(s, F, T):
    return people(s).na.replace({"NY": 1})


@case
def dn_replace_to_none(s, F, T):
    return people(s).na.replace("NY", None, subset=["city"]).select("id", "city")


@case
def dn_replace_all_columns_type_match(s, F, T):
    df = s.createDataFrame([(1, "1", 1.0)], "a int, b string, c double")
    return df.na.replace(1, 9)


@case
def dn_replace_bool(s, F, T):
    df = s.createDataFrame([(True, 1), (False, 0)], "b boolean, i int")
    return df.na.replace(True, False)


@case
def dn_replace_list_length_mismatch(s, F, T):
    return people(s).na.replace(["NY", "LA"], ["X"])


@case
def dn_replace_missing_subset(s, F, T):
    return people(s).na.replace("NY", "X", subset=["nope"])


@case
def dn_replace_float_int_col(s, F, T):
    df = s.createDataFrame([(1, 1.0), (2, 2.0)], "a int, b double")
    return df.na.replace(1.0, 5.5)


@case
def dn_fill_dict_mixed(s, F, T):
    return people(s).na.fill({"age": 0, "city": "?", "salary": 0.5})


@case
def dn_drop_thresh(s, F, T):
    return people(s).na.drop(thresh=5)


# =============================================================== pandas UDF / mapInPandas / applyInPandas
@case
def pu_map_in_pandas(s, F, T):
    def f(it):
        for pdf in it:
            yield pdf[pdf.x > 1].assign(z=pdf.x * 10)
    return sc(s).mapInPandas(f, "k string, x int, y double, z int")


@case
def pu_map_in_pandas_schema_mismatch(s, F, T):
    def f(it):
        for pdf in it:
            yield pdf[["k"]]
    return sc(s).mapInPandas(f, "k string, missing int")


@case
def pu_map_in_pandas_wrong_type(s, F, T):
    def f(it):
        for pdf in it:
            yield pdf.assign(x=pdf.k)
    return sc(s).mapInPandas(f, "k string, x int, y double")


@case
def pu_apply_in_pandas(s, F, T):
    def f(pdf):
        return pdf.assign(x_centered=pdf.y - pdf.y.mean())
    return sc(s).groupBy("k").applyInPandas(f, "k string, x int, y double, x_centered double")


@case
def pu_apply_in_pandas_reduce(s, F, T):
    import pandas as pd

    def f(key, pdf):
        return pd.DataFrame({"k": [key[0]], "n": [len(pdf)], "sx": [pdf.x.sum()]})
    return sc(s).groupBy("k").applyInPandas(f, "k string, n long, sx double")


@case
def pu_apply_in_pandas_empty_result(s, F, T):
    def f(pdf):
        return pdf.iloc[0:0]
    return sc(s).groupBy("k").applyInPandas(f, "k string, x int, y double")


@case
def pu_apply_in_pandas_raise(s, F, T):
    def f(pdf):
        raise ValueError("boom")
    return sc(s).groupBy("k").applyInPandas(f, "k string, x int, y double")


@case
def pu_cogroup_apply_in_pandas(s, F, T):
    import pandas as pd
    a = s.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0)], "id int, v double")
    b = s.createDataFrame([(1, "x"), (3, "y")], "id int, w string")

    def f(l, r):
        return pd.DataFrame({"id": [int(l.id.iloc[0]) if len(l) else int(r.id.iloc[0])], "nl": [len(l)], "nr": [len(r)]})
    return a.groupBy("id").cogroup(b.groupBy("id")).applyInPandas(f, "id int, nl long, nr long")


@case
def pu_pandas_udf_scalar(s, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def plus(x: pd.Series) -> pd.Series:
        return x * 2 + 1
    return sc(s).select("k", plus("y").alias("p"))


@case
def pu_pandas_udf_nulls(s, F, T):
    import pandas as pd

    @F.pandas_udf("long")
    def inc(x: pd.Series) -> pd.Series:
        return x + 1
    return sc(s).select(inc("x").alias("p"))


@case
def pu_pandas_udf_agg(s, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def med(x: pd.Series) -> float:
        return float(x.median())
    return sc(s).groupBy("k").agg(med("y").alias("m"))


@case
def pu_pandas_udf_string(s, F, T):
    import pandas as pd

    @F.pandas_udf("string")
    def up(x: pd.Series) -> pd.Series:
        return x.str.upper()
    return sc(s).select(up("k").alias("u"))


@case
def pu_pandas_udf_wrong_length(s, F, T):
    import pandas as pd

    @F.pandas_udf("long")
    def bad(x: pd.Series) -> pd.Series:
        return pd.Series([1])
    return sc(s).select(bad("x"))


@case
def pu_pandas_udf_struct_return(s, F, T):
    import pandas as pd

    @F.pandas_udf("a long, b string")
    def mk(x: pd.Series) -> pd.DataFrame:
        return pd.DataFrame({"a": x.fillna(0).astype("int64"), "b": x.astype(str)})
    return sc(s).select(mk("x").alias("r")).select("r.a", "r.b")


@case
def pu_pandas_udf_window(s, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def mean_(x: pd.Series) -> float:
        return float(x.mean())
    w = W(F).partitionBy("k")
    return sc(s).select("k", "x", mean_("x").over(w).alias("m"))


@case
def pu_pandas_udf_iterator(s, F, T):
    import pandas as pd
    from typing import Iterator

    @F.pandas_udf("long")
    def f(it: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for x in it:
            yield x.fillna(-1).astype("int64") * 3
    return sc(s).select(f("x").alias("r"))


# =============================================================== python UDFs
@case
def uf_udf_default_string(s, F, T):
    f = F.udf(lambda x: x * 2 if x is not None else None)
    return sc(s).select(f("x").alias("r"))


@case
def uf_udf_int_return(s, F, T):
    f = F.udf(lambda x: None if x is None else x + 1, T.IntegerType())
    return sc(s).select(f("x").alias("r"))


@case
def uf_udf_wrong_return_type_int_as_double(s, F, T):
    f = F.udf(lambda x: x, "double")
    return sc(s).select(f("x").alias("r"))


@case
def uf_udf_float_as_int(s, F, T):
    f = F.udf(lambda y: y, "int")
    return sc(s).select(f("y").alias("r"))


@case
def uf_udf_str_as_int(s, F, T):
    f = F.udf(lambda k: k, "int")
    return sc(s).select(f("k").alias("r"))


@case
def uf_udf_array_return(s, F, T):
    f = F.udf(lambda k: [k, k * 2], T.ArrayType(T.StringType()))
    return sc(s).select(f("k").alias("r"))


@case
def uf_udf_map_return(s, F, T):
    f = F.udf(lambda k, x: {k: x}, "map<string,int>")
    return sc(s).select(f("k", "x").alias("r"))


@case
def uf_udf_struct_return(s, F, T):
    f = F.udf(lambda k, x: (k, x), "struct<a:string,b:int>")
    return sc(s).select(f("k", "x").alias("r")).select("r.*")


@case
def uf_udf_row_return(s, F, T):
    Row = R(F)
    f = F.udf(lambda k: Row(a=k, n=len(k)), "struct<a:string,n:int>")
    return sc(s).select(f("k").alias("r")).select("r.a", "r.n")


@case
def uf_udf_dict_for_struct(s, F, T):
    f = F.udf(lambda k: {"a": k, "n": 1}, "struct<a:string,n:int>")
    return sc(s).select(f("k").alias("r")).select("r.a", "r.n")


@case
def uf_udf_receives_null(s, F, T):
    f = F.udf(lambda y: "null" if y is None else "v", "string")
    return sc(s).select("k", f("y").alias("r"))


@case
def uf_udf_raises(s, F, T):
    f = F.udf(lambda x: 1 // 0, "int")
    return sc(s).select(f("x"))


@case
def uf_udf_raises_class(s, F, T):
    f = F.udf(lambda x: int("abc"), "int")
    try:
        sc(s).select(f("x")).collect()
        return "no error"
    except Exception as e:  # noqa
        return ["ValueError" in str(e), "invalid literal" in str(e)]


@case
def uf_udf_date_return(s, F, T):
    f = F.udf(lambda x: date(2024, 1, x) if x else None, "date")
    return sc(s).select(f("x").alias("d"))


@case
def uf_udf_decimal_return(s, F, T):
    f = F.udf(lambda x: D(x) / D(4) if x is not None else None, "decimal(10,2)")
    return sc(s).select(f("x").alias("d"))


@case
def uf_udf_receives_array(s, F, T):
    f = F.udf(lambda a: len(a) if a is not None else -1, "int")
    df = s.createDataFrame([([1, 2],), ([],), (None,)], "a array<int>")
    return df.select(f("a").alias("n"))


@case
def uf_udf_receives_struct(s, F, T):
    f = F.udf(lambda r: r.x * 10 if r else None, "int")
    df = s.createDataFrame([((1, "a"),), (None,)], "st struct<x:int,y:string>")
    return df.select(f("st").alias("n"))


@case
def uf_udf_receives_map(s, F, T):
    f = F.udf(lambda m: sorted(m.keys()) if m is not None else None, "array<string>")
    df = s.createDataFrame([({"b": 1, "a": 2},), (None,)], "m map<string,int>")
    return df.select(f("m").alias("ks"))


@case
def uf_udf_receives_date_ts(s, F, T):
    f = F.udf(lambda d, t: f"{type(d).__name__}|{type(t).__name__}|{t.hour}", "string")
    df = s.createDataFrame([(date(2024, 1, 1), dt(2024, 1, 1, 5))], "d date, t timestamp")
    return df.select(f("d", "t").alias("r"))


@case
def uf_udf_receives_decimal(s, F, T):
    f = F.udf(lambda x: type(x).__name__, "string")
    df = s.createDataFrame([(D("1.50"),)], "x decimal(5,2)")
    return df.select(f("x").alias("r"))


@case
def uf_udf_in_filter(s, F, T):
    f = F.udf(lambda k: k in ("a", "c"), "boolean")
    return sc(s).filter(f("k"))


@case
def uf_udf_in_groupby(s, F, T):
    f = F.udf(lambda k: k.upper(), "string")
    return sc(s).groupBy(f("k").alias("K")).count()


@case
def uf_udf_registered_sql(s, F, T):
    s.udf.register("uf_sq", lambda x: None if x is None else x * x, "bigint")
    sc(s).createOrReplaceTempView("uf_sc_v")
    return s.sql("SELECT k, uf_sq(x) AS sq FROM uf_sc_v")


@case
def uf_udf_register_existing_udf(s, F, T):
    f = F.udf(lambda x: None if x is None else x + 100, "int")
    g = s.udf.register("uf_plus100", f)
    return sc(s).select(g("x").alias("a"), F.expr("uf_plus100(x)").alias("b"))


@case
def uf_udf_decorator_with_type(s, F, T):
    @F.udf(returnType=T.LongType())
    def slen(x):
        return len(x) if x is not None else None
    return sc(s).select(slen("k").alias("n"))


@case
def uf_udf_nondeterministic(s, F, T):
    f = F.udf(lambda: 7, "int").asNondeterministic()
    return sc(s).select(f().alias("c")).distinct()


@case
def uf_udf_wrong_arg_count(s, F, T):
    f = F.udf(lambda x: x, "int")
    return sc(s).select(f("x", "y"))


@case
def uf_udf_returns_numpy(s, F, T):
    import numpy as np
    f = F.udf(lambda x: np.int64(x) if x is not None else None, "long")
    return sc(s).select(f("x").alias("r"))


@case
def uf_udf_return_wrong_struct(s, F, T):
    f = F.udf(lambda x: 5, "struct<a:int>")
    return sc(s).select(f("x").alias("r"))


@case
def uf_udf_name_in_column(s, F, T):
    def my_fn(x):
        return x
    f = F.udf(my_fn, "int")
    return sc(s).select(f("x")).columns


@case
def uf_udf_lambda_column_name(s, F, T):
    f = F.udf(lambda x: x, "int")
    return sc(s).select(f("x")).columns


@case
def uf_udf_binary_return(s, F, T):
    f = F.udf(lambda k: k.encode() if k else None, "binary")
    return sc(s).select(f("k").alias("b"))


@case
def uf_udf_timestamp_return(s, F, T):
    f = F.udf(lambda x: dt(2024, 1, 1, x) if x is not None else None, "timestamp")
    return sc(s).select(f("x").alias("t"))
