"""Trends: hashtags, statuses and links that are popular on the server now."""

from __future__ import annotations

from typing import Any, cast

from mastodon.methods._args import check_count, check_text
from mastodon.methods._base import MethodsBase
from mastodon.return_types import NonPaginatableList, PaginatableList, PreviewCard, Status, Tag
from mastodon.versions import api_version, unchecked

__all__ = ["TrendsMixin"]


def _params(limit: Any, offset: Any, lang: Any) -> dict[str, Any]:
    check_count("limit", limit)
    check_count("offset", offset)
    check_text("lang", lang)
    # The language of the trends goes where the client's language would go, in its place.
    return {"limit": limit, "offset": offset, "lang": lang}


class TrendsMixin(MethodsBase):
    """Trends: hashtags, statuses and links that are popular on the server now.

    The trend lists page by offset; :meth:`fetch_next` asks for the following page.
    """

    @api_version("2.4.3", "3.5.0")
    def trends(self, limit: int | None = None) -> NonPaginatableList[Tag]:
        """The trending hashtags; the older name of :meth:`trending_tags`.

        Args:
            limit: How many to return (the server's default is 10, at most 20).

        Returns:
            The hashtags, with their use over the last days.
        """
        # Typed as in Mastodon.py; the page it returns is that of trending_tags.
        tags: Any = unchecked(TrendsMixin.trending_tags)(self, limit=limit)
        return cast("NonPaginatableList[Tag]", tags)

    @api_version("3.5.0", "3.5.0")
    def trending_tags(
        self, limit: int | None = None, offset: int | None = None, lang: str | None = None
    ) -> PaginatableList[Tag]:
        """The hashtags trending on the server now.

        Servers before 3.5.0 are asked at ``/api/v1/trends``, their address for it.

        Args:
            limit: How many to return (the server's default is 10, at most 20).
            offset: Skip this many.
            lang: The language to rank them for, instead of the client's.

        Returns:
            A page of hashtags.
        """
        path = "/api/v1/trends/tags" if self._version_at_least("3.5.0") else "/api/v1/trends"
        return self._call("GET", path, PaginatableList[Tag], params=_params(limit, offset, lang), paginate="offset")

    @api_version("3.5.0", "3.5.0")
    def trending_statuses(
        self, limit: int | None = None, offset: int | None = None, lang: str | None = None
    ) -> PaginatableList[Status]:
        """The statuses trending on the server now.

        Args:
            limit: How many to return (the server's default is 20, at most 40).
            offset: Skip this many.
            lang: The language to rank them for, instead of the client's.

        Returns:
            A page of statuses.
        """
        params = _params(limit, offset, lang)
        return self._call("GET", "/api/v1/trends/statuses", PaginatableList[Status], params=params, paginate="offset")

    @api_version("3.5.0", "3.5.0")
    def trending_links(
        self, limit: int | None = None, offset: int | None = None, lang: str | None = None
    ) -> PaginatableList[PreviewCard]:
        """The links trending on the server now, as preview cards.

        Args:
            limit: How many to return (the server's default is 10, at most 20).
            offset: Skip this many.
            lang: The language to rank them for, instead of the client's.

        Returns:
            A page of preview cards.
        """
        params = _params(limit, offset, lang)
        return self._call("GET", "/api/v1/trends/links", PaginatableList[PreviewCard], params=params, paginate="offset")
