"""Sparse vectors and matrices against pyspark.ml.linalg; the VectorUDT struct storage."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from dfengine.ml.linalg import (
    DenseMatrix,
    DenseVector,
    Matrices,
    SparseMatrix,
    SparseVector,
    Vector,
    Vectors,
)
from dfengine.ml.linalg.arrow import (
    compressed_vector_array,
    csr_to_vector_array,
    vector_column_to_csr,
    vector_column_to_matrix,
)


def test_sparse_vector_matches_pyspark():
    from pyspark.ml import linalg as PL

    ours = [Vectors.sparse(5, {3: 2.5, 0: 1.0}), Vectors.sparse(5, [(1, -1.25)]),
            Vectors.sparse(5, [0, 4], [3.0, 0.123456789])]
    theirs = [PL.Vectors.sparse(5, {3: 2.5, 0: 1.0}), PL.Vectors.sparse(5, [(1, -1.25)]),
              PL.Vectors.sparse(5, [0, 4], [3.0, 0.123456789])]
    for a, b in zip(ours, theirs):
        assert str(a) == str(b) and repr(a) == repr(b)
        assert a.numNonzeros() == b.numNonzeros() and a.norm(2) == b.norm(2)
        assert a.dot(ours[0]) == b.dot(theirs[0])
        assert [a[i] for i in range(5)] == [b[i] for i in range(5)]
        assert a.squared_distance(Vectors.dense(np.arange(5.0))) == \
            b.squared_distance(PL.Vectors.dense(np.arange(5.0)))
    assert Vectors.sparse(3, {1: 2.0}) == DenseVector([0.0, 2.0, 0.0])
    assert isinstance(Vectors.sparse(2, {}), Vector) and isinstance(Vectors.dense(1.0), Vector)
    assert repr(Vectors.dense(1.123456, 2)) == repr(PL.Vectors.dense(1.123456, 2))
    with pytest.raises(ValueError):
        Vectors.sparse(3, {5: 1.0})


def test_matrices_match_pyspark():
    from pyspark.ml import linalg as PL

    dm, pdm = Matrices.dense(2, 3, range(6)), PL.Matrices.dense(2, 3, range(6))
    assert str(dm) == str(pdm) and repr(dm) == repr(pdm)
    sm = Matrices.sparse(3, 2, [0, 1, 3], [0, 2, 1], [9.0, 6.0, 8.0])
    psm = PL.Matrices.sparse(3, 2, [0, 1, 3], [0, 2, 1], [9.0, 6.0, 8.0])
    assert str(sm) == str(psm) and repr(sm) == repr(psm)
    np.testing.assert_array_equal(sm.toArray(), psm.toArray())
    assert isinstance(sm, SparseMatrix) and sm.toDense() == DenseMatrix(3, 2, psm.toArray()
                                                                       .ravel(order="F"))


def test_mixed_column_roundtrip(spark):
    rows = [(Vectors.sparse(4, {1: 2.0}),), (Vectors.dense(1.0, 0.0, 3.0, 4.0),), (None,)]
    df = spark.createDataFrame(rows, ["v"])
    assert df.schema["v"].dataType.simpleString() == "vector"
    got = [r.v for r in df.collect()]
    assert isinstance(got[0], SparseVector) and got[0] == rows[0][0]
    assert isinstance(got[1], DenseVector) and got[1] == rows[1][0] and got[2] is None
    col = df.toArrow().column("v")
    X, nulls = vector_column_to_matrix(col)
    np.testing.assert_array_equal(X[:2], [[0, 2, 0, 0], [1, 0, 3, 4]])
    assert nulls.tolist() == [False, False, True] and np.isnan(X[2]).all()
    csr, _ = vector_column_to_csr(col)
    np.testing.assert_array_equal(csr.toarray()[:2], X[:2])


def test_storage_is_sparks_struct(spark, pyspark_session, tmp_path):
    """A parquet file written by PySpark reads back as vectors, and ours has Spark's layout."""
    from pyspark.ml.linalg import Vectors as PV

    path = str(tmp_path / "spark.parquet")
    pyspark_session.createDataFrame([(PV.sparse(3, {2: 1.5}),), (PV.dense(1.0, 2.0, 3.0),)],
                                    ["v"]).write.parquet(path)
    got = [r.v for r in spark.read.parquet(path).collect()]
    assert got == [Vectors.sparse(3, {2: 1.5}), Vectors.dense(1.0, 2.0, 3.0)]
    ours = str(tmp_path / "ours.parquet")
    spark.createDataFrame([(Vectors.sparse(3, {0: 4.0}),)], ["v"]).write.parquet(ours)
    back = pyspark_session.read.parquet(ours).collect()
    assert back[0].v.type == 0 and list(back[0].v.indices) == [0]


def test_compressed_like_spark():
    mat = np.array([[0.0, 0.0, 0.0, 0.0, 7.0], [1.0, 2.0, 3.0, 0.0, 5.0]])
    arr = compressed_vector_array(mat)
    kinds = arr.field("type").to_pylist()
    assert kinds == [0, 1]   # 1.5*(1+1) < 5 -> sparse; 1.5*(4+1) >= 5 -> dense
    np.testing.assert_array_equal(vector_column_to_matrix(arr)[0], mat)
    import scipy.sparse as sp

    back = vector_column_to_csr(csr_to_vector_array(sp.csr_matrix(mat)))[0]
    np.testing.assert_array_equal(back.toarray(), mat)
    with pytest.raises(Exception, match="different sizes"):
        vector_column_to_matrix(pa.chunked_array([arr, csr_to_vector_array(sp.csr_matrix(
            np.ones((1, 3))))]))
