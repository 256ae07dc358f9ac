"""How much converting a timeline page costs on top of ``json.loads``, and how fast fields read.

Usage::

    .venv/bin/python benchmarks/convert_bench.py [--bench-dir ../shared/bench] [--statuses 40]

The page comes from the shared benchmark's deterministic fake data (``FakeWorld().timeline(40)``,
about 186 KB and 621 JSON objects). Reported, as the best of many rounds so that other load on
the machine distorts the figures as little as possible:

- ``json.loads``: plain decoding, the floor;
- ``decode_json``: decoding into attribute dictionaries;
- ``decode + convert``: what a timeline call does (``PaginatableList[Status]``);
- reads of ``status.account.acct``, ``.content``, ``.media_attachments``, ``.created_at`` per status,
  by attribute on entities and by key on plain dicts.
"""

from __future__ import annotations

import argparse
import json
import sys
import timeit
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mastodon.return_types import Status  # noqa: E402
from mastodon.types_base import PaginatableList, converter_for, decode_json  # noqa: E402


def best(function: Any, number: int, repeat: int) -> float:
    """Seconds per call, best of ``repeat`` rounds of ``number`` calls."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--statuses", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    sys.path.insert(0, str(args.bench_dir))
    from fakedata import FakeWorld

    body = json.dumps(FakeWorld().timeline(args.statuses)).encode()
    convert = converter_for(PaginatableList[Status])
    page = convert(decode_json(body))
    plain = json.loads(body)
    objects = body.count(b"{")

    def read_attributes() -> None:
        for status in page:
            status.account.acct, status.content, status.media_attachments, status.created_at  # noqa: B018

    def read_keys() -> None:
        for status in plain:
            status["account"]["acct"], status["content"], status["media_attachments"], status["created_at"]

    loads = decode = full = float("inf")
    for _ in range(5):  # interleaved, so drifting machine load hits all three alike
        loads = min(loads, best(lambda: json.loads(body), 50, args.repeat // 5 or 1))
        decode = min(decode, best(lambda: decode_json(body), 50, args.repeat // 5 or 1))
        full = min(full, best(lambda: convert(decode_json(body)), 50, args.repeat // 5 or 1))
    attributes = best(read_attributes, 2000, args.repeat)
    keys = best(read_keys, 2000, args.repeat)

    print(f"page: {len(body) / 1000:.0f} KB, {len(plain)} statuses, {objects} JSON objects")
    print(f"json.loads           {loads * 1e3:7.3f} ms")
    print(f"decode_json          {decode * 1e3:7.3f} ms  (+{(decode - loads) * 1e3:.3f} ms)")
    print(f"decode + convert     {full * 1e3:7.3f} ms  (+{(full - loads) * 1e3:.3f} ms over json.loads)")
    print(f"field reads (4 per status): attributes {attributes / len(page) * 1e9:6.1f} ns/status, ", end="")
    print(f"dict keys {keys / len(plain) * 1e9:6.1f} ns/status, ratio {attributes / keys:.2f}")


if __name__ == "__main__":
    main()
