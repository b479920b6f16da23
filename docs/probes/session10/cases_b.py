from common import *  # noqa


# =============================================================== higher-order functions
@case
def hof_transform_index(s, F, T):
    return arr2(s).select("id", F.transform("xs", lambda x, i: x * 10 + i).alias("t"))


@case
def hof_transform_nulls(s, F, T):
    return arr2(s).select("id", F.transform("xs", lambda x: F.coalesce(x, F.lit(0)) + 1).alias("t"))


@case
def hof_transform_to_struct(s, F, T):
    return arr2(s).select("id", F.transform("ss", lambda x: F.struct(x.alias("v"), F.length(x).alias("n"))).alias("t"))


@case
def hof_transform_struct_field(s, F, T):
    df = s.createDataFrame([(1, [(1, "a"), (2, "b")])], "id int, xs array<struct<n:int,t:string>>")
    return df.select(F.transform("xs", lambda e: F.concat(e["t"], e.n.cast("string"))).alias("t"))


@case
def hof_filter_index(s, F, T):
    return arr2(s).select("id", F.filter("xs", lambda x, i: i % 2 == 0).alias("f"))


@case
def hof_filter_all_removed(s, F, T):
    return arr2(s).select("id", F.filter("xs", lambda x: x > 100).alias("f"))


@case
def hof_filter_null_pred(s, F, T):
    return arr2(s).select("id", F.filter("xs", lambda x: x > 0).alias("f"))


@case
def hof_exists_three_valued(s, F, T):
    return arr2(s).select("id", F.exists("xs", lambda x: x > 4).alias("e"), F.exists("xs", lambda x: x > 100).alias("e2"))


@case
def hof_forall_three_valued(s, F, T):
    return arr2(s).select("id", F.forall("xs", lambda x: x > -5).alias("a"), F.forall("xs", lambda x: x > 0).alias("a2"))


@case
def hof_aggregate_finish(s, F, T):
    return arr2(s).select("id", F.aggregate("xs", F.lit(0), lambda acc, x: acc + F.coalesce(x, F.lit(0)),
                                            lambda acc: acc * 10).alias("a"))


@case
def hof_aggregate_double_acc(s, F, T):
    return arr2(s).select("id", F.aggregate("xs", F.lit(0.0), lambda acc, x: acc + x).alias("a"))


@case
def hof_aggregate_int_acc_double_elem(s, F, T):
    df = s.createDataFrame([([1.5, 2.5],)], "xs array<double>")
    return df.select(F.aggregate("xs", F.lit(0), lambda acc, x: acc + x).alias("a"))


@case
def hof_aggregate_string_concat(s, F, T):
    return arr2(s).select("id", F.aggregate("ss", F.lit(""), lambda acc, x: F.concat(acc, F.coalesce(x, F.lit("?")))).alias("a"))


@case
def hof_reduce(s, F, T):
    return arr2(s).select("id", F.reduce("xs", F.lit(0), lambda acc, x: acc + x).alias("r"))


@case
def hof_zip_with_nulls(s, F, T):
    df = s.createDataFrame([([1, None, 3], [10, 20, None, 40])], "a array<int>, b array<int>")
    return df.select(F.zip_with("a", "b", lambda x, y: F.coalesce(x, F.lit(0)) + F.coalesce(y, F.lit(0))).alias("z"))


@case
def hof_zip_with_concat(s, F, T):
    df = s.createDataFrame([(["a", "b"], [1, 2])], "a array<string>, b array<int>")
    return df.select(F.zip_with("a", "b", lambda x, y: F.concat_ws("-", x, y)).alias("z"))


@case
def hof_map_filter(s, F, T):
    return maps(s).select("id", F.map_filter("m", lambda k, v: v > 1).alias("mf"))


@case
def hof_map_zip_with(s, F, T):
    df = s.createDataFrame([({"a": 1, "b": 2}, {"b": 10, "c": 20})], "m1 map<string,int>, m2 map<string,int>")
    return df.select(F.map_zip_with("m1", "m2", lambda k, a, b: F.coalesce(a, F.lit(0)) + F.coalesce(b, F.lit(0))).alias("z"))


@case
def hof_transform_keys_upper(s, F, T):
    return maps(s).select("id", F.transform_keys("m", lambda k, v: F.upper(k)).alias("tk"))


@case
def hof_transform_keys_dup_err(s, F, T):
    return maps(s).select("id", F.transform_keys("m", lambda k, v: F.lit("same")).alias("tk"))


@case
def hof_transform_keys_null_err(s, F, T):
    return maps(s).select("id", F.transform_keys("m", lambda k, v: F.lit(None).cast("string")).alias("tk"))


