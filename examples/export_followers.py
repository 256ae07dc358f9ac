"""Export an account's followers to CSV, page by page, with a progress bar.

Your own followers (the token needs ``read:accounts`` and ``read:follows``)::

    MASTODON_API_BASE_URL=https://mastodon.example MASTODON_ACCESS_TOKEN=... \\
        python examples/export_followers.py --output followers.csv

With neither variable set it runs on a local throwaway server (``pip install 'mastodon[demo]'``)
where a dozen accounts follow ours first.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from mastodon import Mastodon
from mastodon._demo import LocalServer, demo_target
from mastodon.errors import MastodonError

COLUMNS = ["acct", "display_name", "url", "followers_count", "bot", "created_at"]


class Progress:
    """A one-line text progress bar; on a pipe or a file it prints a line per update instead."""

    def __init__(self, total: int, out: TextIO = sys.stderr, width: int = 30) -> None:
        self.total = max(total, 0)
        self.out = out
        self.width = width
        self.live = out.isatty()

    def update(self, done: int, note: str = "") -> None:
        # The count a server reports can lag behind the list, so never draw past the end.
        total = max(self.total, done)
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {done}/{total} {note}".rstrip()
        if self.live:
            self.out.write("\r" + line)
        else:
            self.out.write(line + "\n")
        self.out.flush()

    def finish(self) -> None:
        if self.live:
            self.out.write("\n")
            self.out.flush()


def follower_pages(api: Mastodon, account: Any, page_size: int) -> Iterator[list[Any]]:
    """Every page of ``account``'s followers, oldest request first.

    The server decides where each page ends (the IDs in its Link header are opaque cursors),
    so the walk follows ``fetch_next`` rather than computing offsets.
    """
    page = api.account_followers(account, limit=page_size)
    while page:
        yield page
        page = api.fetch_next(page)


def export(api: Mastodon, out: TextIO, page_size: int = 40) -> int:
    """Write the logged-in account's followers to ``out`` as CSV; returns how many."""
    me = api.me()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    progress = Progress(me.followers_count)
    done = 0
    for number, page in enumerate(follower_pages(api, me, page_size), start=1):
        for follower in page:
            row = {column: follower.get(column) for column in COLUMNS}
            row["created_at"] = follower.created_at.date().isoformat() if follower.created_at else ""
            writer.writerow(row)
        done += len(page)
        progress.update(done, f"followers (page {number})")
    progress.finish()
    return done


def gather_followers(server: LocalServer, username: str) -> None:
    """On the local server: let every seeded reader follow ``username``."""
    star = server.client(username).me()
    readers = [name for name in server.tokens if name.startswith("reader")]
    for name in readers:
        server.client(name).account_follow(star)
    print(f"on the local server, {len(readers)} readers now follow @{username}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export your followers to CSV.")
    parser.add_argument("--output", default="followers.csv", help="the CSV file to write, or - for standard output")
    parser.add_argument("--page-size", type=int, default=40, help="followers per request (the server caps it)")
    args = parser.parse_args(argv)

    with demo_target() as target:
        api = target.user_client()
        if api is None:
            print("set MASTODON_ACCESS_TOKEN too", file=sys.stderr)
            return 2
        page_size = args.page_size
        if target.server is not None:
            gather_followers(target.server, "alice")
            page_size = min(page_size, 5)  # a few small pages, to show the walk
        if args.output == "-":
            count = export(api, sys.stdout, page_size)
        else:
            with open(args.output, "w", newline="", encoding="utf-8") as out:
                count = export(api, out, page_size)
        print(f"exported {count} followers to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except MastodonError as error:
        sys.exit(f"export_followers: {error}")
