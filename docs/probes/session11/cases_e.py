"""ML on odd input (pyspark.ml vs dfengine.ml)"""
from common import *  # noqa


def rnd(v, n=3):
    """round floats / vectors / lists for comparison"""
    if v is None:
        return None
    if isinstance(v, float):
        if v != v:
            return "nan"
        r = round(v, n)
        return 0.0 if r == 0 else r
    if type(v).__name__ in ("DenseVector", "SparseVector"):
        return [rnd(float(x), n) for x in v.toArray()]
    if type(v).__name__ in ("DenseMatrix", "SparseMatrix"):
        return [rnd(float(x), n) for x in v.toArray().ravel()]
    if isinstance(v, (list, tuple)):
        return [rnd(x, n) for x in v]
    if hasattr(v, "item"):
        return rnd(v.item(), n)
    return v


def rows(df, *cols, n=3):
    """collected rows of cols, rounded, sorted"""
    return sorted([[rnd(r[c], n) for c in cols] for r in df.select(*cols).collect()], key=repr)


def vdf(s, F, data, cols=("features",)):
    V = Vectors(F)
    return s.createDataFrame([(V.dense(x),) + tuple(rest) for x, *rest in data], list(cols))


def cls_data(s, F):
    V = Vectors(F)
    return s.createDataFrame([(V.dense([0.0, 1.0]), 0.0), (V.dense([1.0, 0.5]), 0.0), (V.dense([2.0, 2.5]), 1.0),
                              (V.dense([3.0, 3.0]), 1.0), (V.dense([0.5, 0.2]), 0.0), (V.dense([2.5, 1.5]), 1.0)],
                             ["features", "label"])


# =============================================================== VectorAssembler
@case
def mf_va_basic(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1, 2.0, 3), (4, 5.0, 6)], "a int, b double, c long")
    return rows(VA(inputCols=["a", "b", "c"], outputCol="f").transform(df), "a", "f")


@case
def mf_va_nulls_error(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1.0, 2.0), (None, 3.0)], "a double, b double")
    return VA(inputCols=["a", "b"], outputCol="f").transform(df).collect()


@case
def mf_va_nulls_skip(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1.0, 2.0), (None, 3.0), (4.0, float("nan"))], "a double, b double")
    return rows(VA(inputCols=["a", "b"], outputCol="f", handleInvalid="skip").transform(df), "f")


@case
def mf_va_nulls_keep(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1.0, 2.0), (None, 3.0)], "a double, b double")
    return rows(VA(inputCols=["a", "b"], outputCol="f", handleInvalid="keep").transform(df), "f")


@case
def mf_va_nan_default_error(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1.0, float("nan"))], "a double, b double")
    return rows(VA(inputCols=["a", "b"], outputCol="f").transform(df), "f")


@case
def mf_va_vector_input_keep_null(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0, 2.0]), 3.0), (None, 4.0)], ["v", "x"])
    return rows(VA(inputCols=["v", "x"], outputCol="f", handleInvalid="keep").transform(df), "f")


@case
def mf_va_string_column(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1.0, "x")], "a double, b string")
    return VA(inputCols=["a", "b"], outputCol="f").transform(df).collect()


@case
def mf_va_bool_column(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1.0, True), (2.0, False)], "a double, b boolean")
    return rows(VA(inputCols=["a", "b"], outputCol="f").transform(df), "f")


@case
def mf_va_missing_input(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(1.0,)], "a double")
    return VA(inputCols=["a", "zz"], outputCol="f").transform(df).collect()


