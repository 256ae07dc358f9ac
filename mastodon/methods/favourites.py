"""The logged-in user's favourited posts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import page_params
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Status
from mastodon.types_base import IdType, PaginatableList
from mastodon.versions import api_version

__all__ = ["FavouritesMixin"]


class FavouritesMixin(MethodsBase):
    """The logged-in user's favourited posts."""

    @api_version("1.0.0", "2.6.0")
    def favourites(
        self,
        max_id: IdType | None = None,
        min_id: IdType | None = None,
        since_id: IdType | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Status]:
        """Fetch the posts the logged-in user has favourited, most recently favourited first.

        The paging IDs are the server's own favourite IDs, not post IDs: a post's ID given as
        ``max_id`` does not page. Take the cursors from the page's pagination info
        (:meth:`fetch_next`, :meth:`fetch_previous`).

        Args:
            max_id: Page cursor: favourites before this one.
            min_id: Page cursor: favourites just after this one.
            since_id: Page cursor: favourites after this one, newest first.
            limit: How many posts to return (the server's default is 20, at most 40).

        Returns:
            A page of posts.
        """
        for name, value in (("max_id", max_id), ("min_id", min_id), ("since_id", since_id)):
            # A post or a moment would be turned into a post ID, which this endpoint does not page by.
            if isinstance(value, (Mapping, datetime)):
                raise MastodonIllegalArgumentError(
                    f"favourites pages by the server's favourite IDs; pass {name} from the page's "
                    "pagination info (fetch_next / fetch_previous), not a post or a datetime"
                )
        params = page_params(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/favourites", PaginatableList[Status], params=params)
