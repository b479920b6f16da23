"""DataFrame-API cases from the new-user probes of sessions 9 and 10 (docs/probes/): programs
a PySpark user writes whose answers differed from PySpark's until this session. Each returns
the column names, the types and the rows, so names and types are compared too."""

from __future__ import annotations

import datetime as _dt

from .bad_input_api import case


def _shape(df):
    return (tuple(df.columns), tuple(t for _, t in df.dtypes), df)


def _emp(spark):
    data = [("sales", "a", 100, 1), ("sales", "b", 200, 2), ("sales", "c", 200, 3),
            ("sales", "d", 50, 4), ("hr", "e", 300, 1), ("hr", "f", None, 2),
            ("hr", "g", 150, 3), ("it", "h", 400, 1)]
    return spark.createDataFrame(data, "dept string, name string, sal int, seq int")


@case
def p_orderby_name_shared_by_cast(spark, F, T, tmp):
    df = spark.createDataFrame([("b", "2"), ("a", "10"), ("c", "1")], ["s", "n"])
    return [tuple(r) for r in df.select("n", F.col("n").cast("int")).orderBy("n").collect()]


@case
def p_orderby_group_and_alias_same_name(spark, F, T, tmp):
    df = spark.createDataFrame([("x", 1), ("y", 2)], ["dept", "sal"])
    out = df.groupBy("dept").agg(F.sum("sal").alias("dept")).orderBy("dept")
    return [tuple(r) for r in out.collect()]


@case
def p_withcolumn_explode(spark, F, T, tmp):
    df = spark.createDataFrame([(1, [1, 2]), (2, []), (3, None)], "id int, arr array<int>")
    return _shape(df.withColumn("e", F.explode("arr")).withColumn("o", F.explode_outer("arr")))


@case
def p_explode_map_two_aliases(spark, F, T, tmp):
    df = spark.createDataFrame([(1, {"a": 1, "b": 2})], "id int, m map<string,int>")
    return _shape(df.select("id", F.explode("m").alias("k", "v")))


@case
def p_explode_map_one_alias(spark, F, T, tmp):
    df = spark.createDataFrame([(1, {"a": 1})], "id int, m map<string,int>")
    return df.withColumn("e", F.explode("m"))


@case
def p_reverse_array_and_string(spark, F, T, tmp):
    df = spark.createDataFrame([([3, 1, 2], "abc"), ([], ""), (None, None)],
                               "a array<int>, s string")
    return _shape(df.select(F.reverse("a"), F.reverse("s")))


@case
def p_field_of_array_of_structs(spark, F, T, tmp):
    df = spark.createDataFrame([([(1, "a"), (2, "b")],)], "xs array<struct<n:int,c:string>>")
    return _shape(df.select(F.col("xs.n").alias("ns"), F.col("xs")["c"].alias("cs"),
                            F.col("xs")[0]["c"].alias("c0")))


@case
def p_to_timestamp_of_seconds(spark, F, T, tmp):
    df = spark.createDataFrame([(1700000000,), (0,)], "x long")
    return _shape(df.select("x", F.to_timestamp(F.col("x")).alias("t")))


@case
def p_sliding_window_batch(spark, F, T, tmp):
    df = spark.createDataFrame([("2024-01-01 10:03:00", 1), ("2024-01-01 10:07:00", 2)],
                               ["t", "v"])
    out = df.groupBy(F.window(F.to_timestamp("t"), "10 minutes", "5 minutes")).agg(
        F.sum("v").alias("s"))
    return _shape(out.select("window.start", "window.end", "s"))


@case
def p_session_window_batch(spark, F, T, tmp):
    df = spark.createDataFrame([("2024-01-01 10:00:00", 1, "u"), ("2024-01-01 10:04:00", 1, "u"),
                                ("2024-01-01 10:20:00", 1, "u"), ("2024-01-01 10:02:00", 7, "w")],
                               ["t", "v", "k"])
    out = df.groupBy("k", F.session_window(F.to_timestamp("t"), "5 minutes")).agg(
        F.sum("v").alias("s"))
    return _shape(out.select("k", "session_window.start", "session_window.end", "s"))


