from common import *  # noqa


# =============================================================== math
@case
def m_round_half_doubles(s, F, T):
    df = s.createDataFrame([(0.5,), (1.5,), (2.5,), (-2.5,), (2.675,), (1.005,), (0.125,), (-0.125,), (None,)], "x double")
    return df.select("x", F.round("x").alias("r0"), F.bround("x").alias("b0"), F.round("x", 2).alias("r2"),
                     F.bround("x", 2).alias("b2"))


@case
def m_round_half_decimals(s, F, T):
    df = s.createDataFrame([(D("0.5"),), (D("1.5"),), (D("2.5"),), (D("-2.5"),), (D("2.675"),), (D("0.125"),)], "x decimal(6,3)")
    r = df.select("x", F.round("x").alias("r0"), F.bround("x").alias("b0"), F.round("x", 2).alias("r2"), F.bround("x", 2).alias("b2"))
    return r


@case
def m_round_negative_scale(s, F, T):
    df = s.createDataFrame([(1250, 1250.0, D("1250.00"), 2 ** 40)], "i int, d double, m decimal(6,2), l long")
    return df.select(F.round("i", -2).alias("ri"), F.bround("i", -2).alias("bi"), F.round("d", -2).alias("rd"),
                     F.round("m", -2).alias("rm"), F.bround("m", -2).alias("bm"), F.round("l", -3).alias("rl"))


@case
def m_round_float_type(s, F, T):
    df = s.createDataFrame([(1.25,), (2.345,)], "x float")
    return df.select(F.round("x", 1).alias("r"), F.bround("x", 1).alias("b"))


@case
def m_round_int_overflow(s, F, T):
    df = s.createDataFrame([(2147483647,)], "x int")
    return df.select(F.round("x", -1).alias("r"))


@case
def m_pmod_variants(s, F, T):
    df = s.createDataFrame([(-7, 3), (7, -3), (-7, -3), (7, 0), (None, 3)], "a int, b int")
    return df.select("a", "b", F.pmod("a", "b").alias("p"))


@case
def m_pmod_doubles(s, F, T):
    df = s.createDataFrame([(-7.5, 2.0), (7.5, -2.0)], "a double, b double")
    return df.select(F.pmod("a", "b").alias("p"), (F.col("a") % F.col("b")).alias("m"))


@case
def m_log_bases(s, F, T):
    df = s.createDataFrame([(8.0,), (1.0,), (0.0,), (-1.0,), (None,)], "x double")
    return df.select("x", F.log(2.0, "x").alias("l2"), F.log("x").alias("ln"), F.log10("x").alias("l10"),
                     F.log2("x").alias("lg2"), F.log1p("x").alias("l1p"), F.log(1.0, "x").alias("lb1"))


@case
def m_log_sql_base_neg(s, F, T):
    return s.sql("SELECT log(-2, 8) a, log(2, 0) b, ln(0) c, log(10, 100) d, log(0.5, 4) e")


@case
def m_conv_variants(s, F, T):
    df = s.createDataFrame([("100",), ("-10",), ("zz",), ("7fffffffffffffff",), ("ffffffffffffffff",), ("1x2",), ("",)], "x string")
    return df.select("x", F.conv("x", 16, 10).alias("h2d"), F.conv("x", 36, 2).alias("b36"), F.conv("x", 10, -16).alias("neg"),
                     F.conv("x", 16, -10).alias("hneg"))


@case
def m_hex_unhex(s, F, T):
    df = s.createDataFrame([(-1, "Spark é", "4A4B", "ABC", "zz")], "i int, t string, h string, odd string, bad string")
    return df.select(F.hex("i").alias("hi"), F.hex("t").alias("ht"), F.unhex("h").alias("u"), F.unhex("odd").alias("uo"),
                     F.unhex("bad").alias("ub"), F.hex(F.lit(255).cast("long")).alias("hl"))


@case
def m_shifts(s, F, T):
    df = s.createDataFrame([(1, -8, 2 ** 40)], "i int, n int, l long")
    return df.select(F.shiftleft("i", 31).alias("a"), F.shiftleft("i", 32).alias("b"), F.shiftright("n", 1).alias("c"),
                     F.shiftrightunsigned("n", 1).alias("d"), F.shiftleft("l", 30).alias("e"), F.shiftright("l", 70).alias("f"))


