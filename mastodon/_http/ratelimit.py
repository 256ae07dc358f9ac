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

In ``wait`` and ``pace`` modes each request reserves one call from its buckets before it is sent.
Threads sharing a client never spend more than the server allows, even when answers arrive out of
order or a request sent near the end of one window reaches the server in the next, because the
budget is estimated as the server's lowest count in the window less every request that count may
not include yet:

* requests still on their way, and
* requests that ended without news of the bucket (an upload's answer reports only the upload
  budget, although the general one was charged too; a failed request reports nothing), until an
  answer to a request reserved after they ended shows a count that must include them.

Answers with a higher count than the lowest are older news: their requests are part of the lowest
count already, so they stop being held back and the estimate follows the server instead of falling
a little further behind with every overlap. A count above the lowest by more than the requests the
server can have counted in between (however late the answer arrives) means the server started
counting afresh within the window (a restart, a changed limit); it is believed.

A request that finds a budget spent while other threads' requests of that bucket are on their way
waits for their answers, which may show more room (a count started afresh, calls the estimate held
back), before it settles into sleeping until the window ends. While the state of a bucket is not
known (before the first answer, and after a window ends) only one request of that bucket is sent;
the others wait for its answer. Clock and sleep are injectable for tests.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from mastodon._http.headers import header_text, read_header
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

# Compiled by ``re`` when first needed (and kept in its cache), not at import.
_MEDIA_PATH = r"/api/v\d+/media/?$"
_STATUS_PATH = r"/api/v1/statuses/[^/]+/?$"
_WHOLE_SECONDS = r"\s*[+-]?\d+\s*"

# Two answers whose reset times differ by less than this describe the same window.
_SAME_WINDOW = 1.0
# A server clock reading this far below the estimate means the server's clock was set back (or an
# answer was very slow); either way the lower value is the safe one to adopt.
_SKEW_DROP = 2.0
# How long a request waits for answers on their way (to a probe, or to requests that may show more
# room in a spent budget) without hearing any, in seconds of real time. An answer that takes longer
# (a large upload, a hung server) should not hold every other thread forever.
PROBE_PATIENCE = 30.0
# Requests ended without news of a bucket that are remembered at most; older ones are surely
# counted by the time so many more have ended.
_MAX_UNSEEN = 1024


def bucket_for(verb: str, path: str) -> str:
    """The rate-limit bucket of a request, from its verb and URL path.

    Args:
        verb: The HTTP method.
        path: The path of the URL (a prefix before ``/api/`` is allowed).

    Returns:
        :data:`MEDIA`, :data:`STATUS_DELETE` or :data:`GENERAL`.
    """
    verb = verb.upper()
    if verb == "POST" and re.search(_MEDIA_PATH, path):
        return MEDIA
    if verb == "DELETE" and re.search(_STATUS_PATH, path):
        return STATUS_DELETE
    return GENERAL


def parse_reset(value: Any) -> float | None:
    """Read an ``X-RateLimit-Reset`` header: ISO 8601 (Mastodon) or epoch seconds (GoToSocial).

    Anything else (no value, not text, not a moment) gives ``None``.
    """
    text = header_text(value)
    if not text:
        return None
    text = text.strip()
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        return number if math.isfinite(number) else None
    try:
        return datetime.fromisoformat(text).timestamp()
    except (ValueError, OverflowError, OSError):
        pass
    try:
        from dateutil.parser import isoparse

        return isoparse(text).timestamp()
    except (ValueError, OverflowError, OSError):
        return None


#: The last ``Date`` header read, and its moment: answers within one second carry the same text.
_last_date: list[tuple[Any, float | None]] = [(None, None)]


def _http_date(text: Any) -> float | None:
    """The moment of an HTTP ``Date`` header in epoch seconds, or None if it is not one."""
    seen, moment = _last_date[0]  # one tuple: another thread replaces it whole
    if text == seen and seen is not None:
        return moment
    try:
        moment = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        moment = None
    _last_date[0] = (text, moment)
    return moment


def _parse_int(value: Any) -> int | None:
    if value is None:
        return None
    text = value if type(value) is str else header_text(value)
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) else None


