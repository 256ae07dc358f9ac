"""Facts about the server itself."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date as _date
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from mastodon._http.encoding import id_of
from mastodon._http.request import decode_body, send
from mastodon._server import SUPPORTED_VERSION
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.methods._args import check_count, check_text
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    Account,
    Activity,
    Announcement,
    CustomEmoji,
    DomainBlock,
    ExtendedDescription,
    IdType,
    Instance,
    InstanceV2,
    Nodeinfo,
    NonPaginatableList,
    PaginatableList,
    Rule,
    SupportedLocale,
    TermsOfService,
)
from mastodon.types_base import AttribAccessDict, try_cast_recurse
from mastodon.versions import api_version, read_version_string

if TYPE_CHECKING:
    from mastodon.capabilities import ServerCapabilities

__all__ = ["InstanceMixin"]

NODEINFO_2_0 = "http://nodeinfo.diaspora.software/ns/schema/2.0"


class InstanceMixin(MethodsBase):
    """The server's description, version and software."""

    @staticmethod
    def get_supported_version() -> str:
        """The newest Mastodon version whose API this library covers.

        Returns:
            A version string such as ``"4.6.0"``.
        """
        return SUPPORTED_VERSION

    @api_version("1.1.0", "2.3.0")
    def instance_v1(self) -> Instance:
        """The server's description in the original (v1) format.

        Returns:
            The instance.
        """
        return self._call("GET", "/api/v1/instance", Instance)

    @api_version("4.0.0", "4.0.0")
    def instance_v2(self) -> InstanceV2:
        """The server's description in the current (v2) format.

        Returns:
            The instance.
        """
        result: InstanceV2 = self._call("GET", "/api/v2/instance", InstanceV2)
        self._instance_cache = result
        self._learn_version(result)
        return result

    @api_version("1.1.0", "4.0.0")
    def instance(self) -> InstanceV2 | Instance:
        """The server's description: v2 where the server has it (Mastodon 4.0 and later), else v1.

        Returns:
            The instance.
        """
        # Only a version the server really reported as older than 4.0 sends us to v1 directly; a
        # version string that cannot be read (other software's, such as "takahe/0.11.0") must not
        # change the choice made from what the server answers.
        known = read_version_string(self._mastodon_version_str)
        if known is not None and known < (4, 0, 0):
            return self.instance_v1()
        try:
            return self.instance_v2()
        except MastodonNotFoundError:
            result = self.instance_v1()
            self._learn_version(result)
            return result

    def _learn_version(self, info: Any) -> None:
        """Remember the version an instance document reports, unless one was given."""
        if self._mastodon_version_given or not isinstance(info, Mapping):
            return
        version = info.get("version")
        if isinstance(version, str) and version:
            self._remember_version(version)
            self.version_check_worked = read_version_string(version) is not None

    @api_version("3.0.0", "3.0.0")
    def instance_nodeinfo(self, schema: str = NODEINFO_2_0) -> Nodeinfo:
        """The server's NodeInfo document (software name and version, usage figures).

        Args:
            schema: The NodeInfo schema to ask for.

        Returns:
            The NodeInfo document.
        """
        if not isinstance(schema, str) or not schema.strip():
            raise MastodonIllegalArgumentError(f"schema must be a NodeInfo schema URI, not {schema!r}")
        links = self._call("GET", "/.well-known/nodeinfo", None)
        href = None
        if isinstance(links, Mapping) and isinstance(links.get("links"), list):
            for link in links["links"]:
                if isinstance(link, Mapping) and link.get("rel") == schema:
                    href = link.get("href")
                    break
        if not isinstance(href, str) or not href:
            raise MastodonAPIError.build(None, None, f"the server offers no NodeInfo document for schema {schema}")
        own = urlsplit(self.api_base_url)
        target = urlsplit(href)
        if target.scheme not in ("http", "https"):
            raise MastodonAPIError.build(None, None, f"the server's NodeInfo link {href!r} is not an http(s) URL")
        # The token is only ever sent to the server it belongs to.
        same_server = (target.scheme, target.netloc) == (own.scheme, own.netloc)
        response = send(self, "GET", href, authenticated=same_server)
        result: Nodeinfo = try_cast_recurse(Nodeinfo, decode_body(response))
        return result

    def instance_capabilities(self) -> ServerCapabilities:
        """What the server is and what it accepts, in one result. Not in Mastodon.py.

        Read from the instance document (v2, or v1 on servers without it) and, only where that
        names the software neither in its version nor in its source address, from NodeInfo
        (found through ``/.well-known/nodeinfo``). Mastodon and its flavours, Pleroma, Akkoma,
        GoToSocial and Takahē cost one request, or none when the client already holds the
        instance document from its version checks; other software two more. The software
        and its flavour (Mastodon, glitch-soc, Hometown, Pleroma, Akkoma, GoToSocial, ...), the
        API versions, the limits on statuses, media, polls and profiles, the streaming address
        and the translation and feed settings. The result is kept until :meth:`clear_caches`. Whatever the server
        does not publish reads ``None``; nothing here raises for a server that publishes less.

        Returns:
            The capabilities (:class:`mastodon.capabilities.ServerCapabilities`).

        Raises:
            MastodonNetworkError: The server cannot be reached.
        """
        # Loaded on first use: most programs never ask, and the module is not small.
        from mastodon.capabilities import read_capabilities, software_from_document

        if self._capabilities_cache is not None:
            cached: ServerCapabilities = self._capabilities_cache
            return cached
        try:
            instance = self._instance_raw()
        except MastodonAPIError:
            instance = None
        nodeinfo = None
        if software_from_document(instance)[0] is None:
            try:
                # The body, not the version-checked method: a server that needs NodeInfo to be
                # known may well report a version the check would refuse.
                nodeinfo = InstanceMixin.instance_nodeinfo.__wrapped__(self)  # type: ignore[attr-defined]
            except MastodonAPIError:
                nodeinfo = None
        capabilities = read_capabilities(instance, nodeinfo)
        self._capabilities_cache = capabilities
        return capabilities

    # -- what the server publishes about itself ---------------------------------------------------

    @api_version("2.1.2", "2.1.2")
    def instance_activity(self) -> NonPaginatableList[Activity]:
        """Weekly figures of the server's last three months: statuses, logins, registrations.

        Returns:
            One :class:`Activity` per week, newest first.
        """
        return self._call("GET", "/api/v1/instance/activity", NonPaginatableList[Activity])

    @api_version("2.1.2", "2.1.2")
    def instance_peers(self) -> NonPaginatableList[str]:
        """The domains this server has talked to.

        Returns:
            Domain names.
        """
        return self._call("GET", "/api/v1/instance/peers", NonPaginatableList[str])

    @api_version("3.0.0", "3.0.0")
    def instance_health(self) -> bool:
        """Whether the server's web process says it is up (``GET /health``).

        Returns:
            ``True`` when it answers ``OK``, else ``False``.

        Raises:
            MastodonAPIError: The server answered with an error status.
        """
        response = send(self, "GET", self.api_base_url + "/health")
        return response.content.strip() in (b"OK", b"success")

    @api_version("3.4.0", "3.4.0")
    def instance_rules(self) -> NonPaginatableList[Rule]:
        """The rules users of this server agree to.

        Returns:
            The rules, in the server's order.
        """
        return self._call("GET", "/api/v1/instance/rules", NonPaginatableList[Rule])

    @api_version("4.4.0", "4.4.0")
    def instance_terms_of_service(self, date: _date | str | None = None) -> TermsOfService:
        """The server's terms of service: the ones in force, or those of a given date.

        Args:
            date: The day whose terms to read (a :class:`datetime.date`, or text such as
                ``"2025-01-31"``); the terms in force when left out.

        Returns:
            The terms.
        """
        return self._call(
            "GET", "/api/v1/instance/terms_of_service", TermsOfService, params={"date": _day(date, "date")}
        )

    @api_version("4.0.0", "4.0.0")
    def instance_extended_description(self) -> ExtendedDescription:
        """The server's long description, as its admins wrote it (HTML).

        Returns:
            The description and when it last changed.
        """
        return self._call("GET", "/api/v1/instance/extended_description", ExtendedDescription)

    def instance_translation_languages(self) -> AttribAccessDict:
        """Which languages the server can translate into which.

        Returns:
            A mapping from each source language code to the list of codes it translates into.
        """
        languages = self._call("GET", "/api/v1/instance/translation_languages", AttribAccessDict)
        for source, targets in languages.items():
            if isinstance(targets, list):
                languages[source] = NonPaginatableList(targets)
        return languages

    @api_version("4.0.0", "4.0.0")
    def instance_domain_blocks(self) -> NonPaginatableList[DomainBlock]:
        """The domains this server blocks, where its admins make the list public.

        Returns:
            The blocked domains, with severity and comment.
        """
        return self._call("GET", "/api/v1/instance/domain_blocks", NonPaginatableList[DomainBlock])

    @api_version("4.2.0", "4.2.0")
    def instance_languages(self) -> NonPaginatableList[SupportedLocale]:
        """The languages the server knows, as codes and names.

        Returns:
            The languages.
        """
        return self._call("GET", "/api/v1/instance/languages", NonPaginatableList[SupportedLocale])

    # -- directory and emoji ----------------------------------------------------------------------

    @api_version("3.0.0", "3.0.0")
    def directory(
        self,
        offset: int | None = None,
        limit: int | None = None,
        order: str | None = None,
        local: bool | None = None,
    ) -> PaginatableList[Account]:
        """The profile directory: accounts that chose to be listed.

        The directory pages by offset; :meth:`fetch_next` asks for the following page.

        Args:
            offset: Skip this many accounts.
            limit: How many accounts to return (the server caps it, at 80 on Mastodon).
            order: ``"active"`` (recently active first) or ``"new"`` (newest accounts first).
            local: Only accounts of this server.

        Returns:
            A page of accounts.
        """
        check_count("offset", offset)
        check_count("limit", limit)
        params = {"offset": offset, "limit": limit, "order": order, "local": local}
        return self._call("GET", "/api/v1/directory", PaginatableList[Account], params=params, paginate="offset")

    @api_version("2.1.0", "2.1.0")
    def custom_emojis(self) -> NonPaginatableList[CustomEmoji]:
        """The server's custom emoji.

        Returns:
            The emoji, with their shortcodes and image addresses.
        """
        return self._call("GET", "/api/v1/custom_emojis", NonPaginatableList[CustomEmoji])

    # -- announcements ----------------------------------------------------------------------------

    @api_version("3.1.0", "3.1.0")
    def announcements(self) -> NonPaginatableList[Announcement]:
        """The server's current announcements, with the user's reactions and read marks.

        Returns:
            The announcements.
        """
        return self._call("GET", "/api/v1/announcements", NonPaginatableList[Announcement])

    @api_version("3.1.0", "3.1.0")
    def announcement_dismiss(self, id: Announcement | IdType) -> None:
        """Mark an announcement as read.

        Args:
            id: The announcement, or its ID.
        """
        self._call("POST", f"/api/v1/announcements/{id_of(id)}/dismiss", None)

    @api_version("3.1.0", "3.1.0")
    def announcement_reaction_create(self, id: Announcement | IdType, reaction: str) -> None:
        """React to an announcement with an emoji.

        Args:
            id: The announcement, or its ID.
            reaction: A Unicode emoji, or the shortcode of one of the server's custom emoji.
        """
        self._call("PUT", _reaction_path(id, reaction), None)

    @api_version("3.1.0", "3.1.0")
    def announcement_reaction_delete(self, id: Announcement | IdType, reaction: str) -> None:
        """Take back a reaction to an announcement.

        Args:
            id: The announcement, or its ID.
            reaction: The emoji or shortcode of the reaction.
        """
        self._call("DELETE", _reaction_path(id, reaction), None)

    # -- beyond Mastodon.py -----------------------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def instance_privacy_policy(self) -> AttribAccessDict:
        """The server's privacy policy (HTML ``content`` and ``updated_at``). Not in Mastodon.py.

        Returns:
            The policy.
        """
        return self._call("GET", "/api/v1/instance/privacy_policy", AttribAccessDict)

    @api_version("4.4.0", "4.4.0")
    def instance_terms_of_service_dated(self, date: _date | str) -> TermsOfService:
        """The terms of service that took or take effect on ``date``, by their own address. Not in Mastodon.py.

        :meth:`instance_terms_of_service` asks for a date in the query, as Mastodon.py does; this
        asks for ``/api/v1/instance/terms_of_service/DATE``, the form the server documents.

        Args:
            date: The day (a :class:`datetime.date`, or text such as ``"2025-01-31"``).

        Returns:
            The terms.
        """
        day = _day(date, "date")
        if day is None:
            raise MastodonIllegalArgumentError("date is required")
        return self._call("GET", f"/api/v1/instance/terms_of_service/{quote(day, safe='')}", TermsOfService)

    def instance_peers_search(self, q: str) -> NonPaginatableList[str]:
        """Domains this server knows that start with ``q``, as typed into a domain field. Not in Mastodon.py.

        The endpoint is undocumented; servers answer an empty list when the directory of peers
        is not public.

        Args:
            q: The start of a domain name.

        Returns:
            Matching domain names.
        """
        check_text("q", q, required=True)
        return self._call("GET", "/api/v1/peers/search", NonPaginatableList[str], params={"q": q})

    def oembed(self, url: str, maxwidth: int | None = None, maxheight: int | None = None) -> AttribAccessDict:
        """The oEmbed description of a status page, to embed it elsewhere. Not in Mastodon.py.

        Args:
            url: The address of a status on this server.
            maxwidth: The widest the embed may be, in pixels (the server defaults to 400).
            maxheight: The tallest the embed may be, in pixels.

        Returns:
            The oEmbed document (``html``, ``width``, ``author_name``, ...).
        """
        check_text("url", url, required=True)
        params = {"url": url, "maxwidth": maxwidth, "maxheight": maxheight}
        return self._call("GET", "/api/oembed", AttribAccessDict, params=params)

    def donation_campaigns(self, locale: str | None = None, seed: int | None = None) -> AttribAccessDict | None:
        """The donation campaign the server shows its users now, if any. Not in Mastodon.py.

        The endpoint is undocumented and answers nothing when no campaign runs.

        Args:
            locale: The language to show the campaign in.
            seed: A number that picks among campaigns (the web app sends one per user).

        Returns:
            The campaign, or ``None`` when there is none.
        """
        params = {"locale": locale, "seed": seed}
        campaign = self._call("GET", "/api/v1/donation_campaigns", AttribAccessDict, params=params, empty_ok=True)
        return campaign or None


def _day(value: Any, name: str) -> str | None:
    """A day as the API writes it (``YYYY-MM-DD``); text is sent as given."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, _date):
        return value.isoformat()
    check_text(name, value)
    return str(value)


def _reaction_path(id: Any, reaction: Any) -> str:
    check_text("reaction", reaction, required=True)
    return f"/api/v1/announcements/{id_of(id)}/reactions/{quote(reaction, safe='')}"
