"""Evaluation of lambda functions (dfengine.plan.lambdas) for the higher-order functions of
the catalogue (dfengine.functions.higher_order).

A `LambdaFunction` argument evaluates to a `LambdaClosure` over the current partition. The
function's implementation flattens its arrays and calls `closure.apply(values, parents)`:
the body is evaluated once over a derived table whose columns are the lambda's parameters
and the outer columns the body reads, each repeated by `parents` (the row of every element).
Nested lambdas nest derived tables; an inner body reads the outer lambda's variables as
columns of the table it was derived from.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.plan.lambdas import LambdaFunction, LambdaVariable


class LambdaClosure:
    def __init__(self, fn: LambdaFunction, table: pa.Table, ctx: Any, evaluate: Any):
        self.fn, self.table, self.ctx, self._evaluate = fn, table, ctx, evaluate
        own = {p.var_id for p in fn.params}
        keys = {a.key for a in fn.body.references()}
        keys |= {x.key for x in fn.body.walk()
                 if isinstance(x, LambdaVariable) and x.var_id not in own}
        self.outer = [k for k in table.column_names if k in keys]

    def apply(self, values: list, parents: Any) -> Any:
        """The body's value for each element: `values[k]` is parameter k's column, and the
        outer columns are taken at `parents`."""
        idx = pa.array(np.asarray(parents, np.int64))
        cols = {k: self.table.column(k).take(idx) for k in self.outer}
        for p, v in zip(self.fn.params, values, strict=False):
            cols[p.key] = v
        derived = pa.table(cols)
        ctx = type(self.ctx)(self.ctx.partition_index, None,
                             None if self.ctx.guard is None or isinstance(self.ctx.guard, pa.Scalar)
                             else self.ctx.guard.take(idx))
        return self._evaluate(self.fn.body, derived, ctx)


def lambda_variable(e: LambdaVariable, table: pa.Table, ctx: Any) -> Any:
    return table.column(e.key)


def lambda_function(e: LambdaFunction, table: pa.Table, ctx: Any) -> Any:
    from dfengine.compute.evaluate import evaluate_column

    return LambdaClosure(e, table, ctx, evaluate_column)
