"""Differential probe 11 (readers, writers, catalog, DataFrame methods, ML, RDD): PySpark 4 vs dfengine.

usage: probe.py run pyspark|dfengine [case ...]   -> writes out_<engine>.json
       probe.py compare                          -> writes report.md
       probe.py count
"""
import datetime as _dt
import decimal as _dec
import inspect
import json
import math
import os
import signal
import sys
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import CASES  # noqa: E402
import cases_a, cases_b, cases_c, cases_d, cases_e, cases_f  # noqa: E402,F401

# =============================================================== runner
def norm(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return "F:" + repr(float(v))
    if isinstance(v, (_dec.Decimal, _dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        return type(v).__name__[:3] + ":" + str(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "B:" + bytes(v).hex()
    if isinstance(v, dict):
        return {"__map__": sorted([[norm(k), norm(x)] for k, x in v.items()], key=repr)}
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if type(v).__name__ in ("DenseVector", "SparseVector"):
        return ["V:" + type(v).__name__[0]] + [norm(float(x)) for x in v.toArray()]
    if type(v).__name__ in ("DenseMatrix", "SparseMatrix"):
        return ["M:"] + [norm(float(x)) for x in v.toArray().ravel()]
    if hasattr(v, "__fields__") or type(v).__name__ == "Row":
        return [norm(x) for x in tuple(v)]
    try:
        import numpy as np
        if isinstance(v, np.generic):
            return norm(v.item())
    except Exception:
        pass
    return "R:" + repr(v)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("case took > 60 s")


def run(engine):
    os.environ["TZ"] = "UTC"
    time.tzset()
    if engine == "pyspark":
        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession, functions as F, types as T
        from pyspark.sql import DataFrame
    else:
        from dfengine.sql import SparkSession, functions as F, types as T
        from dfengine.sql import DataFrame
    import tempfile
    wh = tempfile.mkdtemp(prefix="s11wh_")
    spark = (SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC")
             .config("spark.ui.enabled", "false").config("spark.sql.warehouse.dir", wh)
             .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    if engine == "pyspark":
        spark.sparkContext.setLogLevel("OFF")
    out_path = os.path.join(HERE, f"out_{engine}.json")
    res = {}
    if os.path.exists(out_path):
        res = json.load(open(out_path))
    only = set(sys.argv[3:])
    signal.signal(signal.SIGALRM, _alarm)
    for f in CASES:
        if only and f.__name__ not in only:
            continue
        if f.__name__ in res and not only:
            continue
        # mark in-progress for crash detection
        res[f.__name__] = {"kind": "crash"}
        json.dump(res, open(out_path, "w"))
        t0 = time.time()
        signal.alarm(60)
        try:
            r = f(spark, F, T)
            if isinstance(r, DataFrame):
                rows = r.collect()
                o = {"kind": "rows", "rows": [norm(x) for x in rows], "columns": list(r.columns),
                     "types": [t for _, t in r.dtypes]}
            else:
                o = {"kind": "value", "value": norm(r)}
        except Timeout as e:
            o = {"kind": "hang", "msg": str(e)}
        except BaseException as e:  # noqa
            if isinstance(e, KeyboardInterrupt):
                raise
            o = {"kind": "error", "cls": type(e).__name__, "module": type(e).__module__, "msg": str(e)[:200]}
        finally:
            signal.alarm(0)
            try:  # a case that ran USE must not leak into the next one
                if spark.catalog.currentDatabase() != "default":
                    spark.catalog.setCurrentDatabase("default")
            except Exception:
                pass
        o["secs"] = round(time.time() - t0, 2)
        res[f.__name__] = o
        json.dump(res, open(out_path, "w"), indent=0)
        print(f.__name__, o["kind"], o.get("cls", ""), o["secs"], flush=True)
    spark.stop()


# =============================================================== compare
def _eq(a, b):
    if isinstance(a, str) and isinstance(b, str) and a.startswith("F:") and b.startswith("F:"):
        x, y = float(a[2:]), float(b[2:])
        if math.isnan(x) and math.isnan(y):
            return True
        if x == y:
            return True
        if math.isinf(x) or math.isinf(y):
            return False
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_eq(a[k], b[k]) for k in a)
    return type(a) == type(b) and a == b


def _skey(r):
    def k(v):
        if isinstance(v, str) and v.startswith("F:"):
            try:
                x = float(v[2:])
                return "F:%.9e" % x if not math.isnan(x) else "F:nan"
            except ValueError:
                return v
        if isinstance(v, list):
            return [k(x) for x in v]
        if isinstance(v, dict):
            return {kk: k(vv) for kk, vv in v.items()}
        return v
    return json.dumps(k(r), sort_keys=True, default=str)


UNCLEAR_WORDS = ["pandas", "pyarrow", "arrow", "dask", "numpy", "Traceback", "object has no attribute", "KeyError",
                 "unhashable", "NoneType", "not supported between instances", "index out of range", "unsupported operand",
                 "ufunc", "dtype", "sqlglot", "Series", "_internal", "lambda"]
UNCLEAR_CLS = {"KeyError", "IndexError", "AttributeError", "TypeError", "ValueError", "ArrowInvalid", "ArrowTypeError",
               "ArrowNotImplementedError", "ZeroDivisionError", "NotImplementedError", "AssertionError", "RuntimeError",
               "OverflowError", "RecursionError", "ParseError", "OptimizeError", "UnboundLocalError", "NameError", "Exception"}


def _errclass(msg):
    import re
    m = re.match(r"\s*\[([A-Z_0-9.]+)\]", msg or "")
    return m.group(1) if m else None


def classify(p, d, ordered):
    if p["kind"] == "crash" or d["kind"] == "crash":
        return "crash" if d["kind"] == "crash" else "oracle-crash"
    if d["kind"] == "hang":
        return "hang"
    if p["kind"] != d["kind"]:
        if p["kind"] == "error":
            return "rows where PySpark errors"
        if d["kind"] == "error":
            unclear = d["cls"] in UNCLEAR_CLS or any(w.lower() in d["msg"].lower() for w in UNCLEAR_WORDS)
            return "error where PySpark gives rows" + (" (unclear error)" if unclear else "")
        return "different result kind"
    if p["kind"] == "error":
        unclear = (d["cls"] in UNCLEAR_CLS and d["cls"] != p["cls"]) or any(
            w.lower() in d["msg"].lower() and w.lower() not in p["msg"].lower() for w in UNCLEAR_WORDS)
        if p["cls"] == "Py4JJavaError" and _errclass(d["msg"]) and ("[" + _errclass(d["msg"]) + "]") in p["msg"]:
            return None
        if p["cls"] != d["cls"]:
            return "different exception class" + (" (unclear error)" if unclear else "")
        if unclear:
            return "unclear error message"
        pe, de = _errclass(p["msg"]), _errclass(d["msg"])
        if pe and de and pe.split(".")[0] != de.split(".")[0]:
            return "different error class tag"
        return None
    if p["kind"] == "value":
        return None if _eq(p["value"], d["value"]) else "wrong value"
    probs = []
    pr, dr = p["rows"], d["rows"]
    if ordered:
        if not _eq(pr, dr):
            if _eq(sorted(pr, key=_skey), sorted(dr, key=_skey)):
                probs.append("wrong row order")
            else:
                probs.append("wrong rows")
    else:
        if not _eq(sorted(pr, key=_skey), sorted(dr, key=_skey)):
            probs.append("wrong rows")
    if p["columns"] != d["columns"]:
        probs.append("wrong column names")
    if p["types"] != d["types"]:
        probs.append("wrong types")
    return ", ".join(probs) or None


SEVERITY = ["wrong rows", "wrong value", "wrong row order", "rows where PySpark errors", "wrong types",
            "error where PySpark gives rows", "hang", "crash", "different result kind", "wrong column names",
            "different exception class", "different error class tag", "unclear error message", "oracle-crash"]


def _sev(c):
    for i, s in enumerate(SEVERITY):
        if c.startswith(s):
            return i
    return 99


def fmt(o):
    o = dict(o)
    o.pop("secs", None)
    if o["kind"] == "rows":
        rows = o["rows"]
        s = "rows(%d): %s\ncolumns: %s\ntypes: %s" % (len(rows), json.dumps(rows, ensure_ascii=False), o["columns"], o["types"])
    elif o["kind"] == "value":
        s = "value: " + json.dumps(o["value"], ensure_ascii=False)
    elif o["kind"] == "error":
        s = "%s: %s" % (o["cls"], o["msg"])
    else:
        s = json.dumps(o)
    if len(s) > 3000:
        s = s[:3000] + " ...(truncated)"
    return s


def _fix(v):
    """older outputs stored numpy floats as F:np.float64(x)"""
    import re
    if isinstance(v, str):
        m = re.match(r"^F:np\.float(?:64|32)\((.*)\)$", v)
        return "F:" + m.group(1) if m else v
    if isinstance(v, list):
        return [_fix(x) for x in v]
    if isinstance(v, dict):
        return {k: _fix(x) for k, x in v.items()}
    return v


def compare():
    p = _fix(json.load(open(os.path.join(HERE, "out_pyspark.json"))))
    d = _fix(json.load(open(os.path.join(HERE, "out_dfengine.json"))))
    by = {f.__name__: f for f in CASES}
    diffs, agree = [], []
    for name, f in by.items():
        if name not in p or name not in d:
            continue
        c = classify(p[name], d[name], f._ordered)
        if c:
            diffs.append((name, c))
        else:
            agree.append(name)
    diffs.sort(key=lambda x: (_sev(x[1]), x[0]))
    L = ["# dfengine vs PySpark 4 differential probe (docs/probes/session11/probe.py)", "",
         f"Cases run on both engines: {len(agree) + len(diffs)}; agree: {len(agree)}; differ: {len(diffs)}", "",
         "Outcome notation: rows(n) = collected rows (floats as F:repr, Decimal dec:, date dat:, datetime dat:...), then df.columns and dtypes;",
         "or ExceptionClass: first 200 chars of message. Rows compared as sorted multisets unless the case is marked ordered.", "",
         ]
    if os.path.exists(os.path.join(HERE, "notes.md")):
        L += [open(os.path.join(HERE, "notes.md")).read(), ""]
    L += ["## Summary table (automatic classification, most serious class first)", "", "| # | case | difference |", "|---|---|---|"]
    for i, (n, c) in enumerate(diffs, 1):
        L.append(f"| {i} | `{n}` | {c} |")
    L.append("")
    L.append("## Details (most serious first)")
    for i, (n, c) in enumerate(diffs, 1):
        src = textwrap.dedent(inspect.getsource(by[n]))
        L += ["", f"### {i}. `{n}` — {c}", "", "```python", src.rstrip(), "```", "", "PySpark:", "```", fmt(p[n]), "```",
              "dfengine:", "```", fmt(d[n]), "```"]
    open(os.path.join(HERE, "report.md"), "w").write("\n".join(L) + "\n")
    print(f"total {len(agree) + len(diffs)} agree {len(agree)} differ {len(diffs)}")
    for n, c in diffs:
        print(f"  {n}: {c}")


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2])
    elif sys.argv[1] == "compare":
        compare()
    elif sys.argv[1] == "count":
        print(len(CASES))
