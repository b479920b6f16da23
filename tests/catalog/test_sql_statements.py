"""Catalog SQL statements run statement by statement in dfengine and in PySpark: the same
result rows (or an error of the same class and condition) at every step."""

from __future__ import annotations

import pytest

from tests.catalog.conftest import outcome, rows_of

# Values that name the moment or the machine: compared by presence only.
_VOLATILE = {"Created Time", "Created By", "Location", "Owner"}

SCRIPT = """
CREATE TABLE t1 (a INT, b STRING) USING parquet
INSERT INTO t1 VALUES (1, 'x'), (2, 'y')
INSERT INTO t1 SELECT 3, 'z'
SELECT * FROM t1
INSERT INTO t1 VALUES (1)
INSERT INTO t1 VALUES (1, 'a', 'b')
INSERT INTO t1 VALUES ('a', 'b')
INSERT INTO t1 VALUES (4, 5)
INSERT INTO t1 VALUES (CAST(5 AS BIGINT), NULL)
INSERT INTO t1 (b, a) VALUES ('w', 6)
SELECT * FROM t1
INSERT OVERWRITE t1 SELECT 7, 'seven'
SELECT * FROM t1
INSERT INTO TABLE t1 SELECT a + 1, b FROM t1
SELECT * FROM t1
CREATE TABLE t1 (a INT) USING parquet
CREATE TABLE IF NOT EXISTS t1 (a INT) USING parquet
CREATE TABLE p (a INT, b STRING, p INT) USING parquet PARTITIONED BY (p)
INSERT INTO p PARTITION (p=1) VALUES (1, 'a')
INSERT INTO p VALUES (2, 'b', 2)
INSERT INTO p PARTITION (p) VALUES (3, 'c', 3), (4, 'd', NULL)
INSERT INTO p PARTITION (p=1) VALUES (1, 'a', 1)
INSERT OVERWRITE p PARTITION (p=1) VALUES (10, 'aa')
SELECT * FROM p
SELECT * FROM p WHERE p = 3
SHOW PARTITIONS p
ALTER TABLE p ADD PARTITION (p=5)
ALTER TABLE p ADD PARTITION (p=5)
ALTER TABLE p ADD IF NOT EXISTS PARTITION (p=5) PARTITION (p=6)
ALTER TABLE p DROP PARTITION (p=2)
ALTER TABLE p DROP PARTITION (p=42)
ALTER TABLE p DROP IF EXISTS PARTITION (p=42)
SHOW PARTITIONS p
SHOW PARTITIONS p PARTITION (p=3)
SELECT * FROM p
SHOW PARTITIONS t1
DESCRIBE t1
DESCRIBE TABLE p
DESCRIBE EXTENDED p
DESCRIBE EXTENDED t1
SHOW CREATE TABLE p
SHOW CREATE TABLE t1
SHOW COLUMNS IN p
SHOW TABLES
SHOW TABLES LIKE 'p*'
CREATE TABLE q (a INT, d DATE, s STRING) USING parquet PARTITIONED BY (d, s)
INSERT INTO q PARTITION (d='2024-01-02', s) VALUES (1, 'a b/c'), (2, 'x')
INSERT INTO q PARTITION (d='2024-01-02', s='y') SELECT 3
SELECT * FROM q
SHOW PARTITIONS q
SHOW PARTITIONS q PARTITION (s='x')
TRUNCATE TABLE q PARTITION (s='x')
SELECT * FROM q
ALTER TABLE q DROP PARTITION (s='y')
SHOW PARTITIONS q
INSERT OVERWRITE q PARTITION (d, s) VALUES (7, DATE'2024-01-05', 'x')
SELECT * FROM q
SHOW PARTITIONS q
CREATE TABLE c USING parquet PARTITIONED BY (k) AS SELECT id, id % 3 AS k FROM VALUES (0), (1), (2), (3), (4), (5) AS v(id)
SELECT * FROM c
SHOW PARTITIONS c
DESCRIBE c
CREATE TABLE c USING parquet AS SELECT 1 AS x
CREATE TABLE IF NOT EXISTS c USING parquet AS SELECT 1 AS x
SELECT * FROM c
TRUNCATE TABLE c
SELECT * FROM c
SHOW PARTITIONS c
DROP TABLE c
DROP TABLE c
DROP TABLE IF EXISTS c
SELECT * FROM c
CREATE TABLE j (a INT, b STRING) USING json
INSERT INTO j VALUES (1, 'one')
SELECT * FROM j
CREATE TABLE k USING parquet AS SELECT 1 AS a, array(1, 2) AS arr, 1.5D AS x
DESCRIBE k
SELECT * FROM k
INSERT INTO k SELECT 2, array(3), 2.5D
SELECT a, arr, x FROM k
ALTER TABLE k RENAME TO k2
SELECT a FROM k2
SELECT a FROM k
SHOW TABLES
USE default
SELECT * FROM p
SELECT * FROM dfe_cat.p
SELECT * FROM spark_catalog.dfe_cat.p
USE dfe_cat
USE no_such_db
CREATE DATABASE dfe_cat
CREATE DATABASE IF NOT EXISTS dfe_cat
DROP DATABASE no_such_db
DROP DATABASE IF EXISTS no_such_db
SHOW DATABASES LIKE 'dfe_*'
"""


def _normalize(res):
    if res[0] != "ok":
        return res
    cols, rows = res[1]
    out = []
    for r in rows:
        if len(r) >= 2 and r[0] in _VOLATILE:
            r = (r[0], "<volatile>", *r[2:])
        out.append(r)
    return ("ok", cols, out)


def test_statements_match_pyspark(dfe, pys):
    mismatches = []
    for stmt in [s.strip() for s in SCRIPT.strip().splitlines() if s.strip()]:
        want = _normalize(outcome(pys, lambda s, t=stmt: rows_of(s.sql(t))))
        got = _normalize(outcome(dfe, lambda s, t=stmt: rows_of(s.sql(t))))
        if want != got:
            mismatches.append(f"{stmt}\n   pyspark: {want}\n   dfengine: {got}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("mode", ["static", "dynamic"])
def test_insert_overwrite_partition_modes(dfe, pys, mode):
    script = [
        f"CREATE TABLE ow_{mode} (v INT, p INT, q STRING) USING parquet PARTITIONED BY (p, q)",
        f"INSERT INTO ow_{mode} VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'a'), (4, 3, NULL)",
        f"INSERT OVERWRITE ow_{mode} PARTITION (p=1, q) VALUES (10, 'b'), (11, 'c')",
        f"SELECT * FROM ow_{mode}",
        f"SHOW PARTITIONS ow_{mode}",
        f"INSERT OVERWRITE ow_{mode} VALUES (20, 2, 'z')",
        f"SELECT * FROM ow_{mode}",
        f"SHOW PARTITIONS ow_{mode}",
    ]
    key = "spark.sql.sources.partitionOverwriteMode"
    for s in (dfe, pys):
        s.conf.set(key, mode)
    try:
        for stmt in script:
            want = outcome(pys, lambda s, t=stmt: rows_of(s.sql(t)))
            got = outcome(dfe, lambda s, t=stmt: rows_of(s.sql(t)))
            assert got == want, stmt
    finally:
        for s in (dfe, pys):
            s.conf.unset(key)
