"""The streaming job the kill test SIGKILLs: json files -> windowed counts -> parquet sink.

    python -m tests.streaming.kill_child SRC OUT CHECKPOINT
"""

from __future__ import annotations

import sys


def start(spark, src: str, out: str, ckpt: str):
    from dfengine.sql import functions as F

    events = (spark.readStream.schema("ts timestamp, w string, v bigint")
              .option("maxFilesPerTrigger", 1).json(src))
    counts = (events.withWatermark("ts", "10 seconds")
              .groupBy(F.window("ts", "10 seconds"), "w")
              .agg(F.count("*").alias("n"), F.sum("v").alias("total")))
    flat = counts.select(F.col("window.start").alias("start"), "w", "n", "total")
    return (flat.writeStream.format("parquet").outputMode("append")
            .option("checkpointLocation", ckpt).trigger(availableNow=True).start(out))


def main(src: str, out: str, ckpt: str) -> None:
    from dfengine.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]")
             .config("dfengine.ui.showProgress", "false").getOrCreate())
    q = start(spark, src, out, ckpt)
    print("started", flush=True)
    q.awaitTermination()
    print("finished", flush=True)
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:4])
