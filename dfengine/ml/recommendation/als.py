"""`ALS` and `ALSModel` (`pyspark.ml.recommendation`): matrix factorization for
recommendations, explicit or implicit feedback, trained by blocked ALS on the workers
(`blocked.py`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from dfengine.errors import IllegalArgumentException
from dfengine.ml import _frame
from dfengine.ml.base import Estimator, Model
from dfengine.ml.param import keyword_only
from dfengine.ml.param.ml_params import check_choice
from dfengine.ml.param.shared import HasMaxIter, HasPredictionCol, HasRegParam, HasSeed
from dfengine.ml.param.type_converters import TypeConverters as TC
from dfengine.ml.recommendation.blocked import ALSSettings, extract, train_als
from dfengine.ml.tree._params import _p, default_seed
from dfengine.ml.util import MLReadable, MLWritable


class _ALSModelParams(HasPredictionCol):
    userCol = _p("userCol", "column name for user ids. Ids must be within the integer value "
                 "range.", TC.toString)
    itemCol = _p("itemCol", "column name for item ids. Ids must be within the integer value "
                 "range.", TC.toString)
    coldStartStrategy = _p(
        "coldStartStrategy", "strategy for dealing with unknown or new users/items at "
        "prediction time. This may be useful in cross-validation or production scenarios, for "
        "handling user/item ids the model has not seen in the training data. Supported "
        "values: 'nan', 'drop'.", TC.toString)
    blockSize = _p("blockSize", "block size for stacking input data in matrices. Data is "
                   "stacked within partitions. If block size is more than remaining data in a "
                   "partition then it is adjusted to the size of this data.", TC.toInt)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(userCol="user", itemCol="item", coldStartStrategy="nan",
                         blockSize=4096)


class _ALSParams(_ALSModelParams, HasMaxIter, HasRegParam, HasSeed):
    rank = _p("rank", "rank of the factorization", TC.toInt)
    numUserBlocks = _p("numUserBlocks", "number of user blocks", TC.toInt)
    numItemBlocks = _p("numItemBlocks", "number of item blocks", TC.toInt)
    implicitPrefs = _p("implicitPrefs", "whether to use implicit preference", TC.toBoolean)
    alpha = _p("alpha", "alpha for implicit preference", TC.toFloat)
    ratingCol = _p("ratingCol", "column name for ratings", TC.toString)
    nonnegative = _p("nonnegative", "whether to use nonnegative constraint for least squares",
                     TC.toBoolean)
    checkpointInterval = _p("checkpointInterval", "set checkpoint interval (>= 1) or disable "
                            "checkpoint (-1).", TC.toInt)
    intermediateStorageLevel = _p("intermediateStorageLevel", "StorageLevel for intermediate "
                                  "datasets. Cannot be 'NONE'.", TC.toString)
    finalStorageLevel = _p("finalStorageLevel", "StorageLevel for ALS model factors.",
                           TC.toString)

    def __init__(self) -> None:
        super().__init__()
        self._setDefault(rank=10, maxIter=10, regParam=0.1, numUserBlocks=10,
                         numItemBlocks=10, implicitPrefs=False, alpha=1.0, ratingCol="rating",
                         nonnegative=False, checkpointInterval=10,
                         intermediateStorageLevel="MEMORY_AND_DISK",
                         finalStorageLevel="MEMORY_AND_DISK", seed=default_seed("ALS"))


class ALS(Estimator, _ALSParams, MLReadable, MLWritable):
    """Alternating least squares matrix factorization (explicit or implicit feedback)."""

    @keyword_only
    def __init__(self, *, rank: int = 10, maxIter: int = 10, regParam: float = 0.1,
                 numUserBlocks: int = 10, numItemBlocks: int = 10, implicitPrefs: bool = False,
                 alpha: float = 1.0, userCol: str = "user", itemCol: str = "item",
                 seed: int | None = None, ratingCol: str = "rating", nonnegative: bool = False,
                 checkpointInterval: int = 10,
                 intermediateStorageLevel: str = "MEMORY_AND_DISK",
                 finalStorageLevel: str = "MEMORY_AND_DISK", coldStartStrategy: str = "nan",
                 blockSize: int = 4096):
        super().__init__()
        self._set(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> ALS:
        return self._set(**self._input_kwargs)

    def _settings(self) -> ALSSettings:
        for name in ("rank", "numUserBlocks", "numItemBlocks"):
            if self.getOrDefault(name) < 1:
                raise IllegalArgumentException(
                    f"{name} given invalid value {self.getOrDefault(name)}; it must be >= 1.")
        if self.getRegParam() < 0 or self.getAlpha() < 0 or self.getMaxIter() < 0:
            raise IllegalArgumentException(
                "regParam, alpha and maxIter must be >= 0 (got "
                f"{self.getRegParam()}, {self.getAlpha()}, {self.getMaxIter()}).")
        check_choice("coldStartStrategy", self.getColdStartStrategy(), ("nan", "drop"))
        return ALSSettings(self.getRank(), self.getMaxIter(), self.getRegParam(),
                           self.getImplicitPrefs(), self.getAlpha(), self.getNonnegative(),
                           self.getSeed(), self.getNumUserBlocks(), self.getNumItemBlocks())

    def _fit(self, dataset: Any) -> ALSModel:
        import dask

        s = self._settings()
        rating = self.getRatingCol() or None
        cols = [self.getUserCol(), self.getItemCol()] + ([rating] if rating else [])
        _frame.require_columns(dataset, cols)
        client = _frame.client_of(dataset)
        futs = client.compute([dask.delayed(extract, pure=True)(p, self.getUserCol(),
                                                                 self.getItemCol(), rating)
                               for p in dataset._to_delayed()])
        res = train_als(client, futs, s)
        model = ALSModel(s.rank, res.user_ids, res.user_factors, res.item_ids,
                         res.item_factors)
        model._session = dataset.sparkSession
        self._copyValues(model)
        return model


class ALSModel(Model, _ALSModelParams, MLReadable, MLWritable):
    """Model fitted by ALS: user and item factors."""

    def __init__(self, rank: int = 0, user_ids: np.ndarray | None = None,
                 user_factors: np.ndarray | None = None, item_ids: np.ndarray | None = None,
                 item_factors: np.ndarray | None = None):
        super().__init__()
        self._rank = int(rank)
        self._uid_ids = user_ids
        self._uf = user_factors
        self._iid_ids = item_ids
        self._if = item_factors
        self._session = None

    @property
    def rank(self) -> int:
        return self._rank

    def _spark(self) -> Any:
        return self._session or _frame.active_session()

    def _factor_frame(self, ids: np.ndarray, factors: np.ndarray) -> Any:
        feats = pa.ListArray.from_arrays(
            pa.array(np.arange(0, factors.size + 1, max(self._rank, 1), dtype=np.int32)
                     [: len(ids) + 1]),
            pa.array(factors.reshape(-1), type=pa.float32()))
        table = pa.table({"id": pa.array(ids.astype(np.int32)), "features": feats})
        return _frame.from_arrow(self._spark(), table)

    @property
    def userFactors(self) -> Any:
        return self._factor_frame(self._uid_ids, self._uf)

    @property
    def itemFactors(self) -> Any:
        return self._factor_frame(self._iid_ids, self._if)

    def _transform(self, dataset: Any) -> Any:
        from dfengine.sql.types import FloatType, StructField

        _frame.require_columns(dataset, [self.getUserCol(), self.getItemCol()])
        fn = _Predict(self.getUserCol(), self.getItemCol(), self._uid_ids, self._uf,
                      self._iid_ids, self._if, self.getPredictionCol())
        out = _frame.with_new_columns(dataset, fn,
                                      [StructField(self.getPredictionCol(), FloatType(), True)])
        if self.getColdStartStrategy() == "drop":
            out = _frame.filter_rows(out, _NotNaN(self.getPredictionCol()))
        return out

    # -- recommendations
    def recommendForAllUsers(self, numItems: int) -> Any:
        return self._recommend(self._uid_ids, self._uf, self._iid_ids, self._if, numItems,
                               self.getUserCol(), self.getItemCol())

    def recommendForAllItems(self, numUsers: int) -> Any:
        return self._recommend(self._iid_ids, self._if, self._uid_ids, self._uf, numUsers,
                               self.getItemCol(), self.getUserCol())

    def recommendForUserSubset(self, dataset: Any, numItems: int) -> Any:
        ids = _distinct_ids(dataset, self.getUserCol())
        pos = _positions(self._uid_ids, ids)
        return self._recommend(self._uid_ids[pos], self._uf[pos], self._iid_ids, self._if,
                               numItems, self.getUserCol(), self.getItemCol())

    def recommendForItemSubset(self, dataset: Any, numUsers: int) -> Any:
        ids = _distinct_ids(dataset, self.getItemCol())
        pos = _positions(self._iid_ids, ids)
        return self._recommend(self._iid_ids[pos], self._if[pos], self._uid_ids, self._uf,
                               numUsers, self.getItemCol(), self.getUserCol())

    def _recommend(self, src_ids: np.ndarray, src: np.ndarray, dst_ids: np.ndarray,
                   dst: np.ndarray, num: int, src_col: str, dst_col: str) -> Any:
        from dfengine.ml.recommendation.recommend import recommend_table

        table = recommend_table(self._spark(), src_ids, src, dst_ids, dst, int(num), src_col,
                                dst_col)
        return _frame.from_arrow(self._spark(), table)

    # -- persistence
    def _get_state(self, path: str) -> tuple[dict, dict]:
        return ({"rank": self._rank},
                {"userIds": self._uid_ids, "userFactors": self._uf, "itemIds": self._iid_ids,
                 "itemFactors": self._if})

    def _set_state(self, path: str, extra: dict, arrays: dict) -> None:
        self._rank = int(extra["rank"])
        self._uid_ids, self._uf = arrays["userIds"], arrays["userFactors"]
        self._iid_ids, self._if = arrays["itemIds"], arrays["itemFactors"]

    def __repr__(self) -> str:
        return f"ALSModel: uid={self.uid}, rank={self._rank}"


def _positions(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    pos = np.searchsorted(ids, wanted)
    pos = np.clip(pos, 0, max(len(ids) - 1, 0))
    return pos[ids[pos] == wanted] if len(ids) else pos[:0]


def _distinct_ids(dataset: Any, col: str) -> np.ndarray:
    _frame.require_columns(dataset, [col])
    parts = _frame.partition_results(dataset, _column_unique, col)
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def _column_unique(table: pa.Table, col: str) -> np.ndarray:
    v = table.column(col).drop_null().to_numpy()
    return np.unique(v.astype(np.int64))


class _NotNaN:
    def __init__(self, col: str):
        self.col = col

    def __call__(self, table: pa.Table) -> np.ndarray:
        v = table.column(self.col).to_numpy(zero_copy_only=False)
        return ~np.isnan(v.astype(np.float64))


class _Predict:
    """Per-partition: prediction = user factor . item factor (NaN for unknown ids)."""

    def __init__(self, user_col: str, item_col: str, uids: np.ndarray, uf: np.ndarray,
                 iids: np.ndarray, itf: np.ndarray, out: str):
        self.user_col, self.item_col, self.out = user_col, item_col, out
        self.uids, self.uf, self.iids, self.itf = uids, uf, iids, itf

    def _lookup(self, ids: np.ndarray, known: np.ndarray) -> tuple:
        if known.size == 0:
            return np.zeros(ids.size, dtype=np.int64), np.zeros(ids.size, dtype=bool)
        pos = np.clip(np.searchsorted(known, ids), 0, known.size - 1)
        return pos, known[pos] == ids

    def __call__(self, table: pa.Table) -> dict:
        u = table.column(self.user_col).to_numpy(zero_copy_only=False)
        i = table.column(self.item_col).to_numpy(zero_copy_only=False)
        unull, inull = np.isnan(u.astype(float)), np.isnan(i.astype(float))
        u = np.where(unull, -(2 ** 40), u).astype(np.int64)
        i = np.where(inull, -(2 ** 40), i).astype(np.int64)
        up, uok = self._lookup(u, self.uids)
        ip, iok = self._lookup(i, self.iids)
        pred = np.einsum("ij,ij->i", self.uf[up].astype(np.float32),
                         self.itf[ip].astype(np.float32)) if u.size else np.zeros(0)
        pred = np.where(uok & iok, pred, np.nan).astype(np.float32)
        return {self.out: pa.array(pred, type=pa.float32())}
