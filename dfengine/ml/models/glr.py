"""GeneralizedLinearRegression by IRLS: every iteration maps one task per block computing the
weighted normal equations `[XᵀWX | XᵀWz]` (intercept column included) and the driver solves
them; the summary (standard errors, t/p values, dispersion, deviances, AIC) follows Spark."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy import special
from scipy import stats as sps

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _checks
from dfengine.ml._frame import require_columns
from dfengine.ml._predict import Predictions
from dfengine.ml.feature._common import TC, Estimator, KwargsInit, P, StateModel
from dfengine.ml.models._common import LinearModelState, append_regression, weight_col
from dfengine.ml.optim.blocks import Blocks
from dfengine.ml.param.shared import (
    HasFeaturesCol,
    HasFitIntercept,
    HasLabelCol,
    HasMaxIter,
    HasPredictionCol,
    HasRegParam,
    HasTol,
    HasWeightCol,
)
from dfengine.ml.util import HasTrainingSummary

MAX_IRLS_FEATURES = 4096   # Spark's WeightedLeastSquares limit

_DEFAULT_LINK = {"gaussian": "identity", "binomial": "logit", "poisson": "log",
                 "gamma": "inverse", "tweedie": None}


class Link:
    def __init__(self, name: str, power: float = 0.0):
        self.name, self.power = name, power

    def link(self, mu: np.ndarray) -> np.ndarray:
        n = self.name
        if n == "identity":
            return mu
        if n == "log":
            return np.log(mu)
        if n == "logit":
            return np.log(mu / (1 - mu))
        if n == "inverse":
            return 1.0 / mu
        if n == "probit":
            return sps.norm.ppf(mu)
        if n == "cloglog":
            return np.log(-np.log1p(-mu))
        if n == "sqrt":
            return np.sqrt(mu)
        return mu ** self.power if self.power != 0 else np.log(mu)   # tweedie power link

    def inv(self, eta: np.ndarray) -> np.ndarray:
        n = self.name
        if n == "identity":
            return eta
        if n == "log":
            return np.exp(eta)
        if n == "logit":
            return special.expit(eta)
        if n == "inverse":
            return 1.0 / eta
        if n == "probit":
            return sps.norm.cdf(eta)
        if n == "cloglog":
            return -np.expm1(-np.exp(eta))
        if n == "sqrt":
            return eta ** 2
        return eta ** (1.0 / self.power) if self.power != 0 else np.exp(eta)

    def deriv(self, mu: np.ndarray) -> np.ndarray:
        """d eta / d mu."""
        n = self.name
        if n == "identity":
            return np.ones_like(mu)
        if n == "log":
            return 1.0 / mu
        if n == "logit":
            return 1.0 / (mu * (1 - mu))
        if n == "inverse":
            return -1.0 / mu ** 2
        if n == "probit":
            return 1.0 / sps.norm.pdf(sps.norm.ppf(mu))
        if n == "cloglog":
            return 1.0 / ((mu - 1) * np.log1p(-mu))
        if n == "sqrt":
            return 1.0 / (2 * np.sqrt(mu))
        p = self.power
        return p * mu ** (p - 1) if p != 0 else 1.0 / mu


class Family:
    def __init__(self, name: str, var_power: float = 0.0):
        self.name, self.p = name, var_power

    def variance(self, mu: np.ndarray) -> np.ndarray:
        return {"gaussian": np.ones_like(mu), "binomial": mu * (1 - mu), "poisson": mu,
                "gamma": mu ** 2}.get(self.name, mu ** self.p if self.name == "tweedie" else mu)

    def initialize(self, y: np.ndarray, w: np.ndarray) -> np.ndarray:
        if self.name == "binomial":
            return (w * y + 0.5) / (w + 1.0)
        if self.name == "poisson" or (self.name == "tweedie" and self.p > 0):
            return np.where(y == 0, 0.1, y) if self.name == "tweedie" else np.maximum(y, 0.1)
        return y.astype(float)

    def unit_deviance(self, y: np.ndarray, mu: np.ndarray) -> np.ndarray:
        n = self.name
        if n == "gaussian":
            return (y - mu) ** 2
        if n == "binomial":
            return 2 * (special.xlogy(y, y / mu) + special.xlogy(1 - y, (1 - y) / (1 - mu)))
        if n == "poisson":
            return 2 * (special.xlogy(y, y / mu) - (y - mu))
        if n == "gamma":
            return -2 * (np.log(y / mu) - (y - mu) / mu)
        p = self.p
        if p == 0:
            return (y - mu) ** 2
        if p == 1:
            return 2 * (special.xlogy(y, y / mu) - (y - mu))
        if p == 2:
            return -2 * (np.log(y / mu) - (y - mu) / mu)
        return 2 * (y ** (2 - p) / ((1 - p) * (2 - p)) - y * mu ** (1 - p) / (1 - p)
                    + mu ** (2 - p) / (2 - p))


def _with_intercept(X: Any, icpt: bool) -> Any:
    """The design matrix (dense or CSR) with a column of ones when fitting an intercept."""
    if not icpt:
        return X
    if sp.issparse(X):
        return sp.hstack([X, np.ones((X.shape[0], 1))], format="csr")
    return np.column_stack([X, np.ones(X.shape[0])])


def _irls_block(block: tuple, beta: np.ndarray, fam: Family, link: Link, icpt: bool,
                first: bool) -> np.ndarray:
    X, y, w = block
    Xa = _with_intercept(X, icpt)
    if first:
        mu = fam.initialize(y, w)
        eta = link.link(mu)
    else:
        eta = Xa @ beta
        mu = link.inv(eta)
    d = link.deriv(mu)
    z = eta + (y - mu) * d
    W = w / (d * d * fam.variance(mu))
    out = np.empty(Xa.shape[1] * (Xa.shape[1] + 1) + 2)
    k = Xa.shape[1]
    xtw = Xa.T.multiply(W[None, :]).tocsr() if sp.issparse(Xa) else Xa.T * W
    gram = xtw @ Xa
    out[: k * k] = (gram.toarray() if sp.issparse(gram) else gram).ravel()
    out[k * k: k * k + k] = xtw @ z
    out[-2] = float(np.sum(w * fam.unit_deviance(y, mu)))
    out[-1] = float(W.sum())
    return out


def _summary_block(block: tuple, beta: np.ndarray, fam: Family, link: Link, icpt: bool,
                   null_mu: float) -> np.ndarray:
    X, y, w = block
    mu = link.inv(_with_intercept(X, icpt) @ beta)
    var = fam.variance(mu)
    return np.array([float(np.sum(w * (y - mu) ** 2 / var)),
                     float(np.sum(w * fam.unit_deviance(y, mu))),
                     float(np.sum(w * fam.unit_deviance(y, np.full_like(y, null_mu)))),
                     float(np.sum(w)), float(len(y)), float(np.sum(w * y)),
                     _loglik(fam, y, mu, w)])


def _loglik(fam: Family, y: np.ndarray, mu: np.ndarray, w: np.ndarray) -> float:
    if fam.name == "poisson":
        return float(np.sum(w * sps.poisson.logpmf(np.round(y), mu)))
    if fam.name == "binomial":
        n = np.round(w)
        return float(np.sum(np.where(n == 0, 0.0, sps.binom.logpmf(np.round(y * w), n, mu))))
    return 0.0


class _GLRParams(HasFeaturesCol, HasLabelCol, HasPredictionCol, HasFitIntercept, HasMaxIter,
                 HasTol, HasRegParam, HasWeightCol):
    family = P("family", "The name of family which is a description of the error distribution "
               "to be used in the model. Supported options: gaussian (default), binomial, "
               "poisson, gamma and tweedie.", TC.toString)
    link = P("link", "The name of link function which provides the relationship between the "
             "linear predictor and the mean of the distribution function. Supported options: "
             "identity, log, inverse, logit, probit, cloglog and sqrt.", TC.toString)
    linkPredictionCol = P("linkPredictionCol", "link prediction (linear predictor) column "
                          "name", TC.toString)
    variancePower = P("variancePower", "The power in the variance function of the Tweedie "
                      "distribution.", TC.toFloat)
    linkPower = P("linkPower", "The index in the power link function.", TC.toFloat)
    solver = P("solver", "The solver algorithm for optimization.", TC.toString)
    offsetCol = P("offsetCol", "The offset column name.", TC.toString)
    aggregationDepth = P("aggregationDepth", "suggested depth for treeAggregate (>= 2).",
                         TC.toInt)
    _defaults = {"family": "gaussian", "maxIter": 25, "tol": 1e-6, "regParam": 0.0,
                 "solver": "irls", "variancePower": 0.0, "fitIntercept": True,
                 "aggregationDepth": 2}

    def _family_link(self) -> tuple[Family, Link]:
        fam = Family(self.getFamily().lower(), self.getVariancePower())
        if fam.name not in _DEFAULT_LINK:
            raise IllegalArgumentException(f"GeneralizedLinearRegression: unknown family "
                                           f"{fam.name}.")
        if fam.name == "tweedie":
            lp = self.getLinkPower() if self.isSet("linkPower") else 1.0 - fam.p
            return fam, Link("power", lp)
        name = self.getLink() if self.isSet("link") else _DEFAULT_LINK[fam.name]
        return fam, Link(name)


class GeneralizedLinearRegression(KwargsInit, Estimator, _GLRParams):
    """Generalized linear models fitted by iteratively reweighted least squares."""

    def _fit(self, dataset: Any) -> GeneralizedLinearRegressionModel:
        fam, link = self._family_link()
        w = weight_col(self)
        require_columns(dataset, [self.getFeaturesCol(), self.getLabelCol()] + ([w] if w else []))
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), self.getLabelCol(), w,
                                       sparse=True, empty=_checks.empty_head())
        icpt = self.getFitIntercept()
        try:
            d = blocks.n_features
            if d > MAX_IRLS_FEATURES:
                raise IllegalArgumentException(
                    f"GeneralizedLinearRegression was given data with {d} features, and the "
                    f"number of features should be <= {MAX_IRLS_FEATURES} (IRLS solves a "
                    f"d x d system). Reduce the features, or use LinearRegression / "
                    f"LogisticRegression (L-BFGS) for wide data.")
            k = d + (1 if icpt else 0)
            mom = blocks.moments()
            # Spark's WeightedLeastSquares: L2 on standardized features (population std);
            # gaussian+identity also standardizes the label (penalty / label std).
            pop = np.sqrt(max(mom.weight_sum - 1.0, 0.0) / mom.weight_sum)
            std = mom.std * pop
            reg = self.getRegParam()
            if fam.name == "gaussian" and link.name == "identity" and reg > 0:
                reg /= max(mom.label_std * pop, 1e-300)
            beta, it, XtWX = np.zeros(k), 0, None
            for it in range(1, self.getMaxIter() + 1):
                r = blocks.reduce_sum(_irls_block, beta, fam, link, icpt, it == 1)
                XtWX = r[: k * k].reshape(k, k)
                A = XtWX.copy()
                wsum = r[-1]
                A[np.arange(d), np.arange(d)] += reg * wsum * std ** 2
                new = np.linalg.solve(A, r[k * k: k * k + k])
                done = it > 1 and np.max(np.abs(new - beta)) <= self.getTol() * max(
                    np.max(np.abs(beta)), 1e-12)
                beta = new
                if done:
                    break
            # Spark's standard errors read the inverse of the last (regularized) IRLS system
            summary = self._summary(blocks, beta, fam, link, icpt, A if XtWX is not None
                                    else XtWX, d, it)
        finally:
            blocks.release()
        model = GeneralizedLinearRegressionModel(
            coefficients=beta[:d], intercept=float(beta[d]) if icpt else 0.0)
        self._copyValues(model)
        return model._set_summary(
            GeneralizedLinearRegressionTrainingSummary(model, summary, dataset))

    def _summary(self, blocks: Blocks, beta: np.ndarray, fam: Family, link: Link, icpt: bool,
                 XtWX: np.ndarray, d: int, iterations: int) -> dict:
        out = dataset_stats(blocks, beta, fam, link, icpt)
        cov = np.linalg.inv(XtWX) * out["dispersion"]
        se = np.sqrt(np.diag(cov))
        order = list(range(d)) + ([d] if icpt else [])
        t = beta / se
        dof = out["residualDegreeOfFreedom"]
        p = (2 * sps.norm.sf(np.abs(t)) if fam.name in ("binomial", "poisson")
             else 2 * sps.t.sf(np.abs(t), dof))
        out.update({"coefficientStandardErrors": se[order].tolist(),
                    "tValues": t[order].tolist(), "pValues": p[order].tolist(),
                    "numIterations": iterations, "solver": self.getSolver()})
        return out


def dataset_stats(blocks: Blocks, beta: np.ndarray, fam: Family, link: Link,
                  icpt: bool) -> dict:
    """The summary values that depend on the dataset only (one pass over its blocks):
    dispersion, deviances, degrees of freedom, AIC, rank, number of instances."""
    mom = blocks.moments()
    null_mu = mom.label_mean if icpt else float(link.inv(np.zeros(1))[0])
    pearson, dev, null_dev, wsum, n, _, ll = blocks.reduce_sum(
        _summary_block, beta, fam, link, icpt, null_mu)
    rank = beta.size
    dof = n - rank
    disp = 1.0 if fam.name in ("binomial", "poisson") else pearson / dof
    aic = _aic(fam, dev, n, wsum, ll) + 2 * rank
    return {"dispersion": float(disp), "deviance": float(dev),
            "nullDeviance": float(null_dev), "residualDegreeOfFreedom": int(dof),
            "residualDegreeOfFreedomNull": int(n - (1 if icpt else 0)), "aic": float(aic),
            "rank": rank, "numInstances": int(n)}


def _aic(fam: Family, dev: float, n: float, wsum: float, ll: float) -> float:
    if fam.name == "gaussian":
        return n * (np.log(dev / n * 2.0 * np.pi) + 1.0) + 2.0
    if fam.name in ("poisson", "binomial"):
        return -2.0 * ll
    if fam.name == "gamma":
        return float("nan")
    return float("nan")


class _GLRPredict:
    def __init__(self, coef: np.ndarray, b: float, link: Link):
        self.coef, self.b, self.link = coef, b, link

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.link.inv(X @ self.coef + self.b)


class GeneralizedLinearRegressionModel(HasTrainingSummary, LinearModelState, StateModel,
                                       _GLRParams):

    def predict(self, value: Any) -> float:
        return float(self._predictor()(np.asarray(value.toArray())[None])[0])

    def evaluate(self, dataset: Any) -> GeneralizedLinearRegressionSummary:
        """The model's deviances, dispersion, AIC and residuals on `dataset`."""
        fam, link = self._family_link()
        icpt = self.getFitIntercept()
        beta = np.append(np.asarray(self._coefficients), self._intercept) if icpt else \
            np.asarray(self._coefficients, dtype=np.float64)
        w = weight_col(self)
        blocks = Blocks.from_dataframe(dataset, self.getFeaturesCol(), self.getLabelCol(), w,
                                       sparse=True)
        try:
            values = dataset_stats(blocks, beta, fam, link, icpt)
        finally:
            blocks.release()
        return GeneralizedLinearRegressionSummary(self, values, dataset)

    def _predictor(self) -> _GLRPredict:
        return _GLRPredict(np.asarray(self._coefficients), float(self._intercept),
                           self._family_link()[1])

    def _transform(self, dataset: Any) -> Any:
        return append_regression(self, dataset, self._predictor(), sparse=True)


