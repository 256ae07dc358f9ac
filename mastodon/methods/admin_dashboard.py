"""The admin API, the dashboard: trends review, hashtags, link publishers and measures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import (
    bare_domain,
    check_count,
    check_text,
    id_of,
    page_params,
)
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    AdminDimension,
    AdminMeasure,
    AdminRetention,
    IdType,
    NonPaginatableList,
    PaginatableList,
    PreviewCard,
    Status,
    Tag,
)
from mastodon.types_base import AttribAccessDict
from mastodon.versions import api_version

__all__ = ["AdminDashboardMixin"]

_Bound = IdType | datetime | None


class AdminDashboardMixin(MethodsBase):
    """The admin API, the dashboard: trends review, hashtags, link publishers and measures.

    Every method needs a token with the ``admin:read`` or ``admin:write`` scopes of a moderator
    or admin; the server answers 403 otherwise.
    """

    # -- trends review --------------------------------------------------------------------------------

    @api_version("3.5.0", "3.5.0")
    def admin_trending_tags(self, limit: int | None = None) -> NonPaginatableList[Tag]:
        """The trending hashtags, those awaiting review included.

        Args:
            limit: How many to return.

        Returns:
            The hashtags.
        """
        check_count("limit", limit)
        return self._call("GET", "/api/v1/admin/trends/tags", NonPaginatableList[Tag], params={"limit": limit})

    @api_version("3.5.0", "3.5.0")
    def admin_trending_statuses(self) -> NonPaginatableList[Status]:
        """The trending statuses, those awaiting review included.

        Returns:
            The statuses.
        """
        return self._call("GET", "/api/v1/admin/trends/statuses", NonPaginatableList[Status])

    @api_version("3.5.0", "3.5.0")
    def admin_trending_links(self) -> NonPaginatableList[PreviewCard]:
        """The trending links, those awaiting review included.

        Returns:
            The links, as preview cards.
        """
        return self._call("GET", "/api/v1/admin/trends/links", NonPaginatableList[PreviewCard])

    @api_version("4.2.0", "4.2.0")
    def admin_approve_trending_tag(self, id: Tag | IdType) -> Tag:
        """Let a hashtag trend publicly.

        Args:
            id: The hashtag (with its ``id``), or its ID.

        Returns:
            The hashtag.
        """
        return self._call("POST", f"/api/v1/admin/trends/tags/{id_of(id)}/approve", Tag)

    @api_version("4.2.0", "4.2.0")
    def admin_reject_trending_tag(self, id: Tag | IdType) -> Tag:
        """Keep a hashtag out of the public trends.

        Args:
            id: The hashtag (with its ``id``), or its ID.

        Returns:
            The hashtag.
        """
        return self._call("POST", f"/api/v1/admin/trends/tags/{id_of(id)}/reject", Tag)

    @api_version("4.2.0", "4.2.0")
    def admin_approve_trending_status(self, id: Status | IdType) -> Status:
        """Let a status trend publicly.

        Args:
            id: The status, or its ID.

        Returns:
            The status.
        """
        return self._call("POST", f"/api/v1/admin/trends/statuses/{id_of(id)}/approve", Status)

    @api_version("4.2.0", "4.2.0")
    def admin_reject_trending_status(self, id: Status | IdType) -> Status:
        """Keep a status out of the public trends.

        Args:
            id: The status, or its ID.

        Returns:
            The status.
        """
        return self._call("POST", f"/api/v1/admin/trends/statuses/{id_of(id)}/reject", Status)

    @api_version("4.2.0", "4.2.0")
    def admin_approve_trending_link(self, id: PreviewCard | IdType) -> PreviewCard:
        """Let a link trend publicly.

        Args:
            id: The link (its preview card, with ``id``), or its ID.

        Returns:
            The link's preview card.
        """
        return self._call("POST", f"/api/v1/admin/trends/links/{id_of(id)}/approve", PreviewCard)

    @api_version("4.2.0", "4.2.0")
    def admin_reject_trending_link(self, id: PreviewCard | IdType) -> PreviewCard:
        """Keep a link out of the public trends.

        Args:
            id: The link (its preview card, with ``id``), or its ID.

        Returns:
            The link's preview card.
        """
        return self._call("POST", f"/api/v1/admin/trends/links/{id_of(id)}/reject", PreviewCard)

    @api_version("4.3.0", "4.3.0")
    def admin_trending_link_publishers(
        self, max_id: _Bound = None, min_id: _Bound = None, since_id: _Bound = None, limit: int | None = None
    ) -> PaginatableList[AttribAccessDict]:
        """The publishers (sites) whose links may trend, reviewed or not. Not in Mastodon.py.

        The endpoint is undocumented; each publisher has ``id``, ``domain``, ``trendable``,
        ``reviewed_at``, ``requested_review_at`` and ``requires_review``.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100).

        Returns:
            A page of publishers.
        """
        params = page_params(max_id, min_id, since_id, limit)
        path = "/api/v1/admin/trends/links/publishers"
        return self._call("GET", path, PaginatableList[AttribAccessDict], params=params)

    @api_version("4.3.0", "4.3.0")
    def admin_approve_trending_link_publisher(self, id: AttribAccessDict | IdType) -> AttribAccessDict:
        """Let a publisher's links trend publicly. Not in Mastodon.py.

        Args:
            id: The publisher, or its ID.

        Returns:
            The publisher afterwards.
        """
        path = f"/api/v1/admin/trends/links/publishers/{id_of(id)}/approve"
        return self._call("POST", path, AttribAccessDict)

    @api_version("4.3.0", "4.3.0")
    def admin_reject_trending_link_publisher(self, id: AttribAccessDict | IdType) -> AttribAccessDict:
        """Keep a publisher's links out of the public trends. Not in Mastodon.py.

        Args:
            id: The publisher, or its ID.

        Returns:
            The publisher afterwards.
        """
        path = f"/api/v1/admin/trends/links/publishers/{id_of(id)}/reject"
        return self._call("POST", path, AttribAccessDict)

    # -- hashtags -------------------------------------------------------------------------------------

    @api_version("4.3.0", "4.3.0")
    def admin_tags(
        self, max_id: _Bound = None, min_id: _Bound = None, since_id: _Bound = None, limit: int | None = None
    ) -> PaginatableList[Tag]:
        """The hashtags the server knows, with their review settings. Not in Mastodon.py.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100).

        Returns:
            A page of hashtags, each with ``id``, ``trendable``, ``usable``, ``requires_review``
            and ``listable``.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/admin/tags", PaginatableList[Tag], params=params)

    @api_version("4.3.0", "4.3.0")
    def admin_tag(self, id: Tag | IdType) -> Tag:
        """One hashtag with its review settings. Not in Mastodon.py.

        Args:
            id: The hashtag (with its ``id``), or its ID.

        Returns:
            The hashtag.
        """
        return self._call("GET", f"/api/v1/admin/tags/{id_of(id)}", Tag)

    @api_version("4.3.0", "4.3.0")
    def admin_update_tag(
        self,
        id: Tag | IdType,
        display_name: str | None = None,
        trendable: bool | None = None,
        usable: bool | None = None,
        listable: bool | None = None,
    ) -> Tag:
        """Change a hashtag's review settings; what is left out stays as it was. Not in Mastodon.py.

        Args:
            id: The hashtag (with its ``id``), or its ID.
            display_name: How the name is written (only its letter case may differ).
            trendable: Whether it may trend.
            usable: Whether posts may use it.
            listable: Whether it shows in hashtag searches and directories.

        Returns:
            The hashtag afterwards.
        """
        check_text("display_name", display_name)
        form = {"display_name": display_name, "trendable": trendable, "usable": usable, "listable": listable}
        return self._call("PATCH", f"/api/v1/admin/tags/{id_of(id)}", Tag, form=form)

    # -- measures -------------------------------------------------------------------------------------

    @api_version("3.5.0", "3.5.0")
    def admin_measures(
        self,
        start_at: datetime | date,
        end_at: datetime | date,
        active_users: bool = False,
        new_users: bool = False,
        interactions: bool = False,
        opened_reports: bool = False,
        resolved_reports: bool = False,
        tag_accounts: Tag | IdType | None = None,
        tag_uses: Tag | IdType | None = None,
        tag_servers: Tag | IdType | None = None,
        instance_accounts: str | None = None,
        instance_media_attachments: str | None = None,
        instance_reports: str | None = None,
        instance_statuses: str | None = None,
        instance_follows: str | None = None,
        instance_followers: str | None = None,
    ) -> NonPaginatableList[AdminMeasure]:
        """Counts for each day of a period: users, interactions, reports, a hashtag's use, a server's share.

        The server counts whole days; a time of day in ``start_at`` or ``end_at`` is ignored.
        Ask for few measures at once on a big server: each may take long to compute.

        Args:
            start_at: The first day, as a ``datetime`` or a ``date``.
            end_at: The last day.
            active_users: Accounts active in the period.
            new_users: Accounts created.
            interactions: Favourites, boosts and replies.
            opened_reports: Reports filed.
            resolved_reports: Reports resolved.
            tag_accounts: Accounts using this hashtag (the tag or its ID).
            tag_uses: Posts using this hashtag.
            tag_servers: Servers whose posts use this hashtag.
            instance_accounts: Accounts of this domain.
            instance_media_attachments: Media storage used by this domain.
            instance_reports: Reports about this domain.
            instance_statuses: Posts from this domain.
            instance_follows: Follows of this domain's accounts by local ones.
            instance_followers: Follows of local accounts by this domain's.

        Returns:
            One measure per key asked for, with its daily values.

        Raises:
            MastodonIllegalArgumentError: When no measure is asked for, or the period ends before it starts.
        """
        flags = {
            "active_users": active_users,
            "new_users": new_users,
            "interactions": interactions,
            "opened_reports": opened_reports,
            "resolved_reports": resolved_reports,
        }
        tags = {"tag_accounts": tag_accounts, "tag_uses": tag_uses, "tag_servers": tag_servers}
        domains = {
            "instance_accounts": instance_accounts,
            "instance_media_attachments": instance_media_attachments,
            "instance_reports": instance_reports,
            "instance_statuses": instance_statuses,
            "instance_follows": instance_follows,
            "instance_followers": instance_followers,
        }
        body = _stats_body("measure", flags, tags, domains)
        body.update(_period(start_at, end_at))
        return self._call("POST", "/api/v1/admin/measures", NonPaginatableList[AdminMeasure], json=body)

    @api_version("3.5.0", "3.5.0")
    def admin_dimensions(
        self,
        start_at: datetime | date,
        end_at: datetime | date,
        limit: int | None = None,
        languages: bool = False,
        sources: bool = False,
        servers: bool = False,
        space_usage: bool = False,
        software_versions: bool = False,
        tag_servers: Tag | IdType | None = None,
        tag_languages: Tag | IdType | None = None,
        instance_accounts: str | None = None,
        instance_languages: str | None = None,
    ) -> NonPaginatableList[AdminDimension]:
        """Breakdowns over a period: languages, sign-up sources, servers, storage, software versions.

        Args:
            start_at: The first day, as a ``datetime`` or a ``date``.
            end_at: The last day.
            limit: How many entries per breakdown.
            languages: Languages of local users' posts.
            sources: How new users signed up.
            servers: The servers local users interact with most.
            space_usage: Storage used by each part of the server.
            software_versions: The versions of Mastodon, Ruby, the database and so on.
            tag_servers: Servers whose posts use this hashtag (the tag or its ID).
            tag_languages: Languages of posts using this hashtag.
            instance_accounts: The most followed accounts of this domain.
            instance_languages: Languages of this domain's posts.

        Returns:
            One dimension per key asked for, with its entries.

        Raises:
            MastodonIllegalArgumentError: When no dimension is asked for, or the period ends before it starts.
        """
        check_count("limit", limit)
        flags = {
            "languages": languages,
            "sources": sources,
            "servers": servers,
            "space_usage": space_usage,
            "software_versions": software_versions,
        }
        tags = {"tag_servers": tag_servers, "tag_languages": tag_languages}
        domains = {"instance_accounts": instance_accounts, "instance_languages": instance_languages}
        body = _stats_body("dimension", flags, tags, domains)
        if limit is not None:
            body["limit"] = limit
        body.update(_period(start_at, end_at))
        return self._call("POST", "/api/v1/admin/dimensions", NonPaginatableList[AdminDimension], json=body)

    @api_version("3.5.0", "3.5.0")
    def admin_retention(
        self, start_at: datetime | date, end_at: datetime | date, frequency: str = "day"
    ) -> NonPaginatableList[AdminRetention]:
        """How many of the accounts that signed up in each day or month of a period stayed active.

        Args:
            start_at: The start of the period, as a ``datetime`` or a ``date``.
            end_at: Its end.
            frequency: ``"day"`` or ``"month"``: the size of each sign-up cohort.

        Returns:
            One cohort per day or month, each with its retention over time.

        Raises:
            MastodonIllegalArgumentError: For another ``frequency``, or a period that ends before it starts.
        """
        if frequency not in ("day", "month"):
            raise MastodonIllegalArgumentError(f"frequency must be 'day' or 'month'; got {frequency!r}")
        form = {**_period(start_at, end_at), "frequency": frequency}
        return self._call("POST", "/api/v1/admin/retention", NonPaginatableList[AdminRetention], form=form)


