"""dfengine.ml vs scikit-learn (and dask-ml) on synthetic data: fit time and accuracy.

    python -m benchmarks.ml                     # 1M and 5M rows x 20 features
    python -m benchmarks.ml --rows 1000000      # one size
    python -m benchmarks.ml --no-dask-ml
    python -m benchmarks.ml --breadth           # issue 17: text pipeline, GLR, NaiveBayes

For each size: a logistic regression (`Pipeline([VectorAssembler, LogisticRegression])` fitted
on a DataFrame made from pandas, timed from `createDataFrame` to the fitted model) and an OLS
linear regression, against scikit-learn fitted on the same pandas frame. Same objective:
`regParam = 1 / (C * n)` with `standardization=False` is sklearn's `LogisticRegression(C)`.
sklearn runs with `tol=1e-8` so both solve the problem to convergence (its default `tol=1e-4`
stops about 1e-2 away from the optimum in relative coefficient terms, reported as well).
dask-ml (if installed) runs its L-BFGS on a dask array with the same number of chunks.

Prints a table and writes `benchmarks/results/ml.json` and `ml.png`.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.common import bar_chart, print_table, write_results

C = 1.0


def make_data(n: int, d: int, seed: int = 0) -> tuple[pd.DataFrame, list[str]]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, d) + rng.normal(size=d) * 0.5
    beta = rng.normal(size=d) * 0.5
    margin = X @ beta - 0.25
    cols = [f"f{i}" for i in range(d)]
    pdf = pd.DataFrame(X, columns=cols)
    pdf["label"] = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-margin))).astype(np.float64)
    pdf["y"] = X @ (beta * 2.0) + 1.0 + rng.normal(size=n)
    return pdf, cols


def rel_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))) / np.max(np.abs(b)))


def timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def bench_size(spark: Any, n: int, d: int, with_dask_ml: bool) -> list[dict]:
    from sklearn.linear_model import LinearRegression as SkLinear
    from sklearn.linear_model import LogisticRegression as SkLogistic

    from dfengine.ml import Pipeline
    from dfengine.ml.classification import LogisticRegression
    from dfengine.ml.feature import VectorAssembler
    from dfengine.ml.regression import LinearRegression

    pdf, cols = make_data(n, d)
    X = pdf[cols].to_numpy()
    y = pdf["label"].to_numpy()
    reg = 1.0 / (C * n)
    rows: list[dict] = []

    # -- logistic regression
    def df_logistic() -> Any:
        df = spark.createDataFrame(pdf[cols + ["label"]])
        pipe = Pipeline(stages=[VectorAssembler(inputCols=cols, outputCol="features"),
                                LogisticRegression(regParam=reg, standardization=False)])
        return pipe.fit(df).stages[-1]

    t_sk, sk = timed(lambda: SkLogistic(C=C, tol=1e-8, max_iter=1000).fit(pdf[cols], y))
    ref = np.concatenate([sk.coef_[0], sk.intercept_])
    acc_sk = float(np.mean(sk.predict(pdf[cols]) == y))
    rows.append({"task": "logistic", "rows": n, "engine": "scikit-learn (tol=1e-8)",
                 "fit_s": t_sk, "iterations": int(sk.n_iter_[0]), "coef_rel_diff": 0.0,
                 "train_accuracy": acc_sk})
    t_sd, skd = timed(lambda: SkLogistic(C=C, max_iter=1000).fit(pdf[cols], y))
    rows.append({"task": "logistic", "rows": n, "engine": "scikit-learn (default tol)",
                 "fit_s": t_sd, "iterations": int(skd.n_iter_[0]),
                 "coef_rel_diff": rel_diff(np.concatenate([skd.coef_[0], skd.intercept_]), ref),
                 "train_accuracy": float(np.mean(skd.predict(pdf[cols]) == y))})
    t_df, m = timed(df_logistic)
    coef = np.concatenate([m.coefficients.toArray(), [m.intercept]])
    pred = (X @ coef[:-1] + coef[-1] > 0).astype(float)
    rows.append({"task": "logistic", "rows": n, "engine": "dfengine (from pandas)",
                 "fit_s": t_df, "iterations": m.summary.totalIterations,
                 "coef_rel_diff": rel_diff(coef, ref),
                 "train_accuracy": float(np.mean(pred == y))})
    if with_dask_ml:
        rows.append(dask_ml_logistic(X, y, n, ref))

    # -- linear regression (OLS)
    yl = pdf["y"].to_numpy()
    t_skl, skl = timed(lambda: SkLinear().fit(pdf[cols], yl))
    refl = np.concatenate([skl.coef_, [skl.intercept_]])
    rows.append({"task": "linear", "rows": n, "engine": "scikit-learn", "fit_s": t_skl,
                 "iterations": 0, "coef_rel_diff": 0.0, "train_accuracy": float("nan")})

    def df_linear() -> Any:
        df = spark.createDataFrame(pdf[cols + ["y"]])
        pipe = Pipeline(stages=[VectorAssembler(inputCols=cols, outputCol="features"),
                                LinearRegression(labelCol="y")])
        return pipe.fit(df).stages[-1]

    t_dfl, ml = timed(df_linear)
    rows.append({"task": "linear", "rows": n, "engine": "dfengine (from pandas)",
                 "fit_s": t_dfl, "iterations": ml.summary.totalIterations,
                 "coef_rel_diff": rel_diff(np.concatenate([ml.coefficients.toArray(),
                                                           [ml.intercept]]), refl),
                 "train_accuracy": float("nan")})
    return rows


def dask_ml_logistic(X: np.ndarray, y: np.ndarray, n: int, ref: np.ndarray) -> dict:
    """dask-ml's L-BFGS logistic regression on a 2-chunk dask array (threaded scheduler).

    dask-ml's objective is sum(log-loss) + (1/C) * |beta|^2 / 2, the same as sklearn's.
    """
    import dask
    import dask.array as da
    from dask_ml.linear_model import LogisticRegression as DaskLogistic

    with dask.config.set(scheduler="threads"):
        Xd = da.from_array(X, chunks=(-(-n // 2), X.shape[1]))
        yd = da.from_array(y, chunks=-(-n // 2))
        t, m = timed(lambda: DaskLogistic(C=C, solver="lbfgs", max_iter=100, tol=1e-8)
                     .fit(Xd, yd))
    coef = np.concatenate([np.asarray(m.coef_).ravel(), np.atleast_1d(m.intercept_)])
    pred = (X @ coef[:-1] + coef[-1] > 0).astype(float)
    return {"task": "logistic", "rows": n, "engine": "dask-ml (lbfgs)", "fit_s": t,
            "iterations": -1, "coef_rel_diff": rel_diff(coef, ref),
            "train_accuracy": float(np.mean(pred == y))}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 5_000_000])
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--no-dask-ml", action="store_true")
    ap.add_argument("--breadth", action="store_true",
                    help="issue 17: text pipeline, GLR poisson, NaiveBayes vs PySpark")
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--glr-rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    if args.breadth:
        from benchmarks import ml_breadth

        ml_breadth.main(args.docs, args.glr_rows)
        return

    from dfengine.sql import SparkSession

    try:
        import dask_ml  # noqa: F401
        with_dask_ml = not args.no_dask_ml
        dask_ml_note = "dask-ml installed" if with_dask_ml else "dask-ml skipped (--no-dask-ml)"
    except ImportError:
        with_dask_ml = False
        dask_ml_note = "dask-ml is not installed in this environment: not compared"

    spark = (SparkSession.builder.master("local[2]").appName("benchmarks.ml")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    try:
        # warm-up: Numba kernels load from cache / compile once, as in any long-lived session
        bench_size(spark, 20_000, args.features, False)
        rows = []
        for n in args.rows:
            rows.extend(bench_size(spark, n, args.features, with_dask_ml))
    finally:
        spark.stop()
    columns = ["task", "rows", "engine", "fit_s", "iterations", "coef_rel_diff",
               "train_accuracy"]
    shown = [{**r, "coef_rel_diff": f"{r['coef_rel_diff']:.1e}",
              "iterations": "" if r["iterations"] < 0 else r["iterations"]} for r in rows]
    print_table(shown, columns)
    print(dask_ml_note)
    write_results("ml", {"rows": rows, "features": args.features, "C": C,
                         "note": dask_ml_note, "machine_cores": 2})
    chart = {}
    for r in rows:
        chart.setdefault(r["engine"], {})[f"{r['task']} {r['rows'] // 1_000_000}M"] = r["fit_s"]
    path = bar_chart("ml", chart, title="dfengine.ml vs scikit-learn / dask-ml: fit time",
                     ylabel="seconds")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
