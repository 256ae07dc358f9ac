"""Measure the streaming figures against the project's streaming test server.

    python -m tests.stream_figures [--quick]

Prints, as a Markdown table:

* events lost and delivered twice over a 1,000-event stream cut in the middle of an event more
  than 50 times, with ``catch_up=True``;
* the seconds taken to find a silent connection with the default settings (``--quick`` uses a
  heartbeat interval of 1 second instead of 15, so the wait is 2 seconds, not 30);
* how long ``close()`` takes from each state (connecting, reading, waiting to reconnect);
* the stream threads and open connections left after 100 open/close cycles.

These are figures, not tests: the tests in tests/unit/test_stream_recovery.py check the same
behaviour without measuring time.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from typing import Any

from mastodon import Mastodon, StreamListener
from mastodon.streaming import DEFAULT_HEARTBEAT_INTERVAL, SSEStreamHandle
from tests.stream_server import Plan, StreamServer


class _Counter(StreamListener):
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.aborted = threading.Event()
        self.connected = threading.Event()
        self.changed = threading.Condition()

    def on_update(self, status: Any) -> None:
        with self.changed:
            self.ids.append(status.id)
            self.changed.notify_all()

    def on_abort(self, err: Exception) -> None:
        self.aborted.set()

    def on_connected(self) -> None:
        self.connected.set()


def _client(server: StreamServer, heartbeat: float) -> Mastodon:
    api = Mastodon(access_token="figures", api_base_url=server.base_url, mastodon_version="4.5.0")
    api.stream_heartbeat_interval = heartbeat
    return api


def forced_disconnects(events: int = 1000) -> dict[str, Any]:
    """Publish ``events`` statuses two at a time while the server keeps cutting the stream."""
    server = StreamServer().start()
    try:
        server.default_plan = Plan("live", cut_after=10)
        server.plans.extend(Plan("live", cut_after=5 + n % 10) for n in range(events // 4))
        listener = _Counter()
        handle = _client(server, 0.05).stream_user(
            listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.005, catch_up=True
        )
        listener.connected.wait(10)
        published: list[str] = []
        started = time.perf_counter()
        while len(published) < events:
            published += server.publish(2)
            target = len(published) - 2
            with listener.changed:
                listener.changed.wait_for(lambda target=target: len(listener.ids) >= target, timeout=10)  # type: ignore[misc]
        with listener.changed:
            listener.changed.wait_for(lambda: len(listener.ids) >= events, timeout=30)
        elapsed = time.perf_counter() - started
        handle.close()
        delivered = listener.ids
        return {
            "events": events,
            "disconnects": server.stream_requests - 1,
            "lost": len(set(published) - set(delivered)),
            "duplicated": len(delivered) - len(set(delivered)),
            "in order": delivered == sorted(delivered, key=int),
            "seconds": elapsed,
        }
    finally:
        server.stop()


def silence_detection(heartbeat: float) -> float:
    """Seconds from connecting to a server that goes silent until the stream reports it dead."""
    server = StreamServer().start()
    try:
        server.plans.append(Plan("stall"))
        listener = _Counter()
        started = time.perf_counter()
        handle = _client(server, heartbeat).stream_user(listener, run_async=True)
        listener.aborted.wait(10 * heartbeat + 10)
        elapsed = time.perf_counter() - started
        handle.close()
        return elapsed
    finally:
        server.stop()


def close_latency(state: str, rounds: int = 5) -> list[float]:
    """Seconds ``close()`` takes in ``state``: connecting, reading, or waiting to reconnect."""
    timings = []
    for _ in range(rounds):
        server = StreamServer().start()
        try:
            plan = {"connecting": Plan("stall_headers"), "reading": Plan("heartbeats"), "backing off": Plan("refuse")}
            server.plans.append(plan[state])
            listener = _Counter()
            api = _client(server, 3600)
            handle = api.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=3600)
            assert isinstance(handle, SSEStreamHandle)
            server.wait_for_streams(requests=1, wait=10)
            if state == "backing off":
                listener.aborted.wait(10)
            time.sleep(0.2)  # settle into the state
            started = time.perf_counter()
            handle.close()
            timings.append(time.perf_counter() - started)
            if handle.is_alive():
                timings[-1] = float("inf")
        finally:
            server.stop()
    return timings


def cycles(count: int = 100) -> dict[str, int]:
    """Threads and server connections left after ``count`` open/close cycles."""
    server = StreamServer().start()
    try:
        api = _client(server, 0.05)
        before = sum(1 for t in threading.enumerate() if t.name == "mastodon-stream")
        for _ in range(count):
            handle = api.stream_user(StreamListener(), run_async=True)
            handle.close()
        server.wait_for_streams(open_count=0, requests=count, wait=10)
        after = sum(1 for t in threading.enumerate() if t.name == "mastodon-stream")
        return {"cycles": count, "threads left": after - before, "connections left open": server.open_streams}
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 1-second heartbeat for the silence figure")
    options = parser.parse_args(argv)
    heartbeat = 1.0 if options.quick else DEFAULT_HEARTBEAT_INTERVAL

    disconnects = forced_disconnects()
    print("| figure | value |\n|---|---|")
    print(
        f"| 1,000 events, {disconnects['disconnects']} forced disconnects, catch_up=True | "
        f"{disconnects['lost']} lost, {disconnects['duplicated']} duplicated, "
        f"in order: {disconnects['in order']} ({disconnects['seconds']:.1f} s) |"
    )
    silent = silence_detection(heartbeat)
    print(f"| silent connection found (heartbeat interval {heartbeat:g} s, defaults) | {silent:.1f} s |")
    for state in ("connecting", "reading", "backing off"):
        timings = close_latency(state)
        print(
            f"| close() while {state} | median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms |"
        )
    left = cycles()
    print(
        f"| after {left['cycles']} open/close cycles | {left['threads left']} threads, "
        f"{left['connections left open']} connections left |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
