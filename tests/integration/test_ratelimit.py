"""Rate limits against a live server: ``throw`` raises on 429, ``wait`` and ``pace`` get every call through.

The rate-limited mock allows ``RATELIMIT.limit`` calls per token in a fixed window of
``RATELIMIT.window_seconds`` and reports the reset in whole epoch seconds, rounded down, without
``Retry-After``. Each test takes a fresh token, so its counter starts from zero.
"""

from __future__ import annotations

import time

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonRatelimitError

from ._mockserver import MockServer
from .conftest import RATELIMIT

VERIFY = "/api/v1/accounts/verify_credentials"


def _client(server: MockServer, method: str, username: str = "alice") -> Mastodon:
    return Mastodon(access_token=server.login(username), api_base_url=server.base_url, ratelimit_method=method)


def _statuses(server: MockServer, mark: int, path: str = VERIFY) -> list[int]:
    return [r.status for r in server.requests_since(mark) if r.path == path]


def test_throw_raises_once_the_limit_is_used_up(ratelimited_server: MockServer) -> None:
    api = _client(ratelimited_server, "throw")
    mark = ratelimited_server.log_mark()

    names = [api.account_verify_credentials().username for _ in range(RATELIMIT.limit)]
    assert names == ["alice"] * RATELIMIT.limit
    assert api.ratelimit_limit == RATELIMIT.limit
    assert api.ratelimit_remaining == 0

    with pytest.raises(MastodonRatelimitError):
        api.account_verify_credentials()
    # One 429, not a retry loop.
    assert _statuses(ratelimited_server, mark) == [200] * RATELIMIT.limit + [429]


def test_throw_reports_the_servers_reset_time(ratelimited_server: MockServer) -> None:
    api = _client(ratelimited_server, "throw")

    api.account_verify_credentials()

    assert api.ratelimit_remaining == RATELIMIT.limit - 1
    assert api.ratelimit_reset is not None
    # The reset lies within the window that just started (allowing for clock granularity).
    assert abs(api.ratelimit_reset - time.time()) <= RATELIMIT.window_seconds + 2


def test_wait_gets_every_call_through(ratelimited_server: MockServer) -> None:
    api = _client(ratelimited_server, "wait")
    calls = RATELIMIT.limit + 2
    mark = ratelimited_server.log_mark()

    names = [api.account_verify_credentials().username for _ in range(calls)]

    assert names == ["alice"] * calls
    statuses = _statuses(ratelimited_server, mark)
    assert statuses.count(200) == calls
    # Waiting for the announced reset may land just before the window really ends (the mock
    # rounds the reset down), costing a retry or two; hammering the server would show many more.
    assert statuses.count(429) <= 3


def test_wait_recovers_from_a_429_it_did_not_see_coming(ratelimited_server: MockServer) -> None:
    # Another client with the same token used up the budget, so this one learns of it from a 429
    # that, like Mastodon's, has no Retry-After: it must wait for the announced reset and retry.
    token = ratelimited_server.login("alice")
    other = Mastodon(access_token=token, api_base_url=ratelimited_server.base_url, ratelimit_method="throw")
    for _ in range(RATELIMIT.limit):
        other.account_verify_credentials()
    api = Mastodon(access_token=token, api_base_url=ratelimited_server.base_url, ratelimit_method="wait")
    mark = ratelimited_server.log_mark()

    assert api.account_verify_credentials().username == "alice"

    statuses = _statuses(ratelimited_server, mark)
    assert statuses[0] == 429
    assert statuses[-1] == 200
    assert statuses.count(429) <= 3


def test_pace_gets_every_call_through(ratelimited_server: MockServer) -> None:
    api = _client(ratelimited_server, "pace", username="bob")
    calls = RATELIMIT.limit + 2
    mark = ratelimited_server.log_mark()

    names = [api.account_verify_credentials().username for _ in range(calls)]

    assert names == ["bob"] * calls
    statuses = _statuses(ratelimited_server, mark)
    assert statuses.count(200) == calls
    assert statuses.count(429) <= 3


def test_throw_on_an_injected_429_then_recovers(mock: MockServer) -> None:
    api = Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url, ratelimit_method="throw")
    mock.add_fault("GET", VERIFY, "ratelimit", count=1)

    with pytest.raises(MastodonRatelimitError):
        api.account_verify_credentials()
    assert api.account_verify_credentials().username == "alice"


def test_wait_retries_an_injected_429_after_retry_after(mock: MockServer) -> None:
    api = Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url, ratelimit_method="wait")
    reset = str(int(time.time()) + 1)
    mock.add_fault(
        "GET",
        VERIFY,
        "ratelimit",
        count=1,
        headers={"X-RateLimit-Limit": "300", "X-RateLimit-Reset": reset, "Retry-After": "1"},
    )
    mark = mock.log_mark()

    assert api.account_verify_credentials().username == "alice"
    assert _statuses(mock, mark) == [429, 200]
