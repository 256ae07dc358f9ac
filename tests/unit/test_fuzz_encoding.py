"""Fuzzing the parameter encoders with random nested values: flat, sendable output or a clear error."""

from __future__ import annotations

import contextlib
import json
import math
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
import responses
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mastodon import Mastodon
from mastodon._http.encoding import encode_form, encode_json
from mastodon.errors import MastodonError, MastodonIllegalArgumentError
from mastodon.types_base import AttribAccessDict
from tests.conftest import BASE

_key = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_[]", min_size=1, max_size=12)
# The paging keys take IDs and moments only; they have a strategy of their own.
_plain_key = _key.filter(lambda k: k not in ("max_id", "min_id", "since_id"))
_text = st.text(max_size=20)  # hypothesis leaves out lone surrogates unless asked
_moment = st.datetimes(timezones=st.just(UTC), min_value=datetime(1970, 1, 2), max_value=datetime(3000, 1, 1))
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    _text,
    _moment,
)
_entity = st.builds(lambda i: AttribAccessDict(id=i, acct="x"), st.integers(min_value=0, max_value=10**18))
# The shapes parameters have: scalars, entities, lists of them, and hashes of those, nested.
_param = st.recursive(
    st.one_of(_scalar, _entity, st.lists(st.one_of(_scalar, _entity), max_size=4)),
    lambda inner: st.dictionaries(_key.filter(lambda k: k != "id"), inner, max_size=3),
    max_leaves=12,
)
_params = st.dictionaries(_plain_key, _param, max_size=6)
_paging = st.dictionaries(
    st.sampled_from(["max_id", "min_id", "since_id"]),
    st.one_of(st.none(), _entity, _moment, st.integers(min_value=0, max_value=10**20), _text),
    max_size=3,
)
_json_value = st.recursive(
    st.one_of(_scalar, _entity),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(_text, inner, max_size=4)
    ),
    max_leaves=10,
)
# Anything at all a caller might pass, including what no server can be sent.
_odd = st.one_of(
    st.binary(max_size=8),
    st.floats(),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=2),
    st.builds(object),
    st.frozensets(st.integers(), max_size=3),
    st.dictionaries(st.just("id"), st.one_of(st.none(), st.floats(), st.booleans())),
)
_anything = st.recursive(
    st.one_of(_scalar, _entity, _odd),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_key, inner, max_size=3)),
    max_leaves=10,
)


def _flat(value: Any) -> bool:
    return isinstance(value, (str, int, float, bytes)) and not isinstance(value, bool)


@settings(max_examples=100, deadline=None)
@given(params=st.one_of(_params, _paging))
def test_form_encoding_is_flat_and_sendable(params: dict[str, Any]) -> None:
    pairs = encode_form(params)
    for key, value in pairs:
        assert isinstance(key, str) and key
        assert value is not None and _flat(value), (key, value)
        if isinstance(value, float):
            assert math.isfinite(value)
    prepared = requests.Request("POST", BASE + "/x", params=pairs, data=pairs).prepare()
    assert prepared.url is not None and prepared.url.startswith(BASE + "/x")


@settings(max_examples=60, deadline=None)
@given(params=st.dictionaries(_plain_key, _json_value, max_size=4))
def test_json_encoding_is_valid_json_without_nulls_in_objects(params: dict[str, Any]) -> None:
    body = encode_json(params)
    text = json.dumps(body, allow_nan=False)

    def no_null_members(value: Any) -> bool:
        if isinstance(value, dict):
            return all(item is not None and no_null_members(item) for item in value.values())
        if isinstance(value, list):
            return all(no_null_members(item) for item in value)
        return True

    assert no_null_members(json.loads(text))
    assert all(not key.endswith("[]") for key in body)


@settings(max_examples=80, deadline=None)
@given(params=st.dictionaries(_key, _anything, max_size=4), paging=_paging)
def test_encoders_raise_nothing_but_illegal_argument_errors(params: dict[str, Any], paging: dict[str, Any]) -> None:
    for encode in (encode_form, encode_json):
        with contextlib.suppress(MastodonIllegalArgumentError):
            encode({**params, **paging})


def _client() -> Mastodon:
    return Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", ratelimit_method="throw")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(params=_params, form=_params, body=st.dictionaries(_plain_key, _json_value, max_size=4))
def test_documented_shapes_go_through_a_call(params: dict[str, Any], form: dict[str, Any], body: Any) -> None:
    api = _client()
    with responses.RequestsMock() as mock:
        mock.post(BASE + "/api/v1/x", json={"ok": True})
        mock.put(BASE + "/api/v1/y", json={"ok": True})
        assert api._call("POST", "/api/v1/x", dict, params=params, form=form) == {"ok": True}
        assert api._call("PUT", "/api/v1/y", dict, json=body) == {"ok": True}
        sent = json.loads(mock.calls[1].request.body)
        assert sent == json.loads(json.dumps(encode_json(body)))


# Values no server can be sent must be refused with MastodonIllegalArgumentError, not crash inside
# requests.


@settings(max_examples=50, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(params=st.dictionaries(_key, _anything, max_size=4), how=st.sampled_from(["params", "form", "json"]))
def test_any_value_through_a_call_gives_a_result_or_a_mastodon_error(params: dict[str, Any], how: str) -> None:
    api = _client()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(BASE + "/api/v1/x", json={})
        with contextlib.suppress(MastodonError):
            api._call("POST", "/api/v1/x", dict, **{how: params})


@pytest.mark.parametrize(
    ("how", "value"),
    [
        ("json", b"raw bytes"),
        ("json", object()),
        ("json", float("nan")),
        ("params", "\ud800"),
        ("form", "lone \udc80 surrogate"),
    ],
    ids=["json-bytes", "json-object", "json-nan", "query-surrogate", "form-surrogate"],
)
def test_unsendable_values_are_refused_before_sending(how: str, value: Any) -> None:
    api = _client()
    with responses.RequestsMock() as nothing_registered:
        with pytest.raises(MastodonIllegalArgumentError, match="field"):
            api._call("POST", "/api/v1/x", dict, **{how: {"field": value}})
        assert not nothing_registered.calls


def test_a_lone_surrogate_in_search_text_is_refused_or_sent_safely() -> None:
    # What users see of the bug above: a public method with odd text must not crash in requests.
    api = _client()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(BASE + "/api/v2/search", json={"accounts": [], "statuses": [], "hashtags": []})
        with pytest.raises(MastodonIllegalArgumentError, match="q"):
            api.search_v2("cats \ud83d")
        assert not mock.calls
