"""years/months/days/hours/bucket: partition transforms, meaningful only inside
`DataFrameWriterV2.partitionedBy`; anywhere else Spark refuses them when evaluated, and so
does this. They have no SQL name (`F.` only), hence the hidden catalogue names."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from dfengine.errors import SparkRuntimeException
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import INT, returns


def _refuse(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    raise SparkRuntimeException(
        f'The expression "{e.spec.render(e)}" must be inside \'partitionedBy\': partition '
        "transforms only name how a table written with df.writeTo(...).partitionedBy(...) is "
        "partitioned; use year()/month()/to_date()/hour() or hash() to compute values.",
        "PARTITION_TRANSFORM_EXPRESSION_NOT_IN_PARTITIONED_BY")


def _transform(name: str) -> Function:
    return Function(f"__transform_{name}", returns(INT), impl=_refuse, public=False,
                    deterministic=False, render_fn=lambda e, n=name: f"{n}({e.args[-1].sql()})")


define(*(_transform(n) for n in ("years", "months", "days", "hours", "bucket")),
       family="misc")

