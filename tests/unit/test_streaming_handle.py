"""Streams against a scripted HTTP server on 127.0.0.1: blocking reads, handles, close, reconnect.

No test measures time: each waits for something to happen (an event, a thread ending) with a
generous limit, and a limit reached means the behaviour is missing.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from mastodon import Mastodon, StreamListener
from mastodon._http import fastpaths
from mastodon._http.fastpaths import framed_socket_file
from mastodon._http.sse import iter_body
from mastodon.errors import (
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonReadTimeout,
    MastodonServiceUnavailableError,
    MastodonUnauthorizedError,
)
from mastodon.streaming import SSEStreamHandle

WAIT = 20.0  # the longest any test waits for something that should happen at once


def update(status_id: str) -> bytes:
    status = {"id": status_id, "created_at": "2024-05-01T12:00:00Z", "account": {"id": "1", "acct": "a"}}
    return b"event: update\ndata: " + json.dumps(status).encode() + b"\n\n"


# A connection script is a list of steps: ("send", bytes), "hold" (keep the connection open
# until the test ends), "end" (finish the body properly), "drop" (close the socket mid-body),
# ("status", code, body) (answer with an error instead of a stream).
Step = Any


@dataclass
class ScriptedServer:
    """Serves one script per incoming stream connection, in order; the last one repeats."""

    scripts: list[list[Step]]
    chunked: bool = True
    gzip: bool = False
    connections: list[dict[str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    base_url: str = ""

    def next_script(self, headers: dict[str, str]) -> list[Step]:
        self.connections.append(headers)
        index = min(len(self.connections), len(self.scripts)) - 1
        return self.scripts[index]


def _handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("/api/v2/instance"):
                body = json.dumps(
                    {"version": "4.3.0", "configuration": {"urls": {"streaming": server.base_url}}}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            script = server.next_script({**dict(self.headers), "path": self.path})
            if script and isinstance(script[0], tuple) and script[0][0] == "status":
                _, code, body = script[0]
                payload = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            compressor = zlib.compressobj(wbits=31) if server.gzip else None
            if compressor is not None:
                self.send_header("Content-Encoding", "gzip")
            if server.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.flush()
            for step in script:
                if step == "hold":
                    server.release.wait(120)
                    return
                if step == "drop":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if step == "end":
                    if server.chunked:
                        self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    self.close_connection = True
                    return
                data = step[1]
                if compressor is not None:
                    data = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
                if server.chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                else:
                    self.wfile.write(data)
                self.wfile.flush()
            self.close_connection = True

    return Handler


@pytest.fixture
def serve() -> Iterator[Any]:
    started: list[tuple[ThreadingHTTPServer, ScriptedServer]] = []

    def start(*scripts: list[Step], chunked: bool = True, gzip: bool = False) -> ScriptedServer:
        state = ScriptedServer(list(scripts), chunked=chunked, gzip=gzip)
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


def client(server: ScriptedServer) -> Mastodon:
    return Mastodon(access_token="tok-123", api_base_url=server.base_url, mastodon_version="4.3.0")


class Collector(StreamListener):
    """Records events and signals when ``want`` updates have arrived."""

    def __init__(self, want: int = 1) -> None:
        self.ids: list[str] = []
        self.aborts: list[Exception] = []
        self.heartbeats = 0
        self.want = want
        self.done = threading.Event()
        self.heartbeat_seen = threading.Event()
        self.aborted = threading.Event()

    def on_update(self, status: Any) -> None:
        self.ids.append(status.id)
        if len(self.ids) >= self.want:
            self.done.set()

    def handle_heartbeat(self) -> None:
        self.heartbeats += 1
        self.heartbeat_seen.set()

    def on_abort(self, err: Exception) -> None:
        self.aborts.append(err)
        self.aborted.set()


def stop(handle: SSEStreamHandle) -> None:
    handle.close()
    handle.join(WAIT)
    assert not handle.is_alive()


# -- blocking -------------------------------------------------------------------------------


def test_blocking_stream_returns_when_the_server_ends_it(serve: Any) -> None:
    server = serve([("send", b":)\n"), ("send", update("1") + update("2")), ("send", update("3")), "end"])
    listener = Collector()
    assert client(server).stream_user(listener) is None
    assert listener.ids == ["1", "2", "3"]
    assert listener.heartbeats == 1
    assert listener.aborts == []


def test_request_carries_token_and_goes_to_the_announced_streaming_url(serve: Any) -> None:
    server = serve(["end"])
    client(server).stream_hashtag("café", Collector(), local=True)
    (headers,) = server.connections
    assert headers["Authorization"] == "Bearer tok-123"
    assert headers["path"] == "/api/v1/streaming/hashtag/local?tag=caf%C3%A9"


def test_blocking_stream_raises_when_the_connection_drops(serve: Any) -> None:
    server = serve([("send", update("1")), ("send", b"event: update\ndata: {"), "drop"])
    listener = Collector()
    with pytest.raises(MastodonNetworkError) as caught:
        client(server).stream_user(listener)
    assert listener.ids == ["1"]
    assert listener.aborts == [caught.value]


def test_silence_longer_than_the_timeout_is_a_dead_connection(serve: Any) -> None:
    server = serve([("send", b":)\n"), "hold"])
    listener = Collector()
    with pytest.raises(MastodonReadTimeout):
        client(server).stream_user(listener, timeout=0.3)
    assert listener.heartbeats == 1
    assert isinstance(listener.aborts[0], MastodonReadTimeout)


@pytest.mark.parametrize(("status", "error"), [(401, MastodonUnauthorizedError), (404, MastodonNotFoundError)])
@pytest.mark.parametrize("run_async", [False, True])
def test_error_answers_raise_the_mapped_error(serve: Any, status: int, error: type, run_async: bool) -> None:
    server = serve([("status", status, {"error": "nope"})])
    with pytest.raises(error) as caught:
        client(server).stream_user(Collector(), run_async=run_async)
    assert caught.value.args == ("Mastodon API returned error", status, caught.value.reason, "nope")


@pytest.mark.parametrize("run_async", [False, True])
def test_a_token_with_a_line_break_is_refused_before_connecting(serve: Any, run_async: bool) -> None:
    server = serve(["end"])
    api = Mastodon(access_token="tok-123\r\nX-Extra: 1", api_base_url=server.base_url, mastodon_version="4.3.0")
    api._streaming_base = server.base_url  # straight to the stream, without asking the instance
    with pytest.raises(MastodonIllegalArgumentError) as caught:
        api.stream_user(Collector(), run_async=run_async)
    assert "tok-123" not in str(caught.value)
    assert server.connections == []


def test_unreachable_server_raises_a_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = Mastodon(access_token="t", api_base_url=f"http://127.0.0.1:{port}", mastodon_version="4.3.0")
    with pytest.raises(MastodonNetworkError):
        api.stream_user(Collector())


def test_body_without_chunking_is_read_as_it_arrives(serve: Any) -> None:
    # The connection stays open after the event: a reader that waited for a full buffer
    # would never deliver it.
    server = serve([("send", update("1")), "hold"], chunked=False)
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    assert listener.done.wait(WAIT)
    assert listener.ids == ["1"]
    stop(handle)


@pytest.mark.parametrize("chunked", [True, False])
def test_compressed_stream_is_decoded(serve: Any, chunked: bool) -> None:
    server = serve([("send", b":)\n"), ("send", update("1")), ("send", update("2")), "end"], chunked=chunked, gzip=True)
    listener = Collector()
    client(server).stream_user(listener)
    assert listener.ids == ["1", "2"]
    assert listener.heartbeats == 1


def test_plain_chunked_body_is_read_from_the_socket_in_blocks(serve: Any) -> None:
    server = serve([("send", update("1")), ("send", b":thump\n"), ("send", update("2")), "end"])
    response = requests.get(server.base_url + "/api/v1/streaming/user", stream=True, timeout=WAIT)
    with response:
        # With the fast paths off, the same body is read through requests instead.
        assert (framed_socket_file(response) is not None) is fastpaths.enabled
        assert b"".join(iter_body(response)) == update("1") + b":thump\n" + update("2")


def test_debug_log_names_the_stream_but_never_the_token(serve: Any, caplog: pytest.LogCaptureFixture) -> None:
    server = serve(["end"])
    api = Mastodon(
        access_token="tok-secret", api_base_url=server.base_url, mastodon_version="4.3.0", debug_requests=True
    )
    with caplog.at_level(logging.DEBUG, logger="mastodon"):
        api.stream_user(Collector())
    assert "/api/v1/streaming/user" in caplog.text
    assert "tok-secret" not in caplog.text


# -- in the background ----------------------------------------------------------------------


def test_close_returns_promptly_while_the_server_is_silent(serve: Any) -> None:
    server = serve([("send", b":)\n"), "hold"])
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    assert listener.heartbeat_seen.wait(WAIT)
    assert handle.is_alive()
    assert handle.is_receiving()
    stop(handle)
    assert not handle.is_receiving()
    assert handle.closed
    assert listener.aborts == []
    assert handle.error is None


def test_events_arrive_in_the_background(serve: Any) -> None:
    server = serve([("send", update("1")), ("send", update("2")), "hold"])
    listener = Collector(want=2)
    handle = client(server).stream_public(listener, run_async=True, local=True)
    assert isinstance(handle, SSEStreamHandle)
    assert listener.done.wait(WAIT)
    assert listener.ids == ["1", "2"]
    assert server.connections[0]["path"] == "/api/v1/streaming/public/local"
    stop(handle)


def test_without_reconnect_a_drop_ends_the_thread(serve: Any) -> None:
    server = serve([("send", update("1")), "drop"])
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    handle.join(WAIT)
    assert not handle.is_alive()
    assert listener.ids == ["1"]
    assert isinstance(handle.error, MastodonNetworkError)
    assert listener.aborts == [handle.error]
    assert len(server.connections) == 1


def test_without_reconnect_the_end_of_the_stream_ends_the_thread(serve: Any) -> None:
    server = serve([("send", update("1")), "end"])
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    handle.join(WAIT)
    assert not handle.is_alive()
    assert handle.error is None
    assert listener.aborts == []


@pytest.mark.parametrize("ending", ["drop", "end"])
def test_reconnect_after_the_server_disconnects(serve: Any, ending: str) -> None:
    server = serve([("send", update("1")), ending], [("send", update("2")), "hold"])
    listener = Collector(want=2)
    handle = client(server).stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
    assert isinstance(handle, SSEStreamHandle)
    assert listener.done.wait(WAIT)
    assert listener.ids == ["1", "2"]
    assert len(server.connections) == 2
    if ending == "drop":
        assert len(listener.aborts) == 1
        assert isinstance(listener.aborts[0], MastodonNetworkError)
    else:
        assert listener.aborts == []
    stop(handle)


def test_reconnect_retries_server_errors_until_the_stream_opens(serve: Any) -> None:
    server = serve(
        [("status", 503, {"error": "busy"})],
        [("status", 502, {"error": "gateway"})],
        [("send", update("1")), "hold"],
    )
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
    assert isinstance(handle, SSEStreamHandle)
    assert listener.done.wait(WAIT)
    assert len(server.connections) == 3
    assert isinstance(listener.aborts[0], MastodonServiceUnavailableError)
    assert handle.error is None
    stop(handle)


def test_reconnect_gives_up_on_a_refused_token(serve: Any) -> None:
    server = serve([("send", update("1")), "drop"], [("status", 401, {"error": "revoked"})])
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.05)
    assert isinstance(handle, SSEStreamHandle)
    handle.join(WAIT)
    assert not handle.is_alive()
    assert isinstance(handle.error, MastodonUnauthorizedError)
    assert listener.aborts[-1] is handle.error
    assert len(server.connections) == 2


def test_close_interrupts_the_wait_before_reconnecting(serve: Any) -> None:
    server = serve([("send", update("1")), "drop"], [("send", update("2")), "hold"])
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=3600)
    assert isinstance(handle, SSEStreamHandle)
    assert listener.aborted.wait(WAIT)
    stop(handle)
    assert listener.ids == ["1"]
    assert len(server.connections) == 1


def test_close_before_the_first_connection_in_reconnect_mode(serve: Any) -> None:
    server = serve([("status", 503, {"error": "busy"})])
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=3600)
    assert isinstance(handle, SSEStreamHandle)
    assert listener.aborted.wait(WAIT)
    assert not handle.is_receiving()
    stop(handle)


class Broken(Collector):
    """Raises on the first update, receives the others."""

    def on_update(self, status: Any) -> None:
        if status.id == "1":
            raise RuntimeError("listener bug")
        super().on_update(status)


def test_an_exception_in_the_listener_is_logged_and_the_stream_goes_on(
    serve: Any, caplog: pytest.LogCaptureFixture
) -> None:
    server = serve([("send", update("1")), ("send", update("2")), "hold"])
    listener = Broken()
    with caplog.at_level(logging.ERROR, logger="mastodon"):
        handle = client(server).stream_user(listener, run_async=True, reconnect_async=True)
        assert isinstance(handle, SSEStreamHandle)
        assert listener.done.wait(WAIT)
        stop(handle)
    assert listener.ids == ["2"]
    assert [type(error) for error in listener.aborts] == [RuntimeError]
    assert handle.error is None and len(server.connections) == 1
    assert any("listener bug" in record.getMessage() for record in caplog.records)


def test_without_reconnecting_an_exception_in_the_listener_ends_the_stream(serve: Any) -> None:
    server = serve([("send", update("1")), ("send", update("2")), "hold"])
    listener = Broken()
    seen: list[BaseException | None] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: seen.append(args.exc_value)
    try:
        handle = client(server).stream_user(listener, run_async=True)
        assert isinstance(handle, SSEStreamHandle)
        handle.join(WAIT)
    finally:
        threading.excepthook = previous
    assert not handle.is_alive()
    assert isinstance(handle.error, RuntimeError) and listener.aborts == [handle.error]
    assert listener.ids == [] and seen == []


def test_handle_works_as_a_context_manager(serve: Any) -> None:
    server = serve([("send", update("1")), "hold"])
    listener = Collector()
    handle = client(server).stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    with handle:
        assert listener.done.wait(WAIT)
    handle.join(WAIT)
    assert not handle.is_alive()
    assert handle.closed


def test_join_from_the_stream_thread_returns(serve: Any) -> None:
    server = serve([("send", update("1")), "hold"])
    joined = threading.Event()
    box: dict[str, SSEStreamHandle] = {}
    ready = threading.Event()

    class Joiner(Collector):
        def on_update(self, status: Any) -> None:
            ready.wait(WAIT)
            box["handle"].join()
            joined.set()

    handle = client(server).stream_user(Joiner(), run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    box["handle"] = handle
    ready.set()
    assert joined.wait(WAIT)
    stop(handle)
