from common import *  # noqa


# =============================================================== DataFrame methods
@case
def df_describe_mixed(s, F, T):
    return people(s).describe()


@case
def df_describe_empty(s, F, T):
    return people(s).filter("id > 100").describe("age", "name")


@case
def df_describe_bool_date(s, F, T):
    df = s.createDataFrame([(True, date(2024, 1, 1), D("1.5")), (False, date(2024, 2, 1), D("2.5"))], "b boolean, d date, m decimal(5,2)")
    return df.describe()


@case
def df_summary_selected(s, F, T):
    return people(s).select("age", "salary").summary("count", "min", "25%", "75%", "max", "mean", "count_distinct")


@case
def df_summary_bad_stat(s, F, T):
    return people(s).select("age").summary("p50")


@case
def df_crosstab_numeric(s, F, T):
    return emp(s).crosstab("dept", "seq")


@case
def df_freqitems(s, F, T):
    df = s.createDataFrame([(1, "a"), (1, "b"), (1, "a"), (2, "a")], "x int, y string")
    r = df.freqItems(["x", "y"], 0.6).collect()[0]
    return [r.__fields__ if hasattr(r, "__fields__") else None, sorted(r[0]), sorted(r[1])]


@case
def df_approx_quantile_exact(s, F, T):
    df = s.range(1, 101).toDF("x")
    return df.approxQuantile("x", [0.0, 0.25, 0.5, 0.99, 1.0], 0.0)


@case
def df_approx_quantile_multi_cols(s, F, T):
    return people(s).approxQuantile(["age", "salary"], [0.5], 0.0)


@case
def df_approx_quantile_empty(s, F, T):
    return people(s).filter("id > 100").approxQuantile("age", [0.5], 0.0)


@case
def df_sampleby_0_1(s, F, T):
    df = s.createDataFrame([(i % 3, i) for i in range(30)], "k int, v int")
    return df.sampleBy("k", {0: 1.0, 1: 0.0}, seed=1).groupBy("k").count()


@case
def df_drop_duplicates_subset_count(s, F, T):
    return emp(s).dropDuplicates(["dept"]).count()


@case
def df_drop_duplicates_nulls(s, F, T):
    df = s.createDataFrame([(None, 1), (None, 1), (1, None), (1, None)], "a int, b int")
    return df.dropDuplicates()


@case(ordered=True)
def df_limit_offset(s, F, T):
    return emp(s).orderBy("name").offset(2).limit(3)


@case(ordered=True)
def df_offset_beyond(s, F, T):
    return emp(s).orderBy("name").offset(100)


@case
def df_tail(s, F, T):
    return emp(s).orderBy("name").tail(2)


@case
def df_tail_zero(s, F, T):
    return emp(s).orderBy("name").tail(0)


@case
def df_to_local_iterator(s, F, T):
    return [tuple(r) for r in emp(s).orderBy("name").toLocalIterator()]


@case
def df_collect_nested(s, F, T):
    df = s.createDataFrame([(1, [(1, {"a": [1, 2]})], {"k": (2, None)})],
                           "id int, xs array<struct<n:int,m:map<string,array<int>>>>, mm map<string,struct<p:int,q:string>>")
    r = df.collect()[0]
    return [r.xs[0].n, r.xs[0].m, r.mm["k"].p, r.mm["k"].q, type(r.xs[0]).__name__, r.asDict(recursive=True)]


@case
def df_show_truncate_5(s, F, T):
    return cap(lambda: people(s).orderBy("id").show(3, truncate=5))


@case
def df_show_vertical_trunc(s, F, T):
    return cap(lambda: people(s).orderBy("id").show(2, truncate=3, vertical=True))


@case
def df_show_unicode(s, F, T):
    df = s.createDataFrame([("日本語", 1), ("😀x", 22), ("é", None)], "s string, n int")
    return cap(lambda: df.show())


@case
def df_show_types(s, F, T):
    df = s.createDataFrame([(1.0, 1e20, 1e-5, D("1.50"), date(2024, 1, 2), dt(2024, 1, 2, 3, 4, 5, 600000), True, bytearray(b"ab"),
                             [None, 1.5], {"k": [1]}, (1, None), float("nan"))],
                           "a double, b double, c double, m decimal(5,2), d date, t timestamp, f boolean, bin binary, "
                           "arr array<double>, mp map<string,array<int>>, st struct<x:int,y:string>, nn double")
    return cap(lambda: df.show(truncate=False))


