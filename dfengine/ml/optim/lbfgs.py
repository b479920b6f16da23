"""Driver-side quasi-Newton loop: scipy's L-BFGS-B over a distributed loss/gradient.

L1 terms are handled by splitting each penalized coefficient into a positive and a negative
part, `b = p - q` with `p, q >= 0`: then `|b| = p + q` at the optimum and the problem is smooth
with bound constraints, which L-BFGS-B solves exactly (the same minimizer OWL-QN finds, with a
solver that is already well tested). With no L1 term the variables are used as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

WINDOW = 5


@dataclass
class OptimResult:
    x: np.ndarray
    objective_history: list[float]
    iterations: int


def minimize_lbfgs(fun_grad: Callable[[np.ndarray], tuple[float, np.ndarray]],
                   x0: np.ndarray, l1: np.ndarray | None, max_iter: int,
                   tol: float) -> OptimResult:
    """Minimize `f(x) + sum(l1 * |x|)` where `fun_grad` returns `(f(x), grad f(x))`.

    `tol` is Spark's (Breeze's) rule: stop when the objective decreased by less than
    `tol` (relative) over the last `WINDOW` iterations. scipy's own one-step `ftol` rule stops
    far earlier on flat valleys, which costs digits in the coefficients.
    """
    n = x0.size
    history: list[float] = []
    if l1 is None or not np.any(l1 > 0):
        def f(x: np.ndarray) -> tuple[float, np.ndarray]:
            return fun_grad(x)
        z0, bounds = x0.copy(), None
    else:
        pen = np.flatnonzero(l1 > 0)
        free = np.flatnonzero(l1 <= 0)
        lam = l1[pen]

        def unpack(z: np.ndarray) -> np.ndarray:
            x = np.empty(n)
            x[free] = z[:free.size]
            x[pen] = z[free.size:free.size + pen.size] - z[free.size + pen.size:]
            return x

        def f(z: np.ndarray) -> tuple[float, np.ndarray]:
            x = unpack(z)
            val, g = fun_grad(x)
            pz = z[free.size:free.size + pen.size]
            qz = z[free.size + pen.size:]
            val = val + float(lam @ (pz + qz))
            gz = np.concatenate([g[free], g[pen] + lam, -g[pen] + lam])
            return val, gz

        xp = x0[pen]
        z0 = np.concatenate([x0[free], np.maximum(xp, 0), np.maximum(-xp, 0)])
        bounds = [(None, None)] * free.size + [(0, None)] * (2 * pen.size)

    first = f(z0)
    history.append(float(first[0]))
    cache = {"z": z0.copy(), "val": first}

    def cached(z: np.ndarray) -> tuple[float, np.ndarray]:
        if cache["z"] is not None and np.array_equal(z, cache["z"]):
            return cache["val"]
        val = f(z)
        cache["z"], cache["val"] = z.copy(), val
        return val

    def callback(intermediate_result) -> None:
        history.append(float(intermediate_result.fun))
        if len(history) > WINDOW:
            old, new = history[-1 - WINDOW], history[-1]
            if old - new <= tol * max(abs(new), 1e-12):
                raise StopIteration

    if max_iter <= 0:
        z = z0
        nit = 0
    else:
        res = minimize(cached, z0, jac=True, method="L-BFGS-B", bounds=bounds,
                       callback=callback,
                       options={"maxiter": max_iter, "ftol": 1e-15, "gtol": 1e-12,
                                "maxcor": 10, "maxfun": max_iter * 20 + 20})
        z = res.x
        nit = int(res.nit)
    x = z if bounds is None else unpack(z)
    return OptimResult(np.asarray(x, dtype=np.float64), history, nit)
