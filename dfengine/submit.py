"""`python -m dfengine.submit`: run a PySpark-style application on a Dask cluster, like
`spark-submit`.

    python -m dfengine.submit --master tcp://host:8786 [--py-files a.py,b.zip] \\
        [--name app] [--conf key=value ...] app.py [app args]

The SparkContext is created before the script runs, on the given master (`local[N]` runs it
embedded), so the script's `SparkContext.getOrCreate()` and `SparkSession.builder.getOrCreate()`
use it. `--py-files` and the script itself are uploaded to every worker (`Client.upload_file`),
so functions importing the application's modules work in tasks.
"""

from __future__ import annotations

import argparse
import os
import runpy
import sys


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m dfengine.submit",
        description="Run an application on dfengine (like spark-submit).",
    )
    p.add_argument("--master", default="local[*]",
                   help="local, local[N], local[*] or a Dask scheduler address tcp://host:port")
    p.add_argument("--name", default=None, help="application name")
    p.add_argument("--py-files", default="",
                   help="comma-separated .py/.zip/.egg files to ship to the workers")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="configuration property (repeatable)")
    p.add_argument("app", help="the application script")
    p.add_argument("args", nargs=argparse.REMAINDER, help="arguments of the application")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from dfengine.rdd import SparkConf, SparkContext

    app = os.path.abspath(args.app)
    if not os.path.isfile(app):
        print(f"dfengine.submit: application script not found: {args.app}", file=sys.stderr)
        return 2
    conf = SparkConf().setMaster(args.master)
    conf.setAppName(args.name or os.path.splitext(os.path.basename(app))[0])
    for item in args.conf:
        if "=" not in item:
            print(f"dfengine.submit: --conf expects KEY=VALUE, got {item!r}", file=sys.stderr)
            return 2
        key, value = item.split("=", 1)
        conf.set(key, value)
    sc = SparkContext(conf=conf)
    try:
        for path in filter(None, (p.strip() for p in args.py_files.split(","))):
            sc.addPyFile(path)
        if not sc._runtime.is_local:
            # Ship the script without importing it there: importing would run the job on
            # the scheduler and every worker.
            sc._runtime.client.upload_file(app, load=False)
        sys.argv = [app, *args.args]
        sys.path.insert(0, os.path.dirname(app))
        runpy.run_path(app, run_name="__main__")
    finally:
        active = SparkContext._active_spark_context
        if active is not None:
            active.stop()
        sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
