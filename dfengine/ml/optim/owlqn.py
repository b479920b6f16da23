"""OWL-QN exactly as Spark runs it (Breeze 2.1's `OWLQN` with m = 10), so that a fit stopped
by `maxIter` stops at Spark's point and reports Spark's objective history.

Spark uses OWL-QN for LogisticRegression and LinearRegression (L-BFGS solver) when the
elastic-net L1 part is not zero, and for LinearSVC always (with no L1). The steps, in Breeze's
order and arithmetic:

* state: `x`, the smooth value and gradient `f, g`, the adjusted value `f + sum l1 |x|` and
  the pseudo-gradient (`g + l1 sign(x)`; at `x = 0` the smallest-magnitude subgradient);
* direction: the L-BFGS two-loop product with the pseudo-gradient (history of the last 10
  `(x step, smooth gradient step)` pairs, newest first, scaled by `s.y / y.y`), with the
  components whose sign agrees with the pseudo-gradient zeroed;
* step: Breeze's backtracking line search (Armijo 1e-4, strong Wolfe 0.9, grow 2.1; shrink
  0.1 and start `0.5 / |g|` on the first iteration, shrink 0.5 and start 1 afterwards) along
  the direction, each trial point projected on the orthant of `x` (or of `-pseudo-gradient`
  where `x` is 0). Its first trial compares the *smooth* value at `x` (Breeze passes
  `state.value`) against the Armijo bound, as Breeze does;
* stop: `iter >= maxIter`, or `|pseudo-gradient| <= max(tol * |adjusted value|, 1e-8)`, or the
  adjusted value within `tol * |initial adjusted value|` of the largest of the last 20 (this
  one cannot fire in the first 20 iterations: Breeze seeds that window with +inf), or a second
  line-search failure in a row (the first resets the history, and the state is repeated in the
  objective history, as in Spark).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dfengine.ml.optim.lbfgs import OptimResult

MEMORY = 10
FVAL_MEMORY = 20


class _Failure(Exception):
    """Breeze's FirstOrderException (line search failed, step under/overflow, NaN history)."""


class _State:
    __slots__ = ("x", "value", "grad", "adj_value", "adj_grad", "iter")

    def __init__(self, x, value, grad, adj_value, adj_grad, it):
        self.x, self.value, self.grad = x, value, grad
        self.adj_value, self.adj_grad, self.iter = adj_value, adj_grad, it


def _adjust(x: np.ndarray, g: np.ndarray, value: float, l1: np.ndarray
            ) -> tuple[float, np.ndarray]:
    """OWLQN.adjust: the value with the L1 term and the pseudo-gradient."""
    pen = l1 != 0.0
    terms = np.abs(l1[pen] * x[pen])
    # added one by one to the value, as Breeze does (cumsum is sequential)
    adj_value = float(np.cumsum(np.concatenate([[value], terms]))[-1]) if terms.size else value
    at_zero = np.where(g - l1 > 0, g - l1, np.where(g + l1 < 0, g + l1, 0.0))
    pseudo = np.where(x == 0.0, at_zero, g + np.sign(x) * l1)
    return adj_value, np.where(pen, pseudo, g)


def _two_loop(grad: np.ndarray, steps: list, deltas: list) -> np.ndarray:
    """Breeze's ApproximateInverseHessian * grad, negated (`steps`/`deltas` newest first)."""
    if steps:
        sy, yy = float(steps[0] @ deltas[0]), float(deltas[0] @ deltas[0])
        if not sy > 0 or yy == 0:
            # Breeze's doubles give NaN here (0/0 when the gradient did not change, as on a
            # flat stretch of the hinge loss) and the search restarts without history
            raise _Failure("NaN history")
        diag = sy / yy
    else:
        diag = 1.0
    d = grad.copy()
    alphas, rhos = [], []
    for s, y in zip(steps, deltas):
        rho = float(s @ y)
        a = float(s @ d) / rho
        if np.isnan(a):
            raise _Failure("NaN history")
        d -= a * y
        alphas.append(a)
        rhos.append(rho)
    d *= diag
    for i in range(len(steps) - 1, -1, -1):
        beta = float(deltas[i] @ d) / rhos[i]
        d += (alphas[i] - beta) * steps[i]
    return -d


def _take_step(state: _State, d: np.ndarray, alpha: float) -> np.ndarray:
    stepped = state.x + d * alpha
    orthant = np.where(state.x != 0, np.sign(state.x), np.sign(-state.adj_grad))
    return stepped * (np.sign(stepped) == np.sign(orthant))