@case
def mf_va_bad_handle_invalid(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    return VA(inputCols=["a"], outputCol="f", handleInvalid="drop").getHandleInvalid()


@case
def mf_va_sparse_output_for_zeros(s, F, T):
    VA = ml(F, "feature").VectorAssembler
    df = s.createDataFrame([(0.0, 0.0, 0.0, 1.0)], "a double, b double, c double, d double")
    v = VA(inputCols=["a", "b", "c", "d"], outputCol="f").transform(df).collect()[0].f
    return [type(v).__name__, rnd(v)]


# =============================================================== StringIndexer / OneHotEncoder
@case
def mf_si_basic_frequency(s, F, T):
    SI = ml(F, "feature").StringIndexer
    df = s.createDataFrame([("a",), ("b",), ("a",), ("c",), ("a",), ("b",)], "c string")
    m = SI(inputCol="c", outputCol="i").fit(df)
    return [list(m.labels), rows(m.transform(df), "c", "i")]


@case
def mf_si_tie_order(s, F, T):
    SI = ml(F, "feature").StringIndexer
    df = s.createDataFrame([("b",), ("a",), ("c",)], "c string")
    return list(SI(inputCol="c", outputCol="i").fit(df).labels)


@case
def mf_si_order_types(s, F, T):
    SI = ml(F, "feature").StringIndexer
    df = s.createDataFrame([("b",), ("a",), ("c",), ("c",)], "c string")
    out = {}
    for o in ["frequencyDesc", "frequencyAsc", "alphabetDesc", "alphabetAsc"]:
        out[o] = list(SI(inputCol="c", outputCol="i", stringOrderType=o).fit(df).labels)
    return out


@case
def mf_si_unseen_error(s, F, T):
    SI = ml(F, "feature").StringIndexer
    tr = s.createDataFrame([("a",), ("b",)], "c string")
    te = s.createDataFrame([("a",), ("z",)], "c string")
    return SI(inputCol="c", outputCol="i").fit(tr).transform(te).collect()


@case
def mf_si_unseen_skip(s, F, T):
    SI = ml(F, "feature").StringIndexer
    tr = s.createDataFrame([("a",), ("b",)], "c string")
    te = s.createDataFrame([("a",), ("z",), (None,)], "c string")
    return rows(SI(inputCol="c", outputCol="i", handleInvalid="skip").fit(tr).transform(te), "c", "i")


@case
def mf_si_unseen_keep(s, F, T):
    SI = ml(F, "feature").StringIndexer
    tr = s.createDataFrame([("a",), ("b",), ("a",)], "c string")
    te = s.createDataFrame([("a",), ("z",), (None,)], "c string")
    return rows(SI(inputCol="c", outputCol="i", handleInvalid="keep").fit(tr).transform(te), "c", "i")


@case
def mf_si_null_in_training(s, F, T):
    SI = ml(F, "feature").StringIndexer
    df = s.createDataFrame([("a",), (None,), ("a",)], "c string")
    m = SI(inputCol="c", outputCol="i", handleInvalid="keep").fit(df)
    return [list(m.labels), rows(m.transform(df), "c", "i")]


@case
def mf_si_numeric_input(s, F, T):
    SI = ml(F, "feature").StringIndexer
    df = s.createDataFrame([(10,), (2,), (2,)], "c int")
    m = SI(inputCol="c", outputCol="i").fit(df)
    return [list(m.labels), rows(m.transform(df), "c", "i")]


@case
def mf_si_multi_cols(s, F, T):
    SI = ml(F, "feature").StringIndexer
    df = s.createDataFrame([("a", "x"), ("b", "x"), ("a", "y")], "c string, d string")
    m = SI(inputCols=["c", "d"], outputCols=["ci", "di"]).fit(df)
    return [[list(l) for l in m.labelsArray], rows(m.transform(df), "ci", "di")]


@case
def mf_index_to_string(s, F, T):
    fe = ml(F, "feature")
    df = s.createDataFrame([("a",), ("b",), ("a",)], "c string")
    m = fe.StringIndexer(inputCol="c", outputCol="i").fit(df)
    back = fe.IndexToString(inputCol="i", outputCol="c2", labels=m.labels).transform(m.transform(df))
    return rows(back, "c", "c2")


@case
def mf_ohe_drop_last(s, F, T):
    OHE = ml(F, "feature").OneHotEncoder
    df = s.createDataFrame([(0.0,), (1.0,), (2.0,)], "i double")
    return rows(OHE(inputCols=["i"], outputCols=["v"]).fit(df).transform(df), "i", "v")


@case
def mf_ohe_no_drop_last(s, F, T):
    OHE = ml(F, "feature").OneHotEncoder
    df = s.createDataFrame([(0.0,), (1.0,), (2.0,)], "i double")
    return rows(OHE(inputCols=["i"], outputCols=["v"], dropLast=False).fit(df).transform(df), "i", "v")


@case
def mf_ohe_unseen_error(s, F, T):
    OHE = ml(F, "feature").OneHotEncoder
    tr = s.createDataFrame([(0.0,), (1.0,)], "i double")
    te = s.createDataFrame([(5.0,)], "i double")
    return OHE(inputCols=["i"], outputCols=["v"]).fit(tr).transform(te).collect()


@case
def mf_ohe_unseen_keep(s, F, T):
    OHE = ml(F, "feature").OneHotEncoder
    tr = s.createDataFrame([(0.0,), (1.0,)], "i double")
    te = s.createDataFrame([(0.0,), (5.0,)], "i double")
    return rows(OHE(inputCols=["i"], outputCols=["v"], handleInvalid="keep").fit(tr).transform(te), "i", "v")


@case
def mf_ohe_negative_index(s, F, T):
    OHE = ml(F, "feature").OneHotEncoder
    df = s.createDataFrame([(0.0,), (-1.0,)], "i double")
    return OHE(inputCols=["i"], outputCols=["v"]).fit(df).transform(df).collect()


@case
def mf_ohe_fractional_index(s, F, T):
    OHE = ml(F, "feature").OneHotEncoder
    df = s.createDataFrame([(0.0,), (1.5,)], "i double")
    return OHE(inputCols=["i"], outputCols=["v"]).fit(df).transform(df).collect()


@case
def mf_ohe_category_sizes(s, F, T):
    OHE = ml(F, "feature").OneHotEncoder
    df = s.createDataFrame([(0.0, 3.0), (1.0, 0.0)], "a double, b double")
    return list(OHE(inputCols=["a", "b"], outputCols=["va", "vb"]).fit(df).categorySizes)


# =============================================================== scalers / bucketizer / imputer
@case
def mf_std_scaler_default(s, F, T):
    SS = ml(F, "feature").StandardScaler
    df = vdf(s, F, [([1.0, 10.0],), ([2.0, 20.0],), ([3.0, 30.0],)])
    m = SS(inputCol="features", outputCol="o").fit(df)
    return [rnd(m.mean), rnd(m.std), rows(m.transform(df), "o")]


@case
def mf_std_scaler_with_mean(s, F, T):
    SS = ml(F, "feature").StandardScaler
    df = vdf(s, F, [([1.0, 10.0],), ([2.0, 20.0],), ([3.0, 30.0],)])
    return rows(SS(inputCol="features", outputCol="o", withMean=True, withStd=True).fit(df).transform(df), "o")


@case
def mf_std_scaler_constant_col(s, F, T):
    SS = ml(F, "feature").StandardScaler
    df = vdf(s, F, [([1.0, 5.0],), ([2.0, 5.0],), ([3.0, 5.0],)])
    return rows(SS(inputCol="features", outputCol="o", withMean=True).fit(df).transform(df), "o")


@case
def mf_std_scaler_single_row(s, F, T):
    SS = ml(F, "feature").StandardScaler
    df = vdf(s, F, [([1.0, 5.0],)])
    m = SS(inputCol="features", outputCol="o").fit(df)
    return [rnd(m.std), rows(m.transform(df), "o")]


@case
def mf_minmax_constant_col(s, F, T):
    MM = ml(F, "feature").MinMaxScaler
    df = vdf(s, F, [([1.0, 5.0],), ([3.0, 5.0],)])
    m = MM(inputCol="features", outputCol="o").fit(df)
    return [rnd(m.originalMin), rnd(m.originalMax), rows(m.transform(df), "o")]


@case
def mf_minmax_custom_range(s, F, T):
    MM = ml(F, "feature").MinMaxScaler
    df = vdf(s, F, [([0.0],), ([5.0],), ([10.0],)])
    return rows(MM(inputCol="features", outputCol="o", min=-1.0, max=1.0).fit(df).transform(df), "o")


@case
def mf_minmax_bad_range(s, F, T):
    MM = ml(F, "feature").MinMaxScaler
    df = vdf(s, F, [([0.0],), ([5.0],)])
    return MM(inputCol="features", outputCol="o", min=1.0, max=0.0).fit(df).transform(df).collect()


@case
def mf_maxabs_scaler(s, F, T):
    MA = ml(F, "feature").MaxAbsScaler
    df = vdf(s, F, [([-4.0, 1.0],), ([2.0, 0.0],)])
    return rows(MA(inputCol="features", outputCol="o").fit(df).transform(df), "o")


@case
def mf_bucketizer_basic(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(-0.5,), (0.0,), (0.5,), (1.0,), (2.0,)], "x double")
    return rows(B(splits=[-1.0, 0.0, 1.0, 2.0], inputCol="x", outputCol="b").transform(df), "x", "b")


