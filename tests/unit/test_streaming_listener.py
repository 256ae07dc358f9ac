"""Listeners: how events are decoded, converted and dispatched."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import requests
import urllib3

from mastodon import CallbackStreamListener, StreamListener
from mastodon.errors import MastodonMalformedEventError, MastodonNetworkError, MastodonReadTimeout
from mastodon.return_types import Announcement, Conversation, Notification, Status, StreamReaction
from mastodon.types_base import AttribAccessDict

STATUS = {
    "id": "110",
    "created_at": "2024-05-01T12:00:00.000Z",
    "content": "<p>hi</p>",
    "account": {"id": "7", "acct": "alice", "username": "alice"},
    "media_attachments": [],
}
REMOTE_STATUS = {**STATUS, "id": "111", "account": {"id": "8", "acct": "bob@elsewhere.example"}}
NOTIFICATION = {"id": "5", "type": "mention", "created_at": "2024-05-01T12:00:00Z", "status": STATUS}
CONVERSATION = {"id": "9", "unread": True, "accounts": [STATUS["account"]], "last_status": STATUS}
ANNOUNCEMENT = {"id": "3", "content": "<p>news</p>", "published_at": "2024-05-01T12:00:00Z"}
REACTION = {"name": "👍", "count": 2, "announcement_id": "3"}


def sse(name: str | None, data: Any = None, raw: bytes | None = None) -> bytes:
    """One SSE event; ``data`` is JSON-encoded unless ``raw`` bytes are given."""
    lines = []
    if name is not None:
        lines.append(b"event: " + name.encode())
    if raw is not None:
        lines.append(b"data: " + raw)
    elif data is not None:
        lines.append(b"data: " + json.dumps(data).encode())
    return b"\n".join(lines) + b"\n\n"


class FakeResponse:
    """Enough of a ``requests.Response`` for the reader: chunks, then the end or an error."""

    raw = None

    def __init__(self, *chunks: bytes, error: BaseException | None = None) -> None:
        self.chunks = chunks
        self.error = error
        self.closed = False

    def iter_content(self, chunk_size: int) -> Iterator[bytes]:
        assert chunk_size >= 1024
        yield from self.chunks
        if self.error is not None:
            raise self.error

    def close(self) -> None:
        self.closed = True


class Recorder(StreamListener):
    """Records every call, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def on_any_event(self, name: str, data: Any = None) -> None:
        self.calls.append(("any", name, data))

    def on_update(self, status: Status) -> None:
        self.calls.append(("update", status))

    def on_status_update(self, status: Status) -> None:
        self.calls.append(("status_update", status))

    def on_delete(self, status_id: Any) -> None:
        self.calls.append(("delete", status_id))

    def on_notification(self, notification: Notification) -> None:
        self.calls.append(("notification", notification))

    def on_conversation(self, conversation: Conversation) -> None:
        self.calls.append(("conversation", conversation))

    def on_announcement(self, annoucement: Announcement) -> None:
        self.calls.append(("announcement", annoucement))

    def on_announcement_reaction(self, reaction: StreamReaction) -> None:
        self.calls.append(("announcement_reaction", reaction))

    def on_announcement_delete(self, annoucement_id: Any) -> None:
        self.calls.append(("announcement_delete", annoucement_id))

    def on_filters_changed(self) -> None:
        self.calls.append(("filters_changed",))

    def on_notifications_merged(self) -> None:
        self.calls.append(("notifications_merged",))

    def on_encrypted_message(self, unclear: Any) -> None:
        self.calls.append(("encrypted_message", unclear))

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        self.calls.append(("unknown", name, unknown_event))

    def on_abort(self, err: Exception) -> None:
        self.calls.append(("abort", err))

    def handle_heartbeat(self) -> None:
        self.calls.append(("heartbeat",))


def run(listener: StreamListener, *chunks: bytes, error: BaseException | None = None) -> None:
    listener.handle_stream(FakeResponse(*chunks, error=error))  # type: ignore[arg-type]


def test_any_event_comes_first_then_the_event_method() -> None:
    listener = Recorder()
    run(listener, sse("update", STATUS))
    assert [call[0] for call in listener.calls] == ["any", "update"]
    assert listener.calls[0][1] == "update"
    assert listener.calls[0][2] is listener.calls[1][1]


def test_update_payload_is_a_status_with_typed_fields() -> None:
    listener = Recorder()
    run(listener, sse("update", STATUS))
    status = listener.calls[1][1]
    assert isinstance(status, Status)
    assert status.account.acct == "alice"
    assert status["account"]["acct"] == "alice"
    assert isinstance(status.created_at, datetime)
    assert status.created_at.tzinfo is not None


