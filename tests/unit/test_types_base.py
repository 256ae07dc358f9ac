"""The value types and the conversion engine of ``mastodon.types_base``."""

from __future__ import annotations

import copy
import json
import logging
import pickle
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, ClassVar, Optional, Union

import pytest

from mastodon.return_types import (
    Account,
    Activity,
    Instance,
    InstanceV2,
    Marker,
    MediaAttachment,
    MediaAttachmentAudioMetadata,
    MediaAttachmentImageMetadata,
    MediaAttachmentVideoMetadata,
    Notification,
    Quote,
    Rule,
    RuleTranslation,
    ScheduledStatus,
    Search,
    SearchV2,
    ShallowQuote,
    Status,
    WebPushSubscriptionAlerts,
)
from mastodon.types_base import (
    AttribAccessDict,
    EmptyResponse,
    Entity,
    IdType,
    MaybeSnowflakeIdType,
    NonPaginatableList,
    PaginatableList,
    PaginationInfo,
    converter_for,
    decode_json,
    resolve_type,
    stringify_type,
    to_datetime,
    try_cast,
    try_cast_recurse,
)

STATUS = {
    "id": "113515167258493033",
    "created_at": "2024-11-20T11:59:52.591Z",
    "in_reply_to_id": None,
    "content": "<p>hello</p>",
    "visibility": "public",
    "account": {"id": "109000000000000001", "acct": "alice", "created_at": "2023-02-04T00:00:00.000Z",
                "last_status_at": "2024-11-16", "emojis": [], "fields": []},
    "media_attachments": [{"id": "22345001", "type": "image", "meta": {
        "original": {"width": 640, "height": 480, "size": "640x480", "aspect": 1.33},
        "small": {"width": 64, "height": 48, "size": "64x48", "aspect": 1.33}}}],
    "mentions": [], "tags": [{"name": "python", "url": "https://example.com/tags/python"}], "emojis": [],
    "reblog": None, "poll": None, "card": None,
}  # fmt: skip


def status() -> Status:
    value = converter_for(Status)(decode_json(json.dumps(STATUS)))
    assert type(value) is Status
    return value


# --- AttribAccessDict ------------------------------------------------------------------------


def test_attributes_and_keys_are_the_same_values() -> None:
    value = AttribAccessDict({"acct": "alice", "count": 3})
    assert value.acct == value["acct"] == "alice"
    value.note = "set as attribute"
    assert value["note"] == "set as attribute"
    value["other"] = 1
    assert value.other == 1
    del value.other
    assert "other" not in value
    with pytest.raises(AttributeError):
        _ = value.missing


def test_dict_methods_win_over_keys_of_the_same_name() -> None:
    value = AttribAccessDict({"items": [1, 2], "keys": "k", "update": True})
    assert list(value.keys()) == ["items", "keys", "update"]
    assert value["items"] == [1, 2]
    value.update({"extra": 1})
    assert value.extra == 1
    with pytest.raises(AttributeError):
        value.items = []  # type: ignore[method-assign]


def test_equality_copy_and_repr() -> None:
    value = status()
    plain = json.loads(json.dumps(STATUS))
    assert AttribAccessDict(plain) == plain
    assert value.account.acct == plain["account"]["acct"]
    assert value != plain  # dates and nested entities differ from their JSON text
    assert value.tags == plain["tags"]
    shallow = copy.copy(value)
    assert type(shallow) is Status and shallow == value and shallow.account is value.account
    deep = copy.deepcopy(value)
    assert deep == value and deep.account is not value.account and type(deep.account) is Account
    assert repr(value).startswith("Status({")
    assert value.copy() == value and type(value.copy()) is Status


