"""What every stream shares: its default timeout, heartbeat interval and reconnection back-off.

Offered under the same names by :mod:`mastodon.streaming`.
"""

from __future__ import annotations

import random

__all__ = [
    "DEFAULT_HEARTBEAT_INTERVAL",
    "DEFAULT_RECONNECT_MAX_WAIT_SEC",
    "DEFAULT_RECONNECT_WAIT_SEC",
    "DEFAULT_STREAM_TIMEOUT",
    "reconnect_delay",
    "silence_limit",
]


class _DefaultTimeout(int):
    """The default ``timeout`` of the stream methods: 300, as in Mastodon.py, yet told apart from a
    ``timeout=300`` the caller wrote, so that the default can follow the server's heartbeat."""

    __slots__ = ()


#: The default ``timeout`` of the stream methods. Left at this default, a stream counts as dead
#: after twice the heartbeat interval without data (see :data:`DEFAULT_HEARTBEAT_INTERVAL`); a
#: ``timeout`` the caller gives, 300 included, is used as given.
DEFAULT_STREAM_TIMEOUT = _DefaultTimeout(300)
#: Seconds between the heartbeats Mastodon's streaming server sends (``:thump`` comments).
DEFAULT_HEARTBEAT_INTERVAL = 15.0
#: The base of the wait before reconnecting a dropped stream, in seconds.
DEFAULT_RECONNECT_WAIT_SEC = 5
#: The longest wait between two reconnection attempts, in seconds.
DEFAULT_RECONNECT_MAX_WAIT_SEC = 120.0


def silence_limit(timeout: float | None, heartbeat_interval: float | None) -> float | None:
    """The read timeout of a stream: twice the heartbeat interval for the default ``timeout``.

    Args:
        timeout: The ``timeout`` given to a stream method (``None`` waits forever).
        heartbeat_interval: Seconds between the server's heartbeats; ``None`` keeps the timeout.
    """
    if timeout is DEFAULT_STREAM_TIMEOUT and heartbeat_interval is not None and heartbeat_interval > 0:
        return 2 * float(heartbeat_interval)
    return timeout


def reconnect_delay(attempt: int, base: float, cap: float = DEFAULT_RECONNECT_MAX_WAIT_SEC) -> float:
    """Seconds to wait before reconnection attempt ``attempt``: capped exponential, with jitter.

    Attempt 0 (the first after a connection that worked for a while) waits nothing; attempt
    ``n`` waits between half and all of ``base * 2 ** (n - 1)``, at most ``cap``.
    """
    if attempt <= 0 or base <= 0:
        return 0.0
    ceiling = min(max(cap, base), base * 2 ** min(attempt - 1, 30))
    return float(ceiling) * (0.5 + random.random() / 2)
