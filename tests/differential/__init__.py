"""Differential tests: each case is written once against the PySpark API and run on real
PySpark (the live oracle) and on dfengine; answers are compared after normalization.

Add a case: write `def case_<name>(spark, F, T, tmp_path)` in the matching
`cases/cases_<area>.py`, decorate it with `@case()` (`ordered=True` if it ends in a sort,
`error="AnalysisException"` if it must raise), build inputs with `spark.createDataFrame` from
Python rows, and return a DataFrame or a small Python value.

Run: `pytest tests/differential -k test_case_runs_on_pyspark` checks the cases on PySpark
alone; `-k test_matches_pyspark` compares dfengine with it.
"""
