"""Bad-input cases, sixth session: queries as a new user misuses them (joins, window frames,
groupBy/agg, pandas and numpy inputs, Row, nested values, ANSI casts, UDF return types, SQL
text, DataFrame methods with bad arguments, toPandas/collect of odd types). Registered in
bad_input_api.CASES; each is a function of (spark, F, T, tmp) run on PySpark and dfengine."""

from __future__ import annotations

import datetime as dt
import decimal

from .bad_input_api import CASES, _row_class, _window, case


def _people(spark):
    return spark.createDataFrame([(1, "a", 10.0), (2, "b", None), (3, None, 30.0)],
                                 "id int, name string, score double")


def _orders(spark):
    return spark.createDataFrame([(1, 5), (1, 7), (3, 2), (None, 9)], "id int, amount int")


# ------------------------------------------------------------------ joins
@case
def u_join_ambiguous_select(spark, F, T, tmp):
    return _people(spark).join(_orders(spark), _people(spark).id == _orders(spark).id) \
        .select("id")


@case
def u_join_ambiguous_after_on_expr(spark, F, T, tmp):
    p, o = _people(spark), _orders(spark)
    return p.join(o, p.id == o.id).select(p.id, "amount")


@case
def u_join_using_not_ambiguous(spark, F, T, tmp):
    return _people(spark).join(_orders(spark), "id").select("id", "amount")


@case
def u_join_list_different_types(spark, F, T, tmp):
    a = spark.createDataFrame([(1, "x")], "k int, a string")
    b = spark.createDataFrame([("1", "y"), ("01", "z")], "k string, b string")
    return a.join(b, ["k"])


@case
def u_join_null_keys_no_match(spark, F, T, tmp):
    a = spark.createDataFrame([(None, 1)], "k int, a int")
    b = spark.createDataFrame([(None, 2)], "k int, b int")
    return a.join(b, "k")


@case
def u_join_null_safe_keys(spark, F, T, tmp):
    a = spark.createDataFrame([(None, 1)], "k int, a int")
    b = spark.createDataFrame([(None, 2)], "k int, b int")
    return a.join(b, a.k.eqNullSafe(b.k)).select("a", "b")


@case
def u_join_no_condition(spark, F, T, tmp):
    return spark.range(2).join(spark.range(3).withColumnRenamed("id", "j"))


@case
def u_join_full_outer_using(spark, F, T, tmp):
    return _people(spark).join(_orders(spark), "id", "full_outer")


@case
def u_join_anti_select_right(spark, F, T, tmp):
    p, o = _people(spark), _orders(spark)
    return p.join(o, "id", "left_anti").select("amount")


@case
def u_join_how_alias_names(spark, F, T, tmp):
    p, o = _people(spark), _orders(spark)
    return tuple(p.join(o, "id", how).count() for how in
                 ("fullouter", "leftouter", "rightouter", "semi", "anti", "left_semi", "outer"))


@case
def u_join_how_unknown(spark, F, T, tmp):
    return _people(spark).join(_orders(spark), "id", "inner_join")


@case
def u_join_on_missing_name(spark, F, T, tmp):
    return _people(spark).join(_orders(spark), "amount")


@case
def u_join_on_third_frame_column(spark, F, T, tmp):
    p, o = _people(spark), _orders(spark)
    z = spark.createDataFrame([(1,)], "id int")
    return p.join(o, p.id == z.id)


@case
def u_join_cross_with_condition(spark, F, T, tmp):
    p, o = _people(spark), _orders(spark)
    return p.join(o, p.id == o.id, "cross").select("name", "amount")


@case
def u_join_key_case_differs(spark, F, T, tmp):
    a = spark.createDataFrame([(1, "x")], "ID int, a string")
    return a.join(_orders(spark), "id")


@case
def u_join_drop_name_after_on_expr(spark, F, T, tmp):
    p, o = _people(spark), _orders(spark)
    return p.join(o, p.id == o.id).drop("id")


@case
def u_join_condition_string_expr(spark, F, T, tmp):
    p = _people(spark).alias("p")
    o = _orders(spark).alias("o")
    return p.join(o, F.expr("p.id = o.id")).select("p.name", "o.amount")


@case
def u_join_alias_qualified_star(spark, F, T, tmp):
    p = _people(spark).alias("p")
    o = _orders(spark).alias("o")
    return p.join(o, F.col("p.id") == F.col("o.id")).select("o.*")


# ------------------------------------------------------------------ window frames
def _w_df(spark):
    return spark.createDataFrame([("a", 1, 10), ("a", 2, 20), ("a", 2, 5), ("b", 5, 1)],
                                 "g string, o int, v int")


