"""Defaults returned by `spark.conf.get(key)` for keys the user has not set."""

DEFAULTS = {
    "spark.sql.shuffle.partitions": "200",
    "spark.sql.autoBroadcastJoinThreshold": "10485760",
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.caseSensitive": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "true",
    "dfengine.optimizer.enabled": "true",
    "dfengine.optimizer.excludedRules": "",
    "spark.sql.optimizer.excludedRules": "",
    "dfengine.ui.showProgress": "true",
    "dfengine.execution.localScheduler": "threads",
    "spark.sql.warehouse.dir": "spark-warehouse",
    "spark.sql.sources.default": "parquet",
    "spark.sql.sources.partitionOverwriteMode": "STATIC",
    "spark.sql.catalogImplementation": "in-memory",
}
