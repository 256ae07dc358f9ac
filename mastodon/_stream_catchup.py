"""Catching up after a reconnect: the events a stream missed while it was down, fetched once.

A stream opened with ``catch_up=True`` follows one or more feeds (the home timeline and the
notifications for the user stream; one timeline for the others). :class:`CatchUp` remembers, per
feed, the newest ID it delivered and the IDs it delivered lately. After a reconnect it pages
through each feed with ``min_id`` from that newest ID, and delivers what it found oldest first,
before any live event of the new connection is read; a live event already delivered (because it
was fetched, or arrived twice) is dropped. Past a bound, the listener gets one
:class:`StreamGap` instead of a flood.

What cannot be caught up: deletions and edits made during the gap (no timeline lists them), and
statuses that arrive late with IDs older than the newest one delivered (a slow federated post).
"""

from __future__ import annotations

import heapq
import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from mastodon.errors import MastodonError

if TYPE_CHECKING:
    from mastodon._stream_gap import StreamGap

__all__ = ["DEFAULT_CATCH_UP_LIMIT", "CatchUp", "Feed", "StreamGap"]

log = logging.getLogger("mastodon")

#: The most missed events a reconnect delivers; past it the listener gets a gap instead.
DEFAULT_CATCH_UP_LIMIT = 400
#: How many delivered IDs per feed are remembered to drop duplicates.
_REMEMBERED = 4096
_PAGE = 40

#: Fetches a page of a feed: ``(min_id, limit)`` to the entities just after ``min_id`` (all
#: newest when ``min_id`` is None), in any order.
Fetch = Callable[[str | None, int], Sequence[Any]]


# StreamGap lives in a module of its own, loaded on first use (see mastodon._stream_gap); type
# checkers see it through the import above.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name == "StreamGap":
            from mastodon._stream_gap import StreamGap

            return StreamGap
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _gap(event: str, since_id: str | None, until_id: str | None, missed: int | None, reason: str) -> StreamGap:
    from mastodon._stream_gap import StreamGap

    return StreamGap(event, since_id, until_id, missed, reason)


def _order(value: str) -> tuple[int, str]:
    """Sort key of an ID: numeric IDs by value (as text of digits, by length first)."""
    return (len(value), value) if value.isdigit() else (1 << 30, value)


def _status_key(entity: Any) -> str | None:
    value = entity.get("id") if isinstance(entity, dict) else None
    return str(value) if value is not None else None


def _conversation_key(entity: Any) -> str | None:
    last = entity.get("last_status") if isinstance(entity, dict) else None
    return _status_key(last) if last is not None else None


class Feed:
    """One feed a stream follows: the event its entries come as, and how to fetch it.

    Args:
        event: The stream event the feed's entries arrive as (``update``, ``notification``,
            ``conversation``).
        fetch: Fetches a page of the feed (see :data:`Fetch`).
    """

    def __init__(self, event: str, fetch: Fetch) -> None:
        self.event = event
        self.fetch = fetch
        self.key: Callable[[Any], str | None] = _conversation_key if event == "conversation" else _status_key
        self.newest: str | None = None
        self._seen: set[str] = set()
        self._order: deque[str] = deque()

    def remember(self, key: str) -> bool:
        """Note ``key`` as delivered; False when it was delivered already."""
        if key in self._seen:
            return False
        self._seen.add(key)
        self._order.append(key)
        if len(self._order) > _REMEMBERED:
            self._seen.discard(self._order.popleft())
        if self.newest is None or _order(key) > _order(self.newest):
            self.newest = key
        return True


