"""Reporting accounts and posts to the server's moderators."""

from __future__ import annotations

from typing import Any

from mastodon.errors import MastodonVersionError
from mastodon.methods._args import check_choice, check_text, id_list, id_of, text_list
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, Report, Status
from mastodon.types_base import IdType, NonPaginatableList
from mastodon.versions import api_version

__all__ = ["REPORT_CATEGORIES", "ReportsMixin"]

#: The reasons a report can give.
REPORT_CATEGORIES = ("spam", "legal", "violation", "other")


class ReportsMixin(MethodsBase):
    """Reporting accounts and posts to the server's moderators."""

    @api_version("1.1.0", "1.1.0")
    def reports(self) -> NonPaginatableList[Report]:
        """Fetch the reports the logged-in user has filed.

        Only servers before Mastodon 2.5.0 offer this.

        Returns:
            The reports.

        Raises:
            MastodonVersionError: The server is 2.5.0 or later, where the endpoint is gone.
        """
        if self._version_at_least("2.5.0"):
            raise MastodonVersionError("listing one's own reports was removed in Mastodon 2.5.0")
        return self._call("GET", "/api/v1/reports", NonPaginatableList[Report])

    @api_version("1.1.0", "4.6.0")
    def report(
        self,
        account_id: Account | IdType,
        status_ids: Status | IdType | list[Status | IdType] | None = None,
        comment: str | None = None,
        forward: bool = False,
        category: str | None = None,
        rule_ids: list[IdType] | None = None,
        forward_to_domains: list[str] | None = None,
        collection_ids: list[IdType] | None = None,
    ) -> Report:
        """Report an account (and optionally some of its posts) to the moderators.

        Args:
            account_id: The account to report, or its ID.
            status_ids: Posts by that account that show the problem (one or a list).
            comment: Why the account is reported (the server's default limit is 1000 characters).
            forward: For a remote account, send the report to its server's moderators too.
            category: ``"spam"``, ``"legal"`` (illegal content), ``"violation"`` (of server
                rules, then ``rule_ids`` is needed) or ``"other"``.
            rule_ids: The IDs of the broken rules (see the instance's ``rules``).
            forward_to_domains: With ``forward``, the remote domains to send the report to.
            collection_ids: Collections that show the problem.

        Returns:
            The report as filed.
        """
        check_choice("category", category, REPORT_CATEGORIES)
        rules = id_list("rule_ids", rule_ids) if rule_ids is not None else None
        check_text("comment", comment)
        form: dict[str, Any] = {
            "account_id": id_of(account_id, "account_id"),
            "status_ids": id_list("status_ids", status_ids) if status_ids is not None else None,
            "comment": comment,
            "forward": True if forward else None,
            "category": category,
            "rule_ids": rules,
            "forward_to_domains": text_list("forward_to_domains", forward_to_domains),
            "collection_ids": id_list("collection_ids", collection_ids) if collection_ids is not None else None,
        }
        return self._call("POST", "/api/v1/reports/", Report, form=form)