@case
def m_factorial(s, F, T):
    df = s.createDataFrame([(0,), (1,), (20,), (21,), (-1,), (None,)], "x int")
    return df.select("x", F.factorial("x").alias("f"))


@case
def m_width_bucket(s, F, T):
    df = s.createDataFrame([(5.3,), (-1.0,), (10.0,), (0.0,), (None,), (9.99,)], "x double")
    return df.select("x", F.width_bucket("x", F.lit(0.0), F.lit(10.0), F.lit(5)).alias("b"),
                     F.width_bucket("x", F.lit(10.0), F.lit(0.0), F.lit(5)).alias("rev"))


@case
def m_width_bucket_bad(s, F, T):
    return s.sql("SELECT width_bucket(5, 0, 10, 0) a, width_bucket(5, 10, 10, 3) b")


@case
def m_trig_misc(s, F, T):
    df = s.createDataFrame([(1.0, -8.0, 3.0, 4.0)], "a double, b double, c double, d double")
    return df.select(F.cbrt("b"), F.expm1("a"), F.degrees(F.lit(math_pi())), F.radians(F.lit(180.0)), F.hypot("c", "d"),
                     F.atan2("c", "d"), F.signum("b"), F.sign("b"), F.cot("a"), F.csc("a"), F.sec("a"), F.asinh("a"), F.acosh("a"), F.atanh(F.lit(0.5)))


def math_pi():
    import math
    return math.pi


@case
def m_sqrt_pow_edge(s, F, T):
    return s.sql("SELECT sqrt(-1) a, power(0, 0) b, power(-8, 1.0/3) c, pow(2, -1) d, power(0, -1) e, exp(1000) f")


@case
def m_ceil_floor_scale(s, F, T):
    df = s.createDataFrame([(3.14159, -3.14159, D("12.345"))], "a double, b double, c decimal(5,3)")
    return df.select(F.ceil("a", F.lit(2)).alias("c2"), F.floor("b", F.lit(1)).alias("f1"), F.ceil("c", F.lit(-1)).alias("cm"),
                     F.floor("c").alias("fc"), F.ceil("c").alias("cc"), F.ceiling("a").alias("cg"))


@case
def m_bin_negative(s, F, T):
    return s.sql("SELECT bin(-1) a, bin(13) b, bin(0) c, bin(null) d")


@case
def m_div_negative(s, F, T):
    return s.sql("SELECT -7 div 2 a, 7 div -2 b, -7 % 2 c, 7.5 div 2 d, mod(-7, 2) e")


@case
def m_try_arith_overflow(s, F, T):
    df = s.createDataFrame([(2147483647, 9223372036854775807)], "i int, l long")
    return df.select(F.try_add("i", F.lit(1)).alias("a"), F.try_multiply("l", F.lit(2)).alias("b"),
                     F.try_subtract(F.lit(-9223372036854775807) - 1, F.lit(1)).alias("c"), F.try_divide("i", F.lit(0)).alias("d"))


@case
def m_abs_min_int(s, F, T):
    df = s.createDataFrame([(-2147483648,)], "x int")
    return df.select(F.abs("x").alias("a"))


@case
def m_negate_min_long(s, F, T):
    df = s.createDataFrame([(-9223372036854775808,)], "x long")
    return df.select((-F.col("x")).alias("n"))


@case
def m_nanvl_isnan(s, F, T):
    df = s.createDataFrame([(float("nan"), 1.0), (None, 2.0), (3.0, 4.0)], "a double, b double")
    return df.select(F.nanvl("a", "b").alias("n"), F.isnan("a").alias("i"), F.isnull("a").alias("z"))


@case
def m_bit_funcs(s, F, T):
    df = s.createDataFrame([(5, -1)], "a int, b int")
    return df.select(F.bitwise_not("a").alias("n"), F.bit_count("a").alias("c"), F.bit_count("b").alias("cb"),
                     F.bit_get("a", F.lit(0)).alias("g0"), F.getbit("a", F.lit(1)).alias("g1"))


@case
def m_greatest_least_nulls(s, F, T):
    df = s.createDataFrame([(1, None, 3), (None, None, None)], "a int, b int, c int")
    return df.select(F.greatest("a", "b", "c").alias("g"), F.least("a", "b", "c").alias("l"))