@case
def hof_transform_values(s, F, T):
    return maps(s).select("id", F.transform_values("m", lambda k, v: F.concat(k, F.coalesce(v.cast("string"), F.lit("_")))).alias("tv"))


@case
def hof_array_sort_comparator_desc(s, F, T):
    return arr2(s).select("id", F.array_sort("xs", lambda a, b: F.when(a.isNull() | b.isNull(), 0).otherwise(b - a)).alias("s"))


@case
def hof_sql_transform_filter(s, F, T):
    return s.sql("SELECT transform(array(1,2,3), x -> x * x) a, filter(array(1,2,3,4), (x, i) -> i % 2 = 1) b, "
                 "exists(array(1, null), x -> x > 5) c, forall(array(), x -> x > 0) d")


@case
def hof_sql_aggregate_finish(s, F, T):
    return s.sql("SELECT aggregate(array(1,2,3), 0, (acc, x) -> acc + x, acc -> acc * 10) a, "
                 "reduce(array(1.5, 2.5), 0D, (a, x) -> a + x) b")


@case
def hof_sql_map_funcs(s, F, T):
    return s.sql("SELECT map_filter(map('a', 1, 'b', 2), (k, v) -> v > 1) a, transform_values(map('a', 1), (k, v) -> v + 100) b, "
                 "transform_keys(map(1, 'x'), (k, v) -> k * 2) c")


@case
def hof_nested_transform(s, F, T):
    df = s.createDataFrame([([[1, 2], [3], []],)], "xs array<array<int>>")
    return df.select(F.transform("xs", lambda inner: F.aggregate(inner, F.lit(0), lambda a, b: a + b)).alias("sums"),
                     F.flatten("xs").alias("flat"))


@case
def hof_transform_outer_col(s, F, T):
    return arr2(s).select("id", F.transform("xs", lambda x: x + F.col("id")).alias("t"))


@case
def hof_exists_on_null_array(s, F, T):
    return arr2(s).filter(F.exists("xs", lambda x: x == 10)).select("id")


@case
def hof_filter_strings_like(s, F, T):
    df = s.createDataFrame([(["apple", "banana", "avocado", None],)], "xs array<string>")
    return df.select(F.filter("xs", lambda x: x.startswith("a")).alias("f"), F.filter("xs", lambda x: x.like("%an%")).alias("g"))


# =============================================================== struct / map functions
@case
def st_named_struct_sql(s, F, T):
    r = s.sql("SELECT named_struct('a', 1, 'b', 'x', 'c', null) s, struct(1, 'y') t")
    return r


@case
def st_struct_literal_names(s, F, T):
    return people(s).select(F.struct("id", F.col("name"), F.lit(1), (F.col("age") + 1)).alias("s")).limit(1)


@case
def st_struct_field_names_schema(s, F, T):
    return people(s).select(F.struct("id", F.lit(1), F.col("age") + 1, F.upper("name"))).schema.simpleString()


@case
def st_withfield_nested(s, F, T):
    df = s.createDataFrame([((1, (2, "x")),)], "s struct<a:int,b:struct<c:int,d:string>>")
    return df.select(F.col("s").withField("b.c", F.lit(99)).withField("b.e", F.lit("new")).alias("s"))


@case
def st_withfield_null_struct(s, F, T):
    df = s.createDataFrame([((1, "x"),), (None,)], "s struct<a:int,b:string>")
    return df.select(F.col("s").withField("a", F.lit(5)).alias("s"))


@case
def st_withfield_replace_type(s, F, T):
    df = s.createDataFrame([((1, "x"),)], "s struct<a:int,b:string>")
    r = df.select(F.col("s").withField("a", F.lit("str")).alias("s"))
    return r


@case
def st_dropfields_multi(s, F, T):
    df = s.createDataFrame([((1, "x", 2.0),)], "s struct<a:int,b:string,c:double>")
    return df.select(F.col("s").dropFields("a", "c").alias("s"))


@case
def st_dropfields_all_err(s, F, T):
    df = s.createDataFrame([((1, "x"),)], "s struct<a:int,b:string>")
    return df.select(F.col("s").dropFields("a", "b").alias("s"))


@case
def st_dropfields_missing(s, F, T):
    df = s.createDataFrame([((1, "x"),)], "s struct<a:int,b:string>")
    return df.select(F.col("s").dropFields("zz").alias("s"))


@case
def st_dropfields_nested(s, F, T):
    df = s.createDataFrame([((1, (2, "x")),)], "s struct<a:int,b:struct<c:int,d:string>>")
    return df.select(F.col("s").dropFields("b.d").alias("s"))


