"""The word-count fast paths (whole-block split, Counter combiner) change speed, not answers."""

from __future__ import annotations

from collections import Counter

from dfengine.rdd.fastpaths import is_add, is_pair_with_one, is_split_words
from tests.rdd.conftest import _register_by_value

_register_by_value(__name__)


def test_recognition_is_exact():
    assert is_pair_with_one(lambda word: (word, 1))
    assert not is_pair_with_one(lambda word: (word, 2))
    assert not is_pair_with_one(lambda word: (1, word))
    assert is_add(lambda a, b: a + b)
    assert not is_add(lambda a, b: b + a)
    assert not is_add(lambda a, b: a * b)
    assert is_split_words(lambda line: line.split())
    assert not is_split_words(lambda line: line.split(","))
    one = 1
    assert not is_pair_with_one(lambda w: (w, one))  # closures are never recognised


def test_fast_and_general_word_count_agree(sc, tmp_path):
    text = "a b\r\nc\u2028d  e\n\n\tf\tg a \nb\x1cc\n" * 50
    path = tmp_path / "words.txt"
    path.write_text(text, newline="")
    lines = sc.textFile(str(path), 4)
    fast = lines.flatMap(lambda line: line.split()).map(lambda w: (w, 1))
    fast = fast.reduceByKey(lambda a, b: a + b)
    general = lines.flatMap(lambda line: [w for w in line.split()]).map(lambda w: (w, 3 - 2))
    general = general.reduceByKey(lambda a, b: b + a)
    steps = [k for k, _ in fast._source._prev._pipeline._steps]
    assert steps == ["splitWords", "count"]
    expected = Counter(w for ln in text.replace("\r\n", "\n").split("\n") for w in ln.split())
    assert sorted(fast.collect()) == sorted(general.collect()) == sorted(expected.items())


def test_non_string_records_take_the_general_path(sc):
    rdd = sc.parallelize([b"x y", b"y"], 1).flatMap(lambda line: line.split())
    assert rdd.map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b).collectAsMap() == {
        b"x": 1, b"y": 2}
