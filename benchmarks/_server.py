"""A small fake Mastodon server for the benchmarks: standard library only, 127.0.0.1 only.

It answers the few endpoints the suite calls, from data made by :mod:`benchmarks._data`:

* ``GET /api/v1/timelines/home``: ``limit`` (at most 40), ``max_id``, ``min_id``, ``since_id``;
  a ``Link`` header with ``rel="next"`` when the page is full and ``rel="prev"`` when it is not
  empty, as Mastodon pages;
* ``GET /api/v1/accounts/verify_credentials`` and ``POST /api/v1/statuses``: canned answers;
* ``GET /api/v1/instance`` and ``/api/v2/instance``, whose streaming address is this server;
* ``GET /api/v1/streaming/user``: ``text/event-stream``, chunked, ``stream_events`` ``update``
  events, then the body ends;
* ``GET /api/v1/streaming/health``: ``OK``.

The endpoints of the user need ``Authorization: Bearer`` with the server's token. Three paths
that are not Mastodon's steer it: ``/__bench/config?timeline=N&events=M`` (timeline length and
events per stream), ``/__bench/stats`` (requests served, by method and path) and
``/__bench/shutdown``.

In a test, :class:`FakeMastodon` serves from a thread of the calling process. The suite runs it
as its own process (``python -m benchmarks._server``), so that its work does not compete for
the client's interpreter lock; that process prints ``LISTENING <port>`` once it accepts
connections and stops by itself after ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from benchmarks._data import Timeline, World, dumps, status_id_of

__all__ = ["TOKEN", "FakeMastodon", "ServerProcess", "main"]

#: The access token the server accepts.
TOKEN = "benchmark-token-4f1c9a"
#: Mastodon's largest page of statuses.
MAX_LIMIT = 40
DEFAULT_LIMIT = 20
#: A ``:thump`` comment after this many events, as the real server sends one now and then.
HEARTBEAT_EVERY = 1000
#: Bytes gathered before one write to the socket while streaming.
STREAM_WRITE_BYTES = 64 * 1024
_PUBLIC = frozenset({"/api/v1/instance", "/api/v2/instance", "/api/v1/streaming/health"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, app: FakeMastodon) -> None:
        self.app = app
        super().__init__(("127.0.0.1", 0), _Handler)


class FakeMastodon:
    """The fake server's state and its HTTP server.

    Args:
        world: Where the data comes from (a default :class:`World` when ``None``).
        timeline_size: Statuses in the home timeline.
        stream_events: ``update`` events sent on each stream.
        token: The access token that user endpoints accept.
    """

    def __init__(
        self, world: World | None = None, timeline_size: int = 2000, stream_events: int = 1000, token: str = TOKEN
    ) -> None:
        self.world = world or World()
        self.timeline = Timeline(self.world, timeline_size)
        self.stream_events = stream_events
        self.token = token
        self.counts: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()
        self._http = _Server(self)
        self._thread: threading.Thread | None = None
        self.port = self._http.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.credential_account = dumps(self.world.credential_account())
        self.posted_status = dumps(self.world.posted_status())
        streaming = f"ws://127.0.0.1:{self.port}"
        self.instance = {
            "/api/v1/instance": dumps(self.world.instance_v1(streaming)),
            "/api/v2/instance": dumps(self.world.instance_v2(streaming)),
        }

    def configure(self, timeline_size: int | None = None, stream_events: int | None = None) -> None:
        """Change the timeline length or the events per stream for the next requests."""
        if timeline_size is not None and timeline_size != self.timeline.size:
            self.timeline = Timeline(self.world, timeline_size)
        if stream_events is not None:
            self.stream_events = stream_events

    def count(self, key: str) -> None:
        with self._lock:
            self.counts[key] += 1

    def start(self) -> str:
        """Serve from a daemon thread; returns the base URL."""
        self._thread = threading.Thread(target=self._http.serve_forever, name="fake-mastodon", daemon=True)
        self._thread.start()
        return self.url

    def serve_forever(self) -> None:
        """Serve in the calling thread until :meth:`stop`."""
        self._http.serve_forever()

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        if self._thread is not None:
            self._http.shutdown()
            self._thread.join(10)
            self._thread = None
        self._http.server_close()

    def __enter__(self) -> FakeMastodon:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Mastodon"
    sys_version = ""
    # An idle keep-alive connection is dropped after this many seconds.
    timeout = 120
    # Headers and body leave in one write, with no wait for the client's acknowledgement: small
    # answers would otherwise take some 40 ms, the time a client delays its ACK.
    wbufsize = -1
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the suite prints its own table."""

    # -- plumbing -----------------------------------------------------------------------------

    def _reply(
        self, body: bytes, status: int = 200, kind: str = "application/json; charset=utf-8", link: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "private, no-store")
        self.send_header("X-RateLimit-Limit", "300")
        self.send_header("X-RateLimit-Remaining", "299")
        self.send_header("X-RateLimit-Reset", _reset_time())
        if link:
            self.send_header("Link", link)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._reply(dumps({"error": message}), status)

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {self.server.app.token}":
            return True
        self._error(401, "The access token is invalid")
        return False

    def _route(self, method: str) -> None:
        app = self.server.app
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/") or "/"
        app.count(f"{method} {path}")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        if method == "POST":
            # Read the form so that the connection stays usable for the next request.
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path.startswith("/__bench/"):
            self._control(path, query)
            return
        if path not in _PUBLIC and not self._authorised():
            return
        if method == "GET" and path == "/api/v1/timelines/home":
            self._timeline(query)
        elif method == "GET" and path == "/api/v1/accounts/verify_credentials":
            self._reply(app.credential_account)
        elif method == "POST" and path == "/api/v1/statuses":
            self._reply(app.posted_status)
        elif method == "GET" and path in app.instance:
            self._reply(app.instance[path])
        elif method == "GET" and path == "/api/v1/streaming/health":
            self._reply(b"OK", kind="text/plain; charset=utf-8")
        elif method == "GET" and path == "/api/v1/streaming/user":
            self._stream()
        else:
            self._error(404, "Record not found")

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    # -- endpoints ----------------------------------------------------------------------------

    def _control(self, path: str, query: dict[str, str]) -> None:
        app = self.server.app
        if path == "/__bench/config":
            try:
                size = int(query["timeline"]) if "timeline" in query else None
                events = int(query["events"]) if "events" in query else None
            except ValueError:
                self._error(400, "timeline and events are counts")
                return
            app.configure(size, events)
            self._reply(dumps({"timeline": app.timeline.size, "events": app.stream_events}))
        elif path == "/__bench/stats":
            with app._lock:
                self._reply(dumps(dict(app.counts)))
        elif path == "/__bench/shutdown":
            self._reply(b"{}")
            threading.Thread(target=app._http.shutdown, daemon=True).start()
        else:
            self._error(404, "Record not found")

    def _timeline(self, query: dict[str, str]) -> None:
        timeline = self.server.app.timeline
        try:
            limit = min(max(int(query.get("limit", DEFAULT_LIMIT)), 1), MAX_LIMIT)
            max_id = int(query["max_id"]) if "max_id" in query else None
            min_id = int(query["min_id"]) if "min_id" in query else None
            since_id = int(query["since_id"]) if "since_id" in query else None
        except ValueError:
            self._error(400, "limit and the IDs must be numbers")
            return
        start, stop = 0, len(timeline)
        if max_id is not None:
            start = timeline.older_than(max_id)
        if since_id is not None:
            stop = min(stop, timeline.not_newer_than(since_id))
        if min_id is not None:
            # The statuses just after min_id, not the newest ones.
            stop = min(stop, timeline.not_newer_than(min_id))
            start = max(start, stop - limit)
        stop = min(stop, start + limit)
        count = max(stop - start, 0)
        links = []
        base = f"{self.server.app.url}/api/v1/timelines/home?limit={limit}"
        if count == limit:
            links.append(f'<{base}&max_id={status_id_of(stop - 1)}>; rel="next"')
        if count:
            links.append(f'<{base}&min_id={status_id_of(start)}>; rel="prev"')
        self._reply(timeline.page(start, start + count), link=", ".join(links) or None)

    def _stream(self) -> None:
        app = self.server.app
        timeline = app.timeline
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "private, no-store")
        self.end_headers()
        self.close_connection = True
        pending: list[bytes] = [_chunk(b":)\n")]
        size = 0
        with contextlib.suppress(ConnectionError):
            for index in range(app.stream_events):
                event = b"event: update\ndata: " + timeline.status_json(index) + b"\n\n"
                if index and index % HEARTBEAT_EVERY == 0:
                    event = b":thump\n" + event
                pending.append(_chunk(event))
                size += len(event)
                if size >= STREAM_WRITE_BYTES:
                    self.wfile.write(b"".join(pending))
                    pending, size = [], 0
            pending.append(b"0\r\n\r\n")
            self.wfile.write(b"".join(pending))


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


