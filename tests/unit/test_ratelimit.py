"""The rate limiter, driven by a fake clock: no test here ever really sleeps."""

from __future__ import annotations

import math
import threading
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mastodon._http.ratelimit import MAX_SINGLE_SLEEP, RateLimiter, parse_reset
from mastodon.errors import MastodonIllegalArgumentError, MastodonRatelimitError

from ._clock import FakeClock

T0 = 1_700_000_000.0


def limiter(method: str = "wait", clock: FakeClock | None = None, pacefactor: float = 1.1) -> RateLimiter:
    clock = clock or FakeClock(T0)
    return RateLimiter(method, pacefactor, clock=clock, sleep=clock.sleep)


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


def http_date(epoch: float) -> str:
    return format_datetime(datetime.fromtimestamp(epoch, UTC), usegmt=True)


# -- header parsing -------------------------------------------------------------------------------


def test_parse_reset_reads_iso_8601_and_epoch_seconds() -> None:
    assert parse_reset("2023-11-14T22:13:20.000Z") == 1_700_000_000.0
    assert parse_reset("2023-11-14T22:13:20+00:00") == 1_700_000_000.0
    assert parse_reset("1700000000") == 1_700_000_000.0
    assert parse_reset(" 1700000000.5 ") == 1_700_000_000.5


@pytest.mark.parametrize("value", [None, "", "soon", "2023-13-45T99:99:99Z"])
def test_parse_reset_gives_none_for_unusable_values(value: str | None) -> None:
    assert parse_reset(value) is None


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e400"])
def test_parse_reset_refuses_non_finite_values(value: str) -> None:
    assert parse_reset(value) is None


@given(st.text(max_size=40))
def test_parse_reset_never_raises(value: str) -> None:
    result = parse_reset(value)
    assert result is None or isinstance(result, float)


