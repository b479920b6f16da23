"""Driver-side quasi-Newton loop: scipy's L-BFGS-B over a distributed loss/gradient (smooth
objectives; an L1 term goes through `owlqn.minimize_owlqn`, Breeze's OWL-QN as Spark runs it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

WINDOW = 5
MEMORY = 10          # correction pairs kept (Spark's LogisticRegression uses 10)
WIDE = 20_000        # above this many variables the numpy two-loop L-BFGS is used


@dataclass
class OptimResult:
    x: np.ndarray
    objective_history: list[float]
    iterations: int


def minimize_lbfgs(fun_grad: Callable[[np.ndarray], tuple[float, np.ndarray]],
                   x0: np.ndarray, l1: np.ndarray | None, max_iter: int,
                   tol: float) -> OptimResult:
    """Minimize the smooth `f` where `fun_grad` returns `(f(x), grad f(x))` (`l1` must be None
    or zero).

    `tol` is Spark's (Breeze's) rule: stop when the objective decreased by less than
    `tol` (relative) over the last `WINDOW` iterations. scipy's own one-step `ftol` rule stops
    far earlier on flat valleys, which costs digits in the coefficients.
    """
    if l1 is not None and np.any(l1 > 0):
        raise ValueError("minimize_lbfgs takes smooth objectives: use minimize_owlqn for L1")
    if x0.size > WIDE and max_iter > 0:
        return _two_loop_lbfgs(fun_grad, x0, max_iter, tol)
    history: list[float] = []
    f = fun_grad
    z0 = x0.copy()
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
        res = minimize(cached, z0, jac=True, method="L-BFGS-B",
                       callback=callback,
                       options={"maxiter": max_iter, "ftol": 1e-15, "gtol": 1e-12,
                                "maxcor": 10, "maxfun": max_iter * 20 + 20})
        z = res.x
        nit = int(res.nit)
    return OptimResult(np.asarray(z, dtype=np.float64), history, nit)


def _converged(history: list[float], tol: float) -> bool:
    if len(history) <= WINDOW:
        return False
    old, new = history[-1 - WINDOW], history[-1]
    return old - new <= tol * max(abs(new), 1e-12)


def _direction(g: np.ndarray, pairs: list[tuple[np.ndarray, np.ndarray, float]]) -> np.ndarray:
    """The two-loop recursion: minus the inverse-Hessian estimate times `g`."""
    q = g.copy()
    alphas = []
    for s, y, rho in reversed(pairs):
        a = rho * float(s @ q)
        q -= a * y
        alphas.append(a)
    if pairs:
        s, y, _ = pairs[-1]
        q *= float(s @ y) / float(y @ y)
    for (s, y, rho), a in zip(pairs, reversed(alphas)):
        q += s * (a - rho * float(y @ q))
    return -q


def _two_loop_lbfgs(fun_grad: Callable[[np.ndarray], tuple[float, np.ndarray]],
                    x0: np.ndarray, max_iter: int, tol: float) -> OptimResult:
    """L-BFGS with the two-loop recursion in numpy and a strong-Wolfe line search (Breeze's
    design, as Spark uses). scipy's L-BFGS-B spends ~0.1 s per iteration of its own on
    100k+ variables; this costs O(MEMORY * n) vector operations per iteration."""
    from threadpoolctl import threadpool_limits

    evaluate = _Cached(fun_grad)
    x = x0.astype(np.float64, copy=True)
    f, g = evaluate(x)
    history, pairs, old_f, done = [float(f)], [], None, 0
    while done < max_iter:
        with threadpool_limits(1):      # BLAS threads only spin on these vector products
            d = _direction(g, pairs)
        if float(d @ g) >= 0:            # not a descent direction: restart from the gradient
            pairs, d = [], -g
        step = _wolfe_step(evaluate, x, d, g, f, old_f, first=not pairs)
        if step is None:
            break
        x_new = x + step
        f_new, g_new = evaluate(x_new)
        y = g_new - g
        sy = float(step @ y)
        if sy > 1e-12 * float(y @ y):
            pairs = (pairs + [(step, y, 1.0 / sy)])[-MEMORY:]
        old_f, x, f, g = f, x_new, f_new, g_new
        history.append(float(f))
        done += 1
        if _converged(history, tol) or float(np.linalg.norm(g)) <= 1e-12:
            break
    return OptimResult(x, history, done)


class _Cached:
    """`fun_grad` remembering its last point (the line search asks for f and g separately)."""

    def __init__(self, fun_grad: Callable):
        self.fun_grad, self.key, self.value = fun_grad, None, None

    def __call__(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        key = x.tobytes()
        if key != self.key:
            self.key, self.value = key, self.fun_grad(x)
        return self.value


def _wolfe_step(evaluate: _Cached, x: np.ndarray, d: np.ndarray, g: np.ndarray, f: float,
                old_f: float | None, first: bool) -> np.ndarray | None:
    """The step `alpha * d` satisfying the strong Wolfe conditions (first step scaled to unit
    length, as Breeze does), or None when the line search fails."""
    from scipy.optimize import line_search

    scale = 1.0 / max(float(np.linalg.norm(d)), 1e-12) if first else 1.0
    alpha, *_, new_f, _, _ = line_search(
        lambda z: evaluate(z)[0], lambda z: evaluate(z)[1], x, d * scale, g, f, old_f,
        c2=0.9, maxiter=20)
    if alpha is None or new_f is None:
        return None
    return alpha * scale * d
