"""`dfengine.ml.linalg`: dense and sparse vectors and matrices (mirrors `pyspark.ml.linalg`)."""

import abc as _abc

from dfengine.ml.linalg.dense_vector import DenseMatrix, DenseVector
from dfengine.ml.linalg.matrices import Matrices, SparseMatrix
from dfengine.ml.linalg.sparse_vector import SparseVector
from dfengine.ml.linalg.vectors import Vectors, vector_from_struct
from dfengine.sql.types import MatrixUDT, VectorUDT

# collect() turns a vector cell ({type, size, indices, values}) into DenseVector/SparseVector.
VectorUDT.python_class = staticmethod(vector_from_struct)


def _matrix_from_struct(d: dict) -> DenseMatrix | SparseMatrix:
    """A matrix cell ({type, numRows, numCols, colPtrs, rowIndices, values, isTransposed})."""
    if d["type"] == 1:
        return DenseMatrix(d["numRows"], d["numCols"], d["values"], d["isTransposed"])
    return SparseMatrix(d["numRows"], d["numCols"], d["colPtrs"], d["rowIndices"], d["values"],
                        d["isTransposed"])


MatrixUDT.python_class = staticmethod(_matrix_from_struct)
DenseMatrix.__UDT__ = MatrixUDT()  # how createDataFrame infers a matrix column
SparseMatrix.__UDT__ = MatrixUDT()

# Abstract bases for `isinstance(v, Vector)` checks, as pyspark's Vector / Matrix classes.
Vector = _abc.ABCMeta("Vector", (), {"__doc__": "Base of DenseVector and SparseVector."})
Vector.register(DenseVector)
Vector.register(SparseVector)
Matrix = _abc.ABCMeta("Matrix", (), {"__doc__": "Base of DenseMatrix and SparseMatrix."})
Matrix.register(DenseMatrix)
Matrix.register(SparseMatrix)

__all__ = ["DenseMatrix", "DenseVector", "Matrices", "Matrix", "MatrixUDT", "SparseMatrix",
           "SparseVector", "Vector", "VectorUDT", "Vectors"]