@case
def u_win_default_frame_ties(spark, F, T, tmp):
    W = _window(spark)
    return _w_df(spark).select("g", "o", "v", F.sum("v").over(W.partitionBy("g").orderBy("o"))
                               .alias("s"))


@case
def u_win_rows_unbounded_both(spark, F, T, tmp):
    W = _window(spark)
    w = W.partitionBy("g").orderBy("o", "v").rowsBetween(W.unboundedPreceding,
                                                         W.unboundedFollowing)
    return _w_df(spark).select("v", F.sum("v").over(w).alias("s"))


@case
def u_win_rows_current_to_following(spark, F, T, tmp):
    W = _window(spark)
    w = W.partitionBy("g").orderBy("o", "v").rowsBetween(0, W.unboundedFollowing)
    return _w_df(spark).select("v", F.max("v").over(w).alias("m"))


@case
def u_win_rows_start_after_end(spark, F, T, tmp):
    W = _window(spark)
    return _w_df(spark).select(F.sum("v").over(W.orderBy("o").rowsBetween(2, 1)))


@case
def u_win_range_on_date_int_offset(spark, F, T, tmp):
    W = _window(spark)
    df = spark.createDataFrame([(dt.date(2020, 1, 1), 1), (dt.date(2020, 1, 2), 2)],
                               "d date, v int")
    return df.select("v", F.sum("v").over(W.orderBy("d").rangeBetween(-1, 0)).alias("s"))


@case
def u_win_range_two_order_cols(spark, F, T, tmp):
    W = _window(spark)
    return _w_df(spark).select(F.sum("v").over(W.orderBy("o", "v").rangeBetween(-1, 1)))


@case
def u_win_range_without_order(spark, F, T, tmp):
    W = _window(spark)
    return _w_df(spark).select(F.sum("v").over(W.partitionBy("g").rangeBetween(-1, 1)))


@case
def u_win_range_with_null_order(spark, F, T, tmp):
    W = _window(spark)
    df = spark.createDataFrame([(None, 1), (None, 2), (1, 3), (2, 4)], "o int, v int")
    return df.select("o", "v", F.sum("v").over(W.orderBy("o").rangeBetween(-1, 0)).alias("s"))


@case
def u_win_lag_offset_default(spark, F, T, tmp):
    W = _window(spark)
    w = W.partitionBy("g").orderBy("o", "v")
    return _w_df(spark).select("v", F.lag("v", 2, -1).over(w).alias("l"))


@case
def u_win_lead_negative_offset(spark, F, T, tmp):
    W = _window(spark)
    w = W.partitionBy("g").orderBy("o", "v")
    return _w_df(spark).select("v", F.lead("v", -1).over(w).alias("l"))


@case
def u_win_ntile_zero(spark, F, T, tmp):
    W = _window(spark)
    return _w_df(spark).select(F.ntile(0).over(W.orderBy("o")))


@case
def u_win_last_ignore_nulls(spark, F, T, tmp):
    W = _window(spark)
    df = spark.createDataFrame([(1, 5), (2, None), (3, None)], "o int, v int")
    return df.select("o", F.last("v", ignorenulls=True).over(W.orderBy("o")).alias("l"))


@case
def u_win_partition_missing_column(spark, F, T, tmp):
    W = _window(spark)
    return _w_df(spark).select(F.rank().over(W.partitionBy("nope").orderBy("o")))


@case
def u_win_rank_desc_nulls_last(spark, F, T, tmp):
    W = _window(spark)
    df = spark.createDataFrame([(1,), (None,), (3,), (3,)], "o int")
    return df.select("o", F.dense_rank().over(W.orderBy(F.col("o").desc_nulls_last())).alias("r"))


@case
def u_win_count_star_no_order(spark, F, T, tmp):
    W = _window(spark)
    return _w_df(spark).select("g", F.count("*").over(W.partitionBy("g")).alias("n"))


@case
def u_win_nth_value(spark, F, T, tmp):
    W = _window(spark)
    w = W.partitionBy("g").orderBy("o", "v").rowsBetween(W.unboundedPreceding,
                                                         W.unboundedFollowing)
    return _w_df(spark).select("v", F.nth_value("v", 2).over(w).alias("n"))


@case
def u_win_percent_rank_single_row(spark, F, T, tmp):
    W = _window(spark)
    return spark.range(1).select(F.percent_rank().over(W.orderBy("id")).alias("p"))