@given(
    st.dictionaries(
        st.sampled_from(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Date"]),
        st.one_of(st.text(max_size=30), st.sampled_from(["1e400", "inf", "nan", "-1"])),
    )
)
def test_update_never_raises_on_odd_headers(headers: dict[str, str]) -> None:
    limiter().update(headers)


def test_update_reads_limit_remaining_and_iso_reset() -> None:
    rl = limiter()
    rl.update({"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "42", "X-RateLimit-Reset": iso(T0 + 120)})
    assert (rl.limit, rl.remaining, rl.reset) == (300, 42, T0 + 120)


def test_update_reads_epoch_reset() -> None:
    rl = limiter()
    rl.update({"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "7", "X-RateLimit-Reset": str(int(T0 + 60))})
    assert (rl.limit, rl.remaining, rl.reset) == (100, 7, T0 + 60)


def test_update_corrects_the_reset_for_clock_skew_from_date() -> None:
    rl = limiter()
    # The server's clock runs 100 s ahead of ours: its reset is 100 s later than ours would be.
    rl.update({"Date": http_date(T0 + 100), "X-RateLimit-Remaining": "5", "X-RateLimit-Reset": iso(T0 + 160)})
    assert rl.skew == pytest.approx(100)
    assert rl.reset == pytest.approx(T0 + 60)


def test_update_without_ratelimit_headers_changes_nothing() -> None:
    rl = limiter()
    before = rl.state()
    rl.update({"Content-Type": "application/json"})
    assert rl.state() == before


def test_within_one_window_the_smallest_remaining_wins() -> None:
    rl = limiter()
    rl.update({"X-RateLimit-Remaining": "10", "X-RateLimit-Reset": iso(T0 + 60)})
    rl.update({"X-RateLimit-Remaining": "12", "X-RateLimit-Reset": iso(T0 + 60)})
    assert rl.remaining == 10
    # A later window starts afresh.
    rl.update({"X-RateLimit-Remaining": "299", "X-RateLimit-Reset": iso(T0 + 400)})
    assert rl.remaining == 299


# -- modes ------------------------------------------------------------------------------------------


def test_unknown_method_and_bad_pacefactor_are_refused() -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        RateLimiter("sometimes")
    with pytest.raises(MastodonIllegalArgumentError):
        RateLimiter("pace", 0)


def test_throw_mode_never_waits_and_raises_on_429() -> None:
    clock = FakeClock(T0)
    rl = limiter("throw", clock)
    rl.remaining, rl.reset = 0, T0 + 500
    rl.before_request()
    assert clock.sleeps == []
    with pytest.raises(MastodonRatelimitError):
        rl.on_too_many_requests(0)
    assert clock.sleeps == []


def test_wait_mode_spends_the_budget_then_waits_for_the_reset() -> None:
    clock = FakeClock(T0)
    rl = limiter("wait", clock)
    rl.update({"X-RateLimit-Limit": "3", "X-RateLimit-Remaining": "2", "X-RateLimit-Reset": iso(T0 + 50)})
    rl.before_request()
    rl.before_request()
    assert clock.sleeps == []
    assert rl.remaining == 0
    rl.before_request()
    assert sum(clock.sleeps) == pytest.approx(50)
    assert clock.now >= T0 + 50
    # The new window's budget (limit 3) was granted, one call taken from it.
    assert rl.remaining == 2


def test_no_single_sleep_is_longer_than_five_minutes() -> None:
    clock = FakeClock(T0)
    rl = limiter("wait", clock)
    rl.remaining, rl.reset = 0, T0 + 1000
    rl.before_request()
    assert clock.sleeps and max(clock.sleeps) <= MAX_SINGLE_SLEEP == 300
    assert sum(clock.sleeps) == pytest.approx(1000)


def test_pace_mode_spreads_calls_over_the_window() -> None:
    clock = FakeClock(T0)
    rl = limiter("pace", clock, pacefactor=1.0)
    rl.lastcall = T0
    rl.update({"X-RateLimit-Remaining": "10", "X-RateLimit-Reset": iso(T0 + 100)})
    rl.before_request()
    # 100 s for 10 calls: one every 10 s.
    assert clock.sleeps == [pytest.approx(10)]


def test_pace_mode_pacefactor_makes_it_faster() -> None:
    clock = FakeClock(T0)
    rl = limiter("pace", clock, pacefactor=2.0)
    rl.lastcall = T0
    rl.update({"X-RateLimit-Remaining": "10", "X-RateLimit-Reset": iso(T0 + 100)})
    rl.before_request()
    assert clock.sleeps == [pytest.approx(5)]


def test_pace_mode_counts_the_time_since_the_last_call() -> None:
    clock = FakeClock(T0)
    rl = limiter("pace", clock, pacefactor=1.0)
    rl.lastcall = T0 - 4
    rl.update({"X-RateLimit-Remaining": "10", "X-RateLimit-Reset": iso(T0 + 100)})
    rl.before_request()
    assert clock.sleeps == [pytest.approx(6)]


def test_pace_mode_without_a_reset_does_not_wait() -> None:
    clock = FakeClock(T0)
    rl = limiter("pace", clock)
    rl.before_request()
    assert clock.sleeps == []


def test_429_waits_for_the_reset() -> None:
    clock = FakeClock(T0)
    rl = limiter("wait", clock)
    rl.reset = T0 + 30
    rl.on_too_many_requests(0)
    assert sum(clock.sleeps) == pytest.approx(30)
    assert rl.remaining == 0


def test_429_honours_retry_after() -> None:
    clock = FakeClock(T0)
    rl = limiter("wait", clock)
    rl.on_too_many_requests(0, retry_after=7)
    assert clock.sleeps == [pytest.approx(7)]


def test_429_without_any_hint_backs_off_exponentially_up_to_five_minutes() -> None:
    waits = []
    for attempt in range(10):
        clock = FakeClock(T0)
        limiter("pace", clock).on_too_many_requests(attempt)
        waits.append(sum(clock.sleeps))
    assert waits[:4] == [2, 4, 8, 16]
    assert max(waits) == 300
    assert waits == sorted(waits)


def test_many_threads_never_exceed_the_budget() -> None:
    """Threads that share one limiter reserve calls under its lock: exactly the budget gets through.

    The calls that get through are answered with the server's falling count; the others wait for
    those answers, find the budget spent and nothing more on its way, and sleep to the reset.
    """
    budget, threads_count = 7, 40
    clock = FakeClock(T0)
    blocked = []

    class Blocked(Exception):
        pass

    def sleep(seconds: float) -> None:
        blocked.append(seconds)
        raise Blocked

    rl = RateLimiter("wait", clock=clock, sleep=sleep)
    rl.update({"X-RateLimit-Remaining": str(budget), "X-RateLimit-Reset": iso(T0 + 60)})
    passed = []
    start = threading.Barrier(threads_count)
    server = threading.Lock()
    counted = [0]

    def worker() -> None:
        start.wait()
        try:
            ticket = rl.before_request()
        except Blocked:
            return
        passed.append(1)
        with server:
            counted[0] += 1
            left = budget - counted[0]
        rl.finish(ticket, {"X-RateLimit-Remaining": str(left), "X-RateLimit-Reset": iso(T0 + 60)}, 200)

    workers = [threading.Thread(target=worker) for _ in range(threads_count)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert len(passed) == budget
    assert len(blocked) == threads_count - budget
    assert all(math.isclose(seconds, 60) for seconds in blocked)
    assert rl.remaining == 0


def test_state_is_a_snapshot() -> None:
    rl = limiter()
    state = rl.state()
    assert set(state) == {"limit", "remaining", "reset", "lastcall"}
    rl.remaining = 1
    assert state["remaining"] == 300


def test_a_server_that_starts_counting_afresh_is_believed() -> None:
    limiter = RateLimiter("wait", clock=lambda: 1000.0, sleep=lambda seconds: None)
    headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Reset": "2000"}
    limiter.update({**headers, "X-RateLimit-Remaining": "2"})
    limiter.update({**headers, "X-RateLimit-Remaining": "299"})
    assert limiter.remaining == 299
    limiter.update({**headers, "X-RateLimit-Remaining": "297"})
    limiter.update({**headers, "X-RateLimit-Remaining": "298"})  # a late answer from another thread
    assert limiter.remaining == 297


def test_date_headers_are_read_once_per_text() -> None:
    from mastodon._http import ratelimit

    first, second = "Wed, 04 Dec 2026 07:20:00 GMT", "Wed, 04 Dec 2026 07:20:01 GMT"
    assert ratelimit._http_date(first) == datetime(2026, 12, 4, 7, 20, tzinfo=UTC).timestamp()
    assert ratelimit._http_date(first) == ratelimit._last_date[0][1]  # the remembered reading
    assert ratelimit._http_date(second) == datetime(2026, 12, 4, 7, 20, 1, tzinfo=UTC).timestamp()
    assert ratelimit._http_date("not a date") is None
    assert ratelimit._http_date(None) is None
    assert ratelimit._http_date(first) == datetime(2026, 12, 4, 7, 20, tzinfo=UTC).timestamp()
