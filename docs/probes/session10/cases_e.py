from common import *  # noqa


# =============================================================== fixed variants (no poison rows) + extras
@case
def m_pmod_variants2(s, F, T):
    df = s.createDataFrame([(-7, 3), (7, -3), (-7, -3), (None, 3)], "a int, b int")
    return df.select("a", "b", F.pmod("a", "b").alias("p"), (F.col("a") % F.col("b")).alias("m"))


@case
def m_conv_variants2(s, F, T):
    df = s.createDataFrame([("100",), ("-10",), ("zz",), ("ff",), ("1x2",), ("",), (None,)], "x string")
    return df.select("x", F.conv("x", 16, 10).alias("h2d"), F.conv("x", 10, -16).alias("neg"), F.conv("x", 36, 10).alias("b36"))


@case
def m_conv_overflow_only(s, F, T):
    df = s.createDataFrame([("7fffffffffffffff",)], "x string")
    return df.select(F.conv("x", 36, 2).alias("b36"))


@case
def m_double_mod_negative_zero2(s, F, T):
    return s.sql("SELECT -4.0D % 2 a, cast(-0.0 as double) b, 0.0D = -0.0D c, -0.0D < 0.0D d, cast('NaN' as double) = cast('NaN' as double) e, "
                 "cast('NaN' as double) > 1e308 f")


@case
def m_double_to_decimal_cast_round2(s, F, T):
    df = s.createDataFrame([(1.005,), (2.675,), (0.125,), (-0.125,), (999.994,), (-1.235,)], "x double")
    return df.select("x", F.col("x").cast("decimal(5,2)").alias("c"))


@case
def d_date_trunc_on_date_string2(s, F, T):
    df = s.createDataFrame([("2024-08-15",), ("2024-08-15 10:11:12",), ("2024-08-15T10:11:12.5",)], "x string")
    return df.select("x", F.date_trunc("month", "x").alias("m"), F.date_trunc("hour", "x").alias("h"))


@case
def d_unix_timestamp_patterns2(s, F, T):
    df = s.createDataFrame([("15/03/2024 10:30",), ("01/01/1970 00:00",), (None,)], "x string")
    return df.select(F.unix_timestamp("x", "dd/MM/yyyy HH:mm").alias("a"), F.to_timestamp("x", "dd/MM/yyyy HH:mm").alias("t"))


@case
def d_unix_timestamp_default2(s, F, T):
    df = s.createDataFrame([("2024-03-15 10:30:00",), ("1969-12-31 23:59:59",)], "x string")
    return df.select(F.unix_timestamp("x").alias("a"), F.unix_timestamp(F.to_date(F.substring("x", 1, 10))).alias("d"))


@case
def d_date_format_each_letter(s, F, T):
    df = s.createDataFrame([(dt(2024, 3, 5, 14, 7, 9, 45000),)], "t timestamp")
    pats = ["E", "EEEE", "MMM", "MMMM", "a", "D", "DDD", "hh", "K", "k", "SSS", "SSSSSS", "q", "QQQ", "LLL", "w", "dd.MM.yy",
            "G", "yyyyy", "H:m:s", "VV", "z", "XXX", "Z", "O", "e", "c", "W", "u", "F", "Y"]
    out = {}
    for p in pats:
        try:
            out[p] = df.select(F.date_format("t", p)).collect()[0][0]
        except Exception as e:  # noqa
            out[p] = "ERR:" + type(e).__name__
    return out


@case
def d_make_timestamp2(s, F, T):
    return s.sql("SELECT make_timestamp(2024, 2, 29, 12, 30, 45.5) a, make_timestamp(2024, 1, 1, 0, 0, 60) b, "
                 "make_timestamp(2024, 1, 1, 1, 0, 0, 'Asia/Tokyo') c")


@case
def d_date_format_on_string2(s, F, T):
    df = s.createDataFrame([("2024-03-05",), ("2024-03-05T10:00:00",), ("2024-3-5",)], "x string")
    return df.select("x", F.date_format("x", "yyyy/MM/dd").alias("f"))


@case
def sx_find_in_set_elt2(s, F, T):
    return s.sql("SELECT find_in_set('b', 'a,b,c') a, find_in_set('a,b', 'a,b') b, find_in_set('', ',x') c, "
                 "elt(2, 'x', 'y', 'z') d, try_element_at(array('x'), 5) e")


@case
def sx_elt_out_of_range(s, F, T):
    return s.sql("SELECT elt(5, 'x') e")


@case
def sx_encode_charsets(s, F, T):
    df = s.createDataFrame([("héllo",)], "x string")
    return df.select(F.hex(F.encode("x", "ISO-8859-1")).alias("b"), F.hex(F.encode("x", "UTF-16")).alias("c"),
                     F.hex(F.encode("x", "UTF-16LE")).alias("d"), F.decode(F.encode("x", "UTF-16BE"), "UTF-16BE").alias("e"))


@case
def sx_luhn_check_sql(s, F, T):
    return s.sql("SELECT x, luhn_check(x) ok FROM VALUES ('79927398713'), ('79927398710'), (''), ('abc'), ('0') t(x)")


