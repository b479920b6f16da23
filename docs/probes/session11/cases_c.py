"""Catalog, DDL, tables, views, cache"""
from common import *  # noqa


def kv(s):
    return s.createDataFrame([(1, "a"), (2, "b"), (3, None)], "id int, v string")


# =============================================================== saveAsTable / insertInto
@case
def ct_save_as_table_read(s, F, T):
    kv(s).write.saveAsTable("ct_sat1")
    return s.table("ct_sat1")


@case
def ct_save_as_table_exists_error(s, F, T):
    kv(s).write.saveAsTable("ct_sat2")
    kv(s).write.saveAsTable("ct_sat2")
    return "no error"


@case
def ct_save_as_table_append(s, F, T):
    kv(s).write.saveAsTable("ct_sat3")
    kv(s).write.mode("append").saveAsTable("ct_sat3")
    return s.table("ct_sat3").count()


@case
def ct_save_as_table_overwrite(s, F, T):
    kv(s).write.saveAsTable("ct_sat4")
    s.createDataFrame([(9, "z")], "id int, v string").write.mode("overwrite").saveAsTable("ct_sat4")
    return s.table("ct_sat4")


@case
def ct_save_as_table_ignore(s, F, T):
    kv(s).write.saveAsTable("ct_sat5")
    s.createDataFrame([(9, "z")], "id int, v string").write.mode("ignore").saveAsTable("ct_sat5")
    return s.table("ct_sat5").count()


@case
def ct_save_as_table_append_by_name(s, F, T):
    kv(s).write.saveAsTable("ct_sat6")
    s.createDataFrame([("q", 7)], "v string, id int").write.mode("append").saveAsTable("ct_sat6")
    return s.table("ct_sat6")


@case
def ct_save_as_table_append_wrong_schema(s, F, T):
    kv(s).write.saveAsTable("ct_sat7")
    s.createDataFrame([(7, "q", 1.0)], "id int, v string, extra double").write.mode("append").saveAsTable("ct_sat7")
    return s.table("ct_sat7")


@case
def ct_save_as_table_partitioned(s, F, T):
    people(s).write.partitionBy("city").saveAsTable("ct_sat8")
    return [s.table("ct_sat8").columns, s.table("ct_sat8").count()]


@case
def ct_save_as_table_format_json(s, F, T):
    kv(s).write.format("json").saveAsTable("ct_sat9")
    return s.table("ct_sat9")


@case
def ct_save_as_table_path_option(s, F, T):
    d = os.path.join(tmp(), "ext")
    kv(s).write.option("path", d).saveAsTable("ct_sat10")
    return [nfiles(d) > 0, s.table("ct_sat10").count()]


@case
def ct_save_as_table_qualified_db(s, F, T):
    s.sql("CREATE DATABASE IF NOT EXISTS ct_db1")
    kv(s).write.saveAsTable("ct_db1.t1")
    return [s.table("ct_db1.t1").count(), s.catalog.tableExists("t1", "ct_db1"), s.catalog.tableExists("ct_db1.t1")]


@case
def ct_save_as_table_missing_db(s, F, T):
    kv(s).write.saveAsTable("ct_nodb.t1")
    return "no error"


@case
def ct_insert_into_positional(s, F, T):
    s.sql("CREATE TABLE ct_ins1 (id INT, v STRING) USING parquet")
    s.createDataFrame([("x", 5)], "v string, id int").selectExpr("id", "v").write.insertInto("ct_ins1")
    s.createDataFrame([(6, "y")], "a int, b string").write.insertInto("ct_ins1")
    return s.table("ct_ins1")


@case
def ct_insert_into_positional_swapped(s, F, T):
    s.sql("CREATE TABLE ct_ins2 (id INT, v STRING) USING parquet")
    s.createDataFrame([("7", "x")], "v string, id string").write.insertInto("ct_ins2")
    return s.table("ct_ins2")


@case
def ct_insert_into_overwrite(s, F, T):
    kv(s).write.saveAsTable("ct_ins3")
    s.createDataFrame([(9, "z")], "id int, v string").write.insertInto("ct_ins3", overwrite=True)
    return s.table("ct_ins3")


@case
def ct_insert_into_wrong_arity(s, F, T):
    kv(s).write.saveAsTable("ct_ins4")
    s.createDataFrame([(9,)], "id int").write.insertInto("ct_ins4")
    return s.table("ct_ins4")


@case
def ct_insert_into_missing_table(s, F, T):
    kv(s).write.insertInto("ct_ins_missing")
    return "no error"


@case
def ct_insert_into_type_cast(s, F, T):
    s.sql("CREATE TABLE ct_ins5 (id INT, d DOUBLE) USING parquet")
    s.createDataFrame([(1, 2)], "id bigint, d int").write.insertInto("ct_ins5")
    return s.table("ct_ins5")