@pytest.mark.parametrize(
    ("event", "payload", "method", "cls"),
    [
        ("status.update", STATUS, "status_update", Status),
        ("notification", NOTIFICATION, "notification", Notification),
        ("conversation", CONVERSATION, "conversation", Conversation),
        ("announcement", ANNOUNCEMENT, "announcement", Announcement),
        ("announcement.reaction", REACTION, "announcement_reaction", StreamReaction),
        ("encrypted_message", {"ciphertext": "abc"}, "encrypted_message", AttribAccessDict),
    ],
)
def test_each_event_reaches_its_method_as_its_type(event: str, payload: Any, method: str, cls: type) -> None:
    listener = Recorder()
    run(listener, sse(event, payload))
    assert listener.calls[0][:2] == ("any", event)
    assert listener.calls[1][0] == method
    assert isinstance(listener.calls[1][1], cls)
    assert listener.calls[1][1] == listener.calls[0][2]


def test_notification_status_is_converted_too() -> None:
    listener = Recorder()
    run(listener, sse("notification", NOTIFICATION))
    notification = listener.calls[1][1]
    assert isinstance(notification.status, Status)
    assert isinstance(notification.status.created_at, datetime)


@pytest.mark.parametrize("raw", [b"109876543210987654", b'"109876543210987654"', b" 109876543210987654 "])
@pytest.mark.parametrize(("event", "method"), [("delete", "delete"), ("announcement.delete", "announcement_delete")])
def test_id_events_give_the_id_as_a_string(raw: bytes, event: str, method: str) -> None:
    listener = Recorder()
    run(listener, sse(event, raw=raw))
    assert listener.calls == [("any", event, "109876543210987654"), (method, "109876543210987654")]
    assert type(listener.calls[1][1]) is str


def test_delete_with_a_non_numeric_id_is_kept_as_text() -> None:
    listener = Recorder()
    run(listener, sse("delete", raw=b"AbC123xyz"))
    assert listener.calls[1] == ("delete", "AbC123xyz")


@pytest.mark.parametrize("event", ["filters_changed", "notifications_merged"])
@pytest.mark.parametrize("raw", [None, b"undefined", b"{}"])
def test_events_without_payload_call_the_method_without_arguments(event: str, raw: bytes | None) -> None:
    listener = Recorder()
    run(listener, sse(event, raw=raw))
    assert listener.calls == [("any", event, None), (event,)]


@pytest.mark.parametrize("chunk", [sse("delete"), sse("delete", raw=b'"unterminated'), sse("delete", raw=b"  ")])
def test_id_events_without_a_usable_id_are_malformed(chunk: bytes) -> None:
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError) as caught:
        run(listener, chunk)
    assert listener.calls == [("abort", caught.value)]


def test_unknown_event_without_data_passes_none() -> None:
    listener = Recorder()
    run(listener, sse("ping"))
    assert listener.calls == [("any", "ping", None), ("unknown", "ping", None)]


def test_unknown_event_goes_to_on_unknown_event_after_on_any_event() -> None:
    listener = Recorder()
    run(listener, sse("shiny.new", {"x": 1}))
    assert listener.calls[0] == ("any", "shiny.new", {"x": 1})
    assert listener.calls[1][:2] == ("unknown", "shiny.new")
    assert listener.calls[1][2].x == 1


def test_unknown_event_with_text_payload_is_passed_as_text() -> None:
    listener = Recorder()
    run(listener, sse("shiny", raw=b"not json"))
    assert listener.calls[1] == ("unknown", "shiny", "not json")


@pytest.mark.parametrize("name", ["any_event", "abort", "unknown_event", "websocket_error"])
def test_event_names_that_match_listener_plumbing_are_unknown(name: str) -> None:
    listener = Recorder()
    run(listener, sse(name, {"x": 1}))
    assert listener.calls[1][:2] == ("unknown", name)


def test_heartbeats_call_handle_heartbeat_in_order() -> None:
    listener = Recorder()
    run(listener, b":)\n", sse("delete", raw=b"1"), b":thump\n")
    assert [call[0] for call in listener.calls] == ["heartbeat", "any", "delete", "heartbeat"]


def test_bad_json_reaches_on_abort_and_is_raised() -> None:
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError) as caught:
        run(listener, sse("update", raw=b"{not json"), sse("delete", raw=b"2"))
    assert listener.calls == [("abort", caught.value)]
    assert caught.value.args[0] == "Bad JSON"


@pytest.mark.parametrize("chunk", [sse("update"), sse("notification", raw=b"[1, 2]"), sse(None, {"x": 1})])
def test_malformed_events_reach_on_abort_and_are_raised(chunk: bytes) -> None:
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError) as caught:
        run(listener, chunk)
    assert listener.calls == [("abort", caught.value)]