@case
def m_double_mod_negative_zero(s, F, T):
    return s.sql("SELECT -4.0D % 2 a, cast(-0.0 as double) b, 0.0D = -0.0D c, 1/0D d, -1/0D e, 0/0D f")


@case
def m_e_pi_positive(s, F, T):
    return s.range(1).select(F.e().alias("e"), F.pi().alias("pi"), F.positive(F.lit(-1)).alias("p"), F.negative(F.lit(1)).alias("n"))


@case
def m_double_to_decimal_cast_round(s, F, T):
    df = s.createDataFrame([(1.005,), (2.675,), (0.125,), (1e10,)], "x double")
    return df.select("x", F.col("x").cast("decimal(5,2)").alias("c"))


@case
def m_int_div_results(s, F, T):
    df = s.createDataFrame([(7, 2, 7.0)], "a int, b int, c double")
    r = df.select((F.col("a") / F.col("b")).alias("q"), (F.col("a") / F.lit(2)).alias("q2"), (F.col("c") / F.col("b")).alias("q3"))
    return r


@case
def m_random_seeded_deterministic_count(s, F, T):
    return s.range(100).select(F.rand(42).alias("r")).filter("r >= 0 AND r < 1").count()


# =============================================================== decimals
@case
def dc_add_types(s, F, T):
    df = s.createDataFrame([(D("1.23"), D("4.567"))], "a decimal(10,2), b decimal(5,3)")
    return df.select((F.col("a") + F.col("b")).alias("s"), (F.col("a") - F.col("b")).alias("d"))


@case
def dc_mul_div_types(s, F, T):
    df = s.createDataFrame([(D("1.23"), D("4.567"))], "a decimal(10,2), b decimal(5,3)")
    return df.select((F.col("a") * F.col("b")).alias("m"), (F.col("a") / F.col("b")).alias("q"), (F.col("a") % F.col("b")).alias("r"))


@case
def dc_int_arith(s, F, T):
    df = s.createDataFrame([(D("1.50"), 3, 2 ** 40)], "a decimal(5,2), i int, l long")
    return df.select((F.col("a") * F.col("i")).alias("ai"), (F.col("a") + F.col("l")).alias("al"), (F.col("i") / F.col("a")).alias("ia"))


@case
def dc_double_arith(s, F, T):
    df = s.createDataFrame([(D("1.50"), 0.1)], "a decimal(5,2), d double")
    return df.select((F.col("a") * F.col("d")).alias("m"), (F.col("a") > F.col("d")).alias("g"), (F.col("a") == F.lit(1.5)).alias("e"))


@case
def dc_sum_avg_types(s, F, T):
    df = s.createDataFrame([(D("1.10"),), (D("2.25"),), (None,)], "x decimal(10,2)")
    return df.agg(F.sum("x").alias("s"), F.avg("x").alias("a"), F.min("x").alias("mn"), F.max("x").alias("mx"),
                  F.stddev("x").alias("sd"), F.count("x").alias("c"))


@case
def dc_sum_38_overflow(s, F, T):
    df = s.createDataFrame([(D("9" * 36 + ".99"),), (D("9" * 36 + ".99"),)], "x decimal(38,2)")
    return df.agg(F.sum("x").alias("s"))


@case
def dc_try_sum_overflow(s, F, T):
    df = s.createDataFrame([(D("9" * 36 + ".99"),), (D("9" * 36 + ".99"),)], "x decimal(38,2)")
    return df.agg(F.try_sum("x").alias("s"))


@case
def dc_cast_overflow(s, F, T):
    df = s.createDataFrame([(D("12345.678"),)], "x decimal(8,3)")
    return df.select(F.col("x").cast("decimal(4,1)").alias("c"))


@case
def dc_try_cast_overflow(s, F, T):
    return s.sql("SELECT try_cast(12345.678 AS decimal(4,1)) a, try_cast('1.2.3' AS decimal(5,2)) b, cast('1.235' AS decimal(5,2)) c, cast('-1.235' AS decimal(5,2)) d")


@case
def dc_cast_string_sci(s, F, T):
    return s.sql("SELECT cast('1e2' AS decimal(5,1)) a, cast(' 3.5 ' AS decimal(3,1)) b, cast('.5' AS decimal(3,2)) c")


