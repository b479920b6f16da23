"""Bytes <-> strings: encode/decode with a charset, to_binary, base32, UTF-8 validation, hmac.

Spark accepts a fixed list of charsets and raises on bytes a charset cannot represent
(MALFORMED_CHARACTER_CODING) rather than substituting, so a lossy conversion never passes
silently; the try_ and make_valid_ spellings are the tolerant ones.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac as _hmac
from typing import Any

import pyarrow as pa

from dfengine import types as T
from dfengine.errors import AnalysisException, SparkRuntimeException
from dfengine.functions.arrays import _const, _py_map
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import B, S, _common, returns

BIN = T.BinaryType()
_CHARSETS = {"iso-8859-1": "latin-1", "us-ascii": "ascii", "utf-16": "utf-16-be-bom",
             "utf-16be": "utf-16-be", "utf-16le": "utf-16-le", "utf-32": "utf-32-be",
             "utf-8": "utf-8"}


def _codec(fn: str, charset: Any) -> str:
    name = str(charset).lower()
    if name not in _CHARSETS:
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"The value of parameter(s) `charset` in `{fn}` is invalid: expects one of the "
            f"{', '.join(sorted(_CHARSETS))}, but got {charset}.",
            "INVALID_PARAMETER_VALUE.CHARSET")
    return _CHARSETS[name]


def _malformed(fn: str, charset: str) -> SparkRuntimeException:
    return SparkRuntimeException(
        f"Invalid value found when performing `{fn}` with {charset}.",
        "MALFORMED_CHARACTER_CODING")


def _encode_value(s: str, charset: str) -> bytes:
    codec = _codec("encode", charset)
    try:
        if codec == "utf-16-be-bom":  # Java's UTF-16 writes a big-endian byte-order mark
            return b"\xfe\xff" + s.encode("utf-16-be")
        return s.encode(codec)
    except UnicodeEncodeError:
        raise _malformed("encode", charset) from None


def _decode_value(b: bytes, charset: str) -> str:
    codec = _codec("decode", charset)
    try:
        if codec == "utf-16-be-bom":
            return b.decode("utf-16") if b[:2] in (b"\xfe\xff", b"\xff\xfe") else b.decode(
                "utf-16-be")
        return b.decode(codec)
    except UnicodeDecodeError:
        raise _malformed("decode", charset) from None


def _encode(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    return _py_map(args, table.num_rows,
                   lambda s, c: None if s is None or c is None else _encode_value(s, c),
                   pa.binary())


def _decode(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    if len(args) == 2:
        return _py_map(args, table.num_rows,
                       lambda b, c: None if b is None or c is None else _decode_value(b, c),
                       pa.string())
    return _decode_cases(args, e, table.num_rows)


def _decode_cases(args: list, e: Any, n: int) -> Any:
    """decode(expr, search1, result1, ..., default): a CASE where NULL matches NULL."""
    from dfengine.types import to_arrow_type

    def pick(value: Any, *rest: Any) -> Any:
        for i in range(0, len(rest) - 1, 2):
            if rest[i] == value:
                return rest[i + 1]
        return rest[-1] if len(rest) % 2 else None

    return _py_map(args, n, pick, to_arrow_type(e.data_type))


def _decode_type(types: list[T.DataType]) -> T.DataType:
    if len(types) == 2:
        return S
    results = types[2::2] + ([types[-1]] if len(types) % 2 == 0 else [])
    return _common(results)


def _decode_inputs(types: list[T.DataType]) -> list[T.DataType | None]:
    if len(types) == 2:
        return [BIN, S]
    keys = _common([types[0], *types[1:-1:2]])
    results = _decode_type(types)
    out: list[T.DataType | None] = [keys]
    for i in range(1, len(types)):
        is_result = i % 2 == 0 or (i == len(types) - 1 and len(types) % 2 == 0)
        out.append(results if is_result else keys)
    return out


def _to_binary_value(s: str, fmt: str) -> bytes:
    fmt = fmt.lower()
    try:
        if fmt == "hex":
            return binascii.unhexlify(s if len(s) % 2 == 0 else "0" + s)
        if fmt in ("utf-8", "utf8"):
            return s.encode("utf-8")
        if fmt == "base64":
            clean = "".join(s.split())
            return base64.b64decode(clean + "=" * (-len(clean) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise SparkRuntimeException(
            f"The value '{s}' ('{fmt.upper()}') cannot be converted to \"BINARY\" because it is "
            "malformed. Correct the value as per the syntax, or change its format. Use "
            "`try_to_binary` to tolerate malformed input and return NULL instead.",
            "CONVERSION_INVALID_INPUT") from None
    raise AnalysisException(
        f"Invalid format '{fmt}' for to_binary: use 'hex', 'utf-8' or 'base64'.",
        "INVALID_PARAMETER_VALUE.BINARY_FORMAT")


def _to_binary(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    fmt = _const(args[1]) if len(args) > 1 else "hex"
    if fmt is None:
        return pa.nulls(table.num_rows, pa.binary())
    return _py_map(args[:1], table.num_rows,
                   lambda s: None if s is None else _to_binary_value(s, fmt), pa.binary())


def _from_base32(v: bytes) -> bytes:
    text = v.decode("ascii", "ignore").upper()
    text = "".join(ch for ch in text if ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    usable = len(text) - len(text) % 8 + (8 if len(text) % 8 else 0)
    try:
        return base64.b32decode(text + "=" * (usable - len(text)))
    except binascii.Error:
        return base64.b32decode(text[: len(text) - len(text) % 8]) if len(text) >= 8 else b""


def _bytes_of(v: Any) -> bytes:
    return v if isinstance(v, bytes) else v.encode("utf-8")


def _utf8(fn: str) -> Any:
    """is_valid_utf8 / make_valid_utf8 / validate_utf8 / try_validate_utf8 of one value."""
    def check(v: bytes) -> Any:
        try:
            text = v.decode("utf-8")
        except UnicodeDecodeError:
            if fn == "is_valid_utf8":
                return False
            if fn == "make_valid_utf8":
                return v.decode("utf-8", "replace")
            if fn == "try_validate_utf8":
                return None
            shown = "".join(f"\\x{b:02X}" if b >= 0x80 else chr(b) for b in v)
            raise SparkRuntimeException(
                f"Invalid UTF8 byte sequence found in string: {shown}.",
                "INVALID_UTF8_STRING") from None
        return True if fn == "is_valid_utf8" else text
    return check


def _utf8_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    check = _utf8(e.spec.name)
    out = pa.bool_() if e.spec.name == "is_valid_utf8" else pa.string()
    return _py_map(args, table.num_rows, lambda v: None if v is None else check(_bytes_of(v)), out)


_DIGESTS = {"SHA-256": "sha256", "SHA256": "sha256", "SHA-512": "sha512", "SHA512": "sha512",
            "SHA-384": "sha384", "SHA384": "sha384", "SHA-224": "sha224", "SHA224": "sha224",
            "SHA-1": "sha1", "SHA1": "sha1", "MD5": "md5"}


def _hmac_value(key: Any, msg: Any, algorithm: str) -> bytes:
    if not key:
        raise SparkRuntimeException(
            "The value of parameter(s) `key` in `hmac` is invalid: detail message: Empty key.",
            "INVALID_PARAMETER_VALUE.HMAC_CRYPTO_ERROR")
    digest = _DIGESTS.get(algorithm.upper())
    if digest is None:
        raise SparkRuntimeException(
            f"Unsupported hmac algorithm '{algorithm}': use SHA-256, SHA-384, SHA-512, SHA-1 "
            "or MD5.", "INVALID_PARAMETER_VALUE.ALGORITHM")
    return _hmac.new(_bytes_of(key), _bytes_of(msg), getattr(hashlib, digest)).digest()


def _hmac_impl(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    def fn(key: Any, msg: Any, algorithm: Any = "SHA-256") -> Any:
        if key is None or msg is None or algorithm is None:
            return None
        return _hmac_value(key, msg, algorithm)

    return _py_map(args, table.num_rows, fn, pa.binary())


def _bytes_fn(name: str, result: T.DataType, impl: Any, example: str, **kw: Any) -> Function:
    kw.setdefault("inputs", lambda t: [BIN] * len(t))
    return Function(name, returns(result), impl=impl, null_intolerant=True,
                    nullable_rule="inputs", params=kw.pop("params", "col"), example=example,
                    **kw)


def _map_bytes(fn: Any, out: pa.DataType) -> Any:
    return lambda args, e, table, ctx: _py_map(
        args, table.num_rows, lambda v: None if v is None else fn(_bytes_of(v)), out)


define(
    Function("encode", returns(BIN), lambda t: [S, S], impl=_encode, null_intolerant=True,
             nullable_rule="inputs", arity=(2, 2), params="col, charset: lit",
             example="'abc', 'UTF-16'"),
    Function("decode", _decode_type, _decode_inputs, impl=_decode, arity=(2, 99),
             params="col, charset: lit", example="X'616263', 'utf-8'"),
    Function("to_binary", returns(BIN), lambda t: [S] * len(t), impl=_to_binary,
             null_intolerant=True, nullable_rule="inputs", arity=(1, 2),
             shown_defaults={}, params="col, format = None", example="'YWJj', 'base64'"),
    _bytes_fn("to_base32", S, _map_bytes(lambda b: base64.b32encode(b).decode(), pa.string()),
              "'abc'"),
    _bytes_fn("from_base32", BIN, _map_bytes(_from_base32, pa.binary()), "'MFRGG'",
              inputs=lambda t: [S]),
    _bytes_fn("is_valid_utf8", B, _utf8_impl, "X'80'", params="str"),
    _bytes_fn("make_valid_utf8", S, _utf8_impl, "X'61FF'", params="str"),
    _bytes_fn("validate_utf8", S, _utf8_impl, "'abc'", params="str"),
    _bytes_fn("try_validate_utf8", S, _utf8_impl, "X'80'", params="str"),
    Function("hmac", returns(BIN), lambda t: [None] * 2 + [S] * (len(t) - 2), impl=_hmac_impl,
             null_intolerant=True, nullable_rule="inputs", arity=(2, 3),
             shown_defaults={2: "SHA-256"}, params="key, message, algorithm = None",
             example="'key', 'msg', 'SHA-512'"),
    family="encoding",
)
