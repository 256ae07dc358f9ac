"""The transport of the session a client makes for itself: ``http.client`` connections of its own.

requests sends through urllib3, whose layers (pool manager, connection pool, response object,
decoders) cost about as much per call as the socket work itself. :class:`DirectAdapter` is a
requests transport adapter that sends the requests a client makes the most (a whole body in
memory, answered in full, no proxy, no client certificate) over ``http.client`` connections it
keeps open per server, and builds the same :class:`requests.Response` requests would build:
status, headers (repeated ones joined as urllib3 joins them), decoded body (gzip, deflate),
cookies, encoding. Everything else (streams, proxies, client certificates, bodies read from files
or generators, encodings it does not decode) goes through requests' own adapter, unchanged.

Failures raise the exceptions requests raises for them, with the urllib3 exception inside that
the client's error mapping looks for: a failure to connect is a :class:`requests.ConnectionError`
around a :class:`urllib3.exceptions.NewConnectionError`, so a request that never left is known as
such.

Switched off with the other shortcuts by ``MASTODON_NO_FAST_PATHS`` (see
:mod:`mastodon._http.fastpaths`).
"""

from __future__ import annotations

import functools
import http.client
import io
import os
import socket
import ssl
import threading
import warnings
import zlib
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import DEFAULT_CA_BUNDLE_PATH, get_encoding_from_headers, select_proxy
from urllib3.util.wait import wait_for_read

from mastodon._http import fastpaths

__all__ = ["DirectAdapter"]

# Untyped in requests' own annotations.
_extract_cookies: Callable[..., None] = requests.cookies.extract_cookies_to_jar
_unzipped_path: Callable[[str], str] = requests.utils.extract_zipped_paths

#: requests' own ``HTTPAdapter.send``. Test tools such as ``responses`` replace it to answer
#: requests themselves; while it is replaced, every request goes through it.
_REQUESTS_SEND = HTTPAdapter.send

_DECODED = frozenset({"gzip", "x-gzip", "deflate", "identity"})
_NUMBER = (int, float)


class _Body(io.BytesIO):
    """``response.raw`` of a response sent directly: the body, already read and decoded.

    ``_original_response`` is the ``http.client`` response, where requests finds the cookies.
    """

    def __init__(self, body: bytes, original: http.client.HTTPResponse) -> None:
        super().__init__(body)
        self._original_response = original

    def release_conn(self) -> None:
        """Nothing to release: the connection went back to its pool when the body was read."""


def _timeouts(timeout: Any) -> tuple[float | None, float | None] | None:
    """requests' ``timeout`` as (connect, read) seconds, or None for a kind left to requests."""
    if timeout is None:
        return None, None
    if isinstance(timeout, _NUMBER) and not isinstance(timeout, bool):
        return float(timeout), float(timeout)
    if (
        isinstance(timeout, tuple)
        and len(timeout) == 2
        and all(part is None or (isinstance(part, _NUMBER) and not isinstance(part, bool)) for part in timeout)
    ):
        return timeout
    return None


def _accepts_only_what_is_decoded(headers: Mapping[str, Any]) -> bool:
    value = headers.get("Accept-Encoding")
    return value is None or _decoded_codings_only(value if isinstance(value, str) else bytes(value).decode("latin-1"))


@functools.lru_cache(maxsize=32)
def _decoded_codings_only(value: str) -> bool:
    """Whether an ``Accept-Encoding`` value names nothing but gzip, deflate and identity; a
    session sends the same value with every request, so it is read once."""
    codings = {part.split(";")[0].strip().lower() for part in value.split(",")}
    return codings <= _DECODED | {""}


def _decode(body: bytes, coding: str | None) -> bytes:
    """The body without its ``Content-Encoding`` (gzip and deflate; others are left as sent)."""
    if not coding or not body:
        return body
    for part in reversed([item.strip().lower() for item in coding.split(",")]):
        if part in ("gzip", "x-gzip"):
            body = _gunzip(body)
        elif part == "deflate":
            try:
                body = zlib.decompress(body)
            except zlib.error:
                body = zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send it
        elif part != "identity":
            return body
    return body


def _gunzip(body: bytes) -> bytes:
    out = []
    while body:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(decompressor.decompress(body))
        out.append(decompressor.flush())
        body = decompressor.unused_data  # gzip members one after the other
    return b"".join(out)


def _headers_of(message: http.client.HTTPMessage) -> CaseInsensitiveDict[str]:
    """The answer's headers as requests gives them: a repeated header once, its values joined."""
    joined: dict[str, list[str]] = {}
    for name, value in message.items():
        entry = joined.get(name.lower())
        if entry is None:
            joined[name.lower()] = [name, value]
        else:
            entry[1] = f"{entry[1]}, {value}"
    return CaseInsensitiveDict({name: value for name, value in joined.values()})