class Ticket:
    """A reservation for one request, handed back to :meth:`RateLimiter.finish`.

    Attributes:
        bucket: The bucket whose budget the answer reports.
        buckets: Every bucket the request counts against.
        probes: The buckets for which this request is the one sent to learn their state.
        serial: The order in which the reservation was made (1 for the limiter's first).
        opened: The serial of the oldest request still unanswered when this one was reserved (its
            own when there was none). The server may have counted any request from that one on
            after this one, and no earlier one.
    """

    # A plain class rather than a frozen dataclass: ``dataclasses`` costs milliseconds to import
    # and to build the class with the client. It behaves as that dataclass did: read-only fields,
    # equality and hashing by value, the same repr.
    __slots__ = ("bucket", "buckets", "opened", "probes", "serial")
    __match_args__ = ("bucket", "buckets", "probes", "serial", "opened")

    bucket: str
    buckets: tuple[str, ...]
    probes: tuple[str, ...]
    serial: int
    opened: int

    def __init__(
        self, bucket: str, buckets: tuple[str, ...], probes: tuple[str, ...] = (), serial: int = 0, opened: int = 0
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "bucket", bucket)
        set_field(self, "buckets", buckets)
        set_field(self, "probes", probes)
        set_field(self, "serial", serial)
        set_field(self, "opened", opened)

    def _fields(self) -> tuple[str, tuple[str, ...], tuple[str, ...], int, int]:
        return (self.bucket, self.buckets, self.probes, self.serial, self.opened)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"{type(self).__qualname__}(bucket={self.bucket!r}, buckets={self.buckets!r}, "
            f"probes={self.probes!r}, serial={self.serial!r}, opened={self.opened!r})"
        )


