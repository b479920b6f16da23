# dfengine.plan imports dfengine.sql.types, whose package imports dfengine.plan: load the
# sql package first so test modules may import optimizer rules directly.
import dfengine.sql  # noqa: F401