class GeneralizedLinearRegressionSummary(Predictions):
    """PySpark's GeneralizedLinearRegressionSummary: the model on a dataset (deviances,
    dispersion, AIC, degrees of freedom, predictions, residuals)."""

    _NAMES = ("aic", "deviance", "dispersion", "nullDeviance", "numInstances", "rank",
              "residualDegreeOfFreedom", "residualDegreeOfFreedomNull")

    def __init__(self, model: GeneralizedLinearRegressionModel, values: dict, dataset: Any):
        super().__init__(model, dataset)
        self._v = values

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | {k for k in self._v if k in self._names()})

    def _names(self) -> tuple:
        return self._NAMES


    def __getattr__(self, name: str) -> Any:
        v = self.__dict__.get("_v", {})
        if name in v and name in self._names():
            return v[name]
        raise AttributeError(name)

    @property
    def degreesOfFreedom(self) -> int:
        return self._v["residualDegreeOfFreedom"]

    def residuals(self, residualsType: str = "deviance") -> Any:
        """A DataFrame with one column `<type>Residuals` (deviance, pearson, working,
        response), computed on the training data."""
        from dfengine.ml import _frame
        from dfengine.sql.types import DoubleType, StructField

        m = self._model
        fam, link = m._family_link()
        if residualsType not in ("deviance", "pearson", "working", "response"):
            raise IllegalArgumentException(f"Unsupported residuals type {residualsType}.")
        name = f"{residualsType}Residuals"
        fn = _Residuals(m.getFeaturesCol(), m.getLabelCol(), weight_col(m), name,
                        residualsType, m._predictor(), fam, link)
        out = _frame.with_new_columns(self._dataset, fn, [StructField(name, DoubleType(), True)])
        return out.select(name)