@case
def mf_bucketizer_out_of_range(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(5.0,)], "x double")
    return B(splits=[0.0, 1.0, 2.0], inputCol="x", outputCol="b").transform(df).collect()


@case
def mf_bucketizer_inf_splits(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(-100.0,), (0.5,), (100.0,)], "x double")
    return rows(B(splits=[float("-inf"), 0.0, 1.0, float("inf")], inputCol="x", outputCol="b").transform(df), "x", "b")


@case
def mf_bucketizer_nan_error(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(float("nan"),), (0.5,)], "x double")
    return B(splits=[0.0, 1.0, 2.0], inputCol="x", outputCol="b").transform(df).collect()


@case
def mf_bucketizer_nan_keep(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(float("nan"),), (0.5,), (None,)], "x double")
    return rows(B(splits=[0.0, 1.0, 2.0], inputCol="x", outputCol="b", handleInvalid="keep").transform(df), "x", "b")


@case
def mf_bucketizer_nan_skip(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(float("nan"),), (0.5,), (3.0,)], "x double")
    return rows(B(splits=[0.0, 1.0, 2.0], inputCol="x", outputCol="b", handleInvalid="skip").transform(df), "x", "b")


@case
def mf_bucketizer_unsorted_splits(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(0.5,)], "x double")
    return B(splits=[1.0, 0.0, 2.0], inputCol="x", outputCol="b").transform(df).collect()


@case
def mf_bucketizer_too_few_splits(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(0.5,)], "x double")
    return B(splits=[0.0, 1.0][:1], inputCol="x", outputCol="b").transform(df).collect()


@case
def mf_bucketizer_int_input(s, F, T):
    B = ml(F, "feature").Bucketizer
    df = s.createDataFrame([(0,), (5,)], "x int")
    return rows(B(splits=[0.0, 3.0, 10.0], inputCol="x", outputCol="b").transform(df), "x", "b")


@case
def mf_quantile_discretizer(s, F, T):
    QD = ml(F, "feature").QuantileDiscretizer
    df = s.createDataFrame([(float(i),) for i in range(10)], "x double")
    m = QD(numBuckets=3, inputCol="x", outputCol="b", relativeError=0.0).fit(df)
    return [rnd(m.getSplits()), rows(m.transform(df), "x", "b")]


