"""Word2Vec, LDA and factorization machines: dfengine vs PySpark (and scikit-learn's online LDA)
on the same data, fit time and a quality figure each engine computes the same way.

    python -m benchmarks.ml_models3 [--scale 1.0]

- word2vec: `40k * scale` sentences of 10 words, each drawn from one of 20 groups of 50 words;
  Word2Vec(vectorSize=50, minCount=5, windowSize=5, maxIter=1, numPartitions=1).
  Quality: mean within-group minus mean between-group cosine similarity of the learned vectors.
- lda: `4k * scale` documents of 60 tokens over 1000 terms from 10 topics with disjoint
  supports; LDA(k=10, maxIter=30, subsamplingRate=0.2, online). Quality: logPerplexity of each
  model on the corpus, and topic purity (mean largest mass of a topic on one true support).
  scikit-learn: LatentDirichletAllocation(online, same offset/decay/priors, batch = 20%).
- fm: `100k * scale` rows x 20 features, label from a pairwise-interaction model;
  FMClassifier(factorSize=8, stepSize=0.05, maxIter=50, adamW). Quality: AUC on the data.
Both engines run local[2]; times are the fit only (data cached/materialized before).
Writes `benchmarks/results/ml_models3.json`.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np

from benchmarks.common import print_table, write_results


def w2v_corpus(n: int, seed: int = 0) -> tuple[list[list[str]], list[list[str]]]:
    rng = np.random.default_rng(seed)
    groups = [[f"g{g}w{i}" for i in range(50)] for g in range(20)]
    sents = [list(rng.choice(groups[rng.integers(20)], size=10)) for _ in range(n)]
    return [[str(w) for w in s] for s in sents], groups


def separation(vectors: dict, groups: list[list[str]]) -> float:
    words = [w for g in groups for w in g if w in vectors]
    label = {w: i for i, g in enumerate(groups) for w in g}
    M = np.array([vectors[w] for w in words])
    M = M / np.linalg.norm(M, axis=1, keepdims=True)
    C = M @ M.T
    same = np.equal.outer([label[w] for w in words], [label[w] for w in words])
    np.fill_diagonal(same, False)
    diff = ~np.equal.outer([label[w] for w in words], [label[w] for w in words])
    return float(C[same].mean() - C[diff].mean())


def lda_corpus(n: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    beta = np.zeros((10, 1000))
    for t in range(10):
        beta[t, t * 100:(t + 1) * 100] = rng.dirichlet(np.ones(100))
    theta = rng.dirichlet([0.1] * 10, size=n)
    return np.array([np.bincount(rng.choice(1000, 60, p=th @ beta), minlength=1000)
                     for th in theta], dtype=float)


def recovered(lam: np.ndarray) -> float:
    """Topic purity: mean over learned topics of the largest mass on one true support."""
    beta = lam / lam.sum(axis=1, keepdims=True)
    mass = beta.reshape(beta.shape[0], 10, 100).sum(axis=2)
    return float(mass.max(axis=1).mean())


def fm_data(n: int, seed: int = 2) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 20))
    V = rng.normal(size=(20, 3)) * 0.7
    raw = X @ rng.normal(size=20) * 0.3 + 0.5 * ((X @ V) ** 2 - (X ** 2) @ (V ** 2)).sum(axis=1)
    return X, (raw + rng.logistic(size=n) * 0.3 > np.median(raw)).astype(float)


def auc(score: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, score))


def _session(kind: str) -> Any:
    if kind == "dfengine":
        from dfengine.sql import SparkSession
        return (SparkSession.builder.master("local[2]").appName("ml_models3")
                .config("dfengine.ui.showProgress", "false").getOrCreate())
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master("local[2]").appName("ml_models3")
            .config("spark.driver.memory", "4g").config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false").getOrCreate())


def _timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def run_engine(kind: str, data: dict) -> dict:
    import importlib

    spark = _session(kind)
    root = "dfengine" if kind == "dfengine" else "pyspark"
    feature = importlib.import_module(f"{root}.ml.feature")
    clustering = importlib.import_module(f"{root}.ml.clustering")
    classification = importlib.import_module(f"{root}.ml.classification")
    Vectors = importlib.import_module(f"{root}.ml.linalg").Vectors
    out: dict = {}
    try:
        sdf = spark.createDataFrame([(s,) for s in data["sents"]], ["text"]).repartition(2)
        sdf.cache().count()
        w2v = feature.Word2Vec(vectorSize=50, minCount=5, inputCol="text", outputCol="v",
                               seed=1)
        out["w2v_s"], model = _timed(lambda: w2v.fit(sdf))
        vecs = {r.word: r.vector.toArray() for r in model.getVectors().collect()}
        out["w2v_sep"] = separation(vecs, data["groups"])
        ddf = spark.createDataFrame([(Vectors.dense(x),) for x in data["docs"]],
                                    ["features"]).repartition(2)
        ddf.cache().count()
        lda = clustering.LDA(k=10, maxIter=30, subsamplingRate=0.2, seed=1)
        out["lda_s"], lm = _timed(lambda: lda.fit(ddf))
        out["lda_lp"] = lm.logPerplexity(ddf)
        out["lda_rec"] = recovered(lm.topicsMatrix().toArray().T)
        X, y = data["fm"]
        fdf = spark.createDataFrame([(float(t), Vectors.dense(x)) for x, t in zip(X, y)],
                                    ["label", "features"]).repartition(2)
        fdf.cache().count()
        fm = classification.FMClassifier(factorSize=8, stepSize=0.05, maxIter=50, seed=1)
        out["fm_s"], fmm = _timed(lambda: fm.fit(fdf))
        prob = [r.probability[1] for r in fmm.transform(fdf).select("probability").collect()]
        lab = [r.label for r in fdf.select("label").collect()]
        out["fm_auc"] = auc(np.array(prob), np.array(lab))
    finally:
        spark.stop()
    return out


def sklearn_lda(docs: np.ndarray) -> dict:
    from sklearn.decomposition import LatentDirichletAllocation

    sk = LatentDirichletAllocation(n_components=10, learning_method="online",
                                   learning_offset=1024.0, learning_decay=0.51,
                                   doc_topic_prior=0.1, topic_word_prior=0.1, max_iter=6,
                                   batch_size=len(docs) // 5, total_samples=len(docs),
                                   random_state=0)
    t, sk = _timed(lambda: sk.fit(docs))
    return {"lda_s": t, "lda_lp": float(np.log(sk.perplexity(docs))),
            "lda_rec": recovered(sk.components_)}


def main(scale: float) -> None:
    sents, groups = w2v_corpus(int(40_000 * scale))
    data = {"sents": sents, "groups": groups, "docs": lda_corpus(int(4000 * scale)),
            "fm": fm_data(int(100_000 * scale))}
    res = {k: run_engine(k, data) for k in ("dfengine", "pyspark")}
    sk = sklearn_lda(data["docs"])
    ours, spark = res["dfengine"], res["pyspark"]
    table = []
    for task, key, metric in (("Word2Vec", "w2v", "sep"), ("LDA online", "lda", "lp"),
                              ("FMClassifier", "fm", "auc")):
        name = {"sep": "cos separation", "lp": "logPerplexity", "auc": "AUC"}[metric]
        for engine, r in (("dfengine", ours), ("PySpark", spark)):
            extra = f", topic purity {r['lda_rec']:.3f}" if key == "lda" else ""
            table.append({"task": task, "engine": engine, "fit_s": round(r[f"{key}_s"], 2),
                          "metric": f"{name} {r[f'{key}_{metric}']:.4f}{extra}",
                          "vs_pyspark": f"{r[f'{key}_s'] / spark[f'{key}_s']:.2f}x"})
    table.append({"task": "LDA online", "engine": "scikit-learn", "fit_s": round(sk["lda_s"], 2),
                  "metric": f"logPerplexity {sk['lda_lp']:.4f}, topic purity "
                            f"{sk['lda_rec']:.3f}",
                  "vs_pyspark": f"{sk['lda_s'] / spark['lda_s']:.2f}x"})
    print(f"# Word2Vec / LDA / FM: scale {scale} ({len(sents)} sentences, "
          f"{len(data['docs'])} documents, {len(data['fm'][1])} FM rows), local[2]")
    print_table(table, ["task", "engine", "fit_s", "metric", "vs_pyspark"])
    write_results("ml_models3", {"scale": scale, "table": table, "machine_cores": 2})


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    main(ap.parse_args().scale)