@case
def st_star_expand(s, F, T):
    df = s.createDataFrame([(1, (2, "x"))], "id int, s struct<a:int,b:string>")
    return df.select("id", "s.*")


@case
def st_getfield_variants(s, F, T):
    df = s.createDataFrame([(1, (2, "x"))], "id int, s struct<a:int,b:string>")
    return df.select(F.col("s.a"), F.col("s")["b"], F.col("s").getField("a").alias("ga"), df.s.b)


@case
def st_groupby_struct(s, F, T):
    df = s.createDataFrame([((1, "x"), 1), ((1, "x"), 2), ((2, None), 3)], "s struct<a:int,b:string>, v int")
    return df.groupBy("s").agg(F.sum("v").alias("t"))


@case
def st_order_by_struct(s, F, T):
    df = s.createDataFrame([((2, "a"),), ((1, "z"),), ((1, None),), (None,)], "s struct<a:int,b:string>")
    return df.orderBy("s")


@case
def st_struct_equality_null_field(s, F, T):
    df = s.createDataFrame([((1, None), (1, None))], "a struct<x:int,y:string>, b struct<x:int,y:string>")
    return df.select((F.col("a") == F.col("b")).alias("eq"), F.col("a").eqNullSafe(F.col("b")).alias("ns"))


@case
def mp_concat_dup_key_err(s, F, T):
    df = s.createDataFrame([({"a": 1}, {"a": 2})], "m1 map<string,int>, m2 map<string,int>")
    return df.select(F.map_concat("m1", "m2").alias("m"))


@case
def mp_concat_ok(s, F, T):
    df = s.createDataFrame([({"a": 1}, {"b": 2}), (None, {"c": 3})], "m1 map<string,int>, m2 map<string,int>")
    return df.select(F.map_concat("m1", "m2").alias("m"))


@case
def mp_from_entries_null_key_err(s, F, T):
    return s.sql("SELECT map_from_entries(array(struct('a', 1), struct(null, 2))) m")


@case
def mp_from_entries_null_entry(s, F, T):
    return s.sql("SELECT map_from_entries(array(struct('a', 1), null)) m")


@case
def mp_from_entries_df(s, F, T):
    df = s.createDataFrame([([("a", 1), ("b", 2)],)], "e array<struct<k:string,v:int>>")
    return df.select(F.map_from_entries("e").alias("m"))


@case
def mp_str_to_map_custom(s, F, T):
    df = s.createDataFrame([("a=1;b=2;c",), ("",), (None,)], "x string")
    return df.select(F.str_to_map("x", F.lit(";"), F.lit("=")).alias("m"))


@case
def mp_str_to_map_dup_err(s, F, T):
    df = s.createDataFrame([("a:1,a:2",)], "x string")
    return df.select(F.str_to_map("x").alias("m"))


@case
def mp_str_to_map_regex_delim(s, F, T):
    return s.sql("SELECT str_to_map('a.1|b.2', '[|]', '[.]') m")


@case
def mp_keys_values_entries(s, F, T):
    return maps(s).select("id", F.array_sort(F.map_keys("m")).alias("k"), F.array_sort(F.map_values("m")).alias("v"),
                          F.size("m").alias("n"))


@case
def mp_entries(s, F, T):
    return s.sql("SELECT map_entries(map('a', 1, 'b', 2)) e")


@case
def mp_element_at_missing(s, F, T):
    return maps(s).select("id", F.element_at("m", F.lit("a")).alias("a"), F.col("m")["zz"].alias("zz"))


@case
def mp_try_element_at(s, F, T):
    return maps(s).select("id", F.try_element_at("m", F.lit("b")).alias("b"))


@case
def mp_contains_key(s, F, T):
    return maps(s).select("id", F.map_contains_key("m", "a").alias("h"))


@case
def mp_create_map_null_value(s, F, T):
    return people(s).select("id", F.create_map(F.lit("age"), "age", F.lit("city"), F.lit(None)).alias("m")).limit(2)


@case
def mp_create_map_null_key_err(s, F, T):
    return people(s).select(F.create_map("city", "age").alias("m"))


@case
def mp_int_key_lookup_str(s, F, T):
    df = s.createDataFrame([({1: "a", 2: "b"},)], "m map<int,string>")
    return df.select(F.col("m")[1].alias("a"), F.col("m")["2"].alias("b"))


@case
def mp_order_by_map_err(s, F, T):
    return maps(s).orderBy("m")


@case
def mp_groupby_map_err(s, F, T):
    return maps(s).groupBy("m").count()


