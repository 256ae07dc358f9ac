"""WebSocket streaming against a local WebSocket server that speaks Mastodon's protocol."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest

from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonUnauthorizedError,
)
from mastodon.return_types import UserList
from mastodon.streaming_websocket import (
    WebSocketStreamHandle,
    WebSocketSubscription,
    connection_url,
    websocket_url,
)

from ._ws_server import STATUS, TOKEN, Collector, FakeStreamingServer, SilentServer, client, event


@pytest.fixture
def ws_server() -> Iterator[FakeStreamingServer]:
    server = FakeStreamingServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def handles() -> Iterator[list[WebSocketStreamHandle]]:
    opened: list[WebSocketStreamHandle] = []
    yield opened
    for handle in opened:
        handle.close()
        handle.join(20.0)


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


def test_connection_urls_name_the_stream_and_its_parameter() -> None:
    endpoint = "wss://example.social/api/v1/streaming"
    assert connection_url(endpoint, None, {}, None) == endpoint
    assert connection_url(endpoint, "public:local", {}, None) == endpoint + "?stream=public:local"
    assert connection_url(endpoint, "hashtag", {"tag": "café"}, None) == endpoint + "?stream=hashtag&tag=caf%C3%A9"
    assert connection_url(endpoint, "list", {"list": 42}, "t&k") == endpoint + "?stream=list&list=42&access_token=t%26k"


def test_opening_without_a_stream_connects_when_the_first_stream_is_subscribed(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    default, tagged = Collector(), Collector()
    handle = open_handle(ws_server, handles, default)
    assert ws_server.targets == ws_server.refused == []
    assert not handle.is_alive()
    api = client(ws_server)
    user = api.stream_user(default, websocket_handle=handle)
    tag = api.stream_hashtag("Python", tagged, websocket_handle=handle)
    media = api.stream_public(default, only_media=True, websocket_handle=handle)
    assert isinstance(user, WebSocketSubscription)
    assert isinstance(tag, WebSocketSubscription)
    assert isinstance(media, WebSocketSubscription)
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 3)
    # One connection, its address naming the first stream, which is also subscribed by message.
    assert ws_server.targets == ["/api/v1/streaming?stream=user"]
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


@pytest.mark.parametrize(
    ("options", "target", "message"),
    [
        ({"stream": "user"}, "/api/v1/streaming?stream=user", {"stream": "user"}),
        (
            {"stream": "hashtag:local", "tag": "Cats"},
            "/api/v1/streaming?stream=hashtag:local&tag=Cats",
            {"stream": "hashtag:local", "tag": "Cats"},
        ),
        (
            {"stream": "list", "list": UserList({"id": "42", "title": "friends"})},
            "/api/v1/streaming?stream=list&list=42",
            {"stream": "list", "list": "42"},
        ),
    ],
)
def test_opening_with_a_stream_connects_at_once_naming_it(
    ws_server: FakeStreamingServer,
    handles: list[WebSocketStreamHandle],
    options: dict[str, Any],
    target: str,
    message: dict[str, Any],
) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener, **options)
    assert ws_server.targets == [target]
    assert handle.is_alive()
    assert ws_server.wait_for(lambda: len(ws_server.subscribes()) == 1)
    assert ws_server.subscribes() == [{"type": "subscribe", **message}]
    [subscription] = handle.subscriptions()
    assert subscription.listener is listener


def test_a_server_that_needs_the_stream_in_the_address_is_served(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    ws_server.require_stream = True
    listener = Collector()
    handle = open_handle(ws_server, handles, listener)
    handle.subscribe("public:local")
    assert ws_server.refused == []
    ws_server.push(event(["public:local"], "update", STATUS))
    assert listener.wait_for(lambda: len(listener.events) == 1)
    assert listener.events == [("update", "110", ["public:local"])]


def test_a_doubly_subscribed_stream_delivers_each_event_once(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    # A server that takes both the address and the subscribe message subscribes twice and sends
    # each event twice; Mastodon itself ignores the second subscription.
    listener = Collector()
    open_handle(ws_server, handles, listener, stream="user")
    update, delete = event(["user"], "update", STATUS), event(["user"], "delete", "110")
    for message in (update, update, event(["user"], "filters_changed"), event(["user"], "filters_changed")):
        ws_server.push(message)
    for message in (delete, delete, event(["user"], "update", {**STATUS, "id": "111"})):
        ws_server.push(message)
    assert listener.wait_for(lambda: ("update", "111", ["user"]) in listener.events)
    assert listener.events == [
        ("update", "110", ["user"]),
        # Nothing tells two of these apart, so both are passed on.
        ("filters_changed",),
        ("filters_changed",),
        ("delete", "110"),
        ("update", "111", ["user"]),
    ]


def test_an_event_naming_only_the_stream_reaches_the_one_subscription_of_that_name(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    default, cats, dogs = Collector(), Collector(), Collector()
    handle = open_handle(ws_server, handles, default)
    handle.subscribe("hashtag", cats, tag="cats")
    ws_server.push(event(["hashtag"], "update", STATUS))
    assert cats.wait_for(lambda: len(cats.events) == 1)
    handle.subscribe("hashtag", dogs, tag="dogs")
    ws_server.push(event(["hashtag"], "update", {**STATUS, "id": "111"}))
    # With two hashtag subscriptions the event cannot be placed: the connection's listener gets it.
    assert default.wait_for(lambda: len(default.events) == 1)
    assert cats.events == [("update", "110", ["hashtag"])]
    assert dogs.events == []
    assert default.events == [("update", "111", ["hashtag"])]


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
    [
        ("hashtag", {}),
        ("hashtag", {"tag": "#cats"}),
        ("list", {}),
        ("", {}),
        ("public", {"only_media": True}),
        ("user", {"dup": True}),
    ],
)
def test_bad_subscriptions_are_refused(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle], stream: str, params: dict[str, Any]
) -> None:
    handle = open_handle(ws_server, handles, Collector())
    duplicate = params.pop("dup", False)
    if duplicate:
        handle.subscribe(stream)
    with pytest.raises(MastodonIllegalArgumentError):
        handle.subscribe(stream, **params)
    assert len(ws_server.targets) == (1 if duplicate else 0)


@pytest.mark.parametrize(
    ("listener", "options"),
    [
        (None, {"stream": "user"}),
        (Collector(), {"tag": "cats"}),
        (Collector(), {"list": "5"}),
        (Collector(), {"stream": "hashtag"}),
        (Collector(), {"stream": "hashtag", "tag": ""}),
        (Collector(), {"stream": "list"}),
        (Collector(), {"stream": 5}),
    ],
)
def test_open_refuses_stream_options_no_server_accepts(
    ws_server: FakeStreamingServer, listener: Any, options: dict[str, Any]
) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        client(ws_server).stream_open_websocket(listener, **options)
    assert ws_server.targets == ws_server.refused == []


def test_a_listener_is_needed(ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]) -> None:
    handle = open_handle(ws_server, handles)
    with pytest.raises(MastodonIllegalArgumentError):
        handle.subscribe("user")
    assert ws_server.targets == ws_server.refused == []


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
    handle.join(20.0)
    assert not handle.is_alive()
    assert not subscription.active
    assert not subscription.is_alive()
    assert listener.aborts == []
    with pytest.raises(MastodonIllegalArgumentError):
        handle.subscribe("direct")


def test_close_ends_the_thread_when_the_server_never_answers_the_close() -> None:
    server = SilentServer()
    try:
        handle = WebSocketStreamHandle(f"ws://127.0.0.1:{server.port}/api/v1/streaming", TOKEN, None, Collector())
        handle.subscribe("user")
        assert server.accepted.wait(20.0)
        assert handle.is_alive()
        handle.close()
        handle.join(20.0)
        assert not handle.is_alive()
        assert handle.error is None
    finally:
        server.close()


def test_closing_before_any_subscription_sends_nothing(ws_server: FakeStreamingServer) -> None:
    handle = client(ws_server).stream_open_websocket(Collector())
    handle.close()
    handle.join(20.0)
    with pytest.raises(MastodonIllegalArgumentError):
        handle.subscribe("user")
    assert ws_server.targets == ws_server.refused == []


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
    assert ws_server.targets == ["/api/v1/streaming?stream=user"] * 2
    assert ws_server.subscribes()[2:] == [
        {"type": "subscribe", "stream": "user"},
        {"type": "subscribe", "stream": "hashtag", "tag": "cats"},
    ]
    ws_server.push(event(["user"], "update", STATUS))
    assert listener.wait_for(lambda: len(listener.events) == 1)
    assert isinstance(listener.aborts[0], MastodonNetworkError)
    assert handle.is_alive()


def test_reconnect_names_a_stream_still_subscribed(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    ws_server.require_stream = True
    listener = Collector()
    handle = open_handle(
        ws_server, handles, listener, reconnect_async=True, reconnect_async_wait_sec=0.05, stream="user"
    )
    handle.subscribe("hashtag", tag="cats")
    handle.unsubscribe("user")
    assert ws_server.wait_for(lambda: len(ws_server.messages) == 3)
    ws_server.connections[0].close()
    assert ws_server.wait_for(lambda: len(ws_server.connections) == 2 and len(ws_server.subscribes()) == 3)
    assert ws_server.targets[1] == "/api/v1/streaming?stream=hashtag&tag=cats"
    assert ws_server.subscribes()[2] == {"type": "subscribe", "stream": "hashtag", "tag": "cats"}
    assert ws_server.refused == []


def test_without_reconnect_a_server_close_ends_the_thread(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    listener = Collector()
    handle = open_handle(ws_server, handles, listener, stream="user")
    assert ws_server.wait_for(lambda: len(ws_server.connections) == 1)
    ws_server.connections[0].close()
    handle.join(20.0)
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


def test_token_in_url_puts_the_token_into_the_address_as_well(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    open_handle(ws_server, handles, Collector(), stream="user", token_in_url=True)
    assert ws_server.targets == [f"/api/v1/streaming?stream=user&access_token={TOKEN}"]
    assert ws_server.headers[0]["Authorization"] == f"Bearer {TOKEN}"


def test_refused_token_raises_the_mapped_error(ws_server: FakeStreamingServer) -> None:
    with pytest.raises(MastodonUnauthorizedError) as caught:
        client(ws_server, token="wrong").stream_open_websocket(Collector(), stream="user")
    assert caught.value.args == ("Mastodon API returned error", 401, "Unauthorized", "The access token is invalid")
    assert caught.value.error == "The access token is invalid"
    assert "-+-+-" not in str(caught.value)


@pytest.mark.parametrize(
    ("status", "body", "error_class", "text"),
    [
        (
            403,
            b"",
            MastodonAPIError,
            "the streaming server refused the WebSocket connection to /api/v1/streaming?stream=user "
            "(HTTP 403 Forbidden)",
        ),
        (404, b'{"error":"Unknown channel requested"}', MastodonNotFoundError, "Unknown channel requested"),
        (503, b"Streaming is down", MastodonError, "Streaming is down"),
    ],
)
def test_a_refused_handshake_names_the_status_and_the_servers_words(
    ws_server: FakeStreamingServer, status: int, body: bytes, error_class: type[Exception], text: str
) -> None:
    ws_server.refuse_with, ws_server.refuse_body = status, body
    with pytest.raises(error_class) as caught:
        client(ws_server, token="wrong").stream_open_websocket(Collector(), stream="user", token_in_url=True)
    error = caught.value
    assert isinstance(error, MastodonAPIError)
    assert error.args[1] == error.status_code == status
    assert error.args[3] == error.error == text
    assert "-+-+-" not in str(error)
    assert "wrong" not in str(error)
    assert error.response is not None
    assert "wrong" not in error.response.url


def test_a_token_with_a_line_break_is_refused_before_the_handshake(ws_server: FakeStreamingServer) -> None:
    with pytest.raises(MastodonIllegalArgumentError) as caught:
        client(ws_server, token=TOKEN + "\r\nX-Extra: 1").stream_open_websocket(Collector(), stream="user")
    assert TOKEN not in str(caught.value)
    assert ws_server.targets == ws_server.refused == []


def test_unreachable_server_raises_a_network_error(ws_server: FakeStreamingServer) -> None:
    api = client(ws_server)
    ws_server.stop()
    with pytest.raises(MastodonNetworkError):
        api.stream_open_websocket(Collector(), stream="user")


def test_a_failed_first_subscription_can_be_tried_again(
    ws_server: FakeStreamingServer, handles: list[WebSocketStreamHandle]
) -> None:
    handle = open_handle(ws_server, handles, Collector())
    ws_server.refuse_with = 503
    with pytest.raises(MastodonError):
        handle.subscribe("user")
    assert handle.subscriptions() == []
    ws_server.refuse_with = None
    handle.subscribe("user")
    assert ws_server.targets == ["/api/v1/streaming?stream=user"]


def test_missing_websocket_client_names_the_extra(
    ws_server: FakeStreamingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "websocket", None)
    with pytest.raises(MastodonError, match=r"mastodon\[websocket\]") as caught:
        client(ws_server).stream_open_websocket(Collector())
    assert isinstance(caught.value, NotImplementedError)
    assert ws_server.targets == ws_server.refused == []
