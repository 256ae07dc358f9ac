"""Endorsements: the accounts the logged-in user features on their profile."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, NonPaginatableList
from mastodon.versions import api_version

__all__ = ["EndorsementsMixin"]


class EndorsementsMixin(MethodsBase):
    """Endorsements: the accounts the logged-in user features on their profile."""

    @api_version("2.5.0", "2.5.0")
    def endorsements(self) -> NonPaginatableList[Account]:
        """Fetch the accounts the logged-in user endorses (features on their profile).

        Returns:
            The endorsed accounts.
        """
        return self._call("GET", "/api/v1/endorsements", NonPaginatableList[Account])
