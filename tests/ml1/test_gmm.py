"""GaussianMixture against scikit-learn on well-separated data (same optimum)."""

from __future__ import annotations

import numpy as np

from dfengine.ml.linalg import Vectors


def test_gaussian_mixture_matches_sklearn(spark, tmp_path):
    from sklearn.mixture import GaussianMixture as SkGMM

    from dfengine.ml.clustering import GaussianMixture, GaussianMixtureModel

    rng = np.random.default_rng(4)
    X = np.vstack([rng.normal([0, 0], [1.0, 0.5], size=(150, 2)),
                   rng.normal([6, 3], [0.7, 1.2], size=(100, 2))])
    df = spark.createDataFrame([(Vectors.dense(x),) for x in X], ["features"])
    ours = GaussianMixture(k=2, tol=1e-8, maxIter=200, seed=1).fit(df)
    sk = SkGMM(2, tol=1e-10, max_iter=500, random_state=0, reg_covar=0).fit(X)
    order = np.argsort([g.mean[0] for g in ours.gaussians])
    sk_order = np.argsort(sk.means_[:, 0])
    np.testing.assert_allclose(np.array(ours.weights)[order], sk.weights_[sk_order], rtol=1e-5)
    np.testing.assert_allclose([ours.gaussians[i].mean.toArray() for i in order],
                               sk.means_[sk_order], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose([ours.gaussians[i].cov.toArray() for i in order],
                               sk.covariances_[sk_order], rtol=1e-4, atol=1e-6)
    pred = [r.prediction for r in ours.transform(df).collect()]
    assert len(set(pred[:150])) == 1 and len(set(pred[150:])) == 1
    ours.save(str(tmp_path / "g"))
    assert GaussianMixtureModel.load(str(tmp_path / "g")).weights == ours.weights
