"""Streams that never miss, against the project's own streaming test server (tests/stream_server.py).

Dead connections found from the heartbeat, reconnects with back-off, lifecycle callbacks,
close() from every state, nothing left behind, and catch-up: missed events fetched and
delivered once, in order, or one gap past the bound.

No test measures time: each waits for something to happen with a generous limit, and a limit
reached means the behaviour is missing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from mastodon import CallbackStreamListener, Mastodon, StreamListener
from mastodon.errors import (
    MastodonAPIError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
    MastodonUnauthorizedError,
)
from mastodon.streaming import (
    DEFAULT_HEARTBEAT_INTERVAL,
    DEFAULT_STREAM_TIMEOUT,
    SSEStreamHandle,
    StreamGap,
    reconnect_delay,
    silence_limit,
)
from tests.stream_server import Plan, StreamServer

WAIT = 20.0


@pytest.fixture
def server() -> Iterator[StreamServer]:
    running = StreamServer().start()
    yield running
    running.stop()


def make_client(server: StreamServer, heartbeat: float = 0.05) -> Mastodon:
    api = Mastodon(access_token="tok-123", api_base_url=server.base_url, mastodon_version="4.5.0")
    api.stream_heartbeat_interval = heartbeat
    return api


class Recorder(StreamListener):
    """Records every event and lifecycle callback, in order."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.log: list[tuple[Any, ...]] = []
        self.aborts: list[Exception] = []
        self.gaps: list[StreamGap] = []
        self.heartbeats = 0
        self.changed = threading.Condition()

    def handle_heartbeat(self) -> None:
        with self.changed:
            self.heartbeats += 1
            self.changed.notify_all()

    def _note(self, *entry: Any) -> None:
        with self.changed:
            self.log.append(entry)
            self.changed.notify_all()

    def on_update(self, status: Any) -> None:
        with self.changed:
            self.ids.append(status.id)
            self.changed.notify_all()

    def on_abort(self, err: Exception) -> None:
        self.aborts.append(err)
        self._note("abort", type(err).__name__)

    def on_connected(self) -> None:
        self._note("connected")

    def on_disconnected(self, reason: Exception | None) -> None:
        self._note("disconnected", type(reason).__name__ if reason is not None else None)

    def on_reconnecting(self, attempt: int, delay: float) -> None:
        self._note("reconnecting", attempt, delay)

    def on_gap(self, gap: StreamGap) -> None:
        self.gaps.append(gap)
        self._note("gap", gap.event)

    def wait_for(self, predicate: Any) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout=WAIT)

    def count(self, kind: str) -> int:
        return sum(1 for entry in self.log if entry[0] == kind)


def stream_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "mastodon-stream" and t.is_alive()]


# -- dead connections ------------------------------------------------------------------------------


def test_the_default_timeout_is_twice_the_heartbeat_and_a_given_one_is_kept() -> None:
    assert DEFAULT_STREAM_TIMEOUT == 300  # as in Mastodon.py, for code that reads it
    assert silence_limit(DEFAULT_STREAM_TIMEOUT, DEFAULT_HEARTBEAT_INTERVAL) == 30.0
    assert silence_limit(DEFAULT_STREAM_TIMEOUT, 20) == 40.0
    assert silence_limit(300, DEFAULT_HEARTBEAT_INTERVAL) == 300  # written by the caller: kept
    assert silence_limit(10, DEFAULT_HEARTBEAT_INTERVAL) == 10
    assert silence_limit(None, DEFAULT_HEARTBEAT_INTERVAL) is None
    assert Mastodon(api_base_url="https://example.org").stream_heartbeat_interval == 15.0