def test_decoded_objects_of_unknown_keys_get_attribute_access() -> None:
    value = decode_json('{"a": {"b": {"c": 1}}, "list": [{"d": 2}]}')
    assert value.a.b.c == 1
    assert value["list"][0].d == 2
    assert isinstance(value.a, AttribAccessDict)
    assert repr(value.a.b) == "AttribAccessDict({'c': 1})"
    nested = decode_json('{"x": {"y": 1}}')["x"]
    assert type(pickle.loads(pickle.dumps(nested))) is AttribAccessDict
    assert type(copy.copy(nested)) is AttribAccessDict
    with pytest.raises(AttributeError):
        _ = nested.absent
    with pytest.raises(AttributeError):
        _ = decode_json("{}").__wrapped__


def test_pickle_round_trip_keeps_classes_and_pagination() -> None:
    page = converter_for(PaginatableList[Status])(decode_json(json.dumps([STATUS, STATUS])))
    page._pagination_next = PaginationInfo({"max_id": "5", "_mastopy_type": PaginatableList[Status]})
    restored = pickle.loads(pickle.dumps(page))
    assert type(restored) is PaginatableList
    assert restored == page
    assert type(restored[0]) is Status and type(restored[0].account) is Account
    assert type(restored[0].id) is MaybeSnowflakeIdType
    assert restored._pagination_next == page._pagination_next
    assert restored[0].created_at == page[0].created_at


# --- MaybeSnowflakeIdType -------------------------------------------------------------------


def test_ids_compare_like_strings_and_sort_like_numbers() -> None:
    small, big = MaybeSnowflakeIdType("9"), MaybeSnowflakeIdType("10")
    assert small == "9" and hash(small) == hash("9") and small in {"9"}
    # Like a plain string, and like Mastodon.py: an ID does not equal a number, so == and hash agree.
    assert small != 9 and (small == 9) is False and small not in {9} and small not in [9]
    assert small < big and sorted([big, small]) == [small, big]
    assert small < 10 and big > 9
    assert int(big) == 10
    assert MaybeSnowflakeIdType({"id": "5"}) == "5"
    assert repr(small) == "'9'"


def test_snowflake_and_flake_ids_know_their_time() -> None:
    when = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
    snowflake = MaybeSnowflakeIdType(str(int(when.timestamp() * 1000) << 16))
    assert snowflake.to_datetime() == when
    assert MaybeSnowflakeIdType("12").to_datetime() is None
    assert MaybeSnowflakeIdType("not-base62!").to_datetime() is None


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11-20T11:59:52.591Z", datetime(2024, 11, 20, 11, 59, 52, 591000, tzinfo=UTC)),
        ("2024-11-20T13:59:52+02:00", datetime(2024, 11, 20, 11, 59, 52, tzinfo=UTC)),
        ("2024-11-16", datetime(2024, 11, 16, tzinfo=UTC)),
        ("2024-11-16T10:00:00", datetime(2024, 11, 16, 10, tzinfo=UTC)),
        ("2024-11-16 10:00:00.5", datetime(2024, 11, 16, 10, 0, 0, 500000, tzinfo=UTC)),
        ("20241116", datetime(2024, 11, 16, tzinfo=UTC)),
        ("2024-W47-3", datetime(2024, 11, 20, tzinfo=UTC)),
        ("2024-11-16T10", datetime(2024, 11, 16, 10, tzinfo=UTC)),
        ("1732104000", datetime(2024, 11, 20, 12, 0, tzinfo=UTC)),
        (1732104000, datetime(2024, 11, 20, 12, 0, tzinfo=UTC)),
        ("Wed, 20 Nov 2024 12:00:00 GMT", datetime(2024, 11, 20, 12, 0, tzinfo=UTC)),
    ],
)
def test_dates_are_read_in_every_spelling_servers_use(text: Any, expected: datetime) -> None:
    result = to_datetime(text)
    assert result == expected
    assert result.tzinfo is not None
    marker = converter_for(Marker)(decode_json(json.dumps({"updated_at": text, "last_read_id": "1"})))
    assert marker.updated_at == expected


def test_offsets_are_kept() -> None:
    result = to_datetime("2024-11-20T13:00:00+02:00")
    assert result.utcoffset() == timedelta(hours=2)
    assert result.tzinfo == timezone(timedelta(hours=2))


