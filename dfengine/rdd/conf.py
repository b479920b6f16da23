"""`SparkConf`: key/value settings of a SparkContext, with PySpark's setters."""

from __future__ import annotations

from typing import Any


class SparkConf:
    """Configuration for a SparkContext (`spark.master`, `spark.app.name`, any other key)."""

    def __init__(self, loadDefaults: bool = True, _jvm: Any = None, _jconf: Any = None):
        self._conf: dict[str, Any] = {}

    def set(self, key: str, value: Any) -> SparkConf:
        self._conf[key] = value if not isinstance(value, bool) else str(value).lower()
        return self

    def setIfMissing(self, key: str, value: Any) -> SparkConf:
        if key not in self._conf:
            self.set(key, value)
        return self

    def setMaster(self, value: str) -> SparkConf:
        return self.set("spark.master", value)

    def setAppName(self, value: str) -> SparkConf:
        return self.set("spark.app.name", value)

    def setSparkHome(self, value: str) -> SparkConf:
        return self.set("spark.home", value)

    def setExecutorEnv(self, key: str | None = None, value: str | None = None,
                       pairs: list | None = None) -> SparkConf:
        if key is not None:
            self.set(f"spark.executorEnv.{key}", value)
        for k, v in pairs or ():
            self.set(f"spark.executorEnv.{k}", v)
        return self

    def setAll(self, pairs: list[tuple[str, Any]]) -> SparkConf:
        for k, v in pairs:
            self.set(k, v)
        return self

    def get(self, key: str, defaultValue: Any = None) -> Any:
        return self._conf.get(key, defaultValue)

    def getAll(self) -> list[tuple[str, Any]]:
        return list(self._conf.items())

    def contains(self, key: str) -> bool:
        return key in self._conf

    def toDebugString(self) -> str:
        return "\n".join(f"{k}={v}" for k, v in self._conf.items())

    def copy(self) -> SparkConf:
        c = SparkConf()
        c._conf = dict(self._conf)
        return c