@case
def q_select_no_from_types2(s, F, T):
    return s.sql("SELECT 1Y a, 1S b, 1L c, 1D d, 1F e, 1BD f, X'4142' g, DATE'2024-01-01' h, TIMESTAMP'2024-01-01 10:00:00' i, "
                 "true j, NULL k, 1.5e3 l, .5 m, 1e-2BD n")


@case
def q_implicit_string_to_int_arith2(s, F, T):
    return s.sql("SELECT '5' + 3 a, typeof('5' + 3) t, '5' * 2 b, typeof('5' * 2) tb, '1' + 1.5 c, typeof('1' + 1.5) tc")


@case
def q_string_times_string(s, F, T):
    return s.sql("SELECT '5' * '2' b")


@case
def q_mode_unique(s, F, T):
    return s.sql("SELECT k, mode(v) m, mode(s) ms FROM VALUES (1, 5, 'a'), (1, 5, 'b'), (1, 7, 'b'), (2, NULL, NULL), (2, 3, 'z') t(k, v, s) GROUP BY k")


@case
def u_bn_struct_field_order(s, F, T):
    a = s.createDataFrame([((1, "a"),)], "s struct<p:int,q:string>")
    b = s.createDataFrame([(("b", 2),)], "s struct<q:string,p:int>")
    return a.unionByName(b)


@case
def u_struct_positional_same_names(s, F, T):
    a = s.createDataFrame([((1, "a"),)], "s struct<p:int,q:string>")
    b = s.createDataFrame([((2, "b"),)], "s struct<p:long,q:string>")
    return a.union(b)


@case
def u_struct_positional_sql(s, F, T):
    return s.sql("SELECT named_struct('p', 1, 'q', 'a') s UNION ALL SELECT named_struct('r', 2, 't', 'b')")


@case
def u_array_of_struct_positional(s, F, T):
    a = s.createDataFrame([([(1, "a")],)], "s array<struct<p:int,q:string>>")
    b = s.createDataFrame([([(2, "b")],)], "s array<struct<r:int,t:string>>")
    return a.union(b)


@case
def st_struct_names_exprs_schema2(s, F, T):
    return people(s).select(F.struct(F.col("name").alias("n"), F.length("name"), F.col("age").cast("string"), F.col("city"))).schema.simpleString()


@case
def sx_concat_ws_empty_array_only(s, F, T):
    df = s.createDataFrame([("a", [], None)], "a string, d array<string>, n array<string>")
    return df.select(F.concat_ws("-", "a", "d", "n", "a").alias("w"))


@case
def sx_translate_dup_from(s, F, T):
    return s.sql("SELECT translate('abcabc', 'aab', 'xyz') a, translate('hello', 'll', '') b")


@case
def sx_mask_unicode(s, F, T):
    return s.sql("SELECT mask('ÀÉÎ àéî ٣') m")


@case
def j_df_star_after_join_left(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, a.k == b.k, "left").select(b["*"])


@case
def j_df_star_self_alias(s, F, T):
    e = emp(s)
    x, y = e.alias("x"), e.alias("y")
    return x.join(y, F.col("x.name") == F.col("y.name")).select(F.col("x.*")).columns


@case
def j_sql_using_left_qualified_star(s, F, T):
    lk(s).createOrReplaceTempView("lk")
    rk(s).createOrReplaceTempView("rk")
    return s.sql("SELECT lk.*, rk.rv FROM lk LEFT JOIN rk USING (k)")


@case
def js_from_json_number_as_string(s, F, T):
    df = s.createDataFrame([('{"b": 1.50, "c": [1, 2], "d": {"x": 1}}',)], "j string")
    return df.select(F.from_json("j", "b STRING, c STRING, d STRING").alias("p"))


@case
def js_from_json_single_object_to_array(s, F, T):
    return s.sql("""SELECT from_json('{"a": 1}', 'array<struct<a:int>>') x, from_json('[1, 2]', 'array<int>') y, from_json('1', 'array<int>') z""")


@case
def js_to_json_options_timestamp(s, F, T):
    df = s.createDataFrame([(dt(2024, 1, 2, 3, 4, 5), date(2024, 1, 2))], "t timestamp, d date")
    return df.select(F.to_json(F.struct("t", "d"), {"timestampFormat": "yyyy/MM/dd HH:mm", "dateFormat": "dd.MM.yyyy"}).alias("j"))


@case
def js_from_json_timestamp_format_opt(s, F, T):
    df = s.createDataFrame([('{"t": "2024/01/02 03:04"}',)], "j string")
    return df.select(F.from_json("j", "t TIMESTAMP", {"timestampFormat": "yyyy/MM/dd HH:mm"}).alias("p"))


