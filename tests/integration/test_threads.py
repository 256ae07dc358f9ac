"""One client shared by many threads against a rate-limited server: nothing fails, nothing overspends.

The server allows ``LIMIT.limit`` calls per token in a fixed window of ``LIMIT.window_seconds``
(300 per 5 s: Mastodon's 300 calls per 5 minutes, with the window shortened so the run stays
under a minute). Its window starts with the first call after the last one ended, and it announces
the end in whole epoch seconds, rounded down.

Every request goes through :class:`~.fault_proxy.FaultProxy` (no rule set: it only relays and
records). The server's own answers are the count: a request beyond the limit is answered 429, and
each answer names its window by its ``X-RateLimit-Reset``, so grouping the answers by that header
gives the number of requests the server counted in each window.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mastodon import Mastodon

from ._mockserver import MockServer, RateLimitSettings
from .conftest import ServerFactory
from .fault_proxy import Exchange, FaultProxy

LIMIT = RateLimitSettings(limit=300, window_seconds=5)
THREADS = 8
#: A cheap endpoint, so the server can outrun its limit and the limit is what holds the client back.
PATH = "/api/v1/custom_emojis"


@pytest.fixture(scope="module")
def limited(mock_server_factory: ServerFactory) -> MockServer:
    """A server of its own whose limiter allows ``LIMIT`` (tests take fresh tokens from it)."""
    return mock_server_factory("mock-threads", ratelimit=LIMIT)


@pytest.fixture
def proxy(limited: MockServer) -> Iterator[FaultProxy]:
    """A recording proxy in front of the rate-limited server."""
    with FaultProxy(limited.base_url) as running:
        yield running


def _hammer(call: Callable[[], Any], threads: int, calls: int) -> tuple[int, list[BaseException]]:
    """Run ``calls`` calls in each of ``threads`` threads, all released at once."""
    done = [0] * threads
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def worker(slot: int) -> None:
        start.wait()
        for _ in range(calls):
            try:
                call()
            except Exception as exc:  # every failure is counted, whatever its kind
                errors.append(exc)
            else:
                done[slot] += 1

    workers = [threading.Thread(target=worker, args=(slot,), daemon=True) for slot in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in workers), "a worker is stuck"
    return sum(done), errors


def _per_window(exchanges: list[Exchange]) -> Counter[str]:
    return Counter(e.headers.get("x-ratelimit-reset", "?") for e in exchanges)


@pytest.mark.parametrize(("method", "calls"), [("wait", 250), ("pace", 60)])
def test_threads_sharing_a_client_stay_within_the_limit(
    limited: MockServer, proxy: FaultProxy, method: str, calls: int
) -> None:
    api = Mastodon(access_token=limited.login("alice"), api_base_url=proxy.base_url, ratelimit_method=method)
    mark, log_mark = proxy.mark(), limited.log_mark()

    succeeded, errors = _hammer(lambda: api._call("GET", PATH, list), THREADS, calls)

    assert errors == []
    assert succeeded == THREADS * calls
    exchanges = [e for e in proxy.exchanges(mark) if e.path == PATH]
    # Not one request beyond the limit: the server never had to refuse one.
    assert Counter(e.status for e in exchanges) == {200: THREADS * calls}
    assert [r.status for r in limited.requests_since(log_mark) if r.path == PATH] == [200] * (THREADS * calls)
    windows = _per_window(exchanges)
    assert max(windows.values()) <= LIMIT.limit
    assert min(int(e.headers["x-ratelimit-remaining"]) for e in exchanges) >= 0
    if method == "wait":
        # The budget was used, not merely avoided: at least one window was (nearly) spent in full.
        # (Pace mode spreads calls over the window on purpose, so how full a window gets there
        # depends on timing.)
        assert max(windows.values()) >= LIMIT.limit - 2 * THREADS