@case
def ct_insert_into_string_to_int_bad(s, F, T):
    s.sql("CREATE TABLE ct_ins6 (id INT) USING parquet")
    s.createDataFrame([("abc",)], "x string").write.insertInto("ct_ins6")
    return s.table("ct_ins6")


@case
def ct_insert_into_partitioned(s, F, T):
    s.sql("CREATE TABLE ct_ins7 (v INT, k STRING) USING parquet PARTITIONED BY (k)")
    s.createDataFrame([(1, "a"), (2, "b")], "v int, k string").write.insertInto("ct_ins7")
    return s.table("ct_ins7")


# =============================================================== SQL DDL
@case
def cd_create_table_using_parquet(s, F, T):
    s.sql("CREATE TABLE cd_t1 (id INT, name STRING, amt DECIMAL(10,2)) USING parquet")
    s.sql("INSERT INTO cd_t1 VALUES (1, 'a', 1.5), (2, 'b', NULL)")
    return s.table("cd_t1")


@case
def cd_create_table_schema_types(s, F, T):
    s.sql("CREATE TABLE cd_t2 (id BIGINT, ts TIMESTAMP, tags ARRAY<STRING>, m MAP<STRING, INT>) USING parquet")
    return s.table("cd_t2").dtypes


@case
def cd_create_table_exists(s, F, T):
    s.sql("CREATE TABLE cd_t3 (id INT) USING parquet")
    s.sql("CREATE TABLE cd_t3 (id INT) USING parquet")
    return "no error"


@case
def cd_create_table_if_not_exists(s, F, T):
    s.sql("CREATE TABLE cd_t4 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t4 VALUES (1)")
    s.sql("CREATE TABLE IF NOT EXISTS cd_t4 (x STRING) USING parquet")
    return s.table("cd_t4")


@case
def cd_ctas(s, F, T):
    people(s).createOrReplaceTempView("cd_people_v")
    s.sql("CREATE TABLE cd_t5 USING parquet AS SELECT city, count(*) n FROM cd_people_v GROUP BY city")
    return s.table("cd_t5")


@case
def cd_ctas_types(s, F, T):
    s.sql("CREATE TABLE cd_t6 USING parquet AS SELECT 1 a, 'x' b, 1.5 c, current_date() > date'2000-01-01' d")
    return s.table("cd_t6").dtypes


@case
def cd_ctas_no_alias_expr(s, F, T):
    s.sql("CREATE TABLE cd_t7 USING parquet AS SELECT 1 + 1, upper('x')")
    return s.table("cd_t7").columns


@case
def cd_create_or_replace_table(s, F, T):
    s.sql("CREATE TABLE cd_t8 USING parquet AS SELECT 1 a")
    s.sql("CREATE OR REPLACE TABLE cd_t8 USING parquet AS SELECT 'x' b")
    return s.table("cd_t8")


@case
def cd_insert_values(s, F, T):
    s.sql("CREATE TABLE cd_t9 (id INT, v STRING) USING parquet")
    s.sql("INSERT INTO cd_t9 VALUES (1, 'a')")
    s.sql("INSERT INTO cd_t9 VALUES (2, 'b'), (3, NULL)")
    return s.table("cd_t9")


@case
def cd_insert_into_table_keyword(s, F, T):
    s.sql("CREATE TABLE cd_t10 (id INT) USING parquet")
    s.sql("INSERT INTO TABLE cd_t10 VALUES (1)")
    return s.table("cd_t10")


@case
def cd_insert_overwrite(s, F, T):
    s.sql("CREATE TABLE cd_t11 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t11 VALUES (1), (2)")
    s.sql("INSERT OVERWRITE cd_t11 VALUES (3)")
    return s.table("cd_t11")


@case
def cd_insert_overwrite_table_select(s, F, T):
    s.sql("CREATE TABLE cd_t12 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t12 VALUES (1), (2)")
    s.sql("INSERT OVERWRITE TABLE cd_t12 SELECT id * 10 FROM cd_t12")
    return s.table("cd_t12")


@case
def cd_insert_column_list(s, F, T):
    s.sql("CREATE TABLE cd_t13 (id INT, v STRING, n DOUBLE) USING parquet")
    s.sql("INSERT INTO cd_t13 (v, id) VALUES ('x', 1)")
    return s.table("cd_t13")


@case
def cd_insert_column_list_unknown(s, F, T):
    s.sql("CREATE TABLE cd_t14 (id INT, v STRING) USING parquet")
    s.sql("INSERT INTO cd_t14 (id, nope) VALUES (1, 'x')")
    return s.table("cd_t14")


