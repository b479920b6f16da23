"""LDA (online variational Bayes) against scikit-learn's online LatentDirichletAllocation with
matched hyperparameters: topic recovery on a corpus with separated topics, Spark's bound
(logLikelihood / logPerplexity) equal to scikit-learn's on the same topics, transform, save/load."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import psi

from dfengine.ml.linalg import Vectors


@pytest.fixture(scope="module")
def corpus(spark):
    rng = np.random.default_rng(0)
    K, V, D = 3, 30, 120
    beta = np.zeros((K, V))
    for t in range(K):
        beta[t, t * 10:(t + 1) * 10] = 0.1
    X = np.array([np.bincount(rng.choice(V, 40, p=rng.dirichlet([0.2] * K) @ beta),
                              minlength=V) for _ in range(D)], dtype=float)
    rows = [(i, Vectors.dense(x)) for i, x in enumerate(X)]
    rows.append((D, Vectors.sparse(V, [], [])))          # an empty document
    return X, spark.createDataFrame(rows, ["id", "features"]).repartition(2)


def _sklearn(X, **kw):
    from sklearn.decomposition import LatentDirichletAllocation

    return LatentDirichletAllocation(n_components=3, learning_method="online",
                                     learning_offset=1024.0, learning_decay=0.51,
                                     doc_topic_prior=1 / 3, topic_word_prior=1 / 3,
                                     batch_size=len(X), total_samples=len(X), **kw)


def test_lda_online_vs_sklearn(corpus, tmp_path):
    from dfengine.ml.clustering import LDA, LocalLDAModel

    X, df = corpus
    model = LDA(k=3, maxIter=20, seed=1, subsamplingRate=1.0,
                optimizeDocConcentration=False).fit(df)
    lam = model.topicsMatrix().toArray().T
    assert lam.shape == (3, 30) and model.vocabSize() == 30 and not model.isDistributed()
    beta = lam / lam.sum(axis=1, keepdims=True)
    blocks = np.array([[beta[t, b * 10:(b + 1) * 10].sum() for b in range(3)] for t in range(3)])
    assert sorted(blocks.argmax(axis=1)) == [0, 1, 2] and blocks.max(axis=1).min() > 0.8
    # Spark's bound equals scikit-learn's on the same topics (both run the same E-step)
    sk = _sklearn(X, max_iter=1, random_state=0).fit(X)
    sk.components_ = lam.copy()
    sk.exp_dirichlet_component_ = np.exp(psi(lam) - psi(lam.sum(axis=1))[:, None])
    lp = model.logPerplexity(df)
    assert abs(lp - np.log(sk.perplexity(X))) < 1e-4 * lp
    assert abs(model.logLikelihood(df) + lp * X.sum()) < 1e-6 * lp * X.sum()
    # quality comparable to scikit-learn's own fit with the same hyperparameters
    own = np.log(_sklearn(X, max_iter=20, random_state=0).fit(X).perplexity(X))
    assert lp < own * 1.02, (lp, own)
    out = model.transform(df).orderBy("id").collect()
    theta = np.array([r.topicDistribution.toArray() for r in out])
    assert np.allclose(theta[:-1].sum(axis=1), 1.0) and not theta[-1].any()
    want = sk.transform(X).argmax(axis=1)
    assert np.mean(theta[:-1].argmax(axis=1) == want) > 0.95
    top = model.describeTopics(3).collect()
    assert [r.topic for r in top] == [0, 1, 2]
    assert top[0].termIndices == list(np.argsort(-beta[0])[:3])
    np.testing.assert_allclose(top[0].termWeights, np.sort(beta[0])[::-1][:3], rtol=1e-12)
    model.save(str(tmp_path / "lda"))
    back = LocalLDAModel.load(str(tmp_path / "lda"))
    np.testing.assert_array_equal(back.topicsMatrix().toArray(), model.topicsMatrix().toArray())
    assert back.logPerplexity(df) == pytest.approx(lp, rel=1e-9)


def test_lda_defaults_and_errors(corpus):
    from dfengine.ml.clustering import LDA

    _, df = corpus
    lda = LDA()
    assert (lda.getK(), lda.getMaxIter(), lda.getOptimizer(), lda.getSubsamplingRate(),
            lda.getLearningOffset(), lda.getLearningDecay()) == (10, 20, "online", 0.05, 1024.0,
                                                                0.51)
    model = LDA(k=3, maxIter=5, seed=2).fit(df)         # subsampling, alpha optimized
    alpha = model.estimatedDocConcentration().toArray()
    assert alpha.shape == (3,) and (alpha > 0).all() and not np.allclose(alpha, 1 / 3)
    with pytest.raises(Exception, match="'online' or 'em'"):
        LDA(k=3, optimizer="gibbs").fit(df)
    with pytest.raises(Exception, match="> 1.0"):
        LDA(k=3, optimizer="em", docConcentration=[0.5]).fit(df)


def test_lda_em(corpus):
    from dfengine.ml.clustering import LDA, DistributedLDAModel

    X, df = corpus
    model = LDA(k=3, maxIter=30, seed=4, optimizer="em").fit(df)
    assert isinstance(model, DistributedLDAModel) and model.isDistributed()
    counts = model.topicsMatrix().toArray()            # V x k term-topic counts
    assert counts.shape == (30, 3) and abs(counts.sum() - X.sum()) < 1e-6 * X.sum()
    mass = np.array([[counts[b * 10:(b + 1) * 10, t].sum() / counts[:, t].sum()
                      for b in range(3)] for t in range(3)])
    assert sorted(mass.argmax(axis=1)) == [0, 1, 2] and mass.max(axis=1).min() > 0.9
    np.testing.assert_allclose(model.estimatedDocConcentration().toArray(), [50 / 3 + 1] * 3)
    assert model.trainingLogLikelihood() < 0 and np.isfinite(model.logPrior())
    local = model.toLocal()
    assert not local.isDistributed()
    assert local.logPerplexity(df) == pytest.approx(model.logPerplexity(df), rel=1e-9)
    assert [r.topic for r in model.describeTopics(2).collect()] == [0, 1, 2]
