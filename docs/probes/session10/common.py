"""Shared case registry and data helpers for probe10."""
import datetime as _dt
import decimal as _dec

CASES = []


def case(fn=None, *, ordered=False):
    def deco(f):
        f._ordered = ordered
        CASES.append(f)
        return f
    if fn is not None:
        return deco(fn)
    return deco


def W(F):
    mod = "pyspark.sql.window" if F.__name__.startswith("pyspark") else "dfengine.sql.window"
    return __import__(mod, fromlist=["Window"]).Window


def R(F):
    mod = "pyspark.sql" if F.__name__.startswith("pyspark") else "dfengine.sql"
    return __import__(mod, fromlist=["Row"]).Row


def cap(fn):
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    return buf.getvalue()


D = _dec.Decimal
date = _dt.date
dt = _dt.datetime

PEOPLE = [(1, "Alice", 34, "NY", 5000.0), (2, "Bob", None, "LA", 4000.5),
          (3, "Cathy", 29, None, None), (4, "dave", 45, "NY", 7000.0),
          (5, "Eve", 29, "SF", 3000.0), (6, "Frank", 52, "LA", 6100.25)]


def people(s):
    return s.createDataFrame(PEOPLE, ["id", "name", "age", "city", "salary"])


def emp(s):
    data = [("sales", "a", 100, 1), ("sales", "b", 200, 2), ("sales", "c", 200, 3),
            ("sales", "d", 50, 4), ("hr", "e", 300, 1), ("hr", "f", None, 2),
            ("hr", "g", 150, 3), ("it", "h", 400, 1)]
    return s.createDataFrame(data, "dept string, name string, sal int, seq int")


def sales(s):
    data = [("2024-01", "A", "x", 10), ("2024-01", "B", "x", 20), ("2024-01", "A", "y", 5),
            ("2024-02", "A", "x", 7), ("2024-02", "B", "y", 3), ("2024-02", "B", "y", 4),
            ("2024-03", "A", None, 1)]
    return s.createDataFrame(data, "month string, store string, product string, qty int")


def lk(s):
    """left side with null keys"""
    return s.createDataFrame([(1, "a"), (2, "b"), (None, "n1"), (3, "c"), (None, "n2"), (2, "b2")],
                             "k int, lv string")


def rk(s):
    return s.createDataFrame([(2, "x"), (3, "y"), (None, "m1"), (4, "z"), (3, "y2")], "k int, rv string")


def events(s, F):
    data = [(1, "u1", "2024-01-01", 10), (2, "u1", "2024-01-02", 20), (3, "u1", "2024-01-04", 5),
            (4, "u1", "2024-01-05", None), (5, "u2", "2024-01-01", 7), (6, "u2", "2024-01-03", 3),
            (7, "u2", "2024-01-03", 4), (8, "u2", "2024-01-10", 9)]
    return s.createDataFrame(data, "id int, u string, d string, v int").withColumn("d", F.to_date("d"))


def nums(s):
    data = [(1, 2.5, -2.5, D("2.50")), (2, 0.125, -0.125, D("0.13")), (3, 1.005, 2.675, D("1.01")),
            (4, None, float("nan"), None), (5, 1e300, -0.0, D("99.99"))]
    return s.createDataFrame(data, "id int, a double, b double, c decimal(5,2)")


def nulls(s):
    data = [(1, None, "x", 1.0, True), (2, 5, None, None, None), (3, None, None, float("nan"), False),
            (4, 7, "y", 2.0, None), (5, None, None, None, None)]
    return s.createDataFrame(data, "id int, i int, st string, d double, b boolean")


def arr2(s):
    data = [(1, [1, 2, 3, 4], ["a", "b"]), (2, [], []), (3, None, None), (4, [5, None, -1], ["x", None]),
            (5, [10], ["z", "z"])]
    return s.createDataFrame(data, "id int, xs array<int>, ss array<string>")


def maps(s):
    data = [(1, {"a": 1, "b": 2}), (2, {}), (3, None), (4, {"c": None, "d": 4})]
    return s.createDataFrame(data, "id int, m map<string,int>")


def js(s):
    data = [(1, '{"a": 1, "b": "x", "c": [1, 2, {"d": 3}], "e": {"f": true}}'),
            (2, '{"a": "not int", "b": null}'), (3, 'not json'), (4, None), (5, '{"a": 2.5, "z": 1}'),
            (6, '[{"a": 1}, {"a": 2}]'), (7, '{}')]
    return s.createDataFrame(data, "id int, j string")
