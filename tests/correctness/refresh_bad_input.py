"""Record PySpark's outcomes of the bad-input suite in tests/correctness/pyspark_outcomes.json.

    python -m tests.correctness.refresh_bad_input            # every case (minutes)
    python -m tests.correctness.refresh_bad_input --missing  # only cases with no outcome yet

Run it after adding, changing or removing cases, or after upgrading PySpark; the test fails
until every case has an outcome. Run it through /work/notes/bin/t on the shared machine.
"""

from __future__ import annotations

import argparse
import time

from tests.correctness import recorded_outcomes
from tests.correctness.bad_input_run import FAST_ORACLE_CONF, case_ids, run_all


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--missing", action="store_true",
                    help="record only the cases with no outcome yet (and drop removed ones)")
    args = ap.parse_args(argv)

    import pyspark
    import pyspark.sql.functions as F
    import pyspark.sql.types as T

    from tests.pyspark_oracle import start_pyspark

    ids = case_ids()
    old, _ = recorded_outcomes.load() if args.missing else ({}, {})
    todo = [c for c in ids if c not in old]
    spark = start_pyspark()
    for k, v in FAST_ORACLE_CONF.items():
        spark.conf.set(k, v)
    start = time.perf_counter()
    new = run_all(spark, F, T, only=todo) if todo else {}
    spark.stop()
    outcomes = {c: new[c] if c in new else old[c] for c in ids}
    recorded_outcomes.save(outcomes, {"pyspark": pyspark.__version__,
                                      "conf": ", ".join(f"{k}={v}" for k, v in
                                                        FAST_ORACLE_CONF.items())})
    print(f"recorded {len(new)} PySpark outcomes in {time.perf_counter() - start:.1f} s "
          f"({len(outcomes)} in {recorded_outcomes.PATH.name})")


if __name__ == "__main__":
    main()
