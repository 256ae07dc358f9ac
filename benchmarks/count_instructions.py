"""Machine instructions per call, counted by valgrind: a figure that load on the machine cannot move.

Usage (from the project root; needs ``valgrind``)::

    .venv/bin/python benchmarks/count_instructions.py [--impl raw --impl .] [--what timeline]

For each implementation the script runs a worker under ``valgrind --tool=cachegrind`` twice
(warm-up only, then warm-up plus ``--calls`` calls) against the suite's fake server
(``benchmarks/_server.py``, 2,000 statuses) and reports the difference per call, so interpreter
start-up and imports cancel out. ``--impl raw`` is ``requests`` + ``json.loads``; ``--impl
PATH`` is the ``mastodon`` package of the folder PATH (``.`` for this checkout, or an older one
made with ``git worktree add``). ``timeline`` is ``timeline_home(limit=40)`` plus the four field
reads of ``benchmarks/run.py``; ``paginate`` is fetching all 2,000 statuses with
``fetch_remaining``; ``convert`` decodes and converts one 40-status page in-process, without
HTTP and without reads (raw: ``json.loads`` alone; otherwise always this checkout's package).
Instruction counts are not time (cache misses and branch prediction differ), but they compare
implementations and code changes without the noise of a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "benchmark-token-4f1c9a"


def _read_keys(statuses: Any) -> None:
    for status in statuses:
        status["id"], status["account"]["acct"], status["content"], status["created_at"]


def _read_attributes(statuses: Any) -> None:
    for status in statuses:
        status.id, status.account.acct, status.content, status.created_at  # noqa: B018


def _step(impl: str, what: str, url: str) -> Callable[[], None]:
    if what == "convert":
        sys.path.insert(0, str(ROOT))
        from benchmarks._data import World, dumps
        from mastodon.return_types import Status
        from mastodon.types_base import PaginatableList, converter_for, decode_json

        body = dumps(World().statuses(40))
        convert = converter_for(PaginatableList[Status])
        if impl == "raw":
            return lambda: json.loads(body)
        return lambda: convert(decode_json(body))
    if impl == "raw":
        import requests

        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {TOKEN}"

        def pages() -> Any:
            next_url: str | None = url + "/api/v1/timelines/home?limit=40"
            while next_url:
                response = session.get(next_url)
                page = json.loads(response.content)
                if not page:
                    return
                yield page
                next_url = response.links.get("next", {}).get("url")

        if what == "timeline":
            return lambda: _read_keys(json.loads(session.get(url + "/api/v1/timelines/home?limit=40").content))
        return lambda: _read_keys([status for page in pages() for status in page])
    # The folder's own package, whatever is installed.
    sys.path.insert(0, impl)
    from mastodon import Mastodon

    api = Mastodon(access_token=TOKEN, api_base_url=url, mastodon_version="4.5.0")
    if what == "timeline":
        return lambda: _read_attributes(api.timeline_home(limit=40))
    return lambda: _read_attributes(api.fetch_remaining(api.timeline_home(limit=40)))


def worker(impl: str, what: str, calls: int, url: str) -> None:
    step = _step(impl, what, url)
    for _ in range(3):
        step()
    for _ in range(calls):
        step()


def count(impl: str, what: str, calls: int, url: str) -> int:
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, __file__, "--worker", "--impl", impl, "--what", what, "--calls", str(calls), "--url", url,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--impl", action="append", help="raw or a folder (default: raw and .)")
    parser.add_argument("--what", choices=("timeline", "paginate", "convert"), default="timeline")
    parser.add_argument("--calls", type=int, default=0, help="default: 10 (timeline, convert) or 2 (paginate)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.impl[0], args.what, args.calls, args.url)
        return
    sys.path.insert(0, str(ROOT))
    from benchmarks._server import ServerProcess

    # The workers talk to a server on this machine: no proxy from the environment in between.
    os.environ["NO_PROXY"] = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))

    calls = args.calls or (2 if args.what == "paginate" else 10)
    with ServerProcess(timeline_size=2000) as server:
        figures = {}
        for impl in args.impl or ["raw", "."]:
            spec = impl if impl == "raw" else os.path.abspath(impl)
            base = count(spec, args.what, 0, server.url)
            figures[impl] = (count(spec, args.what, calls, server.url) - base) / calls
            print(f"{impl:>12}: {figures[impl] / 1e6:8.2f} M instructions per {args.what} call", flush=True)
        if "raw" in figures:
            for impl, value in figures.items():
                if impl != "raw":
                    print(f"{impl:>12}: {value / figures['raw']:.3f}x raw")


if __name__ == "__main__":
    main()
