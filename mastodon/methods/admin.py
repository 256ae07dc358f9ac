"""The admin API (moderators and admins): accounts, reports, blocks of domains, e-mail addresses and IPs,
trends review, hashtags and the dashboard's measures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import (
    bare_domain,
    check_choice,
    check_count,
    check_text,
    id_list,
    id_of,
    page_params,
    page_params_as_sent,
)
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    Account,
    AdminAccount,
    AdminCanonicalEmailBlock,
    AdminDimension,
    AdminDomainAllow,
    AdminDomainBlock,
    AdminEmailDomainBlock,
    AdminIpBlock,
    AdminMeasure,
    AdminReport,
    AdminRetention,
    IdType,
    NonPaginatableList,
    PaginatableList,
    PreviewCard,
    PrimitiveIdType,
    Status,
    Tag,
)
from mastodon.types_base import AttribAccessDict
from mastodon.versions import api_version

__all__ = ["AdminMixin"]

_Who = Account | AdminAccount | IdType
_Bound = IdType | datetime | None

# The values Mastodon knows; the reference refuses others too, or every server answers 422.
_ACCOUNT_STATUSES = ("active", "pending", "disabled", "silenced", "suspended")
_MODERATION_ACTIONS = ("none", "disable", "sensitive", "silence", "suspend")
_DOMAIN_SEVERITIES = ("noop", "silence", "suspend")
_IP_SEVERITIES = ("sign_up_requires_approval", "sign_up_block", "no_access")


class AdminMixin(MethodsBase):
    """The admin API: accounts, reports, domain, e-mail and IP blocks, trends review, hashtags and measures.

    Every method needs a token with the ``admin:read`` or ``admin:write`` scopes of a moderator
    or admin; the server answers 403 otherwise.
    """

    # -- accounts -------------------------------------------------------------------------------------

    @api_version("2.9.1", "4.0.0")
    def admin_accounts_v2(
        self,
        origin: str | None = None,
        by_domain: str | None = None,
        status: str | None = None,
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        ip: str | None = None,
        permissions: str | None = None,
        invited_by: _Who | None = None,
        role_ids: list[IdType] | None = None,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
    ) -> NonPaginatableList[AdminAccount]:
        """Search the accounts the server knows, as moderators see them (Mastodon 4.0 and later).

        Every filter given narrows the result; without any, the server returns local accounts.

        Args:
            origin: ``"local"`` or ``"remote"``.
            by_domain: Only accounts of this domain (``https://`` in front is dropped).
            status: ``"active"``, ``"pending"``, ``"disabled"``, ``"silenced"`` or ``"suspended"``.
            username: Only usernames containing this.
            display_name: Only display names containing this.
            email: Only this e-mail address (local accounts).
            ip: Only accounts last seen from this IP address (local accounts).
            permissions: ``"staff"`` for accounts with a staff role only.
            invited_by: Only accounts invited by this account (or its ID).
            role_ids: Only accounts with one of these roles.
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).

        Returns:
            A page of accounts.

        Raises:
            MastodonIllegalArgumentError: For an ``origin``, ``status`` or ``permissions`` no server knows.
        """
        check_choice("origin", origin, ("local", "remote"))
        check_choice("status", status, _ACCOUNT_STATUSES)
        check_choice("permissions", permissions, ("staff",))
        for name, value in (("username", username), ("display_name", display_name), ("email", email), ("ip", ip)):
            check_text(name, value)
        params = {
            "origin": origin,
            "by_domain": bare_domain("by_domain", by_domain),
            "status": status,
            "username": username,
            "display_name": display_name,
            "email": email,
            "ip": ip,
            "permissions": permissions,
            "invited_by": id_of(invited_by, "invited_by") if invited_by is not None else None,
            "role_ids": id_list("role_ids", role_ids) if role_ids is not None else None,
            **page_params(max_id, min_id, since_id, limit),
        }
        return self._call("GET", "/api/v2/admin/accounts", NonPaginatableList[AdminAccount], params=params)

    @api_version("2.9.1", "2.9.1")
    def admin_accounts_v1(
        self,
        remote: bool = False,
        by_domain: str | None = None,
        status: str = "active",
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        ip: str | None = None,
        staff_only: bool = False,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminAccount]:
        """Search the accounts the server knows through the first version of the endpoint.

        Deprecated by Mastodon since 3.5 in favour of :meth:`admin_accounts_v2`, and still
        answered. A ``False`` flag means "either way", not "not".

        Args:
            remote: Remote accounts instead of local ones.
            by_domain: Only accounts of this domain (``https://`` in front is dropped).
            status: ``"active"`` (the default), ``"pending"``, ``"disabled"``, ``"silenced"`` or
                ``"suspended"``.
            username: Only usernames containing this.
            display_name: Only display names containing this.
            email: Only this e-mail address (local accounts).
            ip: Only accounts last seen from this IP address (local accounts).
            staff_only: Only accounts with a staff role.
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).

        Returns:
            A page of accounts.

        Raises:
            MastodonIllegalArgumentError: For a ``status`` no server knows (a ``ValueError``).
        """
        if status not in _ACCOUNT_STATUSES:
            choices = ", ".join(repr(choice) for choice in _ACCOUNT_STATUSES)
            raise MastodonIllegalArgumentError(f"status must be one of {choices}; got {status!r}")
        for name, value in (("username", username), ("display_name", display_name), ("email", email), ("ip", ip)):
            check_text(name, value)
        params: dict[str, Any] = {
            "by_domain": bare_domain("by_domain", by_domain),
            "username": username,
            "display_name": display_name,
            "email": email,
            "ip": ip,
            **page_params(max_id, min_id, since_id, limit),
        }
        # The flags go as the text "True", after the rest, as Mastodon.py sends them; the
        # status is a flag of its own name.
        if remote:
            params["remote"] = "True"
        if staff_only:
            params["staff"] = "True"
        params[status] = "True"
        return self._call("GET", "/api/v1/admin/accounts", PaginatableList[AdminAccount], params=params)

    @api_version("2.9.1", "2.9.1")
    def admin_accounts(
        self,
        remote: bool = False,
        by_domain: str | None = None,
        status: str = "active",
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        ip: str | None = None,
        staff_only: bool = False,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
    ) -> PaginatableList[AdminAccount]:
        """The same as :meth:`admin_accounts_v1`, which it calls, as Mastodon.py does.

        It stays on the first version so that code written for it keeps its filters (``remote``,
        ``staff_only``); new code should call :meth:`admin_accounts_v2`.
        """
        return self.admin_accounts_v1(
            remote=remote,
            by_domain=by_domain,
            status=status,
            username=username,
            display_name=display_name,
            email=email,
            ip=ip,
            staff_only=staff_only,
            max_id=max_id,
            min_id=min_id,
            since_id=since_id,
            limit=limit,
        )

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
        check_choice("action", action, _MODERATION_ACTIONS)
        check_text("text", text)
        form = {
            "report_id": id_of(report_id, "report_id") if report_id is not None else None,
            "warning_preset_id": warning_preset_id,
            "text": text,
            "send_email_notification": True if send_email_notification else None,
            "type": "none" if action is None else action,
        }
        self._call("POST", f"/api/v1/admin/accounts/{id_of(id)}/action", None, form=form)

    # -- reports --------------------------------------------------------------------------------------

    @api_version("2.9.1", "4.6.0")
    def admin_reports(
        self,
        resolved: bool | None = False,
        account_id: _Who | None = None,
        target_account_id: _Who | None = None,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
        unresolved: bool | None = None,
    ) -> PaginatableList[AdminReport]:
        """Fetch reports; by default the open ones.

        ``resolved=True`` gives the resolved ones; with ``unresolved=True`` too, all of them.

        Args:
            resolved: Resolved reports.
            account_id: Only reports filed by this account (or its ID).
            target_account_id: Only reports about this account (or its ID).
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 100, at most 200).
            unresolved: Open reports (the default when ``resolved`` is not set).

        Returns:
            A page of reports.
        """
        params = {
            "resolved": True if resolved else None,
            "account_id": id_of(account_id, "account_id") if account_id is not None else None,
            "target_account_id": (
                id_of(target_account_id, "target_account_id") if target_account_id is not None else None
            ),
            **page_params_as_sent(max_id, min_id, since_id, limit),
            "unresolved": unresolved,
        }
        return self._call("GET", "/api/v1/admin/reports", PaginatableList[AdminReport], params=params)

    @api_version("2.9.1", "2.9.1")
    def admin_report(self, id: AdminReport | IdType) -> AdminReport:
        """Fetch a report with what moderators see of it.

        Args:
            id: The report, or its ID.

        Returns:
            The report.
        """
        return self._call("GET", f"/api/v1/admin/reports/{id_of(id)}", AdminReport)

    @api_version("3.5.0", "3.5.0")
    def admin_update_report(
        self, id: AdminReport | IdType, category: str | None = None, rule_ids: list[IdType] | None = None
    ) -> AdminReport:
        """Change a report's category, and the rules it says were broken. Not in Mastodon.py.

        Args:
            id: The report, or its ID.
            category: ``"spam"``, ``"legal"``, ``"violation"`` or ``"other"``.
            rule_ids: For ``"violation"``: the server rules broken (see :meth:`instance_rules`).

        Returns:
            The report afterwards.
        """
        check_text("category", category)
        form = {"category": category, "rule_ids": id_list("rule_ids", rule_ids) if rule_ids is not None else None}
        return self._call("PUT", f"/api/v1/admin/reports/{id_of(id)}", AdminReport, form=form)

    @api_version("2.9.1", "2.9.1")
    def admin_report_assign(self, id: AdminReport | IdType) -> AdminReport:
        """Take a report on: assign it to the account whose token this is.

        Args:
            id: The report, or its ID.

        Returns:
            The report afterwards.
        """
        return self._call("POST", f"/api/v1/admin/reports/{id_of(id)}/assign_to_self", AdminReport)

    @api_version("2.9.1", "2.9.1")
    def admin_report_unassign(self, id: AdminReport | IdType) -> AdminReport:
        """Leave a report to no one.

        Args:
            id: The report, or its ID.

        Returns:
            The report afterwards.
        """
        return self._call("POST", f"/api/v1/admin/reports/{id_of(id)}/unassign", AdminReport)

    @api_version("2.9.1", "2.9.1")
    def admin_report_reopen(self, id: AdminReport | IdType) -> AdminReport:
        """Open a resolved report again.

        Args:
            id: The report, or its ID.

        Returns:
            The report afterwards.
        """
        return self._call("POST", f"/api/v1/admin/reports/{id_of(id)}/reopen", AdminReport)

    @api_version("2.9.1", "2.9.1")
    def admin_report_resolve(self, id: AdminReport | IdType) -> AdminReport:
        """Close a report without acting on the account (see :meth:`admin_account_moderate` to act).

        Args:
            id: The report, or its ID.

        Returns:
            The report afterwards.
        """
        return self._call("POST", f"/api/v1/admin/reports/{id_of(id)}/resolve", AdminReport)

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