def test_event_cut_by_the_end_of_the_stream_is_dropped() -> None:
    listener = Recorder()
    run(listener, sse("delete", raw=b"1"), b'event: update\ndata: {"id": ')
    assert [call[0] for call in listener.calls] == ["any", "delete"]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (requests.exceptions.ChunkedEncodingError("cut"), MastodonNetworkError),
        (requests.exceptions.ConnectionError("reset"), MastodonNetworkError),
        (ConnectionResetError("reset"), MastodonNetworkError),
        (urllib3.exceptions.ProtocolError("InvalidChunkLength"), MastodonNetworkError),
        (requests.exceptions.ReadTimeout("slow"), MastodonReadTimeout),
        (
            requests.exceptions.ConnectionError(urllib3.exceptions.ReadTimeoutError(None, "/", "read timed out")),
            MastodonReadTimeout,
        ),
    ],
)
def test_transport_errors_reach_on_abort_and_are_raised(error: BaseException, expected: type) -> None:
    listener = Recorder()
    with pytest.raises(expected) as caught:
        run(listener, sse("delete", raw=b"1"), error=error)
    assert type(caught.value) is expected
    assert caught.value.__cause__ is error
    assert listener.calls[-1] == ("abort", caught.value)
    assert [call[0] for call in listener.calls[:2]] == ["any", "delete"]


def test_exceptions_from_the_listener_propagate_unchanged_without_on_abort() -> None:
    class Failing(Recorder):
        def on_update(self, status: Status) -> None:
            raise KeyError("mine")

    listener = Failing()
    with pytest.raises(KeyError, match="mine"):
        run(listener, sse("update", STATUS))
    assert [call[0] for call in listener.calls] == ["any"]


def test_handlers_with_for_stream_receive_it() -> None:
    seen: list[tuple[Any, ...]] = []

    class WithStream(StreamListener):
        def on_any_event(self, name: str, data: Any = None, for_stream: Any = None) -> None:
            seen.append(("any", name, for_stream))

        def on_update(self, status: Status, for_stream: Any = None) -> None:
            seen.append(("update", status.id, for_stream))

        def on_filters_changed(self, for_stream: Any = None) -> None:
            seen.append(("filters", for_stream))

        def on_unknown_event(self, name: str, unknown_event: Any = None, for_stream: Any = None) -> None:
            seen.append(("unknown", name, for_stream))

    listener = WithStream()
    run(listener, sse("update", STATUS), sse("filters_changed"))
    listener.handle_websocket_message({"stream": ["user"], "event": "update", "payload": json.dumps(STATUS)})
    listener.handle_websocket_message({"stream": ["user"], "event": "odd", "payload": "1"})
    assert seen == [
        ("any", "update", None),
        ("update", "110", None),
        ("any", "filters_changed", None),
        ("filters", None),
        ("any", "update", ["user"]),
        ("update", "110", ["user"]),
        ("any", "odd", ["user"]),
        ("unknown", "odd", ["user"]),
    ]


def test_websocket_message_without_event_is_malformed() -> None:
    listener = Recorder()
    with pytest.raises(MastodonMalformedEventError):
        listener.handle_websocket_message({"stream": ["user"], "payload": "{}"})
    assert listener.calls[0][0] == "abort"


def test_filters_changed_handler_that_wants_an_argument_gets_none() -> None:
    seen: list[Any] = []

    class OneArgument(StreamListener):
        def on_filters_changed(self, payload: Any) -> None:  # type: ignore[override]
            seen.append(payload)

    run(OneArgument(), sse("filters_changed"))
    assert seen == [None]


def test_a_plain_listener_ignores_every_event() -> None:
    events = [sse(name, payload) for name, payload in [("update", STATUS), ("notification", NOTIFICATION)]]
    run(StreamListener(), b":)\n", *events, sse("delete", raw=b"1"), sse("whatever", {"a": 1}))


def test_stream_listener_offers_every_reference_callback() -> None:
    expected = {
        "on_update": ["status"],
        "on_status_update": ["status"],
        "on_delete": ["status_id"],
        "on_notification": ["notification"],
        "on_filters_changed": [],
        "on_conversation": ["conversation"],
        "on_announcement": ["annoucement"],
        "on_announcement_reaction": ["reaction"],
        "on_announcement_delete": ["annoucement_id"],
        "on_encrypted_message": ["unclear"],
        "on_notifications_merged": [],
        "on_websocket_error": ["error", "for_stream"],
        "on_abort": ["err"],
        "on_unknown_event": ["name", "unknown_event"],
        "handle_heartbeat": [],
        "on_any_event": ["name", "data", "for_stream"],
        "handle_stream": ["response"],
        "handle_websocket_message": ["message"],
    }
    for method, params in expected.items():
        assert list(inspect.signature(getattr(StreamListener, method)).parameters)[1:] == params, method


