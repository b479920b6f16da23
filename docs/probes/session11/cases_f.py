"""RDD edge cases"""
from common import *  # noqa


def sc_(s):
    return s.sparkContext


def pairs(s):
    return sc_(s).parallelize([("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5)], 2)


# =============================================================== creation / partitions
@case
def rd_parallelize_more_slices(s, F, T):
    r = sc_(s).parallelize([1, 2, 3], 10)
    return [r.getNumPartitions(), r.collect(), sum(1 for p in r.glom().collect() if p)]


@case
def rd_parallelize_empty(s, F, T):
    r = sc_(s).parallelize([])
    return [r.count(), r.collect(), r.isEmpty()]


@case
def rd_parallelize_range(s, F, T):
    r = sc_(s).parallelize(range(10), 3)
    return [r.getNumPartitions(), r.glom().collect()]


@case
def rd_glom_distribution(s, F, T):
    return sc_(s).parallelize([1, 2, 3, 4, 5], 2).glom().collect()


@case
def rd_range(s, F, T):
    return [sc_(s).range(5).collect(), sc_(s).range(2, 10, 3).collect()]


@case
def rd_empty_rdd(s, F, T):
    r = sc_(s).emptyRDD()
    return [r.count(), r.collect(), r.getNumPartitions()]


@case
def rd_default_parallelism_positive(s, F, T):
    return sc_(s).defaultParallelism >= 1


# =============================================================== actions on empty
@case
def rd_empty_reduce(s, F, T):
    return sc_(s).parallelize([]).reduce(lambda a, b: a + b)


@case
def rd_empty_reduce_msg(s, F, T):
    try:
        sc_(s).parallelize([]).reduce(lambda a, b: a + b)
        return "no error"
    except Exception as e:  # noqa
        return [type(e).__name__, "empty" in str(e).lower()]


@case
def rd_empty_first(s, F, T):
    return sc_(s).parallelize([]).first()


@case
def rd_empty_max(s, F, T):
    return sc_(s).parallelize([]).max()


@case
def rd_empty_sum_mean(s, F, T):
    r = sc_(s).parallelize([])
    return [r.sum(), str(r.mean())]


@case
def rd_empty_stats(s, F, T):
    st = sc_(s).parallelize([]).stats()
    return [st.count(), str(st.mean()), str(st.max()), str(st.min())]


@case
def rd_empty_fold(s, F, T):
    return sc_(s).parallelize([], 3).fold(0, lambda a, b: a + b)


@case
def rd_empty_take_top(s, F, T):
    r = sc_(s).parallelize([])
    return [r.take(3), r.top(2), r.takeOrdered(2)]


# =============================================================== fold / aggregate
@case
def rd_fold_zero_per_partition(s, F, T):
    return sc_(s).parallelize([1, 2, 3, 4], 2).fold(10, lambda a, b: a + b)


@case
def rd_aggregate_sum_count(s, F, T):
    r = sc_(s).parallelize([1, 2, 3, 4, 5], 2)
    return r.aggregate((0, 0), lambda acc, x: (acc[0] + x, acc[1] + 1), lambda a, b: (a[0] + b[0], a[1] + b[1]))


@case
def rd_aggregate_nonzero_zero(s, F, T):
    r = sc_(s).parallelize([1, 2, 3], 3)
    return r.aggregate(1, lambda a, x: a + x, lambda a, b: a + b)


@case
def rd_tree_reduce_aggregate(s, F, T):
    r = sc_(s).parallelize(range(100), 8)
    return [r.treeReduce(lambda a, b: a + b, depth=3), r.treeAggregate(0, lambda a, x: a + x, lambda a, b: a + b)]


@case
def rd_reduce_non_commutative(s, F, T):
    return sc_(s).parallelize(["a", "b", "c", "d"], 2).reduce(lambda a, b: a + b)


# =============================================================== pair RDD
@case
def rdp_reduce_by_key(s, F, T):
    return sorted(pairs(s).reduceByKey(lambda a, b: a + b).collect())


@case
def rdp_reduce_by_key_num_partitions(s, F, T):
    r = pairs(s).reduceByKey(lambda a, b: a + b, numPartitions=3)
    return [r.getNumPartitions(), sorted(r.collect())]


@case
def rdp_group_by_key(s, F, T):
    return sorted((k, sorted(v)) for k, v in pairs(s).groupByKey().collect())


@case
def rdp_group_by_key_values_type(s, F, T):
    v = pairs(s).groupByKey().collect()[0][1]
    return [hasattr(v, "__iter__"), len(list(v)) > 0, type(v).__name__]


@case
def rdp_group_by_key_map_values_list(s, F, T):
    return sorted(pairs(s).groupByKey().mapValues(list).mapValues(sorted).collect())


@case
def rdp_combine_by_key_average(s, F, T):
    r = pairs(s).combineByKey(lambda v: (v, 1), lambda acc, v: (acc[0] + v, acc[1] + 1),
                              lambda a, b: (a[0] + b[0], a[1] + b[1]))
    return sorted((k, s_ / n) for k, (s_, n) in r.collect())


@case
def rdp_fold_by_key(s, F, T):
    return sorted(pairs(s).foldByKey(0, lambda a, b: a + b).collect())


@case
def rdp_fold_by_key_nonzero(s, F, T):
    return sorted(sc_(s).parallelize([("a", 1), ("a", 2)], 1).foldByKey(100, lambda a, b: a + b).collect())


@case
def rdp_aggregate_by_key(s, F, T):
    r = pairs(s).aggregateByKey([], lambda acc, v: acc + [v], lambda a, b: a + b)
    return sorted((k, sorted(v)) for k, v in r.collect())


@case
def rdp_count_by_key(s, F, T):
    return sorted(pairs(s).countByKey().items())


@case
def rdp_count_by_value(s, F, T):
    return sorted(sc_(s).parallelize(["x", "y", "x", None, "x"]).countByValue().items(), key=repr)


@case
def rdp_count_by_key_type(s, F, T):
    return type(pairs(s).countByKey()).__name__


@case
def rdp_collect_as_map(s, F, T):
    return sorted(pairs(s).collectAsMap().items())


@case
def rdp_keys_values_map_values(s, F, T):
    p = pairs(s)
    return [sorted(p.keys().distinct().collect()), sorted(p.values().collect()), sorted(p.mapValues(lambda v: v * 10).collect())]


@case
def rdp_flat_map_values(s, F, T):
    return sorted(sc_(s).parallelize([("a", [1, 2]), ("b", [])]).flatMapValues(lambda x: x).collect())


@case
def rdp_join_missing_keys(s, F, T):
    a = sc_(s).parallelize([("a", 1), ("b", 2), ("a", 3)])
    b = sc_(s).parallelize([("a", "x"), ("c", "y")])
    return sorted(a.join(b).collect())


@case
def rdp_left_outer_join(s, F, T):
    a = sc_(s).parallelize([("a", 1), ("b", 2)])
    b = sc_(s).parallelize([("a", "x"), ("c", "y")])
    return sorted(a.leftOuterJoin(b).collect(), key=repr)


@case
def rdp_right_outer_join(s, F, T):
    a = sc_(s).parallelize([("a", 1), ("b", 2)])
    b = sc_(s).parallelize([("a", "x"), ("c", "y")])
    return sorted(a.rightOuterJoin(b).collect(), key=repr)


@case
def rdp_full_outer_join(s, F, T):
    a = sc_(s).parallelize([("a", 1), ("b", 2)])
    b = sc_(s).parallelize([("a", "x"), ("c", "y")])
    return sorted(a.fullOuterJoin(b).collect(), key=repr)


@case
def rdp_join_none_key(s, F, T):
    a = sc_(s).parallelize([(None, 1), ("a", 2)])
    b = sc_(s).parallelize([(None, "x"), ("a", "y")])
    return sorted(a.join(b).collect(), key=repr)


@case
def rdp_cogroup(s, F, T):
    a = sc_(s).parallelize([("a", 1), ("b", 2), ("a", 3)])
    b = sc_(s).parallelize([("a", "x"), ("c", "y")])
    return sorted((k, sorted(x), sorted(y)) for k, (x, y) in a.cogroup(b).collect())


@case
def rdp_group_with(s, F, T):
    a = sc_(s).parallelize([("a", 1)])
    b = sc_(s).parallelize([("a", 2), ("b", 3)])
    c = sc_(s).parallelize([("c", 4)])
    return sorted((k, [sorted(v) for v in vs]) for k, vs in a.groupWith(b, c).collect())


@case
def rdp_subtract_by_key(s, F, T):
    a = sc_(s).parallelize([("a", 1), ("b", 2), ("c", 3)])
    b = sc_(s).parallelize([("b", None)])
    return sorted(a.subtractByKey(b).collect())


@case
def rdp_subtract(s, F, T):
    return sorted(sc_(s).parallelize([1, 2, 2, 3, 4]).subtract(sc_(s).parallelize([2, 4])).collect())


@case
def rdp_intersection(s, F, T):
    return sorted(sc_(s).parallelize([1, 2, 2, 3]).intersection(sc_(s).parallelize([2, 3, 3, 5])).collect())


@case
def rdp_lookup(s, F, T):
    return [sorted(pairs(s).lookup("a")), pairs(s).lookup("zz")]


@case
def rdp_sort_by_key_desc(s, F, T):
    return pairs(s).sortByKey(ascending=False).keys().collect()


@case
def rdp_sort_by_key_func(s, F, T):
    r = sc_(s).parallelize([("B", 1), ("a", 2), ("C", 3)])
    return r.sortByKey(keyfunc=lambda k: k.lower()).collect()


@case
def rdp_sort_by_key_mixed_types(s, F, T):
    return sc_(s).parallelize([(1, "a"), ("x", "b")]).sortByKey().collect()


@case
def rdp_sort_by_key_none(s, F, T):
    return sc_(s).parallelize([(None, "a"), (1, "b")]).sortByKey().collect()


@case
def rdp_partition_by(s, F, T):
    r = pairs(s).partitionBy(3)
    return [r.getNumPartitions(), sorted(r.collect())]


@case
def rdp_partition_by_custom(s, F, T):
    r = sc_(s).parallelize([(i, i) for i in range(6)]).partitionBy(2, lambda k: k % 2)
    return [sorted(k for k, _ in p) for p in r.glom().collect()]


@case
def rdp_reduce_by_key_non_pair(s, F, T):
    return sc_(s).parallelize([1, 2, 3]).reduceByKey(lambda a, b: a + b).collect()


@case
def rdp_reduce_by_key_locally(s, F, T):
    return sorted(pairs(s).reduceByKeyLocally(lambda a, b: a + b).items())


@case
def rdp_map_partitions_with_index(s, F, T):
    r = sc_(s).parallelize(range(6), 3)
    return r.mapPartitionsWithIndex(lambda i, it: [(i, sum(it))]).collect()


@case
def rdp_map_partitions(s, F, T):
    r = sc_(s).parallelize(range(6), 2)
    return r.mapPartitions(lambda it: [sum(it)]).collect()


@case
def rdp_map_partitions_generator_empty(s, F, T):
    def f(it):
        for x in it:
            if x > 100:
                yield x
    return sc_(s).parallelize(range(6), 3).mapPartitions(f).collect()


# =============================================================== transformations / ordering
@case
def rdt_sort_by_desc(s, F, T):
    return sc_(s).parallelize([3, 1, 2, 5, 4], 2).sortBy(lambda x: x, ascending=False).collect()


@case
def rdt_sort_by_key_tuple(s, F, T):
    r = sc_(s).parallelize([("a", 3), ("b", 1), ("c", 2)])
    return r.sortBy(lambda kv: kv[1]).collect()


@case
def rdt_sort_by_num_partitions(s, F, T):
    r = sc_(s).parallelize(range(10), 2).sortBy(lambda x: -x, numPartitions=3)
    return [r.getNumPartitions(), r.collect()]


@case
def rdt_distinct(s, F, T):
    return sorted(sc_(s).parallelize([1, 2, 2, 3, 3, 3, None, None]).distinct().collect(), key=repr)


@case
def rdt_distinct_unhashable(s, F, T):
    return sc_(s).parallelize([[1], [1]]).distinct().collect()


@case
def rdt_zip_equal(s, F, T):
    a = sc_(s).parallelize([1, 2, 3], 2)
    b = sc_(s).parallelize(["a", "b", "c"], 2)
    return a.zip(b).collect()


@case
def rdt_zip_unequal_sizes(s, F, T):
    a = sc_(s).parallelize([1, 2, 3], 2)
    b = sc_(s).parallelize(["a", "b"], 2)
    return a.zip(b).collect()


@case
def rdt_zip_unequal_partitions(s, F, T):
    a = sc_(s).parallelize([1, 2, 3, 4], 2)
    b = sc_(s).parallelize([1, 2, 3, 4], 4)
    return a.zip(b).collect()


@case
def rdt_zip_with_index(s, F, T):
    return sc_(s).parallelize(["a", "b", "c", "d"], 3).zipWithIndex().collect()


@case
def rdt_zip_with_unique_id(s, F, T):
    ids = [i for _, i in sc_(s).parallelize(["a", "b", "c", "d", "e"], 2).zipWithUniqueId().collect()]
    return [len(set(ids)), ids]


@case
def rdt_take_top_ordered(s, F, T):
    r = sc_(s).parallelize([5, 1, 4, 2, 3, 9], 3)
    return [r.take(2), r.top(3), r.takeOrdered(3), r.takeOrdered(2, key=lambda x: -x), r.top(2, key=lambda x: -x)]


@case
def rdt_take_more_than_count(s, F, T):
    return sc_(s).parallelize([1, 2], 4).take(10)


@case
def rdt_first(s, F, T):
    return sc_(s).parallelize([7, 8], 2).first()


@case
def rdt_min_max_key(s, F, T):
    r = sc_(s).parallelize(["aaa", "b", "cc"])
    return [r.max(), r.min(), r.max(key=len), r.min(key=len)]


@case
def rdt_histogram_buckets(s, F, T):
    return sc_(s).parallelize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).histogram(3)


@case
def rdt_histogram_explicit(s, F, T):
    return sc_(s).parallelize([0, 1, 5, 10, 11, -1]).histogram([0, 5, 10])


@case
def rdt_histogram_uneven(s, F, T):
    return sc_(s).parallelize([1, 2, 3, 50]).histogram([0, 2, 100])


@case
def rdt_histogram_constant(s, F, T):
    return sc_(s).parallelize([3, 3, 3]).histogram(2)


@case
def rdt_histogram_empty(s, F, T):
    return sc_(s).parallelize([]).histogram(2)


@case
def rdt_histogram_nan(s, F, T):
    return sc_(s).parallelize([1.0, float("nan"), 3.0]).histogram(2)


@case
def rdt_stats(s, F, T):
    st = sc_(s).parallelize([1.0, 2.0, 3.0, 4.0])
    x = st.stats()
    return [x.count(), x.mean(), x.sum(), x.min(), x.max(), round(x.variance(), 9), round(x.sampleVariance(), 9),
            round(x.stdev(), 9), round(x.sampleStdev(), 9)]


@case
def rdt_stats_methods(s, F, T):
    r = sc_(s).parallelize([2, 4, 4, 4, 5, 5, 7, 9])
    return [r.mean(), r.variance(), r.stdev(), r.sampleVariance(), round(r.sampleStdev(), 9), r.sum(), r.count()]


@case
def rdt_stats_repr(s, F, T):
    return repr(sc_(s).parallelize([1.0, 2.0]).stats())


@case
def rdt_union(s, F, T):
    a = sc_(s).parallelize([1, 2], 2)
    b = sc_(s).parallelize([2, 3], 3)
    u = a.union(b)
    return [u.getNumPartitions(), sorted(u.collect())]


@case
def rdt_sc_union(s, F, T):
    rs = [sc_(s).parallelize([i]) for i in range(3)]
    return sorted(sc_(s).union(rs).collect())


@case
def rdt_cartesian(s, F, T):
    return sorted(sc_(s).parallelize([1, 2]).cartesian(sc_(s).parallelize(["a", "b"])).collect())


@case
def rdt_cartesian_empty(s, F, T):
    return sc_(s).parallelize([1, 2]).cartesian(sc_(s).parallelize([])).count()


@case
def rdt_flat_map_strings(s, F, T):
    return sc_(s).parallelize(["a b", "", "c"]).flatMap(lambda x: x.split(" ")).collect()


@case
def rdt_filter_map_chain(s, F, T):
    return sc_(s).parallelize(range(10)).filter(lambda x: x % 3 == 0).map(lambda x: x * x).collect()


@case
def rdt_key_by(s, F, T):
    return sc_(s).parallelize(["apple", "bob"]).keyBy(len).collect()


@case
def rdt_group_by(s, F, T):
    return sorted((k, sorted(v)) for k, v in sc_(s).parallelize(range(7)).groupBy(lambda x: x % 3).collect())


@case
def rdt_coalesce_repartition(s, F, T):
    r = sc_(s).parallelize(range(10), 5)
    return [r.coalesce(2).getNumPartitions(), r.repartition(7).getNumPartitions(), r.coalesce(10).getNumPartitions(),
            r.coalesce(10, shuffle=True).getNumPartitions()]


@case
def rdt_sample_reproducible(s, F, T):
    r = sc_(s).parallelize(range(100), 2)
    return r.sample(False, 0.3, seed=4).collect() == r.sample(False, 0.3, seed=4).collect()


@case
def rdt_take_sample_size(s, F, T):
    r = sc_(s).parallelize(range(20))
    a = r.takeSample(False, 5, seed=1)
    return [len(a), len(set(a)), len(r.takeSample(False, 50, seed=1)), len(r.takeSample(True, 30, seed=1))]


@case
def rdt_random_split_rdd(s, F, T):
    parts = sc_(s).parallelize(range(100), 2).randomSplit([0.5, 0.5], seed=2)
    return [len(parts), sum(p.count() for p in parts)]


@case
def rdt_pipe(s, F, T):
    return sc_(s).parallelize(["b", "a"], 1).pipe("sort").collect()


@case
def rdt_foreach_accumulator(s, F, T):
    acc = sc_(s).accumulator(0)
    sc_(s).parallelize(range(10), 3).foreach(lambda x: acc.add(x))
    return acc.value


@case
def rdt_foreach_partition_accumulator(s, F, T):
    acc = sc_(s).accumulator(0)
    sc_(s).parallelize(range(10), 3).foreachPartition(lambda it: acc.add(len(list(it))))
    return acc.value


@case
def rdt_accumulator_float(s, F, T):
    acc = sc_(s).accumulator(0.0)
    sc_(s).parallelize([0.5, 1.5]).foreach(lambda x: acc.add(x))
    return acc.value


@case
def rdt_accumulator_in_map_lazy(s, F, T):
    acc = sc_(s).accumulator(0)

    def f(x):
        acc.add(1)
        return x
    r = sc_(s).parallelize(range(5)).map(f)
    before = acc.value
    r.count()
    return [before, acc.value]


@case
def rdt_accumulator_iadd(s, F, T):
    acc = sc_(s).accumulator(5)
    acc += 3
    return acc.value


@case
def rdt_broadcast(s, F, T):
    b = sc_(s).broadcast({"a": 1, "b": 2})
    r = sc_(s).parallelize(["a", "b", "c"]).map(lambda k: b.value.get(k, 0)).collect()
    b.unpersist()
    return r


@case
def rdt_broadcast_destroy_then_use(s, F, T):
    b = sc_(s).broadcast([1, 2, 3])
    b.destroy()
    return sc_(s).parallelize([0]).map(lambda i: b.value[i]).collect()


@case
def rdt_cache_persist_rdd(s, F, T):
    r = sc_(s).parallelize(range(5)).map(lambda x: x + 1).cache()
    a = r.is_cached
    c = r.count()
    r.unpersist()
    return [a, c, r.is_cached]


@case
def rdt_checkpoint_rdd(s, F, T):
    sc_(s).setCheckpointDir(tmp())
    r = sc_(s).parallelize(range(5)).map(lambda x: x * 2)
    r.checkpoint()
    r.count()
    return [r.isCheckpointed(), r.collect()]


@case
def rdt_count_approx(s, F, T):
    return sc_(s).parallelize(range(50)).countApprox(1000)


@case
def rdt_count_approx_distinct(s, F, T):
    n = sc_(s).parallelize([i % 10 for i in range(1000)]).countApproxDistinct()
    return 8 <= n <= 12


@case
def rdt_lazy_error_on_action(s, F, T):
    r = sc_(s).parallelize([1, 0]).map(lambda x: 1 / x)
    return r.collect()


@case
def rdt_lazy_error_class(s, F, T):
    r = sc_(s).parallelize([1, 0]).map(lambda x: 1 / x)
    try:
        r.collect()
        return "no error"
    except Exception as e:  # noqa
        return ["ZeroDivisionError" in str(e) or isinstance(e, ZeroDivisionError)]


@case
def rdt_lazy_no_error_without_action(s, F, T):
    sc_(s).parallelize([1, 0]).map(lambda x: 1 / x)
    return "ok"


@case
def rdt_nested_rdd_error(s, F, T):
    a = sc_(s).parallelize([1, 2])
    b = sc_(s).parallelize([3])
    return a.map(lambda x: b.count()).collect()


@case
def rdt_id_and_name(s, F, T):
    r = sc_(s).parallelize([1]).setName("myrdd")
    return [r.name(), isinstance(r.id(), int)]


@case
def rdt_to_debug_string(s, F, T):
    r = sc_(s).parallelize([1]).map(lambda x: x)
    return isinstance(r.toDebugString(), (str, bytes))


# =============================================================== RDD <-> DataFrame / files
@case
def rdf_to_df_tuples(s, F, T):
    return sc_(s).parallelize([(1, "a"), (2, "b")]).toDF(["id", "v"])


@case
def rdf_to_df_no_names(s, F, T):
    return sc_(s).parallelize([(1, "a"), (2, None)]).toDF()


@case
def rdf_to_df_rows(s, F, T):
    Row = R(F)
    return sc_(s).parallelize([Row(id=1, v="a"), Row(id=2, v=None)]).toDF()


@case
def rdf_to_df_ddl_schema(s, F, T):
    return sc_(s).parallelize([(1, "a")]).toDF("id long, v string")


@case
def rdf_to_df_structtype(s, F, T):
    sch = T.StructType([T.StructField("id", T.IntegerType()), T.StructField("v", T.StringType())])
    return sc_(s).parallelize([(1, "a")]).toDF(sch)


@case
def rdf_to_df_schema_mismatch(s, F, T):
    return sc_(s).parallelize([("x", "a")]).toDF("id int, v string")


@case
def rdf_to_df_all_none_column(s, F, T):
    return sc_(s).parallelize([(1, None), (2, None)]).toDF(["a", "b"])


@case
def rdf_to_df_mixed_int_float(s, F, T):
    return sc_(s).parallelize([(1,), (2.5,)]).toDF(["a"])


@case
def rdf_to_df_dicts(s, F, T):
    return sc_(s).parallelize([{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]).toDF()


@case
def rdf_to_df_scalars(s, F, T):
    return sc_(s).parallelize([1, 2, 3]).toDF()


@case
def rdf_create_dataframe_from_rdd(s, F, T):
    return s.createDataFrame(sc_(s).parallelize([(1, [1, 2], {"k": 1.5})]), ["id", "arr", "m"])


@case
def rdf_df_rdd_roundtrip(s, F, T):
    r = people(s).rdd.map(lambda row: (row.name, row.age))
    return sorted(r.collect(), key=repr)


@case
def rdf_df_rdd_row_type(s, F, T):
    row = people(s).rdd.first()
    return [type(row).__name__, row.asDict()["name"], row["id"]]


@case
def rdf_df_rdd_num_partitions(s, F, T):
    return s.range(100).repartition(4).rdd.getNumPartitions()


@case
def rdf_df_rdd_map_to_df(s, F, T):
    Row = R(F)
    return people(s).rdd.map(lambda r: Row(n=r.name.upper(), a2=(r.age or 0) * 2)).toDF()


@case
def rdf_save_as_text_file(s, F, T):
    d = os.path.join(tmp(), "out")
    sc_(s).parallelize(["a", "b", "c"], 2).saveAsTextFile(d)
    return [nfiles(d), sorted(sc_(s).textFile(d).collect())]


@case
def rdf_save_as_text_file_non_strings(s, F, T):
    d = os.path.join(tmp(), "out")
    sc_(s).parallelize([1, (2, "x"), None, [3]], 1).saveAsTextFile(d)
    return sc_(s).textFile(d).collect()


@case
def rdf_save_as_text_file_exists(s, F, T):
    d = os.path.join(tmp(), "out")
    sc_(s).parallelize(["a"]).saveAsTextFile(d)
    sc_(s).parallelize(["b"]).saveAsTextFile(d)
    return "no error"


@case
def rdf_save_as_text_file_compressed(s, F, T):
    d = os.path.join(tmp(), "out")
    sc_(s).parallelize(["a", "b"], 1).saveAsTextFile(d, compressionCodecClass="org.apache.hadoop.io.compress.GzipCodec")
    return [exts(d), sorted(sc_(s).textFile(d).collect())]


@case
def rdf_text_file_min_partitions(s, F, T):
    p = wfile(tmp(), "a.txt", "\n".join(str(i) for i in range(100)) + "\n")
    r = sc_(s).textFile(p, minPartitions=4)
    return [r.getNumPartitions() >= 4, r.count()]


@case
def rdf_text_file_glob(s, F, T):
    d = tmp()
    wfile(d, "a.txt", "1\n2\n")
    wfile(d, "b.txt", "3\n")
    wfile(d, "c.csv", "4\n")
    return sorted(sc_(s).textFile(os.path.join(d, "*.txt")).collect())


@case
def rdf_text_file_missing(s, F, T):
    return sc_(s).textFile(os.path.join(tmp(), "none.txt")).collect()


@case
def rdf_pickle_file_roundtrip(s, F, T):
    d = os.path.join(tmp(), "pk")
    sc_(s).parallelize([1, "a", (2, 3)], 2).saveAsPickleFile(d)
    return sorted(sc_(s).pickleFile(d).collect(), key=repr)


@case
def rdf_spark_context_info(s, F, T):
    c = sc_(s)
    return [c.master, isinstance(c.appName, str), isinstance(c.version, str), c.getConf().get("spark.sql.session.timeZone")]


@case
def rdf_sc_get_or_create_same(s, F, T):
    SC = __import__(("pyspark" if is_spark(F) else "dfengine") + ("" if is_spark(F) else ".rdd"), fromlist=["SparkContext"]).SparkContext
    return SC.getOrCreate() is s.sparkContext


@case
def rdf_set_job_group_description(s, F, T):
    c = sc_(s)
    c.setJobGroup("g1", "desc")
    c.setJobDescription("d")
    c.setLocalProperty("k", "v")
    return c.getLocalProperty("k")
