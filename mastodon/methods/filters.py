"""Filters: the words and statuses the logged-in user hides or flags, in both API versions.

Version 1 filters (Mastodon 2.4.3 to 3.5) are phrases the client applies itself, with
:meth:`filters_apply`; version 2 filters (Mastodon 4.0) group keywords and statuses, and the
server applies them, marking each status it matches in ``status.filtered``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, cast

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import check_text, id_of, text_list
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    Filter,
    FilterKeyword,
    FilterStatus,
    FilterV2,
    IdType,
    NonPaginatableList,
    Notification,
    PaginatableList,
    Status,
)
from mastodon.versions import api_version

__all__ = ["FiltersMixin", "filters_apply"]

# Compiled by ``re`` on first use (and kept in its cache), as only filters_apply needs them.
_TAGS = r"<[^>]*>"
_SPACE = r"\s+"


def _plain_text(content: Any) -> str:
    """A status's HTML content as the words people read: tags as spaces, entities decoded."""
    text = re.sub(_TAGS, " ", content if isinstance(content, str) else "")
    import html  # on first use: it loads the table of every named character

    return re.sub(_SPACE, " ", html.unescape(text)).strip()


def _expired(keyword_filter: Mapping[str, Any], now: datetime) -> bool:
    expires_at = keyword_filter.get("expires_at")
    if isinstance(expires_at, str):
        try:
            expires_at = datetime.fromisoformat(expires_at.replace("Z", "+00:00"))
        except ValueError:
            return False
    if isinstance(expires_at, datetime):
        if expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=UTC)
        return expires_at <= now
    return False


def _patterns(filters: Iterable[Any], context: Any, now: datetime) -> list[str]:
    """The regular expressions of the filters that apply in ``context`` and have not expired."""
    found: list[str] = []
    for keyword_filter in filters:
        contexts = keyword_filter.get("context") if isinstance(keyword_filter, Mapping) else None
        if not isinstance(contexts, (list, tuple)) or context not in contexts:
            continue
        if _expired(keyword_filter, now):
            continue
        if "phrase" in keyword_filter:  # a v1 filter: one phrase
            words = [(keyword_filter.get("phrase"), keyword_filter.get("whole_word"))]
        else:  # a v2 filter: its keywords
            words = [
                (k.get("keyword"), k.get("whole_word"))
                for k in keyword_filter.get("keywords") or ()
                if isinstance(k, Mapping)
            ]
        for phrase, whole_word in words:
            if isinstance(phrase, str) and phrase:
                pattern = re.escape(phrase)
                found.append(rf"\b{pattern}\b" if whole_word else pattern)
    return found


def filters_apply(objects: Iterable[Any], filters: Iterable[Any], context: Any) -> list[Any]:
    """The statuses or notifications of ``objects`` that no filter of ``context`` matches.

    The logic of :meth:`Mastodon.filters_apply`, usable without a client.
    """
    patterns = _patterns(filters, context, datetime.now(UTC))
    if not patterns:
        return list(objects)
    matcher = re.compile("|".join(patterns), flags=re.IGNORECASE)
    kept = []
    for item in objects:
        status = item.get("status") if isinstance(item, Mapping) and "status" in item else item
        content = status.get("content") if isinstance(status, Mapping) else None
        if not matcher.search(_plain_text(content)):
            kept.append(item)
    return kept


