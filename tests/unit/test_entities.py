"""Every entity class converts a realistic sample built from ``codegen/entities.json``.

For each class a JSON document is built with every declared field present (nested entities one
level deep, lists with two items), decoded the way responses are decoded, and converted. The
tests then check each declared field: dates are aware datetimes, IDs are
:class:`MaybeSnowflakeIdType`, nested objects and list items have their entity class, and so on.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from mastodon import return_types
from mastodon.types_base import (
    AttribAccessDict,
    Entity,
    MaybeSnowflakeIdType,
    NonPaginatableList,
    converter_for,
    decode_json,
)

SPEC = json.loads((Path(__file__).resolve().parents[2] / "codegen" / "entities.json").read_text("utf-8"))
ENTITIES = {entity["name"]: entity for entity in SPEC["entities"]}
DATE = "2024-11-20T12:34:56.789Z"
ID = "113515167258493033"


def sample_value(kind: str, depth: int) -> Any:
    """A JSON value of the given spec type."""
    if "|" in kind:
        return sample_value(kind.split("|", maxsplit=1)[0], depth)
    if kind.startswith("list["):
        inner = kind[5:-1]
        if inner in ENTITIES and depth > 1:
            return []
        return [sample_value(inner, depth), sample_value(inner, depth)]
    if kind.startswith("map["):
        return {"de": sample_value(kind[4:-1], depth), "fr": sample_value(kind[4:-1], depth)}
    atoms = {
        "str": "some text",
        "int": 7,
        "float": 0.5,
        "bool": True,
        "any": ["anything", 1],
        "dict": {"nested": {"deeper": 1}},
        "id": ID,
        "datetime": DATE,
        "PaginationInfo": {"max_id": "1", "_pagination_endpoint": "/api/v2/notifications"},
    }
    if kind in atoms:
        return atoms[kind]
    return sample(kind, depth + 1)


def sample(name: str, depth: int = 0) -> dict[str, Any]:
    """A JSON object for entity ``name`` with every declared field set."""
    if depth > 2:
        return {}
    document: dict[str, Any] = {}
    for field in ENTITIES[name]["fields"]:
        if field.get("client_side"):
            continue
        if field.get("coerce") == "int":
            document[field["name"]] = "42"
        else:
            document[field["name"]] = sample_value(field["type"], depth)
    document["field_from_the_future"] = {"kept": True}
    return document


def entity_class(kind: str) -> type[Entity]:
    cls = getattr(return_types, kind)
    assert isinstance(cls, type) and issubclass(cls, Entity)
    return cls


def read(value: Any, field: dict[str, Any]) -> Any:
    """The field's value, read the way users read it."""
    attribute = field.get("python_name") or field["name"]
    by_key = value[field["name"]]
    if field.get("python_name") is None:
        assert getattr(value, attribute) is by_key
    else:
        assert getattr(value, attribute) is by_key, f"{attribute} should read the {field['name']!r} key"
    return by_key