class GeneralizedLinearRegressionTrainingSummary(GeneralizedLinearRegressionSummary):
    """The training summary: also standard errors, t and p values, iterations, solver."""

    _NAMES = GeneralizedLinearRegressionSummary._NAMES + (
        "coefficientStandardErrors", "tValues", "pValues", "numIterations", "solver")


class _Residuals:
    def __init__(self, features: str, label: str, weight: str | None, name: str, kind: str,
                 predict: _GLRPredict, fam: Family, link: Link):
        self.features, self.label, self.weight, self.name = features, label, weight, name
        self.kind, self.predict, self.fam, self.link = kind, predict, fam, link

    def __call__(self, table: Any) -> dict:
        import pyarrow as pa

        from dfengine.ml.models._common import xyw

        X, y, w = xyw(table, self.features, self.label, self.weight)
        mu = self.predict(X)
        if self.kind == "response":
            r = y - mu
        elif self.kind == "working":
            r = (y - mu) * self.link.deriv(mu)
        elif self.kind == "pearson":
            r = (y - mu) * np.sqrt(w / self.fam.variance(mu))
        else:
            r = np.sign(y - mu) * np.sqrt(np.maximum(w * self.fam.unit_deviance(y, mu), 0))
        return {self.name: pa.array(r, pa.float64())}
