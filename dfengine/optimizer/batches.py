"""The optimizer's one central rule order. Each comment says why a batch sits where it is.

Rule names (the function names) are what `explain("verbose")` prints and what
`dfengine.optimizer.excludedRules` accepts. `RULE_FAMILIES` groups them for the benchmark that
measures each family's effect (`python -m benchmarks.plans`).
"""

from __future__ import annotations

from dfengine.optimizer.driver import Batch
from dfengine.optimizer.rules.collapse_project import collapse_project
from dfengine.optimizer.rules.combine_filters import combine_filters
from dfengine.optimizer.rules.constant_folding import constant_folding
from dfengine.optimizer.rules.eliminate_outer_join import eliminate_outer_join
from dfengine.optimizer.rules.infer_filters_from_disjunctions import infer_filters_from_disjunctions
from dfengine.optimizer.rules.infer_filters_from_joins import infer_filters_from_joins
from dfengine.optimizer.rules.infer_is_not_null import infer_is_not_null
from dfengine.optimizer.rules.inject_semi_join_reduction import inject_semi_join_reduction
from dfengine.optimizer.rules.prune_columns import prune_columns
from dfengine.optimizer.rules.push_down_filter import push_down_filter
from dfengine.optimizer.rules.push_down_join_condition import push_down_join_condition
from dfengine.optimizer.rules.push_down_limit import push_down_limit
from dfengine.optimizer.rules.push_down_semi_join import push_down_semi_join
from dfengine.optimizer.rules.push_filter_into_scan import push_filter_into_scan
from dfengine.optimizer.rules.remove_noop_operators import remove_noop_operators
from dfengine.optimizer.rules.reorder_joins import reorder_joins
from dfengine.optimizer.rules.rewrite_distinct_aggregates import rewrite_distinct_aggregates
from dfengine.optimizer.rules.simplify_booleans import simplify_booleans

FIXED_POINT = 50

BATCHES: tuple[Batch, ...] = (
    # First make expressions canonical: folded literals (CAST('1995-01-01' AS DATE) becomes a
    # date literal that scan pruning can compare) and no trivial operators in the way.
    Batch("simplify", FIXED_POINT, (constant_folding, simplify_booleans, remove_noop_operators,
                                    combine_filters, collapse_project)),
    # DISTINCT aggregates become two plain ones before filters move through aggregates.
    Batch("rewrite distinct", 1, (rewrite_distinct_aggregates,)),
    # Outer joins become inner before pushdown, so filters above them may then reach both
    # sides; pushdown and limit pushdown run together to a fixed point.
    Batch("pushdown", FIXED_POINT, (eliminate_outer_join, push_down_filter,
                                    push_down_join_condition, combine_filters, simplify_booleans,
                                    push_down_limit)),
    # Inference needs the filters already at the join inputs (above), and its new filters need
    # another pushdown pass (below). Run once: inferred filters are not re-inferred.
    Batch("infer filters", 1, (infer_filters_from_disjunctions, infer_filters_from_joins,
                               infer_is_not_null)),
    Batch("pushdown inferred", FIXED_POINT, (push_down_filter, push_down_join_condition,
                                             combine_filters)),
    # Semi/anti joins (decorrelated IN/EXISTS) move below joins that would not shrink their
    # input; that is an estimate, so it needs every filter in place first.
    Batch("semi join pushdown", FIXED_POINT, (push_down_semi_join,)),
    # Join order uses the statistics of filtered inputs, so it comes after all filter
    # movement; join conditions are placed directly, so no pushdown is needed after it.
    Batch("join reorder", 1, (reorder_joins,)),
    # Which inputs meet is now fixed: an aggregate joined with a small input reads only the
    # rows of groups that input keeps.
    Batch("semi join reduction", 1, (inject_semi_join_reduction,)),
    # Filters now sit directly above scans: hand them over (row-group pruning), then read only
    # needed columns. Column pruning must see the pushed filters (their columns are read).
    Batch("scan", 1, (push_filter_into_scan,)),
    Batch("prune columns", 1, (prune_columns,)),
    # Pruning inserts projects; merge and drop the redundant ones.
    Batch("cleanup", FIXED_POINT, (collapse_project, remove_noop_operators)),
)

RULE_FAMILIES: dict[str, tuple[str, ...]] = {
    "predicate pushdown": ("push_down_filter", "push_down_join_condition",
                           "push_down_semi_join", "push_filter_into_scan"),
    "column pruning": ("prune_columns",),
    "simplification": ("rewrite_distinct_aggregates", "constant_folding", "simplify_booleans",
                       "combine_filters", "collapse_project", "remove_noop_operators"),
    "filter inference": ("infer_filters_from_disjunctions", "infer_filters_from_joins",
                         "infer_is_not_null",
                         "eliminate_outer_join"),
    "join reorder": ("reorder_joins",),
    "semi join reduction": ("push_down_semi_join", "inject_semi_join_reduction"),
    "limit pushdown": ("push_down_limit",),
}