@case
def mp_from_arrays_len_err(s, F, T):
    return s.sql("SELECT map_from_arrays(array('a', 'b'), array(1)) m")


@case
def mp_struct_values(s, F, T):
    df = s.createDataFrame([({"a": (1, "x")},)], "m map<string,struct<n:int,t:string>>")
    return df.select(F.col("m")["a"]["t"].alias("t"), F.col("m.a.n").alias("n"))


@case
def mp_explode_sorted(s, F, T):
    return maps(s).select("id", F.explode_outer("m"))


@case
def mp_map_filter_null_values(s, F, T):
    return maps(s).select("id", F.map_filter("m", lambda k, v: v.isNull()).alias("nulls"))


# =============================================================== JSON
@case
def js_from_json_ddl(s, F, T):
    return js(s).select("id", F.from_json("j", "a INT, b STRING").alias("p"))


@case
def js_from_json_ddl_fields(s, F, T):
    return js(s).select("id", F.from_json("j", "a INT, b STRING").alias("p")).select("id", "p.a", "p.b")


@case
def js_from_json_double_field(s, F, T):
    return js(s).select("id", F.from_json("j", "a DOUBLE, z LONG").alias("p"))


@case
def js_from_json_nested(s, F, T):
    return js(s).select("id", F.from_json("j", "c ARRAY<STRING>, e STRUCT<f: BOOLEAN>").alias("p"))


@case
def js_from_json_array_struct(s, F, T):
    return js(s).select("id", F.from_json("j", "array<struct<a:int>>").alias("p"))


@case
def js_from_json_map(s, F, T):
    return js(s).select("id", F.from_json("j", "map<string,string>").alias("p"))


@case
def js_from_json_structtype(s, F, T):
    sch = T.StructType([T.StructField("a", T.LongType()), T.StructField("missing", T.StringType())])
    return js(s).select("id", F.from_json("j", sch).alias("p"))


@case
def js_from_json_failfast(s, F, T):
    return js(s).select("id", F.from_json("j", "a INT", {"mode": "FAILFAST"}).alias("p"))


@case
def js_from_json_single_quotes(s, F, T):
    df = s.createDataFrame([("{'a': 1}",)], "j string")
    return df.select(F.from_json("j", "a INT").alias("p"), F.from_json("j", "a INT", {"allowSingleQuotes": "false"}).alias("q"))


@case
def js_from_json_dates(s, F, T):
    df = s.createDataFrame([('{"d": "2024-03-01", "t": "2024-03-01T10:20:30"}',), ('{"d": "03/01/2024"}',)], "j string")
    return df.select(F.from_json("j", "d DATE, t TIMESTAMP").alias("p"))


@case
def js_from_json_date_format_opt(s, F, T):
    df = s.createDataFrame([('{"d": "01/03/2024"}',)], "j string")
    return df.select(F.from_json("j", "d DATE", {"dateFormat": "dd/MM/yyyy"}).alias("p"))


@case
def js_from_json_long_overflow(s, F, T):
    df = s.createDataFrame([('{"a": 99999999999}',), ('{"a": 1.9}',), ('{"a": "3"}',), ('{"a": true}',)], "j string")
    return df.select(F.from_json("j", "a INT").alias("p"))


@case
def js_from_json_bool_str(s, F, T):
    df = s.createDataFrame([('{"a": "true", "b": 1}',), ('{"a": true, "b": "x"}',)], "j string")
    return df.select(F.from_json("j", "a BOOLEAN, b STRING").alias("p"))


@case
def js_from_json_case_sensitive_keys(s, F, T):
    df = s.createDataFrame([('{"A": 1, "a": 2}',), ('{"A": 3}',)], "j string")
    return df.select(F.from_json("j", "a INT").alias("p"))


@case
def js_from_json_schema_of_json(s, F, T):
    return js(s).filter("id = 1").select(F.from_json("j", F.schema_of_json(F.lit('{"a": 1, "b": "x"}'))).alias("p"))


@case
def js_to_json_nulls_omitted(s, F, T):
    df = s.createDataFrame([(1, None, [1, None], {"k": None})], "a int, b string, c array<int>, m map<string,int>")
    return df.select(F.to_json(F.struct("a", "b", "c", "m")).alias("j"))


@case
def js_to_json_ignore_null_false(s, F, T):
    df = s.createDataFrame([(1, None)], "a int, b string")
    return df.select(F.to_json(F.struct("a", "b"), {"ignoreNullFields": "false"}).alias("j"))


@case
def js_to_json_array_ints(s, F, T):
    return arr2(s).select("id", F.to_json("xs").alias("j"))