@case
def p_window_statistics(spark, F, T, tmp):
    w = _window(F).partitionBy("dept")
    return _shape(_emp(spark).select(
        "dept", "name", F.stddev("sal").over(w).alias("sd"), F.var_pop("sal").over(w).alias("vp"),
        F.approx_count_distinct("sal").over(w).alias("c"), F.max_by("name", "sal").over(w)
        .alias("mb"), F.bool_and(F.col("sal") > 100).over(w).alias("ba"),
        F.count_if(F.col("sal") > 100).over(w).alias("ci")))


def _window(F):
    import importlib

    return importlib.import_module(F.__name__.rsplit(".", 1)[0]).Window


@case
def p_agg_dict_column_order(spark, F, T, tmp):
    df = spark.createDataFrame([(1, "NY", 3.0), (2, "LA", 4.0)], "age int, city string, sal double")
    return _shape(df.groupBy("city").agg({"age": "max", "sal": "avg", "*": "count"}))


@case
def p_create_dicts_first_seen_order(spark, F, T, tmp):
    return _shape(spark.createDataFrame([{"b": 1, "c": 3.0}, {"b": 2, "a": "y"}]))


@case
def p_map_from_dict_order(spark, F, T, tmp):
    df = spark.createDataFrame([({"b": 2, "a": 1, "c": 3},)], "m map<string,int>")
    return [tuple(r) for r in df.select(F.map_keys("m"), F.map_values("m")).collect()]


@case
def p_nullability(spark, F, T, tmp):
    df = spark.createDataFrame([(1, None, "x")], "id long, age long, name string")
    a = df.select(F.coalesce("age", F.lit(0)).alias("c"), F.lit(1).alias("one"))
    b = df.groupBy("id").agg(F.collect_list("name").alias("l"), F.count("*").alias("n"))
    return [f.nullable for f in a.schema.fields] + [f.nullable for f in b.schema.fields]


@case
def p_column_names(spark, F, T, tmp):
    df = spark.createDataFrame([(1, 2.5, _dt.date(2024, 1, 2))], "id int, x double, d date")
    return tuple(df.select(-F.col("x"), F.col("x").cast("int").cast("string"),
                           (F.col("x") + 1).cast("int"), F.col("d") + 1, F.col("d") - 1).columns)


@case
def p_float_text(spark, F, T, tmp):
    df = spark.createDataFrame([(0.1, 0.2)], "a float, b float")
    return _shape(df.select((F.col("a") + F.col("b")).cast("string").alias("st"),
                            F.typeof(F.col("a") + 1).alias("t"), F.col("a").cast("string")))


@case
def p_column_arguments_given(spark, F, T, tmp):
    df = spark.createDataFrame([("hello world", "o", 3, "*"), ("abcabc", "c", 5, "-"),
                                (None, "x", 2, "#"), ("zz", None, 4, "+")], ["s", "p", "n", "c"])
    return _shape(df.select(F.col("s").contains(F.col("p")), F.col("s").startswith(F.col("p")),
                            F.expr("s like p"), F.expr("lpad(s, n, '*')"),
                            F.left("s", F.col("n")), F.regexp_replace("s", F.col("p"),
                                                                      F.col("c"))))


@case
def p_df_star_after_join(spark, F, T, tmp):
    a = spark.createDataFrame([(1, "a"), (2, "b")], "k int, lv string")
    b = spark.createDataFrame([(2, "x"), (3, "y")], "k int, rv string")
    return _shape(a.join(b, a.k == b.k).select(a["*"], b.rv))


@case
def p_struct_field_names(spark, F, T, tmp):
    df = spark.createDataFrame([(1, "x", 3)], "id long, name string, age long")
    return df.select(F.struct("id", F.lit(1), F.col("age") + 1, F.upper("name"),
                              F.col("name").alias("n"))).schema.simpleString()


