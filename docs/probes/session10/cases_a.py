from common import *  # noqa


# =============================================================== joins with NULL keys
@case
def j_inner_null_keys(s, F, T):
    return lk(s).join(rk(s), "k")


@case
def j_inner_null_keys_expr(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, a.k == b.k).select(a.k.alias("ak"), "lv", b.k.alias("bk"), "rv")


@case
def j_left_null_keys(s, F, T):
    return lk(s).join(rk(s), "k", "left")


@case
def j_right_null_keys(s, F, T):
    return lk(s).join(rk(s), "k", "right")


@case
def j_full_null_keys_using(s, F, T):
    return lk(s).join(rk(s), "k", "full")


@case
def j_full_null_keys_expr(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, a.k == b.k, "full_outer").select(a.k.alias("ak"), "lv", b.k.alias("bk"), "rv")


@case
def j_full_using_cols(s, F, T):
    return lk(s).join(rk(s), ["k"], "outer").columns


@case
def j_semi_null_keys(s, F, T):
    return lk(s).join(rk(s), "k", "left_semi")


@case
def j_anti_null_keys(s, F, T):
    return lk(s).join(rk(s), "k", "left_anti")


@case
def j_anti_eqnullsafe(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, a.k.eqNullSafe(b.k), "anti")


@case
def j_semi_eqnullsafe(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, a.k.eqNullSafe(b.k), "semi")


@case
def j_full_eqnullsafe(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, a.k.eqNullSafe(b.k), "full").select(a.k.alias("ak"), "lv", b.k.alias("bk"), "rv")


@case
def j_multi_key_one_null(s, F, T):
    a = s.createDataFrame([(1, None, "a"), (1, "x", "b"), (None, "x", "c")], "k1 int, k2 string, v string")
    b = s.createDataFrame([(1, None, "p"), (1, "x", "q"), (None, "x", "r")], "k1 int, k2 string, w string")
    return a.join(b, ["k1", "k2"], "full")


@case
def j_how_aliases_all(s, F, T):
    a, b = lk(s), rk(s)
    out = {}
    for how in ["inner", "cross", "outer", "full", "fullouter", "full_outer", "left", "leftouter", "left_outer",
                "right", "rightouter", "right_outer", "semi", "leftsemi", "left_semi", "anti", "leftanti", "left_anti"]:
        out[how] = a.join(b, "k", how).count()
    return out


@case
def j_nan_keys(s, F, T):
    a = s.createDataFrame([(float("nan"), "a"), (1.0, "b"), (-0.0, "z")], "k double, v string")
    b = s.createDataFrame([(float("nan"), "x"), (1.0, "y"), (0.0, "w")], "k double, w string")
    return a.join(b, "k")


@case
def j_nan_keys_expr(s, F, T):
    a = s.createDataFrame([(float("nan"), "a"), (-0.0, "z")], "k double, v string")
    b = s.createDataFrame([(float("nan"), "x"), (0.0, "w")], "k2 double, w string")
    return a.join(b, a.k == b.k2).select("v", "w")


@case
def j_int_long_keys(s, F, T):
    a = s.createDataFrame([(1, "a"), (2, "b")], "k int, v string")
    b = s.createDataFrame([(1, "x"), (3, "y")], "k long, w string")
    r = a.join(b, "k", "full")
    return r


@case
def j_int_double_keys(s, F, T):
    a = s.createDataFrame([(1, "a"), (2, "b")], "k int, v string")
    b = s.createDataFrame([(1.0, "x"), (2.5, "y")], "k double, w string")
    return a.join(b, "k", "full")


@case
def j_decimal_scale_keys(s, F, T):
    a = s.createDataFrame([(D("1.10"), "a"), (D("2.00"), "b")], "k decimal(5,2), v string")
    b = s.createDataFrame([(D("1.1"), "x"), (D("2.0"), "y")], "k decimal(4,1), w string")
    return a.join(b, "k")


@case
def j_date_ts_keys(s, F, T):
    a = s.createDataFrame([(date(2024, 1, 1), "a")], "k date, v string")
    b = s.createDataFrame([(dt(2024, 1, 1), "x"), (dt(2024, 1, 1, 5), "y")], "k timestamp, w string")
    return a.join(b, "k")


@case
def j_struct_keys(s, F, T):
    a = s.createDataFrame([((1, "a"), 1), ((2, None), 2)], "k struct<x:int,y:string>, v int")
    b = s.createDataFrame([((1, "a"), 10), ((2, None), 20)], "k struct<x:int,y:string>, w int")
    return a.join(b, "k").select("v", "w")


@case
def j_array_keys(s, F, T):
    a = s.createDataFrame([([1, 2], 1), ([], 2), (None, 3)], "k array<int>, v int")
    b = s.createDataFrame([([1, 2], 10), ([], 20), (None, 30)], "k array<int>, w int")
    return a.join(b, "k").select("v", "w")


