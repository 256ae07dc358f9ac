"""Every use of the private internals of requests, urllib3 and http.client, in one place.

A few shortcuts make requests measurably cheaper: reading a whole body in one call, preparing
a request without rebuilding its header dictionary, reading a stream straight from its socket.
They need attributes that those libraries do not document (``Response._content``,
``CaseInsensitiveDict._store``, ``HTTPResponse._fp`` and others). This module is the only one
that touches them. Each function checks that what it needs is there and has the expected shape,
and otherwise does the same job through the public interfaces (or says it cannot, and the caller
takes its ordinary path).

The shortcuts are known to work with the versions in :data:`VERIFIED`. To switch all of them off,
set the environment variable ``MASTODON_NO_FAST_PATHS`` to a non-empty value before importing
``mastodon``, or set :data:`enabled` to False at run time.
"""

from __future__ import annotations

import contextlib
import http.client
import os
from collections import OrderedDict
from typing import Any, Final

import requests
import urllib3
from requests.cookies import RequestsCookieJar
from requests.models import PreparedRequest
from requests.structures import CaseInsensitiveDict

__all__ = [
    "VERIFIED",
    "close_quietly",
    "copy_headers",
    "enabled",
    "framed_socket_file",
    "give_cookie_jar",
    "header_items",
    "header_store",
    "read_whole_body",
    "set_content",
    "shut_down_socket",
]

#: Whether the shortcuts are used. Read on every call, so it can be changed at any time.
enabled: bool = not os.environ.get("MASTODON_NO_FAST_PATHS")

#: The versions of requests and urllib3 with which the shortcuts were checked: ``(lowest,
#: first version not checked)`` as (major, minor) pairs. Outside these, the shortcuts still
#: check what they use at run time; the test suite asks for them to be checked again.
VERIFIED: Final = {
    "requests": ((2, 32), (2, 35)),
    "urllib3": ((2, 0), (2, 9)),
}

# What urllib3 answers with (BaseHTTPResponse from urllib3 2 on).
_URLLIB3_RESPONSE: Final = getattr(urllib3.response, "BaseHTTPResponse", urllib3.response.HTTPResponse)

# requests keeps a header dictionary's entries in ``_store``: lower-case name -> (name, value).
_HEADER_STORE = isinstance(getattr(CaseInsensitiveDict(), "_store", None), OrderedDict)


# -- response bodies ----------------------------------------------------------------------------


def read_whole_body(response: requests.Response) -> None:
    """Read the whole body of a response opened with ``stream=True``, as ``stream=False`` would.

    requests reads a body in 10 KiB pieces, each through several layers of urllib3; one read of
    the whole body costs a fraction of that (a 40-status page: about 1.2 M instructions less).
    Failures raise the exceptions requests raises for them. A body something else has read already
    (a response hook, a caching adapter) is left alone. The public way is ``response.content``.
    """
    # requests marks a body not read yet with ``_content = False``.
    state = vars(response) if hasattr(response, "__dict__") else {}
    if state.get("_content", None) is not False or state.get("_content_consumed", True):
        return
    read = getattr(response.raw, "read", None)
    if not enabled or read is None or not isinstance(response.raw, _URLLIB3_RESPONSE):
        try:
            response.content  # noqa: B018 - requests reads it, whatever the transport is
        except BaseException:
            close_quietly(response)
            raise
        return
    try:
        try:
            body = read(decode_content=True)
        except urllib3.exceptions.ProtocolError as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        except urllib3.exceptions.DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.exceptions.ConnectionError(exc) from exc
        except urllib3.exceptions.SSLError as exc:
            raise requests.exceptions.SSLError(exc) from exc
    except BaseException:
        close_quietly(response)
        raise
    state["_content"] = body or b""
    state["_content_consumed"] = True


def set_content(response: requests.Response, body: bytes) -> None:
    """Give a response its whole body, read already, as requests keeps a body it has read."""
    state = vars(response)
    state["_content"] = body
    state["_content_consumed"] = True


def close_quietly(response: Any) -> None:
    """Release a response's connection; whatever fails there (a stub without one) is ignored."""
    with contextlib.suppress(Exception):
        response.close()


# -- preparing requests -------------------------------------------------------------------------


def header_items(headers: CaseInsensitiveDict[Any]) -> tuple[Any, ...] | None:
    """The entries of a requests header dictionary as a hashable key, or None without shortcuts."""
    if not enabled or not _HEADER_STORE:
        return None
    store = vars(headers).get("_store")
    return tuple(store.values()) if isinstance(store, OrderedDict) else None


def header_store(merged: Any) -> Any:
    """Validate merged headers as requests does, and return their entries for :func:`copy_headers`.

    Raises ``InvalidHeader`` for a bad name or value, as requests would. None without shortcuts.
    """
    if not enabled or not _HEADER_STORE:
        return None
    probe = PreparedRequest()
    probe.prepare_headers(merged)
    store = vars(probe.headers).get("_store")
    return store if isinstance(store, OrderedDict) else None


def copy_headers(store: Any) -> CaseInsensitiveDict[Any]:
    """A fresh header dictionary holding the entries that :func:`header_store` returned."""
    result: CaseInsensitiveDict[Any] = CaseInsensitiveDict.__new__(CaseInsensitiveDict)
    vars(result)["_store"] = store.copy()
    return result


def give_cookie_jar(prepared: PreparedRequest) -> None:
    """Give a request an empty cookie jar of its own (redirects fill it), with no Cookie header."""
    if enabled and "_cookies" in vars(prepared):
        vars(prepared)["_cookies"] = RequestsCookieJar()
    else:
        prepared.prepare_cookies(RequestsCookieJar())


# -- streaming bodies ---------------------------------------------------------------------------


def framed_socket_file(response: Any) -> Any:
    """The socket file under a chunked response whose body nobody has read yet, else None.

    Only a plain (not compressed) chunked body read through ``http.client`` qualifies; every
    other response is read through the public requests and urllib3 interfaces.
    """
    if not enabled:
        return None
    raw = getattr(response, "raw", None)
    inner = getattr(raw, "_fp", None)
    if not isinstance(inner, http.client.HTTPResponse) or not inner.chunked or inner.chunk_left is not None:
        return None
    if getattr(raw, "_fp_bytes_read", None) != 0 or getattr(raw, "_has_decoded_content", True):
        return None
    headers = getattr(response, "headers", None)
    encoding = headers.get("Content-Encoding", "identity") if headers is not None else "identity"
    if not isinstance(encoding, str) or encoding.strip().lower() not in ("", "identity"):
        return None
    fp = getattr(inner, "fp", None)
    return fp if fp is not None and hasattr(fp, "read1") else None


def shut_down_socket(raw: Any) -> bool:
    """Shut down the socket under urllib3 response ``raw``; False if it cannot be reached.

    urllib3 2.3 and later offer ``shutdown()``; before, the socket is reached through the
    response's ``connection`` and its ``sock`` (both public). Neither needs the shortcuts.
    """
    shutdown = getattr(raw, "shutdown", None)
    if callable(shutdown):
        with contextlib.suppress(RuntimeError, ValueError, OSError):
            shutdown()
            return True
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is None or not callable(getattr(sock, "shutdown", None)):
        return False
    try:
        sock.shutdown(2)  # socket.SHUT_RDWR
    except OSError:
        return False
    return True
