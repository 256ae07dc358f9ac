"""The admin API, blocks and allows: domains, e-mail domains, canonical e-mail addresses, IP ranges."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import (
    check_choice,
    check_text,
    id_of,
    page_params_as_sent,
)
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    AdminCanonicalEmailBlock,
    AdminDomainAllow,
    AdminDomainBlock,
    AdminEmailDomainBlock,
    AdminIpBlock,
    IdType,
    NonPaginatableList,
    PaginatableList,
)
from mastodon.versions import api_version

__all__ = ["AdminBlocksMixin"]

_Bound = IdType | datetime | None

# The severities Mastodon knows; every server answers 422 to others.
_DOMAIN_SEVERITIES = ("noop", "silence", "suspend")
_IP_SEVERITIES = ("sign_up_requires_approval", "sign_up_block", "no_access")


class AdminBlocksMixin(MethodsBase):
    """The admin API, blocks and allows: domains, e-mail domains, canonical e-mail addresses, IP ranges.

    Every method needs a token with the ``admin:read`` or ``admin:write`` scopes of a moderator
    or admin; the server answers 403 otherwise.
    """

    # -- domains, e-mail and IP blocks -----------------------------------------------------------

    @api_version("4.0.0", "4.0.0")
    def admin_canonical_email_blocks(
        self, max_id: _Bound = None, min_id: _Bound = None, since_id: _Bound = None, limit: int | None = None
    ) -> PaginatableList[AdminCanonicalEmailBlock]:
        """Fetch the blocks on canonical e-mail addresses (the address stripped of dots and ``+tags``).

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).

        Returns:
            A page of them.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call(
            "GET", "/api/v1/admin/canonical_email_blocks", PaginatableList[AdminCanonicalEmailBlock], params=params
        )

    @api_version("4.0.0", "4.0.0")
    def admin_canonical_email_block(self, id: AdminCanonicalEmailBlock | IdType) -> AdminCanonicalEmailBlock:
        """Fetch one of the blocks on canonical e-mail addresses (the address stripped of dots and ``+tags``).

        Args:
            id: It, or its ID.

        Returns:
            It.
        """
        return self._call("GET", f"/api/v1/admin/canonical_email_blocks/{id_of(id)}", AdminCanonicalEmailBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_test_canonical_email_block(self, email: str) -> NonPaginatableList[AdminCanonicalEmailBlock]:
        """Which canonical e-mail blocks an address would be caught by.

        Args:
            email: The address.

        Returns:
            The matching blocks.
        """
        check_text("email", email, required=True)
        return self._call(
            "POST",
            "/api/v1/admin/canonical_email_blocks/test",
            NonPaginatableList[AdminCanonicalEmailBlock],
            form={"email": email},
        )

    @api_version("4.0.0", "4.0.0")
    def admin_create_canonical_email_block(
        self, email: str | None = None, canonical_email_hash: str | None = None
    ) -> AdminCanonicalEmailBlock:
        """Block an e-mail address from signing up, in all its spellings.

        Args:
            email: The address (the server hashes its canonical form).
            canonical_email_hash: Or the hash itself.

        Returns:
            The new block.
        """
        check_text("email", email)
        check_text("canonical_email_hash", canonical_email_hash)
        form = {"email": email, "canonical_email_hash": canonical_email_hash}
        return self._call("POST", "/api/v1/admin/canonical_email_blocks", AdminCanonicalEmailBlock, form=form)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_canonical_email_block(self, id: AdminCanonicalEmailBlock | IdType) -> AdminCanonicalEmailBlock:
        """Lift a canonical e-mail block.

        Args:
            id: The block, or its ID.

        Returns:
            The block as it was.
        """
        return self._call("DELETE", f"/api/v1/admin/canonical_email_blocks/{id_of(id)}", AdminCanonicalEmailBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_domain_blocks(
        self,
        id: AdminDomainBlock | IdType | None = None,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
    ) -> AdminDomainBlock | PaginatableList[AdminDomainBlock]:
        """Fetch the blocked domains, or one block when ``id`` is given.

        Args:
            id: One block, or its ID, to fetch only that.
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).

        Returns:
            The block, or a page of them.
        """
        if id is not None:
            return self._call("GET", f"/api/v1/admin/domain_blocks/{id_of(id)}", AdminDomainBlock)
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/admin/domain_blocks/", PaginatableList[AdminDomainBlock], params=params)

    @api_version("4.0.0", "4.0.0")
    def admin_create_domain_block(
        self,
        domain: str,
        severity: str | None = None,
        reject_media: bool | None = None,
        reject_reports: bool | None = None,
        private_comment: str | None = None,
        public_comment: str | None = None,
        obfuscate: bool | None = None,
    ) -> AdminDomainBlock:
        """Block a domain, or limit what comes from it.

        A block covers the domain's subdomains too.

        Args:
            domain: The domain, without ``https://``.
            severity: ``"noop"`` (only the options below), ``"silence"`` (limit) or ``"suspend"``
                (the server's default).
            reject_media: Store no media files from it.
            reject_reports: Ignore reports from it.
            private_comment: A note for the moderators.
            public_comment: A note the server may show to everyone.
            obfuscate: Show the domain partly hidden in public lists.

        Returns:
            The new block.

        Raises:
            MastodonIllegalArgumentError: For no domain, a URL instead of a domain, or a
                severity no server knows.
        """
        if domain is None:
            raise MastodonIllegalArgumentError("domain is required: the domain to block")
        check_text("domain", domain, required=True)
        if domain.startswith(("http://", "https://")):
            raise MastodonIllegalArgumentError(f"domain must be a domain, not a URL: {domain!r}")
        options = _domain_block_form(severity, reject_media, reject_reports, private_comment, public_comment, obfuscate)
        form = {"domain": domain, **options}
        return self._call("POST", "/api/v1/admin/domain_blocks/", AdminDomainBlock, form=form)

    @api_version("4.0.0", "4.0.0")
    def admin_update_domain_block(
        self,
        id: AdminDomainBlock | IdType,
        severity: str | None = None,
        reject_media: bool | None = None,
        reject_reports: bool | None = None,
        private_comment: str | None = None,
        public_comment: str | None = None,
        obfuscate: bool | None = None,
    ) -> AdminDomainBlock:
        """Change a domain block; what is left out stays as it was.

        Args:
            id: The block, or its ID.
            severity: ``"noop"``, ``"silence"`` or ``"suspend"``.
            reject_media: Store no media files from the domain.
            reject_reports: Ignore reports from it.
            private_comment: A note for the moderators.
            public_comment: A note the server may show to everyone.
            obfuscate: Show the domain partly hidden in public lists.

        Returns:
            The block afterwards.

        Raises:
            MastodonIllegalArgumentError: For no block, or a severity no server knows.
        """
        if id is None:
            raise MastodonIllegalArgumentError("id is required: the domain block to change")
        form = _domain_block_form(severity, reject_media, reject_reports, private_comment, public_comment, obfuscate)
        return self._call("PUT", f"/api/v1/admin/domain_blocks/{id_of(id)}", AdminDomainBlock, form=form)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_domain_block(self, id: AdminDomainBlock | IdType) -> None:
        """Lift a domain block.

        Args:
            id: The block, or its ID.

        Raises:
            MastodonIllegalArgumentError: For no block.
        """
        if id is None:
            raise MastodonIllegalArgumentError("id is required: the domain block to lift")
        self._call("DELETE", f"/api/v1/admin/domain_blocks/{id_of(id)}", None)

    @api_version("4.0.0", "4.0.0")
    def admin_domain_allows(
        self, max_id: _Bound = None, min_id: _Bound = None, since_id: _Bound = None, limit: int | None = None
    ) -> PaginatableList[AdminDomainAllow]:
        """Fetch the domains allowed to federate (for servers in allow-list mode).

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).

        Returns:
            A page of them.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/admin/domain_allows", PaginatableList[AdminDomainAllow], params=params)

    @api_version("4.0.0", "4.0.0")
    def admin_domain_allow(self, id: AdminDomainAllow | IdType) -> AdminDomainAllow:
        """Fetch one of the domains allowed to federate (for servers in allow-list mode).

        Args:
            id: It, or its ID.

        Returns:
            It.
        """
        return self._call("GET", f"/api/v1/admin/domain_allows/{id_of(id)}", AdminDomainAllow)

    @api_version("4.0.0", "4.0.0")
    def admin_create_domain_allow(self, domain: str) -> AdminDomainAllow:
        """Allow a domain to federate (for servers in allow-list mode).

        Args:
            domain: The domain.

        Returns:
            The new allow.
        """
        check_text("domain", domain, required=True)
        return self._call("POST", "/api/v1/admin/domain_allows", AdminDomainAllow, form={"domain": domain})

    @api_version("4.0.0", "4.0.0")
    def admin_delete_domain_allow(self, id: AdminDomainAllow | IdType) -> None:
        """Stop allowing a domain to federate.

        Args:
            id: The allow, or its ID.
        """
        self._call("DELETE", f"/api/v1/admin/domain_allows/{id_of(id)}", None)

    @api_version("4.0.0", "4.0.0")
    def admin_email_domain_blocks(
        self, max_id: _Bound = None, min_id: _Bound = None, since_id: _Bound = None, limit: int | None = None
    ) -> PaginatableList[AdminEmailDomainBlock]:
        """Fetch the e-mail domains blocked from signing up.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).

        Returns:
            A page of them.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call(
            "GET", "/api/v1/admin/email_domain_blocks", PaginatableList[AdminEmailDomainBlock], params=params
        )

    @api_version("4.1.0", "4.1.0")
    def admin_email_domain_block(self, id: AdminEmailDomainBlock | IdType) -> AdminEmailDomainBlock:
        """Fetch one of the e-mail domains blocked from signing up.

        Args:
            id: It, or its ID.

        Returns:
            It.
        """
        return self._call("GET", f"/api/v1/admin/email_domain_blocks/{id_of(id)}", AdminEmailDomainBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_create_email_domain_block(self, domain: str) -> AdminEmailDomainBlock:
        """Block sign-ups with addresses of an e-mail domain.

        Args:
            domain: The e-mail domain.

        Returns:
            The new block.
        """
        check_text("domain", domain, required=True)
        return self._call("POST", "/api/v1/admin/email_domain_blocks", AdminEmailDomainBlock, form={"domain": domain})

    @api_version("4.0.0", "4.0.0")
    def admin_delete_email_domain_block(self, id: AdminEmailDomainBlock | IdType) -> None:
        """Lift an e-mail domain block.

        Args:
            id: The block, or its ID.
        """
        self._call("DELETE", f"/api/v1/admin/email_domain_blocks/{id_of(id)}", None)

    @api_version("4.0.0", "4.0.0")
    def admin_ip_blocks(
        self, max_id: _Bound = None, min_id: _Bound = None, since_id: _Bound = None, limit: int | None = None
    ) -> PaginatableList[AdminIpBlock]:
        """Fetch the IP address ranges blocked or held for approval.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).

        Returns:
            A page of them.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/admin/ip_blocks", PaginatableList[AdminIpBlock], params=params)

    @api_version("4.0.0", "4.0.0")
    def admin_ip_block(self, id: AdminIpBlock | IdType) -> AdminIpBlock:
        """Fetch one of the IP address ranges blocked or held for approval.

        Args:
            id: It, or its ID.

        Returns:
            It.
        """
        return self._call("GET", f"/api/v1/admin/ip_blocks/{id_of(id)}", AdminIpBlock)

    @api_version("4.0.0", "4.0.0")
    def admin_create_ip_block(
        self, ip: str, severity: str, comment: str | None = None, expires_in: int | None = None
    ) -> AdminIpBlock:
        """Block an IP address range, or hold its sign-ups for approval.

        Args:
            ip: The address or range (CIDR).
            severity: ``"sign_up_requires_approval"``, ``"sign_up_block"`` or ``"no_access"``.
            comment: Why, for the record.
            expires_in: Seconds until the block ends; never by default.

        Returns:
            The new block.
        """
        check_text("ip", ip, required=True)
        check_text("severity", severity, required=True)
        check_choice("severity", severity, _IP_SEVERITIES)
        check_text("comment", comment)
        form = {"ip": ip, "severity": severity, "comment": comment, "expires_in": expires_in}
        return self._call("POST", "/api/v1/admin/ip_blocks", AdminIpBlock, form=form)

    @api_version("4.0.0", "4.0.0")
    def admin_update_ip_block(
        self,
        id: AdminIpBlock | IdType,
        ip: str | None = None,
        severity: str | None = None,
        comment: str | None = None,
        expires_in: int | None = None,
    ) -> AdminIpBlock:
        """Change an IP block; what is left out stays as it was.

        Args:
            id: The block, or its ID.
            ip: The address or range.
            severity: ``"sign_up_requires_approval"``, ``"sign_up_block"`` or ``"no_access"``.
            comment: Why, for the record.
            expires_in: Seconds until the block ends.

        Returns:
            The block afterwards.
        """
        for name, value in (("ip", ip), ("severity", severity), ("comment", comment)):
            check_text(name, value)
        check_choice("severity", severity, _IP_SEVERITIES)
        key = id_of(id)
        # Mastodon.py repeats the block's ID in the form; the server ignores it.
        form = {"id": key, "ip": ip, "severity": severity, "comment": comment, "expires_in": expires_in}
        return self._call("PUT", f"/api/v1/admin/ip_blocks/{key}", AdminIpBlock, form=form)

    @api_version("4.0.0", "4.0.0")
    def admin_delete_ip_block(self, id: AdminIpBlock | IdType) -> None:
        """Lift an IP block.

        Args:
            id: The block, or its ID.
        """
        self._call("DELETE", f"/api/v1/admin/ip_blocks/{id_of(id)}", None)


def _domain_block_form(
    severity: Any, reject_media: Any, reject_reports: Any, private_comment: Any, public_comment: Any, obfuscate: Any
) -> dict[str, Any]:
    """The options of a domain block, checked, in the order Mastodon.py sends them."""
    check_choice("severity", severity, _DOMAIN_SEVERITIES)
    check_text("private_comment", private_comment)
    check_text("public_comment", public_comment)
    return {
        "severity": severity,
        "reject_media": reject_media,
        "reject_reports": reject_reports,
        "private_comment": private_comment,
        "public_comment": public_comment,
        "obfuscate": obfuscate,
    }