@case
def dc_infer_python_decimal(s, F, T):
    df = s.createDataFrame([(D("1.10"),), (D("123456.7"),)], ["x"])
    return df


@case
def dc_lit_decimal_type(s, F, T):
    return s.range(1).select(F.lit(D("1.10")).alias("a"), F.lit(D("-0.001")).alias("b"), F.lit(D("1E+3")).alias("c"))


@case
def dc_sql_literal_types(s, F, T):
    return s.sql("SELECT 1.5 a, 1.5e0 b, 1.50BD c, 100 * 1.1 d, 1.0 / 3 e, 2 / 3 f, typeof(1.0 / 3) t")


@case
def dc_mul_38_overflow(s, F, T):
    return s.sql("SELECT cast(1e20 AS decimal(38,18)) * cast(1e20 AS decimal(38,18)) x")


@case
def dc_mul_precision_loss(s, F, T):
    return s.sql("SELECT cast(1.123456789012345678 AS decimal(38,18)) * cast(2.5 AS decimal(38,18)) x, "
                 "cast(1 AS decimal(38,18)) / cast(3 AS decimal(38,18)) y")


@case
def dc_div_zero(s, F, T):
    df = s.createDataFrame([(D("1.00"), D("0.00"))], "a decimal(5,2), b decimal(5,2)")
    return df.select((F.col("a") / F.col("b")).alias("q"))


@case
def dc_to_string(s, F, T):
    df = s.createDataFrame([(D("1.50"),), (D("0.00"),), (D("-0.10"),), (D("100.00"),)], "x decimal(5,2)")
    return df.select(F.col("x").cast("string").alias("s"), F.concat(F.col("x"), F.lit("!")).alias("c"))


@case
def dc_cast_to_int(s, F, T):
    df = s.createDataFrame([(D("1.99"),), (D("-1.99"),)], "x decimal(5,2)")
    return df.select(F.col("x").cast("int").alias("i"), F.col("x").cast("double").alias("d"), F.col("x").cast("boolean").alias("b"))


@case
def dc_floor_ceil_abs_types(s, F, T):
    df = s.createDataFrame([(D("-1.50"),)], "x decimal(5,2)")
    return df.select(F.floor("x").alias("f"), F.ceil("x").alias("c"), F.abs("x").alias("a"), (-F.col("x")).alias("n"))


@case
def dc_avg_int_type(s, F, T):
    df = s.createDataFrame([(1,), (2,)], "x int")
    return df.agg(F.avg("x"), F.mean("x"), F.sum("x"), F.sum(F.col("x").cast("decimal(10,0)")))


@case
def dc_groupby_decimal_key(s, F, T):
    df = s.createDataFrame([(D("1.0"), 1), (D("1.00"), 2), (D("2.5"), 3)], "k decimal(4,2), v int")
    return df.groupBy("k").sum("v")


@case
def dc_percentile_decimal(s, F, T):
    df = s.createDataFrame([(D("1.10"),), (D("2.20"),), (D("3.30"),), (D("4.40"),)], "x decimal(10,2)")
    return df.agg(F.percentile_approx("x", 0.5).alias("p"), F.median("x").alias("m"))


@case
def dc_union_int_decimal(s, F, T):
    a = s.createDataFrame([(1,)], "x int")
    b = s.createDataFrame([(D("1.5"),)], "x decimal(3,1)")
    return a.union(b)


@case
def dc_decimal_compare_string(s, F, T):
    df = s.createDataFrame([(D("1.50"),)], "x decimal(5,2)")
    return df.select((F.col("x") == "1.5").alias("a"), (F.col("x") > "1.49").alias("b"))


# =============================================================== dates
@case
def d_last_day(s, F, T):
    df = s.createDataFrame([("2024-02-10",), ("2023-02-28",), ("2024-12-31",), ("2024-04-01 10:00:00",), (None,)], "x string")
    return df.select("x", F.last_day("x").alias("l"))


@case
def d_next_day_variants(s, F, T):
    df = s.createDataFrame([("2024-01-01",), ("2024-01-07",)], "x string")
    return df.select("x", F.next_day("x", "Mon").alias("a"), F.next_day("x", "monday").alias("b"), F.next_day("x", "SU").alias("c"),
                     F.next_day("x", "sun").alias("d"))


