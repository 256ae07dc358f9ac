"""Annual reports ("Wrapstodon"): the logged-in user's year on the server."""

from __future__ import annotations

from typing import Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._base import MethodsBase
from mastodon.return_types import AnnualReportState, EmptyResponse, WrappedAnnualReports
from mastodon.versions import api_version

__all__ = ["AnnualReportsMixin"]


def _year(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year < 0:
        raise MastodonIllegalArgumentError(f"year must be a year such as 2024, not {year!r}")
    return year


class AnnualReportsMixin(MethodsBase):
    """Annual reports ("Wrapstodon"): the logged-in user's year on the server."""

    @api_version("4.3.0", "4.3.0")
    def annual_reports(self) -> WrappedAnnualReports:
        """The user's annual reports, with the accounts and statuses they refer to.

        Returns:
            The reports.
        """
        return self._call("GET", "/api/v1/annual_reports", WrappedAnnualReports)

    @api_version("4.4.0", "4.4.0")
    def annual_report(self, year: int) -> WrappedAnnualReports:
        """The user's report for one year.

        Args:
            year: The year.

        Returns:
            The report, wrapped as :meth:`annual_reports` gives them.
        """
        return self._call("GET", f"/api/v1/annual_reports/{_year(year)}", WrappedAnnualReports)

    @api_version("4.6.0", "4.6.0")
    def annual_report_state(self, year: int) -> AnnualReportState:
        """Whether the report for a year can be made, is being made, or is ready.

        Args:
            year: The year.

        Returns:
            The state.
        """
        return self._call("GET", f"/api/v1/annual_reports/{_year(year)}/state", AnnualReportState)

    @api_version("4.3.0", "4.3.0")
    def annual_report_read(self, year: int) -> None:
        """Mark the report for a year as seen.

        Args:
            year: The year.
        """
        self._call("POST", f"/api/v1/annual_reports/{_year(year)}/read", None)

    @api_version("4.6.0", "4.6.0")
    def annual_report_generate(self, year: int) -> EmptyResponse:
        """Ask the server to make the report for a year (see :meth:`annual_report_state`).

        Args:
            year: The year.

        Returns:
            An empty result.
        """
        return self._call("POST", f"/api/v1/annual_reports/{_year(year)}/generate", EmptyResponse)