def _line_search(ff: Callable[[float], tuple[float, float]], init_fval: float, init: float,
                 shrink: float) -> float:
    """Breeze's BacktrackingLineSearch(init_fval, shrinkStep=shrink).minimize(ff, init)."""
    grow, c_armijo, c_wolfe, max_iter = 2.1, 1e-4, 0.9, 20
    f0, df0 = ff(0.0)
    alpha, fval, fderiv, it = init, init_fval, ff(init)[1], 0
    while True:
        if fval > f0 + alpha * df0 * c_armijo:
            mult = shrink
        elif fderiv < c_wolfe * df0:
            mult = grow
        elif fderiv > -c_wolfe * df0:
            mult = shrink
        else:
            return alpha
        new_alpha = alpha * mult
        if it >= max_iter or new_alpha < 1e-10 or new_alpha > 1e10:
            raise _Failure("line search failed")
        fval, fderiv = ff(new_alpha)
        if it + 1 >= max_iter:      # Breeze's takeWhile drops the 20th trial: keep the 19th
            return alpha
        alpha, it = new_alpha, it + 1


def _step(fun_grad: Callable, state: _State, steps: list, deltas: list, l1: np.ndarray
          ) -> _State:
    d = _two_loop(state.adj_grad, steps, deltas)
    d = np.where(d * state.adj_grad < 0, d, 0.0)

    def ff(alpha: float) -> tuple[float, float]:
        x = _take_step(state, d, alpha)
        v, g = fun_grad(x)
        adj_v, adj_g = _adjust(x, g, v, l1)
        return adj_v, float(adj_g @ d)

    first = state.iter < 1
    alpha = _line_search(ff, state.value, 0.5 / float(np.linalg.norm(state.grad)) if first
                         else 1.0, 0.1 if first else 0.5)
    x = _take_step(state, d, alpha)
    v, g = fun_grad(x)
    adj_v, adj_g = _adjust(x, g, v, l1)
    steps.insert(0, x - state.x)
    deltas.insert(0, g - state.grad)
    del steps[MEMORY:], deltas[MEMORY:]
    return _State(x, v, g, adj_v, adj_g, state.iter + 1)


def _converged(state: _State, fvals: list[float], initial: float, max_iter: int,
               tol: float) -> bool:
    if state.iter >= max_iter >= 0:
        return True
    if len(fvals) >= 2 and abs(state.adj_value - max(fvals)) <= tol * abs(initial):
        return True
    return float(np.linalg.norm(state.adj_grad)) <= max(tol * abs(state.adj_value), 1e-8)


def minimize_owlqn(fun_grad: Callable[[np.ndarray], tuple[float, np.ndarray]],
                   x0: np.ndarray, l1: np.ndarray | None, max_iter: int, tol: float
                   ) -> OptimResult:
    """Minimize `f(x) + sum(l1 * |x|)` as Breeze's OWLQN(maxIter, 10, l1, tol) does.

    `objective_history` holds the adjusted value of every state Breeze emits (Spark's
    `objectiveHistory`); `iterations` is the last state's iteration count."""
    x = np.asarray(x0, dtype=np.float64).copy()
    l1 = np.zeros(x.size) if l1 is None else np.asarray(l1, dtype=np.float64)
    cache: dict = {}

    def cached(z: np.ndarray) -> tuple[float, np.ndarray]:
        key = z.tobytes()
        if key not in cache:
            cache.clear()
            val, g = fun_grad(z)
            cache[key] = (float(val), np.asarray(g, dtype=np.float64))
        return cache[key]

    v, g = cached(x)
    adj_v, adj_g = _adjust(x, g, v, l1)
    state = _State(x, v, g, adj_v, adj_g, 0)
    initial, fvals = adj_v, [np.inf]
    history, steps, deltas, failed_once = [adj_v], [], [], False
    while not _converged(state, fvals, initial, max_iter, tol):
        try:
            state = _step(cached, state, steps, deltas, l1)
            fvals = (fvals + [state.adj_value])[-FVAL_MEMORY:]
            failed_once = False
        except _Failure:
            if failed_once:
                break                     # Breeze: searchFailed, the state is emitted again
            failed_once = True
            steps.clear()
            deltas.clear()
        history.append(state.adj_value)
    else:
        return OptimResult(state.x, history, state.iter)
    history.append(state.adj_value)
    return OptimResult(state.x, history, state.iter)
