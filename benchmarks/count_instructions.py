"""Machine instructions per call, counted by valgrind: a figure that load on the machine cannot move.

Usage (from the project root, with the shared benchmark's venv)::

    .venv-bench/bin/python benchmarks/count_instructions.py [--impl raw --impl .] [--what timeline]

For each implementation the script starts the shared benchmark's fake server, runs a worker under
``valgrind --tool=cachegrind`` twice (warm-up only, then warm-up plus ``--calls`` calls) and
reports the difference per call, so interpreter start-up and imports cancel out. ``timeline`` is
``timeline_home(limit=40)`` plus the four field reads of the shared benchmark; ``paginate`` is
fetching all 2,000 statuses; ``convert`` decodes and converts one 40-status page in-process,
without any HTTP. Instruction counts are not time (cache misses and branch prediction differ),
but they compare implementations and code changes without the noise of a shared machine.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def worker(impl: str, what: str, calls: int, url: str, bench_dir: Path) -> None:
    sys.path.insert(0, str(bench_dir))
    if what == "convert":
        sys.path.insert(0, str(ROOT))
        import json

        from fakedata import FakeWorld

        from mastodon.return_types import Status
        from mastodon.types_base import PaginatableList, converter_for, decode_json

        body = json.dumps(FakeWorld().timeline(40)).encode()
        convert = converter_for(PaginatableList[Status])
        step = (lambda: json.loads(body)) if impl == "raw" else (lambda: convert(decode_json(body)))
    else:
        import impls
        from bench import touch

        client = impls.load(impl, url, "token")

        def step() -> None:
            touch(client.timeline_home(40) if what == "timeline" else client.fetch_all(40))

    for _ in range(3):
        step()
    for _ in range(calls):
        step()


def count(impl: str, what: str, calls: int, url: str, bench_dir: Path) -> int:
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, __file__, "--worker", "--impl", impl, "--what", what, "--calls", str(calls),
        "--url", url, "--bench-dir", str(bench_dir),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", action="append", help="raw or a folder (default: raw and .)")
    parser.add_argument("--what", choices=("timeline", "paginate", "convert"), default="timeline")
    parser.add_argument("--calls", type=int, default=0, help="default: 10 (timeline, convert) or 2 (paginate)")
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.impl[0], args.what, args.calls, args.url, args.bench_dir)
        return
    calls = args.calls or (2 if args.what == "paginate" else 10)
    server = subprocess.Popen(
        [sys.executable, str(args.bench_dir / "server.py"), "--max-seconds", "1800"],
        stdout=subprocess.PIPE, text=True, cwd=args.bench_dir,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        url = "http://127.0.0.1:" + server.stdout.readline().split()[1]
        figures = {}
        for impl in args.impl or ["raw", "."]:
            spec = impl if impl == "raw" else os.path.abspath(impl)
            base = count(spec, args.what, 0, url, args.bench_dir)
            figures[impl] = (count(spec, args.what, calls, url, args.bench_dir) - base) / calls
            print(f"{impl:>12}: {figures[impl] / 1e6:8.2f} M instructions per {args.what} call", flush=True)
        if "raw" in figures:
            for impl, value in figures.items():
                if impl != "raw":
                    print(f"{impl:>12}: {value / figures['raw']:.3f}x raw")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