@case
def cd_insert_too_many_values(s, F, T):
    s.sql("CREATE TABLE cd_t15 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t15 VALUES (1, 2)")
    return s.table("cd_t15")


@case
def cd_insert_too_few_values(s, F, T):
    s.sql("CREATE TABLE cd_t16 (id INT, v STRING) USING parquet")
    s.sql("INSERT INTO cd_t16 VALUES (1)")
    return s.table("cd_t16")


@case
def cd_insert_select(s, F, T):
    s.sql("CREATE TABLE cd_t17 (id INT, v STRING) USING parquet")
    kv(s).createOrReplaceTempView("cd_kv_v")
    s.sql("INSERT INTO cd_t17 SELECT id, upper(v) FROM cd_kv_v WHERE id > 1")
    return s.table("cd_t17")


@case
def cd_insert_by_name(s, F, T):
    s.sql("CREATE TABLE cd_t18 (id INT, v STRING) USING parquet")
    s.sql("INSERT INTO cd_t18 BY NAME SELECT 'x' AS v, 5 AS id")
    return s.table("cd_t18")


@case
def cd_insert_overflow_ansi(s, F, T):
    s.sql("CREATE TABLE cd_t19 (b TINYINT) USING parquet")
    s.sql("INSERT INTO cd_t19 VALUES (1000)")
    return s.table("cd_t19")


@case
def cd_insert_partition_static(s, F, T):
    s.sql("CREATE TABLE cd_t20 (v INT, k STRING) USING parquet PARTITIONED BY (k)")
    s.sql("INSERT INTO cd_t20 PARTITION (k = 'x') VALUES (1)")
    s.sql("INSERT INTO cd_t20 PARTITION (k = 'y') SELECT 2")
    return s.table("cd_t20")


@case
def cd_partitioned_table_show_partitions(s, F, T):
    s.sql("CREATE TABLE cd_t21 (v INT, k STRING) USING parquet PARTITIONED BY (k)")
    s.sql("INSERT INTO cd_t21 VALUES (1, 'a'), (2, 'b')")
    return s.sql("SHOW PARTITIONS cd_t21")


@case
def cd_drop_table(s, F, T):
    s.sql("CREATE TABLE cd_t22 (id INT) USING parquet")
    s.sql("DROP TABLE cd_t22")
    return s.catalog.tableExists("cd_t22")


@case
def cd_drop_table_missing(s, F, T):
    s.sql("DROP TABLE cd_t_missing")
    return "no error"


@case
def cd_drop_table_if_exists(s, F, T):
    return s.sql("DROP TABLE IF EXISTS cd_t_missing2")


@case
def cd_drop_view_via_drop_table(s, F, T):
    kv(s).createOrReplaceTempView("cd_v_dt")
    s.sql("DROP TABLE cd_v_dt")
    return s.catalog.tableExists("cd_v_dt")


@case
def cd_drop_then_recreate_fresh(s, F, T):
    s.sql("CREATE TABLE cd_t23 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t23 VALUES (1)")
    s.sql("DROP TABLE cd_t23")
    s.sql("CREATE TABLE cd_t23 (id INT) USING parquet")
    return s.table("cd_t23").count()


@case
def cd_truncate(s, F, T):
    s.sql("CREATE TABLE cd_t24 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t24 VALUES (1), (2)")
    s.sql("TRUNCATE TABLE cd_t24")
    return s.table("cd_t24").count()


@case
def cd_alter_rename(s, F, T):
    s.sql("CREATE TABLE cd_t25 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t25 VALUES (1)")
    s.sql("ALTER TABLE cd_t25 RENAME TO cd_t25b")
    return [s.catalog.tableExists("cd_t25"), s.table("cd_t25b").count()]


@case
def cd_alter_rename_to_existing(s, F, T):
    s.sql("CREATE TABLE cd_t26 (id INT) USING parquet")
    s.sql("CREATE TABLE cd_t26b (id INT) USING parquet")
    s.sql("ALTER TABLE cd_t26 RENAME TO cd_t26b")
    return "no error"


@case
def cd_alter_add_columns(s, F, T):
    s.sql("CREATE TABLE cd_t27 (id INT) USING parquet")
    s.sql("INSERT INTO cd_t27 VALUES (1)")
    s.sql("ALTER TABLE cd_t27 ADD COLUMNS (note STRING)")
    s.sql("INSERT INTO cd_t27 VALUES (2, 'x')")
    return s.table("cd_t27")


@case
def cd_alter_rename_view(s, F, T):
    s.sql("CREATE VIEW cd_pv1 AS SELECT 1 a")
    s.sql("ALTER VIEW cd_pv1 RENAME TO cd_pv1b")
    return s.table("cd_pv1b")