_reset_cache: list[Any] = [0, ""]


def _reset_time() -> str:
    """When the rate limit window resets (five minutes on), as Mastodon writes it; made once a second."""
    now = int(time.time())
    if _reset_cache[0] != now:
        moment = time.gmtime(now + 300)
        _reset_cache[:] = [now, time.strftime("%Y-%m-%dT%H:%M:%S.000Z", moment)]
    return str(_reset_cache[1])


class ServerProcess:
    """The fake server in a process of its own, for as long as a ``with`` block lasts.

    Args:
        timeline_size: Statuses in the home timeline at first.
        stream_events: ``update`` events per stream at first.
        max_seconds: The server stops by itself after this long, whatever happens here.
    """

    def __init__(self, timeline_size: int = 2000, stream_events: int = 1000, max_seconds: float = 3600.0) -> None:
        self.arguments = ["--timeline", str(timeline_size), "--events", str(stream_events)]
        self.arguments += ["--max-seconds", str(max_seconds)]
        self.process: subprocess.Popen[str] | None = None
        self.port = 0
        self.url = ""

    def __enter__(self) -> ServerProcess:
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks._server", *self.arguments],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
            env=env,
        )
        line: list[str] = []
        stdout = self.process.stdout
        assert stdout is not None
        reader = threading.Thread(target=lambda: line.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)
        words = line[0].split() if line else []
        if len(words) != 2 or words[0] != "LISTENING":
            self._end()
            raise RuntimeError(f"the fake server did not start (it said {line!r})")
        self.port = int(words[1])
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    def _get(self, path: str) -> Any:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            return json.loads(connection.getresponse().read())
        finally:
            connection.close()

    def configure(self, timeline_size: int | None = None, stream_events: int | None = None) -> None:
        """Change the timeline length or the events per stream."""
        query = {}
        if timeline_size is not None:
            query["timeline"] = timeline_size
        if stream_events is not None:
            query["events"] = stream_events
        self._get("/__bench/config?" + urlencode(query))

    def stats(self) -> dict[str, int]:
        """Requests served so far, by method and path."""
        counts: dict[str, int] = self._get("/__bench/stats")
        return counts

    def _end(self) -> None:
        process = self.process
        if process is None:
            return
        if process.poll() is None and self.port:
            with contextlib.suppress(OSError, ValueError):
                self._get("/__bench/shutdown")
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        if process.stdout is not None:
            process.stdout.close()
        self.process = None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._end()


def main(argv: list[str] | None = None) -> int:
    """Serve until ``/__bench/shutdown`` or ``--max-seconds``; print ``LISTENING <port>`` first."""
    parser = argparse.ArgumentParser(description="Fake Mastodon server for the benchmarks (127.0.0.1 only).")
    parser.add_argument("--timeline", type=int, default=2000, help="statuses in the home timeline")
    parser.add_argument("--events", type=int, default=1000, help="update events per stream")
    parser.add_argument("--distinct", type=int, default=500, help="different statuses before they repeat")
    parser.add_argument("--max-seconds", type=float, default=3600.0, help="stop by itself after this long")
    args = parser.parse_args(argv)
    app = FakeMastodon(World(distinct=args.distinct), args.timeline, args.events)
    app.timeline.page(0, args.distinct)  # serialise every distinct status once, before timing starts
    timer = threading.Timer(args.max_seconds, app._http.shutdown)
    timer.daemon = True
    timer.start()
    print(f"LISTENING {app.port}", flush=True)
    try:
        app.serve_forever()
    finally:
        timer.cancel()
        app._http.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
