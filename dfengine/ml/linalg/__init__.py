"""`dfengine.ml.linalg`: dense vectors and matrices (mirrors `pyspark.ml.linalg`)."""

from dfengine.ml.linalg.dense_vector import DenseMatrix, DenseVector
from dfengine.ml.linalg.vectors import Vectors
from dfengine.sql.types import VectorUDT

Vector = DenseVector
VectorUDT.python_class = DenseVector  # collect() turns vector cells into DenseVector
Matrix = DenseMatrix

__all__ = ["DenseMatrix", "DenseVector", "Matrix", "Vector", "VectorUDT", "Vectors"]
