"""Rate limiting shared by every request of one client, safe across threads.

Modes (the client's ``ratelimit_method``):

* ``"throw"``: a 429 raises :class:`MastodonRatelimitError`.
* ``"wait"``: when the budget is used up, wait for the window to reset before sending; a 429 waits
  for the reset and tries again.
* ``"pace"``: spread the remaining budget evenly over the time left in the window, so a steady
  caller never runs dry; a 429 is handled as in ``"wait"``.

Budgets are kept per bucket. Mastodon limits media uploads and status deletions separately from
everything else, and the answers to those endpoints report that separate budget, so they must not
overwrite the general one. A request to such an endpoint counts against both its own bucket and the
general one. :func:`bucket_for` names the bucket of a request.

In ``wait`` and ``pace`` modes each request reserves one call from its buckets before it is sent,
and answers are read knowing how many other requests are still on their way, so threads sharing a
client never spend more than the server allows, even when answers arrive out of order or a request
sent near the end of one window reaches the server in the next. While the state of a bucket is not
known (before the first answer, and after a window ends) only one request of that bucket is sent;
the others wait for its answer. Clock and sleep are injectable for tests.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError, MastodonRatelimitError

__all__ = [
    "GENERAL",
    "MAX_SINGLE_SLEEP",
    "MEDIA",
    "RATELIMIT_METHODS",
    "STATUS_DELETE",
    "RateLimiter",
    "Ticket",
    "bucket_for",
    "parse_reset",
]

RATELIMIT_METHODS = ("throw", "wait", "pace")
#: No single sleep is longer than this; longer waits are taken in steps.
MAX_SINGLE_SLEEP = 300.0
_FIRST_BACKOFF = 2.0

#: The budget every API call counts against.
GENERAL = "general"
#: Media uploads (``POST /api/v1/media`` and ``/api/v2/media``).
MEDIA = "media"
#: Status deletions (``DELETE /api/v1/statuses/:id``).
STATUS_DELETE = "status_delete"

_MEDIA_PATH = re.compile(r"/api/v\d+/media/?$")
_STATUS_PATH = re.compile(r"/api/v1/statuses/[^/]+/?$")
_WHOLE_SECONDS = re.compile(r"\s*[+-]?\d+\s*")

# Two answers whose reset times differ by less than this describe the same window.
_SAME_WINDOW = 1.0
# A server clock reading this far below the estimate means the server's clock was set back (or an
# answer was very slow); either way the lower value is the safe one to adopt.
_SKEW_DROP = 2.0
# How long other requests wait for the answer to a probe before sending one of their own, in
# seconds of real time. A probe that takes longer (a large upload, a hung server) should not hold
# every other thread forever.
PROBE_PATIENCE = 30.0


def bucket_for(verb: str, path: str) -> str:
    """The rate-limit bucket of a request, from its verb and URL path.

    Args:
        verb: The HTTP method.
        path: The path of the URL (a prefix before ``/api/`` is allowed).

    Returns:
        :data:`MEDIA`, :data:`STATUS_DELETE` or :data:`GENERAL`.
    """
    verb = verb.upper()
    if verb == "POST" and _MEDIA_PATH.search(path):
        return MEDIA
    if verb == "DELETE" and _STATUS_PATH.search(path):
        return STATUS_DELETE
    return GENERAL


def parse_reset(value: str | None) -> float | None:
    """Read an ``X-RateLimit-Reset`` header: ISO 8601 (Mastodon) or epoch seconds (GoToSocial)."""
    if not value:
        return None
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        return number if math.isfinite(number) else None
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        pass
    try:
        from dateutil.parser import isoparse

        return isoparse(text).timestamp()
    except (ValueError, OverflowError):
        return None


def _parse_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) else None


@dataclass(frozen=True)
class Ticket:
    """A reservation for one request, handed back to :meth:`RateLimiter.finish`.

    Attributes:
        bucket: The bucket whose budget the answer reports.
        buckets: Every bucket the request counts against.
        probes: The buckets for which this request is the one sent to learn their state.
    """

    bucket: str
    buckets: tuple[str, ...]
    probes: tuple[str, ...] = ()


class _Bucket:
    """What is known of one budget. Guarded by the limiter's lock."""

    def __init__(self, limit: int | None, now: float) -> None:
        self.limit = limit
        #: Calls we may still send in this window; None while the server has not said.
        self.remaining: int | None = limit
        #: End of the window on our clock (None: unknown, or the window is over).
        self.reset: float | None = None
        #: How much later than ``reset`` the window may really end (whole-second headers).
        self.margin = 0.0
        #: The newest reset the server announced, on its own clock: the window's identity.
        self.server_reset: float | None = None
        self.rolled = False
        self.confirmed = False
        self.probing = False
        self.probe_since = 0.0
        self.in_flight = 0
        self.blocked_until: float | None = None
        self.last_server_remaining: int | None = None
        self.lastcall = now

    def wake(self) -> float | None:
        return None if self.reset is None else self.reset + self.margin


