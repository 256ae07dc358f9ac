"""Follow suggestions for the logged-in user."""

from __future__ import annotations

from typing import Any

from mastodon.methods._args import id_of
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, IdType, NonPaginatableList, Suggestion
from mastodon.versions import api_version, unchecked

__all__ = ["SuggestionsMixin"]


class SuggestionsMixin(MethodsBase):
    """Follow suggestions for the logged-in user."""

    @api_version("2.4.3", "2.4.3")
    def suggestions_v1(self) -> NonPaginatableList[Account]:
        """Accounts suggested to follow, in the original (v1) form.

        Returns:
            The accounts.
        """
        return self._call("GET", "/api/v1/suggestions", NonPaginatableList[Account])

    @api_version("3.4.0", "3.4.0")
    def suggestions_v2(self) -> NonPaginatableList[Suggestion]:
        """Accounts suggested to follow, each with the reasons it is suggested.

        Returns:
            The suggestions.
        """
        return self._call("GET", "/api/v2/suggestions", NonPaginatableList[Suggestion])

    def suggestions(self) -> NonPaginatableList[Suggestion] | NonPaginatableList[Account]:
        """Accounts suggested to follow, whichever the server's version offers.

        From Mastodon 3.4.0 the v2 suggestions are asked for and their accounts returned; before,
        the v1 accounts.

        Returns:
            The suggested accounts (a plain list from v2 servers, as Mastodon.py gives it).
        """
        if self._version_at_least("3.4.0"):
            found: Any = [suggestion["account"] for suggestion in unchecked(SuggestionsMixin.suggestions_v2)(self)]
            return found  # type: ignore[no-any-return]
        accounts: NonPaginatableList[Account] = unchecked(SuggestionsMixin.suggestions_v1)(self)
        return accounts

    @api_version("2.4.3", "2.4.3")
    def suggestion_delete(self, account_id: Account | IdType) -> None:
        """Stop suggesting an account.

        Args:
            account_id: The account, or its ID.
        """
        self._call("DELETE", f"/api/v1/suggestions/{id_of(account_id, 'account_id')}", None)
