"""The admin API: moderating accounts; blocking domains, e-mail addresses and IPs (moderators and admins)."""

from __future__ import annotations

from datetime import datetime

from mastodon.methods._args import check_count, check_text, id_of, page_params_as_sent
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    Account,
    AdminAccount,
    AdminCanonicalEmailBlock,
    AdminDomainAllow,
    AdminEmailDomainBlock,
    AdminIpBlock,
    AdminReport,
    IdType,
    NonPaginatableList,
    PaginatableList,
    PreviewCard,
    PrimitiveIdType,
    Status,
    Tag,
)
from mastodon.versions import api_version

__all__ = ["AdminMixin"]

_Who = Account | AdminAccount | IdType
_Bound = IdType | datetime | None


class AdminMixin(MethodsBase):
    """The admin API: moderating accounts.

    Every method needs a token with the ``admin:read`` or ``admin:write`` scopes of a moderator
    or admin; the server answers 403 otherwise.
    """

    # -- accounts -------------------------------------------------------------------------------------

    @api_version("2.9.1", "2.9.1")
    def admin_account(self, id: _Who) -> AdminAccount:
        """Fetch an account with what moderators see of it (e-mail, IP, sign-up, role).

        Args:
            id: The account, or its ID.

        Returns:
            The account, as moderators see it.
        """
        return self._call("GET", f"/api/v1/admin/accounts/{id_of(id)}", AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_enable(self, id: _Who) -> AdminAccount:
        """Let a disabled local account log in again.

        Args:
            id: The account, or its ID.

        Returns:
            The account afterwards.
        """
        return self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/enable", AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_approve(self, id: _Who) -> AdminAccount:
        """Approve a sign-up waiting for approval.

        Args:
            id: The account, or its ID.

        Returns:
            The account afterwards.
        """
        return self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/approve", AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_reject(self, id: _Who) -> AdminAccount:
        """Reject a sign-up waiting for approval (the account is deleted).

        Args:
            id: The account, or its ID.

        Returns:
            The account as it was.
        """
        return self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/reject", AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_unsilence(self, id: _Who) -> AdminAccount:
        """Lift a limit (silence) on an account.

        Args:
            id: The account, or its ID.

        Returns:
            The account afterwards.
        """
        return self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/unsilence", AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_unsuspend(self, id: _Who) -> AdminAccount:
        """Lift a suspension.

        Args:
            id: The account, or its ID.

        Returns:
            The account afterwards.
        """
        return self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/unsuspend", AdminAccount)

    @api_version("3.3.0", "3.3.0")
    def admin_account_delete(self, id: _Who) -> AdminAccount:
        """Delete the data of a suspended account for good.

        Args:
            id: The account, or its ID.

        Returns:
            The account as it was.
        """
        return self._call("DELETE", f"/api/v1/admin/accounts/{id_of(id)}", AdminAccount)

    @api_version("3.3.0", "3.3.0")
    def admin_account_unsensitive(self, id: _Who) -> AdminAccount:
        """Stop forcing an account's media to be marked sensitive.

        Args:
            id: The account, or its ID.

        Returns:
            The account afterwards.
        """
        return self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/unsensitive", AdminAccount)

    @api_version("2.9.1", "2.9.1")
    def admin_account_moderate(
        self,
        id: _Who,
        action: str | None = None,
        report_id: AdminReport | PrimitiveIdType | None = None,
        warning_preset_id: PrimitiveIdType | None = None,
        text: str | None = None,
        send_email_notification: bool | None = True,
    ) -> None:
        """Take a moderation action against an account, or only warn it.

        Args:
            id: The account, or its ID.
            action: ``"disable"`` (no more logins, local accounts), ``"silence"`` (limit),
                ``"suspend"``, ``"sensitive"`` (force media sensitive), or ``None`` for a
                warning only.
            report_id: The report the action answers; it is resolved with it.
            warning_preset_id: A warning text the server has on file.
            text: The warning's text, for the account and the record.
            send_email_notification: Tell the account by e-mail.
        """
        check_text("action", action)
        check_text("text", text)
        form = {
            "report_id": id_of(report_id, "report_id") if report_id is not None else None,
            "warning_preset_id": warning_preset_id,
            "text": text,
            "send_email_notification": True if send_email_notification else None,
            "type": "none" if action is None else action,
        }
        self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/action", None, form=form)

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
        path = "/api/v1/admin/canonical_email_blocks/test"
        return self._call("POST", path, NonPaginatableList[AdminCanonicalEmailBlock], form={"email": email})

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
        path = f"/api/v1/admin/canonical_email_blocks/{id_of(id)}"
        return self._call("DELETE", path, AdminCanonicalEmailBlock)

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
        path = "/api/v1/admin/email_domain_blocks"
        return self._call("POST", path, AdminEmailDomainBlock, form={"domain": domain})

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
