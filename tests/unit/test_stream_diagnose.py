"""stream_diagnose() against a small threaded server on 127.0.0.1 that plays each kind of server.

The server answers the instance document, the streaming health check, SSE streams (with
heartbeats, held back as a buffering proxy holds them, refused, or as a web page) and WebSocket
handshakes. Waits in these tests are short where nothing is meant to arrive, and long (but ended
early by the awaited heartbeat) where something is; no test looks at the time taken.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from mastodon import Mastodon
from mastodon._stream_diagnose import (
    BUFFERING_CHECK,
    HEALTH_CHECK,
    SSE_CHECK,
    URL_CHECK,
    WEBSOCKET_CHECK,
    StreamCheck,
    StreamDiagnosis,
)
from mastodon.errors import MastodonIllegalArgumentError

TOKEN = "diagnosis-token-5f2a9c"
WAIT = 10.0  # for what should arrive at once: the diagnosis stops waiting when it does
SHORT = 0.3  # for what is never meant to arrive
LATE = 2 * SHORT  # what comes late comes this long after the answer's headers at the earliest
SELF = "self"  # announce the server's own address as its streaming URL
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


@dataclass
class Behaviour:
    """How the test server answers; ``requests`` records what reached it."""

    announce: str | None = SELF
    instance_status: int = 200
    v2: bool = True
    health: str | int = "ok"  # "ok", "html", "text", or a status code
    sse: str = "heartbeats"  # heartbeats, opening-only, late, held, held-gzip, refuse, echo-token, html, end
    ws: str = "frame"  # frame, silent, error-frame, close, refuse
    heartbeat_every: float = 0.05
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    base_url: str = ""

    def paths(self) -> list[str]:
        return [path.split("?", 1)[0] for path, _ in self.requests]


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def _handler(state: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            state.requests.append((self.path, dict(self.headers)))
            path = self.path.split("?", 1)[0]
            if path in ("/api/v2/instance", "/api/v1/instance"):
                self._instance(path)
            elif path == "/api/v1/streaming/health":
                self._health()
            elif path == "/api/v1/streaming" and self.headers.get("Upgrade", "").lower() == "websocket":
                self._websocket()
            elif path in ("/api/v1/streaming/user", "/api/v1/streaming/public"):
                self._sse()
            else:
                self._answer(404, b'{"error": "Not found"}')

        def _instance(self, path: str) -> None:
            if state.instance_status != 200:
                self._answer(state.instance_status, b'{"error": "Something went wrong"}')
                return
            if (path == "/api/v2/instance") != state.v2:
                self._answer(404, b'{"error": "Not found"}')
                return
            announced = state.base_url.replace("http://", "ws://") if state.announce == SELF else state.announce
            if state.v2:
                doc: dict[str, Any] = {"version": "4.3.0", "configuration": {"urls": {}}}
                if announced is not None:
                    doc["configuration"]["urls"]["streaming"] = announced
            else:
                doc = {"version": "4.3.0", "urls": {}}
                if announced is not None:
                    doc["urls"]["streaming_api"] = announced
            self._answer(200, json.dumps(doc).encode())

        def _health(self) -> None:
            if state.health == "ok":
                self._answer(200, b"OK", "text/plain")
            elif state.health == "html":
                self._answer(200, b"<!DOCTYPE html><html><body>Mastodon</body></html>", "text/html")
            elif state.health == "text":
                self._answer(200, b"starting up", "text/plain")
            else:
                self._answer(int(state.health), b'{"error": "Not found"}')

        def _sse(self) -> None:
            mode = state.sse
            if mode == "refuse":
                self._answer(404, b'{"error": "Unknown stream type"}')
                return
            if mode == "echo-token":
                said = self.headers.get("Authorization", "")
                self._answer(401, json.dumps({"error": f"the token in {said} is not valid"}).encode())
                return
            if mode == "html":
                self._answer(200, b"<!DOCTYPE html><html><body>Mastodon</body></html>", "text/html")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            if mode == "held-gzip":
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.flush()
            self.close_connection = True
            try:
                if mode == "end":
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    return
                if mode in ("held", "held-gzip"):
                    state.release.wait(60)
                    return
                if mode == "late":
                    # Everything comes late, then in one piece, as a proxy flushing its buffer.
                    state.release.wait(LATE)
                    self.wfile.write(_chunk(b":)\n:thump\n"))
                else:
                    self.wfile.write(_chunk(b":)\n"))
                self.wfile.flush()
                if mode == "opening-only":
                    state.release.wait(60)
                    return
                while not state.release.wait(state.heartbeat_every):
                    self.wfile.write(_chunk(b":thump\n"))
                    self.wfile.flush()
            except OSError:
                return  # the client went away

        def _websocket(self) -> None:
            if state.ws == "refuse":
                self._answer(401, b'{"error": "Missing access token"}')
                return
            key = self.headers.get("Sec-WebSocket-Key", "")
            accept = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
            self.send_response(101)
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", accept)
            self.end_headers()
            self.close_connection = True
            frames = {
                "frame": b"\x81" + _short(b'{"stream":["user"],"event":"filters_changed"}'),
                "error-frame": b"\x81" + _short(b'{"error":"Missing access token"}'),
                "close": b"\x88\x02\x03\xe8",
            }
            try:
                if state.ws in frames:
                    self.wfile.write(frames[state.ws])
                    self.wfile.flush()
                self.connection.settimeout(5)
                if self.connection.recv(1024):  # the client's close frame: answer it
                    self.wfile.write(b"\x88\x00")
                    self.wfile.flush()
            except OSError:
                return

    return Handler


def _short(payload: bytes) -> bytes:
    return bytes([len(payload)]) + payload


@pytest.fixture
def serve() -> Iterator[Any]:
    """Start test servers: ``serve(**behaviour)`` returns the Behaviour, its base URL filled in."""
    started: list[tuple[ThreadingHTTPServer, Behaviour]] = []

    def start(**settings: Any) -> Behaviour:
        state = Behaviour(**settings)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
        httpd.daemon_threads = True
        state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append((httpd, state))
        return state

    yield start
    for httpd, state in started:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()


def _client(server: Behaviour, token: str | None = TOKEN) -> Mastodon:
    return Mastodon(access_token=token, api_base_url=server.base_url)


def _statuses(diagnosis: StreamDiagnosis) -> dict[str, str]:
    return {check.name: check.status for check in diagnosis.checks}


# -- a healthy server ---------------------------------------------------------------------------


def test_a_healthy_server_passes_every_check(serve: Any) -> None:
    server = serve()
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert _statuses(diagnosis) == {
        URL_CHECK: "ok",
        HEALTH_CHECK: "ok",
        SSE_CHECK: "ok",
        BUFFERING_CHECK: "ok",
        WEBSOCKET_CHECK: "ok",
    }
    assert diagnosis.ok and diagnosis.verdict == "ok"
    assert diagnosis.stream == "user"
    assert diagnosis.streaming_url == server.base_url
    assert "the API's own address" in diagnosis.check(URL_CHECK).detail
    assert "a first frame arrived" in diagnosis.check(WEBSOCKET_CHECK).detail
    report = str(diagnosis)
    assert report.splitlines()[0] == f"Streaming diagnosis for {server.base_url}: ok"
    assert len(report.splitlines()) == 6
    # The user stream was opened with the token, over SSE and over WebSocket.
    streams = [(path, headers) for path, headers in server.requests if path.startswith("/api/v1/streaming")]
    assert ("/api/v1/streaming/user", f"Bearer {TOKEN}") in [(p, h.get("Authorization")) for p, h in streams]
    assert ("/api/v1/streaming?stream=user", f"Bearer {TOKEN}") in [(p, h.get("Authorization")) for p, h in streams]


def test_the_token_is_never_in_the_report(serve: Any) -> None:
    server = serve()
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert TOKEN not in str(diagnosis)
    assert TOKEN not in repr(diagnosis)


def test_a_token_the_server_quotes_back_is_blanked_out(serve: Any) -> None:
    server = serve(sse="echo-token")
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=SHORT)
    detail = diagnosis.check(SSE_CHECK).detail
    assert diagnosis.check(SSE_CHECK).status == "failed"
    assert "HTTP 401" in detail and "<redacted>" in detail
    assert TOKEN not in str(diagnosis) and TOKEN not in repr(diagnosis)


def test_without_a_token_the_public_stream_is_checked(serve: Any) -> None:
    server = serve()
    diagnosis = _client(server, token=None).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.ok
    assert diagnosis.stream == "public"
    assert "/api/v1/streaming/public" in server.paths()
    assert "/api/v1/streaming/user" not in server.paths()
    assert "/api/v1/streaming?stream=public" in [path for path, _ in server.requests]
    assert all("Authorization" not in headers for _, headers in server.requests)


def test_without_a_token_a_refusal_says_so(serve: Any) -> None:
    server = serve(sse="echo-token", ws="refuse")
    diagnosis = _client(server, token=None).stream_diagnose(timeout=WAIT, heartbeat_timeout=SHORT)
    assert "no access token" in diagnosis.check(SSE_CHECK).detail
    assert "no access token" in diagnosis.check(WEBSOCKET_CHECK).detail


# -- buffering -------------------------------------------------------------------------------------


def test_a_proxy_that_holds_every_byte_back_is_named(serve: Any) -> None:
    server = serve(sse="held")
    diagnosis = _client(server).stream_diagnose(timeout=SHORT, heartbeat_timeout=SHORT)
    assert diagnosis.check(SSE_CHECK).status == "failed"
    assert "sent nothing" in diagnosis.check(SSE_CHECK).detail
    buffering = diagnosis.check(BUFFERING_CHECK)
    assert buffering.status == "failed"
    assert "probably buffered by a proxy" in buffering.detail
    assert "proxy_buffering off;" in buffering.detail
    assert "X-Accel-Buffering: no" in buffering.detail
    assert "compressed" not in buffering.detail
    assert diagnosis.verdict == "failed" and not diagnosis.ok
    # The other checks still ran and passed.
    assert diagnosis.check(HEALTH_CHECK).status == "ok"
    assert diagnosis.check(WEBSOCKET_CHECK).status == "ok"


def test_a_compressed_stream_is_named_as_a_cause(serve: Any) -> None:
    server = serve(sse="held-gzip")
    diagnosis = _client(server).stream_diagnose(timeout=SHORT, heartbeat_timeout=SHORT)
    assert diagnosis.check(BUFFERING_CHECK).status == "failed"
    assert "compressed (gzip)" in diagnosis.check(BUFFERING_CHECK).detail


def test_first_bytes_without_heartbeats_is_a_warning(serve: Any) -> None:
    server = serve(sse="opening-only")
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=SHORT)
    assert diagnosis.check(SSE_CHECK).status == "ok"
    buffering = diagnosis.check(BUFFERING_CHECK)
    assert buffering.status == "warning"
    assert "no heartbeat followed" in buffering.detail
    assert "proxy_buffering off;" in buffering.detail
    assert diagnosis.verdict == "warning" and not diagnosis.ok


def test_first_bytes_later_than_allowed_are_a_warning(serve: Any) -> None:
    server = serve(sse="late")
    diagnosis = _client(server).stream_diagnose(timeout=SHORT, heartbeat_timeout=WAIT)
    assert diagnosis.check(SSE_CHECK).status == "warning"
    assert "first bytes only after" in diagnosis.check(SSE_CHECK).detail
    assert diagnosis.check(BUFFERING_CHECK).status == "ok"


def test_a_heartbeat_later_than_allowed_is_a_warning(serve: Any) -> None:
    server = serve(sse="late")
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=SHORT)
    assert diagnosis.check(SSE_CHECK).status == "ok"
    buffering = diagnosis.check(BUFFERING_CHECK)
    assert buffering.status == "warning"
    assert "the first heartbeat arrived only" in buffering.detail
    assert "X-Accel-Buffering: no" in buffering.detail


def test_a_stream_the_server_ends_at_once_fails(serve: Any) -> None:
    server = serve(sse="end")
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.check(SSE_CHECK).status == "failed"
    assert "ended it" in diagnosis.check(SSE_CHECK).detail
    assert diagnosis.check(BUFFERING_CHECK).status == "failed"
    assert "ended the stream" in diagnosis.check(BUFFERING_CHECK).detail


# -- refusals ----------------------------------------------------------------------------------


def test_a_refused_stream_fails_and_skips_the_buffering_check(serve: Any) -> None:
    server = serve(sse="refuse")
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    sse = diagnosis.check(SSE_CHECK)
    assert sse.status == "failed"
    assert "HTTP 404" in sse.detail and "Unknown stream type" in sse.detail
    assert diagnosis.check(BUFFERING_CHECK).status == "skipped"
    assert diagnosis.verdict == "failed"


def test_a_web_page_instead_of_a_stream_fails(serve: Any) -> None:
    server = serve(sse="html")
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.check(SSE_CHECK).status == "failed"
    assert "text/html instead of text/event-stream" in diagnosis.check(SSE_CHECK).detail
    assert diagnosis.check(BUFFERING_CHECK).status == "skipped"


@pytest.mark.parametrize(
    ("health", "status", "words"),
    [
        (404, "failed", "HTTP 404"),
        (503, "failed", "HTTP 503"),
        ("text", "warning", "'starting up' instead of OK"),
        ("html", "warning", "a web page"),
    ],
)
def test_the_health_check(serve: Any, health: str | int, status: str, words: str) -> None:
    server = serve(health=health)
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.check(HEALTH_CHECK).status == status
    assert words in diagnosis.check(HEALTH_CHECK).detail
    assert diagnosis.verdict == status
    assert diagnosis.check(SSE_CHECK).status == "ok"


def test_nothing_listening_is_reported_not_raised() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    api = Mastodon(access_token=TOKEN, api_base_url=f"http://127.0.0.1:{port}")
    diagnosis = api.stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert _statuses(diagnosis) == {
        URL_CHECK: "warning",
        HEALTH_CHECK: "failed",
        SSE_CHECK: "failed",
        BUFFERING_CHECK: "skipped",
        WEBSOCKET_CHECK: "failed",
    }
    assert "could not read the instance document" in diagnosis.check(URL_CHECK).detail
    assert "could not connect" in diagnosis.check(SSE_CHECK).detail


# -- the streaming URL ---------------------------------------------------------------------------


def test_streams_go_to_the_announced_address(serve: Any) -> None:
    streaming = serve()
    api_server = serve(announce=streaming.base_url.replace("http://", "ws://"), sse="refuse", health=404)
    diagnosis = _client(api_server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.ok, str(diagnosis)
    url_check = diagnosis.check(URL_CHECK)
    assert "another address than the API" in url_check.detail
    assert "configuration.urls.streaming" in url_check.detail
    assert diagnosis.streaming_url == streaming.base_url
    assert {"/api/v1/streaming/health", "/api/v1/streaming/user", "/api/v1/streaming"} <= set(streaming.paths())
    assert not [path for path in api_server.paths() if path.startswith("/api/v1/streaming")]


def test_the_v1_document_is_read_too(serve: Any) -> None:
    server = serve(v2=False)
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.check(URL_CHECK).status == "ok"
    assert "urls.streaming_api" in diagnosis.check(URL_CHECK).detail


def test_no_announced_url_is_a_warning(serve: Any) -> None:
    server = serve(announce=None)
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.check(URL_CHECK).status == "warning"
    assert "announces no streaming URL" in diagnosis.check(URL_CHECK).detail
    assert diagnosis.check(SSE_CHECK).status == "ok"
    assert diagnosis.verdict == "warning"


def test_an_unreadable_instance_document_is_a_warning(serve: Any) -> None:
    server = serve(instance_status=500)
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.check(URL_CHECK).status == "warning"
    assert "HTTP 500" in diagnosis.check(URL_CHECK).detail
    assert diagnosis.check(BUFFERING_CHECK).status == "ok"


def test_a_spent_rate_limit_in_throw_mode_is_reported_not_raised(serve: Any) -> None:
    server = serve(instance_status=429)
    api = Mastodon(access_token=TOKEN, api_base_url=server.base_url, ratelimit_method="throw")
    diagnosis = api.stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert diagnosis.check(URL_CHECK).status == "warning"
    assert "could not read the instance document" in diagnosis.check(URL_CHECK).detail
    assert diagnosis.streaming_url == server.base_url
    assert diagnosis.check(BUFFERING_CHECK).status == "ok"


def test_a_url_that_is_no_url_fails_every_check_it_spoils(serve: Any) -> None:
    server = serve(announce="streaming.example")
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert _statuses(diagnosis) == {
        URL_CHECK: "failed",
        HEALTH_CHECK: "failed",
        SSE_CHECK: "failed",
        BUFFERING_CHECK: "skipped",
        WEBSOCKET_CHECK: "failed",
    }
    assert "not an http(s) or ws(s) URL" in diagnosis.check(URL_CHECK).detail


@pytest.mark.parametrize(
    ("announced", "status", "words"),
    [
        ("ws://streaming.mastodon.example", "warning", "not encrypted while the API uses https"),
        ("wss://streaming.mastodon.example", "ok", "another address than the API (mastodon.example)"),
        ("wss://mastodon.example:443", "ok", "the API's own address"),
        ("https://mastodon.example", "ok", "the API's own address"),
        (12, "failed", "not an http(s) or ws(s) URL"),
        ("wss://[::1", "failed", "not an http(s) or ws(s) URL"),
    ],
)
def test_the_announced_url_beside_an_https_api(announced: Any, status: str, words: str) -> None:
    # Only the instance document is read here, and it is already cached: nothing is sent.
    from mastodon._stream_diagnose import _check_streaming_url

    api = Mastodon(access_token=TOKEN, api_base_url="https://mastodon.example")
    api._instance_cache = {"configuration": {"urls": {"streaming": announced}}}
    check, _ = _check_streaming_url(api)
    assert check.status == status
    assert words in check.detail


# -- WebSocket ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ws", "status", "words"),
    [
        ("silent", "ok", "the handshake succeeded"),
        ("refuse", "failed", "refused the handshake with HTTP 401: 'Missing access token'"),
        ("error-frame", "failed", "refused the user stream: Missing access token"),
        ("close", "failed", "closed the connection right after the handshake"),
    ],
)
def test_the_websocket_check(serve: Any, ws: str, status: str, words: str) -> None:
    server = serve(ws=ws)
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    check = diagnosis.check(WEBSOCKET_CHECK)
    assert check.status == status
    assert words in check.detail
    assert diagnosis.check(BUFFERING_CHECK).status == "ok"


def test_without_websocket_client_the_check_is_skipped(serve: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "websocket", None)  # import websocket now raises ImportError
    server = serve()
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    check = diagnosis.check(WEBSOCKET_CHECK)
    assert check.status == "skipped"
    assert "install mastodon[websocket]" in check.detail
    assert diagnosis.ok  # a skipped check does not spoil the verdict
    assert "/api/v1/streaming" not in server.paths()


def test_the_websocket_check_can_be_left_out(serve: Any) -> None:
    server = serve()
    diagnosis = _client(server).stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT, websocket=False)
    assert diagnosis.check(WEBSOCKET_CHECK).status == "skipped"
    assert "/api/v1/streaming" not in server.paths()


# -- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -1, 0.0, float("nan"), float("inf"), "5", True, None])
@pytest.mark.parametrize("name", ["timeout", "heartbeat_timeout"])
def test_bad_waiting_times_are_refused_before_anything_is_sent(serve: Any, name: str, value: Any) -> None:
    server = serve()
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        _client(server).stream_diagnose(**{name: value})
    assert server.requests == []


def test_a_token_that_cannot_be_sent_is_refused_before_anything_is_sent(serve: Any) -> None:
    server = serve()
    with pytest.raises(MastodonIllegalArgumentError):
        _client(server, token="two\nlines").stream_diagnose(timeout=WAIT, heartbeat_timeout=WAIT)
    assert server.requests == []


# -- the report itself ----------------------------------------------------------------------------


def _diagnosis(*statuses: Any) -> StreamDiagnosis:
    names = (URL_CHECK, HEALTH_CHECK, SSE_CHECK, BUFFERING_CHECK, WEBSOCKET_CHECK)
    checks = tuple(StreamCheck(name, status, f"about {name}") for name, status in zip(names, statuses, strict=True))
    return StreamDiagnosis("https://mastodon.example", "https://streaming.example", "user", checks)


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        (("ok", "ok", "ok", "ok", "ok"), "ok"),
        (("ok", "ok", "ok", "ok", "skipped"), "ok"),
        (("warning", "ok", "ok", "ok", "skipped"), "warning"),
        (("warning", "ok", "failed", "skipped", "ok"), "failed"),
        (("ok", "ok", "ok", "warning", "failed"), "failed"),
    ],
)
def test_the_verdict_is_the_worst_check(statuses: tuple[str, ...], verdict: str) -> None:
    diagnosis = _diagnosis(*statuses)
    assert diagnosis.verdict == verdict
    assert diagnosis.ok is (verdict == "ok")


def test_the_report_has_one_line_per_check() -> None:
    diagnosis = _diagnosis("ok", "warning", "failed", "skipped", "ok")
    assert str(diagnosis).splitlines() == [
        "Streaming diagnosis for https://mastodon.example: failed",
        "  ok       streaming URL  about streaming URL",
        "  warning  health         about health",
        "  failed   SSE            about SSE",
        "  skipped  buffering      about buffering",
        "  ok       WebSocket      about WebSocket",
    ]


def test_an_unknown_check_name_is_a_clear_error() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="streaming URL"):
        _diagnosis("ok", "ok", "ok", "ok", "ok").check("latency")
