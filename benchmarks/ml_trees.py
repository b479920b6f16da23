"""Tree ensembles and ALS: dfengine vs PySpark vs scikit-learn, same data in one run.

    python -m benchmarks.ml_trees                       # issue 18's sizes (long: PySpark)
    python -m benchmarks.ml_trees --rows 200000 --ratings 2000000 --trees 20 --iters 20
    python -m benchmarks.ml_trees --no-pyspark
    python -m benchmarks.ml_trees --budget 600     # stop a PySpark / scikit-learn fit at 600 s
    python -m benchmarks.ml_trees --only rf --engines dfengine,pyspark   # one phase at a time

`--only rf|gbt|als` (comma list) and `--engines dfengine,pyspark,sklearn` pick the phases and
engines of a run, so that each run fits in a short quiet hold; each phase writes its own
results file (`ml_trees_<phase>.json` unless `--name` is given).

Classification: `rows` x 20 synthetic binary data (plus 20% more rows held out), a random
forest (`--trees` trees, depth 8) and GBT (`--iters` iterations, depth 5), fit time from a
pandas frame to the fitted model, and held-out AUC computed the same way for every engine
(scikit-learn's roc_auc_score on the positive-class probability). scikit-learn runs
`RandomForestClassifier(n_jobs=-1)` and `HistGradientBoostingClassifier` (no early stopping).
ALS: `ratings` synthetic ratings of 200k users x 50k items (scaled down with --ratings),
rank 10, 10 iterations, held-out RMSE (10%, cold starts dropped).

With `--budget S` a PySpark fit still running after S seconds is cancelled (its jobs are
cancelled through the SparkContext) and reported as `>= S` (`stopped`); scikit-learn's
ensembles grow in steps of 10% with `warm_start` and stop after the step that crosses S,
reported as the measured time scaled to all trees (`extrapolated`). Held-out AUC is then
missing (PySpark) or that of the partial model (scikit-learn).

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

def bounded(session: Any, budget: float | None, fn: Any) -> tuple[float, Any]:
    """`timed(fn)`, but a PySpark fit still running after `budget` s has its jobs cancelled:
    then (budget, None)."""
    if budget is None or not hasattr(session, "sparkContext") or \
            type(session).__module__.startswith("dfengine"):
        return timed(fn)
    import threading

    box: dict = {}

    def work() -> None:
        try:
            box["v"] = timed(fn)
        except Exception as e:     # noqa: BLE001 - cancelled jobs raise here
            box["e"] = e

    th = threading.Thread(target=work, daemon=True)
    th.start()
    th.join(budget)
    if th.is_alive():
        session.sparkContext.cancelAllJobs()
        th.join(120)
        return budget, None
    if "e" in box:
        raise box["e"]
    return box["v"]


def engine_trees(session: Any, assembler: type, train: pd.DataFrame, test: pd.DataFrame,
                 cols: list, est: Any, budget: float | None = None) -> dict:
    """Fit time from pandas to model and held-out AUC, in dfengine or PySpark."""
    va = assembler(inputCols=cols, outputCol="features")
    t, model = bounded(session, budget,
                       lambda: est.fit(va.transform(session.createDataFrame(train))))
    if model is None:
        return {"fit_s": t, "auc": float("nan"), "note": f"stopped at {budget:.0f} s: >="}
    out = model.transform(va.transform(session.createDataFrame(test))).select(
        "label", "probability").toPandas()
    return {"fit_s": t, "auc": auc_of(out["label"].to_numpy(), _positive(out["probability"]))}


def sklearn_trees(train: pd.DataFrame, test: pd.DataFrame, cols: list, est: Any,
                  size_param: str, budget: float | None = None) -> dict:
    """scikit-learn's fit; with a budget, grown in 10% steps (warm_start) and extrapolated
    to the full size when the budget runs out."""
    X, y = train[cols].to_numpy(), train["label"].to_numpy()
    total = est.get_params()[size_param]
    if budget is None:
        t, model = timed(lambda: est.fit(X, y))
        done = total
    else:
        est.set_params(warm_start=True)
        t, done = 0.0, 0
        step = max(1, total // 10)
        while done < total and t < budget:
            done = min(total, done + step)
            est.set_params(**{size_param: done})
            dt, _ = timed(lambda: est.fit(X, y))
            t += dt
        model = est
    out = {"fit_s": t * total / done,
           "auc": auc_of(test["label"].to_numpy(), model.predict_proba(test[cols].to_numpy())[:, 1])}
    if done < total:
        out["note"] = f"extrapolated from {done} of {total}"
    return out


def bench_trees(spark: Any, ps: Any, n: int, trees: int, iters: int,
                budget: float | None = None, tasks: frozenset = frozenset({"rf", "gbt"}),
                engines: frozenset = frozenset({"dfengine", "pyspark", "sklearn"})
                ) -> list[dict]:
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier

    import dfengine.ml.classification as dc

    pdf, cols = make_classification(n + n // 5)
    train, test = pdf.iloc[:n], pdf.iloc[n:]
    rows = []
    cases = [
        ("rf", "random forest", trees, 8,
         lambda: dc.RandomForestClassifier(numTrees=trees, maxDepth=8, seed=1),
         "RandomForestClassifier", dict(numTrees=trees, maxDepth=8, seed=1),
         lambda: RandomForestClassifier(n_estimators=trees, max_depth=8, n_jobs=-1,
                                        random_state=0), "n_estimators"),
        ("gbt", "GBT", iters, 5, lambda: dc.GBTClassifier(maxIter=iters, maxDepth=5),
         "GBTClassifier", dict(maxIter=iters, maxDepth=5),
         lambda: HistGradientBoostingClassifier(max_iter=iters, max_depth=5,
                                                early_stopping=False, random_state=0),
         "max_iter"),
    ]
    for key, task, size, depth, ours, pname, pkw, sk, size_param in cases:
        from dfengine.ml.feature import VectorAssembler

        if key not in tasks:
            continue
        base = {"task": task, "rows": n, "trees": size, "depth": depth}
        if "dfengine" in engines:
            rows.append({**base, "engine": "dfengine",
                         **engine_trees(spark, VectorAssembler, train, test, cols, ours())})
            print(rows[-1], flush=True)
        if ps is not None:
            import pyspark.ml.classification as pc
            from pyspark.ml.feature import VectorAssembler as PVA

            rows.append({**base, "engine": "pyspark",
                         **engine_trees(ps, PVA, train, test, cols, getattr(pc, pname)(**pkw),
                                        budget)})
            print(rows[-1], flush=True)
        if "sklearn" in engines:
            rows.append({**base, "engine": f"scikit-learn {type(sk()).__name__}",
                         **sklearn_trees(train, test, cols, sk(), size_param, budget)})
            print(rows[-1], flush=True)
    return rows


def _rmse(p: pd.DataFrame) -> float:
    return float(np.sqrt(np.mean((p["prediction"].astype(float) - p["rating"]) ** 2)))


def als_engine(session: Any, est: Any, train: pd.DataFrame, test: pd.DataFrame,
               budget: float | None) -> dict:
    """Fit time, held-out RMSE and training RMSE (on a fixed 10% sample of the training
    ratings: it shows whether an engine fits worse or generalizes worse)."""
    t, model = bounded(session, budget, lambda: est.fit(session.createDataFrame(train)))
    if model is None:
        return {"fit_s": t, "rmse": float("nan"), "train_rmse": float("nan"),
                "note": f"stopped at {budget:.0f} s: >="}
    sample = train.sample(frac=0.1, random_state=3)
    return {"fit_s": t,
            "rmse": _rmse(model.transform(session.createDataFrame(test)).toPandas()),
            "train_rmse": _rmse(model.transform(session.createDataFrame(sample)).toPandas())}


def bench_als(spark: Any, ps: Any, n: int, budget: float | None = None,
              engines: frozenset = frozenset({"dfengine", "pyspark"}),
              max_iter: int = 10) -> list[dict]:
    from dfengine.ml.recommendation import ALS

    scale = n / 10_000_000
    users, items = max(1000, int(200_000 * scale)), max(500, int(50_000 * scale))
    pdf = make_ratings(n, users, items)
    mask = np.random.default_rng(2).random(len(pdf)) < 0.1
    train, test = pdf[~mask], pdf[mask]
    kw = {"rank": 10, "maxIter": max_iter, "regParam": 0.05, "seed": 1,
          "coldStartStrategy": "drop"}
    base = {"task": "ALS", "ratings": len(train), "users": users, "items": items,
            "iters": max_iter}
    rows = []
    if "dfengine" in engines:
        rows.append({**base, "engine": "dfengine",
                     **als_engine(spark, ALS(**kw), train, test, None)})
        print(rows[-1], flush=True)
    if ps is not None:
        from pyspark.ml.recommendation import ALS as PALS

        rows.append({**base, "engine": "pyspark",
                     **als_engine(ps, PALS(**kw), train, test, budget)})
        print(rows[-1], flush=True)
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
        r["x_dfengine"] = r["fit_s"] / ours[r["task"]] if r["task"] in ours else float("nan")
        if "auc" in r:
            best = [x["auc"] for x in rows if x["task"] == r["task"] and x["engine"] == "pyspark"]
            r["auc_minus_pyspark"] = r["auc"] - best[0] if best else float("nan")
        r.setdefault("note", "")


def _set(text: str, allowed: set, what: str) -> frozenset:
    got = frozenset(filter(None, text.split(",")))
    if not got <= allowed:
        raise SystemExit(f"--{what}: unknown {sorted(got - allowed)}; choose from {sorted(allowed)}")
    return got


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--iters", type=int, default=100)
    ap.add_argument("--ratings", type=int, default=10_000_000)
    ap.add_argument("--als-iters", type=int, default=10)
    ap.add_argument("--no-pyspark", action="store_true")
    ap.add_argument("--only", default="rf,gbt,als", help="comma list of: rf, gbt, als")
    ap.add_argument("--engines", default="dfengine,pyspark,sklearn",
                    help="comma list of: dfengine, pyspark, sklearn")
    ap.add_argument("--name", default=None, help="results file name")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds after which a PySpark / scikit-learn fit is stopped")
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    only = _set(args.only, {"rf", "gbt", "als"}, "only")
    engines = _set(args.engines, {"dfengine", "pyspark", "sklearn"}, "engines")
    if args.no_pyspark:
        engines -= {"pyspark"}
    from dfengine.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("bench-ml-trees")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    ps = pyspark_session() if "pyspark" in engines else None
    print(f"# benchmarks.ml_trees only={args.only} engines={','.join(sorted(engines))} "
          f"rows={args.rows} trees={args.trees} iters={args.iters} ratings={args.ratings} "
          f"als_iters={args.als_iters} budget={args.budget} cores={os.cpu_count()} "
          f"load={os.getloadavg()[0]:.1f}")
    payload: dict = {"settings": vars(args)}
    if only & {"rf", "gbt"}:
        rows = bench_trees(spark, ps, args.rows, args.trees, args.iters, args.budget,
                           only, engines)
        ratios(rows, "auc")
        print_table(rows, ["task", "engine", "rows", "trees", "depth", "fit_s", "x_dfengine",
                           "auc", "auc_minus_pyspark", "note"])
        payload["trees"] = rows
    if "als" in only:
        rows = bench_als(spark, ps, args.ratings, args.budget, engines, args.als_iters)
        ratios(rows, "rmse")
        print_table(rows, ["task", "engine", "ratings", "users", "items", "iters", "fit_s",
                           "x_dfengine", "rmse", "train_rmse", "note"])
        payload["als"] = rows
    payload["load_after"] = os.getloadavg()
    print(f"# load average after: {os.getloadavg()}")
    name = args.name or "ml_trees_" + "_".join(sorted(only))
    print(f"wrote {write_results(name, payload)}")


if __name__ == "__main__":
    main()
