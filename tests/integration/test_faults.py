"""Faults against a live server: every one ends in the documented error, and retries lose nothing.

Faults come from two places: the test server's own fault rules (``/api/v1/_mock/faults``: forced
statuses, 429 storms, malformed bodies, latency, hung requests) and :mod:`.fault_proxy`, which
breaks the connection itself (reset after the server has acted, a body cut short, a body that
trickles in).

The test server honours ``Idempotency-Key`` on ``POST /api/v1/statuses`` as Mastodon does (a
repeated key answers with the status already stored; see ``test_the_server_honours_idempotency_keys``),
so the exactly-once checks count the statuses the server really holds.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Iterator
from email.utils import formatdate
from typing import Any

import pytest
import requests

from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonGatewayTimeoutError,
    MastodonInternalServerError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonReadTimeout,
    MastodonServiceUnavailableError,
)

from ._mockserver import MockServer, free_port
from .fault_proxy import FaultProxy

VERIFY = "/api/v1/accounts/verify_credentials"
STATUSES = "/api/v1/statuses"
#: Posts in the exactly-once run, and the share of them that meet a fault.
N_POSTS = 50
FAULT_SHARE = 0.2


@pytest.fixture
def proxy(mock: MockServer) -> Iterator[FaultProxy]:
    """A fault proxy in front of the (reset) test server, stopped after the test."""
    with FaultProxy(mock.base_url) as running:
        yield running


def _client(base_url: str, token: str, **settings: Any) -> Mastodon:
    settings.setdefault("retry_backoff", 0.01)
    settings.setdefault("retry_backoff_max", 0.05)
    return Mastodon(access_token=token, api_base_url=base_url, **settings)


def _raised(info: pytest.ExceptionInfo[BaseException], cls: type[BaseException]) -> None:
    """The error is exactly ``cls``, one of ours, never a bare transport or JSON error."""
    assert type(info.value) is cls, f"{type(info.value).__name__}: {info.value}"
    assert type(info.value).__module__ == "mastodon.errors"


def _text(status: Any) -> str:
    return re.sub(r"<[^>]+>", "", status.content)


# -- the server's own faults ------------------------------------------------------------------


def test_a_hung_request_times_out_and_a_get_is_retried(mock: MockServer) -> None:
    # First in the file: the server holds a hung request for 30 s, and a server that is still
    # holding one when the session ends takes longer to stop.
    mock.add_fault("GET", VERIFY, "timeout", count=1)
    hasty = _client(mock.base_url, mock.tokens["alice"], request_timeout=0.5)
    with pytest.raises(MastodonReadTimeout) as info:
        hasty.account_verify_credentials()
    _raised(info, MastodonReadTimeout)

    mock.add_fault("GET", VERIFY, "timeout", count=1)
    patient = _client(mock.base_url, mock.tokens["alice"], request_timeout=0.5, retries=1)
    assert patient.account_verify_credentials().username == "alice"


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (500, MastodonInternalServerError),
        (502, MastodonBadGatewayError),
        (503, MastodonServiceUnavailableError),
        (504, MastodonGatewayTimeoutError),
    ],
)
def test_server_errors_raise_their_error_class(mock: MockServer, status: int, error: type[Exception]) -> None:
    api = _client(mock.base_url, mock.tokens["alice"])
    mock.add_fault("GET", VERIFY, "status", status=status, count=1)

    with pytest.raises(error) as info:
        api.account_verify_credentials()

    _raised(info, error)
    assert info.value.args[1] == status
    # Nothing is left broken: the next call goes through.
    assert api.account_verify_credentials().username == "alice"


def test_503_is_retried_for_a_get_when_retries_are_on(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], retries=2)
    mock.add_fault("GET", VERIFY, "status", status=503, count=2)
    mark = mock.log_mark()

    assert api.account_verify_credentials().username == "alice"
    assert [r.status for r in mock.requests_since(mark) if r.path == VERIFY] == [503, 503, 200]


def test_503_with_a_retry_after_date_is_retried_after_that_date(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], retries=1, retry_backoff_max=5)
    mock.add_fault("GET", VERIFY, "status", status=503, count=1, headers={"Retry-After": formatdate(usegmt=True)})
    mark = mock.log_mark()

    assert api.account_verify_credentials().username == "alice"
    assert [r.status for r in mock.requests_since(mark) if r.path == VERIFY] == [503, 200]


def test_a_retry_after_beyond_the_callers_limit_is_not_waited_for(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], retries=3, retry_backoff_max=1)
    mock.add_fault("GET", VERIFY, "status", status=503, count=1, headers={"Retry-After": "600"})
    mark = mock.log_mark()

    with pytest.raises(MastodonServiceUnavailableError) as info:
        api.account_verify_credentials()

    _raised(info, MastodonServiceUnavailableError)
    assert [r.status for r in mock.requests_since(mark) if r.path == VERIFY] == [503]


def test_a_429_storm_in_throw_mode_raises_at_once_even_with_retries(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], ratelimit_method="throw", retries=3)
    mock.add_fault("GET", VERIFY, "ratelimit", count=5)
    mark = mock.log_mark()

    with pytest.raises(MastodonRatelimitError) as info:
        api.account_verify_credentials()

    _raised(info, MastodonRatelimitError)
    assert [r.status for r in mock.requests_since(mark) if r.path == VERIFY] == [429]


def _short_storm(mock: MockServer, method: str, path: str, count: int) -> None:
    # The fault's default headers announce a window five minutes long; a storm that ends sooner
    # says so, or a waiting client rightly waits five minutes.
    now = int(time.time())
    headers = {"Retry-After": "1", "X-RateLimit-Reset": str(now), "X-RateLimit-Remaining": "0"}
    mock.add_fault(method, path, "ratelimit", count=count, headers=headers)


def test_a_429_storm_in_wait_mode_is_waited_out(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], ratelimit_method="wait")
    _short_storm(mock, "GET", VERIFY, 3)
    mark = mock.log_mark()

    assert api.account_verify_credentials().username == "alice"
    assert [r.status for r in mock.requests_since(mark) if r.path == VERIFY] == [429, 429, 429, 200]


def test_a_post_refused_with_429_is_sent_again_and_stored_once(mock: MockServer) -> None:
    # A 429 means the server did not act on the request, so even a post without a key is safe to send again.
    api = _client(mock.base_url, mock.tokens["alice"], ratelimit_method="wait")
    _short_storm(mock, "POST", STATUSES, 2)
    mark = mock.log_mark()

    posted = api.status_post("after the storm")

    assert [r.status for r in mock.requests_since(mark) if r.path == STATUSES] == [429, 429, 200]
    assert api.account_verify_credentials().statuses_count == 1
    assert api.status(posted).id == posted.id


@pytest.mark.parametrize("truncate", [True, False], ids=["cut-json", "garbage"])
def test_malformed_json_is_an_api_error(mock: MockServer, truncate: bool) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], retries=2)
    mock.add_fault("GET", VERIFY, "malformed", count=1, truncate=truncate)

    with pytest.raises(MastodonAPIError) as info:
        api.account_verify_credentials()

    _raised(info, MastodonAPIError)
    assert "JSON" in str(info.value)


def test_latency_within_the_timeout_is_only_slower(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], request_timeout=10)
    mock.add_fault("GET", VERIFY, "latency", count=1, delay_ms=300)

    assert api.account_verify_credentials().username == "alice"


def test_latency_beyond_the_timeout_is_a_read_timeout(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"], request_timeout=0.3)
    mock.add_fault("GET", VERIFY, "latency", count=1, delay_ms=1500)

    with pytest.raises(MastodonReadTimeout) as info:
        api.account_verify_credentials()

    _raised(info, MastodonReadTimeout)
    assert isinstance(info.value, MastodonNetworkError)


def test_a_refused_connection_is_a_network_error_and_safe_to_retry(mock: MockServer) -> None:
    del mock  # only for the skip on a real instance
    sent: list[str] = []

    class Counting(requests.Session):
        def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
            sent.append(str(method))
            return super().request(method, url, *args, **kwargs)

    nobody = f"http://127.0.0.1:{free_port()}"
    api = _client(nobody, "tok", retries=2, session=Counting())

    with pytest.raises(MastodonNetworkError) as info:
        api._call("POST", "/api/v1/statuses/1/favourite", dict)

    _raised(info, MastodonNetworkError)
    # Never connected, so never received: even a POST without a key may be tried again.
    assert sent == ["POST", "POST", "POST"]


# -- the connection's faults (proxy) ----------------------------------------------------------


def test_a_reset_connection_is_a_network_error(mock: MockServer, proxy: FaultProxy) -> None:
    api = _client(proxy.base_url, mock.tokens["alice"])
    proxy.add_rule("reset_after_send", "GET", VERIFY)

    with pytest.raises(MastodonNetworkError) as info:
        api.account_verify_credentials()

    _raised(info, MastodonNetworkError)


def test_a_reset_get_is_retried(mock: MockServer, proxy: FaultProxy) -> None:
    api = _client(proxy.base_url, mock.tokens["alice"], retries=2)
    proxy.add_rule("reset_after_send", "GET", VERIFY, count=2)
    mark = proxy.mark()

    assert api.account_verify_credentials().username == "alice"
    assert [e.effect for e in proxy.exchanges(mark)] == ["reset_after_send", "reset_after_send", None]


def test_a_truncated_body_is_a_network_error_and_a_get_is_retried(mock: MockServer, proxy: FaultProxy) -> None:
    proxy.add_rule("truncate", "GET", VERIFY)
    with pytest.raises(MastodonNetworkError) as info:
        _client(proxy.base_url, mock.tokens["alice"]).account_verify_credentials()
    _raised(info, MastodonNetworkError)

    proxy.add_rule("truncate", "GET", VERIFY)
    assert _client(proxy.base_url, mock.tokens["alice"], retries=1).account_verify_credentials().username == "alice"


def test_a_slow_body_within_the_timeout_arrives_whole(mock: MockServer, proxy: FaultProxy) -> None:
    direct = _client(mock.base_url, mock.tokens["alice"]).account_verify_credentials()
    proxy.add_rule("slow_body", "GET", VERIFY, chunk_size=64, delay=0.01)

    slow = _client(proxy.base_url, mock.tokens["alice"], request_timeout=5).account_verify_credentials()

    assert slow == direct


def test_answers_read_whole_leave_their_connection_for_the_next_call(mock: MockServer) -> None:
    api = _client(mock.base_url, mock.tokens["alice"])
    adapter = api.session.get_adapter(mock.base_url)
    pools = adapter.poolmanager.pools
    for _ in range(5):
        assert api.account_verify_credentials().username == "alice"
        assert len(api.timeline_public(limit=5)) >= 0

    # The client's own transport opened one connection for the ten calls; requests' pools none.
    assert adapter.opened == 1
    assert sum(pools[key].num_connections for key in pools.keys()) == 0  # noqa: SIM118 - it cannot be iterated
    # Through requests' own transport (a session of the caller's), one connection as well.
    api = _client(mock.base_url, mock.tokens["alice"], session=requests.Session())
    pools = api.session.get_adapter(mock.base_url).poolmanager.pools
    for _ in range(5):
        assert api.account_verify_credentials().username == "alice"
        assert len(api.timeline_public(limit=5)) >= 0
    assert sum(pools[key].num_connections for key in pools.keys()) == 1  # noqa: SIM118 - it cannot be iterated


def test_a_body_that_stalls_beyond_the_timeout_is_a_read_timeout(mock: MockServer, proxy: FaultProxy) -> None:
    proxy.add_rule("slow_body", "GET", VERIFY, chunk_size=64, delay=2.0)

    with pytest.raises(MastodonReadTimeout) as info:
        _client(proxy.base_url, mock.tokens["alice"], request_timeout=0.3).account_verify_credentials()

    _raised(info, MastodonReadTimeout)


def test_a_post_without_a_key_is_not_sent_twice(mock: MockServer, proxy: FaultProxy) -> None:
    api = _client(proxy.base_url, mock.tokens["alice"], retries=3)
    status = api.status_post("to be favourited")
    path = f"{STATUSES}/{status.id}/favourite"
    proxy.add_rule("reset_after_send", "POST", path)
    mark = proxy.mark()

    with pytest.raises(MastodonNetworkError) as info:
        api.status_favourite(status)

    _raised(info, MastodonNetworkError)
    # The request reached the server and took effect; the client could not know, so it did not resend.
    assert [(e.path, e.status, e.effect) for e in proxy.exchanges(mark)] == [(path, 200, "reset_after_send")]
    assert api.status(status).favourites_count == 1


def test_a_status_post_without_retries_sends_no_key_and_is_not_resent(mock: MockServer, proxy: FaultProxy) -> None:
    api = _client(proxy.base_url, mock.tokens["alice"])
    proxy.add_rule("reset_after_send", "POST", STATUSES)
    mark = proxy.mark()

    with pytest.raises(MastodonNetworkError):
        api.status_post("sent once")

    (exchange,) = proxy.exchanges(mark)
    assert exchange.idempotency_key is None
    assert api.account_verify_credentials().statuses_count == 1


def test_the_server_honours_idempotency_keys(mock: MockServer) -> None:
    # The exactly-once checks rely on this, as they would on Mastodon.
    api = _client(mock.base_url, mock.tokens["alice"])
    first = api.status_post("keyed", idempotency_key="same-key-twice")
    second = api.status_post("keyed", idempotency_key="same-key-twice")

    assert first.id == second.id
    assert api.account_verify_credentials().statuses_count == 1


def test_a_status_post_resent_after_a_reset_reuses_its_key(mock: MockServer, proxy: FaultProxy) -> None:
    api = _client(proxy.base_url, mock.tokens["alice"], retries=3)
    proxy.add_rule("reset_after_send", "POST", STATUSES, count=2)
    mark = proxy.mark()

    posted = api.status_post("exactly once")

    exchanges = proxy.exchanges(mark)
    assert [(e.status, e.effect) for e in exchanges] == [(200, "reset_after_send")] * 2 + [(200, None)]
    keys = {e.idempotency_key for e in exchanges}
    assert len(keys) == 1 and None not in keys
    assert api.account_verify_credentials().statuses_count == 1
    assert api.status(posted).id == posted.id


def test_posts_under_faults_are_stored_exactly_once(mock: MockServer, proxy: FaultProxy) -> None:
    """N posts, a fifth of them meeting a 503 or a reset after the server stored them: N statuses."""
    api = _client(proxy.base_url, mock.tokens["alice"], retries=3)
    rng = random.Random(5021)
    faulted = sorted(rng.sample(range(N_POSTS), round(N_POSTS * FAULT_SHARE)))
    # Alternate the two faults; one post meets two resets in a row (three sends, one key).
    plan = {index: ("503" if turn % 2 == 0 else "reset") for turn, index in enumerate(faulted)}
    twice = faulted[1]
    mark = proxy.mark()

    posted = []
    for index in range(N_POSTS):
        if plan.get(index) == "503":
            mock.add_fault("POST", STATUSES, "status", status=503, count=1)
        elif plan.get(index) == "reset":
            proxy.add_rule("reset_after_send", "POST", STATUSES, count=2 if index == twice else 1)
        posted.append(api.status_post(f"fault run, post {index:02d}"))

    sends = [e for e in proxy.exchanges(mark) if e.method == "POST" and e.path == STATUSES]
    effects = Counter((e.status, e.effect) for e in sends)
    faults = len(faulted) + 1
    assert effects == {
        (200, None): N_POSTS,
        (503, None): len(faulted) // 2,
        (200, "reset_after_send"): len(faulted) // 2 + 1,
    }
    assert len(sends) == N_POSTS + faults
    # One key per post, reused by each of its resends, never shared between posts.
    uses = Counter(e.idempotency_key for e in sends)
    assert None not in uses
    assert len(uses) == N_POSTS
    assert sorted(uses.values()) == [1] * (N_POSTS - len(faulted)) + [2] * (len(faulted) - 1) + [3]

    # What the server holds: each post once, none lost, none doubled.
    me = api.account_verify_credentials()
    stored = api.fetch_remaining(api.account_statuses(me, limit=40))
    assert me.statuses_count == N_POSTS
    assert len(stored) == N_POSTS
    assert sorted(_text(s) for s in stored) == [f"fault run, post {i:02d}" for i in range(N_POSTS)]
    assert {s.id for s in stored} == {p.id for p in posted}
