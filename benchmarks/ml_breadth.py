"""Issue 17's benchmarks: a text pipeline, GLR poisson and NaiveBayes, dfengine vs PySpark
(and scikit-learn for the text pipeline), on the same parquet files.

    python -m benchmarks.ml --breadth                 # 1M documents, 1M GLR rows
    python -m benchmarks.ml --breadth --docs 200000   # smaller

- text: RegexTokenizer -> StopWordsRemover -> HashingTF(2^18) -> IDF -> LogisticRegression
  (regParam 0.01, standardization off, maxIter 30) fitted on `docs` short synthetic documents
  (Zipf vocabulary of 50k words, 5-20 words each); scikit-learn runs HashingVectorizer(2^18,
  english stop words) + TfidfTransformer(norm=None; its idf adds 1 to Spark's) +
  LogisticRegression(C = 1 / (regParam * n)).
  Reported: fit time (read + fit), test AUC on 20% held-out documents.
- glr: GeneralizedLinearRegression(family=poisson) on `rows` x 10 dense features.
- naive_bayes: multinomial NaiveBayes on the HashingTF(2^18) counts of the documents.
Times include reading the parquet file; both engines run local[2] on this machine.
Writes `benchmarks/results/ml_breadth.json`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.common import print_table, write_results

REG, ITERS, FEATURES = 0.01, 30, 1 << 18


def make_docs(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(50_000)] + ["the", "and", "of", "a", "to"])
    lens = rng.integers(5, 21, n)
    ids = np.minimum(rng.zipf(1.3, lens.sum()) - 1, vocab.size - 1)
    stop = rng.random(ids.size) < 0.2
    ids[stop] = 50_000 + rng.integers(0, 5, stop.sum())
    weight = np.zeros(vocab.size)
    weight[:3000] = rng.normal(size=3000)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    score = np.add.reduceat(weight[ids], starts)
    label = (score + rng.normal(scale=0.5, size=n) > np.median(score)).astype(np.float64)
    words = vocab[ids]
    text = [" ".join(words[s:s + k]) for s, k in zip(starts, lens)]
    return pd.DataFrame({"text": text, "label": label,
                         "test": rng.random(n) < 0.2})


def make_glr(n: int, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 10)) * 0.5
    beta = rng.normal(size=10) * 0.3
    pdf = pd.DataFrame(X, columns=[f"f{i}" for i in range(10)])
    pdf["label"] = rng.poisson(np.exp(0.5 + X @ beta)).astype(np.float64)
    return pdf, beta


def timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def text_stages(ml: Any, classifier: Any, idf: bool = True) -> list:
    feat = ml.feature
    stages = [feat.RegexTokenizer(inputCol="text", outputCol="words", pattern="\\W+"),
              feat.StopWordsRemover(inputCol="words", outputCol="filtered"),
              feat.HashingTF(inputCol="filtered", outputCol="tf" if idf else "features",
                             numFeatures=FEATURES)]
    if idf:
        stages.append(feat.IDF(inputCol="tf", outputCol="features"))
    return stages + [classifier]


def engine_text(spark: Any, ml: Any, path: str) -> dict:
    df = spark.read.parquet(path)
    train, test = df.where("not test"), df.where("test")
    lr = ml.classification.LogisticRegression(regParam=REG, maxIter=ITERS,
                                              standardization=False)
    t, model = timed(lambda: ml.Pipeline(stages=text_stages(ml, lr)).fit(train))
    auc = ml.evaluation.BinaryClassificationEvaluator().evaluate(model.transform(test))
    nb = ml.classification.NaiveBayes()
    t_nb, nbm = timed(lambda: ml.Pipeline(stages=text_stages(ml, nb, idf=False)).fit(train))
    acc = ml.evaluation.MulticlassClassificationEvaluator(metricName="accuracy").evaluate(
        nbm.transform(test))
    theta = np.asarray(nbm.stages[-1].theta.toArray())
    return {"text_fit_s": t, "text_auc": auc, "nb_fit_s": t_nb, "nb_acc": acc,
            "nb_theta": theta}


def sklearn_text(pdf: pd.DataFrame) -> dict:
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline

    train, test = pdf[~pdf.test], pdf[pdf.test]
    pipe = make_pipeline(
        HashingVectorizer(n_features=FEATURES, alternate_sign=False, norm=None,
                          stop_words="english", token_pattern=r"\w+"),
        TfidfTransformer(norm=None),
        LogisticRegression(C=1.0 / (REG * len(train)), max_iter=ITERS))
    t, _ = timed(lambda: pipe.fit(train.text, train.label))
    auc = roc_auc_score(test.label, pipe.predict_proba(test.text)[:, 1])
    return {"text_fit_s": t, "text_auc": auc}


def engine_glr(spark: Any, ml: Any, path: str) -> dict:
    df = spark.read.parquet(path)
    cols = [c for c in df.columns if c.startswith("f")]
    stages = [ml.feature.VectorAssembler(inputCols=cols, outputCol="features"),
              ml.regression.GeneralizedLinearRegression(family="poisson")]
    t, model = timed(lambda: ml.Pipeline(stages=stages).fit(df))
    glr = model.stages[-1]
    return {"glr_fit_s": t, "glr_coef": np.asarray(glr.coefficients.toArray()),
            "glr_iters": glr.summary.numIterations}


def _modules(kind: str) -> Any:
    import importlib

    root = "dfengine.ml" if kind == "dfengine" else "pyspark.ml"
    ml = importlib.import_module(root)
    for sub in ("feature", "classification", "regression", "evaluation"):
        setattr(ml, sub, importlib.import_module(f"{root}.{sub}"))
    return ml


def _session(kind: str) -> Any:
    if kind == "dfengine":
        from dfengine.sql import SparkSession
        return (SparkSession.builder.master("local[2]").appName("ml_breadth")
                .config("dfengine.ui.showProgress", "false").getOrCreate())
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master("local[2]").appName("ml_breadth")
            .config("spark.driver.memory", "6g").config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false").getOrCreate())


def run_engine(kind: str, docs_path: str, glr_path: str) -> dict:
    spark = _session(kind)
    try:
        ml = _modules(kind)
        out = engine_text(spark, ml, docs_path)
        out.update(engine_glr(spark, ml, glr_path))
        return out
    finally:
        spark.stop()


def _rows(res: dict, beta: np.ndarray) -> list[dict]:
    ours, spark, sk = res["dfengine"], res["pyspark"], res["scikit-learn"]
    theta_diff = float(np.max(np.abs(ours["nb_theta"] - spark["nb_theta"])))
    glr_diff = float(np.max(np.abs(ours["glr_coef"] - spark["glr_coef"])))
    return [
        {"task": "text LR pipeline", "engine": "dfengine", "fit_s": ours["text_fit_s"],
         "metric": f"AUC {ours['text_auc']:.4f}",
         "vs_pyspark": f"{ours['text_fit_s'] / spark['text_fit_s']:.2f}x"},
        {"task": "text LR pipeline", "engine": "PySpark", "fit_s": spark["text_fit_s"],
         "metric": f"AUC {spark['text_auc']:.4f}", "vs_pyspark": "1.00x"},
        {"task": "text LR pipeline", "engine": "scikit-learn", "fit_s": sk["text_fit_s"],
         "metric": f"AUC {sk['text_auc']:.4f}",
         "vs_pyspark": f"{sk['text_fit_s'] / spark['text_fit_s']:.2f}x"},
        {"task": "NaiveBayes (TF 2^18)", "engine": "dfengine", "fit_s": ours["nb_fit_s"],
         "metric": f"acc {ours['nb_acc']:.4f}, max|theta diff| {theta_diff:.1e}",
         "vs_pyspark": f"{ours['nb_fit_s'] / spark['nb_fit_s']:.2f}x"},
        {"task": "NaiveBayes (TF 2^18)", "engine": "PySpark", "fit_s": spark["nb_fit_s"],
         "metric": f"acc {spark['nb_acc']:.4f}", "vs_pyspark": "1.00x"},
        {"task": "GLR poisson", "engine": "dfengine", "fit_s": ours["glr_fit_s"],
         "metric": f"max|coef diff| {glr_diff:.1e}, {ours['glr_iters']} it",
         "vs_pyspark": f"{ours['glr_fit_s'] / spark['glr_fit_s']:.2f}x"},
        {"task": "GLR poisson", "engine": "PySpark", "fit_s": spark["glr_fit_s"],
         "metric": f"max|coef - true| {np.max(np.abs(spark['glr_coef'] - beta)):.1e}, "
                   f"{spark['glr_iters']} it", "vs_pyspark": "1.00x"},
    ]


def main(docs: int, rows: int, engines: tuple[str, ...] = ("dfengine", "pyspark")) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs_path, glr_path = str(Path(tmp) / "docs.parquet"), str(Path(tmp) / "glr.parquet")
        pdf = make_docs(docs)
        pdf.to_parquet(docs_path, row_group_size=max(docs // 8, 1))
        gdf, beta = make_glr(rows)
        gdf.to_parquet(glr_path, row_group_size=max(rows // 8, 1))
        res = {kind: run_engine(kind, docs_path, glr_path) for kind in engines}
        res["scikit-learn"] = sklearn_text(pdf)
    table = _rows(res, beta)
    print(f"# issue-17 benchmarks: {docs} documents (80% train), {rows} GLR rows, local[2], "
          f"regParam={REG}, maxIter={ITERS}, HashingTF numFeatures=2^18")
    print_table(table, ["task", "engine", "fit_s", "metric", "vs_pyspark"])
    write_results("ml_breadth", {"docs": docs, "glr_rows": rows, "table": table,
                                 "machine_cores": 2})