@case
def p_union_structs_by_position(spark, F, T, tmp):
    a = spark.createDataFrame([((1, "a"),)], "s struct<p:int,q:string>")
    b = spark.createDataFrame([((2, "b"),)], "s struct<r:int,t:string>")
    return _shape(a.union(b))


@case
def p_join_on_struct_and_array_keys(spark, F, T, tmp):
    a = spark.createDataFrame([((1, "a"), [1], 1), ((2, "b"), [2], 2), (None, None, 3)],
                              "k struct<x:int,y:string>, r array<int>, lv int")
    b = spark.createDataFrame([((1, "a"), [1], 10), ((2, "b"), [3], 20), (None, None, 30)],
                              "k struct<x:int,y:string>, r array<int>, rv int")
    return (_shape(a.join(b, "k")), _shape(a.join(b, "r")),
            _shape(a.select("k").intersect(b.select("k"))))


@case
def p_order_by_array_struct_map(spark, F, T, tmp):
    df = spark.createDataFrame([([1, 5], (2, "a")), ([2], (1, "b")), ([], (1, "a")),
                                (None, None)], "a array<int>, s struct<x:int,y:string>")
    return ([tuple(r) for r in df.orderBy("a").collect()],
            [tuple(r) for r in df.orderBy(F.desc("s")).collect()])


@case
def p_order_by_map_refused(spark, F, T, tmp):
    return spark.createDataFrame([({"a": 1},)], "m map<string,int>").orderBy("m")


@case
def p_string_functions(spark, F, T, tmp):
    df = spark.createDataFrame([("abcdef", "AbCd-123 é")], "x string, y string")
    return _shape(df.select(F.translate("x", "abcd", "XY"), F.translate("x", "aa", "12"),
                            F.mask("y"), F.concat_ws("|", F.lit("a"), F.lit(None),
                                                     F.array(F.lit("x")), F.array(), F.lit("z")),
                            F.conv(F.lit(""), 16, 10)))


@case
def p_json_options(spark, F, T, tmp):
    df = spark.createDataFrame([('{"a":"true","b":1}', '{"d":"01/03/2024"}', '{bad', 1, None)],
                               "j string, k string, m string, a int, b string")
    return _shape(df.select(
        F.from_json("j", "a BOOLEAN, b STRING").alias("x"),
        F.from_json("k", "d DATE", {"dateFormat": "dd/MM/yyyy"}).alias("y"),
        F.from_json("m", "a INT, _corrupt_record STRING").alias("z"),
        F.from_json(F.lit('{"a": 1}'), "array<struct<a:int>>").alias("w"),
        F.to_json(F.struct("a", "b"), {"ignoreNullFields": "false"}).alias("v")))


@case
def p_to_json_rdd(spark, F, T, tmp):
    df = spark.createDataFrame([(1, "x", [1])], "a int, c string, d array<int>")
    return df.toJSON().collect()


# ---------------------------------------------------------------- session 11


def _keys(spark):
    spark.createDataFrame([(1, "a"), (2, "b"), (None, "n1"), (3, "c"), (2, "b2")],
                          "k int, lv string").createOrReplaceTempView("lk")
    spark.createDataFrame([(2, "x"), (3, "y"), (None, "m1"), (4, "z")],
                          "k int, rv string").createOrReplaceTempView("rk")


@case
def p_using_join_qualified_star(spark, F, T, tmp):
    _keys(spark)
    return [_shape(spark.sql(q)) for q in (
        "SELECT rk.*, lk.lv FROM lk JOIN rk USING (k)",
        "SELECT lk.*, rk.* FROM lk FULL JOIN rk USING (k)",
        "SELECT rk.*, k FROM lk LEFT JOIN rk USING (k)")]


@case
def p_using_join_dataframe_star(spark, F, T, tmp):
    a = spark.createDataFrame([(1, "a"), (2, "b")], "k int, lv string")
    b = spark.createDataFrame([(2, "x"), (3, "y")], "k int, rv string")
    return _shape(a.join(b, "k", "left").select(b["*"], "k"))


