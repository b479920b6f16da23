"""SQL inputs for the bad-input differential suite: each runs as `select <expr> from t`
(or as a whole statement when it starts with `select`/`with`), under ANSI mode (Spark 4's
default) and again with spark.sql.ansi.enabled=false."""

from __future__ import annotations

ROWS = [
    (1, 10, 1.5, "1", "2020-01-01", [1, 2, 3], "x"),
    (2, 9223372036854775807, -0.0, "abc", "2020-02-30", [], "y"),
    (None, None, None, None, None, None, None),
    (0, -9223372036854775808, float("nan"), " 42 ", "not a date", [7], "x"),
]
SCHEMA = "a int, b bigint, d double, s string, ds string, arr array<int>, g string"

EXPRESSIONS = [
    # casts of malformed strings
    "cast(s as int)", "cast(s as bigint)", "cast(s as double)", "cast(s as decimal(5,2))",
    "cast(s as boolean)", "cast(ds as date)", "cast(ds as timestamp)", "cast('1.9' as int)",
    "cast(' 12 ' as int)", "cast('1e2' as int)", "cast('0x10' as int)", "cast('' as int)",
    "cast('+5' as int)", "cast('2147483648' as int)", "cast('NaN' as double)",
    "cast('Infinity' as double)", "cast('tRuE' as boolean)", "cast('yes' as boolean)",
    "cast('2020-1-5' as date)", "cast('2020-01-01 25:00:00' as timestamp)",
    "cast('12.345' as decimal(4,2))", "cast('abc' as decimal(10,2))",
    # numeric casts that overflow
    "cast(b as int)", "cast(b as smallint)", "cast(a * 1000 as tinyint)", "cast(d as int)",
    "cast(1e300 as int)", "cast(-1e20 as bigint)", "cast(cast('NaN' as double) as int)",
    "cast(300 as tinyint)", "cast(123.456 as decimal(4,2))", "cast(b as decimal(5,0))",
    "cast(12345.6 as decimal(3,1))", "cast(true as int)", "cast(a as boolean)",
    "cast(2.5 as int)", "cast(-2.5 as bigint)", "cast(d as decimal(3,1))",
    # try_cast never fails
    "try_cast(s as int)", "try_cast(ds as date)", "try_cast(b as int)",
    "try_cast('1.9' as int)", "try_cast(1e300 as int)", "try_cast(123.456 as decimal(4,2))",
    # arithmetic overflow and division by zero
    "a + 2147483647", "b + 1", "b - (-1)", "b * 2", "a * 1000000000", "-b",
    "a / 0", "a div 0", "a % 0", "d / 0", "1.0 / 0", "b / 0", "a / a", "pmod(a, 0)",
    "2147483647 + 1", "9223372036854775807 + 1", "1 / 0", "1 div 0", "5 % 0",
    "try_add(a, 2147483647)", "try_subtract(b, -1)", "try_multiply(b, 2)",
    "try_divide(a, 0)", "try_divide(1, 0)",
    # strings in arithmetic and comparisons
    "s + 1", "'1' + 1", "'1.5' + 1", "s * 2.0", "a = '1'", "a = s", "s > 1",
    "'abc' = 1", "a + '2'", "concat(a, s)",
    # conditional evaluation: errors only where the branch is taken
    "case when a = 0 then null else 10 / a end", "if(a = 0, null, 10 div a)",
    "coalesce(a, 1 / 0)", "a <> 0 and 10 / a > 1", "a = 0 or 10 / a > 1",
    "case when s rlike '^[0-9]+$' then cast(s as int) end", "nvl(a, cast('x' as int))",
    # arrays and maps
    "arr[0]", "arr[5]", "arr[-1]", "element_at(arr, 1)", "element_at(arr, 5)",
    "element_at(arr, -1)", "element_at(arr, 0)", "try_element_at(arr, 5)", "size(arr)",
    "array(1, 2)[2]", "element_at(map('a', 1), 'b')", "map('a', 1)['b']",
    # dates
    "to_date(ds)", "to_date(s)", "to_timestamp(ds)", "to_date('2020-13-45')",
    "to_date('2020-02-30')", "make_date(2020, 13, 1)", "make_date(2020, 2, 30)",
    "date_add(to_date('2020-01-31'), 1)", "datediff('2020-03-01', '2020-02-01')",
    # aggregates over bad data
    "select sum(b) from t", "select avg(b) from t", "select sum(a) from t",
    "select max(d), min(d) from t", "select stddev(b) from t",
    "select sum(x) from values (9223372036854775807L), (1L) as v(x)",
    "select avg(x) from values (9223372036854775807L), (9223372036854775807L) as v(x)",
    "select stddev(x) from values (9223372036854775807L), (1L) as v(x)",
    "select sum(x) from values (2147483647), (1) as v(x)",
    "select count(*), count(a), sum(a) from t where a > 100",
    "select g, sum(b) from t group by g",
    # statements PySpark refuses
    "select 1; select 2", "select a, from t", "select from t", "select * from t limit -1",
    "select ntile(0) over (order by a) from t", "select upper(arr) from t",
    "select row_number() over (partition by g) from t",
    "select rank() over (partition by g) from t",
    "select lag(a) over (partition by g) from t",
    "select (select a from t) as x", "select (select max(a) from t) as x",
    "select a from t where a = (select a from t where a > 0)",
    "select nosuch from t", "select a from nosuch", "select sum(a), g from t",
    "select a from t order by 9", "select a from t group by 9",
    "select * from t t1 join t t2 on a = a", "select 1 +", "select )",
    "select cast(a as nosuchtype) from t", "select a from t union select a, b from t",
    "select upper('ß')", "select 1;",
    # second session: subscripts, arity, try_*, abs, numbers as timestamps
    "map(1, 'x')[1]", "abs(cast(-2147483648 as int))", "cast(a as timestamp)",
    "upper('a', 'b')", "substr()", "coalesce()", "try_mod(a, 0)", "select try_sum(b) from t",
    "initcap('ßa')",
    # third session: running overflow of try_sum, struct keys with holistic aggregates
    "select g, try_sum(b) from t group by g", "select try_sum(distinct b) from t",
    "select st, median(k), collect_list(v) from u group by st",
    "select k, median(k), collect_list(v) from u group by st, k",
    # ANSI type coercion: a string beside a number is a bigint/double (legacy: a string)
    "case when a > 0 then 1 else 'x' end", "case when a > 0 then 1 when a < 0 then 'n' end",
    "coalesce(a, 'x')", "nvl(s, 1)", "if(a > 0, 1, 'x')", "array(1, s)",
    "select a from t union select s from t", "nullif(a, '1')", "coalesce(d, s)",
    "coalesce(ds, cast(ds as date))", "a in ('1', 'x')",
    # integer division is exact (it went through a double); decimals divide before truncating
    "b div 3", "b div -1", "typeof(b div 2)", "1.5 div 0.5", "d div 0.5",
    # casts of nested values check each element; structs print their values only
    "cast(array(s) as array<int>)", "cast(named_struct('a', s) as struct<b:int>)",
    "cast(map('k', s) as map<string, int>)", "cast(named_struct('a', a, 'b', s) as string)",
    "cast(date'2020-01-01' as int)",
    # fifth session: integer round past the type (ANSI: ARITHMETIC_OVERFLOW, legacy: wraps)
    "select round(127Y, -1)", "select 1 & 'a'", "select 1 & '3', typeof(1 & '3'), typeof(a ^ s) from t",
]