def _utc_text(name: str, value: Any) -> str:
    """A moment as ISO 8601 text in UTC; a ``date`` is its midnight in UTC, a naive ``datetime`` local time."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00+00:00"
    raise MastodonIllegalArgumentError(f"{name} must be a datetime or a date, not {type(value).__name__} {value!r}")


def _period(start_at: Any, end_at: Any) -> dict[str, str]:
    """``start_at`` and ``end_at`` as sent, refusing a period that ends before it starts."""
    start, end = _utc_text("start_at", start_at), _utc_text("end_at", end_at)
    # Both texts are in UTC with the same layout, so they sort as the moments do.
    if start > end:
        raise MastodonIllegalArgumentError(f"start_at ({start}) is after end_at ({end})")
    return {"start_at": start, "end_at": end}


def _stats_body(
    kind: str, flags: dict[str, bool], tags: dict[str, Any], domains: dict[str, str | None]
) -> dict[str, Any]:
    """The JSON body of a measures or dimensions request: the keys asked for and their parameters."""
    keys = [key for key, wanted in flags.items() if wanted is True]
    body: dict[str, Any] = {}
    for key, tag in tags.items():
        if tag is not None:
            keys.append(key)
            body[key] = {"id": id_of(tag, key)}
    for key, domain in domains.items():
        if domain is not None:
            keys.append(key)
            body[key] = {"domain": str(bare_domain(key, domain)).split("/")[0]}
    if not keys:
        raise MastodonIllegalArgumentError(f"ask for at least one {kind}")
    body["keys"] = keys
    return body
