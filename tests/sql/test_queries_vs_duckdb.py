"""SQL queries on small tables with NULLs: dfengine's answer must equal DuckDB's (as multisets
unless the query orders its rows totally)."""

from __future__ import annotations

import pytest

UNORDERED = [
    # projection, filters, expressions
    "select id, x + 1, y * 2, -x from t",
    "select id from t where x > 3 and y < 12",
    "select id from t where x between 2 and 8",
    "select id from t where x not between 2 and 8",
    "select id from t where s like 'a%'",
    "select id from t where s not like '%pie%'",
    "select id from t where grp in ('a', 'c')",
    "select id from t where grp not in ('a', 'c')",
    "select id from t where x is null or grp is not null and y > 10",
    "select id, case when x > 10 then 'big' when x > 0 then 'small' else 'neg' end from t",
    "select id, case grp when 'a' then 1 when 'b' then 2 end from t",
    "select id, cast(x as double) / 4, cast(x as string) from t",
    "select id, coalesce(x, -1), nullif(x, 3) from t",
    "select id, upper(s), lower(s), length(s), substring(s, 2, 3), trim(' ' || s || ' ') from t",
    "select id, year(d), month(d), extract(year from d), extract(day from d) from t",
    "select id, d + interval 10 days, d - interval '1' month from t",
    "select id from t where d >= date '2020-06-01' and d < date '2021-01-01'",
    "select id, abs(x), round(y, 1), floor(y), ceil(y), sqrt(abs(y)) from t",
    "select id, x % 3, x * x from t where x is not null",
    "select id, m * 2, m + 1.5 from t",
    "select distinct grp from t",
    "select distinct grp, x > 5 from t",
    # aggregation
    "select count(*), count(x), sum(x), avg(y), min(d), max(s) from t",
    "select grp, count(*), sum(x), avg(y), min(y), max(x) from t group by grp",
    "select grp, sum(m), avg(m) from t group by grp",
    "select grp, x > 5 as big, count(*) from t group by 1, 2",
    "select grp as g, count(*) from t group by g",
    "select x % 3, count(*) from t where x is not null group by x % 3",
    "select grp, count(distinct x) from t group by grp",
    "select grp, sum(x) from t group by grp having sum(x) > 20",
    "select grp, count(*) c from t group by grp having count(*) > 10 and max(y) > 5",
    "select grp from t group by grp having avg(x) > 5",
    # joins
    "select t.id, u.uid from t, u where t.id = u.tid",
    "select t.id, u.uid from t join u on t.id = u.tid and u.z > 3",
    "select t.id, u.uid from t left join u on t.id = u.tid",
    "select t.id, u.uid from t right join u on t.id = u.tid",
    "select t.id, u.uid from t full outer join u on t.id = u.tid",
    "select t.id, u.uid from t join u on t.grp = u.grp and t.x < u.z",
    "select v.k, v.name, w.name from v join w using (k)",
    "select k, v.name from v left join w using (k)",
    "select a.id, b.id from t a, t b where a.id = b.x and a.grp = b.grp",
    "select t.id, u.uid, v.name from t, u, v where t.id = u.tid and u.z = v.k",
    "select t.grp, count(*) from t, u where t.grp = u.grp group by t.grp",
    "select count(*) from v cross join w",
    # subqueries
    "select id from t where x in (select z from u)",
    "select id from t where x not in (select z from u where z is not null)",
    "select k from v where k not in (select k from w)",
    "select k from v where k not in (select k from nonull)",
    "select k from nonull where k not in (select k from v)",
    "select k from nonull where k not in (select k from v where k > 100)",
    "select id from t where exists (select 1 from u where u.tid = t.id)",
    "select id from t where not exists (select 1 from u where u.tid = t.id and u.z > 5)",
    "select id from t where x > (select avg(z) from u)",
    "select id from t where x > (select avg(z) from u where u.grp = t.grp)",
    "select id, (select count(*) from u where u.tid = t.id) from t",
    "select id, (select max(z) from u where u.grp = t.grp) from t",
    "select id from t where exists (select 1 from u where u.tid = t.id) or x > 15",
    "select id from t where id in (select tid from u where u.grp = t.grp)",
    "select grp, total from (select grp, sum(x) total from t group by grp) s where total > 10",
    "select q.g, q.n from (select grp g, count(*) n from t group by grp) as q",
    # CTEs
    "with a as (select grp, sum(x) sx from t group by grp) select * from a where sx > 0",
    ("with a as (select id, x from t), b as (select * from a where x > 2) "
    "select a.id, b.x from a join b on a.id = b.id"),
    ("with a as (select grp, count(*) n from t group by grp) "
    "select x.grp, y.n from a x join a y on x.grp = y.grp"),
    # set operations
    "select grp from t union select grp from u",
    "select grp from t union all select grp from u",
    "select grp from t intersect select grp from u",
    "select k, name from v intersect select k, name from w",
    "select k, name from v except select k, name from w",
    "select k from v intersect all select k from w",
    "select k from v except all select k from w",
    "select z from u except select x from t",
    # windows
    "select id, row_number() over (partition by grp order by id) from t",
    "select id, rank() over (partition by grp order by x nulls first) from t",
    "select id, dense_rank() over (order by x nulls last) from t",
    "select id, sum(x) over (partition by grp) from t",
    "select id, sum(x) over (partition by grp order by id) from t",
    "select id, avg(y) over (partition by grp order by id rows between 2 preceding and current row) from t",
    "select id, count(x) over (order by id rows between 1 preceding and 1 following) from t",
    ("select id, min(y) over (partition by grp order by id rows between 1 preceding and 2 following), "
    "max(y) over (partition by grp order by id) from t"),
    "select id, lag(x) over (partition by grp order by id), lead(x, 2) over (partition by grp order by id) from t",
    "select id, lag(x, 1, 0) over (order by id) from t",
    "select id, sum(x) over (order by x nulls first range between unbounded preceding and current row) from t",
    "select id, sum(x) over (partition by grp order by x nulls first range between 2 preceding and 2 following) from t",
    "select grp, sum(x), rank() over (order by sum(x) nulls first) from t group by grp",
    "select * from (select id, grp, row_number() over (partition by grp order by y desc nulls last, id) rn from t) where rn <= 2",
    # values
    "select * from (values (1, 'a'), (2, 'b')) as q(n, c) where n > 1",
]