def test_unreadable_dates_stay_as_they_came_and_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="mastodon")
    marker = converter_for(Marker)(decode_json('{"updated_at": "not a date at all", "last_read_id": "1"}'))
    assert marker.updated_at == "not a date at all"
    assert "Marker.updated_at" in caplog.text
    assert "not a date at all" not in caplog.text  # values are never logged, only their type


# --- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "odd",
    [
        {"account": "not an object"},
        {"account": ["a", "list"]},
        {"account": 5},
        {"media_attachments": {"not": "a list"}},
        {"media_attachments": ["text", 3, None, {"id": 1}]},
        {"created_at": {"year": 2024}},
        {"created_at": True},
        {"id": 1234},
        {"id": ["x"]},
        {"reblog": "yes"},
        {"quote": 7},
        {"poll": {"options": "none", "expires_at": 12.5, "id": None}},
    ],
)
def test_wrong_types_never_raise_and_are_kept(odd: dict[str, Any]) -> None:
    document = {**STATUS, **odd}
    value = converter_for(Status)(decode_json(json.dumps(document)))
    assert type(value) is Status
    for key, given in odd.items():
        if key == "id" and isinstance(given, int):
            assert value.id == str(given) and type(value.id) is MaybeSnowflakeIdType
        elif key == "media_attachments" and isinstance(given, list):
            assert value.media_attachments[:3] == ["text", 3, None]
            assert type(value.media_attachments[3]) is MediaAttachment
            assert value.media_attachments[3].id == "1"
        elif key == "poll":
            assert value.poll.options == "none"
            assert value.poll.expires_at == datetime.fromtimestamp(12.5, tz=UTC)
        else:
            assert value[key] == given


@pytest.mark.parametrize("odd", [None, 5, "text", [1, 2], ["a", {"b": 1}], {"id": object()}, 1.5, True])
def test_top_level_values_of_any_kind_never_raise(odd: Any) -> None:
    unions = (Union[Status, ScheduledStatus], Status | ScheduledStatus)  # noqa: UP007 - both spellings occur
    for rtype in (Status, PaginatableList[Status], *unions, dict, AttribAccessDict, IdType):
        result = converter_for(rtype)(odd)
        if not isinstance(odd, (dict, list)):
            assert result is odd or result == odd or (rtype is IdType and result == str(odd))


def test_unknown_enum_values_and_extra_keys_stay_as_they_came() -> None:
    value = converter_for(Status)(decode_json(json.dumps({**STATUS, "visibility": "local", "x_new": [{"a": 1}]})))
    assert value.visibility == "local"
    assert value.x_new[0].a == 1
    notification = converter_for(Notification)(decode_json('{"type": "something_new", "id": "1"}'))
    assert notification.type == "something_new"


def test_numbers_sent_as_text_become_int() -> None:
    activity = converter_for(Activity)(decode_json('{"week": "1732060800", "statuses": "12", "logins": "x"}'))
    assert activity.statuses == 12
    assert activity.logins == "x"
    assert activity.week == datetime(2024, 11, 20, tzinfo=UTC)


# --- choosing among several types ----------------------------------------------------------


def test_unions_pick_the_class_whose_keys_match() -> None:
    convert = converter_for(Union[Status, ScheduledStatus])  # noqa: UP007 - the reference's spelling
    assert type(convert(decode_json(json.dumps(STATUS)))) is Status
    scheduled = convert(decode_json('{"id": "1", "scheduled_at": "2030-01-01T00:00:00Z", "params": {"text": "x"}}'))
    assert type(scheduled) is ScheduledStatus
    assert scheduled.scheduled_at.year == 2030
    instance = converter_for(InstanceV2 | Instance)
    assert type(instance(decode_json('{"domain": "example.com", "version": "4.3.0"}'))) is InstanceV2
    assert type(instance(decode_json('{"uri": "example.com", "version": "4.0.0"}'))) is Instance
    search_results = decode_json('{"accounts": [], "statuses": [], "hashtags": []}')
    search = converter_for(Union[Search, SearchV2])(search_results)  # noqa: UP007
    assert type(search) is SearchV2


