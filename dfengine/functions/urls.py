"""URL functions (Spark's url_funcs): parse_url as java.net.URI reads a URL, url_encode and
url_decode as java.net.URLEncoder / URLDecoder (UTF-8, `+` for space)."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

import pyarrow as pa

from dfengine.errors import SparkRuntimeException
from dfengine.functions.arrays import _py_map
from dfengine.functions.registry import Function, define
from dfengine.functions.signatures import S, _all, returns

_URI = re.compile(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$")


def _authority_parts(authority: str | None) -> tuple[str | None, str | None]:
    """(userinfo, host) of an authority `user:pw@host:port`."""
    if authority is None:
        return None, None
    userinfo, _, hostport = authority.rpartition("@")
    host = hostport
    if hostport.startswith("["):  # IPv6 literal
        host = hostport[:hostport.find("]") + 1]
    elif ":" in hostport:
        host = hostport.rsplit(":", 1)[0]
    return (userinfo if "@" in authority else None), (host or None)


def _part(url: str, part: str) -> Any:
    m = _URI.match(url)
    if m is None or " " in url:
        raise ValueError(url)
    scheme, authority, path, query, ref = m.groups()
    userinfo, host = _authority_parts(authority)
    return {
        "HOST": host, "PATH": path, "QUERY": query, "REF": ref, "PROTOCOL": scheme,
        "FILE": path + (f"?{query}" if query is not None else ""), "AUTHORITY": authority,
        "USERINFO": userinfo,
    }.get(part)


def parse_url(url: str, part: str, key: str | None = None, ansi: bool = True) -> Any:
    try:
        value = _part(url, part)
    except ValueError:
        if not ansi:
            return None
        raise SparkRuntimeException(
            f"[INVALID_URL] The url is invalid: {url}. Use `try_parse_url` to tolerate invalid "
            "URL and return NULL instead.", "INVALID_URL") from None
    if key is None or part != "QUERY" or value is None:
        return value if key is None or part == "QUERY" else None
    m = re.search(rf"(&|^){re.escape(key)}=([^&]*)", value)
    return m.group(2) if m else None


def _parse_url(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
    ansi = getattr(ctx, "ansi", True)
    return _py_map(args, table.num_rows, lambda *vs: None if any(v is None for v in vs) else (
        parse_url(*vs, ansi=ansi)), pa.string())


def url_encode(s: str) -> str:
    """java.net.URLEncoder: letters, digits and `.-*_` stay, space is `+`, the rest is %XX
    of its UTF-8 bytes (Python's quote_plus also keeps `~`)."""
    return urllib.parse.quote_plus(s, safe="*").replace("~", "%7E")


def url_decode(s: str) -> str:
    if re.search(r"%(?![0-9A-Fa-f]{2})", s):
        raise SparkRuntimeException(
            f"[CANNOT_DECODE_URL] The provided URL cannot be decoded: {s}. Please ensure that "
            "the URL is properly formatted and try again.", "CANNOT_DECODE_URL")
    return urllib.parse.unquote_plus(s, errors="strict")


def _each(fn: Any) -> Any:
    def run(args: list, e: Any, table: pa.Table, ctx: Any) -> Any:
        return _py_map(args[:1], table.num_rows, lambda v: None if v is None else fn(v),
                       pa.string())
    return run


define(
    Function("parse_url", returns(S), _all(S), impl=_parse_url, nullable_rule="always",
             params="url, partToExtract, key = None",
             example="'http://spark.apache.org/path?query=1&b=2', 'QUERY', 'b'"),
    Function("url_encode", returns(S), _all(S), impl=_each(url_encode), nullable_rule="inputs",
             params="str", example="'https://spark.apache.org/a b?x=1'"),
    Function("url_decode", returns(S), _all(S), impl=_each(url_decode), nullable_rule="inputs",
             params="str", example="'https%3A%2F%2Fspark.apache.org+x%20y'"),
    family="url",
)