def check_value(kind: str, value: Any, where: str) -> None:
    if "|" in kind:
        options = tuple(entity_class(option) for option in kind.split("|"))
        assert isinstance(value, options), f"{where}: {type(value).__name__} is none of {kind}"
        return
    if kind.startswith("list["):
        assert isinstance(value, NonPaginatableList), f"{where}: {type(value).__name__} is not a NonPaginatableList"
        for item in value:
            check_value(kind[5:-1], item, f"{where}[]")
        return
    if kind.startswith("map["):
        assert isinstance(value, AttribAccessDict), where
        for key, item in value.items():
            check_value(kind[4:-1], item, f"{where}[{key}]")
        return
    if kind == "datetime":
        assert isinstance(value, datetime), f"{where}: {value!r} is not a datetime"
        assert value.tzinfo is not None and value.utcoffset() is not None, f"{where}: naive datetime"
        assert value == datetime.fromisoformat(DATE)
    elif kind == "id":
        assert type(value) is MaybeSnowflakeIdType, f"{where}: {type(value).__name__}"
        assert value == ID
    elif kind == "dict":
        assert isinstance(value, AttribAccessDict), where
        assert value.nested.deeper == 1
    elif kind in ENTITIES:
        assert type(value) is entity_class(kind), f"{where}: {type(value).__name__} is not {kind}"
    elif kind in ("str", "int", "float", "bool"):
        assert isinstance(value, {"str": str, "int": int, "float": (int, float), "bool": bool}[kind]), where


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_sample_converts_field_by_field(name: str) -> None:
    cls = entity_class(name)
    body = json.dumps(sample(name))
    value = converter_for(cls)(decode_json(body))
    assert type(value) is cls
    assert isinstance(value, dict) and isinstance(value, AttribAccessDict)
    for field in ENTITIES[name]["fields"]:
        if field.get("client_side"):
            continue
        current = read(value, field)
        kind = "int" if field.get("coerce") == "int" else field["type"]
        check_value(kind, current, f"{name}.{field['name']}")
        if field.get("coerce") == "int":
            assert current == 42
    assert value["field_from_the_future"] == {"kept": True}
    assert value.field_from_the_future.kept is True


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_every_absent_declared_field_reads_none_and_counts_as_present(name: str) -> None:
    cls = entity_class(name)
    value = converter_for(cls)(decode_json("{}"))
    assert type(value) is cls
    for field in ENTITIES[name]["fields"]:
        if field.get("client_side"):
            continue
        attribute = field.get("python_name") or field["name"]
        assert getattr(value, attribute) is None, f"{name}.{attribute}"
        assert value[field["name"]] is None, f"{name}[{field['name']!r}]"
        assert field["name"] in value, f"{field['name']!r} in {name}"
    # Only what was sent is stored: the value still equals the JSON it came from.
    assert len(value) == 0 and value == {}
    assert "field_from_the_future" not in value
    with pytest.raises(KeyError):
        value["field_from_the_future"]
    with pytest.raises(AttributeError):
        value.field_from_the_future  # noqa: B018


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_entity_name_map_and_exports(name: str) -> None:
    cls = entity_class(name)
    assert return_types.ENTITY_NAME_MAP[name] is cls
    assert name in return_types.__all__
    assert cls.__doc__ and "Added in Mastodon" in cls.__doc__
    versions = [ENTITIES[name]["added"]]
    for field in ENTITIES[name]["fields"]:
        versions.extend(field[key] for key in ("added", "changed", "deprecated", "removed") if field.get(key))
    assert cls._version == max(versions, key=lambda version: tuple(int(part) for part in version.split(".")))


def test_converting_twice_changes_nothing() -> None:
    convert = converter_for(return_types.Status)
    once = convert(decode_json(json.dumps(sample("Status"))))
    snapshot = {key: (type(value), value) for key, value in once.items()}
    twice = convert(once)
    assert twice is once
    assert {key: (type(value), value) for key, value in twice.items()} == snapshot


def test_plain_dicts_convert_like_decoded_ones() -> None:
    document = sample("Status")
    from_plain = converter_for(return_types.Status)(json.loads(json.dumps(document)))
    from_decoded = converter_for(return_types.Status)(decode_json(json.dumps(document)))
    assert type(from_plain) is return_types.Status
    assert from_plain == from_decoded
    assert type(from_plain.account) is return_types.Account
    assert type(from_plain.media_attachments[0]) is return_types.MediaAttachment
    assert from_plain.field_from_the_future.kept is True


def test_dict_method_names_stay_methods() -> None:
    collection = converter_for(return_types.Collection)(decode_json(json.dumps(sample("Collection"))))
    assert callable(collection.items)
    assert dict(collection.items())["name"] == "some text"
    # The attribute name Mastodon.py gives the ``items`` key reads it by key too, without being stored.
    assert collection.collection_items is collection["items"]
    assert collection["collection_items"] is collection["items"]
    assert "collection_items" in collection and "collection_items" not in list(collection)
    assert type(collection["items"][0]) is return_types.CollectionItem
    alerts = converter_for(return_types.WebPushSubscriptionAlerts)(
        decode_json('{"update": true, "admin.sign_up": false}')
    )
    assert callable(alerts.update)
    assert alerts.update_ is True and alerts["update"] is True
    assert alerts.admin_sign_up is False
    assert "update" in return_types.WebPushSubscriptionAlerts.__doc__