# ------------------------------------------------------------------ groupBy / agg
@case
def u_agg_dict_form(spark, F, T, tmp):
    return _people(spark).groupBy("name").agg({"score": "avg", "id": "max"})


@case
def u_agg_dict_unknown_function(spark, F, T, tmp):
    return _people(spark).groupBy("name").agg({"score": "average"})


@case
def u_agg_dict_missing_column(spark, F, T, tmp):
    return _people(spark).agg({"nope": "sum"})


@case
def u_agg_non_aggregated_column(spark, F, T, tmp):
    return _people(spark).groupBy("name").agg(F.col("score"))


@case
def u_agg_alias_collision_select(spark, F, T, tmp):
    df = _people(spark).agg(F.sum("id").alias("x"), F.max("id").alias("x"))
    return df.select("x")


@case
def u_agg_alias_collision_rows(spark, F, T, tmp):
    return _people(spark).agg(F.sum("id").alias("x"), F.max("id").alias("x"))


@case
def u_agg_count_empty_frame(spark, F, T, tmp):
    return _people(spark).where("id > 10").groupBy().agg(F.count("*"), F.sum("id"))


@case
def u_agg_null_group(spark, F, T, tmp):
    return _people(spark).groupBy("name").count()


@case
def u_agg_count_distinct_nulls(spark, F, T, tmp):
    return _people(spark).agg(F.countDistinct("name"), F.count("name"), F.count("*"))


@case
def u_agg_groupby_expression_name(spark, F, T, tmp):
    return _people(spark).groupBy(F.col("id") % 2).count()


@case
def u_agg_sum_on_string_column(spark, F, T, tmp):
    return _people(spark).groupBy().sum("name")


@case
def u_agg_avg_all_numeric(spark, F, T, tmp):
    return _people(spark).groupBy("name").avg()


@case
def u_agg_avg_of_string_values(spark, F, T, tmp):
    return _people(spark).agg(F.avg("name"))


@case
def u_agg_sum_of_null_literal(spark, F, T, tmp):
    return spark.range(2).agg(F.sum(F.lit(None)))


@case
def u_agg_empty_agg_call(spark, F, T, tmp):
    return _people(spark).groupBy("name").agg()


@case
def u_agg_pivot_values_absent(spark, F, T, tmp):
    return _people(spark).groupBy("id").pivot("name", ["a", "zz"]).sum("score")


@case
def u_agg_rollup_grouping(spark, F, T, tmp):
    return _people(spark).rollup("name").agg(F.grouping("name").alias("g"), F.count("*"))


@case
def u_agg_sorted_collect_list(spark, F, T, tmp):
    return _orders(spark).groupBy("id").agg(F.sort_array(F.collect_list("amount")).alias("xs"))


@case
def u_agg_min_max_strings(spark, F, T, tmp):
    return _people(spark).agg(F.min("name"), F.max("name"))


@case
def u_agg_aggregate_in_where(spark, F, T, tmp):
    return _people(spark).where(F.sum("id") > 1)


# ------------------------------------------------------------------ pandas / numpy inputs
@case
def u_pd_float_nan_stays_nan(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"x": [1.0, float("nan")]}))


@case
def u_pd_object_none_and_nan(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"x": ["a", None, float("nan")]}))


@case
def u_pd_nullable_int64(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"x": pd.array([1, None], dtype="Int64")})))


@case
def u_pd_datetime_naive(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"t": pd.to_datetime(["2020-01-01 10:00", None])})))


@case
def u_pd_datetime_tz(spark, F, T, tmp):
    import pandas as pd
    s = pd.to_datetime(["2020-01-01 10:00"]).tz_localize("America/New_York")
    return _schema_rows(spark.createDataFrame(pd.DataFrame({"t": s})))


@case
def u_pd_categorical(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"c": pd.Categorical(["x", "y", "x"])})))


@case
def u_pd_nullable_boolean(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"b": pd.array([True, None], dtype="boolean")})))


@case
def u_pd_empty_with_schema(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(pd.DataFrame({"a": [], "b": []}), "a int, b string"))


@case
def u_pd_empty_columns_no_schema(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"a": [], "b": []}))


@case
def u_pd_schema_renames_by_position(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"x": [1], "y": ["a"]}), "p long, q string")


@case
def u_pd_schema_wrong_type(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame({"x": ["a"]}), "x int")


@case
def u_pd_timedelta(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"d": pd.to_timedelta(["1 day", "2 hours"])})))


@case
def u_pd_string_dtype(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"s": pd.array(["a", None], dtype="string")})))


