"""A fake clock for the rate-limit tests: time moves only when something sleeps on it."""

from __future__ import annotations

import threading


class FakeClock:
    """A clock that moves only when something sleeps on it (from any thread)."""

    def __init__(self, now: float) -> None:
        self.now = now
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds
