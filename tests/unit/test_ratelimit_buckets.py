"""Rate-limit buckets, answers that arrive late or out of order, probes, and many threads.

Everything runs on a fake clock that only moves when something sleeps on it: no test here waits
for real time to pass.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
import responses

from mastodon import Mastodon
from mastodon._http import ratelimit
from mastodon._http.ratelimit import GENERAL, MEDIA, STATUS_DELETE, RateLimiter, Ticket, bucket_for
from mastodon.errors import MastodonRatelimitError

from ._clock import FakeClock

T0 = 1_700_000_000.25
BASE = "https://mastodon.example"


def limiter(method: str = "wait", clock: FakeClock | None = None) -> tuple[RateLimiter, FakeClock]:
    clock = clock or FakeClock(T0)
    return RateLimiter(method, clock=clock, sleep=clock.sleep), clock


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def http_date(epoch: float) -> str:
    return format_datetime(datetime.fromtimestamp(epoch, UTC), usegmt=True)


class Parked(Exception):
    """Stands for a thread that has gone to sleep: the test carries on as another thread."""


def park(seconds: float) -> None:
    raise Parked(seconds)


def budget(limit: int, remaining: int, reset: float | str) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": reset if isinstance(reset, str) else iso(reset),
    }


def answer_when_waited(rl: RateLimiter, ticket: Ticket, headers: dict[str, str]) -> list[float]:
    """Make the answer to ``ticket`` arrive as soon as a call waits for answers; the waits, listed."""
    waited: list[float] = []

    def answer_arrives(timeout: float) -> None:
        waited.append(timeout)
        rl.finish(ticket, headers, 200)

    rl.await_answer = answer_arrives
    return waited


def forbid_waiting(rl: RateLimiter, why: str) -> None:
    """Fail the test if a call of ``rl`` waits for answers on their way."""

    def refuse(timeout: float) -> None:
        raise AssertionError(why)

    rl.await_answer = refuse


# -- which bucket ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verb", "path", "bucket"),
    [
        ("POST", "/api/v1/media", MEDIA),
        ("POST", "/api/v2/media", MEDIA),
        ("post", "/prefix/api/v2/media", MEDIA),
        ("PUT", "/api/v1/media/123", GENERAL),
        ("GET", "/api/v1/media/123", GENERAL),
        ("DELETE", "/api/v1/statuses/109", STATUS_DELETE),
        ("DELETE", "/api/v1/statuses/109/reactions/x", GENERAL),
        ("GET", "/api/v1/statuses/109", GENERAL),
        ("POST", "/api/v1/statuses", GENERAL),
        ("DELETE", "/api/v1/lists/1", GENERAL),
    ],
)
def test_bucket_of_a_request(verb: str, path: str, bucket: str) -> None:
    assert bucket_for(verb, path) == bucket


# -- separate budgets ------------------------------------------------------------------------------


def test_a_media_answer_does_not_overwrite_the_general_budget() -> None:
    rl, _ = limiter()
    rl.update(budget(300, 250, T0 + 300))

    ticket = rl.before_request(MEDIA)
    rl.finish(ticket, budget(30, 29, T0 + 1800), 200)

    # The upload counted against the general budget too, but its answer describes only its own.
    assert (rl.limit, rl.remaining, rl.reset) == (300, 249, T0 + 300)
    assert rl.state(MEDIA) == {"limit": 30, "remaining": 29, "reset": T0 + 1800, "lastcall": pytest.approx(T0)}


@pytest.mark.parametrize("bucket", [MEDIA, STATUS_DELETE])
def test_a_spent_bucket_holds_back_its_own_requests_only(bucket: str) -> None:
    rl, clock = limiter()
    rl.update(budget(300, 250, T0 + 300))
    rl.finish(rl.before_request(bucket), budget(30, 0, T0 + 1800), 200)

    rl.finish(rl.before_request(GENERAL), budget(300, 248, T0 + 300), 200)
    assert clock.sleeps == []

    rl.before_request(bucket)
    assert sum(clock.sleeps) == pytest.approx(1800)


def test_a_special_request_also_waits_for_the_general_budget() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 1, T0 + 60))

    rl.finish(rl.before_request(MEDIA), budget(30, 29, T0 + 1800), 200)
    assert clock.sleeps == []
    assert rl.remaining == 0

    rl.before_request(MEDIA)
    assert sum(clock.sleeps) == pytest.approx(60)


def test_a_429_on_an_upload_holds_back_uploads_only() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 250, T0 + 300))
    rl.finish(rl.before_request(MEDIA), budget(30, 0, T0 + 1800), 429)
    # The thread that met the 429 waits in its own time; another thread meanwhile:
    rl.sleep = park
    with pytest.raises(Parked):
        rl.on_too_many_requests(0, retry_after=120, bucket=MEDIA)
    assert rl.state(MEDIA)["remaining"] == 0

    rl.sleep = clock.sleep
    rl.finish(rl.before_request(GENERAL), budget(300, 249, T0 + 300), 200)
    assert clock.sleeps == []
    rl.before_request(MEDIA)
    assert clock.now >= T0 + 1800


def test_a_429_holds_back_other_threads_until_retry_after() -> None:
    rl, clock = limiter()
    rl.sleep = park  # the thread that met the 429 sleeps elsewhere
    with pytest.raises(Parked):
        rl.on_too_many_requests(0, retry_after=30)

    rl.sleep = clock.sleep
    rl.before_request()
    assert sum(clock.sleeps) == pytest.approx(30)


def test_throw_mode_never_waits_for_a_spent_bucket() -> None:
    rl, clock = limiter("throw")
    rl.finish(rl.before_request(MEDIA), budget(30, 0, T0 + 1800), 200)

    rl.before_request(MEDIA)

    assert clock.sleeps == []
    with pytest.raises(MastodonRatelimitError):
        rl.on_too_many_requests(0, bucket=MEDIA)


def test_the_client_keeps_budgets_apart(mocked: responses.RequestsMock) -> None:
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0")
    clock = FakeClock(T0)
    api._ratelimiter.clock, api._ratelimiter.sleep = clock, clock.sleep
    mocked.get(BASE + "/api/v1/x", json={}, headers=budget(300, 200, T0 + 300))
    mocked.post(BASE + "/api/v2/media", json={"id": "1"}, headers=budget(30, 0, T0 + 1800))
    mocked.delete(BASE + "/api/v1/statuses/5", json={"id": "5"}, headers=budget(30, 12, T0 + 900))
    mocked.get(BASE + "/api/v1/x", json={}, headers=budget(300, 196, T0 + 300))
    mocked.post(BASE + "/api/v2/media", json={"id": "2"}, headers=budget(30, 29, T0 + 3600))

    api._call("GET", "/api/v1/x", dict)
    api._call("POST", "/api/v2/media", dict, files={"file": ("a.png", b"png", "image/png")})
    api._call("DELETE", "/api/v1/statuses/5", dict)
    assert (api.ratelimit_limit, api.ratelimit_remaining, api.ratelimit_reset) == (300, 198, T0 + 300)

    api._call("GET", "/api/v1/x", dict)
    assert clock.sleeps == []
    api._call("POST", "/api/v2/media", dict, files={"file": ("b.png", b"png", "image/png")})
    assert clock.now >= T0 + 1800
    assert api._ratelimiter.state(STATUS_DELETE)["remaining"] == 12


# -- reading the server's clock and reset -----------------------------------------------------------


def test_a_reset_in_whole_seconds_is_given_one_more_second() -> None:
    rl, clock = limiter()
    # Epoch seconds are rounded: the window may end anywhere within that second.
    rl.update(budget(300, 0, str(int(T0) + 10)))
    assert rl.reset == int(T0) + 10

    rl.before_request()
    assert clock.now == pytest.approx(int(T0) + 11)


def test_a_reset_with_fractions_is_taken_as_it_is() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 0, T0 + 10))

    rl.before_request()
    assert clock.now == pytest.approx(T0 + 10)


def test_the_servers_clock_is_read_from_its_best_date() -> None:
    rl, _ = limiter()
    # HTTP dates have whole seconds: a reading is at most the true difference (here 0).
    rl.update({"Date": http_date(T0 - 0.9)})
    assert rl.skew == pytest.approx(-1.25)
    # A later, closer reading wins; a reading within a second or two below it is noise.
    rl.update({"Date": http_date(T0 + 0.2)})
    assert rl.skew == pytest.approx(-0.25)
    rl.update({"Date": http_date(T0 - 1.0)})
    assert rl.skew == pytest.approx(-0.25)
    # A server clock set back by minutes is believed.
    rl.update({"Date": http_date(T0 - 120)})
    assert rl.skew == pytest.approx(-120.25)


# -- late answers and requests in flight ----------------------------------------------------------


def test_requests_in_flight_are_assumed_not_yet_counted() -> None:
    rl, _ = limiter()
    rl.update(budget(300, 300, T0 + 300))
    tickets = [rl.before_request() for _ in range(5)]
    assert rl.remaining == 295

    # The server counted ten more than these five (another client, or stragglers): of the four
    # still in flight, none may be among those it already counted.
    rl.finish(tickets[0], budget(300, 290, T0 + 300), 200)
    assert rl.remaining == 286
    # The next answer may come from a request the server counted long ago, or just now: it is
    # read the safe way too, at a price of at most one call per request still in flight.
    rl.finish(tickets[1], budget(300, 286, T0 + 300), 200)
    assert rl.remaining == 283
    # As the others land, the price is paid back: with nothing in flight, the server's own count
    # is the budget (a past overlap is not kept for ever).
    for ticket in tickets[2:]:
        rl.finish(ticket, budget(300, 286, T0 + 300), 200)
    assert rl.remaining == 286
    assert rl.in_flight() == 0


def test_late_answers_from_an_ended_window_are_ignored() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 1, T0 + 10))
    late = rl.before_request()
    clock.now = T0 + 11
    probe = rl.before_request()  # the window is over: a fresh budget, one call taken
    assert rl.remaining == 299

    rl.finish(late, budget(300, 0, T0 + 10), 200)
    assert rl.remaining == 299
    rl.finish(probe, budget(300, 299, T0 + 20), 200)
    assert (rl.remaining, rl.reset) == (299, T0 + 20)


def test_a_straggler_counted_in_the_new_window_is_accounted_for() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 1, T0 + 10))
    straggler = rl.before_request()
    clock.now = T0 + 11
    probe = rl.before_request()

    # The straggler reached the server after its window ended and opened the new one.
    rl.finish(probe, budget(300, 298, T0 + 21), 200)
    assert rl.remaining == 297  # one more may still be on its way
    # The straggler's answer is older (a higher count): the lowest count of the window stands.
    rl.finish(straggler, budget(300, 299, T0 + 21), 200)
    assert rl.remaining == 298


def test_a_probe_that_finds_the_old_window_still_open_is_believed() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 0, T0 + 10))
    clock.now = T0 + 10.5
    probe = rl.before_request()

    rl.finish(probe, budget(300, 0, T0 + 10.8), 429)
    assert rl.remaining == 0
    assert rl.reset == pytest.approx(T0 + 10.8)


# -- probes: one request while the budget is unknown ----------------------------------------------


def test_while_the_budget_is_unknown_one_request_goes_first() -> None:
    rl, _ = limiter()
    first = rl.before_request()
    waited = answer_when_waited(rl, first, budget(40, 12, T0 + 300))
    rl.before_request()
    # The second request waited for the first answer and was counted against what it said.
    assert len(waited) == 1
    assert (rl.limit, rl.remaining) == (40, 11)

    rl.before_request()
    assert len(waited) == 1


def test_a_probe_that_fails_lets_the_next_request_probe() -> None:
    rl, _ = limiter()
    first = rl.before_request()
    rl.finish(first)  # no answer at all

    second = rl.before_request()
    assert second.probes == (GENERAL,)
    rl.finish(second, budget(300, 299, T0 + 300), 200)
    assert rl.before_request().probes == ()


def test_after_a_window_ends_one_request_goes_first() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 0, T0 + 10))
    probe = rl.before_request()
    assert probe.probes == (GENERAL,) and clock.now >= T0 + 10
    waited = answer_when_waited(rl, probe, budget(300, 299, T0 + 20))
    rl.before_request()
    assert len(waited) == 1


def test_a_probe_that_takes_too_long_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit, "PROBE_PATIENCE", 0.0)
    rl, _ = limiter()
    rl.before_request()
    forbid_waiting(rl, "waited for a probe past its time")
    assert rl.before_request().probes == (GENERAL,)


def test_a_new_bucket_is_probed_too() -> None:
    rl, _ = limiter()
    rl.update(budget(300, 300, T0 + 300))
    assert rl.before_request(MEDIA).probes == (MEDIA,)


# -- pace with threads ----------------------------------------------------------------------------


def test_pace_queues_simultaneous_calls_one_slot_apart() -> None:
    clock = FakeClock(T0)
    rl = RateLimiter("pace", 1.0, clock=clock, sleep=clock.sleep)
    rl.update(budget(300, 100, T0 + 100))
    rl.lastcall = T0 - 10
    recorded: list[float] = []
    rl.sleep = recorded.append  # three threads reserve at the same instant

    for _ in range(3):
        rl.before_request()

    # The time left shared among the calls left (100 s, 100 calls): the first goes at once, each
    # next one a slot after the one before it, not all together one slot from now.
    second = 100 / 99
    assert recorded == [pytest.approx(second), pytest.approx(second + 100 / 98)]


# -- many threads against a simulated server --------------------------------------------------------


class FakeServer:
    """Fixed windows per budget that start with the first call after the last one ended, like the
    test server; the reset is sent in whole epoch seconds rounded down, the Date header too."""

    def __init__(self, clock: FakeClock, limits: dict[str, tuple[int, float]]) -> None:
        self.clock = clock
        self.limits = limits
        self.windows: dict[str, tuple[float, int]] = {}
        self.counted: Counter[tuple[str, float]] = Counter()
        self.refused = 0
        self._lock = threading.Lock()

    def handle(self, bucket: str) -> tuple[int, dict[str, str]]:
        with self._lock:
            now = self.clock()
            over = False
            answer: dict[str, str] = {}
            for name in {GENERAL, bucket}:
                limit, length = self.limits[name]
                start, count = self.windows.get(name, (now, 0))
                if now - start >= length:
                    start, count = now, 0
                self.windows[name] = (start, count + 1)
                self.counted[name, start] += 1
                over = over or count + 1 > limit
                if name == bucket:
                    answer = {
                        "X-RateLimit-Limit": str(limit),
                        "X-RateLimit-Remaining": str(max(limit - count - 1, 0)),
                        "X-RateLimit-Reset": str(int(start + length)),
                        "Date": http_date(math.floor(now)),
                    }
            self.refused += over
            return (429 if over else 200), answer

    def busiest(self, bucket: str) -> int:
        return max(count for (name, _), count in self.counted.items() if name == bucket)


def run_threads(rl: RateLimiter, server: FakeServer, threads: int, plan: Callable[[int], str], calls: int) -> int:
    errors: list[BaseException] = []
    done = Counter[int]()
    start = threading.Barrier(threads)

    def worker(slot: int) -> None:
        start.wait()
        try:
            for index in range(calls):
                bucket = plan(index)
                attempt = 0
                while True:
                    ticket = rl.before_request(bucket)
                    status, headers = server.handle(bucket)
                    rl.finish(ticket, headers, status)
                    if status != 429:
                        break
                    rl.on_too_many_requests(attempt, bucket=bucket)
                    attempt += 1
                done[slot] += 1
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=worker, args=(slot,), daemon=True) for slot in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in workers), "a worker is stuck"
    assert errors == []
    return sum(done.values())


@pytest.mark.parametrize("method", ["wait", "pace"])
def test_eight_threads_never_exceed_the_servers_limit(method: str) -> None:
    clock = FakeClock(T0)
    rl = RateLimiter(method, clock=clock, sleep=clock.sleep)
    server = FakeServer(clock, {GENERAL: (300, 5.0)})

    done = run_threads(rl, server, 8, lambda index: GENERAL, 250)

    assert done == 2000
    assert server.refused == 0
    assert server.busiest(GENERAL) <= 300
    assert rl.in_flight() == 0


def test_eight_threads_respect_the_upload_budget_and_the_general_one() -> None:
    clock = FakeClock(T0)
    rl = RateLimiter("wait", clock=clock, sleep=clock.sleep)
    server = FakeServer(clock, {GENERAL: (300, 300.0), MEDIA: (30, 1800.0), STATUS_DELETE: (30, 1800.0)})

    def plan(index: int) -> str:
        return MEDIA if index % 10 == 3 else STATUS_DELETE if index % 25 == 7 else GENERAL

    done = run_threads(rl, server, 8, plan, 100)

    assert done == 800
    assert server.refused == 0
    assert server.busiest(GENERAL) <= 300
    assert server.busiest(MEDIA) <= 30
    assert server.busiest(STATUS_DELETE) <= 30
    # 80 uploads at 30 per half hour: the uploads had to wait for later windows.
    assert clock.now - T0 >= 2 * 1800


def waiting_signal(rl: RateLimiter) -> threading.Event:
    """An event set whenever a call of ``rl`` starts waiting for answers on their way."""
    waiting = threading.Event()
    wait = rl.await_answer

    def signalling_wait(timeout: float) -> object:
        waiting.set()
        return wait(timeout)

    rl.await_answer = signalling_wait
    return waiting


@pytest.mark.parametrize("method", ["wait", "pace"])
def test_a_blocked_call_wakes_for_an_answer_in_flight_instead_of_sleeping_to_the_reset(method: str) -> None:
    # The last answer left no room on paper, but calls are still out; the answer to one of them
    # shows that the server started counting afresh. The blocked caller must go on, not sleep for
    # the window.
    rl, clock = limiter()
    rl.update(budget(300, 2, T0 + 300))
    out = [rl.before_request(), rl.before_request()]
    rl.configure(method)
    waiting = waiting_signal(rl)
    done = threading.Event()

    def blocked_caller() -> None:
        rl.finish(rl.before_request(), budget(300, 296, T0 + 300), 200)
        done.set()

    caller = threading.Thread(target=blocked_caller, daemon=True)
    caller.start()
    assert waiting.wait(10), "the caller was not held back"
    assert not done.is_set()
    rl.finish(out[0], budget(300, 299, T0 + 300), 200)
    assert done.wait(10), "the blocked call did not take the fresh count"
    rl.finish(out[1], budget(300, 297, T0 + 300), 200)
    caller.join(10)
    assert rl.in_flight() == 0
    assert rl.remaining == 296
    if method == "wait":
        assert clock.sleeps == []
    else:
        # Pace spreads the 298 calls it then saw over the 300 s left: one slot, not the window.
        assert clock.sleeps == [pytest.approx(300 / 298 / 1.1)]


def test_many_threads_do_not_drain_the_budget_on_paper() -> None:
    # Four calls always in flight, each answered with the server's true count: the estimate must
    # follow the server, not fall a little further behind with every answer.
    rl, _ = limiter()
    rl.update(budget(300, 300, T0 + 300))
    served = 0
    tickets = [rl.before_request() for _ in range(4)]
    for _ in range(200):
        ticket = tickets.pop(0)
        served += 1
        rl.finish(ticket, budget(300, 300 - served, T0 + 300), 200)
        tickets.append(rl.before_request())
    for ticket in tickets:
        served += 1
        rl.finish(ticket, budget(300, 300 - served, T0 + 300), 200)
    assert rl.remaining == 300 - served


# -- a server that starts counting afresh within its window ---------------------------------------


def test_a_count_restarted_under_calls_in_flight_is_followed() -> None:
    rl, _ = limiter()
    rl.update(budget(300, 4, T0 + 300))
    tickets = [rl.before_request() for _ in range(4)]
    assert rl.remaining == 0
    # The server answered them in this order: 3, 2, then it started afresh: 299, 298.
    rl.finish(tickets[1], budget(300, 2, T0 + 300), 200)
    assert rl.remaining == -1  # two still out, perhaps not counted yet
    rl.finish(tickets[2], budget(300, 299, T0 + 300), 200)
    assert rl.remaining == 297  # believed, less the two still out
    # Late news from before the restart: a lower count is the safe reading while it is the newest.
    rl.finish(tickets[0], budget(300, 3, T0 + 300), 200)
    assert rl.remaining == 2
    rl.finish(tickets[3], budget(300, 298, T0 + 300), 200)
    assert rl.remaining == 298
    assert rl.in_flight() == 0


def test_an_answer_delivered_long_after_the_server_counted_it_is_old_news() -> None:
    # One thread's answer is held up (its thread was not scheduled) while other threads spend
    # almost the whole budget. Its count is far above the lowest, but it is not a fresh count:
    # believing it would let the threads overspend the window.
    rl, _ = limiter()
    rl.update(budget(300, 300, T0 + 300))
    late = rl.before_request()  # the server counts it first and answers 299
    for served in range(2, 292):
        rl.finish(rl.before_request(), budget(300, 300 - served, T0 + 300), 200)
    assert rl.remaining == 8  # one answer still out

    rl.finish(late, budget(300, 299, T0 + 300), 200)

    assert rl.remaining == 9
    # A request reserved after the lowest count was taken does report a fresh count.
    rl.finish(rl.before_request(), budget(300, 299, T0 + 300), 200)
    assert rl.remaining == 299


def test_a_thread_does_not_wait_for_answers_to_its_own_calls() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 1, T0 + 60))
    rl.before_request()  # never answered on this thread, which is now the one asking again
    forbid_waiting(rl, "waited for an answer only this thread could deliver")
    rl.before_request()
    assert clock.now == pytest.approx(T0 + 60)


def test_a_blocked_call_stops_waiting_for_answers_that_do_not_come(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit, "PROBE_PATIENCE", 0.0)
    rl, clock = limiter()
    rl.update(budget(300, 1, T0 + 60))
    other = threading.Thread(target=rl.before_request)  # a call another thread keeps waiting for
    other.start()
    other.join()
    forbid_waiting(rl, "waited for answers past the patience")
    rl.before_request()
    assert clock.now == pytest.approx(T0 + 60)


def test_a_wait_for_answers_ends_with_the_window() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 1, T0 + 20))
    other = threading.Thread(target=rl.before_request)
    other.start()
    other.join()
    timeouts: list[float] = []

    def nothing_comes(timeout: float) -> None:
        timeouts.append(timeout)
        clock.sleep(timeout)

    rl.await_answer = nothing_comes
    ticket = rl.before_request()
    # It waited for the answer no longer than the window lasted, then took the new window's budget.
    assert timeouts == [pytest.approx(20)]
    assert ticket.probes == (GENERAL,)
    assert rl.remaining == 299


class RestartingServer:
    """Counts like a server that starts afresh within its window (299, 298, ... 1, then 299 again,
    always with the same reset).

    The order of events is fixed, whatever the threads' scheduling: an answer is released only
    when every thread that is not held back by the limiter has a request at the server, answers
    go in the order the server counted the requests, and the next one goes only once the thread
    that got the previous one is back (with a new request, held back, or done).
    """

    def __init__(self, rl: RateLimiter, threads: int) -> None:
        self.served = 0
        self.active = threads
        self.queue: list[int] = []
        self.cond = threading.Condition()
        self.held_back = 0
        wait = rl.await_answer

        def absent_while_waiting(timeout: float) -> object:
            with self.cond:
                self.held_back += 1
                self.active -= 1
                self.cond.notify_all()
            try:
                return wait(timeout)
            finally:
                with self.cond:
                    self.active += 1

        rl.await_answer = absent_while_waiting

    def handle(self) -> dict[str, str]:
        with self.cond:
            self.served += 1
            number = self.served
            self.queue.append(number)
            self.cond.notify_all()
            while not (self.queue[0] == number and len(self.queue) >= self.active):
                self.cond.wait()
            self.queue.pop(0)
            return budget(300, 299 - number % 299, T0 + 300)

    def leave(self) -> None:
        with self.cond:
            self.active -= 1
            self.cond.notify_all()


@pytest.mark.parametrize("threads", [2, 4, 8])
def test_threads_go_on_when_the_server_restarts_its_count(threads: int) -> None:
    rl, clock = limiter()
    rl.update(budget(300, 299, T0 + 300))
    server = RestartingServer(rl, threads)
    calls = 640 // threads  # the count starts afresh twice
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(calls):
                ticket = rl.before_request()
                rl.finish(ticket, server.handle(), 200)
        except BaseException as exc:
            errors.append(exc)
        finally:
            server.leave()

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in workers), "a worker is stuck"
    assert errors == []
    assert server.served == 640
    # The last counts before each restart, less the calls out, left no room: calls were held back
    # and the answers on their way let them go again. None slept towards the reset.
    assert server.held_back > 0
    assert clock.sleeps == []
    assert rl.in_flight() == 0


def test_an_upload_answer_does_not_show_the_general_count() -> None:
    rl, _ = limiter()
    rl.update(budget(300, 2, T0 + 300))
    general = rl.before_request()
    upload = rl.before_request(MEDIA)
    assert rl.remaining == 0
    # The server counted the general call first (1 left), then the upload (0 left); the upload's
    # answer reports only the upload budget and comes back first.
    rl.finish(upload, budget(30, 29, T0 + 1800), 200)
    rl.finish(general, budget(300, 1, T0 + 300), 200)
    # That count was taken before the upload ended: the upload may be missing from it.
    assert rl.remaining == 0
    assert rl.state(MEDIA)["remaining"] == 29
    rl.sleep = park
    with pytest.raises(Parked):
        rl.before_request()


def test_a_call_reserved_after_an_upload_ended_shows_it_counted() -> None:
    rl, _ = limiter()
    rl.update(budget(300, 50, T0 + 300))
    rl.finish(rl.before_request(MEDIA), budget(30, 29, T0 + 1800), 200)
    assert rl.remaining == 49
    general = rl.before_request()
    assert rl.remaining == 48
    # Sent after the upload was answered: the server's count includes the upload.
    rl.finish(general, budget(300, 48, T0 + 300), 200)
    assert rl.remaining == 48


def test_a_failed_call_is_held_back_until_a_later_answer_shows_it() -> None:
    rl, _ = limiter()
    rl.update(budget(300, 50, T0 + 300))
    early = rl.before_request()
    lost = rl.before_request()
    rl.finish(lost)  # no answer: it may or may not have reached the server
    rl.finish(early, budget(300, 49, T0 + 300), 200)
    assert rl.remaining == 48
    later = rl.before_request()
    rl.finish(later, budget(300, 47, T0 + 300), 200)
    assert rl.remaining == 47


def test_calls_ended_without_news_do_not_count_in_the_next_window() -> None:
    rl, clock = limiter()
    rl.update(budget(300, 50, T0 + 10))
    straggler = rl.before_request()
    rl.finish(rl.before_request(MEDIA), budget(30, 29, T0 + 1800), 200)
    clock.now = T0 + 11
    probe = rl.before_request()
    # The straggler reached the server in the new window and its answer comes first. The upload
    # ended before the old window did, so the new window does not count it: only the probe is out.
    rl.finish(straggler, budget(300, 298, T0 + 310), 200)
    assert rl.remaining == 297
    rl.finish(probe, budget(300, 297, T0 + 310), 200)
    assert rl.remaining == 297