# statements whose answer does not depend on spark.sql.ansi.enabled: run under ANSI only
ANSI_ONLY = [
    "select rand(NULL) is not null", "select randn(NULL) is not null", "select base64(1)",
    "select base64(cast('a' as binary)), base64('a'), base64(NULL)",
    "greatest(1, 'a')", "least('a', 'b', 1)", "greatest(date'2020-01-01', '2020-01-02')",
    "select * from values (1), ('2') as v(x)",
    "select * from values (named_struct('a', 1)), (named_struct('a', null)), (null) as v(s)",
    "select coalesce(true, 1)", "select coalesce(s, arr) from t",
    # HAVING sees grouping columns and aggregates only
    "select sum(a) from t having a > 1", "select g, sum(a) from t group by g having b > 1",
    "select a + 1, count(*) from t group by a + 1 having a + 1 > 1",
    "select g from t group by g having count(*) > 1 and max(a) > 0",
    # aggregate / window misuse
    "select a, sum(b) from t", "select a from t where sum(a) > 1",
    "select a from t group by sum(a)", "select row_number() from t",
    "select sum(a) over (order by a rows between 1 following and 1 preceding) from t",
    # subqueries over a view of the outer table
    "select a from t where exists (select 1 from e)",
    "select a from t where not exists (select 1 from e)",
    "select * from t where a in (select a from e)",
    "select a from t where a not in (select a from t where a is null)",
    # LIMIT takes an int constant
    "select a from t limit 2147483648", "select a from t limit 1 + 1",
    "select a from t limit 'x'", "select a from t limit a",
    # arrays and structs compare element by element; maps do not compare
    "arr = array(1, 2, 3)", "arr < array(1, 3)", "named_struct('x', a) = named_struct('x', 1)",
    "map(1, a) = map(1, a)",
    # arity and argument types Spark checks
    "select substring('abc', 1, 2, 3)", "select position('a', 'abc', 1, 2)",
    "select map('a', 1, 'b')", "select named_struct('a')", "select named_struct(1, 2)",
    "array_contains(arr, '1')", "array_contains(arr, null)", "select date '2020-02-30'",
    # runtime errors of functions (bad regex, map keys, datetime fields)
    "select regexp_extract('abc', '(', 1)", "select regexp_extract('abc', '(a)', 2)",
    "select rlike('a', '[')", "select map(1, 'a', 1, 'b')",
    "select make_timestamp(2020, 1, 1, 25, 0, 0)", "unix_timestamp(s)",
    "select next_day(date'2020-03-04', 'xx')",
    # generators, maps, nested min/max, window frames and names
    "select explode(array(1, 2)), explode(array(3, 4))", "select explode(map(1, 2))",
    "select size(map(1, 2))", "select min(arr), max(arr) from t",
    "select lag(a, 1, 'x') over (order by a) from t",
    "select sum(a) over (order by s range between 1 preceding and current row) from t",
    "select typeof(127Y + 1Y)",
    # fourth session: format_string is java.util.Formatter over Spark's internal values
    "select format_string('%d', 'x')", "select format_string('%s %s', 'a')",
    "select printf('%q', 1)", "select format_string('%d', 1.5)",
    "select format_string('%5.2f|%s|%d', 3.14159, 'x', 7)",
    "select format_string('%5.2f|%s|%d|%x|%,d|%05d|%-3s|', 3.14159D, 'x', 7, -1, 1234567, 42, 'a')",
    "select format_string('%2$s %1$s %<s %b %S %%', 'a', 'b', null, 'c')",
    "select format_string('%d %s', a, s), format_string('%s', date'2020-01-01') from t",
    "select format_string('%d', s) from e", "select format_string('%.2d', 1)",
    # typed literals: suffixes, their range, names; replace with an empty search (hung)
    "select typeof(cast(1 as bigint)), typeof(1L), typeof(1.5D), typeof(1.5F), typeof(1.5BD), "
    "typeof(-128Y), typeof(5S), typeof(x'00'), typeof(timestamp_ntz'2020-01-01 00:00:00')",
    "select 300Y", "select -2.5D, 1e2D, 2.5e0BD", "select replace('abc', '', 'x'), replace(s, '') "
    "from t",
    # datetime patterns Spark refuses (pattern checks, SparkUpgradeException for Spark 2's
    # letters); from_unixtime past year 9999 and before year 1
    "select to_date('2020-01-01', 'qqqqq')", "select date_format(date'2020-01-01', 'qqqqq')",
    "select date_format(date'2020-01-01', 'A')", "select to_timestamp('2020', 'bbb')",
    "select date_format(date'2020-01-01', 'YYYY')", "select to_date('2020', 'yyyyyyy')",
    "select unix_timestamp('2020-01-01', 'yyyy-MM-dd EEE')",
    "select date_format(timestamp'2020-01-01 10:00:00', 'hh a E')",
    "select from_unixtime(253402300800), from_unixtime(1e12), from_unixtime(-62135596801)",
    # fifth session: wrong answers (SQL's ltrim(trimStr, str), max_by/min_by with NaN,
    # date - date is an INTERVAL DAY, count(*, a), windows over aggregates, collect_list
    # windows, DISTINCT over arrays, lateral column aliases)
    "select ltrim('xxa', 'x'), rtrim('axx', 'x'), trim('xxa', 'x'), ltrim('x', 'xxa'), "
    "btrim('xxaxx', 'x')",
    "select ltrim(g, s), trim(both 'x' from g), trim(leading from s), rtrim(s) from t",
    "select g, max_by(a, d), min_by(a, d) from t group by g",
    "select max_by(x, y), min_by(x, y) from values (1, 1.0D), (2, cast('NaN' as double)), "
    "(3, 5.0D) as v(x, y)",
    "select date'2020-03-01' - date'2020-02-01', typeof(date'2020-03-01' - date'2020-02-01')",
    "select timestamp'2020-01-02 00:00:00' - timestamp'2020-01-01 10:00:00.5', "
    "date'2020-01-01' - date'2020-03-01'",
    "select cast(ds as date) - date'2020-01-01' from t where ds like '2020-01%'",
    "select count(*, a), count(distinct *) from t", "select sum(sum(a)) over () from t",
    "select g, sum(sum(a)) over (), sum(a) from t group by g",
    "select a, collect_list(a) over (partition by g) from t",
    "select a, array_sort(collect_set(g) over ()) from t",
    "select a, collect_list(a) over (order by a) from t", "select distinct arr from t",
    "select count(distinct arr), count(distinct g, arr) from t",
    "select a + 1 as x, x * 2 from t", "select a as x, x + 1 as y, y + 1 from t",
    # unclear errors made Spark's (or Spark's answer)
    "select nullif(null, null), nullif(a, null) from t", "select cast(x'00ff' as string)",
    "select round(12Y, -1), round(125, -1), bround(-125, -1)",
    "select timestamp_seconds(1e20)", "select timestamp_millis(9223372036854775807)",
    "select timestamp_seconds(9223372036854775807)", "select bit_get(1, 64)",
    "select bit_get(a, -1) from t", "select bit_get(1, 31), bit_get(1L, 63)",
    "select date_add(date'2020-01-01', 2147483647)", "select sequence(1, 5, 0)",
    "select sequence(5, 1, 1)", "select encode('a', 'nope')",
    "select from_utc_timestamp(timestamp'2020-01-01 00:00:00', 'Nowhere/City')",
    "select extract(nosuch from date'2020-01-01')",
    # day-time interval literals; ceil/floor with a scale; array set functions' element types
    "select interval 1 day + interval 2 hours",
    "select typeof(interval 3 days), interval 3 days, interval '2' hour, interval 90 minutes",
    "select interval 1 day - interval 30 seconds, -interval 1 day",
    "select ceil(1.234, 2), floor(12345, -2), ceil(1.5), floor(-1.5D), ceil(-1.234D, 1)",
    "select typeof(ceil(1.234, 2)), typeof(floor(12345, -2)), typeof(ceil(1.5D, 1)), "
    "typeof(floor(a, 1)) from t", "select ceil(d, 1), floor(b, -3) from t",
    "select array_union(array(1), array('a'))", "select array_union(array(1), array(2.5))",
    "select arrays_overlap(array(1), array(1L)), array_except(array(1), array(1.5D))",
    "select uuid() is not null, length(uuid())", "select approx_count_distinct(a, 0.5) from t",
    "select to_timestamp('2020-01-01 12:34:56.123456789')",
    "select max_by(a, arr), min_by(g, s) from t",
    "select interval 1 day * 2, interval 3 hours / 2, typeof(interval 1 day * 2), "
    "typeof(interval 3 hours / 2)", "select interval 1 day / 0",
    # session 10: Java regex semantics
    r"select regexp_extract('日本123', '^(\\w+)', 1), regexp_extract('ab12', '(\\d+)', 1)",
    r"select regexp_replace('aaa', 'a*', 'X'), regexp_replace('abc', 'x*', '-')",
    r"select regexp_replace('John Smith', '(?<f>\\w+) (?<l>\\w+)', '${l}, ${f}')",
    r"select regexp_replace('a.b', '\\.', '\\$'), regexp_replace('a1b22', '(\\d+)', '<$1>')",
    r"select 'Hello!' rlike '\\p{Punct}', 'abc' rlike '\\p{Alpha}', 'ÀÉ' rlike '^\\p{L}+$'",
    r"select regexp_replace('aaab', 'a++b', 'X'), regexp_replace('ÄBc', '(?i)äb', 'x')",
    r"select regexp_replace('abc', '(b)', '$2')", r"select split('a1b2c', '\\d')",
    r"select regexp_replace(s, '[0-9 ]', '#'), s rlike '^\\s*\\d+\\s*$' from t",
    r"select regexp_count('a1b22c333', '\\d+'), regexp_substr('x12y', '\\d+')",
    # session 10: arguments given as columns where functions usually take constants
    "select lpad(s, a, 'x'), rpad(g, a, '*'), instr(s, g), locate(g, s, a) from t",
    "select replace(s, g, 'z'), substring_index(ds, '-', a), left(s, a), right(s, a) from t",
    "select regexp_replace(s, g, 'Q'), s like g, s rlike g, translate(s, g, 'Z') from t",
    "select locate('a', 'banana', cast(null as int)), substring_index('a.b', null, 1)",
    # session 10: strict datetime patterns, two-digit years, quoted literals
    "select to_date('05-03-99', 'dd-MM-yy'), to_date('5-3-24', 'd-M-yy')",
    "select to_date('2024-1-5', 'yyyy-MM-dd')", "select to_date('2024-1-5', 'yyyy-M-d')",
    "select to_timestamp('20240105', 'yyyyMMdd'), "
    "to_timestamp('2024-01-05 3:04:05 PM', 'yyyy-MM-dd h:mm:ss a')",
    "select date_format(timestamp'2024-01-01 10:00:00', 'h ''o''''clock'' a')",
    "select to_date(ds, 'yyyy-MM-dd'), to_timestamp(b) from t",
    # session 10: float text, ANSI int + float, intervals as text, string + interval
    "select cast(cast(0.1 as float) as string), cast(cast(1e-5 as float) as string), "
    "cast(cast(3.25 as float) as string)", "select typeof(cast(1 as float) + 1), "
    "cast(1.5 as float) + a from t",
    "select cast(timestamp'2024-01-02 01:00:30' - timestamp'2024-01-01 00:00:00' as string)",
    "select '2024-01-01' + interval 1 day, typeof('2024-01-01' + interval 1 day)",
    "select cast(interval '1 02:03:04.5' day to second as string), "
    "interval '-02:30' hour to minute, interval '1.5' second",
    "select format_string('%.2f', cast(null as double)), format_string('%5s|', null)",
    "select array_join(arr, '|'), reverse(arr), array_join(array(1.5D, 2D), ',') from t",
    # session 10: SQL forms PySpark accepts
    "select 'abc' like any ('x%', 'a%'), 'abc' like all ('a%', '%c'), "
    "'abc' not like any ('a%', 'b%'), 'abc' not like all ('x%', 'y%')",
    "select g, percentile_cont(0.5) within group (order by a) m, percentile_disc(0.5) within "
    "group (order by a) d from t group by g",
    "select a, lead(a) ignore nulls over (order by b) n, lag(a) ignore nulls over (order by b) "
    "l from t", r"select r'raw\n', length(r'a\tb')",
    "select to_char(1234.5, '9,999.00'), to_char(454, '999'), to_char(78.12, '$99.99'), "
    "to_char(-12454.8, '99,999.9S'), to_char(5, '0000'), to_char(12345, '999')",
    "select format_number(1234.5, '#,###.000'), format_number(-0.5, 0), format_number(2.5, 0)",
    "select make_dt_interval(1, 2, 3, 4.5), datediff(day, '2024-01-31', '2024-03-01')",
    "select to_timestamp('2024-01-31 23:59:58') + make_interval(0, 0, 0, 0, 2, 0, 0)",
    "select explode(map('a', 1, 'b', 2)) as (k, v)", "select stack(2, 'a', 1, 'b', 2) as (n, v)",
    "select case when null then 1 else 2 end", "select round(d, a) from t",
    "select cast(127 as tinyint) + cast(1 as tinyint)",
]

# views the statements read besides t (e: t with no rows, u: struct keys)
VIEWS = [
    "create or replace temp view e as select * from t where 1 = 0",
    "create or replace temp view u as select * from values (1, 'a', named_struct('x', 1, "
    "'y', 'p')), (2, 'b', named_struct('x', 2, 'y', 'q')), (2, 'c', null) as u(k, v, st)",
]
