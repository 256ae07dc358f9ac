"""How much converting a timeline page costs on top of ``json.loads``, and how fast fields read.

Usage::

    .venv/bin/python benchmarks/convert_bench.py [--bench-dir ../shared/bench] [--statuses 40]

The page comes from the shared benchmark's deterministic fake data (``FakeWorld().timeline(40)``,
about 186 KB and 621 JSON objects). Reported, as the best of many interleaved rounds so that other
load on the machine distorts the figures as little as possible:

- ``json.loads``: plain decoding, the floor;
- ``decode_json``: decoding into attribute dictionaries;
- ``decode + convert``: what a timeline call does (``PaginatableList[Status]``), and what it adds
  over ``json.loads`` (also as the median of back-to-back pairs);
- reads of ``status.account.acct``, ``.content``, ``.media_attachments``, ``.created_at`` per status,
  by attribute on entities and by key on plain dicts.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mastodon.return_types import Status  # noqa: E402
from mastodon.types_base import PaginatableList, converter_for, decode_json  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--statuses", type=int, default=40)
    parser.add_argument("--samples", type=int, default=600)
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

    # Interleaved rounds, best of each: the minimum is the figure least distorted by other load on
    # a shared machine. Paired differences (same round, back to back) are reported as well.
    clock = time.perf_counter_ns
    rounds: list[tuple[int, int, int]] = []
    reads: list[tuple[float, float]] = []
    gc.disable()  # as timeit does: a collection landing inside one round would swamp it
    for number in range(args.samples):
        if number % 20 == 0:
            gc.collect()
        start = clock()
        json.loads(body)
        middle = clock()
        decode_json(body)
        decoded = clock()
        convert(decode_json(body))
        end = clock()
        rounds.append((middle - start, decoded - middle, end - decoded))
        if number % 10 == 0:
            reads.append((timeit.timeit(read_attributes, number=100), timeit.timeit(read_keys, number=100)))
    gc.enable()
    loads, decode, full = (min(sample[index] for sample in rounds) / 1e9 for index in range(3))
    added = statistics.median(sample[2] - sample[0] for sample in rounds) / 1e9
    attributes = min(sample[0] for sample in reads) / 100
    keys = min(sample[1] for sample in reads) / 100

    print(f"page: {len(body) / 1000:.0f} KB, {len(plain)} statuses, {objects} JSON objects")
    print(f"json.loads           {loads * 1e3:7.3f} ms")
    print(f"decode_json          {decode * 1e3:7.3f} ms  (+{(decode - loads) * 1e3:.3f} ms)")
    print(f"decode + convert     {full * 1e3:7.3f} ms  (+{(full - loads) * 1e3:.3f} ms over json.loads)")
    print(f"added over json.loads, median of paired rounds: {added * 1e3:.3f} ms")
    print(f"field reads (4 per status): attributes {attributes / len(page) * 1e9:6.1f} ns/status, ", end="")
    print(f"dict keys {keys / len(plain) * 1e9:6.1f} ns/status, ratio {attributes / keys:.2f}")


if __name__ == "__main__":
    main()
