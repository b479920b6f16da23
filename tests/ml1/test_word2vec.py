"""Word2Vec against PySpark on a corpus with two clear word groups: same vocabulary, transform
= average of getVectors (exact), synonyms and a similarity check that both engines pass."""

from __future__ import annotations

import numpy as np
import pytest

ANIMALS = ["cat", "dog", "mouse", "horse", "cow", "sheep"]
FRUITS = ["apple", "banana", "cherry", "grape", "lemon", "peach"]


@pytest.fixture(scope="module")
def sentences():
    rng = np.random.default_rng(5)
    out = []
    for i in range(160):
        group = ANIMALS if i % 2 else FRUITS
        out.append([str(w) for w in rng.choice(group, size=8)])
    out[0] = out[0] + ["rare"]                 # below minCount=2
    out.append([])                             # an empty sentence
    return out


def _separation(vectors: dict) -> float:
    """Mean within-group cosine minus mean between-group cosine."""
    def cos(a, b):
        va, vb = np.asarray(vectors[a]), np.asarray(vectors[b])
        return float(va @ vb / np.linalg.norm(va) / np.linalg.norm(vb))
    within = [cos(a, b) for g in (ANIMALS, FRUITS) for a in g for b in g if a < b]
    between = [cos(a, b) for a in ANIMALS for b in FRUITS]
    return float(np.mean(within) - np.mean(between))


def test_word2vec_vs_pyspark(spark, pyspark_session, sentences, tmp_path):
    from pyspark.ml.feature import Word2Vec as PW2V

    from dfengine.ml.feature import Word2Vec, Word2VecModel

    rows = [(s,) for s in sentences]
    kw = {"vectorSize": 8, "minCount": 2, "maxIter": 5, "windowSize": 3, "seed": 11,
          "inputCol": "text", "outputCol": "vec"}
    df = spark.createDataFrame(rows, ["text"]).repartition(2)
    ours = Word2Vec(**kw).fit(df)
    theirs = PW2V(**kw).fit(pyspark_session.createDataFrame(rows, ["text"]))
    got = {r.word: r.vector.toArray() for r in ours.getVectors().collect()}
    want = {r.word: r.vector.toArray() for r in theirs.getVectors().collect()}
    assert set(got) == set(want) == set(ANIMALS + FRUITS)
    assert all(v.shape == (8,) for v in got.values())
    # both engines learn the two groups
    assert _separation(got) > 0.5 and _separation(want) > 0.5, (_separation(got),
                                                                _separation(want))
    for model in (ours, theirs):
        syn = model.findSynonymsArray("cat", 3)
        assert len(syn) == 3 and all(w in ANIMALS and w != "cat" for w, _ in syn), syn
    names = [r.word for r in ours.findSynonyms("apple", 2).collect()]
    assert all(w in FRUITS for w in names)
    # transform: sum of the known words' vectors / sentence length; empty -> zeros
    out = ours.transform(df).collect()
    for r in out:
        known = [got[w] for w in r.text if w in got]
        expect = np.sum(known, axis=0) / len(r.text) if r.text else np.zeros(8)
        np.testing.assert_allclose(r.vec.toArray(), expect, rtol=1e-12, atol=1e-15)
    ours.save(str(tmp_path / "w2v"))
    back = Word2VecModel.load(str(tmp_path / "w2v"))
    assert back.findSynonymsArray("dog", 2) == ours.findSynonymsArray("dog", 2)
    with pytest.raises(Exception, match="vocabulary"):
        ours.findSynonymsArray("rare", 2)
    with pytest.raises(Exception, match="vocabulary size should be > 0"):
        Word2Vec(inputCol="text", minCount=1000).fit(df)
