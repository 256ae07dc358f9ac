"""Results read as Mastodon.py 2.3.3's do: absent fields, odd values, nested classes and IDs."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from mastodon import _convert
from mastodon.return_types import (
    Account,
    Collection,
    CredentialAccountSource,
    CredentialAccountState,
    MediaAttachmentFocusPoint,
    MediaAttachmentImageMetadata,
    SearchV2,
    ShallowTag,
    Status,
    Tag,
)
from mastodon.types_base import AttribAccessDict, Entity, MaybeSnowflakeIdType, NonPaginatableList, decode_json


def convert(rtype: Any, document: Any) -> Any:
    return _convert.converter_for(rtype)(decode_json(json.dumps(document)))


def test_fields_a_server_leaves_out_read_none_at_every_level() -> None:
    # What Takahē or GoToSocial send: fewer fields than Mastodon.
    status = convert(Status, {"id": "1", "content": "hi", "account": {"id": "2", "acct": "a"}, "media_attachments": []})
    assert status["application"] is None and status.application is None
    assert "application" in status and "uri" in status.account
    assert status.account["uri"] is None and status.account.moved is None
    assert "not_a_field" not in status
    with pytest.raises(KeyError):
        status["not_a_field"]
    # What was sent is what is stored.
    assert set(status.keys()) == {"id", "content", "account", "media_attachments"}


def test_an_empty_date_is_none_and_a_date_that_cannot_be_read_is_kept() -> None:
    status = convert(Status, {"id": "1", "created_at": "", "edited_at": "  ", "account": {"id": "2", "created_at": ""}})
    assert status.created_at is None and status.edited_at is None and status.account.created_at is None
    assert convert(Status, {"id": "1", "created_at": "soon"}).created_at == "soon"


def test_a_declared_float_sent_as_an_int_is_a_float() -> None:
    media = {"id": "1", "type": "image", "meta": {"focus": {"x": 0, "y": -1}, "original": {"aspect": 2, "width": 4}}}
    status = convert(Status, {"id": "1", "media_attachments": [media]})
    meta = status.media_attachments[0].meta
    assert type(meta.focus) is MediaAttachmentFocusPoint
    assert meta.focus == {"x": 0.0, "y": -1.0} and type(meta.focus.x) is float and type(meta.focus.y) is float
    assert type(meta.original) is MediaAttachmentImageMetadata
    assert type(meta.original.aspect) is float and type(meta.original.width) is int
    # A bool is not a number here, and a float stays the same object.
    focus = convert(MediaAttachmentFocusPoint, {"x": True, "y": 0.25})
    assert focus.x is True and focus.y == 0.25


def test_nested_values_get_the_entity_classes_mastodon_py_gives() -> None:
    account = convert(
        Account,
        {
            "id": "1",
            "source": {"note": "", "fields": []},
            "state": {"functional": False, "confirmed": True, "approved": True, "error_code": "x", "error": "y"},
        },
    )
    assert type(account.source) is CredentialAccountSource and type(account.state) is CredentialAccountState
    assert account.state.functional is False and account.state.error_code == "x"
    status = convert(Status, {"id": "1", "tags": [{"name": "a", "url": "u"}]})
    assert type(status.tags) is NonPaginatableList and type(status.tags[0]) is Tag
    collection = {"id": "9", "tag": {"name": "a", "url": "u"}, "items": []}
    results = convert(SearchV2, {"accounts": [], "statuses": [], "hashtags": [], "collections": [collection]})
    assert type(results.collections[0]) is Collection and type(results.collections[0].tag) is ShallowTag
    assert convert(SearchV2, {"accounts": []}).collections is None


def test_ids_equal_only_their_text_and_hash_alike() -> None:
    status = convert(Status, {"id": "110", "account": {"id": 7}})
    assert type(status.id) is MaybeSnowflakeIdType and status.id == "110"
    assert status.id != 110 and status.id not in {110} and status.id not in [110]
    assert status.id in {"110"} and {status.id: 1}["110"] == 1
    assert status.account.id == "7" and status.account.id != 7


def test_a_value_that_does_not_fit_is_kept_and_reported_once(caplog: pytest.LogCaptureFixture) -> None:
    _convert._REPORTED.clear()
    caplog.set_level(logging.WARNING, logger="mastodon")
    document = {"id": "1", "created_at": "not a date", "account": {"id": [1]}, "tags": "none"}
    for _ in range(3):
        status = convert(Status, document)
        assert status.created_at == "not a date" and status.account.id == [1] and status.tags == "none"
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert sorted(record.getMessage() for record in warnings) == [
        "Account.id: a value of type list does not fit the declared type; it is kept as it came",
        "Status.created_at: a value of type str does not fit the declared type; it is kept as it came",
        "Status.tags: a value of type str does not fit the declared type; it is kept as it came",
    ]
    caplog.clear()
    convert(Status, {"id": "1", "created_at": 10**30})  # another type of value for the same field
    assert [record.getMessage() for record in caplog.records] == [
        "Status.created_at: a value of type int does not fit the declared type; it is kept as it came"
    ]


def test_any_result_class_restores_the_envelope_type() -> None:
    status = convert(Status, {"id": "1", "account": {"id": "2", "acct": "a"}, "tags": [{"name": "t"}]})
    text = status.to_json()
    for restore in (AttribAccessDict.from_json, Entity.from_json, Status.from_json, Account.from_json):
        restored = restore(text)
        assert type(restored) is Status and type(restored.account) is Account and type(restored.tags[0]) is Tag
        assert restored == status and restored.account.acct == "a"
    assert type(AttribAccessDict.from_json(text, cls=Account)) is Account