@case
def d_trunc_units(s, F, T):
    df = s.createDataFrame([(date(2024, 8, 15),)], "x date")
    units = ["year", "yyyy", "yy", "quarter", "month", "mon", "mm", "week"]
    return df.select(*[F.trunc("x", u).alias(u) for u in units])


@case
def d_trunc_bad_unit(s, F, T):
    df = s.createDataFrame([(date(2024, 8, 15),)], "x date")
    return df.select(F.trunc("x", "dd").alias("dd"), F.trunc("x", "day").alias("day"), F.trunc("x", "hour").alias("h"))


@case
def d_date_trunc_all_units(s, F, T):
    df = s.createDataFrame([(dt(2024, 8, 15, 13, 45, 59, 123456),)], "x timestamp")
    units = ["YEAR", "YYYY", "YY", "QUARTER", "MONTH", "MM", "MON", "WEEK", "DAY", "DD", "HOUR", "MINUTE", "SECOND",
             "MILLISECOND", "MICROSECOND"]
    return df.select(*[F.date_trunc(u, "x").alias(u) for u in units])


@case
def d_date_trunc_bad_unit(s, F, T):
    df = s.createDataFrame([(dt(2024, 8, 15, 13, 45, 59),)], "x timestamp")
    return df.select(F.date_trunc("fortnight", "x").alias("f"))


@case
def d_date_trunc_on_date_string(s, F, T):
    df = s.createDataFrame([("2024-08-15",), ("2024-08-15 10:11:12",), ("bad",)], "x string")
    return df.select("x", F.date_trunc("month", "x").alias("m"))


@case
def d_weekofyear_edges(s, F, T):
    ds = ["2020-12-31", "2021-01-01", "2021-01-03", "2021-01-04", "2024-12-30", "2026-12-31", "2027-01-01"]
    df = s.createDataFrame([(x,) for x in ds], "x string").select(F.to_date("x").alias("d"))
    return df.select("d", F.weekofyear("d").alias("w"), F.dayofweek("d").alias("dow"), F.weekday("d").alias("wd"),
                     F.dayofyear("d").alias("doy"), F.quarter("d").alias("q"))


@case
def d_months_between_rounding(s, F, T):
    df = s.createDataFrame([("2024-03-31", "2024-02-29"), ("2024-03-30", "2024-02-29"), ("2024-01-15 12:00:00", "2023-11-01"),
                            ("2024-02-01", "2024-03-15 06:00:00"), ("2023-01-31", "2023-04-30")], "a string, b string")
    return df.select("a", "b", F.months_between("a", "b").alias("m"), F.months_between("a", "b", False).alias("mf"))


@case
def d_from_to_utc(s, F, T):
    df = s.createDataFrame([(dt(2024, 3, 10, 10, 0),), (dt(2024, 7, 1, 0, 30),)], "t timestamp")
    return df.select(F.from_utc_timestamp("t", "America/Los_Angeles").alias("la"), F.from_utc_timestamp("t", "Asia/Kolkata").alias("in"),
                     F.to_utc_timestamp("t", "Europe/Berlin").alias("b"), F.from_utc_timestamp("t", "+05:30").alias("o"),
                     F.from_utc_timestamp("t", "UTC").alias("u"))


@case
def d_from_utc_bad_tz(s, F, T):
    df = s.createDataFrame([(dt(2024, 3, 10, 10, 0),)], "t timestamp")
    return df.select(F.from_utc_timestamp("t", "Mars/Olympus").alias("x"))


@case
def d_from_utc_on_string(s, F, T):
    df = s.createDataFrame([("2024-01-01 00:00:00",)], "t string")
    return df.select(F.from_utc_timestamp("t", "Asia/Tokyo").alias("x"))


@case
def d_unix_timestamp_patterns(s, F, T):
    df = s.createDataFrame([("15/03/2024 10:30",), ("2024-03-15",)], "x string")
    return df.select(F.unix_timestamp("x", "dd/MM/yyyy HH:mm").alias("a"))


@case
def d_unix_timestamp_default(s, F, T):
    df = s.createDataFrame([("2024-03-15 10:30:00",), ("2024-03-15",)], "x string")
    return df.select(F.unix_timestamp("x").alias("a"))


