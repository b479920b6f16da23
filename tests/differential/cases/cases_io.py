"""Write then read back in tmp_path: parquet, CSV with header and schema inference, JSON,
save modes, partitionBy. Files are compared as row multisets (row order is not kept)."""

from __future__ import annotations

from ..harness import case
from .data import people, sales


@case()
def case_parquet_round_trip(spark, F, T, tmp_path):
    path = str(tmp_path / "p.parquet")
    people(spark).write.parquet(path)
    return spark.read.parquet(path)


@case()
def case_parquet_round_trip_decimal(spark, F, T, tmp_path):
    path = str(tmp_path / "s.parquet")
    sales(spark).write.parquet(path)
    return spark.read.parquet(path)


@case()
def case_csv_header_infer_schema(spark, F, T, tmp_path):
    path = str(tmp_path / "c.csv")
    df = spark.createDataFrame(
        [(1, "a", 1.5), (2, None, 2.0), (3, "c", None)], "id int, s string, x double"
    )
    df.write.csv(path, header=True)
    back = spark.read.csv(path, header=True, inferSchema=True)
    return back


@case()
def case_csv_without_infer_is_strings(spark, F, T, tmp_path):
    path = str(tmp_path / "c.csv")
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string")
    df.write.option("header", True).csv(path)
    return spark.read.option("header", "true").csv(path)


@case()
def case_json_round_trip(spark, F, T, tmp_path):
    path = str(tmp_path / "j.json")
    df = spark.createDataFrame([(1, "a", 2.5), (2, None, None)], "id bigint, s string, x double")
    df.write.json(path)
    return spark.read.json(path)


@case()
def case_mode_overwrite(spark, F, T, tmp_path):
    path = str(tmp_path / "o.parquet")
    people(spark).write.parquet(path)
    people(spark).limit(0).union(people(spark).where("id < 3")).write.mode("overwrite").parquet(
        path
    )
    return spark.read.parquet(path)


@case()
def case_mode_append(spark, F, T, tmp_path):
    path = str(tmp_path / "a.parquet")
    df = spark.createDataFrame([(1, "x")], "id int, s string")
    df.write.parquet(path)
    df.write.mode("append").parquet(path)
    return spark.read.parquet(path)


@case()
def case_mode_ignore(spark, F, T, tmp_path):
    path = str(tmp_path / "i.parquet")
    spark.createDataFrame([(1,)], "id int").write.parquet(path)
    spark.createDataFrame([(2,), (3,)], "id int").write.mode("ignore").parquet(path)
    return spark.read.parquet(path)


@case(error="AnalysisException")
def case_mode_error_if_exists(spark, F, T, tmp_path):
    path = str(tmp_path / "e.parquet")
    spark.createDataFrame([(1,)], "id int").write.parquet(path)
    spark.createDataFrame([(2,)], "id int").write.mode("error").parquet(path)
    return spark.read.parquet(path)


@case()
def case_partition_by(spark, F, T, tmp_path):
    path = str(tmp_path / "part")
    sales(spark).where("region is not null").write.partitionBy("region").parquet(path)
    back = spark.read.parquet(path)
    return back.select("region", "product", "qty", "price", "ratio")


@case()
def case_format_save_load(spark, F, T, tmp_path):
    path = str(tmp_path / "fmt")
    df = spark.createDataFrame([(1, "a"), (2, None)], "id int, s string")
    df.write.format("parquet").mode("overwrite").save(path)
    return spark.read.format("parquet").load(path)