@case
def mf_imputer_mean(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([(1.0, None), (2.0, 4.0), (None, 6.0), (float("nan"), 8.0)], "a double, b double")
    m = I(inputCols=["a", "b"], outputCols=["ao", "bo"]).fit(df)
    return rows(m.transform(df), "ao", "bo")


@case
def mf_imputer_median(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([(1.0,), (2.0,), (10.0,), (None,)], "a double")
    m = I(inputCols=["a"], outputCols=["ao"], strategy="median").fit(df)
    return rows(m.transform(df), "ao")


@case
def mf_imputer_mode(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([(1.0,), (2.0,), (2.0,), (None,)], "a double")
    return rows(I(inputCols=["a"], outputCols=["ao"], strategy="mode").fit(df).transform(df), "ao")


@case
def mf_imputer_all_null(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([(None,), (None,)], "a double")
    return I(inputCols=["a"], outputCols=["ao"]).fit(df).transform(df).collect()


@case
def mf_imputer_missing_value(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([(1.0,), (-1.0,), (3.0,)], "a double")
    return rows(I(inputCols=["a"], outputCols=["ao"], missingValue=-1.0).fit(df).transform(df), "ao")


@case
def mf_imputer_int_column(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([(1,), (2,), (None,)], "a int")
    out = I(inputCols=["a"], outputCols=["ao"]).fit(df).transform(df)
    return [out.dtypes, rows(out, "ao")]


@case
def mf_imputer_string_column(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([("a",), (None,)], "a string")
    return I(inputCols=["a"], outputCols=["ao"]).fit(df).collect()


@case
def mf_imputer_surrogate(s, F, T):
    I = ml(F, "feature").Imputer
    df = s.createDataFrame([(1.0, 3.0), (None, 5.0)], "a double, b double")
    return rows(I(inputCols=["a", "b"], outputCols=["ao", "bo"]).fit(df).surrogateDF, "a", "b")


# =============================================================== text features
@case
def mf_tokenizer(s, F, T):
    Tok = ml(F, "feature").Tokenizer
    df = s.createDataFrame([("Hello World  foo",), ("",), (None,)], "t string")
    return Tok(inputCol="t", outputCol="w").transform(df).collect()


@case
def mf_regex_tokenizer(s, F, T):
    RT = ml(F, "feature").RegexTokenizer
    df = s.createDataFrame([("a,b;;C",)], "t string")
    return RT(inputCol="t", outputCol="w", pattern="[,;]").transform(df).select("w")


@case
def mf_stopwords(s, F, T):
    SW = ml(F, "feature").StopWordsRemover
    df = s.createDataFrame([(["the", "Cat", "and", "A", "dog"],), ([],)], "w array<string>")
    return SW(inputCol="w", outputCol="o").transform(df).select("o")


@case
def mf_hashing_tf_idf(s, F, T):
    fe = ml(F, "feature")
    df = s.createDataFrame([(["a", "b", "a"],), (["b", "c"],)], "w array<string>")
    tf = fe.HashingTF(inputCol="w", outputCol="tf", numFeatures=16).transform(df)
    idf = fe.IDF(inputCol="tf", outputCol="x").fit(tf)
    return rows(idf.transform(tf), "tf", "x")


@case
def mf_count_vectorizer(s, F, T):
    CV = ml(F, "feature").CountVectorizer
    df = s.createDataFrame([(["a", "b", "a"],), (["b", "c"],), (["a"],)], "w array<string>")
    m = CV(inputCol="w", outputCol="v", minDF=2.0).fit(df)
    return [list(m.vocabulary), rows(m.transform(df), "v")]


@case
def mf_ngram(s, F, T):
    NG = ml(F, "feature").NGram
    df = s.createDataFrame([(["a", "b", "c"],), (["a"],)], "w array<string>")
    return NG(n=2, inputCol="w", outputCol="g").transform(df).select("g")


@case
def mf_polynomial_expansion(s, F, T):
    PE = ml(F, "feature").PolynomialExpansion
    df = vdf(s, F, [([2.0, 3.0],)])
    return rows(PE(degree=2, inputCol="features", outputCol="p").transform(df), "p")


@case
def mf_pca(s, F, T):
    PCA = ml(F, "feature").PCA
    df = vdf(s, F, [([1.0, 2.0],), ([2.0, 4.1],), ([3.0, 5.9],), ([4.0, 8.0],)])
    m = PCA(k=1, inputCol="features", outputCol="p").fit(df)
    return [abs(x) for x in rnd(m.explainedVariance)]


@case
def mf_pca_k_too_big(s, F, T):
    PCA = ml(F, "feature").PCA
    df = vdf(s, F, [([1.0, 2.0],), ([2.0, 4.1],)])
    return PCA(k=3, inputCol="features", outputCol="p").fit(df).explainedVariance


@case
def mf_normalizer(s, F, T):
    N = ml(F, "feature").Normalizer
    df = vdf(s, F, [([3.0, 4.0],), ([0.0, 0.0],)])
    return rows(N(p=2.0, inputCol="features", outputCol="n").transform(df), "n")


@case
def mf_binarizer(s, F, T):
    B = ml(F, "feature").Binarizer
    df = s.createDataFrame([(0.1,), (0.5,), (0.9,), (float("nan"),)], "x double")
    return rows(B(threshold=0.5, inputCol="x", outputCol="b").transform(df), "x", "b")


@case
def mf_sql_transformer(s, F, T):
    ST = ml(F, "feature").SQLTransformer
    df = s.createDataFrame([(1, 2.0)], "a int, b double")
    return ST(statement="SELECT *, a + b AS c FROM __THIS__").transform(df)


@case
def mf_rformula(s, F, T):
    RF = ml(F, "feature").RFormula
    df = s.createDataFrame([(1.0, "a", 2.0), (0.0, "b", 3.0), (1.0, "a", 4.0)], "y double, c string, x double")
    return rows(RF(formula="y ~ c + x").fit(df).transform(df), "features", "label")


@case
def mf_vector_slicer(s, F, T):
    VS = ml(F, "feature").VectorSlicer
    df = vdf(s, F, [([1.0, 2.0, 3.0],)])
    return rows(VS(inputCol="features", outputCol="o", indices=[2, 0]).transform(df), "o")


@case
def mf_vector_slicer_out_of_range(s, F, T):
    VS = ml(F, "feature").VectorSlicer
    df = vdf(s, F, [([1.0, 2.0, 3.0],)])
    return VS(inputCol="features", outputCol="o", indices=[5]).transform(df).collect()


@case
def mf_elementwise_product(s, F, T):
    fe = ml(F, "feature")
    df = vdf(s, F, [([1.0, 2.0],)])
    return rows(fe.ElementwiseProduct(scalingVec=Vectors(F).dense([2.0, 0.5]), inputCol="features", outputCol="o").transform(df), "o")


# =============================================================== regression / classification
@case
def mr_linreg_exact(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 3.0), (V.dense([2.0]), 5.0), (V.dense([3.0]), 7.0)], ["features", "label"])
    m = LR().fit(df)
    return [rnd(m.coefficients), rnd(m.intercept)]


@case
def mr_linreg_two_points(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 1.0), (V.dense([2.0]), 3.0)], ["features", "label"])
    m = LR().fit(df)
    return [rnd(m.coefficients), rnd(m.intercept)]


@case
def mr_linreg_constant_feature(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0, 5.0]), 3.0), (V.dense([2.0, 5.0]), 5.0), (V.dense([3.0, 5.0]), 7.5)], ["features", "label"])
    m = LR().fit(df)
    return [rnd(m.coefficients), rnd(m.intercept)]


@case
def mr_linreg_constant_label(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 4.0), (V.dense([2.0]), 4.0), (V.dense([3.0]), 4.0)], ["features", "label"])
    m = LR().fit(df)
    return [rnd(m.coefficients), rnd(m.intercept)]


@case
def mr_linreg_collinear_ridge(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0, 2.0]), 3.0), (V.dense([2.0, 4.0]), 6.1), (V.dense([3.0, 6.0]), 8.9),
                            (V.dense([4.0, 8.0]), 12.2)], ["features", "label"])
    m = LR(regParam=0.1, elasticNetParam=0.0).fit(df)
    return [rnd(m.coefficients, 2), rnd(m.intercept, 2)]


@case
def mr_linreg_no_intercept(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 2.0), (V.dense([2.0]), 4.1), (V.dense([3.0]), 5.9)], ["features", "label"])
    m = LR(fitIntercept=False).fit(df)
    return [rnd(m.coefficients), rnd(m.intercept)]


@case
def mr_linreg_lasso(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0, 0.1]), 2.0), (V.dense([2.0, -0.2]), 4.1), (V.dense([3.0, 0.05]), 5.9),
                            (V.dense([4.0, 0.3]), 8.2)], ["features", "label"])
    m = LR(regParam=0.5, elasticNetParam=1.0).fit(df)
    return [rnd(m.coefficients, 2), rnd(m.intercept, 2)]


@case
def mr_linreg_summary(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 2.0), (V.dense([2.0]), 4.1), (V.dense([3.0]), 5.9), (V.dense([4.0]), 8.1)],
                           ["features", "label"])
    sm = LR().fit(df).summary
    return [rnd(sm.r2), rnd(sm.rootMeanSquaredError), rnd(sm.meanAbsoluteError), sm.numInstances]


@case
def mr_linreg_single_row(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 2.0)], ["features", "label"])
    m = LR().fit(df)
    return [rnd(m.coefficients), rnd(m.intercept)]


@case
def mr_linreg_empty(s, F, T):
    LR = ml(F, "regression").LinearRegression
    df = cls_data(s, F).filter("label > 5")
    return LR().fit(df).coefficients