@case
def cd_alter_set_tblproperties(s, F, T):
    s.sql("CREATE TABLE cd_t28 (id INT) USING parquet")
    s.sql("ALTER TABLE cd_t28 SET TBLPROPERTIES ('owner_team' = 'data')")
    return s.sql("SHOW TBLPROPERTIES cd_t28 ('owner_team')")


@case
def cd_create_table_comment_describe(s, F, T):
    s.sql("CREATE TABLE cd_t29 (id INT COMMENT 'the id', v STRING) USING parquet COMMENT 'tbl'")
    return s.sql("DESCRIBE cd_t29")


@case
def cd_describe_table_missing(s, F, T):
    return s.sql("DESCRIBE cd_no_table")


@case
def cd_describe_temp_view(s, F, T):
    kv(s).createOrReplaceTempView("cd_desc_v")
    return s.sql("DESCRIBE cd_desc_v")


@case
def cd_describe_column(s, F, T):
    s.sql("CREATE TABLE cd_t30 (id INT COMMENT 'k', v STRING) USING parquet")
    return s.sql("DESCRIBE cd_t30 id")


@case
def cd_describe_partitioned(s, F, T):
    s.sql("CREATE TABLE cd_t31 (v INT, k STRING) USING parquet PARTITIONED BY (k)")
    return [tuple(r)[:2] for r in s.sql("DESCRIBE cd_t31").collect()]


@case
def cd_describe_query(s, F, T):
    return s.sql("DESCRIBE QUERY SELECT 1 AS a, 'x' AS b")


@case
def cd_show_create_table(s, F, T):
    s.sql("CREATE TABLE cd_t32 (id INT, v STRING) USING parquet")
    return "CREATE TABLE" in s.sql("SHOW CREATE TABLE cd_t32").collect()[0][0]


@case
def cd_show_columns(s, F, T):
    s.sql("CREATE TABLE cd_t33 (id INT, v STRING) USING parquet")
    return s.sql("SHOW COLUMNS IN cd_t33")


@case
def cd_create_table_like(s, F, T):
    s.sql("CREATE TABLE cd_t34 (id INT, v STRING) USING parquet")
    s.sql("CREATE TABLE cd_t34b LIKE cd_t34")
    return s.table("cd_t34b").dtypes


@case
def cd_create_table_location(s, F, T):
    d = os.path.join(tmp(), "loc")
    kv(s).write.parquet(d)
    s.sql(f"CREATE TABLE cd_t35 USING parquet LOCATION '{d}'")
    return s.table("cd_t35")


@case
def cd_create_table_location_csv_options(s, F, T):
    d = tmp()
    wfile(d, "a.csv", "id,v\n1,x\n2,y\n")
    s.sql(f"CREATE TABLE cd_t36 (id INT, v STRING) USING csv OPTIONS (header 'true') LOCATION '{d}'")
    return s.table("cd_t36")


@case
def cd_drop_external_keeps_files(s, F, T):
    d = os.path.join(tmp(), "loc")
    kv(s).write.parquet(d)
    s.sql(f"CREATE TABLE cd_t37 USING parquet LOCATION '{d}'")
    s.sql("DROP TABLE cd_t37")
    return s.read.parquet(d).count()


@case
def cd_create_table_no_using(s, F, T):
    s.sql("CREATE TABLE cd_t38 (id INT)")
    s.sql("INSERT INTO cd_t38 VALUES (1)")
    return s.table("cd_t38")


@case
def cd_create_table_bad_type(s, F, T):
    s.sql("CREATE TABLE cd_t39 (id INTEGR) USING parquet")
    return "no error"


@case
def cd_create_table_dup_columns(s, F, T):
    s.sql("CREATE TABLE cd_t40 (id INT, ID STRING) USING parquet")
    return "no error"


@case
def cd_select_from_missing_table(s, F, T):
    return s.sql("SELECT * FROM cd_nope_tbl")


@case
def cd_spark_table_missing(s, F, T):
    return s.table("cd_nope_tbl2")


@case
def cd_spark_table_missing_class(s, F, T):
    try:
        s.table("cd_nope_tbl3")
        return "no error"
    except Exception as e:  # noqa
        return ["TABLE_OR_VIEW_NOT_FOUND" in str(e), type(e).__name__]


@case
def cd_table_name_case_insensitive(s, F, T):
    s.sql("CREATE TABLE Cd_Mixed (id INT) USING parquet")
    s.sql("INSERT INTO cd_mixed VALUES (1)")
    return [s.table("CD_MIXED").count(), [t.name for t in s.catalog.listTables() if t.name.lower() == "cd_mixed"]]