class _Bucket:
    """What is known of one budget. Guarded by the limiter's lock."""

    def __init__(self, limit: int | None, now: float) -> None:
        self.limit = limit
        #: Calls we may still send in this window; None while the server has not said.
        self.remaining: int | None = limit
        #: Whether the server ever gave a count for this budget. Until it does, the count is the
        #: default and nothing is counted down: a server without rate-limit headers has no limit
        #: we know of.
        self.counted = False
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
        #: Requests charged to this bucket and not answered yet: serial -> the sending thread.
        self.flying: dict[int, int] = {}
        #: Requests charged to this bucket that ended without news of it: serial -> how many
        #: reservations had been made when it ended. Any request reserved later reaches the server
        #: after it did, so that request's answer includes it in the count.
        self.unseen: dict[int, int] = {}
        #: The lowest count the server gave in this window. Its counts only fall within a window, so
        #: this is the newest of them, whatever order the answers arrived in.
        self.server_low: int | None = None
        #: Reservations made when ``server_low`` was taken: the answer that gave it covers no
        #: request reserved later.
        self.low_issued = 0
        self.blocked_until: float | None = None
        self.lastcall = now

    def wake(self) -> float | None:
        return None if self.reset is None else self.reset + self.margin

    def ended_unseen(self, serial: int, issued: int) -> None:
        self.unseen[serial] = issued
        if len(self.unseen) > _MAX_UNSEEN:
            del self.unseen[next(iter(self.unseen))]

    def estimate(self, serial: int) -> None:
        """Set ``remaining`` from the lowest count, given an answer to the request ``serial``."""
        if self.server_low is None:
            return
        if self.unseen:
            self.unseen = {key: ended for key, ended in self.unseen.items() if ended >= serial}
        self.remaining = self.server_low - len(self.flying) - len(self.unseen)


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
        #: Reservations made so far: the serial of the latest one.
        self._issued = 0
        #: Answers taken so far: tells a waiting request whether any news came.
        self._answers = 0
        #: Called with the lock held to wait for answers on their way (tests replace it).
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
        me = threading.get_ident()
        if self.method == "throw":
            with self._lock:
                now = self.clock()
                serial, opened = self._issue()
                for name in names:
                    state = self._bucket(name)
                    state.flying[serial] = me
                    state.lastcall = now
            return Ticket(bucket, names, serial=serial, opened=opened)
        heard, quiet_since = -1, 0.0
        while True:
            with self._lock:
                now = self.clock()
                states = [self._bucket(name) for name in names]
                target, spent = self._blocked_until(states, now)
                if target is None:
                    waiting_for = [s for s in states if not s.confirmed and s.probing]
                    if waiting_for and time.monotonic() - min(s.probe_since for s in waiting_for) < PROBE_PATIENCE:
                        self.await_answer(1.0)
                        continue
                    ticket, delay = self._reserve(bucket, names, states, now, me)
                    break
                # Only spent budgets stand in the way, and other threads' requests of each are on
                # their way: their answers may show room the estimate does not (the server started
                # counting afresh, or counted calls the estimate still holds back). Wait for them
                # rather than sleep to the end of the window, as long as answers keep coming. A
                # thread's own requests are never waited for: it cannot be the one to deliver them.
                if spent and all(any(owner != me for owner in s.flying.values()) for s in spent):
                    moment = time.monotonic()
                    if self._answers != heard:
                        heard, quiet_since = self._answers, moment
                    patience = quiet_since + PROBE_PATIENCE - moment
                    if patience > 0 and target > now:
                        self.await_answer(min(target - now, patience))
                        continue
            self._sleep_until(target)
        if delay > 0:
            self.sleep(min(delay, MAX_SINGLE_SLEEP))
        return ticket

    def _blocked_until(self, states: list[_Bucket], now: float) -> tuple[float | None, list[_Bucket]]:
        """Roll over windows that have ended and say what holds a request back.

        Returns:
            The moment to wait for (None to go ahead), and the spent buckets that hold the request
            back; that list is empty when a 429 does, since no answer can lift that.
        """
        target: float | None = None
        spent: list[_Bucket] = []
        refused = False
        for state in states:
            wake = state.wake()
            if wake is not None and wake <= now:
                # The window is over: a fresh budget, to be confirmed by the next answer. Requests
                # that ended by now reached the server before its window ended: the new window
                # does not count them.
                if state.limit is not None:
                    state.remaining = state.limit
                state.reset = None
                state.rolled = True
                state.confirmed = False
                state.server_low = None
                state.unseen.clear()
                wake = None
            if wake is not None and state.remaining is not None and state.remaining <= 0:
                target = wake if target is None else max(target, wake)
                spent.append(state)
            if state.blocked_until is not None:
                if state.blocked_until > now:
                    target = state.blocked_until if target is None else max(target, state.blocked_until)
                    refused = True
                else:
                    state.blocked_until = None
        return target, [] if refused else spent

    def _reserve(
        self, bucket: str, names: tuple[str, ...], states: list[_Bucket], now: float, me: int
    ) -> tuple[Ticket, float]:
        probes = []
        delay = 0.0
        for name, state in zip(names, states, strict=True):
            if not state.confirmed:
                state.probing = True
                state.probe_since = time.monotonic()
                probes.append(name)
            if self.method == "pace":
                delay = max(delay, self._pace_delay(state, now))
        serial, opened = self._issue()
        for state in states:
            if state.remaining is not None and state.counted:
                state.remaining -= 1
            state.flying[serial] = me
            state.lastcall = now + delay
        return Ticket(bucket, names, tuple(probes), serial, opened), delay

    def _issue(self) -> tuple[int, int]:
        """A new reservation's serial, and the serial of the oldest request still unanswered."""
        self._issued += 1
        # Every request counts against the general budget, so its flights are all the flights.
        return self._issued, min(self._buckets[GENERAL].flying, default=self._issued)

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
            self._answers += 1
            # Off the flight first: an answer's count includes its own request.
            for name in ticket.buckets:
                self._bucket(name).flying.pop(ticket.serial, None)
            heard = "silent"
            if headers is not None:
                heard = self._learn(
                    ticket.bucket,
                    headers,
                    probe=ticket.bucket in ticket.probes,
                    serial=ticket.serial,
                    opened=ticket.opened,
                )
            for name in ticket.buckets:
                if name != ticket.bucket or heard == "silent":
                    # The server may have counted this request in the bucket, or may count it
                    # later: it stays held back until an answer shows it counted.
                    self._bucket(name).ended_unseen(ticket.serial, self._issued)
            for name in ticket.probes:
                state = self._bucket(name)
                state.probing = False
                if status is not None and status != 429:
                    state.confirmed = True
            self._cond.notify_all()

    def update(self, headers: Mapping[str, str], bucket: str = GENERAL) -> None:
        """Take the server's view of a budget from a response's headers (outside any reservation)."""
        with self._lock:
            self._answers += 1
            # As if sent now: everything that ended before is included in its count.
            serial = self._issued + 1
            if self._learn(bucket, headers, probe=False, serial=serial, opened=serial) == "taken":
                self._bucket(bucket).confirmed = True
            self._cond.notify_all()

    def _learn_skew(self, headers: Mapping[str, str]) -> None:
        date_header = read_header(headers, "Date")
        if not date_header:
            return
        moment = _http_date(date_header)
        if moment is None:
            return
        measured = moment - self.clock()
        if not math.isfinite(measured):
            return
        # The Date header is rounded down and stamped before the answer travels, so each reading
        # is at most the true difference: the largest reading is the best one.
        if not self._skew_known or measured > self.skew or measured < self.skew - _SKEW_DROP:
            self.skew = measured
            self._skew_known = True

    def _learn(self, name: str, headers: Mapping[str, str], *, probe: bool, serial: int, opened: int) -> str:
        """Apply the headers of the answer to request ``serial`` to a bucket.

        ``opened`` is the oldest request still unanswered when that one was reserved.

        Returns:
            ``"taken"`` when they describe the current window, ``"stale"`` when they come from a
            window that is over (the request was counted there), ``"silent"`` when they carry no
            budget at all.
        """
        limit = _parse_int(read_header(headers, "X-RateLimit-Limit"))
        remaining = _parse_int(read_header(headers, "X-RateLimit-Remaining"))
        reset_text = read_header(headers, "X-RateLimit-Reset")
        server_reset = parse_reset(reset_text)
        self._learn_skew(headers)
        if limit is None and remaining is None and server_reset is None:
            return "silent"
        state = self._bucket(name)
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
            return "stale"
        # A probe was sent alone after everything else, so its answer is the newest word of the
        # server even when it names a window we thought over (our clock ran ahead of the server's,
        # or the server's was set back).
        adopt = window == "new" or stale
        if limit is not None:
            state.limit = limit
        if remaining is not None:
            low = state.server_low
            # A count far above the lowest means the server started counting afresh (a new window
            # it did not announce, a restart, a changed limit). A higher count otherwise is older
            # news: had the server counted this request before the one that gave the lowest, the
            # difference would be at most the requests it can have counted in between, those
            # reserved from this one's oldest open request on until the lowest was taken. A thread
            # that delivers its answer late can make that many.
            reordered = state.low_issued - opened + 1
            recount = low is not None and remaining > low + max(8, (state.limit or 0) // 4, reordered)
            state.counted = True
            if adopt or recount or low is None or remaining < low:
                state.server_low = remaining
                state.low_issued = self._issued
            state.estimate(serial)
        if server_reset is not None and reset_text is not None:
            if adopt or state.server_reset is None:
                state.server_reset = server_reset
            else:
                state.server_reset = max(server_reset, state.server_reset)
            state.reset = server_reset - self.skew
            # A reset in whole seconds may have been rounded down: the window may last up to a
            # second longer than it says.
            state.margin = 1.0 if re.fullmatch(_WHOLE_SECONDS, reset_text) else 0.0
            state.rolled = False
        state.confirmed = True
        return "taken"

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
            return len(self._bucket(bucket).flying)


def _check_settings(method: str, pacefactor: float) -> None:
    if method not in RATELIMIT_METHODS:
        allowed = ", ".join(RATELIMIT_METHODS)
        raise MastodonIllegalArgumentError(f"ratelimit_method must be one of {allowed}; got {method!r}")
    if not isinstance(pacefactor, (int, float)) or not math.isfinite(pacefactor) or pacefactor <= 0:
        raise MastodonIllegalArgumentError("ratelimit_pacefactor must be a positive number")