@case
def mr_linreg_null_label(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 2.0), (V.dense([2.0]), None), (V.dense([3.0]), 6.0)], ["features", "label"])
    return rnd(LR().fit(df).coefficients)


@case
def mr_linreg_weight_col(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 1.0, 1.0), (V.dense([2.0]), 2.0, 1.0), (V.dense([3.0]), 10.0, 0.0)],
                           ["features", "label", "w"])
    m = LR(weightCol="w").fit(df)
    return [rnd(m.coefficients), rnd(m.intercept)]


@case
def mr_linreg_predict_transform(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 3.0), (V.dense([2.0]), 5.0), (V.dense([3.0]), 7.0)], ["features", "label"])
    m = LR().fit(df)
    return [rows(m.transform(df), "label", "prediction"), rnd(m.predict(V.dense([10.0])))]


@case
def mr_logreg_separable(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    m = LR(regParam=0.1).fit(cls_data(s, F))
    return [rnd(m.coefficients, 2), rnd(m.intercept, 2), rows(m.transform(cls_data(s, F)), "label", "prediction")]


@case
def mr_logreg_single_class(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    df = cls_data(s, F).filter("label = 1.0")
    m = LR().fit(df)
    return [rnd(m.coefficients), rnd(m.intercept), m.numClasses]


@case
def mr_logreg_single_class_zero(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    df = cls_data(s, F).filter("label = 0.0")
    m = LR().fit(df)
    return [rnd(m.coefficients), str(m.intercept)]


@case
def mr_logreg_bad_label(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    df = cls_data(s, F).withColumn("label", F.col("label") - 0.5)
    return LR().fit(df).coefficients


@case
def mr_logreg_string_label(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    df = cls_data(s, F).withColumn("label", F.col("label").cast("string"))
    return LR().fit(df).coefficients


@case
def mr_logreg_int_label(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    df = cls_data(s, F).withColumn("label", F.col("label").cast("int"))
    m = LR(regParam=0.1).fit(df)
    return rnd(m.coefficients, 2)


@case
def mr_logreg_multinomial(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([0.0]), 0.0), (V.dense([1.0]), 1.0), (V.dense([2.0]), 2.0), (V.dense([0.1]), 0.0),
                            (V.dense([1.1]), 1.0), (V.dense([2.1]), 2.0)], ["features", "label"])
    m = LR(regParam=0.05).fit(df)
    return [m.numClasses, type(m.coefficientMatrix).__name__, rows(m.transform(df), "label", "prediction")]


@case
def mr_logreg_probability_sum(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    m = LR(regParam=0.1).fit(cls_data(s, F))
    return [round(sum(r.probability.toArray()), 6) for r in m.transform(cls_data(s, F)).collect()]


@case
def mr_logreg_threshold(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    m = LR(regParam=0.1, threshold=0.99).fit(cls_data(s, F))
    return rows(m.transform(cls_data(s, F)), "prediction")


@case
def mr_logreg_summary_fields(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    sm = LR(regParam=0.1).fit(cls_data(s, F)).summary
    return [rnd(sm.accuracy), rnd(sm.areaUnderROC), sm.labels if isinstance(sm.labels, list) else list(sm.labels)]


@case
def mr_logreg_missing_features_col(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    df = s.createDataFrame([(1.0, 0.0)], "x double, label double")
    return LR().fit(df)


@case
def mr_decision_tree_classifier(s, F, T):
    DT = ml(F, "classification").DecisionTreeClassifier
    m = DT(maxDepth=2).fit(cls_data(s, F))
    return [m.depth, m.numNodes, rows(m.transform(cls_data(s, F)), "label", "prediction")]


@case
def mr_random_forest_regressor_seed(s, F, T):
    RF = ml(F, "regression").RandomForestRegressor
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([float(i)]), float(i * 2)) for i in range(10)], ["features", "label"])
    m = RF(numTrees=3, seed=1, maxDepth=3).fit(df)
    return [m.getNumTrees, len(m.trees)]


@case
def mr_naive_bayes_negative(s, F, T):
    NB = ml(F, "classification").NaiveBayes
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([-1.0, 2.0]), 0.0)], ["features", "label"])
    return NB().fit(df).pi


@case
def mr_naive_bayes(s, F, T):
    NB = ml(F, "classification").NaiveBayes
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0, 0.0]), 0.0), (V.dense([0.0, 1.0]), 1.0), (V.dense([2.0, 0.0]), 0.0)], ["features", "label"])
    m = NB(smoothing=1.0).fit(df)
    return [rnd(m.pi), rnd(m.theta), rows(m.transform(df), "prediction")]


# =============================================================== clustering
@case
def mc_kmeans_k_gt_distinct(s, F, T):
    KM = ml(F, "clustering").KMeans
    df = vdf(s, F, [([0.0, 0.0],), ([0.0, 0.0],), ([1.0, 1.0],), ([1.0, 1.0],)])
    m = KM(k=3, seed=1).fit(df)
    return sorted(rnd(list(c)) for c in m.clusterCenters())


@case
def mc_kmeans_k_gt_rows(s, F, T):
    KM = ml(F, "clustering").KMeans
    df = vdf(s, F, [([0.0],), ([5.0],)])
    m = KM(k=5, seed=1).fit(df)
    return len(m.clusterCenters())


@case
def mc_kmeans_two_clusters(s, F, T):
    KM = ml(F, "clustering").KMeans
    df = vdf(s, F, [([0.0, 0.0],), ([0.1, 0.1],), ([9.0, 9.0],), ([9.1, 9.1],)])
    m = KM(k=2, seed=1).fit(df)
    pred = m.transform(df).collect()
    same = pred[0].prediction == pred[1].prediction and pred[2].prediction == pred[3].prediction and pred[0].prediction != pred[2].prediction
    return [sorted(rnd(list(c)) for c in m.clusterCenters()), same, rnd(m.summary.trainingCost)]


@case
def mc_kmeans_k1(s, F, T):
    KM = ml(F, "clustering").KMeans
    df = vdf(s, F, [([0.0],), ([4.0],)])
    return KM(k=1).fit(df).clusterCenters()


@case
def mc_kmeans_empty(s, F, T):
    KM = ml(F, "clustering").KMeans
    df = vdf(s, F, [([0.0],)]).filter("false")
    return KM(k=2).fit(df).clusterCenters()


