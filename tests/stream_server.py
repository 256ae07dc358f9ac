"""A streaming test server: a small Mastodon that publishes statuses and misbehaves on request.

Standard library only, on 127.0.0.1. It publishes statuses (IDs ``"1"``, ``"2"``, ...) into one
feed that the REST timelines serve (paged with ``min_id``, ``max_id``, ``since_id`` and
``limit`` as Mastodon pages them) and that each live stream connection sends as ``update``
events, from the moment it connected. Each stream connection follows the next :class:`Plan` in
line (the default plan once the line is empty), which can:

* cut the connection in the middle of an event after some events (``cut_after``);
* send the last few published statuses again first (``replay``), as duplicates;
* stall before answering (``"stall_headers"``), or answer and then stall (``"stall"``);
* send only heartbeats (``"heartbeats"``), or garbage (``"garbage"``);
* refuse the connection with a status code (``"refuse"``).

It counts the stream connections it saw and those still open, so tests can check that a client
left nothing behind. ``python -m tests.stream_figures`` measures the figures of the streaming
documentation against it.
"""

from __future__ import annotations

import json
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["Plan", "StreamServer"]


@dataclass
class Plan:
    """What one stream connection does.

    Attributes:
        kind: ``live``, ``refuse``, ``stall_headers``, ``stall``, ``heartbeats`` or ``garbage``.
        cut_after: For ``live``: after this many events, send half of the next one and close.
        replay: For ``live``: first send the last this-many published statuses again.
        status: For ``refuse``: the status code.
    """

    kind: str = "live"
    cut_after: int | None = None
    replay: int = 0
    status: int = 503


