"""Timelines: the home feed, the local and federated feeds, hashtags, lists and links."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from mastodon._http.encoding import id_of, ids_of
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Status, UserList
from mastodon.types_base import IdType, PaginatableList
from mastodon.versions import api_version

__all__ = ["TimelinesMixin", "check_count", "check_page_bound", "check_text", "id_list", "page_params", "text_list"]

# Plain timeline names become one path segment; anything else could leave /api/v1/timelines/.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_]+")

PageBound = Status | IdType | datetime


# -- argument checks, shared with the other areas' mixins --------------------------------------


def check_count(name: str, value: Any) -> None:
    """Refuse a count (``limit``, ``offset``) that is not a whole number of 0 or more; ``None`` passes.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter.
    """
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise MastodonIllegalArgumentError(f"{name} must be a whole number (0 or more), not {value!r}")


def check_page_bound(name: str, value: Any) -> None:
    """Refuse a paging bound that is not an entity, an ID (text or a whole number) or a ``datetime``.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter.
    """
    if value is None or isinstance(value, datetime):
        return
    if isinstance(value, Mapping):
        id_of(value, name)
        return
    if isinstance(value, str) and value and value.strip() == value:
        return
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return
    raise MastodonIllegalArgumentError(
        f"{name} must be an entity, an ID or a datetime, not {type(value).__name__} {value!r}"
    )


def page_params(max_id: Any, min_id: Any, since_id: Any, limit: Any) -> dict[str, Any]:
    """The usual paging parameters, checked (the core turns entities and datetimes into IDs)."""
    for name, value in (("max_id", max_id), ("min_id", min_id), ("since_id", since_id)):
        check_page_bound(name, value)
    check_count("limit", limit)
    return {"max_id": max_id, "min_id": min_id, "since_id": since_id, "limit": limit}


def check_text(name: str, value: Any, *, required: bool = False) -> None:
    """Refuse text that is not a string; with ``required``, also ``None`` and blank strings.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter.
    """
    if value is None and not required:
        return
    if not isinstance(value, str):
        raise MastodonIllegalArgumentError(f"{name} must be text, not {type(value).__name__} {value!r}")
    if required and not value.strip():
        raise MastodonIllegalArgumentError(f"{name} must not be empty")


def text_list(name: str, values: Any) -> list[str] | None:
    """A list of non-empty strings (one string counts as a list of one); ``None`` stays ``None``."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    if isinstance(values, (bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be a list of strings, not {type(values).__name__}")
    items = list(values)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise MastodonIllegalArgumentError(f"{name} must hold non-empty strings, not {item!r}")
    return items


def id_list(name: str, values: Any) -> list[str]:
    """IDs for one entity or ID, or a list of them.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter, for anything else (bytes, a number
            that is not whole, an object that is not a list).
    """
    if isinstance(values, (bytes, bytearray, memoryview)) or not isinstance(values, (str, int, Mapping, Iterable)):
        raise MastodonIllegalArgumentError(
            f"{name} must be an ID, an entity or a list of them, not {type(values).__name__}"
        )
    return ids_of(values, name)


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
    if not _PLAIN_NAME.fullmatch(timeline):
        raise MastodonIllegalArgumentError(
            f"timeline must be 'home', 'local', 'public', 'tag/<hashtag>' or 'list/<id>'; got {timeline!r}"
        )
    return f"/api/v1/timelines/{timeline}", False


class TimelinesMixin(MethodsBase):
    """Reading timelines. Every result is a page; see :meth:`fetch_next` for more."""

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
        path, is_local = _timeline_path(timeline)
        params = {**page_params(max_id, min_id, since_id, limit), **_flags(only_media, local or is_local, remote)}
        result: PaginatableList[Status] = self._call("GET", path, PaginatableList[Status], params=params)
        return result

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
        return self.timeline("home", max_id, min_id, since_id, limit, only_media, local, remote)

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
        return self.timeline("local", max_id, min_id, since_id, limit, only_media)

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
        return self.timeline("public", max_id, min_id, since_id, limit, only_media, local, remote)

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
        return self.timeline(f"tag/{hashtag}", max_id, min_id, since_id, limit, only_media, local, remote)

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
        return self.timeline(f"list/{list_id}", max_id, min_id, since_id, limit, only_media, local, remote)

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
        result: PaginatableList[Status] = self._call(
            "GET", "/api/v1/timelines/link", PaginatableList[Status], params=params
        )
        return result
