"""Random JSON shaped like each entity (wrong types, missing and extra keys) converts without raising."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon import return_types
from mastodon.types_base import Entity, PaginatableList, converter_for, decode_json

SPEC = json.loads((Path(__file__).resolve().parents[2] / "codegen" / "entities.json").read_text("utf-8"))
ENTITIES = {entity["name"]: entity for entity in SPEC["entities"]}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["2024-11-20T12:00:00Z", "2024-11-20", "1732104000", "", "0", "yesterday", "9" * 40]),
)
any_json = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def shaped_like(draw: st.DrawFn, name: str, depth: int = 0) -> dict[str, Any]:
    """A document with some of the entity's fields, right or wrong, plus unknown keys."""
    document: dict[str, Any] = {}
    for field in ENTITIES[name]["fields"]:
        choice = draw(st.integers(min_value=0, max_value=3))
        if choice == 0:
            continue
        if choice == 1 or depth > 1:
            document[field["name"]] = draw(any_json)
            continue
        kind = field["type"].split("|")[0]
        inner = kind[5:-1] if kind.startswith("list[") else kind
        if inner in ENTITIES:
            nested = draw(shaped_like(inner, depth + 1))
            document[field["name"]] = [nested, draw(any_json)] if kind.startswith("list[") else nested
        else:
            document[field["name"]] = draw(any_json)
    document.update(draw(st.dictionaries(st.text(max_size=8), any_json, max_size=2)))
    return document


@st.composite
def entity_documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(ENTITIES)))
    return name, draw(shaped_like(name))


@settings(max_examples=400, deadline=None)
@given(entity_documents())
def test_any_document_converts_without_raising(case: tuple[str, dict[str, Any]]) -> None:
    name, document = case
    cls = getattr(return_types, name)
    text = json.dumps(document)
    decoded = converter_for(cls)(decode_json(text))
    assert type(decoded) is cls
    assert set(decoded) == set(document)
    from_plain = converter_for(cls)(json.loads(text))
    assert type(from_plain) is cls
    assert from_plain == decoded
    restored = Entity.from_json(decoded.to_json())
    assert type(restored) is cls


@settings(max_examples=200, deadline=None)
@given(any_json)
def test_any_json_converts_to_a_page_of_statuses_without_raising(value: Any) -> None:
    result = converter_for(PaginatableList[return_types.Status])(decode_json(json.dumps(value)))
    if isinstance(value, list):
        assert isinstance(result, PaginatableList)
        assert len(result) == len(value)
        for item, given_item in zip(result, value, strict=True):
            if isinstance(given_item, dict):
                assert type(item) is return_types.Status
    else:
        assert result == value