def test_quotes_and_media_metadata_choose_their_class() -> None:
    full = {**STATUS, "quote": {"state": "accepted", "quoted_status": STATUS}}
    shallow = {**STATUS, "quote": {"state": "accepted", "quoted_status_id": "5"}}
    assert type(converter_for(Status)(decode_json(json.dumps(full))).quote) is Quote
    assert type(converter_for(Status)(decode_json(json.dumps(full))).quote.quoted_status) is Status
    assert type(converter_for(Status)(decode_json(json.dumps(shallow))).quote) is ShallowQuote
    originals = {
        '{"width": 1, "height": 1, "size": "1x1", "aspect": 1.0}': MediaAttachmentImageMetadata,
        '{"width": 1, "height": 1, "frame_rate": "30/1", "duration": 2.0, "bitrate": 5}': MediaAttachmentVideoMetadata,
        '{"duration": 2.0, "bitrate": 5}': MediaAttachmentAudioMetadata,
    }
    for text, cls in originals.items():
        media = converter_for(MediaAttachment)(decode_json(f'{{"id": "1", "meta": {{"original": {text}}}}}'))
        assert type(media.meta.original) is cls


def test_list_mapping_and_optional_result_types() -> None:
    items = decode_json(json.dumps([STATUS]))
    assert type(converter_for(NonPaginatableList[Status])(items)) is NonPaginatableList
    assert type(converter_for(list[Status])(decode_json(json.dumps([STATUS])))[0]) is Status
    page = converter_for(Optional[PaginatableList[Status]])(decode_json(json.dumps([STATUS])))  # noqa: UP045
    assert type(page) is PaginatableList and type(page[0]) is Status
    markers = converter_for(dict[str, Marker])(decode_json('{"home": {"last_read_id": "3", "version": 1}}'))
    assert type(markers) is AttribAccessDict and type(markers.home) is Marker
    assert type(markers.home.last_read_id) is MaybeSnowflakeIdType
    rule = converter_for(Rule)(decode_json('{"id": "1", "translations": {"de": {"text": "Sei nett"}}}'))
    assert type(rule.translations.de) is RuleTranslation
    empty = converter_for(EmptyResponse)(decode_json("{}"))
    assert type(empty) is EmptyResponse and empty == {}
    assert converter_for(bool)("true") is True
    assert try_cast(MaybeSnowflakeIdType, 5) == "5"
    assert try_cast_recurse("Status", decode_json(json.dumps(STATUS))).account.acct == "alice"
    existing = PaginatableList([decode_json(json.dumps(STATUS))])
    existing._pagination_next = None
    assert converter_for(PaginatableList[Status])(existing) is existing and type(existing[0]) is Status


def test_user_defined_entities_convert_by_their_annotations() -> None:
    class Custom(Entity):
        when: datetime
        who: Account | None = None
        many: NonPaginatableList[Account]

    value = converter_for(Custom)({"when": "2024-01-01", "who": {"id": 3}, "many": [{"id": "4"}]})
    assert value.when == datetime(2024, 1, 1, tzinfo=UTC)
    assert type(value.who) is Account and value.who.id == "3"
    assert type(value.many[0]) is Account


# --- JSON envelope and type names ----------------------------------------------------------


def test_entity_json_round_trip() -> None:
    value = status()
    text = value.to_json()
    envelope = json.loads(text)
    assert set(envelope) == {"_mastopy_version", "_mastopy_type", "_mastopy_data", "_mastopy_extra_data"}
    assert envelope["_mastopy_type"] == "Status"
    assert envelope["_mastopy_data"]["created_at"] == "2024-11-20T11:59:52.591000+00:00"
    restored = Entity.from_json(text)
    assert type(restored) is Status and restored == value
    assert type(restored.account) is Account and type(restored.media_attachments) is NonPaginatableList
    assert restored.created_at == value.created_at
    assert Entity.from_json(value.to_json(pretty=False), cls=Status) == value


