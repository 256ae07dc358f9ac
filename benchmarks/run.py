"""The project's benchmark suite: this library beside plain ``requests`` + ``json.loads``.

Usage (from the project root)::

    python benchmarks/run.py                 # the whole suite, a few minutes
    python benchmarks/run.py --quick         # a smoke run: small sizes, two rounds
    python benchmarks/run.py --reference     # also Mastodon.py 2.3.3, in a venv of its own
    python benchmarks/run.py --only timeline,stream --rounds 3
    python benchmarks/run.py --profile       # and where a timeline call spends its time

It starts a fake Mastodon server (``benchmarks/_server.py``) on 127.0.0.1 in a process of its
own, measures every figure for this project ("ours") and for "raw" in each round, alternating
which goes first, and prints a table of the medians and of the ratio ours/raw. ``--json``
writes every value (and a Markdown table beside it), ``--svg`` a chart of the ratios. Nothing
outside the project is used: the standard library, ``requests`` and the ``mastodon`` package of
this folder.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib.metadata
import io
import os
import platform
import pstats
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

import mastodon  # noqa: E402
from benchmarks import _measure, _reference, _report  # noqa: E402
from benchmarks._clients import Ours, Raw  # noqa: E402
from benchmarks._server import TOKEN, ServerProcess  # noqa: E402
from mastodon._convert import use_fast_decoder  # noqa: E402

DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"
THREADS = (1, 4, 8)


@dataclass(frozen=True)
class Sizes:
    """How much each figure does per round."""

    rounds: int
    calls: int  # timeline pages per timed batch
    small_calls: int  # verify_credentials / status_post calls per timed batch
    fetch: int  # statuses fetched with fetch_remaining
    iterate: int  # statuses walked with pagination_iterator
    events: int  # update events per stream
    import_runs: int  # fresh interpreters per round for the import time
    constructs: int  # clients made per timed batch
    thread_calls: int  # timeline pages per thread
    reference_calls: int  # timeline pages per batch for Mastodon.py 2.3.3


FULL = Sizes(
    rounds=5, calls=40, small_calls=100, fetch=2000, iterate=20000, events=10000, import_runs=3, constructs=300,
    thread_calls=24, reference_calls=5,
)  # fmt: skip
QUICK = Sizes(
    rounds=2, calls=3, small_calls=20, fetch=200, iterate=400, events=300, import_runs=1, constructs=50,
    thread_calls=2, reference_calls=2,
)  # fmt: skip
STEPS = ("verify", "post", "timeline", "fetch", "iterate", "stream", "speed", "import", "construct", "threads")


def say(message: str) -> None:
    """Progress, on standard error, so that standard output holds only the results."""
    print(message, file=sys.stderr, flush=True)


def _steps(sizes: Sizes) -> dict[str, tuple[dict[str, int], Callable[[Any], dict[str, float]]]]:
    """Per step: the server's settings for it, and how a client is measured."""
    pages = {"timeline_size": sizes.fetch}
    root = str(ROOT)

    def imports(client: Any) -> dict[str, float]:
        # Both interpreters get the project folder on their path, so they start alike.
        return _measure.import_time(client.import_statement, sizes.import_runs, pythonpath=root)

    def speed(client: Any) -> dict[str, float]:
        # The same two figures with the ``speed`` extra's decoder (orjson); raw is measured again
        # beside it, so that the ratio compares figures of the same minutes.
        if client.name == "ours":
            if fast_loads_available() is None:
                return {}
            use_fast_decoder(True)
        try:
            figures = _measure.timeline(client, sizes.calls)
            figures.update(_measure.stream(client, sizes.events))
        finally:
            use_fast_decoder(False)
        return {"timeline_speed_ms": figures["timeline_ms"], "stream_speed_eps": figures["stream_eps"]}

    return {
        "verify": ({}, lambda client: _measure.verify(client, sizes.small_calls)),
        "post": ({}, lambda client: _measure.post(client, sizes.small_calls)),
        "timeline": (pages, lambda client: _measure.timeline(client, sizes.calls)),
        "fetch": (pages, lambda client: _measure.fetch_remaining(client, sizes.fetch)),
        "iterate": ({"timeline_size": sizes.iterate}, lambda client: _measure.iterate(client, sizes.iterate)),
        "stream": ({"stream_events": sizes.events}, lambda client: _measure.stream(client, sizes.events)),
        "speed": ({"timeline_size": sizes.fetch, "stream_events": sizes.events}, speed),
        "import": ({}, imports),
        "construct": ({}, lambda client: _measure.constructor(client, sizes.constructs)),
        "threads": (pages, lambda client: _measure.threads(client, THREADS, sizes.thread_calls)),
    }


def fast_loads_available() -> Any:
    """``orjson.loads`` if the ``speed`` extra is installed, else None."""
    try:
        import orjson
    except ImportError:
        return None
    return orjson.loads