@case
def cd_backtick_names(s, F, T):
    s.sql("CREATE TABLE `cd weird` (`my col` INT) USING parquet")
    s.sql("INSERT INTO `cd weird` VALUES (1)")
    return s.sql("SELECT `my col` FROM `cd weird`")


# =============================================================== views
@case
def cv_temp_view_replace(s, F, T):
    kv(s).createOrReplaceTempView("cv_v1")
    s.range(2).createOrReplaceTempView("cv_v1")
    return s.table("cv_v1")


@case
def cv_create_temp_view_exists(s, F, T):
    kv(s).createTempView("cv_v2")
    kv(s).createTempView("cv_v2")
    return "no error"


@case
def cv_sql_create_or_replace_temp_view(s, F, T):
    s.sql("CREATE OR REPLACE TEMP VIEW cv_v3 AS SELECT 1 a, 'x' b")
    s.sql("CREATE OR REPLACE TEMPORARY VIEW cv_v3 AS SELECT 2 a")
    return s.table("cv_v3")


@case
def cv_temp_view_column_list(s, F, T):
    s.sql("CREATE OR REPLACE TEMP VIEW cv_v4 (x, y) AS SELECT 1, 'q'")
    return s.table("cv_v4")


@case
def cv_view_captures_snapshot_of_df(s, F, T):
    df = kv(s)
    df.createOrReplaceTempView("cv_v5")
    df2 = df.withColumn("z", F.lit(1))
    return s.table("cv_v5").columns


@case
def cv_view_over_table_sees_inserts(s, F, T):
    s.sql("CREATE TABLE cv_t6 (id INT) USING parquet")
    s.sql("CREATE OR REPLACE TEMP VIEW cv_v6 AS SELECT * FROM cv_t6")
    s.sql("INSERT INTO cv_t6 VALUES (1), (2)")
    return s.table("cv_v6").count()


@case
def cv_temp_view_shadows_table(s, F, T):
    s.sql("CREATE TABLE cv_t7 (id INT) USING parquet")
    s.sql("INSERT INTO cv_t7 VALUES (1)")
    s.range(5).createOrReplaceTempView("cv_t7")
    return s.table("cv_t7").count()


@case
def cv_global_temp_view(s, F, T):
    kv(s).createOrReplaceGlobalTempView("cv_g1")
    return s.sql("SELECT * FROM global_temp.cv_g1")


@case
def cv_global_temp_unqualified(s, F, T):
    kv(s).createOrReplaceGlobalTempView("cv_g2")
    return s.sql("SELECT * FROM cv_g2")


@case
def cv_global_temp_new_session(s, F, T):
    kv(s).createOrReplaceGlobalTempView("cv_g3")
    return s.newSession().table("global_temp.cv_g3").count()


@case
def cv_temp_view_new_session_invisible(s, F, T):
    kv(s).createOrReplaceTempView("cv_v8")
    return s.newSession().catalog.tableExists("cv_v8")


@case
def cv_global_temp_create_exists(s, F, T):
    kv(s).createGlobalTempView("cv_g4")
    kv(s).createGlobalTempView("cv_g4")
    return "no error"


@case
def cv_drop_global_temp_view(s, F, T):
    kv(s).createOrReplaceGlobalTempView("cv_g5")
    return [s.catalog.dropGlobalTempView("cv_g5"), s.catalog.dropGlobalTempView("cv_g5")]


@case
def cv_drop_temp_view(s, F, T):
    kv(s).createOrReplaceTempView("cv_v9")
    return [s.catalog.dropTempView("cv_v9"), s.catalog.dropTempView("cv_v9"), s.catalog.tableExists("cv_v9")]


@case
def cv_sql_drop_view_if_exists(s, F, T):
    kv(s).createOrReplaceTempView("cv_v10")
    s.sql("DROP VIEW IF EXISTS cv_v10")
    s.sql("DROP VIEW IF EXISTS cv_v10")
    return s.catalog.tableExists("cv_v10")


@case
def cv_sql_drop_view_missing(s, F, T):
    s.sql("DROP VIEW cv_nope_view")
    return "no error"


@case
def cv_persistent_view(s, F, T):
    s.sql("CREATE TABLE cv_t11 (id INT) USING parquet")
    s.sql("INSERT INTO cv_t11 VALUES (1), (2), (3)")
    s.sql("CREATE VIEW cv_pv11 AS SELECT id * 2 AS d FROM cv_t11 WHERE id > 1")
    return s.table("cv_pv11")


@case
def cv_persistent_view_on_temp_view_error(s, F, T):
    kv(s).createOrReplaceTempView("cv_tv12")
    s.sql("CREATE VIEW cv_pv12 AS SELECT * FROM cv_tv12")
    return "no error"