@case
def mc_kmeans_cluster_sizes(s, F, T):
    KM = ml(F, "clustering").KMeans
    df = vdf(s, F, [([0.0],), ([0.1],), ([10.0],)])
    return sorted(KM(k=2, seed=3).fit(df).summary.clusterSizes)


@case
def mc_kmeans_null_vector(s, F, T):
    KM = ml(F, "clustering").KMeans
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([0.0]),), (V.dense([1.0]),), (None,)], ["features"])
    return sorted(rnd(list(c)) for c in KM(k=2, seed=1).fit(df).clusterCenters())


@case
def mc_bisecting_kmeans(s, F, T):
    BK = ml(F, "clustering").BisectingKMeans
    df = vdf(s, F, [([0.0],), ([0.1],), ([10.0],), ([10.2],)])
    return sorted(rnd(list(c)) for c in BK(k=2, seed=1).fit(df).clusterCenters())


@case
def mc_gaussian_mixture_k(s, F, T):
    GM = ml(F, "clustering").GaussianMixture
    df = vdf(s, F, [([0.0],), ([0.1],), ([10.0],), ([10.2],), ([0.05],), ([10.1],)])
    m = GM(k=2, seed=1).fit(df)
    return sorted(rnd(m.weights, 1))


# =============================================================== evaluators
@case
def me_binary_auc(s, F, T):
    BE = ml(F, "evaluation").BinaryClassificationEvaluator
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([0.2, 0.8]), 1.0), (V.dense([0.6, 0.4]), 0.0), (V.dense([0.3, 0.7]), 0.0),
                            (V.dense([0.9, 0.1]), 1.0)], ["rawPrediction", "label"])
    return [rnd(BE().evaluate(df)), rnd(BE(metricName="areaUnderPR").evaluate(df))]


@case
def me_binary_double_raw(s, F, T):
    BE = ml(F, "evaluation").BinaryClassificationEvaluator
    df = s.createDataFrame([(0.8, 1.0), (0.4, 0.0), (0.7, 0.0), (0.1, 1.0)], "rawPrediction double, label double")
    return rnd(BE().evaluate(df))


@case
def me_binary_single_class(s, F, T):
    BE = ml(F, "evaluation").BinaryClassificationEvaluator
    df = s.createDataFrame([(0.8, 1.0), (0.4, 1.0)], "rawPrediction double, label double")
    return rnd(BE().evaluate(df))


@case
def me_binary_empty(s, F, T):
    BE = ml(F, "evaluation").BinaryClassificationEvaluator
    df = s.createDataFrame([], "rawPrediction double, label double")
    return BE().evaluate(df)


@case
def me_binary_ties(s, F, T):
    BE = ml(F, "evaluation").BinaryClassificationEvaluator
    df = s.createDataFrame([(0.5, 1.0), (0.5, 0.0), (0.5, 1.0), (0.2, 0.0)], "rawPrediction double, label double")
    return rnd(BE().evaluate(df))


@case
def me_regression_metrics(s, F, T):
    RE = ml(F, "evaluation").RegressionEvaluator
    df = s.createDataFrame([(1.0, 1.5), (2.0, 2.0), (3.0, 2.0)], "label double, prediction double")
    return {m: rnd(RE(metricName=m).evaluate(df)) for m in ["rmse", "mse", "mae", "r2", "var"]}


@case
def me_regression_r2_constant_label(s, F, T):
    RE = ml(F, "evaluation").RegressionEvaluator
    df = s.createDataFrame([(1.0, 1.5), (1.0, 2.0)], "label double, prediction double")
    return rnd(RE(metricName="r2").evaluate(df))


@case
def me_regression_empty(s, F, T):
    RE = ml(F, "evaluation").RegressionEvaluator
    df = s.createDataFrame([], "label double, prediction double")
    return rnd(RE().evaluate(df))


@case
def me_regression_nan_prediction(s, F, T):
    RE = ml(F, "evaluation").RegressionEvaluator
    df = s.createDataFrame([(1.0, float("nan")), (2.0, 2.0)], "label double, prediction double")
    return rnd(RE().evaluate(df))


@case
def me_regression_larger_better(s, F, T):
    RE = ml(F, "evaluation").RegressionEvaluator
    return [RE(metricName="rmse").isLargerBetter(), RE(metricName="r2").isLargerBetter()]


@case
def me_multiclass_metrics(s, F, T):
    ME = ml(F, "evaluation").MulticlassClassificationEvaluator
    df = s.createDataFrame([(0.0, 0.0), (1.0, 1.0), (2.0, 1.0), (1.0, 0.0), (2.0, 2.0)], "label double, prediction double")
    return {m: rnd(ME(metricName=m).evaluate(df)) for m in ["f1", "accuracy", "weightedPrecision", "weightedRecall", "hammingLoss"]}


@case
def me_multiclass_by_label(s, F, T):
    ME = ml(F, "evaluation").MulticlassClassificationEvaluator
    df = s.createDataFrame([(0.0, 0.0), (1.0, 1.0), (2.0, 1.0), (1.0, 0.0)], "label double, prediction double")
    return [rnd(ME(metricName="precisionByLabel", metricLabel=l).evaluate(df)) for l in [0.0, 1.0, 2.0]]


@case
def me_multiclass_empty(s, F, T):
    ME = ml(F, "evaluation").MulticlassClassificationEvaluator
    df = s.createDataFrame([], "label double, prediction double")
    return ME(metricName="accuracy").evaluate(df)


@case
def me_multiclass_bad_metric(s, F, T):
    ME = ml(F, "evaluation").MulticlassClassificationEvaluator
    df = s.createDataFrame([(0.0, 0.0)], "label double, prediction double")
    return ME(metricName="auc").evaluate(df)


@case
def me_clustering_silhouette(s, F, T):
    CE = ml(F, "evaluation").ClusteringEvaluator
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([0.0, 0.0]), 0), (V.dense([0.1, 0.0]), 0), (V.dense([5.0, 5.0]), 1),
                            (V.dense([5.0, 5.1]), 1)], ["features", "prediction"])
    return rnd(CE().evaluate(df))