def warm_up(server: ServerProcess, clients: list[Any]) -> None:
    """A first call of each kind, so that no round pays for connections, caches or imports."""
    server.configure(timeline_size=80, stream_events=20)
    for client in clients:
        _measure.verify(client, 3)
        _measure.post(client, 3)
        _measure.timeline(client, 3)
        _measure.fetch_remaining(client, 80, memory=False)
        _measure.stream(client, 20)
        _measure.constructor(client, 3)


def run_rounds(
    server: ServerProcess, sizes: Sizes, only: tuple[str, ...], reference_python: Path | None
) -> list[dict[str, dict[str, float]]]:
    """Every round's figures, per client."""
    ours, raw = Ours(server.url, TOKEN), Raw(server.url, TOKEN)
    # The default install's figures: the standard library's decoder, even where orjson is installed.
    use_fast_decoder(False)
    warm_up(server, [ours, raw])
    steps = _steps(sizes)
    rounds = []
    for number in range(sizes.rounds):
        started = time.perf_counter()
        figures: dict[str, dict[str, float]] = {"ours": {}, "raw": {}}
        order: list[Any] = [ours, raw] if number % 2 == 0 else [raw, ours]
        for name in only:
            settings, measure = steps[name]
            if settings:
                server.configure(**settings)
            for client in order:
                figures[client.name].update(measure(client))
        if reference_python is not None and ({"verify", "timeline", "fetch"} & set(only)):
            server.configure(timeline_size=sizes.fetch)
            plan = {
                "url": server.url,
                "token": TOKEN,
                "calls": sizes.reference_calls,
                "fetch": sizes.fetch,
                "memory": number == 0,
                "project": str(ROOT),
            }
            try:
                figures["reference"] = _reference.run_round(reference_python, plan)
            except (RuntimeError, subprocess.SubprocessError) as error:
                say(f"  Mastodon.py {_reference.VERSION}: {error}")
        rounds.append(figures)
        say(f"round {number + 1}/{sizes.rounds} done in {time.perf_counter() - started:.1f} s")
    return rounds


#: Where a profiled function's own time goes, by the file it is in (first match wins).
_AREAS = (
    ("JSON decoding into attribute dicts", ("/json/", "mastodon/types_base.py")),
    ("conversion into entity classes", ("mastodon/_converters.py", "mastodon/_convert.py")),
    ("method layer: version decorator, argument checks", ("mastodon/versions.py", "decorator", "mastodon/methods/")),
    ("the library's request path", ("mastodon/_http/", "mastodon/errors.py")),
    (
        "HTTP: requests, urllib3, header and URL parsing, sockets, waiting for the server",
        ("requests/", "urllib3/", "http/", "socket.py", "email/", "urllib/", "genericpath", "posixpath"),
    ),
    ("reading four fields (the benchmark's loop)", ("benchmarks/",)),
)


def _area_of(filename: str) -> str:
    path = filename.replace(os.sep, "/")
    for area, parts in _AREAS:
        if any(part in path for part in parts):
            return area
    return "other"


def time_by_area(profiler: cProfile.Profile) -> list[tuple[str, float]]:
    """Each area's share of a profile: the functions' own time, where a built-in function's time
    goes to the areas of the functions that called it."""
    stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_calls, _primitive, own, _cumulative, callers) in stats.items():
        if filename != "~" or not callers:
            area = _area_of(filename)
            totals[area] = totals.get(area, 0.0) + own
            continue
        for caller, figures in callers.items():
            area = _area_of(caller[0])
            totals[area] = totals.get(area, 0.0) + figures[2]
    return sorted(totals.items(), key=lambda item: -item[1])


def _collector_share(client: Any, calls: int) -> str:
    """Timeline calls timed without a profiler, and how often and how long the collector ran."""
    runs = [0, 0, 0]
    spent = [0.0, 0.0]

    def watch(phase: str, info: Mapping[str, Any]) -> None:
        if phase == "start":
            runs[info["generation"]] += 1
            spent[1] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - spent[1]

    gc.collect()
    gc.callbacks.append(watch)
    try:
        started = time.perf_counter()
        for _ in range(calls):
            for status in client.timeline():
                client.read(status)
        elapsed = time.perf_counter() - started
    finally:
        gc.callbacks.remove(watch)
    return (
        f"{client.name}: {elapsed / calls * 1e3:.2f} ms per call; the garbage collector ran {sum(runs)} times "
        f"(generations 0/1/2: {runs[0]}/{runs[1]}/{runs[2]}), {spent[0] * 1e3:.1f} ms in all ({spent[0] / elapsed:.1%})"
    )


