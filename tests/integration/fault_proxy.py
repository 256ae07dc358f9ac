"""A small HTTP proxy on 127.0.0.1 that breaks chosen answers on purpose.

The test server can answer with an error, a bad body or a delay, but it cannot fail the way a
network does: a connection that dies after the server has done the work, an answer cut short, a
body that trickles in. This proxy sits between the client and the server and does exactly that,
for the next N requests that match a rule:

* ``reset_after_send``: forward the request, read the server's whole answer (so the server has
  acted on it: a status is stored), then reset the client's connection without a byte of answer.
* ``truncate``: send the status line, the headers and only part of the body, then close.
* ``slow_body``: send the body in small pieces with a pause between them.

Everything else is relayed unchanged, and every exchange is recorded (method, path, status, the
answer's headers and the request's ``Idempotency-Key``) so tests can count what the server saw.

Bounds: it listens on 127.0.0.1 only, forwards only to the 127.0.0.1 upstream it was built with,
opens one upstream connection per request, and :meth:`FaultProxy.stop` (called by the fixtures at
teardown) closes every socket and joins its threads.
"""

from __future__ import annotations

import contextlib
import fnmatch
import itertools
import socket
import struct
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urlsplit

__all__ = ["EFFECTS", "Exchange", "FaultProxy", "ProxyRule"]

EFFECTS = ("reset_after_send", "truncate", "slow_body")
_LOOPBACK = "127.0.0.1"
_MAX_HEAD = 64 * 1024
# Longer than any hold of the test server's ``timeout`` fault (30 s), so the proxy never gives up first.
_UPSTREAM_TIMEOUT = 65.0
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"})


class ProxyError(Exception):
    """The proxy could not relay an exchange (the peer closed, or sent something unreadable)."""


@dataclass
class ProxyRule:
    """Break the next ``remaining`` requests that match.

    Attributes:
        id: The rule's number.
        effect: One of :data:`EFFECTS`.
        methods: HTTP methods to match (upper case), or None for any.
        path: Exact path or a glob with ``*``, or None for any path.
        remaining: How many more requests this rule breaks; None means every one.
        keep_bytes: ``truncate``: how many body bytes get through (default: half the body).
        chunk_size: ``slow_body``: bytes per piece.
        delay: ``slow_body``: seconds between pieces.
    """

    id: int
    effect: str
    methods: frozenset[str] | None
    path: str | None
    remaining: int | None
    keep_bytes: int | None = None
    chunk_size: int = 16
    delay: float = 0.05

    def matches(self, method: str, path: str) -> bool:
        """Whether a request falls under this rule."""
        if self.methods is not None and method.upper() not in self.methods:
            return False
        if self.path is None:
            return True
        return fnmatch.fnmatchcase(path, self.path) if "*" in self.path else path == self.path


@dataclass(frozen=True)
class Exchange:
    """One request the proxy relayed, and what became of it.

    Attributes:
        method: The request's method.
        target: The request target (path and query).
        status: The server's status code, or None if the server gave no answer.
        effect: The fault applied, or None.
        headers: The server's answer headers, names in lower case.
        idempotency_key: The request's ``Idempotency-Key``, if any.
        started: ``time.monotonic()`` when the request had been read.
        answered: ``time.monotonic()`` when the server's answer (or its failure) was in.
    """

    method: str
    target: str
    status: int | None
    effect: str | None
    headers: dict[str, str]
    idempotency_key: str | None
    started: float
    answered: float

    @property
    def path(self) -> str:
        """The target without its query string."""
        return self.target.split("?", 1)[0]