def test_keys_that_are_not_identifiers_have_attributes() -> None:
    prefs = converter_for(return_types.Preferences)(
        decode_json('{"posting:default:visibility": "unlisted", "reading:expand:spoilers": true}')
    )
    assert prefs.posting_default_visibility == "unlisted"
    assert prefs["posting:default:visibility"] == "unlisted"
    assert prefs.reading_expand_spoilers is True
    assert prefs.posting_default_language is None
    versions = converter_for(return_types.InstanceThumbnailVersions)(decode_json('{"@1x": "a.png", "@2x": "b.png"}'))
    assert (versions.at1x, versions.at2x) == ("a.png", "b.png")


def test_every_declared_type_is_known() -> None:
    atoms = {"str", "int", "float", "bool", "any", "dict", "id", "datetime", "PaginationInfo"}
    for entity in SPEC["entities"]:
        for field in entity["fields"]:
            for part in field["type"].split("|"):
                inner = part[5:-1] if part.startswith("list[") else part[4:-1] if part.startswith("map[") else part
                assert inner in atoms or inner in ENTITIES, f"{entity['name']}.{field['name']}: {inner}"
            for key in ("added", "changed", "deprecated", "removed"):
                if field.get(key):
                    assert all(part.isdigit() for part in field[key].split(".")), field
            assert field["doc"].strip(), f"{entity['name']}.{field['name']} has no description"


def test_items_of_an_untyped_list_stay_plain_json() -> None:
    # A list declared without an item type keeps what was sent, as Mastodon.py does: plain
    # dicts and lists all the way down, while typed fields around them are still converted.
    account = converter_for(return_types.Account)(
        decode_json(
            '{"id": "1", "created_at": "2024-01-02T03:04:05Z", '
            '"roles": [{"id": "3", "name": "Admin", "x": [{"y": 1}]}]}'
        )
    )
    role = account.roles[0]
    assert type(account.roles) is NonPaginatableList
    assert type(role) is dict and type(role["x"]) is list and type(role["x"][0]) is dict
    assert role == {"id": "3", "name": "Admin", "x": [{"y": 1}]}
    assert isinstance(account.created_at, datetime)
    scheduled = converter_for(return_types.ScheduledStatus)(
        decode_json('{"id": "5", "media_attachments": [{"id": "7", "type": "image", "meta": {"small": {"width": 2}}}]}')
    )
    attachment = scheduled.media_attachments[0]
    assert type(attachment) is dict and type(attachment["meta"]) is dict and type(attachment["meta"]["small"]) is dict
    assert attachment["meta"]["small"]["width"] == 2


def test_report_reads_rule_ids_under_both_names() -> None:
    report = converter_for(return_types.Report)(decode_json('{"id": "1", "rule_ids": ["4", "5"]}'))
    assert report.rule_ids == ["4", "5"]
    # The name Mastodon.py declares is never sent by Mastodon, so it reads None unless a server sends it.
    assert report.rules_ids is None and report["rules_ids"] is None
    sent_both = converter_for(return_types.Report)(decode_json('{"id": "1", "rules_ids": ["6"]}'))
    assert sent_both.rules_ids == ["6"]


def test_annual_report_of_a_notification_is_an_untyped_dict() -> None:
    notification = converter_for(return_types.Notification)(
        decode_json('{"id": "1", "type": "annual_report", "annual_report": {"year": "2025"}}')
    )
    assert type(notification.annual_report) is AttribAccessDict
    assert notification.annual_report.year == "2025"
    group = converter_for(return_types.NotificationGroup)(decode_json('{"annual_report": {"year": "2025"}}'))
    assert type(group.annual_report) is return_types.AnnualReportEvent