class DirectAdapter(HTTPAdapter):
    """A requests transport adapter that sends plain requests over ``http.client`` connections.

    Args and attributes are those of :class:`requests.adapters.HTTPAdapter`; ``pool_maxsize``
    also bounds the idle connections kept per server.
    """

    def __init__(
        self,
        pool_connections: int = requests.adapters.DEFAULT_POOLSIZE,
        pool_maxsize: int = requests.adapters.DEFAULT_POOLSIZE,
        max_retries: Any = requests.adapters.DEFAULT_RETRIES,
        pool_block: bool = requests.adapters.DEFAULT_POOLBLOCK,
    ) -> None:
        super().__init__(pool_connections, pool_maxsize, max_retries, pool_block)
        self.idle_limit = pool_maxsize
        self._setup()

    def _setup(self) -> None:
        #: How many connections this adapter has opened itself.
        self.opened = 0
        # urllib3's retries are urllib3's: an adapter given others sends everything through it.
        self._own_retries = self.max_retries
        self._lock = threading.Lock()
        self._idle: dict[tuple[Any, ...], list[http.client.HTTPConnection]] = {}
        self._contexts: dict[Any, ssl.SSLContext] = {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)  # type: ignore[misc]
        self.idle_limit = int(state.get("_pool_maxsize", requests.adapters.DEFAULT_POOLSIZE))
        self._setup()

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        url = request.url if isinstance(request.url, str) else str(request.url)
        parts = urlsplit(url)
        timeouts = _timeouts(timeout)
        if stream or timeouts is None or not self._sends_itself(request, url, parts, verify, cert, proxies):
            response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies=proxies)
            if not stream:
                fastpaths.read_whole_body(response)
            return response
        return self._send(request, url, parts, request.body, timeouts, verify)

    def _sends_itself(
        self,
        request: requests.PreparedRequest,
        url: str,
        parts: Any,
        verify: Any,
        cert: Any,
        proxies: Mapping[str, str] | None,
    ) -> bool:
        """Whether this request is one the adapter sends over its own connections."""
        body = request.body
        return not (
            not fastpaths.enabled
            or HTTPAdapter.send is not _REQUESTS_SEND  # replaced by a test tool
            or self.max_retries is not self._own_retries
            or self._own_retries.total not in (0, False)
            or parts.scheme not in ("http", "https")
            or not parts.hostname
            or cert
            or not (body is None or isinstance(body, (bytes, str)))
            or (body is not None and "Content-Length" not in request.headers)
            or (proxies and select_proxy(url, dict(proxies)))
            or not _accepts_only_what_is_decoded(request.headers)
            or (parts.scheme == "https" and not self._verifiable(verify))
        )

    def _verifiable(self, verify: Any) -> bool:
        # A CA path that does not exist is left to requests, which says so in its own words.
        return isinstance(verify, bool) or (isinstance(verify, str) and os.path.exists(verify))

    def _context(self, verify: Any) -> ssl.SSLContext:
        key = verify if isinstance(verify, str) else bool(verify)
        context = self._contexts.get(key)
        if context is None:
            if key is False:
                context = ssl.create_default_context()
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            else:
                where = _unzipped_path(DEFAULT_CA_BUNDLE_PATH) if key is True else key
                if os.path.isdir(where):
                    context = ssl.create_default_context(capath=where)
                else:
                    context = ssl.create_default_context(cafile=where)
            context.set_alpn_protocols(["http/1.1"])
            keylog = os.environ.get("SSLKEYLOGFILE")
            if keylog:
                context.keylog_filename = keylog
            self._contexts[key] = context
        return context

    def _checkout(self, key: tuple[Any, ...]) -> http.client.HTTPConnection | None:
        """An idle connection to the server of ``key`` that is still open, or None."""
        while True:
            with self._lock:
                idle = self._idle.get(key)
                connection = idle.pop() if idle else None
            if connection is None:
                return None
            sock = connection.sock
            # Readable while idle means the server closed it (or sent something unasked).
            if sock is not None and not wait_for_read(sock, timeout=0.0):
                return connection
            connection.close()

    def _checkin(self, key: tuple[Any, ...], connection: http.client.HTTPConnection) -> None:
        with self._lock:
            idle = self._idle.setdefault(key, [])
            if len(idle) < self.idle_limit:
                idle.append(connection)
                return
        connection.close()

    def _connect(self, parts: Any, verify: Any, connect_timeout: float | None, url: str) -> http.client.HTTPConnection:
        host, port = parts.hostname, parts.port
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(host, port, timeout=connect_timeout, context=self._context(verify))
        else:
            connection = http.client.HTTPConnection(host, port, timeout=connect_timeout)
        try:
            connection.connect()
        except BaseException as exc:
            connection.close()
            raise _connect_error(exc, url) from exc
        self.opened += 1
        return connection

    def _send(
        self,
        request: requests.PreparedRequest,
        url: str,
        parts: Any,
        body: bytes | str | None,
        timeouts: tuple[float | None, float | None],
        verify: Any,
    ) -> requests.Response:
        connect_timeout, read_timeout = timeouts
        key = (parts.scheme, parts.hostname, parts.port, verify if isinstance(verify, str) else bool(verify))
        connection = self._checkout(key)
        if parts.scheme == "https" and verify is False:
            # On every such request, new connection or not, as urllib3 warns.
            warnings.warn(
                f"Unverified HTTPS request is being made to host '{parts.hostname}'. Adding certificate "
                "verification is strongly advised.",
                urllib3.exceptions.InsecureRequestWarning,
                stacklevel=3,
            )
        if connection is None:
            connection = self._connect(parts, verify, connect_timeout, url)
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = request.headers
        unsent: OSError | None = None
        try:
            connection.sock.settimeout(read_timeout)
            connection.putrequest(
                str(request.method), request.path_url, skip_host="Host" in headers, skip_accept_encoding=True
            )
            for name, value in headers.items():
                connection.putheader(name, value)
            try:
                connection.endheaders(data)
            except (BrokenPipeError, ConnectionResetError) as exc:
                # A server may answer before it has read the whole body (413 for a file too large)
                # and close: its answer is the result, as with requests.
                unsent = exc
            answer = connection.getresponse()
            content = answer.read()
        except BaseException as exc:
            connection.close()
            raise _transfer_error(unsent or exc, request, url) from exc
        if answer.will_close or unsent is not None:
            connection.close()
        else:
            self._checkin(key, connection)
        try:
            content = _decode(content, answer.getheader("Content-Encoding"))
        except zlib.error as exc:
            raise requests.exceptions.ContentDecodingError(
                urllib3.exceptions.DecodeError("the body could not be decoded", exc), request=request
            ) from exc
        return self._response(request, url, answer, content)

    def _response(
        self, request: requests.PreparedRequest, url: str, answer: http.client.HTTPResponse, content: bytes
    ) -> requests.Response:
        response = requests.Response()
        response.status_code = answer.status
        response.headers = _headers_of(answer.msg)
        response.reason = answer.reason
        response.url = url
        response.encoding = get_encoding_from_headers(response.headers)
        response.raw = _Body(content, answer)
        response.request = request
        response.connection = self
        fastpaths.set_content(response, content)
        if "set-cookie" in response.headers or "set-cookie2" in response.headers:
            _extract_cookies(response.cookies, request, response.raw)
        return response

    def close(self) -> None:
        """Close the idle connections, and requests' own pools."""
        with self._lock:
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                connection.close()
        super().close()