def test_page_json_round_trip_keeps_pagination() -> None:
    page = converter_for(PaginatableList[Status])(decode_json(json.dumps([STATUS, STATUS])))
    page._pagination_next = PaginationInfo(
        {"max_id": "113515167258493033", "limit": 40, "_pagination_method": "GET",
         "_pagination_endpoint": "/api/v1/timelines/home", "_mastopy_type": PaginatableList[Status]}
    )  # fmt: skip
    page._pagination_prev = None
    text = page.to_json()
    envelope = json.loads(text)
    assert envelope["_mastopy_type"] == "PaginatableList[Status]"
    assert envelope["_mastopy_extra_data"]["_pagination_next"]["_mastopy_type"] == "PaginatableList[Status]"
    restored = Entity.from_json(text)
    assert type(restored) is PaginatableList and restored == page and type(restored[1]) is Status
    assert type(restored._pagination_next) is PaginationInfo
    assert restored._pagination_next["_mastopy_type"] == PaginatableList[Status]
    assert restored._pagination_next.max_id == "113515167258493033"
    assert getattr(restored, "_pagination_prev", None) is None


def test_from_json_refuses_other_documents() -> None:
    with pytest.raises(ValueError, match="_mastopy_data"):
        Entity.from_json('{"id": "1"}')


@pytest.mark.parametrize(
    "hint",
    [Status, PaginatableList[Status], NonPaginatableList[Account], Optional[Status],  # noqa: UP045
     Union[Status, ScheduledStatus], Status | ScheduledStatus, dict[str, Marker],  # noqa: UP007
     NonPaginatableList[str], datetime, AttribAccessDict, EmptyResponse],
)  # fmt: skip
def test_type_names_round_trip(hint: Any) -> None:
    assert resolve_type(stringify_type(hint)) == hint


def test_type_names_are_parsed_never_evaluated() -> None:
    assert resolve_type("__import__('os').system('true')") is Any
    assert resolve_type("Status[") is Any
    assert resolve_type("NoSuchThing") is Any
    assert resolve_type("typing.List[mastodon.return_types.Status]") == list[Status]


def test_first_use_from_many_threads_at_once() -> None:
    document = json.dumps({"made": "2024-01-01T00:00:00Z", "author": {"id": "1"}, "quoted": {"quoted_status_id": "2"}})
    annotations = {"made": datetime, "author": Account, "quoted": Quote | ShallowQuote | None}
    for _ in range(10):  # a fresh class each time, so every round compiles its converter anew
        fresh = type("Fresh", (Entity,), {"__annotations__": annotations, "quoted": None, "__module__": __name__})
        barrier = threading.Barrier(8)
        results: list[Any] = []

        def work(cls: type[Entity] = fresh, gate: threading.Barrier = barrier, out: list[Any] = results) -> None:
            gate.wait()
            out.append(converter_for(cls)(decode_json(document)))

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == 8
        for value in results:
            assert type(value) is fresh and type(value.author) is Account and type(value.quoted) is ShallowQuote
            assert value.made == datetime(2024, 1, 1, tzinfo=UTC)


def test_attributes_set_on_untouched_nested_objects_become_keys() -> None:
    nested = decode_json('{"outer": {"inner": 1}}')["outer"]
    nested.added = 2
    assert nested.added == 2
    assert nested.inner == 1
    assert nested["added"] == 2
    assert type(nested) is AttribAccessDict


# --- memory: results hold no reference cycles ------------------------------------------------


_CYCLES_SCRIPT = """
import gc, json, sys, weakref
from mastodon.return_types import Status
from mastodon.types_base import PaginatableList, decode_json
from mastodon._convert import converter_for

STATUS = json.loads(sys.argv[1])
page = converter_for(PaginatableList[Status])(decode_json(json.dumps([STATUS, {**STATUS, "reblog": STATUS}])))
_ = page[1].reblog.account.acct, page[0].media_attachments[0].meta.original.width, page[0].tags[0].name
plain = decode_json('{"a": {"b": [{"c": 1}]}}')
_ = plain.a.b[0].c
probe = weakref.ref(page)
gc.collect()
gc.disable()
del page, plain
freed = probe() is None
left = gc.collect()
control = [], []
control[0].append(control)  # a known cycle: the collector must count it in this process
del control
print(freed, left, gc.collect())
"""


