"""Stamp `spark.sql.session.timeZone` onto the expressions that read it (Spark's
TimeZoneAwareExpression.timeZoneId).

A TIMESTAMP is an instant; the session zone decides how it reads as a wall-clock time. The
casts that cross between TIMESTAMP and strings, dates or TIMESTAMP_NTZ, and the functions that
take a timestamp apart or build one from parts (hour(), date_format, from_unixtime,
make_timestamp, ...), get the zone written into the plan when a query is executed, before the
optimizer runs: constant folding then sees the same zone as the tasks, and tasks on remote
workers read it from the plan instead of from a session they do not have.

    Project: [hour(ts)]   --timeZone=Asia/Kolkata-->   Project: [hour(ts) zone=Asia/Kolkata]

In a UTC session nothing is stamped (the kernels' default is UTC).
"""

from __future__ import annotations

import dataclasses
import re

from dfengine import types as T
from dfengine.plan import expressions as E
from dfengine.plan import logical as L

# functions whose kernels read `zone` (dfengine/functions/datetime.py, dateparts.py, json_csv.py,
# timezones.py)
ZONE_AWARE = frozenset({
    "hour", "minute", "second", "date_part", "extract", "date_format", "date_trunc",
    "to_date", "to_timestamp", "to_timestamp_ltz", "unix_timestamp", "to_unix_timestamp",
    "from_unixtime", "make_timestamp", "make_timestamp_ltz", "try_make_timestamp",
    "try_make_timestamp_ltz", "current_date", "convert_timezone", "months_between",
    "timestampadd", "timestampdiff", "localtimestamp", "try_to_timestamp", "interval_add",
    "from_json", "to_json", "from_csv", "to_csv",
})


def session_zone(conf) -> str:
    from dfengine.functions.timezones import zone_id

    return zone_id(str(conf.get("spark.sql.session.timeZone", "UTC")))


def _has_ltz(t: T.DataType) -> bool:
    """TIMESTAMP anywhere in the type (arrays and structs of timestamps cast to string too)."""
    return isinstance(t, T.TimestampType) or re.search(
        r"timestamp(?!_ntz)", t.simpleString()) is not None


def _stamp_expr(zone: str):
    def stamp(e: E.Expression) -> E.Expression | None:
        if isinstance(e, E.Cast) and e.zone != zone and (
                _has_ltz(e.to) or (e.child.resolved and _has_ltz(e.child.data_type))):
            return dataclasses.replace(e, zone=zone)
        if isinstance(e, E.ScalarFunction) and e.zone != zone and e.spec.name in ZONE_AWARE:
            return dataclasses.replace(e, zone=zone)
        sub = getattr(e, "plan", None)
        if isinstance(sub, L.LogicalPlan):
            new = stamp_time_zone(sub, zone)
            return None if new is sub else dataclasses.replace(e, plan=new)
        return None

    return stamp


def stamp_time_zone(plan: L.LogicalPlan, zone: str) -> L.LogicalPlan:
    """`plan` with `zone` written into every zone-aware cast and function."""
    fn = _stamp_expr(zone)

    def node(n: L.LogicalPlan) -> L.LogicalPlan | None:
        if not n.expressions():
            return None
        new = n.map_expressions(lambda e: e.transform_up(fn))
        return None if new == n else new

    return plan.transform_up(node)


def with_time_zone(plan: L.LogicalPlan, conf) -> L.LogicalPlan:
    zone = session_zone(conf)
    return plan if zone == "UTC" else stamp_time_zone(plan, zone)