def test_a_stream_left_at_the_default_reads_with_the_heartbeat_timeout(server: StreamServer) -> None:
    api = make_client(server, heartbeat=DEFAULT_HEARTBEAT_INTERVAL)
    handle = api.stream_user(Recorder(), run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    assert handle.silent_after == 30.0
    given = api.stream_user(Recorder(), run_async=True, timeout=300)
    assert isinstance(given, SSEStreamHandle) and given.silent_after == 300
    handle.close()
    given.close()


def test_a_silent_connection_is_reported_as_silent(server: StreamServer) -> None:
    server.plans.append(Plan("stall"))
    listener = Recorder()
    handle = make_client(server).stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    handle.join(WAIT)
    assert not handle.is_alive()
    assert isinstance(handle.error, MastodonReadTimeout) and listener.aborts == [handle.error]
    assert "went silent" in str(handle.error) and "0.1 seconds" in str(handle.error)


def test_heartbeats_keep_a_connection_alive(server: StreamServer) -> None:
    server.plans.append(Plan("heartbeats"))
    listener = Recorder()
    handle = make_client(server).stream_user(listener, run_async=True, reconnect_async=True)
    assert isinstance(handle, SSEStreamHandle)
    # Heartbeats every 0.05 s under a limit of 0.1 s: twenty of them span ten limits, and the
    # connection is never declared dead.
    assert listener.wait_for(lambda: listener.heartbeats >= 20)
    handle.close()
    assert server.stream_requests == 1 and listener.aborts == []


def test_a_silent_connection_is_replaced_when_reconnecting(server: StreamServer) -> None:
    server.plans.extend([Plan("stall"), Plan("live")])
    listener = Recorder()
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01
    )
    assert isinstance(handle, SSEStreamHandle)
    assert server.wait_for_streams(requests=2, wait=WAIT)
    ids = server.publish(2)
    assert listener.wait_for(lambda: listener.ids == ids)
    handle.close()
    assert [type(e) for e in listener.aborts] == [MastodonReadTimeout]


def test_garbage_is_reported_and_the_stream_reconnects(server: StreamServer) -> None:
    server.plans.extend([Plan("garbage"), Plan("live")])
    listener = Recorder()
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01
    )
    assert server.wait_for_streams(requests=2, wait=WAIT)
    ids = server.publish(1)
    assert listener.wait_for(lambda: listener.ids == ids)
    handle.close()
    assert [type(e) for e in listener.aborts] == [MastodonMalformedEventError]


# -- reconnecting ----------------------------------------------------------------------------------


def test_reconnect_delays_grow_are_capped_and_jittered() -> None:
    assert reconnect_delay(0, 5) == 0.0
    for attempt, ceiling in ((1, 5), (2, 10), (3, 20), (4, 40), (6, 120), (40, 120)):
        delays = [reconnect_delay(attempt, 5, cap=120) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays), (attempt, min(delays), max(delays))
        assert len(set(delays)) > 100  # jittered, not fixed
    assert reconnect_delay(3, 0) == 0.0
    assert reconnect_delay(1, 500, cap=120) <= 500  # a base above the cap is not cut below itself


def test_refused_reconnects_back_off_then_the_stream_comes_back(server: StreamServer) -> None:
    server.plans.extend([Plan("live", cut_after=1), Plan("refuse"), Plan("refuse"), Plan("refuse"), Plan("live")])
    listener = Recorder()
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.02
    )
    assert isinstance(handle, SSEStreamHandle)
    assert server.wait_for_streams(requests=1, wait=WAIT)
    server.publish(2)  # the second is cut in the middle
    assert listener.wait_for(lambda: listener.count("connected") == 2)
    tries = [entry[1:] for entry in listener.log if entry[0] == "reconnecting"]
    assert [attempt for attempt, _ in tries] == [1, 2, 3, 4]
    delays = [delay for _, delay in tries]
    assert 0.01 <= delays[0] <= 0.02 and 0.02 <= delays[1] <= 0.04 and 0.04 <= delays[2] <= 0.08
    assert 0.08 <= delays[3] <= 0.16
    assert handle.attempts == 4
    handle.close()


@pytest.mark.parametrize("status", [401, 403])
def test_an_answer_that_cannot_improve_ends_the_stream(server: StreamServer, status: int) -> None:
    server.plans.extend([Plan("live", cut_after=0), Plan("refuse", status=status)])
    listener = Recorder()
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01
    )
    assert isinstance(handle, SSEStreamHandle)
    assert server.wait_for_streams(requests=1, wait=WAIT)
    server.publish(1)
    handle.join(WAIT)
    assert not handle.is_alive()
    assert isinstance(handle.error, MastodonAPIError) and handle.error.status_code == status
    if status == 401:
        assert isinstance(handle.error, MastodonUnauthorizedError)
    assert server.stream_requests == 2


def test_lifecycle_callbacks_in_order(server: StreamServer) -> None:
    server.plans.extend([Plan("live", cut_after=1), Plan("live")])
    listener = Recorder()
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01
    )
    assert server.wait_for_streams(requests=1, wait=WAIT)
    server.publish(2)
    assert listener.wait_for(lambda: listener.count("connected") == 2)
    handle.close()
    kinds = [entry[0] for entry in listener.log]
    assert kinds[:5] == ["connected", "abort", "disconnected", "reconnecting", "connected"]
    assert listener.log[2] == ("disconnected", "MastodonNetworkError")
    assert listener.log[-1] == ("disconnected", None)