def _connect_error(exc: BaseException, url: str) -> BaseException:
    if isinstance(exc, socket.timeout):
        return requests.exceptions.ConnectTimeout(
            urllib3.exceptions.ConnectTimeoutError(None, f"Connection to {urlsplit(url).hostname} timed out.")
        )
    if isinstance(exc, ssl.SSLError):
        return requests.exceptions.SSLError(urllib3.exceptions.SSLError(exc))
    if isinstance(exc, OSError):
        return requests.exceptions.ConnectionError(
            urllib3.exceptions.NewConnectionError(None, f"Failed to establish a new connection: {exc}")  # type: ignore[arg-type]
        )
    return exc


def _transfer_error(exc: BaseException, request: requests.PreparedRequest, url: str) -> BaseException:
    if isinstance(exc, socket.timeout):
        return requests.exceptions.ReadTimeout(
            urllib3.exceptions.ReadTimeoutError(None, url, "Read timed out."),  # type: ignore[arg-type]
            request=request,
        )
    if isinstance(exc, ssl.SSLError):
        return requests.exceptions.SSLError(urllib3.exceptions.SSLError(exc), request=request)
    if isinstance(exc, http.client.IncompleteRead):
        return requests.exceptions.ChunkedEncodingError(
            urllib3.exceptions.ProtocolError("Connection broken: the body ended early", exc), request=request
        )
    if isinstance(exc, (OSError, http.client.HTTPException)):
        return requests.exceptions.ConnectionError(
            urllib3.exceptions.ProtocolError("Connection aborted.", exc), request=request
        )
    return exc