def test_results_are_freed_without_the_cyclic_collector() -> None:
    # Its own process: the collector counts every object of the process, and other tests' threads
    # (streams, servers) may leave cycles of their own at any moment.
    result = subprocess.run(
        [sys.executable, "-c", _CYCLES_SCRIPT, json.dumps(STATUS)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    freed, left, control = result.stdout.split()
    assert freed == "True"  # reference counting freed the page as soon as it was dropped
    assert left == "0"  # and nothing was left for the cyclic collector
    assert int(control) > 0


def test_declared_fields_are_class_level_descriptors() -> None:
    value = status()
    assert isinstance(Status.__dict__["content"], property)
    assert "content" not in Status._field_defaults and Status._field_defaults["poll"] is None
    value.content = "<p>changed</p>"
    assert value["content"] == "<p>changed</p>" and value.content == "<p>changed</p>"
    assert vars(value) == {}  # attributes are keys, never a second namespace
    del value.content
    assert "content" not in list(value) and len(value) == len(STATUS) - 1
    # A declared field without its key reads None, and counts as present, as in Mastodon.py.
    assert value.content is None and value["content"] is None and "content" in value
    assert value.poll is None and value.quote is None  # optional fields read their default
    value["poll"] = None
    assert value.poll is None


def test_attribute_writes_follow_the_rename_map_and_spare_methods() -> None:
    alerts = converter_for(WebPushSubscriptionAlerts)(decode_json('{"update": true}'))
    alerts.update_ = False
    assert alerts["update"] is False and callable(alerts.update)
    del alerts.update_
    assert "update" not in list(alerts) and alerts.update_ is None and alerts["update"] is None
    with pytest.raises(AttributeError):
        del alerts.update_
    for name in ("update", "to_json", "get"):
        with pytest.raises(AttributeError):
            setattr(alerts, name, 1)


def test_keys_of_undeclared_names_are_attributes_but_dunders_are_not() -> None:
    value = converter_for(Status)(decode_json(json.dumps({**STATUS, "__class_name__": "x", "x_new": 1})))
    assert value.x_new == 1
    assert {"x_new", "content", "account", "to_json", "items"} <= set(dir(value))
    assert "__class_name__" not in dir(value)
    with pytest.raises(AttributeError):
        _ = value.__class_name__
    assert value["__class_name__"] == "x"
    with pytest.raises(AttributeError) as raised:
        _ = value.x_missing
    assert raised.value.name == "x_missing"


def test_decode_json_reads_text_and_every_json_encoding() -> None:
    document = {"a": [1, {"b": "é"}]}
    for body in (json.dumps(document), json.dumps(document).encode("utf-8"), json.dumps(document).encode("utf-16")):
        decoded = decode_json(body)
        assert decoded == document and type(decoded["a"][1]) is AttribAccessDict
    assert decode_json(bytearray(b'{"x": 1}')).x == 1
    with pytest.raises(ValueError, match="BOM"):
        decode_json('\ufeff{"x": 1}')
    with pytest.raises(ValueError):
        decode_json(b'{"x": 1} trailing')
    with pytest.raises(TypeError):
        decode_json(5)  # type: ignore[arg-type]


def test_user_entities_with_defaults_and_class_variables() -> None:
    class Base(Entity):
        name: str
        size: int | None = 3
        kind: ClassVar[str] = "base"

        def shout(self) -> str:
            return self.name.upper()

    class Child(Base):
        size: int | None  # no default any more: required here

    value = converter_for(Base)(decode_json('{"name": "a"}'))
    assert value.size == 3 and value.shout() == "A" and value.kind == "base"
    assert Base.kind == "base"
    child = converter_for(Child)(decode_json('{"name": "b"}'))
    assert child.size is None and child["size"] is None
