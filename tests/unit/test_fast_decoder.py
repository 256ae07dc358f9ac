"""The ``speed`` extra: orjson decodes, and the results are the same as with the standard library.

The benchmark suite's generated pages and stream events, odd results and bodies that orjson refuses
are converted with both decoders and compared down to the last level (the recorded contract rows
are compared in ``tests/contract/test_fast_decoder_contract.py``).
"""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import responses

from benchmarks._data import World, dumps
from mastodon import Mastodon, _convert
from mastodon._http import sse
from mastodon.return_types import Account, Notification, Status
from mastodon.types_base import AttribAccessDict, NonPaginatableList, PaginatableList, decode_for, decode_json

orjson = pytest.importorskip("orjson")  # installed by the test extra; the guard keeps the module importable

BASE = "https://mastodon.example"


@pytest.fixture
def fast() -> Iterator[None]:
    _convert.use_fast_decoder(True)
    yield
    _convert.use_fast_decoder(False)


def shape(value: Any) -> Any:
    """Every value with its exact class, all the way down."""
    if isinstance(value, dict):
        return (type(value), {key: shape(item) for key, item in dict.items(value)})
    if isinstance(value, list):
        return (type(value), [shape(item) for item in value])
    return (type(value), value)


def convert_both(body: bytes | str, hint: Any) -> tuple[Any, Any]:
    """``body`` decoded and converted to ``hint`` by the standard library, then by orjson."""
    results = []
    for enabled in (False, True):
        _convert.use_fast_decoder(enabled)
        try:
            value, convert = decode_for(body, hint)
            results.append(convert(value))
        finally:
            _convert.use_fast_decoder(False)
    return results[0], results[1]


# -- the decoder in use ------------------------------------------------------------------------


def test_orjson_is_used_when_installed(fast: None) -> None:
    value, convert = decode_for(b'{"id": "1", "nested": {"a": 1}}', Status)
    assert type(value) is dict  # orjson's plain objects, before conversion
    status = convert(value)
    assert type(status) is Status and type(status["nested"]) is AttribAccessDict


def test_standard_library_without_it() -> None:
    value, convert = decode_for(b'{"id": "1"}', Status)
    assert type(value) is AttribAccessDict
    assert type(convert(value)) is Status


def test_environment_variable_keeps_the_standard_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASTODON_NO_ORJSON", "1")
    _convert.use_fast_decoder(None)
    assert _convert.fast_loads() is None
    monkeypatch.delenv("MASTODON_NO_ORJSON")
    _convert.use_fast_decoder(None)
    assert _convert.fast_loads() is orjson.loads


def test_without_orjson_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MASTODON_NO_ORJSON", raising=False)
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson now raises ImportError
    _convert.use_fast_decoder(None)
    assert _convert.fast_loads() is None
    value, convert = decode_for(b'{"id": "7"}', Status)
    assert type(convert(value)) is Status


# -- the same results --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "hint"),
    [
        (lambda world: world.statuses(40), PaginatableList[Status]),
        (lambda world: world.statuses(1)[0], Status),
        (lambda world: [status["account"] for status in world.statuses(40)], list[Account]),
    ],
    ids=["page", "status", "accounts"],
)
def test_generated_data_is_the_same(make: Any, hint: Any) -> None:
    body = dumps(make(World()))
    standard, fast = convert_both(body, hint)
    assert shape(fast) == shape(standard)
    assert fast == standard
    assert fast.to_json() == standard.to_json()
    assert shape(pickle.loads(pickle.dumps(fast))) == shape(standard)


def test_nested_classes_and_values_with_orjson() -> None:
    body = dumps(World().statuses(3))
    _, page = convert_both(body, PaginatableList[Status])
    status = page[0]
    assert type(page) is PaginatableList and type(status) is Status
    assert type(status.account) is Account and isinstance(status.created_at, datetime)
    assert type(status.media_attachments) is NonPaginatableList
    assert status.account.acct == json.loads(body)[0]["account"]["acct"]