@case
def p_sql_unpivot(spark, F, T, tmp):
    spark.createDataFrame([(1, 10, 20), (2, 30, None)], "id int, q1 int, q2 bigint") \
        .createOrReplaceTempView("wide")
    return [_shape(spark.sql(q)) for q in (
        "SELECT * FROM wide UNPIVOT (val FOR q IN (q1, q2))",
        "SELECT * FROM wide UNPIVOT INCLUDE NULLS (val FOR q IN (q1 AS first, q2 AS second))",
        "SELECT id, q, a, b FROM wide UNPIVOT ((a, b) FOR q IN ((q1, q2) AS p, (q2, q1) AS r))",
        "SELECT u.* FROM wide UNPIVOT (val FOR q IN (q1, q2)) AS u WHERE u.val > 10")]


@case
def p_sql_unpivot_type_mismatch(spark, F, T, tmp):
    return spark.sql("SELECT * FROM (SELECT 1 id, 'x' a, 2 b) UNPIVOT (v FOR q IN (a, b))")


@case
def p_sql_lateral_view_generators(spark, F, T, tmp):
    return [_shape(spark.sql(q)) for q in (
        "SELECT id, a, b FROM (SELECT 1 id, array(struct(1, 'x'), struct(2, 'y')) s) "
        "LATERAL VIEW inline(s) t AS a, b",
        "SELECT id, t.* FROM (SELECT 1 id) LATERAL VIEW stack(2, 1, 'x', 2, 'y') t",
        "SELECT id, a FROM (SELECT 1 id, array() m) LATERAL VIEW OUTER explode(m) t AS a",
        "SELECT id, p, c FROM (SELECT 1 id, array(5, 6) m) LATERAL VIEW posexplode(m) t AS p, c")]


@case
def p_sql_lateral_view_not_generator(spark, F, T, tmp):
    return spark.sql("SELECT id, a FROM (SELECT 1 id, 'x' m) LATERAL VIEW upper(m) t AS a")


@case
def p_sql_having_with_window_over_aggregate(spark, F, T, tmp):
    _emp(spark).createOrReplaceTempView("emp")
    return [_shape(spark.sql(q)) for q in (
        "SELECT dept, count(*) c, sum(count(*)) OVER () tot FROM emp GROUP BY dept "
        "HAVING count(*) > 1",
        "SELECT dept, count(*) c, rank() OVER (ORDER BY sum(sal)) r FROM emp GROUP BY dept "
        "HAVING sum(sal) > 400 AND dept <> 'it'")]


@case
def p_sql_session_variables(spark, F, T, tmp):
    spark.sql("DECLARE OR REPLACE VARIABLE p_v INT DEFAULT 5")
    spark.sql("DECLARE OR REPLACE VARIABLE p_s = 'x'")
    spark.sql("DECLARE OR REPLACE VARIABLE p_n DECIMAL(4, 1)")
    try:
        first = _shape(spark.sql("SELECT p_v + 1, typeof(p_v), p_v x, p_v, upper(p_s), p_n"))
        spark.sql("SET VAR p_v = 7")
        second = _shape(spark.sql("SELECT session.p_v, p_v FROM (SELECT 3 p_v)"))
        return first, second
    finally:
        for v in ("p_v", "p_s", "p_n"):
            spark.sql(f"DROP TEMPORARY VARIABLE IF EXISTS {v}")


@case
def p_sql_session_variable_errors(spark, F, T, tmp):
    out = []
    for q in ("SET VAR p_nope = 1", "DROP TEMPORARY VARIABLE p_nope"):
        try:
            spark.sql(q)
            out.append("ok")
        except Exception as e:  # noqa: BLE001 - the class is the answer
            out.append(type(e).__name__)
    return out


@case
def p_table_dataframe_sees_later_inserts(spark, F, T, tmp):
    spark.sql("DROP TABLE IF EXISTS p_ins_t")
    spark.sql("CREATE TABLE p_ins_t (id INT) USING parquet")
    try:
        df = spark.table("p_ins_t")
        spark.sql("CREATE OR REPLACE TEMP VIEW p_ins_v AS SELECT * FROM p_ins_t")
        spark.sql("INSERT INTO p_ins_t VALUES (1), (2)")
        first = (df.count(), spark.table("p_ins_v").count())
        spark.sql("INSERT INTO p_ins_t VALUES (3)")
        return first, sorted(r.id for r in df.collect())
    finally:
        spark.sql("DROP TABLE IF EXISTS p_ins_t")


