"""The admin API: moderating accounts (moderator and admin tokens only)."""

from __future__ import annotations

from mastodon.methods._args import check_text, id_of
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, AdminAccount, AdminReport, IdType, PrimitiveIdType
from mastodon.versions import api_version

__all__ = ["AdminMixin"]

_Who = Account | AdminAccount | IdType


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
