"""Rate limiting shared by every request of one client, safe across threads.

Modes (the client's ``ratelimit_method``):

* ``"throw"``: a 429 raises :class:`MastodonRatelimitError`.
* ``"wait"``: when the budget is used up, wait for the window to reset before sending; a 429 waits
  for the reset and tries again.
* ``"pace"``: spread the remaining budget evenly over the time left in the window, so a steady
  caller never runs dry; a 429 is handled as in ``"wait"``.

Each request reserves one call from the budget before it is sent, so threads sharing a client do
not all spend the last call at once. Clock and sleep are injectable for tests.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError, MastodonRatelimitError

__all__ = ["MAX_SINGLE_SLEEP", "RATELIMIT_METHODS", "RateLimiter", "parse_reset"]

RATELIMIT_METHODS = ("throw", "wait", "pace")
#: No single sleep is longer than this; longer waits are taken in steps.
MAX_SINGLE_SLEEP = 300.0
_FIRST_BACKOFF = 2.0


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


class RateLimiter:
    """The rate-limit state of one client and the decisions made from it."""

    def __init__(
        self,
        method: str = "wait",
        pacefactor: float = 1.1,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if method not in RATELIMIT_METHODS:
            raise MastodonIllegalArgumentError(
                f"ratelimit_method must be one of {', '.join(RATELIMIT_METHODS)}; got {method!r}"
            )
        if pacefactor <= 0:
            raise MastodonIllegalArgumentError("ratelimit_pacefactor must be positive")
        self.method = method
        self.pacefactor = float(pacefactor)
        self.clock = clock
        self.sleep = sleep
        self._lock = threading.Lock()
        self.limit = 300
        self.remaining = 300
        self.reset: float | None = None
        self.lastcall = clock()
        #: Server clock minus ours, from the ``Date`` header.
        self.skew = 0.0
        self._last_server_remaining: int | None = None

    # -- waiting -------------------------------------------------------------------------------

    def _sleep_until(self, moment: float) -> None:
        while True:
            left = moment - self.clock()
            if left <= 0:
                return
            self.sleep(min(left, MAX_SINGLE_SLEEP))

    def before_request(self) -> None:
        """Reserve one call, waiting first if the mode asks for it."""
        if self.method == "throw":
            with self._lock:
                self.lastcall = self.clock()
            return
        while True:
            with self._lock:
                now = self.clock()
                reset = self.reset
                if self.remaining > 0 or reset is None or reset <= now:
                    if reset is not None and reset <= now and self.remaining <= 0:
                        # The window is over; the server grants a fresh budget.
                        self.remaining = self.limit
                        self.reset = None
                    delay = 0.0
                    if self.method == "pace" and self.reset is not None and self.remaining > 0:
                        per_call = (self.reset - now) / self.remaining
                        delay = (per_call - (now - self.lastcall)) / self.pacefactor
                    self.remaining -= 1
                    self.lastcall = now + max(delay, 0.0)
                    break
            self._sleep_until(reset)
        if delay > 0:
            self.sleep(min(delay, MAX_SINGLE_SLEEP))

    # -- learning from the server ----------------------------------------------------------------

    def update(self, headers: Mapping[str, str]) -> None:
        """Take the server's view of the budget from a response's headers."""
        limit = _parse_int(headers.get("X-RateLimit-Limit"))
        remaining = _parse_int(headers.get("X-RateLimit-Remaining"))
        reset = parse_reset(headers.get("X-RateLimit-Reset"))
        skew = None
        date_header = headers.get("Date")
        if date_header:
            try:
                skew = parsedate_to_datetime(date_header).timestamp() - self.clock()
            except (TypeError, ValueError, IndexError, OverflowError):
                skew = None
        if limit is None and remaining is None and reset is None:
            return
        with self._lock:
            if skew is not None:
                self.skew = skew
            if limit is not None:
                self.limit = limit
            local_reset = reset - self.skew if reset is not None else None
            if remaining is not None:
                new_window = local_reset is not None and (self.reset is None or local_reset > self.reset + 1)
                # A count far above the last one the server gave means the server started counting
                # afresh (a new window it did not announce, or a changed limit); reordering of
                # answers between threads only ever explains small differences.
                recount = self._last_server_remaining is not None and remaining > self._last_server_remaining + max(
                    8, self.limit // 4
                )
                # Otherwise answers from several threads arrive in any order: within one window the
                # smallest count is the truest, and a reservation already taken stays taken.
                self.remaining = remaining if new_window or recount else min(self.remaining, remaining)
                self._last_server_remaining = remaining
            if local_reset is not None:
                self.reset = local_reset

    def on_too_many_requests(self, attempt: int, retry_after: float | None = None) -> None:
        """React to a 429: raise in ``throw`` mode, else wait before the request is retried."""
        if self.method == "throw":
            raise MastodonRatelimitError("Hit rate limit.")
        with self._lock:
            self.remaining = 0
            reset = self.reset
        now = self.clock()
        if retry_after is not None and retry_after >= 0:
            target = now + retry_after
        elif reset is not None and reset > now:
            target = reset
        else:
            target = now + min(_FIRST_BACKOFF * (2 ** max(attempt, 0)), MAX_SINGLE_SLEEP)
        self._sleep_until(target)

    def state(self) -> dict[str, Any]:
        """A consistent snapshot of the counters."""
        with self._lock:
            return {
                "limit": self.limit,
                "remaining": self.remaining,
                "reset": self.reset,
                "lastcall": self.lastcall,
            }
