"""Walking through paged results."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar, overload

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._base import MethodsBase
from mastodon.types_base import AttribAccessList, Entity, PaginatableList, PaginationInfo

__all__ = ["PaginationMixin"]

_T = TypeVar("_T")
#: A result that holds paged lists itself (grouped notifications, search results).
_E = TypeVar("_E", bound=Entity)
_DIRECTIONS = ("next", "previous", "prev")


def _is_info(value: Any) -> bool:
    """Whether ``value`` is pagination information rather than a page."""
    return isinstance(value, PaginationInfo) or (isinstance(value, Mapping) and "_pagination_endpoint" in value)


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
        if info is None and isinstance(page, Mapping):
            # A paged result that is not a list (grouped notifications) holds it as an attribute.
            info = getattr(page, "__dict__", {}).get(attribute)
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
        rtype = info.get("_mastopy_type")
        paginate = "offset" if "offset" in params and "max_id" not in params and "min_id" not in params else None
        if isinstance(rtype, type) and issubclass(rtype, dict):
            field = info.get("_pagination_offset_field")
            paginate = f"offset:{field}" if isinstance(field, str) else "force"
        return self._call(method, endpoint, rtype, params=params, paginate=paginate)

    @overload
    def fetch_next(self, previous_page: PaginatableList[_T]) -> PaginatableList[_T] | None: ...
    @overload
    def fetch_next(self, previous_page: _E) -> _E | None: ...
    @overload
    def fetch_next(self, previous_page: PaginationInfo | Mapping[str, Any] | None) -> Any: ...
    def fetch_next(self, previous_page: Any) -> Any:
        """The page after ``previous_page``.

        Args:
            previous_page: A page, a result holding paged lists (grouped notifications, search
                results), or its ``_pagination_next`` information.

        Returns:
            The next page, which is empty after the last results; ``None`` when ``previous_page``
            says there is no next page (as an empty page does).
        """
        info = self.get_pagination_info(previous_page, "next")
        return None if info is None else self._fetch_page(info)

    @overload
    def fetch_previous(self, next_page: PaginatableList[_T]) -> PaginatableList[_T] | None: ...
    @overload
    def fetch_previous(self, next_page: _E) -> _E | None: ...
    @overload
    def fetch_previous(self, next_page: PaginationInfo | Mapping[str, Any] | None) -> Any: ...
    def fetch_previous(self, next_page: Any) -> Any:
        """The page before ``next_page`` (newer results).

        Polling for new posts is ``for status in api.fetch_previous(page): ...``, then
        continuing from the page it returned when that is not empty.

        Args:
            next_page: A page, a result holding paged lists, or its ``_pagination_prev`` information.

        Returns:
            The previous page, which is empty when nothing newer exists yet; ``None`` when
            ``next_page`` says there is no previous page (as an empty page does).
        """
        info = self.get_pagination_info(next_page, "previous")
        return None if info is None else self._fetch_page(info)

    def fetch_remaining(self, first_page: PaginatableList[_T] | None) -> list[_T]:
        """``first_page`` and every page after it, as one list.

        Args:
            first_page: A page returned by a paged method.

        Returns:
            All results, in order, as a plain ``list``: it is every page at once, so it has no
            neighbouring pages to point to.
        """
        results: list[_T] = []
        page: Any = first_page
        while page:
            results.extend(page)
            page = self.fetch_next(page)
        return results

    def pagination_page_iterator(
        self, start_page: Any, direction: str = "next", return_pagination_info: bool = False
    ) -> Iterator[Any]:
        """Yield ``start_page`` and the pages after (or before) it, until there are no more.

        Args:
            start_page: A page returned by a paged method, or pagination information (the first
                page yielded is then the one it points to).
            direction: ``"next"`` or ``"previous"``.
            return_pagination_info: Yield ``(page, pagination info used to fetch the following page)``.

        Yields:
            Pages (or pairs, see ``return_pagination_info``), the empty page that ends the walk
            included when the server sends one.
        """
        attribute = _attribute(direction)
        fetch = self.fetch_next if attribute == "_pagination_next" else self.fetch_previous
        page = fetch(start_page) if _is_info(start_page) else start_page
        del start_page  # the walk holds each page only while it is the current one
        while page is not None:
            info = self.get_pagination_info(page, direction)
            yield (page, info) if return_pagination_info else page
            if info is None:
                return
            # Let go of the page before the next one is fetched, so that a walk holds one
            # page at a time (unless the caller keeps it).
            page = None
            page = self._fetch_page(info)

    def pagination_iterator(
        self, start_page: Any, direction: str = "next", return_pagination_info: bool = False
    ) -> Iterator[Any]:
        """Yield every item of ``start_page`` and of the pages after (or before) it.

        Args:
            start_page: A page returned by a paged method (for grouped notifications, the whole
                result: its items are the notification groups).
            direction: ``"next"`` or ``"previous"``.
            return_pagination_info: Yield ``(item, pagination info of its page)``.

        Yields:
            Items (or pairs, see ``return_pagination_info``).
        """
        pages = self.pagination_page_iterator(start_page, direction, return_pagination_info=True)
        del start_page
        for page, info in pages:
            # Grouped notifications page as one result; their items are the groups.
            items = page.get("notification_groups") if isinstance(page, Mapping) else page
            del page
            if not items:
                return
            for item in items:
                yield (item, info) if return_pagination_info else item
            # Nothing here holds the page any more while the next one is fetched.
            del items
