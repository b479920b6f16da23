"""`Correlation.corr(df, col, method)`: Pearson from one distributed Gram-matrix pass; Spearman
as Pearson of the column ranks (average ranks for ties, as Spark)."""

from __future__ import annotations

from typing import Any

import numpy as np

from dfengine.errors import IllegalArgumentException
from dfengine.ml.linalg import DenseMatrix
from dfengine.ml.stat._stats import covariance, gram


def pearson(cov: np.ndarray) -> np.ndarray:
    sd = np.sqrt(np.diag(cov))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.outer(sd, sd)
    np.fill_diagonal(corr, 1.0)
    corr[:, sd == 0] = np.nan
    corr[sd == 0, :] = np.nan
    np.fill_diagonal(corr, 1.0)   # Spark keeps 1.0 on the diagonal of constant columns
    return corr


class _MatrixResult:
    """The one-row result of `Correlation.corr` (a Matrix cell): `head()`, `first()`,
    `collect()`, `columns` and `show()` as on a DataFrame."""

    def __init__(self, name: str, matrix: DenseMatrix):
        from dfengine.sql.types import Row

        self.columns = [name]
        self._row = Row(**{name: matrix})

    def head(self, n: int | None = None) -> Any:
        return self._row if n is None else [self._row][:n]

    first = head

    def collect(self) -> list:
        return [self._row]

    def take(self, n: int) -> list:
        return [self._row][:n]

    def count(self) -> int:
        return 1

    def show(self, n: int = 20, truncate: bool = True) -> None:
        print(f"{self.columns[0]}\n{self._row[0]}")


class Correlation:
    @staticmethod
    def corr(dataset: Any, column: str, method: str = "pearson") -> Any:
        if method == "pearson":
            n, s, g = gram(dataset, column)
            corr = pearson(covariance(n, s, g))
        elif method == "spearman":
            from scipy.stats import rankdata

            from dfengine.ml.linalg.arrow import vector_column_to_matrix

            X, nulls = vector_column_to_matrix(dataset.select(column).toArrow().column(0),
                                               column)
            R = rankdata(X[~nulls], axis=0)
            n = R.shape[0]
            corr = pearson(covariance(n, R.sum(axis=0), R.T @ R))
        else:
            raise IllegalArgumentException(
                f"Cannot find a correlation method named {method}; use pearson or spearman.")
        return _MatrixResult(f"{method}({column})", DenseMatrix._from_array(corr))
