"""How each figure is taken, the same way for every client.

A client is any object with the operations of :class:`Client`: this project's
(:mod:`benchmarks._clients`), plain ``requests`` with ``json.loads``, and Mastodon.py 2.3.3, which
runs in an interpreter of its own through ``_reference_driver.py``. That is why this module
uses nothing but the standard library: the reference's interpreter imports it too.

Timing keeps the garbage collector on, as in an application, after a full collection before each
timed block. Memory is taken in a separate pass under :mod:`tracemalloc` (which slows code
down), as the peak above what was allocated before the pass started.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

__all__ = [
    "Client",
    "constructor",
    "fetch_remaining",
    "import_time",
    "iterate",
    "per_call",
    "post",
    "stream",
    "threads",
    "timeline",
    "verify",
]

PAGE = 40


class Client(Protocol):
    """The operations a measured client offers."""

    def read(self, status: Any) -> tuple[Any, ...]:
        """Read ``id``, ``account.acct``, ``content`` and ``created_at`` of a status."""

    def verify(self) -> object:
        """``GET /api/v1/accounts/verify_credentials``."""

    def post(self) -> object:
        """``POST /api/v1/statuses`` with the text "x"."""

    def timeline(self) -> Sequence[Any]:
        """One 40-status page of the home timeline."""

    def fetch_all(self) -> Sequence[Any]:
        """Every status of the home timeline, page after page, as one list."""

    def iterate(self) -> Iterable[Any]:
        """Every status of the home timeline, one at a time, fetching pages as needed."""

    def stream(self, on_status: Callable[[Any], None]) -> None:
        """Read the user stream until the server ends it, passing each status on."""

    def construct(self) -> object:
        """Make a new client (or what stands for one)."""


def _collect() -> None:
    gc.collect()


def per_call(step: Callable[[], object], calls: int) -> float:
    """Seconds per call of ``step``, over ``calls`` calls in a row."""
    _collect()
    start = time.perf_counter()
    for _ in range(calls):
        step()
    return (time.perf_counter() - start) / calls


def peak_of(step: Callable[[], object]) -> tuple[int, object]:
    """Peak bytes allocated while ``step`` ran (above what was allocated before), and its result."""
    _collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = step()
        return tracemalloc.get_traced_memory()[1] - before, result
    finally:
        tracemalloc.stop()


def held_by(make: Callable[[], object]) -> int:
    """Bytes still allocated for what ``make`` returns, once everything else it made is freed."""
    _collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = make()
        _collect()
        size = tracemalloc.get_traced_memory()[0] - before
        del kept
        return size
    finally:
        tracemalloc.stop()


def _read_all(client: Client, statuses: Iterable[Any]) -> int:
    count = 0
    read = client.read
    for status in statuses:
        read(status)
        count += 1
    return count


def _check(what: str, got: int, expected: int) -> None:
    if got != expected:
        raise AssertionError(f"{what}: {got} statuses, expected {expected}")


def verify(client: Client, calls: int) -> dict[str, float]:
    """Milliseconds per ``verify_credentials`` call."""
    return {"verify_ms": per_call(client.verify, calls) * 1e3}


def post(client: Client, calls: int) -> dict[str, float]:
    """Milliseconds per status post."""
    return {"post_ms": per_call(client.post, calls) * 1e3}


def timeline(client: Client, calls: int) -> dict[str, float]:
    """Milliseconds per 40-status page, four fields read from each status."""

    def step() -> None:
        _check("timeline page", _read_all(client, client.timeline()), PAGE)

    return {"timeline_ms": per_call(step, calls) * 1e3}


def fetch_remaining(client: Client, expected: int, memory: bool = True) -> dict[str, float]:
    """Seconds to fetch ``expected`` statuses as one list and read them; peak megabytes."""

    def step() -> Sequence[Any]:
        statuses = client.fetch_all()
        _check("fetch_remaining", _read_all(client, statuses), expected)
        return statuses

    figures = {"fetch_s": per_call(step, 1)}
    if memory:
        figures["fetch_peak_mb"] = peak_of(step)[0] / 1e6
    return figures


def iterate(client: Client, expected: int, memory: bool = True) -> dict[str, float]:
    """Seconds to walk ``expected`` statuses one at a time; peak megabytes, and the peak in
    pages: divided by what one page (40 statuses, fields read) holds."""

    def step() -> None:
        _check("pagination_iterator", _read_all(client, client.iterate()), expected)

    figures = {"iterate_s": per_call(step, 1)}
    if memory:

        def page() -> Sequence[Any]:
            statuses = client.timeline()
            _read_all(client, statuses)
            return statuses

        one_page = held_by(page)
        peak = peak_of(step)[0]
        figures.update(iterate_peak_mb=peak / 1e6, page_kb=one_page / 1e3, iterate_pages=peak / one_page)
    return figures


def stream(client: Client, expected: int) -> dict[str, float]:
    """``update`` events per second over one stream of ``expected`` events, connection included."""
    seen = [0]
    read = client.read

    def on_status(status: Any) -> None:
        read(status)
        seen[0] += 1

    _collect()
    start = time.perf_counter()
    client.stream(on_status)
    elapsed = time.perf_counter() - start
    _check("stream", seen[0], expected)
    return {"stream_eps": expected / elapsed}


def constructor(client: Client, count: int) -> dict[str, float]:
    """Microseconds per new client."""
    return {"construct_us": per_call(client.construct, count) * 1e6}


def import_time(statement: str, runs: int, pythonpath: str | None = None) -> dict[str, float]:
    """Milliseconds that ``statement`` (an import) takes in a fresh interpreter, timed inside it;
    the median of ``runs`` interpreters, after one warm-up interpreter that writes bytecode."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    env = dict(os.environ)
    # Measured as after an install, with compiled bytecode in place for both sides (pip writes it
    # for what it installs; a checkout gets it from the warm-up run below).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    subprocess.run([sys.executable, "-c", statement], capture_output=True, env=env, timeout=120, check=False)
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{statement!r} failed: {done.stderr[-500:]}")
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return {"import_ms": statistics.median(times) * 1e3}


def threads(client: Client, counts: Sequence[int], calls: int) -> dict[str, float]:
    """Timeline pages per second with 1, 4, 8, ... threads sharing ``client``, ``calls`` pages
    per thread; a failed call or a short page counts as an error."""
    figures: dict[str, float] = {}
    errors = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal errors
        for _ in range(calls):
            try:
                page = client.timeline()
                ok = _read_all(client, page) == PAGE
            except Exception:  # any failure is counted, none may stop the run
                ok = False
            if not ok:
                with lock:
                    errors += 1

    for count in counts:
        workers = [threading.Thread(target=work, daemon=True) for _ in range(count)]
        _collect()
        start = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(600)
        figures[f"threads_{count}_cps"] = count * calls / (time.perf_counter() - start)
    for count in counts[1:]:
        figures[f"threads_{count}_scale"] = figures[f"threads_{count}_cps"] / figures[f"threads_{counts[0]}_cps"]
    figures["threads_errors"] = errors
    return figures