@case
def cv_view_name_invalid(s, F, T):
    kv(s).createOrReplaceTempView("bad name")
    return "no error"


@case
def cv_view_qualified_name(s, F, T):
    kv(s).createOrReplaceTempView("default.cv_v13")
    return "no error"


@case
def cv_cte_shadowing_view(s, F, T):
    kv(s).createOrReplaceTempView("cv_v14")
    return s.sql("WITH cv_v14 AS (SELECT 42 id) SELECT * FROM cv_v14")


# =============================================================== catalog API
@case
def cc_current_database(s, F, T):
    return s.catalog.currentDatabase()


@case
def cc_current_catalog(s, F, T):
    return s.catalog.currentCatalog()


@case
def cc_list_databases_contains_default(s, F, T):
    return "default" in [d.name for d in s.catalog.listDatabases()]


@case
def cc_list_databases_pattern(s, F, T):
    s.sql("CREATE DATABASE IF NOT EXISTS cc_sales_db")
    s.sql("CREATE DATABASE IF NOT EXISTS cc_hr_db")
    return sorted(d.name for d in s.catalog.listDatabases("cc_s*"))


@case
def cc_create_database_and_use(s, F, T):
    s.sql("CREATE DATABASE cc_db2")
    s.sql("USE cc_db2")
    s.sql("CREATE TABLE t (id INT) USING parquet")
    r = [s.catalog.currentDatabase(), s.catalog.tableExists("cc_db2.t"), s.catalog.tableExists("default.t")]
    s.sql("USE default")
    return r


@case
def cc_create_database_exists(s, F, T):
    s.sql("CREATE DATABASE cc_db3")
    s.sql("CREATE DATABASE cc_db3")
    return "no error"


@case
def cc_create_schema_synonym(s, F, T):
    s.sql("CREATE SCHEMA IF NOT EXISTS cc_db4")
    return s.catalog.databaseExists("cc_db4")


@case
def cc_use_missing_db(s, F, T):
    s.sql("USE cc_no_db")
    return "no error"


@case
def cc_set_current_database_missing(s, F, T):
    s.catalog.setCurrentDatabase("cc_no_db2")
    return "no error"


@case
def cc_set_current_database(s, F, T):
    s.sql("CREATE DATABASE IF NOT EXISTS cc_db5")
    s.catalog.setCurrentDatabase("cc_db5")
    r = s.catalog.currentDatabase()
    s.catalog.setCurrentDatabase("default")
    return r


@case
def cc_drop_database_nonempty(s, F, T):
    s.sql("CREATE DATABASE cc_db6")
    s.sql("CREATE TABLE cc_db6.t (id INT) USING parquet")
    s.sql("DROP DATABASE cc_db6")
    return "no error"


@case
def cc_drop_database_cascade(s, F, T):
    s.sql("CREATE DATABASE cc_db7")
    s.sql("CREATE TABLE cc_db7.t (id INT) USING parquet")
    s.sql("DROP DATABASE cc_db7 CASCADE")
    return s.catalog.databaseExists("cc_db7")


@case
def cc_drop_default_db(s, F, T):
    s.sql("DROP DATABASE default")
    return "no error"


@case
def cc_show_databases(s, F, T):
    s.sql("CREATE DATABASE IF NOT EXISTS cc_db8")
    rows = s.sql("SHOW DATABASES").collect()
    return [s.sql("SHOW DATABASES").columns, "cc_db8" in [r[0] for r in rows]]


@case
def cc_show_tables_columns(s, F, T):
    return s.sql("SHOW TABLES").columns


@case
def cc_show_tables_in_db(s, F, T):
    s.sql("CREATE DATABASE cc_db9")
    s.sql("CREATE TABLE cc_db9.a (id INT) USING parquet")
    s.sql("CREATE TABLE cc_db9.b (id INT) USING parquet")
    return s.sql("SHOW TABLES IN cc_db9").filter("namespace = 'cc_db9'")


@case
def cc_show_tables_like(s, F, T):
    s.sql("CREATE DATABASE cc_db10")
    s.sql("CREATE TABLE cc_db10.sales_2023 (id INT) USING parquet")
    s.sql("CREATE TABLE cc_db10.sales_2024 (id INT) USING parquet")
    s.sql("CREATE TABLE cc_db10.hr (id INT) USING parquet")
    return s.sql("SHOW TABLES IN cc_db10 LIKE 'sales*'")


@case
def cc_show_tables_includes_temp_views(s, F, T):
    s.sql("CREATE DATABASE cc_db11")
    kv(s).createOrReplaceTempView("cc_tv11")
    rows = [tuple(r) for r in s.sql("SHOW TABLES IN cc_db11").collect()]
    return [("", "cc_tv11", True) in rows, [r for r in rows if r[0] == "cc_db11"]]