class RateLimiter:
    """The rate-limit state of one client and the decisions made from it.

    The attributes ``limit``, ``remaining``, ``reset`` and ``lastcall`` describe the general budget
    (what ``api.ratelimit_*`` show).
    """

    def __init__(
        self,
        method: str = "wait",
        pacefactor: float = 1.1,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        _check_settings(method, pacefactor)
        self.method = method
        self.pacefactor = float(pacefactor)
        self.clock = clock
        self.sleep = sleep
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        #: Called with the lock held to wait for an answer to a probe (tests replace it).
        self.await_answer: Callable[[float], object] = self._cond.wait
        #: Server clock minus ours, from the ``Date`` header.
        self.skew = 0.0
        self._skew_known = False
        self._buckets: dict[str, _Bucket] = {GENERAL: _Bucket(300, clock())}

    # -- the general budget, as the client shows it ------------------------------------------------

    @property
    def limit(self) -> int:
        """Calls allowed per window in the general budget."""
        return self._buckets[GENERAL].limit or 0

    @limit.setter
    def limit(self, value: int) -> None:
        with self._lock:
            self._buckets[GENERAL].limit = int(value)

    @property
    def remaining(self) -> int:
        """Calls left in the general budget's window."""
        remaining = self._buckets[GENERAL].remaining
        return 0 if remaining is None else remaining

    @remaining.setter
    def remaining(self, value: int) -> None:
        with self._lock:
            self._buckets[GENERAL].remaining = int(value)
            self._cond.notify_all()

    @property
    def reset(self) -> float | None:
        """When the general window ends, on this machine's clock."""
        return self._buckets[GENERAL].reset

    @reset.setter
    def reset(self, value: float | None) -> None:
        with self._lock:
            bucket = self._buckets[GENERAL]
            bucket.reset = value
            bucket.margin = 0.0
            bucket.rolled = False
            self._cond.notify_all()

    @property
    def lastcall(self) -> float:
        """When the last general call was (or is scheduled to be) sent."""
        return self._buckets[GENERAL].lastcall

    @lastcall.setter
    def lastcall(self, value: float) -> None:
        with self._lock:
            self._buckets[GENERAL].lastcall = value

    def configure(self, method: str | None = None, pacefactor: float | None = None) -> None:
        """Change the mode or the pace factor in place, keeping everything learnt so far."""
        method = self.method if method is None else method
        pacefactor = self.pacefactor if pacefactor is None else pacefactor
        _check_settings(method, pacefactor)
        with self._lock:
            self.method = method
            self.pacefactor = float(pacefactor)
            self._cond.notify_all()

    # -- waiting -------------------------------------------------------------------------------

    def _sleep_until(self, moment: float) -> None:
        while True:
            left = moment - self.clock()
            if left <= 0:
                return
            self.sleep(min(left, MAX_SINGLE_SLEEP))

    def pause(self, seconds: float) -> None:
        """Wait ``seconds`` on the limiter's clock (in steps of at most :data:`MAX_SINGLE_SLEEP`)."""
        if seconds > 0:
            self._sleep_until(self.clock() + seconds)

    def _bucket(self, name: str) -> _Bucket:
        bucket = self._buckets.get(name)
        if bucket is None:
            # A separate budget is unknown until the server reports it.
            bucket = self._buckets[name] = _Bucket(None, self.lastcall)
        return bucket

    def before_request(self, bucket: str = GENERAL) -> Ticket:
        """Reserve one call, waiting first if the mode asks for it.

        Args:
            bucket: The request's bucket (see :func:`bucket_for`); it also counts against the
                general budget.

        Returns:
            The reservation; pass it to :meth:`finish` once the request is answered or has failed.
        """
        names = (GENERAL,) if bucket == GENERAL else (GENERAL, bucket)
        if self.method == "throw":
            with self._lock:
                now = self.clock()
                for name in names:
                    state = self._bucket(name)
                    state.in_flight += 1
                    state.lastcall = now
            return Ticket(bucket, names)
        while True:
            with self._lock:
                now = self.clock()
                states = [self._bucket(name) for name in names]
                target = self._blocked_until(states, now)
                if target is None:
                    waiting_for = [s for s in states if not s.confirmed and s.probing]
                    if waiting_for and time.monotonic() - min(s.probe_since for s in waiting_for) < PROBE_PATIENCE:
                        self.await_answer(1.0)
                        continue
                    ticket, delay = self._reserve(bucket, names, states, now)
                    break
            self._sleep_until(target)
        if delay > 0:
            self.sleep(min(delay, MAX_SINGLE_SLEEP))
        return ticket

    def _blocked_until(self, states: list[_Bucket], now: float) -> float | None:
        """Roll over windows that have ended; the moment to wait for, or None to go ahead."""
        target: float | None = None
        for state in states:
            wake = state.wake()
            if wake is not None and wake <= now:
                # The window is over: a fresh budget, to be confirmed by the next answer.
                if state.limit is not None:
                    state.remaining = state.limit
                state.reset = None
                state.rolled = True
                state.confirmed = False
                wake = None
            if wake is not None and state.remaining is not None and state.remaining <= 0:
                target = wake if target is None else max(target, wake)
            if state.blocked_until is not None:
                if state.blocked_until > now:
                    target = state.blocked_until if target is None else max(target, state.blocked_until)
                else:
                    state.blocked_until = None
        return target

    def _reserve(self, bucket: str, names: tuple[str, ...], states: list[_Bucket], now: float) -> tuple[Ticket, float]:
        probes = []
        delay = 0.0
        for name, state in zip(names, states, strict=True):
            if not state.confirmed:
                state.probing = True
                state.probe_since = time.monotonic()
                probes.append(name)
            if self.method == "pace":
                delay = max(delay, self._pace_delay(state, now))
        for state in states:
            if state.remaining is not None:
                state.remaining -= 1
            state.in_flight += 1
            state.lastcall = now + delay
        return Ticket(bucket, names, tuple(probes)), delay

    def _pace_delay(self, state: _Bucket, now: float) -> float:
        if state.reset is None or state.remaining is None or state.remaining <= 0:
            return 0.0
        per_call = (state.reset - now) / state.remaining
        waited = now - state.lastcall
        if waited < 0:
            # Another thread's call is already scheduled for later: queue behind it.
            return max(-waited + per_call / self.pacefactor, 0.0)
        return max((per_call - waited) / self.pacefactor, 0.0)

    # -- learning from the server ----------------------------------------------------------------

    def finish(self, ticket: Ticket, headers: Mapping[str, str] | None = None, status: int | None = None) -> None:
        """Release a reservation and learn from the answer.

        Args:
            ticket: What :meth:`before_request` returned.
            headers: The answer's headers, or None if no answer came.
            status: The answer's HTTP status, or None if no answer came.
        """
        with self._lock:
            for name in ticket.buckets:
                state = self._bucket(name)
                state.in_flight = max(state.in_flight - 1, 0)
            if headers is not None:
                self._learn(ticket.bucket, headers, probe=ticket.bucket in ticket.probes)
            for name in ticket.probes:
                state = self._bucket(name)
                state.probing = False
                if status is not None and status != 429:
                    state.confirmed = True
            self._cond.notify_all()

    def update(self, headers: Mapping[str, str], bucket: str = GENERAL) -> None:
        """Take the server's view of a budget from a response's headers (outside any reservation)."""
        with self._lock:
            if self._learn(bucket, headers, probe=False):
                self._bucket(bucket).confirmed = True
            self._cond.notify_all()

    def _learn_skew(self, headers: Mapping[str, str]) -> None:
        date_header = headers.get("Date")
        if not date_header:
            return
        try:
            measured = parsedate_to_datetime(date_header).timestamp() - self.clock()
        except (TypeError, ValueError, IndexError, OverflowError):
            return
        if not math.isfinite(measured):
            return
        # The Date header is rounded down and stamped before the answer travels, so each reading
        # is at most the true difference: the largest reading is the best one.
        if not self._skew_known or measured > self.skew or measured < self.skew - _SKEW_DROP:
            self.skew = measured
            self._skew_known = True

    def _learn(self, name: str, headers: Mapping[str, str], *, probe: bool) -> bool:
        """Apply an answer's headers to a bucket; whether they were taken as current."""
        limit = _parse_int(headers.get("X-RateLimit-Limit"))
        remaining = _parse_int(headers.get("X-RateLimit-Remaining"))
        reset_text = headers.get("X-RateLimit-Reset")
        server_reset = parse_reset(reset_text)
        self._learn_skew(headers)
        if limit is None and remaining is None and server_reset is None:
            return False
        state = self._bucket(name)
        # Answers that other threads are still waiting for may already be counted by the server,
        # or not yet: assume not, so the budget is never overspent.
        others = state.in_flight
        if server_reset is not None:
            if state.server_reset is None or server_reset > state.server_reset + _SAME_WINDOW:
                window = "new"
            elif server_reset < state.server_reset - _SAME_WINDOW:
                window = "old"
            else:
                window = "same"
        else:
            window = "unknown"
        stale = window == "old" or (window == "same" and state.rolled)
        if stale and not probe:
            # A late answer from a window that is over tells nothing about the current one.
            return False
        # A probe was sent alone after everything else, so its answer is the newest word of the
        # server even when it names a window we thought over (our clock ran ahead of the server's,
        # or the server's was set back).
        adopt = window == "new" or stale
        if limit is not None:
            state.limit = limit
        if remaining is not None:
            counted = remaining - others
            if adopt:
                fresh = counted if not state.rolled or state.remaining is None else min(state.remaining, counted)
            else:
                # A count far above the last one the server gave means it started counting afresh
                # (a new window it did not announce, or a changed limit); reordering of answers
                # between threads only ever explains small differences.
                last = state.last_server_remaining
                recount = last is not None and remaining > last + max(8, (state.limit or 0) // 4)
                fresh = counted if recount or state.remaining is None else min(state.remaining, counted)
            state.remaining = fresh
            state.last_server_remaining = remaining
        if server_reset is not None and reset_text is not None:
            if adopt or state.server_reset is None:
                state.server_reset = server_reset
            else:
                state.server_reset = max(server_reset, state.server_reset)
            state.reset = server_reset - self.skew
            # A reset in whole seconds may have been rounded down: the window may last up to a
            # second longer than it says.
            state.margin = 1.0 if _WHOLE_SECONDS.fullmatch(reset_text) else 0.0
            state.rolled = False
        state.confirmed = True
        return True

    def on_too_many_requests(self, attempt: int, retry_after: float | None = None, *, bucket: str = GENERAL) -> None:
        """React to a 429: raise in ``throw`` mode, else wait before the request is retried.

        Until the wait is over, no other request of the same bucket is sent either.
        """
        if self.method == "throw":
            raise MastodonRatelimitError("Hit rate limit.")
        with self._lock:
            state = self._bucket(bucket)
            state.remaining = 0
            now = self.clock()
            wake = state.wake()
            if retry_after is not None and retry_after >= 0:
                target = now + retry_after
            elif wake is not None and wake > now:
                target = wake
            else:
                target = now + min(_FIRST_BACKOFF * (2 ** max(attempt, 0)), MAX_SINGLE_SLEEP)
            state.blocked_until = max(state.blocked_until or target, target)
        self._sleep_until(target)

    def seconds_until(self, server_time: float) -> float:
        """How long until a moment given on the server's clock, in seconds (never negative)."""
        return max(server_time - self.skew - self.clock(), 0.0)

    def state(self, bucket: str = GENERAL) -> dict[str, Any]:
        """A consistent snapshot of a bucket's counters."""
        with self._lock:
            state = self._bucket(bucket)
            return {
                "limit": state.limit,
                "remaining": state.remaining,
                "reset": state.reset,
                "lastcall": state.lastcall,
            }

    def in_flight(self, bucket: str = GENERAL) -> int:
        """How many requests of a bucket are sent and not yet answered."""
        with self._lock:
            return self._bucket(bucket).in_flight


def _check_settings(method: str, pacefactor: float) -> None:
    if method not in RATELIMIT_METHODS:
        allowed = ", ".join(RATELIMIT_METHODS)
        raise MastodonIllegalArgumentError(f"ratelimit_method must be one of {allowed}; got {method!r}")
    if not isinstance(pacefactor, (int, float)) or not math.isfinite(pacefactor) or pacefactor <= 0:
        raise MastodonIllegalArgumentError("ratelimit_pacefactor must be a positive number")