@case
def p_describe_column_and_query(spark, F, T, tmp):
    spark.sql("DROP TABLE IF EXISTS p_desc_t")
    spark.sql("CREATE TABLE p_desc_t (id INT COMMENT 'k', v STRING) USING parquet")
    try:
        return [_shape(spark.sql(q)) for q in (
            "DESCRIBE p_desc_t id", "DESC TABLE p_desc_t v",
            "DESCRIBE QUERY SELECT 1 AS a, 'x' AS b")]
    finally:
        spark.sql("DROP TABLE IF EXISTS p_desc_t")


@case
def p_create_table_duplicate_columns(spark, F, T, tmp):
    return spark.sql("CREATE TABLE p_dup_t (id INT, ID STRING) USING parquet")


@case
def p_function_exists_and_is_cached(spark, F, T, tmp):
    spark.udf.register("p_plus1", lambda x: x + 1, "int")
    df = spark.range(3)
    df.createOrReplaceTempView("p_cached_v")
    df.cache()
    try:
        return [spark.catalog.functionExists("p_plus1"), spark.catalog.isCached("p_cached_v")]
    finally:
        df.unpersist()


@case
def p_with_columns_renamed_in_turn(spark, F, T, tmp):
    df = spark.createDataFrame([(1, 2, 3)], "k int, x int, y int")
    return [df.withColumnsRenamed({"k": "x", "x": "k"}).columns,
            df.withColumnsRenamed({"K": "a", "a": "b"}).columns]


@case
def p_map_in_pandas_missing_column(spark, F, T, tmp):
    def f(it):
        for pdf in it:
            yield pdf.assign(x=pdf.v)
    df = spark.createDataFrame([("a", 1)], "k string, v int")
    return df.mapInPandas(f, "k string, x int, y double").collect()


@case
def p_map_in_pandas_extra_and_reordered(spark, F, T, tmp):
    def f(it):
        for pdf in it:
            yield pdf.assign(w=pdf.v * 2)[["w", "v", "k"]]
    df = spark.createDataFrame([("a", 1), ("b", 2)], "k string, v int")
    return _shape(df.mapInPandas(f, "k string, v int"))


@case
def p_select_expr_incomplete(spark, F, T, tmp):
    return spark.range(2).selectExpr("id +")


@case
def p_persistent_view(spark, F, T, tmp):
    for q in ("DROP VIEW IF EXISTS p_pv", "DROP VIEW IF EXISTS p_pv2", "DROP TABLE IF EXISTS p_pt"):
        spark.sql(q)
    spark.sql("CREATE TABLE p_pt (id INT, v STRING) USING parquet")
    try:
        spark.sql("INSERT INTO p_pt VALUES (1, 'a')")
        spark.sql("CREATE VIEW p_pv (a COMMENT 'x', b) AS SELECT id, upper(v) AS u FROM p_pt")
        spark.sql("INSERT INTO p_pt VALUES (2, 'b')")
        rows = sorted(tuple(r) for r in spark.table("p_pv").collect())
        listed = [(t.name, t.tableType, t.isTemporary)
                  for t in (spark.catalog.getTable("p_pt"), spark.catalog.getTable("p_pv"))]
        desc = [tuple(r) for r in spark.sql("DESCRIBE p_pv").collect()]
        spark.sql("ALTER VIEW p_pv RENAME TO p_pv2")
        return rows, listed, desc, spark.newSession().table("p_pv2").count()
    finally:
        for q in ("DROP VIEW IF EXISTS p_pv", "DROP VIEW IF EXISTS p_pv2",
                  "DROP TABLE IF EXISTS p_pt"):
            spark.sql(q)