def test_callback_listener_lifecycle_handlers(server: StreamServer) -> None:
    server.plans.extend([Plan("live", cut_after=0), Plan("live")])
    seen: list[tuple[Any, ...]] = []
    done = threading.Event()

    def connected() -> None:
        seen.append(("connected",))
        if len([s for s in seen if s[0] == "connected"]) == 2:
            done.set()

    listener = CallbackStreamListener(
        connected_handler=connected,
        disconnected_handler=lambda reason: seen.append(("disconnected", type(reason).__name__)),
        reconnecting_handler=lambda attempt, delay: seen.append(("reconnecting", attempt)),
    )
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01
    )
    assert server.wait_for_streams(requests=1, wait=WAIT)
    server.publish(1)
    assert done.wait(WAIT)
    handle.close()
    assert seen[:4] == [
        ("connected",),
        ("disconnected", "MastodonNetworkError"),
        ("reconnecting", 1),
        ("connected",),
    ]


def test_an_event_named_like_a_lifecycle_callback_does_not_call_it(server: StreamServer) -> None:
    listener = Recorder()
    unknown: list[str] = []
    listener.on_unknown_event = lambda name, data=None: unknown.append(name)  # type: ignore[method-assign]
    from mastodon._http.sse import Dispatcher

    dispatcher = Dispatcher(listener)
    for name in ("connected", "disconnected", "reconnecting", "gap"):
        dispatcher.dispatch(name, b"{}")
    assert unknown == ["connected", "disconnected", "reconnecting", "gap"] and listener.log == []


# -- close() and what is left behind ------------------------------------------------------------


@pytest.mark.parametrize("state", ["connecting", "reading", "backing off"])
def test_close_ends_the_thread_from_every_state(server: StreamServer, state: str) -> None:
    plan = {"connecting": Plan("stall_headers"), "reading": Plan("heartbeats"), "backing off": Plan("refuse")}[state]
    server.plans.append(plan)
    listener = Recorder()
    api = make_client(server)
    api.stream_heartbeat_interval = 3600  # nothing is declared dead while the test waits
    handle = api.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=3600)
    assert isinstance(handle, SSEStreamHandle)
    assert server.wait_for_streams(requests=1, wait=WAIT)
    if state == "backing off":
        assert listener.wait_for(lambda: listener.count("reconnecting") == 1)
    handle.close()
    assert not handle.is_alive()
    assert server.wait_for_streams(open_count=0, wait=WAIT)


def test_nothing_is_left_after_many_open_close_cycles(server: StreamServer) -> None:
    api = make_client(server)
    before = len(stream_threads())
    for _ in range(100):
        handle = api.stream_user(StreamListener(), run_async=True)
        assert isinstance(handle, SSEStreamHandle)
        handle.close()
        assert not handle.is_alive()
    assert len(stream_threads()) == before
    assert server.wait_for_streams(open_count=0, requests=100, wait=WAIT)


# -- catch-up ---------------------------------------------------------------------------------------


def test_catch_up_delivers_every_event_once_and_in_order_over_forced_disconnects(server: StreamServer) -> None:
    # 1,000 statuses published while the server cuts the stream in the middle of an event every
    # 5 to 14 events, published two at a time: about a hundred forced disconnects.
    server.default_plan = Plan("live", cut_after=10)
    server.plans.extend(Plan("live", cut_after=5 + n % 10) for n in range(200))
    listener = Recorder()
    api = make_client(server)
    handle = api.stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.005, catch_up=True
    )
    assert isinstance(handle, SSEStreamHandle)
    assert listener.wait_for(lambda: listener.count("connected") == 1)
    published: list[str] = []
    for _ in range(500):
        published += server.publish(2)
        behind = len(published) - 2
        listener.wait_for(lambda behind=behind: len(listener.ids) >= behind)  # type: ignore[misc]
    assert listener.wait_for(lambda: len(listener.ids) >= 1000)
    handle.close()
    assert listener.ids == published  # none lost, none twice, in order
    assert server.stream_requests > 50
    assert listener.gaps == []


def test_live_events_already_delivered_are_dropped(server: StreamServer) -> None:
    # Every new connection first sends the last five statuses again.
    server.plans.extend([Plan("live", cut_after=3), Plan("live", replay=5)])
    listener = Recorder()
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01, catch_up=True
    )
    assert listener.wait_for(lambda: listener.count("connected") == 1)
    first = server.publish(4)  # the fourth is cut
    assert listener.wait_for(lambda: listener.count("connected") == 2)
    later = server.publish(3)
    assert listener.wait_for(lambda: len(listener.ids) >= 7)
    handle.close()
    assert listener.ids == first + later