@case
def u_pd_decimal_objects(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"d": [decimal.Decimal("1.10"), decimal.Decimal("22.5")]})))


@case
def u_pd_list_column(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(pd.DataFrame({"xs": [[1, 2], [], None]})))


@case
def u_pd_dict_column(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(pd.DataFrame({"m": [{"a": 1}, None]})))


@case
def u_pd_int_column_names(spark, F, T, tmp):
    import pandas as pd
    return spark.createDataFrame(pd.DataFrame([[1, 2]]))


@case
def u_pd_nat_column(spark, F, T, tmp):
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"t": [pd.NaT, pd.Timestamp("2020-01-01")]})))


@case
def u_pd_uint64(spark, F, T, tmp):
    import numpy as np
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"u": np.array([1, 2], dtype="uint64")})))


@case
def u_pd_float32(spark, F, T, tmp):
    import numpy as np
    import pandas as pd
    return _schema_rows(spark.createDataFrame(
        pd.DataFrame({"f": np.array([0.1, 2.5], dtype="float32")})))


@case
def u_np_2d_array(spark, F, T, tmp):
    import numpy as np
    return _schema_rows(spark.createDataFrame(np.array([[1, 2], [3, 4]])))


@case
def u_np_2d_array_schema(spark, F, T, tmp):
    import numpy as np
    return spark.createDataFrame(np.array([[1.5, 2.0]]), "a double, b double")


@case
def u_np_scalars_in_tuples(spark, F, T, tmp):
    import numpy as np
    return _schema_rows(spark.createDataFrame([(np.int64(1), np.float64(2.5))], ["a", "b"]))


@case
def u_np_datetime64_in_tuples(spark, F, T, tmp):
    import numpy as np
    return spark.createDataFrame([(np.datetime64("2020-01-01T10:00:00"),)], ["t"])


def _schema_rows(df):
    return df.schema.simpleString(), df


# ------------------------------------------------------------------ Row objects
@case
def u_row_kwargs_order(spark, F, T, tmp):
    Row = _row_class(spark)
    return _schema_rows(spark.createDataFrame([Row(b=1, a="x")]))


@case
def u_row_class_too_few(spark, F, T, tmp):
    Row = _row_class(spark)
    P = Row("a", "b")
    return spark.createDataFrame([P(1)])


@case
def u_row_as_dict_recursive(spark, F, T, tmp):
    row = spark.sql("select named_struct('x', 1) s, 2 b").first()
    return row.asDict(recursive=True)


@case
def u_row_index_out_of_range(spark, F, T, tmp):
    return spark.range(1).first()[3]


@case
def u_row_nested_struct(spark, F, T, tmp):
    Row = _row_class(spark)
    return _schema_rows(spark.createDataFrame([Row(a=1, s=Row(x="p", y=2.0))]))


@case
def u_row_equals_tuple(spark, F, T, tmp):
    return spark.range(1).first() == (0,)


@case
def u_row_contains(spark, F, T, tmp):
    row = spark.sql("select 1 a").first()
    return ("a" in row, "z" in row)


# ------------------------------------------------------------------ nested values
def _nested(spark):
    return spark.sql("select array(1, 2, 3) xs, map('k', 1) m, named_struct('x', 1, 'y', 'a') s,"
                     " 'txt' str")


@case
def u_nest_getitem_negative(spark, F, T, tmp):
    return _nested(spark).select(F.col("xs").getItem(-1))


@case
def u_nest_element_at_zero(spark, F, T, tmp):
    return _nested(spark).select(F.element_at("xs", 0))


@case
def u_nest_element_at_negative(spark, F, T, tmp):
    return _nested(spark).select(F.element_at("xs", -1))


@case
def u_nest_element_at_map_missing(spark, F, T, tmp):
    return _nested(spark).select(F.element_at("m", F.lit("zz")))


@case
def u_nest_map_subscript_missing(spark, F, T, tmp):
    return _nested(spark).select(F.col("m")["zz"])


@case
def u_nest_get_field_non_struct(spark, F, T, tmp):
    return _nested(spark).select(F.col("str").getField("x"))


@case
def u_nest_get_item_string(spark, F, T, tmp):
    return _nested(spark).select(F.col("str").getItem(0))


@case
def u_nest_dotted_struct(spark, F, T, tmp):
    return _nested(spark).select("s.x", "s.y")


@case
def u_nest_array_of_struct_field(spark, F, T, tmp):
    df = spark.sql("select array(named_struct('x', 1), named_struct('x', 2)) a")
    return df.select("a.x")


