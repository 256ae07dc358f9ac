"""Asking the server which version it runs, and what time it is there."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from mastodon._http.request import send
from mastodon.errors import MastodonVersionError
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
        self._instance_cache = None
        given = self._mastodon_version_given
        self._mastodon_version_given = False
        try:
            version = self._fetch_version()
        finally:
            self._mastodon_version_given = given
        if fail_hard and (not self.version_check_worked or read_version_string(version) is None):
            raise MastodonVersionError("could not read the server's version")
        return version

    def verify_minimum_version(self, version_str: str, cached: bool = False) -> bool:
        """Whether the server runs at least ``version_str``.

        Args:
            version_str: The version to compare with, e.g. ``"4.0.0"``.
            cached: Use the version already known (asking only if none is); by default the
                server is asked again, unless a version was given to the constructor.

        Returns:
            ``True`` when the server's version is at least ``version_str``.
        """
        if not cached and not self._mastodon_version_given:
            self.retrieve_mastodon_version()
        return self._server_version_tuple() >= parse_version_string(version_str)

    def get_approx_server_time(self) -> datetime:
        """The server's clock, read from the ``Date`` header of a HEAD request to its root.

        Returns:
            The server time (this machine's time when the server sends no usable header).
        """
        response = send(self, "HEAD", self.api_base_url + "/", authenticated=False)
        header = response.headers.get("Date")
        if header:
            try:
                return parsedate_to_datetime(header).astimezone(UTC)
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        return datetime.now(UTC)
