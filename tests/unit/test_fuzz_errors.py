"""Fuzzing the mapping of answers to results and errors: whatever a server sends, only Mastodon errors escape."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mastodon import Mastodon
from mastodon._http.request import api_error
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)
from mastodon.return_types import Account, Instance, Notification, Status
from mastodon.types_base import EmptyResponse, NonPaginatableList, PaginatableList
from tests.conftest import BASE

_status = st.integers(min_value=100, max_value=599)
_json_doc = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=15,
)
# Error bodies as servers send them, and as broken proxies and half-written servers do.
_error_doc = st.fixed_dictionaries(
    {},
    optional={
        "error": _json_doc,
        "error_description": _json_doc,
        "details": _json_doc,
        "id": st.one_of(st.text(max_size=5), st.integers()),
    },
)
_body = st.one_of(
    st.binary(max_size=200),
    _json_doc.map(lambda doc: json.dumps(doc).encode()),
    _error_doc.map(lambda doc: json.dumps(doc).encode()),
    st.sampled_from([b"", b"   ", b"<html><body>Bad gateway</body></html>", b"null", b'{"error":', b"\xff\xfe{}"]),
)
_header_value = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["2024-01-01T00:00:00.000Z", "Wed, 21 Oct 2015 07:28:00 GMT", "nan", "inf", "-1", ""]),
)
_headers = st.fixed_dictionaries(
    {},
    optional={
        "Content-Type": st.sampled_from(["application/json", "text/html", "application/json; charset=utf-8", "x/y"]),
        "Link": st.one_of(
            _header_value,
            st.builds(lambda n: f'<{BASE}/api/v1/x?max_id={n}>; rel="next"', st.integers(min_value=0)),
        ),
        "X-RateLimit-Limit": _header_value,
        "X-RateLimit-Remaining": _header_value,
        "X-RateLimit-Reset": _header_value,
        "Retry-After": _header_value,
    },
)
_rtype = st.sampled_from(
    [dict, None, EmptyResponse, Status, Account, Instance, PaginatableList[Status], NonPaginatableList[Notification]]
)


def _response(status: int, reason: str | None, body: bytes, headers: dict[str, str]) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.reason = reason  # type: ignore[assignment]
    response._content = body
    response.headers.update(headers)
    response.url = BASE + "/api/v1/x"
    return response


@settings(max_examples=150, deadline=None)
@given(status=_status, reason=st.one_of(st.none(), st.text(max_size=20)), body=_body, headers=_headers)
def test_api_error_maps_any_answer_to_its_class(
    status: int, reason: str | None, body: bytes, headers: dict[str, str]
) -> None:
    error = api_error(_response(status, reason, body, headers))
    assert isinstance(error, MastodonAPIError)
    assert error.args[:3] == ("Mastodon API returned error", status, reason)
    assert error.status_code == status
    assert error.error is not None
    if status == 404:
        assert isinstance(error, MastodonNotFoundError)
    if status == 401:
        assert isinstance(error, MastodonUnauthorizedError)
    if status >= 500:
        assert isinstance(error, MastodonServerError)
    assert isinstance(str(error), str) and isinstance(repr(error), str)


def _client() -> Mastodon:
    return Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", ratelimit_method="throw")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    status=_status,
    body=_body,
    headers=_headers,
    rtype=_rtype,
    verb=st.sampled_from(["GET", "POST", "DELETE"]),
)
def test_any_answer_through_a_call_gives_a_result_or_a_mastodon_error(
    status: int, body: bytes, headers: dict[str, str], rtype: Any, verb: str
) -> None:
    api = _client()
    with responses.RequestsMock() as mock:
        mock.add(verb, BASE + "/api/v1/x", status=status, body=body, headers=headers)
        try:
            result = api._call(verb, "/api/v1/x", rtype, params={"limit": 5})
        except MastodonRatelimitError:
            assert status == 429 or headers.get("X-RateLimit-Remaining") is not None
            return
        except MastodonAPIError as error:
            assert error.status_code == status
            return
        except MastodonError:
            return
    assert status < 400
    if isinstance(result, list):
        for attribute in ("_pagination_next", "_pagination_prev"):
            info = getattr(result, attribute)
            assert info is None or isinstance(info, dict)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_body, rtype=_rtype)
def test_any_body_of_a_successful_answer_gives_a_result_or_an_api_error(body: bytes, rtype: Any) -> None:
    api = _client()
    with responses.RequestsMock() as mock:
        mock.get(BASE + "/api/v1/x", body=body, status=200)
        try:
            api._call("GET", "/api/v1/x", rtype)
        except MastodonAPIError as error:
            assert error.status_code == 200


# A body nested deeper than the JSON decoder's recursion limit makes json.loads raise
# RecursionError, which is not a ValueError: it escapes decode_json's callers today.
_DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize("status", [200, 500])
def test_a_deeply_nested_body_is_an_api_error(status: int) -> None:
    api = _client()
    with responses.RequestsMock() as mock:
        mock.get(BASE + "/api/v1/x", body=_DEEP, status=status)
        with pytest.raises(MastodonAPIError):
            api._call("GET", "/api/v1/x", dict)


def test_a_deeply_nested_error_body_is_mapped() -> None:
    assert isinstance(api_error(_response(502, "Bad Gateway", _DEEP, {})), MastodonServerError)