@case
def u_nest_map_dup_keys_from_arrays(spark, F, T, tmp):
    return spark.range(1).select(F.map_from_arrays(F.array(F.lit(1), F.lit(1)),
                                                   F.array(F.lit(2), F.lit(3))))


@case
def u_nest_create_map_dup_keys(spark, F, T, tmp):
    return spark.range(1).select(F.create_map(F.lit("a"), F.lit(1), F.lit("a"), F.lit(2)))


@case
def u_nest_map_null_key(spark, F, T, tmp):
    return spark.range(1).select(F.create_map(F.lit(None).cast("string"), F.lit(1)))


@case
def u_nest_map_from_arrays_len_mismatch(spark, F, T, tmp):
    return spark.range(1).select(F.map_from_arrays(F.array(F.lit(1)),
                                                   F.array(F.lit(2), F.lit(3))))


@case
def u_nest_size_of_null(spark, F, T, tmp):
    return spark.sql("select cast(null as array<int>) xs").select(F.size("xs"))


@case
def u_nest_array_contains_null(spark, F, T, tmp):
    df = spark.sql("select array(1, null) xs")
    return df.select(F.array_contains("xs", 2), F.array_contains("xs", 1))


@case
def u_nest_struct_star(spark, F, T, tmp):
    return _nested(spark).select("s.*")


@case
def u_nest_slice_start_zero(spark, F, T, tmp):
    return _nested(spark).select(F.slice("xs", 0, 2))


@case
def u_nest_empty_array_type(spark, F, T, tmp):
    return _schema_rows(spark.range(1).select(F.array().alias("a")))


@case
def u_nest_dotted_name_unquoted(spark, F, T, tmp):
    df = spark.createDataFrame([(1,)], "`a.b` int")
    return df.select("a.b")


@case
def u_nest_dotted_name_backticks(spark, F, T, tmp):
    df = spark.createDataFrame([(1,)], "`a.b` int")
    return df.select("`a.b`")


@case
def u_nest_with_field_on_null_struct(spark, F, T, tmp):
    df = spark.sql("select cast(null as struct<x:int>) s")
    return df.select(F.col("s").withField("y", F.lit(1)).alias("s"))


@case
def u_nest_array_join_nulls(spark, F, T, tmp):
    df = spark.sql("select array('a', null, 'b') xs")
    return df.select(F.array_join("xs", ","), F.array_join("xs", ",", "?"))


# ------------------------------------------------------------------ casts under ANSI
def _cast(spark, F, text, to):
    return spark.createDataFrame([(text,)], "s string").select(F.col("s").cast(to).alias("c"))


CASTS = {
    "u_cast_str_int_trailing_junk": ("12abc", "int"),
    "u_cast_type_name_bool": ("true", "bool"),
    "u_cast_type_name_real": ("1.5", "real"),
    "u_cast_type_name_text_ddl": ("1", "struct<a:text>"),
    "u_cast_str_int_spaces": (" 12 ", "int"),
    "u_cast_str_int_exponent": ("1e3", "int"),
    "u_cast_str_int_fraction": ("1.9", "int"),
    "u_cast_str_int_empty": ("", "int"),
    "u_cast_str_date_bad_month": ("2020-13-01", "date"),
    "u_cast_str_date_short_fields": ("2020-1-5", "date"),
    "u_cast_str_date_with_time": ("2020-01-01 10:00", "date"),
    "u_cast_str_decimal_overflow": ("12345678901234567890", "decimal(10,2)"),
    "u_cast_str_decimal_rounds": ("1.005", "decimal(5,2)"),
    "u_cast_str_bool_bad": ("maybe", "boolean"),
    "u_cast_str_timestamp_iso_z": ("2020-01-01T10:00:00Z", "timestamp"),
    "u_cast_unknown_type_name": ("1", "text"),
}
for _name, (_text, _to) in CASTS.items():
    CASES[_name] = lambda spark, F, T, tmp, t=_text, to=_to: _cast(spark, F, t, to)


@case
def u_cast_double_decimal_overflow(spark, F, T, tmp):
    return spark.range(1).select(F.lit(1e40).cast("decimal(10,0)"))


@case
def u_cast_str_bool_words(spark, F, T, tmp):
    df = spark.createDataFrame([("yes",), ("t",), ("0",), ("N",)], "s string")
    return df.select(F.col("s").cast("boolean"))


@case
def u_cast_long_int_overflow(spark, F, T, tmp):
    return spark.range(1).select(F.lit(3000000000).cast("int"))


