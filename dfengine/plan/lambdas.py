"""Lambda functions of higher-order functions (`transform(xs, x -> x + 1)`,
`F.transform("xs", lambda x: x + 1)`): Spark's LambdaFunction and NamedLambdaVariable.

Both front ends build a `LambdaFunction` whose parameters are untyped `LambdaVariable`s with
fresh ids; the body refers to them by id (the SQL translator maps the written names, the
Python lambda receives Columns of them). Outer columns in the body stay ordinary column
references. Once the higher-order function's other arguments are resolved, `bind_lambdas`
gives each variable the type the catalogue entry's `lambda_args` assigns (the element type of
the array, the key and value types of the map, the accumulator type of `aggregate`), as
Spark's ResolveLambdaVariables does, and the body then resolves like any expression.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from dfengine import types as T
from dfengine.errors import AnalysisException
from dfengine.plan import expressions as E

_var_ids = itertools.count(1)


@dataclass(frozen=True)
class LambdaVariable(E.Expression):
    """A parameter of a lambda (Spark's NamedLambdaVariable); untyped until bound.
    Execution reads its values from the column `key` of the lambda's derived table."""

    name: str
    dtype: T.DataType | None = None
    is_nullable: bool = True
    var_id: int = field(default_factory=lambda: next(_var_ids))

    @property
    def resolved(self) -> bool:
        return self.dtype is not None

    @property
    def data_type(self) -> T.DataType:
        if self.dtype is None:
            raise AnalysisException(
                f"The lambda variable `{self.name}` is used outside of its lambda function.",
                "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION")
        return self.dtype

    @property
    def nullable(self) -> bool:
        return self.is_nullable

    @property
    def foldable(self) -> bool:
        return False

    @property
    def key(self) -> str:
        return f"__lambda_{self.name}#{self.var_id}"

    def sql(self) -> str:
        return "namedlambdavariable()"


@dataclass(frozen=True)
class LambdaFunction(E.Expression):
    """`(x, i) -> body`: the body and the parameters it binds."""

    body: E.Expression
    params: tuple[LambdaVariable, ...]
    _child_fields = ("body", "params")

    @property
    def data_type(self) -> T.DataType:
        return self.body.data_type

    @property
    def nullable(self) -> bool:
        return self.body.nullable

    @property
    def foldable(self) -> bool:
        return False

    def sql(self) -> str:
        names = ", ".join(p.sql() for p in self.params)
        return f"lambdafunction({self.body.sql()}, {names})"

    def bind(self, types: list[tuple[T.DataType, bool]]) -> LambdaFunction:
        """The lambda with its parameters typed: the body's references follow."""
        if len(types) < len(self.params):
            raise AnalysisException(
                f"A higher order function expects {len(types)} arguments, but the lambda "
                f"function has {len(self.params)}: {self.sql()}.",
                "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH")
        typed = {p.var_id: LambdaVariable(p.name, t, n, p.var_id)
                 for p, (t, n) in zip(self.params, types, strict=False)}

        def swap(x: E.Expression) -> E.Expression | None:
            if isinstance(x, LambdaVariable) and x.var_id in typed:
                return typed[x.var_id]
            return None

        return LambdaFunction(self.body.transform_up(swap),
                              tuple(typed[p.var_id] for p in self.params))


def identity_lambda() -> LambdaFunction:
    """`x -> x`: aggregate's default finish."""
    x = LambdaVariable("x")
    return LambdaFunction(x, (x,))


def is_higher_order(e: E.Expression) -> bool:
    return isinstance(e, E.ScalarFunction) and any(isinstance(a, LambdaFunction) for a in e.args)


def bind_lambdas(e: E.Expression) -> E.Expression:
    """Type the lambda variables of every higher-order call in `e` whose other arguments are
    resolved, outermost first (an inner lambda may read the outer one's variables)."""
    if not any(isinstance(x, LambdaFunction) for x in e.walk()):
        return e
    return _bind(e)


def _bind(e: E.Expression) -> E.Expression:
    """The plain arguments first (`filter(transform(xs, ...), ...)` needs the type of the
    inner call), then the call's own lambdas, then the lambdas' bodies."""
    if not is_higher_order(e):
        return e.map_children(_bind)
    args = tuple(a if isinstance(a, LambdaFunction) else _bind(a) for a in e.args)
    e = E.ScalarFunction(e.name, args, e.ansi)
    if not e.resolved:
        e = _bind_call(e)
    return E.ScalarFunction(e.name, tuple(
        LambdaFunction(_bind(a.body), a.params) if isinstance(a, LambdaFunction) else a
        for a in e.args), e.ansi)


def _bind_call(e: E.ScalarFunction) -> E.Expression:
    plain = [a for a in e.args if not isinstance(a, LambdaFunction)]
    if not all(a.resolved for a in plain):
        return e
    rule = getattr(e.spec, "lambda_args", None)
    if rule is None:
        raise AnalysisException(f"The function `{e.name}` does not take a lambda function.",
                                "INVALID_LAMBDA_FUNCTION_CALL")
    args = list(e.args)
    for i, a in enumerate(args):
        if isinstance(a, LambdaFunction) and not a.resolved:
            args[i] = a.bind(rule(e.name, tuple(args), i))
    return E.ScalarFunction(e.name, tuple(args), e.ansi)