@case
def j_dup_right_keys_multiply(s, F, T):
    a = s.createDataFrame([(1, "a"), (1, "b")], "k int, v string")
    b = s.createDataFrame([(1, "x"), (1, "y"), (1, "z")], "k int, w string")
    return a.join(b, "k")


@case
def j_empty_right(s, F, T):
    a = lk(s)
    b = rk(s).filter("k > 100")
    return a.join(b, "k", "left")


@case
def j_empty_left_full(s, F, T):
    a = lk(s).filter("k > 100")
    return a.join(rk(s), "k", "full")


@case
def j_self_alias_mgr(s, F, T):
    e = s.createDataFrame([(1, "boss", None), (2, "mid", 1), (3, "low", 2), (4, "low2", 2)], "id int, name string, mgr int")
    return (e.alias("e").join(e.alias("m"), F.col("e.mgr") == F.col("m.id"), "left")
            .select(F.col("e.name").alias("emp"), F.col("m.name").alias("boss")))


@case
def j_self_alias_star_cols(s, F, T):
    e = s.createDataFrame([(1, "a"), (2, "b")], "id int, name string")
    r = e.alias("x").join(e.alias("y"), F.col("x.id") == F.col("y.id"))
    return r.select("x.*", F.col("y.name").alias("yn"))


@case
def j_self_alias_select_ambiguous(s, F, T):
    e = s.createDataFrame([(1, "a"), (2, "b")], "id int, name string")
    return e.alias("x").join(e.alias("y"), F.col("x.id") == F.col("y.id")).select("name")


@case
def j_self_alias_where_qualified(s, F, T):
    e = s.createDataFrame([(1, "a", 10), (2, "b", 20), (3, "c", 10)], "id int, name string, g int")
    return (e.alias("l").join(e.alias("r"), (F.col("l.g") == F.col("r.g")) & (F.col("l.id") < F.col("r.id")))
            .select("l.name", "r.name"))


@case
def j_dup_names_collect(s, F, T):
    a = s.createDataFrame([(1, "a")], "id int, v string")
    b = s.createDataFrame([(1, "b")], "id int, v string")
    r = a.join(b, a.id == b.id)
    return [r.columns, [tuple(x) for x in r.collect()]]


@case
def j_dup_names_row_asdict(s, F, T):
    a = s.createDataFrame([(1, "a")], "id int, v string")
    b = s.createDataFrame([(1, "b")], "id int, v string")
    return a.join(b, a.id == b.id).collect()[0].asDict()


@case
def j_dup_names_select_df_ref(s, F, T):
    a = s.createDataFrame([(1, "a")], "id int, v string")
    b = s.createDataFrame([(1, "b")], "id int, v string")
    return a.join(b, a.id == b.id).select(a.v, b.v.alias("bv"), b["id"])


@case
def j_dup_names_drop_df_ref(s, F, T):
    a = s.createDataFrame([(1, "a")], "id int, v string")
    b = s.createDataFrame([(1, "b")], "id int, v string")
    return a.join(b, a.id == b.id).drop(b.id).drop(a.v)


@case
def j_dup_names_groupby_ambiguous(s, F, T):
    a = s.createDataFrame([(1, "a")], "id int, v string")
    b = s.createDataFrame([(1, "b")], "id int, v string")
    return a.join(b, a.id == b.id).groupBy("v").count()


@case
def j_using_key_case_mismatch(s, F, T):
    a = s.createDataFrame([(1, "a")], "ID int, v string")
    b = s.createDataFrame([(1, "b")], "id int, w string")
    return a.join(b, "id")


@case
def j_cond_list_of_cols(s, F, T):
    a = s.createDataFrame([(1, 1, "a"), (1, 2, "b")], "x int, y int, v string")
    b = s.createDataFrame([(1, 1, "p"), (1, 3, "q")], "x2 int, y2 int, w string")
    return a.join(b, [a.x == b.x2, a.y == b.y2], "left").select("v", "w")


@case
def j_no_on_is_cross(s, F, T):
    a = s.createDataFrame([(1,), (2,)], "x int")
    b = s.createDataFrame([("a",), ("b",), ("c",)], "y string")
    return a.join(b)


@case
def j_crossjoin_method(s, F, T):
    a = s.createDataFrame([(1,), (2,)], "x int")
    b = s.createDataFrame([(1,), (3,)], "x int")
    return a.crossJoin(b).columns


@case
def j_range_nonequi(s, F, T):
    a = s.createDataFrame([(1,), (5,), (10,)], "v int")
    b = s.createDataFrame([(0, 3, "lo"), (4, 8, "mid"), (8, 20, "hi")], "lo int, hi int, label string")
    return a.join(b, (a.v >= b.lo) & (a.v < b.hi), "left").select("v", "label")


@case
def j_left_on_filter_vs_where(s, F, T):
    a, b = lk(s), rk(s)
    on = a.join(b, (a.k == b.k) & (b.rv == "y"), "left").select("lv", "rv")
    return on


@case
def j_left_then_where_right_null(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, "k", "left").where(b.rv.isNull()).select("lv")


