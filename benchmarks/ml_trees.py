"""Tree ensembles and ALS: dfengine vs PySpark vs scikit-learn, same data in one run.

    python -m benchmarks.ml_trees                       # issue 18's sizes (long: PySpark)
    python -m benchmarks.ml_trees --rows 200000 --ratings 2000000 --trees 20 --iters 20
    python -m benchmarks.ml_trees --no-pyspark

Classification: `rows` x 20 synthetic binary data (plus 20% more rows held out), a random
forest (`--trees` trees, depth 8) and GBT (`--iters` iterations, depth 5), fit time from a
pandas frame to the fitted model, and held-out AUC computed the same way for every engine
(scikit-learn's roc_auc_score on the positive-class probability). scikit-learn runs
`RandomForestClassifier(n_jobs=-1)` and `HistGradientBoostingClassifier` (no early stopping).
ALS: `ratings` synthetic ratings of 200k users x 50k items (scaled down with --ratings),
rank 10, 10 iterations, held-out RMSE (10%, cold starts dropped).

Prints tables with ratios and writes `benchmarks/results/ml_trees.json`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.common import print_table, write_results

D = 20


def make_classification(n: int, seed: int = 0) -> tuple[pd.DataFrame, list[str]]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, D))
    margin = (X[:, :6] @ rng.normal(size=6) + 0.8 * X[:, 6] * X[:, 7]
              + np.sin(2 * X[:, 8]) + 0.5 * np.abs(X[:, 9]) - 0.4)
    cols = [f"f{i}" for i in range(D)]
    pdf = pd.DataFrame(X, columns=cols)
    pdf["label"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-2 * margin))).astype(np.float64)
    return pdf, cols


def make_ratings(n: int, users: int, items: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    U = rng.normal(size=(users, 10)) / np.sqrt(10)
    V = rng.normal(size=(items, 10))
    u = rng.integers(0, users, n)
    i = (rng.zipf(1.3, n) + rng.integers(0, items, n)) % items
    r = np.einsum("ij,ij->i", U[u], V[i]) + 3.0 + rng.normal(size=n) * 0.5
    pdf = pd.DataFrame({"user": u.astype(np.int32), "item": i.astype(np.int32),
                        "rating": r.astype(np.float32)})
    return pdf.drop_duplicates(["user", "item"]).reset_index(drop=True)


def timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def auc_of(labels: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def _positive(col: pd.Series) -> np.ndarray:
    return np.array([v[1] for v in col], dtype=np.float64)


# -- engines

def engine_trees(session: Any, assembler: type, train: pd.DataFrame, test: pd.DataFrame,
                 cols: list, est: Any) -> tuple[float, float]:
    """Fit time from pandas to model and held-out AUC, in dfengine or PySpark."""
    va = assembler(inputCols=cols, outputCol="features")
    t, model = timed(lambda: est.fit(va.transform(session.createDataFrame(train))))
    out = model.transform(va.transform(session.createDataFrame(test))).select(
        "label", "probability").toPandas()
    return t, auc_of(out["label"].to_numpy(), _positive(out["probability"]))


def sklearn_trees(train: pd.DataFrame, test: pd.DataFrame, cols: list,
                  est: Any) -> tuple[float, float]:
    t, model = timed(lambda: est.fit(train[cols].to_numpy(), train["label"].to_numpy()))
    return t, auc_of(test["label"].to_numpy(), model.predict_proba(test[cols].to_numpy())[:, 1])


def bench_trees(spark: Any, ps: Any, n: int, trees: int, iters: int) -> list[dict]:
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier

    import dfengine.ml.classification as dc

    pdf, cols = make_classification(n + n // 5)
    train, test = pdf.iloc[:n], pdf.iloc[n:]
    rows = []
    cases = [
        ("random forest", trees, 8,
         lambda: dc.RandomForestClassifier(numTrees=trees, maxDepth=8, seed=1),
         "RandomForestClassifier", dict(numTrees=trees, maxDepth=8, seed=1),
         lambda: RandomForestClassifier(n_estimators=trees, max_depth=8, n_jobs=-1,
                                        random_state=0)),
        ("GBT", iters, 5, lambda: dc.GBTClassifier(maxIter=iters, maxDepth=5),
         "GBTClassifier", dict(maxIter=iters, maxDepth=5),
         lambda: HistGradientBoostingClassifier(max_iter=iters, max_depth=5,
                                                early_stopping=False, random_state=0)),
    ]
    for task, size, depth, ours, pname, pkw, sk in cases:
        from dfengine.ml.feature import VectorAssembler

        t, auc = engine_trees(spark, VectorAssembler, train, test, cols, ours())
        base = {"task": task, "rows": n, "trees": size, "depth": depth}
        rows.append({**base, "engine": "dfengine", "fit_s": t, "auc": auc})
        if ps is not None:
            import pyspark.ml.classification as pc
            from pyspark.ml.feature import VectorAssembler as PVA

            tp, aucp = engine_trees(ps, PVA, train, test, cols, getattr(pc, pname)(**pkw))
            rows.append({**base, "engine": "pyspark", "fit_s": tp, "auc": aucp})
        ts, aucs = sklearn_trees(train, test, cols, sk())
        rows.append({**base, "engine": f"scikit-learn {type(sk()).__name__}", "fit_s": ts,
                     "auc": aucs})
    return rows


def bench_als(spark: Any, ps: Any, n: int) -> list[dict]:
    from dfengine.ml.recommendation import ALS

    scale = n / 10_000_000
    users, items = max(1000, int(200_000 * scale)), max(500, int(50_000 * scale))
    pdf = make_ratings(n, users, items)
    mask = np.random.default_rng(2).random(len(pdf)) < 0.1
    train, test = pdf[~mask], pdf[mask]
    kw = {"rank": 10, "maxIter": 10, "regParam": 0.05, "seed": 1,
          "coldStartStrategy": "drop"}
    rows = []

    def rmse(p: pd.DataFrame) -> float:
        return float(np.sqrt(np.mean((p["prediction"].astype(float) - p["rating"]) ** 2)))

    t, model = timed(lambda: ALS(**kw).fit(spark.createDataFrame(train)))
    r = rmse(model.transform(spark.createDataFrame(test)).toPandas())
    base = {"task": "ALS", "ratings": len(train), "users": users, "items": items}
    rows.append({**base, "engine": "dfengine", "fit_s": t, "rmse": r})
    if ps is not None:
        from pyspark.ml.recommendation import ALS as PALS

        tp, pm = timed(lambda: PALS(**kw).fit(ps.createDataFrame(train)))
        rp = rmse(pm.transform(ps.createDataFrame(test)).toPandas())
        rows.append({**base, "engine": "pyspark", "fit_s": tp, "rmse": rp})
    return rows


def pyspark_session() -> Any:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    ps = (SparkSession.builder.master("local[2]").appName("bench-ml-trees")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.driver.memory", "8g")
          .config("spark.sql.execution.arrow.pyspark.enabled", "true")
          .config("spark.driver.extraJavaOptions", "-Xss64m")
          .getOrCreate())
    ps.sparkContext.setLogLevel("ERROR")
    return ps


def ratios(rows: list[dict], key: str) -> None:
    ours = {r["task"]: r["fit_s"] for r in rows if r["engine"] == "dfengine"}
    for r in rows:
        r["x_dfengine"] = r["fit_s"] / ours[r["task"]]
        if "auc" in r:
            best = [x["auc"] for x in rows if x["task"] == r["task"] and x["engine"] == "pyspark"]
            r["auc_minus_pyspark"] = r["auc"] - best[0] if best else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--iters", type=int, default=100)
    ap.add_argument("--ratings", type=int, default=10_000_000)
    ap.add_argument("--no-pyspark", action="store_true")
    ap.add_argument("--skip", default="", help="comma list of: trees, als")
    ap.add_argument("--name", default="ml_trees", help="results file name")
    args = ap.parse_args()
    from dfengine.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("bench-ml-trees")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    ps = None if args.no_pyspark else pyspark_session()
    print(f"# benchmarks.ml_trees rows={args.rows} trees={args.trees} iters={args.iters} "
          f"ratings={args.ratings} pyspark={ps is not None} cores={os.cpu_count()}")
    skip = set(filter(None, args.skip.split(",")))
    payload: dict = {"settings": vars(args)}
    if "trees" not in skip:
        rows = bench_trees(spark, ps, args.rows, args.trees, args.iters)
        ratios(rows, "auc")
        print_table(rows, ["task", "engine", "rows", "trees", "depth", "fit_s", "x_dfengine",
                           "auc", "auc_minus_pyspark"])
        payload["trees"] = rows
    if "als" not in skip:
        rows = bench_als(spark, ps, args.ratings)
        ratios(rows, "rmse")
        print_table(rows, ["task", "engine", "ratings", "users", "items", "fit_s",
                           "x_dfengine", "rmse"])
        payload["als"] = rows
    print(f"wrote {write_results(args.name, payload)}")


if __name__ == "__main__":
    main()