@case
def js_to_json_types_format(s, F, T):
    df = s.createDataFrame([(1.0, 1e20, D("1.50"), date(2024, 1, 2), dt(2024, 1, 2, 3, 4, 5, 123000), True, bytearray(b"ab"))],
                           "d double, e double, m decimal(5,2), dd date, t timestamp, b boolean, bin binary")
    return df.select(F.to_json(F.struct("*")).alias("j"))


@case
def js_to_json_map_of_struct(s, F, T):
    df = s.createDataFrame([({"x": (1, "a")},)], "m map<string,struct<n:int,t:string>>")
    return df.select(F.to_json("m").alias("j"))


@case
def js_to_json_nan_inf(s, F, T):
    df = s.createDataFrame([(float("nan"), float("inf"), -0.0)], "a double, b double, c double")
    return df.select(F.to_json(F.struct("a", "b", "c")).alias("j"))


@case
def js_to_json_unicode_escape(s, F, T):
    df = s.createDataFrame([('é"\\\n\t😀<',)], "s string")
    return df.select(F.to_json(F.struct("s")).alias("j"))


@case
def js_get_json_object_paths(s, F, T):
    return js(s).select("id", F.get_json_object("j", "$.a").alias("a"), F.get_json_object("j", "$.c[2].d").alias("cd"),
                        F.get_json_object("j", "$.c").alias("c"), F.get_json_object("j", "$.e").alias("e"),
                        F.get_json_object("j", "$.e.f").alias("ef"))


@case
def js_get_json_object_wildcards(s, F, T):
    return js(s).select("id", F.get_json_object("j", "$[*].a").alias("wa"), F.get_json_object("j", "$[0]").alias("z"),
                        F.get_json_object("j", "$.c[*]").alias("cs"), F.get_json_object("j", "$").alias("root"))


@case
def js_get_json_object_bracket_key(s, F, T):
    df = s.createDataFrame([('{"a b": 1, "c.d": 2, "n": null, "s": "str"}',)], "j string")
    return df.select(F.get_json_object("j", "$['a b']").alias("ab"), F.get_json_object("j", "$['c.d']").alias("cd"),
                     F.get_json_object("j", "$.n").alias("n"), F.get_json_object("j", "$.s").alias("s"),
                     F.get_json_object("j", "a").alias("bad"))


@case
def js_get_json_object_numbers(s, F, T):
    df = s.createDataFrame([('{"a": 1.0, "b": 1e2, "c": 12345678901234567890, "d": -0, "e": [1, 2.50]}',)], "j string")
    return df.select(*[F.get_json_object("j", "$." + k).alias(k) for k in "abcde"])


@case
def js_json_tuple_multi(s, F, T):
    return js(s).select("id", F.json_tuple("j", "a", "b", "c", "zz"))


@case
def js_json_tuple_alias(s, F, T):
    return js(s).select("id", F.json_tuple("j", "a", "b").alias("x", "y"))


@case
def js_schema_of_json_various(s, F, T):
    return s.range(1).select(F.schema_of_json(F.lit('{"a": [1, 2.5], "b": {}, "c": null, "d": [], "e": "2024-01-01"}')).alias("s"),
                             F.schema_of_json(F.lit('[{"x": 1}, {"y": "z"}]')).alias("t"))


@case
def js_json_array_length(s, F, T):
    return js(s).select("id", F.json_array_length("j").alias("n"))


@case
def js_json_object_keys(s, F, T):
    return js(s).select("id", F.json_object_keys("j").alias("k"))


@case
def js_sql_from_json(s, F, T):
    return s.sql("""SELECT from_json('{"a": [1, 2]}', 'a array<int>') p, to_json(named_struct('x', 1, 'y', array(1, 2))) j, """
                 """to_json(map('k', 1)) m""")


@case
def js_to_json_on_scalar_err(s, F, T):
    return people(s).select(F.to_json("age"))


@case
def js_from_json_invalid_schema(s, F, T):
    return js(s).select(F.from_json("j", "a INTEGR").alias("p"))


@case
def js_from_json_corrupt_record(s, F, T):
    df = s.createDataFrame([('{"a": 1}',), ('{bad',)], "j string")
    return df.select(F.from_json("j", "a INT, _corrupt_record STRING").alias("p"))


@case
def js_to_json_df_method(s, F, T):
    df = s.createDataFrame([(1, None, "x", [1])], "a int, b string, c string, d array<int>")
    return df.toJSON().collect()


# =============================================================== strings
@case
def sx_initcap_variants(s, F, T):
    df = s.createDataFrame([("hello-world foo_bar",), ("ÉCOLE élan",), ("  two  spaces",), ("o'neil mcDONALD",),
                            ("123abc x1y",), ("ǆemal",), (None,)], "x string")
    return df.select("x", F.initcap("x").alias("i"))