@case
def df_show_empty(s, F, T):
    return cap(lambda: people(s).filter("id > 100").show())


@case
def df_show_n0(s, F, T):
    return cap(lambda: people(s).show(0))


@case
def df_show_more_rows_footer(s, F, T):
    return cap(lambda: s.range(25).show())


@case
def df_show_long_string_default(s, F, T):
    df = s.createDataFrame([("x" * 25, "short")], "a string, b string")
    return cap(lambda: df.show())


@case
def df_head_first_empty(s, F, T):
    e = people(s).filter("id > 100")
    return [e.first(), e.head(), e.head(0), e.take(1), e.isEmpty()]


@case
def df_dtypes_complex(s, F, T):
    df = s.createDataFrame([], "a array<struct<x:int,y:map<string,decimal(10,2)>>>, b binary, c timestamp_ntz, d tinyint, e smallint, f float")
    return df.dtypes


@case
def df_print_schema_nested(s, F, T):
    df = s.createDataFrame([], "a array<struct<x:int,y:map<string,decimal(10,2)>>>, b struct<c:array<int>>")
    return cap(lambda: df.printSchema())


@case
def df_print_schema_level(s, F, T):
    df = s.createDataFrame([], "a struct<b:struct<c:int>>")
    return cap(lambda: df.printSchema(level=2))


@case
def df_colregex(s, F, T):
    return people(s).select(people(s).colRegex("`(na|ag).*`")).columns


@case
def df_sort_ascending_list(s, F, T):
    return emp(s).sort(["dept", "sal"], ascending=[False, True]).select("name")


@case(ordered=True)
def df_sort_ascending_list_ordered(s, F, T):
    return emp(s).sort(["dept", "sal", "name"], ascending=[False, True, True]).select("name")


@case(ordered=True)
def df_orderby_ascending_false(s, F, T):
    return emp(s).orderBy("sal", "name", ascending=False).select("name", "sal")


@case
def df_toDF_dup_names_select(s, F, T):
    return emp(s).toDF("a", "a", "b", "c").select("a")


@case
def df_cov_corr_methods(s, F, T):
    df = emp(s).na.drop()
    return [df.stat.cov("sal", "seq"), df.stat.corr("sal", "seq"), df.corr("sal", "seq", "pearson")]


@case
def df_corr_spearman_err(s, F, T):
    return emp(s).corr("sal", "seq", "spearman")


@case
def df_count_after_distinct_nulls(s, F, T):
    df = s.createDataFrame([(None,), (None,), (1,)], "x int")
    return [df.distinct().count(), df.select(F.countDistinct("x")).collect()[0][0], df.select(F.count_distinct("x")).columns]


@case
def df_with_metadata(s, F, T):
    df = people(s).withMetadata("age", {"comment": "years"})
    return df.schema["age"].metadata


@case
def df_alias_metadata(s, F, T):
    return people(s).select(F.col("age").alias("a", metadata={"m": 1})).schema["a"].metadata


@case
def df_schema_json_nested(s, F, T):
    df = s.createDataFrame([], "a array<int>, m map<string,int>")
    return df.schema.jsonValue()


@case
def df_agg_exprs_strings(s, F, T):
    return emp(s).groupBy("dept").agg(F.expr("sum(sal) filter (where seq > 1)").alias("s"), F.expr("count(distinct sal)"))


@case
def df_select_expr_star_alias(s, F, T):
    return emp(s).selectExpr("*", "sal * 2 AS dbl", "upper(name)").columns


@case
def df_fillna_vs_na_fill(s, F, T):
    return nulls(s).na.fill({"i": -1}).subtract(nulls(s).fillna({"i": -1})).count()


@case
def df_groupby_agg_empty_result_types(s, F, T):
    return emp(s).filter("sal > 9999").groupBy("dept").agg(F.sum("sal"), F.avg("sal"), F.collect_list("name"))


@case
def df_global_agg_empty(s, F, T):
    return emp(s).filter("sal > 9999").agg(F.sum("sal"), F.count("*"), F.max("name"), F.collect_list("name"), F.avg("sal"))