@case
def w_stddev_over_rows(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq").rowsBetween(-1, 1)
    return emp(s).select("name", F.stddev_pop("sal").over(w).alias("sd"), F.var_samp("sal").over(w).alias("v"))


@case
def w_min_by_over(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("name", F.min_by("seq", "sal").over(w).alias("m"))


@case
def w_corr_over(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("name", F.corr("sal", "seq").over(w).alias("c"), F.covar_pop("sal", "seq").over(w).alias("cp"))


@case
def w_bool_and_over(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("name", F.bool_and(F.col("sal") > 100).over(w).alias("ba"), F.count_if(F.col("sal") > 100).over(w).alias("ci"))


@case
def j_struct_key_expr(s, F, T):
    a = s.createDataFrame([((1, "a"), 1)], "k struct<x:int,y:string>, v int")
    b = s.createDataFrame([((1, "a"), 10)], "k2 struct<x:int,y:string>, w int")
    return a.join(b, a.k == b.k2).select("v", "w")


@case
def st_struct_compare_filter(s, F, T):
    df = s.createDataFrame([((1, "a"),), ((2, "b"),)], "s struct<x:int,y:string>")
    return df.filter(F.col("s") == F.struct(F.lit(1).alias("x"), F.lit("a").alias("y")))


@case
def arr_distinct_array_col(s, F, T):
    df = s.createDataFrame([([1, 2],), ([1, 2],), ([2],)], "a array<int>")
    return df.distinct()


@case
def arr_groupby_array_col(s, F, T):
    df = s.createDataFrame([([1, 2], 1), ([1, 2], 2), ([2], 3)], "a array<int>, v int")
    return df.groupBy("a").sum("v")


@case
def arr_orderby_array_col(s, F, T):
    df = s.createDataFrame([([2],), ([1, 5],), ([1],), ([],)], "a array<int>")
    return df.orderBy("a")


@case(ordered=True)
def arr_orderby_array_col_ordered(s, F, T):
    df = s.createDataFrame([([2],), ([1, 5],), ([1],), ([],), (None,)], "a array<int>")
    return df.orderBy("a")


@case
def st_distinct_struct_col(s, F, T):
    df = s.createDataFrame([((1, "a"),), ((1, "a"),), ((1, None),)], "s struct<x:int,y:string>")
    return df.dropDuplicates()


@case
def u_intersect_struct(s, F, T):
    a = s.createDataFrame([((1, "a"),), ((2, "b"),)], "s struct<p:int,q:string>")
    b = s.createDataFrame([((1, "a"),)], "s struct<p:int,q:string>")
    return a.intersect(b)


@case
def dc_lit_decimal_single(s, F, T):
    return s.range(1).select(F.lit(D("1.10")).alias("a"))


@case
def dc_lit_decimal_exp(s, F, T):
    return s.range(1).select(F.lit(D("1E+3")).alias("c"))


@case
def dc_create_df_decimal_exp(s, F, T):
    return s.createDataFrame([(D("1E+3"),), (D("0.5"),)], "x decimal(10,2)")


@case
def sx_unbase64_unpadded(s, F, T):
    df = s.createDataFrame([("aGVsbG8",), ("aGk",)], "x string")
    return df.select(F.unbase64("x").cast("string").alias("u"))


@case
def q_group_by_having_window(s, F, T):
    _e = emp(s)
    _e.createOrReplaceTempView("emp")
    return s.sql("SELECT dept, count(*) c FROM emp GROUP BY dept HAVING count(*) > 1")


@case
def q_window_over_agg_no_having(s, F, T):
    emp(s).createOrReplaceTempView("emp")
    return s.sql("SELECT dept, count(*) c, sum(count(*)) OVER () tot FROM emp GROUP BY dept")


@case
def q_string_agg_plain(s, F, T):
    emp(s).createOrReplaceTempView("emp")
    return s.sql("SELECT dept, length(string_agg(name, ',')) l FROM emp GROUP BY dept")


@case
def q_listagg_distinct(s, F, T):
    return s.sql("SELECT listagg(DISTINCT x, '-') WITHIN GROUP (ORDER BY x DESC) s FROM VALUES ('a'), ('b'), ('a') t(x)")


@case
def q_tuple_in_subquery(s, F, T):
    emp(s).createOrReplaceTempView("emp")
    return s.sql("SELECT name FROM emp WHERE (dept, sal) IN (SELECT dept, max(sal) FROM emp GROUP BY dept)")


@case
def q_order_by_ordinal_with_agg_alias(s, F, T):
    emp(s).createOrReplaceTempView("emp")
    return s.sql("SELECT dept AS d, max(sal) AS m FROM emp GROUP BY d ORDER BY m DESC NULLS LAST")


@case
def mp_groupby_map_no_null_values(s, F, T):
    df = s.createDataFrame([({"a": 1},), ({"a": 1},), ({"b": 2},)], "m map<string,int>")
    return df.groupBy("m").count()


@case
def df_tojson_rdd_take(s, F, T):
    df = s.createDataFrame([(1, "x")], "a int, b string")
    return df.toJSON().take(1)


@case
def udf_pandas_returns_wrong_len(s, F, T):
    import pandas as pd

    @F.pandas_udf("long")
    def bad(x: pd.Series) -> pd.Series:
        return pd.Series([1])
    return s.range(3).select(bad("id").alias("b"))
