"""The kernel signatures `aot` compiles ahead of time: (return type, argument types).

Recorded with `python -m dfengine.kernels.aot record` after running the 22 TPC-H queries
(SF1) and `make demo` in one process; a call with any other signature is compiled by Numba
on first use, as every kernel was before.
"""

SIGNATURES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    'dfengine.kernels.decimal._arith_kernel': [
        ('Tuple((int64[::1], boolean,))', ('int64[::1]', 'int64[::1]', 'int64', 'int64', 'int64', 'int64', 'int64', 'int64')),
        ('Tuple((int64[::1], boolean,))', ('int64[::1]', 'int64[:]', 'int64', 'int64', 'int64', 'int64', 'int64', 'int64')),
        ('Tuple((int64[::1], boolean,))', ('int64[:]', 'int64[:]', 'int64', 'int64', 'int64', 'int64', 'int64', 'int64')),
    ],
    'dfengine.kernels.decimal._interleave': [
        ('int64[::1]', ('int64[::1]',)),
    ],
    'dfengine.kernels.decimal._low_words_kernel': [
        ('Tuple((int64[::1], boolean,))', ('int64[::1]', 'boolean[::1]', 'boolean')),
    ],
    'dfengine.kernels.decimal._max_abs': [
        ('int64', ('int64[::1]',)),
    ],
    'dfengine.kernels.decimal.gathered_words': [
        ('UniTuple(int64, 2)', ('int64[::1]', 'int64', 'int64[::1]', 'int64[::1]', 'int64')),
    ],
    'dfengine.kernels.decimal.kept_words': [
        ('UniTuple(int64, 2)', ('int64[::1]', 'int64', 'boolean[::1]', 'boolean', 'int64[::1]', 'int64')),
    ],
    'dfengine.kernels.grouping.group_ids': [
        ('UniTuple(int64[::1], 2)', ('int64[::1]',)),
    ],
    'dfengine.kernels.grouping.row_counts': [
        ('int64[::1]', ('int64[::1]', 'int64')),
    ],
    'dfengine.kernels.grouping.same_bytes': [
        ('boolean', ('int64[::1]', 'uint8[::1]', 'boolean[::1]', 'boolean', 'int64[::1]', 'int64[::1]')),
    ],
    'dfengine.kernels.grouping.same_fixed': [
        ('boolean', ('int64[::1]', 'boolean[::1]', 'boolean', 'int64[::1]', 'int64[::1]')),
    ],
    'dfengine.kernels.grouping.sum_count': [
        ('UniTuple(int64[::1], 2)', ('int64[::1]', 'int64[::1]', 'boolean[::1]', 'boolean', 'int64')),
    ],
    'dfengine.kernels.hash_table._fill_dense': [
        ('none', ('int64[::1]', 'boolean[::1]', 'int64', 'int32[::1]', 'int32[::1]')),
    ],
    'dfengine.kernels.hash_table._link_hashed': [
        ('none', ('int64[::1]', 'boolean[::1]', 'int32[::1]', 'int32[::1]')),
    ],
    'dfengine.kernels.hash_table._probe_dense': [
        ('UniTuple(int64, 2)', ('int32[::1]', 'int32[::1]', 'int64[::1]', 'boolean[::1]', 'int64', 'int64', 'int64[::1]', 'int64[::1]')),
    ],
    'dfengine.kernels.hash_table._probe_into': [
        ('UniTuple(int64, 2)', ('int64[::1]', 'int32[::1]', 'int32[::1]', 'int64[::1]', 'boolean[::1]', 'boolean', 'int64', 'int64', 'int64[::1]', 'int64[::1]')),
    ],
    'dfengine.kernels.hash_table.in_bits': [
        ('boolean[::1]', ('int64[::1]', 'boolean[::1]', 'uint64[::1]', 'int64', 'int64')),
    ],
    'dfengine.kernels.hash_table.key_bits': [
        ('uint64[::1]', ('int64[::1]', 'boolean[::1]', 'int64', 'int64')),
    ],
    'dfengine.kernels.hash_table.key_range': [
        ('UniTuple(int64, 2)', ('int64[::1]', 'boolean[::1]')),
    ],
    'dfengine.kernels.hash_table.pack': [
        ('int64[::1]', ('int64[:, ::1]', 'boolean[::1]', 'int64[::1]', 'int64[::1]', 'int64[::1]')),
    ],
    'dfengine.kernels.hash_table.probe_exists': [
        ('boolean[::1]', ('int64[::1]', 'int32[::1]', 'int32[::1]', 'int64[::1]', 'boolean[::1]', 'boolean', 'int64', 'boolean[::1]')),
    ],
    'dfengine.kernels.hashing._combine_bytes': [
        ('none', ('uint64[::1]', 'int64[::1]', 'uint8[::1]', 'boolean[::1]')),
    ],
    'dfengine.kernels.hashing._combine_fixed': [
        ('none', ('uint64[::1]', 'int64[::1]', 'boolean[::1]')),
    ],
    'dfengine.kernels.hashing.partition_order': [
        ('UniTuple(int64[::1], 2)', ('int64[::1]', 'int64')),
    ],
    'dfengine.kernels.like.match_runs': [
        ('boolean[::1]', ('int64[::1]', 'uint8[::1]', "Array(uint8, 1, 'C', readonly=True)", 'int64[::1]', 'int64[:, ::1]', 'boolean', 'boolean')),
    ],
}