@case
def d_try_to_timestamp_patterns(s, F, T):
    df = s.createDataFrame([("15/03/2024 10:30",), ("2024-03-15",)], "x string")
    return df.select(F.try_to_timestamp("x", F.lit("dd/MM/yyyy HH:mm")).alias("a"))


@case
def d_from_unixtime_patterns(s, F, T):
    df = s.createDataFrame([(0,), (1710498600,), (-86400,)], "x long")
    return df.select(F.from_unixtime("x").alias("a"), F.from_unixtime("x", "yyyy/MM/dd EEE").alias("b"),
                     F.from_unixtime("x", "h:mm a").alias("c"))


@case
def d_add_months_eom(s, F, T):
    df = s.createDataFrame([(date(2024, 1, 31),), (date(2024, 2, 29),), (date(2023, 3, 31),)], "d date")
    return df.select("d", F.add_months("d", 1).alias("p1"), F.add_months("d", -1).alias("m1"), F.add_months("d", 12).alias("p12"),
                     F.date_add("d", -31).alias("dm"), F.date_sub("d", 366).alias("ds"))


@case
def d_datediff_timestamps(s, F, T):
    df = s.createDataFrame([(dt(2024, 1, 2, 0, 30), dt(2024, 1, 1, 23, 30))], "a timestamp, b timestamp")
    return df.select(F.datediff("a", "b").alias("d"), F.datediff("b", "a").alias("r"))


@case
def d_to_date_from_timestamp(s, F, T):
    df = s.createDataFrame([(dt(2024, 1, 2, 23, 59),)], "t timestamp")
    return df.select(F.to_date("t").alias("d"), F.col("t").cast("date").alias("c"))


@case
def d_date_format_letters(s, F, T):
    df = s.createDataFrame([(dt(2024, 3, 5, 14, 7, 9, 45000),)], "t timestamp")
    pats = ["E", "EEEE", "MMM", "MMMM", "a", "D", "DDD", "hh", "K", "k", "SSS", "SSSSSS", "q", "QQQ", "LLL", "w", "dd.MM.yy"]
    return df.select(*[F.date_format("t", p).alias(p) for p in pats])


@case
def d_date_format_illegal(s, F, T):
    df = s.createDataFrame([(dt(2024, 3, 5, 14, 7, 9),)], "t timestamp")
    return df.select(F.date_format("t", "u").alias("u"))


@case
def d_make_timestamp(s, F, T):
    return s.sql("SELECT make_timestamp(2024, 2, 29, 12, 30, 45.5) a, make_timestamp(2024, 2, 30, 0, 0, 0) b")


@case
def d_make_timestamp_try(s, F, T):
    return s.sql("SELECT try_make_timestamp(2024, 2, 30, 0, 0, 0) b")


@case
def d_epoch_conversions(s, F, T):
    df = s.createDataFrame([(1700000000, 1700000000123, 1700000000123456)], "s long, ms long, us long")
    return df.select(F.timestamp_seconds("s").alias("a"), F.timestamp_millis("ms").alias("b"), F.timestamp_micros("us").alias("c"),
                     F.unix_seconds(F.timestamp_seconds("s")).alias("d"), F.unix_millis(F.timestamp_millis("ms")).alias("e"),
                     F.unix_micros(F.timestamp_micros("us")).alias("f"))


@case
def d_unix_date_roundtrip(s, F, T):
    df = s.createDataFrame([(date(1970, 1, 2),), (date(1969, 12, 31),)], "d date")
    return df.select(F.unix_date("d").alias("u"), F.date_from_unix_date(F.unix_date("d") + 1).alias("n"))


@case
def d_timestamp_seconds_fraction(s, F, T):
    df = s.createDataFrame([(1.5,), (-0.25,)], "x double")
    return df.select(F.timestamp_seconds("x").alias("t"))


@case
def d_sequence_dates(s, F, T):
    return s.sql("SELECT sequence(DATE'2024-01-30', DATE'2024-04-30', INTERVAL 1 MONTH) a, "
                 "sequence(DATE'2024-01-01', DATE'2024-01-05', INTERVAL 2 DAY) b, sequence(DATE'2024-01-03', DATE'2024-01-01') c")