@dataclass
class _Message:
    """A parsed HTTP head and its raw body (as framed on the wire)."""

    start_line: str
    headers: list[tuple[str, str]]
    body: bytes
    framed: bool = True

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None

    def head_bytes(self, extra: Iterable[tuple[str, str]] = ()) -> bytes:
        lines = [self.start_line]
        lines += [f"{key}: {value}" for key, value in self.headers if key.lower() not in _HOP_BY_HOP]
        lines += [f"{key}: {value}" for key, value in extra]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class _Reader:
    """Buffered reads from a socket, for one HTTP message after another."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _more(self) -> bool:
        try:
            chunk = self.sock.recv(65536)
        except OSError:
            return False
        if not chunk:
            return False
        self.buffer += chunk
        return True

    def head(self) -> tuple[str, list[tuple[str, str]]] | None:
        """The next start line and headers; None if the peer closed before sending one."""
        while b"\r\n\r\n" not in self.buffer:
            if len(self.buffer) > _MAX_HEAD:
                raise ProxyError("header block too large")
            if not self._more():
                if self.buffer.strip():
                    raise ProxyError("peer closed in the middle of a header block")
                return None
        raw, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = raw.decode("latin-1").split("\r\n")
        headers = []
        for line in lines[1:]:
            key, sep, value = line.partition(":")
            if not sep:
                raise ProxyError(f"bad header line {line!r}")
            headers.append((key.strip(), value.strip()))
        return lines[0], headers

    def exactly(self, size: int) -> bytes:
        while len(self.buffer) < size:
            if not self._more():
                raise ProxyError("peer closed in the middle of a body")
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            if not self._more():
                raise ProxyError("peer closed in the middle of a chunked body")
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line + b"\r\n"

    def chunked(self) -> bytes:
        """A chunked body, returned raw (still chunked), trailers included."""
        parts = []
        while True:
            size_line = self.line()
            parts.append(size_line)
            size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while True:
                    trailer = self.line()
                    parts.append(trailer)
                    if trailer == b"\r\n":
                        return b"".join(parts)
            parts.append(self.exactly(size + 2))

    def rest(self) -> bytes:
        while self._more():
            pass
        data, self.buffer = self.buffer, b""
        return data

    def body(self, message_headers: _Message, *, response: bool, no_body: bool) -> tuple[bytes, bool]:
        """Read a body framed as the headers say; also whether it had a frame of its own."""
        if no_body:
            return b"", True
        if (message_headers.header("Transfer-Encoding") or "").lower().endswith("chunked"):
            return self.chunked(), True
        length = message_headers.header("Content-Length")
        if length is not None:
            return self.exactly(int(length)), True
        if response:
            # No frame: the body runs until the server closes (we asked it to close).
            return self.rest(), False
        return b"", True


@dataclass
class FaultProxy:
    """A fault-injecting HTTP proxy in front of one server on 127.0.0.1.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    upstream: str
    _upstream_port: int = 0
    _listener: socket.socket | None = None
    _rules: list[ProxyRule] = field(default_factory=list)
    _exchanges: list[Exchange] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _sockets: set[socket.socket] = field(default_factory=set)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    port: int = 0

    def __post_init__(self) -> None:
        parts = urlsplit(self.upstream)
        if parts.scheme != "http" or parts.hostname != _LOOPBACK or parts.port is None:
            raise ValueError(f"the proxy only forwards to http://{_LOOPBACK}:<port>, not {self.upstream!r}")
        self._upstream_port = parts.port

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` of the proxy."""
        return f"http://{_LOOPBACK}:{self.port}"

    def start(self) -> FaultProxy:
        """Listen on a free port of 127.0.0.1 and start accepting connections."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((_LOOPBACK, 0))
        listener.listen(128)
        listener.settimeout(0.2)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._spawn(self._accept_loop, "fault-proxy-accept")
        return self

    def stop(self) -> None:
        """Stop accepting, close every connection and wait (briefly) for the threads to end."""
        self._stopping.set()
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
        deadline = time.monotonic() + 5.0
        for thread in list(self._threads):
            thread.join(max(deadline - time.monotonic(), 0.0))

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def _spawn(self, target: object, name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)  # type: ignore[arg-type]
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
        with contextlib.suppress(OSError):
            sock.close()

    # -- rules and records -------------------------------------------------------------------

    def add_rule(
        self,
        effect: str,
        method: str | Iterable[str] | None = None,
        path: str | None = None,
        *,
        count: int | None = 1,
        keep_bytes: int | None = None,
        chunk_size: int = 16,
        delay: float = 0.05,
    ) -> ProxyRule:
        """Break the next ``count`` matching requests with ``effect`` (see :class:`ProxyRule`)."""
        if effect not in EFFECTS:
            raise ValueError(f"unknown effect {effect!r}; one of {EFFECTS}")
        methods = None if method is None else frozenset([method.upper()] if isinstance(method, str) else method)
        rule = ProxyRule(next(self._ids), effect, methods, path, count, keep_bytes, chunk_size, delay)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear_rules(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[ProxyRule]:
        """The rules still active."""
        with self._lock:
            return list(self._rules)

    def _take_rule(self, method: str, path: str) -> ProxyRule | None:
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    if rule.remaining is not None:
                        rule.remaining -= 1
                        if rule.remaining <= 0:
                            self._rules.remove(rule)
                    return rule
        return None

    def mark(self) -> int:
        """A position in the record of exchanges; pass it to :meth:`exchanges`."""
        with self._lock:
            return len(self._exchanges)

    def exchanges(self, since: int = 0) -> list[Exchange]:
        """The exchanges recorded after ``since``, in the order they ended."""
        with self._lock:
            return self._exchanges[since:]

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self._exchanges.append(exchange)

    # -- relaying ----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            self._track(client)
            self._spawn(self._serve, "fault-proxy-conn", client)

    def _serve(self, client: socket.socket) -> None:
        reader = _Reader(client)
        try:
            while not self._stopping.is_set():
                head = reader.head()
                if head is None:
                    return
                request = _Message(head[0], head[1], b"")
                request.body, _ = reader.body(request, response=False, no_body=False)
                if not self._relay(client, request):
                    return
        except (ProxyError, OSError, ValueError):
            return
        finally:
            self._untrack(client)

    def _relay(self, client: socket.socket, request: _Message) -> bool:
        """Relay one exchange; whether the client connection stays usable."""
        method, target = [*request.start_line.split(" "), "", ""][:2]
        started = time.monotonic()
        rule = self._take_rule(method, target.split("?", 1)[0])
        response: _Message | None = None
        try:
            response = self._forward(request, no_body=method.upper() == "HEAD")
        except (ProxyError, OSError, ValueError):
            response = None
        # Recorded before the client hears anything, so a client that has its answer (or its
        # error) always finds the exchange in the record.
        self._record(
            Exchange(
                method=method,
                target=target,
                status=_status_of(response),
                effect=rule.effect if rule is not None else None,
                headers={key.lower(): value for key, value in (response.headers if response else [])},
                idempotency_key=request.header("Idempotency-Key"),
                started=started,
                answered=time.monotonic(),
            )
        )
        if response is None:
            # The server gave no answer: neither does the proxy.
            _reset(client)
            return False
        if rule is None:
            extra = [("Connection", "keep-alive" if response.framed else "close")]
            client.sendall(response.head_bytes(extra) + response.body)
            return response.framed
        if rule.effect == "reset_after_send":
            _reset(client)
            return False
        client.sendall(response.head_bytes([("Connection", "close")]))
        if rule.effect == "truncate":
            keep = rule.keep_bytes if rule.keep_bytes is not None else len(response.body) // 2
            client.sendall(response.body[: max(min(keep, len(response.body) - 1), 0)])
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            return False
        for offset in range(0, len(response.body), max(rule.chunk_size, 1)):
            if self._stopping.wait(rule.delay if offset else 0):
                return False
            client.sendall(response.body[offset : offset + rule.chunk_size])
        return False

    def _forward(self, request: _Message, *, no_body: bool) -> _Message:
        upstream = socket.create_connection((_LOOPBACK, self._upstream_port), timeout=_UPSTREAM_TIMEOUT)
        self._track(upstream)
        try:
            upstream.sendall(request.head_bytes([("Connection", "close")]) + request.body)
            reader = _Reader(upstream)
            head = reader.head()
            if head is None:
                raise ProxyError("the server closed without answering")
            response = _Message(head[0], head[1], b"")
            status = _status_of(response) or 0
            silent = no_body or status in (204, 304) or 100 <= status < 200
            response.body, response.framed = reader.body(response, response=True, no_body=silent)
            return response
        finally:
            self._untrack(upstream)


def _status_of(message: _Message | None) -> int | None:
    if message is None:
        return None
    parts = message.start_line.split(" ", 2)
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return None


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset rather than an orderly close, as a dying peer or middlebox would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