@case
def cc_list_tables_db(s, F, T):
    s.sql("CREATE DATABASE cc_db12")
    s.sql("CREATE TABLE cc_db12.x (id INT) USING parquet")
    s.sql("CREATE VIEW cc_db12.y AS SELECT 1 a")
    return sorted((t.name, t.database, t.tableType, t.isTemporary) for t in s.catalog.listTables("cc_db12")
                  if t.name in ("x", "y"))


@case
def cc_list_tables_temp_view_fields(s, F, T):
    kv(s).createOrReplaceTempView("cc_tv13")
    t = [t for t in s.catalog.listTables() if t.name == "cc_tv13"][0]
    return [t.name, t.database, t.tableType, t.isTemporary]


@case
def cc_list_tables_missing_db(s, F, T):
    return s.catalog.listTables("cc_no_db3")


@case
def cc_list_tables_pattern(s, F, T):
    s.sql("CREATE DATABASE cc_db14")
    s.sql("CREATE TABLE cc_db14.aa1 (id INT) USING parquet")
    s.sql("CREATE TABLE cc_db14.bb1 (id INT) USING parquet")
    return [t.name for t in s.catalog.listTables("cc_db14", "aa*")]


@case
def cc_list_columns(s, F, T):
    s.sql("CREATE TABLE cc_t15 (id INT COMMENT 'key', v STRING, k STRING) USING parquet PARTITIONED BY (k)")
    return [(c.name, c.dataType, c.nullable, c.isPartition, c.isBucket, c.description) for c in s.catalog.listColumns("cc_t15")]


@case
def cc_list_columns_temp_view(s, F, T):
    kv(s).createOrReplaceTempView("cc_tv16")
    return [(c.name, c.dataType) for c in s.catalog.listColumns("cc_tv16")]


@case
def cc_list_columns_missing(s, F, T):
    return s.catalog.listColumns("cc_nope16")


@case
def cc_table_exists_variants(s, F, T):
    s.sql("CREATE DATABASE IF NOT EXISTS cc_db17")
    s.sql("CREATE TABLE cc_db17.t (id INT) USING parquet")
    return [s.catalog.tableExists("t", "cc_db17"), s.catalog.tableExists("cc_db17.t"), s.catalog.tableExists("t"),
            s.catalog.tableExists("nope", "cc_db17"), s.catalog.tableExists("t", "nodb")]


@case
def cc_database_exists(s, F, T):
    return [s.catalog.databaseExists("default"), s.catalog.databaseExists("cc_nothing")]


@case
def cc_get_table(s, F, T):
    s.sql("CREATE TABLE cc_t18 (id INT) USING parquet")
    t = s.catalog.getTable("cc_t18")
    return [t.name, t.database, t.tableType, t.isTemporary]


@case
def cc_get_table_missing(s, F, T):
    return s.catalog.getTable("cc_nope18")


@case
def cc_get_database(s, F, T):
    d = s.catalog.getDatabase("default")
    return [d.name, d.description]


@case
def cc_create_table_api(s, F, T):
    d = os.path.join(tmp(), "src")
    kv(s).write.parquet(d)
    df = s.catalog.createTable("cc_t19", path=d)
    return [s.table("cc_t19").count(), df.count()]


@case
def cc_create_table_api_schema(s, F, T):
    df = s.catalog.createTable("cc_t20", schema=T.StructType([T.StructField("a", T.IntegerType())]), source="parquet")
    return [df.count(), df.dtypes]


@case
def cc_list_functions_has_upper(s, F, T):
    return "upper" in [f.name for f in s.catalog.listFunctions()]


@case
def cc_function_exists(s, F, T):
    return [s.catalog.functionExists("upper"), s.catalog.functionExists("no_such_fn")]


@case
def cc_refresh_table(s, F, T):
    s.sql("CREATE TABLE cc_t21 (id INT) USING parquet")
    s.catalog.refreshTable("cc_t21")
    return "ok"


@case
def cc_recover_partitions(s, F, T):
    d = os.path.join(tmp(), "o")
    s.createDataFrame([(1, "a"), (2, "b")], "v int, k string").write.partitionBy("k").parquet(d)
    s.sql(f"CREATE TABLE cc_t22 (v INT, k STRING) USING parquet PARTITIONED BY (k) LOCATION '{d}'")
    s.catalog.recoverPartitions("cc_t22")
    return s.table("cc_t22")


@case
def cc_register_udf_list(s, F, T):
    s.udf.register("cc_plus1", lambda x: x + 1, "int")
    return [s.sql("SELECT cc_plus1(4) r").collect()[0].r, s.catalog.functionExists("cc_plus1")]


