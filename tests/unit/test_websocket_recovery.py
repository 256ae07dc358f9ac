"""WebSocket streams that never miss: silence found with pings, reconnects with back-off and the
lifecycle callbacks, catch-up on a subscription, close() that ends the thread.

Against the local WebSocket server of tests/unit/_ws_server.py, and the streaming test server of
tests/stream_server.py for the REST timelines. No test measures time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonNetworkError, MastodonNotFoundError, MastodonReadTimeout
from mastodon.streaming_websocket import WebSocketStreamHandle
from tests.stream_server import StreamServer
from tests.unit._ws_server import TOKEN, WAIT, Collector, FakeStreamingServer, SilentServer, client, event


class Lifecycle(Collector):
    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[Any, ...]] = []

    def on_connected(self) -> None:
        self._note(("connected",))

    def on_disconnected(self, reason: Exception | None) -> None:
        self._note(("disconnected", type(reason).__name__ if reason is not None else None))

    def on_reconnecting(self, attempt: int, delay: float) -> None:
        self._note(("reconnecting", attempt, delay))

    def _note(self, entry: tuple[Any, ...]) -> None:
        with self.got:
            self.log.append(entry)
            self.got.notify_all()

    def count(self, kind: str) -> int:
        return sum(1 for entry in self.log if entry[0] == kind)


@pytest.fixture
def ws() -> Iterator[FakeStreamingServer]:
    server = FakeStreamingServer()
    server.start()
    yield server
    server.stop()


def test_a_silent_websocket_is_found_with_pings() -> None:
    silent = SilentServer()
    try:
        api = Mastodon(access_token=TOKEN, api_base_url=f"http://127.0.0.1:{silent.port}", mastodon_version="4.3.0")
        api._streaming_base = f"http://127.0.0.1:{silent.port}"
        api.stream_heartbeat_interval = 0.05
        listener = Lifecycle()
        handle = api.stream_open_websocket(listener, stream="user")
        assert listener.wait_for(lambda: bool(listener.aborts))
        handle.join(WAIT)
        assert not handle.is_alive()
        assert isinstance(handle.error, MastodonReadTimeout) and "went silent" in str(handle.error)
        assert "answer to a ping" in str(handle.error)
    finally:
        silent.close()


class ScriptedConnection:
    """Answers ``recv_data`` from a script: a frame, or a read that waited in vain."""

    def __init__(self, script: list[Any]) -> None:
        self.script = list(script)
        self.pings = 0

    def recv_data(self, control_frame: bool = False) -> tuple[int, bytes]:
        import websocket

        step = self.script.pop(0)
        if step == "wait":
            raise websocket.WebSocketTimeoutException("timed out")
        opcode = {"pong": websocket.ABNF.OPCODE_PONG, "text": websocket.ABNF.OPCODE_TEXT}[step[0]]
        return opcode, step[1]

    def ping(self, payload: str = "") -> None:
        self.pings += 1


def test_a_pong_after_a_ping_keeps_the_websocket_alive() -> None:
    import websocket

    handle = WebSocketStreamHandle("ws://127.0.0.1:1/api/v1/streaming", TOKEN, None, silent_after=1.0)
    connection = ScriptedConnection(["wait", ("pong", b""), "wait", ("text", b'{"a":1}'), "wait", "wait"])
    got = [handle._receive(connection, websocket) for _ in range(5)]
    assert got == [None, None, None, '{"a":1}', None] and connection.pings == 3
    with pytest.raises(MastodonReadTimeout, match="went silent"):
        handle._receive(connection, websocket)  # a second wait in a row, with no answer


def test_websocket_reconnects_back_off_and_tell_the_listener(ws: FakeStreamingServer) -> None:
    api = client(ws)
    listener = Lifecycle()
    handle = api.stream_open_websocket(listener, reconnect_async=True, reconnect_async_wait_sec=0.01, stream="user")
    assert listener.wait_for(lambda: listener.count("connected") == 1)
    # The server thread records the connection just after answering the handshake, so the client
    # can report it connected first.
    assert ws.wait_for(lambda: len(ws.connections) == 1)
    ws.refuse_with = 503
    ws.connections[0].close()
    assert listener.wait_for(lambda: listener.count("reconnecting") >= 3)
    ws.refuse_with = None
    assert listener.wait_for(lambda: listener.count("connected") == 2)
    handle.close()
    assert not handle.is_alive()
    tries = [entry for entry in listener.log if entry[0] == "reconnecting"]
    assert [attempt for _, attempt, _ in tries[:3]] == [1, 2, 3]
    assert 0.005 <= tries[0][2] <= 0.01 and 0.01 <= tries[1][2] <= 0.02 and 0.02 <= tries[2][2] <= 0.04
    assert listener.log[1] == ("disconnected", "MastodonNetworkError")
    assert listener.log[-1] == ("disconnected", None)
    assert handle.attempts == 0  # the connection works again


def test_catch_up_on_a_websocket_subscription(ws: FakeStreamingServer) -> None:
    rest = StreamServer().start()
    try:
        rest.streaming_url = f"http://127.0.0.1:{ws.port}"
        api = Mastodon(access_token=TOKEN, api_base_url=rest.base_url, mastodon_version="4.5.0")
        listener = Lifecycle()
        handle = api.stream_open_websocket(listener, reconnect_async=True, reconnect_async_wait_sec=0.01)
        assert isinstance(handle, WebSocketStreamHandle)
        api.stream_user(listener, websocket_handle=handle, catch_up=True)
        ids = rest.publish(3)
        statuses = {status["id"]: status for status in rest.statuses}
        ws.push(event(["user"], "update", statuses["1"]))
        assert listener.wait_for(lambda: [e[1] for e in listener.events] == ["1"])
        ws.connections[0].close()  # 2 and 3 are published while the stream is down
        assert listener.wait_for(lambda: listener.count("connected") == 2 and len(ws.connections) == 2)
        assert listener.wait_for(lambda: [e[1] for e in listener.events] == ids)
        ws.push(event(["user"], "update", statuses["3"]))  # already delivered: dropped
        later = rest.publish(1)
        ws.push(event(["user"], "update", rest.statuses[-1]))
        assert listener.wait_for(lambda: [e[1] for e in listener.events][-1:] == later)
        handle.close()
        assert [e[1] for e in listener.events] == ids + later
    finally:
        rest.stop()


@pytest.mark.parametrize("mode", ["blocking", "background", "reconnecting"])
def test_a_server_without_sse_is_streamed_over_websocket(
    ws: FakeStreamingServer, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    # The test server answers 404 to a plain GET of /api/v1/streaming/user: it has no SSE.
    api = client(ws)
    listener = Lifecycle()
    status = {"id": "7", "account": {"id": "1", "acct": "a"}}
    with caplog.at_level(logging.WARNING, logger="mastodon"):
        if mode == "blocking":

            def end_soon() -> None:
                assert ws.wait_for(lambda: bool(ws.subscribes()))
                ws.push(event(["user"], "update", status))
                assert listener.wait_for(lambda: bool(listener.events))
                ws.connections[-1].close()

            helper = threading.Thread(target=end_soon, daemon=True)
            helper.start()
            with pytest.raises(MastodonNetworkError, match="closed"):
                api.stream_user(listener)
            helper.join(WAIT)
        else:
            handle = api.stream_user(listener, run_async=True, reconnect_async=mode == "reconnecting")
            assert ws.wait_for(lambda: bool(ws.subscribes()))
            ws.push(event(["user"], "update", status))
            assert listener.wait_for(lambda: bool(listener.events))
            handle.close()
            assert not handle.is_alive()
    assert listener.events[0][:2] == ("update", "7")
    assert ws.targets[0].startswith("/api/v1/streaming?stream=user")
    assert any("streaming over WebSocket instead" in r.getMessage() for r in caplog.records)


def test_a_refusal_that_is_not_about_sse_is_raised(ws: FakeStreamingServer) -> None:
    api = client(ws, token="wrong")
    # The WebSocket refuses the token too; the SSE refusal (404 here) is what is raised.
    with pytest.raises(MastodonNotFoundError):
        api.stream_user(Lifecycle(), run_async=True)
