"""The admin API, accounts and reports: searching and moderating accounts, handling reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import (
    bare_domain,
    check_choice,
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
    AdminReport,
    IdType,
    NonPaginatableList,
    PaginatableList,
    PrimitiveIdType,
)
from mastodon.versions import api_version

__all__ = ["AdminAccountsMixin"]

_Who = Account | AdminAccount | IdType
_Bound = IdType | datetime | None

# The values Mastodon knows; the reference refuses others too.
_ACCOUNT_STATUSES = ("active", "pending", "disabled", "silenced", "suspended")
_MODERATION_ACTIONS = ("none", "disable", "sensitive", "silence", "suspend")


class AdminAccountsMixin(MethodsBase):
    """The admin API, accounts and reports: searching and moderating accounts, handling reports.

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
