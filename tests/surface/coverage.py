"""How much of PySpark's public API dfengine has, class by class.

The name lists come from the installed `pyspark` (public names of `pyspark.sql.functions`
and of the classes below), so a newer PySpark raises the bar by itself. Niche families that
issue 14 leaves out (sketches, variant, geospatial, xml/xpath, the TIME type, aes) and the
members PySpark documents as Spark Connect only are counted apart, never hidden: the table
shows both the raw share and the share of the rest.

Run `python -m tests.surface.coverage` to print the table.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field

NICHE_FUNCTIONS = re.compile(
    r"^(kll_|theta_|tuple_|hll_|bitmap_|st_|xpath|aes_|try_aes_|"
    r"(try_)?variant_|is_variant_null$|is_valid_variant$|schema_of_variant|to_variant_object$|"
    r"from_xml$|to_xml$|schema_of_xml$|"
    r"time_|make_time$|to_time$|try_to_time$|current_time$)")

# Members PySpark documents as "Spark Connect only" (artifact upload, the Connect client,
# progress handlers): they have no meaning for an in-process engine.
CONNECT_ONLY = {
    "SparkSession": {"addArtifact", "addArtifacts", "copyFromLocalToFs", "client",
                     "registerProgressHandler", "removeProgressHandler",
                     "clearProgressHandlers"},
    "DataFrame": {"executionInfo"},
}


@dataclass
class Coverage:
    name: str
    names: list[str]
    present: list[str]
    niche: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        have = set(self.present)
        return [n for n in self.names if n not in have and n not in self.niche]

    def row(self) -> str:
        core = [n for n in self.names if n not in self.niche]
        have_core = len(core) - len(self.missing)
        raw = len(self.present)
        pct = 100.0 * have_core / len(core) if core else 100.0
        return (f"| {self.name} | {raw}/{len(self.names)} | {len(self.niche)} | "
                f"{have_core}/{len(core)} | {pct:.1f}% |")


def public_names(obj: object) -> list[str]:
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def has_member(target: object, name: str) -> bool:
    """Whether `target` (a class or an instance) defines `name`, without calling a
    catch-all `__getattr__` (Column answers every name with a struct field)."""
    cls = target if inspect.isclass(target) else type(target)
    if any(name in vars(k) for k in cls.__mro__):
        return True
    return not inspect.isclass(target) and name in getattr(target, "__dict__", {})


def function_names() -> list[str]:
    from pyspark.sql import functions as PF

    return sorted(getattr(PF, "__all__", None) or public_names(PF))


def pyspark_classes() -> dict[str, type]:
    import pyspark.sql as ps
    from pyspark.sql.catalog import Catalog

    return {"DataFrame": ps.DataFrame, "Column": ps.Column, "SparkSession": ps.SparkSession,
            "GroupedData": ps.GroupedData, "DataFrameReader": ps.DataFrameReader,
            "DataFrameWriter": ps.DataFrameWriter, "Catalog": Catalog, "Window": ps.Window,
            "WindowSpec": ps.WindowSpec}


def dfengine_targets(spark: object) -> dict[str, object]:
    """Instances where dfengine sets members per object (session.conf, df.sparkSession)."""
    from dfengine.sql import Window

    df = spark.createDataFrame([(1, "a")], "k int, v string")  # type: ignore[attr-defined]
    return {"DataFrame": df, "Column": df["k"], "SparkSession": spark,
            "GroupedData": df.groupBy("k"), "DataFrameReader": spark.read,  # type: ignore
            "DataFrameWriter": df.write, "Catalog": spark.catalog,  # type: ignore
            "Window": Window, "WindowSpec": Window.partitionBy("k")}


def measure(spark: object) -> list[Coverage]:
    from dfengine.sql import functions as DF

    fnames = function_names()
    out = [Coverage("pyspark.sql.functions", fnames,
                    [n for n in fnames if hasattr(DF, n)],
                    [n for n in fnames if NICHE_FUNCTIONS.match(n)])]
    targets = dfengine_targets(spark)
    for cname, cls in pyspark_classes().items():
        names = public_names(cls)
        target = targets[cname]
        out.append(Coverage(cname, names, [n for n in names if has_member(target, n)],
                            sorted(CONNECT_ONLY.get(cname, set()) & set(names))))
    return out


def table(rows: list[Coverage]) -> str:
    head = ["| API | present (raw) | niche / Connect-only | present of the rest | share |",
            "|---|---|---|---|---|"]
    return "\n".join(head + [c.row() for c in rows])


def main() -> None:
    import pyspark

    from dfengine.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").getOrCreate()
    rows = measure(spark)
    print(f"PySpark {pyspark.__version__}\n")
    print(table(rows))
    for c in rows:
        if c.missing:
            print(f"\n{c.name} missing ({len(c.missing)}): {', '.join(c.missing)}")
    spark.stop()


if __name__ == "__main__":
    main()