def test_undeclared_fields_are_attribute_dictionaries_all_the_way_down() -> None:
    body = json.dumps(
        {
            "id": "1",
            "pleroma": {"local": True, "emoji_reactions": [{"name": "x", "account": {"id": "2"}}]},
            "account": {"id": "3", "extension": {"deep": {"deeper": 1}}},
            "media_attachments": [{"id": "4", "meta": {"original": {"width": 1}}, "extra": [{"k": {}}]}],
        }
    )
    standard, fast = convert_both(body, Status)
    assert shape(fast) == shape(standard)
    assert type(fast.pleroma) is AttribAccessDict
    assert type(fast.pleroma.emoji_reactions) is list
    assert type(fast.pleroma.emoji_reactions[0].account) is AttribAccessDict
    assert type(fast.account.extension.deep) is AttribAccessDict
    assert type(fast.media_attachments[0].extra[0].k) is AttribAccessDict


@pytest.mark.parametrize("hint", [None, dict, AttribAccessDict, list[str], Notification | list[Notification]])
def test_results_of_other_types_are_the_same(hint: Any) -> None:
    body = '{"id": "1", "type": "mention", "status": {"id": "2", "x": {"y": [{"z": 1}]}}, "list": [{"a": {}}]}'
    standard, fast = convert_both(body, hint)
    assert shape(fast) == shape(standard)


@pytest.mark.parametrize(
    "body",
    [
        b'{"id": "1", "value": NaN}',  # the standard library reads NaN and Infinity; orjson does not
        b'{"id": "1", "text": "\\ud800"}',  # a lone surrogate
        b'\xef\xbb\xbf{"id": "1"}',  # a byte order mark
        '{"id": "1", "text": "\u00e9"}'.encode("utf-16"),  # not UTF-8
        b'{"id": "1", "created_at": "2024-01-02"}',
    ],
    ids=["nan", "surrogate", "bom", "utf-16", "plain"],
)
def test_bodies_orjson_refuses_are_read_as_without_it(body: bytes) -> None:
    standard, fast = convert_both(body, Status)
    assert shape(fast) == shape(standard)


def test_the_two_known_differences() -> None:
    # orjson reads an integer beyond 64 bits as a float; no Mastodon field holds one.
    standard, fast = convert_both(b'{"id": "1", "count": 123456789012345678901234567890}', Status)
    assert standard["count"] == 123456789012345678901234567890
    assert type(fast["count"]) is float
    # An object where the entity declares text or a number is not converted by the entity's
    # converter; the standard library's decoder had made it an attribute dictionary already.
    standard, fast = convert_both(b'{"id": "1", "content": {"a": 1}}', Status)
    assert type(standard["content"]) is AttribAccessDict
    assert type(fast["content"]) is dict and fast["content"] == standard["content"]


@pytest.mark.parametrize("body", [b"", b"{", b"[1,", b"nope", b'{"a": 1} trailing'])
def test_bodies_that_are_not_json_raise_the_same_error(body: bytes, fast: None) -> None:
    with pytest.raises(ValueError) as found:
        decode_for(body, Status)
    with pytest.raises(ValueError) as expected:
        decode_json(body)
    assert type(found.value) is type(expected.value)


def test_api_calls_with_orjson(fast: None, mocked: responses.RequestsMock) -> None:
    body = dumps(World().statuses(5))
    mocked.add(responses.GET, f"{BASE}/api/v1/timelines/home", body=body, content_type="application/json")
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0")
    page = api.timeline_home()
    _convert.use_fast_decoder(False)
    expected = PaginatableList[Status]
    value, convert = decode_for(body, expected)
    assert shape(page) == shape(convert(value))
    assert page._pagination_next is None


def test_api_call_with_an_untyped_result_with_orjson(fast: None, mocked: responses.RequestsMock) -> None:
    mocked.add(responses.GET, f"{BASE}/api/v1/instance", json={"uri": "x", "extra": {"a": [{"b": 1}]}})
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0")
    instance = api.instance_v1()
    assert type(instance.extra) is AttribAccessDict and type(instance.extra.a[0]) is AttribAccessDict


def test_stream_events_with_orjson(fast: None) -> None:
    event = dumps(World().statuses(1)[0]).encode() if isinstance(dumps({}), str) else dumps(World().statuses(1)[0])
    status = sse._reader_for("update")("update", event)
    _convert.use_fast_decoder(False)
    expected = sse._reader_for("update")("update", event)
    assert shape(status) == shape(expected)
    assert type(status) is Status and type(status.account) is Account


def test_stream_event_that_is_not_an_object_is_refused(fast: None) -> None:
    from mastodon.errors import MastodonMalformedEventError

    with pytest.raises(MastodonMalformedEventError):
        sse._reader_for("update")("update", b"[1, 2]")
    with pytest.raises(MastodonMalformedEventError):
        sse._reader_for("update")("update", b"{not json")