# -- CallbackStreamListener -------------------------------------------------------------------


def test_callback_listener_keeps_the_reference_parameter_names() -> None:
    # The reference's parameters, in its order, then the lifecycle handlers of this library.
    assert list(inspect.signature(CallbackStreamListener).parameters) == [
        "update_handler",
        "local_update_handler",
        "delete_handler",
        "notification_handler",
        "conversation_handler",
        "unknown_event_handler",
        "status_update_handler",
        "filters_changed_handler",
        "announcement_handler",
        "announcement_reaction_handler",
        "announcement_delete_handler",
        "encryted_message_handler",
        "notifications_merged_handler",
        "stream_error_handler",
        "connected_handler",
        "disconnected_handler",
        "reconnecting_handler",
        "gap_handler",
    ]
    assert all(p.default is None for p in inspect.signature(CallbackStreamListener).parameters.values())


def test_callback_listener_calls_each_handler() -> None:
    got: list[tuple[Any, ...]] = []
    listener = CallbackStreamListener(
        update_handler=lambda s: got.append(("update", s.id)),
        local_update_handler=lambda s: got.append(("local", s.id)),
        delete_handler=lambda i: got.append(("delete", i)),
        notification_handler=lambda n: got.append(("notification", n.id)),
        conversation_handler=lambda c: got.append(("conversation", c.id)),
        unknown_event_handler=lambda name, payload: got.append(("unknown", name, payload)),
        status_update_handler=lambda s: got.append(("status_update", s.id)),
        filters_changed_handler=lambda: got.append(("filters_changed",)),
        announcement_handler=lambda a: got.append(("announcement", a.id)),
        announcement_reaction_handler=lambda r: got.append(("reaction", r.name)),
        announcement_delete_handler=lambda i: got.append(("announcement_delete", i)),
        encryted_message_handler=lambda m: got.append(("encrypted", m["ciphertext"])),
        notifications_merged_handler=lambda: got.append(("merged",)),
        stream_error_handler=lambda error, stream: got.append(("error", error, stream)),
    )
    run(
        listener,
        sse("update", STATUS),
        sse("update", REMOTE_STATUS),
        sse("delete", raw=b"12"),
        sse("notification", NOTIFICATION),
        sse("conversation", CONVERSATION),
        sse("odd", [1]),
        sse("status.update", STATUS),
        sse("filters_changed"),
        sse("announcement", ANNOUNCEMENT),
        sse("announcement.reaction", REACTION),
        sse("announcement.delete", raw=b"3"),
        sse("encrypted_message", {"ciphertext": "zz"}),
        sse("notifications_merged"),
    )
    listener.on_websocket_error("refused", ["list", "4"])
    assert got == [
        ("update", "110"),
        ("local", "110"),
        ("update", "111"),
        ("delete", "12"),
        ("notification", "5"),
        ("conversation", "9"),
        ("unknown", "odd", [1]),
        ("status_update", "110"),
        ("filters_changed",),
        ("announcement", "3"),
        ("reaction", "👍"),
        ("announcement_delete", "3"),
        ("encrypted", "zz"),
        ("merged",),
        ("error", "refused", ["list", "4"]),
    ]


def test_callback_listener_without_handlers_ignores_everything() -> None:
    run(CallbackStreamListener(), sse("update", STATUS), sse("filters_changed"), sse("x", {}))


def test_local_update_handler_rejects_an_update_without_account() -> None:
    listener = CallbackStreamListener(local_update_handler=lambda s: None)
    with pytest.raises(MastodonMalformedEventError):
        run(listener, sse("update", {"id": "1"}))


class OnlyIterContent:
    """A response-like object with nothing but ``iter_content``, as Mastodon.py reads a stream."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = chunks
        self.sizes: list[int] = []

    def iter_content(self, chunk_size: int = 1) -> Iterator[bytes]:
        self.sizes.append(chunk_size)
        yield from self.chunks


def test_handle_stream_reads_an_object_with_only_iter_content() -> None:
    listener = Recorder()
    body = sse("update", STATUS) + b":thump\n" + sse("delete", raw=b"110")
    response = OnlyIterContent(body[:7], body[7:50], body[50:])
    listener.handle_stream(response)  # type: ignore[arg-type]
    assert [call[0] for call in listener.calls] == ["any", "update", "heartbeat", "any", "delete"]
    assert listener.calls[1][1].id == "110" and listener.calls[4] == ("delete", "110")
    assert response.sizes and all(size >= 1024 for size in response.sizes)
