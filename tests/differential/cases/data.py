"""Small shared input tables for the differential cases, built from Python rows.

Every table carries nulls where they change answers (keys, values, strings, dates), so null
semantics are exercised by most cases without each one having to remember to add them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

PEOPLE_SCHEMA = "id int, name string, age int, salary double, dept string, hired date"
PEOPLE_ROWS = [
    (1, "Alice", 34, 5000.5, "eng", dt.date(2020, 1, 15)),
    (2, "Bob", None, 4000.0, "ops", dt.date(2019, 6, 1)),
    (3, "Cara", 29, None, "eng", None),
    (4, None, 41, 7000.25, None, dt.date(2021, 12, 31)),
    (5, "Eve", 29, 3000.0, "ops", dt.date(2018, 2, 28)),
    (6, "  Finn ", 55, 6100.0, "eng", dt.date(2022, 3, 10)),
]

SALES_SCHEMA = "region string, product string, qty int, price decimal(10,2), ratio double"
SALES_ROWS = [
    ("north", "apple", 10, Decimal("1.50"), 0.5),
    ("north", "apple", 5, Decimal("1.25"), None),
    ("north", "pear", None, Decimal("2.00"), 1.5),
    ("south", "apple", 7, None, 2.25),
    ("south", "plum", 3, Decimal("3.10"), -1.0),
    (None, "plum", 8, Decimal("0.99"), 0.0),
    (None, None, None, None, None),
]

LEFT_SCHEMA = "k int, k2 string, lv string"
LEFT_ROWS = [
    (1, "a", "l1"),
    (2, "b", "l2"),
    (2, "b", "l2bis"),
    (3, None, "l3"),
    (None, "a", "lnull"),
    (5, "e", "l5"),
]
RIGHT_SCHEMA = "k int, k2 string, rv double"
RIGHT_ROWS = [
    (1, "a", 10.0),
    (2, "b", 20.0),
    (3, None, 30.0),
    (None, "a", 40.0),
    (4, "d", None),
    (2, "x", 22.0),
]


def people(spark: Any) -> Any:
    return spark.createDataFrame(PEOPLE_ROWS, PEOPLE_SCHEMA)


def sales(spark: Any) -> Any:
    return spark.createDataFrame(SALES_ROWS, SALES_SCHEMA)


def left(spark: Any) -> Any:
    return spark.createDataFrame(LEFT_ROWS, LEFT_SCHEMA)


def right(spark: Any) -> Any:
    return spark.createDataFrame(RIGHT_ROWS, RIGHT_SCHEMA)