class CatchUp:
    """The catch-up state of one stream (see the module documentation).

    Args:
        feeds: The feeds the stream follows.
        limit: The most missed events delivered after one reconnect.
    """

    def __init__(self, feeds: Sequence[Feed], limit: int = DEFAULT_CATCH_UP_LIMIT) -> None:
        self.feeds = list(feeds)
        self.limit = limit
        self._by_event = {feed.event: feed for feed in self.feeds}
        self._lock = threading.Lock()

    def admit(self, name: str | None, payload: Any) -> bool:
        """Whether a live event goes to the listener: False for one delivered already."""
        feed = self._by_event.get(name) if name is not None else None
        if feed is None:
            return True
        key = feed.key(payload)
        if key is None:
            return True
        with self._lock:
            return feed.remember(key)

    def anchor(self) -> None:
        """Note where each feed stands now, for feeds that have delivered nothing yet.

        Called once the first connection is open: whatever arrives after this point and is
        missed later is fetched from here. An empty feed is anchored before its first entry.
        """
        for feed in self.feeds:
            if feed.newest is not None:
                continue
            try:
                page = feed.fetch(None, 1)
            except MastodonError as exc:
                log.warning("stream catch-up: could not read where the %s feed stands: %s", feed.event, exc)
                continue
            keys = [key for key in (feed.key(entry) for entry in page) if key is not None]
            with self._lock:
                if feed.newest is None:
                    feed.newest = max(keys, key=_order) if keys else "0"

    def fill(
        self,
        deliver: Callable[[str, Any], None],
        gap: Callable[[StreamGap], None],
        stopped: Callable[[], bool],
    ) -> int:
        """Fetch what each feed missed and deliver it, oldest first; returns how many were delivered.

        Args:
            deliver: Passes one event (its name and converted payload) to the listener.
            gap: Tells the listener about events that are not delivered.
            stopped: True once the stream is being closed (fetching stops).
        """
        per_feed: list[list[tuple[Feed, Any]]] = []
        for feed in self.feeds:
            if stopped():
                return 0
            per_feed.append([(feed, entry) for entry in self._missed(feed, gap, stopped)])
        # Feeds are merged by time when every entry says when it was made, else feed after feed;
        # each feed keeps its own order either way.
        if all(_created_at(feed, entry) is not None for entries in per_feed for feed, entry in entries):
            missed = list(heapq.merge(*per_feed, key=lambda pair: _created_at(*pair)))
        else:
            missed = [pair for entries in per_feed for pair in entries]
        delivered = 0
        for feed, entry in missed:
            if stopped():
                break
            key = feed.key(entry)
            with self._lock:
                fresh = key is None or feed.remember(key)
            if fresh:
                deliver(feed.event, entry)
                delivered += 1
        return delivered

    def _missed(self, feed: Feed, gap: Callable[[StreamGap], None], stopped: Callable[[], bool]) -> list[Any]:
        since = feed.newest
        if since is None:
            return []  # nothing to start from (the anchor could not be read)
        found: dict[str, Any] = {}
        cursor = since
        try:
            while not stopped():
                page = feed.fetch(cursor, _PAGE)
                keyed = [(key, entry) for key, entry in ((feed.key(e), e) for e in page) if key is not None]
                fresh = [(key, entry) for key, entry in keyed if _order(key) > _order(cursor) and key not in found]
                if not fresh:
                    break
                found.update(fresh)
                cursor = max((key for key, _ in fresh), key=_order)
                if len(found) > self.limit:
                    newest = self._newest(feed, cursor)
                    with self._lock:
                        feed.newest = newest if _order(newest) > _order(cursor) else cursor
                    gap(_gap(feed.event, since, feed.newest, len(found), f"more than {self.limit} missed"))
                    return []
                if feed.event == "conversation":
                    break  # conversations come in one page, newest first
        except MastodonError as exc:
            log.warning("stream catch-up: fetching the %s feed failed: %s", feed.event, exc)
            gap(_gap(feed.event, since, None, len(found) or None, f"fetch failed: {exc}"))
            return []
        return [found[key] for key in sorted(found, key=_order)]

    @staticmethod
    def _newest(feed: Feed, fallback: str) -> str:
        try:
            page = feed.fetch(None, 1)
        except MastodonError:
            return fallback
        keys = [key for key in (feed.key(entry) for entry in page) if key is not None]
        return max(keys, key=_order) if keys else fallback


def _created_at(feed: Feed, entry: Any) -> Any:
    source = entry.get("last_status") if feed.event == "conversation" and isinstance(entry, dict) else entry
    return source.get("created_at") if isinstance(source, dict) else None