@case
def df_transform_chain(s, F, T):
    def add(df, n):
        return df.withColumn("x", F.col("seq") + n)
    return emp(s).transform(add, 10).transform(add, n=1).select("name", "x")


@case
def df_drop_multi_col_objects(s, F, T):
    e = emp(s)
    return e.drop(e.sal, "seq").columns


@case
def df_repr_nested(s, F, T):
    df = s.createDataFrame([], "a array<struct<x:int>>, b map<string,int>, c decimal(5,2)")
    return repr(df)


@case
def df_row_repr_and_fields(s, F, T):
    r = people(s).orderBy("id").first()
    return [repr(r), r["name"], r.age, "name" in r, r.asDict()]


@case
def df_intersect_all_method_cols(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    b = s.createDataFrame([(1, "a")], "p int, q string")
    return a.intersectAll(b)


@case
def df_observe_like_agg_alias_dup(s, F, T):
    return emp(s).agg(F.sum("sal").alias("x"), F.max("sal").alias("x"))


@case
def df_explode_then_describe(s, F, T):
    return arr2(s).select(F.explode("xs").alias("v")).describe()


@case
def df_where_in_subquery_like_semi(s, F, T):
    e = emp(s)
    top = e.groupBy("dept").agg(F.max("sal").alias("sal"))
    return e.join(top, ["dept", "sal"], "semi").select("name")


# =============================================================== UDFs
@case
def udf_returns_map(s, F, T):
    f = F.udf(lambda x: {x: len(x)} if x else None, "map<string,int>")
    return people(s).select("id", f("city").alias("m"))


@case
def udf_returns_list_of_rows(s, F, T):
    Row = R(F)
    f = F.udf(lambda n: [Row(i=i, sq=i * i) for i in range(n or 0)], "array<struct<i:int,sq:int>>")
    return s.createDataFrame([(2,), (0,), (None,)], "n int").select("n", f("n").alias("r"))


@case
def udf_returns_tuple_struct(s, F, T):
    f = F.udf(lambda x: (x, str(x)) if x is not None else None, "struct<a:int,b:string>")
    return people(s).select("id", f("age").alias("r")).select("id", "r.a", "r.b")


@case
def udf_returns_date_ts_decimal(s, F, T):
    import datetime, decimal
    f1 = F.udf(lambda i: datetime.date(2024, 1, i), "date")
    f2 = F.udf(lambda i: datetime.datetime(2024, 1, i, 12, 30), "timestamp")
    f3 = F.udf(lambda i: decimal.Decimal(i) / 4, "decimal(10,2)")
    return s.createDataFrame([(1,), (2,)], "i int").select(f1("i").alias("d"), f2("i").alias("t"), f3("i").alias("m"))


@case
def udf_multi_args_nulls(s, F, T):
    f = F.udf(lambda a, b: f"{a}-{b}", "string")
    return people(s).select("id", f("age", "city").alias("x"))


@case
def udf_struct_input(s, F, T):
    f = F.udf(lambda r: (r.a or 0) + len(r.b or "") if r is not None else -1, "int")
    df = s.createDataFrame([((1, "xy"),), (None,), ((None, None),)], "s struct<a:int,b:string>")
    return df.select(f("s").alias("x"))


@case
def udf_array_input(s, F, T):
    f = F.udf(lambda xs: None if xs is None else sum(x for x in xs if x is not None), "long")
    return arr2(s).select("id", f("xs").alias("x"))


@case
def udf_map_input(s, F, T):
    f = F.udf(lambda m: None if m is None else ",".join(sorted(m.keys())), "string")
    return maps(s).select("id", f("m").alias("x"))


@case
def udf_wrong_type_str_for_int(s, F, T):
    f = F.udf(lambda x: "abc", "int")
    return s.createDataFrame([(1,)], "i int").select(f("i").alias("x"))


@case
def udf_wrong_type_int_for_double(s, F, T):
    f = F.udf(lambda x: x * 2, "double")
    return s.createDataFrame([(1,)], "i int").select(f("i").alias("x"))


@case
def udf_wrong_type_float_for_int(s, F, T):
    f = F.udf(lambda x: x * 1.5, "int")
    return s.createDataFrame([(2,)], "i int").select(f("i").alias("x"))


@case
def udf_int_overflow_return(s, F, T):
    f = F.udf(lambda x: 2 ** 40, "int")
    return s.createDataFrame([(2,)], "i int").select(f("i").alias("x"))


@case
def udf_returns_bool_bytes(s, F, T):
    f = F.udf(lambda x: x % 2 == 0, "boolean")
    g = F.udf(lambda x: bytes([x]), "binary")
    return s.createDataFrame([(2,), (3,)], "i int").select(f("i").alias("b"), g("i").alias("y"))


@case
def udf_in_filter_and_groupby(s, F, T):
    f = F.udf(lambda x: (x or "?")[0], "string")
    return people(s).groupBy(f("city").alias("c")).count().filter(f("c") != "?")


@case
def udf_register_sql_types(s, F, T):
    s.udf.register("plus1", lambda x: x + 1 if x is not None else None, "long")
    s.udf.register("strlen_default", lambda x: len(x) if x else 0)
    people(s).createOrReplaceTempView("people")
    return s.sql("SELECT id, plus1(age) p, strlen_default(name) l FROM people")


@case
def udf_default_name(s, F, T):
    f = F.udf(lambda x: x, "string")

    def myfun(x):
        return x
    g = F.udf(myfun, "string")
    return people(s).select(f("name"), g("name")).columns


@case
def udf_exception_class(s, F, T):
    f = F.udf(lambda x: 1 // 0, "int")
    return s.createDataFrame([(1,)], "i int").select(f("i"))


@case
def udf_decorator_array_string_type(s, F, T):
    @F.udf(returnType="array<int>")
    def rng(n):
        return list(range(n)) if n is not None else None
    return s.createDataFrame([(3,), (None,)], "n int").select(rng("n").alias("r"))


@case
def pudf_returns_struct(s, F, T):
    import pandas as pd

    @F.pandas_udf("a long, b string")
    def f(x: pd.Series) -> pd.DataFrame:
        return pd.DataFrame({"a": x * 2, "b": x.astype(str)})
    return s.createDataFrame([(1,), (2,)], "x long").select(f("x").alias("r")).select("r.a", "r.b")


@case
def pudf_series_to_scalar_groupby(s, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def med(x: pd.Series) -> float:
        return float(x.median())
    return emp(s).groupBy("dept").agg(med("sal").alias("m"))


@case
def pudf_over_window(s, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def mean_(x: pd.Series) -> float:
        return float(x.mean())
    return emp(s).select("name", mean_("sal").over(W(F).partitionBy("dept")).alias("m"))


@case
def pudf_int_with_nulls(s, F, T):
    import pandas as pd

    @F.pandas_udf("long")
    def ident(x: pd.Series) -> pd.Series:
        return x
    return emp(s).select("name", ident("sal").alias("s"))


@case
def pudf_iterator(s, F, T):
    import pandas as pd
    from typing import Iterator

    @F.pandas_udf("long")
    def plus(it: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for x in it:
            yield x + 100
    return s.range(5).select(plus("id").alias("p"))


@case
def pudf_two_args_strings(s, F, T):
    import pandas as pd

    @F.pandas_udf("string")
    def cat(a: pd.Series, b: pd.Series) -> pd.Series:
        return a.str.upper() + ":" + b.astype(str)
    return emp(s).select(cat("name", "seq").alias("c"))


@case
def pudf_map_in_pandas_schema_change(s, F, T):
    def fn(it):
        for pdf in it:
            yield pdf.assign(tot=pdf.sal.fillna(0) * 2)[["name", "tot"]]
    return emp(s).mapInPandas(fn, "name string, tot double")


@case
def pudf_apply_in_pandas_reorder(s, F, T):
    import pandas as pd

    def fn(pdf):
        return pd.DataFrame({"n": [len(pdf)], "dept": [pdf.dept.iloc[0]]})
    return emp(s).groupBy("dept").applyInPandas(fn, "dept string, n long")


@case
def pudf_cogroup(s, F, T):
    import pandas as pd
    a = s.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0)], "k int, v double")
    b = s.createDataFrame([(1, "x"), (3, "y")], "k int, w string")

    def fn(l, r):
        k = l.k.iloc[0] if len(l) else r.k.iloc[0]
        return pd.DataFrame({"k": [k], "nl": [len(l)], "nr": [len(r)]})
    return a.groupBy("k").cogroup(b.groupBy("k")).applyInPandas(fn, "k int, nl long, nr long")


@case
def udtf_simple(s, F, T):
    mod = "pyspark.sql.functions" if F.__name__.startswith("pyspark") else F.__name__
    udtf = getattr(__import__(mod, fromlist=["udtf"]), "udtf")

    @udtf(returnType="n int, sq int")
    class Sq:
        def eval(self, start: int, end: int):
            for i in range(start, end + 1):
                yield i, i * i
    return Sq(F.lit(1), F.lit(3))


# =============================================================== SQL
def _views(s, F):
    emp(s).createOrReplaceTempView("emp")
    people(s).createOrReplaceTempView("people")
    sales(s).createOrReplaceTempView("sales")
    events(s, F).createOrReplaceTempView("ev")


@case
def q_cte_chain(s, F, T):
    _views(s, F)
    return s.sql("WITH a AS (SELECT dept, sal FROM emp WHERE sal IS NOT NULL), b AS (SELECT dept, avg(sal) av FROM a GROUP BY dept), "
                 "c AS (SELECT a.dept, a.sal, b.av FROM a JOIN b USING (dept)) SELECT * FROM c WHERE sal > av")


@case
def q_intersect_all(s, F, T):
    return s.sql("SELECT * FROM VALUES (1), (1), (1), (NULL), (NULL) t(x) INTERSECT ALL SELECT * FROM VALUES (1), (1), (NULL) u(x)")


@case
def q_except_all(s, F, T):
    return s.sql("SELECT * FROM VALUES (1), (1), (1), (NULL), (NULL) t(x) EXCEPT ALL SELECT * FROM VALUES (1), (NULL) u(x)")


@case
def q_minus_distinct(s, F, T):
    return s.sql("SELECT * FROM VALUES (1), (1), (2), (NULL) t(x) MINUS SELECT * FROM VALUES (2) u(x)")


@case
def q_set_op_precedence(s, F, T):
    return s.sql("SELECT 1 x UNION ALL SELECT 2 INTERSECT SELECT 2 UNION SELECT 3")


@case
def q_union_type_coercion(s, F, T):
    return s.sql("SELECT 1 x UNION ALL SELECT 2.5 UNION ALL SELECT NULL")


@case
def q_grouping_sets_gid(s, F, T):
    _views(s, F)
    return s.sql("SELECT month, store, sum(qty) s, grouping_id() g, grouping(store) gs FROM sales "
                 "GROUP BY GROUPING SETS ((month, store), (month), ())")


@case
def q_rollup_with_syntax(s, F, T):
    _views(s, F)
    return s.sql("SELECT month, store, sum(qty) s FROM sales GROUP BY month, store WITH ROLLUP")


@case
def q_cube_grouping_id_cols(s, F, T):
    _views(s, F)
    return s.sql("SELECT store, product, count(*) c, grouping_id(store, product) g FROM sales GROUP BY CUBE(store, product)")


@case
def q_rollup_null_data_vs_subtotal(s, F, T):
    _views(s, F)
    return s.sql("SELECT product, grouping(product) g, sum(qty) s FROM sales GROUP BY ROLLUP(product)")


@case
def q_df_rollup_grouping_id(s, F, T):
    return sales(s).rollup("month", "store").agg(F.sum("qty").alias("s"), F.grouping_id().alias("g"), F.grouping("store").alias("gs"))


@case
def q_df_cube_multi_agg(s, F, T):
    return sales(s).cube("store").agg(F.count("*").alias("c"), F.countDistinct("product").alias("d"))


@case
def q_in_correlated(s, F, T):
    _views(s, F)
    return s.sql("SELECT name FROM emp e WHERE sal IN (SELECT max(sal) FROM emp x WHERE x.dept = e.dept)")


@case
def q_exists_correlated(s, F, T):
    _views(s, F)
    return s.sql("SELECT id, name FROM people p WHERE EXISTS (SELECT 1 FROM emp e WHERE lower(e.name) = lower(substr(p.name, 1, 1)))")


@case
def q_not_exists_correlated(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, name FROM emp e WHERE NOT EXISTS (SELECT 1 FROM emp f WHERE f.dept = e.dept AND f.sal > e.sal)")


@case
def q_not_in_with_null_subquery(s, F, T):
    _views(s, F)
    return s.sql("SELECT name FROM emp WHERE seq NOT IN (SELECT sal FROM emp WHERE dept = 'hr')")


@case
def q_scalar_subquery_where(s, F, T):
    _views(s, F)
    return s.sql("SELECT name FROM emp WHERE sal > (SELECT avg(sal) FROM emp)")


@case
def q_scalar_subquery_empty(s, F, T):
    _views(s, F)
    return s.sql("SELECT (SELECT max(sal) FROM emp WHERE dept = 'none') x, (SELECT sal FROM emp WHERE name = 'zzz') y")


@case
def q_values_mixed_types(s, F, T):
    return s.sql("SELECT * FROM VALUES (1, 'a', 1.5), (2L, NULL, 2), (NULL, 'c', NULL) AS t(a, b, c)")


@case
def q_values_no_alias_names(s, F, T):
    return s.sql("VALUES (1, 'x'), (2, 'y')")


@case
def q_lateral_view_multiple(s, F, T):
    return s.sql("SELECT id, x, y FROM (SELECT 1 id, array(1, 2) a, array('p', 'q') b) "
                 "LATERAL VIEW explode(a) t1 AS x LATERAL VIEW explode(b) t2 AS y")


@case
def q_lateral_view_posexplode_outer(s, F, T):
    return s.sql("SELECT id, pos, v FROM (SELECT 1 id, array() a UNION ALL SELECT 2, array(7)) "
                 "LATERAL VIEW OUTER posexplode(a) t AS pos, v")


@case
def q_lateral_view_inline(s, F, T):
    return s.sql("SELECT id, a, b FROM (SELECT 1 id, array(struct(1, 'x'), struct(2, 'y')) s) LATERAL VIEW inline(s) t AS a, b")


@case
def q_explode_in_from(s, F, T):
    return s.sql("SELECT * FROM explode(array(10, 20))")


@case
def q_inline_in_from(s, F, T):
    return s.sql("SELECT * FROM inline(array(struct(1, 'a'), struct(2, 'b')))")


@case
def q_pivot_clause_alias_values(s, F, T):
    _views(s, F)
    return s.sql("SELECT * FROM (SELECT store, month, qty FROM sales) PIVOT (sum(qty) FOR month IN ('2024-01' AS jan, '2024-02' AS feb))")


@case
def q_pivot_clause_implicit_groupby(s, F, T):
    _views(s, F)
    return s.sql("SELECT * FROM sales PIVOT (sum(qty) FOR store IN ('A', 'B'))")


@case
def q_case_simple_form(s, F, T):
    return s.sql("SELECT x, CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' WHEN NULL THEN 'null' ELSE 'other' END c "
                 "FROM VALUES (1), (2), (NULL), (3) t(x)")


@case(ordered=True)
def q_order_nulls_variants(s, F, T):
    return s.sql("SELECT x FROM VALUES (2), (NULL), (1), (NULL), (3) t(x) ORDER BY x DESC NULLS FIRST")


@case(ordered=True)
def q_order_default_desc_nulls(s, F, T):
    return s.sql("SELECT x FROM VALUES (2), (NULL), (1) t(x) ORDER BY x DESC")


@case
def q_having_no_groupby(s, F, T):
    _views(s, F)
    return s.sql("SELECT sum(sal) s FROM emp HAVING sum(sal) > 100")


@case
def q_having_no_groupby_false(s, F, T):
    _views(s, F)
    return s.sql("SELECT count(*) c FROM emp HAVING count(*) > 100")


@case(ordered=True)
def q_order_by_ordinal_desc(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, sum(sal) FROM emp GROUP BY 1 ORDER BY 2 DESC, 1")


@case
def q_group_by_ordinal_expr(s, F, T):
    _views(s, F)
    return s.sql("SELECT upper(dept) d, count(*) FROM emp GROUP BY 1")


@case
def q_group_by_alias_expr(s, F, T):
    _views(s, F)
    return s.sql("SELECT sal > 150 AS hi, count(*) c FROM emp GROUP BY hi")


@case
def q_distinct_order(s, F, T):
    _views(s, F)
    return s.sql("SELECT DISTINCT dept FROM emp ORDER BY dept DESC")


@case
def q_limit_offset(s, F, T):
    _views(s, F)
    return s.sql("SELECT name FROM emp ORDER BY name LIMIT 2 OFFSET 3")


@case
def q_tuple_in(s, F, T):
    _views(s, F)
    return s.sql("SELECT name FROM emp WHERE (dept, seq) IN (('sales', 2), ('hr', 1))")


@case
def q_is_distinct_from(s, F, T):
    return s.sql("SELECT a, b, a IS DISTINCT FROM b d, a IS NOT DISTINCT FROM b nd, a <=> b ns FROM VALUES (1, 1), (1, NULL), (NULL, NULL) t(a, b)")


@case
def q_nullif_coalesce(s, F, T):
    return s.sql("SELECT nullif(1, 1) a, nullif('a', 'b') b, coalesce(NULL, NULL, 3) c, nvl(NULL, 'x') d, ifnull(NULL, 2.5) e, "
                 "nvl2(NULL, 1, 2) f, zeroifnull(NULL) g")


@case
def q_pipe_concat(s, F, T):
    return s.sql("SELECT 'a' || 'b' || NULL x, 'a' || 1 y, 1 || 2 z")


@case
def q_select_no_from_types(s, F, T):
    return s.sql("SELECT 1Y a, 1S b, 1L c, 1D d, 1F e, 1BD f, X'4142' g, DATE'2024-01-01' h, TIMESTAMP'2024-01-01 10:00:00' i, "
                 "true j, NULL k, INTERVAL '1' YEAR l")


@case
def q_sort_by_distribute_by(s, F, T):
    _views(s, F)
    return s.sql("SELECT name, sal FROM emp DISTRIBUTE BY dept SORT BY sal")


@case
def q_cluster_by(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, name FROM emp CLUSTER BY dept")


@case
def q_create_temp_view_as(s, F, T):
    _views(s, F)
    s.sql("CREATE OR REPLACE TEMP VIEW hi AS SELECT * FROM emp WHERE sal > 150")
    return s.sql("SELECT count(*) FROM hi")


@case
def q_agg_functions_misc(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, max_by(name, sal) mb, min_by(name, sal) mn, bool_and(sal > 100) ba, bool_or(sal > 300) bo, "
                 "every(seq > 0) ev, some(seq > 3) so, count_if(sal > 100) ci FROM emp GROUP BY dept")


@case
def q_percentile_median_mode(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, percentile(sal, 0.5) p, median(sal) m, percentile_approx(sal, 0.5) pa FROM emp GROUP BY dept")


@case
def q_stats_single_row(s, F, T):
    return s.sql("SELECT stddev(x) a, stddev_pop(x) b, var_samp(x) c, var_pop(x) d, skewness(x) e, kurtosis(x) f FROM VALUES (1.0D) t(x)")


@case
def q_regr_funcs(s, F, T):
    return s.sql("SELECT regr_slope(y, x) s, regr_intercept(y, x) i, regr_r2(y, x) r, regr_count(y, x) c, covar_samp(y, x) cv, corr(y, x) co "
                 "FROM VALUES (1, 2), (2, 4), (3, 7), (NULL, 1) t(x, y)")


@case
def q_array_agg_collect_set_sorted(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, sort_array(array_agg(name)) a, sort_array(collect_set(sal)) c FROM emp GROUP BY dept")


@case
def q_approx_count_distinct(s, F, T):
    _views(s, F)
    return s.sql("SELECT approx_count_distinct(dept) a, count(DISTINCT dept, sal) b FROM emp")


@case
def q_any_value_first(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, any_value(dept) a, first(sal) IGNORE NULLS f FROM emp WHERE dept = 'it' GROUP BY dept")


@case
def q_struct_star_select(s, F, T):
    return s.sql("SELECT s.* FROM (SELECT named_struct('a', 1, 'b', 'x') s)")


@case
def q_join_select_alias_star(s, F, T):
    _views(s, F)
    return s.sql("SELECT e.*, p.age FROM emp e LEFT JOIN people p ON lower(e.name) = lower(substr(p.name, 1, 1)) WHERE e.dept = 'hr'")


@case
def q_param_named_args(s, F, T):
    _views(s, F)
    return s.sql("SELECT name FROM emp WHERE sal > :lim AND dept = :d", args={"lim": 100, "d": "sales"})


@case
def q_param_positional_args(s, F, T):
    _views(s, F)
    return s.sql("SELECT name FROM emp WHERE sal > ? AND dept = ?", args=[100, "sales"])


@case
def q_kwargs_df_substitution(s, F, T):
    e = emp(s)
    return s.sql("SELECT dept, count(*) c FROM {t} WHERE sal > {lim} GROUP BY dept", t=e, lim=100)


@case
def q_window_in_cte_filter(s, F, T):
    _views(s, F)
    return s.sql("WITH r AS (SELECT dept, name, sal, dense_rank() OVER (PARTITION BY dept ORDER BY sal DESC) dr FROM emp) "
                 "SELECT dept, name FROM r WHERE dr = 1")


@case
def q_window_ntile_sql(s, F, T):
    _views(s, F)
    return s.sql("SELECT name, ntile(3) OVER (ORDER BY name) n, cume_dist() OVER (ORDER BY sal) c FROM emp")


@case
def q_correlated_scalar_in_select(s, F, T):
    _views(s, F)
    return s.sql("SELECT name, (SELECT count(*) FROM emp x WHERE x.dept = e.dept AND x.sal > e.sal) higher FROM emp e")


@case
def q_in_subquery_with_nulls_both(s, F, T):
    return s.sql("SELECT x, x IN (SELECT y FROM VALUES (1), (NULL) u(y)) i FROM VALUES (1), (2), (NULL) t(x)")


@case
def q_group_by_having_alias_ref(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, sum(sal) total FROM emp GROUP BY dept HAVING total > 300")


@case
def q_order_by_all(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, seq FROM emp ORDER BY ALL")


@case
def q_if_case_types(s, F, T):
    return s.sql("SELECT if(x > 1, 1, 2.5) a, CASE WHEN x > 1 THEN 'big' END b, if(x IS NULL, NULL, x) c FROM VALUES (1), (2), (NULL) t(x)")


@case
def q_between_not(s, F, T):
    return s.sql("SELECT x FROM VALUES (1), (5), (10), (NULL) t(x) WHERE x NOT BETWEEN 2 AND 9")


@case
def q_count_star_vs_col_null(s, F, T):
    return s.sql("SELECT count(*) a, count(x) b, count(1) c, count(NULL) d, sum(x) e, avg(x) f FROM VALUES (NULL), (NULL) t(x)")


@case
def q_string_numeric_compare_ansi(s, F, T):
    return s.sql("SELECT '10' > 9 a, '10' > '9' b, '1.5' = 1.5 c")


@case
def q_implicit_string_to_int_arith(s, F, T):
    return s.sql("SELECT '5' + 3 a, '5' * '2' b, typeof('5' + 3) t")


@case
def q_group_by_with_window_and_having(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, count(*) c, sum(count(*)) OVER () tot FROM emp GROUP BY dept HAVING count(*) > 1")


@case
def q_subquery_alias_columns(s, F, T):
    return s.sql("SELECT a, b FROM (SELECT 1, 2) AS t(a, b)")


@case
def q_nested_cte_shadow_view(s, F, T):
    _views(s, F)
    return s.sql("WITH emp AS (SELECT 'x' dept) SELECT * FROM emp")


@case
def q_declare_variable(s, F, T):
    s.sql("DECLARE OR REPLACE VARIABLE myv INT DEFAULT 5")
    return s.sql("SELECT myv + 1 x")


@case
def q_lateral_subquery(s, F, T):
    _views(s, F)
    return s.sql("SELECT e.name, t.d FROM emp e, LATERAL (SELECT e.sal * 2 AS d) t WHERE e.dept = 'it'")


@case
def q_transform_sql_with_struct(s, F, T):
    return s.sql("SELECT transform(array(named_struct('a', 1), named_struct('a', 2)), x -> x.a * 10) r")


@case
def q_exists_subquery_in_select(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, EXISTS (SELECT 1 FROM emp x WHERE x.dept = d.dept AND x.sal IS NULL) has_null "
                 "FROM (SELECT DISTINCT dept FROM emp) d")


@case
def q_string_agg_listagg(s, F, T):
    _views(s, F)
    return s.sql("SELECT dept, string_agg(name, ',') WITHIN GROUP (ORDER BY name) s FROM emp GROUP BY dept")


@case
def q_try_functions(s, F, T):
    return s.sql("SELECT try_divide(1, 0) a, try_add(2147483647, 1) b, try_element_at(array(1), 5) c, try_to_timestamp('x') d, "
                 "try_avg(x) e FROM VALUES (1) t(x)")
