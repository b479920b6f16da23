"""`dfengine.ml.linalg`: dense and sparse vectors and matrices (mirrors `pyspark.ml.linalg`)."""

import abc as _abc

from dfengine.ml.linalg.dense_vector import DenseMatrix, DenseVector
from dfengine.ml.linalg.matrices import Matrices, SparseMatrix
from dfengine.ml.linalg.sparse_vector import SparseVector
from dfengine.ml.linalg.vectors import Vectors, vector_from_struct
from dfengine.sql.types import VectorUDT

# collect() turns a vector cell ({type, size, indices, values}) into DenseVector/SparseVector.
VectorUDT.python_class = staticmethod(vector_from_struct)

# Abstract bases for `isinstance(v, Vector)` checks, as pyspark's Vector / Matrix classes.
Vector = _abc.ABCMeta("Vector", (), {"__doc__": "Base of DenseVector and SparseVector."})
Vector.register(DenseVector)
Vector.register(SparseVector)
Matrix = _abc.ABCMeta("Matrix", (), {"__doc__": "Base of DenseMatrix and SparseMatrix."})
Matrix.register(DenseMatrix)
Matrix.register(SparseMatrix)

__all__ = ["DenseMatrix", "DenseVector", "Matrices", "Matrix", "SparseMatrix", "SparseVector",
           "Vector", "VectorUDT", "Vectors"]
