"""Lists: the logged-in user's named groups of followed accounts, each with its own timeline."""

from __future__ import annotations

import builtins
from datetime import datetime

from mastodon.methods._args import check_text, id_list, id_of, page_params
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, IdType, NonPaginatableList, PaginatableList, UserList
from mastodon.versions import api_version

__all__ = ["ListsMixin"]

_Bound = Account | IdType | datetime | None


class ListsMixin(MethodsBase):
    """Lists: the logged-in user's named groups of followed accounts (see :meth:`timeline_list`)."""

    @api_version("2.1.0", "2.1.0")
    def lists(self) -> NonPaginatableList[UserList]:
        """Fetch the logged-in user's lists.

        Returns:
            The lists.
        """
        return self._call("GET", "/api/v1/lists", NonPaginatableList[UserList])

    @api_version("2.1.0", "2.1.0")
    def list(self, id: UserList | IdType) -> UserList:
        """Fetch one list.

        Args:
            id: The list, or its ID.

        Returns:
            The list.
        """
        return self._call("GET", f"/api/v1/lists/{id_of(id)}", UserList)

    @api_version("2.1.0", "2.6.0")
    def list_accounts(
        self,
        id: UserList | IdType,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts on a list.

        Args:
            id: The list, or its ID.
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many accounts to return (the server's default is 40, at most 80; 0 for all).

        Returns:
            A page of accounts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._call("GET", f"/api/v1/lists/{id_of(id)}/accounts", PaginatableList[Account], params=params)

    @api_version("2.1.0", "4.2.0")
    def list_create(self, title: str, replies_policy: str = "list", exclusive: bool = False) -> UserList:
        """Make a new list.

        Args:
            title: Its name.
            replies_policy: Which replies its timeline shows: ``"list"`` (replies to members of
                the list), ``"followed"`` (replies to anyone the user follows) or ``"none"``.
            exclusive: Keep its members' posts out of the home timeline (Mastodon 4.2).

        Returns:
            The new list.
        """
        check_text("title", title, required=True)
        form = {"title": title, "replies_policy": replies_policy, "exclusive": exclusive}
        return self._call("POST", "/api/v1/lists", UserList, form=form)

    @api_version("2.1.0", "4.2.0")
    def list_update(
        self, id: UserList | IdType, title: str, replies_policy: str = "list", exclusive: bool = False
    ) -> UserList:
        """Rename a list or change its settings (the arguments are those of :meth:`list_create`).

        Args:
            id: The list, or its ID.
            title: Its name.
            replies_policy: ``"list"``, ``"followed"`` or ``"none"``.
            exclusive: Keep its members' posts out of the home timeline.

        Returns:
            The list afterwards.
        """
        check_text("title", title, required=True)
        form = {"title": title, "replies_policy": replies_policy, "exclusive": exclusive}
        return self._call("PUT", f"/api/v1/lists/{id_of(id)}", UserList, form=form)

    @api_version("2.1.0", "2.1.0")
    def list_delete(self, id: UserList | IdType) -> None:
        """Delete a list (its accounts stay followed).

        Args:
            id: The list, or its ID.
        """
        self._call("DELETE", f"/api/v1/lists/{id_of(id)}", None)

    @api_version("2.1.0", "2.1.0")
    def list_accounts_add(self, id: UserList | IdType, account_ids: builtins.list[Account | IdType]) -> None:
        """Put accounts on a list; the user must follow them.

        Args:
            id: The list, or its ID.
            account_ids: Accounts or IDs (one alone need not be in a list).
        """
        form = {"account_ids": id_list("account_ids", account_ids)}
        self._call("POST", f"/api/v1/lists/{id_of(id)}/accounts", None, form=form)

    @api_version("2.1.0", "2.1.0")
    def list_accounts_delete(self, id: UserList | IdType, account_ids: builtins.list[Account | IdType]) -> None:
        """Take accounts off a list.

        Args:
            id: The list, or its ID.
            account_ids: Accounts or IDs (one alone need not be in a list).
        """
        form = {"account_ids": id_list("account_ids", account_ids)}
        self._call("DELETE", f"/api/v1/lists/{id_of(id)}/accounts", None, form=form)