@case
def d_date_part_extract(s, F, T):
    return s.sql("SELECT extract(DOW FROM DATE'2024-03-10') a, extract(DOY FROM DATE'2024-03-10') b, date_part('week', DATE'2024-03-10') c, "
                 "extract(SECOND FROM TIMESTAMP'2024-03-10 01:02:03.5') d, extract(QUARTER FROM DATE'2024-03-10') e, "
                 "extract(DAYOFWEEK_ISO FROM DATE'2024-03-10') f")


@case
def d_convert_timezone(s, F, T):
    return s.sql("SELECT convert_timezone('Europe/Brussels', 'America/Los_Angeles', timestamp_ntz'2024-03-31 02:30:00') a, "
                 "convert_timezone('Asia/Tokyo', timestamp_ntz'2024-01-01 00:00:00') b")


@case
def d_to_timestamp_ntz_ltz(s, F, T):
    df = s.createDataFrame([("2024-03-10 02:30:00",)], "x string")
    return df.select(F.to_timestamp_ntz("x").alias("n"), F.to_timestamp_ltz("x").alias("l"))


@case
def d_date_minus_date_sql(s, F, T):
    return s.sql("SELECT DATE'2024-03-01' - DATE'2024-01-01' d, date_diff(DATE'2024-03-01', DATE'2024-01-01') e")


@case
def d_date_compare_string_types(s, F, T):
    df = s.createDataFrame([(date(2024, 1, 10),), (date(2024, 2, 1),)], "d date")
    return df.filter((F.col("d") > "2024-01-15") | (F.col("d") == "2024-01-10")).select("d")


@case
def d_ts_compare_date_string(s, F, T):
    df = s.createDataFrame([(dt(2024, 1, 10, 5),), (dt(2024, 1, 9, 23),)], "t timestamp")
    return df.filter(F.col("t") >= "2024-01-10").select("t")


@case
def d_tumbling_window_start_time(s, F, T):
    df = s.createDataFrame([(dt(2024, 1, 1, 0, 7), 1), (dt(2024, 1, 1, 0, 14), 2), (dt(2024, 1, 1, 0, 16), 3)], "t timestamp, v int")
    return (df.groupBy(F.window("t", "10 minutes", startTime="5 minutes")).agg(F.sum("v").alias("s"))
            .select("window.start", "window.end", "s"))


@case
def d_quarter_month_null(s, F, T):
    df = s.createDataFrame([(None,)], "d date")
    return df.select(F.year("d"), F.quarter("d"), F.month("d"), F.dayofmonth("d"), F.hour(F.col("d").cast("timestamp")))


@case
def d_make_date_sql_overflow(s, F, T):
    return s.sql("SELECT make_date(2024, 13, 1) x")


@case
def d_add_interval_month_eom(s, F, T):
    return s.sql("SELECT DATE'2024-01-31' + INTERVAL 1 MONTH a, TIMESTAMP'2024-01-31 10:00:00' + INTERVAL '1' MONTH b, "
                 "DATE'2024-03-31' - INTERVAL 1 MONTH c")


@case
def d_dayname_monthname(s, F, T):
    df = s.createDataFrame([(date(2024, 3, 5),)], "d date")
    return df.select(F.dayname("d").alias("dn"), F.monthname("d").alias("mn"))


@case
def d_date_format_on_string(s, F, T):
    df = s.createDataFrame([("2024-03-05",), ("2024-03-05T10:00:00",), ("03/05/2024",)], "x string")
    return df.select("x", F.date_format("x", "yyyy/MM/dd").alias("f"))


@case
def d_to_date_iso_with_tz(s, F, T):
    df = s.createDataFrame([("2024-03-05T23:30:00Z",), ("2024-03-05T23:30:00+05:00",), ("2024-03-05 23:30",)], "x string")
    return df.select("x", F.to_timestamp("x").alias("t"), F.to_date("x").alias("d"))


@case
def d_current_types(s, F, T):
    return s.range(1).select(F.current_date(), F.current_timestamp(), F.localtimestamp(), F.current_timezone()).dtypes


@case
def d_date_add_on_timestamp_string(s, F, T):
    df = s.createDataFrame([("2024-03-05 10:00:00",)], "x string")
    return df.select(F.date_add("x", 1).alias("a"), F.last_day("x").alias("b"), F.dayofweek("x").alias("c"))
