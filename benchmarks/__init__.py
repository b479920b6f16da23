"""Benchmark suites for dfengine (TPC-H, ML) and the helpers they share (`benchmarks.common`)."""
