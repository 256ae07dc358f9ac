"""The logged-in user's favourited and bookmarked posts."""

from __future__ import annotations

from datetime import datetime

from mastodon.methods._args import page_params_as_sent
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Status
from mastodon.types_base import IdType, PaginatableList
from mastodon.versions import api_version

__all__ = ["FavouritesMixin"]


class FavouritesMixin(MethodsBase):
    """The logged-in user's favourited and bookmarked posts."""

    @api_version("1.0.0", "2.6.0")
    def favourites(
        self,
        max_id: Status | IdType | datetime | None = None,
        min_id: Status | IdType | datetime | None = None,
        since_id: Status | IdType | datetime | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Status]:
        """Fetch the posts the logged-in user has favourited, most recently favourited first.

        The server pages this list by its own favourite IDs, not by post IDs, so the cursors
        to use are the ones in the page's pagination info (:meth:`fetch_next`,
        :meth:`fetch_previous`). A post given as a bound is sent as its ID and a ``datetime``
        as its text, as Mastodon.py sends them; neither selects a page reliably.

        Args:
            max_id: Page cursor: favourites before this one.
            min_id: Page cursor: favourites just after this one.
            since_id: Page cursor: favourites after this one, newest first.
            limit: How many posts to return (the server's default is 20, at most 40).

        Returns:
            A page of posts.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/favourites", PaginatableList[Status], params=params)

    @api_version("3.1.0", "3.1.0")
    def bookmarks(
        self,
        max_id: Status | IdType | datetime | None = None,
        min_id: Status | IdType | datetime | None = None,
        since_id: Status | IdType | datetime | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Status]:
        """Fetch the posts the logged-in user has bookmarked, most recently bookmarked first.

        Like :meth:`favourites`, the list is paged by the server's own bookmark IDs: page with
        :meth:`fetch_next` and :meth:`fetch_previous`. Bounds are sent as Mastodon.py sends them.

        Args:
            max_id: Page cursor: bookmarks before this one.
            min_id: Page cursor: bookmarks just after this one.
            since_id: Page cursor: bookmarks after this one, newest first.
            limit: How many posts to return (the server's default is 20, at most 40).

        Returns:
            A page of posts.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/bookmarks", PaginatableList[Status], params=params)
