"""WebSocket streaming against a local WebSocket server that speaks Mastodon's protocol."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import Any

import pytest
from websockets.sync.server import Server, ServerConnection, serve

from mastodon import Mastodon, StreamListener
from mastodon.errors import (
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonUnauthorizedError,
)
from mastodon.streaming_websocket import (
    WebSocketStreamHandle,
    WebSocketSubscription,
    websocket_url,
)

WAIT = 20.0
TOKEN = "ws-token"
STATUS = {"id": "110", "created_at": "2024-05-01T12:00:00Z", "account": {"id": "1", "acct": "alice"}}


class FakeStreamingServer:
    """Accepts WebSocket connections on /api/v1/streaming, records what clients send."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.messages: list[dict[str, Any]] = []
        self.connections: list[ServerConnection] = []
        self.headers: list[dict[str, str]] = []
        self.refuse_with: int | None = None
        self.server: Server | None = None
        self.port = 0

    def start(self) -> None:
        def process_request(connection: ServerConnection, request: Any) -> Any:
            if request.path != "/api/v1/streaming":
                return connection.respond(HTTPStatus.NOT_FOUND, "no such path\n")
            if self.refuse_with is not None or request.headers.get("Authorization") != f"Bearer {TOKEN}":
                status = HTTPStatus(self.refuse_with or 401)
                return connection.respond(status, json.dumps({"error": "The access token is invalid"}))
            return None

        self.server = serve(self.handle, "127.0.0.1", 0, process_request=process_request, compression=None)
        self.port = self.server.socket.getsockname()[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()

    def handle(self, connection: ServerConnection) -> None:
        with self.changed:
            self.connections.append(connection)
            request = connection.request
            self.headers.append({"Authorization": request.headers.get("Authorization", "")} if request else {})
            self.changed.notify_all()
        try:
            for raw in connection:
                with self.changed:
                    self.messages.append(json.loads(raw))
                    self.changed.notify_all()
        except Exception:
            pass

    def wait_for(self, predicate: Callable[[], bool]) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout=WAIT)

    def push(self, message: dict[str, Any], connection: int = -1) -> None:
        self.connections[connection].send(json.dumps(message))

    def subscribes(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("type") == "subscribe"]


@pytest.fixture
def ws_server() -> Iterator[FakeStreamingServer]:
    server = FakeStreamingServer()
    server.start()
    yield server
    server.stop()


def client(server: FakeStreamingServer, token: str = TOKEN) -> Mastodon:
    api = Mastodon(access_token=token, api_base_url=f"http://127.0.0.1:{server.port}", mastodon_version="4.3.0")
    # The instance is not asked: the streaming base is where the tests' server listens.
    api._streaming_base = f"http://127.0.0.1:{server.port}"
    return api


class Collector(StreamListener):
    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []
        self.aborts: list[Exception] = []
        self.errors: list[tuple[Any, Any]] = []
        self.got = threading.Condition()

    def _add(self, item: tuple[Any, ...]) -> None:
        with self.got:
            self.events.append(item)
            self.got.notify_all()

    def on_update(self, status: Any, for_stream: Any = None) -> None:
        self._add(("update", status.id, for_stream))

    def on_delete(self, status_id: Any) -> None:
        self._add(("delete", status_id))

    def on_abort(self, err: Exception) -> None:
        with self.got:
            self.aborts.append(err)
            self.got.notify_all()

    def on_websocket_error(self, error: Any, for_stream: Any = None) -> None:
        with self.got:
            self.errors.append((error, for_stream))
            self.got.notify_all()

    def wait_for(self, predicate: Callable[[], bool]) -> bool:
        with self.got:
            return self.got.wait_for(predicate, timeout=WAIT)


def event(stream: list[str], name: str, payload: Any) -> dict[str, Any]:
    return {"stream": stream, "event": name, "payload": payload if isinstance(payload, str) else json.dumps(payload)}


@pytest.fixture
def handles() -> Iterator[list[WebSocketStreamHandle]]:
    opened: list[WebSocketStreamHandle] = []
    yield opened
    for handle in opened:
        handle.close()
        handle.join(WAIT)


def open_handle(
    server: FakeStreamingServer, handles: list[WebSocketStreamHandle], listener: Any = None, **kwargs: Any
) -> WebSocketStreamHandle:
    handle = client(server).stream_open_websocket(listener, **kwargs)
    assert isinstance(handle, WebSocketStreamHandle)
    handles.append(handle)
    return handle


def test_websocket_urls() -> None:
    assert websocket_url("https://example.social/") == "wss://example.social/api/v1/streaming"
    assert websocket_url("http://127.0.0.1:3000") == "ws://127.0.0.1:3000/api/v1/streaming"
    assert websocket_url("wss://s.example.social") == "wss://s.example.social/api/v1/streaming"
    with pytest.raises(MastodonIllegalArgumentError):
        websocket_url("ftp://example.social")