@case
def u_cast_nan_to_int(spark, F, T, tmp):
    return spark.range(1).select(F.lit(float("nan")).cast("int"))


@case
def u_cast_str_double_inf(spark, F, T, tmp):
    df = spark.createDataFrame([("inf",), ("-Infinity",), ("NaN",)], "s string")
    return df.select(F.col("s").cast("double"))


@case
def u_cast_int_to_date(spark, F, T, tmp):
    return spark.range(1).select(F.col("id").cast("date"))


@case
def u_cast_date_to_int(spark, F, T, tmp):
    return spark.sql("select date'2020-01-01' d").select(F.col("d").cast("int"))


@case
def u_cast_varchar_longer(spark, F, T, tmp):
    return _schema_rows(_cast(spark, F, "abcdef", "varchar(3)"))


@case
def u_cast_try_cast_bad_date(spark, F, T, tmp):
    return spark.createDataFrame([("2020-02-30",)], "s string").select(
        F.col("s").try_cast("date"))


@case
def u_cast_where_int_eq_string(spark, F, T, tmp):
    return _people(spark).where("id = 'a'")


@case
def u_cast_compare_string_col_to_int(spark, F, T, tmp):
    return _people(spark).where(F.col("name") > 1)


# ------------------------------------------------------------------ UDF return types
def _udf_col(spark, F, fn, rtype):
    return spark.range(2).select(F.udf(fn, rtype)("id").alias("u"))


@case
def u_udf_str_declared_int(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: str(x), T.IntegerType())


@case
def u_udf_int_declared_double(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: int(x), T.DoubleType())


@case
def u_udf_float_declared_int(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: x + 0.5, T.IntegerType())


@case
def u_udf_int_default_string(spark, F, T, tmp):
    return spark.range(2).select(F.udf(lambda x: x * 2)("id").alias("u"))


@case
def u_udf_list_declared_array(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: [x, None], T.ArrayType(T.LongType()))


@case
def u_udf_dict_declared_map(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: {"k": x}, T.MapType(T.StringType(), T.LongType()))


@case
def u_udf_tuple_declared_struct(spark, F, T, tmp):
    st = T.StructType([T.StructField("a", T.LongType()), T.StructField("b", T.StringType())])
    return _udf_col(spark, F, lambda x: (x, "s"), st)