@case
def j_three_way_aliases(s, F, T):
    a = s.createDataFrame([(1, 10)], "id int, bid int").alias("a")
    b = s.createDataFrame([(10, 100)], "id int, cid int").alias("b")
    c = s.createDataFrame([(100, "deep")], "id int, name string").alias("c")
    return (a.join(b, F.col("a.bid") == F.col("b.id")).join(c, F.col("b.cid") == F.col("c.id"))
            .select(F.col("a.id"), F.col("b.id").alias("b_id"), "c.name"))


@case
def j_select_df_star(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, a.k == b.k).select(a["*"], b.rv)


@case
def j_join_after_agg(s, F, T):
    e = emp(s)
    agg = e.groupBy("dept").agg(F.max("sal").alias("mx"))
    return e.join(agg, (e.dept == agg.dept) & (e.sal == agg.mx)).select(e.dept, "name", "mx")


@case
def j_self_join_after_withcolumn(s, F, T):
    e = emp(s)
    e2 = e.withColumn("sal2", F.col("sal") * 2)
    return e.join(e2, "name").select("name", "sal2")


@case
def j_broadcast_fn(s, F, T):
    return lk(s).join(F.broadcast(rk(s)), "k", "left_anti")


@case
def j_anti_with_or_condition(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, (a.k == b.k) | (a.lv == F.lit("n1")), "left_anti")


@case
def j_full_coalesce_order(s, F, T):
    a, b = lk(s), rk(s)
    return a.join(b, "k", "full").orderBy(F.col("k").asc_nulls_last(), "lv", "rv")


@case
def j_using_three_cols_order(s, F, T):
    a = s.createDataFrame([(1, 2, 3, "a")], "x int, y int, z int, v string")
    b = s.createDataFrame([(3, 2, 1, "b")], "z int, y int, x int, w string")
    return a.join(b, ["y", "x"], "inner").columns


@case
def j_right_using_columns(s, F, T):
    a = s.createDataFrame([(1, "a")], "k int, v string")
    b = s.createDataFrame([("b", 1), ("c", 2)], "w string, k int")
    return a.join(b, "k", "right")


@case
def j_semi_then_columns(s, F, T):
    return lk(s).join(rk(s), "k", "semi").columns


@case
def j_sql_full_using(s, F, T):
    lk(s).createOrReplaceTempView("lk")
    rk(s).createOrReplaceTempView("rk")
    return s.sql("SELECT k, lv, rv FROM lk FULL OUTER JOIN rk USING (k)")


@case
def j_sql_natural_join(s, F, T):
    lk(s).createOrReplaceTempView("lk")
    rk(s).createOrReplaceTempView("rk")
    return s.sql("SELECT * FROM lk NATURAL JOIN rk")


@case
def j_sql_self_join(s, F, T):
    emp(s).createOrReplaceTempView("emp")
    return s.sql("SELECT a.name, b.name AS peer FROM emp a JOIN emp b ON a.dept = b.dept AND a.name < b.name")


@case
def j_sql_join_or(s, F, T):
    lk(s).createOrReplaceTempView("lk")
    rk(s).createOrReplaceTempView("rk")
    return s.sql("SELECT lv, rv FROM lk JOIN rk ON lk.k = rk.k OR (lk.k IS NULL AND rk.k IS NULL)")


@case
def j_sql_left_anti_null(s, F, T):
    lk(s).createOrReplaceTempView("lk")
    rk(s).createOrReplaceTempView("rk")
    return s.sql("SELECT lv FROM lk LEFT ANTI JOIN rk ON lk.k = rk.k")


@case
def j_sql_cross_join_where(s, F, T):
    return s.sql("SELECT a.x, b.y FROM VALUES (1), (2) AS a(x) CROSS JOIN VALUES ('p'), ('q') AS b(y) WHERE a.x = 1")


@case
def j_sql_ambiguous_unqualified(s, F, T):
    lk(s).createOrReplaceTempView("lk")
    rk(s).createOrReplaceTempView("rk")
    return s.sql("SELECT k FROM lk JOIN rk ON lk.k = rk.k")


@case
def j_sql_using_qualified_star(s, F, T):
    lk(s).createOrReplaceTempView("lk")
    rk(s).createOrReplaceTempView("rk")
    return s.sql("SELECT rk.*, lk.lv FROM lk JOIN rk USING (k)")


