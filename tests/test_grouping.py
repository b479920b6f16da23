"""The Numba group-by (integer keys) against Arrow's own group_by as the oracle: same groups,
same sums, counts, minima and maxima, NULL values skipped, all-NULL groups NULL."""

from __future__ import annotations

import itertools

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from dfengine.execution.operators.aggregate import _group_integer_keys

_key = st.integers(-3, 6)
_val = st.one_of(st.none(), st.integers(-10**6, 10**6))


def _rows(table: pa.Table) -> list[tuple]:
    return sorted(zip(*[table.column(i).to_pylist() for i in range(table.num_columns)]),
                  key=repr)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_key, _key, _val, st.one_of(st.none(), st.floats(-1e6, 1e6))),
                min_size=1, max_size=60), st.booleans())
def test_integer_key_group_by_matches_arrow(rows, two_keys):
    k1, k2, v, f = zip(*rows)
    table = pa.table({"k1": pa.array(k1, pa.int32()), "k2": pa.array(k2, pa.int64()),
                      "v": pa.array(v, pa.int64()), "w": pa.array(v, pa.int32()),
                      "f": pa.array(f, pa.float64())})
    keys = ["k1", "k2"] if two_keys else ["k1"]
    aggs = [("v", "sum"), ("v", "count"), ([], "count_all"), ("w", "min"), ("w", "max"),
            ("f", "sum"), ("f", "count")]
    got = _group_integer_keys(table, keys, aggs)
    assert got is not None
    want = table.group_by(keys, use_threads=False).aggregate(aggs)
    want = want.select(keys + [n for n in want.column_names if n not in keys])
    assert [c.type for c in got.columns] == [c.type for c in want.columns]
    got_rows, want_rows = _rows(got), _rows(want)
    assert len(got_rows) == len(want_rows)
    for g, w in zip(got_rows, want_rows):
        assert g[:-2] == w[:-2] and g[-1] == w[-1]
        assert (g[-2] is None) == (w[-2] is None)
        if g[-2] is not None:
            assert abs(g[-2] - w[-2]) <= 1e-6 * max(1.0, abs(w[-2]))


_skey = st.one_of(st.none(), st.sampled_from(["", "a", "b", "ab", "ba", "é"]))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_skey, st.one_of(st.none(), _key), _val), min_size=1, max_size=60))
def test_string_and_null_keys_group_by_hash_like_arrow(rows):
    s, k, v = zip(*rows)
    table = pa.table({"s": pa.array(s, pa.string()), "k": pa.array(k, pa.int64()),
                      "v": pa.array(v, pa.int64())})
    aggs = [("v", "sum"), ([], "count_all")]
    for keys in (["s"], ["k"], ["s", "k"]):
        got = _group_integer_keys(table, keys, aggs)
        assert got is not None
        want = table.group_by(keys, use_threads=False).aggregate(aggs)
        want = want.select(keys + [n for n in want.column_names if n not in keys])
        assert _rows(got) == _rows(want)


def test_hash_collisions_fall_back_to_arrow(monkeypatch):
    from dfengine.execution.operators import aggregate

    t = pa.table({"s": ["a", "b", "a"], "v": [1, 2, 3]})
    monkeypatch.setattr("dfengine.kernels.hashing.hash_columns",
                        lambda cols: __import__("numpy").zeros(len(cols[0]), "uint64"))
    assert aggregate._group_integer_keys(t, ["s"], [("v", "sum")]) is None
    assert _rows(aggregate._group(t, ["s"], [("v", "sum")])) == [("a", 4), ("b", 2)]


def test_other_keys_and_functions_are_left_to_arrow():
    t = pa.table({"l": pa.array([[1], [2]]), "v": [1.5, 2.5]})
    assert _group_integer_keys(t, ["l"], [("v", "sum")]) is None  # nested keys
    t2 = pa.table({"k": [1, 2], "v": [1.5, 2.5]})
    assert _group_integer_keys(t2, ["k"], [("v", "min")]) is None  # NaN rules: Arrow's
    assert _group_integer_keys(t2, ["k"], [("v", "mean")]) is None


def test_decimal_sums_are_exact():
    import decimal

    D = decimal.Decimal
    t = pa.table({"k": pa.array([1, 2, 1, 2, 3], pa.int64()),
                  "d": pa.array([D("1.10"), None, D("2.25"), D("-0.05"), None],
                                pa.decimal128(38, 2))})
    got = _group_integer_keys(t, ["k"], [("d", "sum")])
    assert _rows(got) == [(1, D("3.35")), (2, D("-0.05")), (3, None)]
    assert got.column(1).type == pa.decimal128(38, 2)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_skey, _skey, st.one_of(st.none(), _key), _val), min_size=1,
                max_size=60), st.integers(1, 3))
