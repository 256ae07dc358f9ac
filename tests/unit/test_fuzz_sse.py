"""Fuzzing the streaming pipeline: random bytes, cut anywhere, through the parser, the unframer and the dispatcher."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon._http.sse import (
    TRANSPORT_ERRORS,
    ChunkedBodyError,
    ChunkedDecoder,
    Dispatcher,
    SSEComment,
    SSEEvent,
    SSEParser,
    pump,
    transport_error,
)
from mastodon.errors import MastodonMalformedEventError, MastodonNetworkError
from mastodon.streaming import StreamListener
from mastodon.types_base import AttribAccessDict

_EVENT_NAMES = [
    "update",
    "status.update",
    "delete",
    "notification",
    "conversation",
    "announcement",
    "announcement.reaction",
    "announcement.delete",
    "filters_changed",
    "notifications_merged",
    "encrypted_message",
    "any_event",
    "abort",
    "unknown_event",
    "something.new",
]
_payload = st.one_of(
    st.binary(max_size=60),
    st.builds(lambda d: json.dumps(d).encode(), st.dictionaries(st.text(max_size=6), st.integers(), max_size=3)),
    st.sampled_from([b'{"id": "1", "content": "<p>x</p>"}', b"123", b'"123"', b"[]", b"null", b"", b'{"id":']),
)
# Lines as a stream server sends them, and the debris of broken ones.
_line = st.one_of(
    st.sampled_from(_EVENT_NAMES).map(lambda name: b"event: " + name.encode()),
    _payload.map(lambda data: b"data: " + data.replace(b"\n", b" ").replace(b"\r", b" ")),
    st.sampled_from([b":thump", b"", b"id: 5", b"retry: 100", b"retry: x", b"event:", b"data", b":", b"bogus: 1"]),
    st.binary(max_size=30),
)
_newline = st.sampled_from([b"\n", b"\r\n", b"\r"])


@st.composite
def _stream_body(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(_line, max_size=12))
    newline = draw(_newline)
    return newline.join(lines) + draw(st.sampled_from([b"", newline, newline * 2]))


def _cut(body: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({cut % (len(body) + 1) for cut in cuts})
    pieces, start = [], 0
    for point in [*points, len(body)]:
        pieces.append(body[start:point])
        start = point
    return pieces


class _Recorder(StreamListener):
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []
        self.aborts: list[Exception] = []
        self.heartbeats = 0

    def on_any_event(self, name: str, data: Any = None, for_stream: Any = None) -> None:
        self.events.append((name, data))

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        assert isinstance(name, str)

    def on_abort(self, err: Exception) -> None:
        self.aborts.append(err)

    def handle_heartbeat(self) -> None:
        self.heartbeats += 1


class _Raw:
    """A response body that hands out given pieces, then ends or fails."""

    chunked = False

    def __init__(self, pieces: list[bytes], failure: BaseException | None) -> None:
        self._pieces = iter(pieces)
        self._failure = failure

    def read1(self, amount: int, decode_content: bool = True) -> bytes:
        for piece in self._pieces:
            if piece:
                return piece
        if self._failure is not None:
            raise self._failure
        return b""


def _response(pieces: list[bytes], failure: BaseException | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response.raw = _Raw(pieces, failure)
    return response


@settings(max_examples=150, deadline=None)
@given(body=st.one_of(_stream_body(), st.binary(max_size=300)), cuts=st.lists(st.integers(0, 400), max_size=8))
def test_parser_takes_any_bytes_cut_anywhere(body: bytes, cuts: list[int]) -> None:
    parser = SSEParser(max_line_bytes=64)
    items = []
    try:
        for piece in _cut(body, cuts):
            items.extend(parser.feed(piece))
    except MastodonMalformedEventError:
        return  # a line beyond the limit: the one error the parser may raise
    for item in items:
        assert isinstance(item, (SSEEvent, SSEComment))
        if isinstance(item, SSEEvent):
            assert item.name is None or isinstance(item.name, str)
            assert item.data is None or isinstance(item.data, bytes)


@settings(max_examples=100, deadline=None)
@given(
    body=_stream_body(),
    cuts=st.lists(st.integers(0, 400), max_size=6),
    failure=st.sampled_from([None, requests.ConnectionError("reset"), OSError("gone"), ValueError("bad chunk")]),
)
def test_pump_delivers_events_or_raises_mastodon_errors(
    body: bytes, cuts: list[int], failure: BaseException | None
) -> None:
    listener = _Recorder()
    try:
        pump(listener, _response(_cut(body, cuts), failure))
    except (MastodonMalformedEventError, MastodonNetworkError) as error:
        assert listener.aborts and listener.aborts[-1] is error, "on_abort hears of the error first"
    else:
        assert failure is None and not listener.aborts
    for name, _data in listener.events:
        assert isinstance(name, str)


@settings(max_examples=150, deadline=None)
@given(
    name=st.one_of(st.none(), st.sampled_from(_EVENT_NAMES), st.text(max_size=15)), data=st.one_of(st.none(), _payload)
)
def test_dispatch_of_any_event_calls_the_listener_or_raises_a_malformed_event_error(
    name: str | None, data: bytes | None
) -> None:
    listener = _Recorder()
    try:
        Dispatcher(listener).dispatch(name, data)
    except MastodonMalformedEventError as error:
        assert listener.aborts == [error]
        return
    assert len(listener.events) == 1 and listener.events[0][0] == name
    if name in ("update", "status.update", "notification", "conversation", "announcement"):
        assert isinstance(listener.events[0][1], AttribAccessDict)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300), cuts=st.lists(st.integers(0, 300), max_size=6))
def test_unframing_any_bytes_gives_payload_or_a_chunked_body_error(data: bytes, cuts: list[int]) -> None:
    decoder = ChunkedDecoder()
    total = 0
    try:
        for piece in _cut(data, cuts):
            total += len(decoder.feed(piece))
    except ChunkedBodyError as error:
        assert isinstance(transport_error(error), MastodonNetworkError)
        return
    assert total <= len(data)


@settings(max_examples=60, deadline=None)
@given(
    chunks=st.lists(st.binary(min_size=1, max_size=40), max_size=6),
    cuts=st.lists(st.integers(0, 400), max_size=6),
    extension=st.sampled_from([b"", b";x=1", b" ", b";"]),
)
def test_well_framed_bodies_unframe_to_their_payload(chunks: list[bytes], cuts: list[int], extension: bytes) -> None:
    framed = b"".join(b"%x%s\r\n%s\r\n" % (len(chunk), extension, chunk) for chunk in chunks) + b"0\r\n\r\n"
    decoder = ChunkedDecoder()
    out = b"".join(decoder.feed(piece) for piece in _cut(framed, cuts))
    assert out == b"".join(chunks)
    assert decoder.done


@pytest.mark.parametrize(
    "error",
    [
        requests.ConnectionError("reset"),
        requests.exceptions.ChunkedEncodingError("broken"),
        requests.ReadTimeout("slow"),
        OSError("gone"),
        ValueError("bad"),
        ChunkedBodyError("short"),
    ],
)
def test_every_transport_error_maps_to_a_network_error(error: BaseException) -> None:
    assert isinstance(error, TRANSPORT_ERRORS)
    assert isinstance(transport_error(error), MastodonNetworkError)


def test_a_deeply_nested_payload_is_a_malformed_event() -> None:
    listener = _Recorder()
    with pytest.raises(MastodonMalformedEventError):
        Dispatcher(listener).dispatch("update", b"[" * 100_000 + b"]" * 100_000)


def test_a_deeply_nested_payload_of_an_unknown_event_arrives_as_text() -> None:
    # Unknown events may carry anything; what cannot be read as JSON reaches the listener as text.
    listener = _Recorder()
    payload = b"[" * 100_000 + b"]" * 100_000
    Dispatcher(listener).dispatch("something.new", payload)
    assert listener.events == [("something.new", payload.decode())]
