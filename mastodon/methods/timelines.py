"""Timelines: the home feed, the local and federated feeds, hashtags, lists and links."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import id_of, page_params
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Status, UserList
from mastodon.types_base import IdType, PaginatableList
from mastodon.versions import api_version

__all__ = ["TimelinesMixin"]

# Plain timeline names become one path segment; anything else could leave /api/v1/timelines/.
# Compiled by ``re`` on first use.
_PLAIN_NAME = r"[A-Za-z0-9_]+"

PageBound = Status | IdType | datetime


# -- timelines ------------------------------------------------------------------------------


def _flags(only_media: Any, local: Any, remote: Any) -> dict[str, Any]:
    # A flag that is off is left out rather than sent as 0: that is what servers and recorded
    # requests have always seen, and some servers read a present flag as set.
    return {
        "only_media": True if only_media else None,
        "local": True if local else None,
        "remote": True if remote else None,
    }


def _hashtag_segment(hashtag: Any) -> str:
    if not isinstance(hashtag, str) or not hashtag.strip():
        raise MastodonIllegalArgumentError(f"hashtag must be a non-empty string, not {hashtag!r}")
    if hashtag.startswith("#"):
        raise MastodonIllegalArgumentError(f"give the hashtag without its '#': {hashtag[1:]!r}, not {hashtag!r}")
    return quote(hashtag, safe="")


def _timeline_path(timeline: Any) -> tuple[str, bool]:
    """The path of a named timeline, and whether it is the local timeline (public, local only)."""
    if not isinstance(timeline, str):
        raise MastodonIllegalArgumentError(f"timeline must be a timeline name, not {type(timeline).__name__}")
    if timeline == "local":
        return "/api/v1/timelines/public", True
    kind, slash, rest = timeline.partition("/")
    if slash:
        if kind == "tag":
            return f"/api/v1/timelines/tag/{_hashtag_segment(rest)}", False
        if kind == "list":
            return f"/api/v1/timelines/list/{id_of(rest, 'list id')}", False
        raise MastodonIllegalArgumentError(
            f"timeline must be 'home', 'local', 'public', 'tag/<hashtag>' or 'list/<id>'; got {timeline!r}"
        )
    if not re.fullmatch(_PLAIN_NAME, timeline):
        raise MastodonIllegalArgumentError(
            f"timeline must be 'home', 'local', 'public', 'tag/<hashtag>' or 'list/<id>'; got {timeline!r}"
        )
    return f"/api/v1/timelines/{timeline}", False


class TimelinesMixin(MethodsBase):
    """Reading timelines. Every result is a page; see :meth:`fetch_next` for more."""

    def timeline_is_available(
        self,
        timeline: str = "public",
        local: bool = False,
        remote: bool = False,
        with_auth: bool = False,
        fail_hard: bool = False,
    ) -> bool:
        """Whether the server lets this client read a public feed (Mastodon 4.5 announces this).

        The answer comes from ``configuration.timelines_access`` in the server's (cached) v2
        instance document. A server that does not say is taken to allow the feed.

        Args:
            timeline: ``'public'`` (the live feeds), ``'hashtag'`` or ``'trending_links'``.
            local: Ask about the feed of this server's posts only.
            remote: Ask about the feed of other servers' posts only. With neither (or both)
                of ``local`` and ``remote``, the answer is whether either part (both parts) is open.
            with_auth: Count feeds open to logged-in users, not only to everyone.
            fail_hard: Raise instead of answering ``True`` when the server's settings cannot be
                read, or ``timeline`` is not one of the names above.

        Returns:
            ``True`` when the feed is (or may be) readable.

        Raises:
            MastodonIllegalArgumentError: With ``fail_hard``, for an unknown ``timeline``.
            MastodonAPIError: With ``fail_hard``, when the settings cannot be read.
        """
        return self._feed_available(timeline, local, remote, with_auth, fail_hard)

    @api_version("1.0.0", "3.1.4")
    def timeline(
        self,
        timeline: str = "home",
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch a page of a timeline.

        Args:
            timeline: ``'home'``, ``'local'``, ``'public'``, ``'tag/<hashtag>'`` or
                ``'list/<list id>'``. Other plain names are passed on for servers that
                have more timelines.
            max_id: Only statuses older than this status, ID or time.
            min_id: The statuses right after this status, ID or time (paging forwards).
            since_id: Only statuses newer than this status, ID or time (the newest ones).
            limit: How many statuses at most (the server's default is 20, its maximum 40).
            only_media: Only statuses with media attached.
            local: Only statuses from this server.
            remote: Only statuses from other servers.

        Returns:
            A page of statuses, newest first.
        """
        return self._timeline(timeline, max_id, min_id, since_id, limit, only_media, local, remote)

    def _timeline(
        self,
        timeline: str,
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        # The body of timeline(), for the methods built on it: the version check runs once.
        path, is_local = _timeline_path(timeline)
        params = {**page_params(max_id, min_id, since_id, limit), **_flags(only_media, local or is_local, remote)}
        # Arguments are checked first: a refused call asks the server nothing.
        if timeline in ("public", "local"):
            self._warn_if_unavailable(f"Timeline {timeline!r}", "public", local or is_local, remote and not is_local)
        elif timeline.startswith("tag/"):
            self._warn_if_unavailable(f"Timeline {timeline!r}", "hashtag", local, remote)
        return self._call("GET", path, PaginatableList[Status], params=params)

    @api_version("1.0.0", "3.1.4")
    def timeline_home(
        self,
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch a page of the logged-in account's home timeline; see :meth:`timeline`.

        Returns:
            A page of statuses from followed accounts and hashtags, newest first.
        """
        return self._timeline("home", max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("1.0.0", "3.1.4")
    def timeline_local(
        self,
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch a page of the local timeline, public posts from this server; see :meth:`timeline`.

        Returns:
            A page of statuses, newest first.
        """
        return self._timeline("local", max_id, min_id, since_id, limit, only_media)

    @api_version("1.0.0", "3.1.4")
    def timeline_public(
        self,
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch a page of the federated timeline, public posts this server knows; see :meth:`timeline`.

        Returns:
            A page of statuses, newest first.
        """
        return self._timeline("public", max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("1.0.0", "3.1.4")
    def timeline_hashtag(
        self,
        hashtag: str,
        local: bool = False,
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch a page of the public statuses with a hashtag; see :meth:`timeline`.

        Args:
            hashtag: The hashtag, without the ``#``.
            local: Only statuses from this server.
            max_id: Only statuses older than this status, ID or time.
            min_id: The statuses right after this status, ID or time.
            since_id: Only statuses newer than this status, ID or time.
            limit: How many statuses at most.
            only_media: Only statuses with media attached.
            remote: Only statuses from other servers.

        Returns:
            A page of statuses, newest first.
        """
        _hashtag_segment(hashtag)
        return self._timeline(f"tag/{hashtag}", max_id, min_id, since_id, limit, only_media, local, remote)

    @api_version("2.1.0", "3.1.4")
    def timeline_list(
        self,
        id: UserList | IdType,
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
        local: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch a page of a list's timeline, the posts of the accounts on the list; see :meth:`timeline`.

        Args:
            id: The list, or its ID.
            max_id: Only statuses older than this status, ID or time.
            min_id: The statuses right after this status, ID or time.
            since_id: Only statuses newer than this status, ID or time.
            limit: How many statuses at most.
            only_media: Only statuses with media attached.
            local: Only statuses from this server.
            remote: Only statuses from other servers.

        Returns:
            A page of statuses, newest first.
        """
        list_id = id_of(id, "list id")
        return self._timeline(f"list/{list_id}", max_id, min_id, since_id, limit, only_media, local, remote)

    def timeline_link(
        self,
        url: str,
        local: bool = False,
        max_id: PageBound | None = None,
        min_id: PageBound | None = None,
        since_id: PageBound | None = None,
        limit: int | None = None,
        only_media: bool = False,
        remote: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch a page of the public statuses that share a trending link (Mastodon 4.3 and later).

        Args:
            url: The URL of the trending article, as the link trends give it.
            local: Only statuses from this server.
            max_id: Only statuses older than this status, ID or time.
            min_id: The statuses right after this status, ID or time.
            since_id: Only statuses newer than this status, ID or time.
            limit: How many statuses at most.
            only_media: Only statuses with media attached.
            remote: Only statuses from other servers.

        Returns:
            A page of statuses, newest first.
        """
        if not isinstance(url, str) or not url.strip():
            raise MastodonIllegalArgumentError(f"url must be the link's URL, not {url!r}")
        params = {"url": url, **page_params(max_id, min_id, since_id, limit), **_flags(only_media, local, remote)}
        self._warn_if_unavailable("The timeline of a trending link", "trending_links", local, remote)
        return self._call("GET", "/api/v1/timelines/link", PaginatableList[Status], params=params)
