"""Walking through paged results."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._base import MethodsBase
from mastodon.types_base import AttribAccessList, PaginatableList, PaginationInfo

__all__ = ["PaginationMixin"]

_T = TypeVar("_T")
_DIRECTIONS = ("next", "previous", "prev")


def _attribute(direction: str) -> str:
    if direction not in _DIRECTIONS:
        raise MastodonIllegalArgumentError(f"pagination direction must be 'next' or 'previous', not {direction!r}")
    return "_pagination_next" if direction == "next" else "_pagination_prev"


class PaginationMixin(MethodsBase):
    """Following pages of results, one at a time or all at once."""

    def get_pagination_info(self, page: Any, pagination_direction: str) -> PaginationInfo | None:
        """What is needed to fetch the page before or after ``page``.

        Args:
            page: A page returned by a paged method, or a :class:`PaginationInfo`.
            pagination_direction: ``"next"`` or ``"previous"``.

        Returns:
            The pagination information, or ``None`` when there is no such page.
        """
        attribute = _attribute(pagination_direction)
        if isinstance(page, PaginationInfo):
            return page
        info = getattr(page, attribute, None) if isinstance(page, AttribAccessList) else None
        if info is None and isinstance(page, Mapping) and "_pagination_method" in page:
            info = PaginationInfo(page)
        if info is None and isinstance(page, Mapping):
            info = page.get(attribute)
        if isinstance(info, PaginationInfo) or info is None:
            return info
        return PaginationInfo(info) if isinstance(info, Mapping) else None

    def _fetch_page(self, info: Mapping[str, Any]) -> Any:
        params = {key: value for key, value in info.items() if not key.startswith("_")}
        method = info.get("_pagination_method") or "GET"
        endpoint = info.get("_pagination_endpoint")
        if not isinstance(endpoint, str):
            raise MastodonIllegalArgumentError("the pagination information names no endpoint")
        paginate = "offset" if "offset" in params and "max_id" not in params and "min_id" not in params else None
        return self._call(method, endpoint, info.get("_mastopy_type"), params=params, paginate=paginate)

    def fetch_next(self, previous_page: Any) -> Any:
        """The page after ``previous_page``.

        Args:
            previous_page: A page, or its ``_pagination_next`` information.

        Returns:
            The next page, or ``None`` when there is none (an empty page ends the walk too).
        """
        info = self.get_pagination_info(previous_page, "next")
        if info is None:
            return None
        page = self._fetch_page(info)
        return page if page else None

    def fetch_previous(self, next_page: Any) -> Any:
        """The page before ``next_page`` (newer results).

        Args:
            next_page: A page, or its ``_pagination_prev`` information.

        Returns:
            The previous page, or ``None`` when there is none.
        """
        info = self.get_pagination_info(next_page, "previous")
        if info is None:
            return None
        page = self._fetch_page(info)
        return page if page else None

    def fetch_remaining(self, first_page: Any) -> PaginatableList[Any]:
        """``first_page`` and every page after it, as one list.

        Args:
            first_page: A page returned by a paged method.

        Returns:
            All results, in order.
        """
        results: PaginatableList[Any] = PaginatableList(first_page or [])
        for page in self.pagination_page_iterator(first_page):
            if page is not first_page:
                results.extend(page)
        results._pagination_next = None
        results._pagination_prev = getattr(first_page, "_pagination_prev", None)
        return results

    def pagination_page_iterator(
        self, start_page: Any, direction: str = "next", return_pagination_info: bool = False
    ) -> Iterator[Any]:
        """Yield ``start_page`` and the pages after (or before) it, until there are no more.

        Args:
            start_page: A page returned by a paged method.
            direction: ``"next"`` or ``"previous"``.
            return_pagination_info: Yield ``(page, pagination info used to fetch the following page)``.

        Yields:
            Pages (or pairs, see ``return_pagination_info``).
        """
        _attribute(direction)
        page = start_page
        while page:
            info = self.get_pagination_info(page, direction)
            yield (page, info) if return_pagination_info else page
            if info is None:
                return
            page = self._fetch_page(info)

    def pagination_iterator(
        self, start_page: Any, direction: str = "next", return_pagination_info: bool = False
    ) -> Iterator[Any]:
        """Yield every item of ``start_page`` and of the pages after (or before) it.

        Args:
            start_page: A page returned by a paged method.
            direction: ``"next"`` or ``"previous"``.
            return_pagination_info: Yield ``(item, pagination info of its page)``.

        Yields:
            Items (or pairs, see ``return_pagination_info``).
        """
        for page, info in self.pagination_page_iterator(start_page, direction, return_pagination_info=True):
            for item in page:
                yield (item, info) if return_pagination_info else item