@dataclass
class StreamServer:
    """The server's state; :meth:`start` runs it in a daemon thread."""

    heartbeat: float = 0.05
    default_plan: Plan = field(default_factory=Plan)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    plans: deque[Plan] = field(default_factory=deque)
    stream_requests: int = 0
    open_streams: int = 0
    rest_requests: list[str] = field(default_factory=list)
    fail_rest: int = 0
    base_url: str = ""
    #: The streaming address the instance document announces (this server's own by default).
    streaming_url: str | None = None
    _lock: threading.Condition = field(default_factory=threading.Condition)
    _release: threading.Event = field(default_factory=threading.Event)
    _httpd: ThreadingHTTPServer | None = None

    # -- control -----------------------------------------------------------------------------

    def start(self) -> StreamServer:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        httpd.daemon_threads = True
        self._httpd = httpd
        self.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self._release.set()
        with self._lock:
            self._lock.notify_all()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def publish(self, count: int = 1) -> list[str]:
        """Publish ``count`` new statuses; returns their IDs."""
        with self._lock:
            first = len(self.statuses) + 1
            for number in range(first, first + count):
                self.statuses.append(_status(number))
            self._lock.notify_all()
            return [str(n) for n in range(first, first + count)]

    def ids(self) -> list[str]:
        with self._lock:
            return [status["id"] for status in self.statuses]

    def wait_for_streams(self, *, open_count: int | None = None, requests: int | None = None, wait: float) -> bool:
        """Wait until as many stream connections are open / have arrived; False on time-out."""
        with self._lock:
            return self._lock.wait_for(
                lambda: (
                    (open_count is None or self.open_streams == open_count)
                    and (requests is None or self.stream_requests >= requests)
                ),
                timeout=wait,
            )

    # -- serving -----------------------------------------------------------------------------

    def _next_plan(self) -> tuple[Plan, int]:
        """The plan of a new stream connection, and how many statuses were published before it."""
        with self._lock:
            self.stream_requests += 1
            self.open_streams += 1
            self._lock.notify_all()
            return (self.plans.popleft() if self.plans else self.default_plan), len(self.statuses)

    def _stream_ended(self) -> None:
        with self._lock:
            self.open_streams -= 1
            self._lock.notify_all()

    def _page(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        def number(name: str) -> int | None:
            values = query.get(name)
            return int(values[0]) if values and values[0].isdigit() else None

        limit = min(number("limit") or 20, 40)
        min_id, max_id, since_id = number("min_id"), number("max_id"), number("since_id")
        with self._lock:
            chosen = [s for s in self.statuses if max_id is None or int(s["id"]) < max_id]
            if min_id is not None:
                # The page just after min_id: the oldest newer statuses, newest first.
                chosen = [s for s in chosen if int(s["id"]) > min_id][:limit]
                return list(reversed(chosen))
            if since_id is not None:
                chosen = [s for s in chosen if int(s["id"]) > since_id]
            return list(reversed(chosen))[:limit]


def _status(number: int) -> dict[str, Any]:
    seconds = number % 60
    minutes = number // 60 % 60
    hours = number // 3600 % 24
    return {
        "id": str(number),
        "created_at": f"2024-05-01T{hours:02d}:{minutes:02d}:{seconds:02d}.000Z",
        "content": f"<p>status {number}</p>",
        "visibility": "public",
        "account": {"id": "1", "username": "ann", "acct": "ann"},
    }


def _event(status: dict[str, Any]) -> bytes:
    return b"event: update\ndata: " + json.dumps(status, separators=(",", ":")).encode() + b"\n\n"


def _handler(server: StreamServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _json(self, value: Any, status: int = 200) -> None:
            body = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            if url.path.startswith("/api/v2/instance") or url.path.startswith("/api/v1/instance"):
                streaming = server.streaming_url or server.base_url
                self._json({"version": "4.5.0", "configuration": {"urls": {"streaming": streaming}}})
            elif url.path.startswith("/api/v1/streaming/"):
                self._stream()
            elif url.path.startswith("/api/v1/timelines/"):
                server.rest_requests.append(self.path)
                if server.fail_rest > 0:
                    server.fail_rest -= 1
                    self._json({"error": "busy"}, 503)
                else:
                    self._json(server._page(query))
            elif url.path in ("/api/v1/notifications", "/api/v1/conversations"):
                server.rest_requests.append(self.path)
                self._json([])
            else:
                self._json({"error": "Record not found"}, 404)

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        def _stream(self) -> None:
            plan, start = server._next_plan()
            try:
                self._serve(plan, start)
            except OSError:
                pass  # the client went away
            finally:
                self.close_connection = True
                server._stream_ended()

        def _serve(self, plan: Plan, start: int) -> None:
            if plan.kind == "refuse":
                self._json({"error": "not now"}, plan.status)
                return
            if plan.kind == "stall_headers":
                self._hold()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.flush()
            if plan.kind == "stall":
                self._hold()
                return
            if plan.kind == "garbage":
                self._chunk(b"event: update\ndata: {this is not json\n\n")
                self._hold()
                return
            if plan.kind == "heartbeats":
                while not server._release.wait(server.heartbeat):
                    self._chunk(b":thump\n")
                return
            self._live(plan, max(0, start - plan.replay))

        def _hold(self) -> None:
            # Keep the socket open without sending anything until the server stops; a client
            # that closes the connection is noticed at the next read attempt.
            self.connection.settimeout(0.05)
            while not server._release.is_set():
                try:
                    if self.connection.recv(1) == b"":
                        return
                except TimeoutError:
                    continue
                except OSError:
                    return

        def _live(self, plan: Plan, sent: int) -> None:
            delivered = 0
            while not server._release.is_set():
                with server._lock:
                    if sent >= len(server.statuses):
                        server._lock.wait(server.heartbeat)
                    pending = server.statuses[sent:]
                if not pending:
                    self._chunk(b":thump\n")
                    continue
                for status in pending:
                    event = _event(status)
                    if plan.cut_after is not None and delivered >= plan.cut_after:
                        self._chunk(event[: len(event) // 2])
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    self._chunk(event)
                    delivered += 1
                    sent += 1

    return Handler
