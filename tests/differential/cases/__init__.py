"""All differential cases, registered in `harness.REGISTRY` by importing their modules."""

from __future__ import annotations

from ..harness import REGISTRY, Case
from . import (
    cases_actions,
    cases_agg,
    cases_column,
    cases_create,
    cases_edge,
    cases_errors,
    cases_functions,
    cases_io,
    cases_join,
    cases_more_api,
    cases_more_functions,
    cases_select,
    cases_sort_set,
)

ALL_CASES: list[Case] = sorted(REGISTRY.values(), key=lambda c: (c.area, c.name))
