"""Answers that are not what a server usually sends: odd headers, text bodies, broken links.

Whatever a server, a proxy or a stubbed session hands back, the caller gets a result or a
Mastodon error, never a bare ``TypeError`` or ``ValueError``.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
import responses

from mastodon import Mastodon
from mastodon._http.headers import header_text, read_header
from mastodon._http.links import int_param, parse_link_header
from mastodon.errors import (
    MastodonAPIError,
    MastodonInternalServerError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonUnauthorizedError,
)

BASE = "https://mastodon.example"
STATUS = {"id": "1", "created_at": "2024-01-01T00:00:00.000Z", "account": {"id": "2"}}


def client(**kwargs: Any) -> Mastodon:
    kwargs.setdefault("access_token", "t0ken")
    kwargs.setdefault("api_base_url", BASE)
    kwargs.setdefault("mastodon_version", "4.5.0")
    return Mastodon(**kwargs)


class StubSession(requests.Session):
    """Answers every request with a response whose headers are a plain dict, as a stub would make."""

    def __init__(self, status: int, body: bytes, headers: dict[str, Any]) -> None:
        super().__init__()
        self.status, self.body, self.headers_out = status, body, headers
        self.sent = 0

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.sent += 1
        response = requests.Response()
        response.status_code = self.status
        response.reason = "Stubbed"
        response._content = self.body
        response.headers = dict(self.headers_out)  # type: ignore[assignment]
        response.url = url
        return response


# -- header values that are not text -----------------------------------------------------------------------------

ODD_RATE_HEADERS = [
    {"X-RateLimit-Limit": 300, "X-RateLimit-Remaining": 299, "X-RateLimit-Reset": 1735689600},
    {"X-RateLimit-Limit": b"300", "X-RateLimit-Remaining": b"299", "X-RateLimit-Reset": b"2025-01-01T00:00:00Z"},
    {"X-RateLimit-Limit": None, "X-RateLimit-Remaining": [1], "X-RateLimit-Reset": object()},
    {"X-RateLimit-Reset": 17.5, "Date": 12, "Retry-After": 3, "Link": 5, "Content-Type": b"text/plain"},
]


@pytest.mark.parametrize("headers", ODD_RATE_HEADERS)
def test_header_values_that_are_not_text_leave_the_error_path_intact(headers: dict[str, Any]) -> None:
    api = client(session=StubSession(500, b'{"error": "boom"}', headers))
    with pytest.raises(MastodonInternalServerError) as info:
        api._call("GET", "/api/v1/x", dict)
    assert info.value.args == ("Mastodon API returned error", 500, "Stubbed", "boom")


@pytest.mark.parametrize("headers", ODD_RATE_HEADERS)
def test_header_values_that_are_not_text_leave_a_result_intact(headers: dict[str, Any]) -> None:
    api = client(session=StubSession(200, b"[]", headers))
    assert api._call("GET", "/api/v1/x", list) == []


def test_numbers_and_bytes_in_rate_limit_headers_are_read() -> None:
    api = client(session=StubSession(200, b"{}", {"X-RateLimit-Limit": 300, "X-RateLimit-Remaining": b"123"}))
    api._call("GET", "/api/v1/x", dict)
    assert (api.ratelimit_limit, api.ratelimit_remaining) == (300, 123)


def test_a_429_with_a_numeric_retry_after_throws_as_usual() -> None:
    api = client(session=StubSession(429, b"", {"Retry-After": 2}), ratelimit_method="throw")
    with pytest.raises(MastodonRatelimitError):
        api._call("GET", "/api/v1/x", dict)


@pytest.mark.parametrize(
    ("value", "text"),
    [("a", "a"), (b"b\xe9", "b\xe9"), (7, "7"), (1.5, "1.5"), (True, None), (None, None), ([1], None), ({}, None)],
)
def test_header_text(value: Any, text: str | None) -> None:
    assert header_text(value) == text


def test_read_header_from_anything() -> None:
    class Broken:
        def get(self, name: str) -> Any:
            raise RuntimeError("no")

    assert read_header({"A": b"1"}, "A") == "1"
    assert read_header(None, "A") is None
    assert read_header(Broken(), "A") is None


# -- a server without rate-limit headers -------------------------------------------------------------------------


def test_without_rate_limit_headers_nothing_is_counted_down() -> None:
    session = StubSession(200, b"{}", {"Content-Type": "application/json"})
    api = client(session=session)
    for _ in range(330):
        api._call("GET", "/api/v1/x", dict)
    assert session.sent == 330
    assert (api.ratelimit_limit, api.ratelimit_remaining) == (300, 300)


def test_with_rate_limit_headers_the_count_is_the_servers() -> None:
    session = StubSession(200, b"{}", {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "250"})
    api = client(session=session)
    for _ in range(3):
        api._call("GET", "/api/v1/x", dict)
    assert api.ratelimit_remaining == 250


# -- error bodies --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls", "reason"),
    [(400, MastodonAPIError, "Bad Request"), (401, MastodonUnauthorizedError, "Unauthorized")],
)
def test_a_short_plain_text_error_keeps_its_words(
    mocked: responses.RequestsMock, status: int, cls: type[MastodonAPIError], reason: str
) -> None:
    mocked.get(BASE + "/api/v1/x", status=status, body="Invalid Bearer token\n", content_type="text/plain")
    with pytest.raises(cls) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.args == ("Mastodon API returned error", status, reason, "Invalid Bearer token")
    assert info.value.error == "Invalid Bearer token"
    assert "Invalid Bearer token" in str(info.value) and str(status) in str(info.value)


def test_a_json_string_body_is_the_error_text(mocked: responses.RequestsMock) -> None:
    # Mastodon.py takes a body that is a JSON string as the error text.
    mocked.get(BASE + "/api/v1/x", status=403, body='"Forbidden here"', content_type="application/json")
    with pytest.raises(MastodonAPIError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.args == ("Mastodon API returned error", 403, "Forbidden", "Forbidden here")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body>Bad gateway</body></html>", "text/html"),
        (b"<?xml version='1.0'?><error/>", "text/plain"),
        (b'{"message": "no error field"}', "application/json"),
        (b"x" * 2000, "text/plain"),
        (b"\xff\xfe\x00\x01", "application/octet-stream"),
        (b"", "text/plain"),
    ],
)
def test_a_body_without_words_gives_none_in_args_as_mastodon_py(
    mocked: responses.RequestsMock, body: bytes, content_type: str
) -> None:
    mocked.get(BASE + "/api/v1/x", status=500, body=body, content_type=content_type)
    with pytest.raises(MastodonInternalServerError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.args == ("Mastodon API returned error", 500, "Internal Server Error", None)
    # The attribute still says something readable.
    assert info.value.error == "Internal Server Error (HTTP 500)"


def test_a_404_without_words_is_endpoint_not_found(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", status=404, body="", content_type="text/plain")
    with pytest.raises(MastodonNotFoundError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.args[3] == "Endpoint not found."


def test_an_unreadable_success_body_is_an_error_in_the_classic_shape(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", body=b"<html>hello</html>", content_type="text/html")
    with pytest.raises(MastodonAPIError) as info:
        client()._call("GET", "/api/v1/x", dict)
    message, status, reason, text = info.value.args
    assert (message, status, reason) == ("Mastodon API returned error", 200, "OK")
    assert "Could not parse response as JSON" in text and "text/html" in text
    assert info.value.status_code == 200 and info.value.response is not None


# -- Link headers -------------------------------------------------------------------------------------------------

BROKEN_LINK = (
    "<https://mastodon.example/api/v1/timelines/home?offset=0, "
    '<https://mastodon.example/api/v1/timelines/home?max_id=3>; rel="next"'
)


def test_an_unclosed_link_is_dropped_and_the_next_one_read() -> None:
    assert parse_link_header(BROKEN_LINK) == {"next": "https://mastodon.example/api/v1/timelines/home?max_id=3"}


def test_fetch_next_after_a_broken_link_header(mocked: responses.RequestsMock) -> None:
    home = BASE + "/api/v1/timelines/home"
    mocked.get(home, json=[STATUS], headers={"Link": BROKEN_LINK})
    mocked.get(home, json=[{**STATUS, "id": "0"}], match=[responses.matchers.query_param_matcher({"max_id": "3"})])
    api = client()
    page = api.timeline_home()
    following = api.fetch_next(page)
    assert [status.id for status in following] == ["0"]


@pytest.mark.parametrize("offset", ["abc", "0, <https://x", "-5", "\uff11\uff12", "9" * 40])
def test_an_offset_link_that_is_not_a_number_never_raises_value_error(
    mocked: responses.RequestsMock, offset: str
) -> None:
    search = BASE + "/api/v1/x"
    mocked.get(search, json=[STATUS])
    api = client()
    page = api._call("GET", "/api/v1/x", list, params={"offset": offset}, paginate="offset")
    assert page._pagination_next["offset"] == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("40", 40),
        (40, 40),
        (b"7", 7),
        (" 3 ", 3),
        ("-1", 0),
        (-1, 0),
        (True, 0),
        ("\uff13", 0),
        ("1" * 25, 0),
        (None, 0),
    ],
)
def test_int_param(value: Any, expected: int) -> None:
    assert int_param(value, 0) == expected
