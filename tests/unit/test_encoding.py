"""Wire encoding of parameters: what servers see in query strings, forms and JSON bodies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mastodon._http.encoding import (
    encode_form,
    encode_json,
    id_of,
    ids_of,
    snowflake_from_datetime,
)
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import check_choice, check_choices
from mastodon.types_base import AttribAccessDict

MOMENT = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
MOMENT_SNOWFLAKE = (int(MOMENT.timestamp()) << 16) * 1000


def test_none_values_are_left_out() -> None:
    assert encode_form({"a": None, "b": "x", "c": None}) == [("b", "x")]
    assert encode_json({"a": None, "b": "x"}) == {"b": "x"}


def test_empty_params_encode_to_nothing() -> None:
    assert encode_form(None) == []
    assert encode_form({}) == []
    assert encode_json(None) == {}


def test_booleans_are_one_and_zero_in_forms_but_real_in_json() -> None:
    assert encode_form({"yes": True, "no": False}) == [("yes", "1"), ("no", "0")]
    assert encode_json({"yes": True, "no": False}) == {"yes": True, "no": False}


def test_lists_become_repeated_bracket_keys() -> None:
    assert encode_form({"types": ["follow", "mention"]}) == [("types[]", "follow"), ("types[]", "mention")]
    assert encode_form({"ids[]": ["1", "2"]}) == [("ids[]", "1"), ("ids[]", "2")]
    assert encode_form({"flags": (True, False)}) == [("flags[]", "1"), ("flags[]", "0")]
    assert encode_form({"empty": []}) == []


def test_lists_keep_plain_keys_in_json() -> None:
    assert encode_json({"types[]": ["a", "b"], "keys": ["c"]}) == {"types": ["a", "b"], "keys": ["c"]}


def test_entities_in_lists_and_values_send_their_id() -> None:
    account = AttribAccessDict(id="77", acct="a")
    assert encode_form({"account_ids": [account, "78", 79]}) == [
        ("account_ids[]", "77"),
        ("account_ids[]", "78"),
        ("account_ids[]", 79),
    ]
    assert encode_form({"account_id": account}) == [("account_id", "77")]


@pytest.mark.parametrize("key", ["max_id", "min_id", "since_id"])
def test_paging_keys_accept_entities_and_datetimes(key: str) -> None:
    assert encode_form({key: {"id": "123"}}) == [(key, "123")]
    assert encode_form({key: MOMENT}) == [(key, MOMENT_SNOWFLAKE)]
    assert encode_form({key: "456"}) == [(key, "456")]
    assert encode_json({key: MOMENT}) == {key: MOMENT_SNOWFLAKE}
    assert encode_json({key: AttribAccessDict(id="9")}) == {key: "9"}


def test_paging_key_with_a_mapping_without_id_is_refused() -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        encode_form({"max_id": {"foo": "bar"}})


def test_other_datetimes_are_sent_as_iso_8601() -> None:
    assert encode_form({"expires_at": MOMENT}) == [("expires_at", "2024-01-02T03:04:05+00:00")]
    assert encode_json({"expires_at": MOMENT}) == {"expires_at": "2024-01-02T03:04:05+00:00"}


def test_nested_hashes_use_rails_brackets() -> None:
    assert encode_form({"poll": {"multiple": True, "expires_in": 300, "gone": None}}) == [
        ("poll[multiple]", "1"),
        ("poll[expires_in]", 300),
    ]


def test_nested_hashes_are_flattened_at_every_depth() -> None:
    assert encode_form({"data": {"alerts": {"follow": True, "poll": False}}}) == [
        ("data[alerts][follow]", "1"),
        ("data[alerts][poll]", "0"),
    ]


def test_json_drops_nested_nones_and_keeps_structure() -> None:
    body = encode_json({"poll": {"options": ["a", "b"], "hide_totals": None, "multiple": False}})
    assert body == {"poll": {"options": ["a", "b"], "multiple": False}}


def test_snowflake_from_datetime_matches_mastodon_layout() -> None:
    assert snowflake_from_datetime(MOMENT) == MOMENT_SNOWFLAKE
    # The top bits are milliseconds since the epoch.
    assert snowflake_from_datetime(MOMENT) >> 16 == int(MOMENT.timestamp()) * 1000
    # Naive datetimes are taken as UTC; aware ones are converted.
    assert snowflake_from_datetime(MOMENT.replace(tzinfo=None)) == MOMENT_SNOWFLAKE
    shifted = MOMENT.astimezone(timezone(timedelta(hours=5)))
    assert snowflake_from_datetime(shifted) == MOMENT_SNOWFLAKE


def test_id_of_accepts_entities_strings_and_ints() -> None:
    assert id_of({"id": "12"}) == "12"
    assert id_of(AttribAccessDict(id=34)) == "34"
    assert id_of("56") == "56"
    assert id_of(78) == "78"
    assert type(id_of("56")) is str


@pytest.mark.parametrize("bad", [None, True, False, 1.5, -1, [], {"no": "id"}, "", "1/2", "1?x", "1#x", "../x"])
def test_id_of_refuses_unusable_values(bad: object) -> None:
    with pytest.raises(MastodonIllegalArgumentError) as info:
        id_of(bad, "status_id")
    assert "status_id" in str(info.value)


@pytest.mark.parametrize("odd", [" 1", "1 ", " ", "-5", "abc def"])
def test_id_of_sends_odd_text_as_given(odd: str) -> None:
    # Only what would change the path is refused; the server judges the rest.
    assert id_of(odd) == odd


def test_lists_follow_single_values_in_a_form() -> None:
    pairs = encode_form({"status": "hi", "media_ids": ["1", "2"], "sensitive": False, "poll": None, "language": "en"})
    assert pairs == [
        ("status", "hi"),
        ("sensitive", "0"),
        ("language", "en"),
        ("media_ids[]", "1"),
        ("media_ids[]", "2"),
    ]


def test_ids_of() -> None:
    assert ids_of(None) == []
    assert ids_of("1") == ["1"]
    assert ids_of({"id": "2"}) == ["2"]
    assert ids_of([1, {"id": "3"}]) == ["1", "3"]
    with pytest.raises(MastodonIllegalArgumentError):
        ids_of([None])


def test_check_choice() -> None:
    check_choice("visibility", None, ["public"])
    check_choice("visibility", "public", ["public", "direct"])
    with pytest.raises(MastodonIllegalArgumentError) as info:
        check_choice("visibility", "secret", ["public", "direct"])
    message = str(info.value)
    assert "visibility" in message and "'public'" in message and "'direct'" in message


def test_check_choices() -> None:
    check_choices("types", None, ["a"])
    check_choices("types", ["a", "b"], ["a", "b"])
    check_choices("types", "a", ["a"])
    with pytest.raises(MastodonIllegalArgumentError):
        check_choices("types", ["a", "z"], ["a", "b"])


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
_values = st.one_of(_scalars, st.lists(_scalars, max_size=4))


_keys = st.text(min_size=1, max_size=6).filter(lambda k: k not in {"max_id", "min_id", "since_id"})


@given(st.dictionaries(_keys, _values))
def test_encode_form_never_sends_none_or_raw_booleans(params: dict[str, object]) -> None:
    for key, value in encode_form(params):
        assert value is not None
        assert not isinstance(value, bool)
        assert isinstance(key, str)
    json_body = encode_json(params)
    assert None not in json_body.values()
