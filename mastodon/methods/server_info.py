"""Asking the server which version it runs, and what time it is there."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from mastodon._http.request import send
from mastodon.errors import MastodonAPIError, MastodonNetworkError, MastodonVersionError
from mastodon.methods._base import MethodsBase
from mastodon.versions import parse_version_string, read_version_string

__all__ = ["VersionsMixin"]


class VersionsMixin(MethodsBase):
    """Server version discovery and checks."""

    def retrieve_mastodon_version(self, fail_hard: bool = False) -> str:
        """Ask the server for its version now and remember it.

        Args:
            fail_hard: Raise :class:`MastodonVersionError` when the version cannot be read,
                instead of assuming 1.0.0.

        Returns:
            The version string as the server reported it (``"1.0.0"`` when unknown).
        """
        # As Mastodon.py does: the version from the v1 document, then the v2 document, which
        # this client keeps as its cached description of the server.
        self._instance_cache = None
        v1 = self._fetch_instance("/api/v1/instance")
        v2 = self._fetch_instance("/api/v2/instance")
        raw = next((doc.get("version") for doc in (v1, v2) if isinstance(doc, Mapping) and "version" in doc), None)
        version = raw if isinstance(raw, str) else None
        self.version_check_worked = version is not None
        self._instance_cache = v2 if v2 is not None else v1
        self._remember_version(version or "1.0.0")
        if fail_hard and (version is None or read_version_string(version) is None):
            raise MastodonVersionError("could not read the server's version")
        return version or "1.0.0"

    def _fetch_instance(self, path: str) -> Any:
        """One instance document, or ``None`` when the server gives none that can be read."""
        from mastodon.return_types import Instance, InstanceV2

        try:
            return self._call("GET", path, InstanceV2 if path.startswith("/api/v2/") else Instance)
        except (MastodonAPIError, MastodonNetworkError):
            return None

    def verify_minimum_version(self, version_str: str, cached: bool = False) -> bool:
        """Whether the server runs at least ``version_str``.

        Args:
            version_str: The version to compare with, e.g. ``"4.0.0"``.
            cached: Use the version already known (asking only if none is); by default the
                server is asked again, as :meth:`retrieve_mastodon_version` does.

        Returns:
            ``True`` when the server's version is at least ``version_str``.
        """
        if not cached:
            self.retrieve_mastodon_version()
        return self._server_version_tuple() >= parse_version_string(version_str)

    def get_approx_server_time(self) -> datetime:
        """The server's clock, read from the ``Date`` header of a HEAD request to its root.

        No allowance is made for the time the answer took to arrive.

        Returns:
            The server time as a naive ``datetime`` in this machine's local time, as Mastodon.py
            gives it, so it compares with ``datetime.now()``.

        Raises:
            MastodonAPIError: The answer has no readable ``Date`` header.
        """
        response = send(self, "HEAD", self.api_base_url + "/", authenticated=False)
        server_time = _http_date(response.headers.get("Date"))
        if server_time is None:
            raise MastodonAPIError.build(
                response.status_code, response.reason, "No server time in response.", response=response
            )
        try:
            return server_time.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError, OSError):  # a date at the edge of what datetime holds
            return server_time.replace(tzinfo=None)


def _http_date(header: Any) -> datetime | None:
    """An HTTP ``Date`` header as an aware datetime; ``None`` when it is missing or unreadable."""
    if not isinstance(header, str) or not header.strip():
        return None
    try:
        parsed = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError, OverflowError):
        try:
            import dateutil.parser  # only here: importing it costs more than the rest of the client

            parsed = dateutil.parser.parse(header)
        except (TypeError, ValueError, OverflowError):
            return None
    # HTTP dates are in GMT; one written with "-0000" or without a zone parses as naive.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