ORDERED = [
    "select id, x from t order by x desc nulls last, id",
    "select id, x from t order by 2 nulls first, 1 desc",
    "select id, y as yy from t order by yy nulls last, id limit 7",
    "select grp, count(*) c from t group by grp order by c desc, grp nulls first",
    "select grp, sum(x) from t group by grp order by sum(x) nulls first, grp nulls first",
    "select id from t order by id limit 5 offset 3",
    "select id, s from t where s is not null order by s, id desc",
    "select grp from t group by grp order by max(y) nulls first, grp nulls first",
    "select id from t order by x nulls first, id limit 4",
]


@pytest.mark.parametrize("sql", UNORDERED)
def test_unordered(check, sql):
    check(sql)


@pytest.mark.parametrize("sql", ORDERED)
def test_ordered(check, sql):
    check(sql, ordered=True)


def test_union_order_limit(check):
    check("select x from t union select z from u order by 1 nulls first limit 5", ordered=True)


def test_null_semantics_not_in_with_nulls(sql_env):
    spark, _ = sql_env
    # v.k has a NULL: NOT IN over it is never true.
    assert spark.sql("select k from nonull where k not in (select k from v)").count() == 0
    # a NULL on the left is unknown when the subquery is not empty, true when it is empty
    assert spark.sql("select k from v where k not in (select k from nonull)").count() == 3
    assert spark.sql("select name from v where k not in (select k from nonull where k > 9)"
                     ).count() == 5


def test_cast_double_to_int_truncates(check):
    # Spark truncates toward zero where DuckDB rounds.
    check("select id, cast(y as int) from t", duck_sql="select id, cast(trunc(y) as int) from t")


def test_concat_is_null_if_any_argument_is(check):
    check("select id, concat(grp, '-', s) from t", duck_sql="select id, grp || '-' || s from t")


@pytest.mark.parametrize("kind", ["semi", "anti"])
def test_left_semi_anti_join(check, kind):
    check(f"select t.id from t left {kind} join u on t.id = u.tid",
          duck_sql=f"select t.id from t {kind} join u on t.id = u.tid")