def profile_timeline(server: ServerProcess, calls: int) -> str:
    """Where ``timeline_home(limit=40)`` plus the four reads spends its time: the share of each
    area and a cProfile table, and, timed without a profiler, the garbage collector's share."""
    server.configure(timeline_size=400)
    ours, raw = Ours(server.url, TOKEN), Raw(server.url, TOKEN)
    _measure.timeline(ours, 3)
    _measure.timeline(raw, 3)
    out = io.StringIO()
    out.write(f"timeline_home(limit=40) + 4 reads per status, {calls} calls\n")
    out.write("without a profiler:\n")
    for client in (ours, raw):
        out.write(f"  {_collector_share(client, calls)}\n")
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        for status in ours.timeline():
            ours.read(status)
    profiler.disable()
    areas = time_by_area(profiler)
    total = sum(seconds for _, seconds in areas) or 1.0
    out.write("under cProfile, own time by area:\n")
    for area, seconds in areas:
        out.write(f"  {seconds / total:6.1%}  {area}\n")
    out.write("\n")
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(20)
    return out.getvalue()


def _commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def _load() -> list[float] | None:
    return [round(value, 2) for value in os.getloadavg()] if hasattr(os, "getloadavg") else None


def _page_bytes(url: str) -> int:
    response = requests.get(url + "/api/v1/timelines/home?limit=40", headers={"Authorization": f"Bearer {TOKEN}"})
    return len(response.content)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sizes, two rounds")
    parser.add_argument("--rounds", type=int, help="rounds (default 5, or 2 with --quick)")
    parser.add_argument("--only", help="comma-separated steps: " + ",".join(STEPS))
    parser.add_argument("--reference", action="store_true", help="also measure Mastodon.py 2.3.3 (installs it once)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="JSON output; a .md table is written beside it")
    parser.add_argument("--svg", type=Path, help="also draw the ratios as an SVG chart here")
    parser.add_argument("--profile", action="store_true", help="print where a timeline call spends its time")
    args = parser.parse_args(argv)
    only = tuple(STEPS if not args.only else [name.strip() for name in args.only.split(",") if name.strip()])
    unknown = sorted(set(only) - set(STEPS))
    if unknown:
        parser.error(f"unknown steps {', '.join(unknown)}; choose from {', '.join(STEPS)}")
    if args.rounds is not None and args.rounds < 1:
        parser.error("--rounds must be at least 1")
    args.only = only
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    if args.rounds:
        sizes = replace(sizes, rounds=args.rounds)
    # The server is on this machine: no proxy from the environment may stand in between.
    for name in ("NO_PROXY", "no_proxy"):
        os.environ[name] = ",".join(filter(None, [os.environ.get(name), "127.0.0.1", "localhost"]))
    meta: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "loadavg_start": _load(),
        "requests": requests.__version__,
        "urllib3": importlib.metadata.version("urllib3"),
        "mastodon": mastodon.__version__,
        "commit": _commit(),
        "quick": args.quick,
        "rounds": sizes.rounds,
        "sizes": asdict(sizes),
        "steps": list(args.only),
    }
    notes = []
    reference_python = _reference.prepare(say) if args.reference else None
    if args.reference and reference_python is None:
        notes.append(f"Mastodon.py {_reference.VERSION} was not measured: it could not be installed.")
    profile = None
    with ServerProcess(timeline_size=sizes.fetch, stream_events=sizes.events) as server:
        say(f"fake server at {server.url}; {sizes.rounds} rounds of: {', '.join(args.only)}")
        page_bytes = _page_bytes(server.url)
        rounds = run_rounds(server, sizes, args.only, reference_python)
        if args.profile:
            profile = profile_timeline(server, max(sizes.calls, 10))
        meta["server_requests"] = server.stats()
    meta["loadavg_end"] = _load()
    meta["page_bytes"] = page_bytes
    notes.append(
        f"A 40-status page is {page_bytes / 1000:.0f} KB of JSON ({page_bytes / 40 / 1000:.1f} KB per status); "
        "timeline figures read id, account.acct, content and created_at of every status."
    )
    errors = {name: sum(int(r.get(name, {}).get("threads_errors", 0)) for r in rounds) for name in ("ours", "raw")}
    if "threads" in args.only:
        notes.append(f"Errors with threads sharing one client: ours {errors['ours']}, raw {errors['raw']}.")
    if any("reference" in figures for figures in rounds):
        notes.append(
            f"Mastodon.py {_reference.VERSION}: verify, timeline and fetch_remaining only, "
            f"{sizes.reference_calls} calls per batch, peak memory in the first round only."
        )
    if "speed" in args.only:
        if fast_loads_available() is None:
            notes.append("The speed extra (orjson) is not installed: its figures were not measured.")
        else:
            notes.append(
                "Rows marked \"speed extra\" decode with orjson (pip install 'mastodon[speed]'); "
                "all other rows use the standard library's decoder, as the default install does."
            )
    notes.append("Shared, noisy machine: compare ratios within one run, not absolute figures between runs.")
    sizes_for_labels = {"fetch": sizes.fetch, "iterate": sizes.iterate, "events": sizes.events}
    doc = {"meta": meta, "rows": _report.rows_of(rounds, sizes_for_labels), "notes": notes, "rounds": rounds}
    if profile is not None:
        doc["profile"] = profile
    print(_report.text_table(doc), end="")
    if profile is not None:
        print()
        print(profile, end="")
    for path in _report.write_outputs(doc, args.json, args.svg):
        say(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