def test_past_the_bound_one_gap_instead_of_a_flood(server: StreamServer) -> None:
    server.plans.extend([Plan("live", cut_after=2), Plan("live")])
    listener = Recorder()
    api = make_client(server)
    api.stream_catch_up_limit = 5
    handle = api.stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01, catch_up=True
    )
    assert listener.wait_for(lambda: listener.count("connected") == 1)
    first = server.publish(2)
    assert listener.wait_for(lambda: listener.ids == first)
    missed = server.publish(20)  # the first of these is cut, all are missed
    assert listener.wait_for(lambda: listener.count("connected") == 2)  # after the catch-up
    after = server.publish(2)
    assert listener.wait_for(lambda: listener.ids == first + after)
    handle.close()
    assert len(listener.gaps) == 1
    gap = listener.gaps[0]
    assert (gap.event, gap.since_id, gap.until_id) == ("update", first[-1], missed[-1])
    assert gap.missed is not None and gap.missed > 5 and "more than 5" in gap.reason


def test_a_failed_fetch_is_a_gap_and_the_stream_goes_on(server: StreamServer) -> None:
    server.plans.extend([Plan("live", cut_after=1), Plan("live")])
    listener = Recorder()
    api = make_client(server)
    api.retries = 0
    handle = api.stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01, catch_up=True
    )
    assert listener.wait_for(lambda: listener.count("connected") == 1)
    server.fail_rest = 1
    first = server.publish(3)  # the second is cut; the fetch after the reconnect fails
    assert listener.wait_for(lambda: listener.count("connected") == 2)
    after = server.publish(1)
    assert listener.wait_for(lambda: listener.ids[-1:] == after)
    handle.close()
    assert listener.ids == first[:1] + after
    assert [(g.event, g.since_id, g.reason.startswith("fetch failed")) for g in listener.gaps] == [
        ("update", first[0], True)
    ]


def test_catch_up_reads_the_feed_of_the_stream(server: StreamServer) -> None:
    api = make_client(server)
    cases = [
        (lambda listener: api.stream_public(listener, run_async=True, catch_up=True), "/api/v1/timelines/public?"),
        (lambda listener: api.stream_local(listener, run_async=True, catch_up=True), "local=1"),
        (
            lambda listener: api.stream_hashtag("café", listener, run_async=True, catch_up=True),
            "/api/v1/timelines/tag/caf%C3%A9?",
        ),
        (lambda listener: api.stream_list("42", listener, run_async=True, catch_up=True), "/api/v1/timelines/list/42?"),
        (lambda listener: api.stream_direct(listener, run_async=True, catch_up=True), "/api/v1/conversations?"),
        (lambda listener: api.stream_user(listener, run_async=True, catch_up=True), "/api/v1/notifications?"),
    ]
    for start, expected in cases:
        server.rest_requests.clear()
        listener = Recorder()
        handle = start(listener)
        assert listener.wait_for(lambda listener=listener: listener.count("connected") == 1)  # type: ignore[misc]
        assert server.rest_requests, expected
        handle.close()
        assert any(expected in path for path in server.rest_requests), (expected, server.rest_requests)


def test_without_catch_up_nothing_is_fetched(server: StreamServer) -> None:
    server.plans.extend([Plan("live", cut_after=1), Plan("live")])
    listener = Recorder()
    handle = make_client(server).stream_user(
        listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01
    )
    assert listener.wait_for(lambda: listener.count("connected") == 1)
    server.publish(3)
    assert listener.wait_for(lambda: listener.count("connected") == 2)
    handle.close()
    assert server.rest_requests == [] and listener.ids == ["1"]


def test_a_listener_error_is_logged_during_catch_up_too(server: StreamServer, caplog: Any) -> None:
    server.plans.extend([Plan("live", cut_after=1), Plan("live")])

    class Fussy(Recorder):
        def on_update(self, status: Any) -> None:
            if status.id == "2":
                raise ValueError("cannot take 2")
            super().on_update(status)

    listener = Fussy()
    with caplog.at_level(logging.ERROR, logger="mastodon"):
        handle = make_client(server).stream_user(
            listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.01, catch_up=True
        )
        assert listener.wait_for(lambda: listener.count("connected") == 1)
        server.publish(3)  # 2 and 3 are fetched after the cut; 2 fails in the listener
        assert listener.wait_for(lambda: listener.ids == ["1", "3"])
        handle.close()
    assert any(isinstance(e, ValueError) for e in listener.aborts)
    assert not any(isinstance(e, MastodonNetworkError) and "cannot take" in str(e) for e in listener.aborts)