def test_subscriptions_route_events_to_their_listeners(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    default, tagged = Collector(), Collector()
    handle = open_handle(ws_server, handles, default)
    api = client(ws_server)
    user = api.stream_user(default, websocket_handle=handle)
    tag = api.stream_hashtag("Python", tagged, websocket_handle=handle)
    media = api.stream_public(default, only_media=True, websocket_handle=handle)
    assert isinstance(user, WebSocketSubscription)
    assert isinstance(tag, WebSocketSubscription)
    assert isinstance(media, WebSocketSubscription)
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 3)
    assert ws_server.subscribes() == [
        {"type": "subscribe", "stream": "user"},
        {"type": "subscribe", "stream": "hashtag", "tag": "Python"},
        {"type": "subscribe", "stream": "public:media"},
    ]
    assert ws_server.headers[0]["Authorization"] == f"Bearer {TOKEN}"

    ws_server.push(event(["hashtag", "python"], "update", STATUS))
    ws_server.push(event(["user"], "update", {**STATUS, "id": "111"}))
    ws_server.push(event(["user"], "delete", "99"))
    assert default.wait_for(lambda: len(default.events) == 2)
    assert tagged.wait_for(lambda: len(tagged.events) == 1)
    assert tagged.events == [("update", "110", ["hashtag", "python"])]
    assert default.events == [("update", "111", ["user"]), ("delete", "99")]
    assert handle.is_receiving()
    assert user.is_receiving()
    assert {s.stream for s in handle.subscriptions()} == {"user", "hashtag", "public:media"}


def test_unsubscribe_tells_the_server(ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener)
    subscription = handle.subscribe("list", list="42")
    handle.subscribe("hashtag:local", tag="cats")
    subscription.close()
    handle.unsubscribe("hashtag:local", tag="CATS")
    assert ws_server.wait_for(lambda: len(ws_server.messages) == 4)
    assert ws_server.messages[2:] == [
        {"type": "unsubscribe", "stream": "list", "list": "42"},
        {"type": "unsubscribe", "stream": "hashtag:local", "tag": "cats"},
    ]
    assert not subscription.active
    assert handle.subscriptions() == []
    with pytest.raises(MastodonIllegalArgumentError):
        handle.unsubscribe("list", list="42")


@pytest.mark.parametrize(
    ("stream", "params"),
    [("hashtag", {}), ("list", {}), ("", {}), ("user", {"dup": True})],
)
def test_bad_subscriptions_are_refused(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle], stream: str, params: dict[str, Any]
) -> None:
    handle = open_handle(ws_server, handles, Collector())
    if params.pop("dup", False):
        handle.subscribe(stream)
    with pytest.raises(MastodonIllegalArgumentError):
        handle.subscribe(stream, **params)


def test_a_listener_is_needed(ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]) -> None:
    handle = open_handle(ws_server, handles)
    with pytest.raises(MastodonIllegalArgumentError):
        handle.subscribe("user")


def test_server_errors_reach_on_websocket_error(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener)
    handle.subscribe("list", list="7")
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 1)
    ws_server.push({"error": "Not found", "status": 404})
    assert listener.wait_for(lambda: bool(listener.errors))
    error, stream = listener.errors[0]
    assert error.args == ("Mastodon API returned error", 404, None, "Not found")
    assert stream is None


def test_close_ends_the_thread_and_the_subscriptions(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener)
    subscription = handle.subscribe("user")
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 1)
    handle.close()
    handle.join(WAIT)
    assert not handle.is_alive()
    assert not subscription.active
    assert not subscription.is_alive()
    assert listener.aborts == []
    with pytest.raises(MastodonIllegalArgumentError):
        handle.subscribe("direct")


def test_reconnect_renews_every_subscription(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener, reconnect_async=True, reconnect_async_wait_sec=0.05)
    handle.subscribe("user")
    handle.subscribe("hashtag", tag="cats")
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 2)
    ws_server.connections[0].close()
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 4)
    assert len(ws_server.connections) == 2
    ws_server.push(event(["user"], "update", STATUS))
    assert listener.wait_for(lambda: len(listener.events) == 1)
    assert isinstance(listener.aborts[0], MastodonNetworkError)
    assert handle.is_alive()


def test_without_reconnect_a_server_close_ends_the_thread(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener)
    assert ws_server.wait_for(lambda: len(ws_server.connections) == 1)
    ws_server.connections[0].close()
    handle.join(WAIT)
    assert not handle.is_alive()
    assert isinstance(handle.error, MastodonNetworkError)
    assert listener.aborts == [handle.error]


def test_a_malformed_message_is_reported_and_reading_goes_on_with_reconnect(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener, reconnect_async=True)
    handle.subscribe("user")
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 1)
    ws_server.connections[0].send("{not json")
    ws_server.push(event(["user"], "delete", "5"))
    assert listener.wait_for(lambda: len(listener.events) == 1)
    assert listener.events == [("delete", "5")]
    assert listener.aborts[0].args[0] == "Bad JSON"


def test_refused_token_raises_the_mapped_error(ws_server: FakeStreamingServer) -> None:
    with pytest.raises(MastodonUnauthorizedError) as caught:
        client(ws_server, token="wrong").stream_open_websocket(Collector())
    assert caught.value.args[1] == 401
    assert caught.value.args[3] == "The access token is invalid"


def test_a_token_with_a_line_break_is_refused_before_the_handshake(ws_server: FakeStreamingServer) -> None:
    with pytest.raises(MastodonIllegalArgumentError) as caught:
        client(ws_server, token=TOKEN + "\r\nX-Extra: 1").stream_open_websocket(Collector())
    assert TOKEN not in str(caught.value)
    assert ws_server.connections == []


def test_unreachable_server_raises_a_network_error(ws_server: FakeStreamingServer) -> None:
    api = client(ws_server)
    ws_server.stop()
    with pytest.raises(MastodonNetworkError):
        api.stream_open_websocket(Collector())


def test_missing_websocket_client_names_the_extra(
    ws_server: FakeStreamingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "websocket", None)
    with pytest.raises(MastodonError, match=r"mastodon\[websocket\]") as caught:
        client(ws_server).stream_open_websocket(Collector())
    assert isinstance(caught.value, NotImplementedError)
    assert ws_server.connections == []