# =============================================================== cache
@case
def ck_cache_is_cached(s, F, T):
    kv(s).createOrReplaceTempView("ck_v1")
    s.catalog.cacheTable("ck_v1")
    a = s.catalog.isCached("ck_v1")
    s.catalog.uncacheTable("ck_v1")
    return [a, s.catalog.isCached("ck_v1")]


@case
def ck_is_cached_missing(s, F, T):
    return s.catalog.isCached("ck_missing")


@case
def ck_cache_table_sql(s, F, T):
    kv(s).createOrReplaceTempView("ck_v2")
    s.sql("CACHE TABLE ck_v2")
    a = s.catalog.isCached("ck_v2")
    s.sql("UNCACHE TABLE ck_v2")
    return [a, s.catalog.isCached("ck_v2")]


@case
def ck_cache_table_as_select(s, F, T):
    kv(s).createOrReplaceTempView("ck_v3")
    s.sql("CACHE TABLE ck_c3 AS SELECT id FROM ck_v3 WHERE id > 1")
    return [s.catalog.isCached("ck_c3"), s.table("ck_c3").count()]


@case
def ck_cache_lazy(s, F, T):
    kv(s).createOrReplaceTempView("ck_v4")
    s.sql("CACHE LAZY TABLE ck_v4")
    return s.catalog.isCached("ck_v4")


@case
def ck_uncache_missing(s, F, T):
    s.sql("UNCACHE TABLE ck_missing2")
    return "no error"


@case
def ck_uncache_if_exists(s, F, T):
    s.sql("UNCACHE TABLE IF EXISTS ck_missing3")
    return "ok"


@case
def ck_clear_cache(s, F, T):
    kv(s).createOrReplaceTempView("ck_v5")
    s.catalog.cacheTable("ck_v5")
    s.catalog.clearCache()
    return s.catalog.isCached("ck_v5")


@case
def ck_df_cache_is_cached(s, F, T):
    df = kv(s)
    a = df.is_cached
    df.cache()
    b = df.is_cached
    df.unpersist()
    return [a, b, df.is_cached]


@case
def ck_df_storage_level(s, F, T):
    df = kv(s)
    a = str(df.storageLevel)
    df.persist()
    b = df.storageLevel
    df.unpersist()
    return [a, b.useMemory, b.useDisk]


@case
def ck_cached_table_sees_insert(s, F, T):
    s.sql("CREATE TABLE ck_t6 (id INT) USING parquet")
    s.sql("INSERT INTO ck_t6 VALUES (1)")
    s.catalog.cacheTable("ck_t6")
    s.table("ck_t6").count()
    s.sql("INSERT INTO ck_t6 VALUES (2)")
    r = s.table("ck_t6").count()
    s.catalog.uncacheTable("ck_t6")
    return r


@case
def ck_cache_table_missing(s, F, T):
    s.catalog.cacheTable("ck_missing4")
    return "no error"


@case
def ck_cache_df_then_sql_is_cached(s, F, T):
    df = s.range(3)
    df.createOrReplaceTempView("ck_v7")
    df.cache()
    r = s.catalog.isCached("ck_v7")
    df.unpersist()
    return r


# --------------------------------------------------------------- follow-ups added after the first comparison
@case
def cv_persistent_view_table_type(s, F, T):
    s.sql("CREATE VIEW cv_pv20 AS SELECT 1 a")
    t = s.catalog.getTable("cv_pv20")
    return [t.tableType, t.isTemporary, t.database]


@case
def cv_persistent_view_visible_new_session(s, F, T):
    s.sql("CREATE VIEW cv_pv21 AS SELECT 1 a")
    return s.newSession().table("cv_pv21")


@case
def cv_temp_view_over_table_sees_overwrite(s, F, T):
    s.sql("CREATE TABLE cv_t22 (id INT) USING parquet")
    s.sql("INSERT INTO cv_t22 VALUES (1)")
    s.table("cv_t22").createOrReplaceTempView("cv_v22")
    s.sql("INSERT INTO cv_t22 VALUES (2)")
    return s.table("cv_v22")


@case
def cv_df_from_table_after_insert(s, F, T):
    s.sql("CREATE TABLE cv_t23 (id INT) USING parquet")
    df = s.table("cv_t23")
    s.sql("INSERT INTO cv_t23 VALUES (1), (2)")
    return df.count()


@case
def cv_persistent_view_over_table_sees_inserts(s, F, T):
    s.sql("CREATE TABLE cv_t24 (id INT) USING parquet")
    s.sql("CREATE VIEW cv_pv24 AS SELECT * FROM cv_t24")
    s.sql("INSERT INTO cv_t24 VALUES (1), (2)")
    return s.table("cv_pv24").count()
