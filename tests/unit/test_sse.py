"""The SSE parser, fed byte chunks cut anywhere."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon._http.sse import ChunkedBodyError, ChunkedDecoder, SSEComment, SSEEvent, SSEParser
from mastodon.errors import MastodonMalformedEventError


def parse(*chunks: bytes) -> list[SSEEvent | SSEComment]:
    parser = SSEParser()
    out: list[SSEEvent | SSEComment] = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    return out


def test_event_with_name_and_data() -> None:
    assert parse(b'event: update\ndata: {"id": "1"}\n\n') == [SSEEvent("update", b'{"id": "1"}', None)]


def test_comment_lines_are_reported_as_heartbeats() -> None:
    assert parse(b":)\n:thump\n") == [SSEComment(b")"), SSEComment(b"thump")]


def test_heartbeats_keep_their_place_between_events() -> None:
    items = parse(b"event: delete\ndata: 1\n\n:thump\nevent: delete\ndata: 2\n\n")
    assert items == [SSEEvent("delete", b"1", None), SSEComment(b"thump"), SSEEvent("delete", b"2", None)]


def test_multi_line_data_is_joined_with_newlines() -> None:
    assert parse(b"event: x\ndata: first\ndata: second\ndata:\ndata: fourth\n\n") == [
        SSEEvent("x", b"first\nsecond\n\nfourth", None)
    ]


def test_only_one_space_after_the_colon_is_removed() -> None:
    assert parse(b"event:update\ndata:  two spaces\n\n") == [SSEEvent("update", b" two spaces", None)]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_every_kind_of_line_ending(newline: bytes) -> None:
    body = newline.join([b":hi", b"event: update", b"data: a", b"data: b", b"", b""])
    assert parse(body) == [SSEComment(b"hi"), SSEEvent("update", b"a\nb", None)]


def test_crlf_split_between_chunks_is_one_line_break() -> None:
    # A CR at the end of one chunk and the LF at the start of the next must not make a blank
    # line (which would end the event early).
    assert parse(b"event: update\r", b"\ndata: x\r", b"\n\r", b"\n") == [SSEEvent("update", b"x", None)]


def test_event_cut_by_the_end_of_the_body_is_not_delivered() -> None:
    parser = SSEParser()
    assert parser.feed(b'event: update\ndata: {"id": 1') == []
    assert parser.pending()
    assert parser.feed(b"}\n") == []
    assert parser.pending()


def test_event_without_blank_line_is_held_back() -> None:
    parser = SSEParser()
    assert parser.feed(b"event: update\ndata: 1\n") == []
    assert parser.feed(b"\n") == [SSEEvent("update", b"1", None)]
    assert not parser.pending()


def test_id_persists_and_retry_is_recorded() -> None:
    parser = SSEParser()
    items = parser.feed(b"id: 7\nretry: 2500\nevent: a\ndata: 1\n\nevent: b\ndata: 2\n\n")
    assert items == [SSEEvent("a", b"1", "7"), SSEEvent("b", b"2", "7")]
    assert parser.last_event_id == "7"
    assert parser.retry_ms == 2500


def test_id_with_nul_and_bad_retry_are_ignored() -> None:
    parser = SSEParser()
    parser.feed(b"id: 1\nid: a\x00b\nretry: soon\nevent: a\ndata: x\n\n")
    assert parser.last_event_id == "1"
    assert parser.retry_ms is None


def test_unknown_fields_and_lines_without_colon_are_ignored() -> None:
    assert parse(b"event: a\nfoo: bar\njunk\ndata: x\n\n") == [SSEEvent("a", b"x", None)]


def test_blank_lines_without_fields_dispatch_nothing() -> None:
    assert parse(b"\n\n\nid: 3\n\n") == []


def test_event_name_without_data_is_delivered_with_none() -> None:
    # Mastodon's filters_changed may come without a payload at all.
    assert parse(b"event: filters_changed\n\n") == [SSEEvent("filters_changed", None, None)]


def test_data_without_event_name_has_name_none() -> None:
    assert parse(b"data: x\n\n") == [SSEEvent(None, b"x", None)]


def test_reset_forgets_the_half_event_but_keeps_the_id() -> None:
    parser = SSEParser()
    parser.feed(b"id: 9\n\nevent: a\ndata: par")
    parser.reset()
    assert not parser.pending()
    assert parser.feed(b"tial\n\nevent: b\ndata: y\n\n") == [SSEEvent("b", b"y", "9")]


def test_a_line_beyond_the_limit_is_an_error() -> None:
    parser = SSEParser(max_line_bytes=16)
    parser.feed(b"data: 0123456")
    with pytest.raises(MastodonMalformedEventError):
        parser.feed(b"789abcdef")


def test_long_lines_within_the_limit_in_many_pieces() -> None:
    parser = SSEParser()
    payload = b"x" * 100_000
    items = []
    items += parser.feed(b"event: big\ndata: ")
    for start in range(0, len(payload), 997):
        items += parser.feed(payload[start : start + 997])
    items += parser.feed(b"\n\n")
    assert items == [SSEEvent("big", payload, None)]


def test_utf8_in_names_and_data_is_kept() -> None:
    text = "Grüße 🐘".encode()
    assert parse(b"event: " + text + b"\ndata: " + text + b"\n\n") == [SSEEvent("Grüße 🐘", text, None)]


def test_empty_chunks_do_nothing() -> None:
    parser = SSEParser()
    assert parser.feed(b"") == []
    assert not parser.pending()


# -- property: any cut of the body gives the same result ------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"),
    max_size=30,
)
_event = st.tuples(
    st.sampled_from(["update", "delete", "status.update", "notification"]),
    st.lists(_text, min_size=1, max_size=3),
)
_item = st.one_of(_event, _text.map(lambda comment: ("comment", comment)))


def _render(items: list[tuple[str, object]], newline: bytes) -> tuple[bytes, list[SSEEvent | SSEComment]]:
    body = b""
    expected: list[SSEEvent | SSEComment] = []
    for kind, value in items:
        if kind == "comment":
            assert isinstance(value, str)
            body += b":" + value.encode() + newline
            expected.append(SSEComment(value.encode()))
        else:
            assert isinstance(value, list)
            lines = [b"event: " + kind.encode()] + [b"data: " + part.encode() for part in value]
            body += newline.join(lines) + newline + newline
            expected.append(SSEEvent(kind, b"\n".join(part.encode() for part in value), None))
    return body, expected


@settings(max_examples=300, deadline=None)
@given(
    items=st.lists(_item, max_size=8),
    newline=st.sampled_from([b"\n", b"\r\n", b"\r"]),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=12),
)
def test_any_chunking_gives_the_same_items(items: list[tuple[str, object]], newline: bytes, cuts: list[int]) -> None:
    body, expected = _render(items, newline)
    points = sorted({cut % (len(body) + 1) for cut in cuts})
    chunks = [body[a:b] for a, b in zip([0, *points], [*points, len(body)], strict=True)]
    assert parse(*chunks) == expected
    assert parse(*(body[i : i + 1] for i in range(len(body)))) == expected


@settings(max_examples=200, deadline=None)
@given(body=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=400))
def test_arbitrary_bytes_never_crash_and_chunking_does_not_matter(body: bytes, cut: int) -> None:
    cut %= len(body) + 1
    whole = parse(body)
    assert parse(body[:cut], body[cut:]) == whole
    for item in whole:
        assert isinstance(item, (SSEEvent, SSEComment))


@settings(max_examples=200, deadline=None)
@given(items=st.lists(_event, min_size=1, max_size=5), drop=st.integers(min_value=1, max_value=10_000))
def test_a_body_cut_short_delivers_only_whole_events(items: list[tuple[str, object]], drop: int) -> None:
    body, expected = _render(items, b"\n")
    cut = len(body) - 1 - (drop % len(body))
    delivered = parse(body[:cut])
    # What arrives is a prefix of what the whole body holds, and never a half event.
    assert delivered == expected[: len(delivered)]
    assert len(delivered) < len(expected)


# -- chunked transfer coding ----------------------------------------------------------------


def frame(*chunks: bytes, extension: bytes = b"") -> bytes:
    return b"".join(b"%x%s\r\n%s\r\n" % (len(c), extension, c) for c in chunks) + b"0\r\n\r\n"


def unframe(*pieces: bytes) -> tuple[bytes, bool]:
    decoder = ChunkedDecoder()
    return b"".join(decoder.feed(piece) for piece in pieces), decoder.done


def test_chunked_body_is_unframed() -> None:
    assert unframe(frame(b"event: a\n", b"data: 1\n\n")) == (b"event: a\ndata: 1\n\n", True)


def test_chunk_extensions_and_upper_case_sizes() -> None:
    body = b"A;name=value\r\n0123456789\r\n0\r\n\r\n"
    assert unframe(body) == (b"0123456789", True)
    assert unframe(frame(b"xyz", extension=b" ; ext")) == (b"xyz", True)


def test_bytes_after_the_last_chunk_are_ignored() -> None:
    assert unframe(frame(b"ab") + b"Trailer: x\r\n\r\n", b"5\r\nhello\r\n") == (b"ab", True)


def test_unfinished_body_is_not_done() -> None:
    body = frame(b"abcdef")
    assert unframe(body[:-5]) == (b"abcdef", False)


@pytest.mark.parametrize("body", [b"zz\r\nab\r\n", b"-5\r\nabcde\r\n", b"1" * 2000])
def test_broken_framing_is_an_error(body: bytes) -> None:
    with pytest.raises(ChunkedBodyError):
        ChunkedDecoder().feed(body)


@settings(max_examples=300, deadline=None)
@given(
    chunks=st.lists(st.binary(min_size=1, max_size=300), max_size=8),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=10),
)
def test_unframing_does_not_depend_on_how_reads_are_cut(chunks: list[bytes], cuts: list[int]) -> None:
    body = frame(*chunks)
    points = sorted({cut % (len(body) + 1) for cut in cuts})
    pieces = [body[a:b] for a, b in zip([0, *points], [*points, len(body)], strict=True)]
    assert unframe(*pieces) == (b"".join(chunks), True)
    assert unframe(*(body[i : i + 1] for i in range(len(body)))) == (b"".join(chunks), True)