@case
def me_clustering_single_cluster(s, F, T):
    CE = ml(F, "evaluation").ClusteringEvaluator
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([0.0]), 0), (V.dense([1.0]), 0)], ["features", "prediction"])
    return CE().evaluate(df)


# =============================================================== pipelines / persistence / params
@case
def mp_pipeline_fit_transform(s, F, T):
    fe = ml(F, "feature")
    LR = ml(F, "classification").LogisticRegression
    P = ml(F, "").Pipeline
    df = s.createDataFrame([("a", 1.0, 0.0), ("b", 2.0, 1.0), ("a", 0.5, 0.0), ("b", 3.0, 1.0)], "c string, x double, label double")
    pipe = P(stages=[fe.StringIndexer(inputCol="c", outputCol="ci"),
                     fe.VectorAssembler(inputCols=["ci", "x"], outputCol="features"),
                     LR(regParam=0.1)])
    m = pipe.fit(df)
    return [len(m.stages), [type(st).__name__ for st in m.stages], rows(m.transform(df), "c", "prediction")]


@case
def mp_pipeline_save_load(s, F, T):
    fe = ml(F, "feature")
    P = ml(F, "")
    df = s.createDataFrame([("a", 1.0), ("b", 2.0), ("a", 3.0)], "c string, x double")
    m = P.Pipeline(stages=[fe.StringIndexer(inputCol="c", outputCol="ci"),
                           fe.VectorAssembler(inputCols=["ci", "x"], outputCol="f")]).fit(df)
    d = os.path.join(tmp(), "pm")
    m.save(d)
    m2 = P.PipelineModel.load(d)
    return [[type(st).__name__ for st in m2.stages], rows(m2.transform(df), "c", "f")]


@case
def mp_pipeline_save_exists(s, F, T):
    fe = ml(F, "feature")
    P = ml(F, "")
    df = s.createDataFrame([("a",)], "c string")
    m = P.Pipeline(stages=[fe.StringIndexer(inputCol="c", outputCol="ci")]).fit(df)
    d = os.path.join(tmp(), "pm")
    m.save(d)
    m.save(d)
    return "no error"


@case
def mp_pipeline_overwrite(s, F, T):
    fe = ml(F, "feature")
    P = ml(F, "")
    df = s.createDataFrame([("a",)], "c string")
    m = P.Pipeline(stages=[fe.StringIndexer(inputCol="c", outputCol="ci")]).fit(df)
    d = os.path.join(tmp(), "pm")
    m.save(d)
    m.write().overwrite().save(d)
    return [type(st).__name__ for st in P.PipelineModel.load(d).stages]


@case
def mp_unfitted_pipeline_save_load(s, F, T):
    fe = ml(F, "feature")
    P = ml(F, "")
    p = P.Pipeline(stages=[fe.Tokenizer(inputCol="t", outputCol="w"), fe.HashingTF(inputCol="w", outputCol="tf", numFeatures=8)])
    d = os.path.join(tmp(), "p")
    p.save(d)
    p2 = P.Pipeline.load(d)
    return [[type(x).__name__ for x in p2.getStages()], p2.getStages()[1].getNumFeatures()]


@case
def mp_model_save_load_linreg(s, F, T):
    LR = ml(F, "regression")
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 3.0), (V.dense([2.0]), 5.0), (V.dense([3.0]), 7.0)], ["features", "label"])
    m = LR.LinearRegression().fit(df)
    d = os.path.join(tmp(), "lr")
    m.save(d)
    m2 = LR.LinearRegressionModel.load(d)
    return [rnd(m2.coefficients), rnd(m2.intercept)]


@case
def mp_load_missing_path(s, F, T):
    P = ml(F, "")
    return P.PipelineModel.load(os.path.join(tmp(), "nope"))


@case
def mp_load_wrong_class(s, F, T):
    fe = ml(F, "feature")
    df = s.createDataFrame([("a",)], "c string")
    m = fe.StringIndexer(inputCol="c", outputCol="ci").fit(df)
    d = os.path.join(tmp(), "si")
    m.save(d)
    return type(ml(F, "regression").LinearRegressionModel.load(d)).__name__


@case
def mp_estimator_save_load_params(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    d = os.path.join(tmp(), "est")
    LR(maxIter=7, regParam=0.3).save(d)
    e = LR.load(d)
    return [e.getMaxIter(), e.getRegParam(), e.getElasticNetParam()]


@case
def mp_params_defaults(s, F, T):
    LR = ml(F, "classification").LogisticRegression()
    return [LR.getMaxIter(), LR.getRegParam(), LR.getElasticNetParam(), LR.getTol(), LR.getFitIntercept(),
            LR.getStandardization(), LR.getThreshold(), LR.getFamily(), LR.getFeaturesCol(), LR.getLabelCol(),
            LR.getPredictionCol(), LR.getProbabilityCol(), LR.getRawPredictionCol()]


@case
def mp_params_linreg_defaults(s, F, T):
    LR = ml(F, "regression").LinearRegression()
    return [LR.getMaxIter(), LR.getRegParam(), LR.getSolver(), LR.getLoss(), LR.getEpsilon(), LR.getAggregationDepth()]


@case
def mp_params_kmeans_defaults(s, F, T):
    KM = ml(F, "clustering").KMeans()
    return [KM.getK(), KM.getMaxIter(), KM.getInitMode(), KM.getInitSteps(), KM.getTol(), KM.getDistanceMeasure()]


@case
def mp_explain_params_exists(s, F, T):
    t = ml(F, "classification").LogisticRegression().explainParams()
    return [isinstance(t, str), "maxIter" in t, "regParam" in t]


@case
def mp_explain_param_single(s, F, T):
    lr = ml(F, "classification").LogisticRegression()
    return lr.explainParam("maxIter")


@case
def mp_params_is_set_is_defined(s, F, T):
    lr = ml(F, "classification").LogisticRegression(maxIter=5)
    return [lr.isSet("maxIter"), lr.isSet("regParam"), lr.isDefined("regParam"), lr.hasDefault("regParam"),
            lr.hasParam("maxIter"), lr.hasParam("nope")]


@case
def mp_params_set_bad_name(s, F, T):
    return ml(F, "classification").LogisticRegression(maxIterations=5)


@case
def mp_params_set_bad_type(s, F, T):
    return ml(F, "classification").LogisticRegression(maxIter="ten").getMaxIter()


@case
def mp_params_copy_extra(s, F, T):
    lr = ml(F, "classification").LogisticRegression(maxIter=5)
    c = lr.copy({lr.maxIter: 9})
    return [lr.getMaxIter(), c.getMaxIter(), lr.uid == c.uid]


@case
def mp_params_uid_prefix(s, F, T):
    return ml(F, "feature").StringIndexer().uid.split("_")[0]


@case
def mp_extract_param_map(s, F, T):
    lr = ml(F, "regression").LinearRegression(maxIter=3)
    return sorted(p.name for p in lr.extractParamMap())


@case
def mp_params_list(s, F, T):
    return sorted(p.name for p in ml(F, "feature").VectorAssembler().params)


@case
def mp_fit_with_param_map(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 3.0), (V.dense([2.0]), 5.0), (V.dense([3.0]), 7.0)], ["features", "label"])
    est = LR()
    m = est.fit(df, {est.fitIntercept: False})
    return rnd(m.intercept)


