"""Hypothesis tests of pyspark.ml.stat: ChiSquareTest, ANOVATest, FValueTest,
KolmogorovSmirnovTest; each returns a one-row DataFrame (or one row per feature with
`flatten=True`), as PySpark."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats as sps

from dfengine.errors import IllegalArgumentException
from dfengine.ml.stat._stats import class_moments, contingency, gram


def _contingency_or_spark_error(df: Any, col: str, label: str) -> list:
    """Spark's ChiSqTest maps each distinct value to an index and looks values up again: a NaN
    label or feature is never found ("key not found: NaN") and no rows fail at the first
    row's head, so the errors are Spark's java.util.NoSuchElementException."""
    from dfengine.errors import NoSuchElementException

    tables = contingency(df, col, label, empty=NoSuchElementException("head of empty array"))
    if any(a != a or b != b for t in tables for a, b in t):
        raise NoSuchElementException("key not found: NaN")
    return tables


def chi_square(df: Any, col: str, label: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(p-values, degrees of freedom, statistics) of Pearson's independence test per feature."""
    ps, dofs, stats = [], [], []
    for table in _contingency_or_spark_error(df, col, label):
        values = sorted({a for a, _ in table})
        labels = sorted({b for _, b in table})
        if len(values) > 10000 or len(labels) > 10000:
            raise IllegalArgumentException(
                "Chi-square test expects factors (categorical values) but found more than "
                "10000 distinct values in a column.")
        obs = np.zeros((len(values), len(labels)))
        vi = {v: i for i, v in enumerate(values)}
        li = {v: i for i, v in enumerate(labels)}
        for (a, b), c in table.items():
            obs[vi[a], li[b]] = c
        n = obs.sum()
        exp = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / n
        stat = float(np.sum(np.where(exp > 0, (obs - exp) ** 2 / np.where(exp > 0, exp, 1), 0)))
        dof = (len(values) - 1) * (len(labels) - 1)
        ps.append(float(sps.chi2.sf(stat, dof)) if dof > 0 else 1.0)
        dofs.append(dof)
        stats.append(stat)
    return np.array(ps), np.array(dofs, dtype=np.int64), np.array(stats)


def anova(df: Any, col: str, label: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One-way ANOVA F test of each continuous feature against a categorical label."""
    mom = class_moments(df, col, label)
    counts = np.array([m[0] for m in mom.values()], dtype=float)
    sums = np.array([m[1] for m in mom.values()])
    sqs = np.array([m[2] for m in mom.values()])
    n, k = counts.sum(), len(counts)
    total = sums.sum(axis=0)
    ss_total = sqs.sum(axis=0) - total ** 2 / n
    ss_between = (sums ** 2 / counts[:, None]).sum(axis=0) - total ** 2 / n
    ss_within = ss_total - ss_between
    dfb, dfw = k - 1, n - k
    f = (ss_between / dfb) / (ss_within / dfw)
    p = sps.f.sf(f, dfb, dfw)
    return p, np.full(f.size, int(n - 1), dtype=np.int64), f


def f_regression(df: Any, col: str, label: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """F test of each continuous feature against a continuous label (squared correlation)."""
    n, s, g = gram(df, col, label)
    mean = s / n
    cov = g - n * np.outer(mean, mean)
    d = s.size - 1
    r = cov[:d, d] / np.sqrt(np.diag(cov)[:d] * cov[d, d])
    dof = n - 2
    f = r ** 2 / (1 - r ** 2) * dof
    return sps.f.sf(f, 1, dof), np.full(d, int(dof), dtype=np.int64), f


def _result(df: Any, col: str, label: str, fn: Any, stat_name: str, flatten: bool) -> Any:
    from dfengine.ml.linalg import DenseVector
    from dfengine.sql.types import (
        ArrayType,
        DoubleType,
        IntegerType,
        LongType,
        StructField,
        StructType,
        VectorUDT,
    )

    p, dof, stat = fn(df, col, label)
    spark = df.sparkSession
    if flatten:
        rows = [(j, float(p[j]), int(dof[j]), float(stat[j])) for j in range(p.size)]
        schema = StructType([StructField("featureIndex", IntegerType()),
                             StructField("pValue", DoubleType()),
                             StructField("degreesOfFreedom", LongType()),
                             StructField(stat_name[:-1], DoubleType())])
        return spark.createDataFrame(rows, schema)
    schema = StructType([StructField("pValues", VectorUDT()),
                         StructField("degreesOfFreedom", ArrayType(IntegerType())),
                         StructField(stat_name, VectorUDT())])
    return spark.createDataFrame([(DenseVector(p), [int(x) for x in dof], DenseVector(stat))],
                                 schema)


class ChiSquareTest:
    @staticmethod
    def test(dataset: Any, featuresCol: str, labelCol: str, flatten: bool = False) -> Any:
        return _result(dataset, featuresCol, labelCol, chi_square, "statistics", flatten)


class ANOVATest:
    @staticmethod
    def test(dataset: Any, featuresCol: str, labelCol: str, flatten: bool = False) -> Any:
        return _result(dataset, featuresCol, labelCol, anova, "fValues", flatten)


class FValueTest:
    @staticmethod
    def test(dataset: Any, featuresCol: str, labelCol: str, flatten: bool = False) -> Any:
        return _result(dataset, featuresCol, labelCol, f_regression, "fValues", flatten)


class KolmogorovSmirnovTest:
    @staticmethod
    def test(dataset: Any, sampleCol: str, distName: str, *params: float) -> Any:
        """One-sample, two-sided KS test against `norm` (mean, std; default 0, 1)."""
        from dfengine.sql.types import DoubleType, StructField, StructType

        if distName != "norm":
            raise IllegalArgumentException(
                f"KolmogorovSmirnovTest supports distName 'norm', not {distName!r}.")
        mean, std = (list(params) + [0.0, 1.0][len(params):])[:2]
        x = np.array([r[0] for r in dataset.select(sampleCol).collect()], dtype=float)
        res = sps.kstest(x, "norm", args=(mean, std), method="asymp")
        schema = StructType([StructField("pValue", DoubleType()),
                             StructField("statistic", DoubleType())])
        return dataset.sparkSession.createDataFrame([(float(res.pvalue), float(res.statistic))],
                                                    schema)
