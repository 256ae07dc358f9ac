"""Search for accounts, hashtags and posts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from mastodon.methods._args import check_choice, check_count, check_page_bound, id_of
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, Search, SearchV2, Status
from mastodon.types_base import IdType
from mastodon.versions import api_version

__all__ = ["SEARCH_RESULT_TYPES", "SearchMixin"]

#: What a search can be narrowed to.
SEARCH_RESULT_TYPES = ("accounts", "hashtags", "statuses")


def _check_search_args(
    q: Any, result_type: Any, offset: Any, limit: Any, min_id: Any = None, max_id: Any = None
) -> None:
    if not isinstance(q, str):
        raise MastodonIllegalArgumentError(f"q must be a search string, not {type(q).__name__} {q!r}")
    check_choice("result_type", result_type, SEARCH_RESULT_TYPES)
    check_count("offset", offset)
    check_count("limit", limit)
    check_page_bound("min_id", min_id)
    check_page_bound("max_id", max_id)


class SearchMixin(MethodsBase):
    """Search for accounts, hashtags and posts."""

    @api_version("1.1.0", "2.8.0")
    def search(
        self,
        q: str,
        resolve: bool = True,
        result_type: str | None = None,
        account_id: Account | IdType | None = None,
        offset: int | None = None,
        min_id: Status | IdType | datetime | None = None,
        max_id: Status | IdType | datetime | None = None,
        exclude_unreviewed: bool = True,
        limit: int | None = None,
        following: bool | None = None,
    ) -> Search | SearchV2:
        """Search for accounts, hashtags and posts.

        Servers from 2.4.1 on are asked through the v2 endpoint (hashtags come back as
        entities); older ones through v1 (hashtags as plain names), which knows only ``q`` and
        ``resolve`` (``result_type`` and ``limit`` are then left out). Full-text search of
        posts depends on the server's setup.

        Args:
            q: What to search for; an address or a post's URL finds that account or post.
            resolve: Look unknown addresses and URLs up on their servers (WebFinger).
            result_type: Only ``"accounts"``, ``"hashtags"`` or ``"statuses"``.
            account_id: Only posts by this account.
            offset: Skip this many results (with ``result_type`` given).
            min_id: Only results newer than this one.
            max_id: Only results older than this one.
            exclude_unreviewed: Leave out hashtags the moderators have not reviewed.
            limit: How many results per type (the server's default is 20, at most 40).
            following: Only accounts the logged-in user follows.

        Returns:
            The results, grouped by type.

        Raises:
            MastodonVersionError: ``account_id``, ``offset``, ``min_id``, ``max_id`` or
                ``following`` was given for a server older than 2.4.1.
        """
        _check_search_args(q, result_type, offset, limit, min_id, max_id)
        if self._version_at_least("2.4.1"):
            return self._search_v2(
                q,
                resolve=resolve,
                result_type=result_type,
                account_id=account_id,
                offset=offset,
                min_id=min_id,
                max_id=max_id,
                exclude_unreviewed=exclude_unreviewed,
                limit=limit,
                following=following,
            )
        # As before, result_type and limit are quietly dropped here; arguments that change
        # which results come back are refused instead.
        if any(value is not None for value in (account_id, offset, min_id, max_id, following)):
            raise MastodonVersionError("search paging, account_id and following need Mastodon 2.8.0 or later")
        return self._search_v1(q, resolve=resolve)

    @api_version("1.1.0", "2.1.0")
    def search_v1(self, q: str, resolve: bool = False) -> Search:
        """Search through the v1 endpoint, which servers before 2.4.1 offer (Mastodon 3.0 removed it).

        Args:
            q: What to search for.
            resolve: Look unknown addresses and URLs up on their servers (WebFinger).

        Returns:
            The results; hashtags are plain names.
        """
        return self._search_v1(q, resolve)

    def _search_v1(self, q: str, resolve: bool = False) -> Search:
        # The body of search_v1(), for search(): the version check runs once.
        _check_search_args(q, None, None, None)
        return self._call("GET", "/api/v1/search", Search, params={"q": q, "resolve": resolve or None})

    @api_version("2.4.1", "2.8.0")
    def search_v2(
        self,
        q: str,
        resolve: bool = True,
        result_type: str | None = None,
        account_id: Account | IdType | None = None,
        offset: int | None = None,
        min_id: Status | IdType | datetime | None = None,
        max_id: Status | IdType | datetime | None = None,
        exclude_unreviewed: bool = True,
        limit: int | None = None,
        following: bool | None = None,
    ) -> SearchV2:
        """Search through the v2 endpoint (Mastodon 2.4.1 and later).

        The paging arguments (``account_id``, ``offset``, ``min_id``, ``max_id``, ``limit``)
        need Mastodon 2.8.0; ``exclude_unreviewed`` is only sent to 3.0.0 and later.

        Args:
            q: What to search for; an address or a post's URL finds that account or post.
            resolve: Look unknown addresses and URLs up on their servers (WebFinger).
            result_type: Only ``"accounts"``, ``"hashtags"`` or ``"statuses"``.
            account_id: Only posts by this account.
            offset: Skip this many results (with ``result_type`` given).
            min_id: Only results newer than this one.
            max_id: Only results older than this one.
            exclude_unreviewed: Leave out hashtags the moderators have not reviewed.
            limit: How many results per type (the server's default is 20, at most 40).
            following: Only accounts the logged-in user follows.

        Returns:
            The results, grouped by type; hashtags are entities.

        Raises:
            MastodonVersionError: A paging argument was given for a server older than 2.8.0.
        """
        return self._search_v2(
            q, resolve, result_type, account_id, offset, min_id, max_id, exclude_unreviewed, limit, following
        )

    def _search_v2(
        self,
        q: str,
        resolve: bool = True,
        result_type: str | None = None,
        account_id: Account | IdType | None = None,
        offset: int | None = None,
        min_id: Status | IdType | datetime | None = None,
        max_id: Status | IdType | datetime | None = None,
        exclude_unreviewed: bool = True,
        limit: int | None = None,
        following: bool | None = None,
    ) -> SearchV2:
        # The body of search_v2(), for search(): the version check runs once.
        _check_search_args(q, result_type, offset, limit, min_id, max_id)
        paging = (account_id, offset, min_id, max_id, limit)
        if any(value is not None for value in paging) and not self._version_at_least("2.8.0"):
            raise MastodonVersionError("search paging and account_id need Mastodon 2.8.0 or later")
        send_unreviewed = bool(exclude_unreviewed) and self._version_at_least("3.0.0")
        params: dict[str, Any] = {
            "q": q,
            "resolve": resolve or None,
            "account_id": id_of(account_id, "account_id") if account_id is not None else None,
            "offset": offset,
            "min_id": min_id,
            "max_id": max_id,
            "exclude_unreviewed": True if send_unreviewed else None,
            "limit": limit,
            "following": following,
            # The type goes last, where servers and recorded requests have always seen it.
            "type": result_type,
        }
        return self._call("GET", "/api/v2/search", SearchV2, params=params, paginate="offset")