class FiltersMixin(MethodsBase):
    """Filters: the words and statuses the logged-in user hides or flags (v1 and v2)."""

    # -- version 1 ---------------------------------------------------------------------------------

    @api_version("2.4.3", "2.4.3")
    def filters(self) -> NonPaginatableList[Filter]:
        """Fetch the logged-in user's v1 filters.

        Returns:
            The filters.
        """
        return self._call("GET", "/api/v1/filters", NonPaginatableList[Filter])

    @api_version("2.4.3", "2.4.3")
    def filter(self, id: Filter | IdType) -> Filter:
        """Fetch one v1 filter.

        Args:
            id: The filter, or its ID.

        Returns:
            The filter.
        """
        return self._call("GET", f"/api/v1/filters/{id_of(id)}", Filter)

    @api_version("2.4.3", "2.4.3")
    def filters_apply(
        self,
        objects: PaginatableList[Status] | PaginatableList[Notification],
        filters: NonPaginatableList[Filter] | NonPaginatableList[FilterV2],
        context: str,
    ) -> PaginatableList[Status] | PaginatableList[Notification]:
        """Leave out the statuses (or notifications) that the user's filters match, client-side.

        Servers apply v2 filters themselves; v1 filters are applied here. A filter counts when
        ``context`` is one of its contexts and it has not expired. Matching ignores case and
        HTML markup, and a ``whole_word`` filter only matches whole words. v2 filters given
        here are applied by their keywords the same way.

        Args:
            objects: Statuses, or notifications (their ``status`` is read).
            filters: From :meth:`filters` (or :meth:`filters_v2`).
            context: ``"home"``, ``"notifications"``, ``"public"``, ``"thread"`` or
                ``"account"``.

        Returns:
            A plain list of what no filter matches, in the order given.
        """
        kept = filters_apply(objects, filters, context)
        return cast("PaginatableList[Status] | PaginatableList[Notification]", kept)

    @api_version("2.4.3", "2.4.3")
    def filter_create(
        self,
        phrase: str,
        context: str | list[str],
        irreversible: bool = False,
        whole_word: bool = True,
        expires_in: int | None = None,
    ) -> Filter:
        """Make a v1 filter.

        Args:
            phrase: The word or phrase to filter.
            context: Where it applies: one or more of ``"home"``, ``"notifications"``,
                ``"public"``, ``"thread"``, ``"account"``.
            irreversible: Have the server drop matches instead of hiding them (home and
                notifications only).
            whole_word: Match whole words only.
            expires_in: Seconds until the filter ends; never by default.

        Returns:
            The new filter.
        """
        check_text("phrase", phrase, required=True)
        form = {
            "phrase": phrase,
            "irreversible": irreversible,
            "whole_word": whole_word,
            "expires_in": expires_in,
            "context": text_list("context", context),
        }
        return self._call("POST", "/api/v1/filters", Filter, form=form)

    @api_version("2.4.3", "2.4.3")
    def filter_update(
        self,
        id: Filter | IdType,
        phrase: str | None = None,
        context: str | list[str] | None = None,
        irreversible: bool | None = None,
        whole_word: bool | None = None,
        expires_in: int | None = None,
    ) -> Filter:
        """Change a v1 filter; what is left out stays as it was.

        Args:
            id: The filter, or its ID.
            phrase: The new phrase.
            context: The new contexts.
            irreversible: Drop matches instead of hiding them.
            whole_word: Match whole words only.
            expires_in: Seconds until the filter ends.

        Returns:
            The filter afterwards.
        """
        check_text("phrase", phrase)
        form = {
            "phrase": phrase,
            "irreversible": irreversible,
            "whole_word": whole_word,
            "expires_in": expires_in,
            "context": text_list("context", context),
        }
        return self._call("PUT", f"/api/v1/filters/{id_of(id)}", Filter, form=form)

    @api_version("2.4.3", "2.4.3")
    def filter_delete(self, id: Filter | IdType) -> None:
        """Delete a v1 filter.

        Args:
            id: The filter, or its ID.
        """
        self._call("DELETE", f"/api/v1/filters/{id_of(id)}", None)

    # -- version 2 ---------------------------------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def filters_v2(self) -> NonPaginatableList[FilterV2]:
        """Fetch the logged-in user's v2 filters, with their keywords and statuses.

        Returns:
            The filters.
        """
        return self._call("GET", "/api/v2/filters", NonPaginatableList[FilterV2])

    @api_version("4.0.0", "4.0.0")
    def filter_v2(self, filter_id: FilterV2 | IdType) -> Filter:
        """Fetch one v2 filter.

        Typed ``Filter`` as in Mastodon.py; the server sends a v2 filter (title, keywords, ...).

        Args:
            filter_id: The filter, or its ID.

        Returns:
            The filter.
        """
        return self._call("GET", f"/api/v2/filters/{id_of(filter_id, 'filter_id')}", Filter)

    @api_version("4.0.0", "4.0.0")
    def create_filter_v2(
        self,
        title: str,
        context: list[str],
        filter_action: str,
        expires_in: int | None = None,
        keywords_attributes: list[dict[str, Any]] | None = None,
    ) -> FilterV2:
        """Make a v2 filter.

        Args:
            title: Its name.
            context: Where it applies: ``"home"``, ``"notifications"``, ``"public"``,
                ``"thread"``, ``"account"``.
            filter_action: ``"warn"`` (hide behind a warning), ``"hide"`` (leave out) or
                ``"blur"`` (hide media, Mastodon 4.4).
            expires_in: Seconds until the filter ends; never by default.
            keywords_attributes: Keywords to add at once, each ``{"keyword": ..., "whole_word": ...}``.

        Returns:
            The new filter.
        """
        check_text("title", title, required=True)
        check_text("filter_action", filter_action, required=True)
        body = {
            "title": title,
            "context": text_list("context", context),
            "filter_action": filter_action,
            "expires_in": expires_in,
            "keywords_attributes": _keywords(keywords_attributes),
        }
        return self._call("POST", "/api/v2/filters", FilterV2, json=_present(body))

    @api_version("4.0.0", "4.0.0")
    def update_filter_v2(
        self,
        filter_id: FilterV2 | IdType,
        title: str | None = None,
        context: list[str] | None = None,
        filter_action: str | None = None,
        expires_in: int | None = None,
        keywords_attributes: list[dict[str, Any]] | None = None,
    ) -> FilterV2:
        """Change a v2 filter; what is left out stays as it was.

        ``keywords_attributes`` entries with an ``id`` change that keyword, with ``"_destroy":
        True`` remove it, and without an ``id`` add one.

        Args:
            filter_id: The filter, or its ID.
            title: Its new name.
            context: Its new contexts.
            filter_action: ``"warn"``, ``"hide"`` or ``"blur"``.
            expires_in: Seconds until the filter ends.
            keywords_attributes: Keyword changes.

        Returns:
            The filter afterwards.
        """
        check_text("title", title)
        check_text("filter_action", filter_action)
        key = id_of(filter_id, "filter_id")
        body = {
            # Mastodon.py repeats the filter's ID in the body; the server ignores it.
            "filter_id": key,
            "title": title,
            "context": text_list("context", context),
            "filter_action": filter_action,
            "expires_in": expires_in,
            "keywords_attributes": _keywords(keywords_attributes),
        }
        return self._call("PUT", f"/api/v2/filters/{key}", FilterV2, json=_present(body))

    @api_version("4.0.0", "4.0.0")
    def delete_filter_v2(self, filter_id: FilterV2 | IdType) -> None:
        """Delete a v2 filter with its keywords and statuses.

        Args:
            filter_id: The filter, or its ID.
        """
        self._call("DELETE", f"/api/v2/filters/{id_of(filter_id, 'filter_id')}", None)

    @api_version("4.0.0", "4.0.0")
    def filter_keywords_v2(self, filter_id: FilterV2 | IdType) -> NonPaginatableList[FilterKeyword]:
        """Fetch the keywords of a v2 filter.

        Args:
            filter_id: The filter, or its ID.

        Returns:
            The keywords.
        """
        key = id_of(filter_id, "filter_id")
        return self._call("GET", f"/api/v2/filters/{key}/keywords", NonPaginatableList[FilterKeyword])

    @api_version("4.0.0", "4.0.0")
    def add_filter_keyword_v2(
        self, filter_id: FilterV2 | IdType, keyword: str, whole_word: bool = False
    ) -> FilterKeyword:
        """Add a keyword to a v2 filter.

        Args:
            filter_id: The filter, or its ID.
            keyword: The word or phrase.
            whole_word: Match whole words only.

        Returns:
            The new keyword.
        """
        check_text("keyword", keyword, required=True)
        key = id_of(filter_id, "filter_id")
        form = {"filter_id": key, "keyword": keyword, "whole_word": whole_word}
        return self._call("POST", f"/api/v2/filters/{key}/keywords", FilterKeyword, form=form)

    @api_version("4.0.0", "4.0.0")
    def delete_filter_keyword_v2(self, keyword_id: FilterKeyword | IdType) -> None:
        """Remove a keyword from its v2 filter.

        Args:
            keyword_id: The keyword, or its ID.
        """
        self._call("DELETE", f"/api/v2/filters/keywords/{id_of(keyword_id, 'keyword_id')}", None)

    @api_version("4.0.0", "4.0.0")
    def filter_statuses_v2(self, filter_id: FilterV2 | IdType) -> NonPaginatableList[FilterStatus]:
        """Fetch the statuses a v2 filter holds.

        Args:
            filter_id: The filter, or its ID.

        Returns:
            The filtered statuses (their IDs).
        """
        path = f"/api/v2/filters/{id_of(filter_id, 'filter_id')}/statuses"
        return self._call("GET", path, NonPaginatableList[FilterStatus])

    @api_version("4.0.0", "4.0.0")
    def add_filter_status_v2(self, filter_id: FilterV2 | IdType, status_id: Status | IdType) -> FilterStatus:
        """Add a status to a v2 filter.

        Args:
            filter_id: The filter, or its ID.
            status_id: The status, or its ID.

        Returns:
            The filter's entry for the status.
        """
        form = {"status_id": id_of(status_id, "status_id")}
        path = f"/api/v2/filters/{id_of(filter_id, 'filter_id')}/statuses"
        return self._call("POST", path, FilterStatus, form=form)

    @api_version("4.0.0", "4.0.0")
    def filter_status_v2(self, filter_status_id: FilterStatus | IdType) -> FilterStatus:
        """Fetch one status entry of a v2 filter.

        Args:
            filter_status_id: The entry, or its ID.

        Returns:
            The entry.
        """
        key = id_of(filter_status_id, "filter_status_id")
        return self._call("GET", f"/api/v2/filters/statuses/{key}", FilterStatus)

    @api_version("4.0.0", "4.0.0")
    def delete_filter_status_v2(self, filter_status_id: FilterStatus | IdType) -> None:
        """Remove a status from its v2 filter.

        Args:
            filter_status_id: The entry, or its ID.
        """
        self._call("DELETE", f"/api/v2/filters/statuses/{id_of(filter_status_id, 'filter_status_id')}", None)

    # -- beyond Mastodon.py ------------------------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def filter_keyword_v2(self, keyword_id: FilterKeyword | IdType) -> FilterKeyword:
        """Fetch one keyword of a v2 filter. Not in Mastodon.py.

        Args:
            keyword_id: The keyword, or its ID.

        Returns:
            The keyword.
        """
        return self._call("GET", f"/api/v2/filters/keywords/{id_of(keyword_id, 'keyword_id')}", FilterKeyword)

    @api_version("4.0.0", "4.0.0")
    def update_filter_keyword_v2(
        self, keyword_id: FilterKeyword | IdType, keyword: str | None = None, whole_word: bool | None = None
    ) -> FilterKeyword:
        """Change one keyword of a v2 filter; what is left out stays as it was. Not in Mastodon.py.

        Args:
            keyword_id: The keyword, or its ID.
            keyword: The new word or phrase.
            whole_word: Match whole words only.

        Returns:
            The keyword afterwards.
        """
        check_text("keyword", keyword)
        form = {"keyword": keyword, "whole_word": whole_word}
        key = id_of(keyword_id, "keyword_id")
        return self._call("PUT", f"/api/v2/filters/keywords/{key}", FilterKeyword, form=form)


def _present(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if value is not None}


def _keywords(attributes: Any) -> list[dict[str, Any]] | None:
    if attributes is None:
        return None
    if isinstance(attributes, Mapping):
        attributes = [attributes]
    if isinstance(attributes, (str, bytes)) or not isinstance(attributes, Iterable):
        raise MastodonIllegalArgumentError("keywords_attributes must be a list of dicts such as {'keyword': 'word'}")
    items = list(attributes)
    for item in items:
        if not isinstance(item, Mapping):
            raise MastodonIllegalArgumentError(f"keywords_attributes must hold dicts, not {item!r}")
    return [dict(item) for item in items]