@case
def sx_soundex(s, F, T):
    df = s.createDataFrame([("Robert",), ("Rupert",), ("Tymczak",), ("Pfister",), ("Ashcraft",), ("",), ("123",),
                            ("a",), ("Müller",), (None,)], "x string")
    return df.select("x", F.soundex("x").alias("sx"))


@case
def sx_levenshtein(s, F, T):
    df = s.createDataFrame([("kitten", "sitting"), ("", "abc"), ("日本", "日本語"), ("café", "cafe"), (None, "x"),
                            ("😀a", "a")], "a string, b string")
    return df.select("a", "b", F.levenshtein("a", "b").alias("d"), F.levenshtein("a", "b", 2).alias("t"))


@case
def sx_overlay(s, F, T):
    df = s.createDataFrame([("SPARK_SQL", "CORE")], "x string, r string")
    return df.select(F.overlay("x", "r", 7).alias("a"), F.overlay("x", "r", 7, 0).alias("b"), F.overlay("x", "r", 1, 2).alias("c"),
                     F.overlay("x", "r", 20).alias("d"), F.overlay("x", "r", 7, -1).alias("e"))


@case
def sx_split_part(s, F, T):
    df = s.createDataFrame([("a.b.c",), ("",), ("abc",), (None,)], "x string")
    return df.select("x", F.split_part("x", F.lit("."), F.lit(1)).alias("p1"), F.split_part("x", F.lit("."), F.lit(-1)).alias("pm1"),
                     F.split_part("x", F.lit("."), F.lit(5)).alias("p5"), F.split_part("x", F.lit(""), F.lit(1)).alias("pe"))


@case
def sx_split_part_zero_err(s, F, T):
    return s.createDataFrame([("a.b",)], "x string").select(F.split_part("x", F.lit("."), F.lit(0)))


@case
def sx_sentences(s, F, T):
    df = s.createDataFrame([("Hi there! How are you? I'm fine.",), ("",), ("one",)], "x string")
    return df.select(F.sentences("x").alias("s"))


@case
def sx_ascii(s, F, T):
    df = s.createDataFrame([("A",), ("",), ("é",), ("😀",), ("abc",), (None,)], "x string")
    return df.select("x", F.ascii("x").alias("a"))


@case
def sx_base64_roundtrip(s, F, T):
    df = s.createDataFrame([("hello",), ("",), ("日本",)], "x string")
    return df.select(F.base64("x").alias("b"), F.unbase64(F.base64("x")).cast("string").alias("r"))


@case
def sx_unbase64_invalid(s, F, T):
    df = s.createDataFrame([("@@@",), ("aGVsbG8",), ("aGVsbG8=",)], "x string")
    return df.select("x", F.unbase64("x").alias("u"))


@case
def sx_try_to_binary(s, F, T):
    df = s.createDataFrame([("abc",), ("zz",)], "x string")
    return df.select(F.try_to_binary("x", F.lit("hex")).alias("h"), F.to_binary("x", F.lit("utf-8")).alias("u"))


@case
def sx_format_string_variants(s, F, T):
    df = s.createDataFrame([(7, 3.14159, "ab", 2 ** 40)], "i int, d double, t string, l long")
    return df.select(F.format_string("%05d|%-6s|%6.2f|%x|%e|%,d", "i", "t", "d", "i", "d", "l").alias("f"),
                     F.format_string("%s and %s", "t", "i").alias("g"), F.printf(F.lit("%3$s-%1$s"), "i", "d", "t").alias("p"))


@case
def sx_format_string_bool_date(s, F, T):
    df = s.createDataFrame([(True, date(2024, 1, 5))], "b boolean, d date")
    return df.select(F.format_string("%b %s", "b", "d").alias("f"))


@case
def sx_format_string_mismatch(s, F, T):
    df = s.createDataFrame([("x",)], "t string")
    return df.select(F.format_string("%d", "t").alias("f"))


@case
def sx_substring_index(s, F, T):
    df = s.createDataFrame([("www.apache.org",), ("noDots",), ("",)], "x string")
    return df.select("x", F.substring_index("x", ".", 2).alias("a"), F.substring_index("x", ".", -1).alias("b"),
                     F.substring_index("x", ".", 0).alias("c"), F.substring_index("x", ".", 9).alias("d"))


@case
def sx_repeat_neg(s, F, T):
    df = s.createDataFrame([("ab",)], "x string")
    return df.select(F.repeat("x", -1).alias("a"), F.repeat("x", 0).alias("b"), F.repeat("x", 3).alias("c"))