@case
def u_udf_raises(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: 1 // 0, T.IntegerType())


@case
def u_udf_decimal_declared_decimal(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: decimal.Decimal("1.25"), T.DecimalType(5, 2))


@case
def u_udf_wrong_arg_count(spark, F, T, tmp):
    return spark.range(1).select(F.udf(lambda x, y: x, T.LongType())("id").alias("u"))


@case
def u_udf_big_int_declared_int(spark, F, T, tmp):
    return _udf_col(spark, F, lambda x: 2**40, T.IntegerType())


# ------------------------------------------------------------------ SQL text
@case
def u_sql_cte_shadows_view(spark, F, T, tmp):
    spark.range(5).createOrReplaceTempView("u_cte_v")
    try:
        return spark.sql("with u_cte_v as (select 42 as id) select * from u_cte_v")
    finally:
        spark.catalog.dropTempView("u_cte_v")


@case
def u_sql_cte_chain(spark, F, T, tmp):
    return spark.sql("with a as (select 1 x), b as (select x + 1 y from a) select * from b")


@case
def u_sql_backtick_identifier(spark, F, T, tmp):
    return spark.sql("select `my col` + 1 as `out put` from (select 1 as `my col`)")


@case
def u_sql_double_quotes_are_strings(spark, F, T, tmp):
    return spark.sql('select "a" as x')


@case
def u_sql_comments(spark, F, T, tmp):
    return spark.sql("select 1 /* block */ as a, -- line\n 2 as b")


@case
def u_sql_select_star_except(spark, F, T, tmp):
    return spark.sql("select * except (b) from (select 1 a, 2 b, 3 c)")


@case
def u_sql_qualified_star_alias(spark, F, T, tmp):
    return spark.sql("select x.* from (select 1 a, 2 b) x")


@case
def u_sql_qualified_star_wrong_alias(spark, F, T, tmp):
    return spark.sql("select y.* from (select 1 a) x")


@case
def u_sql_trailing_semicolon(spark, F, T, tmp):
    return spark.sql("select 1 as a;")


@case
def u_sql_two_statements(spark, F, T, tmp):
    return spark.sql("select 1; select 2")


@case
def u_sql_order_by_ordinal_out_of_range(spark, F, T, tmp):
    return spark.sql("select 1 a order by 2")


@case
def u_sql_group_by_ordinal_out_of_range(spark, F, T, tmp):
    return spark.sql("select 1 a, count(*) group by 3")


@case
def u_sql_group_by_alias(spark, F, T, tmp):
    return spark.sql("select id % 2 as k, count(*) c from range(5) group by k")


@case
def u_sql_alias_in_where(spark, F, T, tmp):
    return spark.sql("select id * 2 as d from range(3) where d > 1")


@case
def u_sql_having_without_group(spark, F, T, tmp):
    return spark.sql("select count(*) c from range(3) having c > 1")


@case
def u_sql_limit_negative(spark, F, T, tmp):
    return spark.sql("select * from range(3) limit -1")


@case
def u_sql_offset(spark, F, T, tmp):
    return spark.sql("select * from range(5) order by id limit 2 offset 1")


@case
def u_sql_in_subquery_two_columns(spark, F, T, tmp):
    return spark.sql("select * from range(3) where id in (select 1, 2)")


@case
def u_sql_int_literal_overflow(spark, F, T, tmp):
    return _schema_rows(spark.sql("select 2147483648 as x, 9223372036854775808 as y"))


@case
def u_sql_string_plus_int(spark, F, T, tmp):
    return spark.sql("select 'a' + 1")


@case
def u_sql_lateral_view(spark, F, T, tmp):
    return spark.sql("select id, x from range(2) lateral view explode(array(1, 2)) t as x")


@case
def u_sql_values_mixed_types(spark, F, T, tmp):
    return _schema_rows(spark.sql("select * from values (1, 'a'), (2.5, null) as v(x, y)"))


@case
def u_sql_distinct_order_by_hidden(spark, F, T, tmp):
    return spark.sql("select distinct id % 2 as k from range(4) order by id")


@case
def u_sql_unknown_function(spark, F, T, tmp):
    return spark.sql("select lenght('abc')")


# ------------------------------------------------------------------ DataFrame methods, bad args
@case
def u_df_fillna_dict_int_for_string(spark, F, T, tmp):
    return _people(spark).fillna({"name": 1})


@case
def u_df_fillna_bool(spark, F, T, tmp):
    df = spark.createDataFrame([(None, None)], "b boolean, s string")
    return df.fillna(True)


@case
def u_df_fillna_string_subset_int(spark, F, T, tmp):
    return _people(spark).fillna("x", subset=["id", "name"])


@case
def u_df_replace_mixed_dict(spark, F, T, tmp):
    return _people(spark).replace({1: "one"})


@case
def u_df_replace_dict_with_value(spark, F, T, tmp):
    return _people(spark).replace({"a": "A"}, "ignored")


@case
def u_df_drop_duplicates_column_objects(spark, F, T, tmp):
    return _people(spark).dropDuplicates([F.col("name")])


@case
def u_df_sample_seed_string(spark, F, T, tmp):
    return _people(spark).sample(1.0, seed="x")


@case
def u_df_random_split_empty(spark, F, T, tmp):
    return _people(spark).randomSplit([])


@case
def u_df_random_split_single(spark, F, T, tmp):
    return _people(spark).randomSplit([1.0], seed=1)[0]


@case
def u_df_offset_negative(spark, F, T, tmp):
    return _people(spark).offset(-1)


@case
def u_df_offset_after_order(spark, F, T, tmp):
    return _people(spark).orderBy("id").offset(2)


@case
def u_df_describe_strings(spark, F, T, tmp):
    return _people(spark).describe("name")


@case
def u_df_summary_strings(spark, F, T, tmp):
    return _people(spark).select("name").summary("count", "min", "max", "mean")


@case
def u_df_describe_empty(spark, F, T, tmp):
    return _people(spark).where("id > 10").describe()


@case
def u_df_na_drop_thresh(spark, F, T, tmp):
    return _people(spark).na.drop(thresh=3)


@case
def u_df_na_drop_how_all(spark, F, T, tmp):
    df = spark.createDataFrame([(None, None), (1, None)], "a int, b string")
    return df.na.drop(how="all")


@case
def u_df_union_by_position_names(spark, F, T, tmp):
    a = spark.createDataFrame([(1, "x")], "a int, b string")
    b = spark.createDataFrame([("y", 2)], "b string, a int")
    return a.union(b)


@case
def u_df_topandas_odd_types(spark, F, T, tmp):
    df = spark.sql("select 1.50bd d, date'2020-01-02' dt, named_struct('x', 1) s, "
                   "map('k', 2) m, cast(null as int) n")
    return df.toPandas().astype(str).values.tolist()


@case
def u_df_topandas_null_int_dtype(spark, F, T, tmp):
    return str(spark.sql("select cast(null as int) n union all select 1").toPandas()["n"].dtype)


@case
def u_df_collect_map(spark, F, T, tmp):
    return spark.sql("select map(1, 'a', 2, null) m").collect()[0]["m"]


@case
def u_df_first_empty(spark, F, T, tmp):
    return (_people(spark).where("id > 9").first(), _people(spark).where("id > 9").head(),
            _people(spark).take(0))


@case
def u_df_select_expr_bad_syntax(spark, F, T, tmp):
    return _people(spark).selectExpr("id +")


@case
def u_df_getitem_missing(spark, F, T, tmp):
    return _people(spark)["nope"]


@case
def u_df_with_columns_dict(spark, F, T, tmp):
    return _people(spark).withColumns({"a": F.lit(1), "id": F.col("id") * 10})


@case
def u_df_drop_some_missing(spark, F, T, tmp):
    return _people(spark).drop("nope", "name")


@case
def u_df_to_df_no_args(spark, F, T, tmp):
    return _people(spark).toDF()


@case
def u_df_except_all_dups(spark, F, T, tmp):
    a = spark.createDataFrame([(1,), (1,), (2,)], "x int")
    b = spark.createDataFrame([(1,)], "x int")
    return (a.exceptAll(b), a.subtract(b), a.intersectAll(a))


@case
def u_df_col_regex(spark, F, T, tmp):
    return _people(spark).select(_people(spark).colRegex("`(id|name)`"))


@case
def u_df_nan_equals_nan(spark, F, T, tmp):
    df = spark.createDataFrame([(float("nan"),)], "x double")
    return df.select(F.col("x") == F.lit(float("nan")), F.col("x") > 1e308)


@case
def u_df_between_reversed(spark, F, T, tmp):
    return _people(spark).where(F.col("id").between(3, 1))


@case
def u_df_isin_with_none(spark, F, T, tmp):
    return _people(spark).select(F.col("name").isin("a", None).alias("i"))


@case
def u_df_rlike_invalid(spark, F, T, tmp):
    return _people(spark).where(F.col("name").rlike("("))


@case
def u_df_substring_zero_start(spark, F, T, tmp):
    return spark.sql("select 'hello' s").select(F.substring("s", 0, 2), F.substring("s", -3, 2))


@case
def u_df_round_half(spark, F, T, tmp):
    df = spark.createDataFrame([(2.5,), (-2.5,), (0.125,)], "x double")
    return df.select(F.round("x"), F.bround("x"), F.round("x", 2))


@case
def u_df_concat_null(spark, F, T, tmp):
    return _people(spark).select(F.concat("name", F.lit("!")), F.concat_ws("-", "name", "id"))


@case
def u_df_distinct_negative_zero(spark, F, T, tmp):
    return spark.createDataFrame([(0.0,), (-0.0,)], "x double").distinct().count()


@case
def u_df_when_no_otherwise(spark, F, T, tmp):
    return _people(spark).select(F.when(F.col("id") > 1, "big").alias("w"))


@case
def u_df_format_number_negative(spark, F, T, tmp):
    return spark.range(1).select(F.format_number(F.lit(1234.5), -1))


@case
def u_sql_qualified_star_except(spark, F, T, tmp):
    return spark.sql("select x.* except (a, c) from (select 1 a, 2 b, 3 c) x")


@case
def u_sql_star_except_unknown(spark, F, T, tmp):
    return spark.sql("select * except (z) from (select 1 a)")


# ------------------------------------------------------------------ rows and pandas (session 8)
@case
def u_rows_fields_in_another_order(spark, F, T, tmp):
    """PySpark 4 reads a Row by position: Row(b=3, a=4) after Row(a=1, b=2) gives a=3."""
    R = _row_class(spark)
    return spark.createDataFrame([R(a=1, b=2), R(b=3, a=4)])


@case
def u_rows_other_order_with_schema(spark, F, T, tmp):
    R = _row_class(spark)
    return spark.createDataFrame([R(b=3, a=4)], "a int, b int")


@case
def u_tuples_ragged_inferred(spark, F, T, tmp):
    return spark.createDataFrame([(1, 2), (3,)])


@case
def u_pandas_uint64_past_bigint(spark, F, T, tmp):
    import numpy as np
    import pandas as pd

    return spark.createDataFrame(pd.DataFrame({"a": np.array([1, 2 ** 63], dtype="uint64")}))