@case
def p_persistent_view_without_alias(spark, F, T, tmp):
    return spark.sql("CREATE VIEW p_pv5 AS SELECT id, upper(v) FROM VALUES (1, 'a') t(id, v)")


@case
def p_persistent_view_over_temp_view(spark, F, T, tmp):
    spark.range(3).createOrReplaceTempView("p_tv")
    return spark.sql("CREATE VIEW p_pv3 AS SELECT * FROM p_tv")


@case
def p_drop_view_wrong_kind(spark, F, T, tmp):
    spark.sql("CREATE TABLE IF NOT EXISTS p_pt4 (id INT) USING parquet")
    spark.sql("CREATE OR REPLACE VIEW p_pv4 AS SELECT 1 AS x")
    out = []
    try:
        for q in ("DROP VIEW p_pt4", "DROP TABLE p_pv4", "INSERT INTO p_pv4 VALUES (2)"):
            try:
                spark.sql(q)
                out.append("ok")
            except Exception as e:  # noqa: BLE001 - the class is the answer
                out.append(type(e).__name__)
        return out
    finally:
        spark.sql("DROP VIEW IF EXISTS p_pv4")
        spark.sql("DROP TABLE IF EXISTS p_pt4")


def _outcomes(steps):
    out = []
    for step in steps:
        try:
            step()
            out.append("ok")
        except Exception as e:  # noqa: BLE001 - the class is the answer
            out.append(type(e).__name__)
    return out


@case
def p_view_and_table_names(spark, F, T, tmp):
    df = spark.range(2)
    return _outcomes([
        lambda: df.createOrReplaceTempView("bad name"), lambda: df.createOrReplaceTempView("a-b"),
        lambda: df.createOrReplaceTempView("`p odd`"), lambda: df.createOrReplaceTempView("1p"),
        lambda: df.createOrReplaceGlobalTempView("bad name"),
        lambda: spark.sql("CREATE TABLE `p a b` (x INT) USING parquet")])


@case
def p_create_or_replace_table(spark, F, T, tmp):
    return spark.sql("CREATE OR REPLACE TABLE p_rt USING parquet AS SELECT 1 a")


@case
def p_overwrite_table_being_read(spark, F, T, tmp):
    spark.sql("DROP TABLE IF EXISTS p_ow")
    spark.sql("CREATE TABLE p_ow (id INT) USING parquet")
    try:
        spark.sql("INSERT INTO p_ow VALUES (1)")
        out = _outcomes([
            lambda: spark.table("p_ow").write.mode("overwrite").saveAsTable("p_ow"),
            lambda: spark.table("p_ow").selectExpr("id + 1 AS id").write.insertInto(
                "p_ow", overwrite=True),
            lambda: spark.sql("INSERT OVERWRITE TABLE p_ow SELECT id * 10 FROM p_ow"),
            lambda: spark.sql("INSERT INTO p_ow SELECT id + 1 FROM p_ow")])
        return out, sorted(r.id for r in spark.table("p_ow").collect())
    finally:
        spark.sql("DROP TABLE IF EXISTS p_ow")


@case
def p_drop_duplicates_within_watermark_batch(spark, F, T, tmp):
    df = spark.createDataFrame([(1, _dt.datetime(2024, 1, 1))], "id int, t timestamp")
    return df.withWatermark("t", "1 hour").dropDuplicatesWithinWatermark(["id"]).count()


@case
def p_to_pandas_array_cells(spark, F, T, tmp):
    pdf = spark.createDataFrame(
        [([1, 2], ["a", None], [[1], [2, 3]], [1.5]), ([1, None], [], None, [None])],
        "a array<int>, b array<string>, c array<array<int>>, f array<double>").toPandas()
    return [[(type(v).__name__, str(getattr(v, "dtype", "")), repr(v)) for v in pdf[c]]
            for c in pdf.columns]


@case
def p_explain_unknown_mode(spark, F, T, tmp):
    return spark.range(2).explain(mode="weird")


@case
def p_sort_by_without_bucket_by(spark, F, T, tmp):
    return spark.range(2).write.sortBy("id").parquet(f"{tmp}/o")