@case
def sx_lpad_edge(s, F, T):
    df = s.createDataFrame([("hello",), ("日本",)], "x string")
    return df.select(F.lpad("x", 3, "*").alias("a"), F.lpad("x", 8, "").alias("b"), F.rpad("x", 7, "xy").alias("c"),
                     F.lpad("x", 0, "-").alias("d"), F.lpad("x", -1, "-").alias("e"))


@case
def sx_translate_longer_from(s, F, T):
    df = s.createDataFrame([("abcdef",)], "x string")
    return df.select(F.translate("x", "abcd", "XY").alias("t"), F.translate("x", "aa", "12").alias("u"))


@case
def sx_locate_instr_edge(s, F, T):
    df = s.createDataFrame([("banana",)], "x string")
    return df.select(F.locate("an", "x", 0).alias("a"), F.locate("an", "x", 3).alias("b"), F.locate("", "x").alias("c"),
                     F.instr("x", "").alias("d"), F.locate("zz", "x").alias("e"), F.locate("an", "x", -1).alias("f"))


@case
def sx_left_right_neg(s, F, T):
    return s.sql("SELECT left('hello', -1) a, right('hello', 0) b, left('hello', 10) c, right('héllo', 3) d, left(null, 2) e")


@case
def sx_reverse_unicode(s, F, T):
    df = s.createDataFrame([("abc日本😀",), ("",)], "x string")
    return df.select(F.reverse("x").alias("r"))


@case
def sx_chr_char(s, F, T):
    return s.sql("SELECT chr(65) a, chr(256 + 65) b, chr(-1) c, char(0) d, chr(233) e")


@case
def sx_concat_ws_arrays(s, F, T):
    df = s.createDataFrame([("a", None, ["x", None, "y"], [])], "a string, b string, c array<string>, d array<string>")
    return df.select(F.concat_ws("|", "a", "b", "c", "d", F.lit("z")).alias("w"), F.concat_ws("", "c").alias("v"))


@case
def sx_trim_sql_forms(s, F, T):
    return s.sql("SELECT trim(BOTH 'x' FROM 'xxaxx') a, trim(LEADING 'x' FROM 'xxaxx') b, trim(TRAILING FROM '  a  ') c, "
                 "btrim('xyaxy', 'xy') d, ltrim('zza', 'z') e")


@case
def sx_ilike_escape(s, F, T):
    df = s.createDataFrame([("ABC_1",), ("abcX1",), ("a%c",)], "x string")
    return df.select("x", F.col("x").ilike("abc\\_1").alias("i"), F.col("x").like("a/%c", ).alias("l"),
                     F.expr("x LIKE 'a/%c' ESCAPE '/'").alias("e"))


@case
def sx_regexp_count_substr_instr(s, F, T):
    df = s.createDataFrame([("a1b22c333",), ("none",), (None,)], "x string")
    return df.select("x", F.regexp_count("x", F.lit("\\d+")).alias("c"), F.regexp_substr("x", F.lit("\\d+")).alias("s"),
                     F.regexp_instr("x", F.lit("\\d+")).alias("i"))


@case
def sx_regexp_extract_all_groups(s, F, T):
    df = s.createDataFrame([("k1=v1,k2=v2",)], "x string")
    return df.select(F.regexp_extract_all("x", F.lit("(\\w+)=(\\w+)"), 2).alias("v"),
                     F.regexp_extract_all("x", F.lit("(\\w+)=(\\w+)")).alias("k"))


@case
def sx_luhn_check(s, F, T):
    df = s.createDataFrame([("79927398713",), ("79927398710",), ("",), ("abc",)], "x string")
    return df.select("x", F.luhn_check("x").alias("ok"))


@case
def sx_encode_ascii_unmappable(s, F, T):
    df = s.createDataFrame([("héllo",)], "x string")
    return df.select(F.hex(F.encode("x", "US-ASCII")).alias("a"), F.hex(F.encode("x", "ISO-8859-1")).alias("b"),
                     F.hex(F.encode("x", "UTF-16")).alias("c"))


@case
def sx_lengths_unicode(s, F, T):
    df = s.createDataFrame([("a日😀",), ("",), (None,)], "x string")
    return df.select(F.length("x").alias("l"), F.char_length("x").alias("cl"), F.bit_length("x").alias("bl"),
                     F.octet_length("x").alias("ol"))


@case
def sx_find_in_set_elt(s, F, T):
    return s.sql("SELECT find_in_set('b', 'a,b,c') a, find_in_set('a,b', 'a,b') b, find_in_set('', ',x') c, "
                 "elt(2, 'x', 'y', 'z') d, elt(5, 'x') e")