def test_dictionary_keys_group_like_their_strings(rows, chunks):
    """A scan leaves grouping keys dictionary-encoded (one dictionary per chunk, as pieces
    read them); grouping by the codes must give the decoded strings' groups."""
    s, s2, k, v = zip(*rows)
    cut = [len(rows) * i // chunks for i in range(chunks + 1)]

    def encoded(values):
        return pa.chunked_array([pa.array(values[a:b], pa.string()).dictionary_encode()
                                 for a, b in itertools.pairwise(cut)])

    table = pa.table({"s": encoded(s), "s2": encoded(s2), "k": pa.array(k, pa.int64()),
                      "v": pa.array(v, pa.int64())})
    plain = pa.table({"s": pa.array(s, pa.string()), "s2": pa.array(s2, pa.string()),
                      "k": pa.array(k, pa.int64()), "v": pa.array(v, pa.int64())})
    aggs = [("v", "sum"), ("v", "count"), ([], "count_all")]
    for keys in (["s"], ["s", "s2"], ["s", "k"]):
        got = _group_integer_keys(table, keys, aggs)
        assert got is not None
        assert got.schema.field("s").type == pa.string()  # decoded, one value per group
        want = plain.group_by(keys, use_threads=False).aggregate(aggs)
        want = want.select(keys + [n for n in want.column_names if n not in keys])
        assert _rows(got) == _rows(want)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=80),
       st.sampled_from([1, 3, 10**6, 10**15, 2**57]))
def test_group_ids_number_groups_by_first_appearance(keys, spread):
    """Narrow key ranges take the direct-address path, wide ones (spread out) the hash table;
    both must match a dict: same key -> same id, ids in order of first appearance."""
    import numpy as np

    from dfengine.kernels.grouping import group_ids

    words = np.array([k * spread for k in keys], dtype=np.int64)
    gid, first = group_ids(words)
    seen: dict[int, int] = {}
    want = [seen.setdefault(int(w), len(seen)) for w in words]
    assert gid.tolist() == want
    assert first.tolist() == [want.index(g) for g in range(len(seen))]


def test_group_ids_with_extreme_keys():
    """A span wider than int64 (min and max int64 keys) must not pick the dense path."""
    import numpy as np

    from dfengine.kernels.grouping import group_ids

    lo, hi = np.iinfo(np.int64).min, np.iinfo(np.int64).max
    gid, first = group_ids(np.array([hi, lo, 0, hi, lo], dtype=np.int64))
    assert gid.tolist() == [0, 1, 2, 0, 1] and first.tolist() == [0, 1, 2]


def test_variance_states_merge_without_cancellation():
    """stddev over partitions of values near 1e9 that differ by about 0.01: merging states
    by sums of squares cancelled every digit; deviations from the group mean keep them."""
    import numpy as np

    from dfengine import types as T
    from dfengine.execution.operators.aggregate import AggSpec, finalize, merge, partial

    rng = np.random.default_rng(0)
    x = 1e9 + rng.normal(0, 0.01, 8000)
    g = rng.integers(0, 3, 8000)
    t = pa.table({"g": g, "x": x})
    specs = [AggSpec("stddev", ("x",), "o", T.DoubleType(), T.DoubleType()),
             AggSpec("var_pop", ("x",), "p", T.DoubleType(), T.DoubleType())]
    for keys in (["g"], []):
        parts = [partial(t.slice(i, 2000), keys, specs) for i in range(0, 8000, 2000)]
        states = merge([merge(parts[:2], keys, specs), merge(parts[2:], keys, specs)], keys,
                       specs)
        got = finalize(states, keys, specs).to_pydict()
        for i, k in enumerate(got["g"] if keys else [None]):
            sel = x[g == k] if keys else x
            assert abs(got["o"][i] - sel.std(ddof=1)) <= 1e-4 * sel.std(ddof=1)
            assert abs(got["p"][i] - sel.var()) <= 1e-4 * sel.var()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_key, _val), min_size=1, max_size=60), st.booleans())
def test_id_and_what_it_determines_group_like_arrow(rows, dependent):
    """GROUP BY id, name: grouped on the id alone when the name follows from it (each id one
    name), and still exact when it does not (one id, several names)."""
    ids, v = zip(*rows)
    names = [f"n{k}" if dependent else f"n{k}-{i % 2}" for i, k in enumerate(ids)]
    table = pa.table({"id": pa.array(ids, pa.int64()), "name": pa.array(names),
                      "v": pa.array(v, pa.int64())})
    aggs = [("v", "sum"), ([], "count_all")]
    got = _group_integer_keys(table, ["id", "name"], aggs)
    assert got is not None
    want = table.group_by(["id", "name"], use_threads=False).aggregate(aggs)
    want = want.select(["id", "name"] + [n for n in want.column_names if n not in ("id", "name")])
    assert _rows(got) == _rows(want)


_word = st.one_of(st.none(), st.sampled_from(["a", "bb", "", "ccc"]))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_word, _key, _val, st.one_of(st.none(), st.integers(0, 4))),
                min_size=1, max_size=60))
def test_distinct_counts_match_arrow(rows):
    """count(DISTINCT x) of integer columns per group, string/NULL keys included, against
    Arrow's count_distinct (NULL values not counted)."""
    from dfengine.execution.operators.aggregate import AggSpec, _distinct_counts
    from dfengine.types import LongType

    s, k, v, d = zip(*rows)
    table = pa.table({"s": pa.array(s, pa.string()), "k": pa.array(k, pa.int32()),
                      "v": pa.array(v, pa.int64()), "d": pa.array(d, pa.int8())})
    specs = [AggSpec("count", ("v",), "cv", LongType(), distinct=True),
             AggSpec("count", ("d",), "cd", LongType(), distinct=True)]
    got = _distinct_counts(table, ["s", "k"], specs)
    assert got is not None
    want = table.group_by(["s", "k"], use_threads=False).aggregate(
        [("v", "count_distinct", pc.CountOptions("only_valid")),
         ("d", "count_distinct", pc.CountOptions("only_valid"))])
    assert _rows(got) == _rows(want.select(["s", "k", "v_count_distinct",
                                            "d_count_distinct"]))