@case
def mp_cross_validator(s, F, T):
    tu = ml(F, "tuning")
    LR = ml(F, "regression").LinearRegression
    RE = ml(F, "evaluation").RegressionEvaluator
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([float(i)]), 2.0 * i + 1) for i in range(12)], ["features", "label"])
    lr = LR()
    grid = tu.ParamGridBuilder().addGrid(lr.regParam, [0.0, 10.0]).build()
    cv = tu.CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=RE(), numFolds=3, seed=1)
    m = cv.fit(df)
    return [len(m.avgMetrics), m.avgMetrics[0] < m.avgMetrics[1], rnd(m.bestModel.getRegParam())]


@case
def mp_param_grid_size(s, F, T):
    tu = ml(F, "tuning")
    lr = ml(F, "classification").LogisticRegression()
    g = tu.ParamGridBuilder().addGrid(lr.regParam, [0.1, 0.2]).addGrid(lr.maxIter, [5, 10, 20]).build()
    return len(g)


@case
def mp_vector_udt_schema(s, F, T):
    df = vdf(s, F, [([1.0, 2.0],)])
    return [df.dtypes, df.schema["features"].dataType.simpleString()]


@case
def mp_vectors_ops(s, F, T):
    V = Vectors(F)
    a = V.dense([1.0, 2.0, 3.0])
    b = V.sparse(3, [0, 2], [1.0, 5.0])
    return [rnd(a.dot(b)), rnd(b.toArray().tolist()), b.numNonzeros(), rnd(V.squared_distance(a, b)), rnd(a.norm(2))]


@case
def mp_vector_to_array(s, F, T):
    vf = __import__(("pyspark" if is_spark(F) else "dfengine") + ".ml.functions", fromlist=["vector_to_array"])
    df = vdf(s, F, [([1.0, 2.0],)])
    return df.select(vf.vector_to_array("features").alias("a"))


@case
def mp_array_to_vector(s, F, T):
    vf = __import__(("pyspark" if is_spark(F) else "dfengine") + ".ml.functions", fromlist=["array_to_vector"])
    df = s.createDataFrame([([1.0, 2.0],)], "a array<double>")
    return rows(df.select(vf.array_to_vector("a").alias("v")), "v")


@case
def mp_correlation_stat(s, F, T):
    st = ml(F, "stat")
    df = vdf(s, F, [([1.0, 2.0],), ([2.0, 4.5],), ([3.0, 5.5],)])
    return rnd(st.Correlation.corr(df, "features").head()[0])


@case
def mp_summarizer(s, F, T):
    st = ml(F, "stat")
    df = vdf(s, F, [([1.0, 2.0],), ([3.0, 6.0],)])
    r = df.select(st.Summarizer.metrics("mean", "max", "count").summary(F.col("features")).alias("s")).head().s
    return [rnd(r.mean), rnd(r.max), r["count"]]


@case
def mp_chisquare_test(s, F, T):
    st = ml(F, "stat")
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([0.0]), 0.0), (V.dense([1.0]), 1.0), (V.dense([0.0]), 0.0), (V.dense([1.0]), 1.0)],
                           ["features", "label"])
    r = st.ChiSquareTest.test(df, "features", "label").head()
    return [rnd(r.pValues), list(r.degreesOfFreedom), rnd(r.statistics)]


@case
def mp_fpgrowth(s, F, T):
    FP = ml(F, "fpm").FPGrowth
    df = s.createDataFrame([(["a", "b"],), (["a", "c"],), (["a", "b", "c"],)], "items array<string>")
    m = FP(minSupport=0.6, minConfidence=0.5).fit(df)
    return sorted([sorted(r.items), r.freq] for r in m.freqItemsets.collect())


@case
def mp_als_tiny(s, F, T):
    ALS = ml(F, "recommendation").ALS
    df = s.createDataFrame([(0, 0, 4.0), (0, 1, 2.0), (1, 1, 3.0), (1, 2, 4.0), (2, 0, 5.0)], "user int, item int, rating float")
    m = ALS(rank=2, maxIter=3, seed=1, coldStartStrategy="drop", userCol="user", itemCol="item", ratingCol="rating").fit(df)
    te = s.createDataFrame([(0, 2), (9, 0)], "user int, item int")
    return [m.rank, m.transform(te).count()]


# --------------------------------------------------------------- follow-ups added after the first comparison
@case
def mr_linreg_transform_empty_partitions(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 3.0), (V.dense([2.0]), 5.0), (V.dense([3.0]), 7.0)], ["features", "label"])
    m = LR().fit(df)
    return rows(m.transform(df.repartition(6)), "label", "prediction")


@case
def mr_linreg_transform_filtered_empty(s, F, T):
    LR = ml(F, "regression").LinearRegression
    V = Vectors(F)
    df = s.createDataFrame([(V.dense([1.0]), 3.0), (V.dense([2.0]), 5.0), (V.dense([3.0]), 7.0)], ["features", "label"])
    m = LR().fit(df)
    return m.transform(df.filter("label > 100")).count()


@case
def mr_logreg_transform_empty_partitions(s, F, T):
    LR = ml(F, "classification").LogisticRegression
    m = LR(regParam=0.1).fit(cls_data(s, F))
    return rows(m.transform(cls_data(s, F).repartition(12)), "label", "prediction")