# =============================================================== union
@case
def u_bn_allow_missing_both(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    b = s.createDataFrame([(2.5, True)], "x double, z boolean")
    return a.unionByName(b, allowMissingColumns=True)


@case
def u_bn_allow_missing_order(s, F, T):
    a = s.createDataFrame([(1, 2)], "b int, a int")
    b = s.createDataFrame([(3, 4, 5)], "c int, a int, b int")
    return a.unionByName(b, allowMissingColumns=True)


@case
def u_bn_type_mismatch_str_int(s, F, T):
    a = s.createDataFrame([(1,)], "x int")
    b = s.createDataFrame([("q",)], "x string")
    return a.unionByName(b)


@case
def u_positional_names_first(s, F, T):
    a = s.createDataFrame([(1, "a")], "x int, y string")
    b = s.createDataFrame([("b", 2)], "y string, x int")
    return a.union(b)


@case
def u_unionall_alias(s, F, T):
    a = s.createDataFrame([(1,), (1,)], "x int")
    return a.unionAll(a).distinct()


@case
def u_decimal_widen(s, F, T):
    a = s.createDataFrame([(D("1.5"),)], "x decimal(3,1)")
    b = s.createDataFrame([(D("12.345"),)], "x decimal(5,3)")
    return a.union(b)


@case
def u_date_timestamp(s, F, T):
    a = s.createDataFrame([(date(2024, 1, 1),)], "x date")
    b = s.createDataFrame([(dt(2024, 1, 2, 3),)], "x timestamp")
    return a.union(b)


@case
def u_null_type_with_int(s, F, T):
    a = s.createDataFrame([(1,)], "x int")
    b = a.select(F.lit(None).alias("x"))
    return a.union(b)


@case
def u_int_long(s, F, T):
    a = s.createDataFrame([(1,)], "x int")
    b = s.createDataFrame([(2 ** 40,)], "x long")
    return a.union(b)


@case
def u_struct_positional(s, F, T):
    a = s.createDataFrame([((1, "a"),)], "s struct<p:int,q:string>")
    b = s.createDataFrame([((2, "b"),)], "s struct<r:int,t:string>")
    return a.union(b)


@case
def u_array_elem_widen(s, F, T):
    a = s.createDataFrame([([1],)], "x array<int>")
    b = s.createDataFrame([([1.5],)], "x array<double>")
    return a.union(b)


@case
def u_intersect_all_nulls(s, F, T):
    a = s.createDataFrame([(1,), (1,), (None,), (None,), (2,)], "x int")
    b = s.createDataFrame([(1,), (None,), (None,), (None,), (3,)], "x int")
    return a.intersectAll(b)


@case
def u_except_all_nulls(s, F, T):
    a = s.createDataFrame([(1,), (1,), (None,), (None,), (2,)], "x int")
    b = s.createDataFrame([(1,), (None,), (3,)], "x int")
    return a.exceptAll(b)


@case
def u_subtract_distinct(s, F, T):
    a = s.createDataFrame([(1,), (1,), (None,), (2,)], "x int")
    b = s.createDataFrame([(2,)], "x int")
    return a.subtract(b)


@case
def u_intersect_distinct_nulls(s, F, T):
    a = s.createDataFrame([(1, None), (1, None), (2, "a")], "x int, y string")
    b = s.createDataFrame([(1, None), (2, "b")], "x int, y string")
    return a.intersect(b)


@case
def u_three_way_bn(s, F, T):
    a = s.createDataFrame([(1,)], "a int")
    b = s.createDataFrame([(2,)], "b int")
    c = s.createDataFrame([(3,)], "c int")
    return a.unionByName(b, True).unionByName(c, True)


@case
def u_bn_dup_cols_err(s, F, T):
    a = s.createDataFrame([(1, 2)], "a int, b int").toDF("a", "a")
    b = s.createDataFrame([(1, 2)], "a int, b int").toDF("a", "a")
    return a.unionByName(b)


@case
def u_union_diff_count(s, F, T):
    a = s.createDataFrame([(1, 2)], "a int, b int")
    b = s.createDataFrame([(1,)], "a int")
    return a.union(b)


@case
def u_bool_int_union(s, F, T):
    a = s.createDataFrame([(True,)], "x boolean")
    b = s.createDataFrame([(1,)], "x int")
    return a.union(b)


@case
def u_except_all_struct(s, F, T):
    a = s.createDataFrame([((1, "a"),), ((1, "a"),), ((2, "b"),)], "s struct<p:int,q:string>")
    b = s.createDataFrame([((1, "a"),)], "s struct<p:int,q:string>")
    return a.exceptAll(b)


# =============================================================== na
@case
def na_fill_str_subset_int_col(s, F, T):
    return nulls(s).na.fill("zz", subset=["i", "st"])


@case
def na_fill_int_all_types(s, F, T):
    return nulls(s).fillna(9)


@case
def na_fill_float_all_types(s, F, T):
    return nulls(s).fillna(1.5)


@case
def na_fill_bool_only(s, F, T):
    return nulls(s).fillna(False)


@case
def na_fill_dict_mixed(s, F, T):
    return nulls(s).fillna({"i": 0, "st": "none", "d": -1.0, "b": True})


@case
def na_fill_dict_with_subset_ignored(s, F, T):
    return nulls(s).fillna({"i": 0}, subset=["st"])


@case
def na_fill_dict_str_into_int(s, F, T):
    return nulls(s).fillna({"i": "x"})


@case
def na_fill_dict_int_into_str(s, F, T):
    return nulls(s).fillna({"st": 5})


@case
def na_fill_decimal_col(s, F, T):
    df = s.createDataFrame([(D("1.50"),), (None,)], "x decimal(5,2)")
    return df.fillna(3)


@case
def na_fill_long_into_int(s, F, T):
    df = s.createDataFrame([(1,), (None,)], "x int")
    return df.fillna(2 ** 33)


@case
def na_fill_date_col_ignored(s, F, T):
    df = s.createDataFrame([(date(2024, 1, 1),), (None,)], "x date")
    return df.fillna("2020-01-01")


@case
def na_fill_dict_date(s, F, T):
    df = s.createDataFrame([(date(2024, 1, 1),), (None,)], "x date")
    return df.fillna({"x": "2020-01-01"})


@case
def na_fill_null_type_col(s, F, T):
    df = s.createDataFrame([(1,)], "x int").select("x", F.lit(None).alias("n"))
    return df.fillna("q")


@case
def na_fill_string_subset_str(s, F, T):
    return nulls(s).na.fill(0, subset="i")


@case
def na_fill_none_value(s, F, T):
    return nulls(s).fillna(None)


@case
def na_drop_thresh(s, F, T):
    return nulls(s).na.drop(thresh=4)


@case
def na_drop_thresh_subset(s, F, T):
    return nulls(s).dropna(thresh=1, subset=["i", "st"])


@case
def na_drop_all_subset(s, F, T):
    return nulls(s).dropna(how="all", subset=["i", "st", "d"])


@case
def na_drop_nan_subset(s, F, T):
    return nulls(s).dropna(subset=["d"])


@case
def na_drop_bad_how(s, F, T):
    return nulls(s).dropna(how="some")


@case
def na_replace_dict_subset(s, F, T):
    return nulls(s).na.replace({"x": "X", "y": "Y"}, subset=["st"])


@case
def na_replace_str_to_none(s, F, T):
    return nulls(s).replace("x", None)


@case
def na_replace_float_int_col(s, F, T):
    return nulls(s).replace(5.0, 50.0, subset=["i"])


@case
def na_replace_int_double_col(s, F, T):
    return nulls(s).replace(1, 100, subset=["d"])


@case
def na_replace_bool_col(s, F, T):
    return nulls(s).replace(True, False)


@case
def na_replace_list_len_mismatch(s, F, T):
    return nulls(s).replace(["x", "y"], ["a"])


@case
def na_replace_list_scalar(s, F, T):
    return nulls(s).replace(["x", "y"], "q")


@case
def na_replace_nan(s, F, T):
    return nulls(s).replace(float("nan"), 0.0)


@case
def na_replace_no_match_type(s, F, T):
    return nulls(s).replace("x", "X", subset=["i"])


@case
def na_replace_empty_string(s, F, T):
    df = s.createDataFrame([("",), ("a",), (None,)], "x string")
    return df.replace("", None)


# =============================================================== pivot / unpivot
@case
def pv_multi_agg_names(s, F, T):
    return sales(s).groupBy("month").pivot("store").agg(F.sum("qty"), F.max("qty")).orderBy("month")


@case
def pv_agg_alias_names(s, F, T):
    return sales(s).groupBy("month").pivot("store").agg(F.sum("qty").alias("s"), F.count("qty").alias("c")).orderBy("month")


@case
def pv_null_pivot_value(s, F, T):
    return sales(s).groupBy("store").pivot("product").sum("qty").orderBy("store")


@case
def pv_count_missing_combo(s, F, T):
    return sales(s).groupBy("month").pivot("product", ["x", "y"]).count().orderBy("month")


@case
def pv_values_not_present(s, F, T):
    return sales(s).groupBy("store").pivot("month", ["2024-01", "2099-12"]).sum("qty").orderBy("store")


@case
def pv_date_col(s, F, T):
    df = s.createDataFrame([("a", date(2024, 1, 1), 1), ("a", date(2024, 1, 2), 2)], "k string, d date, v int")
    return df.groupBy("k").pivot("d").sum("v")


@case
def pv_bool_col(s, F, T):
    df = s.createDataFrame([("a", True, 1), ("a", False, 2), ("b", True, 3)], "k string, f boolean, v int")
    return df.groupBy("k").pivot("f").sum("v")


@case
def pv_int_values_list(s, F, T):
    df = s.createDataFrame([("a", 1, 1), ("a", 2, 2), ("b", 1, 3)], "k string, p int, v int")
    return df.groupBy("k").pivot("p", [2, 1]).avg("v")


@case
def pv_first_strings(s, F, T):
    return sales(s).groupBy("month").pivot("store").agg(F.first("product", ignorenulls=True)).orderBy("month")


@case
def pv_multi_groupby(s, F, T):
    return sales(s).groupBy("month", "product").pivot("store").sum("qty")


@case
def pv_no_agg_expr_over_two(s, F, T):
    return sales(s).groupBy("month").pivot("store").agg(F.sum("qty") / F.count("qty")).orderBy("month")


@case
def unp_values_none(s, F, T):
    df = s.createDataFrame([(1, 10, 20), (2, 30, None)], "id int, a int, b int")
    return df.unpivot("id", None, "var", "val")


@case
def unp_int_long(s, F, T):
    df = s.createDataFrame([(1, 10, 2 ** 40)], "id int, a int, b long")
    return df.unpivot(["id"], ["a", "b"], "var", "val")


@case
def unp_int_string_err(s, F, T):
    df = s.createDataFrame([(1, 10, "x")], "id int, a int, b string")
    return df.unpivot(["id"], ["a", "b"], "var", "val")


@case
def unp_melt_alias(s, F, T):
    df = s.createDataFrame([(1, 1.5, 2)], "id int, a double, b int")
    return df.melt(ids="id", values=["a", "b"], variableColumnName="k", valueColumnName="v")


@case
def unp_no_ids(s, F, T):
    df = s.createDataFrame([(1, 2)], "a int, b int")
    return df.unpivot([], ["a", "b"], "k", "v")


@case
def unp_col_objects(s, F, T):
    df = s.createDataFrame([(1, 2, 3)], "id int, a int, b int")
    return df.unpivot(F.col("id"), [F.col("a"), (F.col("b") * 10).alias("b10")], "k", "v")


@case
def pv_sql_clause_multi(s, F, T):
    sales(s).createOrReplaceTempView("sales")
    return s.sql("SELECT * FROM (SELECT month, store, qty FROM sales) PIVOT (sum(qty) AS s, count(1) AS c FOR store IN ('A' AS a, 'B' AS b)) ORDER BY month")


@case
def unp_sql_clause(s, F, T):
    s.createDataFrame([(1, 10, 20), (2, 30, None)], "id int, q1 int, q2 int").createOrReplaceTempView("wide")
    return s.sql("SELECT * FROM wide UNPIVOT (val FOR q IN (q1, q2)) ORDER BY id, q")


@case
def unp_sql_include_nulls(s, F, T):
    s.createDataFrame([(1, 10, 20), (2, 30, None)], "id int, q1 int, q2 int").createOrReplaceTempView("wide")
    return s.sql("SELECT * FROM wide UNPIVOT INCLUDE NULLS (val FOR q IN (q1 AS first, q2 AS second)) ORDER BY id, q")


# =============================================================== windows
@case
def w_rows_prev_two(s, F, T):
    w = W(F).partitionBy("u").orderBy("id").rowsBetween(-2, 0)
    return events(s, F).select("id", F.sum("v").over(w).alias("s"), F.count("v").over(w).alias("c"))


@case
def w_rows_following_only(s, F, T):
    w = W(F).partitionBy("u").orderBy("id").rowsBetween(1, 2)
    return events(s, F).select("id", F.sum("v").over(w).alias("s"), F.collect_list("v").over(w).alias("l"))


@case
def w_rows_unb_prec_minus1(s, F, T):
    Wn = W(F)
    w = Wn.partitionBy("u").orderBy("id").rowsBetween(Wn.unboundedPreceding, -1)
    return events(s, F).select("id", F.max("v").over(w).alias("m"), F.avg("v").over(w).alias("a"))


@case
def w_rows_one_unb_follow(s, F, T):
    Wn = W(F)
    w = Wn.partitionBy("u").orderBy("id").rowsBetween(1, Wn.unboundedFollowing)
    return events(s, F).select("id", F.min("v").over(w).alias("m"), F.first("v").over(w).alias("f"))


@case
def w_range_int_offsets(s, F, T):
    w = W(F).partitionBy("u").orderBy("v").rangeBetween(-5, 5)
    return events(s, F).select("id", "v", F.count("*").over(w).alias("c"), F.sum("v").over(w).alias("s"))


@case
def w_range_desc(s, F, T):
    w = W(F).partitionBy("u").orderBy(F.desc("v")).rangeBetween(-3, 0)
    return events(s, F).select("id", "v", F.count("*").over(w).alias("c"))


@case
def w_range_on_date(s, F, T):
    w = W(F).partitionBy("u").orderBy("d").rangeBetween(-2, 0)
    return events(s, F).select("id", F.sum("v").over(w).alias("s3d"))


@case
def w_range_on_date_cast_long(s, F, T):
    w = W(F).partitionBy("u").orderBy(F.col("d").cast("timestamp").cast("long")).rangeBetween(-86400 * 2, 0)
    return events(s, F).select("id", F.sum("v").over(w).alias("s3d"))


@case
def w_range_on_datediff(s, F, T):
    w = W(F).partitionBy("u").orderBy(F.datediff("d", F.lit("2024-01-01"))).rangeBetween(-1, 1)
    return events(s, F).select("id", F.count("*").over(w).alias("c"))


@case
def w_range_double_offsets(s, F, T):
    df = s.createDataFrame([(1, 1.0), (2, 1.4), (3, 2.0), (4, 3.1)], "id int, x double")
    w = W(F).orderBy("x").rangeBetween(-0.5, 0.5)
    return df.select("id", F.count("*").over(w).alias("c"))


@case
def w_range_nulls_in_order(s, F, T):
    w = W(F).partitionBy("u").orderBy("v").rangeBetween(-100, 0)
    return events(s, F).select("id", F.count("*").over(w).alias("c"))


@case
def w_range_two_order_cols_err(s, F, T):
    w = W(F).orderBy("u", "v").rangeBetween(-1, 1)
    return events(s, F).select("id", F.count("*").over(w).alias("c"))


@case
def w_range_string_order_offset_err(s, F, T):
    w = W(F).orderBy("u").rangeBetween(-1, 1)
    return events(s, F).select("id", F.count("*").over(w).alias("c"))


@case
def w_range_current_ties(s, F, T):
    Wn = W(F)
    w = Wn.partitionBy("u").orderBy("d").rangeBetween(Wn.currentRow, Wn.currentRow)
    return events(s, F).select("id", F.sum("v").over(w).alias("s"))


@case
def w_ntile_uneven(s, F, T):
    df = s.range(10).toDF("x")
    return df.select("x", F.ntile(4).over(W(F).orderBy("x")).alias("n"), F.ntile(1).over(W(F).orderBy("x")).alias("n1"),
                     F.ntile(3).over(W(F).orderBy(F.desc("x"))).alias("n3"))


@case
def w_percent_rank_ties(s, F, T):
    w = W(F).orderBy("v")
    return events(s, F).select("id", "v", F.percent_rank().over(w).alias("pr"), F.cume_dist().over(w).alias("cd"),
                               F.rank().over(w).alias("r"))


@case
def w_cume_dist_desc_partition(s, F, T):
    w = W(F).partitionBy("dept").orderBy(F.desc_nulls_last("sal"))
    return emp(s).select("name", F.cume_dist().over(w).alias("cd"), F.percent_rank().over(w).alias("pr"),
                         F.dense_rank().over(w).alias("dr"))


@case
def w_nth_value(s, F, T):
    w = W(F).partitionBy("u").orderBy("id").rowsBetween(W(F).unboundedPreceding, W(F).unboundedFollowing)
    return events(s, F).select("id", F.nth_value("v", 2).over(w).alias("n2"), F.nth_value("v", 4, True).over(w).alias("n4i"))


@case
def w_nth_value_default_frame(s, F, T):
    w = W(F).partitionBy("u").orderBy("id")
    return events(s, F).select("id", F.nth_value("v", 2).over(w).alias("n2"))


@case
def w_first_last_ignorenulls_rows(s, F, T):
    w = W(F).partitionBy("u").orderBy("id").rowsBetween(-1, 1)
    return events(s, F).select("id", F.last("v", True).over(w).alias("l"), F.first("v", True).over(w).alias("f"),
                               F.last("v").over(w).alias("l0"))


@case
def w_lag_default_string(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).select("name", F.lag("name", 1, "START").over(w).alias("p"), F.lead("sal", 1, -1).over(w).alias("n"))


@case
def w_lead_offset_zero(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).select("name", F.lead("sal", 0).over(w).alias("z"))


@case
def w_lag_with_rows_frame_err(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq").rowsBetween(-1, 1)
    return emp(s).select("name", F.lag("sal").over(w).alias("z"))


@case
def w_row_number_no_order(s, F, T):
    return emp(s).select("name", F.row_number().over(W(F).partitionBy("dept")).alias("rn"))


@case
def w_rank_with_frame_err(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq").rowsBetween(-1, 1)
    return emp(s).select("name", F.rank().over(w).alias("r"))


@case
def w_collect_list_running(s, F, T):
    w = W(F).partitionBy("u").orderBy("id")
    return events(s, F).select("id", F.collect_list("v").over(w).alias("l"), F.collect_set("u").over(w).alias("cs"))


@case
def w_sum_decimal(s, F, T):
    df = s.createDataFrame([(1, D("1.10")), (2, D("2.25")), (3, None)], "id int, x decimal(10,2)")
    w = W(F).orderBy("id")
    r = df.select("id", F.sum("x").over(w).alias("s"), F.avg("x").over(w).alias("a"))
    return r


@case
def w_avg_empty_frame(s, F, T):
    w = W(F).partitionBy("u").orderBy("id").rowsBetween(-3, -2)
    return events(s, F).select("id", F.avg("v").over(w).alias("a"), F.count("v").over(w).alias("c"),
                               F.sum("v").over(w).alias("s"))


@case
def w_null_partition_key(s, F, T):
    df = s.createDataFrame([(None, 1), (None, 2), ("a", 3)], "k string, v int")
    w = W(F).partitionBy("k").orderBy("v")
    return df.select("k", "v", F.sum("v").over(w).alias("s"), F.row_number().over(w).alias("rn"))


@case
def w_order_desc_nulls_last_rank(s, F, T):
    w = W(F).partitionBy("dept").orderBy(F.col("sal").desc_nulls_last())
    return emp(s).select("name", F.rank().over(w).alias("r"), F.row_number().over(w.orderBy(F.col("sal").desc_nulls_last(), "name")).alias("rn"))


@case
def w_order_asc_nulls_default(s, F, T):
    w = W(F).partitionBy("dept").orderBy("sal")
    return emp(s).select("name", F.sum("sal").over(w).alias("s"), F.rank().over(w).alias("r"))


@case
def w_dense_rank_strings(s, F, T):
    df = s.createDataFrame([("b",), ("a",), ("B",), ("a",), (None,)], "x string")
    return df.select("x", F.dense_rank().over(W(F).orderBy("x")).alias("dr"))


@case
def w_order_by_expr(s, F, T):
    w = W(F).orderBy(F.length("name").desc(), "name")
    return emp(s).select("name", F.row_number().over(w).alias("rn"))


@case
def w_partition_only_agg(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("name", F.max("sal").over(w).alias("m"), (F.col("sal") / F.sum("sal").over(w)).alias("share"))


@case
def w_empty_df(s, F, T):
    w = W(F).partitionBy("dept").orderBy("seq")
    return emp(s).filter("sal > 10000").select("name", F.row_number().over(w).alias("rn"))


@case
def w_global_count_star(s, F, T):
    return emp(s).select("name", F.count("*").over(W(F).partitionBy()).alias("n"))


@case
def w_filter_top2_per_group(s, F, T):
    w = W(F).partitionBy("dept").orderBy(F.desc("sal"), "name")
    return emp(s).withColumn("rn", F.row_number().over(w)).filter("rn <= 2").drop("rn")


@case
def w_running_diff(s, F, T):
    w = W(F).partitionBy("u").orderBy("d", "id")
    return events(s, F).select("id", (F.col("v") - F.lag("v").over(w)).alias("diff"),
                               F.datediff("d", F.lag("d").over(w)).alias("gap"))


@case
def w_sessionize_cumsum(s, F, T):
    w = W(F).partitionBy("u").orderBy("d", "id")
    e = events(s, F).withColumn("new", F.when(F.datediff("d", F.lag("d").over(w)) > 1, 1).otherwise(0))
    return e.withColumn("sess", F.sum("new").over(w.rowsBetween(W(F).unboundedPreceding, 0))).select("id", "sess")


@case
def w_sql_rows_frame(s, F, T):
    events(s, F).createOrReplaceTempView("ev")
    return s.sql("SELECT id, sum(v) OVER (PARTITION BY u ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) s FROM ev")


@case
def w_sql_range_interval_date(s, F, T):
    events(s, F).createOrReplaceTempView("ev")
    return s.sql("SELECT id, sum(v) OVER (PARTITION BY u ORDER BY d RANGE BETWEEN INTERVAL 2 DAYS PRECEDING AND CURRENT ROW) s FROM ev")


@case
def w_sql_range_int_on_date(s, F, T):
    events(s, F).createOrReplaceTempView("ev")
    return s.sql("SELECT id, count(*) OVER (PARTITION BY u ORDER BY d RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) c FROM ev")


@case
def w_sql_named_window_multi(s, F, T):
    emp(s).createOrReplaceTempView("emp")
    return s.sql("SELECT name, rank() OVER w r, ntile(2) OVER w nt, percent_rank() OVER w pr FROM emp WINDOW w AS (PARTITION BY dept ORDER BY sal DESC)")


@case
def w_sql_first_value_ignore_nulls(s, F, T):
    events(s, F).createOrReplaceTempView("ev")
    return s.sql("SELECT id, first_value(v) IGNORE NULLS OVER (PARTITION BY u ORDER BY id DESC) f, last_value(v, true) OVER (PARTITION BY u ORDER BY id) l FROM ev")


@case
def w_sql_window_after_groupby(s, F, T):
    emp(s).createOrReplaceTempView("emp")
    return s.sql("SELECT dept, sum(sal) s, rank() OVER (ORDER BY sum(sal) DESC) r FROM emp GROUP BY dept")


@case
def w_sql_lag_ignore_nulls(s, F, T):
    events(s, F).createOrReplaceTempView("ev")
    return s.sql("SELECT id, lag(v, 1) OVER (PARTITION BY u ORDER BY id) p FROM ev")


@case
def w_unbounded_both_rows_vs_range(s, F, T):
    Wn = W(F)
    w1 = Wn.partitionBy("u").orderBy("d").rowsBetween(Wn.unboundedPreceding, Wn.currentRow)
    w2 = Wn.partitionBy("u").orderBy("d").rangeBetween(Wn.unboundedPreceding, Wn.currentRow)
    return events(s, F).select("id", F.count("*").over(w2).alias("rg"), F.max("d").over(w1).alias("dmax"))


@case
def w_stddev_over(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("name", F.stddev("sal").over(w).alias("sd"), F.variance("sal").over(w).alias("var"))


@case
def w_count_distinct_expr_sizeset(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("name", F.size(F.collect_set("sal").over(w)).alias("nd"))


@case
def w_max_by_over_err(s, F, T):
    w = W(F).partitionBy("dept")
    return emp(s).select("name", F.max_by("name", "sal").over(w).alias("top"))
