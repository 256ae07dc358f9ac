"""What decoding into entities costs on top of ``json.loads``, and how fast fields read.

Usage::

    .venv/bin/python benchmarks/convert_bench.py [--statuses 40] [--samples 15]

The data come from the suite's deterministic generator (``benchmarks/_data.py``), the statuses
the fake server sends: a 40-status page is about 196 KB of JSON. Reported, as the best of many interleaved
rounds (the figure least distorted by other load on a shared machine) and as the median of the
differences within a round:

- a page: ``json.loads`` (the floor), ``decode_json`` (every object an attribute dictionary) and
  ``decode_json`` + the ``PaginatableList[Status]`` converter, i.e. what a timeline call does;
- one streamed status (each status of the page as its own document), the same three ways;
- reads of ``status.account.acct``, ``.content``, ``.media_attachments``, ``.created_at`` per
  status, by attribute on entities and by key on plain dicts;
- how many objects of a dropped page the cyclic garbage collector had to free (0 means the
  results hold no reference cycles and reference counting frees them at once).

The collector stays enabled while timing, as in an application, and every timed block ends with a
full collection (less the time of an idle one), so objects that only the collector can free are
charged to the code that made them.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._data import World, dumps  # noqa: E402
from mastodon.return_types import Status  # noqa: E402
from mastodon.types_base import PaginatableList, converter_for, decode_json  # noqa: E402


def rounds(steps: list[Callable[[], Any]], count: int, block: int) -> list[list[float]]:
    """Nanoseconds per call of each step, ``count`` interleaved rounds of ``block`` calls each.

    Each block ends with a full collection, and the time of an idle full collection is taken
    off: work left for the cyclic collector is charged to the step that left it.
    """
    clock = time.perf_counter_ns
    samples: list[list[float]] = []
    for _ in range(count):
        gc.collect()
        start = clock()
        gc.collect()
        idle = clock() - start
        row = []
        for step in steps:
            start = clock()
            for _ in range(block):
                step()
            gc.collect()
            row.append((clock() - start - idle) / block)
        samples.append(row)
    return samples


def report(title: str, names: list[str], samples: list[list[float]], per: int = 1) -> None:
    best = [min(row[index] for row in samples) / per for index in range(len(names))]
    print(title)
    for index, name in enumerate(names):
        line = f"  {name:<22}{best[index] / 1e3:9.2f} us"
        if index:
            added = statistics.median((row[index] - row[0]) / per for row in samples)
            line += f"  (+{(best[index] - best[0]) / 1e3:.2f} us best, +{added / 1e3:.2f} us median of rounds,"
            line += f" {best[index] / best[0]:.2f}x)"
        print(line)


def cycles_left(body: bytes) -> int:
    convert = converter_for(PaginatableList[Status])
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            page = convert(decode_json(body))
            _ = [status.account.acct for status in page]
            del page
        return gc.collect()
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statuses", type=int, default=40)
    parser.add_argument("--samples", type=int, default=15, help="interleaved rounds")
    args = parser.parse_args()
    statuses = World().statuses(args.statuses)
    body = dumps(statuses)
    events = [dumps(status) for status in statuses]
    page_of = converter_for(PaginatableList[Status])
    status_of = converter_for(Status)
    page = page_of(decode_json(body))
    plain = json.loads(body)
    print(f"page: {len(body) / 1000:.0f} KB, {len(plain)} statuses, {body.count(b'{')} JSON objects")

    names = ["json.loads", "decode_json", "decode_json + convert"]
    page_steps: list[Callable[[], Any]] = [
        lambda: json.loads(body),
        lambda: decode_json(body),
        lambda: page_of(decode_json(body)),
    ]
    report("a page (PaginatableList[Status]):", names, rounds(page_steps, args.samples, 40))

    event_steps: list[Callable[[], Any]] = [
        lambda: [json.loads(event) for event in events],
        lambda: [decode_json(event) for event in events],
        lambda: [status_of(decode_json(event)) for event in events],
    ]
    report("one streamed status (Status), per event:", names, rounds(event_steps, args.samples, 25), len(events))

    def read_attributes() -> None:
        for status in page:
            status.account.acct, status.content, status.media_attachments, status.created_at  # noqa: B018

    def read_keys() -> None:
        for status in plain:
            status["account"]["acct"], status["content"], status["media_attachments"], status["created_at"]

    reads = [(timeit.timeit(read_keys, number=200), timeit.timeit(read_attributes, number=200)) for _ in range(25)]
    keys = min(sample[0] for sample in reads) / 200 / len(plain)
    attributes = min(sample[1] for sample in reads) / 200 / len(page)
    print("reading 4 fields of a status (5 lookups):")
    print(f"  dict keys             {keys * 1e9:9.1f} ns\n  entity attributes     {attributes * 1e9:9.1f} ns", end="")
    print(f"  ({attributes / keys:.2f}x)")
    print(f"objects the cyclic collector freed after 3 dropped pages: {cycles_left(body)}")


if __name__ == "__main__":
    main()