@case
def sx_substr_negative_pos(s, F, T):
    df = s.createDataFrame([("abcdef",)], "x string")
    return df.select(F.substring("x", -3, 2).alias("a"), F.substring("x", -10, 8).alias("b"), F.expr("substr(x, 0, 2)").alias("c"),
                     F.expr("substr(x, 3)").alias("d"), F.col("x").substr(-1, 5).alias("e"))


@case
def sx_trailing_space_compare(s, F, T):
    df = s.createDataFrame([("a ", "a"), ("A", "a"), ("b", "B")], "x string, y string")
    return df.select((F.col("x") == F.col("y")).alias("eq"), (F.col("x") < F.col("y")).alias("lt"))


@case
def sx_url_funcs(s, F, T):
    return s.sql("SELECT url_encode('a b&c=ü') e, url_decode('a+b%26c%3D%C3%BC') d, "
                 "parse_url('http://u:p@host:8080/p/a?x=1&y=2#frag', 'QUERY', 'y') q, "
                 "parse_url('http://host/p?x=1', 'HOST') h, parse_url('http://host/p?x=1', 'PATH') p")


@case
def sx_space_lcase(s, F, T):
    return s.sql("SELECT concat('[', space(3), ']') a, lcase('ÀB') b, ucase('straße') c, space(-1) d")


@case
def sx_hashes_unicode(s, F, T):
    df = s.createDataFrame([("日本",), ("",)], "x string")
    return df.select(F.md5("x"), F.sha1("x"), F.sha2("x", 256), F.sha2("x", 0).alias("s0"), F.crc32("x"), F.hash("x"), F.xxhash64("x"))


@case
def sx_format_number_variants(s, F, T):
    df = s.createDataFrame([(-1234567.891,), (0.5,), (1.5,), (2.5,), (None,)], "x double")
    return df.select("x", F.format_number("x", 0).alias("f0"), F.format_number("x", 2).alias("f2"))


@case
def sx_mask(s, F, T):
    df = s.createDataFrame([("AbCd-123 é",)], "x string")
    return df.select(F.mask("x").alias("m"), F.mask("x", F.lit("U"), F.lit("l"), F.lit("#")).alias("m2"))


@case
def sx_startswith_empty(s, F, T):
    df = s.createDataFrame([("abc",), ("",), (None,)], "x string")
    return df.select("x", F.col("x").startswith("").alias("a"), F.col("x").endswith("").alias("b"), F.col("x").contains("").alias("c"))


@case
def sx_string_funcs_on_int(s, F, T):
    df = s.createDataFrame([(12345,)], "x int")
    return df.select(F.substring("x", 2, 2).alias("s"), F.length("x").alias("l"), F.upper("x").alias("u"), F.lpad("x", 7, "0").alias("p"))


@case
def sx_concat_with_array_and_null(s, F, T):
    df = s.createDataFrame([([1, 2], [3]), ([1], None)], "a array<int>, b array<int>")
    return df.select(F.concat("a", "b").alias("c"))


@case
def sx_regexp_replace_backrefs(s, F, T):
    df = s.createDataFrame([("2024-01-31",)], "x string")
    return df.select(F.regexp_replace("x", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1").alias("r"))


@case
def sx_split_special_chars(s, F, T):
    df = s.createDataFrame([("a|b|c",), ("a.b",), ("a$b",)], "x string")
    return df.select("x", F.split("x", "|").alias("p"), F.split("x", "\\.").alias("d"), F.split("x", "[$]").alias("q"))


@case
def sx_levenshtein_sql_threshold(s, F, T):
    return s.sql("SELECT levenshtein('kitten', 'sitting', 2) a, levenshtein('kitten', 'sitting', 3) b")


@case
def sx_to_char_number(s, F, T):
    return s.sql("SELECT to_number('$1,234.50', '$9,999.99') a, try_to_number('abc', '999') b")


@case
def sx_btrim_binary_collate(s, F, T):
    df = s.createDataFrame([("  x  ",)], "x string")
    return df.select(F.btrim("x").alias("b"), F.trim("x").alias("t"), F.ltrim("x").alias("l"), F.rtrim("x").alias("r"))


@case
def sx_quote_funcs(s, F, T):
    df = s.createDataFrame([("it's",)], "x string")
    return df.select(F.quote("x").alias("q"))


@case
def sx_char_length_sql_types(s, F, T):
    return s.sql("SELECT typeof(length('a')), typeof(instr('a','a')), typeof(ascii('a')), typeof(base64('a')), typeof(unhex('41'))")
